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
