"""The built book with JavaScript turned off: explorers show their default frame, pages hold.

A static explorer's markup carries its default frame (the layers' SVG paths and the readouts'
texts), so a reader without JavaScript, or one whose page has not run its script yet, sees the
figure fully drawn. The test opens each notebook page of ``_toc.yml`` in a Chromium context
with JavaScript disabled and compares every explorer with the default frame of its own payload,
decoded by ``calcopt.explore.static.decode_frame`` and drawn by ``svg_path``, as the page's
script would draw it. It also checks that the page keeps its layout: its title is shown, it does
not scroll sideways, and every explorer lies inside the window, uncovered.
"""

import pytest

from calcopt.explore.static import decode_frame, frame_index, svg_path

from .conftest import Page
from .test_explorers import chapter_pages, payload
from .test_pages import SCROLL_TO, UNCOVERED


@pytest.fixture(scope="module")
def no_script(chromium):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    yield context
    context.close()


@pytest.mark.parametrize("relative", chapter_pages())
def test_explorers_show_their_default_frame_without_javascript(no_script, book, relative):
    page = Page(no_script.new_page(), book)
    try:
        browser_page = page.open(relative)
        # The article's own heading (the theme also writes a print-only copy of the title).
        assert browser_page.locator("article.bd-article h1").first.is_visible(), (
            f"without JavaScript {relative} still shows its title"
        )
        overflow = browser_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (
            f"without JavaScript {relative} fits the window's width; it is {overflow} px wider"
        )
        roots = browser_page.locator(".calcopt-explorer").all()
        assert roots, f"{relative} shows an explorer"
        for root in roots:
            name = root.get_attribute("data-explorer")
            assert root.get_attribute("data-ready") is None, "the explorer's script did not run"
            data = payload(root)
            positions = [
                int(root.locator(f'[data-control="{c["name"]}"]').input_value())
                for c in data["controls"]
            ]
            layers, readouts = decode_frame(data, frame_index(data, positions))
            drawn = 0
            for layer, pixels in layers.items():
                path = root.locator(f'path[data-layer="{layer}"]')
                closed = path.get_attribute("data-closed") is not None
                expected = svg_path(pixels) + ("Z" if closed and len(svg_path(pixels)) else "")
                assert path.get_attribute("d") == expected, (
                    f"without JavaScript explorer {name} on {relative} draws layer {layer} of "
                    f"its default frame"
                )
                drawn += bool(expected)
            assert drawn >= 2, (
                f"the default frame of explorer {name} on {relative} draws at least two moving "
                f"layers; it draws {drawn}"
            )
            for readout, text in zip(data["readouts"], readouts, strict=True):
                shown = root.locator(f'[data-readout="{readout}"]')
                # An empty readout (a case that does not apply at the defaults) shows nothing.
                assert shown.text_content() == text and (shown.is_visible() or not text), (
                    f"without JavaScript explorer {name} on {relative} shows readout {readout} "
                    f"of its default frame, {text!r}; it shows {shown.text_content()!r}"
                )
            # At 1280 px every section is drawn (only narrower screens draw them lazily), so
            # no frame need pass before the hit tests (a page without JavaScript runs no
            # animation frame callbacks to wait with).
            root.evaluate(SCROLL_TO)
            problems = root.evaluate(UNCOVERED)
            assert problems == [], (
                f"without JavaScript explorer {name} on {relative} lies inside the window, "
                f"under nothing else: {problems}"
            )
            # The wide cell is lifted over the margin's contents list (course.css); with no
            # script the theme has no palette, so the cell must bring its own opaque background.
            background = root.evaluate(
                'root => getComputedStyle(root.closest(".cell.tag_full-width")).backgroundColor'
            )
            assert background not in ("transparent", "rgba(0, 0, 0, 0)"), (
                f"without JavaScript explorer {name} on {relative} sits on an opaque background, "
                f"so the contents list in the margin does not show through it: {background}"
            )
        assert page.blocked == [], f"{relative} loads only files of the build folder"
    finally:
        page.page.close()
