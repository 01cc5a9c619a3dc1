r"""Gradient checking: a gradient against central differences of the function itself.

A gradient computed by code (reverse mode, or backward rules written by hand) can be checked
with values of f alone. Along a unit direction :math:`\mathbf v` the directional derivative is
:math:`\nabla f(\mathbf x)\cdot\mathbf v`, and the central difference

.. math::
    D_h = \frac{f(\mathbf x + h\mathbf v) - f(\mathbf x - h\mathbf v)}{2h}

approaches it with an error of order :math:`h^2` from truncation plus one of order
:math:`\varepsilon_{\text{mach}}|f|/h` from rounding: the V-shaped curve of chapter 2. One
direction costs two evaluations per step, whatever the number of inputs; a random direction
involves every coordinate, so a wrong entry of the gradient shows up with probability 1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .. import _validation as check
from .derivatives import grad

#: Steps h from 1e-12 to 1e-1, four per decade: both arms of the V and its floor.
STEPS = np.geomspace(1e-12, 1e-1, 45)


@dataclass(frozen=True)
class GradientCheck:
    r"""The relative error of central differences against a gradient, for a range of steps.

    Attributes
    ----------
    direction : ndarray
        The unit direction :math:`\mathbf v`, shaped like x.
    slope : float
        :math:`\nabla f(\mathbf x)\cdot\mathbf v` from the gradient being checked.
    h : ndarray
        The steps, increasing.
    estimate : ndarray
        The central difference :math:`D_h` at each step.
    error : ndarray
        :math:`|D_h - \nabla f\cdot\mathbf v| / \max(|D_h|, |\nabla f\cdot\mathbf v|)` (0
        where both are 0).
    best_h, best_error : float
        The step with the smallest relative error (the largest such step if several tie), and
        that error.
    """

    direction: np.ndarray
    slope: float
    h: np.ndarray
    estimate: np.ndarray
    error: np.ndarray
    best_h: float
    best_error: float


def relative_error(a, b) -> np.ndarray:
    r""":math:`|a - b| / \max(|a|, |b|)` entrywise, 0 where a = b = 0.

    Examples
    --------
    >>> relative_error([1.0, 0.0, 2.0], [1.1, 0.0, -2.0]).round(4).tolist()
    [0.0909, 0.0, 2.0]
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = np.maximum(np.abs(a), np.abs(b))
    return np.divide(np.abs(a - b), scale, out=np.zeros(np.broadcast(a, b).shape), where=scale > 0)


def gradient_check(
    f: Callable,
    x,
    *,
    gradient: Callable | None = None,
    direction=None,
    steps=None,
    seed: int = 0,
) -> GradientCheck:
    r"""Check a gradient at x against central differences of f along one direction.

    .. math::
        e(h) = \frac{|D_h - \nabla f(\mathbf x)\cdot\mathbf v|}
        {\max(|D_h|, |\nabla f(\mathbf x)\cdot\mathbf v|)}

    A correct gradient gives a V-shaped curve whose floor is near rounding level (around
    :math:`10^{-10}` for a well-scaled f, at h near :math:`\varepsilon_{\text{mach}}^{1/3}
    \approx 6\cdot 10^{-6}`); a wrong one gives an error that no step brings down.

    Parameters
    ----------
    f : callable
        The scalar function, evaluated at plain arrays shaped like x.
    x : array_like
        The point.
    gradient : callable, optional
        The gradient to check, ``gradient(x)`` shaped like x; by default reverse mode,
        :func:`~calcopt.autodiff.grad` of f (then f must be written with calcopt.autodiff's
        functions).
    direction : array_like, optional
        Shaped like x, not zero; scaled to unit length. By default a random unit vector.
    steps : array_like, optional
        Positive steps h; default :data:`STEPS` (1e-12 to 1e-1).
    seed : int
        Seed of the random direction.

    Returns
    -------
    GradientCheck

    Raises
    ------
    ValueError
        If the gradient does not have the shape of x, the direction is zero or a step is not
        positive.

    Examples
    --------
    >>> import calcopt.autodiff as ad
    >>> result = gradient_check(lambda x: ad.sum(ad.exp(x)), [0.0, 1.0])
    >>> bool(result.best_error < 1e-9), bool(1e-7 <= result.best_h <= 1e-4)
    (True, True)
    >>> wrong = gradient_check(lambda x: ad.sum(ad.exp(x)), [0.0, 1.0], gradient=lambda x: x)
    >>> bool(wrong.best_error > 0.1)
    True

    See chapter 9, *Automatic differentiation*.
    """
    check.callable_(f)
    x = check.nonempty(check.real_array(x, "x"), "x")
    gradient = grad(f) if gradient is None else check.callable_(gradient, "gradient")
    if direction is None:
        rng = np.random.default_rng(check.count(seed, "seed", minimum=0))
        direction = rng.standard_normal(x.shape)
    v = check.shaped_like(direction, "direction", x.shape, "x")
    v = check.direction(v.ravel(), "direction").reshape(x.shape)
    h = np.sort(check.real_array(STEPS if steps is None else steps, "steps").ravel())
    if h.size == 0 or h[0] <= 0:
        raise ValueError(f"steps must be positive numbers, got {steps!r}")
    g = check.shaped_like(gradient(x), "gradient(x)", x.shape, "x")
    slope = float(np.sum(g * v))
    estimate = np.array([(f(x + step * v) - f(x - step * v)) / (2 * step) for step in h])
    error = relative_error(estimate, slope)
    best = int(np.flatnonzero(error == error.min())[-1])
    return GradientCheck(v, slope, h, estimate, error, float(h[best]), float(error[best]))
