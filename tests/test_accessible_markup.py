"""Markup for readers without sight or without JavaScript (issue 15): the book extension's fixes
of the theme's and myst-nb's markup, the static explorer's default frame written into its HTML,
and the live explorer's description given once, as the image's accessible name."""

import base64
import html
import importlib.util
import re
from pathlib import Path

import ipywidgets as widgets
import jinja2
import numpy as np
import pydata_sphinx_theme
from myst_nb.sphinx_ import HideCodeCellNode

from calcopt.explore import Explorer, Layer, Scene, Slider
from calcopt.explore.draw import to_pixels
from calcopt.explore.live import LiveExplorer
from calcopt.explore.panels import Panel
from calcopt.explore.static import StaticExplorer, decode_pixels, encode_pixels, svg_path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("offline_book", ROOT / "book/_ext/offline_book.py")
offline_book = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(offline_book)

THEME = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"


def search_field() -> str:
    """The theme's search field, rendered from its own template (in English)."""
    source = (THEME / "components" / "search-button-field.html").read_text()
    return jinja2.Template(source).render(_=lambda text: text)


def visible_text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_the_search_field_is_named_by_the_text_it_shows():
    theme = search_field()
    assert 'aria-label="Search"' in theme, "the theme's search field names itself 'Search'"
    fixed = offline_book.accessible_page(f"<body>{theme}</body>")
    button = re.search(r"<button[^>]*>", fixed).group(0)
    assert "aria-label" not in button, (
        "the search field shows 'Search Ctrl+K'; without an aria-label its accessible name is "
        f"that text (WCAG 2.5.3); the fixed button is {button}"
    )
    assert visible_text(fixed) == "Search Ctrl + K", "the field still shows its text"


def test_the_primary_sidebar_becomes_a_navigation_landmark():
    theme = '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">'
    fixed = offline_book.accessible_page(theme)
    assert fixed == (
        '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" '
        'role="navigation" aria-label="Book">'
    ), "the sidebar holding the book's title is a landmark, so no content is outside one"


def test_a_page_without_the_theme_markup_is_unchanged():
    page = '<p aria-label="x">text</p><div id="other" class="bd-sidebar">'
    assert offline_book.accessible_page(page) == page, "only the theme's two elements change"


class Translator:
    """The part of a Sphinx HTML translator that a node visitor writes to."""

    def __init__(self):
        self.body = ["<div>"]


def test_a_hidden_cell_is_named_by_its_visible_prompt():
    node = HideCodeCellNode(
        classes=["above-input"],
        prompt_show="Show code cell source",
        prompt_hide="Hide code cell source",
    )
    translator = Translator()
    offline_book._visit_hidden_cell(translator, node)
    markup = "".join(translator.body)
    assert translator.body[0] == "<div>", "the visitor only appends to the page"
    assert "<summary>" in markup and "aria-label" not in markup, (
        "the summary of a hidden cell has no aria-label, so its accessible name is its visible "
        f"prompt ('Show code cell source'), not 'Toggle hidden content'; it writes {markup}"
    )
    assert '<details class="admonition hide above-input">' in markup, "myst-nb's markup stays"
    assert "Show code cell source" in markup and "Hide code cell source" in markup


def lens_scene(a: float, x: float) -> Scene:
    """A parabola, the point at x, a filled triangle under it, and one empty layer."""
    xs = np.linspace(-2, 2, 41)
    return Scene(
        layers={
            "curve": (xs, a * xs**2),
            "point": ([x], [a * x**2]),
            "wedge": ([0.0, x, x], [0.0, 0.0, a * x**2]),
            "nothing": ([], []),
        },
        readouts={"height": f"{a * x**2:.3f}", "note": "a < b & c"},
    )


def lens_explorer() -> Explorer:
    return Explorer(
        name="lens",
        title="A parabola and a wedge",
        controls=(
            Slider("a", "curvature a", 0.5, 2.0, default=1.0),
            Slider("x", "point x", -2.0, 2.0, default=0.5),
        ),
        panels=(Panel((0.1, 0.15, 0.85, 0.75), xlim=(-2, 2), ylim=(-1, 8)),),
        layers=(
            Layer("curve"),
            Layer("point", kind="points", marker=8),
            Layer("wedge", kind="polygon", alpha=0.3),
            Layer("nothing"),
        ),
        readouts=(("height", "a x²"), ("note", "note")),
        scene=lens_scene,
        alt="A parabola with a point on it and a filled triangle below the point.",
    )


def test_the_static_markup_draws_the_default_frame():
    explorer = lens_explorer()
    static = StaticExplorer(explorer)
    scene = explorer.frame()  # every control at its default
    axes = static.axes[explorer.backdrop_key(explorer.default_positions())][0]
    for layer in explorer.layers:
        codes = encode_pixels(to_pixels(axes, *scene.layers[layer.name]))
        pixels = decode_pixels(base64.b64encode(codes.tobytes()))
        path = re.search(rf'<path d="([^"]*)" data-layer="{layer.name}"', static.html)
        assert path, f"layer {layer.name} is a path of the markup"
        closed = "Z" if layer.kind == "polygon" else ""
        expected = svg_path(pixels) + closed if len(pixels) else ""
        assert path.group(1) == expected, (
            f"without any script the markup draws layer {layer.name} at the controls' defaults "
            f"(a polygon closed with Z, an empty layer empty): {path.group(1)[:80]}"
        )
    for name, _ in explorer.readouts:
        shown = re.search(rf'<dd data-readout="{name}">([^<]*)</dd>', static.html).group(1)
        assert html.unescape(shown) == scene.readouts[name], (
            f"readout {name} shows its default text, escaped as HTML: {shown}"
        )


def test_the_live_explorer_describes_its_figure_once():
    explorer = lens_explorer()
    live = LiveExplorer(explorer)
    shown = [child.value for child in live.box.children if isinstance(child, widgets.HTML)]
    described = [text for text in shown if html.escape(explorer.alt) in text]
    assert len(described) == 1, (
        f"the live explorer writes its description once, after the figure; it writes it "
        f"{len(described)} times"
    )
    assert "position:absolute;width:1px;height:1px" in described[0], (
        "the description is text for screen readers only, not a visible caption under the "
        f"figure (the notebook's caption already says it in words): {described[0]}"
    )
    assert not live.image.tooltip, "the figure has no tooltip (it breaks the Image view in Lab)"
