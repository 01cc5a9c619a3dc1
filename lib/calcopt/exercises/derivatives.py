"""Checks for the exercises of chapter 2, *Derivatives*."""

from __future__ import annotations

import numpy as np

from .. import functions as fn
from ..calculus.accuracy import difference_errors
from ..calculus.diff import derivative
from ..objective import Objective
from . import Feedback, as_number, correct, incorrect, invalid, typed_match, unanswered

#: Test cases for a learner's central difference: (name, f, x, h).
CENTRAL_CASES = (
    ("exp", np.exp, 1.0, 1e-3),
    ("sin", np.sin, 0.5, 1e-2),
    ("x³", lambda t: t**3, 2.0, 0.1),
)


def check_central_difference(answer: object) -> Feedback:
    r"""Check a function ``central(f, x, h)`` meant to return :math:`\frac{f(x+h)-f(x-h)}{2h}`.

    It is called on a few functions, points and steps and compared with
    :func:`~calcopt.derivative` (``method="central"``). The forward and backward differences
    and a missing factor 2 get their own explanations; a function that cannot be called as
    ``central(f, x, h)`` or returns something other than a number is reported as such.

    Examples
    --------
    >>> check_central_difference(lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h)).correct
    True
    >>> "forward" in check_central_difference(lambda f, x, h: (f(x + h) - f(x)) / h).message
    True
    """
    if answer is None:
        return unanswered("a function central(f, x, h)")
    if not callable(answer):
        return invalid(f"expected a function central(f, x, h), got {type(answer).__name__}")
    for name, f, x, h in CENTRAL_CASES:
        try:
            got = answer(f, x, h)
        except Exception as error:  # the learner's code may fail in any way
            return invalid(f"central(f, x, h) raised {type(error).__name__}: {error}")
        value = as_number(got, "central(f, x, h) to return one number")
        if isinstance(value, Feedback):
            return value
        expected = derivative(f, x, h=h, method="central")
        if not np.isclose(value, expected, rtol=1e-9, atol=0):
            return _diagnose(value, name, f, x, h, expected)
    return correct(
        "your central difference matches (f(x+h) − f(x−h)) / (2h) on every test; "
        "its truncation error shrinks like h²"
    )


def _diagnose(value: float, name: str, f, x: float, h: float, expected: float) -> Feedback:
    case = f"for f = {name}, x = {x:g}, h = {h:g}"
    for method in ("forward", "backward"):
        if np.isclose(value, derivative(f, x, h=h, method=method), rtol=1e-9, atol=0):
            return incorrect(
                f"{case} you return the {method} difference, whose error shrinks only like h; "
                "use f(x + h) − f(x − h) and divide by 2h"
            )
    if np.isclose(value, 2 * expected, rtol=1e-9, atol=0):
        return incorrect(f"{case} you return twice the central difference: divide by 2h, not h")
    return incorrect(
        f"{case} you return {value:.10g} but (f(x+h) − f(x−h)) / (2h) = {expected:.10g}"
    )


def check_directional_derivative(
    answer: object, f: Objective = fn.himmelblau, x=(1.0, 1.0), v=(3.0, 4.0)
) -> Feedback:
    r"""Check :math:`D_{\mathbf u}f(\mathbf x)` for the direction of v, with u = v/‖v‖.

    The usual slips get their own message: :math:`\nabla f\cdot\mathbf v` with the raw v,
    a partial derivative, the opposite direction, and :math:`\lVert\nabla f\rVert`.

    Examples
    --------
    >>> check_directional_derivative(-58.0).correct
    True
    >>> "unit" in check_directional_derivative(-290.0).message
    True
    """
    value = as_number(answer, "the directional derivative, one number")
    if isinstance(value, Feedback):
        return value
    grad, v = f.gradient(np.asarray(x, dtype=float)), np.asarray(v, dtype=float)
    length = float(np.linalg.norm(v))
    exact = float(grad @ v) / length
    guesses = [
        (exact, correct(f"D_u f = ∇f·u = {exact:.6g}, with the unit vector u = v / {length:g}")),
        (
            float(grad @ v),
            incorrect(
                f"{value:g} is ∇f·v with v itself, {length:g} = ‖v‖ times too large: a "
                "directional derivative needs a unit vector, u = v / ‖v‖"
            ),
        ),
        (-exact, incorrect("the sign is off: that is the slope along −u, the opposite way")),
        (
            float(np.linalg.norm(grad)),
            incorrect("that is ‖∇f‖, the slope in the steepest direction (chapter 3), not along v"),
        ),
    ]
    guesses += [
        (float(g), incorrect(f"that is the partial ∂f/∂{axis}, the slope along {e}, not along v"))
        for g, axis, e in zip(grad, "xy", ("e₁", "e₂"), strict=False)
    ]
    for target, feedback in guesses:
        if typed_match(value, target):
            return feedback
    return incorrect(
        f"{value:g} is not D_u f: normalise v to u = v / ‖v‖, then take ∇f(x)·u "
        "(or call calcopt.directional_derivative)"
    )


def check_best_step(
    answer: object, f=np.exp, x: float = 1.0, exact: float = np.e, method: str = "forward"
) -> Feedback:
    r"""Check a step h that makes a difference quotient about as accurate as it can be.

    Accepts h if its error is within a factor 10 of the smallest error over the steps
    :math:`10^{-1}, \dots, 10^{-16}` (from
    :func:`~calcopt.calculus.accuracy.difference_errors`), and
    otherwise says which error dominates: truncation (h too large) or rounding (h too small).

    Examples
    --------
    >>> check_best_step(1e-8).correct
    True
    >>> "rounding" in check_best_step(1e-14).message
    True
    """
    h = as_number(answer, "a step h such as 1e-3")
    if isinstance(h, Feedback):
        return h
    if h <= 0:
        return incorrect(f"a step must be positive, got h = {h:g}")
    sweep = difference_errors(f, x, method=method, steps=10.0 ** -np.arange(1, 17), exact=exact)
    error = difference_errors(f, x, method=method, steps=[h], exact=exact).error[0]
    best = f"the best is about {sweep.best_error:.1e}, near h = {sweep.best_h:.0e}"
    if error <= 10 * sweep.best_error:
        return correct(
            f"h = {h:.1e} gives error {error:.1e} ({best}): there truncation and rounding balance"
        )
    if h > sweep.best_h:
        return incorrect(
            f"h = {h:.1e} gives error {error:.1e} ({best}): h is too large, so the truncation "
            "error, which shrinks with h, dominates; try a smaller h"
        )
    return incorrect(
        f"h = {h:.1e} gives error {error:.1e} ({best}): h is too small, so the rounding error, "
        "which grows like ε/h, dominates; try a larger h"
    )


def check_chain_rule(answer: object, w: float = 0.5, x: float = 2.0) -> Feedback:
    r"""Check :math:`\ell'(w)` for the logistic loss :math:`\ell(w) = \log(1 + e^{-wx})`.

    By the chain rule, with the outer :math:`\log v`, the middle :math:`v = 1 + e^u` and the
    inner :math:`u = -wx`,

    .. math::
        \ell'(w) = \frac{1}{1 + e^{-wx}}\cdot e^{-wx}\cdot(-x) = -x\,\sigma(-wx),
        \qquad \sigma(z) = \frac{1}{1 + e^{-z}}.

    Each link left out or mangled gets its own message: the inner derivative :math:`-x`
    dropped or its sign lost, the outer derivative :math:`1/v` dropped, the middle derivative
    :math:`e^u` taken as 1, only the outer derivative, and the value :math:`\ell(w)` itself.

    Examples
    --------
    >>> check_chain_rule(-0.5379).correct
    True
    >>> "inner" in check_chain_rule(0.2689).message
    True

    See chapter 2, *Derivatives*.
    """
    value = as_number(answer, "the derivative ℓ′(w), one number")
    if isinstance(value, Feedback):
        return value
    inner = np.exp(-w * x)
    exact = -x * inner / (1 + inner)
    slips = [
        (exact, correct(f"ℓ′({w:g}) = −x e^(−wx) / (1 + e^(−wx)) = −x σ(−wx) = {exact:.4g}")),
        (
            inner / (1 + inner),
            incorrect(
                f"you left out the inner derivative: u = −wx changes at the rate −x = {-x:g} "
                "as w changes, so multiply by it"
            ),
        ),
        (
            -exact,
            incorrect(
                f"the sign is off: the inner function u = −wx has derivative −x = {-x:g}, not x"
            ),
        ),
        (
            -x * inner,
            incorrect(
                "you left out the outer derivative: d log(v)/dv = 1/v, so divide by "
                f"v = 1 + e^(−wx) = {1 + inner:.4g}"
            ),
        ),
        (
            -x / (1 + inner),
            incorrect(
                "the derivative of 1 + e^u with respect to u is e^u, not 1: multiply by "
                f"e^(−wx) = {inner:.4g}"
            ),
        ),
        (
            1 / (1 + inner),
            incorrect(
                "you stopped after the outer derivative 1/v: the chain rule multiplies it by "
                "the derivative of the inside, v = 1 + e^(−wx), with respect to w"
            ),
        ),
        (
            float(np.log1p(inner)),
            incorrect(f"{value:g} is the value ℓ({w:g}) = log(1 + e^(−wx)), not its derivative"),
        ),
    ]
    for target, feedback in slips:
        if typed_match(value, target):
            return feedback
    return incorrect(
        f"{value:g} is not ℓ′({w:g}); write ℓ as log(v) with v = 1 + e^u and u = −wx, multiply "
        "the three derivatives, and compare with calcopt.derivative"
    )
