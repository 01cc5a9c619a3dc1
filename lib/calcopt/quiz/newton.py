"""Self-check questions of chapter 6, Newton's method."""

from __future__ import annotations

import numpy as np
import sympy as sp

from ..calculus.extrema import classify_stationary_point
from ..functions import himmelblau, newton_trap, pseudo_huber, x
from ..objective import Objective
from ..optimize import newton, newton_step
from ..optimize.measured import ratios
from .page import Quiz
from .questions import Choice, Number, rounding_tolerance


def _one_step() -> Number:
    f = Objective.from_sympy(sp.exp(x) - 2 * x, (x,), name="eˣ − 2x")
    x0 = np.array([2.0])
    slope, curvature = float(f.gradient(x0)[0]), float(f.hessian(x0)[0])
    (x1,) = newton_step(x0, f.gradient(x0), f.hessian(x0))
    return Number(
        f"Take one pure Newton step on f(x) = eˣ − 2x from x₀ = {x0[0]:g}, where "
        "f′(x) = eˣ − 2 and f″(x) = eˣ. What is x₁? Give three significant digits.",
        x1,
        rounding_tolerance(x1, 3),
        why=f"x₁ = x₀ − f′(x₀)/f″(x₀) = 2 − (e² − 2)/e² = 1 + 2/e² ≈ {x1:.3f}, the lowest "
        "point of the tangent parabola at x₀.",
        hint="x₁ = x₀ − f′(x₀)/f″(x₀).",
        mistakes=[
            (
                x0[0] + slope / curvature,
                "You added f′/f″; the Newton step subtracts it (it solves f″ d = −f′).",
            ),
            (
                x0[0] - slope,
                "That is a gradient step with η = 1; Newton's method divides f′ by f″.",
            ),
        ],
    )


def _what_to_check() -> Choice:
    trapped = newton(newton_trap, [-0.1, 0.3])
    searched = newton(himmelblau, [2.0, 0.0], line_search="armijo")
    kinds = [
        classify_stationary_point(f.hessian(run.x))
        for f, run in ((newton_trap, trapped), (himmelblau, searched))
    ]
    return Choice(
        "Newton's method has converged to a point x*. What must you check before you call x* "
        "a local minimum?",
        [
            "Nothing: Newton's method minimises",
            "That ∇f(x*) = 0",
            "That the Hessian at x* is positive definite",
            "That f decreased at every step",
        ],
        2,
        [
            "Newton's method solves ∇f = 0, and it is drawn to maxima and saddle points as "
            "readily as to minima.",
            "The run converged, so ∇f(x*) = 0 already, and that holds at maxima and saddle "
            "points too.",
            f"Then x* is a strict local minimum. From (−0.1, 0.3) on the trap function of the "
            f"chapter pure Newton ends at a {kinds[0]}.",
            f"Not enough: with a line search f falls at every step, yet from (2, 0) on "
            f"Himmelblau's function the run ends at a {kinds[1]}.",
        ],
    )


def _quadratic_rate() -> Choice:
    k = np.arange(4)
    sequences = [0.5 ** (k + 1), 10.0 ** -(2.0**k), 0.9 ** (k + 1)]
    linear = [float(ratios(e)[-1]) for e in sequences]
    squared = float(ratios(sequences[1], order=2)[-1])
    return Choice(
        "Which sequence of errors e₀, e₁, e₂, e₃ converges quadratically?",
        [", ".join(f"{e:g}" for e in errors) for errors in sequences],
        1,
        [
            f"Each error is {linear[0]:g} times the one before: linear convergence with the "
            f"rate {linear[0]:g}.",
            f"Each error is the square of the one before, e_(k+1)/e_k² = {squared:g}: the "
            "number of correct digits doubles at every step.",
            f"Each error is {linear[2]:g} times the one before: linear convergence, removing "
            "only a tenth of the error per step.",
        ],
    )


def _overshoot() -> Choice:
    start = 1.1
    path = newton(pseudo_huber, start, max_iter=3, tol=0).path.ravel()
    return Choice(
        "On the convex loss f(x) = √(1 + x²) − 1 a pure Newton step takes x to −x³. From "
        "which starts does pure Newton converge to the minimum at 0?",
        ["From every start, since f is convex", "From |x₀| < 1", "From |x₀| < √3"],
        1,
        [
            f"Convex does not make every method converge: from {start:g} the iterates are "
            + ", ".join(f"{value:.4g}" for value in path[1:])
            + ", and growing.",
            "|−x³| < |x| exactly when |x| < 1; beyond 1 each step flips the sign and makes the "
            "size grow.",
            "√3 is the edge for damped Newton with t = ½; pure Newton's edge is 1.",
        ],
    )


def questions() -> Quiz:
    """The self-check of chapter 6."""
    return Quiz("newton", [_one_step(), _what_to_check(), _quadratic_rate(), _overshoot()])
