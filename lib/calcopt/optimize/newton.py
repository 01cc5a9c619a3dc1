r"""Newton's method: the one-step update, a backtracking line search, and the loop.

:func:`newton_step` jumps to the stationary point of the local quadratic model;
:func:`newton_armijo_step` takes only as much of that step as decreases f enough;
:func:`newton` repeats either with stopping rules and records the path. Pure or damped, Newton's
method looks for any stationary point: started near a saddle or a maximum it may converge there.
With the line search it only ever moves downhill, and it stops with a status where the Newton
step does not point downhill.

Sign convention (chapter 6): the Newton step :math:`\mathbf d_k` solves
:math:`\nabla^2 f(\mathbf x_k)\,\mathbf d_k = -\nabla f(\mathbf x_k)` and
:math:`\mathbf x_{k+1} = \mathbf x_k + t\,\mathbf d_k`. :func:`newton_solve`, the solver
shared with root finding, returns :math:`-\mathbf d_k`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from .. import _validation as check
from .descent import _value
from .result import (
    OptimizeResult,
    Run,
    Status,
    derivatives_of,
    function_of,
    loop_arguments,
)

#: A Hessian whose condition number exceeds this counts as singular: solving with it in double
#: precision (unit roundoff 1.1e-16) could leave no correct digit in the Newton step.
SINGULAR_CONDITION = 1e14


def newton_solve(H, g) -> np.ndarray:
    r"""The Newton solve: the solution z of :math:`H\mathbf z = \mathbf g`, for one system or for
    many at once.

    .. math::
        \nabla^2 f(\mathbf x)\,\mathbf z = \nabla f(\mathbf x),
        \qquad \mathbf x_{\text{new}} = \mathbf x - t\,\mathbf z

    Mind the sign: z is minus the Newton step :math:`\mathbf d_k` of chapter 6, which
    solves :math:`\nabla^2 f\,\mathbf d_k = -\nabla f` (hence the name: a solve, not the
    direction); root finders subtract it, :math:`\mathbf x - J^{-1}F`. It is the one Newton
    solve of calcopt: :func:`newton_step`, the vectorised runs of
    :mod:`~calcopt.optimize.basins` and the search for stationary points all call it, so they
    agree on when the step is undefined. **Singularity rule:** a system is
    singular when H or g has an entry that is not finite, or the condition number
    :math:`\kappa_2(H) = \sigma_{\max}/\sigma_{\min}` exceeds ``SINGULAR_CONDITION``
    (:math:`10^{14}`); then every entry of its z is NaN.

    Parameters
    ----------
    H : array_like, shape (n, n) or (n, n, k)
        The matrix (a Hessian, or a Jacobian of a system of equations); with k systems,
        ``H[:, :, j]`` is system j's, like :meth:`~calcopt.Objective.hessian_at` returns.
    g : array_like, shape (n,) or (n, k)
        The right-hand sides (gradients), ``g[:, j]`` for system j.

    Returns
    -------
    ndarray, shape of g
        z, or NaN for a singular system.

    Raises
    ------
    ValueError
        If the shapes of H and g do not fit together.

    Examples
    --------
    >>> newton_solve([[2.0, 0.0], [0.0, 4.0]], [2.0, 4.0]).tolist()
    [1.0, 1.0]

    Two systems in one variable, 2d = 2 and 0d = 2; the second is singular:

    >>> newton_solve([[[2.0, 0.0]]], [[2.0, 2.0]]).tolist()
    [[1.0, nan]]
    """
    H, g = np.asarray(H, dtype=float), np.asarray(g, dtype=float)
    n = g.shape[0] if g.ndim else 0
    if g.ndim not in (1, 2) or H.shape != (n, n, *g.shape[1:]):
        check.shapes("H", H.shape, f"{(n, n, *g.shape[1:])} to fit g of shape {g.shape}")
    matrices = np.moveaxis(H.reshape(n, n, -1), -1, 0)  # (k, n, n)
    sides = g.reshape(n, -1).T  # (k, n)
    solvable = np.all(np.isfinite(matrices), axis=(1, 2)) & np.all(np.isfinite(sides), axis=1)
    solvable[solvable] = np.linalg.cond(matrices[solvable]) <= SINGULAR_CONDITION
    d = np.full(sides.shape, np.nan)
    d[solvable] = np.linalg.solve(matrices[solvable], sides[solvable][..., None])[..., 0]
    return d.T.reshape(g.shape)


def newton_step(x, g, H, *, damping: float = 1.0) -> np.ndarray:
    r"""One Newton update: step towards the stationary point of the local quadratic model.

    .. math::
        \nabla^2 f(\mathbf x_k)\,\mathbf d_k = -\nabla f(\mathbf x_k),
        \qquad \mathbf x_{k+1} = \mathbf x_k + t\,\mathbf d_k

    with damping :math:`t \in (0, 1]` (t = 1 is the pure Newton step, which lands on that
    point). The Newton step :math:`\mathbf d_k` comes from solving the linear system
    (:func:`newton_solve`), never from forming :math:`[\nabla^2 f]^{-1}`.

    Parameters
    ----------
    x, g : array_like, shape (n,)
        Iterate and gradient there.
    H : array_like, shape (n, n)
        Hessian at x.
    damping : float
        Step fraction t.

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    numpy.linalg.LinAlgError
        If the Newton system is singular by the rule of :func:`newton_solve` (H not
        finite, or condition number above ``SINGULAR_CONDITION``; or g not finite);
        :func:`newton` turns this into the status ``"singular_hessian"``.

    Examples
    --------
    >>> newton_step([3.0], [6.0], [[2.0]])
    array([0.])
    """
    x = np.asarray(x, dtype=float)
    return x + damping * _newton_d(x.size, g, H)


def _newton_d(n: int, g, H) -> np.ndarray:
    """The Newton step d, solving H d = -g, or LinAlgError where the rule calls H singular."""
    minus_d = newton_solve(np.asarray(H, dtype=float).reshape(n, n), np.asarray(g, float))
    if np.isnan(minus_d).any():
        raise np.linalg.LinAlgError("the Hessian is singular at this point")
    return -minus_d


class LineStep(NamedTuple):
    """One step of Newton's method with a line search (:func:`newton_armijo_step`)."""

    x: np.ndarray
    """The new iterate, or the old one if no step was taken."""
    t: float
    """The accepted fraction of the Newton step; 0.0 if no step was taken."""
    slope: float
    r"""The slope of f along the Newton step, :math:`\nabla f(\mathbf x)\cdot\mathbf d`; if it is
    not negative, the step does not point downhill and no trial was made."""


def newton_armijo_step(
    f: Callable,
    x,
    g,
    H,
    *,
    shrink: float = 0.5,
    c1: float = 1e-4,
    value: float | None = None,
    max_trials: int = 60,
) -> LineStep:
    r"""One Newton step with a backtracking (Armijo) line search along it.

    The Newton step :math:`\mathbf d` solves :math:`\nabla^2 f(\mathbf x)\,\mathbf d =
    -\nabla f(\mathbf x)`. If its slope :math:`s = \nabla f(\mathbf x)\cdot\mathbf d` is
    negative (always so where :math:`\nabla^2 f(\mathbf x)` is positive definite and
    :math:`\nabla f(\mathbf x)\ne\mathbf 0`, since then :math:`s = -\mathbf d^\top\nabla^2 f\,
    \mathbf d`), try :math:`t = 1, \tau, \tau^2, \dots` and accept the first t with

    .. math::
        f(\mathbf x + t\,\mathbf d) \le f(\mathbf x) + c_1\, t\, s ,

    the sufficient-decrease condition of chapter 4's line search, along :math:`\mathbf d`
    instead of :math:`-\nabla f`. A trial must also lower f in floating point. The first trial
    is the full step, so near a nondegenerate minimum, where it passes, the method keeps its
    quadratic convergence.

    If :math:`s \ge 0` the Newton step does not point downhill (the Hessian is not positive
    definite there, for example near a saddle point or a maximum) and no trial is made; if
    ``max_trials`` trials fail, no step is taken either. Then ``t`` is 0.0 and ``x`` is unchanged.

    Parameters
    ----------
    f : callable
        Scalar function of a 1-D array of n numbers, or an :class:`~calcopt.Objective`.
    x, g : array_like, shape (n,)
        Current iterate and the gradient there.
    H : array_like, shape (n, n)
        Hessian at x.
    shrink : float
        :math:`\tau \in (0, 1)`, the factor applied after each failed trial.
    c1 : float
        :math:`c_1 \in (0, 1)`; small values (1e-4) accept almost any decrease.
    value : float, optional
        :math:`f(\mathbf x)` if it is already known (saves one evaluation).
    max_trials : int
        Most trial steps.

    Returns
    -------
    LineStep
        ``(x, t, slope)``: the new iterate, the accepted fraction t of the Newton step (0.0 if
        none) and the slope s.

    Raises
    ------
    numpy.linalg.LinAlgError
        If the Hessian is singular by the rule of :func:`newton_solve`.
    TypeError, ValueError
        For a non-callable f, or shrink, c1 or max_trials out of range.

    Examples
    --------
    On the pseudo-Huber loss :math:`\sqrt{1 + x^2} - 1` at x = 2 the Newton step is
    :math:`-x(1 + x^2) = -10`; the full step and half of it raise f, a quarter lowers it:

    >>> from calcopt.functions import pseudo_huber as f
    >>> step = newton_armijo_step(f, [2.0], f.gradient_at([2.0]), f.hessian_at([2.0]))
    >>> step.x, step.t
    (array([-0.5]), 0.25)

    See chapter 6, *Newton's method*.
    """
    check.callable_(f)
    shrink = check.in_interval(shrink, "shrink", 0.0, 1.0, low_open=True, high_open=True)
    c1 = check.in_interval(c1, "c1", 0.0, 1.0, low_open=True, high_open=True)
    max_trials = check.count(max_trials, "max_trials")
    x, g = np.asarray(x, dtype=float), np.asarray(g, dtype=float)
    d = _newton_d(x.size, g, H)
    slope = float(g @ d)
    if not slope < 0:
        return LineStep(x, 0.0, slope)
    f = function_of(f)
    start = _value(f, x) if value is None else float(value)
    t = 1.0
    for _ in range(max_trials):
        candidate = x + t * d
        trial = _value(f, candidate)
        if trial <= start + c1 * t * slope and trial < start:
            return LineStep(candidate, t, slope)
        t *= shrink
    return LineStep(x, 0.0, slope)


def step_fractions(
    result: OptimizeResult, f: Callable, *, grad: Callable | None = None, hess=None
) -> np.ndarray:
    r"""The fraction :math:`t_k` of the Newton step that each step of a run took.

    .. math::
        t_k = \frac{(\mathbf x_{k+1} - \mathbf x_k)\cdot\mathbf d_k}
                   {\mathbf d_k\cdot\mathbf d_k},
        \qquad \nabla^2 f(\mathbf x_k)\,\mathbf d_k = -\nabla f(\mathbf x_k),

    exact for every run of :func:`newton`, where :math:`\mathbf x_{k+1} - \mathbf x_k =
    t_k\mathbf d_k`: the damping t for a damped run, the accepted trial for a line search.

    Parameters
    ----------
    result : OptimizeResult
        From :func:`newton`.
    f : callable or Objective
        The function of the run.
    grad, hess : callable, optional
        As for :func:`newton`.

    Returns
    -------
    ndarray, shape (nit,)

    Examples
    --------
    >>> from calcopt.functions import booth
    >>> step_fractions(newton(booth, [0.0, 0.0], damping=0.5, max_iter=2, tol=0), booth)
    array([0.5, 0.5])

    See chapter 6, *Newton's method*.
    """
    if not isinstance(result, OptimizeResult):
        raise TypeError(f"result must be an OptimizeResult, got {type(result).__name__}")
    grad, hess = derivatives_of(f, grad, hess)
    fractions = []
    for x, x_next in zip(result.path[:-1], result.path[1:], strict=True):
        d = _newton_d(x.size, grad(x), hess(x))
        fractions.append(float((x_next - x) @ d / (d @ d)))
    return np.array(fractions)


def newton(
    f: Callable,
    x0,
    *,
    grad: Callable | None = None,
    hess: Callable | None = None,
    damping: float = 1.0,
    line_search: str | None = None,
    shrink: float = 0.5,
    c1: float = 1e-4,
    max_iter: int = 100,
    tol: float = 1e-8,
) -> OptimizeResult:
    r"""Newton's method: repeatedly step towards the stationary point of the quadratic model.

    .. math::
        \nabla^2 f(\mathbf x_k)\,\mathbf d_k = -\nabla f(\mathbf x_k),
        \qquad \mathbf x_{k+1} = \mathbf x_k + t\,\mathbf d_k

    With a fixed t (``damping``; t = 1 is pure Newton) it solves a quadratic with positive
    definite Hessian in one step and converges quadratically near a nondegenerate stationary
    point, but it looks for any stationary point: started near a saddle or a maximum it may
    converge there, and far from one it may overshoot and diverge.

    With ``line_search="armijo"`` each step is :func:`newton_armijo_step`: t starts at 1 and
    shrinks by ``shrink`` until f decreases enough, so f never increases. Where the Newton step
    does not point downhill (the Hessian is not positive definite there) the run stops with
    status ``"not_descent"``; if backtracking finds no decrease along a downhill step, with
    ``"line_search_failed"``.

    Parameters
    ----------
    f : callable or Objective
    x0 : array_like, shape (n,)
    grad, hess : callable, optional
        :math:`\nabla f` and :math:`\nabla^2 f`; default exact for an Objective, else numerical.
    damping : float
        Fixed step fraction :math:`t \in (0, 1]`.
    line_search : {None, "armijo"}
        None for the fixed fraction ``damping``; ``"armijo"`` for backtracking from t = 1.
    shrink, c1 : float
        Backtracking's factor :math:`\tau \in (0, 1)` and sufficient-decrease constant
        :math:`c_1 \in (0, 1)`; used only with a line search.
    max_iter : int
    tol : float
        Stop when :math:`\lVert\nabla f(\mathbf x_k)\rVert \le` tol.

    Returns
    -------
    OptimizeResult
        ``status`` may also be ``"singular_hessian"``, and with a line search
        ``"not_descent"`` or ``"line_search_failed"``.

    Raises
    ------
    TypeError, ValueError
        As for :func:`~calcopt.optimize.descent.gradient_descent`, for damping outside (0, 1],
        and for a damping other than 1 combined with a line search.

    Examples
    --------
    >>> from calcopt.functions import booth, pseudo_huber
    >>> result = newton(booth, [-3.0, 7.0])
    >>> result.nit, result.x.round(12).tolist()
    (1, [1.0, 3.0])

    From x = 2 on the pseudo-Huber loss, damping by t = 1/2 is not enough; a line search is:

    >>> damped = newton(pseudo_huber, 2.0, damping=0.5)
    >>> damped.status, newton(pseudo_huber, 2.0, line_search="armijo").status
    (<Status.DIVERGED: 'diverged'>, <Status.CONVERGED: 'converged'>)

    See chapter 6, *Newton's method*.
    """
    x0, max_iter, tol = loop_arguments(f, x0, max_iter, tol)
    damping = check.in_interval(damping, "damping", 0.0, 1.0, low_open=True)
    check.choice(line_search, "line_search", (None, "armijo"))
    shrink = check.in_interval(shrink, "shrink", 0.0, 1.0, low_open=True, high_open=True)
    c1 = check.in_interval(c1, "c1", 0.0, 1.0, low_open=True, high_open=True)
    if line_search is not None and damping != 1:
        check.incompatible("damping", damping, f"line_search={line_search!r}")
    grad, hess = derivatives_of(f, grad, hess)
    run = Run(f, grad, x0, tol)
    for _ in range(max_iter):
        if run.converged:
            return run.result(Status.CONVERGED, "")
        x, g = run.path[-1], run.gradients[-1]
        H = np.asarray(run.call(hess, x), dtype=float)
        try:
            if line_search is None:
                candidate = newton_step(x, g, H, damping=damping)
            else:
                candidate, t, slope = newton_armijo_step(
                    run.f, x, g, H, shrink=shrink, c1=c1, value=run.values[-1]
                )
        except np.linalg.LinAlgError:
            return run.result(Status.SINGULAR_HESSIAN, "")
        if line_search is not None and t == 0:
            status = Status.NOT_DESCENT if slope >= 0 else Status.LINE_SEARCH_FAILED
            return run.result(status, f"{slope:.3g}")
        if reason := run.advance(candidate):
            return run.result(Status.DIVERGED, reason)
    return run.result(Status.CONVERGED if run.converged else Status.MAX_ITER, "")
