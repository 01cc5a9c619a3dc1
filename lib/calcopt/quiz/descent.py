"""Self-check questions of chapter 4, Gradient descent."""

from __future__ import annotations

import numpy as np

from ..functions import booth, quadratic
from ..landscapes import Valley
from ..linalg import condition_number
from ..optimize import gradient_descent
from ..optimize.theory import best_momentum, centred_lr, convergence_rate, iterations_needed
from .page import Quiz
from .questions import Choice, Number, rounding_tolerance


def _too_large() -> Choice:
    lr = 0.6
    f = quadratic([[4.0]])  # ½ · 4x² = 2x²
    L = f.curvature[1]
    factor = 1 - lr * L
    run = gradient_descent(f, [1.0], lr=lr)
    return Choice(
        f"Gradient descent on f(x) = 2x² starts at x₀ = 1 with η = {lr:g}. What happens?",
        [
            "It converges, because η < 1",
            "It converges, overshooting 0 at every step",
            "It diverges, flipping sign with growing size",
        ],
        2,
        [
            f"“Below 1” is a myth: here L = f″ = {L:g}, so the limit is 2/L = {2 / L:g}, and "
            f"η = {lr:g} is past it.",
            f"Each step multiplies x by 1 − ηL = {factor:g}: the sign flips, but "
            f"|{factor:g}| > 1, so the size grows.",
            f"Each step multiplies x by 1 − ηL = {factor:g}, and gradient_descent reports "
            f"“{run.status}”. Every η above 2/L = {2 / L:g} diverges.",
        ],
    )


def _best_step() -> Number:
    mu, L = booth.curvature
    best = centred_lr(mu, L)
    rate = convergence_rate(best, [mu, L])
    return Number(
        f"Booth's function is a quadratic whose Hessian has the eigenvalues μ = {mu:g} and "
        f"L = {L:g}. Which fixed learning rate makes gradient descent converge fastest? "
        "Give three significant digits.",
        best,
        rounding_tolerance(best, 3),
        why=f"2/(μ + L) = {best:g}, with the rate (κ − 1)/(κ + 1) = {rate:g} per step: it "
        "balances the flat direction against the steep one.",
        hint="The best fixed step makes |1 − ημ| equal to |1 − ηL|.",
        mistakes=[
            (
                2 / L,
                f"2/L ≈ {2 / L:.3f} is the edge of convergence: there the steep component "
                "flips sign without shrinking.",
            ),
            (
                1 / L,
                f"1/L ≈ {1 / L:.3f} converges without zig-zag, but at the rate 1 − μ/L ≈ "
                f"{convergence_rate(1 / L, [mu, L]):.3f}, slower than {rate:g}.",
            ),
        ],
    )


def _conditioning() -> Number:
    kappa = 100.0
    rate = convergence_rate(centred_lr(1.0, kappa), [1.0, kappa])
    return Number(
        f"A quadratic has the condition number κ = L/μ = {kappa:g}. With the best fixed "
        "learning rate, by what factor does gradient descent shrink the error at each step? "
        "Give three significant digits.",
        rate,
        rounding_tolerance(rate, 3),
        why=f"(κ − 1)/(κ + 1) = {kappa - 1:g}/{kappa + 1:g} ≈ {rate:.3f}: shrinking the error "
        f"a millionfold takes {iterations_needed(rate, 1e-6):.0f} steps.",
        hint="With η = 2/(μ + L) the rate is (κ − 1)/(κ + 1).",
        mistakes=[
            (
                1 - 1 / kappa,
                "1 − 1/κ is the rate with η = 1/L; the best fixed step does a little better.",
            ),
            (
                1 / kappa,
                "That is 1/κ. The rate is the factor that remains after a step, close "
                "to 1 when κ is large.",
            ),
        ],
    )


def _rising_loss() -> Choice:
    valley, start = Valley(100.0), np.array([-3.0, 1.0])
    lr = centred_lr(*valley.curvature)
    beta = best_momentum(lr, *valley.curvature)
    tol = 1e-6 * np.linalg.norm(valley.gradient(start))
    run = gradient_descent(valley, start, lr=lr, grad=valley.gradient, momentum=beta, tol=tol)
    rises = int(np.sum(np.diff(run.values) > 0))
    return Choice(
        f"A run of gradient descent with momentum β = {beta:.2f} ends with the status "
        f"“{run.status}”, yet its loss rose on {rises} of its {run.nit} steps. What does the "
        "rise tell you?",
        [
            "The learning rate is too large",
            "Nothing alarming: with momentum the loss may rise while the run converges",
            "The gradient is wrong",
        ],
        1,
        [
            "That reading holds for plain gradient descent, whose loss falls at every step "
            "when η < 2/L; with momentum it does not.",
            "Momentum carries the iterate past the valley floor and back, so the loss can rise "
            "on some steps. Judge the run by its trend and its status.",
            "A wrong gradient is one cause of a rise in plain gradient descent; with momentum, "
            "rises are expected.",
        ],
    )


def _correlation() -> Number:
    r = 0.9
    kappa = condition_number(np.array([[1.0, r], [r, 1.0]]))
    return Number(
        f"You standardise two features whose correlation is r = {r:g}. What is the condition "
        "number of their correlation matrix [[1, r], [r, 1]], which shapes the valley "
        "gradient descent must cross?",
        kappa,
        0.05,
        why=f"Its eigenvalues are 1 + r and 1 − r, so κ = {1 + r:g}/{1 - r:g} = {kappa:g}: "
        "standardising evens out the diagonal, and the correlation stays.",
        hint="The eigenvalues of [[1, r], [r, 1]] are 1 + r and 1 − r.",
        mistakes=[
            (
                1.0,
                "κ = 1 would need uncorrelated features: standardising evens out the "
                "diagonal, not the off-diagonal entries.",
            ),
            (1 + r, "That is the largest eigenvalue; divide it by the smallest, 1 − r."),
        ],
    )


def questions() -> Quiz:
    """The self-check of chapter 4."""
    return Quiz(
        "gradient-descent",
        [_too_large(), _best_step(), _conditioning(), _rising_loss(), _correlation()],
    )
