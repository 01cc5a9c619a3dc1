"""The printable edition (``make pdf``): the whole course as one PDF, _build/pdf/course.pdf.

The web build (``make book``) runs every notebook with static explorers and keeps the executed
copies in _build/jupyter_execute. The print edition reuses them and runs nothing again:

1. ``print_sources``: _toc.yml, book/ and, for each notebook of the table of contents, its
   executed copy go to _build/print, with the course's configuration changed in two places:
   notebooks are not executed (``execute_notebooks: "off"``) and the ``print_edition``
   extension (book/_ext/print_edition.py, with static/print.css) is loaded.
2. ``single_page``: Sphinx's ``singlehtml`` builder writes the book as one page,
   _build/print/_build/singlehtml/index.html (warnings are errors, as in ``make test``).
3. ``print_pdf``: the Chromium of the browser tests opens it offline, waits until MathJax has
   typeset every formula and every explorer has drawn its default frame, shrinks any display
   formula wider than the page to fit it, checks the page (no request outside the build, no
   console error, no MathJax error, no explorer control on paper) and prints it to A4 with
   an outline of the headings (a tagged PDF) and page numbers.

Executing the notebooks again for the print build would double the cost of the web build; the
executed copies are exactly what the web pages show.

Usage: python tools/pdf.py   (the web build must be current: ``make pdf`` sees to it)
"""

import html
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.browser.conftest import CHROMIUM, FLAGS, book_is_stale, toc_files  # noqa: E402

EXECUTED = ROOT / "_build" / "jupyter_execute"
PRINT = ROOT / "_build" / "print"
PDF = ROOT / "_build" / "pdf" / "course.pdf"
#: Seconds to wait for the page to load and typeset (a few on a quiet machine).
PATIENCE = 600

#: Resolves once MathJax (if the page loads it) has typeset the page and every explorer has drawn
#: its first frame.
READY = """() => (window.MathJax ? MathJax.startup.promise : Promise.resolve())
.then(() => new Promise(resolve => {
  const drawn = () => document.querySelectorAll(".calcopt-explorer:not([data-ready])").length
    ? setTimeout(drawn, 100) : resolve(true);
  drawn();
}))"""

#: In print layout: shrink each display formula wider than its column to fit, and return what
#: would be wrong on paper.
FIT_AND_CHECK = """() => {
  for (const formula of document.querySelectorAll('mjx-container[display="true"]')) {
    const column = formula.parentElement.clientWidth;
    const wide = formula.firstElementChild.getBoundingClientRect().width;
    if (wide > column) formula.style.zoom = (column / wide).toFixed(3);
  }
  const problems = [];
  const errors = document.querySelectorAll("mjx-merror").length;
  if (errors) problems.push(`${errors} formulas MathJax could not typeset`);
  if (!document.querySelector("mjx-container")) problems.push("no typeset formula at all");
  for (const root of document.querySelectorAll(".calcopt-explorer")) {
    const name = root.dataset.explorer;
    if (getComputedStyle(root.querySelector(".calcopt-controls")).display !== "none")
      problems.push(`explorer ${name} prints its controls`);
    const drawn = [...root.querySelectorAll("path[data-layer]")].filter(p => p.getAttribute("d"));
    if (drawn.length < 2) problems.push(`explorer ${name} draws ${drawn.length} layers`);
  }
  return problems;
}"""

FOOTER = (
    '<div style="width: 100%; font-size: 8px; color: #555; text-align: center">'
    '{title} · <span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def print_sources(folder: Path) -> None:
    """The book's sources with the executed notebooks and the print configuration."""
    shutil.rmtree(folder, ignore_errors=True)
    ignore = shutil.ignore_patterns("*.ipynb", ".*", "__pycache__")
    shutil.copytree(ROOT / "book", folder / "book", ignore=ignore)
    shutil.copy(ROOT / "_toc.yml", folder / "_toc.yml")
    for name in toc_files():
        if (ROOT / f"{name}.ipynb").exists():
            executed = EXECUTED / f"{name}.ipynb"
            if not executed.exists():
                sys.exit(f"{executed} is missing: build the web book first (make book)")
            shutil.copy(executed, folder / f"{name}.ipynb")
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["execute"]["execute_notebooks"] = "off"
    config["sphinx"]["local_extensions"]["print_edition"] = "book/_ext"
    (folder / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False))


def single_page(folder: Path) -> Path:
    """Build the book in ``folder`` as one HTML page; return the page."""
    builder = Path(sys.executable).with_name("jupyter-book")
    command = [str(builder), "build", "--builder", "singlehtml", "-W", "--keep-going"]
    build = subprocess.run([*command, str(folder)], capture_output=True, text=True)
    if build.returncode:
        sys.exit(f"The print edition's build failed:\n{build.stdout}\n{build.stderr}")
    return folder / "_build" / "singlehtml" / "index.html"


def print_pdf(page_file: Path, pdf: Path, title: str) -> None:
    """Print the page to ``pdf`` with Chromium; exit with the problems if it is not right."""
    from playwright.sync_api import sync_playwright

    folder, problems = page_file.parent.resolve().as_uri() + "/", []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(color_scheme="light")
        page.set_default_timeout(PATIENCE * 1000)
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.route("**/*", lambda r: _offline(r, folder, problems))
        page.goto(page_file.resolve().as_uri())
        # Maths typeset at build time leaves no MathJax in the page; otherwise wait for it to start.
        page.wait_for_function("() => !window.MathJax || window.MathJax.startup?.promise")
        page.evaluate(READY)
        page.emulate_media(media="print")
        problems += page.evaluate(FIT_AND_CHECK)
        if problems:
            sys.exit("The print edition is not right:\n  " + "\n  ".join(problems))
        pdf.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(
            path=pdf,
            format="A4",
            margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
            print_background=True,
            outline=True,
            tagged=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=FOOTER.format(title=html.escape(title)),
        )
        browser.close()


def _offline(route, folder: str, problems: list[str]) -> None:
    url = route.request.url
    if url.startswith((folder, "data:")):
        route.continue_()
    else:
        problems.append(f"request outside the build: {url}")
        route.abort()


def main() -> None:
    if book_is_stale():
        sys.exit("The web book is missing or older than its sources: run make book (or make pdf)")
    start = time.perf_counter()
    print_sources(PRINT)
    page = single_page(PRINT)
    built = time.perf_counter()
    title = yaml.safe_load((ROOT / "_config.yml").read_text())["title"]
    print_pdf(page, PDF, title)
    from pypdf import PdfReader

    pages = len(PdfReader(PDF).pages)
    print(
        f"{PDF.relative_to(ROOT)}: {pages} pages, {PDF.stat().st_size / 1e6:.1f} MB "
        f"(single page {built - start:.0f} s, print {time.perf_counter() - built:.0f} s)"
    )


if __name__ == "__main__":
    main()
