r"""Directions at a point: steepest ascent, the level curve's tangent, and the directional
derivative as a function of the angle.

All of them are read off the gradient. For a unit vector :math:`\mathbf u`,

.. math::
    D_{\mathbf u} f(\mathbf x) = \nabla f(\mathbf x)\cdot\mathbf u
    = \lVert\nabla f(\mathbf x)\rVert\cos\theta ,

where :math:`\theta` is the angle between :math:`\mathbf u` and the gradient: largest along the
gradient, smallest against it, zero across it (along the level curve). Chapter 3 explains why.
"""

from __future__ import annotations

import numpy as np

from .. import _validation as check


def unit_vector(angle) -> np.ndarray:
    r"""The unit vector of the plane at an angle, measured anticlockwise from the x-axis.

    .. math::
        \mathbf u(\theta) = (\cos\theta, \sin\theta)

    Parameters
    ----------
    angle : float or array_like
        :math:`\theta` in radians.

    Returns
    -------
    ndarray, shape (2, ...)
        Coordinates first, then the shape of ``angle``.

    Raises
    ------
    TypeError, ValueError
        If ``angle`` is not finite real numbers.

    Examples
    --------
    >>> unit_vector(np.pi / 2).round(12)
    array([0., 1.])

    See chapter 3, *The gradient*.
    """
    theta = check.real_array(angle, "angle")
    return np.stack([np.cos(theta), np.sin(theta)])


def directional_profile(grad, angles) -> np.ndarray:
    r"""Directional derivatives of a function of two variables in every direction of a list.

    .. math::
        D_{\mathbf u(\theta)} f(\mathbf x) = \nabla f(\mathbf x)\cdot\mathbf u(\theta)
        = \frac{\partial f}{\partial x}\cos\theta + \frac{\partial f}{\partial y}\sin\theta

    Parameters
    ----------
    grad : array_like, shape (2,)
        The gradient :math:`\nabla f(\mathbf x)` at the point.
    angles : float or array_like
        Directions :math:`\theta` in radians.

    Returns
    -------
    ndarray
        Shaped like ``angles``. Its largest value is :math:`\lVert\nabla f(\mathbf x)\rVert`, at the
        gradient's own angle.

    Raises
    ------
    TypeError, ValueError
        If ``grad`` is not two finite numbers or ``angles`` are not finite.

    Examples
    --------
    >>> directional_profile([3.0, 4.0], [0.0, np.pi / 2, np.arctan2(4.0, 3.0)]).round(12)
    array([3., 4., 5.])

    See chapter 3, *The gradient*.
    """
    g = check.point(grad, "grad", 2)
    return np.tensordot(g, unit_vector(angles), axes=1)


def steepest_ascent(grad) -> np.ndarray:
    r"""The unit direction in which f increases fastest: the normalised gradient.

    .. math::
        \mathbf u^* = \frac{\nabla f(\mathbf x)}{\lVert\nabla f(\mathbf x)\rVert},
        \qquad D_{\mathbf u^*} f(\mathbf x) = \lVert\nabla f(\mathbf x)\rVert

    Steepest *descent* is :math:`-\mathbf u^*`.

    Parameters
    ----------
    grad : array_like, shape (n,)
        The gradient at the point.

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    ValueError
        If the gradient is zero: at a stationary point every directional derivative is 0, so
        no direction is steepest.

    Examples
    --------
    >>> steepest_ascent([3.0, -4.0])
    array([ 0.6, -0.8])

    See chapter 3, *The gradient*.
    """
    g = check.point(grad, "grad")
    length = np.linalg.norm(g)
    if length == 0:
        check.zero_gradient("steepest_ascent")
    return g / length


def level_tangent(grad) -> np.ndarray:
    r"""The unit tangent of the level curve through a point of a function of two variables.

    It is the normalised gradient turned a quarter turn anticlockwise,

    .. math::
        \mathbf t = \frac{(-\partial f/\partial y,\ \partial f/\partial x)}{\lVert\nabla f\rVert},
        \qquad \nabla f\cdot\mathbf t = 0 ,

    because the gradient is perpendicular to the level curve (chapter 3 proves it).

    Parameters
    ----------
    grad : array_like, shape (2,)
        The gradient at the point.

    Returns
    -------
    ndarray, shape (2,)

    Raises
    ------
    ValueError
        If the gradient is zero: there the level set need not be a curve (at a saddle, two
        curves cross; at a minimum, it is a single point).

    Examples
    --------
    >>> level_tangent([3.0, 4.0])
    array([-0.8,  0.6])

    See chapter 3, *The gradient*.
    """
    g = check.point(grad, "grad", 2)
    length = np.linalg.norm(g)
    if length == 0:
        check.zero_gradient("level_tangent")
    return np.array([-g[1], g[0]]) / length
