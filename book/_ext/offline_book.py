"""Local Sphinx tweaks: a light, self-contained book (no network at all) with a sound layout.

- **MathJax, locally and lean.** The MathJax 3 files come from the ``sphinx-mathjax-offline``
  package (used here only as a source of the files). Only the components the course uses are
  copied: the loader, TeX input with a few packages and HTML-CSS output with its fonts (about
  0.7 MB instead of the 24 MB tree and the 1.2 MB combined bundle with menus).
- **No remote kernels.** Jupyter Book always loads sphinx-thebe, which links a remote script
  (unpkg.com) and, with Sphinx 7, adds its configuration script twice, so every page logs a
  redeclaration error. Its script injection is disconnected before any document is read.
- **No icon JavaScript.** The theme draws its icons with a web font already present in its CSS;
  its 1.5 MB ``fontawesome.js`` (which swaps the font icons for SVG) is dropped from every page.
- **Layout.** ``static/course.css`` keeps the full-width explorer cells clear of the page's
  table of contents and inside the window.
- **Lighter figures.** Matplotlib writes full-colour PNGs; the figures' flat colours and
  antialiased lines fit a 256-colour palette, which makes the files several times smaller with
  no visible change. The committed notebooks keep their original images.
- **Accessible markup.** Every control's accessible name contains its visible text (WCAG
  2.5.3, axe's ``label-content-name-mismatch``): the summary of a hidden cell ("Show code cell
  source") loses myst-nb's ``aria-label`` "Toggle hidden content", and the theme's search
  field, which shows "Search Ctrl+K", loses its ``aria-label`` "Search" (its name is then its
  text). The primary sidebar (book title, search, chapters) becomes a navigation landmark, so
  no content sits outside a landmark (axe's ``region``). ``static/course.css`` darkens links on
  the tinted proof boxes and in dark mode sets figures and explorers on a light panel. Each
  formula carries its MathML for screen readers (MathJax's assistive MathML), and
  ``static/scrollable.js`` lets a keyboard reach a display formula, code block, output or
  table that is too wide for the column and scrolls (axe's ``scrollable-region-focusable``).
- **Cell metadata checked.** myst-nb ignores a ``mystnb`` key it does not know, so alt text
  under a wrong key once left the image's file path as its alt text. Every unknown key, and
  every figure cell without alt text, is a warning naming the notebook, the cell and the key
  (``make build-strict`` turns warnings into errors).
"""

import importlib
import io
import json
import re
import shutil
from pathlib import Path

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput
from PIL import Image
from sphinx.util import logging

logger = logging.getLogger(__name__)

MATHJAX_FILES = [
    "startup.js",
    "core.js",
    "input/tex-base.js",
    "input/tex/extensions/ams.js",
    "input/tex/extensions/boldsymbol.js",
    "input/tex/extensions/configmacros.js",
    "input/tex/extensions/newcommand.js",
    "input/tex/extensions/noundefined.js",
    "output/chtml.js",
    "output/chtml/fonts/tex.js",
    "output/chtml/fonts/woff-v2",
    "a11y/assistive-mml.js",
]

MATHJAX_CONFIG = {
    "loader": {
        "load": [
            "input/tex-base",
            "[tex]/ams",
            "[tex]/boldsymbol",
            "[tex]/configmacros",
            "[tex]/noundefined",
            "output/chtml",
            # Each formula also carries its MathML, hidden on screen, for screen readers (the
            # glyphs MathJax draws are CSS content, which they cannot read).
            "a11y/assistive-mml",
        ]
    },
    "tex": {"packages": {"[+]": ["ams", "boldsymbol", "configmacros", "noundefined"]}},
}

FONTAWESOME_SCRIPT = re.compile(r'\s*<script[^>]*src="[^"]*fontawesome\.js[^"]*"[^>]*></script>')

#: The theme's search field (``components/search-button-field.html``): its ``aria-label``
#: "Search" does not contain its visible text "Search Ctrl+K".
SEARCH_FIELD_LABEL = re.compile(
    r'(<button class="btn search-button-field[^"]*"[^>]*?) aria-label="[^"]*"'
)
#: The theme's primary sidebar, which holds the book's title outside any landmark.
PRIMARY_SIDEBAR = re.compile(r'(<div id="pst-primary-sidebar" class="[^"]*")>')
#: myst-nb's summary of a hidden cell names it "Toggle hidden content", not its visible text.
HIDDEN_CELL_LABEL = ' aria-label="Toggle hidden content"'

#: The settings myst-nb 1.x reads from a cell's ``mystnb`` metadata (the cell-level fields of
#: ``myst_nb.core.config.NbParserConfig``, by their ``cell_key``) ...
MYSTNB_SETTINGS = {
    "code_prompt_hide",
    "code_prompt_show",
    "error_lexer",
    "markdown_format",
    "merge_streams",
    "number_source_lines",
    "output_stderr",
    "remove_code_outputs",
    "remove_code_source",
    "scroll_outputs",
    "text_lexer",
}
#: ... and the options it reads from the two settings that are tables: ``image`` in
#: ``myst_nb.core.render.MditRenderMixin.render_image`` (``classes``, not the ``class`` its help
#: text names) and ``figure`` in ``myst_nb.core.render.create_figure_context``.
MYSTNB_OPTIONS = {
    "image": {"align", "alt", "classes", "height", "scale", "width"},
    "figure": {"align", "caption", "caption_before", "classes", "name"},
}


def _configure(app, config) -> None:
    config.mathjax_path = "mathjax/startup.js"
    config.mathjax3_config = {**MATHJAX_CONFIG, **(config.mathjax3_config or {})}


def _add_static_files(app) -> None:
    app.config.html_static_path.append(str(Path(__file__).parent / "static"))
    app.add_css_file("course.css")
    app.add_js_file("scrollable.js")


def _drop_thebe_scripts(app) -> None:
    for listener in list(app.events.listeners.get("env-before-read-docs", [])):
        handler = listener.handler
        if handler.__module__ == "sphinx_thebe" and handler.__name__ == "init_thebe_core":
            app.disconnect(listener.id)


def _finish(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = Path(importlib.import_module("sphinx-mathjax-offline").__file__).parent
    target = Path(app.outdir) / "_static" / "mathjax"
    for name in MATHJAX_FILES:
        origin, destination = source / "static" / "mathjax" / name, target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, destination, dirs_exist_ok=True)
        else:
            shutil.copyfile(origin, destination)
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(accessible_page(FONTAWESOME_SCRIPT.sub("", text)), encoding="utf-8")
    (Path(app.outdir) / "_static" / "scripts" / "fontawesome.js").unlink(missing_ok=True)
    for image in (Path(app.outdir) / "_images").glob("*.png"):
        _palette_png(image)


def accessible_page(text: str) -> str:
    """A built page with the theme's markup fixed: the search field named by its visible text,
    the primary sidebar a navigation landmark."""
    text = SEARCH_FIELD_LABEL.sub(r"\1", text)
    return PRIMARY_SIDEBAR.sub(r'\1 role="navigation" aria-label="Book">', text)


def _visit_hidden_cell(translator, node) -> None:
    """myst-nb's summary of a hidden cell, without the ``aria-label`` that hides its text."""
    start = len(translator.body)
    visit_HideCellInput(translator, node)
    translator.body[start:] = [
        part.replace(HIDDEN_CELL_LABEL, "") for part in translator.body[start:]
    ]


def _name_hidden_cells_by_their_text(app) -> None:
    """Replace myst-nb's HTML visitor of a hidden cell (once every extension is set up, so
    that this registration comes after myst-nb's own)."""
    app.add_node(HideCodeCellNode, override=True, html=(_visit_hidden_cell, depart_HideCellInput))


def _palette_png(path: Path) -> None:
    """Rewrite a PNG with a 256-colour palette when that makes it smaller."""
    with Image.open(path) as image:
        image.load()
    if image.mode == "RGBA" and image.getextrema()[3][0] == 255:
        image = image.convert("RGB")
    if image.mode != "RGB":
        return
    buffer = io.BytesIO()
    image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        buffer, format="PNG", optimize=True
    )
    if buffer.tell() < path.stat().st_size:
        path.write_bytes(buffer.getvalue())


def mystnb_problems(cells: list[dict]) -> list[str]:
    """What is wrong with the ``mystnb`` metadata of a notebook's cells, one message a problem.

    Reported: a key myst-nb does not read (with the keys it reads there), and a figure cell
    without ``image.alt`` (one with an image output or a ``figure`` setting, shown on the page).
    """
    problems = []
    for index, cell in enumerate(cells):
        settings = cell.get("metadata", {}).get("mystnb", {})
        problems += [f"cell {index}: {problem}" for problem in _unknown_keys(settings)]
        if _shows_a_figure(cell) and not str(_table(settings, "image").get("alt", "")).strip():
            problems.append(
                f"cell {index}: a figure without alt text; describe it in mystnb.image.alt"
            )
    return problems


def _unknown_keys(settings: dict):
    """Each key of ``settings`` that myst-nb does not read, with the keys it reads there."""
    known = MYSTNB_SETTINGS | MYSTNB_OPTIONS.keys()
    for key in sorted(settings.keys() - known):
        takes = ", ".join(sorted(known))
        yield f"unknown mystnb key '{key}'; mystnb takes {takes}"
    for key, options in MYSTNB_OPTIONS.items():
        for option in sorted(_table(settings, key).keys() - options):
            takes = ", ".join(sorted(options))
            yield f"unknown mystnb key '{key}.{option}'; mystnb.{key} takes {takes}"


def _table(settings: dict, key: str) -> dict:
    """The options under ``key`` (myst-nb itself reports a value that is not a table)."""
    value = settings.get(key, {})
    return value if isinstance(value, dict) else {}


def _shows_a_figure(cell: dict) -> bool:
    """Whether the page shows the cell as a figure: an image output or a ``figure`` setting."""
    kinds = [kind for output in cell.get("outputs", []) for kind in output.get("data", {})]
    removed = {"remove-cell", "remove-output"} & set(cell.get("metadata", {}).get("tags", []))
    figure = "figure" in cell.get("metadata", {}).get("mystnb", {})
    return not removed and (figure or any(kind.startswith("image/") for kind in kinds))


def _check_cell_metadata(app, docname: str, source: list[str]) -> None:
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".ipynb":
        return
    for problem in mystnb_problems(json.loads(source[0])["cells"]):
        logger.warning(problem, location=docname, type="calcopt", subtype="mystnb")


def setup(app):
    app.connect("config-inited", _configure, priority=900)
    app.connect("source-read", _check_cell_metadata)
    app.connect("builder-inited", _add_static_files)
    app.connect("builder-inited", _drop_thebe_scripts)
    app.connect("build-finished", _finish)
    app.connect("builder-inited", _name_hidden_cells_by_their_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
