"""Every page of the built book loads offline, renders its maths (readable by a screen reader
and by keyboard), describes its images and offers its notebook."""

import re

import pytest

from .conftest import ALL_SECTIONS_DRAWN, TRANSITIONS_FINISHED, TWO_FRAMES, toc_files


def toc_pages() -> list[str]:
    return [f"{name}.html" for name in toc_files()]


def pages_with_explorers(book) -> list[str]:
    return [page for page in toc_pages() if 'class="calcopt-explorer"' in (book / page).read_text()]


#: Alt text that is only an image file's name or path, such as ../_images/3f2a.png.
IMAGE_PATH = re.compile(r"\S*\.(?:png|jpe?g|gif|svg|webp)|\S*/\S*", re.IGNORECASE)


def alt_text_problem(alt: str | None, src: str) -> str | None:
    """Why an image's alt text does not describe it, or None when it is real text."""
    text = (alt or "").strip()
    if not text:
        return "has no alt text"
    if IMAGE_PATH.fullmatch(text) or text in src:
        return "has a file name or path for alt text"
    if len(re.findall(r"[^\W\d_]{2,}", text)) < 3:
        return "has alt text of fewer than three words"
    return None


@pytest.mark.parametrize(
    ("alt", "src", "problem"),
    [
        (None, "../_images/3f2a.png", "has no alt text"),
        ("  ", "../_images/3f2a.png", "has no alt text"),
        ("png", "data:image/png;base64,iVBO", "has a file name or path for alt text"),
        ("../_images/3f2a.png", "../_images/3f2a.png", "has a file name or path for alt text"),
        ("figure-1.PNG", "../_images/3f2a.png", "has a file name or path for alt text"),
        ("Contour plot", "../_images/3f2a.png", "has alt text of fewer than three words"),
        ("Level curves of Himmelblau's function.", "../_images/3f2a.png", None),
    ],
)
def test_alt_text_rule(alt, src, problem):
    assert alt_text_problem(alt, src) == problem, f"alt {alt!r} for {src!r}: expected {problem}"


IMAGES = """images => images.map(image => [
  image.getAttribute("alt"),
  image.getAttribute("src") || "",
  (image.closest("[id]") || {id: ""}).id,
])"""


#: Each explorer's name and the alt text of its figure.
EXPLORER_ALTS = """roots => roots.map(root => [root.dataset.explorer,
  root.querySelector("img.calcopt-backdrop").getAttribute("alt") || ""])"""


#: Every formula: MathJax's drawing (a displayed formula) or MathML the browser draws (inline).
FORMULAS = "mjx-container, math:not(mjx-assistive-mml math)"
#: Formulas a screen reader cannot read: MathJax drawings not hidden from it or without their
#: MathML, and inline MathML that the browser did not take for MathML or that is empty.
UNREADABLE = """() => [...document.querySelectorAll("mjx-container")].filter(container =>
  container.querySelector(":scope > mjx-math")?.getAttribute("aria-hidden") !== "true"
  || !container.querySelector(":scope > mjx-assistive-mml > math")).length
  + [...document.querySelectorAll("math:not(mjx-assistive-mml math)")].filter(math =>
  math.namespaceURI !== "http://www.w3.org/1998/Math/MathML" || !math.textContent.trim()).length"""


@pytest.mark.parametrize("relative", toc_pages())
def test_page_loads_offline_with_readable_maths_and_images(page, relative):
    browser_page = page.open(relative)
    assert browser_page.locator("main h1").count() >= 1, (
        f"every page has a title; {relative} has no h1"
    )
    browser_page.wait_for_timeout(300)
    assert page.blocked == [], (
        f"the book works offline: a page loads only files of the build folder; {relative} "
        f"requested {page.blocked}"
    )
    assert page.console_errors == [], (
        f"a page logs no errors to the console; {relative} logged {page.console_errors}"
    )
    browser_page.wait_for_function(
        "() => window.MathJax?.startup?.promise?.then(() => true) ?? true"
    )
    formulas = browser_page.locator(FORMULAS).count()
    unreadable = browser_page.evaluate(UNREADABLE)
    assert unreadable == 0, (
        f"every formula is MathML a screen reader reads: inline, MathML the browser draws; "
        f"displayed, MathJax's drawing (CSS glyphs a screen reader cannot read) hidden, with its "
        f"MathML beside it; on {relative}, {unreadable} of {formulas} are not"
    )
    images = browser_page.locator("img").evaluate_all(IMAGES)
    problems = [
        f"image {index} ({src[:50]}, in #{where}) {problem}: {alt!r}"
        for index, (alt, src, where) in enumerate(images)
        if (problem := alt_text_problem(alt, src))
    ]
    assert problems == [], (
        f"every image has alt text that describes it in words, not a file name (a notebook "
        f"figure takes it from its cell's metadata, mystnb.image.alt); {relative}: {problems}"
    )
    for explorer, alt in browser_page.locator(".calcopt-explorer").evaluate_all(EXPLORER_ALTS):
        assert len(alt) > 40, (
            f"an explorer's figure has a real text alternative, longer than a caption; "
            f"{explorer} on {relative} has {alt!r}"
        )


def test_the_notation_pages_maths_is_typeset_offline(page):
    browser_page = page.open("book/notation.html")
    browser_page.wait_for_selector(FORMULAS, timeout=10_000)
    typeset = browser_page.locator(FORMULAS).count()
    assert typeset > 20, (
        f"the notation page's formulas are typeset (when the book is built, or by the MathJax "
        f"bundled in it); only {typeset} were"
    )
    assert page.blocked == [], (
        f"the maths needs only files of the build folder; the page asked for {page.blocked}"
    )


#: Display formulas: how many scroll sideways, and which of them a keyboard cannot reach or
#: which fit and still take focus.
SCROLLING_FORMULAS = """() => {
  const formulas = [...document.querySelectorAll('mjx-container[display="true"]')];
  const wide = formulas.filter(f => f.scrollWidth > f.clientWidth);
  return {wide: wide.length,
          unreachable: wide.filter(f => f.tabIndex !== 0).length,
          stops: formulas.filter(f => !wide.includes(f) && f.hasAttribute("tabindex")).length};
}"""


def test_a_keyboard_reaches_every_display_formula_that_scrolls(page):
    browser_page = page.open("book/05-jacobian-hessian.html")
    browser_page.evaluate(ALL_SECTIONS_DRAWN)
    seen = []
    for width in (1280, 390):
        browser_page.set_viewport_size({"width": width, "height": 900})
        browser_page.wait_for_timeout(200)
        found = browser_page.evaluate(SCROLLING_FORMULAS)
        seen.append(found["wide"])
        assert found["unreachable"] == 0 and found["stops"] == 0, (
            f"at {width} px every display formula that scrolls sideways takes keyboard focus "
            f"and no other does: of {found['wide']} that scroll, {found['unreachable']} cannot "
            f"be focused; {found['stops']} that fit are tab stops"
        )
    assert 0 < seen[0] < seen[1], (
        f"chapter 5 has a formula wider than its column at 1280 px and more at 390 px: {seen}"
    )


def test_download_button_offers_the_notebook(page, book):
    browser_page = page.open("book/00-getting-started.html")
    link = browser_page.locator("a[href$='00-getting-started.ipynb']").first
    href = link.get_attribute("href")
    target = (book / "book" / href).resolve()
    assert target.exists() and target.suffix == ".ipynb", (
        f"a chapter's download button offers its notebook, a .ipynb file in the build; the link "
        f"points to {href}"
    )
    assert '"cells"' in target.read_text(), f"the downloaded {target.name} is a notebook with cells"


#: Brings an explorer into the window, just below the header.
SCROLL_TO = """root => {
  root.scrollIntoView({block: "start"});
  window.scrollBy(0, -100);
}"""
#: What covers an explorer brought into the window (SCROLL_TO) or sticks out of the window.
UNCOVERED = """root => {
  const problems = [];
  const box = root.getBoundingClientRect();
  if (box.left < 0 || box.right > window.innerWidth) {
    problems.push(`spans x = ${box.left}..${box.right} in a window ${window.innerWidth} wide`);
  }
  const figure = root.querySelector(".calcopt-figure").getBoundingClientRect();
  const points = [...root.querySelectorAll("input, select, button")].map(element => {
    const r = element.getBoundingClientRect();
    const what = element.tagName + " " + (element.name || element.id);
    return [what, r.left + r.width / 2, r.top + r.height / 2];
  });
  points.push(["figure, top right", figure.right - 8, figure.top + 8]);
  points.push(["figure, middle right", figure.right - 8, (figure.top + figure.bottom) / 2]);
  for (const [what, x, y] of points) {
    if (y < 0 || y > window.innerHeight) continue;
    const hit = document.elementFromPoint(x, y);
    if (!hit || !root.contains(hit)) {
      const where = `(${Math.round(x)}, ${Math.round(y)})`;
      problems.push(`${what} at ${where} is under ${hit && hit.className}`);
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("width", [1100, 1300])
def test_explorers_are_neither_covered_nor_cut_off(page, book, width):
    """The theme's table of contents and the window's edge leave every explorer whole."""
    page.page.set_viewport_size({"width": width, "height": 900})
    problems = []
    for relative in pages_with_explorers(book):
        browser_page = page.open(relative)
        for root in browser_page.locator(".calcopt-explorer").all():
            name = root.get_attribute("data-explorer")
            root.evaluate(SCROLL_TO)
            browser_page.evaluate(TWO_FRAMES)
            problems += [f"{relative} {name}: {p}" for p in root.evaluate(UNCOVERED)]
    assert problems == [], (
        f"at {width} px every explorer lies inside the window and its controls and figure are "
        f"under nothing else (such as the table of contents; see course.css): {problems}"
    )


@pytest.mark.parametrize("width", [800, 1300])
def test_the_sidebar_toggle_shows_and_hides_the_chapters(page, width):
    """The article header's menu button shows or hides the chapter list, and the page never shows
    two search buttons at once (a second bar above the page was a theme bug)."""
    page.page.set_viewport_size({"width": width, "height": 800})
    browser_page = page.open("book/03-gradient.html")
    sidebar = browser_page.locator(".bd-sidebar-primary")
    toggle = browser_page.locator(".bd-header-article .primary-toggle").first
    shown, search_fields = [], []
    for _ in range(2):
        shown.append(sidebar.is_visible() and sidebar.bounding_box()["x"] >= 0)
        search_fields.append(browser_page.locator(".search-button__button:visible").count())
        if len(shown) == 1:
            toggle.click()
            browser_page.evaluate(TRANSITIONS_FINISHED)
    assert shown in ([True, False], [False, True]), (
        f"the menu button toggles the chapter list (wide: shown, then hidden; narrow: hidden, then "
        f"shown); at {width} px the list was shown: {shown}"
    )
    assert max(search_fields) == 1, (
        f"the page shows one search button at a time; at {width} px it showed {search_fields}"
    )


def test_scrolling_has_finished_when_focus_returns(page):
    """Tests read positions right after focus() or scrollIntoView(), so the page fixture turns the
    theme's smooth scrolling off (conftest.INSTANT_SCROLLING)."""
    browser_page = page.open("book/04-gradient-descent.html")
    control = browser_page.locator(".calcopt-explorer input[type=range]").last
    control.focus()
    top, height = control.evaluate("e => [e.getBoundingClientRect().top, window.innerHeight]")
    assert 0 <= top < height, (
        f"a focused control is scrolled into the window before focus() returns (no smooth "
        f"scrolling); it is at y = {top} in a window {height} high"
    )
