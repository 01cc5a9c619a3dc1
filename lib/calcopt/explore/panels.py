"""Panels: the fixed parts of an explorer's figure, one per axes, built from shared pieces.

A :class:`Panel` places one axes on the figure and gives it its frame (scales, limits, labels,
title, grid, aspect) and its fixed **content**: a tuple of small drawing functions of the axes.
The builders below make the panels and pieces the course's explorers share, on top of
:mod:`calcopt.plotting`, which the chapters' static figures use too:

- :func:`contours` and :func:`minima` (level curves of an objective, its known minimisers);
- :func:`graph_panel` (the graph of a one-variable function, with limits around it);
- :func:`loss_panel` (a loss or error curve against the iteration, on a log axis);
- :func:`rate_strip` (a learning rate on a log strip with the 2/L boundary).

An explorer's moving layers are drawn over these panels by the renderers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import plotting
from ..objective import Objective

#: A piece of fixed content: draws on the axes it is given.
Content = Callable[[Any], Any]


@dataclass(frozen=True)
class Panel:
    """One axes of an explorer's figure and its fixed content.

    Parameters
    ----------
    rect : (left, bottom, width, height)
        Position in figure fractions.
    content : tuple of callables
        Each draws fixed content on the axes, in order.
    xlim, ylim : (float, float), optional
        Axis limits; by default those the content sets.
    xscale, yscale : str
        ``"linear"`` or ``"log"``.
    xlabel, ylabel, title : str
        Empty strings leave what the content set.
    title_size : float
        Title font size in points.
    grid : bool
        Light grid lines.
    aspect : {None, "equal"}
        ``"equal"`` gives both axes the same scale.
    xticks, yticks : sequence of float, optional
        Tick positions (an empty tuple hides the ticks).
    """

    rect: tuple[float, float, float, float]
    content: tuple[Content, ...] = ()
    xlim: tuple[float, float] | None = None
    ylim: tuple[float, float] | None = None
    xscale: str = "linear"
    yscale: str = "linear"
    xlabel: str = ""
    ylabel: str = ""
    title: str = ""
    title_size: float = 10
    grid: bool = False
    aspect: str | None = None
    xticks: Sequence[float] | None = None
    yticks: Sequence[float] | None = None

    def draw(self, fig):
        """Add the axes to ``fig``, draw the content and apply the frame; return the axes."""
        ax = fig.add_axes(self.rect)
        if self.xscale != "linear":
            ax.set_xscale(self.xscale)
        if self.yscale != "linear":
            ax.set_yscale(self.yscale)
        for piece in self.content:
            piece(ax)
        if self.xlim is not None:
            ax.set_xlim(*self.xlim)
        if self.ylim is not None:
            ax.set_ylim(*self.ylim)
        for ticks, setter in ((self.xticks, ax.set_xticks), (self.yticks, ax.set_yticks)):
            if ticks is not None:
                setter(ticks)
        if self.xlabel:
            ax.set_xlabel(self.xlabel)
        if self.ylabel:
            ax.set_ylabel(self.ylabel)
        if self.title:
            ax.set_title(self.title, fontsize=self.title_size)
        if self.grid:
            ax.grid(alpha=0.3)
        if self.aspect is not None:
            ax.set_aspect(self.aspect)
        return ax


def contours(
    objective: Objective, *, levels: int, num: int = 160, log: bool = True, **style
) -> Content:
    """Level curves of a two-variable objective (:func:`calcopt.plotting.plot_contours`).

    ``style`` goes to the plotting function (``filled=True``, ``cmap``, ``linewidths``,
    ``alpha``, ``domain``...). The panel keeps its own shape and labels.
    """

    def draw(ax):
        plotting.plot_contours(objective, ax, levels=levels, num=num, log=log, aspect=None, **style)

    return draw


def minima(objective: Objective, **style) -> Content:
    """A black star at each known minimiser of the objective."""
    style = {"marker": "*", "color": "black", "ms": 9, **style}

    def draw(ax):
        for point in objective.minima:
            ax.plot(*point, **style)

    return draw


def stationary_markers(points, **style) -> Content:
    """A marker per stationary point, shaped and coloured by kind (``plotting.KIND_STYLE``)."""
    style = {"linestyle": "none", "markeredgecolor": "black", "ms": 7, **style}

    def draw(ax):
        for point in points:
            ax.plot(*point.x, **style, **plotting.KIND_STYLE[point.kind])

    return draw


def graph_panel(
    f: Objective,
    rect: tuple[float, float, float, float],
    low: float,
    high: float,
    *,
    pad: float,
    num: int = 400,
    title: str | None = None,
    title_size: float = 10,
) -> Panel:
    """The graph of ``f`` over [low, high] (:func:`calcopt.plotting.plot_curve`), framed.

    The vertical limits leave ``pad`` times the range of the values above and below the curve,
    and a scene can read them (``panel.xlim``, ``panel.ylim``) to draw across the whole view.
    The default title is :math:`f(x) = \\dots` from the objective's LaTeX.
    """
    ys = f(np.linspace(low, high, num))
    margin = pad * (ys.max() - ys.min())

    def draw(ax):
        plotting.plot_curve(f, (low, high), ax, num=num, color="#1f4e79", lw=2)

    return Panel(
        rect,
        (draw,),
        xlim=(low, high),
        ylim=(ys.min() - margin, ys.max() + margin),
        xlabel="x",
        ylabel="f(x)",
        title=f"$f(x) = {f.latex}$" if title is None else title,
        title_size=title_size,
        grid=True,
    )


def loss_panel(
    rect: tuple[float, float, float, float],
    steps: int,
    ylim: tuple[float, float],
    *,
    ylabel: str,
    title: str = "",
    content: tuple[Content, ...] = (),
) -> Panel:
    """A loss (or error) against the iteration k = 0..steps, on a logarithmic axis."""
    return Panel(
        rect,
        content,
        xlim=(-0.02 * steps, 1.02 * steps),
        ylim=ylim,
        yscale="log",
        xlabel="iteration $k$",
        ylabel=ylabel,
        title=title,
        grid=True,
    )


def rate_strip(
    rect: tuple[float, float, float, float], rates: np.ndarray, rate: float, label: str
) -> Panel:
    """A log strip for the learning rate, shaded red beyond the boundary ``rate`` (2/L)."""
    top = rates[-1] * 1.2

    def draw(ax):
        ax.axvspan(rate, top, color="#d62728", alpha=0.12)
        ax.axvline(rate, color="#d62728", lw=1)
        ax.text(rate, 1.08, label, color="#d62728", ha="center", va="bottom", fontsize=9)

    return Panel(
        rect,
        (draw,),
        xlim=(rates[0] / 1.2, top),
        ylim=(0, 1),
        xscale="log",
        xlabel="learning rate η (log scale)",
        yticks=(),
    )
