r"""Numerical differentiation: derivatives, partials, directional derivatives, gradients,
Jacobians and Hessians by finite differences and by the complex step.

Every operator here is built from one idea: the slope at :math:`t = 0` of the curve
:math:`t \mapsto F(\mathbf x + t\,\mathbf d)`, estimated from a few values of :math:`F`.
A partial derivative uses :math:`\mathbf d = \mathbf e_i`, a directional derivative a unit
:math:`\mathbf d`, the Jacobian stacks the partials of every component, the gradient is the
Jacobian of a scalar function, and the Hessian is the Jacobian of the gradient.

Chapter 2 explains the difference formulas and their errors.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np

from .. import _validation as check

EPS = np.finfo(float).eps

METHODS = ("forward", "backward", "central", "complex")

#: Default relative step for each method: the h that balances truncation and rounding error.
DEFAULT_STEPS = {
    "forward": EPS**0.5,
    "backward": EPS**0.5,
    "central": EPS ** (1 / 3),
    "complex": 1e-20,
}

#: Relative step of the outer difference in :func:`hessian` (a second derivative by central
#: differences balances its errors near eps**(1/4)).
HESSIAN_STEP = EPS**0.25


def _step(h: object, scale: np.ndarray | float, method: str) -> np.ndarray | float:
    """The step h: given, or the method's default times max(1, |x|)."""
    if h is None:
        return DEFAULT_STEPS[method] * np.maximum(1.0, np.abs(scale))
    return check.positive(h, "h")


def _slope(F: Callable, x: np.ndarray, d: np.ndarray | float, h, method: str, name: str):
    r"""Slope at :math:`t=0` of :math:`t \mapsto F(\mathbf x + t\mathbf d)` by one difference.

    .. math::
        \text{forward } \frac{F(x+hd)-F(x)}{h},\quad
        \text{backward } \frac{F(x)-F(x-hd)}{h},\quad
        \text{central } \frac{F(x+hd)-F(x-hd)}{2h},\quad
        \text{complex } \frac{\operatorname{Im} F(x+ihd)}{h}.
    """
    where = "near x (at x +/- h d)"
    if method == "complex":
        value = check.complex_output(_call_complex(F, x + 1j * h * d), name)
        return check.finite_output(np.imag(value), name, where) / h
    with np.errstate(all="ignore"):  # a non-finite value gets a clear error below instead
        if method == "central":
            ahead, behind = F(x + h * d), F(x - h * d)
            check.finite_output(ahead - behind, name, where)
            return (ahead - behind) / (2 * h)
        centre = check.finite_output(F(x), name, "at x")
        other = F(x + h * d) if method == "forward" else F(x - h * d)
    check.finite_output(other, name, where)
    return (other - centre) / h if method == "forward" else (centre - other) / h


def _call_complex(F: Callable, z):
    """F at a complex point, or None if F cannot take complex input (it casts or refuses)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("error", np.exceptions.ComplexWarning)
        try:
            return F(z)
        except (TypeError, np.exceptions.ComplexWarning):
            return None


def derivative(f: Callable, x, *, h=None, method: str = "central"):
    r"""Derivative :math:`f'(x)` of a function of one variable by a difference quotient.

    .. math::
        f'(x) = \lim_{h\to 0} \frac{f(x+h) - f(x)}{h}

    Forward and backward differences have error :math:`O(h)`, the central difference
    :math:`O(h^2)`, and the complex step :math:`\operatorname{Im} f(x+ih)/h` has error
    :math:`O(h^2)` with no cancellation, so a tiny h gives full precision.

    Parameters
    ----------
    f : callable
        A real function of one real variable. If ``x`` is an array, ``f`` must act elementwise.
        ``method="complex"`` also needs ``f`` to accept complex numbers (numpy functions do).
    x : float or array_like
        Where to differentiate; finite real numbers.
    h : float, optional
        Step. Default: ``sqrt(eps)`` (forward, backward), ``eps**(1/3)`` (central) or ``1e-20``
        (complex), each times ``max(1, |x|)``.
    method : {"central", "forward", "backward", "complex"}

    Returns
    -------
    float or ndarray
        The estimate of :math:`f'(x)`, shaped like ``x``.

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``x`` is not real.
    ValueError
        If ``method`` is unknown, ``h`` is not positive, ``x`` or ``f`` is not finite, ``f`` does
        not act elementwise, or the complex step is asked of an ``f`` that drops imaginary parts.

    Examples
    --------
    >>> import numpy as np
    >>> round(float(derivative(np.exp, 1.0)), 8)
    2.71828183

    See chapter 2, *Derivatives*.
    """
    check.callable_(f)
    method = check.choice(method, "method", METHODS)
    x = check.real_array(x, "x")

    def elementwise(z):
        return check.same_shape_output(f(z), "f", x.shape)

    slope = _slope(elementwise, x, 1.0, _step(h, x, method), method, "f")
    return slope.item() if slope.ndim == 0 else slope


def _scalar_function(f: Callable, tool: str) -> Callable:
    """Wrap f: R^n -> R so that it returns one number or says which tool to use instead."""
    check.callable_(f)
    return lambda z: check.scalar_output(f(z), "f", tool)


def _along(F: Callable, x: np.ndarray, d: np.ndarray, h, method: str, name: str):
    """Slope of F (called ``name`` in messages) along d at x, with a step scaled by |x|."""
    return _slope(F, x, d, _step(h, np.max(np.abs(x)), method), method, name)


def partial(f: Callable, x, i: int, *, h=None, method: str = "central") -> float:
    r"""Partial derivative :math:`\partial f/\partial x_i` of :math:`f:\mathbb R^n\to\mathbb R`.

    .. math::
        \frac{\partial f}{\partial x_i}(\mathbf x)
        = \lim_{h\to 0}\frac{f(\mathbf x + h\mathbf e_i) - f(\mathbf x)}{h}

    Only coordinate ``i`` changes; the others are held fixed, so this is the slope of the
    slice of the graph of f along the i-th axis.

    Parameters
    ----------
    f : callable
        Scalar function of a 1-D array of n numbers.
    x : array_like, shape (n,)
    i : int
        Index of the coordinate, ``0 <= i < n``.
    h, method
        As in :func:`derivative`; the default step scales with :math:`|x_i|`.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``i`` is out of range, or ``f`` does not return one number, plus the cases of
        :func:`derivative`.

    Examples
    --------
    >>> round(partial(lambda p: p[0] ** 2 * p[1], [3.0, 2.0], 0), 6)
    12.0

    See chapter 2, *Derivatives*.
    """
    scalar = _scalar_function(f, "partial")
    method = check.choice(method, "method", METHODS)
    x = check.point(x, "x")
    index = check.count(i, "i", minimum=0)
    if index >= x.size:
        raise ValueError(f"i must be an index 0 <= i < {x.size}, got {i}")
    unit = np.eye(x.size)[index]
    return float(_slope(scalar, x, unit, _step(h, x[index], method), method, "f"))


def directional_derivative(f: Callable, x, v, *, h=None, method: str = "central") -> float:
    r"""Directional derivative of :math:`f:\mathbb R^n\to\mathbb R` along the unit vector of v.

    .. math::
        D_{\mathbf u} f(\mathbf x) = \frac{d}{d\alpha} f(\mathbf x + \alpha\mathbf u)
        \Big|_{\alpha=0} = \nabla f(\mathbf x)\cdot\mathbf u,
        \qquad \mathbf u = \frac{\mathbf v}{\lVert\mathbf v\rVert}

    ``v`` is normalised first: the directional derivative is defined for unit directions, and
    an unnormalised v would scale the answer by :math:`\lVert\mathbf v\rVert`.

    Parameters
    ----------
    f : callable
        Scalar function of a 1-D array of n numbers.
    x : array_like, shape (n,)
    v : array_like, shape (n,)
        A nonzero direction; only its direction matters.
    h, method
        As in :func:`derivative`.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``v`` is zero or has the wrong length, plus the cases of :func:`partial`.

    Examples
    --------
    >>> round(directional_derivative(lambda p: p[0] + p[1], [0.0, 0.0], [3.0, 4.0]), 6)
    1.4

    See chapter 2, *Derivatives*.
    """
    scalar = _scalar_function(f, "directional_derivative")
    method = check.choice(method, "method", METHODS)
    x = check.point(x, "x")
    unit = check.direction(v, "v", x.size)
    return float(_along(scalar, x, unit, h, method, "f"))


def jacobian(F: Callable, x, *, h=None, method: str = "central") -> np.ndarray:
    r"""Jacobian matrix :math:`J_F(\mathbf x)` of :math:`F:\mathbb R^n\to\mathbb R^m`.

    .. math::
        J_F(\mathbf x)_{ij} = \frac{\partial F_i}{\partial x_j}(\mathbf x),
        \qquad J_F(\mathbf x)\in\mathbb R^{m\times n}

    Row i is the gradient of the component :math:`F_i`; column j is the partial derivative
    of F along :math:`\mathbf e_j`.

    Parameters
    ----------
    F : callable
        Takes a 1-D array of n numbers and returns a number (m = 1) or a 1-D array of m numbers.
    x : array_like, shape (n,)
    h, method
        As in :func:`derivative`; the default step scales with :math:`\max_i |x_i|`.

    Returns
    -------
    ndarray, shape (m, n)

    Raises
    ------
    ValueError
        If ``F`` returns an array with more than one axis, plus the cases of :func:`derivative`.

    Examples
    --------
    >>> jacobian(lambda p: [p[0] * p[1], p[0] + p[1]], [2.0, 3.0]).round(6)
    array([[3., 2.],
           [1., 1.]])

    See chapter 5, *Jacobian and Hessian*.
    """
    check.callable_(F, "F")
    method = check.choice(method, "method", METHODS)
    x = check.point(x, "x")

    def vector(z):
        return check.vector_output(F(z), "F")

    columns = [_along(vector, x, unit, h, method, "F") for unit in np.eye(x.size)]
    return np.stack(columns, axis=1)


def gradient(f: Callable, x, *, h=None, method: str = "central") -> np.ndarray:
    r"""Gradient :math:`\nabla f(\mathbf x)` of :math:`f:\mathbb R^n\to\mathbb R`.

    .. math::
        \nabla f(\mathbf x) = \Big(\frac{\partial f}{\partial x_1}, \dots,
        \frac{\partial f}{\partial x_n}\Big)

    It is the single row of the Jacobian of a scalar function.

    Parameters
    ----------
    f : callable
        Scalar function of a 1-D array of n numbers.
    x : array_like, shape (n,)
    h, method
        As in :func:`jacobian`.

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    ValueError
        If ``f`` is vector-valued (use :func:`jacobian`), plus the cases of :func:`jacobian`.

    Examples
    --------
    >>> gradient(lambda p: p[0] ** 2 + 3 * p[1], [1.0, 5.0]).round(6)
    array([2., 3.])

    See chapter 3, *The gradient*.
    """
    return jacobian(_scalar_function(f, "gradient"), x, h=h, method=method)[0]


def hessian(f: Callable, x, *, h=None) -> np.ndarray:
    r"""Hessian matrix :math:`\nabla^2 f(\mathbf x)` of :math:`f:\mathbb R^n\to\mathbb R`.

    .. math::
        \nabla^2 f(\mathbf x)_{ij} = \frac{\partial^2 f}{\partial x_i\,\partial x_j}(\mathbf x)
        = J_{\nabla f}(\mathbf x)_{ij}

    Computed as the Jacobian of the (central-difference) gradient, then symmetrised as
    :math:`(H + H^\top)/2`, which is exact for twice continuously differentiable f.

    Parameters
    ----------
    f : callable
        Scalar function of a 1-D array of n numbers.
    x : array_like, shape (n,)
    h : float, optional
        Step of the outer difference; default ``eps**(1/4) * max(1, max|x_i|)``.

    Returns
    -------
    ndarray, shape (n, n), symmetric

    Examples
    --------
    >>> hessian(lambda p: p[0] ** 2 * p[1], [1.0, 2.0]).round(4)
    array([[4., 2.],
           [2., 0.]])

    See chapter 5, *Jacobian and Hessian*.
    """
    scalar = _scalar_function(f, "hessian")
    x = check.point(x, "x")
    step = HESSIAN_STEP * max(1.0, float(np.max(np.abs(x)))) if h is None else h
    H = jacobian(lambda z: gradient(scalar, z), x, h=step)
    return (H + H.T) / 2
