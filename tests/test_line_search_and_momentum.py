"""Backtracking (Armijo) line search and heavy-ball momentum: closed forms, invariants, scipy."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize

import calcopt as co
from calcopt import functions as fn
from calcopt.landscapes import Valley
from calcopt.optimize import Status, armijo_step, step_sizes

unit = st.floats(0.05, 0.95)
points = st.tuples(st.floats(-2, 2), st.floats(-2, 2))


@given(
    a=st.floats(0.1, 100.0),
    x=st.floats(0.1, 10.0),
    lr=st.floats(1e-3, 10.0),
    shrink=st.floats(0.1, 0.9),
    c1=st.floats(1e-4, 0.5),
)
def test_armijo_on_a_parabola_accepts_the_first_trial_below_its_threshold(a, x, lr, shrink, c1):
    # f = a x^2 / 2 at x, gradient a x: the condition reduces to t <= 2 (1 - c1) / a.
    threshold = 2 * (1 - c1) / a
    j = max(0, int(np.ceil(np.log(threshold / lr) / np.log(shrink) - 1e-12)))
    expected = lr * shrink**j
    assume(abs(expected - threshold) > 1e-9 * threshold)  # not on the boundary itself
    assume(expected <= threshold)
    x_new, t = armijo_step(lambda p: a * p[0] ** 2 / 2, [x], [a * x], lr, shrink=shrink, c1=c1)
    assert t == pytest.approx(expected, rel=1e-12)
    # x - t a x cancels when t a is near 1: compare on the scale of x, not of the difference.
    np.testing.assert_allclose(x_new, [x - t * a * x], rtol=1e-12, atol=1e-12 * x)


@given(
    x=points,
    direction=points,
    lr=st.floats(1e-4, 100.0),
    problem=st.sampled_from([fn.rosenbrock, fn.himmelblau, fn.saddle]),
)
def test_a_backtracking_step_never_increases_f(x, direction, lr, problem):
    # Any vector may stand in for the gradient: the test of the step still guards f.
    for g in (problem.gradient(np.array(x)), np.array(direction)):
        x_new, t = armijo_step(problem, x, g, lr)
        assert problem(x_new) <= problem(x)
        if t > 0:
            assert problem(x_new) <= problem(x) - 1e-4 * t * float(g @ g)
        else:
            np.testing.assert_array_equal(x_new, x)


@given(x=points, lr=st.floats(1e-3, 10.0))
def test_the_accepted_step_is_the_first_that_passes(x, lr):
    g = fn.rosenbrock.gradient(np.array(x))
    assume(np.linalg.norm(g) > 1e-8)
    _, t = armijo_step(fn.rosenbrock, x, g, lr, shrink=0.5)
    assert t > 0
    assert np.log2(lr / t) == pytest.approx(round(np.log2(lr / t)), abs=1e-9)
    if t < lr:  # the trial before, twice as long, failed the test
        tried = np.array(x) - 2 * t * g
        assert fn.rosenbrock(tried) > fn.rosenbrock(x) - 1e-4 * 2 * t * float(g @ g)


@pytest.mark.parametrize("start", [[0.0, 0.0], [-1.0, 2.0], [-3.0, -3.0], [4.0, -4.0]])
def test_gradient_descent_with_armijo_reaches_a_minimum_that_scipy_confirms(start):
    result = co.gradient_descent(
        fn.himmelblau, start, lr=1.0, line_search="armijo", max_iter=5000, tol=1e-9
    )
    assert result.success and np.all(np.diff(result.values) < 0)
    theirs = minimize(fn.himmelblau, result.x + 0.01, jac=fn.himmelblau.gradient, tol=1e-12)
    np.testing.assert_allclose(result.x, theirs.x, atol=1e-8)
    assert min(np.linalg.norm(result.x - m) for m in fn.himmelblau.minima) < 1e-8
    steps = step_sizes(result)[:20]  # later moves are too short to divide accurately
    np.testing.assert_allclose(np.log2(steps), np.round(np.log2(steps)), atol=1e-6)


def test_armijo_on_a_quadratic_takes_steps_that_fit_the_curvature():
    # On Booth (L = 18) a first trial of 1 is halved until t <= 2 (1 - c1) / lambda holds
    # along the gradient, so no accepted step exceeds 2 / mu = 1.
    result = co.gradient_descent(fn.booth, [-3.0, 0.0], lr=1.0, line_search="armijo", tol=1e-10)
    assert result.success
    np.testing.assert_allclose(result.x, [1.0, 3.0], atol=1e-10)
    assert set(np.round(step_sizes(result), 12)) <= {0.5, 0.25, 0.125, 0.0625}


def test_step_sizes_of_a_fixed_rate_run_are_that_rate():
    result = co.gradient_descent(fn.himmelblau, [0.0, 0.0], lr=0.01, max_iter=40)
    np.testing.assert_allclose(step_sizes(result), 0.01, rtol=1e-9)


def test_a_wrong_gradient_stops_the_line_search_with_a_status():
    ascent = co.gradient_descent(
        fn.booth, [0.0, 0.0], lr=0.1, grad=lambda p: -fn.booth.gradient(p), line_search="armijo"
    )
    assert ascent.status is Status.LINE_SEARCH_FAILED and ascent.nit == 0
    assert "backtracking found no step" in ascent.message and not ascent.success


def test_one_variable_objective_with_line_search():
    result = co.gradient_descent(fn.quartic, 1.0, lr=1.0, line_search="armijo", tol=1e-9)
    assert result.success and result.path.shape[1] == 1


def eigen_start(valley: Valley) -> np.ndarray:
    """A start with a component along both eigenvectors."""
    return np.linalg.eigh(valley.A)[1] @ [1.0, 1.0]


spectra = st.tuples(st.floats(0.1, 2.0), st.floats(1.0, 20.0), st.floats(0, np.pi))


@settings(max_examples=30)
@given(spectrum=spectra, momentum=st.floats(0.0, 0.9), fraction=unit)
def test_momentum_converges_when_every_eta_lambda_is_below_2_plus_2_beta(
    spectrum, momentum, fraction
):
    mu, kappa, angle = spectrum
    valley = Valley(kappa, angle, mu)
    L = valley.curvature[1]
    lr = fraction * (2 + 2 * momentum) / L
    result = co.gradient_descent(
        valley, eigen_start(valley), lr=lr, grad=valley.gradient, momentum=momentum,
        max_iter=100_000, tol=1e-9,
    )  # fmt: skip
    assert result.status is Status.CONVERGED
    np.testing.assert_allclose(result.x, [0.0, 0.0], atol=1e-8)


@settings(max_examples=30)
@given(spectrum=spectra, momentum=st.floats(0.0, 0.9), factor=st.floats(1.05, 3.0))
def test_momentum_diverges_when_eta_L_exceeds_2_plus_2_beta(spectrum, momentum, factor):
    mu, kappa, angle = spectrum
    valley = Valley(kappa, angle, mu)
    lr = factor * (2 + 2 * momentum) / valley.curvature[1]
    result = co.gradient_descent(
        valley, eigen_start(valley), lr=lr, grad=valley.gradient, momentum=momentum,
        max_iter=100_000,
    )  # fmt: skip
    assert result.status is Status.DIVERGED


@pytest.mark.parametrize("momentum", [0.0, 0.5, 0.9])
def test_momentum_on_the_boundary_neither_converges_nor_diverges(momentum):
    valley = Valley(4.0)
    result = co.gradient_descent(
        valley, eigen_start(valley), lr=(2 + 2 * momentum) / 4.0, grad=valley.gradient,
        momentum=momentum, max_iter=2000,
    )  # fmt: skip
    assert result.status is Status.MAX_ITER


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: co.gradient_descent(fn.booth, [0.0, 0.0], lr=0.1, line_search="wolfe"),
            ValueError,
            "line_search must be one of None, 'armijo'; got 'wolfe'",
        ),
        (
            lambda: co.gradient_descent(
                fn.booth, [0.0, 0.0], lr=0.1, line_search="armijo", momentum=0.5
            ),
            ValueError,
            r"momentum = 0.5 cannot be combined with line_search='armijo'",
        ),
        (
            lambda: co.gradient_descent(fn.booth, [0.0, 0.0], lr=0.1, shrink=1.0),
            ValueError,
            r"shrink must lie in \(0, 1\)",
        ),
        (
            lambda: co.gradient_descent(fn.booth, [0.0, 0.0], lr=0.1, c1=0.0),
            ValueError,
            r"c1 must lie in \(0, 1\)",
        ),
        (lambda: armijo_step(fn.booth, [0.0, 0.0], [1.0, 1.0], -1.0), ValueError, "lr must be"),
        (
            lambda: armijo_step(fn.booth, [0.0, 0.0], [1.0, 1.0], 1.0, max_trials=0),
            ValueError,
            "max_trials must be an integer >= 1",
        ),
        (lambda: armijo_step("f", [0.0], [1.0], 1.0), TypeError, "f must be callable"),
        (
            lambda: armijo_step(lambda p: p, [0.0, 1.0], [1.0, 1.0], 1.0),
            ValueError,
            r"f\(x\) must be one number",
        ),
        (lambda: step_sizes({"path": []}), TypeError, "result must be an OptimizeResult"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
