"""The explorer layer: live and static renderings show exactly what calcopt computes."""

import base64
import gzip
import io
import json
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

import calcopt as co
from calcopt import functions as fn
from calcopt.explore import CATALOGUE, Choice, Explorer, Layer, Scene, Slider, show
from calcopt.explore.descent import gradient_descent_scene
from calcopt.explore.draw import to_pixels
from calcopt.explore.live import LiveExplorer
from calcopt.explore.panels import Panel
from calcopt.explore.static import (
    GAP,
    StaticExplorer,
    decode_frame,
    decode_pixels,
    encode_pixels,
    frame_index,
    svg_path,
)


@pytest.fixture(scope="module", params=sorted(CATALOGUE))
def explorer(request):
    return CATALOGUE[request.param]()


@pytest.fixture(scope="module")
def static(explorer):
    return StaticExplorer(explorer)


def live_values(explorer: Explorer, positions: list[int]) -> dict:
    """Control values for the live explorer's set(): labels for choices, numbers for sliders."""
    return {
        control.name: control.labels()[position]
        if isinstance(control, Choice)
        else control.value_at(position)
        for control, position in zip(explorer.controls, positions, strict=True)
    }


def test_static_export_holds_every_frame(explorer, static):
    expected = int(np.prod(explorer.counts()))
    assert len(static.payload["frames"]) == expected == len(list(explorer.grid()))


def test_static_payload_stays_within_400_kb(explorer, static):
    assert static.nbytes < 400_000, (
        f"an explorer's static payload (every frame, compressed, in the page) is at most 400 KB; "
        f"{explorer.name}'s is {static.nbytes / 1e3:.0f} KB"
    )


def test_static_frames_equal_the_live_render(explorer, static, rng):
    live = LiveExplorer(explorer)
    sizes = explorer.counts()
    samples = [[0] * len(sizes), [s - 1 for s in sizes]] + [
        [int(rng.integers(s)) for s in sizes] for _ in range(12)
    ]
    for positions in samples:
        live.set(**live_values(explorer, positions))
        layers, readouts = decode_frame(static.payload, frame_index(static.payload, positions))
        axes = static.axes[explorer.backdrop_key(positions)]
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
    live.set(**live_values(explorer, [s // 3 for s in explorer.counts()]))
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


def test_scenes_are_plain_functions_of_their_arguments():
    """A scene is tested without widgets: call it with the control values."""
    scene = gradient_descent_scene(fn.booth, (6.0, 7.0), 0.08, 30)
    expected = co.gradient_descent(fn.booth, (6.0, 7.0), lr=0.08, max_iter=100, tol=1e-8)
    np.testing.assert_array_equal(np.column_stack(scene.layers["path"]), expected.path[:31])
    assert scene.readouts["k"] == "30" and scene.readouts["status"] == "still going"
    end = gradient_descent_scene(fn.booth, (6.0, 7.0), 0.08, 100).readouts["status"]
    assert end == "not converged within 100 steps (‖∇f‖ = 3.8e-08)", "tol is 1e-8"
    assert (
        gradient_descent_scene(fn.booth, (6.0, 7.0), 0.25, 100)
        .readouts["status"]
        .startswith("diverged after")
    ), "0.25 is beyond 2/L = 1/9 on Booth's function"


def test_reveal_slider_frames_are_stored_as_prefixes():
    static = StaticExplorer(CATALOGUE["gradient-descent"]())
    codes = [layer for frame in static.payload["frames"] for layer in frame[0]]
    prefixes = sum(code < 0 for code in codes)
    assert prefixes > len(codes) / 4
    # A prefix decodes to the same pixels as computing that frame in full.
    layers, _ = decode_frame(static.payload, 5)
    positions = list(static.explorer.grid())[5]
    scene = static.explorer.frame_at(positions)
    axes = static.axes[static.explorer.backdrop_key(positions)]
    expected = to_pixels(axes[0], *scene.layers["path"])
    np.testing.assert_allclose(layers["path"], expected, atol=0.26)


def tiny_explorer(**changes) -> Explorer:
    arguments = {
        "name": "tiny",
        "title": "Tiny",
        "controls": (Slider("a", "a", 0.0, 1.0, default=0.5),),
        "panels": (Panel((0.1, 0.1, 0.8, 0.8)),),
        "layers": (Layer("dot", kind="points"), Layer("diagonal")),
        "readouts": (("a", "a"),),
        "scene": lambda a: Scene(
            {"dot": ([a], [a]), "diagonal": ([0, 1], [0, 1])}, {"a": f"{a:.2f}"}
        ),
        "alt": "A dot on the diagonal.",
        **changes,
    }
    return Explorer(**arguments)


def test_a_slider_needs_25_positions_or_every_whole_number_of_its_range():
    with pytest.raises(ValueError, match="offers 5 static positions; a slider needs at least 25"):
        tiny_explorer(controls=(Slider("a", "a", 0.0, 1.0, default=0.5, positions=5),))
    with pytest.raises(ValueError, match="every integer between them is a position"):
        tiny_explorer(controls=(Slider("a", "a", 0, 16, default=2, integer=True, values=[0, 2]),))
    order = Slider("a", "order", 0, 8, default=2, integer=True, positions=9)
    assert tiny_explorer(controls=(order,)).counts() == [9]


def test_declarations_state_the_rule_they_break():
    with pytest.raises(ValueError, match="only the last control may be a reveal slider"):
        tiny_explorer(
            controls=(
                Slider("a", "a", 0.0, 1.0, default=0.5, reveal=True),
                Slider("b", "b", 0.0, 1.0, default=0.5),
            ),
            scene=lambda a, b: Scene({"dot": ([a], [b]), "diagonal": ([0], [0])}, {"a": ""}),
        )
    with pytest.raises(ValueError, match="control names must be unique"):
        tiny_explorer(controls=(Slider("a", "a", 0, 1, default=0.5),) * 2)
    with pytest.raises(ValueError, match="not one of its options"):
        tiny_explorer(controls=(Choice("a", "a", {"x": 1}, default="y"),))
    with pytest.raises(ValueError, match=r"draws 1 moving layer.*at least 2"):
        tiny_explorer(scene=lambda a: Scene({"dot": ([a], [a]), "diagonal": ([], [])}, {"a": ""}))


def test_a_scene_must_give_exactly_the_declared_layers_and_readouts():
    with pytest.raises(ValueError, match=r"missing \['diagonal'\], not declared \['line'\]"):
        tiny_explorer(scene=lambda a: Scene({"dot": ([a], [a]), "line": ([], [])}, {"a": ""}))
    with pytest.raises(
        ValueError, match=r"declared readouts; missing \['a'\], not declared \['b'\]"
    ):
        tiny_explorer(
            scene=lambda a: Scene({"dot": ([a], [a]), "diagonal": ([0], [1])}, {"b": "typo"})
        )
    with pytest.raises(ValueError, match="no control named"):
        tiny_explorer().frame(b=1.0)


def test_show_picks_static_while_the_book_builds(monkeypatch):
    explorer = tiny_explorer()
    monkeypatch.setenv("CALCOPT_EXPLORERS", "static")
    assert isinstance(show(explorer), StaticExplorer)
    monkeypatch.delenv("CALCOPT_EXPLORERS")
    assert isinstance(show(explorer), LiveExplorer)


def test_svg_path_lifts_the_pen_at_gaps_as_the_page_does():
    pixels = np.array([[1.0, 2.5], [3.0, 4.0], [np.nan, np.nan], [5.5, 6.0]])
    assert svg_path(pixels) == "M1 2.5L3 4M5.5 6"


def test_the_readme_example_explorer_is_a_valid_declaration():
    """README's "Adding an explorer" example runs as written and passes every rule."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    example = re.search(r"```python\n# lib/calcopt/explore/parabola.py\n(.*?)```", readme, re.S)
    assert example, "README shows the parabola example"
    namespace = {"__name__": "calcopt.explore.parabola", "__package__": "calcopt.explore"}
    exec(compile(example.group(1), "README.md", "exec"), namespace)
    explorer = namespace["parabola_explorer"]()
    assert explorer.first.readouts == {"slope": "0.971"}, "a = 1 snaps to 0.971, x = 0.5"
    assert len(StaticExplorer(explorer).payload["frames"]) == 25 * 25
