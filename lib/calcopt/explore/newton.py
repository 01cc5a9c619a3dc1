"""Explorers for chapter 6: Newton's method against gradient descent, and basins of attraction."""

from __future__ import annotations

from functools import lru_cache, partial

import numpy as np
from matplotlib.patches import Patch

from .. import functions as fn
from ..calculus.extrema import Kind, StationaryPoint, stationary_points
from ..objective import Objective
from ..optimize import OptimizeResult, gradient_descent, newton
from ..optimize.basins import Basins, basins
from ..optimize.measured import errors
from ..optimize.result import count_iterations
from ..plotting import thin_path
from .core import Choice, Explorer, Layer, Scene, Slider
from .panels import Panel, contours, stationary_markers

#: Start points A, B, C for each objective, and the learning rate of gradient descent there.
STARTS: dict[str, dict[str, tuple[float, float]]] = {
    "Rosenbrock": {"A": (-1.2, 1.0), "B": (0.0, 2.5), "C": (1.5, -0.5)},
    "Himmelblau": {"A": (4.5, 4.5), "B": (0.0, 0.0), "C": (2.0, 0.0)},
}
LEARNING_RATES = {"Rosenbrock": 1e-3, "Himmelblau": 0.01}
OBJECTIVES = {"Himmelblau": fn.himmelblau, "Rosenbrock": fn.rosenbrock}

#: Damping factors t offered by the slider: 0.04, 0.08, ..., 1 (pure Newton).
DAMPINGS = np.linspace(0.04, 1.0, 25)

#: Iterations shown on the error plot.
SHOWN = 30

#: Paths are drawn with points at least this fraction of the domain's width apart (a few pixels).
PATH_SPACING = 0.01


def _nearest(points: tuple[StationaryPoint, ...], x: np.ndarray) -> StationaryPoint:
    return min(points, key=lambda p: float(np.linalg.norm(p.x - x)))


def describe_run(
    result: OptimizeResult, points: tuple[StationaryPoint, ...], *, start: bool = True
) -> str:
    """One line on how a run ended: where it converged (and to what kind of point), or not.

    With ``start``, the line begins with the start point ``path[0]``.
    """
    origin = ", ".join(f"{c:.3g}" for c in result.path[0] + 0.0)
    prefix = f"from ({origin}) " if start else ""
    if result.success:
        end = _nearest(points, result.x)
        where = ", ".join(f"{c:.3g}" for c in end.x + 0.0)
        return f"{prefix}to the {end.kind} ({where}) in {count_iterations(result.nit)}"
    if result.status == "max_iter":
        return f"{prefix}not converged after {count_iterations(result.nit)}"
    return f"{prefix}{result.status} after {count_iterations(result.nit)}"


@lru_cache(maxsize=8)
def landmarks(objective: Objective) -> tuple[StationaryPoint, ...]:
    """The stationary points of an objective in its domain, remembered."""
    return stationary_points(objective)


@lru_cache(maxsize=256)
def comparison_run(name: str, start: str, damping: float | None, *, max_gd: int, max_newton: int):
    """Path to draw, errors to plot and a description of one run (damping None: GD)."""
    objective, x0 = OBJECTIVES[name], STARTS[name][start]
    if damping is None:
        result = gradient_descent(objective, x0, lr=LEARNING_RATES[name], max_iter=max_gd)
    else:
        result = newton(objective, x0, damping=damping, max_iter=max_newton)
    width = objective.domain[0][1] - objective.domain[0][0]
    points = landmarks(objective)
    errs = errors(result.path[: SHOWN + 1], _nearest(points, result.x).x)
    return thin_path(result.path, PATH_SPACING * width), errs, describe_run(result, points)


def newton_vs_gd_scene(name: str, start: str, damping: float, **limits) -> Scene:
    """Both runs from the chosen start on the chosen function, and their errors against k."""
    layers, readouts = {}, {}
    for key, step in (("newton", damping), ("gd", None)):
        path, errs, readouts[key] = comparison_run(name, start, step, **limits)
        layers[f"{key}-error"] = (np.arange(errs.size), errs)
        for other in OBJECTIVES:
            shown = path if other == name else np.empty((0, 2))
            layers[f"{key}-{other}"] = (shown[:, 0], shown[:, 1])
    for other in OBJECTIVES:
        x0 = STARTS[other][start] if other == name else (np.nan, np.nan)
        layers[f"start-{other}"] = ([x0[0]], [x0[1]])
    return Scene(layers, readouts)


def _start_labels(objective: Objective):
    """The letters A, B, C beside the start points (to the left near the right edge)."""

    def draw(ax) -> None:
        (x_low, x_high), _ = objective.domain
        for label, point in STARTS[objective.name].items():
            right_edge = point[0] > x_high - 0.15 * (x_high - x_low)
            offset = (-14, -4) if right_edge else (6, 4)
            ax.annotate(label, point, xytext=offset, textcoords="offset points", weight="bold")

    return draw


def _comparison_panel(left: float, objective: Objective) -> Panel:
    return Panel(
        (left, 0.14, 0.25, 0.74),
        (contours(objective, levels=8, linewidths=0.7), _start_labels(objective)),
        xlabel="$x$",
        ylabel="$y$",
        aspect="equal",
        title=f"{objective.name} (GD: η = {LEARNING_RATES[objective.name]:g})",
    )


def _path_layers(panel: int, name: str) -> tuple[Layer, ...]:
    return (
        Layer(f"gd-{name}", axes=panel, color="#d62728", width=1.2, marker=2.5),
        Layer(f"newton-{name}", axes=panel, color="#1f5fbf", width=1.6, marker=4),
        Layer(f"start-{name}", axes=panel, kind="points", color="#000000", marker=7),
    )


def newton_vs_gd_explorer(max_gd: int = 10000, max_newton: int = 60) -> Explorer:
    r"""Newton's method and gradient descent from the same start, on Himmelblau or Rosenbrock.

    Left and middle: the level curves of both functions with their start points A, B and C;
    the paths of both methods appear on the chosen function. Right: the error
    :math:`e_k = \lVert\mathbf x_k - \mathbf x^*\rVert` against k on a logarithmic axis, where
    :math:`\mathbf x^*` is the stationary point nearest to where each run ends
    (:func:`newton_vs_gd_scene`). Gradient descent (fixed learning rate) gives a straight line,
    linear convergence; pure Newton (t = 1) bends down ever faster, quadratic convergence;
    damped Newton (t < 1) is linear with rate 1 - t near the end. Both functions stay drawn,
    so switching between them redraws no backdrop. ``max_gd`` and ``max_newton`` limit the
    iterations of the two methods.
    """
    errors_panel = Panel(
        (0.725, 0.14, 0.25, 0.74),
        xlim=(0, SHOWN),
        ylim=(1e-16, 1e2),
        yscale="log",
        xlabel="iteration $k$",
        grid=True,
        ylabel=r"error $\|\mathbf{x}_k - \mathbf{x}^*\|$",
        title="errors on the chosen function",
    )
    return Explorer(
        name="newton-vs-gradient-descent",
        title="Newton's method against gradient descent",
        controls=(
            Choice("name", "function", {name: name for name in OBJECTIVES}, "Himmelblau"),
            Choice("start", "start", {label: label for label in "ABC"}, "A"),
            Slider("damping", "damping t", 0.04, 1.0, default=1.0, values=DAMPINGS, fmt="{:.2f}"),
        ),
        panels=(
            _comparison_panel(0.055, fn.himmelblau),
            _comparison_panel(0.375, fn.rosenbrock),
            errors_panel,
        ),
        layers=(
            *_path_layers(0, "Himmelblau"),
            *_path_layers(1, "Rosenbrock"),
            Layer("gd-error", axes=2, color="#d62728", width=1.8),
            Layer("newton-error", axes=2, color="#1f5fbf", width=1.8, marker=4),
        ),
        readouts=(("newton", "Newton"), ("gd", "GD")),
        scene=partial(newton_vs_gd_scene, max_gd=max_gd, max_newton=max_newton),
        alt=(
            "Left: level curves of Himmelblau's function; middle: level curves of Rosenbrock's "
            "function; each with start points A, B and C. On the chosen function, the path of "
            "Newton's method is drawn in blue and that of gradient descent in red. Right: the "
            "distance of each iterate to the stationary point the run approaches, on a "
            "logarithmic axis over the first 30 iterations: a straight red line for gradient "
            "descent, and a blue curve that plunges for pure Newton."
        ),
        figsize=(10.0, 3.6),
    )


#: Fill colour of each basin: the four minima, then saddles, the maximum and "nowhere".
MINIMUM_COLOURS = ("#a6cee3", "#b2df8a", "#fdbf6f", "#cab2d6")
KIND_COLOURS = {Kind.SADDLE: "#9e9e9e", Kind.MAXIMUM: "#4d4d4d"}
NOWHERE_COLOUR = "#ffffff"


def basin_colours(points: tuple[StationaryPoint, ...]) -> list[str]:
    """One colour per label: label i gets entry i, ``NOWHERE`` (-1) the last entry."""
    minima = iter(MINIMUM_COLOURS)
    colours = [next(minima) if p.kind is Kind.MINIMUM else KIND_COLOURS[p.kind] for p in points]
    return [*colours, NOWHERE_COLOUR]


@lru_cache(maxsize=1024)
def basin_runs(objective: Objective, start: tuple[float, float], lr: float):
    """Gradient descent and pure Newton from one start, as the maps compute them."""
    return {
        "gd": gradient_descent(objective, start, lr=lr, max_iter=2000, tol=1e-6),
        "newton": newton(objective, start, tol=1e-6),
    }


def basins_scene(objective: Objective, x0: float, y0: float, *, lr: float, points) -> Scene:
    """Both paths from the start (x0, y0), drawn over the maps, and where each run ended."""
    (x_low, x_high), _ = objective.domain
    layers, readouts = {}, {}
    for key, result in basin_runs(objective, (x0, y0), lr).items():
        path = thin_path(result.path, PATH_SPACING * (x_high - x_low))
        layers[f"{key}-path"] = (path[:, 0], path[:, 1])
        readouts[key] = describe_run(result, points, start=False)
    layers["start-gd"] = layers["start-newton"] = ([x0], [y0])
    return Scene(layers, readouts)


def _basin_map(result: Basins, domain):
    """The map of labels as an image, one colour per stationary point, and the points."""
    colours = np.array(
        [[int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)] for c in basin_colours(result.points)]
    )
    (x_low, x_high), (y_low, y_high) = domain

    def draw(ax) -> None:
        ax.imshow(
            colours[result.labels],
            origin="lower",
            extent=(x_low, x_high, y_low, y_high),
            interpolation="nearest",
        )
        stationary_markers(result.points, ms=6)(ax)

    return draw


def _basin_panel(i: int, key: str, maps: dict[str, Basins], domain, title: str) -> Panel:
    """Map i of the two; the first also draws the figure's legend of colours."""
    content = (_basin_map(maps[key], domain),) + ((_basin_legend,) if i == 0 else ())
    rect = (0.06 + 0.47 * i, 0.2, 0.42, 0.72)
    return Panel(rect, content, xlabel="$x_0$", ylabel="$y_0$", title=title)


def _basin_legend(ax) -> None:
    kinds = [("minimum (one colour each)", MINIMUM_COLOURS[0])]
    kinds += [(f"{kind}", colour) for kind, colour in KIND_COLOURS.items()]
    kinds += [("no convergence", NOWHERE_COLOUR)]
    handles = [Patch(facecolor=c, edgecolor="black", label=label) for label, c in kinds]
    ax.figure.legend(handles=handles, loc="lower center", ncol=4, frameon=False, fontsize=9)


#: Spacing of the start points the sliders of the basins explorer offer.
START_STEP = 0.25


def start_values(low: float, high: float, step: float = START_STEP) -> np.ndarray:
    """Slider positions from low to high in steps of ``step``, on whole multiples of it, so that
    every start a reader picks reads as a short number.

    Examples
    --------
    >>> start_values(-1.0, 0.3).tolist()
    [-1.0, -0.75, -0.5, -0.25, 0.0, 0.25]
    """
    first, last = np.ceil(low / step - 1e-9), np.floor(high / step + 1e-9)
    return np.round(np.arange(first, last + 1) * step, 10)


def basins_explorer(
    objective: Objective = fn.himmelblau,
    *,
    lr: float = 0.01,
    num: int = 200,
    step: float = START_STEP,
    start: tuple[float, float] = (-1.0, -1.0),
) -> Explorer:
    r"""Basins of attraction of gradient descent and of pure Newton's method, side by side.

    Each start of a ``num`` x ``num`` grid over the objective's domain is coloured by where
    the method ends (:func:`~calcopt.optimize.basins.basins`): one colour per minimum, grey
    for a saddle point, dark grey for the maximum, white for no convergence. Sliders move a
    start point; both paths from it are drawn over the maps (:func:`basins_scene`); gradient
    descent uses the learning rate ``lr``. The sliders offer starts on multiples of ``step``
    (0.25: 41 positions on Himmelblau's square); ``start`` is the first one shown.
    """
    (x_low, x_high), (y_low, y_high) = objective.domain
    maps = {
        "gd": basins(objective, "gd", num=num, lr=lr),
        "newton": basins(objective, "newton", num=num),
    }
    titles = {"gd": f"gradient descent (η = {lr:g})", "newton": "pure Newton (t = 1)"}
    panels = tuple(
        _basin_panel(i, key, maps, objective.domain, titles[key]) for i, key in enumerate(maps)
    )
    grid_x, grid_y = start_values(x_low, x_high, step), start_values(y_low, y_high, step)
    return Explorer(
        name="basins-of-attraction",
        title=f"Basins of attraction on {objective.name}",
        controls=(
            Slider("x0", "start x₀", x_low, x_high, default=start[0], values=grid_x, fmt="{:g}"),
            Slider("y0", "start y₀", y_low, y_high, default=start[1], values=grid_y, fmt="{:g}"),
        ),
        panels=panels,
        layers=(
            Layer("gd-path", axes=0, color="#b2182b", width=1.4, marker=2.5),
            Layer("newton-path", axes=1, color="#b2182b", width=1.4, marker=3),
            Layer("start-gd", axes=0, kind="points", color="#000000", marker=7),
            Layer("start-newton", axes=1, kind="points", color="#000000", marker=7),
        ),
        readouts=(("gd", "GD"), ("newton", "Newton")),
        scene=partial(basins_scene, objective, lr=lr, points=maps["newton"].points),
        alt=(
            f"Two maps of the square of start points of {objective.name}'s function. Left: "
            "each start coloured by the minimum gradient descent reaches from it; four smooth "
            "regions. Right: the same for pure Newton's method, whose regions are fragmented and "
            "include grey areas that end at saddle points and a dark area that ends at the "
            "maximum. Both paths from the chosen start are drawn in red."
        ),
        figsize=(9.5, 5.0),
    )
