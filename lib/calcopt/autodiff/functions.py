r"""The elementwise and reduction functions that calcopt.autodiff differentiates.

Each works on numbers, numpy arrays and traced values alike: on plain input it is the numpy
function; on a traced value it is recorded (reverse mode) or carries a tangent (forward mode).
Use them, not numpy's, inside a function you differentiate.
"""

from __future__ import annotations

import numpy as np

from . import table
from .primitive import shape_of


def exp(x):
    r"""The exponential :math:`e^x`, elementwise; :math:`\frac{d}{dx}e^x = e^x`.

    Raises ``ValueError`` where it overflows (x above about 709).

    Examples
    --------
    >>> from calcopt.autodiff import exp, grad
    >>> float(exp(0.0)), grad(lambda x: exp(2 * x))(0.0)
    (1.0, 2.0)
    """
    return table.exp(x)


def log(x):
    r"""The natural logarithm, elementwise; :math:`\frac{d}{dx}\log x = 1/x`.

    Raises ``ValueError`` unless every entry is positive.

    Examples
    --------
    >>> from calcopt.autodiff import grad, log
    >>> grad(lambda x: log(x))(4.0)
    0.25
    """
    return table.log(x)


def sin(x):
    r"""The sine, elementwise; :math:`\frac{d}{dx}\sin x = \cos x`.

    Examples
    --------
    >>> from calcopt.autodiff import grad, sin
    >>> grad(lambda x: sin(x))(0.0)
    1.0
    """
    return table.sin(x)


def cos(x):
    r"""The cosine, elementwise; :math:`\frac{d}{dx}\cos x = -\sin x`.

    Examples
    --------
    >>> from calcopt.autodiff import cos, grad
    >>> grad(lambda x: cos(x))(0.0)
    -0.0
    """
    return table.cos(x)


def tanh(x):
    r"""The hyperbolic tangent, elementwise; :math:`\frac{d}{dx}\tanh x = 1 - \tanh^2 x`.

    Examples
    --------
    >>> from calcopt.autodiff import grad, tanh
    >>> grad(lambda x: tanh(x))(0.0)
    1.0
    """
    return table.tanh(x)


def sqrt(x):
    r"""The square root, elementwise; :math:`\frac{d}{dx}\sqrt x = 1/(2\sqrt x)`.

    Its value exists for :math:`x \ge 0`, its derivative only for :math:`x > 0`: differentiating
    where an entry is 0 raises :class:`~calcopt.autodiff.NotDifferentiableError` (the slope is
    infinite; ``sqrt(sum(x**2))``, the norm, has no gradient at 0).

    Examples
    --------
    >>> from calcopt.autodiff import grad, sqrt
    >>> grad(lambda x: sqrt(x))(4.0)
    0.25
    """
    return table.sqrt(x)


def sigmoid(x):
    r"""The logistic function :math:`\sigma(x) = 1/(1 + e^{-x})`, elementwise;
    :math:`\sigma' = \sigma(1 - \sigma)`.

    Examples
    --------
    >>> from calcopt.autodiff import grad, sigmoid
    >>> float(sigmoid(0.0)), grad(lambda x: sigmoid(x))(0.0)
    (0.5, 0.25)
    """
    return table.sigmoid(x)


def relu(x):
    r""":math:`\max(x, 0)`, elementwise; its derivative is 1 for x > 0 and 0 for x < 0.

    At x = 0 it has no derivative; calcopt.autodiff uses the slope 0 there (a convention that
    PyTorch and JAX share: any slope in [0, 1] is a subgradient).

    Examples
    --------
    >>> from calcopt.autodiff import grad, relu
    >>> [grad(lambda x: relu(x))(x) for x in (-1.0, 0.0, 2.0)]
    [0.0, 0.0, 1.0]
    """
    return table.relu(x)


def softplus(x):
    r""":math:`\log(1 + e^x)`, elementwise, computed without overflow; its derivative is
    :math:`\sigma(x)`.

    The cross-entropy of a sigmoid output with logit z and label y is
    ``softplus(z) - y * z``, which stays finite where :math:`\log\sigma(z)` would not.

    Examples
    --------
    >>> from calcopt.autodiff import grad, softplus
    >>> float(softplus(1000.0)), grad(lambda x: softplus(x))(0.0)
    (1000.0, 0.5)
    """
    return table.softplus(x)


def sum(x, axis=None):
    r"""The sum of the entries (over ``axis``, or all of them); its adjoint is copied back to
    every summed entry.

    .. math::
        \frac{\partial}{\partial x_i}\sum_j x_j = 1

    Examples
    --------
    >>> from calcopt.autodiff import grad, sum
    >>> grad(lambda x: sum(x * x))([1.0, 2.0]).tolist()
    [2.0, 4.0]
    >>> sum([[1.0, 2.0], [3.0, 4.0]], axis=0).tolist()
    [4.0, 6.0]
    """
    return table.sum_(x, axis=axis)


def mean(x, axis=None):
    r"""The mean of the entries (over ``axis``, or all of them): the sum divided by their count.

    Examples
    --------
    >>> from calcopt.autodiff import grad, mean
    >>> grad(lambda x: mean(x))([1.0, 2.0, 6.0, 7.0]).tolist()
    [0.25, 0.25, 0.25, 0.25]
    """
    total = table.sum_(x, axis=axis)
    return total / (int(np.prod(shape_of(x))) // int(np.prod(shape_of(total))))


def dot(a, b):
    r"""The product of vectors and matrices, ``a @ b``: the inner product of two vectors, a
    matrix times a vector, or a matrix product.

    .. math::
        (AB)_{ij} = \sum_k A_{ik} B_{kj}, \qquad
        \bar A = \bar C B^\top, \quad \bar B = A^\top \bar C

    Raises ``ValueError`` unless a and b are 1-D or 2-D with matching inner lengths.

    Examples
    --------
    >>> from calcopt.autodiff import dot, grad
    >>> grad(lambda x: dot(x, x))([1.0, 2.0]).tolist()
    [2.0, 4.0]
    """
    return table.matmul(a, b)
