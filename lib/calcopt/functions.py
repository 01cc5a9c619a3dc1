r"""A catalogue of objectives used throughout the course.

Two-variable test functions (Rosenbrock, Himmelblau, Booth), the saddles, quadratics, and
one-variable examples for chapters 1 and 2. Each is an :class:`~calcopt.Objective`, so its
gradient and Hessian are exact.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from . import _validation as check
from .objective import Objective

x, y = sp.symbols("x y", real=True)

rosenbrock = Objective.from_sympy(
    (1 - x) ** 2 + 100 * (y - x**2) ** 2,
    (x, y),
    name="Rosenbrock",
    domain=((-2.0, 2.0), (-1.0, 3.0)),
    minima=((1.0, 1.0),),
)
r"""Rosenbrock's banana valley :math:`(1-x)^2 + 100(y-x^2)^2`; minimum 0 at (1, 1)."""

himmelblau = Objective.from_sympy(
    (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2,
    (x, y),
    name="Himmelblau",
    domain=((-5.0, 5.0), (-5.0, 5.0)),
    minima=(
        (3.0, 2.0),
        (-2.805118086952745, 3.131312518250573),
        (-3.779310253377747, -3.283185991286169),
        (3.584428340330492, -1.848126526964404),
    ),
)
r"""Himmelblau's function :math:`(x^2+y-11)^2 + (x+y^2-7)^2`: four minima with value 0,
one local maximum and four saddle points."""

booth = Objective.from_sympy(
    (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
    (x, y),
    name="Booth",
    domain=((-4.0, 6.0), (-2.0, 8.0)),
    minima=((1.0, 3.0),),
)
r"""Booth's function :math:`(x+2y-7)^2 + (2x+y-5)^2`, a quadratic with Hessian
[[10, 8], [8, 10]] and minimum 0 at (1, 3)."""

saddle = Objective.from_sympy(x**2 - y**2, (x, y), name="saddle", domain=((-2.0, 2.0),) * 2)
r""":math:`x^2 - y^2`: a saddle point at the origin, Hessian eigenvalues 2 and -2."""

monkey_saddle = Objective.from_sympy(
    x**3 - 3 * x * y**2, (x, y), name="monkey saddle", domain=((-2.0, 2.0),) * 2
)
r""":math:`x^3 - 3xy^2`: a stationary point at the origin with a zero Hessian."""

peano = Objective.from_sympy(
    (y - x**2) * (y - 2 * x**2), (x, y), name="Peano surface", domain=((-1.0, 1.0),) * 2
)
r""":math:`(y - x^2)(y - 2x^2)`: along every line through the origin it has a minimum there,
yet the origin is not a local minimum (f < 0 between the parabolas)."""

wavy = Objective.from_sympy(sp.sin(3 * x) + x**2 / 10, (x,), name="wavy", domain=((-4.0, 4.0),))
r""":math:`\sin 3x + x^2/10`: several local minima of different depths, one variable."""

cubic = Objective.from_sympy(x**3, (x,), name="cubic", domain=((-2.0, 2.0),))
r""":math:`x^3`: a stationary point at 0 that is neither minimum nor maximum (inflection)."""

quartic = Objective.from_sympy(x**4, (x,), name="quartic", domain=((-2.0, 2.0),))
r""":math:`x^4`: a minimum at 0 where the second derivative is 0 too."""


def rosenbrock_n(n: int) -> Objective:
    r"""Rosenbrock's function in n variables, as in ``scipy.optimize.rosen``.

    .. math::
        f(\mathbf x) = \sum_{i=1}^{n-1} 100\,(x_{i+1} - x_i^2)^2 + (1 - x_i)^2

    Parameters
    ----------
    n : int
        Number of variables, at least 2.

    Returns
    -------
    Objective
        Minimum 0 at :math:`(1, \dots, 1)`.

    Examples
    --------
    >>> round(float(rosenbrock_n(5)([1.3, 0.7, 0.8, 1.9, 1.2])), 2)
    848.22
    """
    n = check.count(n, "n", minimum=2)
    v = sp.symbols(f"x1:{n + 1}", real=True)
    expr = sum(100 * (v[i + 1] - v[i] ** 2) ** 2 + (1 - v[i]) ** 2 for i in range(n - 1))
    return Objective.from_sympy(
        expr, v, name=f"Rosenbrock ({n} variables)", domain=((-2.0, 2.0),) * n, minima=((1.0,) * n,)
    )


def quadratic(A, b=None, c: float = 0.0, *, name: str = "quadratic") -> Objective:
    r"""The quadratic :math:`f(\mathbf x) = \tfrac12\mathbf x^\top A\mathbf x + \mathbf b^\top
    \mathbf x + c` with symmetric A.

    Its gradient is :math:`A\mathbf x + \mathbf b` and its Hessian is A everywhere. If A is
    positive definite the unique minimiser is :math:`\mathbf x^* = -A^{-1}\mathbf b`.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Symmetric matrix (the Hessian).
    b : array_like, shape (n,), optional
        Linear term; default zero.
    c : float
        Constant term.
    name : str

    Returns
    -------
    Objective
        With ``minima`` set when A is positive definite and the plotting domain centred on the
        minimiser (or on 0).

    Raises
    ------
    ValueError
        If A is not symmetric or b has the wrong length.

    Examples
    --------
    >>> q = quadratic([[2.0, 0.0], [0.0, 8.0]])
    >>> q.curvature
    (2.0, 8.0)
    """
    A = check.symmetric_matrix(A, "A")
    n = A.shape[0]
    b = np.zeros(n) if b is None else check.point(b, "b", n)
    c = check.real_scalar(c, "c")
    v = sp.symbols(f"x1:{n + 1}", real=True) if n > 2 else (x, y)[:n]
    X = sp.Matrix(v)
    exact = sp.Matrix(A.tolist()).applyfunc(lambda a: sp.nsimplify(a, rational=True))
    linear = sp.Matrix(b.tolist()).applyfunc(lambda a: sp.nsimplify(a, rational=True))
    expr = sp.expand((X.T * exact * X)[0] / 2 + (linear.T * X)[0] + sp.nsimplify(c, rational=True))
    positive_definite = np.linalg.eigvalsh(A)[0] > 0
    centre = np.linalg.solve(A, -b) if positive_definite else np.zeros(n)
    domain = tuple((float(m - 3), float(m + 3)) for m in centre)
    minima = (tuple(centre.tolist()),) if positive_definite else ()
    return Objective.from_sympy(expr, v, name=name, domain=domain, minima=minima)


w = sp.Symbol("w", real=True)


def mean_squared_error(
    x_data, y_data, model=None, *, name: str = "mean squared error", domain=None
) -> Objective:
    r"""The mean squared error of a one-parameter model over data points, as an objective of w.

    .. math::
        L(w) = \frac1m\sum_{i=1}^m \bigl(\hat y(w, x_i) - y_i\bigr)^2,
        \qquad \hat y(w, x) = w\,x \text{ by default.}

    For the default model, a line through the origin, L is a parabola in w whose minimum,
    where :math:`L'(w) = 0`, is :math:`w^* = \sum_i x_i y_i \big/ \sum_i x_i^2`.

    Parameters
    ----------
    x_data, y_data : array_like, shape (m,)
        Inputs and observed outputs, one pair per data point.
    model : callable, optional
        ``model(w, x)`` returns the prediction for the input x (a sympy number) as a sympy
        expression in the parameter ``w`` (the symbol :data:`w` of this module), for example
        ``lambda w, x: sp.exp(-w * x)``. Default ``w * x``.
    name : str
    domain : (low, high), optional
        Plotting range of w. Default :math:`w^* \pm \max(1, |w^*|)` for the default model,
        else (-3, 3).

    Returns
    -------
    Objective
        One variable, w; for the default model ``minima`` holds :math:`w^*`.

    Raises
    ------
    TypeError
        If the data are not real numbers, ``model`` is not callable or does not return a
        sympy expression.
    ValueError
        If the data are not two 1-D arrays of the same length, are not finite, or (default
        model) every :math:`x_i` is 0, so that L does not depend on w.

    Examples
    --------
    >>> loss = mean_squared_error([1.0, 2.0], [2.0, 4.0])
    >>> float(loss(2.0)), float(loss(0.0)), loss.minima
    (0.0, 10.0, ((2.0,),))

    See chapter 1, *Optimization and extrema*.
    """
    xs, ys = check.data_points(x_data, y_data)
    linear = model is None
    if linear and not np.any(xs):
        raise ValueError(
            "x_data must hold a nonzero value: with every x_i = 0 the model w x predicts 0 "
            "whatever w is"
        )
    predict = check.callable_(_through_origin if linear else model, "model")
    inputs = [sp.nsimplify(a, rational=True) for a in xs]
    outputs = [sp.nsimplify(b, rational=True) for b in ys]
    predictions = [predict(w, a) for a in inputs]
    if not all(isinstance(p, sp.Expr) for p in predictions):
        raise TypeError("model must return a sympy expression in w, such as w * x")
    residuals = [p - b for p, b in zip(predictions, outputs, strict=True)]
    expr = sp.expand(sum(r**2 for r in residuals) / len(residuals))
    if not linear:
        return Objective.from_sympy(expr, (w,), name=name, domain=domain or ((-3.0, 3.0),))
    best = float(xs @ ys / (xs @ xs))
    half = max(1.0, abs(best))
    box = domain or ((best - half, best + half),)
    return Objective.from_sympy(expr, (w,), name=name, domain=box, minima=((best,),))


def _through_origin(w: sp.Symbol, x: sp.Expr) -> sp.Expr:
    """The one-parameter model y = w x: a line through the origin with slope w."""
    return w * x


newton_trap = Objective.from_sympy(
    (y - x) ** 4 + 8 * x * y - x + y + 3,
    (x, y),
    name="Newton trap",
    domain=((-1.5, 1.5), (-1.5, 1.5)),
    minima=((0.5535799358443838, -0.5535799358443838),),
)
r""":math:`(y-x)^4 + 8xy - x + y + 3`: two local minima and a saddle point between them on the
line :math:`y = -x`; pure Newton's method started at (-0.1, 0.3) converges to the saddle."""

quartic_bowl = Objective.from_sympy(x**4 + y**2, (x, y), name="x⁴ + y²", domain=((-1.0, 1.0),) * 2)
r""":math:`x^4 + y^2`: a strict minimum at the origin, where the Hessian diag(0, 2) is only
positive semidefinite, so the second-order test cannot decide."""

cubic_trough = Objective.from_sympy(x**3 + y**2, (x, y), name="x³ + y²", domain=((-1.0, 1.0),) * 2)
r""":math:`x^3 + y^2`: the same Hessian diag(0, 2) at the origin as :data:`quartic_bowl`, yet the
origin is not a local minimum (f < 0 for x < 0 on the x axis)."""

pseudo_huber = Objective.from_sympy(
    sp.sqrt(1 + x**2) - 1, (x,), name="pseudo-Huber", domain=((-3.0, 3.0),)
)
r""":math:`\sqrt{1 + x^2} - 1`, the pseudo-Huber loss: convex with its minimum at 0, yet pure
Newton's method maps x to :math:`-x^3`, so it diverges from any start with :math:`|x| > 1`."""
