"""Checks for the exercises of chapter 0, *Getting started*."""

from __future__ import annotations

import numpy as np

from ..functions import booth
from ..objective import Objective
from ..optimize import gradient_descent
from ..optimize.result import count_iterations
from . import Feedback, as_number, as_objective, correct, incorrect

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
