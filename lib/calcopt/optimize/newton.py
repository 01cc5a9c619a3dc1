r"""Newton's method: the one-step update and the loop.

:func:`newton_step` jumps to the stationary point of the local quadratic model; :func:`newton`
repeats it with stopping rules and records the path. Started near a saddle or a maximum it may
converge there: Newton's method looks for any stationary point.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import _validation as check
from .result import OptimizeResult, Run, Status, derivatives_of, loop_arguments

#: A Hessian whose condition number exceeds this counts as singular: solving with it in double
#: precision (unit roundoff 1.1e-16) could leave no correct digit in the Newton step.
SINGULAR_CONDITION = 1e14


def newton_direction(H, g) -> np.ndarray:
    r"""The Newton direction: the solution d of :math:`H\mathbf d = \mathbf g`, for one system
    or for many at once.

    .. math::
        \nabla^2 f(\mathbf x)\,\mathbf d = \nabla f(\mathbf x),
        \qquad \mathbf x_{\text{new}} = \mathbf x - t\,\mathbf d

    It is the one Newton solve of calcopt: :func:`newton_step`, the vectorised runs of
    :mod:`~calcopt.optimize.basins` and the search for stationary points all call it, so they
    agree on when the step is undefined. **Singularity rule:** a system is singular when H or
    g has an entry that is not finite, or the condition number
    :math:`\kappa_2(H) = \sigma_{\max}/\sigma_{\min}` exceeds ``SINGULAR_CONDITION``
    (:math:`10^{14}`); then every entry of its d is NaN.

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
        d, or NaN for a singular system.

    Raises
    ------
    ValueError
        If the shapes of H and g do not fit together.

    Examples
    --------
    >>> newton_direction([[2.0, 0.0], [0.0, 4.0]], [2.0, 4.0]).tolist()
    [1.0, 1.0]

    Two systems in one variable, 2d = 2 and 0d = 2; the second is singular:

    >>> newton_direction([[[2.0, 0.0]]], [[2.0, 2.0]]).tolist()
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
    r"""One Newton update: jump to the stationary point of the local quadratic model.

    .. math::
        \mathbf x_{k+1} = \mathbf x_k - t\,[\nabla^2 f(\mathbf x_k)]^{-1}\,\nabla f(\mathbf x_k)

    with damping :math:`t \in (0, 1]` (t = 1 is the pure Newton step). The step solves the
    linear system :math:`H\mathbf d = \nabla f` (:func:`newton_direction`) instead of forming
    :math:`H^{-1}`.

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
        If the Newton system is singular by the rule of :func:`newton_direction` (H not
        finite, or condition number above ``SINGULAR_CONDITION``; or g not finite);
        :func:`newton` turns this into the status ``"singular_hessian"``.

    Examples
    --------
    >>> newton_step([3.0], [6.0], [[2.0]])
    array([0.])
    """
    x, g = np.asarray(x, dtype=float), np.asarray(g, dtype=float)
    d = newton_direction(np.asarray(H, dtype=float).reshape(x.size, x.size), g)
    if np.isnan(d).any():
        raise np.linalg.LinAlgError("the Hessian is singular at this point")
    return x - damping * d


def newton(
    f: Callable,
    x0,
    *,
    grad: Callable | None = None,
    hess: Callable | None = None,
    damping: float = 1.0,
    max_iter: int = 100,
    tol: float = 1e-8,
) -> OptimizeResult:
    r"""Newton's method: repeatedly jump to the stationary point of the quadratic model.

    .. math::
        \mathbf x_{k+1} = \mathbf x_k - t\,[\nabla^2 f(\mathbf x_k)]^{-1}\nabla f(\mathbf x_k)

    It solves a quadratic with positive definite Hessian in one step and converges
    quadratically near a nondegenerate minimum, but it looks for any stationary point:
    started near a saddle or a maximum it may converge there.

    Parameters
    ----------
    f : callable or Objective
    x0 : array_like, shape (n,)
    grad, hess : callable, optional
        :math:`\nabla f` and :math:`\nabla^2 f`; default exact for an Objective, else numerical.
    damping : float
        Step fraction :math:`t \in (0, 1]`.
    max_iter : int
    tol : float
        Stop when :math:`\lVert\nabla f(\mathbf x_k)\rVert \le` tol.

    Returns
    -------
    OptimizeResult
        ``status`` may also be ``"singular_hessian"``.

    Raises
    ------
    TypeError, ValueError
        As for :func:`gradient_descent`, and for damping outside (0, 1].

    Examples
    --------
    >>> from calcopt.functions import booth
    >>> result = newton(booth, [-3.0, 7.0])
    >>> result.nit, result.x.round(12).tolist()
    (1, [1.0, 3.0])

    See chapter 5, *Jacobian, Hessian and Newton's method*.
    """
    x0, max_iter, tol = loop_arguments(f, x0, max_iter, tol)
    damping = check.in_interval(damping, "damping", 0.0, 1.0, low_open=True)
    grad, hess = derivatives_of(f, grad, hess)
    run = Run(f, grad, x0, tol)
    for _ in range(max_iter):
        if run.converged:
            return run.result(Status.CONVERGED, "")
        x = run.path[-1]
        H = np.asarray(run.call(hess, x), dtype=float)
        try:
            candidate = newton_step(x, run.gradients[-1], H, damping=damping)
        except np.linalg.LinAlgError:
            return run.result(Status.SINGULAR_HESSIAN, "")
        if reason := run.advance(candidate):
            return run.result(Status.DIVERGED, reason)
    return run.result(Status.CONVERGED if run.converged else Status.MAX_ITER, "")
