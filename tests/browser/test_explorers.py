"""Static explorers in the built book: every control works by keyboard and mouse, offline.

For each explorer on each page, the test reads the explorer's own compressed frame data from the
page, moves every control, and checks that the frame index, the drawn SVG paths and the readouts
are exactly those of the frame the control values select (decoded by the library's one decoder,
``calcopt.explore.static.decode_frame``). The explorers the book must show are those of
``calcopt.explore.CATALOGUE``.
"""

import base64
import gzip
import json
import re
import urllib.parse
import urllib.request
from pathlib import Path

from calcopt.explore import CATALOGUE
from calcopt.explore.static import decode_frame, frame_index, svg_path

from .conftest import ROOT, stored_payload, toc_files


def chapter_pages() -> list[str]:
    """Every notebook page of the table of contents: the chapters and the notebook pages before
    them (the intro and notation pages are plain text)."""
    return [f"{name}.html" for name in toc_files() if (ROOT / f"{name}.ipynb").exists()]


def pytest_generate_tests(metafunc):
    if "relative" in metafunc.fixturenames:
        metafunc.parametrize("relative", chapter_pages())


#: The file an explorer's frames are in, as a file:// URL (the web book); null when inline.
PAYLOAD_URL = "r => r.dataset.payload ? new URL(r.dataset.payload, document.baseURI).href : null"


def payload(root) -> dict:
    """The explorer's frame data: from the file its ``data-payload`` names, or its own script."""
    url = root.evaluate(PAYLOAD_URL)
    if url:
        blob = stored_payload(Path(urllib.request.url2pathname(urllib.parse.urlparse(url).path)))
        blob = blob["frames"]
    else:
        blob = root.locator("script.calcopt-frames").text_content()
    return json.loads(gzip.decompress(base64.b64decode(blob)))


#: What an explorer shows, read in one call: its controls' positions, the frame it says it
#: shows, the path each layer draws and the text of each readout.
SHOWN = """root => ({
  positions: Object.fromEntries([...root.querySelectorAll("[data-control]")]
    .map(control => [control.dataset.control, Number(control.value)])),
  frame: root.dataset.frame,
  paths: [...root.querySelectorAll("path[data-layer]")]
    .map(path => [path.dataset.layer, path.getAttribute("d")]),
  readouts: [...root.querySelectorAll("[data-readout]")]
    .map(readout => [readout.dataset.readout, readout.textContent]),
})"""


def check_frame(root, data: dict) -> int:
    """The page shows the frame selected by its controls' current positions.

    Returns the number of layers drawn non-empty, so callers can see something was drawn.
    """
    shown = root.evaluate(SHOWN)
    index = frame_index(data, [shown["positions"][control["name"]] for control in data["controls"]])
    assert shown["frame"] == str(index), "the page shows the selected frame"
    layers, readouts = decode_frame(data, index)
    paths = dict(shown["paths"])
    assert len(paths) == len(shown["paths"]) == len(layers), (
        f"each layer is drawn by one path: {[name for name, _ in shown['paths']]}"
    )
    for name, pixels in layers.items():
        assert paths[name].rstrip("Z") == svg_path(pixels), f"layer {name} draws its frame's data"
    assert dict(shown["readouts"]) == dict(zip(data["readouts"], readouts, strict=True)), (
        "each readout shows its frame's text"
    )
    return sum(bool(paths[name]) for name in layers)


def test_every_control_moves_the_picture_to_the_right_frame(page, relative):
    browser_page = page.open(relative)
    roots = browser_page.locator(".calcopt-explorer")
    assert roots.count() >= 1, "every notebook page of the book has at least one explorer"
    for r in range(roots.count()):
        root = roots.nth(r)
        browser_page.wait_for_function(
            "el => el.hasAttribute('data-ready')", arg=root.element_handle()
        )
        data = payload(root)
        assert check_frame(root, data) >= 2, "an explorer's first frame draws 2 layers or more"
        for control in data["controls"]:
            element = root.locator(f'[data-control="{control["name"]}"]')
            if element.evaluate("e => e.tagName") == "SELECT":
                for option in range(len(control["labels"]) - 1, -1, -1):
                    element.select_option(str(option))
                    check_frame(root, data)
                continue
            before = root.get_attribute("data-frame")
            element.focus()  # keyboard: Home, arrows, End
            for key in ["Home", "ArrowRight", "ArrowRight", "ArrowLeft", "End", "ArrowLeft"]:
                element.press(key)
                check_frame(root, data)
            assert element.input_value() == str(len(control["labels"]) - 2), "keys move a slider"
            box = element.bounding_box()  # mouse: click at a quarter of the track, then drag
            browser_page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] / 2)
            check_frame(root, data)
            browser_page.mouse.down()
            browser_page.mouse.move(
                box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2, steps=4
            )
            browser_page.mouse.up()
            check_frame(root, data)
            position = int(element.input_value())
            assert 0 < position < len(control["labels"]) - 1, "a drag moves a slider inside it"
            assert root.get_attribute("data-frame") != before, "moving a slider changes the frame"
            output = element.locator("xpath=..").locator("output")
            assert output.text_content() == control["labels"][position], "the label follows"
    assert page.blocked == [], f"requests outside the build folder: {page.blocked}"
    assert page.console_errors == [], "the page logs no error"


def test_the_book_shows_every_explorer_of_the_catalogue(book):
    """An explorer declared in CATALOGUE is tested through it; the book must show each one,
    and show no explorer the catalogue does not list (it would escape the tests)."""
    pages = " ".join(p.read_text() for p in (book / "book").glob("*.html"))
    shown = set(re.findall(r'class="calcopt-explorer" data-explorer="([^"]+)"', pages))
    assert shown - set(CATALOGUE) == set(), "explorers in the book but not in CATALOGUE"
    assert set(CATALOGUE) - shown == set(), "explorers in CATALOGUE that no chapter shows"
