"""Explorer for chapter 3, *The gradient*: the gradient across the level curves, and the
directional derivative in every direction."""

from __future__ import annotations

from functools import partial

import numpy as np

from ..calculus.directions import directional_profile, level_tangent
from ..calculus.extrema import stationary_points
from ..landscapes import hill_and_pit
from ..objective import Objective
from .core import Explorer, Layer, Scene, Slider
from .panels import Panel, stationary_markers

#: The red arrow is the gradient times this (in x units per unit of gradient).
ARROW_SCALE = 0.15
#: The grey field arrows are the gradient times this.
FIELD_SCALE = 0.04
#: Angles at which the directional derivative is drawn (every 10 degrees).
ANGLES = np.radians(np.linspace(-180.0, 180.0, 37))


def gradient_field_scene(objective: Objective, x: float, y: float) -> Scene:
    """At the point (x, y): the gradient arrow, the level curve's tangent, and the directional
    derivative against the angle with its peak at the gradient's angle."""
    point = np.array([x, y])
    g = objective.gradient(point)
    norm = float(np.linalg.norm(g))
    empty: tuple[list, list] = ([], [])
    arrow, tangent, peak = empty, empty, empty
    angle_text = "none: ∇f = 0"
    if norm > 0:
        tip = point + ARROW_SCALE * g
        ends = point + 0.5 * np.outer([-1, 1], level_tangent(g))
        heading = float(np.arctan2(g[1], g[0]))
        arrow = ([x, tip[0]], [y, tip[1]])
        tangent = (ends[:, 0], ends[:, 1])
        peak = ([np.degrees(heading)], [float(directional_profile(g, heading))])
        angle_text = f"{np.degrees(heading):.0f}°"
    return Scene(
        layers={
            "tangent": tangent,
            "gradient": arrow,
            "point": ([x], [y]),
            "profile": (np.degrees(ANGLES), directional_profile(g, ANGLES)),
            "peak": peak,
        },
        readouts={
            "f": f"{float(objective(point)):.3g}",
            "gradient": f"({g[0]:.3g}, {g[1]:.3g})",
            "norm": f"{norm:.3g}",
            "angle": angle_text,
        },
    )


def gradient_field(objective: Objective, view: float):
    """The level curves as coloured bands with a colour bar, and the gradient field as grey
    arrows on an 11 x 11 grid (drawn at ``FIELD_SCALE`` of their length)."""
    X, Y = np.meshgrid(*[np.linspace(-view, view, 11)] * 2)
    U, V = objective.gradient(np.stack([X, Y]))

    def draw(ax):
        Xf, Yf, Zf = objective.grid(200, ((-view, view), (-view, view)))
        bands = ax.contourf(Xf, Yf, Zf, levels=np.arange(-9, 10), cmap="RdBu_r", alpha=0.55)
        ax.figure.colorbar(bands, ax=ax, ticks=np.arange(-8, 9, 4), fraction=0.05, pad=0.02)
        ax.quiver(
            X,
            Y,
            U,
            V,
            angles="xy",
            scale_units="xy",
            scale=1 / FIELD_SCALE,
            color="#888888",
            width=0.004,
        )

    return draw


def _field_panels(objective: Objective, span: float, positions) -> tuple[Panel, Panel]:
    """Left: the field over the square a little larger than the points' range. Right: axes for
    the profile, tall enough for the largest gradient over the points."""
    view = 1.1 * span
    corners = np.stack(np.meshgrid(positions, positions))
    top = 1.1 * float(np.max(np.linalg.norm(objective.gradient(corners), axis=0)))
    field = Panel(
        (0.07, 0.12, 0.42, 0.8),
        (gradient_field(objective, view), stationary_markers(stationary_points(objective))),
        xlim=(-view, view),
        ylim=(-view, view),
        xlabel="$x$",
        ylabel="$y$",
        title=f"$f(x, y) = {objective.latex}$",
        aspect="equal",
    )
    profile = Panel(
        (0.6, 0.12, 0.37, 0.8),
        (_horizontal_axis,),
        xlim=(-180, 180),
        ylim=(-top, top),
        xticks=np.arange(-180, 181, 90),
        xlabel=r"angle $\theta$ of $\mathbf{u}$ (degrees)",
        ylabel=r"$D_{\mathbf{u}} f(\mathbf{x}) = \nabla f(\mathbf{x})\cdot\mathbf{u}$",
        title="directional derivative in every direction",
        grid=True,
    )
    return field, profile


def _horizontal_axis(ax) -> None:
    ax.axhline(0, color="black", lw=0.8)


def gradient_field_explorer(objective: Objective = hill_and_pit, span: float = 2.0) -> Explorer:
    r"""The gradient at a point: an arrow across the level curves, and the directional
    derivative in every direction.

    Left: the level curves of f, its gradient field (grey), a point :math:`\mathbf x`, the
    gradient :math:`\nabla f(\mathbf x)` there (red) and the tangent of the level curve through
    :math:`\mathbf x` (dashed). Right: :math:`D_{\mathbf u}f(\mathbf x) = \nabla f\cdot\mathbf u`
    against the angle of the unit vector :math:`\mathbf u`, a cosine whose peak,
    :math:`\lVert\nabla f(\mathbf x)\rVert`, sits at the gradient's angle, and whose zeros are the
    tangent's two directions (:func:`gradient_field_scene`). The point's coordinates range over
    ``[-span, span]`` in 25 static steps.
    """
    positions = np.arange(-12, 13) / 12 * span  # 25 positions, the centre and span/2 exact
    return Explorer(
        name="gradient-field",
        title=f"The gradient of {objective.name}",
        controls=(
            Slider("x", "point x", -span, span, default=0.75 * span, values=positions),
            Slider("y", "point y", -span, span, default=-0.25 * span, values=positions),
        ),
        panels=_field_panels(objective, span, positions),
        layers=(
            Layer("tangent", axes=0, color="#222222", width=1.5, dashed=True),
            Layer("gradient", axes=0, kind="arrow", color="#d62728", width=2.0),
            Layer("point", axes=0, kind="points", color="#d62728", marker=7),
            Layer("profile", axes=1, color="#1f77b4", width=2.0),
            Layer("peak", axes=1, kind="points", color="#d62728", marker=8),
        ),
        readouts=(
            ("f", "f(x)"),
            ("gradient", "∇f(x)"),
            ("norm", "‖∇f(x)‖ = largest D_u f"),
            ("angle", "angle of ∇f"),
        ),
        scene=partial(gradient_field_scene, objective),
        alt=(
            f"Left: the level curves of {objective.name} as coloured bands, with grey arrows "
            "of its gradient field, markers at its stationary points, a red point, the red "
            "gradient arrow at it (drawn at 0.15 of its length) and the dashed tangent of the "
            "level curve through it, at right angles to the arrow. Right: the directional "
            "derivative at the point against the angle of the direction, a cosine wave whose "
            "red peak is the gradient's length at the gradient's angle."
        ),
        figsize=(9.5, 4.3),
    )
