r"""The recorded computation graph of a scalar function, as plain data.

:func:`trace` runs f once on a tape and once backwards, and returns every node in evaluation
order with its operation, inputs, value and adjoint :math:`\bar v = \partial f/\partial v`.
An explorer can step through ``graph.nodes`` forwards (the evaluation) and backwards (the
backward pass); a chapter can draw it, with ``inputs`` as the edges.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .. import _validation as check
from .derivatives import record
from .primitive import shape_of


@dataclass(frozen=True)
class GraphNode:
    r"""One node of a :class:`Graph`.

    Attributes
    ----------
    index : int
        Position in evaluation order; the node is called ``v<index>``.
    op : str
        The primitive's name (``"input"`` for x, node 0).
    inputs : tuple of int
        Indices of the earlier nodes it reads (constants are not nodes).
    text : str
        The node as a formula, such as ``"v3 = v1 * v2"``.
    value : ndarray
    adjoint : ndarray or None
        :math:`\partial f/\partial v`, the same shape as the value; ``None`` if f does not
        depend on this node.
    shares : tuple of ndarray
        What the backward pass sends from this node to each of its ``inputs`` (in the same
        order): the vector-Jacobian product :math:`\bar v\,\partial v/\partial v_j`, summed
        to the input's shape. An input's adjoint is the sum of the shares it receives. Empty
        if the node has no adjoint.
    """

    index: int
    op: str
    inputs: tuple[int, ...]
    text: str
    value: np.ndarray
    adjoint: np.ndarray | None
    shares: tuple[np.ndarray, ...] = ()


@dataclass(frozen=True)
class Graph:
    """The graph of a scalar function at a point: nodes, the value f(x) and the gradient.

    ``output`` is the index of the node that holds f(x), or ``None`` if f does not use x.
    """

    nodes: tuple[GraphNode, ...]
    output: int | None
    value: float
    gradient: np.ndarray

    def __repr__(self) -> str:
        rows = [("node", "value", "adjoint")] + [
            (node.text, _array_text(node.value), _array_text(node.adjoint)) for node in self.nodes
        ]
        widths = [max(len(row[k]) for row in rows) for k in range(2)]
        lines = [f"  {a:<{widths[0]}}  {b:<{widths[1]}}  {c}".rstrip() for a, b, c in rows]
        where = "" if self.output is None else f", the value of v{self.output}"
        return f"Graph of {len(self.nodes)} nodes, f(x) = {self.value:.6g}{where}\n" + "\n".join(
            lines
        )


def _array_text(value) -> str:
    if value is None:
        return "-"
    text = np.array2string(
        np.asarray(value), threshold=6, formatter={"float_kind": lambda v: f"{v:.4g}"}
    )
    return " ".join(text.split())


def _index_text(index) -> str:
    parts = index if isinstance(index, tuple) else (index,)
    return ", ".join(_part_text(part) for part in parts)


def _part_text(part) -> str:
    if isinstance(part, slice):
        bounds = ("" if b is None else str(b) for b in (part.start, part.stop, part.step))
        return ":".join(bounds).rstrip(":") or ":"
    if part is Ellipsis:
        return "..."
    return str(np.asarray(part).tolist()) if part is not None else "None"


def _argument_text(arg, parent) -> str:
    if parent is not None:
        return f"v{parent.index}"
    if np.ndim(arg) == 0:
        return f"{float(arg):g}"
    return "<" + "x".join(str(n) for n in shape_of(arg)) + " array>"


def _formula(node) -> str:
    if node.primitive is None:
        return f"v{node.index} = x"
    parents = dict(node.parents)
    args = [_argument_text(arg, parents.get(i)) for i, arg in enumerate(node.args)]
    params = {
        key: _index_text(value) if key == "index" else repr(value)
        for key, value in node.params.items()
        if value is not None
    }
    template = node.primitive.template
    if template is None:
        template = (
            f"{node.primitive.name}("
            + ", ".join(
                [f"{{{i}}}" for i in range(len(args))] + [f"{key}={{{key}}}" for key in params]
            )
            + ")"
        )
    return f"v{node.index} = " + template.format(*args, **params)


def trace(f: Callable, x) -> Graph:
    r"""Record f at x, run the backward pass, and return the graph as data.

    Each node is one primitive applied during the evaluation of f; its adjoint is
    :math:`\bar v = \partial f/\partial v`, and the input's adjoint is :math:`\nabla f(\mathbf
    x)`.

    Parameters
    ----------
    f : callable
        Scalar function built from calcopt.autodiff's functions and operators.
    x : array_like
        The point.

    Returns
    -------
    Graph

    Raises
    ------
    ValueError
        If f returns an array (the adjoints need one output), plus the errors of the primitives.

    Examples
    --------
    >>> from calcopt.autodiff import sin, trace
    >>> trace(lambda x: x[0] * sin(x[1]), [2.0, 0.5])
    Graph of 5 nodes, f(x) = 0.958851, the value of v4
      node          value    adjoint
      v0 = x        [2 0.5]  [0.4794 1.755]
      v1 = v0[0]    2        0.4794
      v2 = v0[1]    0.5      1.755
      v3 = sin(v2)  0.4794   2
      v4 = v1 * v3  0.9589   1

    See chapter 9, *Automatic differentiation*.
    """
    tape, out = record(f, check.real_array(x, "x"))
    check.scalar_traced_output(shape_of(out), "trace")
    owns, shares = tape.owns(out), {}
    adjoints = tape.backward(out, 1.0, shares) if owns else [None] * len(tape.nodes)
    nodes = tuple(
        GraphNode(
            index=node.index,
            op="input" if node.primitive is None else node.primitive.name,
            inputs=tuple(parent.index for _, parent in node.parents),
            text=_formula(node),
            value=np.asarray(node.inner),
            adjoint=None if adjoint is None else np.asarray(adjoint),
            shares=tuple(
                np.asarray(shares[node.index, i]) for i, _ in node.parents if adjoint is not None
            ),
        )
        for node, adjoint in zip(tape.nodes, adjoints, strict=True)
    )
    gradient = nodes[0].adjoint if nodes[0].adjoint is not None else np.zeros(np.shape(x))
    return Graph(nodes, out.index if owns else None, float(out.inner if owns else out), gradient)
