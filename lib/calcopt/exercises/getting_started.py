"""Checks for the exercises of chapter 0, *Getting started*."""

from __future__ import annotations

import numpy as np

from .. import _validation as check
from ..functions import booth
from ..objective import Objective, require_objective
from ..optimize import gradient_descent
from ..optimize.result import count_iterations
from ..optimize.theory import stability_limit
from . import Feedback, as_number, as_objective, correct, incorrect, typed_match

_SAMPLES = np.array([[0.0, 0.0], [1.0, 3.0], [2.0, -1.0], [-3.0, 0.5]])


def check_booth(answer: object) -> Feedback:
    r"""Check an Objective meant to be Booth's function :math:`(x+2y-7)^2 + (2x+y-5)^2`.

    Examples
    --------
    >>> check_booth(None).verdict
    <Verdict.UNANSWERED: 'unanswered'>
    >>> from calcopt.functions import booth
    >>> check_booth(booth).correct
    True
    """
    g = as_objective(answer, 2, "Booth's function")
    if isinstance(g, Feedback):
        return g
    for point in _SAMPLES:
        expected, got = booth(point), g(point)
        if not np.isclose(got, expected, rtol=1e-12, atol=1e-12):
            return incorrect(
                f"at (x, y) = ({point[0]:g}, {point[1]:g}) Booth's function is {expected:g} but "
                f"yours gives {float(got):g}; compare each bracket with (x + 2y - 7) and "
                "(2x + y - 5), and remember that both are squared"
            )
    return correct("your objective agrees with Booth's function; its minimum is 0 at (1, 3)")


def check_learning_rate(
    f: Objective, x0, answer: object, *, within: int = 30, tol: float = 1e-6
) -> Feedback:
    r"""Check a learning rate that should make gradient descent on f converge within a budget.

    Runs :func:`~calcopt.gradient_descent` from ``x0`` with ``lr=answer`` and explains what
    happened: divergence (the step is past :math:`2/L`), convergence that takes too many
    iterations (the step is too small), or success.

    Examples
    --------
    >>> from calcopt.functions import booth
    >>> check_learning_rate(booth, [0.0, 0.0], 0.1, within=100).correct
    True
    >>> check_learning_rate(booth, [0.0, 0.0], 0.5).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    lr = as_number(answer, "a positive learning rate (one number)")
    if isinstance(lr, Feedback):
        return lr
    if lr <= 0:
        return incorrect(f"a learning rate must be positive; {lr:g} steps uphill or not at all")
    result = gradient_descent(f, x0, lr=lr, max_iter=within, tol=tol)
    if result.success:
        return correct(f"lr = {lr:g} converged in {count_iterations(result.nit)}")
    if result.status == "diverged":
        return incorrect(
            f"lr = {lr:g} diverged after {count_iterations(result.nit)}: the step overshoots "
            "along the steepest direction of the valley; try a smaller learning rate"
        )
    if _overshoots(f, lr, result.path):
        advice = "the iterates zig-zag across the valley, so the steps overshoot: try a smaller one"
    else:
        advice = "the steps are too short: try a larger learning rate"
    return incorrect(
        f"lr = {lr:g} did not converge within {within} iterations (gradient norm still "
        f"{result.grad_norms[-1]:.2g}); {advice}"
    )


def _overshoots(f: Objective, lr: float, path: np.ndarray) -> bool:
    """Is lr past the best fixed step 2/(mu + L)? Without curvature, do the steps reverse?"""
    if f.curvature is not None:
        mu, L = f.curvature
        return lr > 2 / (mu + L)
    steps = np.diff(path, axis=0)
    return bool(np.mean(np.sum(steps[1:] * steps[:-1], axis=1) < 0) > 0.5)


def check_scaled_limit(f: Objective, answer: object, *, scale: float = 100.0) -> Feedback:
    r"""Check the learning rate at which gradient descent on ``scale`` times f stops converging.

    For a quadratic :math:`h = c f` with :math:`c > 0`, every second derivative of h is c times
    that of f, so the Hessian eigenvalues of h are :math:`c\mu` and :math:`cL`, and gradient
    descent on h converges iff

    .. math:: 0 < \eta < \bar\eta = \frac{2}{cL}.

    The usual slips get their own message: the limit of f itself, the limit multiplied by c
    instead of divided, :math:`2/\mu` (the smallest curvature), :math:`1/L`, the best fixed
    step :math:`2/(\mu + L)`, and the myth that the limit is 1.

    Parameters
    ----------
    f : Objective
        A quadratic (constant Hessian); for another objective, the Hessian at its first known
        minimiser stands in, and the limit holds near that minimiser.
    answer : object
        The learner's :math:`\bar\eta`, one number.
    scale : float
        The factor c > 0.

    Raises
    ------
    TypeError, ValueError
        If f is not an Objective, is neither a quadratic nor has a known minimiser, or scale
        is not positive.

    Examples
    --------
    >>> from calcopt.functions import booth
    >>> check_scaled_limit(booth, 1 / 900).correct
    True
    >>> "divide" in check_scaled_limit(booth, 100 / 9).message
    True

    See chapter 0, *Getting started*.
    """
    mu, L = _curvature(f)
    scale = check.positive(scale, "scale")
    limit = 2 / (scale * L)
    lr = as_number(answer, "the boundary learning rate (one number)")
    if isinstance(lr, Feedback):
        return lr
    if lr <= 0:
        return incorrect(f"a learning rate is positive; {lr:g} steps uphill or not at all")
    times = f"{scale:g} f"
    if typed_match(lr, limit):
        return correct(
            f"2/L = 2/{scale * L:.4g} = {limit:.3g}: every second derivative of {times} is "
            f"{scale:g} times that of f, so L grows and the limit shrinks by that factor"
        )
    slips = [
        (
            2 / L,
            f"that is the limit 2/L of f itself; {times} curves {scale:g} times as strongly, "
            "so its L is that many times larger",
        ),
        (
            2 * scale / L,
            f"you multiplied the limit of f by {scale:g}: a loss that curves more strongly "
            f"needs shorter steps, so divide 2/L of f by {scale:g} instead",
        ),
        (
            2 / (scale * mu),
            "that is 2/μ, from the smallest curvature; the steep direction is the first to "
            "overshoot, so the limit is 2/L with the largest one",
        ),
        (
            1 / (scale * L),
            "that is 1/L: gradient descent converges there without zig-zag, but it also "
            "converges up to twice that rate",
        ),
        (
            2 / (scale * (mu + L)),
            "that is 2/(μ + L), the best fixed rate (the fastest convergence), not the rate "
            "where convergence stops",
        ),
        (
            1.0,
            f"'the learning rate must be below 1' is a myth: the limit is 2/L and depends on "
            f"the curvature; for {times} it is far below 1",
        ),
    ]
    for target, message in slips:
        if typed_match(lr, target):
            return incorrect(message)
    if lr < limit:
        return incorrect(
            f"gradient descent on {times} converges at η = {lr:g}, and at somewhat larger "
            "rates too: the boundary is higher; it is 2 divided by the largest eigenvalue of "
            f"the Hessian of {times}"
        )
    return incorrect(
        f"gradient descent on {times} diverges at η = {lr:g}: each step overshoots along the "
        f"steep direction; the boundary is lower, 2 divided by the largest eigenvalue of the "
        f"Hessian of {times}"
    )


def _curvature(f: Objective) -> tuple[float, float]:
    """(mu, L): the Hessian's extreme eigenvalues, constant for a quadratic, else at the first
    known minimiser (where 2/L governs convergence once the iterates are close)."""
    f = require_objective(f, "f")
    if f.curvature is not None:
        return f.curvature
    stability_limit(f)  # a ValueError unless f has a known minimiser
    eigenvalues = np.linalg.eigvalsh(f.hessian(np.array(f.minima[0], dtype=float)))
    return float(eigenvalues[0]), float(eigenvalues[-1])
