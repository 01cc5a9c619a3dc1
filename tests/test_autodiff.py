"""calcopt.autodiff: properties of the derivatives, the modes' agreement, nesting and shapes.

Exact derivatives against sympy are in test_autodiff_catalogue.py, error messages in
test_autodiff_errors.py and graphs in test_autodiff_trace.py.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import calcopt.autodiff as ad

from .test_autodiff_catalogue import SCALAR, VECTOR, N, assert_close

coordinates = st.lists(st.floats(0.5, 1.5), min_size=N, max_size=N).map(np.array)
directions = st.lists(st.floats(-2.0, 2.0), min_size=N, max_size=N).map(np.array)
coefficients = st.floats(-3.0, 3.0)


def traced(name: str, catalogue=SCALAR):
    """The catalogue function ``name`` written with calcopt.autodiff."""
    return lambda x: catalogue[name](x, ad)


@given(
    st.sampled_from(sorted(SCALAR)),
    st.sampled_from(sorted(SCALAR)),
    coefficients,
    coefficients,
    coordinates,
)
def test_gradient_is_linear(f, g, a, b, x):
    combined = ad.grad(lambda z: a * traced(f)(z) + b * traced(g)(z))(x)
    separate = a * ad.grad(traced(f))(x) + b * ad.grad(traced(g))(x)
    assert_close(combined, separate, "grad(a f + b g) = a grad f + b grad g", tol=1e-12)


@given(st.sampled_from(sorted(SCALAR)), st.sampled_from(sorted(SCALAR)), coordinates)
def test_product_rule(f, g, x):
    (fx, dfx), (gx, dgx) = ad.value_and_grad(traced(f))(x), ad.value_and_grad(traced(g))(x)
    product = ad.grad(lambda z: traced(f)(z) * traced(g)(z))(x)
    assert_close(product, fx * dgx + gx * dfx, "grad(f g) = f grad g + g grad f", tol=1e-12)


@given(st.sampled_from(sorted(VECTOR)), coordinates, directions, st.randoms())
def test_jvp_and_vjp_agree(name, x, v, random):
    F = traced(name, VECTOR)
    value, jv = ad.jvp(F, x, v)
    u = np.array([random.uniform(-2, 2) for _ in range(value.size)]).reshape(value.shape)
    _, pullback = ad.vjp(F, x)
    assert_close(np.sum(u * jv), np.sum(pullback(u) * v), "u . (J v) = (u^T J) . v", 1e-12)


@pytest.mark.parametrize("name", sorted(VECTOR))
def test_forward_and_reverse_jacobians_agree(name, rng):
    x = rng.uniform(0.5, 1.5, N)
    forward, reverse = (
        ad.jacobian(traced(name, VECTOR), mode)(x) for mode in ("forward", "reverse")
    )
    assert_close(forward, reverse, "forward and reverse mode give the same Jacobian", 1e-13)


def test_jvp_is_the_gradient_along_v_for_a_scalar_function(rng):
    x, v = rng.uniform(0.5, 1.5, N), rng.standard_normal(N)
    for name in SCALAR:
        _, slope = ad.jvp(traced(name), x, v)
        assert_close(slope, ad.grad(traced(name))(x) @ v, f"jvp of '{name}' is grad . v", 1e-12)


def test_hvp_equals_the_jacobian_of_the_gradient_in_either_mode(rng):
    x, v = rng.uniform(0.5, 1.5, N), rng.standard_normal(N)
    f = traced("matrix @ vector")
    by_forward = ad.jacobian(ad.grad(f), "forward")(x)  # forward over reverse
    by_reverse = ad.jacobian(ad.grad(f), "reverse")(x)  # reverse over reverse
    assert_close(by_forward, by_reverse, "a Hessian by either mode is the same")
    assert_close(by_forward, by_forward.T, "a Hessian is symmetric")
    assert_close(ad.hvp(f, x, v), by_forward @ v, "hvp is H v")


def test_nested_derivatives_of_the_same_mode_stay_apart():
    # d/dx [x * d/dy (x y)] = d/dx x^2 = 2x: an inner derivative must not see the outer tangent.
    def forward(x):
        return x * ad.jvp(lambda y: x * y, 2.0, 1.0)[1]

    def reverse(x):
        return x * ad.grad(lambda y: x * y)(2.0)

    assert ad.jvp(forward, 3.0, 1.0)[1] == 6.0, "nested jvp: d/dx x^2 = 2x at 3"
    assert ad.grad(reverse)(3.0) == 6.0, "nested grad: d/dx x^2 = 2x at 3"


@pytest.mark.parametrize(
    ("shape", "constant_shape"), [((3,), (2, 3)), ((2, 1), (2, 3)), ((1, 3), (4, 1, 3)), ((), (2,))]
)
def test_broadcast_operands_get_adjoints_of_their_own_shape(shape, constant_shape, rng):
    x, constant = rng.standard_normal(shape), rng.standard_normal(constant_shape)
    gradient = ad.grad(lambda z: ad.sum(z * constant))(x)
    expected = np.zeros(shape)  # sum(z * constant) is linear: its slope along each unit e_k
    for k in np.ndindex(shape):
        unit = np.zeros(shape)
        unit[k] = 1.0
        expected[k] = np.sum(unit * constant)
    assert_close(gradient, expected, "the adjoint of a broadcast operand is summed to its shape")


def test_a_scalar_point_gives_float_results():
    x = 1.3
    value, slope = ad.value_and_grad(lambda z: z * ad.sin(z))(x)
    assert isinstance(value, float) and isinstance(slope, float), "scalars come back as floats"
    assert slope == pytest.approx(np.sin(x) + x * np.cos(x), abs=1e-15), "(x sin x)' at 1.3"


def test_a_matrix_point_gives_a_gradient_of_its_shape(rng):
    X, A = rng.standard_normal((2, 3)), rng.standard_normal((3, 2))
    gradient = ad.grad(lambda Z: ad.sum(Z @ A))(X)
    assert_close(gradient, np.tile(A.sum(axis=1), (2, 1)), "d sum(XA)/dX_ij = sum_k A_jk")


def test_constant_functions_have_zero_derivatives():
    assert ad.grad(lambda x: 3.0)([1.0, 2.0]).tolist() == [0.0, 0.0], "grad of a constant"
    assert ad.jvp(lambda x: np.ones(2), [1.0], [1.0])[1].tolist() == [0.0, 0.0], "jvp of one"
    assert ad.vjp(lambda x: 2.0, [1.0, 2.0])[1](1.0).tolist() == [0.0, 0.0], "vjp of one"


def test_relu_has_slope_zero_at_zero():
    slopes = ad.grad(lambda x: ad.sum(ad.relu(x)))(np.array([-1.0, 0.0, 2.0]))
    assert slopes.tolist() == [0.0, 0.0, 1.0], "relu' is 0 below 0, 0 at 0 (convention), 1 above"


def test_sqrt_and_powers_are_differentiable_away_from_zero():
    assert ad.grad(lambda x: ad.sqrt(x))(0.25) == 1.0, "sqrt'(1/4) = 1/(2 sqrt(1/4)) = 1"
    assert ad.grad(lambda x: x**2)(0.0) == 0.0, "x^2 has slope 0 at 0"
    assert ad.grad(lambda x: x**1)(0.0) == 1.0, "x^1 has slope 1 at 0"
    assert ad.grad(lambda x: (-x) ** 3)(1.0) == -3.0, "negative bases with integer powers"


def test_operators_from_numpy_arrays_and_numpy_scalars_are_traced(rng):
    A, x = rng.standard_normal((2, 2)), rng.standard_normal(2)
    gradient = ad.grad(lambda z: ad.sum(A @ z + np.float64(2.0) * z - np.ones(2) / (2 + z**2)))(x)
    expected = A.sum(axis=0) + 2.0 + 2 * x / (2 + x**2) ** 2
    assert_close(gradient, expected, "array @ x, numpy scalar * x and array / x are traced")


def test_comparisons_give_plain_booleans():
    def f(x):
        assert (x > 0).tolist() == [True, False], "a comparison compares the values"
        return ad.sum(x * (x > 0))

    assert ad.grad(f)([2.0, -1.0]).tolist() == [1.0, 0.0], "masks are constants"


def test_numpy_functions_that_read_only_the_shape_work_on_traced_values():
    def f(x):
        assert np.shape(x) == (2,) and np.ndim(x) == 1 and np.size(x) == 2, "shape functions"
        return ad.sum(x * (np.ones_like(x) + np.zeros_like(x)))

    assert ad.grad(f)([1.0, 2.0]).tolist() == [1.0, 1.0], "ones_like gives a constant"
