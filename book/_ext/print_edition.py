"""The print edition: the whole book as one HTML page, ready to be printed to PDF.

``make pdf`` (``tools/pdf.py``) builds the book with Sphinx's ``singlehtml`` builder and this
extension, which the web build does not load. It

- **renders every node the web build renders.** Sphinx looks up a builder's node handlers
  under the builder's name and falls back to its format (``html``) only when the name has
  none. sphinx-exercise registers its nodes for ``singlehtml`` too, so every other extension's
  HTML handlers (myst-nb's hidden cells, sphinx-proof's boxes, ...) went missing and the
  build stopped at the first of them (sphinx-doc/sphinx#9160). The ``html`` handlers are
  copied to ``singlehtml`` wherever it has none.
- **makes every chapter a top-level section.** The single page nests each document where
  the root document's table of contents stood, inside its last section, so the chapters'
  titles were third-level headings. Moved to the top level, they are ``h1`` and head the
  PDF's outline.
- **puts the page where its links point.** Sphinx writes the page under the root document's
  name (``book/intro.html``) but computes its links to ``_static/`` and ``_images/`` from
  the output folder: the page moves there as ``index.html``, and its links to itself
  (``book/intro.html#...``) become links within the page.
- **makes the documents' anchors valid CSS ids.** Each inlined document starts at an anchor
  named after it (``document-book/notation``); the theme's scripts look the targets of the
  page's links up as CSS selectors, and the ``/`` made them throw. It becomes ``-``.
- **keeps explorer ids unique.** A static explorer's id (``gradient-descent-1``) counts the
  explorers of one notebook, so two chapters can show explorers with the same id, and on
  one page the second one's drawing would be clipped by the first one's clip paths. The
  repeated ones get a suffix.
- **adds** ``static/print.css``, the print stylesheet.
"""

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

STATIC = Path(__file__).parent / "static"
DOCUMENT_ANCHOR = re.compile(r'((?:id="|href="#)document-)([^"]+)')
EXPLORER_START = re.compile(r'<div class="calcopt-explorer" data-explorer="[^"]*" id="([^"]+)"')


def _html_handlers_for_singlehtml(app) -> None:
    handlers = app.registry.translation_handlers
    single = handlers.setdefault("singlehtml", {})
    for node, visit_depart in handlers.get("html", {}).items():
        single.setdefault(node, visit_depart)


def _add_stylesheet(app) -> None:
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))
    app.add_css_file("print.css")


def _chapters_at_top_level(app, doctree, docname: str) -> None:
    if app.builder.name != "singlehtml" or docname != app.config.root_doc:
        return
    for wrapper in list(doctree.findall(nodes.compound)):
        if "toctree-wrapper" in wrapper["classes"] and not _inlined(wrapper):
            wrapper.parent.remove(wrapper)
            doctree.append(wrapper)


def _inlined(node) -> bool:
    """Whether ``node`` lies inside a document inlined into the root document."""
    parent = node.parent
    while parent is not None and not isinstance(parent, addnodes.start_of_file):
        parent = parent.parent
    return parent is not None


def unique_explorer_ids(text: str) -> str:
    """Give each repeated explorer id a suffix, in the explorer's markup up to its drawing."""
    seen, pieces, done = set(), [], 0
    for number, match in enumerate(EXPLORER_START.finditer(text)):
        uid, start = match.group(1), match.start()
        if uid not in seen:
            seen.add(uid)
            continue
        end = text.index("</svg>", start)
        drawing = re.sub(rf'(?<=["#]){re.escape(uid)}(?=["-])', f"{uid}-p{number}", text[start:end])
        pieces += [text[done:start], drawing]
        done = end
    return "".join(pieces) + text[done:]


def page_at_output_root(outdir: Path, root_doc: str) -> Path:
    """Move the single page to ``outdir/index.html``, its links to itself made local."""
    written = outdir / f"{root_doc}.html"
    text = written.read_text(encoding="utf-8")
    text = text.replace(f'href="{root_doc}.html#', 'href="#')
    text = DOCUMENT_ANCHOR.sub(lambda m: m.group(1) + m.group(2).replace("/", "-"), text)
    page = outdir / "index.html"
    page.write_text(unique_explorer_ids(text), encoding="utf-8")
    written.unlink()
    return page


def _finish(app, exception) -> None:
    if exception is None and app.builder.name == "singlehtml":
        page_at_output_root(Path(app.outdir), app.config.root_doc)


def setup(app):
    app.connect("builder-inited", _html_handlers_for_singlehtml)
    app.connect("builder-inited", _add_stylesheet)
    app.connect("doctree-resolved", _chapters_at_top_level)
    app.connect("build-finished", _finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
