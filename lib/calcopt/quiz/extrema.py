"""Self-check questions of chapter 1, Optimization and extrema."""

from __future__ import annotations

import numpy as np
import sympy as sp

from ..calculus.extrema import maximize_on_interval, minimize_on_interval, stationary_points
from ..functions import wavy
from ..objective import Objective
from .page import Quiz
from .questions import Choice, Number


def _local_maximiser() -> Choice:
    return Choice(
        "Which condition makes x* a local maximiser of f on a set X?",
        [
            "f(x*) ≥ f(y) for every y in X close enough to x*",
            "f(x*) ≤ f(y) for every y in X close enough to x*",
            "f(x*) ≥ f(y) for every y in X",
            "f′(x*) = 0",
        ],
        0,
        [
            "A maximum needs ≥, and “local” means that only the points of X near x* count.",
            "That defines a local minimiser: for a maximum the inequality points the other way.",
            "That defines a global maximiser; a local one is compared only with nearby points.",
            "f′ = 0 holds at minima too, and a maximum at an endpoint of an interval can have "
            "f′ ≠ 0.",
        ],
    )


def _endpoint() -> Number:
    end = 1.2
    low = minimize_on_interval(wavy, 0.0, end)
    (inside,) = stationary_points(wavy, [(0.0, end)])
    at = float(inside.x[0])
    return Number(
        f"Where on X = [0, {end:g}] does f(x) = sin 3x + x²/10 take its smallest value? Its "
        f"only stationary point inside X is x ≈ {at:.3f}.",
        low.x,
        0.005,
        why=f"At the endpoint: f({low.x:g}) ≈ {low.fun:.3f}, with f′ ≈ {low.slope:.2f} ≠ 0 "
        "there. f is still falling when X ends.",
        hint="Compare the values of f at both endpoints and at the stationary point.",
        mistakes=[
            (
                at,
                f"f′ = 0 at {at:.3f}, but that point is a {inside.kind}, with "
                f"f ≈ {inside.value:.3f}. Compare the endpoints too.",
            ),
            (0.0, f"f(0) = 0, but f({end:g}) ≈ {low.fun:.3f} is lower."),
        ],
    )


def _no_minimum() -> Choice:
    return Choice(
        "Does eᵗ have a global minimum on ℝ?",
        ["Yes, the value 0", "Yes, at t = 0", "No"],
        2,
        [
            "0 is the infimum, never reached: eᵗ > 0 for every t.",
            f"e⁰ = 1, but e⁻¹ ≈ {np.exp(-1.0):.3f} is lower, and so is eᵗ for every t < 0.",
            "eᵗ gets as close to 0 as you like but never reaches it. ℝ is not a closed, "
            "bounded interval, so the extreme value theorem promises nothing.",
        ],
    )


def _likelihood() -> Number:
    heads, tosses = 2, 8
    p = sp.Symbol("p", real=True)
    likelihood = Objective.from_sympy(
        p**heads * (1 - p) ** (tosses - heads), (p,), name="likelihood"
    )
    top = maximize_on_interval(likelihood, 0.0, 1.0)
    bottom = minimize_on_interval(likelihood, 0.0, 1.0)
    return Number(
        f"A coin lands heads {heads} times in {tosses} tosses. Which p maximises its "
        f"likelihood ℓ(p) = p²(1 − p)⁶ on [0, 1]?",
        top.x,
        0.005,
        why=f"ℓ is largest at p = {top.x:.2f}, the observed share of heads, {heads}/{tosses}; "
        "maximize_on_interval finds it by minimising −ℓ.",
        hint="Maximising ℓ is minimising −ℓ; or solve ℓ′(p) = 0 inside (0, 1).",
        mistakes=[
            (bottom.x, f"ℓ({bottom.x:g}) = 0 is where ℓ is smallest: you minimised ℓ, not −ℓ."),
            (1.0, "ℓ(1) = 0 is where ℓ is smallest, not largest."),
        ],
    )


def questions() -> Quiz:
    """The self-check of chapter 1."""
    return Quiz("extrema", [_local_maximiser(), _endpoint(), _no_minimum(), _likelihood()])
