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
"""

import importlib
import io
import re
import shutil
from pathlib import Path

from PIL import Image

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
        ]
    },
    "tex": {"packages": {"[+]": ["ams", "boldsymbol", "configmacros", "noundefined"]}},
}

FONTAWESOME_SCRIPT = re.compile(r'\s*<script[^>]*src="[^"]*fontawesome\.js[^"]*"[^>]*></script>')


def _configure(app, config) -> None:
    config.mathjax_path = "mathjax/startup.js"
    config.mathjax3_config = {**MATHJAX_CONFIG, **(config.mathjax3_config or {})}


def _add_stylesheet(app) -> None:
    app.config.html_static_path.append(str(Path(__file__).parent / "static"))
    app.add_css_file("course.css")


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
        page.write_text(FONTAWESOME_SCRIPT.sub("", text), encoding="utf-8")
    (Path(app.outdir) / "_static" / "scripts" / "fontawesome.js").unlink(missing_ok=True)
    for image in (Path(app.outdir) / "_images").glob("*.png"):
        _palette_png(image)


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


def setup(app):
    app.connect("config-inited", _configure, priority=900)
    app.connect("builder-inited", _add_stylesheet)
    app.connect("builder-inited", _drop_thebe_scripts)
    app.connect("build-finished", _finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
