"""Accessibility of every page of the built book, in light and in dark mode (axe-core).

axe-core comes bundled in the ``axe-playwright-python`` package and is injected into the page by
Playwright, so it makes no request (the page stays confined to the build folder, and the test
checks that). Each page of ``_toc.yml`` is loaded once, in light mode, after MathJax has typeset
it and every explorer has drawn its first frame, so the explorers are scanned with the page, and
with every section drawn (a reader's browser draws a section as it comes into view; axe would
read one not drawn yet as hidden, and check nothing in it); then
the theme's own mode switch is pressed, and once the colours have stopped fading the page is
scanned in dark mode.

- **Light mode**: every rule axe runs by default (WCAG 2.0-2.2 A and AA, best practices) and its
  experimental rules, among them ``label-content-name-mismatch`` (WCAG 2.5.3: a control's
  accessible name contains its visible text); not the AAA contrast rule.
- **Dark mode**: the rules whose outcome depends on colour (text contrast, links told apart from
  text); the structure of the page does not change with the mode.

A page passes with no violation of impact serious or critical. The same load also checks, in
both modes, that each explorer's moving layers lie exactly over its backdrop, with the same
colour filter, as the theme dims and pads images in dark mode.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import (
    ALL_SECTIONS_DRAWN,
    INSTANT_SCROLLING,
    TRANSITIONS_FINISHED,
    Page,
    toc_files,
)

MODES = ("light", "dark")
#: Impacts that fail a page (axe's scale: minor, moderate, serious, critical).
FAILING = {"serious", "critical"}
#: The rules of the dark-mode pass: those whose outcome depends on colour.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

AXE = Axe()

#: Every explorer has drawn its first frame, and MathJax (on a page with maths) has started.
READY = """() => document.querySelectorAll(".calcopt-explorer:not([data-ready])").length === 0
  && (!document.querySelector('script[src*="mathjax"]') || !!window.MathJax?.startup?.promise)"""
#: Resolves once MathJax has typeset the page (at once on a page without maths).
TYPESET = "() => window.MathJax?.startup?.promise?.then(() => true) ?? true"

#: Light mode: axe's default rules and its experimental ones (not the AAA contrast rule), but
#: for ``css-orientation-lock``. That rule reads the style sheets' source, which axe re-fetches
#: by XMLHttpRequest (its ``preload`` option); a page opened from a file may not do so, and each
#: attempt logs an error. No other rule needs it, so preloading is off.
RUN_ALL = """async () => {
  const experimental = axe.getRules(["experimental"]).map(rule => rule.ruleId)
    .filter(id => id !== "css-orientation-lock");
  const rules = Object.fromEntries(experimental.map(id => [id, {enabled: true}]));
  return await axe.run(document, {rules, preload: false, resultTypes: ["violations"]});
}"""
#: axe's colour contrast rule parses the background colour of every element under each piece of
#: text it checks (colorjs.io behind ``axe.commons.color.Color.prototype.parseString``): some
#: 90,000 parses of a handful of distinct strings on a chapter, a third of the rule's time. Each
#: distinct string is parsed once here and its channels are reused, which gives the same colours
#: and the same results, in two thirds of the time.
PARSE_COLOURS_ONCE = """() => {
  const Color = axe.commons.color.Color, parse = Color.prototype.parseString;
  const parsed = new Map();
  Color.prototype.parseString = function (text) {
    const channels = parsed.get(text);
    if (channels) {
      [this.r, this.g, this.b, this.alpha] = channels;
    } else {
      parse.call(this, text);
      parsed.set(text, [this.r, this.g, this.b, this.alpha]);
    }
    return this;
  };
}"""
RUN_COLOUR = """async rules => await axe.run(document, {
  runOnly: {type: "rule", values: rules}, preload: false, resultTypes: ["violations"]})"""

#: Each explorer's SVG layers against its backdrop image's content box, and their filters.
OVERLAY = """() => [...document.querySelectorAll(".calcopt-explorer")].map(root => {
  const image = root.querySelector("img.calcopt-backdrop");
  const layers = root.querySelector("svg.calcopt-layers");
  const box = image.getBoundingClientRect(), style = getComputedStyle(image);
  const inset = side => parseFloat(style["padding" + side]) + parseFloat(style["border" + side
    + "Width"]);
  const content = [box.left + inset("Left"), box.top + inset("Top"),
    box.right - inset("Right"), box.bottom - inset("Bottom")];
  const svg = layers.getBoundingClientRect();
  return {name: root.dataset.explorer,
          offset: Math.max(...[svg.left, svg.top, svg.right, svg.bottom]
                             .map((v, i) => Math.abs(v - content[i]))),
          filters: [style.filter, getComputedStyle(layers).filter]};
})"""


#: The theme's mode switch cycles auto -> light -> dark when the system prefers dark, so a page
#: shown in light mode (the reader's stored choice) turns dark with one press.
SWITCH = ".theme-switch-button"


@pytest.fixture(scope="module")
def context(chromium):
    """A browser context whose system prefers dark mode and whose reader chose light mode, as the
    theme's switch stores a choice: the mode and the theme it resolves to."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    context.add_init_script(INSTANT_SCROLLING)
    context.add_init_script(
        'localStorage.setItem("mode", "light"); localStorage.setItem("theme", "light");'
    )
    yield context
    context.close()


def describe(violations: list[dict]) -> str:
    """One line per violation: rule, impact, nodes, the first nodes and what axe says to fix."""
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        targets = ", ".join(str(node["target"]) for node in nodes[:3])
        summary = nodes[0].get("failureSummary", "").replace("\n", " ")
        lines.append(
            f"{violation['id']} ({violation['impact']}, {len(nodes)} nodes: {targets}): {summary}"
        )
    return "\n".join(lines)


@pytest.mark.parametrize("name", toc_files())
def test_page_has_no_serious_accessibility_violation(context, book, name):
    page = Page(context.new_page(), book)
    try:
        browser_page = page.open(f"{name}.html")
        browser_page.wait_for_function(READY, timeout=60_000)
        browser_page.evaluate(TYPESET)
        browser_page.evaluate(ALL_SECTIONS_DRAWN)
        browser_page.evaluate(AXE.axe_script)
        browser_page.evaluate(PARSE_COLOURS_ONCE)
        for mode in MODES:
            if mode == "dark":
                # The switch's own click handler, with no pointer left hovering (and no tooltip
                # shown) over the header; axe reads colours once they have stopped fading.
                browser_page.locator(SWITCH).locator("visible=true").first.dispatch_event("click")
                browser_page.evaluate(TRANSITIONS_FINISHED)
            theme = browser_page.evaluate("document.documentElement.dataset.theme")
            assert theme == mode, f"the page is shown in {mode} mode (html[data-theme] is {theme})"
            check_mode(browser_page, name, mode)
        assert page.blocked == [], (
            f"axe and the page load only files of the build folder; {name} requested {page.blocked}"
        )
        assert page.console_errors == [], (
            f"{name} logs no errors to the console; it logged {page.console_errors}"
        )
    finally:
        page.page.close()


def check_mode(browser_page, name: str, mode: str) -> None:
    """axe's rules for the mode, and every explorer's layers over its backdrop."""
    if mode == "light":
        result = browser_page.evaluate(RUN_ALL)
    else:
        result = browser_page.evaluate(RUN_COLOUR, COLOUR_RULES)
    failing = [v for v in result["violations"] if v["impact"] in FAILING]
    assert failing == [], (
        f"{name} in {mode} mode has no serious or critical accessibility violation; "
        f"axe finds:\n{describe(failing)}"
    )
    for explorer in browser_page.evaluate(OVERLAY):
        assert explorer["offset"] <= 0.5, (
            f"explorer {explorer['name']} on {name} in {mode} mode draws its moving layers "
            f"exactly over its backdrop; they are {explorer['offset']:.1f} px apart"
        )
        image, layers = explorer["filters"]
        assert image == "none" and layers == "none", (
            f"explorer {explorer['name']} on {name} in {mode} mode shows its backdrop and "
            f"its layers in the same colours (any dimming applies to both together); the "
            f"backdrop's filter is {image}, the layers' {layers}"
        )


def test_a_phone_s_first_view_has_enough_contrast(chromium, book):
    """As Lighthouse checks a page on a phone: its first screen drawn, the sections and boxes
    below not yet (fast.css). axe then measures the text of a box not drawn over the estimated
    heights of others; fast.css gives the tinted theorem and definition boxes an opaque colour,
    so that axe does not stack several tints under a link (chapter 4: 4.27:1 with them)."""
    context = chromium.new_context(viewport={"width": 412, "height": 823})
    try:
        page = Page(context.new_page(), book)
        browser_page = page.open("book/04-gradient-descent.html")
        browser_page.evaluate(AXE.axe_script)
        browser_page.evaluate(PARSE_COLOURS_ONCE)
        result = browser_page.evaluate(RUN_COLOUR, ["color-contrast"])
        assert result["violations"] == [], (
            f"text has a contrast of at least 4.5:1 on a phone, as axe measures it before the "
            f"reader scrolls:\n{describe(result['violations'])}"
        )
    finally:
        context.close()
