"""Matplotlib side of an explorer: the backdrop figure, one artist per layer, pixel coordinates.

Both renderers start here: the live one redraws the artists over a saved copy of the backdrop
(blitting); the static one saves the backdrop as an image and converts each frame's data to
pixel coordinates with the same axes transforms, so both place every point identically.
"""

from __future__ import annotations

import io
import zlib

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Polygon
from PIL import Image

from .core import Explorer, Layer

DPI = 100


def backdrop_figure(explorer: Explorer, key: tuple) -> tuple[Figure, list]:
    """Draw the panels for one backdrop key on a new Agg figure; freeze the axis limits."""
    fig = Figure(figsize=explorer.figsize, dpi=DPI)
    FigureCanvasAgg(fig)
    axes = [panel.draw(fig) for panel in explorer.panels_for(key)]
    for ax in axes:
        ax.set_autoscale_on(False)
    fig.canvas.draw()
    return fig, axes


def make_artist(ax, layer: Layer):
    """An empty, animated artist styled after the layer."""
    style = {"color": layer.color, "alpha": layer.alpha, "animated": True}
    if layer.kind == "arrow":
        arrow = FancyArrowPatch(
            (0, 0), (0, 0), arrowstyle="-|>", mutation_scale=12, lw=layer.width, **style
        )
        ax.add_patch(arrow)
        return arrow
    if layer.kind == "polygon":
        style["facecolor"] = style.pop("color")  # color would also set the (absent) edge
        patch = Polygon(np.zeros((1, 2)), closed=True, edgecolor="none", **style)
        ax.add_patch(patch)
        return patch
    points_only = layer.kind == "points"
    (line,) = ax.plot(
        [],
        [],
        linestyle="none" if points_only else ("--" if layer.dashed else "-"),
        linewidth=layer.width,
        marker="o" if points_only or layer.marker > 0 else None,
        markersize=layer.marker if layer.marker > 0 else 6.0,
        solid_capstyle="butt",  # ends where the data ends, as the static SVG line does
        **style,
    )
    return line


def update_artist(artist, layer: Layer, xs: np.ndarray, ys: np.ndarray) -> None:
    """Give an artist a frame's data."""
    if layer.kind == "arrow":
        visible = xs.size >= 2
        if visible:
            artist.set_positions((xs[0], ys[0]), (xs[-1], ys[-1]))
        artist.set_visible(visible)
    elif layer.kind == "polygon":
        visible = xs.size >= 3
        if visible:
            artist.set_xy(np.column_stack([xs, ys]))
        artist.set_visible(visible)
    else:
        artist.set_data(xs, ys)


def to_pixels(ax, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Data coordinates to image pixels (origin top left), shape (k, 2); NaN where undefined.

    On a log axis a non-positive value has no position and becomes NaN.
    """
    height = ax.figure.bbox.height
    with np.errstate(all="ignore"):
        pixels = ax.transData.transform(np.column_stack([xs, ys]))
    pixels[:, 1] = height - pixels[:, 1]
    pixels[~np.all(np.isfinite(pixels), axis=1)] = np.nan
    return pixels


def png_bytes(rgba, *, colours: int | None = None, fast: bool = False) -> bytes:
    """Encode an RGBA pixel buffer (height, width, 4) as PNG.

    ``fast`` favours speed for live updates (run-length zlib at level 1); otherwise the image is
    compressed hard, optionally with a palette of ``colours`` colours, for the static book.
    """
    height, width = np.shape(rgba)[:2]
    image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1).convert("RGB")
    if colours is not None:
        image = image.quantize(
            colors=colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
        )
    buffer = io.BytesIO()
    if fast:
        image.save(buffer, format="PNG", compress_level=1, compress_type=zlib.Z_RLE)
    else:
        image.save(buffer, format="PNG", compress_level=9, optimize=True)
    return buffer.getvalue()
