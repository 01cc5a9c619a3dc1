"""The capstone's exercise checks: a right, a wrong and a malformed or missing answer get
different verdicts, and each usual slip gets a message that names it."""

import numpy as np
import pytest

from calcopt.exercises import Verdict
from calcopt.exercises import capstone as checks
from calcopt.models.logistic import LogisticLoss, two_blobs

LETTERS = {
    Verdict.CORRECT: "C",
    Verdict.INCORRECT: "I",
    Verdict.INVALID: "V",
    Verdict.UNANSWERED: "U",
}


def verdicts(*feedback) -> str:
    """The verdicts as letters: C correct, I incorrect, V invalid (malformed), U unanswered."""
    return "".join(LETTERS[f.verdict] for f in feedback)


@pytest.fixture(scope="module")
def loss():
    return LogisticLoss(*two_blobs(30, seed=0))


def test_check_gradient(loss):
    X, y, n = loss.design, loss.labels, loss.labels.size

    def p(theta):
        return 1 / (1 + np.exp(-X @ theta))

    right = checks.check_gradient(loss, lambda t: X.T @ (p(t) - y) / n)
    flipped = checks.check_gradient(loss, lambda t: X.T @ (y - p(t)) / n)
    summed = checks.check_gradient(loss, lambda t: X.T @ (p(t) - y))
    wrong = checks.check_gradient(loss, lambda t: X.T @ p(t) / n)
    no_bias = checks.check_gradient(loss, lambda t: loss.features.T @ (p(t) - y) / n)
    raises = checks.check_gradient(loss, lambda t: t @ np.ones(5))
    not_callable = checks.check_gradient(loss, [0.1, 0.2, 0.3])
    missing = checks.check_gradient(loss, None)
    assert verdicts(right, flipped, summed, wrong, no_bias, raises, not_callable, missing) == (
        "CIIIVVVU"
    ), "the gradient check tells right, wrong, malformed and missing answers apart"
    assert "sign is flipped" in flipped.message and "N times too large" in summed.message
    assert "X^T (p − y) / N" in wrong.message and "shape (2,)" in no_bias.message
    assert "raised ValueError" in raises.message and "got list" in not_callable.message
    assert "still None" in missing.message


def test_check_hessian(loss):
    X, n = loss.design, loss.labels.size

    def weights(theta):
        p = 1 / (1 + np.exp(-X @ theta))
        return p * (1 - p)

    right = checks.check_hessian(loss, lambda t: X.T @ (X * weights(t)[:, None]) / n)
    unweighted = checks.check_hessian(loss, lambda t: X.T @ X / n)
    summed = checks.check_hessian(loss, lambda t: X.T @ (X * weights(t)[:, None]))
    asymmetric = checks.check_hessian(loss, lambda t: np.triu(X.T @ (X * weights(t)[:, None])) / n)
    other = checks.check_hessian(loss, lambda t: np.eye(3))
    missing = checks.check_hessian(loss, None)
    assert verdicts(right, unweighted, summed, asymmetric, other, missing) == "CIIIIU", (
        "the Hessian check tells right, wrong and missing answers apart"
    )
    assert "pᵢ(1 − pᵢ)" in unweighted.message and "N times too large" in summed.message
    assert "not symmetric" in asymmetric.message and "Jacobian of the" in other.message


NU = 0.01


def decayed(loss, *, bias=0.0, scale=1.0, sign=1.0):
    """A learner's gradient of f + (ν/2)‖w‖² with a chosen slip: the bias penalised with weight
    ``bias``, the penalty's gradient times ``scale``, or the whole gradient times ``sign``."""

    def answer(theta):
        penalty = np.concatenate([[bias * theta[0]], theta[1:]])
        return sign * (loss.gradient(theta) + scale * NU * penalty)

    return answer


def test_check_weight_decay_names_each_slip(loss):
    cases = {
        "right": (decayed(loss), Verdict.CORRECT, "∇f + ν(0, w₁, …, wₙ₋₁)"),
        "bias penalised": (decayed(loss, bias=1.0), Verdict.INCORRECT, "penalised the bias"),
        "twice": (decayed(loss, scale=2.0), Verdict.INCORRECT, "not 2ν w"),
        "half": (decayed(loss, scale=0.5), Verdict.INCORRECT, "not ν w / 2"),
        "no penalty": (decayed(loss, scale=0.0), Verdict.INCORRECT, "gradient of f alone"),
        "subtracted": (decayed(loss, scale=-1.0), Verdict.INCORRECT, "subtracting"),
        "flipped": (decayed(loss, sign=-1.0), Verdict.INCORRECT, "sign is flipped"),
        "other": (lambda t: np.ones(3), Verdict.INCORRECT, "unpenalised"),
        "shape": (lambda t: t[1:], Verdict.INVALID, "shape (3,)"),
        "raises": (lambda t: t @ np.ones(4), Verdict.INVALID, "raised ValueError"),
        "not callable": ([0.0, 0.1, 0.1], Verdict.INVALID, "got list"),
        "missing": (None, Verdict.UNANSWERED, "still None"),
    }
    for name, (answer, verdict, phrase) in cases.items():
        feedback = checks.check_weight_decay(loss, NU, answer)
        assert feedback.verdict == verdict and phrase in feedback.message, (
            f"the weight-decay check answers the {name!r} case with a {verdict} verdict that "
            f"says {phrase!r}; it said {feedback.verdict}: {feedback.message!r}"
        )


def test_check_weight_decay_needs_a_positive_strength(loss):
    with pytest.raises(ValueError, match="nu must be"):
        checks.check_weight_decay(loss, 0.0, decayed(loss))
