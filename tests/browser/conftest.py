"""Fixtures for the browser tests: the built book and a headless Chromium that may not leave it.

The tests need Debian's Chromium at /usr/bin/chromium (``apt-get install chromium``). Without it
they skip with that reason, unless CALCOPT_REQUIRE_BROWSER=1 (set by .ci/run), which turns the
skip into a failure so CI cannot pass without running them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
CHROMIUM = Path(os.environ.get("CALCOPT_CHROMIUM", "/usr/bin/chromium"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def toc_files() -> list[str]:
    """The files of ``_toc.yml`` in reading order: the root, then every part's chapters."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    sections = toc.get("parts", [toc])
    files = [toc["root"]] + [entry["file"] for part in sections for entry in part["chapters"]]
    assert len(files) > 2, f"_toc.yml lists the root page and the chapters; it lists only {files}"
    return files


#: Files whose tests share something costly to make twice: a JupyterLab server (test_lab.py) or
#: the printed PDF (test_pdf.py). Each goes whole to one pytest-xdist worker (``make browser``
#: runs ``--dist loadgroup``); any other test may go to either worker.
SHARED = {"test_lab.py", "test_pdf.py"}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        path = Path(item.fspath)
        if path.is_relative_to(here):
            item.add_marker(pytest.mark.browser)
            if path.name in SHARED:
                item.add_marker(pytest.mark.xdist_group(path.stem))


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}; install it with: apt-get install chromium"
        if os.environ.get("CALCOPT_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (CALCOPT_REQUIRE_BROWSER=1 forbids skipping)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


#: Written by Sphinx at the end of every build, so its time is the build's.
BUILD_STAMP = HTML / ".buildinfo"


def sources() -> list[Path]:
    """What the book is built from: its configuration, and every file under book/ and lib/
    except caches and install records (__pycache__, hidden folders such as .ipynb_checkpoints,
    *.egg-info)."""
    trees = [path for folder in ("book", "lib") for path in (ROOT / folder).rglob("*")]
    return [ROOT / "_config.yml", ROOT / "_toc.yml"] + [
        path
        for path in trees
        if path.is_file()
        and not any(
            p == "__pycache__" or p.startswith(".") or p.endswith(".egg-info")
            for p in path.relative_to(ROOT).parts
        )
    ]


def book_is_stale() -> bool:
    """Whether no build exists or a source changed after it."""
    if not BUILD_STAMP.exists():
        return True
    built = BUILD_STAMP.stat().st_mtime
    return any(path.stat().st_mtime > built for path in sources())


@pytest.fixture(scope="session")
def book() -> Path:
    """The built book, rebuilt here (with static explorers) when it is missing or older than any
    of its sources (book/**, lib/**, _config.yml, _toc.yml). A build just made by ``make book``
    or ``make build-strict`` is newer than every source, so it is used as it is."""
    if book_is_stale():
        env = {**os.environ, "CALCOPT_EXPLORERS": "static"}
        builder = Path(sys.executable).with_name("jupyter-book")
        command = [
            str(builder) if builder.exists() else shutil.which("jupyter-book"),
            "build",
            "--all",
            str(ROOT),
        ]
        subprocess.run(command, check=True, env=env, cwd=ROOT)
    return HTML


class Page:
    """A Playwright page confined to the build folder, recording console errors."""

    def __init__(self, page, root: Path):
        self.page, self.root = page, root.resolve()
        self.console_errors: list[str] = []
        self.blocked: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.root.as_uri() + "/") or url.startswith("data:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, relative: str):
        self.page.goto((self.root / relative).as_uri())
        self.page.wait_for_load_state("load")
        return self.page


#: The theme scrolls smoothly (``:root { scroll-behavior: smooth }``), so ``focus()`` or
#: ``scrollIntoView()`` returns while the page is still gliding to its target, and a position read
#: then (a bounding box, a mouse click at it) is stale by however far the glide has left to go.
#: This sheet, adopted by every document before any of its scripts or styles load, makes each
#: scroll jump at once, so it has finished when the call returns.
INSTANT_SCROLLING = """
const instant = new CSSStyleSheet();
instant.replaceSync("html, * { scroll-behavior: auto !important; }");
document.adoptedStyleSheets = [...document.adoptedStyleSheets, instant];
"""


#: Draws every section at once, as each is drawn when a reader scrolls to it (the web pages' lazy
#: sections and the boxes in them, book/_ext/fast_pages.py), and resolves once the page has been
#: laid out that way and scrollable.js has set the tab stops of what scrolls. For checks of the
#: whole page: axe reads a section not drawn yet as hidden, and hit tests do not reach into it.
ALL_SECTIONS_DRAWN = """() => {
  const drawn = new CSSStyleSheet();
  drawn.replaceSync(`:is(section.calcopt-lazy, section.calcopt-lazy > *) {
    content-visibility: visible !important; }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, drawn];
  return new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}"""


#: Resolves once the page has drawn two more frames: a lazy section scrolled to is drawn in the
#: next one (hit tests do not reach into a section not drawn yet, and the sections around it
#: take their real heights), as a reader sees it before tapping or reading it.
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


#: Resolves when every CSS transition the page is running has ended, such as the sidebar sliding
#: in or out, or colours fading to the other mode (getAnimations() first applies pending style
#: changes, so it sees ones just begun).
TRANSITIONS_FINISHED = """() => Promise.all(document.getAnimations()
  .filter(animation => animation instanceof CSSTransition)
  .map(transition => transition.finished.catch(() => null)))"""


def stored_payload(script: Path) -> dict:
    """An explorer's frames and backdrops, from the script file the web book keeps them in
    (``book/_ext/fast_pages.py``, ``external_payloads``): ``(...)[key] = {json};``."""
    return json.loads(script.read_text(encoding="utf-8").split(" = ", 2)[2].rstrip(";\n"))


@pytest.fixture
def page(chromium, book):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(INSTANT_SCROLLING)
    confined = Page(context.new_page(), book)
    yield confined
    context.close()
