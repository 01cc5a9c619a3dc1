r"""Projections onto simple convex sets, and projected gradient descent.

The projection of a point :math:`\mathbf z` onto a closed convex set :math:`C` is the point of
:math:`C` nearest to it,

.. math::
    P_C(\mathbf z) = \operatorname*{arg\,min}_{\mathbf x\in C}\ \lVert\mathbf x - \mathbf z\rVert,

which exists and is unique. For a box, a Euclidean ball and the probability simplex it has a
closed form or a short exact algorithm. Projected gradient descent takes a gradient step and
projects back, :math:`\mathbf x_{k+1} = P_C(\mathbf x_k - \eta\nabla f(\mathbf x_k))`, so
every iterate is feasible. Chapter 7, *Constrained optimization*, explains both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from .. import _validation as check
from .result import OptimizeResult, Run, Status, derivatives_of, loop_arguments


def project_box(x, lower, upper) -> np.ndarray:
    r"""The nearest point of the box :math:`\{\mathbf z : \mathbf l \le \mathbf z \le \mathbf u\}`.

    .. math::
        P(\mathbf x)_i = \min(\max(x_i, l_i), u_i)

    The squared distance is a sum of one term per coordinate, so each coordinate is clipped to
    its interval on its own.

    Parameters
    ----------
    x : array_like, shape (n,)
        The point to project.
    lower, upper : float or array_like, shape (n,)
        The corners :math:`\mathbf l \le \mathbf u`; a number applies to every coordinate, and
        ``-inf`` or ``inf`` leave a side open (``lower=0, upper=inf`` is the non-negative
        orthant).

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    TypeError, ValueError
        If x is empty or not finite real numbers, a bound is NaN or has the wrong shape, or
        lower exceeds upper in some coordinate.

    Examples
    --------
    >>> project_box([3.0, -0.5, 0.2], 0.0, 1.0).tolist()
    [1.0, 0.0, 0.2]
    >>> project_box([-2.0, 5.0], 0.0, np.inf).tolist()
    [0.0, 5.0]

    See chapter 7, *Constrained optimization*.
    """
    x = check.point(x, "x")
    low, high = check.box_bounds(lower, upper, x.size)
    return np.minimum(np.maximum(x, low), high)


def project_ball(x, center, radius) -> np.ndarray:
    r"""The nearest point of the ball
    :math:`\{\mathbf z : \lVert\mathbf z - \mathbf c\rVert \le r\}`.

    .. math::
        P(\mathbf x) = \mathbf c + \frac{r}{\max(r, \lVert\mathbf x - \mathbf c\rVert)}
                       (\mathbf x - \mathbf c)

    A point inside the ball stays where it is; a point outside moves along the ray from the
    centre to the sphere.

    Parameters
    ----------
    x : array_like, shape (n,)
    center : float or array_like, shape (n,)
        The centre :math:`\mathbf c`; a number applies to every coordinate.
    radius : float
        :math:`r \ge 0` (0 gives the centre itself).

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    TypeError, ValueError
        If x is empty or not finite real numbers, the centre has the wrong shape, or the
        radius is negative or not finite.

    Examples
    --------
    >>> project_ball([3.0, 4.0], 0.0, 1.0).tolist()
    [0.6, 0.8]
    >>> project_ball([0.1, 0.2], [0.0, 0.0], 1.0).tolist()
    [0.1, 0.2]

    See chapter 7, *Constrained optimization*.
    """
    x = check.point(x, "x")
    c = check.vector_like(center, "center", x.size)
    r = check.nonnegative(radius, "radius")
    offset = x - c
    distance = float(np.linalg.norm(offset))
    if distance <= r:
        return x.copy()
    return c + offset * r / distance


def project_simplex(x) -> np.ndarray:
    r"""The nearest point of the probability simplex
    :math:`\Delta = \{\mathbf w : w_i \ge 0,\ \sum_i w_i = 1\}`.

    The projection is :math:`w_i = \max(x_i - \theta, 0)`, with the one threshold
    :math:`\theta` that makes the entries sum to 1. Sort x in decreasing order,
    :math:`x_{(1)} \ge \dots \ge x_{(n)}`; the entries that stay positive are the first
    :math:`k` ones, where :math:`k` is the largest index with
    :math:`x_{(k)} > \big(\sum_{j\le k} x_{(j)} - 1\big)/k`, and then
    :math:`\theta = \big(\sum_{j\le k} x_{(j)} - 1\big)/k` (Held, Wolfe and Crowder 1974;
    Duchi et al. 2008). The cost is that of the sort, :math:`O(n\log n)`.

    Parameters
    ----------
    x : array_like, shape (n,)

    Returns
    -------
    ndarray, shape (n,)
        Non-negative entries that sum to 1.

    Raises
    ------
    TypeError, ValueError
        If x is empty or not finite real numbers.

    Examples
    --------
    >>> project_simplex([0.5, 0.5, 0.5]).round(12).tolist()
    [0.333333333333, 0.333333333333, 0.333333333333]
    >>> project_simplex([2.0, 0.0, -1.0]).tolist()
    [1.0, 0.0, 0.0]

    See chapter 7, *Constrained optimization*.
    """
    x = check.point(x, "x")
    ordered = np.sort(x)[::-1]
    ranks = np.arange(1, x.size + 1)
    thresholds = (np.cumsum(ordered) - 1.0) / ranks
    k = int(np.flatnonzero(ordered > thresholds)[-1])  # the first entry always qualifies
    return np.maximum(x - thresholds[k], 0.0)


def projected_step(x, g, lr: float, project: Callable) -> np.ndarray:
    r"""One step of projected gradient descent: a gradient step, then back to the set.

    .. math::
        \mathbf x_{k+1} = P\big(\mathbf x_k - \eta\,\nabla f(\mathbf x_k)\big)

    Parameters
    ----------
    x, g : array_like, shape (n,)
        Current iterate :math:`\mathbf x_k` and the gradient there.
    lr : float
        Learning rate :math:`\eta > 0`.
    project : callable
        :math:`P`, a function of a point that returns the nearest feasible point.

    Returns
    -------
    ndarray, shape (n,)

    Examples
    --------
    >>> from functools import partial
    >>> unit_box = partial(project_box, lower=-1.0, upper=1.0)
    >>> projected_step([0.5, 0.0], [-2.0, 1.0], 0.5, unit_box).tolist()
    [1.0, -0.5]
    """
    x, g = np.asarray(x, dtype=float), np.asarray(g, dtype=float)
    return check.projection_output(project(x - lr * g), x.size)


def projected_gradient(x, g, lr: float, project: Callable) -> np.ndarray:
    r"""The projected gradient (gradient mapping): the step of projected gradient descent,
    divided by :math:`-\eta`.

    .. math::
        G_\eta(\mathbf x) = \frac{\mathbf x - P\big(\mathbf x - \eta\nabla f(\mathbf x)\big)}{\eta}

    For a feasible :math:`\mathbf x` and a closed convex set it is zero exactly when
    :math:`\mathbf x` satisfies the first-order condition
    :math:`\nabla f(\mathbf x)\cdot(\mathbf z - \mathbf x) \ge 0` for every feasible
    :math:`\mathbf z`; where the constraints are not in the way, it is the gradient itself. Its
    norm is the stopping test of :func:`projected_gradient_descent`; the gradient's own norm
    would not do, as it need not vanish at a constrained minimum.

    Parameters, returns and errors as for :func:`projected_step`.

    Examples
    --------
    >>> from functools import partial
    >>> unit_box = partial(project_box, lower=-1.0, upper=1.0)
    >>> projected_gradient([1.0, 0.0], [-2.0, 1.0], 0.5, unit_box).tolist()
    [0.0, 1.0]
    """
    x = np.asarray(x, dtype=float)
    return (x - projected_step(x, g, lr, project)) / lr


class _ProjectedRun(Run):
    """A run whose recorded norms, and so its stopping test, are those of the projected
    gradient :math:`G_\\eta` rather than of the gradient.

    Recording a point projects its gradient step once: that projection gives both
    :math:`G_\\eta` there and the next iterate, ``following``.
    """

    def __init__(self, f, grad, x0, tol, project, lr):
        self.project, self.lr = project, lr
        super().__init__(f, grad, x0, tol)

    def _record(self, x, value, g) -> None:
        super()._record(x, value, g)
        with np.errstate(all="ignore"):
            trial = x - self.lr * g
        if np.all(np.isfinite(trial)):
            self.following = check.projection_output(self.project(trial), x.size)
            self.grad_norms[-1] = float(np.linalg.norm(x - self.following)) / self.lr
        else:  # a gradient so large that the step overflows: advance reports the divergence
            self.following, self.grad_norms[-1] = trial, np.inf


def projected_gradient_descent(
    f: Callable,
    x0,
    project: Callable,
    *,
    lr: float,
    grad: Callable | None = None,
    max_iter: int = 1000,
    tol: float = 1e-6,
) -> OptimizeResult:
    r"""Minimise f over a closed convex set by projected gradient descent.

    .. math::
        \mathbf x_{k+1} = P\big(\mathbf x_k - \eta\,\nabla f(\mathbf x_k)\big)

    An infeasible start is projected first, so every iterate, ``path[0]`` included, lies in
    the set. The run stops when the projected gradient (:func:`projected_gradient`) is small,
    :math:`\lVert G_\eta(\mathbf x_k)\rVert \le` ``tol``. If f is convex with an
    L-Lipschitz gradient and :math:`0 < \eta \le 1/L`, then
    :math:`f(\mathbf x_k) - f^* \le \lVert\mathbf x_0 - \mathbf x^*\rVert^2/(2\eta k)`.

    Parameters
    ----------
    f : callable or Objective
        Scalar function of a 1-D array of n numbers (or an :class:`~calcopt.Objective`).
    x0 : array_like, shape (n,)
        Start point; projected before the first step.
    project : callable
        :math:`P`: takes a point of shape (n,) and returns the nearest point of the set, for
        example ``functools.partial(project_ball, center=0.0, radius=2.0)``.
    lr : float
        Learning rate :math:`\eta > 0`.
    grad : callable, optional
        :math:`\nabla f`; default the Objective's exact gradient, else central differences.
    max_iter : int
        Most updates to make.
    tol : float
        Stop when :math:`\lVert G_\eta(\mathbf x_k)\rVert \le` tol.

    Returns
    -------
    OptimizeResult
        As for :func:`~calcopt.gradient_descent` (``status`` is ``"converged"``,
        ``"max_iter"`` or ``"diverged"``), except that ``grad_norms[k]`` is the norm of the
        projected gradient :math:`G_\eta(\mathbf x_k)`, and the message says so.

    Raises
    ------
    TypeError, ValueError
        For a non-callable f, grad or project, a bad x0, lr, max_iter or tol, a projection
        that does not return a point of the same size with finite coordinates, or an f that
        is not finite at the projected start.

    Examples
    --------
    Minimise :math:`(x - 2)^2 + (y - 1)^2` over the unit disc: the answer is the disc's point
    nearest to (2, 1), :math:`(2, 1)/\sqrt5`.

    >>> from functools import partial
    >>> from calcopt import Objective
    >>> from calcopt.functions import x, y
    >>> f = Objective.from_sympy((x - 2) ** 2 + (y - 1) ** 2, (x, y), name="f")
    >>> disc = partial(project_ball, center=0.0, radius=1.0)
    >>> result = projected_gradient_descent(f, [0.0, 0.0], disc, lr=0.25)
    >>> result.x.round(6).tolist(), result.status.value
    ([0.894427, 0.447214], 'converged')

    See chapter 7, *Constrained optimization*.
    """
    check.callable_(project, "project")
    x0, max_iter, tol = loop_arguments(f, x0, max_iter, tol)
    lr = check.positive(lr, "lr")
    grad, _ = derivatives_of(f, grad, None)
    start = check.projection_output(project(x0), x0.size)
    run = _ProjectedRun(f, grad, start, tol, project, lr)
    for _ in range(max_iter):
        if run.converged:
            break
        if reason := run.advance(run.following):
            return _projected(run.result(Status.DIVERGED, reason))
    status = Status.CONVERGED if run.converged else Status.MAX_ITER
    return _projected(run.result(status, ""))


def _projected(result: OptimizeResult) -> OptimizeResult:
    """The run's result, its message naming the norm it tested: the projected gradient's."""
    return replace(
        result, message=result.message.replace("gradient norm", "projected-gradient norm")
    )
