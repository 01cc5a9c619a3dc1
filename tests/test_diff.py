"""Numerical differentiation against sympy's exact derivatives."""

import itertools
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import calcopt as co
from calcopt.functions import booth, himmelblau, rosenbrock

t = sp.Symbol("t", real=True)
ONE_VARIABLE = [sp.exp(t), sp.sin(3 * t) + t**2, t**3 - 2 * t, sp.log(1 + t**2), sp.atan(t) * t]
POINTS = [-1.7, -0.3, 0.4, 1.0, 2.5]


def relative_error(estimate, exact):
    exact = np.asarray(exact, dtype=float)
    return np.linalg.norm(np.asarray(estimate) - exact) / max(np.linalg.norm(exact), 1e-300)


@pytest.mark.parametrize("expr", ONE_VARIABLE, ids=str)
@pytest.mark.parametrize(
    ("method", "bound"),
    [("forward", 1e-6), ("backward", 1e-6), ("central", 1e-8), ("complex", 1e-13)],
)
def test_derivative_matches_sympy(expr, method, bound):
    f = sp.lambdify(t, expr, "numpy")
    exact = sp.lambdify(t, sp.diff(expr, t), "numpy")
    for x in POINTS:
        assert abs(co.derivative(f, x, method=method) - exact(x)) <= bound * max(1, abs(exact(x)))


def test_derivative_is_elementwise_on_arrays():
    xs = np.linspace(-2, 2, 7)
    np.testing.assert_allclose(co.derivative(np.sin, xs), np.cos(xs), rtol=1e-9, atol=1e-10)


def test_default_step_scales_with_x():
    # A fixed step of about 6e-6 would lose every digit at x = 1e8; the scaled one keeps them.
    x = 1e8
    assert co.derivative(lambda z: z**2, x) == pytest.approx(2 * x, rel=1e-8)


def test_central_difference_error_is_v_shaped_on_exp():
    """Truncation dominates for large h, rounding for small h; the best h is near eps**(1/3)."""
    steps = np.logspace(-1, -14, 27)
    errors = np.array([abs(co.derivative(np.exp, 1.0, h=h) - math.e) for h in steps])
    best = steps[np.argmin(errors)]
    assert 1e-7 <= best <= 1e-4
    assert errors.min() < 1e-10
    assert errors[0] > 1e3 * errors.min() and errors[-1] > 1e3 * errors.min()


@pytest.mark.parametrize("h", [1e-8, 1e-20, 1e-100])
def test_complex_step_reaches_machine_precision_for_tiny_h(h):
    assert abs(co.derivative(np.exp, 1.0, h=h, method="complex") - math.e) <= 4.5e-16


x1, x2, x3 = sp.symbols("x1 x2 x3", real=True)
SMOOTH = [
    (x1**2 * x2 + sp.sin(x1 * x2), (x1, x2)),
    (sp.exp(x1 - x2) + x1 * x2**3, (x1, x2)),
    (sp.log(1 + x1**2 + x2**2) * sp.cos(x3) + x1 * x2 * x3, (x1, x2, x3)),
    (rosenbrock.expr, rosenbrock.variables),
    (himmelblau.expr, himmelblau.variables),
]
VECTOR_POINTS = [(-1.2, 1.0, 0.5), (0.3, -0.7, 1.1), (1.5, 0.9, -0.4)]


def _numeric(expr, variables):
    f = sp.lambdify(variables, expr, "numpy")
    return lambda z: f(*z)


@pytest.mark.parametrize(("expr", "variables"), SMOOTH, ids=lambda v: str(v)[:30])
def test_gradient_and_hessian_meet_the_accuracy_targets(expr, variables):
    f = _numeric(expr, variables)
    grad = _numeric(sp.Matrix([sp.diff(expr, v) for v in variables]), variables)
    hess = _numeric(sp.hessian(expr, variables), variables)
    for p in VECTOR_POINTS:
        x = np.array(p[: len(variables)])
        exact_g = np.ravel(grad(x)).astype(float)
        assert relative_error(co.gradient(f, x), exact_g) <= 1e-8
        assert relative_error(co.gradient(f, x, method="complex"), exact_g) <= 1e-13
        assert relative_error(co.hessian(f, x), np.array(hess(x), dtype=float)) <= 1e-5


def test_partial_matches_sympy():
    expr = x1**3 * x2 - sp.exp(x2) * x1
    f = _numeric(expr, (x1, x2))
    for i, v in enumerate((x1, x2)):
        exact = float(sp.diff(expr, v).subs({x1: 0.7, x2: -1.3}))
        assert co.partial(f, [0.7, -1.3], i) == pytest.approx(exact, rel=1e-9)


def test_jacobian_matches_sympy_and_has_shape_m_by_n():
    F = sp.Matrix([x1 * x2, sp.sin(x1) + x2**2, sp.exp(x1 - x2)])
    numeric = _numeric(F, (x1, x2))
    exact = np.array(F.jacobian([x1, x2]).subs({x1: 0.5, x2: -0.25}), dtype=float)
    J = co.jacobian(lambda z: np.ravel(numeric(z)), [0.5, -0.25])
    assert J.shape == (3, 2)
    assert relative_error(J, exact) <= 1e-9


def test_jacobian_of_a_scalar_function_is_one_row():
    assert co.jacobian(lambda z: z[0] * z[1], [2.0, 3.0]).shape == (1, 2)


coordinates = st.floats(-2, 2, allow_nan=False)
vectors = st.tuples(coordinates, coordinates).filter(lambda v: np.hypot(*v) > 1e-3)


@given(point=st.tuples(coordinates, coordinates), v=vectors)
def test_directional_derivative_is_gradient_dot_unit_vector(point, v):
    u = np.array(v) / np.linalg.norm(v)
    expected = himmelblau.gradient(np.array(point)) @ u
    got = co.directional_derivative(himmelblau, point, v)
    assert got == pytest.approx(expected, rel=1e-7, abs=1e-6)


@given(point=st.tuples(coordinates, coordinates), v=vectors, scale=st.floats(0.01, 100))
def test_directional_derivative_ignores_the_length_of_v(point, v, scale):
    a = co.directional_derivative(booth, point, v)
    b = co.directional_derivative(booth, point, np.array(v) * scale)
    assert a == pytest.approx(b, rel=1e-6, abs=1e-6)


#: Each function with its exact Hessian, whose mixed partials are not identically zero.
MIXED = [(_numeric(e, v), _numeric(sp.hessian(e, v), v), len(v)) for e, v in SMOOTH]


@pytest.mark.parametrize(("f", "exact_hessian", "n"), MIXED, ids=[str(e)[:30] for e, _ in SMOOTH])
@given(point=st.tuples(coordinates, coordinates, coordinates))
def test_hessian_mixed_partials_match_sympy_in_either_order(f, exact_hessian, n, point):
    """H[i, j] and H[j, i] both equal the exact mixed partial (Schwarz: the order does not matter).

    ``hessian`` symmetrises its estimate, so comparing H with H.T could never fail; comparing each
    off-diagonal entry with sympy's fails if either order of differentiation is estimated wrongly.
    """
    x = np.array(point[:n])
    exact = np.array(exact_hessian(x), dtype=float)
    H = co.hessian(f, x)
    tolerance = 1e-5 * max(1.0, np.abs(exact).max())
    for i, j in itertools.permutations(range(n), 2):
        assert abs(H[i, j] - exact[i, j]) <= tolerance, (
            f"H[{i}, {j}] must be the mixed partial d2f/dx{i}dx{j} = {exact[i, j]:.9g} "
            f"within {tolerance:.1e} at x = {x}; hessian gave {H[i, j]:.9g}"
        )


def test_partial_derivatives_are_the_axis_directions():
    x = [0.4, -1.1]
    for i, axis in enumerate(np.eye(2)):
        assert co.directional_derivative(rosenbrock, x, axis) == pytest.approx(
            co.partial(rosenbrock, x, i), rel=1e-9
        )


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: co.derivative(3.0, 1.0), TypeError, "f must be callable"),
        (lambda: co.derivative(np.sin, 1.0, method="fancy"), ValueError, "method must be one of"),
        (lambda: co.derivative(np.sin, 1.0, h=0.0), ValueError, "h must be a positive"),
        (lambda: co.derivative(np.sin, 1.0, h=-1e-3), ValueError, "h must be a positive"),
        (lambda: co.derivative(np.sin, np.nan), ValueError, "x must be finite"),
        (lambda: co.derivative(np.sin, "1.0"), TypeError, "x must contain numbers"),
        (lambda: co.derivative(np.sin, 1 + 2j), TypeError, "x must be real"),
        (lambda: co.derivative(lambda z: [z, z], 1.0), ValueError, "elementwise"),
        (lambda: co.derivative(np.log, 0.0), ValueError, "f is not finite"),
        (lambda: co.derivative(math.sin, 1.0, method="complex"), ValueError, "complex input"),
        (lambda: co.derivative(lambda z: abs(z), 1.0, method="complex"), ValueError, "complex"),
        (
            lambda: co.gradient(lambda z: z, [1.0, 2.0]),
            ValueError,
            "gradient needs a scalar-valued",
        ),
        (lambda: co.gradient(lambda z: z, [1.0, 2.0]), ValueError, "use jacobian"),
        (lambda: co.gradient(np.sum, [[1.0, 2.0]]), ValueError, "x must be a 1-D array"),
        (lambda: co.gradient(np.sum, []), ValueError, "x must be a 1-D array"),
        (lambda: co.hessian(lambda z: z, [1.0, 2.0]), ValueError, "hessian needs a scalar-valued"),
        (lambda: co.partial(np.sum, [1.0, 2.0], 2), ValueError, "i must be an index"),
        (lambda: co.partial(np.sum, [1.0, 2.0], 0.5), TypeError, "i must be an integer"),
        (lambda: co.directional_derivative(np.sum, [1.0, 2.0], [0, 0]), ValueError, "nonzero"),
        (
            lambda: co.directional_derivative(np.sum, [1.0, 2.0], [1, 0, 0]),
            ValueError,
            "v must have 2",
        ),
        (lambda: co.jacobian(lambda z: np.ones((2, 2)), [1.0, 2.0]), ValueError, "1-D array"),
        (lambda: co.jacobian(None, [1.0]), TypeError, "F must be callable"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_jacobian_messages_name_F():
    with pytest.raises(ValueError, match="method='complex' needs F"):
        co.jacobian(lambda z: np.array([math.exp(z[0]), z[1]]), [1.0, 2.0], method="complex")
