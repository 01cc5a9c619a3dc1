r"""Reverse mode: record the evaluation on a tape, then send adjoints back through it.

While f runs, every primitive applied to a traced value appends a node to the tape: its value,
the primitive, its arguments and which of them are earlier nodes. Creation order is an
evaluation order, so walking the tape backwards visits every node after all the nodes that use
it (a reverse topological order). The backward pass starts from the output's adjoint
:math:`\bar y = \mathbf u` and, for each node :math:`v = p(a, b, \dots)`, adds the
vector-Jacobian products

.. math::
    \bar a \mathrel{+}= \bar v\,\frac{\partial v}{\partial a}, \qquad
    \bar b \mathrel{+}= \bar v\,\frac{\partial v}{\partial b}, \;\dots

to its inputs' adjoints, first summing over any axes that broadcasting stretched. At the end
the input's adjoint is :math:`\mathbf u^\top J`; with the seed :math:`\bar y = 1` of a scalar
function it is the gradient, for a cost of a small multiple of one evaluation whatever the
number of inputs.
"""

from __future__ import annotations

from . import table
from .primitive import LEVELS, shape_of
from .traced import TracedArray


class Tape:
    """The nodes of one reverse-mode level, in the order they were evaluated."""

    def __init__(self):
        self.level = next(LEVELS)
        self.nodes: list[Node] = []

    def record(self, value, primitive=None, args: tuple = (), params=None, parents=()) -> Node:
        """Append a node; without a primitive it is an input."""
        node = Node(value, self, len(self.nodes), primitive, args, params or {}, parents)
        self.nodes.append(node)
        return node

    def owns(self, value) -> bool:
        """Whether ``value`` is a node of this tape."""
        return isinstance(value, Node) and value.tape is self

    def backward(self, output: Node, seed, shares: dict | None = None) -> list:
        """The adjoint of every node (``None`` where the output does not depend on it).

        If ``shares`` is a dict, it receives the share each node sends back to each of its
        inputs, keyed by ``(node index, argument position)``.
        """
        adjoints = [None] * len(self.nodes)
        adjoints[output.index] = seed
        for node in reversed(self.nodes[: output.index + 1]):
            g = adjoints[node.index]
            if g is None:
                continue
            for i, parent in node.parents:
                share = node.primitive.vjp(i, g, node.inner, node.args, node.params)
                if shape_of(share) != shape_of(parent):
                    share = table.sum_to(share, shape=shape_of(parent))
                if shares is not None:
                    shares[node.index, i] = share
                before = adjoints[parent.index]
                adjoints[parent.index] = share if before is None else before + share
        return adjoints


class Node(TracedArray):
    """A value recorded on a tape (``inner`` is the value)."""

    __slots__ = ("args", "index", "params", "parents", "primitive", "tape")

    def __init__(self, value, tape, index, primitive, args, params, parents):
        self.inner, self.level, self.tape, self.index = value, tape.level, tape, index
        self.primitive, self.args, self.params, self.parents = primitive, args, params, parents

    def __repr__(self) -> str:
        return f"Node(v{self.index}, value={self.inner!r})"

    def lift(self, primitive, args: tuple, params: dict) -> Node:
        """Apply ``primitive`` to the values and record the result on the tape."""
        tape = self.tape
        values = tuple(arg.inner if tape.owns(arg) else arg for arg in args)
        parents = tuple((i, arg) for i, arg in enumerate(args) if tape.owns(arg))
        return tape.record(primitive(*values, **params), primitive, values, params, parents)
