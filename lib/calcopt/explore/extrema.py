"""Explorer for chapter 1, *Optimization and extrema*: extrema on a feasible interval."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import numpy as np
from matplotlib.lines import Line2D

from .. import functions as fn
from .._validation import interval
from ..calculus.extrema import IntervalExtremum, Kind, maximize_on_interval, minimize_on_interval
from ..calculus.extrema import stationary_points as find_stationary_points
from ..objective import Objective
from .core import Explorer, Layer, Scene, Slider
from .panels import graph_panel

#: Colours of the markers: global minimum, global maximum, other interior local minima.
MINIMUM, MAXIMUM, LOCAL = "#1b9e77", "#d95f02", "#7570b3"


def feasible_set_scene(
    f: Objective,
    a: float,
    b: float,
    *,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    minima: tuple[float, ...],
    reach: float,
) -> Scene:
    """The interval [a, b] over the graph of f, the global extrema on it with their tangents
    (half-length ``reach``), and the interior local ``minima`` inside it."""
    lowest, highest = minimize_on_interval(f, a, b), maximize_on_interval(f, a, b)
    inside = [m for m in minima if a < m < b]
    (x1, y1), (x2, y2) = _tangent(lowest, reach), _tangent(highest, reach)
    return Scene(
        layers={
            "left": _shade(xlim[0], a, ylim),
            "right": _shade(b, xlim[1], ylim),
            "bounds": ([a, a, np.nan, b, b], [*ylim, np.nan, *ylim]),
            "local": (inside, f(np.array(inside))),
            "tangents": ([*x1, np.nan, *x2], [*y1, np.nan, *y2]),
            "minimum": ([lowest.x], [lowest.fun]),
            "maximum": ([highest.x], [highest.fun]),
        },
        readouts={
            "minimum": describe(lowest, a, b),
            "maximum": describe(highest, a, b),
            "local": ", ".join(f"{m:.3f}" for m in inside) or "none",
        },
    )


def _shade(left: float, right: float, ylim: tuple[float, float]):
    """A rectangle that fades the curve between left and right (not the axes' frame)."""
    bottom, top = ylim
    inset = 0.01 * (top - bottom)
    return [left, right, right, left], [bottom + inset] * 2 + [top - inset] * 2


def _tangent(extremum: IntervalExtremum, reach: float):
    ends = np.array([extremum.x - reach, extremum.x + reach])
    return ends, extremum.fun + extremum.slope * (ends - extremum.x)


def describe(extremum: IntervalExtremum, a: float, b: float) -> str:
    """Where an extremum on [a, b] is, its value and the slope there, as a short readout."""
    if extremum.at_endpoint:
        where = "endpoint a" if extremum.x == a else "endpoint b"
    else:
        where = "interior"
    slope = round(extremum.slope, 2) + 0.0  # no "-0.00"
    return f"{where}, x = {extremum.x:.3f}, f = {extremum.fun:.3f}, f′ = {slope:.2f}"


def _legend(ax) -> None:
    markers = [
        (MINIMUM, 11, "global minimum on [a, b]"),
        (MAXIMUM, 11, "global maximum on [a, b]"),
        (LOCAL, 7, "interior local minima"),
    ]
    handles = [
        Line2D([], [], marker="o", color=colour, markersize=size, linestyle="none", label=text)
        for colour, size, text in markers
    ]
    handles.append(Line2D([], [], color="#333333", lw=1.5, label="tangent there"))
    ax.figure.legend(handles=handles, loc="upper center", ncol=4, frameon=False, fontsize=9)


def feasible_set_explorer(f: Objective = fn.wavy, span: tuple[float, float] = (-4.0, 4.0)):
    r"""Extrema of a one-variable objective on a feasible interval :math:`\mathcal X = [a, b]`.

    Marks the global minimum and maximum of f on [a, b] (:func:`feasible_set_scene`, from
    :func:`~calcopt.minimize_on_interval` and :func:`~calcopt.maximize_on_interval`) with a
    short tangent line at each, and the interior local minima (from
    :func:`~calcopt.stationary_points`). An extremum at an endpoint has a tilted tangent:
    there :math:`f'` need not be zero. The slider a runs over the left half of ``span`` and b
    over its right half, so that a < b always.

    Examples
    --------
    >>> feasible_set_explorer().frame(a=-0.32, b=2.24).readouts["minimum"]
    'endpoint a, x = -0.320, f = -0.809, f′ = 1.66'

    See chapter 1, *Optimization and extrema*.
    """
    low, high = interval(*span, names=("span low", "span high"))
    gap, margin = (high - low) / 50, 0.03 * (high - low)
    title = f"$f(x) = {f.latex}$ on the feasible set $\\mathcal{{X}} = [a, b]$"
    graph = graph_panel(
        f, (0.085, 0.12, 0.895, 0.7), low - margin, high + margin, pad=0.12, num=500, title=title
    )
    minima = tuple(
        float(p.x[0]) for p in find_stationary_points(f, ((low, high),)) if p.kind is Kind.MINIMUM
    )
    a_values = np.linspace(low, 0.5 * (low + high) - gap, 25)
    b_values = np.linspace(0.5 * (low + high) + gap, high, 25)
    return Explorer(
        name="feasible-set",
        title="Extrema on a feasible interval",
        controls=(
            Slider("a", "left end a", *a_values[[0, -1]], default=a_values[12], fmt="{:.2f}"),
            Slider("b", "right end b", *b_values[[0, -1]], default=b_values[13], fmt="{:.2f}"),
        ),
        panels=(replace(graph, content=(*graph.content, _legend)),),
        layers=(
            Layer("left", kind="polygon", color="#ffffff", alpha=0.75),
            Layer("right", kind="polygon", color="#ffffff", alpha=0.75),
            Layer("bounds", color="#555555", width=1.2, dashed=True),
            Layer("local", kind="points", color=LOCAL, marker=7),
            Layer("tangents", color="#333333", width=1.5),
            Layer("minimum", kind="points", color=MINIMUM, marker=11),
            Layer("maximum", kind="points", color=MAXIMUM, marker=11),
        ),
        readouts=(
            ("minimum", "global min"),
            ("maximum", "global max"),
            ("local", "local minima inside at x ="),
        ),
        scene=partial(
            feasible_set_scene,
            f,
            xlim=graph.xlim,
            ylim=graph.ylim,
            minima=minima,
            reach=0.05 * (high - low),
        ),
        alt=(
            "The graph of f with the feasible interval [a, b] between two dashed vertical lines; "
            "the curve outside it is faded. A green dot marks the global minimum on [a, b], an "
            "orange dot the global maximum, each with a short tangent line, and purple dots the "
            "local minima inside the interval. At an endpoint the tangent is tilted: the "
            "derivative there is not zero."
        ),
        figsize=(8.5, 4.2),
    )
