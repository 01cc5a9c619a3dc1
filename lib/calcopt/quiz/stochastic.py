"""Self-check questions of chapter 8, Stochastic gradient descent and adaptive methods."""

from __future__ import annotations

import numpy as np

from ..models.regression import LeastSquares, design_matrix, house_prices
from ..optimize import adam, gradient_variance
from .page import Quiz
from .questions import Choice, Number, rounding_tolerance


def _signed(value: float, spec: str = "g") -> str:
    return format(value, spec).replace("-", "−")


def _batch_noise() -> Choice:
    area, price = house_prices(1000)
    loss = LeastSquares(design_matrix(area / 100), price)
    small, large = 4, 16
    spread = np.sqrt(gradient_variance(loss, loss.solution, [small, large], draws=1000))
    return Choice(
        f"You raise the batch size from B = {small} to B = {large}. By what factor does the "
        "typical error of the minibatch gradient, the square root of its variance, shrink?",
        ["It does not shrink", "2", "4", "16"],
        1,
        [
            "The variance of a mean of B examples falls like 1/B: more examples per batch, "
            "less noise.",
            f"The variance falls like 1/B, four times, so its root halves: measured on "
            f"{loss.n_samples} house prices at w*, from {spread[0]:.1f} to {spread[1]:.1f}.",
            "The variance falls fourfold; the typical error is its square root, which halves.",
            "That is the factor of the batch sizes squared; the variance falls like 1/B, and "
            "the typical error like 1/√B.",
        ],
    )


def _adam_first_step() -> Number:
    lr, g = 0.01, np.array([200.0, -0.05])
    method = adam(lr)
    step, _ = method.update(g, method.init(np.zeros_like(g)))
    b1, b2 = method.rule.keywords["b1"], method.rule.keywords["b2"]
    uncorrected = lr * (1 - b1) / np.sqrt(1 - b2)
    return Number(
        f"Adam with η = {lr:g} and its default β₁ = {b1:g}, β₂ = {b2:g} takes its first step "
        f"on the gradient g = ({_signed(g[0])}, {_signed(g[1])}). How far does the second "
        "coordinate move, with its sign?",
        float(step[1]),
        rounding_tolerance(float(step[1]), 3),
        why=f"At step 1 the corrected m̂ = g and √ŝ = |g|, so each coordinate moves by about "
        f"−η·sign(g): {_signed(step[0], '+.3g')} and {_signed(step[1], '+.3g')}, whatever the "
        "size of g.",
        hint="After the bias correction m̂₁ = g and ŝ₁ = g²; the step is −η m̂/(√ŝ + ε).",
        mistakes=[
            (-lr * g[1], "That is plain SGD's step −ηg; Adam divides by the size of g."),
            (
                uncorrected,
                "That is the step without bias correction, (1 − β₁)/√(1 − β₂) ≈ 3.16 "
                "times too long.",
            ),
            (-float(step[1]), "Adam steps against the gradient: a negative g moves x up."),
        ],
    )


def _robbins_monro() -> Choice:
    return Choice(
        "Which schedule satisfies both Robbins-Monro conditions, Σ ηₖ = ∞ and Σ ηₖ² < ∞ "
        "(k = 0, 1, 2, ...)?",
        ["ηₖ = η", "ηₖ = η · 0.9ᵏ", "ηₖ = η/(1 + k)^0.75", "ηₖ = η/(1 + k)²"],
        2,
        [
            "Σ ηₖ² = ∞: a constant rate never quiets the noise, and the run stays at its noise "
            "floor.",
            "Σ ηₖ = 10η is finite: the iterates can travel only a bounded distance and may "
            "stop short of the minimiser.",
            "Σ (1 + k)^−0.75 diverges and Σ (1 + k)^−1.5 converges: the steps reach any "
            "distance while their noise stays finite.",
            f"Σ ηₖ = η π²/6 ≈ {np.pi**2 / 6:.3f} η is finite: the rate dies too fast, and the "
            "run can stop short.",
        ],
    )


def _noise_floor() -> Choice:
    beta = 0.75
    return Choice(
        "SGD with a constant learning rate η and batches of B = 1 no longer improves: its "
        "loss jitters at a noise floor above f*. Which change lowers that floor about "
        "fourfold?",
        [
            "Train four times as many epochs",
            "Use batches of B = 4 at the same η",
            f"Add momentum β = {beta:g} at the same η",
        ],
        1,
        [
            "At a constant rate the floor does not fall with more steps: progress and noise "
            "already balance.",
            "The floor grows like ηV, with the minibatch variance V ≈ V₁/B: four times the "
            "batch gives about a quarter of the floor.",
            f"Momentum acts like SGD with the effective rate η/(1 − β) = {1 / (1 - beta):g}η, "
            "so the floor rises about fourfold.",
        ],
    )


def questions() -> Quiz:
    """The self-check of chapter 8."""
    return Quiz(
        "stochastic-gradient-descent",
        [_batch_noise(), _adam_first_step(), _robbins_monro(), _noise_floor()],
    )
