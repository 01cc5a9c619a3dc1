"""Rates of convergence, and how Newton's method behaves: fast near a nondegenerate minimum,
linear when damped or degenerate, and drawn to any stationary point."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import calcopt as co
from calcopt import functions as fn
from calcopt.optimize.measured import errors, orders, ratios


def test_errors_are_distances_to_the_limit():
    np.testing.assert_allclose(errors([[3.0, 4.0], [1.0, 1.0], [0.0, 0.0]], [0, 0]), [5, 2**0.5, 0])


@given(st.floats(0.05, 0.95), st.floats(0.1, 10.0))
def test_a_geometric_sequence_has_constant_linear_ratio_and_order_one(rho, start):
    errs = start * rho ** np.arange(8)
    np.testing.assert_allclose(ratios(errs), rho, rtol=1e-9)
    np.testing.assert_allclose(orders(errs), 1.0, rtol=1e-6)


def test_a_squaring_sequence_has_bounded_quadratic_ratio_and_order_two():
    errs = np.array([0.5 ** (2**k) for k in range(6)])  # e_{k+1} = e_k^2
    np.testing.assert_allclose(ratios(errs, order=2), 1.0)
    np.testing.assert_allclose(orders(errs), 2.0)


def test_ratios_and_orders_are_nan_where_the_limit_was_reached():
    assert np.isnan(ratios([1e-3, 0.0, 0.0])).tolist() == [False, True]
    assert np.isnan(orders([1e-3, 1e-6, 0.0])).tolist() == [True]


def hessian_lipschitz(objective, centre, radius: float) -> float:
    """A Lipschitz constant M of the Hessian on the disc of ``radius`` about ``centre``.

    M is the largest Frobenius norm of the tensor of third derivatives (exact, from sympy) on
    the disc. For the quartics used here that norm is a convex function of x, so its maximum is
    on the boundary circle, sampled finely (with a 1% margin for the gaps between samples).
    """
    third = [sp.diff(g, v) for g in objective.hessian_expr for v in objective.variables]
    norm = sp.lambdify(objective.variables, sp.sqrt(sum(t**2 for t in third)), "numpy")
    angles = np.linspace(0, 2 * np.pi, 721)
    circle = np.array(centre)[:, None] + radius * np.stack([np.cos(angles), np.sin(angles)])
    return 1.01 * float(np.max(np.broadcast_to(norm(*circle), angles.shape)))


@pytest.mark.parametrize(
    ("objective", "minimiser", "offset"),
    [(fn.rosenbrock, (1.0, 1.0), (-0.02, -0.03)), (fn.rosenbrock, (1.0, 1.0), (0.02, 0.03))]
    + [(fn.himmelblau, m, (0.2, -0.2)) for m in fn.himmelblau.minima]
    + [(fn.newton_trap, fn.newton_trap.minima[0], (0.1, -0.05))],
)
def test_newton_error_ratios_stay_bounded_near_a_nondegenerate_minimum(
    objective, minimiser, offset
):
    result = co.newton(objective, np.add(minimiser, offset), tol=1e-12)
    errs = errors(result.path, minimiser)
    assert result.success and errs[-1] < 1e-10
    # Newton's inequality: e_{k+1} <= ||H(x_k)^-1|| (M / 2) e_k^2, M the Hessian's Lipschitz
    # constant on a disc about x* that holds every iterate.
    M = hessian_lipschitz(objective, minimiser, float(errs.max()))
    inverse = np.array(
        [np.linalg.norm(np.linalg.inv(objective.hessian(p)), 2) for p in result.path]
    )
    above_rounding = errs[:-1] > 1e-7
    quadratic = ratios(errs, order=2)[above_rounding]
    assert quadratic.size >= 2
    assert np.all(quadratic <= inverse[:-1][above_rounding] * M / 2)


def test_newton_from_the_classic_rosenbrock_start_doubles_its_correct_digits():
    result = co.newton(fn.rosenbrock, [-1.2, 1.0])
    errs = errors(result.path, [1.0, 1.0])
    digits = -np.log10(errs[(errs < 0.1) & (errs > 1e-13)])
    assert result.success and result.nit <= 7
    assert digits.size >= 3 and np.all(digits[1:] / digits[:-1] > 1.8)


def test_gradient_descent_error_ratios_approach_the_linear_rate_instead():
    lr = 0.01
    result = co.gradient_descent(fn.himmelblau, [3.3, 1.8], lr=lr, tol=1e-12, max_iter=500)
    errs = errors(result.path, fn.himmelblau.minima[0])
    eigenvalues = np.linalg.eigvalsh(fn.himmelblau.hessian(np.array([3.0, 2.0])))
    rate = np.max(np.abs(1 - lr * eigenvalues))  # slowest eigen-direction
    assert ratios(errs)[20:40] == pytest.approx(rate, rel=1e-3)
    quadratic = ratios(errs, order=2)[20:40]
    assert np.all(np.diff(quadratic) > 0) and quadratic[-1] > 1e5  # growing without bound


def test_pure_newton_from_the_classic_start_ends_at_a_saddle_point():
    result = co.newton(fn.newton_trap, [-0.1, 0.3])
    points = co.stationary_points(fn.newton_trap)
    kinds = [str(p.kind) for p in points]
    assert sorted(kinds) == ["minimum", "minimum", "saddle"]
    saddle = points[kinds.index("saddle")]
    assert result.success
    np.testing.assert_allclose(result.x, saddle.x, atol=1e-9)
    assert saddle.x[0] == pytest.approx(-saddle.x[1])  # on the line y = -x
    assert np.linalg.eigvalsh(fn.newton_trap.hessian(result.x))[0] < 0


def test_newton_converges_to_himmelblaus_maximum_from_the_origin():
    result = co.newton(fn.himmelblau, [0.0, 0.0])
    assert result.success
    assert co.classify_stationary_point(fn.himmelblau.hessian(result.x)) == "maximum"
    assert result.fun == pytest.approx(181.617, abs=1e-3)


@pytest.mark.parametrize("x0", [0.3, 0.9, -0.5, 1.1, -1.5])
def test_pure_newton_on_pseudo_huber_maps_x_to_minus_x_cubed(x0):
    result = co.newton(fn.pseudo_huber, x0, max_iter=2, tol=0)
    path = result.path.ravel()
    np.testing.assert_allclose(path[1:], -(path[:-1] ** 3), rtol=1e-9)
    assert (abs(path[-1]) > abs(x0)) == (abs(x0) > 1)


def test_damping_widens_the_basin_on_pseudo_huber_but_a_line_search_is_needed_beyond():
    assert co.newton(fn.pseudo_huber, 1.5).status == "diverged"
    damped = co.newton(fn.pseudo_huber, 1.5, damping=0.5)
    assert damped.success and abs(damped.x[0]) < 1e-8
    far = co.newton(fn.pseudo_huber, 2.0, damping=0.5)
    assert far.status == "diverged", "from 2, damping by t = 1/2 does not stop the overshoot"
    np.testing.assert_allclose(far.path.ravel(), [2.0, -3.0, 12.0, -858.0])  # x(1/2 - x^2/2)
    searched = co.newton(fn.pseudo_huber, 2.0, line_search="armijo")
    assert searched.success and abs(searched.x[0]) < 1e-8


@pytest.mark.parametrize("t", [0.25, 0.5, 0.75])
def test_damped_newton_converges_linearly_with_rate_one_minus_t(t):
    result = co.newton(fn.himmelblau, [3.5, 2.5], damping=t, tol=1e-11, max_iter=300)
    errs = errors(result.path, fn.himmelblau.minima[0])
    close = (errs[:-1] < 1e-3) & (errs[:-1] > 1e-8)  # near x*, above rounding
    assert ratios(errs)[close] == pytest.approx(1 - t, rel=1e-3)


def test_newton_on_x_to_the_fourth_is_only_linear_with_rate_two_thirds():
    result = co.newton(fn.quartic, 1.0, tol=1e-12, max_iter=200)
    errs = errors(result.path, [0.0])
    np.testing.assert_allclose(ratios(errs), 2 / 3, rtol=1e-9)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: errors([1.0, 2.0], [0.0]), "path must have shape"),
        (lambda: errors([[1.0, 2.0]], [0.0]), "limit must have 2 coordinates"),
        (lambda: ratios([1.0, 0.5], order=3), "order must be 1"),
        (lambda: ratios([[1.0, 0.5]]), "1-D array"),
        (lambda: orders([1.0, -0.5, 0.1]), "distances >= 0"),
    ],
)
def test_bad_input_gets_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
