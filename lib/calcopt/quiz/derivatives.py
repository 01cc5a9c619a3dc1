"""Self-check questions of chapter 2, Derivatives."""

from __future__ import annotations

import numpy as np

from ..calculus.diff import derivative, directional_derivative
from ..calculus.extrema import stationary_points
from ..functions import himmelblau, quartic
from .page import Quiz
from .questions import Choice, Number


def _flat_minimum() -> Choice:
    (point,) = stationary_points(quartic)
    return Choice(
        "f(x) = x⁴ has f′(0) = 0 and f″(0) = 0. What is the point 0?",
        [
            "A strict local minimum",
            "An inflection point, because f″(0) = 0",
            "The second-derivative test shows that it is neither a minimum nor a maximum",
        ],
        0,
        [
            "f′(x) = 4x³ is negative left of 0 and positive right of it, so the "
            "first-derivative test finds a strict minimum.",
            "f″(0) = 0 decides nothing: x⁴ > 0 = f(0) for every x ≠ 0, a minimum. x³ is the "
            "one with an inflection point at 0.",
            f"With f″(0) = 0 the second-derivative test gives no verdict (stationary_points "
            f"says “{point.kind}”); the sign of f′ on both sides decides.",
        ],
    )


def _unit_direction() -> Number:
    origin, v = np.zeros(2), np.array([4.0, 3.0])
    grad = himmelblau.gradient(origin)
    u = v / np.linalg.norm(v)
    slope = directional_derivative(himmelblau, origin, v)
    return Number(
        f"Himmelblau's function has ∇f(0, 0) = ({grad[0]:g}, {grad[1]:g}). What is its "
        f"directional derivative at (0, 0) in the direction of v = ({v[0]:g}, {v[1]:g})?",
        slope,
        0.05,
        why=f"‖v‖ = {np.linalg.norm(v):g}, so u = ({u[0]:g}, {u[1]:g}) and "
        f"D_u f = ∇f · u = {slope:.1f}.",
        hint="A directional derivative needs a unit vector: divide v by its length first.",
        mistakes=[
            (grad @ v, f"That is ∇f · v, {np.linalg.norm(v):g} times too steep: divide by ‖v‖."),
        ],
    )


def _central_order() -> Number:
    steps = (1e-2, 1e-3)
    errors = [abs(derivative(np.exp, 1.0, h=h, method="central") - np.e) for h in steps]
    factor = errors[0] / errors[1]
    return Number(
        "The central difference estimates the derivative of eˣ at x = 1. How many times "
        "smaller is its error with h = 10⁻³ than with h = 10⁻²? Give a whole number.",
        factor,
        0.5,
        why=f"About {factor:.0f} = 10²: the truncation error of the central difference, "
        "about (h²/6)·f‴(x), shrinks like h².",
        hint="The truncation error of the central difference is about (h²/6)·f‴(x).",
        mistakes=[
            (
                10.0,
                "A factor of 10 is what the forward difference, of first order, gives; the "
                "central difference is of second order.",
            ),
        ],
    )


def _tiny_step() -> Choice:
    h = 1e-20
    estimates = {
        method: derivative(np.exp, 1.0, h=h, method=method)
        for method in ("forward", "central", "complex")
    }
    return Choice(
        "Which estimate of f′(1) for f(x) = eˣ stays accurate with the tiny step h = 10⁻²⁰?",
        ["The forward difference", "The central difference", "The complex step"],
        2,
        [
            f"1 + h rounds to 1, so f(1 + h) − f(1) = 0 and the forward difference returns "
            f"{estimates['forward']:g}.",
            f"1 + h and 1 − h both round to 1, so the central difference returns "
            f"{estimates['central']:g}.",
            "The complex step subtracts nothing, so it has no rounding error to blow up: its "
            f"error here is {abs(estimates['complex'] - np.e):g}.",
        ],
    )


def questions() -> Quiz:
    """The self-check of chapter 2."""
    return Quiz("derivatives", [_flat_minimum(), _unit_direction(), _central_order(), _tiny_step()])
