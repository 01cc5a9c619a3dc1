r"""Checks for the exercises of chapter 6, *Newton's method*.

Every check follows the chapter's sign convention: the Newton step :math:`\mathbf d` solves
:math:`\nabla^2 f(\mathbf x)\,\mathbf d = -\nabla f(\mathbf x)`, and
:math:`\mathbf x_{\text{new}} = \mathbf x + \mathbf d`. The checks of the learner's own
``newton_step`` and ``newton`` run them on cases the learner does not see and compare with
:func:`~calcopt.newton_step` and :func:`~calcopt.newton`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import functions as fn
from ..functions import x, y
from ..objective import Objective
from ..optimize import newton, newton_step
from . import (
    Feedback,
    Verdict,
    as_number,
    as_vector,
    correct,
    incorrect,
    invalid,
    typed_match,
    unanswered,
)
from .hessian import TWIN_WELLS

#: The start of the Newton step worked by hand, on :data:`TWIN_WELLS`.
NEWTON_START = (2.0, 1.0)

#: :math:`x^3/3 + x + y^2`: no stationary point, and a singular Hessian on the y axis, where the
#: gradient (1, 2y) is not in the Hessian's range: there the Newton step does not exist.
CUBIC_SLOPE = Objective.from_sympy(
    x**3 / 3 + x + y**2, (x, y), name="x³/3 + x + y²", domain=((-2.0, 2.0),) * 2
)

#: The hidden cases of the learner's ``newton_step(x, g, H)``: a positive definite, an
#: indefinite and a 3 x 3 Hessian, and one variable.
STEP_CASES = (
    ((2.0, 1.0), (28.0, -4.0), ((48.0, -4.0), (-4.0, 12.0))),
    ((0.5, -1.0), (1.0, 3.0), ((2.0, 1.0), (1.0, -3.0))),
    ((1.0, 2.0, 3.0), (1.0, 0.0, -2.0), ((4.0, 1.0, 0.0), (1.0, 3.0, 1.0), (0.0, 1.0, 2.0))),
    ((1.5,), (0.6,), ((0.2,),)),
)

#: The hidden cases of the learner's ``newton(grad, hess, x0, tol, max_iter)``: (what the case
#: is, objective, x0, tol, max_iter). They cover convergence, the iteration limit, a start that
#: is already stationary, and a Hessian that is singular at the start or after one step.
LOOP_CASES = (
    ("Rosenbrock's function from (−1.2, 1)", fn.rosenbrock, (-1.2, 1.0), 1e-8, 50),
    ("Booth's function from (−3, 7)", fn.booth, (-3.0, 7.0), 1e-8, 50),
    ("x⁴ from 1 with max_iter = 5", fn.quartic, (1.0,), 1e-8, 5),
    ("Booth's function from its minimum (1, 3)", fn.booth, (1.0, 3.0), 1e-8, 50),
    ("x⁴ + y² from (0, 1), where the Hessian is singular", fn.quartic_bowl, (0.0, 1.0), 1e-8, 50),
    ("x³/3 + x + y² from (1, 1), singular after one step", CUBIC_SLOPE, (1.0, 1.0), 1e-8, 50),
)

_SIGN = (
    "you solved ∇²f d = ∇f and added d, which moves to x + [∇²f]⁻¹∇f, away from the model's "
    "stationary point: solve ∇²f d = −∇f, then x_new = x + d"
)


def check_hand_step(answer: object) -> Feedback:
    r"""Check one pure Newton step by hand on :math:`x^4 + y^4 - 4xy` from (2, 1).

    Examples
    --------
    >>> check_hand_step([10 / 7, 8 / 7]).correct
    True
    >>> "−∇f" in check_hand_step([18 / 7, 6 / 7]).message
    True
    """
    step = as_vector(answer, 2, "the point x₁ as two numbers")
    if isinstance(step, Feedback):
        return step
    x0 = np.array(NEWTON_START)
    g, H = TWIN_WELLS.gradient(x0), TWIN_WELLS.hessian(x0)
    expected = newton_step(x0, g, H)
    if typed_match(step, expected):
        return correct(
            f"∇f(2, 1) = ({g[0]:g}, {g[1]:g}), ∇²f(2, 1) = [[48, −4], [−4, 12]]; solving "
            "∇²f d = −∇f gives d = (−4/7, 1/7), so x₁ = (2, 1) + d = (10/7, 8/7)"
        )
    for message, wrong in _step_mistakes(x0, g, H).items():
        if typed_match(step, wrong):
            return incorrect(message)
    return incorrect(
        f"x₁ should be about ({expected[0]:.4f}, {expected[1]:.4f}); compute ∇f and ∇²f at "
        "(2, 1), solve ∇²f d = −∇f, and add d to x₀"
    )


def _step_mistakes(x0: np.ndarray, g: np.ndarray, H: np.ndarray) -> dict[str, np.ndarray]:
    """The usual wrong Newton steps from x0, each with what went wrong."""
    d = np.linalg.solve(H, -g)
    return {
        _SIGN: x0 - d,
        "that is a gradient step with η = 1; Newton's step solves ∇²f d = −∇f first": x0 - g,
        "you multiplied by ∇²f; Newton's step divides by it: solve ∇²f d = −∇f": x0 - H @ g,
        "you divided by the diagonal of ∇²f only; the off-diagonal entries matter: solve the "
        "full system ∇²f d = −∇f": x0 - g / np.diag(H),
        "that is the step d itself; return the new iterate x + d": d,
    }


def _not_a_function(answer: object, what: str) -> Feedback | None:
    """Feedback if the answer is still None or not callable; None if it is a function."""
    if answer is None:
        return unanswered(what)
    if not callable(answer):
        return invalid(f"expected {what}, got {type(answer).__name__}")
    return None


def _stub(name: str) -> Feedback:
    """A learner's function that still returns None, as the stub does."""
    return Feedback(
        Verdict.UNANSWERED,
        f"your {name} still returns None, like the stub: replace its body with your code",
    )


def _call(function: Callable, *args, **kwargs) -> tuple[object, Feedback | None]:
    """Call the learner's function; an exception becomes invalid feedback."""
    try:
        return function(*args, **kwargs), None
    except Exception as error:  # the learner's code may fail in any way
        return None, invalid(f"your function raised {type(error).__name__}: {error}")


def check_newton_step(answer: object) -> Feedback:
    r"""Check a learner's ``newton_step(x, g, H)`` that returns :math:`\mathbf x + \mathbf d`
    with :math:`H\mathbf d = -\mathbf g`.

    It runs on :data:`STEP_CASES` (which the learner does not see) and is compared with
    :func:`~calcopt.newton_step`. A wrong sign, a gradient step, a product with H, the diagonal
    only, returning d instead of x + d, and changing x in place each get their own message; a
    function that is still the stub (returns None) is unanswered.

    Examples
    --------
    >>> check_newton_step(lambda x, g, H: x + np.linalg.solve(H, -g)).correct
    True
    >>> "∇²f d = ∇f and added" in check_newton_step(
    ...     lambda x, g, H: x + np.linalg.solve(H, g)
    ... ).message
    True
    """
    what = "a function newton_step(x, g, H) that returns the new iterate"
    if (feedback := _not_a_function(answer, what)) is not None:
        return feedback
    for x0, g0, H0 in STEP_CASES:
        x0, g, H = (np.array(a, dtype=float) for a in (x0, g0, H0))
        given = x0.copy()
        got, failure = _call(answer, given, g.copy(), H.copy())
        if failure is not None:
            return failure
        if got is None:
            return _stub("newton_step")
        step = as_vector(got, x0.size, f"newton_step to return {x0.size} numbers, like x")
        if isinstance(step, Feedback):
            return step
        if not np.array_equal(given, x0):
            return incorrect(
                "your function changed x in place (x += ... or x[:] = ...); the caller's array "
                "must stay as it was: return a new array, x + d"
            )
        expected = newton_step(x0, g, H)
        if np.allclose(step, expected, rtol=1e-9, atol=1e-12):
            continue
        for message, wrong in _step_mistakes(x0, g, H).items():
            if np.allclose(step, wrong, rtol=1e-9, atol=1e-12):
                return incorrect(f"with x = {x0.tolist()}: {message}")
        return incorrect(
            f"with x = {x0.tolist()}, g = {g.tolist()} and H = {H.tolist()} the Newton step "
            f"lands at {np.round(expected, 6).tolist()}, yours at {np.round(step, 6).tolist()}; "
            "solve H d = −g with np.linalg.solve and return x + d"
        )
    return correct(
        "your newton_step solves ∇²f d = −∇f and returns x + d on every hidden case, including "
        "an indefinite Hessian and a 3 x 3 one"
    )


def check_newton(answer: object) -> Feedback:
    r"""Check a learner's ``newton(grad, hess, x0, tol, max_iter)`` that returns the iterates.

    It runs on :data:`LOOP_CASES` (which the learner does not see) and is compared with the
    path of :func:`~calcopt.newton`. The usual bugs get their own message: a wrong first step
    (solving :math:`\nabla^2 f\,\mathbf d = \nabla f` and adding d), x never updated, one
    iteration too many or too few, and not stopping at a singular Hessian.

    Examples
    --------
    >>> def good(grad, hess, x0, tol=1e-8, max_iter=50):
    ...     x, path = np.asarray(x0, dtype=float), [np.asarray(x0, dtype=float)]
    ...     for _ in range(max_iter):
    ...         g = grad(x)
    ...         if np.linalg.norm(g) <= tol:
    ...             break
    ...         try:
    ...             x = x + np.linalg.solve(hess(x), -g)
    ...         except np.linalg.LinAlgError:
    ...             break
    ...         path.append(x)
    ...     return path
    >>> check_newton(good).correct
    True
    """
    what = "a function newton(grad, hess, x0, tol, max_iter) that returns the list of iterates"
    if (feedback := _not_a_function(answer, what)) is not None:
        return feedback
    for case in LOOP_CASES:
        feedback = _check_loop_case(answer, what, *case)
        if feedback is not None:
            return feedback
    return correct(
        "your loop matches calcopt.newton on every hidden case: it stops when ‖∇f‖ ≤ tol "
        "(before stepping), at a singular Hessian and after max_iter steps"
    )


def _check_loop_case(answer, what: str, name, objective, x0, tol, max_iter) -> Feedback | None:
    """Feedback on one hidden case, or None if the learner's path is right there."""
    x0 = np.array(x0, dtype=float)
    got, failure = _call(
        answer, objective.gradient_at, objective.hessian_at, x0.copy(), tol=tol, max_iter=max_iter
    )
    singular = "singular" in name
    if failure is not None:
        if singular and "LinAlgError" in failure.message:
            return incorrect(
                f"on {name} np.linalg.solve raised LinAlgError: the Newton step is not defined "
                "there; catch numpy.linalg.LinAlgError and stop, returning the path so far"
            )
        return Feedback(failure.verdict, f"on {name}: {failure.message}")
    if got is None:
        return _stub("newton")
    try:
        path = np.array([np.asarray(p, dtype=float).reshape(x0.size) for p in got])
    except (TypeError, ValueError):
        return invalid(f"expected {what}: a list of points of {x0.size} numbers, got {got!r}")
    reference = newton(objective, x0, tol=tol, max_iter=max_iter).path
    if len(path) > 1 and np.all(path == path[-1]) and not np.allclose(path[0], x0):
        return incorrect(
            f"on {name} every entry of your list is the last iterate: you changed x in place "
            "(x += d) and appended the same array each time; write x = x + d instead"
        )
    if path.size == 0 or not np.allclose(path[0], x0):
        return incorrect(f"on {name} the path must start with x0 = {x0.tolist()}")
    if _same(path, reference):
        return None
    return _diagnose_loop(name, objective, path, reference, max_iter, singular)


def _same(path: np.ndarray, reference: np.ndarray) -> bool:
    return path.shape == reference.shape and np.allclose(path, reference, rtol=1e-9, atol=1e-12)


def _diagnose_loop(name, objective, path, reference, max_iter, singular) -> Feedback:
    x0 = reference[0]
    if len(path) == len(reference) + 1 and _same(path[:-1], reference):
        if singular:
            return incorrect(
                f"on {name} you stepped from a point where the Hessian is singular: there the "
                "Newton system has no solution or infinitely many, so stop (np.linalg.solve "
                "raises numpy.linalg.LinAlgError)"
            )
        if len(reference) - 1 == max_iter:
            return incorrect(f"one iteration too many on {name}: make at most max_iter steps")
        return incorrect(
            f"one iteration too many on {name}: the last iterate before yours already had "
            "‖∇f‖ ≤ tol; test the gradient before each step, not after it"
        )
    if len(path) > 1 and np.allclose(path, x0):
        return incorrect(
            f"on {name} every iterate equals x0: x is never updated; assign the new iterate, "
            "x = newton_step(x, g, H), inside the loop"
        )
    if len(path) > 1 and len(reference) > 1 and not np.allclose(path[1], reference[1]):
        g, H = objective.gradient_at(x0), objective.hessian_at(x0)
        if np.allclose(path[1], x0 + np.linalg.solve(H, g)):
            return incorrect(f"on {name}, the first step: {_SIGN}")
        return incorrect(
            f"on {name} the first step should land at {np.round(reference[1], 6).tolist()}, "
            f"yours at {np.round(path[1], 6).tolist()}: check your newton_step first"
        )
    if len(path) > len(reference) and singular and _same(path[: len(reference)], reference):
        return incorrect(
            f"on {name} the Hessian is singular at {np.round(reference[-1], 6).tolist()}: the "
            "Newton step is not defined there, so the loop must stop instead of going on"
        )
    if len(path) == len(reference) - 1 and _same(path, reference[:-1]):
        return incorrect(
            f"one iteration too few on {name}: stop only when ‖∇f(x)‖ ≤ tol at the current "
            "iterate, after max_iter steps or at a singular Hessian"
        )
    return incorrect(
        f"on {name} calcopt.newton makes {len(reference) - 1} steps and yours "
        f"{len(path) - 1}; compare your iterates with co.newton(f, x0).path"
    )


def check_degenerate_rate(answer: object) -> Feedback:
    r"""Check the ratio :math:`x_{k+1}/x_k` of pure Newton on :math:`f(x) = x^4`.

    Examples
    --------
    >>> check_degenerate_rate(2 / 3).correct
    True
    >>> check_degenerate_rate(0).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    ratio = as_number(answer, "a number, the ratio x_{k+1} / x_k")
    if isinstance(ratio, Feedback):
        return ratio
    if typed_match(ratio, 2 / 3):
        return correct(
            "x − 4x³/(12x²) = (2/3)x: the error shrinks by the constant factor 2/3, linear "
            "convergence, because f″(0) = 0 makes the minimum degenerate"
        )
    if abs(ratio) < 1e-3:
        return incorrect(
            "quadratic convergence (a ratio tending to 0) needs a nondegenerate minimum, "
            "f″(x*) ≠ 0; here f″(0) = 0. Compute x − f′(x)/f″(x) for f = x⁴"
        )
    if typed_match(ratio, 1 / 3):
        return incorrect("1/3 is the fraction removed; the question asks for x_{k+1}/x_k")
    return incorrect("compute x_{k+1} = x_k − f′(x_k)/f″(x_k) with f′ = 4x³ and f″ = 12x²")


def check_damped_radius(answer: object) -> Feedback:
    r"""Check the largest :math:`|x_0|` from which Newton damped by t = 1/2 converges on the
    pseudo-Huber loss: :math:`x_{k+1} = x_k(1 - t - t x_k^2)` contracts iff
    :math:`x_0^2 < 2/t - 1 = 3`.

    Examples
    --------
    >>> check_damped_radius(3**0.5).correct
    True
    >>> "pure Newton" in check_damped_radius(1.0).message
    True
    """
    radius = as_number(answer, "a positive number, the radius R")
    if isinstance(radius, Feedback):
        return radius
    if typed_match(radius, np.sqrt(3.0)):
        return correct(
            "|1 − t − t x²| < 1 means x² < 2/t − 1 = 3: damping widens the basin from |x₀| < 1 "
            "to |x₀| < √3, and from any start beyond √3 the iterates still grow without bound"
        )
    if typed_match(radius, 1.0):
        return incorrect(
            "1 is the radius for pure Newton (t = 1), where x ↦ −x³; redo it with "
            "x_{k+1} = x_k − t·x_k(1 + x_k²) and t = 1/2"
        )
    if typed_match(radius, 3.0):
        return incorrect("3 is R², the bound on x₀²; the question asks for R itself")
    return incorrect(
        "write x_{k+1} = x_k(1 − t − t x_k²) and find where the factor |1 − t − t x²| stays "
        "below 1 for t = 1/2"
    )
