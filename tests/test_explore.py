"""The explorer layer: live and static renderings show exactly what calcopt computes."""

import base64
import gzip
import io
import json
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

import calcopt as co
from calcopt import functions as fn
from calcopt.explore import CATALOGUE, Choice, Explorer, Layer, Scene, Slider
from calcopt.explore.draw import to_pixels
from calcopt.explore.live import LiveExplorer
from calcopt.explore.static import GAP, StaticExplorer, decode_pixels, encode_pixels


@pytest.fixture(scope="module", params=sorted(CATALOGUE))
def explorer(request):
    return CATALOGUE[request.param]()


@pytest.fixture(scope="module")
def static(explorer):
    return StaticExplorer(explorer)


def static_frame(static: StaticExplorer, index: int) -> tuple[dict, list]:
    """Decode one static frame into {layer: pixels} and the readout texts, as the page does."""
    payload = static.payload
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


def frame_index(explorer: Explorer, positions: list[int]) -> int:
    index = 0
    for control, position in zip(explorer.controls, positions, strict=True):
        index = index * len(control.static_values()) + position
    return index


def live_values(explorer: Explorer, positions: list[int]) -> dict:
    """Control values for the live explorer's set(): labels for choices, numbers for sliders."""
    values = {}
    for control, position in zip(explorer.controls, positions, strict=True):
        options = control.static_values()
        values[control.name] = (
            options[position] if isinstance(control, Choice) else control.cast(options[position])
        )
    return values


def test_every_slider_offers_at_least_25_positions(explorer):
    for control in explorer.controls:
        if isinstance(control, Slider):
            assert len(control.static_values()) >= 25


def test_static_export_holds_every_frame(explorer, static):
    expected = int(np.prod([len(c.static_values()) for c in explorer.controls]))
    assert len(static.payload["frames"]) == expected == len(explorer.static_grid())


def test_static_frames_equal_the_live_render(explorer, static, rng):
    live = LiveExplorer(explorer)
    sizes = [len(c.static_values()) for c in explorer.controls]
    samples = [[0] * len(sizes), [s - 1 for s in sizes]] + [
        [int(rng.integers(s)) for s in sizes] for _ in range(12)
    ]
    for positions in samples:
        live.set(**live_values(explorer, positions))
        layers, readouts = static_frame(static, frame_index(explorer, positions))
        axes = static.axes[explorer.backdrop_key(live.values())]
        for layer in explorer.layers:
            expected = to_pixels(axes[layer.axes], *live.scene.layers[layer.name])
            got = layers[layer.name]
            assert got.shape == expected.shape, layer.name
            finite = np.isfinite(expected).all(axis=1) & (np.abs(expected) < 16000).all(axis=1)
            np.testing.assert_allclose(got[finite], expected[finite], atol=0.26)
        assert readouts == [live.scene.readouts[name] for name, _ in explorer.readouts]


def test_live_set_updates_the_image_in_place_without_new_figures(explorer, capsys):
    live = LiveExplorer(explorer)
    first = live.image.value
    sizes = [len(c.static_values()) for c in explorer.controls]
    live.set(**live_values(explorer, [s // 3 for s in sizes]))
    assert live.image.value != first
    assert Image.open(io.BytesIO(live.image.value)).size == tuple(
        round(v * 100) for v in explorer.figsize
    )
    assert plt.get_fignums() == []
    assert capsys.readouterr() == ("", "")


def test_live_bundle_has_the_widget_and_a_short_text(explorer):
    bundle = LiveExplorer(explorer)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].endswith("live explorer (run the notebook to use it)")


def test_static_html_is_self_contained(explorer, static):
    page = static.html
    assert re.search(rf'class="calcopt-explorer" data-explorer="{explorer.name}"', page)
    sliders = [c for c in explorer.controls if isinstance(c, Slider)]
    assert page.count('type="range"') == len(sliders)
    assert "http://" not in page and "https://" not in page and 'src="//' not in page
    assert 'alt="' in page
    blob = re.search(r'class="calcopt-frames">([^<]+)<', page).group(1)
    packed = json.loads(gzip.decompress(base64.b64decode(blob)))
    assert packed["frames"] == static.payload["frames"]


def test_pixel_encoding_round_trips_with_gaps():
    pixels = np.array([[0.5, 10.0], [np.nan, np.nan], [300.25, -4.0], [1e9, 2.0]])
    codes = encode_pixels(pixels)
    assert codes[2] == GAP
    decoded = decode_pixels(base64.b64encode(codes.tobytes()).decode())
    np.testing.assert_allclose(decoded[[0, 2]], [[0.5, 10.0], [300.0, -4.0]])
    assert np.isnan(decoded[1]).all() and decoded[3, 0] == pytest.approx(32767 / 2)


def test_secant_explorer_shows_calcopts_difference_quotient():
    explorer = CATALOGUE["secant-to-tangent"]()
    live = LiveExplorer(explorer)
    live.set(x=0.75, h=0.01)
    quotient = co.derivative(fn.wavy, live.values()["x"], h=live.values()["h"], method="forward")
    xs, ys = live.scene.layers["secant"]
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(quotient, rel=1e-12)
    assert live.scene.readouts["quotient"] == f"{quotient:.6f}"
    assert live.scene.readouts["exact"] == f"{fn.wavy.gradient(live.values()['x']):.6f}"


def test_gradient_descent_explorer_draws_calcopts_path():
    explorer = CATALOGUE["gradient-descent"]()
    live = LiveExplorer(explorer)
    live.set(start="(6, 7)", lr=0.08, steps=30)
    values = live.values()
    expected = co.gradient_descent(fn.booth, (6.0, 7.0), lr=values["lr"], max_iter=100, tol=1e-8)
    xs, ys = live.scene.layers["path"]
    np.testing.assert_array_equal(np.column_stack([xs, ys]), expected.path[:31])
    assert live.scene.readouts["status"] == "still going"
    live.set(lr=explorer.controls[1].static_values()[-1], steps=100)
    assert live.scene.readouts["status"].startswith("diverged after")


def test_reveal_slider_frames_are_stored_as_prefixes():
    static = StaticExplorer(CATALOGUE["gradient-descent"]())
    codes = [layer for frame in static.payload["frames"] for layer in frame[0]]
    prefixes = sum(code < 0 for code in codes)
    assert prefixes > len(codes) / 4
    # A prefix decodes to the same pixels as computing that frame in full.
    layers, _ = static_frame(static, 5)
    values = static.explorer.static_grid()[5]
    scene = static.explorer.frame(**values)
    axes = static.axes[static.explorer.backdrop_key(values)]
    expected = to_pixels(axes[0], *scene.layers["path"])
    np.testing.assert_allclose(layers["path"], expected, atol=0.26)


def tiny_explorer(**changes) -> Explorer:
    def backdrop(fig):
        return [fig.add_subplot()]

    arguments = {
        "name": "tiny",
        "title": "Tiny",
        "controls": (Slider("a", "a", 0.0, 1.0, default=0.5),),
        "layers": (Layer("dot", kind="points"),),
        "readouts": (("a", "a"),),
        "backdrop": backdrop,
        "scene": lambda a: Scene({"dot": ([a], [a])}, {"a": f"{a:.2f}"}),
        "alt": "A dot on the diagonal.",
        **changes,
    }
    return Explorer(**arguments)


def test_explorer_declarations_are_validated():
    with pytest.raises(ValueError, match="at least 25 static positions"):
        tiny_explorer(controls=(Slider("a", "a", 0.0, 1.0, default=0.5, positions=5),))
    with pytest.raises(ValueError, match="only the last control may be a reveal slider"):
        tiny_explorer(
            controls=(
                Slider("a", "a", 0.0, 1.0, default=0.5, reveal=True),
                Slider("b", "b", 0.0, 1.0, default=0.5),
            ),
            scene=lambda a, b: Scene({"dot": ([a], [b])}, {}),
        )
    with pytest.raises(ValueError, match="unique"):
        tiny_explorer(controls=(Slider("a", "a", 0, 1, default=0.5),) * 2)
    with pytest.raises(ValueError, match="no control named"):
        tiny_explorer().frame(b=1.0)
    with pytest.raises(ValueError, match="scene must give data"):
        tiny_explorer(scene=lambda a: Scene({}, {})).frame()


def test_show_picks_static_while_the_book_builds(monkeypatch):
    explorer = tiny_explorer()
    monkeypatch.setenv("CALCOPT_EXPLORERS", "static")
    assert isinstance(explorer.show(), StaticExplorer)
    monkeypatch.delenv("CALCOPT_EXPLORERS")
    assert isinstance(explorer.show(), LiveExplorer)
