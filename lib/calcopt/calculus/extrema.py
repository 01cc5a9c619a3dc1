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
from scipy.optimize import minimize_scalar

from .. import _validation as check
from ..linalg import Definiteness, definiteness
from ..objective import Objective, require_objective
from .diff import derivative
from .equations import real_solutions


class Kind(StrEnum):
    """Verdict of the second-order test at a stationary point."""

    MINIMUM = "minimum"
    MAXIMUM = "maximum"
    SADDLE = "saddle"
    INCONCLUSIVE = "inconclusive"


#: The second-order test read off the Hessian's definiteness; every other kind (semidefinite
#: or zero) is inconclusive.
VERDICTS = {
    Definiteness.POSITIVE_DEFINITE: Kind.MINIMUM,
    Definiteness.NEGATIVE_DEFINITE: Kind.MAXIMUM,
    Definiteness.INDEFINITE: Kind.SADDLE,
}


def classify_stationary_point(H, *, tol: float = 1e-8) -> Kind:
    r"""Classify a stationary point from the Hessian there (the second-order test).

    With the eigenvalues :math:`\lambda_1 \le \dots \le \lambda_n` of the symmetric Hessian:

    .. math::
        \lambda_1 > 0 \Rightarrow \text{strict local minimum},\quad
        \lambda_n < 0 \Rightarrow \text{strict local maximum},\quad
        \lambda_1 < 0 < \lambda_n \Rightarrow \text{saddle},

    and otherwise (some :math:`\lambda_i = 0`, the others all :math:`\ge 0` or all
    :math:`\le 0`) the test is inconclusive: :math:`x^4`, :math:`-x^4` and :math:`x^3` all
    have :math:`f''(0) = 0`. These are the Hessian's definiteness
    (:func:`calcopt.linalg.definiteness`, with the same ``tol``) read as a verdict.

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
    kind = definiteness(check.symmetric_matrix(H, "H"), tol=tol)
    return VERDICTS.get(kind, Kind.INCONCLUSIVE)


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
    r"""The stationary points of an objective inside a box, each classified.

    Solves :math:`\nabla f(\mathbf x) = \mathbf 0` in any number of variables with
    :func:`~calcopt.calculus.equations.real_solutions`, then classifies every solution with
    :func:`classify_stationary_point` using the exact Hessian.

    - When the gradient is **polynomial** (float coefficients are read as the decimals they
      print as, 1.5 as 3/2), sympy eliminates variables exactly (a lexicographic Groebner basis
      leaves one polynomial in the last variable, whose real roots are back-substituted): the
      list is complete, and each coordinate is the exact one rounded to double precision.
    - Otherwise Newton's method on the gradient,
      :math:`\mathbf x \leftarrow \mathbf x - [\nabla^2 f]^{-1}\nabla f`, runs from a grid
      of starts over the box (41 per axis in one and two variables, about 41 x 41 in all in
      more), and the ends are polished by a few more Newton steps: **the list may be
      incomplete**, since a stationary point that no start converges to is missed.

    Every point is verified (the gradient vanishes to rounding) and listed once.

    Parameters
    ----------
    objective : Objective
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
        If f is constant, or its stationary points are not isolated (they fill a curve or a
        surface, as for :math:`(x - y)^2`).

    Examples
    --------
    >>> from calcopt.functions import saddle
    >>> [str(p.kind) for p in stationary_points(saddle)]
    ['saddle']

    See chapters 1 and 5.
    """
    objective = require_objective(objective)
    box = check.domain(objective.domain if domain is None else domain, objective.n)
    gradient = list(objective.gradient_expr)
    if all(g.is_zero for g in gradient):
        check.constant_objective(objective.name)
    try:
        solutions = real_solutions(gradient, objective.variables, box)
    except check.NotIsolatedError:
        check.not_isolated(f"the stationary points of {objective.name}")
    return tuple(_describe(objective, p) for p in solutions)


def _describe(objective: Objective, p: np.ndarray) -> StationaryPoint:
    kind = classify_stationary_point(objective.hessian_at(p))
    return StationaryPoint(p, float(objective.value_at(p)), kind)


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
    scale = 1 + abs(objective.value_at(x))
    return bool(np.linalg.norm(objective.gradient_at(x)) <= check.nonnegative(tol, "tol") * scale)
