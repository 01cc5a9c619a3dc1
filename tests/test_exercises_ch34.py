"""Chapters 3 and 4: every check tells a right, a wrong and a malformed answer apart."""

import numpy as np
import pytest

from calcopt.exercises import Verdict
from calcopt.exercises import descent as ch4
from calcopt.exercises import gradient as ch3
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
