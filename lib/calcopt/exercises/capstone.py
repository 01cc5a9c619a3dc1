r"""Checks for the exercises of the capstone: logistic regression.

Each check calls the learner's function of :math:`\boldsymbol\theta = (b, w_1, \dots)` at a few
parameter vectors the learner does not see and compares it with ``LogisticLoss``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import _validation as check
from ..models.logistic import LogisticLoss
from . import Feedback, correct, incorrect, invalid, unanswered


def _against(loss: LogisticLoss, answer: object, what: str, reference: Callable):
    """The learner's function and ``reference`` at a few parameter vectors, as two arrays, or
    feedback when the answer is missing or cannot be evaluated."""
    what = f"a function of theta returning {what}"
    if answer is None:
        return unanswered(what)
    if not callable(answer):
        return invalid(f"expected {what}, got {type(answer).__name__}")
    probes = np.random.default_rng(6).normal(scale=1.5, size=(4, loss.size))
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
    return np.array(results), np.array([reference(theta) for theta in probes]), probes


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))


def check_gradient(loss: LogisticLoss, answer: object) -> Feedback:
    r"""Check a function :math:`\boldsymbol\theta \mapsto \nabla f(\boldsymbol\theta)` for the
    mean cross-entropy f of ``loss``.

    Examples
    --------
    >>> loss = LogisticLoss([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]], [0, 1, 1])
    >>> check_gradient(loss, loss.gradient).correct
    True
    >>> "sign" in check_gradient(loss, lambda t: -loss.gradient(t)).message
    True
    """
    got = _against(loss, answer, "the gradient", loss.gradient)
    if isinstance(got, Feedback):
        return got
    values, expected, _ = got
    if _close(values, expected):
        return correct("your gradient X^T (p − y) / N matches at every test point")
    if _close(values, -expected):
        return incorrect("the sign is flipped: the gradient is X^T (p − y) / N, not with y − p")
    if _close(values, loss.labels.size * expected):
        return incorrect(
            "your gradient is N times too large: f is the mean over the samples, so divide by N"
        )
    return incorrect(
        "your gradient differs from ∇f; with X the design matrix (a column of ones, then the "
        "features) and p = σ(Xθ), it is X^T (p − y) / N"
    )


def check_hessian(loss: LogisticLoss, answer: object) -> Feedback:
    r"""Check a function :math:`\boldsymbol\theta \mapsto \nabla^2 f(\boldsymbol\theta)`.

    Examples
    --------
    >>> loss = LogisticLoss([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]], [0, 1, 1])
    >>> check_hessian(loss, loss.hessian).correct
    True
    """
    got = _against(loss, answer, "the Hessian", loss.hessian)
    if isinstance(got, Feedback):
        return got
    values, expected, _ = got
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
        "your Hessian differs from ∇²f = X^T diag(p(1 − p)) X / N; it is the Jacobian of the "
        "gradient X^T (p − y) / N"
    )


def check_weight_decay(loss: LogisticLoss, nu: float, answer: object) -> Feedback:
    r"""Check a function returning the gradient of the loss with weight decay,

    .. math::
        g(\boldsymbol\theta) = f(\boldsymbol\theta) + \frac\nu2\lVert\mathbf w\rVert^2,
        \qquad
        \nabla g(\boldsymbol\theta) = \nabla f(\boldsymbol\theta) + \nu\,(0, w_1, \dots, w_{n-1}),

    where f is the mean cross-entropy of ``loss`` and :math:`\mathbf w` are the weights: every
    parameter but the bias :math:`b = \theta_0`. The feedback names the usual slips: the bias
    penalised too, a factor 2 or 1/2 on the penalty's gradient, the penalty left out or
    subtracted.

    Parameters
    ----------
    loss : LogisticLoss
    nu : float
        Strength :math:`\nu > 0` of the penalty.
    answer : callable or None
        The learner's function of theta.

    Raises
    ------
    TypeError, ValueError
        If ``nu`` is not a positive number.

    Examples
    --------
    >>> loss = LogisticLoss([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]], [0, 1, 1])
    >>> def decayed(theta):
    ...     return loss.gradient(theta) + 0.1 * np.concatenate([[0.0], theta[1:]])
    >>> check_weight_decay(loss, 0.1, decayed).correct
    True
    >>> "bias" in check_weight_decay(loss, 0.1, lambda t: loss.gradient(t) + 0.1 * t).message
    True

    See the capstone, *Exercises*.
    """
    nu = check.positive(nu, "nu")

    def reference(theta):
        return loss.gradient(theta) + nu * _weights(theta)

    got = _against(loss, answer, "the gradient of f + (ν/2)‖w‖²", reference)
    if isinstance(got, Feedback):
        return got
    values, expected, probes = got
    plain = np.array([loss.gradient(theta) for theta in probes])
    weights = np.array([_weights(theta) for theta in probes])
    if _close(values, expected):
        return correct("your gradient ∇f + ν(0, w₁, …, wₙ₋₁) matches at every test point")
    if _close(values, plain + nu * probes):
        return incorrect(
            "you penalised the bias b too: the penalty (ν/2)‖w‖² involves the weights only, so "
            "its gradient is 0 in the bias entry, ν(0, w₁, …, wₙ₋₁)"
        )
    for factor, slip in ((2, "2ν w"), (0.5, "ν w / 2")):
        if _close(values, plain + factor * nu * weights):
            return incorrect(
                f"the gradient of (ν/2)‖w‖² is ν w, not {slip}: the 1/2 cancels the 2 from "
                "differentiating wᵢ²"
            )
    if _close(values, plain):
        return incorrect(
            "that is the gradient of f alone; add the penalty's gradient ν(0, w₁, …, wₙ₋₁)"
        )
    if _close(values, plain - nu * weights):
        return incorrect(
            "the penalty is added to the loss, so its gradient ν w is added too; subtracting "
            "it rewards large weights"
        )
    if _close(values, -expected):
        return incorrect("the sign is flipped: ∇f is X^T (p − y) / N, and the penalty adds ν w")
    return incorrect(
        "your gradient differs from ∇g = X^T (p − y) / N + ν(0, w₁, …, wₙ₋₁), with the bias "
        "first and unpenalised"
    )


def _weights(theta: np.ndarray) -> np.ndarray:
    """θ with its bias entry set to 0: the gradient of ‖w‖²/2."""
    return np.concatenate([[0.0], theta[1:]])
