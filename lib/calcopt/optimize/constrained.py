r"""Constrained optimization: Lagrange multipliers, the KKT conditions and a penalty method.

The problem is to minimise :math:`f(\mathbf x)` subject to equality constraints
:math:`h_i(\mathbf x) = 0` and inequality constraints :math:`g_j(\mathbf x) \le 0`, each
constraint given by its function as a sympy expression in the objective's variables. The
course writes the Lagrangian with plus signs everywhere,

.. math::
    \mathcal L(\mathbf x, \boldsymbol\lambda, \boldsymbol\mu) = f(\mathbf x)
    + \sum_i \lambda_i h_i(\mathbf x) + \sum_j \mu_j g_j(\mathbf x),

so that at a KKT point of a minimisation every :math:`\mu_j \ge 0`. Stationary points of the
Lagrangian are solutions of a square system of equations, which
:func:`~calcopt.calculus.equations.real_solutions` solves: exactly for polynomials,
numerically otherwise. Chapter 7, *Constrained optimization*, explains it all.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import sympy as sp

from .. import _validation as check

# The modules, not their names: calculus.equations imports optimize.newton, so this module is
# imported (through optimize/__init__) while those two are still loading; it reads their names
# when it is called.
from ..calculus import equations, extrema
from ..objective import Objective, require_objective

#: Multipliers are looked for in [-MULTIPLIER_BOUND, MULTIPLIER_BOUND]; larger ones are missed.
MULTIPLIER_BOUND = 1e6
#: A constraint value, or a multiplier's distance below 0, counts as zero within this relative
#: tolerance (see :func:`active_set_cases`).
TOL = 1e-9


def _format(vector: np.ndarray) -> str:
    return "(" + ", ".join(f"{c:.6g}" for c in vector) + ")"


def _describe(point) -> str:
    """``Name(x=(...), value=..., ...)``: a point's fields, numbers to six digits."""
    shown = {
        name: _format(value) if isinstance(value, np.ndarray) else value
        for name, value in vars(point).items()
    }
    shown["value"] = f"{point.value:.6g}"
    if "kind" in shown:
        shown["kind"] = f"'{point.kind}'"
    fields = ", ".join(f"{name}={value}" for name, value in shown.items())
    return f"{type(point).__name__}({fields})"


@dataclass(frozen=True)
class LagrangePoint:
    r"""A stationary point of the Lagrangian under equality constraints.

    Attributes
    ----------
    x : ndarray, shape (n,)
        The point; it satisfies every constraint.
    value : float
        :math:`f(\mathbf x)`.
    lam : ndarray, shape (m,)
        One multiplier per equality, with :math:`\nabla f + \sum_i\lambda_i\nabla h_i = 0`.
    kind : calcopt.Kind
        The tangent-space test's verdict (:func:`classify_constrained_point`): a strict local
        ``"minimum"`` or ``"maximum"`` of f on the constraint set, a ``"saddle"`` along it, or
        ``"inconclusive"``.
    """

    x: np.ndarray
    value: float
    lam: np.ndarray
    kind: extrema.Kind

    __repr__ = _describe


@dataclass(frozen=True)
class KKTPoint:
    r"""A point that satisfies the KKT conditions of a minimisation.

    Attributes
    ----------
    x : ndarray, shape (n,)
    value : float
        :math:`f(\mathbf x)`.
    lam : ndarray, shape (m,)
        The multipliers of the equalities (any sign).
    mu : ndarray, shape (p,)
        The multipliers of the inequalities, all :math:`\ge 0`, and 0 for every inequality
        that does not hold with equality (complementary slackness).
    active : tuple of int
        The indices j of the inequalities that hold with equality, :math:`g_j(\mathbf x) = 0`.
    """

    x: np.ndarray
    value: float
    lam: np.ndarray
    mu: np.ndarray
    active: tuple[int, ...]

    __repr__ = _describe


@dataclass(frozen=True)
class ActiveSetCase:
    r"""One candidate of the case analysis over active sets (:func:`active_set_cases`).

    Attributes
    ----------
    assumed : tuple of int
        The inequalities assumed active (solved as equalities); the others get
        :math:`\mu_j = 0`.
    x, value, lam, mu
        The solution of the Lagrange conditions under that assumption, as in
        :class:`KKTPoint`.
    violated : tuple of int
        Inequalities that the point breaks, :math:`g_j(\mathbf x) > 0`.
    negative : tuple of int
        Inequalities whose multiplier is negative.
    """

    assumed: tuple[int, ...]
    x: np.ndarray
    value: float
    lam: np.ndarray
    mu: np.ndarray
    violated: tuple[int, ...]
    negative: tuple[int, ...]

    @property
    def is_kkt(self) -> bool:
        """Whether the candidate is feasible with every multiplier :math:`\\ge 0`."""
        return not self.violated and not self.negative

    @property
    def verdict(self) -> str:
        """Why the candidate is, or is not, a KKT point, in a few words."""
        if self.violated:
            return "infeasible: g" + ", g".join(str(j + 1) for j in self.violated) + " > 0"
        if self.negative:
            return "rejected: μ" + ", μ".join(str(j + 1) for j in self.negative) + " < 0"
        return "KKT point"

    def __repr__(self) -> str:
        assumed = "{" + ", ".join(f"g{j + 1}" for j in self.assumed) + "}"
        return (
            f"active {assumed}: x = {_format(self.x)}, f = {self.value:.6g}, "
            f"mu = {_format(self.mu)}: {self.verdict}"
        )


@dataclass(frozen=True)
class _Constraints:
    """Constraint functions in an objective's variables, with their values, their Jacobian
    and the multiplier-weighted sum of their Hessians, each compiled once by ``lambdify``."""

    exprs: tuple[sp.Expr, ...]
    variables: tuple[sp.Symbol, ...]

    def __len__(self) -> int:
        return len(self.exprs)

    def pick(self, indices) -> _Constraints:
        return _Constraints(tuple(self.exprs[j] for j in indices), self.variables)

    @cached_property
    def _compiled(self):
        if not self.exprs:
            return None
        weights = [sp.Dummy() for _ in self.exprs]
        total = sum(w * e for w, e in zip(weights, self.exprs, strict=True))
        return (
            sp.lambdify(self.variables, list(self.exprs), "numpy"),
            sp.lambdify(self.variables, sp.Matrix(self.exprs).jacobian(self.variables), "numpy"),
            sp.lambdify((*self.variables, *weights), sp.hessian(total, self.variables), "numpy"),
        )

    def values(self, x: np.ndarray) -> np.ndarray:
        """:math:`c_k(\\mathbf x)`, shape (m,)."""
        if not self.exprs:
            return np.zeros(0)
        return np.array(self._compiled[0](*x), dtype=float).reshape(len(self))

    def jacobian(self, x: np.ndarray) -> np.ndarray:
        """The gradients :math:`\\nabla c_k(\\mathbf x)` as rows, shape (m, n)."""
        if not self.exprs:
            return np.zeros((0, x.size))
        return np.array(self._compiled[1](*x), dtype=float).reshape(len(self), x.size)

    def curvature(self, x: np.ndarray, weights) -> np.ndarray:
        """:math:`\\sum_k w_k\\nabla^2 c_k(\\mathbf x)`, shape (n, n)."""
        if not self.exprs:
            return np.zeros((x.size, x.size))
        return np.array(self._compiled[2](*x, *weights), dtype=float).reshape(x.size, x.size)


def _constraints(objective: Objective, exprs, name: str) -> _Constraints:
    """The constraints, checked: sympy expressions in the objective's variables."""
    exprs = check.constraints(exprs, objective.variables, name, objective._owner)
    return _Constraints(tuple(sp.sympify(e) for e in exprs), objective.variables)


def _lagrange_solutions(
    objective: Objective, constraints: _Constraints, box
) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    r"""Every :math:`(\mathbf x, \boldsymbol\nu)` with :math:`\nabla f + \sum_k\nu_k\nabla c_k = 0`
    and every :math:`c_k = 0`, with x in the box (remembered: the same problem is often solved
    by a lesson and by an explorer)."""
    return _solve(objective, constraints.exprs, tuple(map(tuple, box)))


@lru_cache(maxsize=256)
def _solve(objective: Objective, exprs: tuple[sp.Expr, ...], box) -> tuple:
    if not _consistent(exprs, objective.variables):
        return ()
    n = objective.n
    nu = [sp.Dummy(f"nu{k}") for k in range(len(exprs))]
    lagrangian = objective.expr + sum(v * c for v, c in zip(nu, exprs, strict=True))
    conditions = [sp.diff(lagrangian, v) for v in objective.variables] + list(exprs)
    bounds = (*box, *[(-MULTIPLIER_BOUND, MULTIPLIER_BOUND)] * len(nu))
    solutions = equations.real_solutions(conditions, (*objective.variables, *nu), bounds)
    return tuple((p[:n], p[n:]) for p in solutions)


def _consistent(exprs: tuple[sp.Expr, ...], variables: tuple[sp.Symbol, ...]) -> bool:
    """False if polynomial constraints c_k = 0 have no common solution, even a complex one (their
    Groebner basis is [1]), as for x - 2 = 0 and -1 - x = 0; True otherwise. A cheap test that
    spares the case analysis the full solve of an impossible active set."""
    exact = [sp.nsimplify(e, rational=True) for e in exprs]
    if len(exact) < 2 or not all(e.is_polynomial(*variables) for e in exact):
        return True
    return sp.groebner(exact, *variables, order="grevlex").exprs != [1]


def lagrange_points(objective: Objective, equalities, *, domain=None) -> tuple[LagrangePoint, ...]:
    r"""Every stationary point of the Lagrangian of f under equality constraints, classified.

    Solves the Lagrange conditions, n + m equations in :math:`\mathbf x` and
    :math:`\boldsymbol\lambda`,

    .. math::
        \nabla f(\mathbf x) + \sum_{i=1}^m \lambda_i\,\nabla h_i(\mathbf x) = \mathbf 0,
        \qquad h_i(\mathbf x) = 0 \quad (i = 1, \dots, m),

    with :func:`~calcopt.calculus.equations.real_solutions`: exactly when f and every
    :math:`h_i` are polynomials (float coefficients are read as the decimals they print as), so
    the list is complete; by Newton's method from a grid of starts otherwise, so the list may
    miss a point. Each point is classified by the tangent-space test
    (:func:`classify_constrained_point`) on the Hessian of the Lagrangian,
    :math:`\nabla^2 f + \sum_i\lambda_i\nabla^2 h_i`.

    A constrained extremum where the constraints' gradients are linearly dependent (for
    example :math:`\nabla h = \mathbf 0`) need not solve these equations: it is not found.

    Parameters
    ----------
    objective : Objective
    equalities : sequence of sympy.Expr
        The functions :math:`h_i` of the constraints :math:`h_i(\mathbf x) = 0`, in the
        objective's variables (write :math:`x^2 + y^2 = 1` as ``x**2 + y**2 - 1``).
    domain : sequence of (low, high), optional
        The box searched for :math:`\mathbf x`; default ``objective.domain``. Multipliers are
        searched in :math:`[-10^6, 10^6]` (``MULTIPLIER_BOUND``).

    Returns
    -------
    tuple of LagrangePoint
        Sorted by coordinates.

    Raises
    ------
    TypeError
        If ``objective`` is not an Objective or a constraint is not a sympy expression.
    ValueError
        If a constraint uses a symbol that is not a variable of the objective, the domain is
        malformed, or the Lagrange points are not isolated (then a ``NotIsolatedError``).

    Examples
    --------
    The point of the unit circle nearest to (2, 1) is a minimum of the squared distance, the
    farthest one a maximum:

    >>> from calcopt.functions import x, y
    >>> f = Objective.from_sympy((x - 2) ** 2 + (y - 1) ** 2, (x, y), name="f")
    >>> far, near = lagrange_points(f, [x**2 + y**2 - 1])
    >>> near
    LagrangePoint(x=(0.894427, 0.447214), value=1.52786, lam=(1.23607), kind='minimum')
    >>> str(far.kind), round(float(far.lam[0]), 6)
    ('maximum', -3.236068)

    See chapter 7, *Constrained optimization*.
    """
    objective = require_objective(objective)
    box = check.domain(objective.domain if domain is None else domain, objective.n)
    constraints = _constraints(objective, equalities, "equalities")
    try:
        solutions = _lagrange_solutions(objective, constraints, box)
    except check.NotIsolatedError:
        check.not_isolated(f"the Lagrange points of {objective.name}")
    points = []
    for x, lam in solutions:
        hessian = objective.hessian_at(x) + constraints.curvature(x, lam)
        kind = classify_constrained_point(hessian, constraints.jacobian(x))
        points.append(LagrangePoint(x, float(objective.value_at(x)), lam, kind))
    return tuple(points)


def reduced_hessian(hessian, jacobian) -> np.ndarray:
    r"""The Hessian restricted to the directions along the constraints, :math:`Z^\top H Z`.

    The columns of Z are an orthonormal basis of the tangent space
    :math:`T = \{\mathbf d : J\mathbf d = \mathbf 0\}`, the directions in which every
    constraint stays (to first order) satisfied; Z is computed from the singular value
    decomposition of J. For a unit :math:`\mathbf d = Z\mathbf v` in T,
    :math:`\mathbf d^\top H\mathbf d = \mathbf v^\top (Z^\top H Z)\mathbf v`, so the
    eigenvalues of the result are the curvatures of the quadratic form of H along T (they do
    not depend on the choice of basis).

    Parameters
    ----------
    hessian : array_like, shape (n, n)
        Symmetric, usually the Hessian of the Lagrangian in x.
    jacobian : array_like, shape (m, n)
        The constraints' gradients as rows; shape (0, n) for no constraint.

    Returns
    -------
    ndarray, shape (d, d)
        With d = n minus the rank of J.

    Raises
    ------
    ValueError
        If the Hessian is not a finite symmetric matrix or the Jacobian does not have n columns.

    Examples
    --------
    Along the line x + y = 2 the form 2xy curves down: :math:`\mathbf d = (1, -1)/\sqrt2`
    gives :math:`2d_1d_2 = -1`.

    >>> reduced_hessian([[0.0, 1.0], [1.0, 0.0]], [[1.0, 1.0]]).round(12).tolist()
    [[-1.0]]
    """
    H = check.symmetric_matrix(hessian, "hessian")
    n = H.shape[0]
    J = check.real_array(jacobian, "jacobian")
    if J.size == 0:
        J = J.reshape(0, n)
    if J.ndim != 2 or J.shape[1] != n:
        check.shapes("jacobian", J.shape, f"(m, {n}), one row per constraint")
    if J.shape[0] == 0:
        return H
    _, s, vt = np.linalg.svd(J)
    rank = int(np.sum(s > 1e-10 * max(1.0, float(s[0]))))
    Z = vt[rank:].T
    return Z.T @ H @ Z


def classify_constrained_point(hessian, jacobian, *, tol: float = 1e-8) -> extrema.Kind:
    r"""Classify a Lagrange point by the second-order test on the tangent space.

    With H the Hessian of the Lagrangian in x at the point and T the directions along the
    constraints (:func:`reduced_hessian`): :math:`\mathbf d^\top H\mathbf d > 0` for every
    nonzero d in T gives a strict local minimum of f on the constraint set,
    :math:`< 0` a strict local maximum, both signs a saddle along the constraints; otherwise
    (a zero curvature and no mixed signs) the test cannot decide. It is the test of
    :func:`~calcopt.calculus.extrema.classify_stationary_point` applied to
    :math:`Z^\top H Z`. With as many independent constraints as variables, T is
    :math:`\{\mathbf 0\}`: the point is isolated in the constraint set, and the verdict is
    ``"inconclusive"``, as there is nothing to test.

    Parameters
    ----------
    hessian : array_like, shape (n, n)
    jacobian : array_like, shape (m, n)
    tol : float
        As for ``classify_stationary_point``.

    Returns
    -------
    Kind

    Examples
    --------
    :math:`\nabla^2 f` alone can mislead: xy has an indefinite Hessian, yet on the line
    x + y = 2 the point (1, 1) is a maximum.

    >>> str(classify_constrained_point([[0.0, 1.0], [1.0, 0.0]], [[1.0, 1.0]]))
    'maximum'
    """
    reduced = reduced_hessian(hessian, jacobian)
    if reduced.size == 0:
        return extrema.Kind.INCONCLUSIVE
    return extrema.classify_stationary_point(reduced, tol=tol)


def least_squares_multipliers(gradient, jacobian) -> tuple[np.ndarray, np.ndarray]:
    r"""The multipliers that best cancel the gradient, and what is left of it.

    .. math::
        \boldsymbol\lambda = \operatorname*{arg\,min}_{\boldsymbol\lambda}
        \big\lVert\nabla f + J^\top\boldsymbol\lambda\big\rVert,
        \qquad \mathbf r = \nabla f + J^\top\boldsymbol\lambda

    At a Lagrange point the residual :math:`\mathbf r` is zero and :math:`\boldsymbol\lambda`
    are its multipliers. Elsewhere on the constraint set :math:`\mathbf r` is the part of
    :math:`\nabla f` along the constraints (its projection onto the tangent space), whose
    component along a direction is the slope of f along the constraint set: the point cannot
    be an extremum while it is not zero.

    Parameters
    ----------
    gradient : array_like, shape (n,)
        :math:`\nabla f(\mathbf x)`.
    jacobian : array_like, shape (m, n)
        The constraints' gradients at x, as rows.

    Returns
    -------
    lam : ndarray, shape (m,)
    residual : ndarray, shape (n,)

    Examples
    --------
    On the unit circle at (1, 0), f = y has :math:`\nabla f = (0, 1)`, along the circle:

    >>> lam, residual = least_squares_multipliers([0.0, 1.0], [[2.0, 0.0]])
    >>> lam.tolist(), residual.tolist()
    ([0.0], [0.0, 1.0])
    """
    g = check.point(gradient, "gradient")
    J = check.real_array(jacobian, "jacobian")
    if J.ndim != 2 or J.shape[1] != g.size:
        check.shapes("jacobian", J.shape, f"(m, {g.size})")
    lam = np.linalg.lstsq(J.T, -g, rcond=None)[0] + 0.0  # no -0.0
    return lam, g + J.T @ lam


def active_set_cases(
    objective: Objective, *, equalities=(), inequalities=(), domain=None
) -> tuple[ActiveSetCase, ...]:
    r"""The case analysis over active sets: for every guess of which inequalities are active,
    every solution of the Lagrange conditions, and whether it is a KKT point.

    For each subset S of the inequalities (the empty set first, then by size), the
    inequalities in S are treated as equalities and the others get :math:`\mu_j = 0`, which
    builds complementary slackness in. Each solution of

    .. math::
        \nabla f + \sum_i\lambda_i\nabla h_i + \sum_{j\in S}\mu_j\nabla g_j = \mathbf 0,
        \qquad h_i = 0,\qquad g_j = 0\ (j\in S)

    is then checked: it is a KKT point if it is feasible (every :math:`g_j(\mathbf x) \le 0`,
    within ``TOL`` relative to :math:`(1 + \lVert\mathbf x\rVert)\max(1, \lVert\nabla
    g_j\rVert)`) and every :math:`\mu_j \ge 0` (within ``TOL`` relative to the largest
    :math:`|\mu_j|`). The solutions are found as in :func:`lagrange_points`. A guess whose
    solutions are not isolated (more active constraints than the point needs, so that the
    multipliers are not unique) is skipped: its points, if any, come from a smaller guess
    when the gradients of that guess are independent. With p inequalities there are
    :math:`2^p` guesses, so this is for small problems.

    Parameters
    ----------
    objective : Objective
    equalities, inequalities : sequence of sympy.Expr
        The functions :math:`h_i` (for :math:`h_i(\mathbf x) = 0`) and :math:`g_j` (for
        :math:`g_j(\mathbf x) \le 0`), in the objective's variables.
    domain : sequence of (low, high), optional
        The box searched for x; default ``objective.domain``.

    Returns
    -------
    tuple of ActiveSetCase

    Raises
    ------
    TypeError, ValueError
        As for :func:`lagrange_points`.

    Examples
    --------
    Minimise the squared distance to (2, 1) over the unit disc :math:`x^2 + y^2 \le 1`:

    >>> from calcopt.functions import x, y
    >>> f = Objective.from_sympy((x - 2) ** 2 + (y - 1) ** 2, (x, y), name="f")
    >>> for case in active_set_cases(f, inequalities=[x**2 + y**2 - 1]):
    ...     print(case)
    active {}: x = (2, 1), f = 0, mu = (0): infeasible: g1 > 0
    active {g1}: x = (-0.894427, -0.447214), f = 10.4721, mu = (-3.23607): rejected: μ1 < 0
    active {g1}: x = (0.894427, 0.447214), f = 1.52786, mu = (1.23607): KKT point

    See chapter 7, *Constrained optimization*.
    """
    objective = require_objective(objective)
    box = check.domain(objective.domain if domain is None else domain, objective.n)
    equal = _constraints(objective, equalities, "equalities")
    unequal = _constraints(objective, inequalities, "inequalities")
    m, p = len(equal), len(unequal)
    cases = []
    for size in range(p + 1):
        for assumed in itertools.combinations(range(p), size):
            chosen = _Constraints(equal.exprs + unequal.pick(assumed).exprs, equal.variables)
            try:
                solutions = _lagrange_solutions(objective, chosen, box)
            except check.NotIsolatedError:
                continue
            for x, nu in solutions:
                mu = np.zeros(p)
                mu[list(assumed)] = nu[m:]
                cases.append(_case(objective, unequal, assumed, x, nu[:m], mu))
    return tuple(cases)


def _zero_level(constraints: _Constraints, x: np.ndarray) -> np.ndarray:
    """How close to 0 a constraint value counts as 0 at x: ``TOL`` relative to
    :math:`(1 + \\lVert\\mathbf x\\rVert)\\max(1, \\lVert\\nabla g_j\\rVert)`."""
    slopes = np.maximum(1.0, np.linalg.norm(constraints.jacobian(x), axis=1))
    return TOL * (1.0 + float(np.linalg.norm(x))) * slopes


def _case(objective, unequal: _Constraints, assumed, x, lam, mu) -> ActiveSetCase:
    values = unequal.values(x)
    violated = tuple(int(j) for j in np.flatnonzero(values > _zero_level(unequal, x)))
    floor = -TOL * max(1.0, float(np.max(np.abs(mu), initial=0.0)))
    negative = tuple(int(j) for j in np.flatnonzero(mu < floor))
    return ActiveSetCase(
        assumed, x, float(objective.value_at(x)), lam, mu + 0.0, violated, negative
    )


def kkt_points(
    objective: Objective, *, equalities=(), inequalities=(), domain=None
) -> tuple[KKTPoint, ...]:
    r"""The KKT points of minimising f subject to :math:`h_i(\mathbf x) = 0` and
    :math:`g_j(\mathbf x) \le 0`.

    A KKT point satisfies, with the Lagrangian
    :math:`\mathcal L = f + \sum_i\lambda_i h_i + \sum_j\mu_j g_j`,

    .. math::
        \nabla_{\mathbf x}\mathcal L = \mathbf 0,\quad h_i = 0,\quad g_j \le 0,\quad
        \mu_j \ge 0,\quad \mu_j\,g_j = 0 .

    Every local minimiser at which the active constraints' gradients are linearly independent
    is one; when f and every :math:`g_j` are convex and every :math:`h_i` is affine, every
    KKT point is a global minimiser. The points come from the case analysis of
    :func:`active_set_cases` (exact for polynomial problems), each listed once.

    Parameters
    ----------
    objective : Objective
    equalities, inequalities : sequence of sympy.Expr
        The functions :math:`h_i` and :math:`g_j`, in the objective's variables.
    domain : sequence of (low, high), optional
        The box searched for x; default ``objective.domain``.

    Returns
    -------
    tuple of KKTPoint
        Sorted by coordinates; ``active`` lists every inequality that holds with equality
        (within ``TOL``), also one whose multiplier is 0.

    Raises
    ------
    TypeError, ValueError
        As for :func:`lagrange_points`.

    Examples
    --------
    For :math:`(x - 2)^2 + (y - 1)^2` on the disc of radius r the constraint is active, with
    :math:`\mu = \sqrt5/r - 1`, while :math:`r < \sqrt5`:

    >>> from calcopt.functions import x, y
    >>> f = Objective.from_sympy((x - 2) ** 2 + (y - 1) ** 2, (x, y), name="f")
    >>> kkt_points(f, inequalities=[x**2 + y**2 - 1])
    (KKTPoint(x=(0.894427, 0.447214), value=1.52786, lam=(), mu=(1.23607), active=(0,)),)
    >>> kkt_points(f, inequalities=[x**2 + y**2 - 9])
    (KKTPoint(x=(2, 1), value=0, lam=(), mu=(0), active=()),)

    See chapter 7, *Constrained optimization*.
    """
    objective = require_objective(objective)
    unequal = _constraints(objective, inequalities, "inequalities")
    cases = active_set_cases(
        objective, equalities=equalities, inequalities=inequalities, domain=domain
    )
    points: list[KKTPoint] = []
    for case in cases:
        if not case.is_kkt or any(np.allclose(case.x, p.x, rtol=1e-9, atol=1e-12) for p in points):
            continue
        zero = np.abs(unequal.values(case.x)) <= _zero_level(unequal, case.x)
        active = tuple(int(j) for j in np.flatnonzero(zero))
        mu = np.maximum(case.mu, 0.0)
        points.append(KKTPoint(case.x, case.value, case.lam, mu, active))
    return tuple(sorted(points, key=lambda p: tuple(p.x)))


def penalty(objective: Objective, *, equalities=(), inequalities=(), weight: float) -> Objective:
    r"""The quadratic penalty function of a constrained problem, an unconstrained objective.

    .. math::
        f_\gamma(\mathbf x) = f(\mathbf x) + \frac\gamma2\Big(\sum_i h_i(\mathbf x)^2
        + \sum_j \max\big(0, g_j(\mathbf x)\big)^2\Big)

    Minimising :math:`f_\gamma` instead of solving the constrained problem trades feasibility
    for simplicity: its minimiser breaks the constraints by an amount of order
    :math:`1/\gamma`, and :math:`\gamma\,h_i` and :math:`\gamma\max(0, g_j)` there approximate
    the multipliers :math:`\lambda_i` and :math:`\mu_j`. A large :math:`\gamma` makes the
    curvature across the constraints of order :math:`\gamma`, so the Hessian becomes
    ill-conditioned (chapter 4).

    Parameters
    ----------
    objective : Objective
    equalities, inequalities : sequence of sympy.Expr
        The functions :math:`h_i` and :math:`g_j`, in the objective's variables.
    weight : float
        The penalty weight :math:`\gamma > 0`.

    Returns
    -------
    Objective
        With the same variables and domain; its Hessian jumps where an inequality becomes
        active (:math:`\max(0, g)^2` is only once continuously differentiable there).

    Raises
    ------
    TypeError, ValueError
        For a constraint that is not a sympy expression in the objective's variables, or a
        weight that is not a positive number.

    Examples
    --------
    For :math:`x^2` subject to x = 1 the penalised minimiser is
    :math:`\gamma/(2 + \gamma)`, which tends to 1:

    >>> from calcopt.calculus.extrema import stationary_points
    >>> from calcopt.functions import x
    >>> square = Objective.from_sympy(x**2, (x,), name="x squared")
    >>> [stationary_points(penalty(square, equalities=[x - 1], weight=w))[0].x.tolist()
    ...  for w in (2.0, 8.0)]
    [[0.5], [0.8]]

    See chapter 7, *Constrained optimization*.
    """
    objective = require_objective(objective)
    weight = check.positive(weight, "weight")
    equal = check.constraints(equalities, objective.variables, "equalities", objective._owner)
    unequal = check.constraints(inequalities, objective.variables, "inequalities", objective._owner)
    squares = [h**2 for h in equal] + [sp.Piecewise((g**2, g > 0), (0, True)) for g in unequal]
    gamma = sp.nsimplify(weight, rational=True)
    return Objective.from_sympy(
        objective.expr + gamma / 2 * sp.Add(*squares),
        objective.variables,
        name=f"{objective.name} with penalty γ = {weight:g}",
        domain=objective.domain,
    )
