"""Self-check questions of chapter 9, Automatic differentiation."""

from __future__ import annotations

import numpy as np

from .. import autodiff as ad
from .page import Quiz
from .questions import Number, rounding_tolerance


def _dual_number() -> Number:
    a = 1.0
    value, slope = ad.jvp(lambda x: x**2 / (1 + x), a, 1.0)
    return Number(
        f"Forward mode evaluates f(x) = x²/(1 + x) on the dual number x = {a:g} + ε, with "
        f"ε² = 0. The result is {value:g} + bε. What is b?",
        float(slope),
        rounding_tolerance(float(slope), 3),
        why=f"(1 + ε)² = 1 + 2ε, and dividing by 2 + ε gives {value:g} + {slope:g}ε: b = f′(1) "
        "= (2x(1 + x) − x²)/(1 + x)² at x = 1.",
        hint="Divide duals with (a + a′ε)/(c + c′ε) = a/c + (a′c − ac′)/c² ε.",
        mistakes=[
            (value, "That is the value f(1), the real part; b is the part with ε."),
            (2.0, "That is the tangent of x² alone; the division by 1 + x changes it."),
            (2.0 / 2.0, "That is (x²)′/(1 + x) = 2/2; the quotient rule subtracts x²/(1 + x)²."),
        ],
    )


def _shares() -> Number:
    point = np.array([3.0, 2.0])
    gradient = ad.grad(lambda v: v[0] * v[1] + v[0] ** 2)(point)
    x, y = point
    return Number(
        f"Reverse mode runs on f(x, y) = xy + x² at (x, y) = ({x:g}, {y:g}). The node x feeds "
        "both the product and the square. What is its adjoint x̄ = ∂f/∂x?",
        float(gradient[0]),
        0,
        why=f"x receives two shares, y = {y:g} from xy and 2x = {2 * x:g} from x², and "
        f"adds them: x̄ = {gradient[0]:g}.",
        hint="A node read by several others sums the shares they send back.",
        mistakes=[
            (y, "That is only the product's share; add the share 2x from the square."),
            (2 * x, "That is only the square's share; add the share y from the product."),
        ],
    )


def _passes() -> Number:
    n, m = 50, 2
    weights = np.random.default_rng(0).normal(size=(m, n))
    calls = []

    def layer(x):
        calls.append(1)
        return ad.tanh(weights @ x)

    ad.jacobian(layer, mode="forward")(np.zeros(n))
    forward_passes = len(calls)
    rows = ad.jacobian(layer, mode="reverse")(np.zeros(n)).shape[0]
    return Number(
        f"You need the whole Jacobian of F: ℝ^{n} → ℝ^{m} ({n} inputs, {m} outputs). Reverse "
        "mode records one evaluation; how many backward passes does it then need?",
        rows,
        0,
        why=f"One backward pass per output gives one row uᵀJ with u = eᵢ: {rows} passes, "
        f"against {forward_passes} forward passes, one per input column.",
        hint="A backward pass starts from one output's unit vector and returns one row of J.",
        mistakes=[
            (
                forward_passes,
                "That is forward mode's count, one pass per input; reverse mode needs one per "
                "output.",
            ),
        ],
    )


def _vanishing() -> Number:
    layers = 10
    steepest = float(ad.grad(ad.sigmoid)(0.0))
    bound = steepest**layers
    return Number(
        f"Backpropagation runs through a chain of {layers} sigmoid layers whose weight "
        "matrices have spectral norm 1. On the way back, the adjoint's norm is multiplied by at "
        "most what factor? Give three significant digits.",
        bound,
        rounding_tolerance(bound, 3),
        why=f"Each layer multiplies the norm by at most max σ′ · ‖W‖₂ = {steepest:g}, so {layers} "
        f"layers keep at most {steepest:g}^{layers} ≈ {bound:.3g}: the gradient vanishes.",
        hint="‖z̄ₗ₋₁‖ ≤ max|σ′| ‖Wₗ‖₂ ‖z̄ₗ‖, applied once per layer; σ′(0) = 1/4.",
        mistakes=[
            (steepest * layers, "The bound multiplies per layer: a power, not a product."),
        ],
    )


def questions() -> Quiz:
    """The self-check of chapter 9."""
    return Quiz("automatic-differentiation", [_dual_number(), _shares(), _passes(), _vanishing()])
