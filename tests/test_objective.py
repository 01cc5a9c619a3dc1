"""Objectives: vectorised evaluation, exact derivatives, the catalogue's reference numbers."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import rosen, rosen_der, rosen_hess

import calcopt as co
from calcopt import functions as fn
from calcopt.objective import require_objective

x, y = sp.symbols("x y", real=True)


def test_rosenbrock_reference_numbers():
    assert fn.rosenbrock([-1.2, 1.0]) == pytest.approx(24.2, rel=1e-14)
    assert fn.rosenbrock([1.0, 1.0]) == 0.0
    H = fn.rosenbrock.hessian([1.0, 1.0])
    np.testing.assert_array_equal(H, [[802.0, -400.0], [-400.0, 200.0]])
    np.testing.assert_allclose(np.linalg.eigvalsh(H), [0.39936, 1001.60], rtol=1e-5)


def test_rosenbrock_n_matches_scipy_rosen():
    f = fn.rosenbrock_n(5)
    p = np.array([1.3, 0.7, 0.8, 1.9, 1.2])
    assert f(p) == pytest.approx(848.22, rel=1e-12)
    assert f(p) == pytest.approx(rosen(p), rel=1e-14)
    np.testing.assert_allclose(f.gradient(p), rosen_der(p), rtol=1e-13)
    np.testing.assert_allclose(f.hessian(p), rosen_hess(p), rtol=1e-13)


def test_booth_is_the_quadratic_with_hessian_10_8_8_10():
    np.testing.assert_array_equal(fn.booth.hessian([0.3, -2.0]), [[10.0, 8.0], [8.0, 10.0]])
    assert fn.booth.curvature == pytest.approx((2.0, 18.0))
    assert fn.booth([1.0, 3.0]) == 0.0


def test_saddles():
    np.testing.assert_array_equal(np.linalg.eigvalsh(fn.saddle.hessian([0.0, 0.0])), [-2.0, 2.0])
    np.testing.assert_array_equal(fn.monkey_saddle.hessian([0.0, 0.0]), np.zeros((2, 2)))
    np.testing.assert_array_equal(fn.monkey_saddle.gradient([0.0, 0.0]), [0.0, 0.0])


def test_curvature_is_none_when_the_hessian_varies():
    assert fn.rosenbrock.curvature is None


def test_evaluation_broadcasts_over_a_grid_like_a_loop():
    X, Y, Z = fn.himmelblau.grid(num=30)
    loop = np.array([fn.himmelblau(p) for p in np.column_stack([X.ravel(), Y.ravel()])])
    loop = loop.reshape(X.shape)
    np.testing.assert_allclose(Z, loop, rtol=1e-14)
    assert fn.himmelblau.gradient(np.stack([X, Y])).shape == (2, 30, 30)
    assert fn.booth.hessian(np.stack([X, Y])).shape == (2, 2, 30, 30)


def test_one_variable_objectives_act_elementwise():
    xs = np.linspace(-2, 2, 9)
    np.testing.assert_allclose(fn.wavy(xs), np.sin(3 * xs) + xs**2 / 10)
    np.testing.assert_allclose(fn.wavy.gradient(xs), 3 * np.cos(3 * xs) + xs / 5)
    np.testing.assert_allclose(fn.wavy.hessian(xs), -9 * np.sin(3 * xs) + 0.2)
    assert fn.cubic.hessian(2.0) == 12.0


points = st.tuples(st.floats(-3, 3), st.floats(-3, 3))


@given(p=points)
def test_exact_gradient_and_hessian_agree_with_finite_differences(p):
    for f in (fn.rosenbrock, fn.himmelblau, fn.peano):
        np.testing.assert_allclose(co.gradient(f, p), f.gradient(p), rtol=1e-7, atol=1e-6)
        np.testing.assert_allclose(co.hessian(f, p), f.hessian(p), rtol=1e-5, atol=1e-4)


@given(p=points)
def test_exact_derivatives_match_sympy_lambdify(p):
    expr = fn.himmelblau.expr
    grad = [float(sp.diff(expr, v).subs({x: p[0], y: p[1]})) for v in (x, y)]
    np.testing.assert_allclose(fn.himmelblau.gradient(p), grad, rtol=1e-12, atol=1e-9)


def test_quadratic_has_gradient_ax_plus_b_and_minimiser():
    A, b = np.array([[3.0, 1.0], [1.0, 2.0]]), np.array([1.0, -1.0])
    q = fn.quadratic(A, b, c=4.0)
    p = np.array([0.7, -0.2])
    assert q(p) == pytest.approx(0.5 * p @ A @ p + b @ p + 4.0)
    np.testing.assert_allclose(q.gradient(p), A @ p + b)
    np.testing.assert_allclose(q.hessian(p), A)
    np.testing.assert_allclose(q.minima[0], np.linalg.solve(A, -b))
    assert q.curvature == pytest.approx(tuple(np.linalg.eigvalsh(A)))


def test_quadratic_in_three_variables_and_indefinite():
    q = fn.quadratic(np.diag([1.0, -2.0, 3.0]))
    assert q.n == 3 and q.minima == ()
    assert q([1.0, 1.0, 1.0]) == pytest.approx(1.0)


def test_complex_input_passes_through_for_the_complex_step():
    assert np.iscomplexobj(fn.rosenbrock(np.array([1.0 + 1e-20j, 1.0])))
    g = co.gradient(fn.rosenbrock, [-1.2, 1.0], method="complex")
    np.testing.assert_allclose(g, fn.rosenbrock.gradient([-1.2, 1.0]), rtol=1e-15)


def test_latex_and_repr():
    assert fn.booth.latex.startswith(r"\left(")
    assert "Booth" in repr(fn.booth)


POINT_API_OBJECTIVES = {
    1: fn.wavy,
    2: fn.himmelblau,
    3: co.Objective.from_sympy(
        sp.exp(x) * y + sp.Symbol("z", real=True) ** 3 * x,
        (x, y, sp.Symbol("z", real=True)),
        name="three variables",
    ),
}


def exact_value_gradient_hessian(objective, point):
    """f, its gradient and its Hessian at one point, by sympy substitution (the oracle)."""
    at = dict(zip(objective.variables, point, strict=True))
    value = float(objective.expr.subs(at))
    gradient = np.array([float(g.subs(at)) for g in objective.gradient_expr])
    hessian = np.array(objective.hessian_expr.subs(at), dtype=float)
    return value, gradient, hessian


@pytest.mark.parametrize("n", [1, 2, 3])
def test_point_api_keeps_the_coordinate_axis_for_every_n(n, rng):
    f = POINT_API_OBJECTIVES[n]
    batch = rng.uniform(-2, 2, size=(n, 4))
    values, gradients, hessians = f.value_at(batch), f.gradient_at(batch), f.hessian_at(batch)
    assert values.shape == (4,), "k points give k values"
    assert gradients.shape == (n, 4), "k points give one gradient (n,) per column"
    assert hessians.shape == (n, n, 4), "k points give one Hessian (n, n) per column"
    for k, point in enumerate(batch.T):
        value, gradient, hessian = exact_value_gradient_hessian(f, point)
        assert isinstance(f.value_at(point), float), "one point gives a plain number"
        assert f.gradient_at(point).shape == (n,), "one point gives a gradient of shape (n,)"
        assert f.hessian_at(point).shape == (n, n), "one point gives a Hessian of shape (n, n)"
        np.testing.assert_allclose(f.value_at(point), value, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(f.gradient_at(point), gradient, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(f.hessian_at(point), hessian, rtol=1e-12, atol=1e-12)
        np.testing.assert_array_equal(values[k], f.value_at(point))
        np.testing.assert_array_equal(gradients[:, k], f.gradient_at(point))
        np.testing.assert_array_equal(hessians[:, :, k], f.hessian_at(point))


def test_point_api_in_one_variable_takes_a_plain_number_and_agrees_with_calling():
    assert fn.cubic.value_at(2.0) == fn.cubic.value_at([2.0]) == fn.cubic(2.0) == 8.0
    assert fn.cubic.gradient_at(2.0).tolist() == [12.0] == [fn.cubic.gradient(2.0)]
    assert fn.cubic.hessian_at(2.0).tolist() == [[12.0]] == [[fn.cubic.hessian(2.0)]]


def test_require_objective_returns_an_objective_or_names_what_was_expected():
    assert require_objective(fn.booth) is fn.booth
    assert require_objective(fn.booth, n=2) is fn.booth
    with pytest.raises(TypeError, match="objective must be a calcopt Objective, got str"):
        require_objective("booth")
    with pytest.raises(ValueError, match="f must have 1 variable\\(s\\); Booth has 2"):
        require_objective(fn.booth, "f", n=1)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: fn.rosenbrock([1.0, 2.0, 3.0]), ValueError, r"shape \(2, \.\.\.\)"),
        (lambda: fn.rosenbrock(1.0), ValueError, r"shape \(2, \.\.\.\)"),
        (lambda: fn.rosenbrock(["a", "b"]), TypeError, "x must contain numbers"),
        (lambda: co.Objective.from_sympy(x + y, (x,), name="f"), ValueError, "not in variables: y"),
        (lambda: co.Objective.from_sympy("x", (x,), name="f"), TypeError, "sympy expression"),
        (lambda: co.Objective.from_sympy(x, ("x",), name="f"), TypeError, "sympy symbols"),
        (
            lambda: co.Objective.from_sympy(x, (x,), name="f", domain=((1, 0),)),
            ValueError,
            "less than",
        ),
        (
            lambda: co.Objective.from_sympy(x, (x,), name="f", domain=((0, 1), (0, 1))),
            ValueError,
            "1 \\(low, high\\)",
        ),
        (lambda: fn.quadratic([[1.0, 2.0], [0.0, 1.0]]), ValueError, "A must be symmetric"),
        (lambda: fn.quadratic([[1.0, 0.0], [0.0, 1.0]], [1.0]), ValueError, "b must have 2"),
        (lambda: fn.rosenbrock_n(1), ValueError, "n must be an integer >= 2"),
        (lambda: fn.wavy.grid(), ValueError, "two-variable"),
        (lambda: co.Objective.from_sympy(x, (x, x), name="f"), ValueError, "must not repeat"),
        (lambda: fn.booth.value_at([1.0, 2.0, 3.0]), ValueError, r"one point of shape \(2,\)"),
        (lambda: fn.booth.gradient_at(np.zeros((2, 2, 2))), ValueError, r"\(2, k\)"),
        (lambda: fn.wavy.hessian_at([[1.0], [2.0]]), ValueError, r"shape \(1,\)"),
        (lambda: fn.booth.hessian_at(["a", "b"]), TypeError, "x must contain numbers"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
