"""``make lab``: JupyterLab opens on the getting-started notebook without asking about news, and
a live explorer describes its figure once (as text for screen readers, not visible).

The test runs the Makefile's own ``LAB`` command (with a port, a token, no browser and a
workspace of its own added) in a temporary folder holding a copy of the notebooks, follows the
address the server gives for the notebook it was asked to open, runs that notebook and looks
at its first live explorer. The browser may only talk to that server.
"""

import os
import re
import shlex
import shutil
import sys
import time
from pathlib import Path

import pytest

from .test_live import confine, run_all_cells, serve_lab

ROOT = Path(__file__).resolve().parents[2]


def lab_command() -> list[str]:
    """The Makefile's ``LAB`` command, with the virtual environment's jupyter."""
    line = re.search(r"^LAB\s*:=\s*(.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert line, "the Makefile defines the command of make lab as LAB := ..."
    words = shlex.split(line.group(1))
    assert words[0] == "$(BIN)/jupyter", f"make lab runs the environment's jupyter: {words[0]}"
    return [
        str(Path(sys.executable).with_name("jupyter")),
        *(word.replace("$(CURDIR)", str(ROOT)) for word in words[1:]),
    ]


@pytest.fixture(scope="module")
def course_lab(tmp_path_factory):
    folder = tmp_path_factory.mktemp("course-lab")
    (folder / "book").mkdir()
    for notebook in (ROOT / "book").glob("*.ipynb"):
        shutil.copy(notebook, folder / "book")
    runtime = folder / "runtime"
    environment = {**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)}
    server = serve_lab(lab_command(), folder, environment)
    url, _ = next(server)
    yield url, runtime
    next(server, None)


def opened_address(runtime: Path) -> str:
    """The address the server would open in a browser for the file it was given."""
    pages = list(runtime.glob("jpserver-file-to-run-*-open.html"))
    assert len(pages) == 1, (
        f"make lab names a notebook to open, so the server writes one page that opens it; "
        f"found {[page.name for page in pages]}"
    )
    return re.search(r'url=([^"]+)"', pages[0].read_text()).group(1)


#: What JupyterLab's notification asking to fetch its news says.
NEWS = re.compile(r"official Jupyter news", re.IGNORECASE)


def test_make_lab_opens_the_first_notebook_quietly_and_explorers_describe_figures_once(
    chromium, course_lab
):
    url, runtime = course_lab
    address = opened_address(runtime)
    assert re.fullmatch(rf"{url}/lab/tree/00-getting-started\.ipynb\?token=\w+", address), (
        f"make lab opens the getting-started notebook at the top of the notebooks; it opens "
        f"{address}"
    )
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    outside = confine(page, url)
    page.goto(address)
    tab = page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel", has_text=".ipynb")
    tab.first.wait_for(timeout=60_000)
    assert tab.first.text_content() == "00-getting-started.ipynb", (
        f"the notebook open at the start is the getting-started one: {tab.first.text_content()}"
    )
    run_all_cells(page)
    # JupyterLab attaches only the cells in view, and running all cells ends at the last one:
    # scroll down from the top (again, while the cells still run) until the figure is attached.
    figure = page.locator(".widget-vbox img.widget-image")
    page.mouse.move(800, 500)
    deadline = time.monotonic() + 150
    while not figure.count():
        assert time.monotonic() < deadline, "the getting-started notebook shows a live explorer"
        page.mouse.wheel(0, -1_000_000)
        for _ in range(120):
            page.mouse.wheel(0, 400)
            page.wait_for_timeout(100)
            if figure.count():
                break
    box = page.locator(".widget-vbox", has=page.locator("img.widget-image")).first
    image = box.locator("img.widget-image").first
    image.scroll_into_view_if_needed()
    hidden = box.locator(".calcopt-description")
    assert hidden.count() == 1 and len(hidden.text_content()) > 40, (
        "the live explorer carries its description once, for screen readers"
    )
    size = hidden.evaluate("e => [e.offsetWidth, e.offsetHeight]")
    assert max(size) <= 1, (
        f"the live explorer does not print its description as visible text under the figure "
        f"(the notebook's caption says it in words); it takes {size} px"
    )
    error = box.locator(".jupyter-widgets-error-widget, .widget-error")
    assert error.count() == 0, "every part of the live explorer renders (no widget error)"
    notices = page.locator(".Toastify__toast, .jp-Notification-Toast").all_inner_texts()
    assert not any(NEWS.search(text) for text in notices), (
        f"make lab does not ask whether to fetch JupyterLab's news; it shows {notices}"
    )
    context.close()
    assert outside == [], f"JupyterLab made requests outside its server: {outside}"
