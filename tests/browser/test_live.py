"""Live explorers in JupyterLab: a slider change reaches the kernel and updates the figure.

Starts JupyterLab on a free localhost port with a random token over a copy of the notebooks,
runs a chapter notebook, moves a slider by keyboard, and checks that the figure and readouts
change. The browser may only talk to that server.
"""

import secrets
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


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lab")
    for notebook in (ROOT / "book").glob("*.ipynb"):
        shutil.copy(notebook, folder)
    jupyter = str(Path(sys.executable).with_name("jupyter"))
    yield from serve_lab([jupyter, "lab", "--LabApp.news_url="], folder)


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


def test_slider_change_updates_the_figure_through_the_kernel(chromium, lab):
    url, token = lab
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    outside = confine(page, url)
    page.goto(f"{url}/lab/tree/04-gradient-descent.ipynb?token={token}")
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
