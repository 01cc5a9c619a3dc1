"""Every page of the built book loads offline, renders its maths, and offers its notebook."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for entry in toc.get("chapters", []):
        files.append(entry["file"])
    return [f"{name}.html" for name in files]


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
