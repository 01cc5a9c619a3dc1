"""Checks for the exercises of chapter 5, *Jacobian, Hessian and Newton's method*."""

from __future__ import annotations

import numpy as np
import sympy as sp

from ..calculus.extrema import Kind, stationary_points
from ..functions import x, y
from ..objective import Objective
from ..optimize import newton_step
from . import (
    Feedback,
    as_number,
    as_vector,
    correct,
    incorrect,
    invalid,
    typed_match,
    unanswered,
)

_u, _v, _w = sp.symbols("x y z", real=True)

#: The map of the Jacobian exercise, :math:`F(x, y, z) = (xyz,\; x^2 + \sin z)`, and its point.
JACOBIAN_MAP = sp.Matrix([_u * _v * _w, _u**2 + sp.sin(_w)])
JACOBIAN_POINT = (1.0, 2.0, 0.0)

#: The objective of the classification and Newton-step exercises, :math:`x^4 + y^4 - 4xy`.
TWIN_WELLS = Objective.from_sympy(
    x**4 + y**4 - 4 * x * y, (x, y), name="x⁴ + y⁴ − 4xy", domain=((-2.0, 2.0),) * 2
)
NEWTON_START = (2.0, 1.0)

_KINDS = tuple(str(kind) for kind in Kind)


def _exact_jacobian() -> np.ndarray:
    J = JACOBIAN_MAP.jacobian([_u, _v, _w])
    return np.array(J.subs(dict(zip((_u, _v, _w), JACOBIAN_POINT, strict=True))), dtype=float)


def check_jacobian(answer: object) -> Feedback:
    r"""Check the Jacobian of :math:`F(x, y, z) = (xyz,\; x^2 + \sin z)` at (1, 2, 0).

    Examples
    --------
    >>> check_jacobian([[0, 0, 2], [2, 0, 1]]).correct
    True
    >>> check_jacobian([[0, 2], [0, 0], [2, 1]]).message.startswith("this is the transpose")
    True
    """
    expected = _exact_jacobian()
    if answer is None:
        return unanswered("a 2 x 3 array")
    try:
        J = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return invalid(f"expected a 2 x 3 array of numbers, got {type(answer).__name__}")
    if J.shape == (3, 2) and np.allclose(J, expected.T, atol=1e-6):
        return incorrect(
            "this is the transpose: the Jacobian of F: R³ → R² is 2 x 3, with one row per "
            "component of F (its gradient) and one column per variable"
        )
    if J.shape != (2, 3) or not np.all(np.isfinite(J)):
        return invalid(
            f"expected a 2 x 3 array (m = 2 components, n = 3 variables), got shape {J.shape}"
        )
    wrong = np.argwhere(~np.isclose(J, expected, atol=1e-6))
    if wrong.size:
        i, j = wrong[0]
        variable = "xyz"[j]
        return incorrect(
            f"entry ({i + 1}, {j + 1}) should be ∂F{i + 1}/∂{variable} at (1, 2, 0), which is "
            f"{expected[i, j]:g}, not {J[i, j]:g}; differentiate component {i + 1} with respect "
            f"to {variable}, holding the other variables fixed"
        )
    return correct("row 1 is ∇(xyz) = (yz, xz, xy) and row 2 is ∇(x² + sin z) = (2x, 0, cos z)")


def _point_key(point: object) -> tuple[float, float] | None:
    try:
        pair = np.asarray(point, dtype=float)
    except (TypeError, ValueError):
        return None
    if pair.shape != (2,) or not np.all(np.isfinite(pair)):
        return None
    return float(pair[0]), float(pair[1])


def check_classification(answer: object) -> Feedback:
    r"""Check a dict that maps each stationary point of :math:`x^4 + y^4 - 4xy` to its kind.

    Examples
    --------
    >>> check_classification({(0, 0): "saddle", (1, 1): "minimum", (-1, -1): "minimum"}).correct
    True
    >>> check_classification({(0, 0): "minimum"}).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    what = 'a dict such as {(0, 0): "saddle", ...}'
    if answer is None:
        return unanswered(what)
    if not isinstance(answer, dict):
        return invalid(f"expected {what}, got {type(answer).__name__}")
    given = {}
    for point, kind in answer.items():
        key = _point_key(point)
        if key is None or kind not in _KINDS:
            return invalid(
                f"each key must be a point (x, y) and each value one of {', '.join(_KINDS)}; "
                f"got {point!r}: {kind!r}"
            )
        given[key] = kind
    truth = stationary_points(TWIN_WELLS)
    for p in truth:
        matches = [k for k in given if np.allclose(k, p.x, atol=1e-6)]
        where = f"({p.x[0]:g}, {p.x[1]:g})"
        if not matches:
            return incorrect(
                f"{where} is missing: solve 4x³ − 4y = 0 and 4y³ − 4x = 0 together; "
                f"f has {len(truth)} stationary points"
            )
        if given[matches[0]] != p.kind:
            eigenvalues = np.linalg.eigvalsh(TWIN_WELLS.hessian(p.x))
            return incorrect(
                f"at {where} the Hessian has eigenvalues {eigenvalues[0]:g} and "
                f"{eigenvalues[1]:g}, so the point is a {p.kind}, not a {given[matches[0]]}"
            )
    if len(given) > len(truth):
        return incorrect(
            f"you listed {len(given)} points but f has only {len(truth)} stationary points; "
            "check that the gradient vanishes at each of yours"
        )
    return correct(
        "the origin is a saddle (eigenvalues −4 and 4) and (1, 1) and (−1, −1) are minima "
        "(eigenvalues 8 and 16)"
    )


def check_newton_step(answer: object) -> Feedback:
    r"""Check one pure Newton step on :math:`x^4 + y^4 - 4xy` from (2, 1).

    Examples
    --------
    >>> check_newton_step([10 / 7, 8 / 7]).correct
    True
    >>> "sign" in check_newton_step([18 / 7, 6 / 7]).message
    True
    """
    step = as_vector(answer, 2, "the point x₁ as two numbers")
    if isinstance(step, Feedback):
        return step
    x0 = np.array(NEWTON_START)
    g, H = TWIN_WELLS.gradient(x0), TWIN_WELLS.hessian(x0)
    expected = newton_step(x0, g, H)
    mistakes = {
        "you moved along +H⁻¹∇f: check the sign, x₁ = x₀ − H⁻¹∇f": x0 + np.linalg.solve(H, g),
        "that is a gradient step with η = 1; Newton's step solves H d = ∇f first": x0 - g,
        "you multiplied by H; Newton's step divides by it: solve H d = ∇f": x0 - H @ g,
        "you divided by the diagonal of H only; the off-diagonal −4 matters: solve the full "
        "2 x 2 system H d = ∇f": x0 - g / np.diag(H),
    }
    if typed_match(step, expected):
        return correct(
            f"∇f(2, 1) = ({g[0]:g}, {g[1]:g}), H = [[48, −4], [−4, 12]], so "
            "x₁ = (2, 1) − (4/7, −1/7) = (10/7, 8/7)"
        )
    for message, wrong in mistakes.items():
        if typed_match(step, wrong):
            return incorrect(message)
    return incorrect(
        f"x₁ should be about ({expected[0]:.4f}, {expected[1]:.4f}); compute ∇f and ∇²f at "
        "(2, 1), solve H d = ∇f, and subtract d from x₀"
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
