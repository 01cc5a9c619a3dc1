"""Checks for the exercises of chapter 1, *Optimization and extrema*."""

from __future__ import annotations

import numpy as np
import sympy as sp

from .. import functions as fn
from ..calculus.diff import derivative
from ..calculus.extrema import maximize_on_interval, minimize_on_interval
from ..objective import Objective
from . import Feedback, as_number, correct, incorrect, typed_match

#: Answers closer than this to the extremum count as the extremum (four decimal places).
TOLERANCE = 1e-4

_p = sp.Symbol("p", real=True)

#: The likelihood :math:`L(p) = p^7 (1-p)^3` of 7 heads in 10 tosses of a coin with
#: P(heads) = p; it is largest at p = 0.7.
COIN_LIKELIHOOD = Objective.from_sympy(
    _p**7 * (1 - _p) ** 3, (_p,), name="likelihood of 7 heads in 10 tosses", domain=((0, 1),)
)


def check_interval_minimum(answer: object, f=fn.wavy, a: float = -0.3, b: float = 3.0):
    r"""Check the point where f is smallest on the closed interval [a, b].

    Compares with :func:`~calcopt.minimize_on_interval` and explains a miss: a point outside
    [a, b], an interior local minimum that loses to an endpoint or to another dip, a local
    maximum, or a point from which f still decreases.

    Examples
    --------
    >>> check_interval_minimum(-0.3).correct
    True
    >>> check_interval_minimum(1.5366).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    return _check_extremum(answer, f, a, b, maximize=False)


def check_maximizer(answer: object, f=COIN_LIKELIHOOD, a: float = 0.0, b: float = 1.0):
    r"""Check the point where f is largest on [a, b] (by default the coin's likelihood).

    Examples
    --------
    >>> check_maximizer(0.7).correct
    True
    >>> "minimised" in check_maximizer(0.0).message
    True
    """
    return _check_extremum(answer, f, a, b, maximize=True)


def _check_extremum(answer: object, f, a: float, b: float, *, maximize: bool) -> Feedback:
    """Feedback on an answer meant to be the global maximiser (or minimiser) of f on [a, b]."""
    goal, word = ("maximum", "largest") if maximize else ("minimum", "smallest")
    x = as_number(answer, f"the x where f is {word} on [{a:g}, {b:g}], one number")
    if isinstance(x, Feedback):
        return x
    if not a <= x <= b:
        return incorrect(f"x = {x:g} is not feasible: the feasible set is [{a:g}, {b:g}]")
    find, opposite = (
        (maximize_on_interval, minimize_on_interval)
        if maximize
        else (minimize_on_interval, maximize_on_interval)
    )
    best, worst = find(f, a, b), opposite(f, a, b)
    value = float(f(x))
    if abs(x - best.x) <= TOLERANCE:
        where = (
            "it is at an endpoint, where f′ need not be 0" if best.at_endpoint else "f′ = 0 there"
        )
        return correct(f"the global {goal} is f({best.x:.4g}) = {best.fun:.4g}; {where}")
    if np.isclose(value, worst.fun, rtol=1e-9, atol=1e-12):
        hint = "maximise f by minimising −f" if maximize else "minimise f itself, not −f"
        return incorrect(
            f"f({x:.4g}) = {value:.4g} is the {'smallest' if maximize else 'largest'} value of f "
            f"on [{a:g}, {b:g}]: you {'minimised' if maximize else 'maximised'} f; {hint}"
        )
    if any(abs(x - t) <= TOLERANCE for t in best.interior):
        beaten = (
            f"the endpoint {best.x:g}, where f′ = {best.slope:.3g} ≠ 0, gives f = {best.fun:.4g}; "
            "compare the endpoints too"
            if best.at_endpoint
            else f"f({best.x:.4g}) = {best.fun:.4g} is {'larger' if maximize else 'smaller'}"
        )
        return incorrect(
            f"x = {x:.4g} is a local {goal} (f = {value:.4g}), not the global one: {beaten}"
        )
    if any(abs(x - t) <= TOLERANCE for t in worst.interior):
        other = "minimum" if maximize else "maximum"
        return incorrect(
            f"x = {x:.4g} is a local {other}: f′ = 0 there too, but a stationary point need not "
            f"be a {goal}"
        )
    slope = float(derivative(f, x))
    towards = "right" if (slope > 0) == maximize else "left"
    return incorrect(
        f"f({x:.4g}) = {value:.4g} is not the {word} value on [{a:g}, {b:g}]; f′({x:.4g}) = "
        f"{slope:.3g}, so f gets {'larger' if maximize else 'smaller'} to the {towards}"
    )


def check_mse_minimizer(x_data, y_data, answer: object) -> Feedback:
    r"""Check the slope w that minimises the mean squared error of the model y = w x.

    The minimiser is :math:`w^* = \sum_i x_i y_i / \sum_i x_i^2`. Two tempting wrong answers
    get their own explanation: :math:`\sum_i y_i / \sum_i x_i` and the mean of the slopes
    :math:`y_i / x_i`.

    Examples
    --------
    >>> check_mse_minimizer([1.0, 2.0], [1.0, 3.0], 1.4).correct
    True
    >>> "decrease w" in check_mse_minimizer([1.0, 2.0], [1.0, 3.0], 2.0).message
    True
    """
    loss = fn.mean_squared_error(x_data, y_data)
    xs, ys = np.asarray(x_data, dtype=float), np.asarray(y_data, dtype=float)
    w = as_number(answer, "the slope w that minimises L, one number")
    if isinstance(w, Feedback):
        return w
    best = loss.minima[0][0]
    if typed_match(w, best):
        return correct(f"w* = Σ xᵢyᵢ / Σ xᵢ² = {best:.6g}, and L(w*) = {loss(best):.4g}")
    if typed_match(w, ys.sum() / xs.sum()):
        return incorrect(
            "that is Σ yᵢ / Σ xᵢ, the slope of the line through the mean point (x̄, ȳ); "
            "setting L′(w) = 0 weighs each point by its xᵢ: w* = Σ xᵢyᵢ / Σ xᵢ²"
        )
    if np.all(xs != 0) and typed_match(w, np.mean(ys / xs)):
        return incorrect(
            "that is the mean of the slopes yᵢ / xᵢ, which ignores that a point far from the "
            "origin pulls harder on the squared error; solve L′(w) = 0 instead"
        )
    slope = float(loss.gradient(w))
    move = "decrease w" if slope > 0 else "increase w"
    return incorrect(f"L({w:.6g}) = {loss(w):.4g}, but L′({w:.6g}) = {slope:.3g}, so {move}")
