"""Chapters 5 and 6: every check tells a right, a wrong and a malformed answer apart, with a
message specific to the mistake."""

import numpy as np
import pytest

from calcopt.exercises import Verdict
from calcopt.exercises import hessian as ch5


def verdicts(*feedback) -> str:
    """The verdicts as letters: C correct, I incorrect, V invalid (malformed), U unanswered."""
    letters = {
        Verdict.CORRECT: "C",
        Verdict.INCORRECT: "I",
        Verdict.INVALID: "V",
        Verdict.UNANSWERED: "U",
    }
    return "".join(letters[f.verdict] for f in feedback)


def test_check_jacobian():
    right = ch5.check_jacobian(np.array([[0.0, 0.0, 2.0], [2.0, 0.0, 1.0]]))
    transposed = ch5.check_jacobian([[0, 2], [0, 0], [2, 1]])
    wrong = ch5.check_jacobian([[0, 0, 2], [2, 0, 0]])
    malformed = ch5.check_jacobian("J")
    missing = ch5.check_jacobian(None)
    shape = ch5.check_jacobian([[0, 0], [2, 0]])
    assert verdicts(right, transposed, wrong, malformed, missing, shape) == "CIIVUV"
    assert "transpose" in transposed.message and "2 x 3" in transposed.message
    assert "entry (2, 3) should be ∂F2/∂z" in wrong.message and "which is 1, not 0" in wrong.message
    assert "got str" in malformed.message and "still None" in missing.message
    assert "shape (2, 2)" in shape.message


def test_check_classification():
    truth = {(0, 0): "saddle", (1, 1): "minimum", (-1, -1): "minimum"}
    right = ch5.check_classification(truth)
    wrong_kind = ch5.check_classification({**truth, (0, 0): "minimum"})
    missing = ch5.check_classification({(1, 1): "minimum", (-1, -1): "minimum"})
    extra = ch5.check_classification({**truth, (2, 2): "maximum"})
    bad_kind = ch5.check_classification({(0, 0): "saddle point"})
    not_a_dict = ch5.check_classification([(0, 0), "saddle"])
    assert verdicts(right, wrong_kind, missing, extra, bad_kind, not_a_dict) == "CIIIVV"
    assert "eigenvalues -4 and 4, so the point is a saddle, not a minimum" in wrong_kind.message
    assert "(0, 0) is missing" in missing.message
    assert "only 3 stationary points" in extra.message
    assert "'saddle point'" in bad_kind.message and "got list" in not_a_dict.message


@pytest.mark.parametrize(
    ("answer", "verdict", "phrase"),
    [
        ([10 / 7, 8 / 7], Verdict.CORRECT, "(10/7, 8/7)"),
        ([18 / 7, 6 / 7], Verdict.INCORRECT, "check the sign"),
        ([-26.0, 5.0], Verdict.INCORRECT, "gradient step"),
        ([2 - 28 / 48, 1 + 4 / 12], Verdict.INCORRECT, "diagonal of H only"),
        ([2 - (48 * 28 + 16), 1 - (-4 * 28 - 48)], Verdict.INCORRECT, "you multiplied by H"),
        ([1.5, 1.0], Verdict.INCORRECT, "should be about (1.4286, 1.1429)"),
        ([1.5], Verdict.INVALID, "2 finite numbers"),
        (None, Verdict.UNANSWERED, "still None"),
    ],
)
def test_check_newton_step(answer, verdict, phrase):
    feedback = ch5.check_newton_step(answer)
    assert feedback.verdict == verdict and phrase in feedback.message


def test_check_degenerate_rate():
    right = ch5.check_degenerate_rate(2 / 3)
    quadratic = ch5.check_degenerate_rate(0.0)
    complement = ch5.check_degenerate_rate(1 / 3)
    other = ch5.check_degenerate_rate(0.5)
    malformed = ch5.check_degenerate_rate("2/3")
    assert verdicts(right, quadratic, complement, other, malformed) == "CIIIV"
    assert "degenerate" in right.message and "nondegenerate" in quadratic.message
    assert "fraction removed" in complement.message and "f″ = 12x²" in other.message


def test_hand_typed_answers_with_four_digits_pass():
    assert ch5.check_newton_step([1.4286, 1.1429]).correct
    assert ch5.check_newton_step([1.429, 1.143]).correct
    assert not ch5.check_newton_step([1.5, 1.1429]).correct
    assert ch5.check_degenerate_rate(0.6667).correct
    assert ch5.check_degenerate_rate(0.667).correct
    assert not ch5.check_degenerate_rate(0.68).correct
