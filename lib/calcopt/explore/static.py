"""Static rendering: a self-contained HTML explorer over precomputed frames, no kernel needed.

The fixed parts are drawn once per backdrop as a palette PNG. Every combination of static
control positions is computed with the explorer's own scene function; each layer's points are
converted to image pixels with the backdrop's axes transforms and stored as base64 int16 pairs
(half-pixel resolution). Along a reveal slider, a layer that is a prefix of the same layer at
the last position is stored as a point count, and repeated texts (layers or readouts) are
stored once. Native range inputs and selects drive a few dozen lines of plain JavaScript
(``explorer.js``) that redraw the layers as SVG over the backdrop. The frame data travels
gzip-compressed (base64) and is inflated by the browser's own ``DecompressionStream``, with no
library and no request. The default frame is also written into the markup (the layers' SVG
paths and the readouts' texts, decoded from the payload as the page decodes it), so the
explorer is fully drawn before its script runs, and with JavaScript turned off.
"""

from __future__ import annotations

import base64
import gzip
import html
import itertools
import json
from collections.abc import Sequence
from importlib.resources import files
from typing import Any

import numpy as np

from .core import Choice, Explorer, Layer, Slider
from .draw import DPI, backdrop_figure, png_bytes, to_pixels

#: Pixel coordinates are stored as integers in units of 1/SCALE pixel.
SCALE = 2
#: The int16 value that marks a gap (an undefined point) in a layer's polyline.
GAP = -32768
#: Colours in the backdrop's palette PNG.
PALETTE = 256

_ids = itertools.count(1)


def encode_pixels(pixels: np.ndarray) -> np.ndarray:
    """Pixel coordinates (k, 2) as int16 in 1/SCALE pixel units; GAP where not finite."""
    scaled = np.round(np.nan_to_num(pixels, nan=0.0) * SCALE)
    codes = np.clip(scaled, -32767, 32767).astype("<i2")
    codes[~np.all(np.isfinite(pixels), axis=1)] = GAP
    return codes.ravel()


def decode_pixels(text: str) -> np.ndarray:
    """Inverse of the base64 encoding, as (k, 2) pixels with NaN at gaps."""
    codes = np.frombuffer(base64.b64decode(text), dtype="<i2").reshape(-1, 2)
    pixels = codes.astype(float) / SCALE
    pixels[codes[:, 0] == GAP] = np.nan
    return pixels


def frame_index(payload: dict[str, Any], positions: Sequence[int]) -> int:
    """The index of the frame at the controls' positions (row-major, last control fastest)."""
    index = 0
    for control, position in zip(payload["controls"], positions, strict=True):
        index = index * len(control["labels"]) + position
    return index


def decode_frame(payload: dict[str, Any], index: int) -> tuple[dict[str, np.ndarray], list[str]]:
    """One frame of a static payload as the page shows it: pixels per layer, readout texts.

    This is the one decoder of the format in Python (``explorer.js`` is the other, in the
    page); the unit and browser tests read frames through it.
    """
    frames, strings = payload["frames"], payload["strings"]
    block = len(payload["controls"][-1]["labels"])
    last = frames[index - index % block + block - 1]
    layers = {}
    for i, name in enumerate(payload["layers"]):
        code = frames[index][0][i]
        if code < 0:
            layers[name] = decode_pixels(strings[last[0][i]])[: -1 - code]
        else:
            layers[name] = decode_pixels(strings[code])
    return layers, [strings[c] for c in frames[index][1]]


def svg_path(pixels: np.ndarray) -> str:
    """The SVG path data ``explorer.js`` draws for a layer's pixels (pen lifted at NaN gaps)."""
    path, pen = [], "M"
    for x, y in pixels:
        if np.isnan(x):
            pen = "M"
            continue
        path.append(f"{pen}{_js_number(x)} {_js_number(y)}")
        pen = "L"
    return "".join(path)


def _js_number(value: float) -> str:
    """A number as JavaScript prints it (1 for 1.0, 0.5 for 0.5)."""
    return str(int(value)) if value == int(value) else repr(float(value))


def _b64(data: np.ndarray | bytes) -> str:
    raw = data.tobytes() if isinstance(data, np.ndarray) else data
    return base64.b64encode(raw).decode("ascii")


class StaticExplorer:
    """The kernel-free HTML version of an explorer (what the built book shows).

    ``payload`` holds everything the page needs; ``html`` is the markup with inline data, CSS
    and JavaScript; ``axes`` maps each backdrop key to its axes (for tests to convert data to
    pixels exactly as the export did).
    """

    def __init__(self, explorer: Explorer):
        self.explorer = explorer
        self.uid = f"{explorer.name}-{next(_ids)}"
        self.figures: dict[tuple, Any] = {}
        self.axes: dict[tuple, list] = {}
        self.payload = self._payload()
        self.html = self._html()

    # -- data ---------------------------------------------------------------------------------
    def _backdrop(self, key: tuple) -> None:
        if key not in self.figures:
            self.figures[key], self.axes[key] = backdrop_figure(self.explorer, key)

    def _payload(self) -> dict[str, Any]:
        explorer = self.explorer
        backdrops = []
        for key in explorer.backdrop_keys():
            self._backdrop(key)
            rgba = self.figures[key].canvas.buffer_rgba()
            backdrops.append(
                "data:image/png;base64,"
                + base64.b64encode(png_bytes(rgba, colours=PALETTE)).decode()
            )
        grid = list(explorer.grid())
        last = explorer.controls[-1]
        block = explorer.counts()[-1] if isinstance(last, Slider) and last.reveal else 1
        strings: dict[str, int] = {}
        frames = []
        for start in range(0, len(grid), block):
            frames.extend(self._block(grid[start : start + block], strings))
        width, height = (round(v * DPI) for v in explorer.figsize)
        return {
            "size": [width, height],
            "scale": SCALE,
            "gap": GAP,
            "backdrops": backdrops,
            "controls": [_control_payload(c) for c in explorer.controls],
            "layers": [layer.name for layer in explorer.layers],
            "readouts": [name for name, _ in explorer.readouts],
            "strings": list(strings),
            "frames": frames,
        }

    def _block(self, combos: list[tuple[int, ...]], strings: dict[str, int]) -> list[list]:
        """Frames along the reveal slider, as indices into ``strings``, a table of distinct texts.

        A layer's pixels are one base64 text; a layer that is the first n points of the same
        layer in the block's last frame is stored as -1 - n instead.
        """
        encoded = []
        for positions in combos:
            key = self.explorer.backdrop_key(positions)
            self._backdrop(key)
            scene = self.explorer.frame_at(positions)
            layers = [
                encode_pixels(to_pixels(self.axes[key][layer.axes], *scene.layers[layer.name]))
                for layer in self.explorer.layers
            ]
            readouts = [
                strings.setdefault(scene.readouts[name], len(strings))
                for name, _ in self.explorer.readouts
            ]
            encoded.append((layers, readouts))
        final = encoded[-1][0]
        frames = []
        for layers, readouts in encoded:
            stored = [
                -1 - codes.size // 2
                if codes is not full
                and codes.size <= full.size
                and np.array_equal(codes, full[: codes.size])
                else strings.setdefault(_b64(codes), len(strings))
                for codes, full in zip(layers, final, strict=True)
            ]
            frames.append([stored, readouts])
        return frames

    # -- markup -------------------------------------------------------------------------------
    def _html(self) -> str:
        explorer, uid = self.explorer, self.uid
        width, height = self.payload["size"]
        key = explorer.backdrop_key(explorer.default_positions())
        clips = "".join(_clip(uid, i, ax) for i, ax in enumerate(self.axes[key]))
        defs = "".join(_marker(uid, layer) for layer in explorer.layers)
        pixels, texts = self.default_frame()
        paths = "".join(_path(uid, layer, pixels[layer.name]) for layer in explorer.layers)
        controls = "".join(_control_html(uid, c) for c in explorer.controls)
        readouts = "".join(
            f"<div><dt>{html.escape(label)}</dt>"
            f'<dd data-readout="{name}">{html.escape(text)}</dd></div>'
            for (name, label), text in zip(explorer.readouts, texts, strict=True)
        )
        # The first backdrop shown is the image's own source; the list holds only the others.
        shown = explorer.backdrop_keys().index(key)
        images = json.dumps(
            [None if i == shown else b for i, b in enumerate(self.payload["backdrops"])]
        )
        frames = {k: v for k, v in self.payload.items() if k != "backdrops"}
        packed = gzip.compress(json.dumps(frames, separators=(",", ":")).encode(), mtime=0)
        asset = files("calcopt.explore")
        return (
            f"<style>{asset.joinpath('explorer.css').read_text()}</style>"
            f'<div class="calcopt-explorer" data-explorer="{html.escape(explorer.name)}" '
            f'id="{uid}" role="group" aria-label="{html.escape(explorer.title)}">'
            f'<div class="calcopt-controls">{controls}</div>'
            f'<div class="calcopt-scroll"><div class="calcopt-figure" '
            f'style="--calcopt-width:{width}px;max-width:{width}px">'
            f'<img class="calcopt-backdrop" width="{width}" height="{height}" '
            f'alt="{html.escape(explorer.alt)}" src="{self.payload["backdrops"][shown]}">'
            f'<svg class="calcopt-layers" viewBox="0 0 {width} {height}" aria-hidden="true">'
            f"<defs>{clips}{defs}</defs>{paths}</svg></div></div>"
            f'<dl class="calcopt-readouts" aria-live="polite">{readouts}</dl>'
            f'<script type="application/json" class="calcopt-backdrops">{images}</script>'
            f'<script type="application/gzip" class="calcopt-frames">{_b64(packed)}</script>'
            f"<script>{asset.joinpath('explorer.js').read_text()}</script></div>"
        )

    def default_frame(self) -> tuple[dict[str, np.ndarray], list[str]]:
        """The frame at the controls' defaults, decoded from the payload as the page decodes it:
        pixels per layer and the readouts' texts (what the markup shows before any script)."""
        index = frame_index(self.payload, self.explorer.default_positions())
        return decode_frame(self.payload, index)

    @property
    def nbytes(self) -> int:
        """Size of the HTML in bytes: the explorer's whole static payload."""
        return len(self.html.encode("utf-8"))

    def _repr_mimebundle_(self, **kwargs):
        return {
            "text/html": self.html,
            "text/plain": f"{self.explorer.title}: static explorer "
            f"({len(self.payload['frames'])} frames)",
        }


def _control_payload(control: Slider | Choice) -> dict[str, Any]:
    return {
        "name": control.name,
        "labels": control.labels(),
        "backdrop": isinstance(control, Choice) and control.backdrop,
    }


def _control_html(uid: str, control: Slider | Choice) -> str:
    label = html.escape(control.label)
    index = control.index_of(control.default)
    labels = control.labels()
    if isinstance(control, Choice):
        options = "".join(
            f'<option value="{i}"{" selected" if i == index else ""}>{html.escape(name)}</option>'
            for i, name in enumerate(labels)
        )
        return f'<label>{label} <select data-control="{control.name}">{options}</select></label>'
    text = html.escape(labels[index])
    return (
        f'<label>{label} <input type="range" min="0" max="{len(labels) - 1}" step="1" '
        f'value="{index}" data-control="{control.name}" aria-valuetext="{text}">'
        f"<output>{text}</output></label>"
    )


def _clip(uid: str, index: int, ax) -> str:
    x0, y0, x1, y1 = ax.bbox.extents
    height = ax.figure.bbox.height
    return (
        f'<clipPath id="{uid}-clip{index}"><rect x="{x0:.1f}" y="{height - y1:.1f}" '
        f'width="{x1 - x0:.1f}" height="{y1 - y0:.1f}"/></clipPath>'
    )


def _px(points: float) -> float:
    return points * DPI / 72


def _marker(uid: str, layer: Layer) -> str:
    marker_id = f"{uid}-m-{layer.name}"
    if layer.kind == "arrow":
        size = _px(3 * layer.width + 6)
        return (
            f'<marker id="{marker_id}" viewBox="0 0 10 10" refX="9" refY="5" '
            f'markerUnits="userSpaceOnUse" markerWidth="{size:.1f}" markerHeight="{size:.1f}" '
            'orient="auto-start-reverse">'
            f'<path d="M0,0L10,5L0,10z" fill="{layer.color}"/></marker>'
        )
    if layer.kind == "points" or layer.marker > 0:
        size = _px(layer.marker if layer.marker > 0 else 6.0)
        return (
            f'<marker id="{marker_id}" viewBox="-1 -1 2 2" markerUnits="userSpaceOnUse" '
            f'markerWidth="{size:.1f}" markerHeight="{size:.1f}">'
            f'<circle r="1" fill="{layer.color}" fill-opacity="{layer.alpha}"/></marker>'
        )
    return ""


def _path(uid: str, layer: Layer, pixels: np.ndarray) -> str:
    """A layer's SVG path, drawn with ``pixels`` (closed for a polygon, as ``explorer.js``)."""
    data = svg_path(pixels)
    attributes = {
        "d": f"{data}Z" if data and layer.kind == "polygon" else data,
        "data-layer": layer.name,
        "clip-path": f"url(#{uid}-clip{layer.axes})",
        "fill": "none",
        "stroke": layer.color,
        "stroke-width": f"{_px(layer.width):.2f}",
        "stroke-opacity": f"{layer.alpha}",
        "stroke-linejoin": "round",
    }
    if layer.kind == "polygon":
        attributes.update({"fill": layer.color, "fill-opacity": f"{layer.alpha}", "stroke": "none"})
    if layer.kind == "points":
        attributes["stroke"] = "none"
    if layer.dashed:
        attributes["stroke-dasharray"] = (
            f"{_px(3.7 * layer.width):.1f} {_px(1.6 * layer.width):.1f}"
        )
    marker = f"url(#{uid}-m-{layer.name})"
    if layer.kind == "arrow":
        attributes["marker-end"] = marker
    elif layer.kind == "points" or layer.marker > 0:
        attributes.update({"marker-start": marker, "marker-mid": marker, "marker-end": marker})
    if layer.kind == "polygon":
        attributes["data-closed"] = "1"
    text = " ".join(f'{k}="{v}"' for k, v in attributes.items())
    return f"<path {text}/>"
