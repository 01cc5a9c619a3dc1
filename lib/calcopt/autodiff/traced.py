"""How a traced value behaves inside the function being differentiated.

It looks like a numpy array: it has a shape, supports ``+ - * / ** @``, unary minus, indexing,
``.T`` and ``.reshape``, mixes with numpy arrays and numbers under numpy's broadcasting, and
compares like its plain value (comparisons have no derivative, so they give plain booleans);
``numpy.shape``, ``numpy.zeros_like`` and the like, which read only its shape, work too.
Each operator calls a primitive of the table, which records or propagates the derivative.

Where numpy or scipy would silently drop the derivative (``numpy.exp(x)``, ``float(x)``,
``math.exp(x)``, ``out[:] = x`` or ``out += x`` for a numpy array ``out``), it raises a
``TypeError`` that says which calcopt.autodiff function to use instead. One case escapes:
``out[i] = x[0]`` makes numpy raise its own ``ValueError`` ("setting an array element with a
sequence") before it asks the traced value anything.
"""

from __future__ import annotations

import operator

import numpy as np

from .. import _validation as check
from . import table
from .primitive import Traced, primal

#: numpy ufuncs (and scipy's expit) that calcopt.autodiff replaces by a function of its own.
REPLACEMENTS = {
    "exp": "exp",
    "log": "log",
    "sin": "sin",
    "cos": "cos",
    "tanh": "tanh",
    "sqrt": "sqrt",
    "expit": "sigmoid",
    "logaddexp": "softplus",
    "sum": "sum",
    "mean": "mean",
    "dot": "dot",
    "inner": "dot",
    "transpose": "transpose (write x.T)",
    "reshape": "reshape (write x.reshape(shape))",
}

#: numpy ufuncs that are operators: ``array + traced`` calls numpy.add, which lands here.
OPERATOR_UFUNCS = {
    np.add: table.add,
    np.subtract: table.subtract,
    np.multiply: table.multiply,
    np.true_divide: table.divide,
    np.power: table.power,
    np.negative: table.negative,
    np.matmul: table.matmul,
}

#: numpy functions that read only a traced value's shape: they get its plain value.
SHAPE_ONLY = {np.shape, np.ndim, np.size, np.zeros_like, np.ones_like}

COMPARISONS = {
    np.less: operator.lt,
    np.less_equal: operator.le,
    np.greater: operator.gt,
    np.greater_equal: operator.ge,
    np.equal: operator.eq,
    np.not_equal: operator.ne,
}


def _operator(primitive, reflected: bool = False):
    if reflected:
        return lambda self, other: primitive(other, self)
    return lambda self, other: primitive(self, other)


def _comparison(compare):
    return lambda self, other: compare(primal(self), primal(other))


def _qualified(function) -> str:
    name = function.__name__
    return f"numpy.{name}" if getattr(np, name, None) is function else name


class TracedArray(Traced):
    """A value being differentiated, used like a numpy array (see the module docstring)."""

    __slots__ = ()
    __hash__ = None  # comparisons are elementwise, as for numpy arrays

    __add__, __radd__ = _operator(table.add), _operator(table.add, True)
    __sub__, __rsub__ = _operator(table.subtract), _operator(table.subtract, True)
    __mul__, __rmul__ = _operator(table.multiply), _operator(table.multiply, True)
    __truediv__, __rtruediv__ = _operator(table.divide), _operator(table.divide, True)
    __pow__, __rpow__ = _operator(table.power), _operator(table.power, True)
    __matmul__, __rmatmul__ = _operator(table.matmul), _operator(table.matmul, True)
    __lt__, __le__ = _comparison(operator.lt), _comparison(operator.le)
    __gt__, __ge__ = _comparison(operator.gt), _comparison(operator.ge)
    __eq__, __ne__ = _comparison(operator.eq), _comparison(operator.ne)

    def __neg__(self):
        return table.negative(self)

    def __pos__(self):
        return self

    def __getitem__(self, index):
        return table.getitem(self, index=index)

    def __len__(self) -> int:
        return len(self.inner)

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def __bool__(self) -> bool:
        return bool(primal(self))

    @property
    def shape(self) -> tuple[int, ...]:
        return np.shape(primal(self))

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        return int(np.prod(self.shape))

    @property
    def T(self):
        return table.transpose(self)

    def reshape(self, *shape):
        """The same entries in another shape, like ``numpy.ndarray.reshape``."""
        return table.reshape(self, shape=shape[0] if len(shape) == 1 else shape)

    def __getattr__(self, name: str):
        check.traced_attribute(name)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if method == "__call__" and not kwargs:
            if ufunc in OPERATOR_UFUNCS:
                return OPERATOR_UFUNCS[ufunc](*inputs)
            if ufunc in COMPARISONS:
                return COMPARISONS[ufunc](*(primal(value) for value in inputs))
        if "out" in kwargs:
            check.traced_to_number()
        check.numpy_on_traced(_qualified(ufunc), REPLACEMENTS.get(ufunc.__name__))

    def __array_function__(self, function, types, args, kwargs):
        if function in SHAPE_ONLY:
            return function(*(primal(arg) for arg in args), **kwargs)
        check.numpy_on_traced(_qualified(function), REPLACEMENTS.get(function.__name__))

    def __array__(self, dtype=None, copy=None):
        check.traced_to_number()

    def __float__(self):
        check.traced_to_number()

    __int__ = __complex__ = __index__ = __float__
