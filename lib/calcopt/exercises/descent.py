r"""Checks for the exercises of chapter 4, *Gradient descent*.

The learning-rate exercises use the quadratic :math:`q(\mathbf x) = \tfrac12\mathbf x^\top A
\mathbf x` with :math:`A = \begin{pmatrix}5 & 2\\ 2 & 2\end{pmatrix}` (eigenvalues 1 and 6); the
regression exercise uses :func:`~calcopt.models.regression.house_prices`.
"""

from __future__ import annotations

import numpy as np

from ..functions import quadratic
from ..models.regression import LeastSquares, Scaling, design_matrix, house_prices
from ..optimize.theory import convergence_rate, iterations_needed
from . import Feedback, as_number, as_vector, correct, incorrect, invalid, typed_match

#: The Hessian of the learning-rate exercises.
A = np.array([[5.0, 2.0], [2.0, 2.0]])
q = quadratic(A, name="q")
#: The learning rate of the momentum exercise: too large without momentum.
MOMENTUM_LR = 0.5


def check_largest_lr(answer: object) -> Feedback:
    r"""Check the supremum of the learning rates for which gradient descent converges on q.

    Examples
    --------
    >>> check_largest_lr(1 / 3).correct
    True
    >>> check_largest_lr(0.333).correct
    True
    >>> check_largest_lr(1.0).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    lr = as_number(answer, "a learning rate, a positive number")
    if isinstance(lr, Feedback):
        return lr
    mu, L = q.curvature
    if typed_match(lr, 2 / L):
        return correct(
            f"the eigenvalues of A are {mu:g} and {L:g}, so gradient descent converges iff "
            f"0 < η < 2/L = {2 / L:.6g}"
        )
    hints = {
        1 / L: "that is 1/L, a safe choice but not the limit: the boundary is 2/L",
        2 / mu: "that uses the smallest eigenvalue; the largest one, L, sets the limit 2/L",
        2 / (mu + L): "that is the best fixed step 2/(μ + L); larger steps still converge",
        1.0: "the limit is not 1 for every function: it is 2/L, and L comes from A",
    }
    for value, hint in hints.items():
        if typed_match(lr, value):
            return incorrect(hint)
    if lr <= 0:
        return incorrect("a learning rate must be positive")
    if np.isclose(lr, 2 / L, rtol=0.05):
        return incorrect(
            f"close: {lr:g} is {abs(lr * L / 2 - 1):.1%} away from the limit; give it to three "
            "significant digits or as a fraction"
        )
    side = "converges there, so the limit is larger" if lr < 2 / L else "diverges there"
    return incorrect(
        f"gradient descent with η = {lr:g} {side}; find the eigenvalues of A "
        "(trace 7, determinant 6) and use the largest"
    )


def check_momentum(answer: object) -> Feedback:
    r"""Check a momentum :math:`\beta` that makes heavy ball with :math:`\eta = 0.5` converge on q.

    Heavy ball converges on a quadratic iff :math:`0 < \eta\lambda < 2 + 2\beta` for every
    eigenvalue :math:`\lambda` of A (:func:`~calcopt.optimize.theory.convergence_rate` below
    1); here that
    means :math:`\beta > 0.5`.

    Examples
    --------
    >>> check_momentum(0.7).correct
    True
    >>> check_momentum(0.999).correct
    True
    >>> check_momentum(0.5).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    beta = as_number(answer, "a momentum β, a number in [0, 1)")
    if isinstance(beta, Feedback):
        return beta
    if not 0 <= beta < 1:
        return invalid(f"momentum must lie in [0, 1); got {beta:g}")
    L = q.curvature[1]
    eta_L, limit = MOMENTUM_LR * L, 2 + 2 * beta
    rate = convergence_rate(MOMENTUM_LR, q.curvature, momentum=beta)
    if rate < 1:
        return correct(
            f"β = {beta:g} converges: ηL = {eta_L:g} < 2 + 2β = {limit:g}, and the error shrinks "
            f"by a factor {rate:.4g} per step: about {iterations_needed(rate):g} steps shrink it a "
            "millionfold"
        )
    if np.isclose(eta_L, limit, rtol=1e-12):
        return incorrect(
            f"β = {beta:g} sits exactly on the boundary 2 + 2β = ηL = {eta_L:g}: the error no "
            "longer grows but never shrinks either; any larger β converges"
        )
    return incorrect(
        f"β = {beta:g} diverges: with η = {MOMENTUM_LR:g} and L = {L:g}, ηL = {eta_L:g} must be "
        f"below 2 + 2β = {limit:g}"
    )


def check_regression_weights(answer: object, *, n: int = 30, seed: int = 4) -> Feedback:
    r"""Check the weights :math:`(w_0, w_1)` of the least-squares line for the house prices.

    The weights must be for the raw area (in square metres) and within a relative 1e-6 of the
    least-squares solution.

    Examples
    --------
    >>> from calcopt.models.regression import LeastSquares, design_matrix, house_prices
    >>> area, price = house_prices()
    >>> check_regression_weights(LeastSquares(design_matrix(area), price).solution).correct
    True
    """
    w = as_vector(answer, 2, "the weights [w0, w1] of the line w0 + w1 x")
    if isinstance(w, Feedback):
        return w
    area, price = house_prices(n, seed=seed)
    raw = LeastSquares(design_matrix(area), price)
    scaling = Scaling.of(area)
    scaled = LeastSquares(design_matrix(scaling.apply(area)), price)
    if np.allclose(w, raw.solution, rtol=1e-6, atol=0):
        return correct(
            f"w0 = {raw.solution[0]:.4f} thousand € and w1 = {raw.solution[1]:.4f} thousand € "
            "per m², as numpy.linalg.lstsq finds"
        )
    if np.allclose(w, scaled.solution, rtol=1e-6, atol=0):
        return incorrect(
            "these are the weights for the standardised area; convert them to raw units with "
            "scaling.raw_weights"
        )
    if np.allclose(w, raw.solution, rtol=1e-2, atol=0):
        digits = int(-np.log10(np.max(np.abs(w / raw.solution - 1))))
        return incorrect(
            f"close: your weights agree with the least-squares ones to about {digits} digits; "
            "pass the unrounded array (for example scaling.raw_weights(run.x)), and if it came "
            "from a run, run until the gradient is smaller"
        )
    excess = float(raw(w) - raw(raw.solution))
    return incorrect(
        f"your line's mean squared error is {excess:.3g} above the minimum; if you ran gradient "
        "descent on the raw area it has not converged: standardise the feature first"
    )
