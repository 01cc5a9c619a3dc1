"""Live rendering: ipywidgets controls and one figure image updated in place.

The backdrop is drawn once and saved; each control change recomputes the scene, restores the
saved backdrop, draws only the moving artists over it (blitting) and replaces the bytes of one
``ipywidgets.Image``. Nothing is printed and no new figure is created, so the output neither
flickers nor piles up figures. The explorer's description (``Explorer.alt``, the static
version's alt text) is written once, for screen readers only (visually hidden text after the
figure), not as a second visible caption under the notebook's own.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
from matplotlib.figure import Figure

from .core import Choice, Explorer, Scene, Slider
from .draw import backdrop_figure, make_artist, png_bytes, update_artist

#: Text kept for screen readers and out of sight (the usual "visually hidden" rules).
SCREEN_READER_ONLY = (
    "position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;"
    "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"
)

#: The live slider is this many times finer than the static one.
FINER = 4


def control_widget(control: Slider | Choice) -> widgets.Widget:
    """The ipywidget for a control, starting at its default."""
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="auto" if isinstance(control, Choice) else "380px")
    if isinstance(control, Choice):
        return widgets.Dropdown(
            options=list(control.options),
            value=control.default,
            description=control.label,
            style=style,
            layout=layout,
        )
    steps = FINER * (len(control.static_values()) - 1)
    common = {
        "description": control.label,
        "continuous_update": True,
        "style": style,
        "layout": layout,
    }
    if control.integer:
        return widgets.IntSlider(
            min=int(control.low),
            max=int(control.high),
            step=1,
            value=control.snap(control.default),
            **common,
        )
    if control.log:
        low, high = math.log10(control.low), math.log10(control.high)
        return widgets.FloatLogSlider(
            base=10,
            min=low,
            max=high,
            step=(high - low) / steps,
            value=control.snap(control.default),
            readout_format=".3g",
            **common,
        )
    return widgets.FloatSlider(
        min=control.low,
        max=control.high,
        step=(control.high - control.low) / steps,
        value=control.snap(control.default),
        readout_format=".3g",
        **common,
    )


#: Inline styles of a readout (as in explorer.css), so that the notebook's own rules for
#: definition lists (JupyterLab floats them and gives ``dt`` 20% of the width) cannot overlap
#: label and value.
READOUT_STYLE = {
    "div": "display:flex;gap:6px;white-space:nowrap",
    "dt": "font-weight:600;margin:0;float:none;width:auto;flex:none",
    "dd": "margin:0;padding:0;float:none;flex:none",
}


def readouts_html(explorer: Explorer, scene: Scene) -> str:
    """The readouts as a definition list (the same markup as the static version)."""
    style = READOUT_STYLE
    items = "".join(
        f'<div style="{style["div"]}"><dt style="{style["dt"]}">{html.escape(label)}</dt>'
        f'<dd data-readout="{name}" style="{style["dd"]}">'
        f"{html.escape(scene.readouts[name])}</dd></div>"
        for name, label in explorer.readouts
    )
    return (
        '<dl class="calcopt-readouts" '
        f'style="display:flex;flex-wrap:wrap;gap:4px 24px;margin:4px 0">{items}</dl>'
    )


@dataclass(frozen=True)
class _Backdrop:
    """A drawn backdrop: its figure, one artist per layer, and the pixels saved for blitting."""

    figure: Figure
    artists: dict[str, Any]
    background: Any


class LiveExplorer:
    """An explorer running in a kernel. Display it (last expression of a cell) to use it.

    ``set(name=value, ...)`` changes controls from code (labels for choices, numbers for
    sliders); ``scene`` is the scene last drawn and ``image.value`` the PNG shown. Each
    backdrop (one per value of the choices it depends on) is drawn once and kept.
    """

    def __init__(self, explorer: Explorer):
        self.explorer = explorer
        self.controls = {c.name: control_widget(c) for c in explorer.controls}
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(max_width="100%", height="auto")
        )
        self.readouts = widgets.HTML()
        # ipywidgets' Image has no alt text (and a tooltip breaks its view in JupyterLab): the
        # description follows the figure as text only screen readers see; the notebook's own
        # caption under the explorer says it in words.
        description = widgets.HTML(
            f'<span class="calcopt-description" style="{SCREEN_READER_ONLY}">'
            f"{html.escape(explorer.alt)}</span>"
        )
        self.box = widgets.VBox(
            [
                widgets.HBox(
                    list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap")
                ),
                self.image,
                description,
                self.readouts,
            ]
        )
        self._backdrops: dict[tuple, _Backdrop] = {}
        self._muted = False
        self.scene: Scene | None = None
        for widget in self.controls.values():
            widget.observe(self._changed, names="value")
        self.render()

    def values(self) -> dict[str, Any]:
        """Current control values, as the scene function receives them."""
        values = {}
        for control in self.explorer.controls:
            value = self.controls[control.name].value
            values[control.name] = (
                control.options[value] if isinstance(control, Choice) else control.cast(value)
            )
        return values

    def set(self, **values: Any) -> None:
        """Set several controls, then redraw once."""
        self._muted = True
        try:
            for name, value in values.items():
                if name not in self.controls:
                    raise ValueError(f"explorer {self.explorer.name} has no control named {name!r}")
                self.controls[name].value = value
        finally:
            self._muted = False
        self.render()

    def backdrop_key(self) -> tuple[int, ...]:
        """Positions of the choices the backdrop depends on (as the static book numbers them)."""
        return tuple(
            control.index_of(self.controls[control.name].value)
            for control in self.explorer.controls
            if isinstance(control, Choice) and control.backdrop
        )

    def _changed(self, _change) -> None:
        if not self._muted:
            self.render()

    def _backdrop(self, key: tuple) -> _Backdrop:
        """The figure, artists and saved background for a backdrop key, built once each."""
        if key not in self._backdrops:
            figure, axes = backdrop_figure(self.explorer, key)
            artists = {
                layer.name: make_artist(axes[layer.axes], layer) for layer in self.explorer.layers
            }
            figure.canvas.draw()
            background = figure.canvas.copy_from_bbox(figure.bbox)
            self._backdrops[key] = _Backdrop(figure, artists, background)
        return self._backdrops[key]

    def render(self) -> None:
        """Recompute the scene and redraw the moving layers over the saved backdrop."""
        backdrop = self._backdrop(self.backdrop_key())
        self.scene = self.explorer.frame(**self.values())
        canvas = backdrop.figure.canvas
        canvas.restore_region(backdrop.background)
        for layer in self.explorer.layers:
            artist = backdrop.artists[layer.name]
            update_artist(artist, layer, *self.scene.layers[layer.name])
            artist.axes.draw_artist(artist)
        self.image.value = png_bytes(canvas.buffer_rgba(), fast=True)
        self.readouts.value = readouts_html(self.explorer, self.scene)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"{self.explorer.title}: live explorer (run the notebook to use it)"
        return bundle
