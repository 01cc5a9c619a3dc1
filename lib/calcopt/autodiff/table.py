r"""The primitive table: every operation calcopt.autodiff differentiates, with its rules.

Each entry is one :class:`~calcopt.autodiff.primitive.Primitive`: a numpy function and one rule
per argument, written with the primitives of this table so that the rules can themselves be
differentiated (that is how :func:`~calcopt.autodiff.hvp` differentiates a gradient).

*Elementwise* entries give :math:`g\,\partial y/\partial a` for each argument :math:`a`; the
same rule is the reverse-mode product (``g`` an adjoint) and the forward-mode one (``g`` a
tangent). With numpy broadcasting an argument may be smaller than the result: reverse mode then
sums the adjoint back to the argument's shape (:data:`sum_to`) and forward mode broadcasts the
tangent up (:data:`broadcast_to`).

*Linear* entries (matrix product, sums, reshapes, indexing) give the vector-Jacobian product,
the transpose of the map; their Jacobian-vector product is the map itself applied to the
tangent. Each of these transposes is another entry of the table: ``getitem`` and
``scatter_add``, ``broadcast_to`` and ``sum_to``, ``reshape`` and ``transpose`` are pairs.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from .. import _validation as check
from .primitive import Primitive, Singularity, shape_of


def _broadcastable(symbol: str):
    def check_shapes(a, b) -> None:
        try:
            np.broadcast_shapes(np.shape(a), np.shape(b))
        except ValueError:
            check.broadcast_mismatch(symbol, np.shape(a), np.shape(b))

    return check_shapes


def _binary(name: str, function, symbol: str, rules, **options) -> Primitive:
    """An elementwise primitive of two broadcast arguments, written ``a <symbol> b``."""
    template = f"{{0}} {symbol} {{1}}"
    return Primitive(
        name, function, rules, template=template, check_shapes=_broadcastable(symbol), **options
    )


# Elementwise: rules[i](g, y, *args) = g times the partial derivative of y = f(args) in args[i].
add = _binary("add", np.add, "+", (lambda g, y, a, b: g, lambda g, y, a, b: g))
subtract = _binary("subtract", np.subtract, "-", (lambda g, y, a, b: g, lambda g, y, a, b: -g))
multiply = _binary(
    "multiply", np.multiply, "*", (lambda g, y, a, b: g * b, lambda g, y, a, b: g * a)
)
divide = _binary(
    "divide",
    np.true_divide,
    "/",
    (lambda g, y, a, b: g / b, lambda g, y, a, b: -g * y / b),
    domain="a nonzero divisor",
)
power = _binary(
    "power",
    np.power,
    "**",
    (lambda g, y, a, b: g * b * a ** (b - 1), lambda g, y, a, b: g * y * log(a)),
    domain="a ** b needs a > 0, or a < 0 with an integer b, or a = 0 with b >= 0",
    singular={
        0: Singularity(
            lambda a, b: (a == 0) & (b < 1),
            "in a at a = 0 when a ** b has b < 1 "
            "(the slope b a^(b-1) is infinite or undefined there)",
        ),
        1: Singularity(
            lambda a, b: a <= 0,
            "in the exponent b where a <= 0 "
            "(the slope a^b log(a) needs a > 0); make the exponent a constant",
        ),
    },
)
negative = Primitive("negative", np.negative, (lambda g, y, x: -g,), template="-{0}")
exp = Primitive("exp", np.exp, (lambda g, y, x: g * y,), domain="numbers up to about 709")
log = Primitive("log", np.log, (lambda g, y, x: g / x,), domain="positive numbers")
sin = Primitive("sin", np.sin, (lambda g, y, x: g * cos(x),))
cos = Primitive("cos", np.cos, (lambda g, y, x: -(g * sin(x)),))
tanh = Primitive("tanh", np.tanh, (lambda g, y, x: g * (1 - y * y),))
sqrt = Primitive(
    "sqrt",
    np.sqrt,
    (lambda g, y, x: g / (2 * y),),
    domain="numbers >= 0",
    singular={0: Singularity(lambda x: x == 0, "at 0 (its slope 1/(2 sqrt(x)) is infinite there)")},
)
sigmoid = Primitive("sigmoid", expit, (lambda g, y, x: g * (y * (1 - y)),))
relu = Primitive("relu", lambda x: np.maximum(x, 0.0), (lambda g, y, x: g * (x > 0),))
softplus = Primitive("softplus", lambda x: np.logaddexp(0.0, x), (lambda g, y, x: g * sigmoid(x),))


# Linear: rules[i](g, y, *args, **params) is the vector-Jacobian product (the transposed map).
def _kept_shape(shape: tuple, axis) -> tuple:
    """The shape of a sum over ``axis`` with the summed axes kept as length 1."""
    ndim = len(shape)
    summed = set(range(ndim)) if axis is None else {int(a) % ndim for a in np.atleast_1d(axis)}
    return tuple(1 if i in summed else n for i, n in enumerate(shape))


def _sum_to(x, shape: tuple) -> np.ndarray:
    """Sum x over the axes that broadcasting added or stretched, so that it gets ``shape``."""
    x = np.asarray(x)
    lead = x.ndim - len(shape)
    stretched = [lead + i for i, n in enumerate(shape) if n == 1 and x.shape[lead + i] != 1]
    return np.sum(x, axis=(*range(lead), *stretched), keepdims=True).reshape(shape)


def _scatter_add(g, index, shape: tuple) -> np.ndarray:
    """Zeros of ``shape`` with g added at ``index`` (repeated indices add up)."""
    out = np.zeros(shape)
    np.add.at(out, index, g)
    return out


def _matmul(a, b) -> np.ndarray:
    a_shape, b_shape = np.shape(a), np.shape(b)
    if not (len(a_shape) in (1, 2) and len(b_shape) in (1, 2) and a_shape[-1] == b_shape[0]):
        check.matmul_mismatch(a_shape, b_shape)
    return np.matmul(a, b)


def _as_matrices(a, b, g):
    """a as rows, b as columns and g as their product's matrix: vectors become 1 x n or n x 1."""
    a_shape, b_shape = shape_of(a), shape_of(b)
    rows = a_shape if len(a_shape) == 2 else (1, a_shape[0])
    columns = b_shape if len(b_shape) == 2 else (b_shape[0], 1)
    return _reshaped(a, rows), _reshaped(b, columns), _reshaped(g, (rows[0], columns[1]))


def _matmul_left(g, y, a, b):
    _, columns, g = _as_matrices(a, b, g)
    return _reshaped(matmul(g, transpose(columns)), shape_of(a))


def _matmul_right(g, y, a, b):
    rows, _, g = _as_matrices(a, b, g)
    return _reshaped(matmul(transpose(rows), g), shape_of(b))


def _reshaped(x, shape: tuple):
    return x if shape_of(x) == shape else reshape(x, shape=shape)


def _spread(g, kept: tuple, shape: tuple):
    """The adjoint of a sum: g, with the summed axes restored as ``kept``, copied along them."""
    return broadcast_to(_reshaped(g, kept), shape=shape)


matmul = Primitive(
    "matmul", _matmul, (_matmul_left, _matmul_right), linear=True, template="{0} @ {1}"
)
transpose = Primitive(
    "transpose", np.transpose, (lambda g, y, x: transpose(g),), linear=True, template="{0}.T"
)
reshape = Primitive(
    "reshape",
    lambda x, shape: np.reshape(x, shape),
    (lambda g, y, x, shape: reshape(g, shape=shape_of(x)),),
    linear=True,
)
sum_ = Primitive(
    "sum",
    lambda x, axis: np.sum(x, axis=axis),
    (lambda g, y, x, axis: _spread(g, _kept_shape(shape_of(x), axis), shape_of(x)),),
    linear=True,
)
broadcast_to = Primitive(
    "broadcast_to",
    lambda x, shape: np.broadcast_to(x, shape),
    (lambda g, y, x, shape: sum_to(g, shape=shape_of(x)),),
    linear=True,
)
sum_to = Primitive(
    "sum_to",
    _sum_to,
    (lambda g, y, x, shape: broadcast_to(g, shape=shape_of(x)),),
    linear=True,
)
getitem = Primitive(
    "getitem",
    lambda x, index: x[index],
    (lambda g, y, x, index: scatter_add(g, index=index, shape=shape_of(x)),),
    linear=True,
    template="{0}[{index}]",
)
scatter_add = Primitive(
    "scatter_add",
    _scatter_add,
    (lambda g, y, x, index, shape: getitem(g, index=index),),
    linear=True,
)
