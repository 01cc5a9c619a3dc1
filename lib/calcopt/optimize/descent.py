r"""Gradient descent: the one-step update, backtracking (Armijo) line search, and the loop.

Each method has a pure one-step update (:func:`gd_step`, :func:`armijo_step`) that a lesson can
show in a few lines, and a loop (:func:`gradient_descent`) that adds stopping rules and records
the path. A run never raises because it diverged: divergence, an iteration limit or a failed
line search is reported in the result's ``status``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import _validation as check
from .result import OptimizeResult, Run, Status, derivatives_of, function_of, loop_arguments


def gd_step(x, g, lr: float, *, momentum: float = 0.0, previous=None) -> np.ndarray:
    r"""One gradient-descent update, with optional heavy-ball momentum.

    .. math::
        \mathbf x_{k+1} = \mathbf x_k - \eta\,\nabla f(\mathbf x_k)
                          + \beta\,(\mathbf x_k - \mathbf x_{k-1})

    Parameters
    ----------
    x : array_like
        Current iterate :math:`\mathbf x_k`.
    g : array_like
        Gradient at x, :math:`\nabla f(\mathbf x_k)`.
    lr : float
        Learning rate :math:`\eta > 0` (some texts write :math:`\alpha` or :math:`\epsilon`).
    momentum : float
        :math:`\beta \in [0, 1)`; 0 gives plain gradient descent.
    previous : array_like, optional
        :math:`\mathbf x_{k-1}`; default x (no momentum on the first step).

    Returns
    -------
    ndarray
        :math:`\mathbf x_{k+1}`.

    Examples
    --------
    >>> gd_step([10.0], [20.0], 0.1)
    array([8.])
    """
    x, g = np.asarray(x, dtype=float), np.asarray(g, dtype=float)
    velocity = 0.0 if previous is None else x - np.asarray(previous, dtype=float)
    return x - lr * g + momentum * velocity


def armijo_step(
    f: Callable,
    x,
    g,
    lr: float,
    *,
    shrink: float = 0.5,
    c1: float = 1e-4,
    value: float | None = None,
    max_trials: int = 60,
) -> tuple[np.ndarray, float]:
    r"""One gradient-descent step whose learning rate is found by backtracking (Armijo's rule).

    Try :math:`t = \eta, \tau\eta, \tau^2\eta, \dots` and accept the first t with

    .. math::
        f(\mathbf x - t\,\nabla f(\mathbf x)) \le f(\mathbf x)
        - c_1\, t\, \lVert\nabla f(\mathbf x)\rVert^2 ,

    the *sufficient decrease* (Armijo) condition: the step must gain at least the fraction
    :math:`c_1` of what the tangent line promises. A trial must also lower f in floating point
    (a step so short that rounding swallows the change does not count), so any accepted step
    decreases f. If ``max_trials`` trials all fail, the step is not taken: the result is
    ``(x, 0.0)``, so f never increases.

    Parameters
    ----------
    f : callable
        Scalar function of a 1-D array of n numbers, or an :class:`~calcopt.Objective`.
    x, g : array_like, shape (n,)
        Current iterate :math:`\mathbf x` and the gradient there.
    lr : float
        First trial step :math:`\eta > 0`.
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
    x_new : ndarray, shape (n,)
    t : float
        The accepted learning rate, or 0.0 if no trial passed.

    Raises
    ------
    TypeError, ValueError
        For a non-callable f, or lr, shrink, c1 or max_trials out of range.

    Examples
    --------
    For :math:`f(x) = x^2` at :math:`x = 1` the condition reads :math:`t \le 0.9999`, so a
    first trial of 4 is halved three times, to 0.5, which lands on the minimum:

    >>> x_new, t = armijo_step(lambda p: p[0] ** 2, [1.0], [2.0], 4.0)
    >>> x_new, t
    (array([0.]), 0.5)

    See chapter 4, *Gradient descent*.
    """
    check.callable_(f)
    lr = check.positive(lr, "lr")
    shrink = check.in_interval(shrink, "shrink", 0.0, 1.0, low_open=True, high_open=True)
    c1 = check.in_interval(c1, "c1", 0.0, 1.0, low_open=True, high_open=True)
    max_trials = check.count(max_trials, "max_trials")
    x, g = np.asarray(x, dtype=float), np.asarray(g, dtype=float)
    f = function_of(f)
    start = _value(f, x) if value is None else float(value)
    slope = float(g @ g)
    t = lr
    for _ in range(max_trials):
        candidate = x - t * g
        value = _value(f, candidate)
        if value <= start - c1 * t * slope and value < start:
            return candidate, t
        t *= shrink
    return x, 0.0


def _value(f: Callable, x: np.ndarray) -> float:
    """f(x) as a float; infinite where f overflows (NaN stays NaN, and fails every test)."""
    with np.errstate(all="ignore"):
        try:
            value = f(x)
        except OverflowError:
            return np.inf
    return float(
        np.real(check.scalar_output(value, "f", "the line search", "f(x) must be one number"))
    )


def step_sizes(result: OptimizeResult) -> np.ndarray:
    r"""The learning rate each step of a gradient-descent run used.

    .. math::
        \eta_k = \frac{\lVert\mathbf x_{k+1} - \mathbf x_k\rVert}
                      {\lVert\nabla f(\mathbf x_k)\rVert}

    This is exact for plain gradient descent, with a fixed learning rate or a line search,
    where :math:`\mathbf x_{k+1} - \mathbf x_k = -\eta_k\nabla f(\mathbf x_k)`; with momentum
    the step also carries the previous one, and the ratio is not a learning rate.

    Parameters
    ----------
    result : OptimizeResult
        From :func:`gradient_descent`.

    Returns
    -------
    ndarray, shape (nit,)

    Examples
    --------
    >>> from calcopt.functions import booth
    >>> step_sizes(gradient_descent(booth, [0.0, 0.0], lr=0.05, max_iter=3)).round(12).tolist()
    [0.05, 0.05, 0.05]

    See chapter 4, *Gradient descent*.
    """
    if not isinstance(result, OptimizeResult):
        raise TypeError(f"result must be an OptimizeResult, got {type(result).__name__}")
    moves = np.linalg.norm(np.diff(result.path, axis=0), axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return moves / result.grad_norms[:-1]


def gradient_descent(
    f: Callable,
    x0,
    *,
    lr: float,
    grad: Callable | None = None,
    momentum: float = 0.0,
    max_iter: int = 1000,
    tol: float = 1e-6,
    line_search: str | None = None,
    shrink: float = 0.5,
    c1: float = 1e-4,
) -> OptimizeResult:
    r"""Minimise f by gradient descent with a fixed learning rate (and optional momentum), or
    with a learning rate chosen at every step by backtracking.

    .. math::
        \mathbf x_{k+1} = \mathbf x_k - \eta\,\nabla f(\mathbf x_k)
                          + \beta\,(\mathbf x_k - \mathbf x_{k-1})

    On a quadratic with Hessian eigenvalues :math:`0 < \mu \le \dots \le L`, plain gradient
    descent converges iff :math:`0 < \eta < 2/L`; with momentum :math:`\beta` the condition is
    :math:`0 < \eta\lambda < 2 + 2\beta` for every eigenvalue :math:`\lambda`.

    With ``line_search="armijo"`` each step is :func:`armijo_step`: it starts from ``lr`` and
    shrinks it by ``shrink`` until :math:`f` decreases by at least
    :math:`c_1\,\eta_k\lVert\nabla f(\mathbf x_k)\rVert^2`, so f never increases.

    Parameters
    ----------
    f : callable or Objective
        Scalar function of a 1-D array of n numbers (or an :class:`Objective`).
    x0 : array_like, shape (n,)
        Start point.
    lr : float
        Learning rate :math:`\eta > 0`; with a line search, the first trial of every step.
    grad : callable, optional
        :math:`\nabla f`; default the Objective's exact gradient, else central differences.
    momentum : float
        Heavy-ball coefficient :math:`\beta \in [0, 1)`.
    max_iter : int
        Most updates to make.
    tol : float
        Stop when :math:`\lVert\nabla f(\mathbf x_k)\rVert \le` tol.
    line_search : {None, "armijo"}
        None for a fixed learning rate; ``"armijo"`` for backtracking (without momentum).
    shrink, c1 : float
        Backtracking's factor :math:`\tau \in (0, 1)` and sufficient-decrease constant
        :math:`c_1 \in (0, 1)`; used only with a line search.

    Returns
    -------
    OptimizeResult
        ``status`` is ``"converged"``, ``"max_iter"`` or ``"diverged"`` (an iterate left the
        ball of radius ``1e8 (1 + ||x0||)`` around x0 or stopped being finite); with a line
        search also ``"line_search_failed"`` (no trial step decreased f enough).

    Raises
    ------
    TypeError, ValueError
        For a non-callable f, a bad x0, lr, momentum, max_iter, tol, line_search, shrink or
        c1, momentum combined with a line search, or an f that does not return one finite
        number at x0.

    Examples
    --------
    >>> from calcopt.functions import quadratic
    >>> x_squared = quadratic([[2.0]])
    >>> result = gradient_descent(x_squared, [10.0], lr=0.25, max_iter=3, tol=0)
    >>> result.path.ravel().tolist()
    [10.0, 5.0, 2.5, 1.25]

    See chapter 4, *Gradient descent*.
    """
    x0, max_iter, tol = loop_arguments(f, x0, max_iter, tol)
    lr = check.positive(lr, "lr")
    momentum = check.in_interval(momentum, "momentum", 0.0, 1.0, high_open=True)
    check.choice(line_search, "line_search", (None, "armijo"))
    shrink = check.in_interval(shrink, "shrink", 0.0, 1.0, low_open=True, high_open=True)
    c1 = check.in_interval(c1, "c1", 0.0, 1.0, low_open=True, high_open=True)
    if line_search is not None and momentum != 0:
        check.incompatible("momentum", momentum, f"line_search={line_search!r}")
    grad, _ = derivatives_of(f, grad, None)
    run = Run(f, grad, x0, tol)
    previous = None
    for _ in range(max_iter):
        if run.converged:
            return run.result(Status.CONVERGED, "")
        x, g = run.path[-1], run.gradients[-1]
        if line_search is None:
            with np.errstate(all="ignore"):
                candidate = gd_step(x, g, lr, momentum=momentum, previous=previous)
        else:
            candidate, step = armijo_step(
                run.f, x, g, lr, shrink=shrink, c1=c1, value=run.values[-1]
            )
            if step == 0:
                return run.result(Status.LINE_SEARCH_FAILED, "")
        if reason := run.advance(candidate):
            return run.result(Status.DIVERGED, reason)
        previous = x
    return run.result(Status.CONVERGED if run.converged else Status.MAX_ITER, "")
