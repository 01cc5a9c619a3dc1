"""The book on a phone, a tablet and two desktop widths (issue 15, "Phones").

At 390 px (a phone, touch screen) every page of the table of contents is loaded once, in one
browser context: the page body does not overflow the window sideways, every explorer's controls,
figure strip and readouts lie inside the window, its figure keeps at least 85 % of its own size
(it scrolls sideways inside the explorer, so its text stays legible), its text is at least 12 px,
and every control is a touch target at least 44 px tall. On the page with the most explorers,
tapping a slider's track moves it and changes the frame.

At 768, 1100 and 1300 px the intro and the page with the most explorers load once each: no
sideways overflow, explorers inside the window, no console error.
"""

from __future__ import annotations

import re

import pytest

from .conftest import INSTANT_SCROLLING, TWO_FRAMES, Page, toc_files

PHONE = 390
WIDTHS = [768, 1100, 1300]

LAYOUT = """() => {
  const problems = [];
  const scroller = document.scrollingElement;
  if (scroller.scrollWidth > window.innerWidth + 1) {
    const wide = [...document.querySelectorAll("body *")]
      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                   && getComputedStyle(e).position !== "fixed")
      .slice(0, 3).map(e => e.tagName + "." + e.className);
    problems.push(`the page is ${scroller.scrollWidth} px wide in a ${window.innerWidth} px `
                  + `window (${wide.join(", ")})`);
  }
  const explorers = [...document.querySelectorAll(".calcopt-explorer")];
  explorers.forEach((root, i) => {
    const name = `explorer ${i + 1} (${root.dataset.explorer})`;
    for (const part of [".calcopt-controls", ".calcopt-scroll", ".calcopt-readouts"]) {
      const box = root.querySelector(part).getBoundingClientRect();
      if (box.left < -0.5 || box.right > window.innerWidth + 0.5) {
        problems.push(`${name}: ${part} spans x = ${box.left}..${box.right}`);
      }
    }
  });
  return {problems, explorers: explorers.length};
}"""

PHONE_CHECKS = """() => {
  const problems = [];
  document.querySelectorAll(".calcopt-explorer").forEach((root, i) => {
    const name = `explorer ${i + 1} (${root.dataset.explorer})`;
    root.querySelectorAll("input, select").forEach(control => {
      const height = control.getBoundingClientRect().height;
      if (height < 44) {
        problems.push(`${name}: ${control.dataset.control} is ${height} px tall`);
      }
    });
    root.querySelectorAll("label, output, dt, dd, select").forEach(element => {
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < 12) problems.push(`${name}: ${element.tagName} text is ${size} px`);
    });
    const image = root.querySelector("img.calcopt-backdrop");
    const scale = image.getBoundingClientRect().width / Number(image.getAttribute("width"));
    if (scale < 0.85) problems.push(`${name}: the figure is shown at ${scale.toFixed(2)} scale`);
  });
  return problems;
}"""


def explorer_counts(book) -> dict[str, int]:
    """How many explorers each page of the table of contents shows, read from the build."""
    counts = {}
    for name in toc_files():
        path = book / f"{name}.html"
        counts[f"{name}.html"] = len(re.findall(r'class="calcopt-explorer"', path.read_text()))
    return counts


def busiest(book) -> str:
    counts = explorer_counts(book)
    return max(counts, key=counts.get)


def open_context(chromium, book, width: int) -> tuple:
    phone = width <= 600
    context = chromium.new_context(
        viewport={"width": width, "height": 844 if phone else 900},
        is_mobile=phone,
        has_touch=phone,
    )
    context.add_init_script(INSTANT_SCROLLING)
    return context, Page(context.new_page(), book)


def ready(browser_page) -> None:
    browser_page.wait_for_function(
        "() => [...document.querySelectorAll('.calcopt-explorer')]"
        ".every(e => e.hasAttribute('data-ready'))"
    )


def test_every_page_works_on_a_phone(chromium, book):
    context, page = open_context(chromium, book, PHONE)
    problems, explorers = [], 0
    try:
        for relative in explorer_counts(book):
            browser_page = page.open(relative)
            ready(browser_page)
            layout = browser_page.evaluate(LAYOUT)
            explorers += layout["explorers"]
            problems += [f"{relative}: {p}" for p in layout["problems"]]
            problems += [f"{relative}: {p}" for p in browser_page.evaluate(PHONE_CHECKS)]
        browser_page = page.open(busiest(book))
        ready(browser_page)
        slider = browser_page.locator('.calcopt-explorer input[type="range"]').first
        root = slider.locator("xpath=ancestor::div[contains(@class, 'calcopt-explorer')]")
        # The page's own scrollIntoView: Playwright's (DevTools' scrollIntoViewIfNeeded) reads
        # the placeholder heights of sections not drawn yet and lands thousands of pixels off.
        slider.evaluate("slider => slider.scrollIntoView({block: 'center'})")
        browser_page.evaluate(TWO_FRAMES)
        before, value = root.get_attribute("data-frame"), slider.input_value()
        box = slider.bounding_box()
        # a tap near the start of the track: defaults sit mid-way or at the end
        browser_page.touchscreen.tap(box["x"] + 0.1 * box["width"], box["y"] + box["height"] / 2)
        assert slider.input_value() != value, "a tap on a slider's track moves it on a phone"
        assert root.get_attribute("data-frame") != before, "moving a slider changes the frame"
    finally:
        context.close()
    assert explorers > 0, "the phone test saw explorers"
    assert problems == [], "at 390 px:\n" + "\n".join(problems)
    assert page.blocked == [], f"requests outside the build folder: {page.blocked}"
    assert page.console_errors == [], f"console errors at 390 px: {page.console_errors}"


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_hold_at_tablet_and_desktop_widths(chromium, book, width):
    context, page = open_context(chromium, book, width)
    problems = []
    try:
        for relative in dict.fromkeys([toc_files()[0] + ".html", busiest(book)]):
            browser_page = page.open(relative)
            ready(browser_page)
            problems += [f"{relative}: {p}" for p in browser_page.evaluate(LAYOUT)["problems"]]
    finally:
        context.close()
    assert problems == [], f"at {width} px:\n" + "\n".join(problems)
    assert page.console_errors == [], f"console errors at {width} px: {page.console_errors}"
