r"""Objective functions defined once, symbolically, and evaluated fast.

An :class:`Objective` is a scalar function :math:`f:\mathbb R^n\to\mathbb R` written as a
sympy expression. Its gradient and Hessian are derived from that expression exactly, and all
three are turned into vectorised numpy functions, so that a whole contour grid is evaluated in
one call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import sympy as sp

from . import _validation as check

Box = tuple[tuple[float, float], ...]


def vectorised(exprs: Sequence[sp.Expr], variables: Sequence[sp.Symbol]) -> Callable:
    """Turn expressions into one numpy function whose outputs broadcast like its inputs.

    ``lambdify`` returns a bare number for a constant expression (a quadratic's Hessian); here
    each output is broadcast to the common shape of the inputs and the outputs are stacked, so
    the function returns shape ``(len(exprs),)`` for numbers and ``(len(exprs), *shape)`` for
    arrays of a common ``shape``.

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> F = vectorised([x * y, sp.Integer(2)], (x, y))
    >>> F(3.0, 4.0).tolist(), F(np.array([1.0, 2.0]), 1.0).tolist()
    ([12.0, 2.0], [[1.0, 2.0], [2.0, 2.0]])
    """
    functions = [sp.lambdify(variables, expr, modules="numpy") for expr in exprs]

    def evaluate(*args: np.ndarray) -> np.ndarray:
        shape = np.broadcast_shapes(*(np.shape(arg) for arg in args))
        dtype = np.result_type(*args, float)
        if shape == ():  # one point, the optimizers' case: nothing to broadcast
            return np.array([fn(*args) for fn in functions], dtype=dtype)
        return np.stack([np.broadcast_to(fn(*args), shape).astype(dtype) for fn in functions])

    return evaluate


@dataclass(frozen=True, eq=False)
class Objective:
    r"""A scalar objective :math:`f:\mathbb R^n\to\mathbb R` with exact derivatives.

    Build one with :meth:`from_sympy`. Calling it evaluates f; :meth:`gradient` and
    :meth:`hessian` evaluate the symbolic derivatives.

    **Shapes.** With n variables, ``x`` has shape ``(n, ...)``: the first axis holds the
    coordinates, the remaining axes are a batch (a grid), and the result has shape ``(...)``.
    So ``f([1, 2])`` is a number and ``f(np.stack([X, Y]))`` is a grid of values.
    With one variable the coordinate axis is dropped: ``f(x)`` acts elementwise on ``x`` of
    any shape, and ``gradient`` and ``hessian`` return :math:`f'` and :math:`f''` elementwise.

    **Points.** :meth:`value_at`, :meth:`gradient_at` and :meth:`hessian_at` keep the
    coordinate axis for every n, which suits code written for any number of variables: one
    point of shape ``(n,)`` gives a number, a gradient of shape ``(n,)`` and a Hessian of shape
    ``(n, n)``; k points in the columns of an array of shape ``(n, k)`` give shapes ``(k,)``,
    ``(n, k)`` and ``(n, n, k)``.

    Attributes
    ----------
    name : str
    expr : sympy.Expr
    variables : tuple of sympy.Symbol
    domain : tuple of (low, high) pairs
        A box, one pair per variable, that shows the interesting part of f in plots.
    minima : tuple of tuples
        Known global minimisers (may be empty).
    """

    name: str
    expr: sp.Expr
    variables: tuple[sp.Symbol, ...]
    domain: Box
    minima: tuple[tuple[float, ...], ...] = ()
    _value: Callable = field(init=False, repr=False)
    _gradient: Callable = field(init=False, repr=False)
    _hessian: Callable = field(init=False, repr=False)

    def __post_init__(self) -> None:
        grad = [sp.diff(self.expr, v) for v in self.variables]
        hess = [sp.diff(g, v) for g in grad for v in self.variables]
        object.__setattr__(self, "_value", vectorised([self.expr], self.variables))
        object.__setattr__(self, "_gradient", vectorised(grad, self.variables))
        object.__setattr__(self, "_hessian", vectorised(hess, self.variables))

    @classmethod
    def from_sympy(
        cls,
        expr: sp.Expr,
        variables: Sequence[sp.Symbol],
        *,
        name: str,
        domain: Sequence[tuple[float, float]] | None = None,
        minima: Sequence[Sequence[float]] = (),
    ) -> Objective:
        r"""Define an objective from a sympy expression.

        Parameters
        ----------
        expr : sympy.Expr
            A real scalar expression in ``variables``.
        variables : sequence of sympy.Symbol
            The coordinates, in order: ``x[0]`` is ``variables[0]``.
        name : str
            Used in titles and messages.
        domain : sequence of (low, high), optional
            Plotting box; default ``(-3, 3)`` for every variable.
        minima : sequence of points, optional
            Known global minimisers.

        Returns
        -------
        Objective

        Raises
        ------
        TypeError
            If ``expr`` is not a sympy expression or a variable is not a symbol.
        ValueError
            If ``expr`` uses a symbol that is not in ``variables``, or a variable repeats.

        Examples
        --------
        >>> import sympy as sp
        >>> x, y = sp.symbols("x y")
        >>> bowl = Objective.from_sympy(x**2 + 3 * y**2, (x, y), name="bowl")
        >>> float(bowl([1.0, 1.0])), bowl.gradient([1.0, 1.0]).tolist()
        (4.0, [2.0, 6.0])
        """
        variables = check.symbols(variables)
        expr = check.expression(expr, variables)
        n = len(variables)
        box = check.domain(((-3.0, 3.0),) * n if domain is None else domain, n)
        known = tuple(tuple(check.point(m, "minima", n).tolist()) for m in minima)
        return cls(str(name), expr, variables, box, known)

    @property
    def n(self) -> int:
        """Number of variables."""
        return len(self.variables)

    @property
    def latex(self) -> str:
        """LaTeX of the expression, for titles and prose."""
        return sp.latex(self.expr)

    @cached_property
    def gradient_expr(self) -> sp.Matrix:
        """The gradient as a sympy column vector."""
        return sp.Matrix([sp.diff(self.expr, v) for v in self.variables])

    @cached_property
    def hessian_expr(self) -> sp.Matrix:
        """The Hessian as a sympy matrix."""
        return sp.hessian(self.expr, self.variables)

    @cached_property
    def curvature(self) -> tuple[float, float] | None:
        r"""Smallest and largest Hessian eigenvalue :math:`(\mu, L)` if the Hessian is constant.

        For a quadratic, L is the Lipschitz constant of the gradient, so gradient descent with a
        fixed step converges iff :math:`0 < \eta < 2/L` (when :math:`\mu > 0`). Returns ``None``
        when the Hessian depends on x.
        """
        if self.hessian_expr.free_symbols:
            return None
        eigenvalues = np.linalg.eigvalsh(np.array(self.hessian_expr, dtype=float))
        return float(eigenvalues[0]), float(eigenvalues[-1])

    @cached_property
    def _owner(self) -> str:
        """How error messages name this objective (built once: every evaluation passes it)."""
        return f"{self.name}, whose variables are {', '.join(map(str, self.variables))}"

    def _arguments(self, x) -> tuple[np.ndarray, ...]:
        if self.n == 1:
            return (check.number_array(x),)
        return tuple(check.grid_points(x, self.n, self._owner))

    @staticmethod
    def _unwrap(values: np.ndarray):
        """A plain Python number for a single point, the array for a batch."""
        return values.item() if values.ndim == 0 else values

    def __call__(self, x):
        r"""Evaluate :math:`f(\mathbf x)`; ``x`` has shape ``(n, ...)`` (any shape if n = 1)."""
        return self._unwrap(self._value(*self._arguments(x))[0])

    def gradient(self, x):
        r"""Exact gradient :math:`\nabla f(\mathbf x)`, shape ``(n, ...)`` (:math:`f'` if n = 1)."""
        values = self._gradient(*self._arguments(x))
        return self._unwrap(values[0] if self.n == 1 else values)

    def hessian(self, x):
        r"""Exact Hessian :math:`\nabla^2 f(\mathbf x)`, shape ``(n, n, ...)`` (f'' if n = 1)."""
        values = self._hessian(*self._arguments(x))
        if self.n == 1:
            return self._unwrap(values[0])
        return values.reshape((self.n, self.n, *values.shape[1:]))

    def _coordinates(self, x) -> tuple[np.ndarray, ...]:
        return tuple(check.points(x, self.n, self._owner))

    def value_at(self, x):
        r"""Evaluate :math:`f` at one point or at k points, for any number n of variables.

        Unlike calling the objective, this keeps the coordinate axis when n = 1, so the same
        code serves every n.

        Parameters
        ----------
        x : array_like, shape (n,) or (n, k)
            One point, or k points in the columns; a plain number is a point when n = 1.

        Returns
        -------
        float or ndarray, shape (k,)
            :math:`f(\mathbf x)`; one number for one point.

        Raises
        ------
        TypeError
            If ``x`` does not hold numbers.
        ValueError
            If ``x`` does not have shape (n,) or (n, k).

        Examples
        --------
        >>> import sympy as sp
        >>> t = sp.Symbol("t")
        >>> square = Objective.from_sympy(t**2, (t,), name="t squared")
        >>> square.value_at([3.0]), square.value_at([[1.0, 2.0]]).tolist()
        (9.0, [1.0, 4.0])
        """
        return self._unwrap(self._value(*self._coordinates(x))[0])

    def gradient_at(self, x) -> np.ndarray:
        r"""Exact gradient :math:`\nabla f` at one point, shape (n,), or at k points, shape (n, k).

        ``x`` is as for :meth:`value_at`; so are the errors.

        Examples
        --------
        >>> import sympy as sp
        >>> t = sp.Symbol("t")
        >>> Objective.from_sympy(t**2, (t,), name="t squared").gradient_at(3.0).tolist()
        [6.0]
        """
        return self._gradient(*self._coordinates(x))

    def hessian_at(self, x) -> np.ndarray:
        r"""Exact Hessian :math:`\nabla^2 f` at one point, shape (n, n), or at k points, (n, n, k).

        ``x`` is as for :meth:`value_at`; so are the errors.

        Examples
        --------
        >>> import sympy as sp
        >>> t = sp.Symbol("t")
        >>> Objective.from_sympy(t**3, (t,), name="t cubed").hessian_at([[1.0, 2.0]]).shape
        (1, 1, 2)
        """
        values = self._hessian(*self._coordinates(x))
        return values.reshape((self.n, self.n, *values.shape[1:]))

    def grid(self, num: int = 200, domain: Sequence[tuple[float, float]] | None = None):
        """Evaluate a two-variable objective on a ``num`` x ``num`` grid over its domain.

        Returns
        -------
        X, Y, Z : ndarray, each shape (num, num)
            Coordinates and values, ready for ``ax.contour(X, Y, Z)``.
        """
        if self.n != 2:
            raise ValueError(f"grid needs a two-variable objective; {self.name} has {self.n}")
        num = check.count(num, "num", minimum=2)
        (x0, x1), (y0, y1) = check.domain(self.domain if domain is None else domain, 2)
        X, Y = np.meshgrid(np.linspace(x0, x1, num), np.linspace(y0, y1, num))
        return X, Y, self(np.stack([X, Y]))

    def __repr__(self) -> str:
        return f"Objective({self.name!r}, {self.expr})"


def require_objective(value: object, name: str = "objective", n: int | None = None) -> Objective:
    """Return ``value`` if it is an :class:`Objective` (with n variables, if n is given).

    Raises
    ------
    TypeError
        If ``value`` is not an Objective.
    ValueError
        If it does not have n variables.

    Examples
    --------
    >>> from calcopt.functions import booth
    >>> require_objective(booth, n=2) is booth
    True
    """
    if not isinstance(value, Objective):
        check.not_an_objective(value, name)
    if n is not None and value.n != n:
        check.variable_count(name, value.name, value.n, n)
    return value
