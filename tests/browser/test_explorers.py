"""Static explorers in the built book: every control works by keyboard and mouse, offline.

For each explorer on each page, the test reads the explorer's own compressed frame data from the
page, moves every control, and checks that the frame index, the drawn SVG paths and the readouts
are exactly those of the frame the control values select.
"""

import base64
import gzip
import json
from pathlib import Path

import pytest

from .conftest import toc_files


def chapter_pages() -> list[str]:
    """Every chapter in the table of contents (not the intro or the notation page)."""
    return [f"{name}.html" for name in toc_files() if Path(name).name[:2].isdigit()]


def pytest_generate_tests(metafunc):
    if "relative" in metafunc.fixturenames:
        metafunc.parametrize("relative", chapter_pages())


def payload(root) -> dict:
    blob = root.locator("script.calcopt-frames").text_content()
    return json.loads(gzip.decompress(base64.b64decode(blob)))


def path_data(text: str, count: int | None, data: dict) -> str:
    """The SVG path the page should draw for one layer (the same rules as explorer.js)."""
    raw = base64.b64decode(text)
    if count is not None:
        raw = raw[: 4 * count]
    words = [int.from_bytes(raw[i : i + 2], "little", signed=True) for i in range(0, len(raw), 2)]
    path, pen = "", "M"
    for x, y in zip(words[0::2], words[1::2], strict=True):
        if x == data["gap"]:
            pen = "M"
            continue
        path += f"{pen}{_js_number(x / data['scale'])} {_js_number(y / data['scale'])}"
        pen = "L"
    return path


def _js_number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def check_frame(root, data: dict) -> int:
    """The page shows the frame selected by its controls' current positions.

    Returns the number of layers drawn non-empty, so callers can see something was drawn.
    """
    positions = []
    for control in data["controls"]:
        element = root.locator(f'[data-control="{control["name"]}"]')
        positions.append(int(element.input_value()))
    index = 0
    for control, position in zip(data["controls"], positions, strict=True):
        index = index * len(control["labels"]) + position
    assert root.get_attribute("data-frame") == str(index)
    block = len(data["controls"][-1]["labels"])
    nonempty = 0
    frame, last = data["frames"][index], data["frames"][index - index % block + block - 1]
    for i, name in enumerate(data["layers"]):
        code = frame[0][i]
        expected = (
            path_data(data["strings"][last[0][i]], -1 - code, data)
            if code < 0
            else path_data(data["strings"][code], None, data)
        )
        drawn = root.locator(f'path[data-layer="{name}"]').get_attribute("d")
        assert drawn.rstrip("Z") == expected, name
        nonempty += bool(drawn)
    for i, name in enumerate(data["readouts"]):
        assert (
            root.locator(f'[data-readout="{name}"]').text_content() == data["strings"][frame[1][i]]
        )
    return nonempty


def test_every_control_moves_the_picture_to_the_right_frame(page, relative):
    browser_page = page.open(relative)
    roots = browser_page.locator(".calcopt-explorer")
    assert roots.count() >= 1, "every chapter has at least one explorer"
    for r in range(roots.count()):
        root = roots.nth(r)
        browser_page.wait_for_function(
            "el => el.hasAttribute('data-ready')", arg=root.element_handle()
        )
        data = payload(root)
        assert check_frame(root, data) >= 2
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
            assert element.input_value() == str(len(control["labels"]) - 2)
            box = element.bounding_box()  # mouse: click at a quarter of the track, then drag
            browser_page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] / 2)
            check_frame(root, data)
            browser_page.mouse.down()
            browser_page.mouse.move(
                box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2, steps=4
            )
            browser_page.mouse.up()
            check_frame(root, data)
            assert 0 < int(element.input_value()) < len(control["labels"]) - 1
            assert root.get_attribute("data-frame") != before or len(control["labels"]) == 1
            output = element.locator("xpath=..").locator("output")
            assert output.text_content() == control["labels"][int(element.input_value())]
    assert page.blocked == [], f"requests outside the build folder: {page.blocked}"
    assert page.console_errors == []


def test_explorer_backdrop_has_alt_text(page, relative):
    browser_page = page.open(relative)
    images = browser_page.locator(".calcopt-explorer img.calcopt-backdrop")
    for i in range(images.count()):
        assert len(images.nth(i).get_attribute("alt")) > 40


@pytest.mark.parametrize(
    "name",
    [
        "feasible-set",
        "secant-to-tangent",
        "difference-error",
        "directional-derivative",
        "gradient-field",
        "gradient-descent",
        "learning-rate-sweep",
        "conditioning",
        "linear-regression",
        "quadratic-model",
        "second-order-gallery",
        "newton-vs-gradient-descent",
        "basins-of-attraction",
        "training-a-classifier",
    ],
)
def test_each_issue_explorer_is_in_the_book(book, name):
    pages = " ".join(p.read_text() for p in (book / "book").glob("*.html"))
    assert f'data-explorer="{name}"' in pages
