r"""Checks for the exercises of chapter 3, *The gradient*.

The exercises use :math:`g(x, y) = x^2 y + 3y^2` at :math:`(1, -2)` and the chapter's running
example :data:`~calcopt.landscapes.hill_and_pit` at :math:`(0, 2)`.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from ..landscapes import hill_and_pit
from ..objective import Objective
from . import Feedback, as_number, as_vector, correct, incorrect, invalid
from ._learner import not_a_function, run

#: How far an answer may be from the exact one: vectors typed with three or four decimals pass.
TOLERANCE = 1e-3

_x, _y = sp.symbols("x y", real=True)

#: The function of the gradient exercise, :math:`g(x, y) = x^2 y + 3y^2`.
g = Objective.from_sympy(_x**2 * _y + 3 * _y**2, (_x, _y), name="g")
#: The point of the gradient exercise.
G_POINT = np.array([1.0, -2.0])
#: The point of the direction exercises, on :data:`~calcopt.landscapes.hill_and_pit`.
DIRECTION_POINT = np.array([0.0, 2.0])


def check_gradient(answer: object) -> Feedback:
    r"""Check :math:`\nabla g(1, -2)` for :math:`g(x, y) = x^2 y + 3y^2`, given as ``[gx, gy]``.

    Examples
    --------
    >>> check_gradient([-4.0, -11.0]).correct
    True
    >>> check_gradient([-11.0, -4.0]).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    vector = as_vector(answer, 2, "the gradient as two numbers [dg/dx, dg/dy]")
    if isinstance(vector, Feedback):
        return vector
    expected = np.asarray(g.gradient(G_POINT), dtype=float)
    right = np.isclose(vector, expected, rtol=1e-9, atol=1e-9)
    if right.all():
        return correct(
            f"∇g(1, -2) = ({expected[0]:g}, {expected[1]:g}): 2xy for x and x² + 6y for y"
        )
    if np.allclose(vector[::-1], expected, rtol=1e-9, atol=1e-9):
        return incorrect("you have both partial derivatives but in the wrong order: x comes first")
    if np.allclose(vector, -expected, rtol=1e-9, atol=1e-9):
        return incorrect("every sign is flipped: the gradient points uphill, -∇g points downhill")
    if right[0]:
        return incorrect(
            "∂g/∂x is right; for ∂g/∂y treat x as a constant: x²y gives x², 3y² gives 6y"
        )
    if right[1]:
        return incorrect(
            "∂g/∂y is right; for ∂g/∂x treat y as a constant: x²y gives 2xy, 3y² gives 0"
        )
    return incorrect(
        "neither component is right: differentiate x²y + 3y² once with respect to x (y fixed) "
        "and once with respect to y (x fixed), then put in x = 1, y = -2"
    )


def check_steepest_descent(answer: object) -> Feedback:
    r"""Check the unit direction of steepest descent of ``hill_and_pit`` at :math:`(0, 2)`.

    Examples
    --------
    >>> grad = hill_and_pit.gradient([0.0, 2.0])
    >>> check_steepest_descent(-grad / np.linalg.norm(grad)).correct
    True
    >>> check_steepest_descent([0.3162, 0.9487]).correct  # four decimals are enough
    True
    >>> check_steepest_descent(grad / np.linalg.norm(grad)).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    vector = as_vector(answer, 2, "a unit vector [u1, u2]")
    if isinstance(vector, Feedback):
        return vector
    grad = np.asarray(hill_and_pit.gradient(DIRECTION_POINT), dtype=float)
    expected = -grad / np.linalg.norm(grad)
    if (message := _not_unit(vector)) is not None:
        return message
    vector = vector / np.linalg.norm(vector)
    if np.allclose(vector, expected, atol=TOLERANCE):
        return correct(
            f"-∇f / ‖∇f‖ = ({expected[0]:.4f}, {expected[1]:.4f}); along it f falls at the rate "
            f"‖∇f‖ = {np.linalg.norm(grad):.4g}"
        )
    if np.allclose(vector, -expected, atol=TOLERANCE):
        return incorrect("that is the direction of steepest ascent; descent is the opposite one")
    angle = np.degrees(np.arccos(np.clip(vector @ expected, -1.0, 1.0)))
    return incorrect(
        f"your direction is {angle:.0f}° away from steepest descent; compute ∇f(0, 2) from "
        "∇f = (3x² - 3, 3 - 3y²), then take minus it and divide by its length"
    )


def check_level_tangent(answer: object) -> Feedback:
    r"""Check a unit vector tangent to the level curve of ``hill_and_pit`` through :math:`(0, 2)`.

    Either of the two tangent directions is right.

    Examples
    --------
    >>> check_level_tangent([0.9486832980505138, -0.31622776601683794]).correct
    True
    >>> check_level_tangent([-0.949, 0.316]).correct
    True
    >>> check_level_tangent([1.0, 0.0]).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    vector = as_vector(answer, 2, "a unit vector [t1, t2]")
    if isinstance(vector, Feedback):
        return vector
    if (message := _not_unit(vector)) is not None:
        return message
    grad = np.asarray(hill_and_pit.gradient(DIRECTION_POINT), dtype=float)
    unit = grad / np.linalg.norm(grad)
    along = float(vector @ unit) / np.linalg.norm(vector)
    if abs(along) <= TOLERANCE:
        return correct(
            "your vector is perpendicular to ∇f(0, 2), so f does not change to first order "
            "along it: it is tangent to the level curve"
        )
    return incorrect(
        f"your vector is not perpendicular to ∇f(0, 2) = ({grad[0]:g}, {grad[1]:g}): its "
        f"component along the gradient's direction is {along:.3g}, so f changes along it at "
        f"the rate {along * np.linalg.norm(grad):.3g}; turn the gradient a quarter turn"
    )


def _not_unit(vector: np.ndarray) -> Feedback | None:
    length = float(np.linalg.norm(vector))
    if length == 0:
        return incorrect("the zero vector has no direction; a direction is a vector of length 1")
    if abs(length - 1) > TOLERANCE:
        return incorrect(
            f"a direction must be a unit vector, and yours has length {length:.6g}: "
            "divide it by its length"
        )
    return None


# -- A gradient checker written by the learner -------------------------------------------------

#: A right gradient must get a relative error below this from the learner's checker ...
RIGHT_BELOW = 1e-6
#: ... and a wrong one a relative error above this.
WRONG_ABOVE = 1e-3

_z = sp.Symbol("z", real=True)


def _case(expr: sp.Expr, variables, point, wrong=None, name: str = "f"):
    """A hidden test of a gradient checker: f, a gradient (the exact one, or ``wrong``), x."""
    f = Objective.from_sympy(expr, variables, name=name)
    exact = f.gradient

    def grad(x):
        return np.asarray(exact(x), dtype=float) if wrong is None else wrong(np.asarray(x))

    return f, grad, np.array(point, dtype=float), wrong is None


#: Hidden cases for ``check_gradient(f, grad, x)``: (f, grad, x, grad is right).
CHECKER_CASES = (
    _case(_x**2 * _y + sp.sin(_y), (_x, _y), (1.3, -0.7)),
    _case(
        _x**2 * _y + sp.sin(_y),
        (_x, _y),
        (1.3, -0.7),
        wrong=lambda p: np.array([2 * p[0] * p[1], p[0] ** 2 - np.cos(p[1])]),
    ),
    _case(sp.Integer(10) ** 6 * (_x**2 + 3 * _y**2 + _x * _y), (_x, _y), (0.8, -1.1)),
    _case(
        sp.exp(_x * _y) + _z**2 * _x,
        (_x, _y, _z),
        (0.4, -0.9, 1.7),
        wrong=lambda p: np.array(
            [p[1] * np.exp(p[0] * p[1]) + p[2] ** 2, np.exp(p[0] * p[1]), 2 * p[2] * p[0]]
        ),
    ),
    _case(sp.exp(_x * _y) + _z**2 * _x, (_x, _y, _z), (0.4, -0.9, 1.7)),
    _case(
        sp.log(1 + _x**2) + _x * _y,
        (_x, _y),
        (2.0, 0.5),
        wrong=lambda p: np.array([2 * p[0] / (1 + p[0] ** 2) + p[1], p[0]]) * [1.02, 1.0],
    ),
)


def check_gradient_checker(answer: object) -> Feedback:
    r"""Check a learner's gradient checker ``check_gradient(f, grad, x)``.

    It must return the relative error between ``grad(x)`` and a central-difference estimate
    :math:`\hat g_i = \frac{f(\mathbf x + h\mathbf e_i) - f(\mathbf x - h\mathbf e_i)}{2h}`,

    .. math::
        \frac{\lVert \mathbf g - \hat{\mathbf g}\rVert}
             {\max(\lVert\mathbf g\rVert, \lVert\hat{\mathbf g}\rVert)} ,

    small (below ``RIGHT_BELOW``) for a right gradient and large (above ``WRONG_ABOVE``) for a
    wrong one. It is run on hidden cases (``CHECKER_CASES``): right and wrong gradients in two
    and three variables, one of a function with values near :math:`10^6`, one wrong by only
    2 % in one entry. The usual bugs get their own message: moving every coordinate at once,
    an absolute instead of a relative error, changing the caller's x in place, passing a wrong
    gradient, returning True/False.

    Examples
    --------
    >>> def check_gradient(f, grad, x, h=1e-6):
    ...     x = np.asarray(x, dtype=float)
    ...     g = np.asarray(grad(x), dtype=float)
    ...     steps = h * np.eye(x.size)
    ...     estimate = np.array([(f(x + e) - f(x - e)) / (2 * h) for e in steps])
    ...     size = max(np.linalg.norm(g), np.linalg.norm(estimate))
    ...     return np.linalg.norm(g - estimate) / size
    >>> check_gradient_checker(check_gradient).correct
    True
    >>> check_gradient_checker(lambda f, grad, x: 0.0).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    what = "a function check_gradient(f, grad, x) that returns a relative error"
    if (feedback := not_a_function(answer, what)) is not None:
        return feedback
    for f, grad, x, right in CHECKER_CASES:
        value = _run_checker(answer, f, grad, x)
        if isinstance(value, Feedback):
            return value
        if right and not value < RIGHT_BELOW:
            return _right_flagged(value, f, grad, x)
        if not right and not value > WRONG_ABOVE:
            return _wrong_passed(value, f, grad, x)
    return correct(
        "your checker gives a tiny relative error for every right gradient and a large one for "
        "every wrong one, including a gradient 2 % off in one entry and a function of size 10⁶"
    )


def _run_checker(answer, f: Objective, grad, x: np.ndarray) -> float | Feedback:
    """The learner's relative error on one case, or feedback when it cannot be read."""
    given = x.copy()
    value = run(
        answer,
        (f, grad, given),
        "check_gradient(f, grad, x)",
        "compute the central-difference estimate of each partial derivative and return the "
        "relative error",
    )
    if isinstance(value, Feedback):
        return value
    if not np.allclose(given, x, rtol=1e-12, atol=1e-15):  # rounding of x + h - h is fine
        return incorrect(
            "your check_gradient changed the caller's x in place (x += h, without undoing it, "
            "or x[i] = ...): build the shifted points as new arrays, x + h * e_i and x - h * e_i"
        )
    if isinstance(value, bool | np.bool_):
        return invalid(
            "check_gradient returns True/False; return the relative error itself (a number), "
            "so that the caller sees how far apart the two gradients are"
        )
    number = as_number(value, "check_gradient to return one number, the relative error")
    if isinstance(number, Feedback):
        return number
    if number < 0:
        return incorrect(
            f"check_gradient returned {number:.3g}, but a relative error is a ratio of lengths "
            "and cannot be negative: take the norm of the difference"
        )
    return number


def _estimates(f: Objective, x: np.ndarray, h: float = 1e-6) -> tuple[np.ndarray, np.ndarray]:
    """Central differences one coordinate at a time, and the slope with all moved at once."""
    steps = h * np.eye(x.size)
    one = np.array([(f(x + e) - f(x - e)) / (2 * h) for e in steps])
    ones = np.full(x.size, h)
    together = np.full(x.size, (f(x + ones) - f(x - ones)) / (2 * h))
    return one, together


def _relative(g: np.ndarray, estimate: np.ndarray) -> float:
    size = max(np.linalg.norm(g), np.linalg.norm(estimate))
    return float(np.linalg.norm(g - estimate) / size)


def _right_flagged(value: float, f: Objective, grad, x: np.ndarray) -> Feedback:
    g = grad(x)
    one, together = _estimates(f, x)
    case = f"for a right gradient (f = {f.expr}, x = {tuple(x.tolist())})"
    if np.isclose(value, _relative(g, together), rtol=0.05):
        return incorrect(
            f"{case} your check reports {value:.3g}: you seem to move every coordinate at "
            "once; a partial derivative moves one coordinate, x + h e_i, with e_i the i-th "
            "unit vector"
        )
    if np.linalg.norm(g) > 1e3 and value / np.linalg.norm(g) < RIGHT_BELOW:
        return incorrect(
            f"{case}, whose gradient has length {np.linalg.norm(g):.3g}, your check reports "
            f"{value:.3g}: that looks like an absolute error; divide by the larger of the two "
            "gradients' lengths, so the answer does not depend on the function's scale"
        )
    return incorrect(
        f"{case} your check reports {value:.3g}; central differences with h = 1e-6 agree with "
        f"it to about {_relative(g, one):.1g}. Use (f(x + h e_i) − f(x − h e_i)) / (2h) for "
        "each coordinate i and return ‖g − ĝ‖ / max(‖g‖, ‖ĝ‖)"
    )


def _wrong_passed(value: float, f: Objective, grad, x: np.ndarray) -> Feedback:
    g, exact = grad(x), np.asarray(f.gradient(x), dtype=float)
    entries = ", ".join(str(i + 1) for i in np.flatnonzero(~np.isclose(g, exact, rtol=1e-9)))
    return incorrect(
        f"your check let a wrong gradient through: for f = {f.expr} at x = "
        f"{tuple(x.tolist())} it returned {value:.3g}, but entry {entries} of grad(x) = "
        f"{np.round(g, 4).tolist()} is wrong (the exact gradient is "
        f"{np.round(exact, 4).tolist()}). Compare every entry, and return the relative error "
        "of the whole vector"
    )


# -- Find the bug in a hand-derived gradient ---------------------------------------------------

#: The function of the find-the-bug exercise, :math:`f(x, y) = x^2\sin y + e^{xy}`.
bug_f = Objective.from_sympy(_x**2 * sp.sin(_y) + sp.exp(_x * _y), (_x, _y), name="bug_f")


def buggy_gradient(p) -> np.ndarray:
    r"""A colleague's hand-derived gradient of :data:`bug_f`, with one entry wrong.

    It returns :math:`(2x\sin y + y e^{xy},\ x^2\cos y + e^{xy})`: the second entry misses the
    factor x that the chain rule brings to :math:`\partial e^{xy}/\partial y`. At x = 1 the bug
    is invisible.
    """
    x, y = p
    return np.array([2 * x * np.sin(y) + y * np.exp(x * y), x**2 * np.cos(y) + np.exp(x * y)])


#: Points at which a fixed gradient is compared with the exact one (none has x = 1).
BUG_POINTS = np.array([[0.5, 2.0], [-1.5, 0.3], [2.0, -1.0], [0.0, 1.0]])


def check_fixed_gradient(answer: object) -> Feedback:
    r"""Check a corrected gradient of :math:`f(x, y) = x^2\sin y + e^{xy}`, a function of a
    point ``p = (x, y)`` returning :math:`\nabla f(x, y)`.

    It is compared with the exact gradient :math:`(2x\sin y + y e^{xy},\ x^2\cos y +
    x e^{xy})` at hidden points (``BUG_POINTS``); the colleague's bug, a new bug in the first
    entry and a flipped sign of the cosine get their own messages.

    Examples
    --------
    >>> check_fixed_gradient(bug_f.gradient).correct
    True
    >>> check_fixed_gradient(buggy_gradient).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    what = "a function of a point p = (x, y) that returns the corrected gradient"
    if (feedback := not_a_function(answer, what)) is not None:
        return feedback
    values = []
    for p in BUG_POINTS:
        value = run(
            answer,
            (p.copy(),),
            "grad_fixed(p)",
            "return the two partial derivatives as np.array([df/dx, df/dy])",
        )
        if isinstance(value, Feedback):
            return value
        vector = as_vector(value, 2, "the gradient as two numbers [df/dx, df/dy]")
        if isinstance(vector, Feedback):
            return vector
        values.append(vector)
    got = np.array(values)
    exact = np.array([bug_f.gradient(p) for p in BUG_POINTS])
    close = np.isclose(got, exact, rtol=1e-9, atol=1e-12).all(axis=0)
    if close.all():
        return correct(
            "∂f/∂y = x² cos y + x e^{xy}: the chain rule brings the factor x, the derivative of "
            "the inner function xy with respect to y"
        )
    if np.allclose(got, [buggy_gradient(p) for p in BUG_POINTS], rtol=1e-9):
        return incorrect(
            "that is still the colleague's gradient; compare it entry by entry with "
            "co.gradient(bug_f, p) at a point with x ≠ 1 to see which entry is off"
        )
    if not close[0]:
        return incorrect(
            "the first entry, ∂f/∂x = 2x sin y + y e^{xy}, was right and now is not; "
            "change only the entry that disagrees with the numerical gradient"
        )
    return incorrect(
        "the second entry ∂f/∂y is still wrong: hold x fixed; x² sin y gives x² cos y, and "
        "e^{xy} gives e^{xy} times the derivative of xy with respect to y"
    )
