r"""Basins of attraction: where gradient descent and Newton's method end, from a grid of starts.

The runs are vectorised: every start of the grid takes its step at the same time, as one array
operation. A start stops once its gradient is small (converged), or where it is when its next
step would not be finite or would leave the ball of radius ``DIVERGENCE_RADIUS * (1 + ||x0||)``
(diverged: :func:`~calcopt.optimize.result.escaped`, the rule of every run). Each converged end
point is then matched with the objective's stationary points, so a grid of starts becomes a map
of labels:
the **basin of attraction** of a stationary point is the set of starts from which a method
converges to it. Chapter 6 compares the basins of the two methods.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _validation as check
from ..calculus.extrema import StationaryPoint, stationary_points
from ..objective import Objective, require_objective
from .descent import gd_step
from .newton import newton_solve
from .result import escaped

METHODS = ("gd", "newton")

#: Label of a start whose run did not converge to any of the listed stationary points.
NOWHERE = -1


@dataclass(frozen=True)
class Runs:
    """End points of many runs at once.

    Attributes
    ----------
    ends : ndarray, shape (n, k)
        Last iterate of each run. A run that would diverge, or whose Newton step is undefined
        (singular Hessian), stops at its last good iterate, unconverged.
    converged : ndarray of bool, shape (k,)
        Gradient norm <= tol at the end.
    nit : ndarray of int, shape (k,)
        Updates made by each run.
    """

    ends: np.ndarray
    converged: np.ndarray
    nit: np.ndarray


def _run_many(objective: Objective, starts, step, max_iter: int, tol: float) -> Runs:
    """Advance every start with ``step(X, G)`` until it converges, diverges or hits max_iter."""
    X = check.real_array(starts, "starts")
    if X.ndim != 2 or X.shape[0] != objective.n:
        raise ValueError(
            f"starts must have shape ({objective.n}, k): one column per start, got {X.shape}"
        )
    X = X.copy()
    origin = X.copy()
    nit = np.zeros(X.shape[1], dtype=int)
    converged = np.zeros(X.shape[1], dtype=bool)
    active = np.arange(X.shape[1])
    with np.errstate(all="ignore"):
        for _ in range(max_iter + 1):
            G = objective.gradient_at(X[:, active])
            done = np.linalg.norm(G, axis=0) <= tol
            converged[active[done]] = True
            keep = ~done
            active, G = active[keep], G[:, keep]
            if active.size == 0 or nit[active[0]] == max_iter:
                break
            moved = step(X[:, active], G)
            alive = ~escaped(moved, origin[:, active])
            active = active[alive]  # a failed step is not taken: that run stops where it is
            X[:, active] = moved[:, alive]
            nit[active] += 1
    return Runs(X, converged, nit)


def gradient_descent_many(
    objective: Objective, starts, *, lr: float, max_iter: int = 2000, tol: float = 1e-6
) -> Runs:
    r"""Gradient descent from many starts at once.

    .. math::
        \mathbf x_{k+1} = \mathbf x_k - \eta\,\nabla f(\mathbf x_k)


    Each column of ``starts`` follows exactly the iterates of :func:`~calcopt.gradient_descent`
    with the same arguments; all columns advance together.

    Parameters
    ----------
    objective : Objective
    starts : array_like, shape (n, k)
        One start point per column.
    lr : float
        Learning rate :math:`\eta > 0`.
    max_iter : int
    tol : float
        A run stops when :math:`\lVert\nabla f\rVert \le` tol.

    Returns
    -------
    Runs

    Raises
    ------
    TypeError, ValueError
        For a non-Objective, starts of the wrong shape, or a bad lr, max_iter or tol.

    Examples
    --------
    >>> from calcopt.functions import booth
    >>> runs = gradient_descent_many(booth, [[0.0, 5.0], [0.0, 5.0]], lr=0.05)
    >>> runs.ends.round(5).T.tolist(), runs.converged.tolist()
    ([[1.0, 3.0], [1.0, 3.0]], [True, True])

    See chapter 6, *Newton's method*.
    """
    objective = require_objective(objective)
    lr = check.positive(lr, "lr")
    max_iter, tol = check.count(max_iter, "max_iter"), check.nonnegative(tol, "tol")
    return _run_many(objective, starts, lambda X, G: gd_step(X, G, lr), max_iter, tol)


def newton_many(
    objective: Objective, starts, *, damping: float = 1.0, max_iter: int = 100, tol: float = 1e-8
) -> Runs:
    r"""Newton's method from many starts at once.

    .. math::
        \mathbf x_{k+1} = \mathbf x_k - t\,[\nabla^2 f(\mathbf x_k)]^{-1}\,\nabla f(\mathbf x_k)


    Each column follows the iterates of :func:`~calcopt.newton` with the same arguments. A
    start whose Hessian becomes singular (by the rule of
    :func:`~calcopt.optimize.newton.newton_solve`) stops there, unconverged, as
    :func:`~calcopt.newton` does.

    Parameters
    ----------
    objective : Objective
    starts : array_like, shape (n, k)
    damping : float
        Step fraction :math:`t \in (0, 1]`; 1 is the pure Newton step.
    max_iter : int
    tol : float

    Returns
    -------
    Runs

    Raises
    ------
    TypeError, ValueError
        As :func:`gradient_descent_many`, and for damping outside (0, 1].

    Examples
    --------
    >>> from calcopt.functions import booth
    >>> runs = newton_many(booth, [[0.0, 5.0], [0.0, 5.0]])
    >>> runs.ends.round(12).T.tolist(), runs.nit.tolist()
    ([[1.0, 3.0], [1.0, 3.0]], [1, 1])

    See chapter 6, *Newton's method*.
    """
    objective = require_objective(objective)
    damping = check.in_interval(damping, "damping", 0.0, 1.0, low_open=True)
    max_iter, tol = check.count(max_iter, "max_iter"), check.nonnegative(tol, "tol")

    def step(X: np.ndarray, G: np.ndarray) -> np.ndarray:
        return X - damping * newton_solve(objective.hessian_at(X), G)

    return _run_many(objective, starts, step, max_iter, tol)


@dataclass(frozen=True)
class Basins:
    """Where a method ends from each start of a grid.

    Attributes
    ----------
    method : str
        ``"gd"`` or ``"newton"``.
    x, y : ndarray, shape (num,)
        The grid's coordinates; start ``(x[j], y[i])`` is entry ``[i, j]``.
    labels : ndarray of int, shape (num, num)
        Index into ``points`` of the stationary point reached, or ``NOWHERE`` (-1) if the run
        did not converge to one of them.
    points : tuple of StationaryPoint
        The stationary points the ends were matched with.
    nit : ndarray of int, shape (num, num)
        Updates made from each start.
    """

    method: str
    x: np.ndarray
    y: np.ndarray
    labels: np.ndarray
    points: tuple[StationaryPoint, ...]
    nit: np.ndarray

    def shares(self) -> dict[str, float]:
        """Fraction of the starts that end at a minimum, a maximum, a saddle, or nowhere."""
        counts = np.bincount(self.labels.ravel() - NOWHERE, minlength=len(self.points) + 1)
        kinds = ["nowhere"] + [str(p.kind) for p in self.points]
        totals: dict[str, float] = {}
        for kind, count in zip(kinds, counts.tolist(), strict=True):
            totals[kind] = totals.get(kind, 0.0) + count / self.labels.size
        return totals


def basins(
    objective: Objective,
    method: str,
    *,
    num: int = 200,
    domain=None,
    lr: float | None = None,
    damping: float = 1.0,
    max_iter: int | None = None,
    tol: float = 1e-6,
) -> Basins:
    r"""Run a method from every point of a num x num grid and label where each run ends.

    Parameters
    ----------
    objective : Objective
        With two variables.
    method : {"gd", "newton"}
        Gradient descent (needs ``lr``) or Newton's method (with ``damping``).
    num : int
        Grid points per axis.
    domain : ((x0, x1), (y0, y1)), optional
        The grid's box; default ``objective.domain``. Its stationary points are the labels.
    lr : float, optional
        Learning rate for ``"gd"``.
    damping : float
        Step fraction for ``"newton"``.
    max_iter : int, optional
        Default 2000 for ``"gd"`` and 100 for ``"newton"``.
    tol : float
        Convergence tolerance on :math:`\lVert\nabla f\rVert`.

    Returns
    -------
    Basins

    Raises
    ------
    TypeError, ValueError
        For a bad objective, method, grid or step; ``lr`` is required for ``"gd"``.

    Examples
    --------
    >>> from calcopt.functions import saddle
    >>> result = basins(saddle, "newton", num=4)
    >>> result.shares()
    {'nowhere': 0.0, 'saddle': 1.0}

    See chapter 6, *Newton's method*.
    """
    objective = require_objective(objective, n=2)
    method = check.choice(method, "method", METHODS)
    num = check.count(num, "num", minimum=2)
    box = check.domain(objective.domain if domain is None else domain, 2)
    xs, ys = (np.linspace(low, high, num) for low, high in box)
    X, Y = np.meshgrid(xs, ys)
    starts = np.stack([X.ravel(), Y.ravel()])
    if method == "gd":
        if lr is None:
            raise ValueError('lr is required for method="gd": pass a learning rate such as 0.01')
        runs = gradient_descent_many(objective, starts, lr=lr, max_iter=max_iter or 2000, tol=tol)
    else:
        runs = newton_many(objective, starts, damping=damping, max_iter=max_iter or 100, tol=tol)
    points = stationary_points(objective, box)
    labels = nearest_labels(runs, points)
    return Basins(method, xs, ys, labels.reshape(X.shape), points, runs.nit.reshape(X.shape))


def nearest_labels(runs: Runs, points, *, radius: float = 1e-3) -> np.ndarray:
    """For each run, the index of the stationary point it converged to, or ``NOWHERE``.

    A converged end is matched with the nearest point if it lies within ``radius`` of it.
    """
    labels = np.full(runs.ends.shape[1], NOWHERE)
    if not points:
        return labels
    targets = np.stack([p.x for p in points], axis=1)  # (n, p)
    distance = np.linalg.norm(runs.ends[:, :, None] - targets[:, None, :], axis=0)
    with np.errstate(invalid="ignore"):
        nearest = np.argmin(np.nan_to_num(distance, nan=np.inf), axis=1)
    close = np.take_along_axis(distance, nearest[:, None], axis=1)[:, 0] <= radius
    matched = runs.converged & close
    labels[matched] = nearest[matched]
    return labels
