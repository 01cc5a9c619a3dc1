r"""Extrema: classify stationary points, find them all in a box, minimise on an interval.

A stationary point has :math:`\nabla f(\mathbf x) = \mathbf 0`. The second-order test reads
the eigenvalues of the Hessian there: all positive, a strict local minimum; all negative, a
strict local maximum; both signs, a saddle; otherwise (a zero eigenvalue and no mixed signs)
the test cannot decide. Chapters 1 and 5 explain these ideas.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import sympy as sp
from scipy.optimize import minimize_scalar

from .. import _validation as check
from ..objective import Objective
from .diff import derivative


class Kind(StrEnum):
    """Verdict of the second-order test at a stationary point."""

    MINIMUM = "minimum"
    MAXIMUM = "maximum"
    SADDLE = "saddle"
    INCONCLUSIVE = "inconclusive"


def classify_stationary_point(H, *, tol: float = 1e-8) -> Kind:
    r"""Classify a stationary point from the Hessian there (the second-order test).

    With the eigenvalues :math:`\lambda_1 \le \dots \le \lambda_n` of the symmetric Hessian:

    .. math::
        \lambda_1 > 0 \Rightarrow \text{strict local minimum},\quad
        \lambda_n < 0 \Rightarrow \text{strict local maximum},\quad
        \lambda_1 < 0 < \lambda_n \Rightarrow \text{saddle},

    and otherwise (some :math:`\lambda_i = 0`, the others all :math:`\ge 0` or all
    :math:`\le 0`) the test is inconclusive: :math:`x^4`, :math:`-x^4` and :math:`x^3` all
    have :math:`f''(0) = 0`.

    Parameters
    ----------
    H : array_like, shape (n, n), or float
        Symmetric Hessian at a point where the gradient is zero; a number is a 1 x 1 Hessian
        (the second derivative of a function of one variable).
    tol : float
        Eigenvalues with :math:`|\lambda| \le` ``tol * max(1, max|lambda|)`` count as zero.

    Returns
    -------
    Kind
        ``"minimum"``, ``"maximum"``, ``"saddle"`` or ``"inconclusive"``.

    Raises
    ------
    ValueError
        If H is not a finite symmetric square matrix or ``tol`` is negative.

    Examples
    --------
    >>> str(classify_stationary_point([[2.0, 0.0], [0.0, -2.0]]))
    'saddle'
    """
    matrix = check.symmetric_matrix(H, "H")
    tol = check.nonnegative(tol, "tol")
    eigenvalues = np.linalg.eigvalsh(matrix)
    zero = tol * max(1.0, float(np.max(np.abs(eigenvalues))))
    positive, negative = eigenvalues > zero, eigenvalues < -zero
    if positive.any() and negative.any():
        return Kind.SADDLE
    if positive.all():
        return Kind.MINIMUM
    if negative.all():
        return Kind.MAXIMUM
    return Kind.INCONCLUSIVE


@dataclass(frozen=True)
class StationaryPoint:
    """A point where the gradient vanishes, its value, and the second-order test's verdict."""

    x: np.ndarray
    value: float
    kind: Kind

    def __repr__(self) -> str:
        where = ", ".join(f"{c:.6g}" for c in self.x)
        return f"StationaryPoint(x=({where}), value={self.value:.6g}, kind='{self.kind}')"


def stationary_points(objective: Objective, domain=None) -> tuple[StationaryPoint, ...]:
    r"""Every stationary point of a one- or two-variable objective inside a box.

    Solves :math:`\nabla f(\mathbf x) = \mathbf 0`. When the gradient is polynomial, sympy
    solves the system (a lexicographic Groebner basis reduces it to one polynomial in the last
    variable, whose real roots are back-substituted). Otherwise Newton's method on the gradient,
    :math:`\mathbf x \leftarrow \mathbf x - [\nabla^2 f]^{-1}\nabla f`, runs from a grid of
    starting points. Points are polished, deduplicated and classified with
    :func:`classify_stationary_point` using the exact Hessian.

    Parameters
    ----------
    objective : Objective
        With one or two variables.
    domain : sequence of (low, high), optional
        The box to search, one pair per variable, e.g. ``((-3, 3), (-2, 2))``; default
        ``objective.domain``. Points on its boundary count.

    Returns
    -------
    tuple of StationaryPoint
        Sorted by coordinates, without duplicates.

    Raises
    ------
    TypeError
        If ``objective`` is not an :class:`Objective`.
    ValueError
        If it has more than two variables, or its stationary points are not isolated.

    Examples
    --------
    >>> from calcopt.functions import saddle
    >>> [str(p.kind) for p in stationary_points(saddle)]
    ['saddle']

    See chapters 1 and 5.
    """
    check.objective(objective)
    if objective.n > 2:
        raise ValueError(
            f"stationary_points handles one or two variables; {objective.name} has {objective.n}"
        )
    box = np.array(check.domain(objective.domain if domain is None else domain, objective.n))
    candidates = _polynomial_roots(objective)
    if candidates is None:
        candidates = _newton_from_grid(objective, box)
    points = [_polish(objective, c) for c in candidates]
    span = box[:, 1] - box[:, 0]
    inside = [
        p
        for p in points
        if np.all(p >= box[:, 0] - 1e-9 * span) and np.all(p <= box[:, 1] + 1e-9 * span)
    ]
    return tuple(_describe(objective, p) for p in _distinct(inside))


def _gradient_at(objective: Objective, p: np.ndarray) -> np.ndarray:
    return np.reshape(objective.gradient(p if objective.n > 1 else p[0]), objective.n)


def _hessian_at(objective: Objective, p: np.ndarray) -> np.ndarray:
    return np.reshape(objective.hessian(p if objective.n > 1 else p[0]), (objective.n,) * 2)


def _polynomial_roots(objective: Objective) -> list[np.ndarray] | None:
    """Real solutions of a polynomial gradient system, or None if it is not polynomial."""
    grad = list(objective.gradient_expr)
    variables = objective.variables
    if not all(g.is_polynomial(*variables) for g in grad):
        return None
    if all(g.is_zero for g in grad):
        raise ValueError(f"every point is stationary for {objective.name}: f is constant")
    basis = sp.groebner(grad, *variables, order="lex")
    if not basis.is_zero_dimensional:
        raise ValueError(
            f"the stationary points of {objective.name} are not isolated (they form a curve "
            "or a surface), so they cannot be listed"
        )
    *upper, last = basis.exprs
    points = []
    for root in sp.Poly(last, variables[-1]).real_roots():
        value = float(root.evalf(30))
        if len(variables) == 1:
            points.append(np.array([value]))
            continue
        for x_root in _real_roots_after(upper, variables, value):
            points.append(np.array([x_root, value]))
    return points


def _real_roots_after(upper: list[sp.Expr], variables, value: float) -> list[float]:
    """Real x with every basis polynomial zero once the last variable is fixed to ``value``."""
    first, last = variables
    for expr in upper:
        poly = sp.Poly(expr.subs(last, sp.Float(value, 30)), first)
        if poly.degree() > 0:
            roots = np.roots(np.array(poly.all_coeffs(), dtype=float))
            return [float(r.real) for r in roots if abs(r.imag) <= 1e-7 * max(1.0, abs(r))]
    return []


def _newton_from_grid(objective: Objective, box: np.ndarray, per_axis: int = 41) -> list:
    r"""Run Newton on the gradient from a grid of starts; keep the starts that converge."""
    axes = [np.linspace(low, high, per_axis) for low, high in box]
    X = np.stack([a.ravel() for a in np.meshgrid(*axes)])  # shape (n, starts)
    with np.errstate(all="ignore"):
        for _ in range(60):
            X = X - _solve_each(_hessian_at_many(objective, X), _gradient_at_many(objective, X))
        residual = np.linalg.norm(_gradient_at_many(objective, X), axis=0)
    scale = 1e-8 * (1.0 + np.linalg.norm(X, axis=0))
    keep = np.isfinite(residual) & (residual <= scale)
    return [X[:, i] for i in np.flatnonzero(keep)]


def _gradient_at_many(objective: Objective, X: np.ndarray) -> np.ndarray:
    return np.reshape(objective.gradient(X if objective.n > 1 else X[0]), X.shape)


def _hessian_at_many(objective: Objective, X: np.ndarray) -> np.ndarray:
    return np.reshape(
        objective.hessian(X if objective.n > 1 else X[0]), (objective.n,) * 2 + X.shape[1:]
    )


def _solve_each(H: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Solve H[:, :, k] d[:, k] = g[:, k] for every k; NaN where H[:, :, k] is singular."""
    stacked = np.moveaxis(H, -1, 0)
    solvable = np.abs(np.linalg.det(stacked)) > 1e-300
    steps = np.full(g.shape, np.nan)
    steps[:, solvable] = np.linalg.solve(stacked[solvable], g.T[solvable][..., None])[..., 0].T
    return steps


def _polish(objective: Objective, p: np.ndarray, steps: int = 3) -> np.ndarray:
    """A few Newton steps on the gradient, where the Hessian allows it."""
    for _ in range(steps):
        H = _hessian_at(objective, p)
        if np.linalg.cond(H) > 1e12:
            break
        p = p - np.linalg.solve(H, _gradient_at(objective, p))
    return p


def _distinct(points: list[np.ndarray]) -> list[np.ndarray]:
    """Drop points that repeat an earlier one (within 1e-6 relative), sorted by coordinates."""
    kept: list[np.ndarray] = []
    for p in sorted(points, key=tuple):
        if all(np.linalg.norm(p - q) > 1e-6 * (1 + np.linalg.norm(q)) for q in kept):
            kept.append(p)
    return kept


def _describe(objective: Objective, p: np.ndarray) -> StationaryPoint:
    p = p + 0.0  # turns -0.0 into 0.0 for tidy printing
    p.flags.writeable = False
    value = float(objective(p if objective.n > 1 else p[0]))
    return StationaryPoint(p, value, classify_stationary_point(_hessian_at(objective, p)))


@dataclass(frozen=True)
class IntervalExtremum:
    """The best point of f on a closed interval [a, b].

    Attributes
    ----------
    x, fun : float
        Where the extremum is and the value there.
    at_endpoint : bool
        True if x is a or b; there the derivative need not be zero.
    slope : float
        :math:`f'(x)`; zero at an interior extremum of a differentiable f.
    interior : tuple of float
        The interior local minimisers (for :func:`minimize_on_interval`) or maximisers (for
        :func:`maximize_on_interval`) that were compared with the endpoints.
    """

    x: float
    fun: float
    at_endpoint: bool
    slope: float
    interior: tuple[float, ...]


def minimize_on_interval(f, a, b, *, num: int = 2001) -> IntervalExtremum:
    r"""Global minimum of a one-variable function on the closed interval :math:`[a, b]`.

    On a closed interval the minimum of a continuous f exists (extreme value theorem) and sits
    either at an interior point with :math:`f'(x) = 0` or at an endpoint, where :math:`f'` need
    not vanish. This function scans ``num`` points, refines every interior dip with a bounded
    scalar minimiser, and compares them with both endpoints.

    Parameters
    ----------
    f : callable or Objective
        A real function of one variable (elementwise on arrays, or one number at a time).
    a, b : float
        The interval, ``a < b``.
    num : int
        Scan resolution; a dip narrower than ``(b - a) / num`` can be missed.

    Returns
    -------
    IntervalExtremum

    Raises
    ------
    TypeError
        If ``f`` is not callable.
    ValueError
        If ``a >= b``, they are not finite, or f does not return one finite number per point.

    Examples
    --------
    >>> result = minimize_on_interval(lambda x: x**2, 1.0, 3.0)
    >>> result.x, result.at_endpoint, round(result.slope, 6)
    (1.0, True, 2.0)

    See chapter 1, *Optimization and extrema*.
    """
    return _extremum_on_interval(f, a, b, num, sign=1.0)


def maximize_on_interval(f, a, b, *, num: int = 2001) -> IntervalExtremum:
    r"""Global maximum of f on :math:`[a, b]`: the minimum of :math:`-f`.

    Parameters, returns and errors are those of :func:`minimize_on_interval`.

    Examples
    --------
    >>> round(maximize_on_interval(lambda x: x * (2 - x), 0.0, 3.0).x, 9)
    1.0
    """
    return _extremum_on_interval(f, a, b, num, sign=-1.0)


def _extremum_on_interval(f, a, b, num: int, sign: float) -> IntervalExtremum:
    check.callable_(f)
    a, b = check.interval(a, b)
    num = check.count(num, "num", minimum=3)
    values_of = _elementwise(f, "minimize_on_interval" if sign > 0 else "maximize_on_interval")
    grid = np.linspace(a, b, num)
    values = sign * values_of(grid)
    dips = np.flatnonzero((values[1:-1] <= values[:-2]) & (values[1:-1] <= values[2:])) + 1
    interior = [_refine(values_of, sign, grid[i - 1], grid[i + 1]) for i in dips]
    interior = [x for x in interior if a < x < b]

    def at(t):
        return values_of(np.array([t]))[0]

    best = min([a, *interior, b], key=lambda t: sign * at(t))
    return IntervalExtremum(
        x=float(best),
        fun=float(at(best)),
        at_endpoint=best in (a, b),
        slope=float(derivative(at, best)),
        interior=tuple(float(x) for x in interior),
    )


def _refine(values_of, sign: float, low: float, high: float) -> float:
    """Minimise sign * f on [low, high] to near machine precision."""
    result = minimize_scalar(
        lambda t: sign * values_of(np.array([t]))[0],
        bounds=(low, high),
        method="bounded",
        options={"xatol": 1e-12 * max(1.0, abs(low), abs(high))},
    )
    return float(result.x)


def _elementwise(f, tool: str):
    """A version of f that maps a 1-D array to a 1-D array of finite values (for ``tool``)."""

    def one(p: float) -> float:
        return check.scalar_output(f(p), "f", tool, "f(x) must be one number")

    def values_of(points: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):  # a non-finite value gets a clear error below
            try:
                values = np.asarray(f(points), dtype=float)
            except (TypeError, ValueError):
                values = None
            if values is None or values.shape != points.shape:
                values = np.array([one(p) for p in points])
        if not np.all(np.isfinite(values)):
            raise ValueError("f must return finite numbers on [a, b]")
        return values.astype(float)

    return values_of


#: A gradient norm at most this times (1 + |f|) counts as zero in :func:`is_stationary`.
STATIONARY_TOL = 1e-8


def is_stationary(objective: Objective, x, *, tol: float = STATIONARY_TOL) -> bool:
    r"""Whether the gradient vanishes at x, up to rounding.

    .. math::
        \lVert\nabla f(\mathbf x)\rVert \le \text{tol}\,(1 + |f(\mathbf x)|)

    A point computed in floating point (a root found numerically, a preset typed with six
    digits) has a gradient of rounding size, not exactly zero; the scale :math:`1 + |f|` makes
    the test independent of how large f is.

    Parameters
    ----------
    objective : Objective
    x : array_like, shape (n,)
    tol : float

    Returns
    -------
    bool

    Examples
    --------
    >>> from calcopt.functions import himmelblau
    >>> is_stationary(himmelblau, [3.0, 2.0]), is_stationary(himmelblau, [2.0, 2.0])
    (True, False)
    """
    x = check.point(x, "x", objective.n)
    value = float(objective(x if objective.n > 1 else x[0]))
    gradient = np.atleast_1d(objective.gradient(x if objective.n > 1 else x[0]))
    return bool(np.linalg.norm(gradient) <= check.nonnegative(tol, "tol") * (1 + abs(value)))
