r"""What each mode of differentiation costs, counted in arithmetic operations.

Wall-clock time depends on the machine and on its load; the arithmetic a computation performs
does not. :func:`operation_costs` runs a function with its input wrapped in a :class:`Counted`
value, so that every primitive it applies, and every primitive of the derivative rules, adds
its number of arithmetic operations to one tally, under a simple model:

- an **elementwise** primitive (``+``, ``*``, ``exp``, ``tanh``, ...) costs one operation per
  entry of its result (an ``exp`` counts as one, like an addition);
- a **matrix product** of a :math:`p\times q` and a :math:`q\times r` array costs
  :math:`2pqr`, a multiplication and an addition per term (a vector counts as one row on the
  left and as one column on the right);
- a **sum** (``sum``, and ``sum_to``, the reverse of broadcasting) costs one operation per
  entry it reads, and ``scatter_add``, the reverse of indexing, one per entry it adds in;
- **indexing, reshaping, transposing and broadcasting** cost nothing: they move numbers
  without arithmetic.

Only primitives are counted; a function that also computes with plain numpy on its constants
(``A @ b`` where neither is traced) does that work outside the count.

See chapter 9, *Automatic differentiation*.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .. import _validation as check
from .derivatives import jvp, record
from .primitive import primal, shape_of
from .traced import TracedArray

#: Primitives that only move numbers: indexing, reshaping, transposing, broadcasting.
FREE = frozenset({"getitem", "reshape", "transpose", "broadcast_to"})

#: Primitives that cost one operation per entry of their first argument, which they reduce or
#: add in.
PER_INPUT = frozenset({"sum", "sum_to", "scatter_add"})


@dataclass
class OperationCount:
    """A running tally of primitive calls and their arithmetic operations.

    Attributes
    ----------
    operations : int
        Arithmetic operations, under the model of this module.
    calls : int
        Primitive calls.
    by_primitive : collections.Counter
        Operations per primitive name.
    """

    operations: int = 0
    calls: int = 0
    by_primitive: Counter = field(default_factory=Counter)

    def add(self, name: str, operations: int) -> None:
        """Record one primitive call costing ``operations``."""
        self.operations += operations
        self.calls += 1
        self.by_primitive[name] += operations


def _matrix_shape(shape: tuple, left: bool) -> tuple[int, int]:
    """A matrix-product operand as (rows, columns); a vector is a row (left) or a column."""
    if len(shape) == 2:
        return shape
    return (1, shape[0]) if left else (shape[0], 1)


def operations(name: str, args: tuple, result) -> int:
    r"""The arithmetic operations of one call of primitive ``name`` on plain arrays.

    Examples
    --------
    >>> import numpy as np
    >>> operations("matmul", (np.ones((3, 4)), np.ones(4)), np.ones(3))
    24
    >>> operations("tanh", (np.ones((3, 4)),), np.ones((3, 4))), operations("getitem", (), 0.0)
    (12, 0)
    """
    if name in FREE:
        return 0
    if name == "matmul":
        (p, q), (_, r) = (_matrix_shape(np.shape(a), i == 0) for i, a in enumerate(args))
        return 2 * p * q * r
    if name in PER_INPUT:
        return int(np.size(args[0]))
    return int(np.size(result))


class Counted(TracedArray):
    """A plain value whose every primitive call is added to a tally.

    Its level, 0, is below that of every differentiation, so a primitive reaches it last, with
    plain arrays inside: it evaluates the primitive, adds the call to ``count`` and wraps the
    result, so the operations that follow are counted too.
    """

    __slots__ = ("count",)

    def __init__(self, value, count: OperationCount):
        self.inner, self.level, self.count = value, 0, count

    def __repr__(self) -> str:
        return f"Counted({self.inner!r})"

    def lift(self, primitive, args: tuple, params: dict) -> Counted:
        """Evaluate ``primitive`` on the plain values and count its operations."""
        values = tuple(arg.inner if isinstance(arg, Counted) else arg for arg in args)
        result = primitive.evaluate(values, params)
        self.count.add(primitive.name, operations(primitive.name, values, result))
        return Counted(result, self.count)


@dataclass(frozen=True)
class Costs:
    r"""The arithmetic of evaluating and differentiating :math:`F:\mathbb R^n\to\mathbb R^m`
    at one point, counted by :func:`operation_costs`.

    Attributes
    ----------
    inputs, outputs : int
        n and m, the numbers of entries of x and of F(x).
    evaluation : int
        Operations of one evaluation of F, the same as recording it on a tape.
    forward_pass : int
        Operations of one forward-mode pass, :math:`F(\mathbf x)` and :math:`J\mathbf v`.
    backward_pass : int
        Operations of one backward pass over the recorded tape, :math:`\mathbf u^\top J`.
    nodes : int
        Nodes on the tape, one per primitive applied to a traced value (plus the input).
    stored : int
        Numbers the tape holds: the entries of every node's value, which the backward pass
        reads. Forward mode keeps only the values still needed, none of the tape.
    """

    inputs: int
    outputs: int
    evaluation: int
    forward_pass: int
    backward_pass: int
    nodes: int
    stored: int

    @property
    def forward_jacobian(self) -> int:
        """Operations of the whole Jacobian by forward mode: one pass per input, n passes."""
        return self.inputs * self.forward_pass

    @property
    def reverse_jacobian(self) -> int:
        """Operations of the whole Jacobian by reverse mode: one recorded evaluation and one
        backward pass per output (for a scalar F, the gradient)."""
        return self.evaluation + self.outputs * self.backward_pass


def _unit(shape: tuple, count: OperationCount) -> Counted:
    unit = np.zeros(shape)
    unit.flat[0] = 1.0
    return Counted(unit, count)


def operation_costs(f: Callable, x) -> Costs:
    r"""Count the operations of one evaluation of f at x and of one pass of each mode.

    f runs three times, each time on a :class:`Counted` x: plainly; on dual numbers (one
    forward pass, :func:`~calcopt.autodiff.jvp`); and recorded on a tape followed by one
    backward pass (:func:`~calcopt.autodiff.vjp`). Every pass of a mode costs the same
    whatever its direction, so the costs of whole Jacobians follow
    (:attr:`Costs.forward_jacobian`, :attr:`Costs.reverse_jacobian`).

    Parameters
    ----------
    f : callable
        Built from calcopt.autodiff's functions and operators.
    x : array_like
        The point, any shape, at least one entry.

    Returns
    -------
    Costs

    Raises
    ------
    ValueError, TypeError
        As :func:`~calcopt.autodiff.jacobian` does for f and x.

    Examples
    --------
    >>> import calcopt.autodiff as ad
    >>> costs = operation_costs(lambda x: ad.sum(ad.tanh(x) ** 2), [0.5, 1.0, 2.0])
    >>> costs.evaluation, costs.backward_pass, costs.reverse_jacobian
    (9, 18, 27)
    >>> costs.forward_pass, costs.forward_jacobian
    (30, 90)

    See chapter 9, *Automatic differentiation*.
    """
    check.callable_(f)
    x = check.nonempty(check.real_array(x, "x"), "x")
    evaluation = OperationCount()
    value = check.real_array(primal(f(Counted(x, evaluation))), "f(x)")
    forward = OperationCount()
    jvp(f, Counted(x, forward), _unit(x.shape, forward))
    backward = OperationCount()
    tape, out = record(f, Counted(x, backward))
    recorded = backward.operations
    if tape.owns(out):
        tape.backward(out, _unit(shape_of(out), backward))
    return Costs(
        inputs=x.size,
        outputs=value.size,
        evaluation=evaluation.operations,
        forward_pass=forward.operations,
        backward_pass=backward.operations - recorded,
        nodes=len(tape.nodes),
        stored=sum(int(np.prod(shape_of(node))) for node in tape.nodes),
    )
