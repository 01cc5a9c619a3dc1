"""Chapter 7: every check tells a right, a wrong and a malformed or unanswered answer apart,
with a message that names the usual mistake."""

import numpy as np
import pytest

from calcopt.exercises import Verdict
from calcopt.exercises import constrained as ch7
from calcopt.optimize import project_ball, project_box

CENTER = np.array(ch7.BALL_CENTER)


def right_projection(p):
    return project_ball(p, ch7.BALL_CENTER, ch7.BALL_RADIUS)


def onto_circle(p):
    """Every point scaled onto the circle: feasible, but it moves the disc's own points."""
    return CENTER + 2 * (p - CENTER) / max(np.linalg.norm(p - CENTER), 1e-12)


@pytest.mark.parametrize(
    ("answer", "verdict", "phrase"),
    [
        (right_projection, Verdict.CORRECT, "on all 8 test points"),
        (onto_circle, Verdict.INCORRECT, "not idempotent"),
        (lambda p: 2 * p / max(2.0, np.linalg.norm(p)), Verdict.INCORRECT, "outside the disc"),
        (lambda p: project_box(p, CENTER - 2, CENTER + 2), Verdict.INCORRECT, "outside the disc"),
        (
            lambda p: right_projection(project_box(p, CENTER - 2, CENTER + 2)),
            Verdict.INCORRECT,
            "at x = (4, 3) the nearest point of the disc is (2.2, 0.6)",
        ),
        (lambda p: p, Verdict.INCORRECT, "outside the disc"),
        (lambda p: None, Verdict.UNANSWERED, "returns None"),
        (lambda p: "p", Verdict.INVALID, "expected a point"),
        (lambda p: p[2], Verdict.INVALID, "raised IndexError"),
        ([1.0, -1.0], Verdict.INVALID, "expected a function"),
        (None, Verdict.UNANSWERED, "still None"),
    ],
)
def test_check_ball_projection(answer, verdict, phrase):
    feedback = ch7.check_ball_projection(answer)
    assert feedback.verdict == verdict, feedback.message
    assert phrase in feedback.message, feedback.message


def test_a_projection_that_moves_inner_points_is_named_by_idempotence():
    """The message names the rule P(P(x)) = P(x) and the point of the disc that moved."""
    feedback = ch7.check_ball_projection(onto_circle)
    assert "it moves (1.5, -0.5), a point of the disc, to (2.414, 0.4142)" in feedback.message
    assert "P(P(x)) = P(x)" in feedback.message


def test_a_projection_that_is_not_idempotent_on_its_own_results():
    """Feasible results that a second projection moves again: halfway to the centre."""
    feedback = ch7.check_ball_projection(lambda p: CENTER + 0.5 * (right_projection(p) - CENTER))
    assert feedback.verdict == Verdict.INCORRECT and "not idempotent" in feedback.message


@pytest.mark.parametrize(
    ("answer", "verdict", "phrase"),
    [
        (-2, Verdict.CORRECT, "so λ = -2, at the point (1, 2)"),
        (-2.0004, Verdict.CORRECT, "λ = -2"),
        (2, Verdict.INCORRECT, "check the sign"),
        (-1, Verdict.INCORRECT, "solve (2x, 2y) + λ(1, 2) = (0, 0)"),
        ("-2", Verdict.INVALID, "expected a number, the multiplier λ, got str"),
        (None, Verdict.UNANSWERED, "still None"),
    ],
)
def test_check_multiplier(answer, verdict, phrase):
    feedback = ch7.check_multiplier(answer)
    assert feedback.verdict == verdict and phrase in feedback.message, feedback.message


@pytest.mark.parametrize(
    ("answer", "verdict", "phrase"),
    [
        ([1, 2], Verdict.CORRECT, "μ1 = 1 and μ2 = 2"),
        ([-1, -2], Verdict.INCORRECT, "check the sign"),
        ([2, 0], Verdict.INCORRECT, "the candidate is (1, 1), where y = 1 breaks y ≤ 1/2"),
        ([0, 3], Verdict.INCORRECT, "x + y = 2.5 breaks"),
        ([1, -1], Verdict.INCORRECT, "never negative"),
        ([0.5, 0.5], Verdict.INCORRECT, "try the active sets one by one"),
        ([1], Verdict.INVALID, "2 finite numbers"),
        (None, Verdict.UNANSWERED, "still None"),
    ],
)
def test_check_kkt_multipliers(answer, verdict, phrase):
    feedback = ch7.check_kkt_multipliers(answer)
    assert feedback.verdict == verdict and phrase in feedback.message, feedback.message
