"""Self-check questions of chapter 3, The gradient."""

from __future__ import annotations

import numpy as np

from ..calculus.extrema import stationary_points
from ..landscapes import hill_and_pit
from .page import Quiz
from .questions import Choice, Number, rounding_tolerance


def _steepest_slope() -> Number:
    grad = hill_and_pit.gradient([1.5, 0.5])
    steepest = float(np.linalg.norm(grad))
    return Number(
        f"At (1.5, 0.5) the function f(x, y) = x³ − 3x − y³ + 3y has ∇f = ({grad[0]:g}, "
        f"{grad[1]:g}). What is the largest directional derivative of f there, over all unit "
        "vectors? Give three significant digits.",
        steepest,
        rounding_tolerance(steepest, 3),
        why=f"‖∇f‖ = √({grad[0]:g}² + {grad[1]:g}²) ≈ {steepest:.3f}, along ∇f/‖∇f‖: "
        "D_u f = ‖∇f‖ cos θ is largest at θ = 0.",
        hint="D_u f = ∇f · u = ‖∇f‖ cos θ, with θ the angle between u and ∇f.",
        mistakes=[
            (
                grad.sum(),
                "That is ∇f · (1, 1), but (1, 1) is not a unit vector, and it is not "
                "the steepest direction either.",
            ),
            (
                grad[0],
                "That is the slope along the x axis only; a direction between the axes "
                "climbs faster.",
            ),
        ],
    )


def _descent_direction() -> Choice:
    return Choice(
        "At a point where ∇f ≠ 0, along which unit vector does f decrease fastest?",
        [
            "−∇f/‖∇f‖",
            "∇f/‖∇f‖",
            "Any unit vector perpendicular to ∇f",
            "The coordinate axis with the largest partial derivative",
        ],
        0,
        [
            "D_u f = ‖∇f‖ cos θ is smallest, −‖∇f‖, at θ = π, against the gradient: the "
            "direction gradient descent steps in.",
            "Along the gradient f increases fastest: that is steepest ascent.",
            "Along those D_u f = 0: they are tangent to the level curve, where f does not "
            "change to first order.",
            "An axis is steepest only when ∇f points along it; in general the steepest "
            "direction mixes all the coordinates.",
        ],
    )


def _level_curve() -> Choice:
    return Choice(
        "How does ∇f(x) sit relative to the level curve of f through x (where ∇f(x) ≠ 0)?",
        [
            "Perpendicular to it, pointing towards higher values of f",
            "Tangent to it",
            "Perpendicular to it, pointing towards lower values of f",
        ],
        0,
        [
            "f is constant along the level curve r(t), so by the chain rule ∇f · r′ = 0; and "
            "f increases along ∇f.",
            "Along a tangent t the value of f does not change to first order, so ∇f · t = 0: "
            "the gradient is perpendicular to the curve.",
            "That is −∇f, the direction of steepest descent.",
        ],
    )


def _minima_count() -> Number:
    points = stationary_points(hill_and_pit)
    minima = [p for p in points if str(p.kind) == "minimum"]
    others = [str(p.kind) for p in points if str(p.kind) != "minimum"]
    pit = minima[0].x
    return Number(
        f"f(x, y) = x³ − 3x − y³ + 3y has {len(points)} points where ∇f = 0, at (±1, ±1). How "
        "many of them are local minima?",
        len(minima),
        0,
        why=f"{len(minima)}: the pit at ({pit[0]:g}, {pit[1]:g}). The others are "
        f"{others.count('maximum')} maximum and {others.count('saddle')} saddle points: "
        "∇f = 0 alone does not make a minimum.",
        hint="At each point, look at f along the two axes through it, or at the signs of the "
        "Hessian's eigenvalues.",
        mistakes=[
            (
                len(points),
                "All of them have ∇f = 0, but a zero gradient also marks maxima and saddle points.",
            ),
        ],
    )


def questions() -> Quiz:
    """The self-check of chapter 3."""
    return Quiz(
        "gradient", [_steepest_slope(), _descent_direction(), _level_curve(), _minima_count()]
    )
