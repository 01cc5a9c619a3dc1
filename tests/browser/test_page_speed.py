"""What makes the book fast on a phone (issue 15), checked on the built pages.

Every page of the table of contents has a meta description and the book's icon, typesets its
maths at build time (no MathJax script, the formulas already in the page), waits for one
stylesheet, and gives its notebook figures their size. Served over HTTP like GitHub Pages, the
intro and the page with the most explorers request nothing that is missing (a page without an
icon makes the browser ask for /favicon.ico), log no error and do not shift as they load.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import re
import shutil
import threading

import pytest
from PIL import Image

from .conftest import TWO_FRAMES, toc_files

DESCRIPTION = re.compile(r'<meta name="description" content="(?P<text>[^"]*)"')
ICON = re.compile(r'<link rel="(?:shortcut )?icon" href="(?P<href>[^"]+)"')
STYLESHEET = re.compile(r'<link\b[^>]*rel="stylesheet"[^>]*>')
IMAGE = re.compile(r"<img\b[^>]*_images/[^>]*>")


def pages(book) -> dict[str, str]:
    return {f"{name}.html": (book / f"{name}.html").read_text() for name in toc_files()}


def head(text: str) -> str:
    return text[: text.index("</head>")]


def test_every_page_has_a_description_and_the_icon(book):
    problems = []
    for relative, text in pages(book).items():
        description = DESCRIPTION.search(text)
        if description is None or len(description.group("text")) < 40:
            problems.append(f"{relative}: no meta description of 40 characters or more")
        icon = ICON.search(text)
        if icon is None or not (book / relative).parent.joinpath(icon.group("href")).is_file():
            problems.append(f"{relative}: no icon, or its file is missing")
    assert problems == [], "\n".join(problems)


def test_pages_wait_for_one_stylesheet_and_figures_have_their_size(book):
    problems = []
    for relative, text in pages(book).items():
        sheets = STYLESHEET.findall(head(text))
        if len(sheets) != 1:
            problems.append(f"{relative}: {len(sheets)} stylesheets in the head")
        blocking = re.findall(r"<script\b(?![^>]*\bdefer\b)[^>]*\bsrc=[^>]*>", head(text))
        if blocking:
            problems.append(f"{relative}: scripts that block the first paint: {blocking}")
        for image in IMAGE.findall(text):
            if " width=" not in image or " height=" not in image:
                problems.append(f"{relative}: a figure without its size: {image[:120]}")
    assert problems == [], "\n".join(problems)


def test_maths_is_typeset_when_the_book_is_built(book):
    if shutil.which("node") is None:
        reason = "Node.js typesets the maths at build time; install it: apt-get install nodejs"
        if os.environ.get("CALCOPT_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (CALCOPT_REQUIRE_BROWSER=1 forbids skipping)")
        pytest.skip(reason)
    problems = []
    for relative, text in pages(book).items():
        if "mathjax/startup.js" in text or "window.MathJax" in text:
            problems.append(f"{relative}: loads MathJax to typeset in the browser")
        typeset = "<mjx-container" in text or "<math>" in text
        if 'class="math notranslate nohighlight"' in text and not typeset:
            problems.append(f"{relative}: has formulas but no typeset maths")
    assert problems == [], "\n".join(problems)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


SHIFTS = """
window.__shift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""


def test_served_pages_miss_nothing_and_hold_still(chromium, book):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(book))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    counts = {r: t.count('class="calcopt-explorer"') for r, t in pages(book).items()}
    chosen = dict.fromkeys([toc_files()[0] + ".html", max(counts, key=counts.get)])
    context = chromium.new_context(
        viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True
    )
    context.add_init_script(SHIFTS)
    page = context.new_page()
    failures, errors, elsewhere = [], [], []
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith((base, "data:"))
            else (elsewhere.append(route.request.url), route.abort())
        ),
    )
    shifts = {}
    try:
        for relative in chosen:
            page.goto(f"{base}/{relative}")
            page.wait_for_load_state("load")
            page.wait_for_function(
                "() => [...document.querySelectorAll('.calcopt-explorer')]"
                ".every(e => e.hasAttribute('data-ready'))"
            )
            page.wait_for_timeout(500)
            shifts[relative] = page.evaluate("window.__shift")
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert failures == [], f"requests that failed: {failures}"
    assert elsewhere == [], f"requests outside the book: {elsewhere}"
    assert errors == [], f"console errors: {errors}"
    moved = {r: s for r, s in shifts.items() if s >= 0.05}
    assert moved == {}, f"layout shift as the page loads (cumulative, at 412 px): {moved}"


#: The lazy sections of the page: how many, and of the last one with code or a display formula
#: (far below the first screen): whether its heading is drawn, its code blocks and display
#: formulas, and how many of those are tab stops or scroll sideways.
LAST_LAZY_SECTION = """() => {
  const sections = document.querySelectorAll("section.calcopt-lazy");
  const boxed = [...sections].filter(s => s.querySelector('pre, mjx-container[display="true"]'));
  const last = boxed[boxed.length - 1];
  const boxes = [...last.querySelectorAll('pre, mjx-container[display="true"]')];
  return {count: sections.length, drawn: last.firstElementChild.checkVisibility(
            {contentVisibilityAuto: true}),
          boxes: boxes.length, stops: boxes.filter(b => b.getAttribute("tabindex") === "0").length,
          wide: boxes.filter(b => b.scrollWidth > b.clientWidth).length};
}"""


def test_sections_are_drawn_as_they_come_into_view(page):
    """The web pages style and lay out a section only near the screen (fast_pages.lazy_sections):
    a section far below is not drawn when the page opens, its code blocks and display formulas
    are tab stops meanwhile (a keyboard must not skip one that scrolls), and once scrolled to it
    is drawn and only the boxes that scroll sideways are tab stops (scrollable.js)."""
    page.page.set_viewport_size({"width": 390, "height": 844})
    browser_page = page.open("book/06-newton.html")
    browser_page.evaluate(TWO_FRAMES)
    before = browser_page.evaluate(LAST_LAZY_SECTION)
    assert before["count"] > 10 and not before["drawn"], (
        f"a chapter's sections are lazy and its last is not drawn when the page opens: {before}"
    )
    assert before["boxes"] > 0 and before["stops"] == before["boxes"], (
        f"every code block and display formula of a section not drawn yet is a tab stop: {before}"
    )
    browser_page.evaluate(
        "() => [...document.querySelectorAll('section.calcopt-lazy')]"
        ".filter(s => s.querySelector('pre, mjx-container[display=\"true\"]')).at(-1)"
        ".scrollIntoView()"
    )
    browser_page.evaluate(TWO_FRAMES)
    after = browser_page.evaluate(LAST_LAZY_SECTION)
    assert after["drawn"] and after["stops"] == after["wide"], (
        f"scrolled to, the last section is drawn and exactly its boxes that scroll sideways are "
        f"tab stops: {after}"
    )


def test_a_link_to_a_heading_far_below_lands_on_it(page, book):
    """Sections not drawn yet hold an estimated height; a link to a heading still brings it to
    the top of the window, and the heading stays there as the sections around it are drawn."""
    chapter = book / "book" / "07-constrained.html"
    target = re.findall(r'<section class="calcopt-lazy" id="([^"]+)"', chapter.read_text())[-2]
    page.page.set_viewport_size({"width": 390, "height": 844})
    browser_page = page.page
    browser_page.goto(f"{chapter.as_uri()}#{target}")
    browser_page.wait_for_load_state("load")
    # Once the page's scripts have run at load (they lay sections out, as on a phone).
    browser_page.wait_for_timeout(1000)
    tops = []
    for _ in range(3):
        browser_page.evaluate(TWO_FRAMES)
        tops.append(
            browser_page.evaluate(
                f"() => document.getElementById({target!r}).getBoundingClientRect().top"
            )
        )
    assert all(-2 <= top <= 120 for top in tops), (
        f"a link to #{target} shows its section at the top of the window (below the header) "
        f"and keeps it there; its top was at {tops} px"
    )


#: The sections Bootstrap's ScrollSpy watches, and those the page's links to headings name.
SPIED = """() => [
  [...bootstrap.ScrollSpy.getInstance(document.body)._observableSections.values()].map(s => s.id),
  [...new Set([...document.body.querySelectorAll('a[href^="#"]')]
    .map(a => decodeURI(a.hash).slice(1)).filter(id => document.getElementById(id)))],
  document.querySelectorAll("section.calcopt-lazy:not(.calcopt-lazy .calcopt-lazy)").length,
]"""


def test_scrollspy_watches_every_section_the_page_links_to(page):
    """Bootstrap's ScrollSpy, which the theme starts at load on the page's links to headings,
    keeps every section they name, drawn or not, as on a page drawn whole, and still marks the
    table of contents' entry of the section scrolled to: fast_pages.py
    (SCRIPT_PATCHES) takes out its reading of each section's boxes, which laid out the sections
    not drawn yet (tests/test_fast_pages.py checks the patch, make bench-lighthouse its gain)."""
    page.page.set_viewport_size({"width": 390, "height": 844})
    browser_page = page.open("book/07-constrained.html")
    browser_page.evaluate(TWO_FRAMES)
    watched, named, lazy = browser_page.evaluate(SPIED)
    assert lazy > 5 and sorted(watched) == sorted(named), (
        f"on a phone ({lazy} lazy sections), ScrollSpy watches every section a link of the page "
        f"names ({len(named)}), drawn or not; it watches {len(watched)}: missing "
        f"{sorted(set(named) - set(watched))}"
    )
    # Wide enough for the table of contents: scrolled to, a section's entry is marked.
    browser_page.set_viewport_size({"width": 1300, "height": 900})
    browser_page.evaluate("() => document.getElementById('a-penalty-method').scrollIntoView()")
    browser_page.wait_for_function(
        """() => document.querySelector('#pst-page-toc-nav a[href="#a-penalty-method"]')
          .classList.contains("active")""",
        timeout=10_000,
    )


#: Records, before any of the page's scripts run, the old value of every change to the root
#: element's data-theme: with the value it has at the end, the values it was set to.
THEME_CHANGES = """
window.themeChanges = [];
new MutationObserver(records => records
    .filter(r => r.target === document.documentElement)
    .forEach(r => window.themeChanges.push(r.oldValue)))
  .observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ["data-theme"]});
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_colour_theme_is_set_once_before_the_page_is_drawn(chromium, book, scheme):
    """The theme's script sets the page's colour theme at load; the head script (rewritten by
    fast_pages.settled_theme) has set the same one already, so nothing is styled twice and a
    dark page is never drawn light first: for the mode a reader chose, or none."""
    found = {}
    for stored in [None, "light", "dark", "auto"]:
        context = chromium.new_context(color_scheme=scheme)
        if stored:
            context.add_init_script(f"localStorage.setItem('mode', {stored!r})")
        context.add_init_script(THEME_CHANGES)
        browser_page = context.new_page()
        browser_page.goto((book / "book" / "intro.html").as_uri())
        browser_page.wait_for_load_state("load")
        browser_page.evaluate(TWO_FRAMES)
        olds, final = browser_page.evaluate(
            "[window.themeChanges, document.documentElement.dataset.theme]"
        )
        found[stored] = ([*olds[1:], final], final)
        context.close()
    expected = {None: scheme, "light": "light", "dark": "dark", "auto": scheme}
    assert all(len(found[m][0]) >= 2 for m in found), (
        f"the head script and then the theme's script set the theme: {found}"
    )
    assert {m: set(values) for m, (values, _) in found.items()} == {
        m: {theme} for m, theme in expected.items()
    }, (
        f"with the system in {scheme} mode, the theme set first by the head script is the one "
        f"the theme's script sets at load, for each mode stored (none, light, dark, auto): "
        f"{found}"
    )


#: Lays the page out whole twice, with its lazy sections' containment only and then with their
#: boxes' too (content-visibility: auto applies layout, style and paint containment, drawn or
#: not), and returns every drawn element of the article whose place or height differs.
BOXES_HOLD_THEIR_PLACE = """async () => {
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const lazy = [...document.querySelectorAll("article *")]
    .filter(e => getComputedStyle(e).contentVisibility === "auto");
  lazy.forEach(e => e.dataset.lazy = e.tagName === "SECTION" ? "section" : "box");
  const sheet = new CSSStyleSheet();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const layout = async rule => {
    sheet.replaceSync(`[data-lazy] { content-visibility: visible !important; } ${rule}`);
    await frames();
    return [...document.querySelectorAll("article *")].map(e => {
      const box = e.getBoundingClientRect();
      return e.checkVisibility() ? [Math.round(box.top + scrollY), Math.round(box.height)] : null;
    });
  };
  const sections = await layout('[data-lazy="section"] { contain: layout style paint; }');
  const boxes = await layout("[data-lazy] { contain: layout style paint; }");
  const all = [...document.querySelectorAll("article *")];
  const moved = all.filter((e, i) => JSON.stringify(sections[i]) !== JSON.stringify(boxes[i]));
  return [lazy.filter(e => e.dataset.lazy === "box").length,
          moved.slice(0, 5).map(e => e.outerHTML.slice(0, 120))];
}"""


@pytest.mark.parametrize("chapter", ["book/01-extrema.html", "book/07-constrained.html"])
def test_lazy_boxes_keep_the_spacing_of_the_page(page, chapter):
    """On a phone the proofs, exercises and code cells of a lazy section are drawn lazily too
    (fast.css); a lazy box keeps its children's margins inside it, so fast.css hands the
    margins a code cell shared with its first and last children to the cell: every element
    stays where it is with the boxes contained or not."""
    page.page.set_viewport_size({"width": 390, "height": 844})
    boxes, moved = page.open(chapter).evaluate(BOXES_HOLD_THEIR_PLACE)
    assert boxes > 30 and moved == [], (
        f"{chapter}: {boxes} lazy boxes on a phone, and containing them moves no element; "
        f"these moved: {moved}"
    )


#: Brings a box to the middle of the window and resolves, once it is drawn, with where to read
#: its own colour: just inside its bottom right corner (its padding).
BOX_PIXEL = """async (id) => {
  document.getElementById(id).scrollIntoView({block: "center", behavior: "instant"});
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const box = document.getElementById(id).getBoundingClientRect();
  return {x: box.right - 5, y: box.bottom - 5, width: 1, height: 1};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tinted_boxes_look_the_same_lazy_or_not(chromium, book, scheme):
    """On a phone fast.css gives the theorem and definition boxes of lazy sections an opaque
    colour in place of the theme's translucent tint (axe may measure a box's content over
    others): the same colour the tint shows over the page, in light and dark mode."""
    colours = {}
    for width in (390, 1300):
        viewport = {"width": width, "height": 844}
        context = chromium.new_context(viewport=viewport, color_scheme=scheme)
        context.add_init_script(f"localStorage.setItem('mode', {scheme!r})")
        browser_page = context.new_page()
        browser_page.goto((book / "book" / "04-gradient-descent.html").as_uri())
        browser_page.wait_for_load_state("load")
        for box in ("thm-ch4-convex-second-order", "def-ch4-strongly-convex"):
            clip = browser_page.evaluate(BOX_PIXEL, box)
            shot = Image.open(io.BytesIO(browser_page.screenshot(clip=clip))).convert("RGB")
            colours[width, box] = shot.getpixel((0, 0))
        context.close()
    for box in ("thm-ch4-convex-second-order", "def-ch4-strongly-convex"):
        phone, wide = colours[390, box], colours[1300, box]
        assert max(abs(a - b) for a, b in zip(phone, wide, strict=True)) <= 1, (
            f"#{box} in {scheme} mode shows the same colour on a phone (fast.css) as on a wide "
            f"screen (the theme's tint): {phone} and {wide}"
        )
        assert phone != (255, 255, 255) and phone[2] > phone[0], f"#{box} is tinted blue: {phone}"
