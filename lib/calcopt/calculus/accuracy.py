r"""How accurate a difference quotient is: its error against the step h.

A difference quotient has two errors that pull in opposite directions. Truncation (dropping
the rest of the Taylor series) shrinks with h; rounding (subtracting two nearly equal values
of f, each known to about :math:`\varepsilon_{\text{mach}}|f(x)|`) grows like 1/h. On
log-log axes their sum is a V whose floor marks the best step. Chapter 2 explains it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _validation as check
from ..objective import Objective
from .diff import METHODS, _slope

#: Steps h from 1e-16 to 1, four per decade: wide enough to show both arms of the V.
STEPS = np.geomspace(1e-16, 1.0, 65)


@dataclass(frozen=True)
class ErrorCurve:
    """Errors of one difference quotient at one point, for a range of steps.

    Attributes
    ----------
    method : str
        ``"forward"``, ``"backward"``, ``"central"`` or ``"complex"``.
    h : ndarray
        The steps, increasing.
    error : ndarray
        :math:`|D_h f(x) - f'(x)|` for each step (0 where the estimate is exact).
    best_h, best_error : float
        The step with the smallest error (the largest such step if several tie) and that error.
    """

    method: str
    h: np.ndarray
    error: np.ndarray
    best_h: float
    best_error: float


def difference_errors(f, x, *, method: str = "central", steps=None, exact=None) -> ErrorCurve:
    r"""The error of a difference quotient for f'(x) at each step h.

    .. math::
        e(h) = \bigl|D_h f(x) - f'(x)\bigr|, \qquad
        e_{\text{forward}}(h) \approx \frac h2\,|f''(x)| + \frac{2\varepsilon|f(x)|}{h},
        \qquad
        e_{\text{central}}(h) \approx \frac{h^2}6\,|f'''(x)| + \frac{\varepsilon|f(x)|}{h}

    The first term is truncation, the second rounding; the complex step
    :math:`\operatorname{Im} f(x+ih)/h` subtracts nothing, so it has no rounding term.

    Parameters
    ----------
    f : Objective or callable
        A function of one variable; see :func:`~calcopt.derivative` for what each method needs.
    x : float
        The point.
    method : {"central", "forward", "backward", "complex"}
    steps : array_like, optional
        Positive steps; default :data:`STEPS` (1e-16 to 1, four per decade). Sorted increasing.
    exact : float, optional
        The true :math:`f'(x)`. Default: the exact derivative of a one-variable
        :class:`~calcopt.Objective` (from sympy); required for any other f.

    Returns
    -------
    ErrorCurve

    Raises
    ------
    ValueError
        If ``exact`` is missing for a plain callable, a step is not positive, or for the
        reasons of :func:`~calcopt.derivative`.

    Examples
    --------
    >>> import numpy as np
    >>> curve = difference_errors(np.exp, 1.0, exact=np.e, steps=[1e-13, 1e-5, 1e-1])
    >>> [f"{e:.0e}" for e in curve.error], curve.best_h
    (['5e-04', '6e-11', '5e-03'], 1e-05)

    See chapter 2, *Derivatives*.
    """
    method = check.choice(method, "method", METHODS)
    point = check.real_scalar(x, "x")
    h = np.sort(check.real_array(STEPS if steps is None else steps, "steps").ravel())
    if h.size == 0 or h[0] <= 0:
        raise ValueError(f"steps must be positive numbers, got {steps!r}")
    if exact is None:
        if not (isinstance(f, Objective) and f.n == 1):
            raise ValueError(
                "exact (the true f'(x)) is required unless f is a one-variable Objective, "
                "whose derivative calcopt knows exactly"
            )
        exact = f.gradient(point)
    true = check.real_scalar(exact, "exact")
    # One vectorised call of the quotient that derivative(f, x, h=step) computes for each step.
    estimates = _slope(_elementwise(f), np.full(h.shape, point), 1.0, h, method, "f")
    error = np.abs(estimates - true)
    best = int(np.flatnonzero(error == error.min())[-1])
    return ErrorCurve(method, h, error, float(h[best]), float(error[best]))


def _elementwise(f):
    """f, checked to map an array of points to an array of values of the same shape."""
    check.callable_(f)
    points = "the points x + h (one per step h)"
    return lambda z: check.same_shape_output(f(z), "f", z.shape, "difference_errors", points)
