"""Explorers for chapter 2, *Derivatives*: secant to tangent, the error of difference
quotients against the step, and the directional derivative as the slope of a slice."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

import numpy as np
from matplotlib.lines import Line2D

from .. import functions as fn
from .._validation import interval
from ..calculus.accuracy import difference_errors
from ..calculus.diff import DEFAULT_STEPS, EPS, derivative, directional_derivative
from ..calculus.directions import unit_vector
from ..objective import Objective
from .controls import angle_slider
from .core import Choice, Explorer, Layer, Scene, Slider
from .panels import Panel, contours, graph_panel


def secant_scene(f: Objective, x: float, h: float, *, xlim: tuple[float, float]) -> Scene:
    """The secant through (x, f(x)) and (x + h, f(x + h)) and the tangent at x, across xlim."""
    quotient = float(derivative(f, x, h=h, method="forward"))
    exact = float(f.gradient(x))
    y0, y1 = float(f(x)), float(f(x + h))
    ends = np.array(xlim)
    return Scene(
        layers={
            "tangent": (ends, y0 + exact * (ends - x)),
            "secant": (ends, y0 + quotient * (ends - x)),
            "rise": ([x, x + h, x + h], [y0, y0, y1]),
            "points": ([x, x + h], [y0, y1]),
        },
        readouts={
            "quotient": f"{quotient:.6f}",
            "exact": f"{exact:.6f}",
            "error": f"{abs(quotient - exact):.2e}",
        },
    )


#: The steps h of :func:`secant_explorer`: 2, 0.2, 0.02, 0.002, 0.0002 and seven positions
#: between each two, so that eight moves of the slider change h by a factor of ten.
SECANT_STEPS = 2.0 * 10.0 ** (np.arange(-32, 1) / 8)


def secant_explorer(f: Objective = fn.wavy, span: tuple[float, float] = (-2.0, 2.0)) -> Explorer:
    r"""Secant to tangent: the line through :math:`(x, f(x))` and :math:`(x+h, f(x+h))`.

    As :math:`h \to 0` the secant's slope, the forward difference quotient
    :math:`\frac{f(x+h)-f(x)}{h}`, approaches the tangent's slope :math:`f'(x)`
    (:func:`secant_scene`). The point x moves inside ``span``; h takes the values
    :data:`SECANT_STEPS`, eight per factor of ten from 0.0002 to 2.

    Examples
    --------
    >>> secant_explorer().frame(x=1.0, h=0.002).readouts["error"]
    '1.05e-03'

    See chapter 2, *Derivatives*.
    """
    a, b = interval(*span, names=("span low", "span high"))
    graph = graph_panel(
        f, (0.08, 0.13, 0.9, 0.8), a - 0.1 * (b - a), b + 0.1 * (b - a), pad=0.15, title_size=11
    )
    return Explorer(
        name="secant-to-tangent",
        title="Secant to tangent",
        controls=(
            Slider("x", "point x", a, b, default=0.5 * (a + b) + 0.25 * (b - a)),
            Slider(
                "h",
                "step h",
                SECANT_STEPS[0],
                SECANT_STEPS[-1],
                default=0.6,
                values=SECANT_STEPS,
                log=True,
            ),
        ),
        panels=(graph,),
        layers=(
            Layer("tangent", color="#555555", width=1.5, dashed=True),
            Layer("secant", color="#d62728", width=2.0),
            Layer("rise", color="#ff7f0e", width=1.2, dashed=True),
            Layer("points", kind="points", color="#d62728", marker=8),
        ),
        readouts=(("quotient", "(f(x+h) − f(x)) / h"), ("exact", "f′(x)"), ("error", "error")),
        scene=partial(secant_scene, f, xlim=graph.xlim),
        alt=(
            "The graph of f with a red secant line through the points at x and x + h, a dashed "
            "grey tangent line at x, and a dashed orange step showing the run h and the rise "
            "f(x + h) − f(x). As h shrinks the secant turns onto the tangent."
        ),
        figsize=(8.0, 4.2),
    )


#: The difference quotients compared by :func:`difference_error_explorer`, with their colours.
QUOTIENTS = {"forward": "#1f77b4", "central": "#d62728", "complex": "#2ca02c"}

#: Errors below this are drawn on it (an error of exactly 0 has no place on a log axis).
ERROR_FLOOR = 1e-17

#: The steps h of the error curves.
STEPS = np.geomspace(1e-16, 1.0, 49)


def difference_error_scene(f: Objective, x: float, *, reach: float) -> Scene:
    """Errors of the three quotients at x against h, the best step of each, and the tangent at
    x (half-length ``reach``)."""
    slope = float(f.gradient(x))
    curves = {m: difference_errors(f, x, method=m, steps=STEPS, exact=slope) for m in QUOTIENTS}
    ends = np.array([x - reach, x + reach])
    layers = {m: (c.h, np.maximum(c.error, ERROR_FLOOR)) for m, c in curves.items()}
    best = [(c.best_h, max(c.best_error, ERROR_FLOOR)) for c in curves.values()]
    layers["best"] = tuple(zip(*best, strict=True))
    layers["point"] = ([x], [f(x)])
    layers["tangent"] = (ends, f(x) + slope * (ends - x))
    readouts = {m: f"h = {c.best_h:.1e}, error {c.best_error:.1e}" for m, c in curves.items()}
    return Scene(layers, {"slope": f"{slope:.6f}", **readouts})


def _error_guides(ax) -> None:
    """The default steps of the forward and central quotients, machine epsilon, a legend."""
    for method in ("forward", "central"):
        ax.axvline(DEFAULT_STEPS[method], color=QUOTIENTS[method], lw=0.8, ls=":")
    label = {"color": "#444444", "fontsize": 8, "ha": "center", "va": "bottom"}
    ax.text(DEFAULT_STEPS["forward"], 2e2, r"$\sqrt{\varepsilon}$", **label)
    ax.text(DEFAULT_STEPS["central"], 2e2, r"$\varepsilon^{1/3}$", **label)
    ax.axhline(EPS, color="#999999", lw=0.8, ls="--")
    ax.text(2e-16, EPS * 1.6, "machine epsilon ε ≈ 2.2e-16", color="#666666", fontsize=8)
    handles = [Line2D([], [], color=c, lw=2, label=m) for m, c in QUOTIENTS.items()]
    ax.legend(handles=handles, loc="upper center", ncol=3, fontsize=8, framealpha=0.9)


def difference_error_explorer(
    f: Objective = fn.wavy, span: tuple[float, float] = (-2.0, 2.0)
) -> Explorer:
    r"""Error of the forward, central and complex-step quotients against the step h.

    For the point x on the slider, plots :math:`|D_h f(x) - f'(x)|` against h on log-log axes
    (:func:`difference_error_scene`, from
    :func:`~calcopt.calculus.accuracy.difference_errors`): a V for the forward and central
    differences, whose right arm is truncation (slope 1 and 2) and left arm rounding (slope
    -1), and a floor at machine precision for the complex step. ``f`` must accept complex
    input (the complex step evaluates it at complex points).

    Examples
    --------
    >>> difference_error_explorer().frame(x=1.0).readouts["slope"]
    '-2.769977'

    See chapter 2, *Derivatives*.
    """
    a, b = interval(*span, names=("span low", "span high"))
    errors = Panel(
        (0.42, 0.14, 0.56, 0.72),
        (_error_guides,),
        xlim=(STEPS[0] / 2, STEPS[-1] * 2),
        ylim=(ERROR_FLOOR / 3, 1e2),
        xscale="log",
        yscale="log",
        xlabel="step h",
        ylabel=r"error $|D_h f(x) - f'(x)|$",
        grid=True,
    )
    return Explorer(
        name="difference-error",
        title="Error of numerical derivatives against the step",
        controls=(Slider("x", "point x", a, b, default=a + 0.65 * (b - a), positions=41),),
        panels=(graph_panel(f, (0.07, 0.14, 0.25, 0.72), a, b, pad=0.1, title_size=9), errors),
        layers=(
            *(Layer(m, axes=1, color=c, width=1.8) for m, c in QUOTIENTS.items()),
            Layer("best", axes=1, kind="points", color="#222222", marker=6),
            Layer("tangent", axes=0, color="#555555", width=1.2, dashed=True),
            Layer("point", axes=0, kind="points", color="#d62728", marker=8),
        ),
        readouts=(
            ("slope", "exact f′(x)"),
            ("forward", "best forward"),
            ("central", "best central"),
            ("complex", "best complex step"),
        ),
        scene=partial(difference_error_scene, f, reach=0.3 * (b - a)),
        alt=(
            "Left: the graph of f with the chosen point and its tangent. Right, on log-log axes: "
            "the error of the forward (blue), central (red) and complex-step (green) derivative "
            "estimates against the step h, with a black dot at each curve's smallest error. The "
            "forward and central curves are V-shaped: rounding error falls as h grows, "
            "truncation error rises. The complex-step curve stays near machine precision down to "
            "the smallest steps; errors of exactly zero are drawn on the bottom edge."
        ),
        figsize=(9.5, 4.2),
    )


#: Points offered by :func:`directional_derivative_explorer` on Himmelblau's function.
DIRECTION_POINTS = {"(0, 0)": (0.0, 0.0), "(2, −1)": (2.0, -1.0), "(−1, 2)": (-1.0, 2.0)}

#: What the directional derivative is along the coordinate axes.
AXIS_CASES = {
    0: "u = e₁: the partial ∂f/∂x",
    90: "u = e₂: the partial ∂f/∂y",
    180: "u = −e₁: minus ∂f/∂x",
    270: "u = −e₂: minus ∂f/∂y",
}


def slice_values(f: Objective, x, angle: float, alphas: np.ndarray) -> np.ndarray:
    """f along the line through x at ``angle`` degrees: :math:`f(\\mathbf x + a\\mathbf u)`."""
    return f(np.asarray(x)[:, None] + alphas * unit_vector(np.radians(angle))[:, None])


def directional_derivative_scene(f: Objective, point, angle: float, *, alphas: np.ndarray) -> Scene:
    """The line through the point along u (angle in degrees), the slice of f along it, and the
    line of slope :math:`\\nabla f\\cdot\\mathbf u` touching the slice at 0."""
    x, u = np.asarray(point, dtype=float), unit_vector(np.radians(angle))
    grad = f.gradient(x)
    exact = float(grad @ u)
    height, reach = float(f(x)), alphas[-1]
    ends = np.array([-reach, reach])
    return Scene(
        layers={
            "line": (x[0] + ends * u[0], x[1] + ends * u[1]),
            "u": ([x[0], x[0] + u[0]], [x[1], x[1] + u[1]]),
            "point": ([x[0]], [x[1]]),
            "slice": (alphas, slice_values(f, x, angle, alphas)),
            "tangent": (ends, height + exact * ends),
            "origin": ([0.0], [height]),
        },
        readouts={
            "u": f"({_fixed(u[0])}, {_fixed(u[1])})",
            "slope": _fixed(directional_derivative(f, x, u)),
            "dot": _fixed(exact),
            "partials": f"∂f/∂x = {_fixed(grad[0])}, ∂f/∂y = {_fixed(grad[1])}",
            "case": AXIS_CASES.get(round(angle) % 360, ""),
        },
    )


def _slice_panels(f: Objective, points, angles, alphas) -> tuple[Panel, Panel]:
    """Left: the contours of f. Right: axes for the slices, tall enough for every preset point
    and angle."""
    reach = alphas[-1]
    every = np.concatenate([slice_values(f, p, t, alphas) for p in points.values() for t in angles])
    pad = 0.08 * (every.max() - every.min())
    left = Panel(
        (0.06, 0.13, 0.38, 0.78),
        (contours(f, levels=14, num=120, linewidths=0.8),),
        xlabel="x",
        ylabel="y",
        title=f"{f.name}: point, direction u, line x + a u",
        title_size=9,
        aspect="equal",
    )
    right = Panel(
        (0.55, 0.13, 0.42, 0.78),
        (_vertical_axis,),
        xlim=(-reach, reach),
        ylim=(every.min() - pad, every.max() + pad),
        xlabel="a (distance along u)",
        ylabel=r"$f(\mathbf{x} + a\mathbf{u})$",
        title="the slice and its tangent at a = 0",
        title_size=9,
        grid=True,
    )
    return left, right


def _vertical_axis(ax) -> None:
    ax.axvline(0, color="#999999", lw=0.8)


def directional_derivative_explorer(
    f: Objective = fn.himmelblau,
    points: Mapping[str, Sequence[float]] | None = None,
    reach: float = 1.5,
) -> Explorer:
    r"""The directional derivative as the slope of a slice through the graph.

    For a point :math:`\mathbf x` and the unit vector :math:`\mathbf u = (\cos\theta,
    \sin\theta)`, the left panel draws :math:`\mathbf u` and the line :math:`\mathbf x +
    a\mathbf u` over the contours of f; the right panel draws the slice :math:`a\mapsto
    f(\mathbf x + a\mathbf u)` for :math:`|a| \le` ``reach`` with the line of slope
    :math:`\nabla f(\mathbf x)\cdot\mathbf u` (:func:`directional_derivative_scene`). It
    touches the slice: the slice's slope at 0, measured by
    :func:`~calcopt.directional_derivative`, is :math:`D_{\mathbf u}f(\mathbf x)`. At 0 and 90
    degrees it is a partial derivative. Default points: :data:`DIRECTION_POINTS`.

    Examples
    --------
    >>> directional_derivative_explorer().frame(point=(2.0, -1.0), angle=90.0).readouts["case"]
    'u = e₂: the partial ∂f/∂y'

    See chapter 2, *Derivatives*.
    """
    points = dict(points or DIRECTION_POINTS)
    angles, alphas = np.arange(0.0, 360.0, 10.0), np.linspace(-reach, reach, 61)
    return Explorer(
        name="directional-derivative",
        title="Directional derivative",
        controls=(
            Choice("point", "point x", points, default=next(iter(points))),
            angle_slider("angle θ (degrees)", angles, default=30.0, fmt="{:.0f}°"),
        ),
        panels=_slice_panels(f, points, angles, alphas),
        layers=(
            Layer("line", axes=0, color="#d62728", width=1.2, dashed=True),
            Layer("u", axes=0, kind="arrow", color="#d62728", width=2.0),
            Layer("point", axes=0, kind="points", color="#222222", marker=7),
            Layer("slice", axes=1, color="#1f4e79", width=2.0),
            Layer("tangent", axes=1, color="#d62728", width=1.5, dashed=True),
            Layer("origin", axes=1, kind="points", color="#222222", marker=7),
        ),
        readouts=(
            ("u", "u"),
            ("slope", "slope of the slice at 0"),
            ("dot", "∇f(x)·u"),
            ("partials", "partials"),
            ("case", ""),
        ),
        scene=partial(directional_derivative_scene, f, alphas=alphas),
        alt=(
            "Left: contour lines of the function with the chosen point, a red arrow for the unit "
            "vector u at the chosen angle and a dashed red line through the point along u. "
            "Right: the values of f along that line against the distance a, with a dashed red "
            "line through a = 0 whose slope is the gradient dotted with u; it touches the curve "
            "at a = 0."
        ),
        figsize=(9.5, 4.4),
    )


def _fixed(value: float) -> str:
    """A number with three decimals, without a "-0.000"."""
    return f"{round(float(value), 3) + 0.0:.3f}"
