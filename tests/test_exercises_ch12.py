"""Chapters 1 and 2: every check answers a right, a wrong and a malformed answer differently."""

import numpy as np
import pytest

import calcopt as co
from calcopt import functions as fn
from calcopt.exercises import Verdict
from calcopt.exercises import derivatives as ch2
from calcopt.exercises import extrema as ch1

X, Y = [0.5, 1.5, 2.0, 3.0], [1.1, 2.8, 4.3, 5.9]


def test_interval_minimum_sits_at_an_endpoint_and_each_miss_is_explained():
    best = co.minimize_on_interval(fn.wavy, -0.3, 3.0)
    assert best.x == -0.3 and best.at_endpoint and best.slope > 1
    right = ch1.check_interval_minimum(-0.3)
    local = ch1.check_interval_minimum(1.5366)
    maximum = ch1.check_interval_minimum(0.5355)
    outside = ch1.check_interval_minimum(-1.0)
    uphill = ch1.check_interval_minimum(2.0)
    missing = ch1.check_interval_minimum(None)
    text = ch1.check_interval_minimum("-0.3")
    assert right.verdict is Verdict.CORRECT and "endpoint" in right.message
    assert "local minimum" in local.message and "compare the endpoints" in local.message
    assert "local maximum" in maximum.message
    assert "not feasible" in outside.message
    assert "smaller to the left" in uphill.message
    for feedback in (local, maximum, outside, uphill):
        assert feedback.verdict is Verdict.INCORRECT
    assert (missing.verdict, text.verdict) == (Verdict.UNANSWERED, Verdict.INVALID)
    assert "still None" in missing.message and "got str" in text.message


def test_maximizer_of_the_likelihood_and_the_sign_slip():
    assert co.maximize_on_interval(ch1.COIN_LIKELIHOOD, 0.0, 1.0).x == pytest.approx(0.7)
    right = ch1.check_maximizer(0.7)
    minimised = ch1.check_maximizer(1.0)
    short = ch1.check_maximizer(0.5)
    malformed = ch1.check_maximizer([0.7])
    assert [f.verdict for f in (right, minimised, short, malformed)] == [
        Verdict.CORRECT,
        Verdict.INCORRECT,
        Verdict.INCORRECT,
        Verdict.INVALID,
    ]
    assert "you minimised f" in minimised.message and "−f" in minimised.message
    assert "larger to the right" in short.message
    assert "got list" in malformed.message


def test_mse_minimizer_names_the_tempting_wrong_formulas():
    x, y = np.array(X), np.array(Y)
    best = x @ y / (x @ x)
    right = ch1.check_mse_minimizer(X, Y, best)
    ratio = ch1.check_mse_minimizer(X, Y, y.sum() / x.sum())
    slopes = ch1.check_mse_minimizer(X, Y, float(np.mean(y / x)))
    low = ch1.check_mse_minimizer(X, Y, 1.5)
    malformed = ch1.check_mse_minimizer(X, Y, float("nan"))
    assert right.verdict is Verdict.CORRECT and f"{best:.6g}" in right.message
    assert "Σ yᵢ / Σ xᵢ" in ratio.message
    assert "mean of the slopes" in slopes.message
    assert "increase w" in low.message
    assert {ratio.verdict, slopes.verdict, low.verdict} == {Verdict.INCORRECT}
    assert malformed.verdict is Verdict.INVALID and "nan" in malformed.message


def central(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


def test_central_difference_check_recognises_each_slip():
    right = ch2.check_central_difference(central)
    forward = ch2.check_central_difference(lambda f, x, h: (f(x + h) - f(x)) / h)
    backward = ch2.check_central_difference(lambda f, x, h: (f(x) - f(x - h)) / h)
    doubled = ch2.check_central_difference(lambda f, x, h: (f(x + h) - f(x - h)) / h)
    other = ch2.check_central_difference(lambda f, x, h: 1.0)
    assert right.verdict is Verdict.CORRECT
    assert "forward difference" in forward.message and "backward difference" in backward.message
    assert "twice" in doubled.message and "you return 1 but" in other.message
    assert {f.verdict for f in (forward, backward, doubled, other)} == {Verdict.INCORRECT}


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("central", "expected a function"),
        (lambda f, x: f(x), "raised TypeError"),
        (lambda f, x, h: np.array([1.0, 2.0]), "return one number"),
    ],
)
def test_central_difference_check_rejects_malformed_functions(answer, message):
    assert ch2.check_central_difference(None).verdict is Verdict.UNANSWERED
    feedback = ch2.check_central_difference(answer)
    assert feedback.verdict is Verdict.INVALID and message in feedback.message


def test_directional_derivative_check_needs_the_unit_vector():
    u = np.array([3.0, 4.0]) / 5
    exact = co.directional_derivative(fn.himmelblau, [1.0, 1.0], u)
    assert exact == pytest.approx(-58.0, rel=1e-9)
    right = ch2.check_directional_derivative(exact)
    raw = ch2.check_directional_derivative(-290.0)
    flipped = ch2.check_directional_derivative(58.0)
    partial = ch2.check_directional_derivative(co.partial(fn.himmelblau, [1.0, 1.0], 1))
    steepest = ch2.check_directional_derivative(float(np.hypot(46, 38)))
    other = ch2.check_directional_derivative(-50.0)
    malformed = ch2.check_directional_derivative("-58")
    assert right.verdict is Verdict.CORRECT
    assert "unit vector" in raw.message and "5 = ‖v‖ times too large" in raw.message
    assert "opposite" in flipped.message
    assert "∂f/∂y" in partial.message
    assert "‖∇f‖" in steepest.message
    assert "normalise v" in other.message
    assert {f.verdict for f in (raw, flipped, partial, steepest, other)} == {Verdict.INCORRECT}
    assert malformed.verdict is Verdict.INVALID


def test_best_step_check_says_which_error_dominates():
    right = ch2.check_best_step(1e-8)
    large = ch2.check_best_step(6e-6)
    small = ch2.check_best_step(1e-14)
    negative = ch2.check_best_step(-1e-8)
    malformed = ch2.check_best_step("1e-8")
    assert right.verdict is Verdict.CORRECT
    assert "too large" in large.message and "truncation" in large.message
    assert "too small" in small.message and "rounding" in small.message
    assert "positive" in negative.message
    assert {f.verdict for f in (large, small, negative)} == {Verdict.INCORRECT}
    assert malformed.verdict is Verdict.INVALID


def test_best_step_check_follows_the_method():
    assert ch2.check_best_step(1e-5, method="central").correct
    assert not ch2.check_best_step(1e-8, method="central").correct


def test_mse_minimizer_accepts_the_slope_typed_with_four_digits():
    x, y = np.array(X), np.array(Y)
    best = x @ y / (x @ x)
    assert ch1.check_mse_minimizer(X, Y, float(f"{best:.4g}")).correct
    assert not ch1.check_mse_minimizer(X, Y, best * 1.01).correct


def test_directional_derivative_accepts_a_rounded_answer():
    exact = co.directional_derivative(fn.himmelblau, [1.0, 1.0], [3.0, 4.0])
    assert ch2.check_directional_derivative(round(exact, 2)).correct
    assert not ch2.check_directional_derivative(exact + 1).correct


def test_chain_rule_check_names_each_dropped_link():
    w, x = 0.5, 2.0
    inner = np.exp(-w * x)
    exact = -x * inner / (1 + inner)
    assert exact == pytest.approx(co.derivative(lambda t: np.log1p(np.exp(-x * t)), w), rel=1e-9)
    answers = {
        "no inner derivative": inner / (1 + inner),
        "sign of the inner derivative": -exact,
        "no outer derivative": -x * inner,
        "middle derivative taken as 1": -x / (1 + inner),
        "outer derivative only": 1 / (1 + inner),
        "the value": np.log1p(inner),
        "anything else": 1.0,
    }
    words = {
        "no inner derivative": "left out the inner derivative",
        "sign of the inner derivative": "sign is off",
        "no outer derivative": "left out the outer derivative",
        "middle derivative taken as 1": "e^u, not 1",
        "outer derivative only": "stopped after the outer derivative",
        "the value": "not its derivative",
        "anything else": "multiply the three derivatives",
    }
    assert ch2.check_chain_rule(exact).correct and ch2.check_chain_rule(-0.5379).correct
    for name, answer in answers.items():
        feedback = ch2.check_chain_rule(float(answer))
        assert feedback.verdict is Verdict.INCORRECT, f"{name} is wrong"
        assert words[name] in feedback.message, f"the slip '{name}' is named"
    assert ch2.check_chain_rule(None).verdict is Verdict.UNANSWERED
    assert ch2.check_chain_rule("-0.54").verdict is Verdict.INVALID
