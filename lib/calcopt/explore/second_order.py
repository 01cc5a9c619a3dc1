"""Explorers for chapter 5: the quadratic model at a point, and a gallery of second-order tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache, partial

import numpy as np

from .. import functions as fn
from ..calculus.directions import unit_vector
from ..calculus.extrema import Kind, classify_stationary_point, is_stationary, stationary_points
from ..calculus.second_order import LineVerdict, line_derivatives, line_test, quadratic_model
from ..objective import Objective
from ..optimize import newton_step
from ..plotting import contour_levels, contour_polyline, region_scanlines
from .controls import angle_slider
from .core import Choice, Explorer, Layer, Scene
from .panels import Panel, contours

#: Directions of the slice, in degrees: 25 positions, 0 to 180 in steps of 7.5.
ANGLES = np.arange(25) * 7.5

#: Points that are not stationary, shown beside the stationary points of each objective.
OTHER_POINTS: dict[str, tuple[tuple[float, float], ...]] = {
    "Himmelblau": ((2.0, 3.0), (0.0, 0.0), (2.0, 0.0)),
    "Rosenbrock": ((-1.2, 1.0), (0.5, 0.25), (0.0, 1.0)),
}

#: The second-order test's verdicts, with the reason.
VERDICTS = {
    Kind.MINIMUM: "strict local minimum (every λ > 0)",
    Kind.MAXIMUM: "strict local maximum (every λ < 0)",
    Kind.SADDLE: "saddle point (λ of both signs)",
    Kind.INCONCLUSIVE: "inconclusive (a zero λ, the others all ≥ 0 or all ≤ 0)",
}


def model_points(objective: Objective) -> dict[str, tuple[float, float]]:
    """Presets: one stationary point of each kind, then the objective's other points."""
    points: dict[str, tuple[float, float]] = {}
    seen = set()
    for point in stationary_points(objective):
        if point.kind not in seen:
            seen.add(point.kind)
            points[f"{point.kind} ({point.x[0]:.2f}, {point.x[1]:.2f})"] = tuple(point.x)
    for x, y in OTHER_POINTS.get(objective.name, ()):
        points[f"({x:g}, {y:g})"] = (x, y)
    return points


@lru_cache(maxsize=64)
def model_at(objective: Objective, point: tuple[float, float], radius: float, levels: tuple):
    """The quadratic model at a point, the Hessian's eigen-decomposition there, the model's
    level curves within 2 ``radius`` of the point, and where a pure Newton step lands."""
    x0 = np.array(point)
    model = quadratic_model(objective, x0)
    H, g = objective.hessian(x0), objective.gradient(x0)
    local = np.meshgrid(*(np.linspace(c - 2 * radius, c + 2 * radius, 33) for c in x0))
    outside = np.hypot(local[0] - x0[0], local[1] - x0[1]) > 2 * radius
    lines = contour_polyline(*local, np.ma.array(model(np.stack(local)), mask=outside), levels)
    try:
        target = newton_step(x0, g, H)
    except np.linalg.LinAlgError:
        target = np.full(2, np.nan)
    return model, H, g, np.linalg.eigh(H), lines, target


def quadratic_model_scene(
    objective: Objective, point, angle: float, *, radius: float, levels: tuple, arrow: float
) -> Scene:
    """The model's level curves, the Hessian's eigenvectors (arrows of length ``arrow``), the
    Newton target, and f against the model along the line at ``angle`` degrees."""
    model, H, g, (eigenvalues, eigenvectors), lines, target = model_at(
        objective, tuple(point), radius, levels
    )
    x0, u = np.array(point), unit_vector(np.radians(angle))
    ts = np.linspace(-radius, radius, 31)
    along = x0[:, None] + np.outer(u, ts)
    base = objective(x0)
    if is_stationary(objective, x0):
        verdict = "stationary: " + VERDICTS[classify_stationary_point(H)]
    else:
        verdict = (
            f"not stationary (‖∇f‖ = {np.linalg.norm(g):.3g}); the model's stationary point "
            f"is a {classify_stationary_point(H)}"
        )
    small, large = (x0 + arrow * eigenvectors[:, i] for i in (0, 1))
    return Scene(
        layers={
            "model": lines,
            "line": (along[0, [0, -1]], along[1, [0, -1]]),
            "eig-small": ([x0[0], small[0]], [x0[1], small[1]]),
            "eig-large": ([x0[0], large[0]], [x0[1], large[1]]),
            "point": ([x0[0]], [x0[1]]),
            "target": ([target[0]], [target[1]]),
            "slice-f": (ts, objective(along) - base),
            "slice-model": (ts, model(along) - base),
        },
        readouts={
            "eigenvalues": f"eigenvalues λ₁ = {eigenvalues[0]:.4g} (purple arrow), "
            f"λ₂ = {eigenvalues[1]:.4g} (green arrow)",
            "curvature": f"curvature uᵀ∇²f(x₀)u = {u @ H @ u:.4g} along the grey line",
            "verdict": verdict,
        },
    )


def _axes_lines(ax) -> None:
    ax.axhline(0, color="#999999", lw=0.8)
    ax.axvline(0, color="#999999", lw=0.8)


def _model_panels(objective: Objective, points, radius: float) -> tuple[Panel, Panel]:
    """Left: the level curves of f. Right: axes for the change of f and of the model along a
    line, tall enough for every preset point and angle."""
    ts = np.linspace(-radius, radius, 31)
    changes = [
        objective(np.array(p)[:, None] + np.outer(unit_vector(np.radians(a)), ts))
        - objective(np.array(p))
        for p in points.values()
        for a in ANGLES
    ]
    span = 1.1 * float(np.max(np.abs(changes)))
    left = Panel(
        (0.06, 0.11, 0.42, 0.8),
        (contours(objective, levels=10, linewidths=0.7),),
        xlabel="$x$",
        ylabel="$y$",
        aspect="equal",
        title=f"{objective.name}: f (solid) and its quadratic model (dashed)",
    )
    right = Panel(
        (0.58, 0.11, 0.39, 0.8),
        (_axes_lines,),
        xlim=(-radius, radius),
        ylim=(-span, span),
        xlabel="$t$ (distance along the line)",
        ylabel=r"change from $f(\mathbf{x}_0)$",
        grid=True,
        title=r"along the line $\mathbf{x}_0 + t\,\mathbf{u}$",
    )
    return left, right


def quadratic_model_explorer(
    objective: Objective = fn.himmelblau,
    *,
    points: Mapping[str, Sequence[float]] | None = None,
    radius: float | None = None,
) -> Explorer:
    r"""The quadratic model of a two-variable objective at a chosen point, and its curvature.

    Left: the level curves of f, the chosen point, the eigenvectors of :math:`\nabla^2 f`
    there, the model's level curves near the point (dashed) and the point a pure Newton step
    jumps to. Right: f and the model along the line through the point at angle :math:`\theta`
    (:func:`quadratic_model_scene`). Readouts give the eigenvalues, the curvature
    :math:`\mathbf u^\top\nabla^2 f\,\mathbf u` along the line and the second-order test's
    verdict when the point is stationary. ``points`` default to :func:`model_points`;
    ``radius``, the half-length of the slice, to 7.5% of the domain's width.
    """
    points = dict(points or model_points(objective))
    (x_low, x_high), _ = objective.domain
    radius = radius or 0.075 * (x_high - x_low)
    levels = tuple(contour_levels(objective.grid(160)[2], 10, log=True))
    return Explorer(
        name="quadratic-model",
        title=f"The quadratic model of {objective.name}",
        controls=(
            Choice("point", "point x₀", points, default=next(iter(points))),
            angle_slider("direction θ (degrees)", ANGLES, default=30.0),
        ),
        panels=_model_panels(objective, points, radius),
        layers=(
            Layer("model", axes=0, color="#e66101", width=1.2, dashed=True),
            Layer("line", axes=0, color="#555555", width=1.2),
            Layer("eig-small", axes=0, kind="arrow", color="#7b3294", width=2.0),
            Layer("eig-large", axes=0, kind="arrow", color="#1b7837", width=2.0),
            Layer("target", axes=0, kind="points", color="#e66101", marker=7),
            Layer("point", axes=0, kind="points", color="#000000", marker=7),
            Layer("slice-f", axes=1, color="#2166ac", width=2.0),
            Layer("slice-model", axes=1, color="#e66101", width=2.0, dashed=True),
        ),
        readouts=(("eigenvalues", "Hessian"), ("curvature", "line"), ("verdict", "test")),
        scene=partial(
            quadratic_model_scene,
            objective,
            radius=radius,
            levels=levels,
            arrow=0.12 * (x_high - x_low),
        ),
        alt=(
            f"Left: level curves of {objective.name}'s function with the chosen point in black, "
            "two arrows along the eigenvectors of the Hessian there (purple for the smaller "
            "eigenvalue, green for the larger), dashed orange level curves of the quadratic "
            "model around the point, an orange dot where a Newton step lands, and a grey line "
            "through the point at the chosen angle. Right: the change of f (blue) and of the "
            "model (dashed orange) along that line; they agree near t = 0."
        ),
        figsize=(9.0, 4.0),
    )


#: The gallery: objectives with a stationary point at the origin, and what is true there.
GALLERY: dict[str, tuple[Objective, str]] = {
    "x² − y²": (
        fn.saddle,
        "a saddle point: f < 0 on the y axis and f > 0 on the x axis, arbitrarily close to 0",
    ),
    "x⁴ + y²": (fn.quartic_bowl, "a strict minimum: f > 0 everywhere except at 0"),
    "x³ + y²": (fn.cubic_trough, "not a local minimum: f = x³ < 0 on the negative x axis"),
    "monkey saddle x³ − 3xy²": (
        fn.monkey_saddle,
        "neither a minimum nor a maximum: f changes sign six times around every circle about 0",
    ),
    "Peano (y − x²)(y − 2x²)": (
        fn.peano,
        "not a local minimum: f < 0 between the parabolas y = x² and y = 2x², which come "
        "arbitrarily close to 0",
    ),
}

#: Highest derivative order the gallery's line test uses; every gallery function is a
#: polynomial of at most this degree, so derivatives beyond it vanish.
GALLERY_ORDER = 4

#: The square around the origin that the gallery shows, and the vertical range of its plot of
#: f along a line (narrow, so that the Peano surface's shallow dips below 0 show).
GALLERY_SQUARE = ((-1.0, 1.0), (-1.0, 1.0))
GALLERY_RANGE = (-0.12, 0.3)

#: Rows of the shaded region; at the figure's size each is about 3 pixels (2.3 points) high, and
#: its layer is drawn 3 points thick so that neighbouring rows overlap.
ROWS = 91

ORIGIN = np.zeros(2)


@lru_cache(maxsize=8)
def gallery_entry(label: str):
    """One entry's derivatives along lines through 0, its level curves and the region where
    f < f(0) = 0 (these do not move with the angle)."""
    objective = GALLERY[label][0]
    derivatives = line_derivatives(objective, ORIGIN, order=GALLERY_ORDER)
    levels = contour_polyline(*objective.grid(81, GALLERY_SQUARE), np.linspace(-0.8, 0.8, 9))
    (x0, x1), (y0, y1) = GALLERY_SQUARE
    X, Y = np.meshgrid(np.linspace(x0, x1, 401), np.linspace(y0, y1, ROWS))
    return derivatives, levels, region_scanlines(X, Y, objective(np.stack([X, Y])), 0.0)


def _line_reading(test) -> str:
    if test.verdict is LineVerdict.UNDETERMINED:
        return "f is constant on this line (every derivative of g at 0 vanishes)"
    if test.order == 1:
        return "neither: g′(0) ≠ 0"
    ordinal = {2: "g″(0)", 3: "g‴(0)", 4: "g⁗(0)"}[test.order]
    return f"{test.verdict} at t = 0 (decided by {ordinal})"


def second_order_gallery_scene(entry: str, angle: float) -> Scene:
    """One gallery entry along the line at ``angle`` degrees: g(t) = f(t u), its quadratic part
    and lowest point, beside the region where f < 0 and the Hessian test's verdict."""
    objective = GALLERY[entry][0]
    ts, fine = np.linspace(-1.0, 1.0, 49), np.linspace(-1.0, 1.0, 2001)
    u = unit_vector(np.radians(angle))
    derivatives, levels, region = gallery_entry(entry)
    values = derivatives(u)
    along = objective(np.outer(u, fine))
    along[np.abs(along) < 1e-12] = 0.0  # rounding noise on lines where f vanishes
    lowest = int(np.lexsort((np.abs(fine), along))[0])  # ties: the point nearest 0
    H = objective.hessian(ORIGIN)
    eigenvalues = " and ".join(f"{v:.3g}" for v in np.linalg.eigvalsh(H) + 0.0)
    return Scene(
        layers={
            "region": region,
            "levels": levels,
            "origin": ([0.0], [0.0]),
            "line": ([-u[0], u[0]], [-u[1], u[1]]),
            "lowest-xy": ([fine[lowest] * u[0]], [fine[lowest] * u[1]]),
            "restriction": (ts, objective(np.outer(u, ts))),
            "quadratic": (ts[::2], values[2] * ts[::2] ** 2 / 2),
            "lowest": ([fine[lowest]], [along[lowest]]),
        },
        readouts={
            "test": f"Hessian eigenvalues {eigenvalues}: " + VERDICTS[classify_stationary_point(H)],
            "line": f"θ = {angle:g}°: " + _line_reading(line_test(values)),
            "lowest": f"lowest f on |t| ≤ 1 is {along[lowest]:.2g}, at t = {fine[lowest]:.3f}",
            "truth": GALLERY[entry][1],
        },
    )


def second_order_gallery_explorer() -> Explorer:
    r"""The second-order test at the origin of five functions, and what really happens there.

    Left: level curves of f near 0, the region where :math:`f < f(\mathbf 0)` shaded, and a line
    through the origin at angle :math:`\theta`. Right: the restriction
    :math:`g(t) = f(t\mathbf u)` to that line with its quadratic part
    :math:`\tfrac12 g''(0)t^2` (dashed) and its lowest point on the segment
    (:func:`second_order_gallery_scene`). Readouts: the Hessian's eigenvalues, the test's
    verdict, the derivative test along the line and the truth.
    """
    left = Panel(
        (0.08, 0.13, 0.34, 0.77),
        xlim=GALLERY_SQUARE[0],
        ylim=GALLERY_SQUARE[1],
        xlabel="$x$",
        ylabel="$y$",
        aspect="equal",
        title="near 0: red where f < f(0) = 0",
    )
    right = Panel(
        (0.53, 0.13, 0.44, 0.77),
        (_axes_lines,),
        xlim=(-1.0, 1.0),
        ylim=GALLERY_RANGE,
        xlabel="$t$",
        ylabel=r"$g(t) = f(t\,\mathbf{u})$",
        grid=True,
        title="f along the line (blue), its quadratic part (dashed)",
    )
    return Explorer(
        name="second-order-gallery",
        title="Second-order test gallery",
        controls=(
            Choice("entry", "function", {k: k for k in GALLERY}, "x² − y²"),
            angle_slider("line at angle θ (degrees)", ANGLES, default=30.0),
        ),
        panels=(left, right),
        layers=(
            Layer("region", axes=0, color="#f4a6a6", width=3.0),
            Layer("levels", axes=0, color="#888888", width=0.7),
            Layer("origin", axes=0, kind="points", color="#000000", marker=5),
            Layer("line", axes=0, color="#2166ac", width=1.8),
            Layer("lowest-xy", axes=0, kind="points", color="#b2182b", marker=7),
            Layer("restriction", axes=1, color="#2166ac", width=2.0),
            Layer("quadratic", axes=1, color="#e66101", width=1.6, dashed=True),
            Layer("lowest", axes=1, kind="points", color="#b2182b", marker=7),
        ),
        readouts=(("test", "test"), ("line", "line"), ("lowest", "min"), ("truth", "truth")),
        scene=second_order_gallery_scene,
        alt=(
            "Left: level curves of the chosen function near the origin, with the region where "
            "it is below its value at the origin shaded red, and a blue line through the origin "
            "at the chosen angle. Right: the function along that line (blue), its quadratic part "
            "(dashed orange), and a red dot at its lowest point on the segment, also marked on "
            "the left."
        ),
        figsize=(9.0, 3.7),
    )
