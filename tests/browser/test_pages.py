"""Every page of the built book loads offline, renders its maths, and offers its notebook."""

import pytest

from .conftest import toc_files


def toc_pages() -> list[str]:
    return [f"{name}.html" for name in toc_files()]


@pytest.mark.parametrize("relative", toc_pages())
def test_page_loads_offline_without_console_errors(page, relative):
    browser_page = page.open(relative)
    assert browser_page.locator("main h1").count() >= 1
    browser_page.wait_for_timeout(300)
    assert page.blocked == [], f"requests outside the build folder: {page.blocked}"
    assert page.console_errors == []


def test_maths_is_typeset_by_the_bundled_mathjax(page):
    browser_page = page.open("book/notation.html")
    browser_page.wait_for_selector("mjx-container", timeout=10_000)
    assert browser_page.locator("mjx-container").count() > 20
    assert page.blocked == []


def test_download_button_offers_the_notebook(page, book):
    browser_page = page.open("book/00-getting-started.html")
    link = browser_page.locator("a[href$='00-getting-started.ipynb']").first
    href = link.get_attribute("href")
    target = (book / "book" / href).resolve()
    assert target.exists() and target.suffix == ".ipynb"
    assert '"cells"' in target.read_text()


UNCOVERED = """root => {
  root.scrollIntoView({block: "start"});
  window.scrollBy(0, -100);
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
def test_explorers_are_neither_covered_nor_cut_off(page, width):
    """The theme's table of contents and the window's edge leave every explorer whole."""
    page.page.set_viewport_size({"width": width, "height": 900})
    problems = []
    for relative in toc_pages():
        browser_page = page.open(relative)
        for root in browser_page.locator(".calcopt-explorer").all():
            name = root.get_attribute("data-explorer")
            problems += [f"{relative} {name}: {p}" for p in root.evaluate(UNCOVERED)]
    assert problems == []


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
            browser_page.wait_for_timeout(600)
    assert shown in ([True, False], [False, True])  # wide: it hides; narrow: it opens
    assert max(search_fields) == 1
