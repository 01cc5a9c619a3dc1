"""Self-check questions of chapter 5, Jacobian and Hessian."""

from __future__ import annotations

import numpy as np

from ..calculus.diff import jacobian
from ..calculus.extrema import classify_stationary_point, stationary_points
from ..calculus.second_order import quadratic_model
from ..functions import cubic_trough, himmelblau, quartic_bowl
from .page import Quiz
from .questions import Choice, Number


def _chain_shape() -> Choice:
    inner = np.arange(15.0).reshape(3, 5) / 10  # F(x) = A x maps R⁵ to R³

    def composed(x):
        z = inner @ x
        return z @ z  # G(z) = ‖z‖² maps R³ to R

    rows, columns = jacobian(composed, np.ones(5)).shape
    return Choice(
        "F maps ℝ⁵ to ℝ³ and G maps ℝ³ to ℝ. What is the shape of the Jacobian of G ∘ F?",
        [f"{rows} × {columns}", f"{columns} × {rows}", "3 × 5", "1 × 3"],
        0,
        [
            f"One row per output, one column per input: J_G J_F is (1 × 3)(3 × 5) = "
            f"{rows} × {columns}, the gradient written as a row.",
            "That is the transpose: a Jacobian has one row per output, so that of a scalar "
            "function is a row.",
            "3 × 5 is J_F alone; G then maps the 3 outputs of F to one number.",
            "1 × 3 is J_G alone; the chain rule multiplies it by J_F on the right.",
        ],
    )


def _semidefinite() -> Choice:
    hessians = [f.hessian([0.0, 0.0]) for f in (quartic_bowl, cubic_trough)]
    low, high = np.linalg.eigvalsh(hessians[0])
    verdicts = {str(classify_stationary_point(H)) for H in hessians}
    return Choice(
        f"At a stationary point the Hessian has the eigenvalues {low:g} and {high:g}. What "
        "does the second-order test conclude?",
        [
            "A strict local minimum",
            "Not a minimum",
            "Nothing: the test is inconclusive",
            "A saddle point",
        ],
        2,
        [
            "A strict minimum needs every eigenvalue > 0 (positive definite); with a zero "
            "eigenvalue the test is silent.",
            "A minimum is possible: x⁴ + y² has exactly this Hessian at 0, and a strict "
            "minimum there.",
            f"x⁴ + y² (a minimum) and x³ + y² (no minimum) both have this Hessian at 0, and "
            f"classify_stationary_point says “{', '.join(sorted(verdicts))}” for both.",
            "A saddle needs eigenvalues of both signs; here none is negative.",
        ],
    )


def _negative_definite() -> Choice:
    (top,) = [p for p in stationary_points(himmelblau) if str(p.kind) == "maximum"]
    low, high = np.linalg.eigvalsh(himmelblau.hessian(top.x))
    return Choice(
        f"Himmelblau's function has a stationary point near ({top.x[0]:.3f}, {top.x[1]:.3f}) "
        f"where the Hessian's eigenvalues are {low:.2f} and {high:.2f}. What kind of point is "
        "it?",
        ["A local minimum", "A local maximum", "A saddle point", "The test cannot tell"],
        1,
        [
            "A minimum needs every eigenvalue > 0; here both are negative.",
            "Both eigenvalues are negative, so the Hessian is negative definite: f curves down "
            "in every direction.",
            "A saddle needs eigenvalues of both signs.",
            "The test is silent only when an eigenvalue is 0 and no two have opposite signs.",
        ],
    )


def _model() -> Number:
    x0, d = np.array([1.0, 1.0]), np.array([0.1, 0.0])
    value, grad, H = himmelblau(x0), himmelblau.gradient(x0), himmelblau.hessian(x0)
    predicted = quadratic_model(himmelblau, x0)(x0 + d)
    return Number(
        f"At (1, 1) Himmelblau's function has f = {value:g}, ∇f = ({grad[0]:g}, {grad[1]:g}) "
        f"and the Hessian [[{H[0, 0]:g}, {H[0, 1]:g}], [{H[1, 0]:g}, {H[1, 1]:g}]]. What does "
        "its quadratic model predict for f(1.1, 1)? Give two decimals.",
        predicted,
        0.005,
        why=f"With d = (0.1, 0): {value:g} + ({grad[0]:g})(0.1) + ½({H[0, 0]:g})(0.1)² = "
        f"{predicted:.2f}; f itself is {himmelblau(x0 + d):.4f} there.",
        hint="m(d) = f + ∇f · d + ½ dᵀHd, with the step d = (0.1, 0).",
        mistakes=[
            (
                value + grad @ d,
                "That is only the linear part f + ∇f · d; add the curvature term ½ dᵀHd.",
            ),
            (value + grad @ d + d @ H @ d, "You left out the ½ in front of dᵀHd."),
        ],
    )


def questions() -> Quiz:
    """The self-check of chapter 5."""
    return Quiz(
        "jacobian-hessian", [_chain_shape(), _semidefinite(), _negative_definite(), _model()]
    )
