r"""The explorer of the page *Linear algebra you need*: the quadratic form
:math:`\mathbf x^\top A\mathbf x` as the eigenvalues of A move (bowl, trough, saddle)."""

from __future__ import annotations

from functools import partial

import contourpy
import numpy as np

from ..linalg import Definiteness, condition_number, definiteness, from_eigen, rotation
from ..linalg import quadratic_form as form
from ..plotting import join_polylines
from .core import Explorer, Layer, Scene, Slider
from .panels import Panel

#: Static positions of the slider of the eigenvalue a: -3 to 3 in steps of 0.25 (0 among them).
#: The other eigenvalue, b, takes the whole numbers -3 to 3, which keeps the static book's
#: frames (25 x 7) within its size budget (about 230 KB) with curves drawn smoothly.
EIGENVALUES = np.linspace(-3.0, 3.0, 25)

#: The angle in degrees of the eigenvector with eigenvalue a, so that A is not diagonal.
TILT = 30.0

#: The levels c of the curves x^T A x = c (blue) and x^T A x = -c (red): (k/2)^2, so that
#: for A = I they are circles of radius 1/2, 1, 3/2 and 2, evenly spaced.
LEVELS = (0.25, 1.0, 2.25, 4.0)

#: Half-width of the square of the level curves, and grid points per side.
BOX, GRID = 2.0, 81

#: Curves are drawn with the points within TOL of the segment drawn in their place left out:
#: a fifth of a pixel on the left panel (twice TOL, in its larger units, on the right). With
#: the grid's own sampling, every drawn level curve stays within half a pixel of the exact one.
TOL = 0.0025

#: The shape of the graph of x^T A x in two variables, for each kind of matrix.
SHAPES = {
    Definiteness.POSITIVE_DEFINITE: "a bowl (xᵀAx > 0 for every x ≠ 0)",
    Definiteness.POSITIVE_SEMIDEFINITE: "a trough (xᵀAx ≥ 0, and = 0 on the dashed line)",
    Definiteness.NEGATIVE_DEFINITE: "an upside-down bowl (xᵀAx < 0 for every x ≠ 0)",
    Definiteness.NEGATIVE_SEMIDEFINITE: "an upside-down trough (xᵀAx ≤ 0, = 0 on the dashed line)",
    Definiteness.INDEFINITE: "a saddle (xᵀAx takes both signs, = 0 on the dashed lines)",
    Definiteness.ZERO: "a flat plane (xᵀAx = 0 everywhere)",
}


def zero_lines(a: float, b: float, Q: np.ndarray, length: float) -> tuple[np.ndarray, np.ndarray]:
    r"""The lines through 0 on which :math:`\mathbf x^\top A\mathbf x = 0`, for
    :math:`A = Q\operatorname{diag}(a, b)Q^\top`, as segments of half-length ``length``.

    With :math:`\mathbf x = y_a\mathbf q_a + y_b\mathbf q_b` (the columns of Q) the form is
    :math:`a y_a^2 + b y_b^2`: it vanishes on the line of :math:`\mathbf q_a` when a = 0 (of
    :math:`\mathbf q_b` when b = 0), and on the two lines
    :math:`\sqrt{|b|}\,y_b = \pm\sqrt{|a|}\,y_a` when a and b have opposite signs. There are
    none when a and b have the same sign, nor when both are 0 (it vanishes everywhere).
    """
    if a * b < 0:
        directions = [Q @ [np.sqrt(abs(b)), sign * np.sqrt(abs(a))] for sign in (1, -1)]
    elif a * b == 0 and a != b:
        directions = [Q[:, 0] if a == 0 else Q[:, 1]]
    else:
        directions = []
    ends = [length * d / np.linalg.norm(d) for d in directions]
    return join_polylines([np.array([-end, end]) for end in ends])


def simplify(points: np.ndarray, tol: float, ends=(0, -1)) -> np.ndarray:
    """Which points of a polyline (k, 2) to keep so that every point left out lies within
    ``tol`` of the segment drawn in its place (Ramer-Douglas-Peucker, with distances to
    segments, not to whole lines, so that a path that turns back keeps its ends).

    The points at the indices ``ends`` are always kept: give the first and last point of each
    of several polylines stored one after another to simplify them all at once. Each round
    splits every segment that is still too far from its points at the farthest one, all
    segments together in a few NumPy passes.

    Returns
    -------
    ndarray of bool, shape (k,)
    """
    keep = np.zeros(len(points), dtype=bool)
    keep[list(ends)] = True
    while True:
        kept = np.flatnonzero(keep)
        segment = np.searchsorted(kept, np.arange(len(points)), "right").clip(1, len(kept) - 1)
        start = points[kept[segment - 1]]
        chord = points[kept[segment]] - start
        offsets = points - start
        along = np.sum(offsets * chord, axis=1) / np.maximum(np.sum(chord**2, axis=1), 1e-300)
        distance = np.hypot(*(offsets - along.clip(0.0, 1.0)[:, None] * chord).T)
        distance[keep] = 0.0
        farthest = np.maximum.reduceat(distance, kept[:-1])[segment - 1]
        split = (distance > tol) & (distance == farthest)
        if not split.any():
            return keep
        keep |= split


def level_curves(A: np.ndarray, levels) -> tuple[np.ndarray, np.ndarray]:
    r"""The curves :math:`\mathbf x^\top A\mathbf x = c` in the square of half-width ``BOX``,
    one polyline with gaps, simplified to within ``TOL``.

    They are traced on a grid (contourpy), then each point is moved along its ray from 0 onto
    the exact curve: the form is homogeneous, :math:`(t\mathbf x)^\top A(t\mathbf x) = t^2\,
    \mathbf x^\top A\mathbf x`, so :math:`t = \sqrt{c/\mathbf x^\top A\mathbf x}` does it.
    """
    X, Y = np.meshgrid(*[np.linspace(-BOX, BOX, GRID)] * 2)
    generator = contourpy.contour_generator(X, Y, form(A, np.stack([X, Y])))
    traced = [(level, line) for level in levels for line in generator.lines(level)]
    if not traced:
        return join_polylines([])
    lengths = np.array([len(line) for _, line in traced])
    points = np.concatenate([line for _, line in traced])
    wanted = np.repeat([level for level, _ in traced], lengths)
    exact = points * np.sqrt(wanted / form(A, points.T))[:, None]
    firsts = np.cumsum(lengths) - lengths
    keep = simplify(exact, TOL, ends=np.concatenate([firsts, firsts + lengths - 1]))
    kept = np.add.reduceat(keep, firsts)
    return join_polylines(np.split(exact[keep], np.cumsum(kept)[:-1]))


def quadratic_form_scene(a: float, b: float, *, angle: float) -> Scene:
    r"""The quadratic form of :math:`A = Q\operatorname{diag}(a, b)\,Q^\top`,
    :math:`Q = R_\varphi` (``angle`` :math:`\varphi` in degrees).

    Left: its level curves :math:`\mathbf x^\top A\mathbf x = c` for the ``LEVELS`` c > 0
    (``positive``) and c < 0 (``negative``), and the lines where it is 0 (``zero``). Right: A as
    a map, the image of the unit circle and the arrows :math:`A\mathbf q_a = a\mathbf q_a`,
    :math:`A\mathbf q_b = b\mathbf q_b`. Readouts: A, its eigenvalues in increasing order, its
    kind and its condition number.
    """
    Q = rotation(np.radians(angle))
    A = from_eigen([a, b], Q)
    t = np.linspace(0.0, 2 * np.pi, 73)
    circle = (A @ [np.cos(t), np.sin(t)]).T
    image = circle[simplify(circle, 2 * TOL)]
    kind = definiteness(A)
    low, high = sorted([a, b])
    if kind is Definiteness.POSITIVE_DEFINITE:
        kappa = condition_number(A)
        shape = (
            "the level curves are circles"
            if np.isclose(kappa, 1.0)
            else f"each ellipse is √κ = {np.sqrt(kappa):.3g} times as long as it is wide"
        )
        conditioning = f"κ = λ₂/λ₁ = {kappa:.3g}: {shape}"
    else:
        conditioning = "not defined: A is not positive definite"
    entries = [_number(v) for v in A.ravel()]
    return Scene(
        layers={
            "positive": level_curves(A, LEVELS),
            "negative": level_curves(A, [-c for c in LEVELS]),
            "zero": zero_lines(a, b, Q, 2 * BOX),
            "image": (image[:, 0], image[:, 1]),
            "arrow-a": ([0.0, a * Q[0, 0]], [0.0, a * Q[1, 0]]) if a else ([], []),
            "arrow-b": ([0.0, b * Q[0, 1]], [0.0, b * Q[1, 1]]) if b else ([], []),
        },
        readouts={
            "matrix": "A = [[{}, {}], [{}, {}]]".format(*entries),
            "eigenvalues": f"λ₁ = {_number(low)} ≤ λ₂ = {_number(high)}",
            "kind": f"{kind}: {SHAPES[kind]}",
            "kappa": conditioning,
        },
    )


def _number(value: float) -> str:
    """Three significant digits, without rounding noise or a negative zero."""
    return f"{round(float(value), 12) + 0.0:.3g}"


def _eigenvector_lines(angle: float):
    def draw(ax) -> None:
        Q = rotation(np.radians(angle))
        for i, colour in enumerate(("#7b3294", "#1b7837")):
            ax.plot(*(np.outer(Q[:, i], [-3 * BOX, 3 * BOX])), color=colour, lw=0.8, alpha=0.6)
        ax.axhline(0, color="#bbbbbb", lw=0.6)
        ax.axvline(0, color="#bbbbbb", lw=0.6)

    return draw


def _unit_circle(ax) -> None:
    t = np.linspace(0.0, 2 * np.pi, 200)
    ax.plot(np.cos(t), np.sin(t), color="#888888", lw=1.0, ls="--")


def quadratic_form_explorer(*, angle: float = TILT) -> Explorer:
    r"""The quadratic form :math:`\mathbf x^\top A\mathbf x` of
    :math:`A = R_\varphi\operatorname{diag}(a, b)R_\varphi^\top` as its eigenvalues a and b move.

    Left: level curves :math:`\mathbf x^\top A\mathbf x = c` for c > 0 (blue) and c < 0 (red),
    and where it is 0 (dashed), over the lines of the eigenvectors :math:`\mathbf q_a` (purple,
    at ``angle`` degrees, eigenvalue a) and :math:`\mathbf q_b` (green, eigenvalue b). Right: A
    as a map, the unit circle (dashed) and its image, and the arrows
    :math:`A\mathbf q_a = a\mathbf q_a`, :math:`A\mathbf q_b = b\mathbf q_b`. Readouts: A,
    its eigenvalues in increasing order, its kind (:func:`calcopt.linalg.definiteness`) and
    :math:`\kappa` (:func:`quadratic_form_scene`). The slider of a has 25 positions from -3 to 3;
    b takes the whole numbers from -3 to 3.
    """
    square = dict(aspect="equal", xlabel="$x_1$", ylabel="$x_2$", grid=False)
    left = Panel(
        (0.07, 0.12, 0.4, 0.78),
        (_eigenvector_lines(angle),),
        xlim=(-BOX, BOX),
        ylim=(-BOX, BOX),
        title=r"level curves of $\mathbf{x}^\top A\mathbf{x}$",
        **square,
    )
    right = Panel(
        (0.56, 0.12, 0.4, 0.78),
        (_eigenvector_lines(angle), _unit_circle),
        xlim=(-3.3, 3.3),
        ylim=(-3.3, 3.3),
        title=r"$A$ as a map: the unit circle and its image",
        **square,
    )
    return Explorer(
        name="quadratic-form",
        title="The quadratic form xᵀAx as the eigenvalues move",
        controls=(
            Slider("a", "eigenvalue a (purple)", -3.0, 3.0, default=1.0, values=EIGENVALUES),
            Slider("b", "eigenvalue b (green)", -3, 3, default=2, integer=True, positions=7),
        ),
        panels=(left, right),
        layers=(
            Layer("positive", axes=0, color="#2166ac", width=1.2),
            Layer("negative", axes=0, color="#d6604d", width=1.2),
            Layer("zero", axes=0, color="#333333", width=1.4, dashed=True),
            Layer("image", axes=1, color="#e66101", width=2.0),
            Layer("arrow-a", axes=1, kind="arrow", color="#7b3294", width=2.0),
            Layer("arrow-b", axes=1, kind="arrow", color="#1b7837", width=2.0),
        ),
        readouts=(
            ("matrix", "matrix"),
            ("eigenvalues", "eigenvalues"),
            ("kind", "kind"),
            ("kappa", "condition number"),
        ),
        scene=partial(quadratic_form_scene, angle=angle),
        alt=(
            "Left: level curves of the quadratic form x transposed A x on a square, blue where "
            "it is positive and red where it is negative, with dashed lines where it is zero, "
            "over two lines along the eigenvectors (purple and green). Right: the unit circle "
            "(dashed) and its image under A (orange), an ellipse, with an arrow along each "
            "eigenvector whose length is its eigenvalue (pointing backwards when negative)."
        ),
        figsize=(9.0, 4.2),
    )
