"""Gradient descent and Newton's method: closed forms, convergence theory, scipy, statuses."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize

import calcopt as co
from calcopt import functions as fn
from calcopt.optimize import Status
from calcopt.optimize.newton import (
    SINGULAR_CONDITION,
    newton_armijo_step,
    newton_solve,
    step_fractions,
)


def test_gd_step_and_newton_step_are_the_textbook_updates():
    np.testing.assert_allclose(co.gd_step([1.0, 2.0], [0.5, -1.0], 0.2), [0.9, 2.2])
    np.testing.assert_allclose(co.gd_step([1.0], [0.5], 0.2, momentum=0.5, previous=[0.0]), [1.4])
    np.testing.assert_allclose(
        co.newton_step([1.0, 1.0], [2.0, 4.0], [[2.0, 0.0], [0.0, 4.0]]), [0.0, 0.0]
    )
    np.testing.assert_allclose(co.newton_step([1.0], [2.0], [[2.0]], damping=0.5), [0.5])


@pytest.mark.parametrize("lr", [0.05, 0.2, 0.45, 0.8, 0.95])
def test_gd_on_x_squared_follows_the_closed_form(lr):
    x_squared = fn.quadratic([[2.0]])
    result = co.gradient_descent(x_squared, [10.0], lr=lr, max_iter=25, tol=0)
    k = np.arange(26)
    np.testing.assert_allclose(result.path[:, 0], 10 * (1 - 2 * lr) ** k, rtol=1e-6, atol=1e-9)


def test_booth_converges_iff_lr_below_one_ninth():
    assert (
        co.gradient_descent(fn.booth, [0.0, 0.0], lr=0.105, max_iter=5000).status
        is Status.CONVERGED
    )
    diverged = co.gradient_descent(fn.booth, [0.0, 0.0], lr=0.12, max_iter=5000)
    assert diverged.status is Status.DIVERGED and not diverged.success
    assert "diverged" in diverged.message


def test_booth_with_lr_0_1_contracts_by_0_8():
    result = co.gradient_descent(fn.booth, [-2.0, 7.0], lr=0.1, max_iter=60, tol=0)
    errors = np.linalg.norm(result.path - [1.0, 3.0], axis=1)
    np.testing.assert_allclose(errors[41:] / errors[40:-1], 0.8, rtol=1e-6)


def random_quadratic(mu, L, angle):
    Q = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    A = Q @ np.diag([mu, L]) @ Q.T
    return fn.quadratic((A + A.T) / 2), Q


spectra = st.tuples(st.floats(0.1, 2.0), st.floats(1.0, 20.0), st.floats(0, np.pi))


@settings(max_examples=25)
@given(spectrum=spectra, fraction=st.floats(0.05, 0.95))
def test_gd_on_a_quadratic_converges_below_2_over_L(spectrum, fraction):
    mu, ratio, angle = spectrum
    f, _ = random_quadratic(mu, mu * ratio, angle)
    result = co.gradient_descent(
        f, [2.0, -1.5], lr=fraction * 2 / (mu * ratio), max_iter=100_000, tol=1e-8
    )
    assert result.status is Status.CONVERGED
    np.testing.assert_allclose(result.x, [0.0, 0.0], atol=1e-7)


@settings(max_examples=25)
@given(spectrum=spectra, factor=st.floats(1.1, 3.0))
def test_gd_on_a_quadratic_diverges_above_2_over_L(spectrum, factor):
    mu, ratio, angle = spectrum
    f, Q = random_quadratic(mu, mu * ratio, angle)
    start = Q @ [1.0, 1.0]  # has a component along the top eigenvector
    result = co.gradient_descent(f, start, lr=factor * 2 / (mu * ratio), max_iter=10_000)
    assert result.status is Status.DIVERGED


@pytest.mark.parametrize("kappa", [2.0, 10.0, 50.0])
def test_best_fixed_step_achieves_rate_kappa_minus_1_over_kappa_plus_1(kappa):
    mu, L = 1.0, kappa
    f, Q = random_quadratic(mu, L, 0.3)
    result = co.gradient_descent(f, Q @ [1.0, 1.0], lr=2 / (mu + L), max_iter=40, tol=0)
    errors = np.linalg.norm(result.path, axis=1)
    measured = (errors[-1] / errors[0]) ** (1 / 40)
    assert measured == pytest.approx((kappa - 1) / (kappa + 1), rel=0.02)


def test_momentum_speeds_up_an_ill_conditioned_quadratic():
    f, _ = random_quadratic(1.0, 100.0, 0.4)
    plain = co.gradient_descent(f, [1.0, 1.0], lr=1 / 100, max_iter=10_000, tol=1e-8)
    heavy = co.gradient_descent(f, [1.0, 1.0], lr=1 / 100, momentum=0.8, max_iter=10_000, tol=1e-8)
    assert plain.success and heavy.success and heavy.nit < plain.nit / 3


points = st.tuples(st.floats(-2, 2), st.floats(-2, 2))


@given(x0=points, lr=st.floats(1e-4, 2e-3), momentum=st.floats(0, 0.9))
def test_path_values_and_grad_norms_are_consistent(x0, lr, momentum):
    result = co.gradient_descent(fn.rosenbrock, x0, lr=lr, momentum=momentum, max_iter=30)
    assert result.path.shape == (result.nit + 1, 2)
    np.testing.assert_array_equal(result.path[0], x0)
    np.testing.assert_array_equal(result.values, [fn.rosenbrock(p) for p in result.path])
    np.testing.assert_allclose(
        result.grad_norms, np.linalg.norm(fn.rosenbrock.gradient(result.path.T), axis=0)
    )
    assert result.fun == result.values[-1] and np.array_equal(result.x, result.path[-1])


@given(x0=points)
def test_newton_path_starts_at_x0(x0):
    result = co.newton(fn.himmelblau, x0, max_iter=20)
    np.testing.assert_array_equal(result.path[0], x0)
    np.testing.assert_array_equal(result.values, [fn.himmelblau(p) for p in result.path])


def test_newton_solves_a_quadratic_in_one_step():
    A, b = np.array([[4.0, 1.0], [1.0, 3.0]]), np.array([1.0, 2.0])
    result = co.newton(fn.quadratic(A, b), [5.0, -7.0])
    assert result.nit == 1 and result.success
    np.testing.assert_allclose(result.x, np.linalg.solve(A, -b), rtol=1e-12)


def test_newton_reaches_the_rosenbrock_minimum_from_the_classic_start():
    result = co.newton(fn.rosenbrock, [-1.2, 1.0])
    assert result.success
    np.testing.assert_allclose(result.x, [1.0, 1.0], atol=1e-10)


def test_newton_with_numerical_derivatives_on_a_plain_function():
    result = co.newton(
        lambda p: (p[0] - 1) ** 4 + (p[0] - p[1]) ** 2 + p[1] ** 2, [2.0, 0.5], tol=1e-6
    )
    reference = minimize(
        lambda p: (p[0] - 1) ** 4 + (p[0] - p[1]) ** 2 + p[1] ** 2, [2.0, 0.5], tol=1e-12
    )
    assert result.success
    np.testing.assert_allclose(result.x, reference.x, atol=1e-3)


def test_newton_converges_to_a_saddle_when_started_near_one():
    result = co.newton(fn.saddle, [0.5, 0.3])
    assert result.success and result.nit == 1
    np.testing.assert_allclose(result.x, [0.0, 0.0], atol=1e-15)


def test_damped_newton_on_a_quadratic_contracts_by_one_minus_t():
    result = co.newton(fn.booth, [4.0, 0.0], damping=0.5, max_iter=10, tol=0)
    errors = np.linalg.norm(result.path - [1.0, 3.0], axis=1)
    np.testing.assert_allclose(errors[1:] / errors[:-1], 0.5, rtol=1e-9)


@settings(max_examples=30)
@given(
    eigenvalues=st.lists(st.floats(0.1, 10.0), min_size=3, max_size=3),
    signs=st.lists(st.sampled_from([-1.0, 1.0]), min_size=3, max_size=3),
    seed=st.integers(0, 2**16),
)
def test_newton_solve_solves_each_system_of_a_stack(eigenvalues, signs, seed):
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    H = Q @ np.diag(np.multiply(eigenvalues, signs)) @ Q.T  # invertible, any inertia
    g = rng.normal(size=(3, 2))
    stack = np.stack([H, 2 * H], axis=-1)  # two systems, shape (3, 3, 2)
    d = newton_solve(stack, g)
    assert d.shape == g.shape, "the direction has the shape of the right-hand side"
    for k in range(2):
        np.testing.assert_allclose(stack[:, :, k] @ d[:, k], g[:, k], atol=1e-10)
        np.testing.assert_array_equal(d[:, k], newton_solve(stack[:, :, k], g[:, k]))


def test_newton_solve_singularity_rule_is_the_condition_number_or_non_finite_input():
    above = np.diag([1.0, 1.0 / (1.01 * SINGULAR_CONDITION)])  # condition number just above
    below = np.diag([1.0, 1.0 / (0.99 * SINGULAR_CONDITION)])  # just below
    stack = np.stack([above, below, np.diag([1.0, np.inf]), np.eye(2), np.zeros((2, 2))], -1)
    g = np.ones((2, 5))
    g[1, 3] = np.nan
    d = newton_solve(stack, g)
    finite = np.isfinite(d).all(axis=0).tolist()
    assert finite == [False, True, False, False, False], (
        "a system is singular (all NaN) when cond(H) > SINGULAR_CONDITION or H or g is not "
        "finite, and solvable otherwise"
    )
    assert np.isnan(d[:, [0, 2, 3, 4]]).all(), "every entry of a singular system's d is NaN"
    with pytest.raises(np.linalg.LinAlgError, match="singular"):
        co.newton_step([1.0, 1.0], [1.0, 1.0], above)


def test_singular_hessian_is_a_status():
    flat = co.Objective.from_sympy(fn.x**2 + 0 * fn.y, (fn.x, fn.y), name="trough")
    result = co.newton(flat, [1.0, 1.0])
    assert result.status is Status.SINGULAR_HESSIAN and result.nit == 0
    assert "singular" in result.message


def test_max_iter_is_a_status():
    result = co.gradient_descent(fn.rosenbrock, [-1.2, 1.0], lr=1e-3, max_iter=50)
    assert result.status is Status.MAX_ITER and result.nit == 50 and "max_iter" in result.message


def test_overflow_is_reported_as_divergence_without_warnings():
    # pytest turns any warning into an error here, so this also checks that none escapes.
    result = co.gradient_descent(lambda p: np.exp(p[0] ** 2), [3.0], lr=1.0)
    assert result.status is Status.DIVERGED
    assert np.all(np.isfinite(result.path))


def test_objective_in_one_variable_accepts_a_plain_number():
    result = co.gradient_descent(fn.quartic, 1.0, lr=0.1, max_iter=10)
    assert result.path.shape == (11, 1)
    assert co.newton(fn.wavy, 0.6).x[0] == pytest.approx(0.5355, abs=1e-3)  # a maximum


@pytest.mark.parametrize("start", [[0.0, 0.0], [-1.0, 2.0], [2.0, -3.0], [-3.0, -3.0]])
def test_results_agree_with_scipy_minimize(start):
    ours = co.newton(fn.himmelblau, start, max_iter=200, tol=1e-10)
    if ours.success and co.classify_stationary_point(fn.himmelblau.hessian(ours.x)) == "minimum":
        theirs = minimize(
            fn.himmelblau, ours.x + 0.01, jac=fn.himmelblau.gradient, method="BFGS", tol=1e-12
        )
        np.testing.assert_allclose(ours.x, theirs.x, atol=1e-6)
    gd = co.gradient_descent(fn.himmelblau, start, lr=0.01, max_iter=5000, tol=1e-9)
    theirs = minimize(fn.himmelblau, start, jac=fn.himmelblau.gradient, method="BFGS", tol=1e-12)
    assert gd.success
    np.testing.assert_allclose(gd.x, theirs.x, atol=1e-6)


def test_rosenbrock_gd_and_newton_agree_with_scipy():
    theirs = minimize(
        fn.rosenbrock,
        [-1.2, 1.0],
        jac=fn.rosenbrock.gradient,
        hess=fn.rosenbrock.hessian,
        method="Newton-CG",
        tol=1e-12,
    )
    ours = co.newton(fn.rosenbrock, [-1.2, 1.0], tol=1e-12)
    np.testing.assert_allclose(ours.x, theirs.x, atol=1e-6)
    assert ours.fun == pytest.approx(theirs.fun, abs=1e-12)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: co.gradient_descent("f", [0.0], lr=0.1), TypeError, "f must be callable"),
        (
            lambda: co.gradient_descent(fn.booth, [0.0, np.nan], lr=0.1),
            ValueError,
            "x0 must be finite",
        ),
        (
            lambda: co.gradient_descent(fn.booth, [0.0, 1.0, 2.0], lr=0.1),
            ValueError,
            "x0 must have 2",
        ),
        (
            lambda: co.gradient_descent(fn.booth, [[0.0, 1.0]], lr=0.1),
            ValueError,
            "x0 must be a 1-D",
        ),
        (
            lambda: co.gradient_descent(fn.booth, [0.0, 1.0], lr=0.0),
            ValueError,
            "lr must be a positive",
        ),
        (
            lambda: co.gradient_descent(fn.booth, [0.0, 1.0], lr=-0.1),
            ValueError,
            "lr must be a positive",
        ),
        (
            lambda: co.gradient_descent(fn.booth, [0.0, 1.0], lr=np.inf),
            ValueError,
            "lr must be a positive",
        ),
        (
            lambda: co.gradient_descent(fn.booth, [0.0, 1.0], lr="0.1"),
            TypeError,
            "lr must be a real",
        ),
        (
            lambda: co.gradient_descent(fn.booth, [0.0, 1.0], lr=0.1, momentum=1.0),
            ValueError,
            r"momentum must lie in \[0, 1\)",
        ),
        (
            lambda: co.gradient_descent(fn.booth, [0.0, 1.0], lr=0.1, momentum=-0.1),
            ValueError,
            "momentum must lie",
        ),
        (
            lambda: co.gradient_descent(fn.booth, [0.0, 1.0], lr=0.1, tol=-1.0),
            ValueError,
            "tol must be",
        ),
        (
            lambda: co.gradient_descent(fn.booth, [0.0, 1.0], lr=0.1, max_iter=0),
            ValueError,
            "max_iter must be an integer >= 1",
        ),
        (
            lambda: co.gradient_descent(fn.booth, [0.0, 1.0], lr=0.1, max_iter=2.5),
            TypeError,
            "max_iter must be an integer",
        ),
        (
            lambda: co.gradient_descent(lambda p: p, [0.0, 1.0], lr=0.1),
            ValueError,
            r"f\(x\) must be one number",
        ),
        (
            lambda: co.gradient_descent(np.sum, [0.0, 1.0], lr=0.1, grad=3),
            TypeError,
            "grad must be callable",
        ),
        (
            lambda: co.gradient_descent(np.sum, [0.0, 1.0], lr=0.1, grad=lambda p: [1.0]),
            ValueError,
            "grad must return 2",
        ),
        (
            lambda: co.gradient_descent(lambda p: np.log(p[0]), [-1.0], lr=0.1),
            ValueError,
            "x0 must be a point where f",
        ),
        (
            lambda: co.newton(fn.booth, [0.0, 1.0], damping=0.0),
            ValueError,
            r"damping must lie in \(0, 1\]",
        ),
        (lambda: co.newton(fn.booth, [0.0, 1.0], damping=1.5), ValueError, "damping must lie"),
        (lambda: co.newton(fn.booth, [0.0, 1.0], hess="H"), TypeError, "hess must be callable"),
        (
            lambda: co.newton(fn.booth, [0.0, 1.0], line_search="wolfe"),
            ValueError,
            "line_search must be one of None, 'armijo'",
        ),
        (
            lambda: co.newton(fn.booth, [0.0, 1.0], damping=0.5, line_search="armijo"),
            ValueError,
            "damping = 0.5 cannot be combined with line_search='armijo'",
        ),
        (
            lambda: co.newton(fn.booth, [0.0, 1.0], line_search="armijo", c1=1.0),
            ValueError,
            r"c1 must lie in \(0, 1\)",
        ),
        (
            lambda: newton_armijo_step(fn.booth, [0.0, 1.0], [1.0, 1.0], np.eye(2), shrink=1.0),
            ValueError,
            "shrink must lie",
        ),
        (lambda: step_fractions("run", fn.booth), TypeError, "result must be an OptimizeResult"),
        (
            lambda: newton_solve(np.eye(2), [1.0, 2.0, 3.0]),
            ValueError,
            r"H must have shape \(3, 3\) to fit g of shape \(3,\), got \(2, 2\)",
        ),
        (
            lambda: newton_solve(np.ones((2, 2, 3)), np.ones((2, 4))),
            ValueError,
            r"H must have shape \(2, 2, 4\)",
        ),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_newton_armijo_step_on_pseudo_huber_matches_the_hand_computation():
    # At x = 2: d = -x(1 + x^2) = -10; f(2 - 10) and f(2 - 5) exceed f(2) = sqrt(5) - 1, while
    # f(2 - 2.5) = sqrt(1.25) - 1 passes the Armijo test, so t = 1/4 and x_new = -0.5.
    f = fn.pseudo_huber
    step = newton_armijo_step(f, [2.0], f.gradient_at([2.0]), f.hessian_at([2.0]))
    assert step.t == 0.25
    np.testing.assert_allclose(step.x, [-0.5])
    assert step.slope == pytest.approx(-10 * 2 / np.sqrt(5))


def test_newton_armijo_step_takes_the_full_step_on_a_convex_quadratic():
    A, b = np.array([[4.0, 1.0], [1.0, 3.0]]), np.array([1.0, 2.0])
    q = fn.quadratic(A, b)
    x = np.array([5.0, -7.0])
    step = newton_armijo_step(q, x, q.gradient_at(x), q.hessian_at(x))
    assert step.t == 1.0, "on a convex quadratic the full Newton step always passes (c1 < 1/2)"
    np.testing.assert_allclose(step.x, np.linalg.solve(A, -b))


def test_newton_armijo_step_refuses_a_step_that_does_not_point_downhill():
    f = fn.himmelblau  # negative definite Hessian at the origin: the Newton step climbs
    x = np.zeros(2)
    step = newton_armijo_step(f, x, f.gradient_at(x), f.hessian_at(x))
    assert step.t == 0.0 and step.slope > 0
    np.testing.assert_array_equal(step.x, x)
    with pytest.raises(np.linalg.LinAlgError, match="singular"):
        newton_armijo_step(fn.quartic_bowl, [0.0, 1.0], [0.0, 2.0], np.diag([0.0, 2.0]))


@pytest.mark.parametrize("x0", [2.0, 10.0, 100.0, -1e4])
def test_line_search_newton_converges_on_pseudo_huber_from_anywhere(x0):
    assert co.newton(fn.pseudo_huber, x0, damping=0.5).status != "converged" or abs(x0) < 3**0.5
    result = co.newton(fn.pseudo_huber, x0, line_search="armijo")
    assert result.success and abs(result.x[0]) < 1e-8
    assert np.all(np.diff(result.values) < 0), "every accepted step decreases f"
    fractions = step_fractions(result, fn.pseudo_huber)
    assert fractions[-1] == pytest.approx(1.0), "near the minimum the full Newton step is taken"


def test_line_search_newton_agrees_with_scipy_on_rosenbrock_and_keeps_quadratic_convergence():
    ours = co.newton(fn.rosenbrock, [-1.2, 1.0], line_search="armijo", tol=1e-12)
    theirs = minimize(
        fn.rosenbrock,
        [-1.2, 1.0],
        jac=fn.rosenbrock.gradient,
        hess=fn.rosenbrock.hessian,
        method="trust-exact",
        tol=1e-12,
    )
    assert ours.success
    np.testing.assert_allclose(ours.x, theirs.x, atol=1e-8)
    assert np.all(np.diff(ours.values) < 0), "a line search never lets f increase"
    fractions = step_fractions(ours, fn.rosenbrock)
    assert fractions[-4:] == pytest.approx(1.0, rel=1e-5), "the last steps are full Newton steps"
    errors = np.linalg.norm(ours.path - [1.0, 1.0], axis=1)
    close = (errors[:-1] < 1e-2) & (errors[1:] > 1e-15)
    quadratic = errors[1:][close] / errors[:-1][close] ** 2
    assert quadratic.size >= 3 and np.all(quadratic < 20), (
        "near the minimum e_k+1 <= C e_k^2 with a bounded C: quadratic convergence is kept"
    )


def test_line_search_newton_stops_with_a_status_where_the_step_points_uphill():
    result = co.newton(fn.newton_trap, [-0.1, 0.3], line_search="armijo")
    assert result.status is Status.NOT_DESCENT and result.nit == 1
    assert "does not point downhill" in result.message and "not positive definite" in result.message
    g, H = fn.newton_trap.gradient(result.x), fn.newton_trap.hessian(result.x)
    assert g @ np.linalg.solve(H, -g) >= 0, "at the last iterate the Newton step climbs"
    assert np.linalg.eigvalsh(H)[0] < 0


def test_step_fractions_read_the_damping_back():
    result = co.newton(fn.himmelblau, [3.5, 2.5], damping=0.3, max_iter=5, tol=0)
    np.testing.assert_allclose(step_fractions(result, fn.himmelblau), 0.3, rtol=1e-9)
