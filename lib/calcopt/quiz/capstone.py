"""Self-check questions of the capstone, Training a classifier: logistic regression."""

from __future__ import annotations

import numpy as np

from ..models.logistic import LogisticLoss, two_blobs
from ..optimize import gradient_descent
from .page import Quiz
from .questions import Choice, Number, rounding_tolerance


def _convex() -> Choice:
    return Choice(
        "Why can Newton's method not stop at a saddle point or a maximum of the logistic loss?",
        [
            "The loss is convex: its Hessian Xᵀ diag(pᵢ(1 − pᵢ)) X / N is positive "
            "semidefinite at every θ",
            "Newton's method always uses a line search",
            "The gradient of the loss is bounded",
        ],
        0,
        [
            "For a convex loss every stationary point is a global minimiser, so there is no "
            "saddle point or maximum to stop at.",
            "Pure Newton has no line search, and a line search alone does not keep a run away "
            "from saddle points (chapter 6).",
            "A bounded gradient bounds the steps of gradient descent; it says nothing about "
            "the kinds of stationary points.",
        ],
    )


def _safe_rate() -> Number:
    loss = LogisticLoss(*two_blobs(100, seed=0, spread=1.0))
    L = loss.curvature_bound()
    return Number(
        f"For the capstone's data the curvature bound is L = λmax(XᵀX)/(4N) ≈ {L:.4f}. Up to "
        "which learning rate does the descent lemma promise that every gradient step lowers "
        "the loss, from any start? Give three significant digits.",
        2 / L,
        rounding_tolerance(2 / L, 3),
        why=f"2/L ≈ {2 / L:.3f}: for 0 < η < 2/L each step lowers f by at least "
        f"η(1 − ηL/2)‖∇f‖². The chapter trains with η = 1/L ≈ {1 / L:.3f}, well inside.",
        hint="The descent lemma promises a decrease for every 0 < η < 2/L.",
        mistakes=[
            (
                1 / L,
                "1/L is the learning rate the chapter trains with, not the end of the "
                "guarantee: the lemma allows up to 2/L.",
            ),
            (2 * L, "That is 2L; the bound is 2 divided by L."),
        ],
    )


def _separable() -> Choice:
    tight = LogisticLoss(*two_blobs(100, seed=0, spread=0.4))
    lr, steps = 1 / tight.curvature_bound(), (10, 1000)
    run = gradient_descent(
        tight, np.zeros(tight.size), lr=lr, grad=tight.gradient, max_iter=steps[1], tol=0
    )
    norms = [np.linalg.norm(run.path[k]) for k in steps]
    return Choice(
        "A straight line separates the two classes perfectly. What does gradient descent with "
        "η = 1/L do on the logistic loss?",
        [
            "It converges to the separating line with the widest margin",
            "The loss falls towards 0 while ‖θ‖ keeps growing",
            "The loss rises and the run diverges",
            "Its Hessian becomes singular and it stops",
        ],
        1,
        [
            "The direction of the boundary tends to that line, but θ itself never converges: "
            "there is no minimiser to converge to.",
            f"With no minimiser, θ drifts: on the chapter's separable data ‖θ‖ grows from "
            f"{norms[0]:.1f} after {steps[0]} steps to {norms[1]:.1f} after {steps[1]}, while "
            f"f falls to {run.values[steps[1]]:.2g}.",
            "The descent lemma still holds, so every step lowers the loss; it is the weights "
            "that run off, not the loss.",
            "That happens to Newton's method; gradient descent needs no Hessian.",
        ],
    )


def _cost() -> Number:
    N, n = 10**6, 10**4
    ratio = (N * n + N * n**2 + n**3 / 3) / (N * n)
    return Number(
        "Per iteration, gradient descent costs about Nn operations and Newton's method about "
        "Nn + Nn² + n³/3. With N = 10⁶ samples and n = 10⁴ parameters, one Newton iteration "
        "costs as much as how many gradient-descent iterations? Two significant digits are "
        "enough.",
        ratio,
        rounding_tolerance(ratio, 2),
        why=f"(Nn + Nn² + n³/3)/(Nn) = 1 + n + n²/(3N) ≈ {ratio:.0f}: one Newton iteration "
        "costs about n gradient steps.",
        hint="Divide each term of Newton's cost by Nn.",
        mistakes=[(float(n) ** 2, "That is n²; divide Newton's cost by Nn, not by N.")],
    )


def questions() -> Quiz:
    """The self-check of the capstone."""
    return Quiz("capstone-logistic", [_convex(), _safe_rate(), _separable(), _cost()])
