r"""Forward mode: dual numbers that carry a tangent beside each value.

A dual number is a pair :math:`(a, \dot a)`: a value and its derivative along one chosen input
direction :math:`\mathbf v`. Start with :math:`(\mathbf x, \mathbf v)` and apply each primitive
to both parts,

.. math::
    f(a, b) \;\mapsto\; \Big(f(a, b),\;
    \tfrac{\partial f}{\partial a}\dot a + \tfrac{\partial f}{\partial b}\dot b\Big),

and the output carries :math:`J\mathbf v`, the Jacobian-vector product, after one pass. A full
Jacobian needs one pass per input coordinate. The tangent rules are those of the table, written
with its primitives, so a tangent may itself be traced by an enclosing differentiation.
"""

from __future__ import annotations

from . import table
from .primitive import LEVELS, shape_of
from .traced import TracedArray


class Dual(TracedArray):
    """A value with its tangent at one forward-mode level (``inner`` is the primal value)."""

    __slots__ = ("tangent",)

    def __init__(self, primal, tangent, level: int):
        self.inner, self.tangent, self.level = primal, tangent, level

    def __repr__(self) -> str:
        return f"Dual(primal={self.inner!r}, tangent={self.tangent!r})"

    def lift(self, primitive, args: tuple, params: dict) -> Dual:
        """Apply ``primitive`` to the primals and push the tangents through its rules."""
        level = self.level
        own = [isinstance(arg, Dual) and arg.level == level for arg in args]
        primals = tuple(arg.inner if mine else arg for arg, mine in zip(args, own, strict=True))
        ans = primitive(*primals, **params)
        tangent = None
        for i, arg in enumerate(args):
            if own[i]:
                change = primitive.jvp(i, arg.tangent, ans, primals, params)
                tangent = change if tangent is None else tangent + change
        if shape_of(tangent) != shape_of(ans):
            tangent = table.broadcast_to(tangent, shape=shape_of(ans))
        return Dual(ans, tangent, level)


def push_forward(f, x, v):
    """``f(x)`` and its derivative along v, or ``None`` for it if f(x) does not depend on x."""
    level = next(LEVELS)
    out = f(Dual(x, v, level))
    if isinstance(out, Dual) and out.level == level:
        return out.inner, out.tangent
    return out, None
