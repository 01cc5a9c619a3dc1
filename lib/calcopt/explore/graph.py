"""The graph of a one-variable function as part of an explorer's backdrop."""

from __future__ import annotations

import numpy as np

from ..objective import Objective


class Graph:
    """Samples of a one-variable objective over a range, with plot limits around them.

    Parameters
    ----------
    f : Objective
        One variable.
    low, high : float
        The x range shown.
    pad : float
        Space above and below the values, as a fraction of their range.
    num : int
        Number of samples.
    """

    def __init__(self, f: Objective, low: float, high: float, *, pad: float, num: int = 400):
        self.f = f
        self.xs = np.linspace(low, high, num)
        self.ys = f(self.xs)
        margin = pad * (self.ys.max() - self.ys.min())
        self.xlim = (low, high)
        self.ylim = (self.ys.min() - margin, self.ys.max() + margin)

    def draw(self, fig, rect, *, title: str | None = None, fontsize: float = 10, **style):
        """Axes at ``rect`` (figure fractions) showing the graph, labelled, within the limits."""
        ax = fig.add_axes(rect)
        ax.plot(self.xs, self.ys, **{"color": "#1f4e79", "lw": 2, **style})
        ax.set_xlim(*self.xlim)
        ax.set_ylim(*self.ylim)
        ax.set_xlabel("x")
        ax.set_ylabel("f(x)")
        ax.set_title(f"$f(x) = {self.f.latex}$" if title is None else title, fontsize=fontsize)
        ax.grid(alpha=0.3)
        return ax
