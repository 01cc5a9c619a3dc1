"""Checks for the exercises of chapter 5, *Jacobian and Hessian*."""

from __future__ import annotations

import numpy as np
import sympy as sp

from ..calculus.extrema import Kind, stationary_points
from ..calculus.second_order import LineVerdict, line_derivatives, line_test
from ..functions import x, y
from ..objective import Objective
from . import Feedback, correct, incorrect, invalid, unanswered

_u, _v, _w = sp.symbols("x y z", real=True)

#: The map of the Jacobian exercise, :math:`F(x, y, z) = (xyz,\; x^2 + \sin z)`, and its point.
JACOBIAN_MAP = sp.Matrix([_u * _v * _w, _u**2 + sp.sin(_w)])
JACOBIAN_POINT = (1.0, 2.0, 0.0)

#: The objective of the classification exercise (and of chapter 6's Newton step by hand),
#: :math:`x^4 + y^4 - 4xy`.
TWIN_WELLS = Objective.from_sympy(
    x**4 + y**4 - 4 * x * y, (x, y), name="x⁴ + y⁴ − 4xy", domain=((-2.0, 2.0),) * 2
)

#: The functions of the higher-order exercise, each with a stationary point at 0.
HIGHER_ORDER = {
    "f": Objective.from_sympy(sp.cos(x) + x**2 / 2, (x,), name="cos x + x²/2"),
    "g": Objective.from_sympy(sp.sin(x) - x, (x,), name="sin x − x"),
}
#: What the higher-order test says, in the words the exercise asks for.
_LINE_WORDS = {
    LineVerdict.MINIMUM: "minimum",
    LineVerdict.MAXIMUM: "maximum",
    LineVerdict.NEITHER: "neither",
}

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


def _higher_order_truth(name: str) -> tuple[int, str]:
    """The order k of the first nonzero derivative at 0 and the verdict, from calcopt."""
    test = line_test(line_derivatives(HIGHER_ORDER[name], [0.0], order=6)([1.0]))
    return int(test.order), _LINE_WORDS[test.verdict]


def check_higher_order(answer: object) -> Feedback:
    r"""Check the higher-order test at 0 for :math:`f = \cos x + x^2/2` and :math:`g = \sin x - x`.

    The answer maps ``"f"`` and ``"g"`` to a pair ``(k, verdict)``: the order of the first
    nonzero derivative at 0 and one of ``"minimum"``, ``"maximum"``, ``"neither"``.

    Examples
    --------
    >>> check_higher_order({"f": (4, "minimum"), "g": (3, "neither")}).correct
    True
    >>> "odd" in check_higher_order({"f": (4, "minimum"), "g": (3, "maximum")}).message
    True
    """
    what = 'a dict {"f": (k, verdict), "g": (k, verdict)}'
    if answer is None:
        return unanswered(what)
    if not isinstance(answer, dict) or set(answer) != set(HIGHER_ORDER):
        return invalid(f"expected {what} with the keys 'f' and 'g', got {answer!r}")
    for name in HIGHER_ORDER:
        pair = answer[name]
        if (
            not isinstance(pair, tuple | list)
            or len(pair) != 2
            or isinstance(pair[0], bool)
            or not isinstance(pair[0], int | np.integer)
            or pair[1] not in _LINE_WORDS.values()
        ):
            return invalid(
                f"each value must be a pair (k, verdict) with k a whole number and the verdict "
                f"one of 'minimum', 'maximum', 'neither'; got {name!r}: {pair!r}"
            )
    for name, objective in HIGHER_ORDER.items():
        (k, verdict), (true_k, true_verdict) = answer[name], _higher_order_truth(name)
        if k < true_k:
            return incorrect(
                f"for {name} = {objective.name}, derivative number {k} is 0 at x = 0; "
                "differentiate again until a derivative is not 0 there"
            )
        if k > true_k:
            return incorrect(
                f"for {name} = {objective.name}, a derivative of lower order than {k} is already "
                "nonzero at x = 0: evaluate the derivatives at 0 in turn and stop at the first "
                "that is not 0"
            )
        if verdict != true_verdict:
            if k % 2:
                return incorrect(
                    f"for {name}, k = {k} is odd: the leading term of {name}(h) − {name}(0), a "
                    f"multiple of h^{k}, changes sign with h, so 0 is neither"
                )
            return incorrect(
                f"for {name}, k = {k} is even, so the sign of derivative number {k} at 0 decides: "
                "positive means a minimum, negative a maximum"
            )
    return correct(
        "f = cos x + x²/2 has f⁗(0) = 1 > 0 first (k = 4, even): a strict minimum; "
        "g = sin x − x has g‴(0) = −1 first (k = 3, odd): neither"
    )
