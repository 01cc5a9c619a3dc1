r"""What a primitive is, and how a call of one reaches the trace that records it.

A *primitive* is an operation whose derivative is written down by hand: its numpy function and,
for each argument, one rule. Every other function is a composition of primitives, and its
derivative follows by the chain rule.

While a function is being differentiated, some of the values flowing through it are *traced*:
they carry what the differentiation needs (a tangent in forward mode, a place on the tape in
reverse mode). Differentiations can be nested, for example the forward-mode derivative of a
reverse-mode gradient (a Hessian-vector product), so a traced value's plain part may itself be
traced. Each differentiation therefore gets a *level*, a number that grows with every new one,
and a call of a primitive is handled by the innermost differentiation among its arguments: the
traced argument of the highest level. That trace unwraps its own arguments, calls the primitive
again on what is inside (which may reach the next level down), and wraps the result. At the
bottom the numpy function runs on plain arrays.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .. import _validation as check

#: Source of levels: every differentiation takes the next number, so nested ones rank above.
LEVELS = itertools.count(1)


class Traced:
    """Base of the values that a differentiation traces (``Dual`` and ``Node``).

    ``inner`` is the value one level down (a dual number's primal, a node's value) and
    ``level`` the differentiation that traces it. A subclass implements :meth:`lift`, which
    handles a primitive call whose innermost traced argument is ``self``.
    """

    __slots__ = ("inner", "level")

    def lift(self, primitive: Primitive, args: tuple, params: dict):
        """Apply ``primitive`` at this value's level; see ``Dual`` and ``Node``."""
        raise NotImplementedError


def shape_of(value) -> tuple[int, ...]:
    """The shape of a plain or traced value."""
    return value.shape if isinstance(value, Traced) else np.shape(value)


def primal(value):
    """The plain numpy value inside any number of traced layers."""
    while isinstance(value, Traced):
        value = value.inner
    return value


@dataclass(frozen=True)
class Singularity:
    """Where a primitive has no derivative with respect to one argument.

    ``where`` maps the plain arguments to a boolean mask; ``reason`` completes the sentence
    "... is not differentiable <reason>".
    """

    where: Callable
    reason: str


@dataclass(frozen=True)
class Primitive:
    r"""An operation with a hand-written derivative rule for each argument.

    Parameters
    ----------
    name : str
        Name shown in graphs and messages.
    function : callable
        The numpy implementation, called on plain arrays with keyword ``params``.
    rules : tuple of callables
        ``rules[i](g, ans, *args, **params)`` for argument i, written with calcopt.autodiff's
        own primitives so that it can be differentiated in turn.
    linear : bool
        False for an *elementwise* primitive: each entry of the result depends only on the
        matching entries of the (broadcast) arguments, so ``rules[i]`` returns ``g`` times the
        partial derivative :math:`\partial\,\mathrm{ans}/\partial
        \mathrm{args}_i` and serves both modes (the vector-Jacobian product with ``g`` an
        adjoint, the Jacobian-vector product with ``g`` a tangent). True for a primitive that
        is linear in each argument (a sum, an index, a matrix product): ``rules[i]`` is the
        vector-Jacobian product, and the Jacobian-vector product is the primitive itself with
        the tangent in place of argument i.
    template : str, optional
        How a graph writes a call, with ``{0}``, ``{1}`` for the arguments and the names of
        ``params``; by default ``name(args, param=value)``.
    domain : str, optional
        The inputs where the value is finite, for the error message when it is not.
    singular : dict, optional
        ``{i: Singularity}``: where the derivative with respect to argument i does not exist.
    check_shapes : callable, optional
        Called with the plain arguments before ``function``; raises a shape error.
    """

    name: str
    function: Callable
    rules: tuple[Callable, ...]
    linear: bool = False
    template: str | None = None
    domain: str | None = None
    singular: dict[int, Singularity] = field(default_factory=dict)
    check_shapes: Callable | None = None

    def __call__(self, *args, **params):
        """Apply the primitive: on plain arrays run numpy; else hand over to the innermost
        trace among the arguments."""
        innermost = None
        for arg in args:
            if isinstance(arg, Traced) and (innermost is None or arg.level > innermost.level):
                innermost = arg
        if innermost is None:
            return self.evaluate(args, params)
        return innermost.lift(self, args, params)

    def evaluate(self, args: tuple, params: dict):
        """Run the numpy function; an infinite or undefined result raises a ``ValueError``."""
        if self.check_shapes is not None:
            self.check_shapes(*args)
        try:
            with np.errstate(divide="raise", over="raise", invalid="raise"):
                return self.function(*args, **params)
        except FloatingPointError as error:
            check.outside_domain(self.name, self.domain, str(error))

    def vjp(self, i: int, g, ans, args: tuple, params: dict):
        r"""The adjoint that argument i receives from the adjoint ``g`` of the result, before
        it is summed back to the argument's shape."""
        self._differentiable(i, args)
        return self.rules[i](g, ans, *args, **params)

    def jvp(self, i: int, t, ans, args: tuple, params: dict):
        r"""The change of the result caused by the tangent ``t`` of argument i."""
        self._differentiable(i, args)
        if self.linear:
            return self(*args[:i], t, *args[i + 1 :], **params)
        return self.rules[i](t, ans, *args, **params)

    def _differentiable(self, i: int, args: tuple) -> None:
        singularity = self.singular.get(i)
        if singularity is None:
            return
        mask = np.asarray(singularity.where(*(primal(arg) for arg in args)))
        if mask.any():
            check.not_differentiable(self.name, singularity.reason, int(mask.sum()), mask.size)
