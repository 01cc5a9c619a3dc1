"""Checks for the exercises of chapter 6, the capstone: logistic regression."""

from __future__ import annotations

import numpy as np

from ..models.logistic import LogisticLoss
from . import Feedback, as_number, correct, incorrect, invalid, unanswered


def _against_library(loss: LogisticLoss, answer: object, method: str):
    """The learner's function and ``loss.<method>`` at a few parameter vectors, as two arrays,
    or invalid feedback when the answer cannot be evaluated."""
    what = "a function of theta returning the " + {"hessian": "Hessian"}.get(method, method)
    if answer is None:
        return unanswered(what)
    if not callable(answer):
        return invalid(f"expected {what}, got {type(answer).__name__}")
    probes = np.random.default_rng(6).normal(scale=1.5, size=(4, loss.size))
    reference = getattr(loss, method)
    shape = np.shape(reference(probes[0]))
    results = []
    for theta in probes:
        try:
            value = np.asarray(answer(theta.copy()), dtype=float)
        except Exception as error:  # a learner's function may fail in any way
            return invalid(f"your function raised {type(error).__name__}: {error}")
        if value.shape != shape or not np.all(np.isfinite(value)):
            return invalid(
                f"your function must return finite numbers of shape {shape}, one row and column "
                f"per parameter (the bias b first, then the weights); got shape {value.shape}"
            )
        results.append(value)
    return np.array(results), np.array([reference(theta) for theta in probes])


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))


def check_gradient(loss: LogisticLoss, answer: object) -> Feedback:
    r"""Check a function :math:`\boldsymbol\theta \mapsto \nabla L(\boldsymbol\theta)` for the loss.

    Examples
    --------
    >>> loss = LogisticLoss([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]], [0, 1, 1])
    >>> check_gradient(loss, loss.gradient).correct
    True
    >>> "sign" in check_gradient(loss, lambda t: -loss.gradient(t)).message
    True
    """
    got = _against_library(loss, answer, "gradient")
    if isinstance(got, Feedback):
        return got
    values, expected = got
    if _close(values, expected):
        return correct("your gradient X^T (p − y) / N matches at every test point")
    if _close(values, -expected):
        return incorrect("the sign is flipped: the gradient is X^T (p − y) / N, not with y − p")
    if _close(values, loss.labels.size * expected):
        return incorrect(
            "your gradient is N times too large: L is the mean over the samples, so divide by N"
        )
    return incorrect(
        "your gradient differs from ∇L; with X the design matrix (a column of ones, then the "
        "features) and p = σ(Xθ), it is X^T (p − y) / N"
    )


def check_hessian(loss: LogisticLoss, answer: object) -> Feedback:
    r"""Check a function :math:`\boldsymbol\theta \mapsto \nabla^2 L(\boldsymbol\theta)`.

    Examples
    --------
    >>> loss = LogisticLoss([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]], [0, 1, 1])
    >>> check_hessian(loss, loss.hessian).correct
    True
    """
    got = _against_library(loss, answer, "hessian")
    if isinstance(got, Feedback):
        return got
    values, expected = got
    if _close(values, expected):
        return correct("your Hessian X^T diag(p(1 − p)) X / N matches at every test point")
    unweighted = loss.design.T @ loss.design / loss.labels.size
    if _close(values, np.broadcast_to(unweighted, values.shape)):
        return incorrect(
            "each sample must be weighted by σ′(zᵢ) = pᵢ(1 − pᵢ): X^T diag(p(1 − p)) X / N"
        )
    if _close(values, loss.labels.size * expected):
        return incorrect("your Hessian is N times too large: divide by N, as in the loss")
    if not np.allclose(values, np.swapaxes(values, 1, 2), atol=1e-9):
        return incorrect("your matrix is not symmetric, but a Hessian of a smooth function is")
    return incorrect(
        "your Hessian differs from ∇²L = X^T diag(p(1 − p)) X / N; it is the Jacobian of the "
        "gradient X^T (p − y) / N"
    )


def check_accuracy(loss: LogisticLoss, theta, answer: object) -> Feedback:
    r"""Check the training accuracy of the parameters ``theta`` on the loss's data.

    Examples
    --------
    >>> loss = LogisticLoss([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 0])
    >>> check_accuracy(loss, [-1.5, 1.0], 0.75).correct
    True
    """
    accuracy = loss.accuracy(theta)
    value = as_number(answer, "the accuracy as a fraction between 0 and 1")
    if isinstance(value, Feedback):
        return value
    if np.isclose(value, accuracy, atol=1e-9):
        return correct(
            f"{accuracy:.1%} of the samples fall on the correct side of the decision boundary"
        )
    if np.isclose(value, 100 * accuracy, atol=1e-7):
        return incorrect("give the accuracy as a fraction between 0 and 1, not a percentage")
    if np.isclose(value, 1 - accuracy, atol=1e-9):
        return incorrect("that is the error rate, the fraction misclassified; take 1 minus it")
    return incorrect(
        "predict class 1 where p = σ(Xθ) ≥ 1/2 and class 0 elsewhere, then take the mean of "
        "(prediction == label)"
    )
