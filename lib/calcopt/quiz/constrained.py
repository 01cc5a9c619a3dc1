"""Self-check questions of chapter 7, Constrained optimization."""

from __future__ import annotations

import numpy as np

from ..calculus.extrema import stationary_points
from ..functions import x, y
from ..objective import Objective
from ..optimize import active_set_cases, kkt_points, penalty, project_simplex
from ..optimize.theory import convergence_rate, iterations_needed
from .page import Quiz
from .questions import Choice, Number, rounding_tolerance

#: The chapter's running objective: the squared distance to (2, 1).
_DISTANCE = (x - 2) ** 2 + (y - 1) ** 2


def _number(value: float) -> str:
    return f"{value:.3g}".replace("-", "−")


def _vector(values) -> str:
    return "(" + ", ".join(_number(v) for v in values) + ")"


def _multiplier() -> Number:
    r = 2.0
    f = Objective.from_sympy(_DISTANCE, (x, y), name="squared distance to (2, 1)")
    (point,) = kkt_points(f, inequalities=[x**2 + y**2 - r**2])
    mu = float(point.mu[0])
    return Number(
        f"Minimise (x − 2)² + (y − 1)² over the disc of radius r = {r:g}, written g = x² + y² − "
        f"{r**2:g} ≤ 0, with the Lagrangian f + μg. What is the KKT multiplier μ? Give three "
        "significant digits.",
        mu,
        rounding_tolerance(mu, 3),
        why=f"(2, 1) lies outside the disc, so x* = r(2, 1)/√5 is on the circle, and ∇f + μ∇g "
        f"= 0 there gives μ = √5/r − 1 ≈ {mu:.3f}.",
        hint="∇f + μ∇g = 0 reads 2(x − 2) + 2μx = 0, so x = 2/(1 + μ); put x* = r(2, 1)/√5.",
        mistakes=[
            (
                0.0,
                f"μ = 0 would mean an inactive constraint, but (2, 1) is √5 > {r:g} from the "
                "centre, outside the disc: the constraint binds.",
            ),
            (np.sqrt(5) / r, "That is √5/r = 1 + μ; subtract 1."),
            (-mu, "With f + μg and g ≤ 0 a minimum has μ ≥ 0; check the sign."),
        ],
    )


def _negative_multiplier() -> Choice:
    r = 3.0
    f = Objective.from_sympy(_DISTANCE, (x, y), name="squared distance to (2, 1)")
    cases = active_set_cases(f, inequalities=[x**2 + y**2 - r**2])
    on_circle = min((c for c in cases if c.assumed), key=lambda c: c.value)
    inactive = next(c for c in cases if not c.assumed)
    mu = float(on_circle.mu[0])
    return Choice(
        f"Over the disc x² + y² ≤ {r**2:g}, assuming the constraint active gives the point "
        f"{_vector(on_circle.x)} with μ = {_number(mu)} (Lagrangian f + μg, g ≤ 0). What does the "
        "negative μ tell you?",
        [
            "Nothing: it is the constrained minimum, whatever the sign of μ",
            "It is not a minimum: stepping into the disc lowers f",
            "Flip the sign convention: μ is really positive, and the point is the minimum",
        ],
        1,
        [
            "For an inequality the sign matters: a minimum on g = 0 needs μ ≥ 0.",
            f"With μ < 0, −∇g points into the disc and downhill. The case 'inactive' gives "
            f"{_vector(inactive.x)} with μ = 0 (complementary slackness), the true minimum.",
            "The convention is fixed by the Lagrangian f + μg; a negative μ there rejects the "
            "candidate.",
        ],
    )


def _simplex() -> Choice:
    z = np.array([1.0, 0.4, -0.2])
    nearest = project_simplex(z)
    rescaled = np.clip(z, 0.0, None) / np.clip(z, 0.0, None).sum()
    shifted = z + (1 - z.sum()) / z.size
    distance = {name: np.linalg.norm(p - z) for name, p in (("p", nearest), ("r", rescaled))}
    return Choice(
        f"Which point is the projection of z = {_vector(z)} onto the probability simplex "
        "{w ≥ 0, w₁ + w₂ + w₃ = 1}?",
        [_vector(nearest), _vector(rescaled), _vector(shifted)],
        0,
        [
            f"Subtract the threshold θ = {float(z[0] - nearest[0]):g} and clip at 0: the "
            f"entries sum to 1, and no feasible point is nearer (distance "
            f"{distance['p']:.3f}).",
            f"Clipping and dividing by the sum gives a feasible point, but at distance "
            f"{distance['r']:.3f} from z, farther than the projection's {distance['p']:.3f}.",
            "Adding the same number to every entry makes them sum to 1, but a negative weight "
            "remains: the point is not in the simplex.",
        ],
    )


def _penalty() -> Choice:
    base = Objective.from_sympy(x**2 + y**2, (x, y), name="x² + y²")
    found = {}
    for gamma in (10.0, 1000.0):
        penalised = penalty(base, equalities=[x + y - 2], weight=gamma)
        (point,) = stationary_points(penalised)
        curvatures = np.linalg.eigvalsh(penalised.hessian_at(point.x))
        rate = convergence_rate(1 / curvatures[-1], curvatures)
        found[gamma] = (
            float(2 - point.x.sum()),
            curvatures[-1] / curvatures[0],
            iterations_needed(rate, 1e-6),
        )
    (miss, kappa, steps), (miss2, kappa2, steps2) = found.values()
    return Choice(
        "You minimise x² + y² + (γ/2)(x + y − 2)² instead of x² + y² subject to x + y = 2, "
        "and raise the penalty weight γ from 10 to 1000. What changes for gradient descent "
        "with η = 1/L?",
        [
            "The constraint is met far more closely, at the price of far more steps",
            "The constraint is met far more closely, at no extra cost",
            "Gradient descent diverges, because L grows with γ",
        ],
        0,
        [
            f"The miss 2 − x − y falls from {miss:.3g} to {miss2:.3g}, but κ grows from "
            f"{kappa:.0f} to {kappa2:.0f}, and a millionfold error cut takes {steps2:.0f} steps "
            f"instead of {steps:.0f}.",
            f"The Hessian's condition number grows from {kappa:.0f} to {kappa2:.0f}, and "
            "gradient descent needs steps in proportion to it.",
            "η = 1/L follows L as it grows, so the run converges; it only gets slower, since "
            "the smallest curvature stays 2.",
        ],
    )


def questions() -> Quiz:
    """The self-check of chapter 7."""
    return Quiz(
        "constrained-optimization",
        [_multiplier(), _negative_multiplier(), _simplex(), _penalty()],
    )
