"""Self-check questions of chapter 0, Getting started: the tour's loop from objective to minimum."""

from __future__ import annotations

import sympy as sp

from ..calculus.extrema import stationary_points
from ..functions import himmelblau, quadratic
from ..objective import Objective
from ..optimize import gradient_descent, newton
from .page import Quiz
from .questions import Choice, Number, rounding_tolerance

#: The chapter's start point on the tilted valley.
START = (-1.0, 2.0)


def tilted_valley() -> Objective:
    """The chapter's running example, (x − 1)² + 2(y − x)², with its minimum at (1, 1)."""
    x, y = sp.symbols("x y", real=True)
    return Objective.from_sympy(
        (x - 1) ** 2 + 2 * (y - x) ** 2, (x, y), name="tilted valley", minima=[(1, 1)]
    )


def _limit(f: Objective) -> Number:
    mu, L = f.curvature
    limit = 2 / L
    return Number(
        "Gradient descent on the tilted valley f(x, y) = (x − 1)² + 2(y − x)² converges for "
        f"0 < η < 2/L. f.curvature gives (μ, L) = ({mu:.3f}, {L:.3f}). Above which learning "
        "rate does it stop converging? Give three significant digits.",
        limit,
        rounding_tolerance(limit, 3),
        why=f"2/L = 2/{L:.3f} = {limit:.3f}. L, the steepest curvature, sets the limit: past "
        "it the error along the steepest direction grows at every step.",
        hint="Divide 2 by L, the larger of the two numbers.",
        mistakes=[
            (1 / L, "That is 1/L, a safe learning rate but not the limit, which is 2/L."),
            (
                2 / mu,
                "That is 2/μ. The smallest curvature allows long steps; the steepest "
                "one, L, sets the limit.",
            ),
        ],
    )


def _stationary() -> Choice:
    kinds = [str(point.kind) for point in stationary_points(himmelblau)]
    counts = {kind: kinds.count(kind) for kind in ("minimum", "maximum", "saddle")}
    return Choice(
        "stationary_points(f) returns a point where ∇f = 0. What does ∇f = 0 alone tell you "
        "about that point?",
        [
            "It is a local minimum.",
            "It is a local minimum, a local maximum or a saddle point.",
            "It is the global minimum.",
        ],
        1,
        [
            f"A zero gradient marks all three kinds: Himmelblau's function has "
            f"{counts['minimum']} minima, {counts['maximum']} maximum and {counts['saddle']} "
            "saddle points.",
            "∇f = 0 makes the point stationary, nothing more; stationary_points tells the "
            "kinds apart with second derivatives.",
            "∇f = 0 does not even make it a minimum, and a minimum need not be the global one.",
        ],
    )


def _three_steps() -> Number:
    x0, lr, steps = 10.0, 0.1, 3
    path = gradient_descent(quadratic([[2.0]]), [x0], lr=lr, max_iter=steps, tol=0).path
    factor = 1 - 2 * lr
    return Number(
        f"Gradient descent on f(x) = x² starts at x₀ = {x0:g} with η = {lr:g}. What is x₃, "
        "the point after three steps?",
        path[steps, 0],
        0.005,
        why=f"Each step replaces x by x − η·2x = {factor:g}x, so x₃ = {x0:g} · {factor:g}³ = "
        f"{path[steps, 0]:g}.",
        hint=f"The derivative of x² is 2x, so each step replaces x by x − {lr:g} · 2x.",
        mistakes=[
            (
                x0 * (1 - lr) ** steps,
                "That multiplies x by 1 − η at each step; the derivative "
                "of x² is 2x, so the factor is 1 − 2η.",
            ),
            (path[steps - 1, 0], "That is x₂, after two steps; take one more."),
        ],
    )


def _newton(f: Objective) -> Choice:
    jump = newton(f, START)
    crawl = gradient_descent(f, START, lr=0.1)
    start = f"({START[0]:g}, {START[1]:g})"
    return Choice(
        f"Newton's method starts at {start} on the tilted valley, a quadratic. How many steps "
        "does it take to reach the minimum?",
        [
            f"{jump.nit}",
            f"About {crawl.nit}, like gradient descent",
            "It depends on its learning rate",
        ],
        0,
        [
            "On a quadratic the quadratic model is the function itself, so the first Newton "
            "step lands on its minimum.",
            f"{crawl.nit} is the count of gradient descent with η = 0.1. Newton's method uses "
            "the Hessian and lands in one step here.",
            "Pure Newton has no learning rate: its step solves a linear system with the "
            "Hessian, and on a quadratic one step is exact.",
        ],
    )


def questions() -> Quiz:
    """The self-check of chapter 0."""
    f = tilted_valley()
    return Quiz("getting-started", [_limit(f), _stationary(), _three_steps(), _newton(f)])
