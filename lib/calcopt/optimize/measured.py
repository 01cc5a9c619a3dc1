r"""Rates of convergence: the errors along a path and the ratios that tell linear from quadratic.

A sequence :math:`\mathbf x_k \to \mathbf x^*` with errors :math:`e_k = \lVert\mathbf x_k -
\mathbf x^*\rVert` converges **linearly** with rate :math:`\rho \in (0, 1)` if
:math:`e_{k+1}/e_k \to \rho`, and **quadratically** if :math:`e_{k+1}/e_k^2` stays bounded.
Gradient descent with a fixed step converges linearly near a nondegenerate minimum; Newton's
method converges quadratically. Chapter 6 explains both.
"""

from __future__ import annotations

import numpy as np

from .. import _validation as check


def errors(path, limit) -> np.ndarray:
    r"""Distances :math:`e_k = \lVert\mathbf x_k - \mathbf x^*\rVert` of the iterates to a limit.

    Parameters
    ----------
    path : array_like, shape (k, n)
        Iterates :math:`\mathbf x_0, \dots, \mathbf x_{k-1}`, for example ``result.path``.
    limit : array_like, shape (n,)
        The point :math:`\mathbf x^*` the iterates approach.

    Returns
    -------
    ndarray, shape (k,)

    Raises
    ------
    ValueError
        If ``path`` is not a finite (k, n) array or ``limit`` has the wrong length.

    Examples
    --------
    >>> errors([[3.0, 4.0], [0.0, 1.0]], [0.0, 0.0]).tolist()
    [5.0, 1.0]

    See chapter 6, *Newton's method*.
    """
    points = check.real_array(path, "path")
    if points.ndim != 2 or points.shape[0] == 0:
        raise ValueError(f"path must have shape (k, n) with k >= 1, got shape {points.shape}")
    target = check.point(limit, "limit", points.shape[1])
    return np.linalg.norm(points - target, axis=1)


def ratios(errs, order: int = 1) -> np.ndarray:
    r"""Successive ratios :math:`e_{k+1} / e_k^p` of an error sequence.

    .. math::
        r_k = \frac{e_{k+1}}{e_k^{\,p}}, \qquad k = 0, 1, \dots

    With p = 1 they approach the rate :math:`\rho` of a linearly convergent sequence; with
    p = 2 they stay bounded for a quadratically convergent one. A ratio whose denominator is 0
    (the limit was reached exactly) is NaN.

    Parameters
    ----------
    errs : array_like, shape (k,)
        Nonnegative errors, for example from :func:`errors`.
    order : int
        The power p, 1 or 2.

    Returns
    -------
    ndarray, shape (k - 1,)

    Raises
    ------
    ValueError
        If ``errs`` is not a 1-D array of finite numbers >= 0 or ``order`` is not 1 or 2.

    Examples
    --------
    >>> ratios([1e-1, 1e-2, 1e-4], order=2).round(12).tolist()
    [1.0, 1.0]

    See chapter 6, *Newton's method*.
    """
    values = _error_sequence(errs)
    if order not in (1, 2):
        raise ValueError(f"order must be 1 (linear) or 2 (quadratic), got {order!r}")
    with np.errstate(divide="ignore", invalid="ignore"):
        result = values[1:] / values[:-1] ** order
    result[values[:-1] == 0] = np.nan
    return result


def orders(errs) -> np.ndarray:
    r"""Estimates of the order of convergence from three successive errors.

    .. math::
        p_k = \frac{\log(e_{k+1}/e_k)}{\log(e_k/e_{k-1})}

    For a sequence with :math:`e_{k+1} \approx C e_k^p` these estimates approach p: about 1 for
    linear convergence and about 2 for quadratic convergence. An estimate that needs a zero
    error, or equal successive errors, is NaN.

    Parameters
    ----------
    errs : array_like, shape (k,)

    Returns
    -------
    ndarray, shape (k - 2,)

    Examples
    --------
    >>> orders([1e-1, 1e-2, 1e-4, 1e-8]).round(12).tolist()
    [2.0, 2.0]

    See chapter 6, *Newton's method*.
    """
    values = _error_sequence(errs)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(values[1:] / values[:-1])
        result = logs[1:] / logs[:-1]
    result[~np.isfinite(result)] = np.nan
    return result


def _error_sequence(errs) -> np.ndarray:
    values = check.real_array(errs, "errs")
    if values.ndim != 1:
        raise ValueError(f"errs must be a 1-D array of errors, got shape {values.shape}")
    if np.any(values < 0):
        raise ValueError("errs must be distances >= 0; compute them with errors(path, limit)")
    return values
