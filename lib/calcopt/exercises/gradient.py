r"""Checks for the exercises of chapter 3, *The gradient*.

The exercises use :math:`g(x, y) = x^2 y + 3y^2` at :math:`(1, -2)` and the chapter's running
example :data:`~calcopt.landscapes.hill_and_pit` at :math:`(0, 2)`.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from ..landscapes import hill_and_pit
from ..objective import Objective
from . import Feedback, as_vector, correct, incorrect

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
