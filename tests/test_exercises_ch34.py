"""Chapters 3 and 4: every check tells a right, a wrong and a malformed answer apart."""

import numpy as np
import pytest

from calcopt.exercises import Verdict
from calcopt.exercises import descent as ch4
from calcopt.exercises import gradient as ch3
from calcopt.functions import quadratic
from calcopt.landscapes import hill_and_pit
from calcopt.models.regression import LeastSquares, Scaling, design_matrix, house_prices
from calcopt.optimize import gradient_descent

GRADIENT = hill_and_pit.gradient(np.array([0.0, 2.0]))  # (-3, -9)
UNIT = GRADIENT / np.linalg.norm(GRADIENT)


@pytest.mark.parametrize(
    ("answer", "verdict", "words"),
    [
        ([-4.0, -11.0], Verdict.CORRECT, "∇g(1, -2) = (-4, -11)"),
        ((-4, -11), Verdict.CORRECT, "2xy for x"),
        ([-11.0, -4.0], Verdict.INCORRECT, "wrong order"),
        ([4.0, 11.0], Verdict.INCORRECT, "every sign is flipped"),
        ([-4.0, 13.0], Verdict.INCORRECT, "∂g/∂x is right"),
        ([2.0, -11.0], Verdict.INCORRECT, "∂g/∂y is right"),
        ([1.0, 1.0], Verdict.INCORRECT, "neither component is right"),
        (None, Verdict.UNANSWERED, "still None"),
        ([1.0, 2.0, 3.0], Verdict.INVALID, "2 finite numbers"),
        ("(-4, -11)", Verdict.INVALID, "expected the gradient"),
    ],
)
def test_check_gradient(answer, verdict, words):
    feedback = ch3.check_gradient(answer)
    assert feedback.verdict is verdict and words in feedback.message


@pytest.mark.parametrize(
    ("answer", "verdict", "words"),
    [
        (-UNIT, Verdict.CORRECT, "-∇f / ‖∇f‖ = (0.3162, 0.9487)"),
        ([0.3162, 0.9487], Verdict.CORRECT, "falls at the rate"),
        ([0.316, 0.949], Verdict.CORRECT, "falls at the rate"),
        ([0.32, 0.95], Verdict.INCORRECT, "length 1.00245"),
        (UNIT, Verdict.INCORRECT, "steepest ascent"),
        (-GRADIENT, Verdict.INCORRECT, "unit vector, and yours has length 9.48683"),
        ([0.0, 0.0], Verdict.INCORRECT, "zero vector has no direction"),
        ([1.0, 0.0], Verdict.INCORRECT, "72° away from steepest descent"),
        (None, Verdict.UNANSWERED, "still None"),
        ([np.nan, 1.0], Verdict.INVALID, "2 finite numbers"),
    ],
)
def test_check_steepest_descent(answer, verdict, words):
    feedback = ch3.check_steepest_descent(answer)
    assert feedback.verdict is verdict and words in feedback.message


@pytest.mark.parametrize(
    ("answer", "verdict", "words"),
    [
        ([UNIT[1], -UNIT[0]], Verdict.CORRECT, "perpendicular"),
        ([-UNIT[1], UNIT[0]], Verdict.CORRECT, "tangent to the level curve"),
        ([0.9487, -0.3162], Verdict.CORRECT, "perpendicular"),
        ([0.9, -0.4359], Verdict.INCORRECT, "not perpendicular"),
        ([1.0, 0.0], Verdict.INCORRECT, "not perpendicular to ∇f(0, 2) = (-3, -9)"),
        ([3.0, -1.0], Verdict.INCORRECT, "length 3.162"),
        ({"x": 1}, Verdict.INVALID, "expected a unit vector"),
    ],
)
def test_check_level_tangent(answer, verdict, words):
    feedback = ch3.check_level_tangent(answer)
    assert feedback.verdict is verdict and words in feedback.message


@pytest.mark.parametrize(
    ("answer", "verdict", "words"),
    [
        (1 / 3, Verdict.CORRECT, "eigenvalues of A are 1 and 6"),
        (0.3333, Verdict.CORRECT, "2/L = 0.333333"),
        (0.333, Verdict.CORRECT, "2/L = 0.333333"),
        (0.33, Verdict.INCORRECT, "close: 0.33 is 1.0% away from the limit"),
        (0.34, Verdict.INCORRECT, "close: 0.34 is 2.0% away"),
        (1 / 6, Verdict.INCORRECT, "that is 1/L"),
        (2.0, Verdict.INCORRECT, "smallest eigenvalue"),
        (2 / 7, Verdict.INCORRECT, "best fixed step"),
        (1.0, Verdict.INCORRECT, "not 1 for every function"),
        (0.25, Verdict.INCORRECT, "converges there, so the limit is larger"),
        (0.5, Verdict.INCORRECT, "diverges there"),
        (-0.1, Verdict.INCORRECT, "must be positive"),
        ("1/3", Verdict.INVALID, "got str"),
        (None, Verdict.UNANSWERED, "still None"),
    ],
)
def test_check_largest_lr(answer, verdict, words):
    feedback = ch4.check_largest_lr(answer)
    assert feedback.verdict is verdict and words in feedback.message


@pytest.mark.parametrize(
    ("answer", "verdict", "words"),
    [
        (0.7, Verdict.CORRECT, "ηL = 3 < 2 + 2β = 3.4"),
        (0.5001, Verdict.CORRECT, "converges"),
        (0.999, Verdict.CORRECT, "shrinks by a factor 0.9995"),
        (0.3, Verdict.INCORRECT, "diverges"),
        (0.5, Verdict.INCORRECT, "exactly on the boundary"),
        (1.2, Verdict.INVALID, "must lie in [0, 1)"),
        ([0.7], Verdict.INVALID, "got list"),
    ],
)
def test_check_momentum(answer, verdict, words):
    feedback = ch4.check_momentum(answer)
    assert feedback.verdict is verdict and words in feedback.message


@pytest.mark.parametrize("beta", [0.3, 0.45, 0.55, 0.7, 0.9])
def test_check_momentum_agrees_with_a_run(beta):
    run = gradient_descent(ch4.q, [1.0, 1.0], lr=ch4.MOMENTUM_LR, momentum=beta, max_iter=5000)
    assert ch4.check_momentum(beta).correct == run.success


def test_check_regression_weights():
    area, price = house_prices()
    raw = LeastSquares(design_matrix(area), price)
    scaled = LeastSquares(design_matrix(Scaling.of(area).apply(area)), price)
    right = ch4.check_regression_weights(raw.solution)
    standardised = ch4.check_regression_weights(scaled.solution)
    unconverged = ch4.check_regression_weights([0.0, 2.9])
    rounded = ch4.check_regression_weights(raw.solution.round(2))
    malformed = ch4.check_regression_weights("w")
    assert [f.verdict for f in (right, standardised, unconverged, rounded, malformed)] == [
        Verdict.CORRECT,
        Verdict.INCORRECT,
        Verdict.INCORRECT,
        Verdict.INCORRECT,
        Verdict.INVALID,
    ]
    assert "close: your weights agree with the least-squares ones to about 3 digits" in (
        rounded.message
    )
    assert "as numpy.linalg.lstsq finds" in right.message
    assert "standardised area" in standardised.message
    assert "above the minimum" in unconverged.message
    assert "expected the weights" in malformed.message


# -- Chapter 3: the learner's gradient checker and the find-the-bug exercise -------------------


def checker(f, grad, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    g = np.asarray(grad(x), dtype=float)
    estimate = np.array([(f(x + e) - f(x - e)) / (2 * h) for e in h * np.eye(x.size)])
    return np.linalg.norm(g - estimate) / max(np.linalg.norm(g), np.linalg.norm(estimate))


def checker_absolute(f, grad, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    estimate = np.array([(f(x + e) - f(x - e)) / (2 * h) for e in h * np.eye(x.size)])
    return np.linalg.norm(np.asarray(grad(x)) - estimate)


def checker_all_at_once(f, grad, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    g = np.asarray(grad(x), dtype=float)
    estimate = np.full(x.size, (f(x + h) - f(x - h)) / (2 * h))
    return np.linalg.norm(g - estimate) / max(np.linalg.norm(g), np.linalg.norm(estimate))


def checker_in_place(f, grad, x, h=1e-6):
    g = np.asarray(grad(x), dtype=float)
    estimate = np.zeros_like(x)
    for i in range(x.size):
        x[i] += h
        up = f(x)
        x[i] -= 2 * h
        estimate[i] = (up - f(x)) / (2 * h)  # x is left h below where it was
    return np.linalg.norm(g - estimate) / np.linalg.norm(g)


def checker_restoring(f, grad, x, h=1e-6):
    g = np.asarray(grad(x), dtype=float)
    estimate = np.zeros_like(x)
    for i in range(x.size):
        x[i] += h
        up = f(x)
        x[i] -= 2 * h
        down = f(x)
        x[i] += h  # back where it was, up to rounding
        estimate[i] = (up - down) / (2 * h)
    return np.linalg.norm(g - estimate) / np.linalg.norm(g)


def checker_first_entry(f, grad, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    e = np.zeros_like(x)
    e[0] = h
    g0 = np.asarray(grad(x))[0]
    return abs(g0 - (f(x + e) - f(x - e)) / (2 * h)) / abs(g0)


@pytest.mark.parametrize(
    ("answer", "verdict", "words"),
    [
        (checker, Verdict.CORRECT, "tiny relative error for every right gradient"),
        (checker_restoring, Verdict.CORRECT, "including a gradient 2 % off"),
        (checker_absolute, Verdict.INCORRECT, "looks like an absolute error"),
        (checker_all_at_once, Verdict.INCORRECT, "move every coordinate at once"),
        (checker_in_place, Verdict.INCORRECT, "changed the caller's x in place"),
        (checker_first_entry, Verdict.INCORRECT, "entry 2 of grad(x)"),
        (lambda f, grad, x: 0.0, Verdict.INCORRECT, "let a wrong gradient through"),
        (lambda f, grad, x: -1.0, Verdict.INCORRECT, "cannot be negative"),
        (lambda f, grad, x: 1.0, Verdict.INCORRECT, "for a right gradient"),
        (lambda f, grad, x: True, Verdict.INVALID, "returns True/False"),
        (lambda f, grad, x: "small", Verdict.INVALID, "one number"),
        (lambda f, grad: 0.0, Verdict.INVALID, "raised TypeError"),
        (lambda f, grad, x: None, Verdict.UNANSWERED, "still returns None"),
        (None, Verdict.UNANSWERED, "still None"),
        (3, Verdict.INVALID, "got int"),
    ],
)
def test_check_gradient_checker(answer, verdict, words):
    feedback = ch3.check_gradient_checker(answer)
    assert feedback.verdict is verdict and words in feedback.message, feedback


def test_gradient_checker_cases_are_right_and_wrong_as_labelled():
    for f, grad, x, right in ch3.CHECKER_CASES:
        assert (checker(f, grad, x) < ch3.RIGHT_BELOW) == right
        assert (checker(f, grad, x) > ch3.WRONG_ABOVE) == (not right)


def grad_fixed(p):
    x, y = p
    return np.array([2 * x * np.sin(y) + y * np.exp(x * y), x**2 * np.cos(y) + x * np.exp(x * y)])


@pytest.mark.parametrize(
    ("answer", "verdict", "words"),
    [
        (grad_fixed, Verdict.CORRECT, "the chain rule brings the factor x"),
        (ch3.bug_f.gradient, Verdict.CORRECT, "x² cos y + x e^{xy}"),
        (ch3.buggy_gradient, Verdict.INCORRECT, "still the colleague's gradient"),
        (lambda p: grad_fixed(p) * [1.0, -1.0], Verdict.INCORRECT, "∂f/∂y is still wrong"),
        (lambda p: grad_fixed(p) * [0.5, 1.0], Verdict.INCORRECT, "first entry"),
        (lambda p: grad_fixed(p)[:1], Verdict.INVALID, "2 finite numbers"),
        (lambda p: 1 / 0, Verdict.INVALID, "ZeroDivisionError"),
        (lambda p: None, Verdict.UNANSWERED, "still returns None"),
        ("grad", Verdict.INVALID, "got str"),
    ],
)
def test_check_fixed_gradient(answer, verdict, words):
    feedback = ch3.check_fixed_gradient(answer)
    assert feedback.verdict is verdict and words in feedback.message, feedback


def test_the_bug_hides_at_x_equal_1_and_shows_elsewhere():
    at_one, elsewhere = np.array([1.0, 0.7]), np.array([0.5, 2.0])
    assert np.allclose(ch3.buggy_gradient(at_one), ch3.bug_f.gradient(at_one))
    assert not np.allclose(ch3.buggy_gradient(elsewhere), ch3.bug_f.gradient(elsewhere))
    assert not np.any(np.isclose(ch3.BUG_POINTS[:, 0], 1.0)), "no hidden point has x = 1"


# -- Chapter 4: the learner's loop, line search and a rate by hand -----------------------------


def descend(grad, x0, lr, steps):
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = x - lr * grad(x)
    return x


def descend_in_place(grad, x0, lr, steps):
    x = x0
    for _ in range(steps):
        x -= lr * grad(x)
    return x


def descend_stale_gradient(grad, x0, lr, steps):
    x, g = np.array(x0, dtype=float), grad(np.array(x0, dtype=float))
    for _ in range(steps):
        x = x - lr * g
    return x


def descend_return_inside(grad, x0, lr, steps):
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = x - lr * grad(x)
        return x
    return x


def descend_path(grad, x0, lr, steps):
    path = [np.array(x0, dtype=float)]
    for _ in range(steps):
        path.append(path[-1] - lr * grad(path[-1]))
    return np.array(path)


@pytest.mark.parametrize(
    ("answer", "verdict", "words"),
    [
        (descend, Verdict.CORRECT, "exactly `steps` updates"),
        (ch4.reference_descend, Verdict.CORRECT, "leaves x0 alone"),
        (lambda g, x, lr, k: descend(lambda p: -g(p), x, lr, k), Verdict.INCORRECT, "uphill"),
        (lambda g, x, lr, k: np.array(x, dtype=float), Verdict.INCORRECT, "never updated"),
        (lambda g, x, lr, k: descend(g, x, lr, k + 1), Verdict.INCORRECT, "one update too many"),
        (lambda g, x, lr, k: descend(g, x, lr, max(k - 1, 0)), Verdict.INCORRECT, "too few"),
        (descend_stale_gradient, Verdict.INCORRECT, "gradient at x0"),
        (descend_return_inside, Verdict.INCORRECT, "return after the first update"),
        (lambda g, x, lr, k: descend(g, x, 1.0, k), Verdict.INCORRECT, "learning rate"),
        (lambda g, x, lr, k: descend(g, x, lr / 2, k), Verdict.INCORRECT, "reach"),
        (descend_in_place, Verdict.INCORRECT, "changed the caller's x0 in place"),
        (descend_path, Verdict.INVALID, "return only the last one"),
        (lambda g, x, lr, k: "x", Verdict.INVALID, "return the last point"),
        (lambda g, x, lr: x, Verdict.INVALID, "raised TypeError"),
        (lambda g, x, lr, k: None, Verdict.UNANSWERED, "still returns None"),
        (None, Verdict.UNANSWERED, "still None"),
        ([1, 2], Verdict.INVALID, "got list"),
    ],
)
def test_check_descend(answer, verdict, words):
    feedback = ch4.check_descend(answer)
    assert feedback.verdict is verdict and words in feedback.message, feedback


def backtrack(f, x, g, lr, shrink=0.5, c1=1e-4):
    fx, slope = f(x), g @ g
    t = lr
    while f(x - t * g) > fx - c1 * t * slope:
        t = shrink * t
    return t


def backtrack_reversed(f, x, g, lr, shrink=0.5, c1=1e-4):
    t = lr
    while f(x - t * g) <= f(x) - c1 * t * (g @ g):
        t = shrink * t
    return t


def backtrack_never_shrinks(f, x, g, lr, shrink=0.5, c1=1e-4):
    t = lr
    while f(x - t * g) > f(x) - c1 * t * (g @ g):
        pass
    return t


def backtrack_without_c1(f, x, g, lr, shrink=0.5, c1=1e-4):
    t = lr
    while f(x - t * g) > f(x) - t * (g @ g):
        t = shrink * t
    return t


def backtrack_uphill(f, x, g, lr, shrink=0.5, c1=1e-4):
    t = lr
    while f(x + t * g) > f(x) - c1 * t * (g @ g):
        t = shrink * t
    return t


def backtrack_forever(f, x, g, lr, shrink=0.5, c1=1e-4):
    t = lr
    while True:  # forgets to stop when the test passes
        f(x - t * g)
        t = shrink * t


def backtrack_shrink_first(f, x, g, lr, shrink=0.5, c1=1e-4):
    return backtrack(f, x, g, lr * shrink, shrink, c1)


def backtrack_norm(f, x, g, lr, shrink=0.5, c1=1e-4):
    t = lr
    while f(x - t * g) > f(x) - c1 * t * np.linalg.norm(g):
        t = shrink * t
    return t


@pytest.mark.parametrize(
    ("answer", "verdict", "words"),
    [
        (backtrack, Verdict.CORRECT, "first step η, τη, τ²η"),
        (backtrack_reversed, Verdict.INCORRECT, "check the direction of ≤"),
        (backtrack_never_shrinks, Verdict.INCORRECT, "t never shrinks"),
        (backtrack_forever, Verdict.INCORRECT, "kept shrinking t past"),
        (backtrack_without_c1, Verdict.INCORRECT, "leaves out c1"),
        (backtrack_uphill, Verdict.INCORRECT, "try x − t g"),
        (backtrack_shrink_first, Verdict.INCORRECT, "the first trial must be lr itself"),
        (lambda f, x, g, lr, s, c1: backtrack(f, x, g, lr, 0.5, c1), Verdict.INCORRECT, "0.5"),
        (lambda f, x, g, lr, s, c1: backtrack(f, x, g, lr, s, 1e-4), Verdict.INCORRECT, "c1"),
        (backtrack_norm, Verdict.INCORRECT, "‖g‖² = g · g"),
        (
            lambda f, x, g, lr, s, c1: s * backtrack(f, x, g, lr, s, c1),
            Verdict.INCORRECT,
            "once more",
        ),
        (lambda f, x, g, lr, s, c1: lr, Verdict.INCORRECT, "the first of lr"),
        (
            lambda f, x, g, lr, s, c1: x - backtrack(f, x, g, lr, s, c1) * g,
            Verdict.INVALID,
            "not the new point",
        ),
        (lambda f, x, g, lr: lr, Verdict.INVALID, "raised TypeError"),
        (lambda f, x, g, lr, s, c1: None, Verdict.UNANSWERED, "still returns None"),
        (None, Verdict.UNANSWERED, "still None"),
        ("t", Verdict.INVALID, "got str"),
    ],
)
def test_check_backtracking(answer, verdict, words):
    feedback = ch4.check_backtracking(answer)
    assert feedback.verdict is verdict and words in feedback.message, feedback


def test_backtracking_cases_agree_with_calcopts_armijo_step():
    from calcopt.optimize import armijo_step

    for _, f, x0, lr, shrink, c1 in ch4.BACKTRACK_CASES:
        x = np.array(x0)
        g = ch4._slope(f, x)
        expected = ch4.armijo_trials(f, x, g, lr, shrink, c1)
        assert armijo_step(f, x, g, lr, shrink=shrink, c1=c1)[1] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("answer", "verdict", "words"),
    [
        (0.6, Verdict.CORRECT, "1 − ημ = 0.6 and 1 − ηL = 0.2"),
        (0.6001, Verdict.CORRECT, "the larger factor"),
        (0.2, Verdict.INCORRECT, "steep eigenvector"),
        (0.4, Verdict.INCORRECT, "ημ"),
        (0.8, Verdict.INCORRECT, "1 − ηL"),
        (1 / 3, Verdict.INCORRECT, "best step"),
        (1.2, Verdict.INCORRECT, "between 0 and 1"),
        (0.5, Verdict.INCORRECT, "trace 6, determinant 8"),
        ("0.6", Verdict.INVALID, "got str"),
        (None, Verdict.UNANSWERED, "still None"),
    ],
)
def test_check_quadratic_rate(answer, verdict, words):
    feedback = ch4.check_quadratic_rate(answer)
    assert feedback.verdict is verdict and words in feedback.message, feedback


def test_the_rate_check_agrees_with_a_run():
    run = gradient_descent(
        quadratic(ch4.RATE_HESSIAN), [1.0, 0.0], lr=ch4.RATE_LR, max_iter=40, tol=0
    )
    errors = np.linalg.norm(run.path, axis=1)
    measured = errors[-1] / errors[-2]
    assert measured == pytest.approx(0.6, rel=1e-9)
    assert ch4.check_quadratic_rate(measured).correct
