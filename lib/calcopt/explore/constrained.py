r"""Explorers for chapter 7, *Constrained optimization*: the tangency of a Lagrange point,
projected gradient descent on a box or a disc, and the KKT multiplier of a moving constraint."""

from __future__ import annotations

from functools import lru_cache, partial

import numpy as np
import sympy as sp

from .. import functions as fn
from .. import plotting
from ..functions import x, y
from ..objective import Objective
from ..optimize import OptimizeResult
from ..optimize.constrained import kkt_points, lagrange_points, least_squares_multipliers
from ..optimize.projections import (
    project_ball,
    project_box,
    projected_gradient_descent,
)
from ..optimize.theory import stability_limit
from .controls import learning_rate_slider, rates_around, steps_slider
from .core import Choice, Explorer, Layer, Scene, Slider
from .descent import run_status
from .panels import Panel, contours, loss_panel, minima, rate_strip, stationary_markers

#: The squared distance to (2, 1), the chapter's running example.
DISTANCE = Objective.from_sympy(
    (x - 2) ** 2 + (y - 1) ** 2,
    (x, y),
    name="squared distance to (2, 1)",
    domain=((-2.6, 2.6), (-2.6, 2.6)),
    minima=((2.0, 1.0),),
)

#: The problems of the Lagrange explorer: the objective, the radius r of the constraint
#: x² + y² = r² (the circle through the origin's neighbourhood), the half-width of the view.
LAGRANGE_PROBLEMS = {
    "(x − 2)² + (y − 1)² on x² + y² = 1": (DISTANCE, 1.0, 2.6),
    "Himmelblau on x² + y² = 16": (fn.himmelblau, 4.0, 5.5),
}
#: Level curves in one light grey, so that the moving layers stand out.
GREY = {"cmap": None, "colors": "#b5b5b5", "linewidths": 0.9}
#: Both gradient arrows are drawn with this length, as a fraction of the view's half-width.
ARROW = 0.35
#: Grid points per axis of the level curve through the point.
LEVEL_GRID = 64


def circle_constraint(radius: float) -> sp.Expr:
    """h(x, y) = x² + y² − r², whose zero set is the circle of radius r."""
    return x**2 + y**2 - sp.nsimplify(radius**2, rational=True)


@lru_cache(maxsize=16)
def circle_lagrange_points(objective: Objective, radius: float):
    """The Lagrange points of the objective on the circle of radius r (exact, remembered)."""
    box = ((-1.01 * radius, 1.01 * radius),) * 2
    return lagrange_points(objective, [circle_constraint(radius)], domain=box)


@lru_cache(maxsize=16)
def _level_grid(objective: Objective, view: float):
    return objective.grid(LEVEL_GRID, ((-view, view), (-view, view)))


def _arrow(start: np.ndarray, vector: np.ndarray, length: float):
    """An arrow from ``start`` along ``vector``, of the given length; none for a zero vector."""
    norm = float(np.linalg.norm(vector))
    if norm == 0:
        return [], []
    tip = start + length * vector / norm
    return [start[0], tip[0]], [start[1], tip[1]]


def lagrange_scene(problem: tuple, angle: float) -> Scene:
    r"""For ``problem = (objective, radius, view)``: the point
    :math:`\mathbf x = r(\cos\theta, \sin\theta)` of the circle
    :math:`h = x^2 + y^2 - r^2 = 0`, with :math:`\nabla f` and :math:`\nabla h` there (both drawn
    with the same length), the level curve of f through it, and f along the circle.

    The readouts give the angle between the gradients, the slope of f along the circle,
    :math:`\frac{d}{d\theta}f(\mathbf x(\theta)) = \nabla f\cdot r(-\sin\theta, \cos\theta)`,
    and the multiplier that best fits (:func:`~calcopt.optimize.least_squares_multipliers`);
    at a Lagrange point the gradients are parallel, the slope is 0 and
    :math:`\nabla f + \lambda\nabla h = \mathbf 0` holds exactly.
    """
    objective, radius, view = problem
    theta = np.radians(angle)
    along = np.array([-np.sin(theta), np.cos(theta)])
    point = radius * np.array([np.cos(theta), np.sin(theta)])
    g, normal = objective.gradient_at(point), 2 * point
    lam, residual = least_squares_multipliers(g, normal[None, :])
    slope = float(g @ along) * radius  # per radian
    value = float(objective.value_at(point))
    cosine = float(g @ normal) / (np.linalg.norm(g) * np.linalg.norm(normal) or np.inf)
    tangency = np.linalg.norm(residual) <= 1e-9 * (1.0 + np.linalg.norm(g))
    reach = np.array([-30.0, 30.0])
    ends = point + 0.5 * view * np.outer([-1.0, 1.0], along)
    return Scene(
        layers={
            "level": plotting.contour_polyline(*_level_grid(objective, view), [value]),
            "tangent": (ends[:, 0], ends[:, 1]),
            "grad-h": _arrow(point, normal, ARROW * view),
            "grad-f": _arrow(point, g, ARROW * view),
            "point": ([point[0]], [point[1]]),
            "slope": (angle + reach, value + np.radians(reach) * slope),
            "value": ([angle], [value]),
        },
        readouts={
            "point": f"({point[0]:.3f}, {point[1]:.3f})",
            "f": f"{value:.4g}",
            "angle": "undefined: ∇f = 0"
            if not np.any(g)
            else f"{np.degrees(np.arccos(np.clip(cosine, -1, 1))):.1f}°",
            "slope": "0" if tangency else f"{slope:.3g}",
            "lam": f"{lam[0] + 0.0:.4g}",
            "verdict": "a Lagrange point: ∇f + λ∇h = 0"
            if tangency
            else f"not a Lagrange point: ∇f + λ∇h is {np.linalg.norm(residual):.3g} long",
        },
    )


def _curve_values(objective: Objective, radius: float):
    angles = np.linspace(-180.0, 180.0, 721)
    thetas = np.radians(angles)
    return angles, objective(radius * np.stack([np.cos(thetas), np.sin(thetas)]))


def _circle(radius: float):
    def draw(ax) -> None:
        t = np.linspace(0, 2 * np.pi, 400)
        ax.plot(radius * np.cos(t), radius * np.sin(t), color="black", lw=2)

    return draw


def _along_circle(objective: Objective, radius: float, points):
    def draw(ax) -> None:
        ax.plot(*_curve_values(objective, radius), color="#1f4e79", lw=2)
        for kind in sorted({p.kind for p in points}):
            chosen = [p for p in points if p.kind is kind]
            angles = [np.degrees(np.arctan2(p.x[1], p.x[0])) for p in chosen]
            style = {"linestyle": "none", "ms": 7, "markeredgecolor": "black"}
            style |= plotting.KIND_STYLE[kind]
            ax.plot(angles, [p.value for p in chosen], label=f"{kind} on the circle", **style)
        ax.legend(loc="upper right", fontsize=8, framealpha=0.9)

    return draw


def lagrange_panels(problem: tuple) -> tuple[Panel, Panel]:
    """Left: level curves, the circle and its Lagrange points (marked by kind). Right: f along
    the circle against the angle, with the same points."""
    objective, radius, view = problem
    points = circle_lagrange_points(objective, radius)
    values = _curve_values(objective, radius)[1]
    pad = 0.08 * (values.max() - values.min())
    plane = Panel(
        (0.05, 0.11, 0.42, 0.8),
        (
            contours(objective, levels=10, domain=((-view, view),) * 2, **GREY),
            _circle(radius),
            stationary_markers(points),
        ),
        xlim=(-view, view),
        ylim=(-view, view),
        xlabel="$x$",
        ylabel="$y$",
        title=f"$f = {objective.latex}$",
        aspect="equal",
    )
    along = Panel(
        (0.58, 0.11, 0.39, 0.8),
        (_along_circle(objective, radius, points),),
        xlim=(-180, 180),
        ylim=(values.min() - pad, values.max() + pad),
        xticks=np.arange(-180, 181, 90),
        xlabel=r"angle $\theta$ of the point (degrees)",
        ylabel=r"$f(r\cos\theta,\ r\sin\theta)$",
        title="f along the circle",
        grid=True,
    )
    return plane, along


def lagrange_angles(problems) -> np.ndarray:
    """Every 7.5 degrees, and the angles of every problem's Lagrange points (so that the
    static book lands on them exactly)."""
    exact = [
        np.degrees(np.arctan2(p.x[1], p.x[0]))
        for objective, radius, _ in problems.values()
        for p in circle_lagrange_points(objective, radius)
    ]
    return np.unique(np.round(np.concatenate([np.linspace(-180, 180, 49), exact]), 9))


def lagrange_explorer(problems=None) -> Explorer:
    r"""Move a point along a constraint circle and watch :math:`\nabla f` and :math:`\nabla h`.

    Left: the level curves of f, the circle :math:`x^2 + y^2 = r^2`, the Lagrange points
    (:func:`~calcopt.optimize.lagrange_points`, marked by the tangent-space verdict), the point,
    :math:`\nabla f` (red) and :math:`\nabla h` (blue) drawn with the same length, the circle's
    tangent and the level curve of f through the point (orange). Right: f along the circle
    against the angle :math:`\theta`, with the slope at the point (:func:`lagrange_scene`).
    The angle slider moves in steps of 7.5 degrees and also stops at every Lagrange point.
    """
    problems = dict(problems or LAGRANGE_PROBLEMS)
    angles = lagrange_angles(problems)
    return Explorer(
        name="lagrange-tangency",
        title="Lagrange multipliers: where ∇f is parallel to ∇h",
        controls=(
            Choice("problem", "problem", problems, next(iter(problems)), backdrop=True),
            Slider("angle", "angle θ", -180, 180, default=90, values=angles, fmt="{:.1f}°"),
        ),
        panels=lagrange_panels,
        layers=(
            Layer("level", axes=0, color="#ff7f0e", width=1.3),
            Layer("tangent", axes=0, color="#555555", width=1.0, dashed=True),
            Layer("grad-h", axes=0, kind="arrow", color="#1f77b4", width=2.0),
            Layer("grad-f", axes=0, kind="arrow", color="#d62728", width=2.0),
            Layer("point", axes=0, kind="points", color="#d62728", marker=7),
            Layer("slope", axes=1, color="#d62728", width=1.2, dashed=True),
            Layer("value", axes=1, kind="points", color="#d62728", marker=8),
        ),
        readouts=(
            ("point", "point x"),
            ("f", "f(x)"),
            ("angle", "angle between ∇f and ∇h"),
            ("slope", "slope of f along the circle, df/dθ"),
            ("lam", "best λ"),
            ("verdict", "verdict"),
        ),
        scene=lagrange_scene,
        alt=(
            "Left: grey level curves of the objective, a black constraint circle with markers "
            "at its Lagrange points (green circles for minima, orange triangles for maxima), a "
            "red point on the circle with a red arrow along the gradient of f and a blue arrow "
            "along the gradient of h, the dashed tangent of the circle and the orange level "
            "curve of f through the point. Right: f along the circle against the angle, with "
            "the red point and a dashed line of its slope; the slope is zero exactly where the "
            "two arrows are parallel."
        ),
        figsize=(9.5, 4.4),
    )


#: The feasible sets of the projected-gradient explorer: the projection and the constraints
#: (functions g with g <= 0) that define the set, for the exact answer.
PROJECTED_SETS = {
    "box [−1, 2] × [−1, 2]": (
        partial(project_box, lower=-1.0, upper=2.0),
        (x - 2, -1 - x, y - 2, -1 - y),
    ),
    "disc of radius 2": (partial(project_ball, center=0.0, radius=2.0), (x**2 + y**2 - 4,)),
}
#: The start of the projected-gradient explorer, outside both sets (it is projected first).
PROJECTED_START = (-3.0, 0.0)


@lru_cache(maxsize=8)
def constrained_solution(objective: Objective, feasible: tuple):
    """The KKT points of f over the set (exact for polynomials), remembered."""
    return kkt_points(objective, inequalities=list(feasible[1]))


def constrained_minimum(objective: Objective, feasible: tuple) -> float:
    """The least value of f over the set: for a convex f, that of its KKT point."""
    return min(p.value for p in constrained_solution(objective, feasible))


@lru_cache(maxsize=1024)
def projected_run(objective, feasible: tuple, start, lr: float, max_steps: int) -> OptimizeResult:
    """Projected gradient descent over the set from ``start``, remembered across explorers."""
    project = feasible[0]
    return projected_gradient_descent(objective, start, project, lr=lr, max_iter=max_steps)


def projected_descent_scene(
    objective: Objective, feasible: tuple, lr: float, steps: int, *, start, max_steps: int
) -> Scene:
    r"""The first ``steps`` steps of projected gradient descent, with the next one split in two:
    the gradient step to :math:`\mathbf y = \mathbf x_k - \eta\nabla f(\mathbf x_k)` and the
    projection from :math:`\mathbf y` back to the set, :math:`\mathbf x_{k+1} = P(\mathbf y)`."""
    project = feasible[0]
    result = projected_run(objective, feasible, tuple(start), lr, max_steps)
    k = min(steps, result.nit)
    path, current = result.path[: k + 1], result.path[k]
    g = objective.gradient_at(current)
    trial = current - lr * g
    landed = project(trial)
    moved = np.linalg.norm(trial - landed) > 1e-12
    gaps = np.maximum(result.values[: k + 1] - constrained_minimum(objective, feasible), 1e-16)
    rate, rate_label = stability_limit(objective)
    return Scene(
        layers={
            "start": ([start[0], path[0, 0]], [start[1], path[0, 1]]),
            "path": (path[:, 0], path[:, 1]),
            "step": ([current[0], trial[0]], [current[1], trial[1]]),
            "projection": ([trial[0], landed[0]], [trial[1], landed[1]]) if moved else ([], []),
            "current": ([current[0]], [current[1]]),
            "gap": (np.arange(k + 1), gaps),
            "mapping": (np.arange(k + 1), np.maximum(result.grad_norms[: k + 1], 1e-16)),
            "rate": ([lr], [0.5]),
        },
        readouts={
            "lr": f"{lr:.3g} ({lr / rate:.2f} × {rate_label})",
            "k": str(k),
            "x": f"({current[0]:.3f}, {current[1]:.3f})",
            "mapping": f"{result.grad_norms[k]:.3g}",
            "gradient": f"{np.linalg.norm(g):.3g}",
            "projected": "yes" if moved else "no: the gradient step stays in the set",
            "status": run_status(result, steps),
        },
    )


def _feasible_region(feasible: tuple):
    """The set, shaded, with its boundary."""
    project = feasible[0]

    def draw(ax) -> None:
        if project.func is project_box:
            low, high = project.keywords["lower"], project.keywords["upper"]
            corners = np.array([[low, low], [high, low], [high, high], [low, high], [low, low]])
        else:
            t = np.linspace(0, 2 * np.pi, 200)
            corners = project.keywords["radius"] * np.column_stack([np.cos(t), np.sin(t)])
        ax.fill(corners[:, 0], corners[:, 1], color="#2ca02c", alpha=0.12)
        ax.plot(corners[:, 0], corners[:, 1], color="#2ca02c", lw=1.5)

    return draw


def _curves_legend(ax) -> None:
    ax.plot([], [], color="#1f77b4", lw=1.5, label=r"$f(\mathbf{x}_k) - f^*$")
    ax.plot([], [], color="#ff7f0e", lw=1.5, label=r"$\|G_\eta(\mathbf{x}_k)\|$")
    ax.legend(loc="upper right", fontsize=8)


def projected_panels(objective: Objective, rates: np.ndarray, max_steps: int):
    """The panels for a feasible set: the plane, the two curves and the learning-rate strip."""
    rate, rate_label = stability_limit(objective)

    def panels(feasible: tuple) -> tuple[Panel, Panel, Panel]:
        plane = Panel(
            (0.07, 0.11, 0.42, 0.8),
            (
                contours(objective, levels=10, **GREY),
                _feasible_region(feasible),
                minima(objective, marker="+", ms=11, mew=2),
                _stars([p.x for p in constrained_solution(objective, feasible)]),
            ),
            xlim=(-4.2, 4.6),
            ylim=(-2.6, 5.2),
            xlabel="$x$",
            ylabel="$y$",
            title=f"{objective.name} on the green set",
        )
        curves = loss_panel(
            (0.6, 0.42, 0.37, 0.49),
            max_steps,
            (1e-12, 1e3),
            ylabel="log scale",
            content=(_curves_legend,),
        )
        return plane, curves, rate_strip((0.6, 0.11, 0.37, 0.12), rates, rate, rate_label)

    return panels


def projected_descent_explorer(
    objective: Objective = fn.booth, *, start=PROJECTED_START, max_steps: int = 100
) -> Explorer:
    r"""Projected gradient descent on a box or a disc: the path, the gradient step and the
    projection that follows it, and the convergence of :math:`f(\mathbf x_k) - f^*` and of the
    projected gradient :math:`\lVert G_\eta(\mathbf x_k)\rVert`
    (:func:`projected_descent_scene`), from ``start`` (by default (−3, 0), outside both sets,
    so that it is projected first). The learning rates are those of chapter 4's explorer,
    around :math:`2/L`. The constrained minimum (star) and :math:`f^*` come from
    :func:`~calcopt.optimize.kkt_points`.
    """
    rate = stability_limit(objective)[0]
    rates = rates_around(rate)
    return Explorer(
        name="projected-gradient-descent",
        title=f"Projected gradient descent on {objective.name}",
        controls=(
            Choice("feasible", "feasible set", PROJECTED_SETS, next(iter(PROJECTED_SETS)), True),
            learning_rate_slider(rates, rate / 2),
            steps_slider(max_steps, default=0),
        ),
        panels=projected_panels(objective, rates, max_steps),
        layers=(
            Layer("start", axes=0, color="#555555", width=1.0, dashed=True),
            Layer("path", axes=0, color="#d62728", width=1.2, marker=3),
            Layer("step", axes=0, kind="arrow", color="#ff7f0e", width=1.8),
            Layer("projection", axes=0, kind="arrow", color="#1f77b4", width=1.8),
            Layer("current", axes=0, kind="points", color="#d62728", marker=8),
            Layer("gap", axes=1, color="#1f77b4", width=1.5),
            Layer("mapping", axes=1, color="#ff7f0e", width=1.5),
            Layer("rate", axes=2, kind="points", color="#1f77b4", marker=9),
        ),
        readouts=(
            ("lr", "η"),
            ("k", "k"),
            ("x", "xₖ"),
            ("mapping", "‖G_η(xₖ)‖"),
            ("gradient", "‖∇f(xₖ)‖"),
            ("projected", "next step projected?"),
            ("status", "status"),
        ),
        scene=partial(projected_descent_scene, objective, start=start, max_steps=max_steps),
        alt=(
            f"Left: filled level curves of {objective.name}'s function, a green feasible set (a "
            "box or a disc) with a star at the constrained minimum, and the red path of "
            "projected gradient descent; from the current point an orange arrow shows the "
            "plain gradient step and a blue arrow the projection back onto the set. A dashed "
            "line joins an infeasible start to its projection. Right: the gap f(x_k) − f* "
            "(blue) and the projected-gradient norm (orange) on a log axis against k, and the "
            "learning rate on a log strip with 2/L marked."
        ),
        figsize=(9.5, 4.4),
    )


#: The KKT explorer's objective: the squared distance to this centre a.
KKT_CENTER = (2.0, 1.0)
#: Positions of the bound c of the constraint x² + y² <= c: 0.25, 0.5, ..., 9.
KKT_BOUNDS = np.linspace(0.25, 9.0, 36)


def disc_solution(center, bound: float) -> tuple[np.ndarray, float, float]:
    r"""Minimiser, minimum and multiplier of :math:`\lVert\mathbf x - \mathbf a\rVert^2` subject
    to :math:`g = x^2 + y^2 - c \le 0`.

    The minimiser is the point of the disc nearest to :math:`\mathbf a`, its projection
    (:func:`~calcopt.optimize.project_ball` with radius :math:`\sqrt c`); the multiplier is
    the one that makes :math:`\nabla f + \mu\nabla g = \mathbf 0` there when the constraint is
    active (:func:`~calcopt.optimize.least_squares_multipliers`), and 0 when it is not.
    """
    a = np.asarray(center, dtype=float)
    best = project_ball(a, 0.0, np.sqrt(bound))
    value = float(np.sum((best - a) ** 2))
    if np.sum(a**2) <= bound:
        return best, value, 0.0
    lam, _ = least_squares_multipliers(2 * (best - a), (2 * best)[None, :])
    return best, value, float(lam[0])


def kkt_scene(center, bound: float) -> Scene:
    r"""The disc :math:`x^2 + y^2 \le c`, the constrained minimiser with :math:`\nabla f` and
    :math:`\mu\nabla g` there (they cancel), the optimal value with its tangent of slope
    :math:`-\mu`, and the multiplier."""
    best, value, mu = disc_solution(center, bound)
    a = np.asarray(center, dtype=float)
    t = np.linspace(0, 2 * np.pi, 161)
    circle = np.sqrt(bound) * np.stack([np.cos(t), np.sin(t)])
    pull = 2 * (best - a)  # grad f, pointing into the disc when the constraint is active
    push = mu * 2 * best  # mu grad g, its opposite at a KKT point
    reach = np.array([-1.0, 1.0])
    return Scene(
        layers={
            "disc": (circle[0], circle[1]),
            "edge": (circle[0], circle[1]),
            "pull": ([best[0], best[0] + 0.5 * pull[0]], [best[1], best[1] + 0.5 * pull[1]])
            if mu > 0
            else ([], []),
            "push": ([best[0], best[0] + 0.5 * push[0]], [best[1], best[1] + 0.5 * push[1]])
            if mu > 0
            else ([], []),
            "best": ([best[0]], [best[1]]),
            "tangent": (bound + reach, value - mu * reach),
            "value": ([bound], [value]),
            "mu": ([bound], [mu]),
        },
        readouts={
            "bound": f"{bound:.4g} (radius {np.sqrt(bound):.4g})",
            "best": f"({best[0]:.4f}, {best[1]:.4f})",
            "value": f"{value:.4f}",
            "g": _zero_or(float(best @ best) - bound, bound),
            "mu": f"{mu:.4f}",
            "state": "active: μ > 0" if mu > 0 else "inactive: μ = 0, the centre is inside",
        },
    )


def _stars(points):
    def draw(ax) -> None:
        for point in points:
            ax.plot(*point, marker="*", color="black", ms=12, linestyle="none")

    return draw


def _zero_or(value: float, scale: float) -> str:
    """A constraint value as a readout: "0" when it is zero up to rounding."""
    return "0" if abs(value) <= 1e-12 * (1 + abs(scale)) else f"{value:.3g}"


def _curve(xs, ys, **style):
    def draw(ax) -> None:
        ax.plot(xs, ys, **style)

    return draw


def kkt_panels(center) -> tuple[Panel, Panel, Panel]:
    """The plane with the level curves; the optimal value and the multiplier against c."""
    bounds = np.linspace(KKT_BOUNDS[0], KKT_BOUNDS[-1], 200)
    solutions = [disc_solution(center, c) for c in bounds]
    values, mus = [s[1] for s in solutions], [s[2] for s in solutions]
    objective = Objective.from_sympy(
        (x - center[0]) ** 2 + (y - center[1]) ** 2, (x, y), name="f", domain=((-3.2, 3.2),) * 2
    )
    plane = Panel(
        (0.07, 0.11, 0.36, 0.8),
        (
            contours(objective, levels=12, **GREY),
            _stars([center]),
        ),
        xlim=(-3.2, 3.2),
        ylim=(-3.2, 3.2),
        xlabel="$x$",
        ylabel="$y$",
        title=f"$f = (x - {center[0]:g})^2 + (y - {center[1]:g})^2$, $x^2 + y^2 \\leq c$",
        aspect="equal",
    )
    frame = {"xlim": (0, KKT_BOUNDS[-1] + 0.3), "xlabel": "bound $c$", "grid": True}
    value = Panel(
        (0.5, 0.56, 0.47, 0.35),
        (_curve(bounds, values, color="#1f4e79", lw=2),),
        ylim=(-0.3, max(values) * 1.05),
        ylabel="$p(c) = \\min f$",
        **frame,
    )
    multiplier = Panel(
        (0.5, 0.11, 0.47, 0.3),
        (_curve(bounds, mus, color="#2ca02c", lw=2),),
        ylim=(-0.2, max(mus) * 1.1),
        ylabel=r"multiplier $\mu$",
        **frame,
    )
    return plane, value, multiplier


def kkt_explorer(center=KKT_CENTER) -> Explorer:
    r"""Move the bound c of the constraint :math:`x^2 + y^2 \le c` and watch the KKT point.

    Minimise :math:`f = \lVert\mathbf x - \mathbf a\rVert^2` over the disc
    (:func:`kkt_scene`). Left: the disc, the minimiser, and at it :math:`\nabla f` (red) and
    :math:`\mu\nabla g` (green), drawn at half length: opposite and equal, so that
    :math:`\nabla f + \mu\nabla g = \mathbf 0`, when the constraint is active.
    Right: the optimal value :math:`p(c)` with the tangent of slope :math:`-\mu`, and the
    multiplier :math:`\mu(c)`, which is 0 once the disc contains :math:`\mathbf a`.
    """
    return Explorer(
        name="kkt-multiplier",
        title="KKT: the multiplier of a moving constraint",
        controls=(
            Slider("bound", "bound c", KKT_BOUNDS[0], KKT_BOUNDS[-1], 2.0, values=KKT_BOUNDS),
        ),
        panels=kkt_panels(center),
        layers=(
            Layer("disc", axes=0, kind="polygon", color="#2ca02c", alpha=0.15),
            Layer("edge", axes=0, color="#2ca02c", width=1.5),
            Layer("pull", axes=0, kind="arrow", color="#d62728", width=2.0),
            Layer("push", axes=0, kind="arrow", color="#2ca02c", width=2.0),
            Layer("best", axes=0, kind="points", color="#d62728", marker=8),
            Layer("tangent", axes=1, color="#d62728", width=1.2, dashed=True),
            Layer("value", axes=1, kind="points", color="#d62728", marker=8),
            Layer("mu", axes=2, kind="points", color="#d62728", marker=8),
        ),
        readouts=(
            ("bound", "c"),
            ("best", "minimiser x*"),
            ("value", "p(c) = f(x*)"),
            ("g", "g(x*) = ‖x*‖² − c"),
            ("mu", "μ"),
            ("state", "constraint"),
        ),
        scene=partial(kkt_scene, center),
        alt=(
            "Left: grey level curves of the squared distance to a starred centre, a green disc "
            "of the chosen size and a red point at the disc's point nearest to the centre; when "
            "the centre lies outside, a red arrow (the gradient of f, into the disc) and a green "
            "arrow (the multiplier times the gradient of g, outwards) of equal length cancel. "
            "Right, top: the optimal value against the bound c, with a dashed tangent at the "
            "chosen c; bottom: the multiplier against c, zero once the disc holds the centre."
        ),
        figsize=(9.5, 4.4),
    )
