"""Explorers for chapter 3, *The gradient*."""

from __future__ import annotations

import numpy as np

from ..calculus.directions import directional_profile, level_tangent
from ..calculus.extrema import stationary_points
from ..landscapes import hill_and_pit
from ..objective import Objective
from ..plotting import KIND_STYLE
from .core import Explorer, Layer, Scene, Slider

#: The red arrow is the gradient times this (in x units per unit of gradient).
ARROW_SCALE = 0.15
#: The grey field arrows are the gradient times this.
FIELD_SCALE = 0.04
#: Angles at which the directional derivative is drawn (every 10 degrees).
ANGLES = np.radians(np.linspace(-180.0, 180.0, 37))


def gradient_field_explorer(objective: Objective = hill_and_pit, span: float = 2.0) -> Explorer:
    r"""The gradient at a point: an arrow across the level curves, and the directional
    derivative in every direction.

    Left: the level curves of f, its gradient field (grey), a point :math:`\mathbf x`, the
    gradient :math:`\nabla f(\mathbf x)` there (red) and the tangent of the level curve through
    :math:`\mathbf x` (dashed). Right: :math:`D_{\mathbf u}f(\mathbf x) = \nabla f\cdot\mathbf u`
    against the angle of the unit vector :math:`\mathbf u`, a cosine whose peak,
    :math:`\lVert\nabla f(\mathbf x)\rVert`, sits at the gradient's angle, and whose zeros are the
    tangent's two directions.

    Parameters
    ----------
    objective : Objective
        Two variables, with its interesting part inside the square ``[-span, span]^2``.
    span : float
        The point's coordinates range over ``[-span, span]`` in 25 static steps.

    Returns
    -------
    Explorer
        Controls ``x`` and ``y`` (the point).
    """
    positions = np.arange(-12, 13) / 12 * span  # 25 positions, the centre and span/2 exact
    view = 1.1 * span
    X, Y = np.meshgrid(*[np.linspace(-view, view, 11)] * 2)
    U, V = objective.gradient(np.stack([X, Y]))
    corners = np.stack(np.meshgrid(positions, positions))
    top = 1.1 * float(np.max(np.linalg.norm(objective.gradient(corners), axis=0)))

    def backdrop(fig):
        field = fig.add_axes((0.07, 0.12, 0.42, 0.8))
        Xf, Yf, Zf = objective.grid(200, ((-view, view), (-view, view)))
        bands = field.contourf(Xf, Yf, Zf, levels=np.arange(-9, 10), cmap="RdBu_r", alpha=0.55)
        fig.colorbar(bands, ax=field, ticks=np.arange(-8, 9, 4), fraction=0.05, pad=0.02)
        field.quiver(
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
        for point in stationary_points(objective):
            field.plot(*point.x, ls="none", ms=7, mec="black", **KIND_STYLE[point.kind])
        field.set_xlim(-view, view)
        field.set_ylim(-view, view)
        field.set_aspect("equal")
        field.set_xlabel("$x$")
        field.set_ylabel("$y$")
        field.set_title(f"$f(x, y) = {objective.latex}$", fontsize=10)
        profile = fig.add_axes((0.6, 0.12, 0.37, 0.8))
        profile.set_xlim(-180, 180)
        profile.set_ylim(-top, top)
        profile.set_xticks(np.arange(-180, 181, 90))
        profile.axhline(0, color="black", lw=0.8)
        profile.grid(alpha=0.3)
        profile.set_xlabel(r"angle $\theta$ of $\mathbf{u}$ (degrees)")
        profile.set_ylabel(r"$D_{\mathbf{u}} f(\mathbf{x}) = \nabla f(\mathbf{x})\cdot\mathbf{u}$")
        profile.set_title("directional derivative in every direction", fontsize=10)
        return [field, profile]

    def scene(x: float, y: float) -> Scene:
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

    return Explorer(
        name="gradient-field",
        title=f"The gradient of {objective.name}",
        controls=(
            Slider("x", "point x", -span, span, default=0.75 * span, values=positions),
            Slider("y", "point y", -span, span, default=-0.25 * span, values=positions),
        ),
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
        backdrop=backdrop,
        scene=scene,
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
