r"""The differential operators: gradients, Jacobian-vector and vector-Jacobian products,
Jacobians in either mode, and Hessian-vector products.

For :math:`F:\mathbb R^n\to\mathbb R^m` with Jacobian :math:`J` at :math:`\mathbf x`:

- forward mode gives :math:`J\mathbf v` in one pass (:func:`jvp`), so a Jacobian costs n passes;
- reverse mode gives :math:`\mathbf u^\top J` in one pass (:func:`vjp`), so a Jacobian costs m
  passes and the gradient of a scalar loss (m = 1) costs one, whatever n is;
- the Hessian-vector product is forward mode applied to the reverse-mode gradient,
  :math:`H\mathbf v = \frac{d}{d\varepsilon}\nabla f(\mathbf x + \varepsilon\mathbf v)
  \big|_{\varepsilon=0}`, without ever forming H.

Chapter 9, *Automatic differentiation*, explains them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import _validation as check
from .forward import push_forward
from .primitive import Traced, shape_of
from .reverse import Tape

MODES = ("reverse", "forward")


def _array(value, name: str):
    """A finite real array, or a value that an enclosing differentiation traces."""
    return value if isinstance(value, Traced) else check.real_array(value, name)


def _plain(value):
    """A float for a single plain number, else the array (traced values pass unchanged)."""
    if isinstance(value, Traced):
        return value
    array = np.asarray(value, dtype=float)
    return float(array) if array.ndim == 0 else array


def record(f: Callable, x) -> tuple[Tape, object]:
    """Run f with x traced on a new tape (its first node): the tape and f's output."""
    check.callable_(f)
    tape = Tape()
    return tape, _array(f(tape.record(_array(x, "x"))), "f(x)")


def vjp(f: Callable, x) -> tuple[object, Callable]:
    r"""The value :math:`F(\mathbf x)` and the map :math:`\mathbf u \mapsto \mathbf u^\top J`
    (reverse mode).

    .. math::
        (\mathbf u^\top J)_j = \sum_i u_i\,\frac{\partial F_i}{\partial x_j}(\mathbf x)

    f runs once, recording its operations; each call of the returned map is one backward pass
    over that record, so the rows of J, or any combination of them, cost one pass each.

    Parameters
    ----------
    f : callable
        Built from calcopt.autodiff's functions and the operators ``+ - * / ** @``.
    x : array_like
        The point, any shape.

    Returns
    -------
    value : float or ndarray
        :math:`F(\mathbf x)`.
    pullback : callable
        Takes u shaped like the value and returns :math:`\mathbf u^\top J`, shaped like x.

    Raises
    ------
    ValueError
        If u does not have the shape of the value, plus the errors of the primitives.
    TypeError
        If f applies a numpy function to the traced x (the message names the replacement).

    Examples
    --------
    >>> from calcopt.autodiff import vjp
    >>> value, pullback = vjp(lambda x: x * x[0], [2.0, 3.0])
    >>> value.tolist(), pullback([1.0, 0.0]).tolist(), pullback([0.0, 1.0]).tolist()
    ([4.0, 6.0], [4.0, 0.0], [3.0, 2.0])

    See chapter 9, *Automatic differentiation*.
    """
    tape, out = record(f, x)
    start = tape.nodes[0]
    value = out.inner if tape.owns(out) else out

    def pullback(u):
        seed = u if isinstance(u, Traced) else check.shaped_like(u, "u", shape_of(value), "f(x)")
        adjoint = tape.backward(out, seed)[0] if tape.owns(out) else None
        return _plain(np.zeros(shape_of(start)) if adjoint is None else adjoint)

    return _plain(value), pullback


def _value_and_grad(f: Callable, tool: str) -> Callable:
    check.callable_(f)

    def evaluate(x):
        value, pullback = vjp(f, x)
        check.scalar_traced_output(shape_of(value), tool)
        return value, pullback(1.0)

    return evaluate


def value_and_grad(f: Callable) -> Callable:
    r"""The function :math:`\mathbf x \mapsto (f(\mathbf x), \nabla f(\mathbf x))` of a scalar f
    (reverse mode, one backward pass).

    Parameters
    ----------
    f : callable
        Returns one number; built from calcopt.autodiff's functions and operators.

    Returns
    -------
    callable
        Takes x (any shape) and returns ``(value, gradient)``, the gradient shaped like x.

    Raises
    ------
    ValueError
        When called, if f returns an array (use :func:`jacobian` or :func:`vjp`).

    Examples
    --------
    >>> from calcopt.autodiff import sum, value_and_grad
    >>> value, gradient = value_and_grad(lambda x: sum(x**2))([1.0, 2.0])
    >>> value, gradient.tolist()
    (5.0, [2.0, 4.0])

    See chapter 9, *Automatic differentiation*.
    """
    return _value_and_grad(f, "value_and_grad")


def _gradient(f: Callable, tool: str) -> Callable:
    evaluate = _value_and_grad(f, tool)
    return lambda x: evaluate(x)[1]


def grad(f: Callable) -> Callable:
    r"""The gradient :math:`\nabla f` of a scalar function f, by reverse mode.

    .. math::
        \nabla f(\mathbf x) = \mathbf 1^\top J_f(\mathbf x)

    It costs one evaluation of f (recorded) and one backward pass, a small constant times the
    evaluation alone, whatever the number of inputs. Arguments, result and errors are those of
    :func:`value_and_grad`, without the value: the gradient is shaped like x (a float for a
    number x).

    Examples
    --------
    >>> from calcopt.autodiff import grad, sin
    >>> grad(lambda x: x[0] * sin(x[1]))([2.0, 0.0]).tolist()
    [0.0, 2.0]

    See chapter 9, *Automatic differentiation*.
    """
    return _gradient(f, "grad")


def jvp(f: Callable, x, v) -> tuple[object, object]:
    r"""The value :math:`F(\mathbf x)` and the Jacobian-vector product :math:`J\mathbf v`
    (forward mode, one pass with dual numbers).

    .. math::
        J\mathbf v = \frac{d}{d\varepsilon} F(\mathbf x + \varepsilon\mathbf v)
        \Big|_{\varepsilon = 0}

    Parameters
    ----------
    f : callable
        Built from calcopt.autodiff's functions and operators.
    x : array_like
        The point, any shape.
    v : array_like
        The direction, shaped like x (it need not be a unit vector).

    Returns
    -------
    value, jv : float or ndarray
        :math:`F(\mathbf x)` and :math:`J\mathbf v`, both shaped like the value.

    Raises
    ------
    ValueError
        If v does not have the shape of x, plus the errors of the primitives.

    Examples
    --------
    >>> from calcopt.autodiff import jvp
    >>> jvp(lambda x: x[0] * x[1], [2.0, 3.0], [1.0, 0.0])
    (6.0, 3.0)

    See chapter 9, *Automatic differentiation*.
    """
    check.callable_(f)
    x = _array(x, "x")
    v = v if isinstance(v, Traced) else check.shaped_like(v, "v", shape_of(x), "x")
    value, tangent = push_forward(f, x, v)
    value = _array(value, "f(x)")
    return _plain(value), _plain(np.zeros(shape_of(value)) if tangent is None else tangent)


def _units(shape: tuple):
    """The unit arrays of a shape, one per entry, in row-major order."""
    for i in range(int(np.prod(shape))):
        unit = np.zeros(shape)
        unit.flat[i] = 1.0
        yield unit


def _reverse_jacobian(f: Callable, x: np.ndarray) -> np.ndarray:
    value, pullback = vjp(f, x)
    rows = [pullback(u) for u in _units(np.shape(value))]
    return np.reshape(rows, np.shape(value) + x.shape)


def _forward_jacobian(f: Callable, x: np.ndarray) -> np.ndarray:
    columns = [jvp(f, x, v)[1] for v in _units(x.shape)]
    return np.reshape(np.stack(columns, axis=-1), np.shape(columns[0]) + x.shape)


def jacobian(f: Callable, mode: str = "reverse") -> Callable:
    r"""The Jacobian :math:`J_F` of :math:`F:\mathbb R^n\to\mathbb R^m`, by reverse or forward
    mode.

    .. math::
        J_F(\mathbf x)_{ij} = \frac{\partial F_i}{\partial x_j}(\mathbf x)

    Reverse mode builds it a row at a time (:math:`\mathbf e_i^\top J`, one backward pass per
    output after one recorded evaluation); forward mode a column at a time (:math:`J\mathbf
    e_j`, one pass per input). Both give the same matrix: reverse mode is cheaper when m < n.

    Parameters
    ----------
    f : callable
        Built from calcopt.autodiff's functions and operators.
    mode : {"reverse", "forward"}

    Returns
    -------
    callable
        Takes x and returns an array of shape ``f(x).shape + x.shape``: the m x n matrix
        :math:`J_F` for a vector x and a vector F (shape (n,), the gradient, for a scalar F).

    Raises
    ------
    ValueError
        If mode is not one of the two, or (when called) x is empty.

    Examples
    --------
    >>> from calcopt.autodiff import jacobian
    >>> F = lambda x: x * x[0]
    >>> jacobian(F)([2.0, 3.0]).tolist(), jacobian(F, mode="forward")([2.0, 3.0]).tolist()
    ([[4.0, 0.0], [3.0, 2.0]], [[4.0, 0.0], [3.0, 2.0]])

    See chapter 9, *Automatic differentiation*.
    """
    check.callable_(f)
    build = {"reverse": _reverse_jacobian, "forward": _forward_jacobian}[
        check.choice(mode, "mode", MODES)
    ]
    return lambda x: build(f, check.nonempty(check.real_array(x, "x"), "x"))


def hvp(f: Callable, x, v):
    r"""The Hessian-vector product :math:`\nabla^2 f(\mathbf x)\,\mathbf v` of a scalar f,
    without forming the Hessian.

    .. math::
        \nabla^2 f(\mathbf x)\,\mathbf v
        = \frac{d}{d\varepsilon}\nabla f(\mathbf x + \varepsilon\mathbf v)\Big|_{\varepsilon=0}

    Forward mode over reverse mode: the reverse-mode gradient runs on dual numbers
    :math:`(\mathbf x, \mathbf v)`, and the tangent of the gradient is :math:`H\mathbf v`. It
    costs a small constant times one gradient, while H itself would take n of them.

    Parameters
    ----------
    f : callable
        Returns one number; built from calcopt.autodiff's functions and operators.
    x, v : array_like
        The point and the direction, of the same shape.

    Returns
    -------
    float or ndarray
        :math:`H\mathbf v`, shaped like x.

    Raises
    ------
    ValueError
        If f returns an array or v does not have the shape of x.

    Examples
    --------
    >>> from calcopt.autodiff import hvp
    >>> hvp(lambda x: x[0] ** 2 * x[1], [1.0, 2.0], [1.0, 0.0]).tolist()
    [4.0, 2.0]

    See chapter 9, *Automatic differentiation*.
    """
    return jvp(_gradient(f, "hvp"), x, v)[1]
