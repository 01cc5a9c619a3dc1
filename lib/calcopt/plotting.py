"""Plotting helpers for the course's figures.

Every function draws on the axes it is given (or the current axes when ``ax`` is None),
returns the artists it made, and leaves global matplotlib state alone: no rcParams, no
printing, no ``plt.show()``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import contourpy
import matplotlib.pyplot as plt
import numpy as np

from . import _validation as check
from .calculus.extrema import Kind, StationaryPoint
from .objective import Objective

#: Marker style for each kind of stationary point (colour-blind-safe colours).
KIND_STYLE = {
    Kind.MINIMUM: {"marker": "o", "color": "#1b9e77"},
    Kind.MAXIMUM: {"marker": "^", "color": "#d95f02"},
    Kind.SADDLE: {"marker": "X", "color": "#7570b3"},
    Kind.INCONCLUSIVE: {"marker": "s", "color": "#e7298a"},
}


def _axes(ax):
    return plt.gca() if ax is None else ax


def plot_curve(
    f: Callable, interval: Sequence[float] | None = None, ax=None, *, num: int = 400, **style
):
    """Draw the graph of a one-variable function over an interval.

    Parameters
    ----------
    f : Objective or callable
        Acts elementwise on an array of x values.
    interval : (a, b), optional
        Default the objective's domain.
    ax : matplotlib Axes, optional
    num : int
        Number of sample points.
    **style
        Passed to ``ax.plot``.

    Returns
    -------
    matplotlib.lines.Line2D
    """
    ax = _axes(ax)
    if interval is None:
        if not isinstance(f, Objective):
            raise ValueError("interval is required when f is not an Objective with a domain")
        interval = f.domain[0]
    a, b = check.interval(*interval)
    xs = np.linspace(a, b, check.count(num, "num", minimum=2))
    (line,) = ax.plot(xs, np.broadcast_to(f(xs), xs.shape), **style)
    return line


def contour_levels(Z: np.ndarray, count: int = 20, *, log: bool = False) -> np.ndarray:
    """Contour levels for the values Z: evenly spaced, or geometric above the minimum.

    Geometric spacing suits valleys such as Rosenbrock's, where f spans many orders of
    magnitude and evenly spaced levels would leave the valley floor empty.
    """
    low, high = float(np.min(Z)), float(np.max(Z))
    if not log:
        return np.linspace(low, high, count + 2)[1:-1]
    return low + np.geomspace((high - low) * 1e-4, high - low, count)


def plot_contours(
    objective: Objective,
    ax=None,
    *,
    domain=None,
    levels: int = 20,
    num: int = 200,
    log: bool = False,
    filled: bool = False,
    aspect: str | None = "equal",
    **style,
):
    """Draw level curves of a two-variable objective over its domain.

    Parameters
    ----------
    objective : Objective
        With two variables.
    ax : matplotlib Axes, optional
    domain : ((x0, x1), (y0, y1)), optional
        Default ``objective.domain``.
    levels : int
        Number of level curves.
    num : int
        Grid points per axis.
    log : bool
        Geometric level spacing (see :func:`contour_levels`).
    filled : bool
        Filled contours (``contourf``) instead of lines; the band below the lowest level, down
        to the minimum of the grid, is filled too.
    aspect : {"equal", None}
        ``"equal"`` gives both axes the same scale (circles look round); None leaves the axes'
        shape alone (an explorer's panel keeps its frame).
    **style
        Passed to ``ax.contour`` or ``ax.contourf``.

    Returns
    -------
    matplotlib.contour.QuadContourSet
    """
    ax = _axes(ax)
    X, Y, Z = objective.grid(num, domain)
    style.setdefault("cmap", "viridis")
    values = contour_levels(Z, levels, log=log)
    if filled:
        contours = ax.contourf(X, Y, Z, levels=[Z.min(), *values], **style)
    else:
        contours = ax.contour(X, Y, Z, levels=values, **style)
    ax.set_xlabel(f"${objective.variables[0]}$")
    ax.set_ylabel(f"${objective.variables[1]}$")
    if aspect is not None:
        ax.set_aspect(aspect, adjustable="box")
    return contours


def plot_path(path, ax=None, **style):
    """Draw an optimizer's path (an array of iterates, shape (k, 2)) with a marker per step.

    Returns
    -------
    matplotlib.lines.Line2D
    """
    ax = _axes(ax)
    path = np.asarray(path, dtype=float)
    if path.ndim != 2 or path.shape[1] != 2:
        raise ValueError(f"path must have shape (k, 2), got {path.shape}")
    style = {"marker": "o", "markersize": 3, "linewidth": 1.2, "color": "#d62728", **style}
    (line,) = ax.plot(path[:, 0], path[:, 1], **style)
    return line


def plot_loss_curve(values, ax=None, *, log: bool = True, **style):
    """Draw f(x_k) against the iteration k, on a log axis by default.

    On a log axis, linear convergence is a straight line and quadratic convergence bends down.
    Non-positive values cannot be drawn on a log axis; pass ``log=False`` or shift them.

    Returns
    -------
    matplotlib.lines.Line2D
    """
    ax = _axes(ax)
    values = np.asarray(values, dtype=float)
    (line,) = ax.plot(np.arange(values.size), values, **style)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("iteration $k$")
    ax.set_ylabel(r"$f(\mathbf{x}_k)$")
    return line


def plot_stationary_points(points: Sequence[StationaryPoint], ax=None, *, size: float = 60):
    """Mark stationary points with a marker and colour per kind, labelled for a legend.

    Works for one variable (points drawn at (x, f(x))) and two variables (drawn at (x, y)).

    Returns
    -------
    list of matplotlib.collections.PathCollection
        One per kind present.
    """
    ax = _axes(ax)
    artists = []
    for kind, style in KIND_STYLE.items():
        chosen = [p for p in points if p.kind is kind]
        if not chosen:
            continue
        xs = [p.x[0] for p in chosen]
        ys = [p.x[1] if p.x.size == 2 else p.value for p in chosen]
        artists.append(
            ax.scatter(xs, ys, s=size, zorder=5, label=str(kind), edgecolors="black", **style)
        )
    return artists


def join_polylines(pieces: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Polylines, each an array of shape (k, 2), joined into one with NaN gaps between them.

    One polyline with gaps is what an explorer's moving layer draws (matplotlib and SVG both
    lift the pen at a NaN).

    Returns
    -------
    xs, ys : ndarray
        Empty if there are no pieces.

    Examples
    --------
    >>> xs, ys = join_polylines([np.zeros((2, 2)), np.ones((1, 2))])
    >>> xs.tolist()
    [0.0, 0.0, nan, 1.0]
    """
    if not pieces:
        return np.array([]), np.array([])
    gap = np.full((1, 2), np.nan)
    joined = np.concatenate([part for piece in pieces for part in (piece, gap)])[:-1]
    return joined[:, 0], joined[:, 1]


def contour_polyline(X, Y, Z, levels) -> tuple[np.ndarray, np.ndarray]:
    """The level curves of Z at ``levels`` as one polyline with NaN gaps between pieces.

    ``X``, ``Y``, ``Z`` are a grid as from :meth:`~calcopt.Objective.grid`; a masked ``Z``
    leaves its masked cells out. Unlike ``ax.contour``, this returns the curves as data, which
    an explorer can move from frame to frame.
    """
    generator = contourpy.contour_generator(X, Y, Z)
    return join_polylines([line for level in levels for line in generator.lines(level)])


def region_scanlines(X, Y, Z, level: float) -> tuple[np.ndarray, np.ndarray]:
    """The region where Z < level as horizontal segments, one run per grid row, with NaN gaps.

    Drawn as a line about as thick as the spacing of the rows, the segments read as a filled
    area with crisp edges: a region an explorer can change from frame to frame.
    """
    pieces = []
    for xs, ys, zs in zip(X, Y, Z, strict=True):
        inside = np.concatenate([[False], zs < level, [False]])
        starts = np.flatnonzero(~inside[:-1] & inside[1:])
        ends = np.flatnonzero(inside[:-1] & ~inside[1:]) - 1
        segments = zip(starts, ends, strict=True)
        pieces += [np.array([[xs[a], ys[a]], [xs[b], ys[b]]]) for a, b in segments]
    return join_polylines(pieces)


def thin_path(path, spacing: float) -> np.ndarray:
    """An optimizer's path without the points closer than ``spacing`` to the last kept one.

    The first and last points are always kept. At a spacing under a pixel the drawing does not
    change, but a path of thousands of tiny steps shrinks to a few dozen points.

    Examples
    --------
    >>> thin_path(np.array([[0.0, 0.0], [0.1, 0.0], [1.0, 0.0], [1.05, 0.0]]), 0.5).tolist()
    [[0.0, 0.0], [1.0, 0.0], [1.05, 0.0]]
    """
    path = np.asarray(path, dtype=float)
    kept = [0]
    for i in range(1, len(path) - 1):
        if np.linalg.norm(path[i] - path[kept[-1]]) >= spacing:
            kept.append(i)
    if len(path) > 1:
        kept.append(len(path) - 1)
    return path[kept]
