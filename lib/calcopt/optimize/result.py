r"""What a run of an optimizer returns, and the bookkeeping every run shares.

:class:`OptimizeResult` uses scipy.optimize's vocabulary (``x, fun, nit, success, status,
message``) plus what a lesson plots (``path``, ``values``, ``grad_norms``). :class:`Run`
evaluates f and its gradient along a run, records the path and applies the divergence rule, so
that every method ends the same way: divergence, an iteration limit, a singular Hessian or a
failed line search is a ``status``, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from .. import _validation as check
from ..calculus.diff import gradient as numerical_gradient
from ..calculus.diff import hessian as numerical_hessian
from ..objective import Objective

#: A run has diverged once an iterate is this many times (1 + ||x0||) away from x0.
DIVERGENCE_RADIUS = 1e8


def escaped(x, x0) -> np.ndarray:
    r"""The divergence rule, for one iterate or for many runs at once.

    A run has diverged once an iterate is not finite or lies farther from its start than

    .. math::
        R = 10^8\,(1 + \lVert\mathbf x_0\rVert)

    (``DIVERGENCE_RADIUS`` times :math:`1 + \lVert\mathbf x_0\rVert`). Every method applies this
    one rule, so "diverged" means the same thing for every run in the course.

    Parameters
    ----------
    x, x0 : array_like, shape (n,) or (n, k)
        Iterates and their starts; with shape (n, k), column j is one run.

    Returns
    -------
    bool or ndarray of bool, shape (k,)

    Examples
    --------
    >>> escaped([1e9, 0.0], [0.0, 0.0]), escaped([[1.0, np.nan]], [[0.0, 0.0]]).tolist()
    (True, [False, True])
    """
    x, x0 = np.asarray(x, dtype=float), np.asarray(x0, dtype=float)
    with np.errstate(all="ignore"):
        distance = np.linalg.norm(x - x0, axis=0)
        radius = DIVERGENCE_RADIUS * (1.0 + np.linalg.norm(x0, axis=0))
        inside = np.all(np.isfinite(x), axis=0) & (distance <= radius)
    return ~inside if inside.ndim else not inside


class Boundary:
    r"""The divergence rule of :func:`escaped` for one run, at the cost of one dot product.

    :func:`escaped` computes a norm with numpy's reductions, about 10 µs a call, and every
    method calls the rule once per step. Here the squared distance
    :math:`\lVert\mathbf x - \mathbf x_0\rVert^2` is one dot product, compared with the
    square of the radius :math:`R = 10^8(1 + \lVert\mathbf x_0\rVert)` shrunk by a relative
    :data:`MARGIN`. An iterate below that is inside, whichever way the norm is rounded; any
    other (not finite, or within the margin of R or beyond) is decided by :func:`escaped`
    itself. So :meth:`escaped` always answers as the rule does, and "diverged" keeps its one
    meaning.

    Examples
    --------
    >>> boundary = Boundary(np.zeros(2))
    >>> boundary.escaped(np.array([3.0, 4.0])), boundary.escaped(np.array([1e9, 0.0]))
    (False, True)
    >>> boundary.escaped(np.array([np.nan, 0.0]))
    True
    """

    #: Relative margin below the radius inside which the dot product decides alone; rounding
    #: differences between two ways of summing n squares are about n times 1e-16.
    MARGIN = 1e-9

    def __init__(self, x0: np.ndarray):
        self.x0 = np.asarray(x0, dtype=float)
        radius = DIVERGENCE_RADIUS * (1.0 + float(np.linalg.norm(self.x0)))
        self.inside = (radius * (1.0 - self.MARGIN)) ** 2

    def escaped(self, x: np.ndarray) -> bool:
        """Whether the iterate x has escaped: not finite, or farther than R from x0."""
        with np.errstate(all="ignore"):  # a huge iterate overflows: that is for the rule
            d = x - self.x0
            squared = float(d @ d)
        if squared < self.inside:  # NaN and inf compare False and go to the rule
            return False
        return bool(escaped(x, self.x0))


class Status(StrEnum):
    """How a run ended, for every method of the course (one table).

    A run with a stopping test (gradient descent, Newton's method) ends ``converged`` when the
    test passes and ``max_iter`` when its budget runs out first, which is not a success. A
    training run (:func:`~calcopt.optimize.training.train`) has no stopping test: it runs the
    epochs it was given, and ends ``completed``, a success, unless it diverged.
    """

    CONVERGED = "converged"
    COMPLETED = "completed"
    DIVERGED = "diverged"
    MAX_ITER = "max_iter"
    SINGULAR_HESSIAN = "singular_hessian"
    LINE_SEARCH_FAILED = "line_search_failed"
    NOT_DESCENT = "not_descent"


@dataclass(frozen=True)
class OptimizeResult:
    """The outcome of a run, in scipy.optimize's vocabulary plus the path a lesson needs.

    Attributes
    ----------
    x : ndarray, shape (n,)
        Last iterate.
    fun : float
        f(x).
    nit : int
        Number of iterations (updates) made.
    success : bool
        True when ``status`` is ``"converged"``.
    status : Status
        ``"converged"``, ``"diverged"``, ``"max_iter"``, ``"singular_hessian"``,
        ``"line_search_failed"`` or ``"not_descent"`` (a Newton step that points uphill).
    message : str
        A sentence saying why the run stopped.
    path : ndarray, shape (nit + 1, n)
        Every iterate; ``path[0]`` is x0.
    values : ndarray, shape (nit + 1,)
        f along the path.
    grad_norms : ndarray, shape (nit + 1,)
        :math:`\\lVert\\nabla f\\rVert` along the path.
    """

    x: np.ndarray
    fun: float
    nit: int
    success: bool
    status: Status
    message: str
    path: np.ndarray
    values: np.ndarray
    grad_norms: np.ndarray

    def __repr__(self) -> str:
        return summary(self)


def summary(result) -> str:
    """A run's result in five lines: its type, status, iterations, final point and value."""
    where = ", ".join(f"{c:.6g}" for c in result.x)
    return (
        f"{type(result).__name__}\n  status: {result.status}\n     nit: {result.nit}\n"
        f"       x: ({where})\n     fun: {result.fun:.6g}\n message: {result.message}"
    )


def count_iterations(n: int) -> str:
    """``"1 iteration"``, ``"2 iterations"``: a count of iterations for messages and readouts."""
    return f"{n} iteration" if n == 1 else f"{n} iterations"


def function_of(f: Callable) -> Callable:
    """f as a function of a 1-D array of n numbers: an Objective's :meth:`value_at`, else f."""
    return f.value_at if isinstance(f, Objective) else f


def derivatives_of(f: Callable, grad, hess):
    """The gradient and Hessian to use: given, exact (Objective), or numerical.

    Each is a function of a 1-D array of n numbers, whatever n is.
    """
    if grad is not None:
        check.callable_(grad, "grad")
    if hess is not None:
        check.callable_(hess, "hess")
    if isinstance(f, Objective):
        return grad or f.gradient_at, hess or f.hessian_at
    return grad or (lambda z: numerical_gradient(f, z)), hess or (lambda z: numerical_hessian(f, z))


class Run:
    """Evaluates f and its gradient along a run, records the path and detects divergence."""

    def __init__(self, f: Callable, grad: Callable, x0: np.ndarray, tol: float):
        self.f, self.grad, self.tol = function_of(f), grad, tol
        self.x0, self.n, self.boundary = x0, x0.size, Boundary(x0)
        self.path, self.values, self.grad_norms, self.gradients = [], [], [], []
        try:
            value, g = self._evaluate(x0)
        except check.NotFiniteError:
            value, g = np.nan, x0
        if not (np.isfinite(value) and np.all(np.isfinite(g))):
            raise ValueError(
                f"x0 must be a point where f and its gradient are finite, got f(x0) = {value}"
            )
        self._record(x0, value, g)

    @staticmethod
    def call(function: Callable, x: np.ndarray):
        """Call f, grad or hess at the point x, shape (n,), with floating-point warnings off."""
        with np.errstate(all="ignore"):
            return function(x)

    def _evaluate(self, x: np.ndarray):
        value = check.scalar_output(
            self.call(self.f, x), "f", "the optimizer", "f(x) must be one number"
        )
        g = np.asarray(self.call(self.grad, x), dtype=float)
        if g.size != self.n:
            raise ValueError(f"grad must return {self.n} numbers, got shape {g.shape}")
        return float(np.real(value)), g.reshape(self.n)

    def _record(self, x, value, g) -> None:
        self.path.append(x)
        self.values.append(value)
        self.gradients.append(g)
        self.grad_norms.append(float(np.linalg.norm(g)))

    @property
    def converged(self) -> bool:
        return self.grad_norms[-1] <= self.tol

    def advance(self, x: np.ndarray) -> str:
        """Record the next iterate; if the run diverged, record nothing and say why."""
        if self.boundary.escaped(x):
            if not np.all(np.isfinite(x)):
                return "the next iterate is not finite"
            radius = DIVERGENCE_RADIUS * (1.0 + np.linalg.norm(self.x0))
            return (
                f"the iterate moved {np.linalg.norm(x - self.x0):.3g} from x0, beyond the "
                f"divergence radius {radius:.3g} = 1e8 (1 + ||x0||)"
            )
        try:
            value, g = self._evaluate(x)
        except (OverflowError, check.NotFiniteError):  # plain Python math or finite differences
            value, g = np.inf, x
        if not (np.isfinite(value) and np.all(np.isfinite(g))):
            return "f or its gradient is not finite at the next iterate"
        self._record(x, value, g)
        return ""

    def result(self, status: Status, detail: str) -> OptimizeResult:
        nit = len(self.path) - 1
        steps = count_iterations(nit)
        messages = {
            Status.CONVERGED: f"converged: gradient norm {self.grad_norms[-1]:.3g} <= tol "
            f"{self.tol:.3g} after {steps}",
            Status.DIVERGED: f"diverged after {steps}: {detail}",
            Status.MAX_ITER: f"stopped at max_iter = {nit} with gradient norm "
            f"{self.grad_norms[-1]:.3g} > tol {self.tol:.3g}",
            Status.SINGULAR_HESSIAN: f"stopped after {steps}: the Hessian is singular "
            "at the last iterate, so the Newton step is undefined",
            Status.LINE_SEARCH_FAILED: f"stopped after {steps}: backtracking found no "
            f"step that decreases f enough (gradient norm {self.grad_norms[-1]:.3g}); the "
            "gradient may be inaccurate, or tol is below what rounding allows",
            Status.NOT_DESCENT: f"stopped after {steps}: the Newton step does not point "
            f"downhill (slope ∇f·d = {detail} >= 0, so the Hessian is not positive definite "
            "there), and the line search accepts only steps that decrease f",
        }
        path = np.array(self.path)
        return OptimizeResult(
            x=path[-1],
            fun=self.values[-1],
            nit=nit,
            success=status is Status.CONVERGED,
            status=status,
            message=messages[status],
            path=path,
            values=np.array(self.values),
            grad_norms=np.array(self.grad_norms),
        )


def loop_arguments(f, x0, max_iter, tol):
    check.callable_(f)
    x0 = check.point(x0, "x0", f.n if isinstance(f, Objective) else None)
    return x0, check.count(max_iter, "max_iter"), check.nonnegative(tol, "tol")
