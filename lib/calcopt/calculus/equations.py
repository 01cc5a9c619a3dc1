r"""Every real solution of a square system of equations :math:`F(\mathbf x) = \mathbf 0` in a box.

Stationary points solve :math:`\nabla f(\mathbf x) = \mathbf 0` (chapters 2 and 5), and the
Lagrange conditions :math:`\nabla L(\mathbf x, \boldsymbol\lambda) = \mathbf 0` of constrained
optimization are such a system too. :func:`real_solutions` takes the left-hand sides as sympy
expressions and works in two ways:

- **polynomial equations** are solved by elimination, which finds every solution: a
  lexicographic Groebner basis leaves one polynomial in the last variable, whose real roots
  are found exactly, and the other variables follow one at a time;
- **other equations** are solved by Newton's method from a grid of starts over the box, which
  may miss a solution whose basin of attraction no start falls in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import mpmath
import numpy as np
import sympy as sp

from .. import _validation as check
from .._validation import NotIsolatedError
from ..objective import vectorised
from ..optimize.newton import newton_solve

__all__ = ["NotIsolatedError", "real_solutions"]

#: Starts of the numerical search per axis in one and two variables (41 x 41 in the plane); in
#: n > 2 variables, int(41 ** (2 / n)) per axis (at least 2), so about 41 ** 2 starts in all.
STARTS_PER_AXIS = 41
#: Newton iterations from each start of the numerical search.
NEWTON_ITERATIONS = 60
#: Newton iterations that polish each candidate in double precision.
POLISH_STEPS = 3
#: Decimal digits of the back-substitution in the elimination.
DIGITS = 60
#: In the back-substitution, a root counts as real, two roots as one, and a basis polynomial as
#: zero within this relative tolerance (it allows roots of multiplicity up to 5 at DIGITS = 60).
RELATIVE_TOLERANCE = 1e-10


def real_solutions(equations, variables, box) -> tuple[np.ndarray, ...]:
    r"""Every real solution of n equations :math:`F(\mathbf x) = \mathbf 0` in n unknowns in a box.

    .. math::
        F_1(x_1, \dots, x_n) = 0, \quad \dots, \quad F_n(x_1, \dots, x_n) = 0,
        \qquad \text{low}_i \le x_i \le \text{high}_i

    **Polynomial equations** (float coefficients are read as the exact decimals they print as,
    1.5 as 3/2) are solved exactly: a lexicographic Groebner basis of the equations (computed
    in graded reverse lexicographic order and converted with the FGLM algorithm, which is much
    faster) contains one polynomial in the last variable only; its real roots are isolated
    exactly, then each earlier variable is found from the basis at ``DIGITS`` significant
    digits, one variable at a time (back-substitution). Every real solution is found, and each
    coordinate is the exact one rounded to double precision (a Newton step in double precision
    could only add rounding error). The cost grows quickly with the number of complex
    solutions: Rosenbrock's function in five variables (27 of them) takes seconds, a dense
    quartic in four variables (81) minutes.

    **Other equations** are solved numerically: Newton's method
    :math:`\mathbf x \leftarrow \mathbf x - J_F(\mathbf x)^{-1} F(\mathbf x)` runs
    ``NEWTON_ITERATIONS`` times from a grid of starts over the box (``STARTS_PER_AXIS`` per axis
    in one and two variables, about ``STARTS_PER_AXIS ** 2`` starts in all in more), and each
    end where :math:`\lVert F\rVert \le 10^{-8}(1 + \lVert\mathbf x\rVert)` is polished by
    ``POLISH_STEPS`` more Newton steps (all steps use
    :func:`~calcopt.optimize.newton.newton_solve`; a singular Jacobian stops a start).
    **The list may be incomplete**: a solution is missed when no start converges to it.

    Either way a solution is kept if it is verified,
    :math:`\lVert F(\mathbf x)\rVert \le 10^{-8}\,(1 + \lVert\mathbf x\rVert)
    \max(1, \lVert J_F(\mathbf x)\rVert)` in double precision, and lies in the box (within
    :math:`10^{-9}` of its width, so the boundary counts). Solutions within :math:`10^{-6}`
    (relative) of each other count once.

    Parameters
    ----------
    equations : sequence of sympy.Expr
        The left-hand sides :math:`F_1, \dots, F_n`, one per variable.
    variables : sequence of sympy.Symbol
        The unknowns :math:`x_1, \dots, x_n`, in order.
    box : sequence of (low, high)
        One pair per variable.

    Returns
    -------
    tuple of ndarray, each shape (n,)
        The solutions, sorted by coordinates, read-only.

    Raises
    ------
    TypeError
        If an equation is not a sympy expression or a variable is not a symbol.
    ValueError
        If there is not one equation per variable, an equation uses another symbol, the box
        is malformed, or the solutions of polynomial equations are not isolated points (then
        the error is a ``NotIsolatedError``, a subclass of ValueError).

    Examples
    --------
    The circle :math:`x^2 + y^2 = 2` meets the line :math:`y = x` at :math:`\pm(1, 1)`:

    >>> x, y = sp.symbols("x y")
    >>> [p.tolist() for p in real_solutions([x**2 + y**2 - 2, y - x], (x, y), [(-2, 2)] * 2)]
    [[-1.0, -1.0], [1.0, 1.0]]
    """
    variables = check.symbols(variables)
    equations = check.square_system(equations, variables)
    bounds = np.array(check.domain(box, len(variables), "box"))
    F, J = _numeric(equations, variables)
    candidates = _polynomial_solutions(equations, variables)
    if candidates is None:
        candidates = list(_polish(F, J, _newton_from_starts(F, J, bounds)).T)
    return tuple(_tidy(p) for p in _distinct([p for p in candidates if _kept(F, J, bounds, p)]))


@lru_cache(maxsize=64)
def _numeric(
    equations: tuple[sp.Expr, ...], variables: tuple[sp.Symbol, ...]
) -> tuple[Callable, Callable]:
    """F and its Jacobian as numpy functions of one point (n,) or of points (n, k)."""
    n = len(variables)
    values = vectorised(equations, variables)
    slopes = vectorised([sp.diff(e, v) for e in equations for v in variables], variables)

    def F(X: np.ndarray) -> np.ndarray:
        return values(*X)

    def J(X: np.ndarray) -> np.ndarray:
        return slopes(*X).reshape((n, n, *np.shape(X)[1:]))

    return F, J


def _newton_from_starts(F: Callable, J: Callable, box: np.ndarray) -> np.ndarray:
    """Run Newton's method from a grid of starts; the ends where F is (nearly) zero, (n, k)."""
    per_axis = max(2, int(STARTS_PER_AXIS ** (2 / max(len(box), 2))))
    axes = [np.linspace(low, high, per_axis) for low, high in box]
    X = np.stack([a.ravel() for a in np.meshgrid(*axes)])  # shape (n, starts)
    with np.errstate(all="ignore"):
        for _ in range(NEWTON_ITERATIONS):
            X = X - newton_solve(J(X), F(X))
        residual = np.linalg.norm(F(X), axis=0)
    return X[:, np.isfinite(residual) & (residual <= 1e-8 * (1.0 + np.linalg.norm(X, axis=0)))]


def _polish(F: Callable, J: Callable, X: np.ndarray) -> np.ndarray:
    """A few Newton steps from each column of X; a column stops at its first singular step."""
    X, active = X.copy(), np.ones(X.shape[1], dtype=bool)
    for _ in range(POLISH_STEPS):
        d = newton_solve(J(X[:, active]), F(X[:, active]))
        moving = ~np.isnan(d).any(axis=0)
        X[:, np.flatnonzero(active)[moving]] -= d[:, moving]
        active[np.flatnonzero(active)[~moving]] = False
    return X


def _kept(F: Callable, J: Callable, box: np.ndarray, p: np.ndarray) -> bool:
    """Whether p solves F = 0 to rounding (relative to the slope of F) and lies in the box."""
    scale = (1.0 + np.linalg.norm(p)) * max(1.0, float(np.linalg.norm(J(p))))
    span = box[:, 1] - box[:, 0]
    inside = np.all(p >= box[:, 0] - 1e-9 * span) and np.all(p <= box[:, 1] + 1e-9 * span)
    return bool(inside and np.linalg.norm(F(p)) <= 1e-8 * scale)


def _distinct(points: list[np.ndarray]) -> list[np.ndarray]:
    """Drop points that repeat an earlier one (within 1e-6 relative), sorted by coordinates."""
    kept: list[np.ndarray] = []
    for p in sorted(points, key=tuple):
        if all(np.linalg.norm(p - q) > 1e-6 * (1 + np.linalg.norm(q)) for q in kept):
            kept.append(p)
    return kept


def _tidy(p: np.ndarray) -> np.ndarray:
    """A read-only copy, with -0.0 turned into 0.0 for tidy printing."""
    p = p + 0.0
    p.flags.writeable = False
    return p


def _polynomial_solutions(
    equations: Sequence[sp.Expr], variables: tuple[sp.Symbol, ...]
) -> list[np.ndarray] | None:
    """Every real solution of polynomial equations, or None if they are not polynomial."""
    polynomials = _rational_polynomials(equations, variables)
    if polynomials is None:
        return None
    basis = sp.groebner(polynomials, *variables, order="grevlex")
    if basis.exprs == [1]:  # the equations contradict each other: no solution at all
        return []
    if not basis.is_zero_dimensional:
        check.not_isolated("the solutions of these equations")
    lex = basis.fglm("lex")  # much faster than computing the lex basis directly
    table = [sp.Poly(g, *variables) for g in lex.exprs]
    partial: list[tuple] = [()]
    with mpmath.workdps(DIGITS):
        for i in reversed(range(len(variables))):
            level = [p for p in table if _leads_with(p, i)]
            partial = [(r, *rest) for rest in partial for r in _extensions(level, i, rest)]
    return [np.array([float(c) for c in solution]) for solution in partial]


def _rational_polynomials(
    equations: Sequence[sp.Expr], variables: tuple[sp.Symbol, ...]
) -> list[sp.Expr] | None:
    """The equations with floats made exact rationals, if all are polynomials over Q."""
    exact = [sp.nsimplify(e, rational=True) for e in equations]
    try:
        polynomials = [sp.Poly(e, *variables) for e in exact]
    except sp.PolynomialError:
        return None
    if not all(p.domain.is_QQ or p.domain.is_ZZ for p in polynomials):
        return None
    return exact


def _extensions(level: list[sp.Poly], i: int, rest: tuple) -> list[sp.Number]:
    """The real values of variable i that extend ``rest``, the values of variables i+1, ....

    They are the real roots of the basis polynomial whose leading term is a power of variable
    i alone (a zero-dimensional lex basis has one), kept where every basis polynomial in
    variables i, i+1, ... vanishes. The roots are exact rationals or ``DIGITS``-digit floats;
    exact when ``rest`` is (for the last variable, always).
    """
    pivot = min((p for p in level if _is_pure_power(p.monoms()[0], i)), key=lambda p: p.degree(i))
    if all(v.is_Rational for v in rest):
        substituted = pivot.as_expr().subs(zip(pivot.gens[i + 1 :], rest, strict=True))
        exact = dict.fromkeys(sp.Poly(substituted, pivot.gens[i]).real_roots())
        roots = [r if r.is_Rational else sp.Float(r.evalf(DIGITS), DIGITS) for r in exact]
    else:
        numeric = _real_roots(_coefficients_at(pivot, i, [_mp(v) for v in rest]))
        roots = [sp.Float(r, DIGITS) for r in numeric]
    return [r for r in roots if all(_vanishes(p, i, (r, *rest)) for p in level)]


def _leads_with(poly: sp.Poly, i: int) -> bool:
    """Whether poly involves variable i but no earlier variable."""
    return poly.degree(i) > 0 and all(poly.degree(j) == 0 for j in range(i))


def _is_pure_power(monomial: tuple[int, ...], i: int) -> bool:
    """Whether a monomial is a power of variable i alone."""
    return all(e == 0 for j, e in enumerate(monomial) if j != i)


def _coefficients_at(poly: sp.Poly, i: int, rest: list) -> list:
    """Coefficients (highest first) of poly as a polynomial in variable i, with the later
    variables set to ``rest`` (mpmath numbers)."""
    coefficients = [mpmath.mpf(0)] * (poly.degree(i) + 1)
    for monomial, coefficient in poly.terms():
        coefficients[-1 - monomial[i]] += _mp(coefficient) * _power(rest, monomial[i + 1 :])
    return coefficients


def _vanishes(poly: sp.Poly, i: int, values: tuple) -> bool:
    """Whether poly is zero at ``values`` of variables i, i+1, ... (relative to its terms)."""
    point = [_mp(v) for v in values]
    terms = [_mp(c) * _power(point, m[i:]) for m, c in poly.terms()]
    return abs(mpmath.fsum(terms)) <= RELATIVE_TOLERANCE * mpmath.fsum(abs(t) for t in terms)


def _real_roots(coefficients: list) -> list:
    """The real roots of a polynomial with mpmath coefficients, a cluster of roots once."""
    roots = mpmath.polyroots(coefficients, maxsteps=500, extraprec=4 * mpmath.mp.prec)
    tol = RELATIVE_TOLERANCE
    real = sorted(mpmath.re(r) for r in roots if abs(mpmath.im(r)) <= tol * max(1, abs(r)))
    return [r for k, r in enumerate(real) if k == 0 or r - real[k - 1] > tol * max(1, abs(r))]


def _mp(value: sp.Number):
    """A sympy number (exact rational or float) at mpmath's working precision."""
    if value.is_Rational:
        return mpmath.mpf(int(value.p)) / int(value.q)
    return mpmath.mpf(value)


def _power(values: list, exponents: tuple[int, ...]):
    """The product of values[j] ** exponents[j]."""
    return mpmath.fprod(v**e for v, e in zip(values, exponents, strict=True))
