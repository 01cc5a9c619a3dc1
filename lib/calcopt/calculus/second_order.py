r"""Second-order analysis at a point: the quadratic model and the derivative test along lines.

Near a point :math:`\mathbf x_0`, a twice differentiable f is close to its **quadratic model**

.. math::
    m(\mathbf x) = f(\mathbf x_0) + \nabla f(\mathbf x_0)\cdot\mathbf d
                   + \tfrac12\,\mathbf d^\top\nabla^2 f(\mathbf x_0)\,\mathbf d,
    \qquad \mathbf d = \mathbf x - \mathbf x_0 .

The second-order test reads the eigenvalues of :math:`\nabla^2 f(\mathbf x_0)`
(:func:`~calcopt.classify_stationary_point`). When that test cannot decide, the restriction
:math:`g(t) = f(\mathbf x_0 + t\mathbf u)` to a line shows what happens along that line: its
first nonzero derivative at 0 decides (the higher-order test). Chapter 5 explains these ideas;
Newton's method (chapter 6) jumps to the stationary point of m.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import NamedTuple

import numpy as np
import sympy as sp

from .. import _validation as check
from ..objective import Objective, require_objective


def quadratic_model(objective: Objective, x0) -> Objective:
    r"""The second-order Taylor model of an objective at :math:`\mathbf x_0`, as an Objective.

    .. math::
        m(\mathbf x) = f(\mathbf x_0) + \nabla f(\mathbf x_0)\cdot(\mathbf x - \mathbf x_0)
        + \tfrac12\,(\mathbf x - \mathbf x_0)^\top\nabla^2 f(\mathbf x_0)\,(\mathbf x - \mathbf x_0)

    m has the value, gradient and Hessian of f at :math:`\mathbf x_0`, and
    :math:`f(\mathbf x) - m(\mathbf x) = o(\lVert\mathbf x - \mathbf x_0\rVert^2)`. Being an
    Objective, it can be evaluated on grids, plotted and handed to
    :func:`~calcopt.stationary_points`; its stationary point (when its Hessian is invertible) is
    where a pure Newton step from :math:`\mathbf x_0` lands.

    Parameters
    ----------
    objective : Objective
    x0 : array_like, shape (n,)
        The expansion point.

    Returns
    -------
    Objective
        Same variables and plotting domain as ``objective``.

    Raises
    ------
    TypeError
        If ``objective`` is not an Objective.
    ValueError
        If ``x0`` is not a finite point with n coordinates.

    Examples
    --------
    >>> from calcopt.functions import himmelblau
    >>> m = quadratic_model(himmelblau, [1.0, 1.0])
    >>> float(m([1.0, 1.0])), m.hessian([0.0, 0.0]).tolist()
    (106.0, [[-26.0, 8.0], [8.0, -10.0]])

    See chapter 5, *Jacobian and Hessian*.
    """
    objective = require_objective(objective)
    x0 = check.point(x0, "x0", objective.n)
    value = objective.value_at(x0)
    gradient, hessian = objective.gradient_at(x0), objective.hessian_at(x0)
    d = sp.Matrix([v - sp.Float(c) for v, c in zip(objective.variables, x0, strict=True)])
    g = sp.Matrix(gradient.tolist())
    H = sp.Matrix(((hessian + hessian.T) / 2).tolist())
    expr = sp.Float(value) + (g.T * d)[0] + (d.T * H * d)[0] / 2
    where = ", ".join(f"{c:.3g}" for c in x0)
    return Objective.from_sympy(
        sp.expand(expr),
        objective.variables,
        name=f"quadratic model of {objective.name} at ({where})",
        domain=objective.domain,
    )


def line_derivatives(objective: Objective, x0, order: int = 4) -> Callable[..., np.ndarray]:
    r"""Derivatives at 0 of the restrictions :math:`g(t) = f(\mathbf x_0 + t\mathbf u)` to lines.

    .. math::
        g^{(k)}(0) = \frac{d^k}{dt^k} f(\mathbf x_0 + t\mathbf u)\Big|_{t=0},
        \qquad k = 0, 1, \dots, \text{order},

    so :math:`g'(0) = \nabla f(\mathbf x_0)\cdot\mathbf u` and
    :math:`g''(0) = \mathbf u^\top\nabla^2 f(\mathbf x_0)\,\mathbf u`. The derivatives are
    exact (sympy differentiates once, for a symbolic direction); the returned function
    evaluates them for a given direction, normalised to unit length first.

    Parameters
    ----------
    objective : Objective
    x0 : array_like, shape (n,)
        The point the lines pass through.
    order : int
        Highest derivative, at least 2.

    Returns
    -------
    callable
        ``derivatives(u)`` with ``u`` a nonzero vector of n numbers returns an array of
        ``order + 1`` numbers, :math:`g(0), g'(0), \dots`.

    Raises
    ------
    TypeError, ValueError
        For a non-Objective, a bad ``x0`` or an ``order`` below 2; the returned function raises
        ``ValueError`` for a zero or wrongly sized direction.

    Examples
    --------
    >>> from calcopt.functions import monkey_saddle
    >>> derivatives = line_derivatives(monkey_saddle, [0.0, 0.0], order=3)
    >>> derivatives([1.0, 0.0]).tolist()
    [0.0, 0.0, 0.0, 6.0]

    See chapter 5, *Jacobian and Hessian*.
    """
    objective = require_objective(objective)
    x0 = check.point(x0, "x0", objective.n)
    order = check.count(order, "order", minimum=2)
    t = sp.Symbol("t", real=True)
    u = sp.symbols(f"u0:{objective.n}", real=True)
    variables = objective.variables
    line = {
        v: sp.nsimplify(c, rational=True) + t * ui
        for v, c, ui in zip(variables, x0, u, strict=True)
    }
    g = objective.expr.subs(line, simultaneous=True)
    terms = []
    for _ in range(order + 1):
        terms.append(g.subs(t, 0))
        g = sp.diff(g, t)
    evaluate = sp.lambdify(u, terms, modules="numpy")

    def derivatives(direction) -> np.ndarray:
        unit = check.direction(direction, "u", objective.n)
        return np.array(evaluate(*unit), dtype=float)

    return derivatives


class LineVerdict(StrEnum):
    """What the restriction to a line does at t = 0."""

    MINIMUM = "strict minimum"
    MAXIMUM = "strict maximum"
    NEITHER = "neither"
    UNDETERMINED = "undetermined"


class LineTest(NamedTuple):
    """The verdict of the derivative test along a line and the order of the deciding derivative."""

    verdict: LineVerdict
    order: int | None


def line_test(derivatives, *, tol: float = 1e-9) -> LineTest:
    r"""The higher-order derivative test for :math:`g` at 0, from :math:`g(0), g'(0), \dots`.

    If :math:`g'(0) \ne 0`, 0 is not an extremum of g. Otherwise let :math:`g^{(k)}(0)` be the
    first nonzero derivative (k >= 2). For even k, 0 is a strict local minimum of g when it is
    positive and a strict local maximum when it is negative; for odd k it is neither. If every
    given derivative vanishes, the test cannot decide.

    Parameters
    ----------
    derivatives : array_like, shape (order + 1,)
        :math:`g(0), g'(0), \dots, g^{(\text{order})}(0)`, for example from
        :func:`line_derivatives`.
    tol : float
        A derivative counts as zero when its magnitude is at most
        ``tol * max(1, max_k |g^(k)(0)|)`` (k >= 1).

    Returns
    -------
    LineTest
        The verdict and the order k of the deciding derivative (None if undetermined).

    Raises
    ------
    ValueError
        If fewer than three derivatives are given or ``tol`` is negative.

    Examples
    --------
    >>> line_test([0.0, 0.0, 0.0, 0.0, 48.0])
    LineTest(verdict=<LineVerdict.MINIMUM: 'strict minimum'>, order=4)

    See chapter 5, *Jacobian and Hessian*.
    """
    values = check.real_array(derivatives, "derivatives")
    if values.ndim != 1 or values.size < 3:
        raise ValueError(
            f"derivatives must hold g(0), g'(0), g''(0) and possibly more, got {values!r}"
        )
    tol = check.nonnegative(tol, "tol")
    zero = tol * max(1.0, float(np.max(np.abs(values[1:]))))
    if abs(values[1]) > zero:
        return LineTest(LineVerdict.NEITHER, 1)
    for k in range(2, values.size):
        if abs(values[k]) > zero:
            if k % 2:
                return LineTest(LineVerdict.NEITHER, k)
            verdict = LineVerdict.MINIMUM if values[k] > 0 else LineVerdict.MAXIMUM
            return LineTest(verdict, k)
    return LineTest(LineVerdict.UNDETERMINED, None)
