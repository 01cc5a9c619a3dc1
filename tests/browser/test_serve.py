"""``make serve``: the built book over HTTP on 127.0.0.1, text compressed as GitHub Pages does."""

import re
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.fixture
def served(book):
    """tools/serve.py serving the built book on a free port; yields its address."""
    command = [sys.executable, str(ROOT / "tools" / "serve.py"), str(book), "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        address = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert address, f"make serve says where it serves the book; it said {line!r}"
        yield address.group(0)
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()


def test_the_served_book_works_in_the_browser(chromium, served):
    context = chromium.new_context()
    page = context.new_page()
    failed, outside = [], []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("request", lambda r: r.url.startswith((served, "data:")) or outside.append(r.url))
    response = page.goto(served + "book/04-gradient-descent.html")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.calcopt-explorer')]"
        ".every(e => e.hasAttribute('data-ready'))"
    )
    encoding = response.headers.get("content-encoding")
    heading = page.locator("main h1").first.text_content()
    context.close()
    assert response.status == 200 and "Gradient descent" in heading, (
        f"make serve serves the chapters of the built book; got {response.status}, {heading!r}"
    )
    assert encoding == "gzip", f"pages are served gzip-compressed, as on GitHub Pages: {encoding}"
    assert failed == [] and outside == [], (
        f"every file the page needs comes from the server; failed {failed}, outside {outside}"
    )
