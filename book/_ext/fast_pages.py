"""Pages that are quick and complete on a phone (issue 15, "Fast on a phone").

- **Favicon.** ``static/favicon.svg`` is the book's icon (without one, a browser asks the
  server for ``/favicon.ico`` and logs the 404).
- **Meta description.** Every page gets ``<meta name="description">`` from its first paragraph
  (shortened at a word to at most 160 characters), for search engines and link previews.
- **Images with their size.** myst-nb writes a notebook figure as ``<img>`` without a size, so
  the text below it jumps when it loads. Each image of ``_images`` gets its pixel ``width`` and
  ``height`` (the theme scales it with ``max-width: 100%; height: auto``, so the attributes only
  reserve its aspect ratio), ``decoding="async"``, and, from the page's second image on,
  ``loading="lazy"``. (The explorers' own images carry their size already.)
- **Maths typeset at build time.** MathJax typesetting in the browser was most of a chapter's
  main-thread work on a phone (seconds of blocking time under Lighthouse's CPU slowdown). After
  the build, every formula of every page goes once through the very MathJax the book ships
  (run by Node with ``static/prerender_math.js``, same configuration), and the pages get no
  MathJax script. A displayed formula becomes MathJax's CommonHTML, with one shared stylesheet
  (``_static/mathjax-chtml.css``, whose fonts are MathJax's own in ``_static/mathjax``) and its
  MathML for screen readers. An inline formula becomes MathML that the browser draws itself
  (``mathml_core.py``), in the book's maths font (``maths_font.py``, written to
  ``_static/fonts``; ``static/maths.css``): CommonHTML draws each character as an element of
  its own, and the inline formulas made half of a chapter's elements, which every style and
  layout pass of a phone went through. Displayed formulas (tables, cases, large delimiters)
  keep MathJax's exact TeX layout. A page whose formulas do not all convert, or that still
  holds TeX delimiters outside code, keeps MathJax in the browser; without Node every page does.
- **Few requests before the first paint.** On a phone's network each stylesheet the page waits
  for costs a round trip: the head's stylesheets (a dozen, from the theme and the extensions)
  become one file in ``_static`` (``bundle-<hash>.css``, in the same order, with their
  ``@import`` inlined and their ``url()`` rewritten), and the head's scripts load with
  ``defer`` (in the same order, after the page is parsed) except ``documentation_options.js``,
  which the page's inline scripts use at once: it is written into the page. Styles and
  scripts themselves are unchanged.
- **Explorers' frames outside the page.** A static explorer (``calcopt.explore.static``) carries
  every frame it can show: a chapter's explorers were three quarters of its compressed HTML,
  which a phone must download before it can draw anything. In the web pages each explorer's
  frames and backdrops move to ``_static/explorers/<hash>.js`` (the page's root element names
  the file in ``data-payload``; ``explorer.js`` loads it once the page has loaded, as a script,
  which also works from ``file://``), and the picture it shows first to
  ``_static/explorers/<hash>.<png|webp|...>``, loaded lazily. The default frame is still drawn
  in the page, so it shows without JavaScript. Notebooks and the print edition keep everything
  inline.
- **Sections drawn as they come into view.** A chapter is some 13,000 elements; a phone laid all
  of them out before it could show the first paragraph. Every section below the page's title gets
  ``class="calcopt-lazy"``, which fast.css gives ``content-visibility: auto``: the browser styles
  and lays out a section only when it nears the screen, and keeps a placeholder of its last (or an
  estimated) height meanwhile; so does each code cell and admonition (proof, exercise) directly in
  such a section, since one section can be thousands of pixels tall. Find in page, links to a
  heading and printing still see everything. Sections with a self-check quiz are left out: axe (in
  Lighthouse and in the browser tests) measures the quiz's radio buttons by hit testing, which a
  section not drawn yet does not answer. The theme's tab stops on boxes that scroll sideways read
  every box's width as the page loads, which would make the browser lay out every section at once;
  they are switched off in the theme's script (its selector list becomes one that matches nothing,
  padded to the same length so that its source map still holds) and ``static/scrollable.js`` sets
  them instead, as each section is laid out (as ``explorer.js`` does for an explorer's figure).
  Until then a code block, display formula, table or explorer figure of a section not drawn yet
  has ``tabindex="0"``, so a keyboard never skips one that scrolls. Likewise Bootstrap's
  ScrollSpy, which the theme starts at load on the page's links to headings, kept only the
  sections it found visible by reading their boxes, which laid out every section holding one (most
  of the blocking time left on a phone): it keeps every section they name (``SCRIPT_PATCHES``),
  and still marks only one the reader sees, as it watches them with an IntersectionObserver. A
  page opened at a link to a heading draws every section (fast.css): with the sections above the
  heading at estimated heights it would land far from it.
- **The colour theme named before the first paint** (``settled_theme``): the theme's head
  script now sets the light or dark theme its script would set at load, which restyled the
  whole page.
- **The icons' font cut to the book's icons** (``icon_font.py``): Font Awesome's solid style
  alone is 156 KB, fetched while the first screen is laid out, for about twenty icons.
- **fast.css** keeps the sized images' aspect ratio and draws lazy sections and their boxes
  lazily.
"""

import base64
import bisect
import hashlib
import html
import importlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

from docutils import nodes
from icon_font import cut_icon_fonts
from mathml_core import core
from maths_font import write_subset
from PIL import Image
from sphinx.util import logging

logger = logging.getLogger(__name__)

FAVICON = Path(__file__).parent / "static" / "favicon.svg"
DESCRIPTION_LENGTH = 160
IMAGE = re.compile(r"<img\b(?P<attributes>[^>]*?)\s*/?>")
SOURCE = re.compile(r'\ssrc="(?P<src>[^"]*_images/[^"]+\.(?:png|jpe?g|gif|svg))"')


def _configure(app, config) -> None:
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)


def _add_stylesheet(app) -> None:
    static = str(Path(__file__).parent / "static")
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)
    app.add_css_file("fast.css")
    if app.builder.name == "html":  # the pages _finish typesets (and writes the font for)
        app.add_css_file("maths.css")


def description(doctree) -> str:
    """The page's first paragraph as plain text, at most DESCRIPTION_LENGTH characters."""
    for paragraph in doctree.findall(nodes.paragraph):
        text = " ".join(paragraph.astext().split())
        if len(text) >= 40:
            if len(text) > DESCRIPTION_LENGTH:
                text = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
            return text
    return ""


def _meta_description(app, pagename, templatename, context, doctree) -> None:
    text = description(doctree) if doctree is not None else ""
    text = text or context.get("docstitle") or app.config.html_title or app.config.project
    escaped = text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    context["metatags"] = (
        context.get("metatags", "") + f'\n<meta name="description" content="{escaped}" />'
    )


def sized_images(text: str, page: Path, outdir: Path) -> str:
    """The page's ``_images`` pictures with width, height, async decoding, and lazy loading
    after the first."""
    seen = 0

    def size(match: re.Match) -> str:
        nonlocal seen
        attributes = match.group("attributes")
        source = SOURCE.search(attributes)
        if source is None:
            return match.group(0)
        seen += 1
        path = (page.parent / source.group("src")).resolve()
        extra = []
        if " width=" not in attributes and " height=" not in attributes and path.is_file():
            try:
                with Image.open(path) as image:
                    width, height = image.size
                extra.append(f'width="{width}" height="{height}"')
            except OSError:
                pass
        if " decoding=" not in attributes:
            extra.append('decoding="async"')
        if seen > 1 and " loading=" not in attributes:
            extra.append('loading="lazy"')
        return f"<img{attributes} {' '.join(extra)} />" if extra else match.group(0)

    return IMAGE.sub(size, text)


MATH = re.compile(
    r'<(?P<tag>span|div) class="(?P<classes>(?:output text_latex )?math notranslate nohighlight)"'
    r"(?P<attributes>[^>]*)>"
    r"(?P<body>.*?)</(?P=tag)>",
    re.S,
)
EQNO = re.compile(r'^\s*(<span class="eqno">.*?</span>)', re.S)
MATHJAX_SCRIPTS = re.compile(
    r"\s*<script>window\.MathJax = .*?</script>"
    r'|\s*<script[^>]*src="[^"]*mathjax/startup\.js[^"]*"[^>]*></script>',
    re.S,
)
#: What the browser's MathJax would still find after the formulas are replaced.
VERBATIM = re.compile(r"<(pre|script|style|code|textarea)\b.*?</\1>", re.S)
DELIMITERS = re.compile(r"\\\(|\\\[|\$\$")
STYLESHEET = "mathjax-chtml.css"
FONT = Path("fonts") / "calcopt-math.woff2"
#: The maths font is asked for at once, so that it is there when the text is first laid out
#: (static/maths.css: one that comes later moves the text around it). A font is fetched with CORS,
#: which a page opened from a folder (file://) may not use, so there the preload is left out.
FONT_PRELOAD = (
    '<script>location.protocol === "file:" || document.head.insertAdjacentHTML("beforeend", '
    '\'<link rel="preload" href="{href}" as="font" type="font/woff2" crossorigin="anonymous">\')'
    "</script>"
)
PRERENDER = Path(__file__).parent / "static" / "prerender_math.js"


def formulas(text: str) -> list[tuple[str, bool]]:
    """The TeX of every formula Sphinx wrote into a page, with whether it is displayed."""
    found = []
    for match in MATH.finditer(text):
        body = EQNO.sub("", match.group("body"))
        found.append(_tex(html.unescape(body.strip()), match.group("tag") == "div"))
    return found


def _tex(source: str, display: bool) -> tuple[str, bool]:
    for opening, closing, shown in (("\\(", "\\)", False), ("\\[", "\\]", True)):
        if source.startswith(opening) and source.endswith(closing):
            return source[2:-2], shown
    return source, display


def typeset(app, texts: list[tuple[str, bool]]) -> tuple[list, list, str] | None:
    """Every formula through MathJax under Node: its CommonHTML (None where it failed), the
    errors, and the stylesheet; None when Node or MathJax is not there."""
    node = shutil.which("node")
    if node is None or not texts:
        return None
    package = Path(importlib.import_module("sphinx-mathjax-offline").__file__).parent
    config = {k: v for k, v in (app.config.mathjax3_config or {}).items() if k != "options"}
    request = {
        "mathjax": str(package / "static" / "mathjax"),
        "fontURL": "mathjax/output/chtml/fonts/woff-v2",
        "config": config,
        "formulas": texts,
    }
    done = subprocess.run(
        [node, str(PRERENDER)], input=json.dumps(request), capture_output=True, text=True
    )
    if done.returncode != 0:
        logger.info(f"maths left to MathJax in the browser: {done.stderr.strip()[-500:]}")
        return None
    result = json.loads(done.stdout)
    return result["html"], result["errors"], result["css"]


def prerender_maths(app, pages: dict[Path, str]) -> dict[Path, str]:
    """The pages with their formulas typeset and no MathJax script, where every formula of the
    page converted; the others unchanged."""
    found = {page: formulas(text) for page, text in pages.items()}
    unique = list(dict.fromkeys(f for page in found.values() for f in page))
    result = typeset(app, unique)
    font = Path(app.outdir) / "_static" / FONT
    if result is None:
        write_subset("", font)
        return pages
    markup, errors, css = result
    kinds = [display for _, display in unique]
    markup = [m if m is None or shown else core(m) for m, shown in zip(markup, kinds, strict=True)]
    converted = dict(zip(unique, markup, strict=True))
    inline = "".join(m for m, shown in zip(markup, kinds, strict=True) if m and not shown)
    write_subset(html.unescape(re.sub(r"<[^>]*>", "", inline)), font)
    failed = {f: e for f, e in zip(unique, errors, strict=True) if e is not None}
    stylesheet = Path(app.outdir) / "_static" / STYLESHEET
    stylesheet.write_text(css, encoding="utf-8")
    changed = {}
    for page, text in pages.items():
        if "mathjax" not in text or any(f in failed for f in found[page]):
            for f in found[page]:
                if f in failed:
                    logger.info(f"{page.name}: MathJax in the browser for {f[0]!r}: {failed[f]}")
            changed[page] = text
            continue

        def replace(match: re.Match) -> str:
            eqno = EQNO.match(match.group("body"))
            body = html.unescape(EQNO.sub("", match.group("body")).strip())
            tex = _tex(body, match.group("tag") == "div")
            return (
                f'<{match.group("tag")} class="{match.group("classes")}"'
                f"{match.group('attributes')}>{eqno.group(1) if eqno else ''}"
                f"{converted[tex]}</{match.group('tag')}>"
            )

        new = MATH.sub(replace, text)
        if DELIMITERS.search(VERBATIM.sub("", new)):
            changed[page] = text
            continue
        href = os.path.relpath(stylesheet, page.parent).replace(os.sep, "/")
        new = MATHJAX_SCRIPTS.sub("", new)
        links = []
        if any(shown for _, shown in found[page]):
            links.append(f'<link rel="stylesheet" type="text/css" href="{href}" />')
        if not all(shown for _, shown in found[page]):
            font_href = os.path.relpath(font, page.parent).replace(os.sep, "/")
            links.append(FONT_PRELOAD.format(href=font_href))
        new = new.replace("</head>", "".join(f"{link}\n" for link in links) + "</head>", 1)
        changed[page] = new
    return changed


HEAD = re.compile(r"<head>.*?</head>", re.S)
STYLE_LINK = re.compile(r'[ \t]*<link\b(?=[^>]*\brel="stylesheet")[^>]*>\n?')
HREF = re.compile(r'\bhref="(?P<href>[^"?#]+)[^"]*"')
IMPORT = re.compile(r'@import\s+(?:url\()?\s*["\']?(?P<url>[^"\')]+)["\']?\s*\)?[^;]*;')
URL = re.compile(r'url\(\s*(?P<quote>["\']?)(?P<url>[^"\')]+)(?P=quote)\s*\)')
SCRIPT = re.compile(r'<script\b(?P<attributes>[^>]*\bsrc="(?P<src>[^"]+)"[^>]*)></script>')


def css_text(path: Path, target: Path, seen: set[Path] | None = None) -> str:
    """A stylesheet's text with its imports inlined and its urls relative to ``target``'s
    folder (where the bundle goes)."""
    seen = set() if seen is None else seen
    if path in seen or not path.is_file():
        return ""
    seen.add(path)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'@charset\s+"[^"]*";', "", text)

    def inline(match: re.Match) -> str:
        url = match.group("url")
        if re.match(r"^(?:[a-z]+:|/)", url):
            return match.group(0)
        return css_text((path.parent / url.split("?")[0]).resolve(), target, seen)

    def rewrite(match: re.Match) -> str:
        url = match.group("url")
        if re.match(r"^(?:[a-z]+:|/|#)", url):
            return match.group(0)
        rest = url[len(url.split("?")[0].split("#")[0]) :]
        absolute = (path.parent / url[: len(url) - len(rest)]).resolve()
        relative = os.path.relpath(absolute, target.parent).replace(os.sep, "/")
        return f'url("{relative}{rest}")'

    return URL.sub(rewrite, IMPORT.sub(inline, text))


def bundle_head(text: str, page: Path, outdir: Path, written: set[Path] | None = None) -> str:
    """The page with its head's stylesheets as one bundle and its head's scripts deferred;
    ``written`` holds the bundles this build has written already (none are written twice)."""
    written = set() if written is None else written
    head = HEAD.search(text)
    if head is None:
        return text
    static = outdir / "_static"
    links = [
        m
        for m in STYLE_LINK.finditer(head.group(0))
        if " media=" not in m.group(0) and HREF.search(m.group(0))
    ]
    files = [(page.parent / HREF.search(m.group(0)).group("href")).resolve() for m in links]
    new_head = head.group(0)
    if len(files) > 1 and all(f.is_file() and f.is_relative_to(static) for f in files):
        key = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:12]
        bundle = static / f"bundle-{key}.css"
        if bundle not in written:  # once a build (_finish then cuts its icon fonts)
            written.add(bundle)
            parts = [f"/* {f.relative_to(static)} */\n{css_text(f, bundle)}" for f in files]
            bundle.write_text("\n".join(parts), encoding="utf-8")
        href = os.path.relpath(bundle, page.parent).replace(os.sep, "/")
        first = links[0]
        tag = f'<link rel="stylesheet" type="text/css" href="{href}" />\n'
        pieces, last = [], 0
        for i, m in enumerate(links):
            pieces.append(new_head[last : m.start()])
            if i == 0:
                pieces.append(first.group(0)[: len(first.group(0)) - len(first.group(0).lstrip())])
                pieces.append(tag)
            last = m.end()
        pieces.append(new_head[last:])
        new_head = "".join(pieces)

    def defer(match: re.Match) -> str:
        attributes, source = match.group("attributes"), match.group("src").split("?")[0]
        if re.search(r"\b(?:defer|async)\b|type=\"module\"", attributes):
            return match.group(0)
        if source.endswith("documentation_options.js"):
            path = (page.parent / source).resolve()
            if path.is_file() and "</" not in (script := path.read_text(encoding="utf-8")):
                return f"<script>{script}</script>"
            return match.group(0)
        return f'<script defer="defer"{attributes}></script>'

    new_head = SCRIPT.sub(defer, new_head)
    return text[: head.start()] + new_head + text[head.end() :]


EXPLORER = re.compile(
    r'(?P<open><div class="calcopt-explorer"[^>]*)>(?P<body>.*?)'
    r'<script type="application/json" class="calcopt-backdrops">(?P<backdrops>.*?)</script>'
    r'<script type="application/gzip" class="calcopt-frames">(?P<frames>.*?)</script>',
    re.S,
)
BACKDROP = re.compile(
    r'(?P<before><img class="calcopt-backdrop"[^>]*?) '
    r'src="data:image/(?P<type>[a-z+]+);base64,(?P<data>[A-Za-z0-9+/=]+)"'
)


def external_payloads(text: str, page: Path, outdir: Path) -> str:
    """The page with each static explorer's frames and first picture in files of ``_static``."""
    folder = outdir / "_static" / "explorers"

    def written(content: bytes, name: str) -> str:
        path = folder / name
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return os.path.relpath(path, page.parent).replace(os.sep, "/")

    def picture(match: re.Match) -> str:
        content = base64.b64decode(match.group("data"))
        suffix = match.group("type").split("+")[0].replace("jpeg", "jpg")
        src = written(content, f"{hashlib.sha256(content).hexdigest()[:16]}.{suffix}")
        return f'{match.group("before")} loading="lazy" src="{src}"'

    def explorer(match: re.Match) -> str:
        data = {"backdrops": json.loads(match.group("backdrops")), "frames": match.group("frames")}
        packed = json.dumps(data, separators=(",", ":"))
        key = hashlib.sha256(packed.encode()).hexdigest()[:16]
        script = f"(window.calcoptPayloads = window.calcoptPayloads || {{}})[{key!r}] = {packed};\n"
        src = written(script.encode(), f"{key}.js")
        body = BACKDROP.sub(picture, match.group("body"))
        return f'{match.group("open")} data-payload="{src}">{body}'

    return EXPLORER.sub(explorer, text)


LAZY = "calcopt-lazy"
SECTION_TAG = re.compile(r"<section\b[^>]*>|</section>")
#: A section as docutils writes it: an id and nothing else.
SECTION_OPEN = re.compile(r'<section id="[^"]*">')
QUIZ = 'class="calcopt-quiz"'
MARKS = re.compile(
    r"(?P<section><section\b)"
    r'|(?:<pre\b|<mjx-container\b(?=[^>]*\bdisplay="true")'
    r'|<div class="(?:calcopt-scroll|pst-scrollable-table-container)")(?![^>]*\btabindex=)'
)


def lazy_sections(text: str) -> str:
    """The page with each section below its title's (but for one holding a quiz) marked
    ``calcopt-lazy``, and what may scroll sideways in those sections a tab stop: code blocks,
    display formulas, tables and explorers' figures."""
    stack, lazy = [], []
    for match in SECTION_TAG.finditer(text):
        if match.group(0) != "</section>":
            stack.append(match)
            continue
        if not stack:
            return text
        opening = stack.pop()
        inside = text[opening.end() : match.start()]
        if stack and SECTION_OPEN.fullmatch(opening.group(0)) and QUIZ not in inside:
            lazy.append((opening.start(), match.end()))
    if stack or not lazy:
        return text
    opens = {start for start, _ in lazy}
    outermost = []
    for start, end in sorted(lazy):
        if not outermost or start >= outermost[-1][1]:
            outermost.append((start, end))
    starts = [start for start, _ in outermost]

    def mark(match: re.Match) -> str:
        if match.group("section") is not None:
            return f'<section class="{LAZY}"' if match.start() in opens else match.group(0)
        i = bisect.bisect_right(starts, match.start()) - 1
        lazy_box = i >= 0 and match.start() < outermost[i][1]
        return f'{match.group(0)} tabindex="0"' if lazy_box else match.group(0)

    return MARKS.sub(mark, text)


class ScriptPatch(NamedTuple):
    """A change to a theme script of the web pages: ``original`` becomes ``patched``, a text of
    the same length, so that the script's source map still holds; ``why`` says what for."""

    script: Path
    original: str
    patched: str
    why: str


def padded(text: str, length: int) -> str:
    """``text`` with the spaces before its last character that make it ``length`` long."""
    return text[:-1] + " " * (length - len(text)) + text[-1]


#: pydata-sphinx-theme 0.16's addTabStopsToScrollableElements: what it reads the width of.
THEME_TAB_STOPS = (
    '["pre",".nboutput > .output_area",".cell_output > .output",".jp-RenderedHTMLCommon",'
    '".pst-scrollable-table-container"]'
)
#: Bootstrap 5.3's ScrollSpy, which the theme starts at load on the page's links to headings,
#: keeps the sections they name that are visible (``Bt``, which reads each one's boxes with
#: getClientRects).
SCROLLSPY_VISIBLE = ";Bt(t)&&(this._targetLinks.set("
SCRIPT_PATCHES = (
    ScriptPatch(
        Path("_static") / "scripts" / "pydata-sphinx-theme.js",
        THEME_TAB_STOPS,
        padded('[":not(*)"]', len(THEME_TAB_STOPS)),
        "static/scrollable.js sets the tab stops of what scrolls instead: the theme's read every "
        "box's width as the page loads, which laid out every section at once",
    ),
    ScriptPatch(
        Path("_static") / "scripts" / "bootstrap.js",
        SCROLLSPY_VISIBLE,
        SCROLLSPY_VISIBLE.replace("Bt(t)", "!!(t)"),
        "ScrollSpy keeps every section a link of the page names: reading the boxes of one "
        "inside a section not drawn yet laid that section out as the page loaded, and ScrollSpy "
        "only ever marks a section the reader sees (it watches them with an "
        "IntersectionObserver)",
    ),
)


def patch_theme_scripts(outdir: Path, patches=SCRIPT_PATCHES) -> None:
    """Apply each of ``patches`` to the built scripts, warning where one cannot be applied."""
    for patch in patches:
        script = outdir / patch.script
        text = script.read_text(encoding="utf-8") if script.is_file() else ""
        if patch.original in text:
            script.write_text(text.replace(patch.original, patch.patched), encoding="utf-8")
        elif patch.patched not in text:
            logger.warning(
                f"{patch.script} does not hold {patch.original!r}, which fast_pages.py changes "
                f"({patch.why}); update fast_pages.SCRIPT_PATCHES for this version of the theme"
            )


#: pydata-sphinx-theme's script in each page's head, which names the colour mode and theme
#: before the page is drawn (the mode the reader chose, or the book's default).
THEME_HEAD = re.compile(
    r'document\.documentElement\.dataset\.mode = localStorage\.getItem\("mode"\) \|\| '
    r'"(?P<mode>\w*)";\s*'
    r'document\.documentElement\.dataset\.theme = localStorage\.getItem\("theme"\) \|\| "\w*";'
)
#: What the theme's script then sets at load (its setMode): a mode other than light and dark is
#: "auto", and the theme of "auto" is the one the reader's system prefers.
SETTLED = 'const chosen = mode === "light" || mode === "dark";'
SETTLED_THEME = (
    'const mode = localStorage.getItem("mode") || "{mode}";\n'
    f"    {SETTLED}\n"
    '    document.documentElement.dataset.mode = chosen ? mode : "auto";\n'
    "    document.documentElement.dataset.theme = chosen ? mode\n"
    '      : matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";'
)


def settled_theme(text: str) -> str:
    """The page with the theme's head script setting the mode and theme its load script sets.

    On a first visit the head script named the theme "auto" (the default mode), which no
    stylesheet knows, and the theme's script set "light" or "dark" at load: the whole page was
    styled again (on a phone, a forced style recalculation of everything drawn) and, in dark
    mode, first drawn light. Values that do not change restyle nothing."""
    return THEME_HEAD.sub(
        lambda match: "{ " + SETTLED_THEME.format(mode=match.group("mode")) + " }", text, count=1
    )


BUNDLE = re.compile(r'href="[^"]*_static/(bundle-[0-9a-f]+\.css)"')


def _finish(app, exception) -> None:
    # Only the web pages: the print edition (singlehtml, book/_ext/print_edition.py) moves its
    # page after this hook, and Chromium typesets its maths before printing anyway.
    if exception is not None or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    pages = {page: page.read_text(encoding="utf-8") for page in outdir.rglob("*.html")}
    done = prerender_maths(app, pages)
    patch_theme_scripts(outdir)
    static = outdir / "_static"
    bundles, texts, written = set(), [], set()
    settled = 0
    for page, text in pages.items():
        changed = settled_theme(done[page])
        settled += SETTLED in changed  # or in a page written by an earlier build and kept
        changed = lazy_sections(external_payloads(changed, page, outdir))
        changed = bundle_head(sized_images(changed, page, outdir), page, outdir, written)
        bundles.update(BUNDLE.findall(changed))
        texts.append(changed)
        if changed != text:
            page.write_text(changed, encoding="utf-8")
    if pages and not settled:
        logger.warning(
            "no page holds pydata-sphinx-theme's head script that names the colour mode "
            "(fast_pages.THEME_HEAD): update it and SETTLED_THEME for this version of the theme"
        )
    # The scripts that may name icons: not the explorers' payloads (frames, no markup).
    scripts = [
        path.read_text(encoding="utf-8")
        for path in static.rglob("*.js")
        if not path.is_relative_to(static / "explorers")
    ]
    cut_icon_fonts(sorted(static / name for name in bundles), texts + scripts)


def setup(app):
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _add_stylesheet)
    app.connect("html-page-context", _meta_description)
    # Last: pydata-sphinx-theme writes its own pygments.css in build-finished too, and the
    # bundle must hold that one (its colours meet the contrast rules; Sphinx's default does not).
    app.connect("build-finished", _finish, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
