"""JupyterLab, as ``make lab`` starts it: it opens on the getting-started notebook without
asking about news, a live explorer describes its figure once (as text for screen readers, not
visible), and a slider change reaches the kernel and updates the figure.

One server for the file: the Makefile's own ``LAB`` command (with a port, a random token, no
browser and a workspace of its own added) in a temporary folder holding a copy of the
notebooks. The first test follows the address the server gives for the notebook it was asked
to open, runs that notebook and looks at its first live explorer; the second runs chapter 4,
moves a slider by keyboard and checks that the figure and readouts change. The browser may only
talk to that server.
"""

import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_lab(command: list[str], folder: Path, environment: dict | None = None):
    """Run a JupyterLab ``command`` in ``folder`` on a free localhost port with a random token,
    no browser and a workspace of its own; yield (address, token) once it answers, then stop
    it. The server's output goes to ``folder/server.log``."""
    port, token = free_port(), secrets.token_hex(16)
    log = (folder / "server.log").open("w")
    flags = [
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--LabApp.workspaces_dir={folder / 'workspaces'}",
        "--allow-root",
    ]
    server = subprocess.Popen(
        [*command, *flags], cwd=folder, env=environment, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                server.wait()
                log.close()
                pytest.fail(f"JupyterLab did not start: {(folder / 'server.log').read_text()}")
            time.sleep(0.5)
    yield url, token
    server.terminate()
    try:  # a loaded machine can take a while to shut the kernels down
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()  # reap it: an unreaped process is a ResourceWarning, an error here
    log.close()


def confine(page, url: str) -> list[str]:
    """Let ``page`` talk only to the server at ``url``; the list collects what it refused."""
    outside: list[str] = []

    def route(request_route):
        if request_route.request.url.startswith(url):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    return outside


def run_all_cells(page) -> None:
    """Start the open notebook's kernel (choosing it if JupyterLab asks) and run every cell."""
    choose = page.locator(".jp-Dialog button", has_text="Select")
    try:  # JupyterLab may ask which kernel to start
        choose.wait_for(timeout=10_000)
        choose.click()
    except PlaywrightTimeout:
        pass
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


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
    url, token = next(server)
    yield url, token, runtime
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
    url, _, runtime = course_lab
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


def test_slider_change_updates_the_figure_through_the_kernel(chromium, course_lab):
    url, token, _ = course_lab
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    outside = confine(page, url)
    # A workspace of its own: the default one still shows the notebook of the other test.
    page.goto(f"{url}/lab/workspaces/live/tree/04-gradient-descent.ipynb?token={token}")
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    run_all_cells(page)
    # The first live explorer with a learning-rate readout: its image, readout and slider.
    box = page.locator(".widget-vbox", has=page.locator('[data-readout="lr"]')).first
    box.wait_for(timeout=60_000)
    image = box.locator("img.widget-image").first
    image.wait_for(timeout=30_000)
    readout = box.locator('[data-readout="lr"]').first
    before_image, before_text = image.get_attribute("src"), readout.text_content()
    slider = box.locator(".widget-slider", has_text="learning rate").first
    handle = slider.locator(".noUi-handle").first
    handle.focus()
    for _ in range(8):
        handle.press("ArrowLeft")
    # The widget replaces its markup on each update, so wait on locators, not element handles.
    expect(readout).not_to_have_text(before_text, timeout=30_000)
    expect(image).not_to_have_attribute("src", before_image, timeout=30_000)
    assert float(readout.text_content().split()[0]) < float(before_text.split()[0])
    context.close()
    assert outside == []
