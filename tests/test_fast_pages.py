"""book/_ext/fast_pages.py: meta descriptions, image sizes and maths typeset at build time."""

import base64
import gzip
import importlib.util
import json
import shutil
import sys
import types
from pathlib import Path

import pytest
from docutils.core import publish_doctree
from fontTools.ttLib import TTFont
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))  # as Sphinx has it: fast_pages imports its siblings
_spec = importlib.util.spec_from_file_location("fast_pages", ROOT / "book/_ext/fast_pages.py")
fast_pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fast_pages)
maths_font = sys.modules["maths_font"]


def test_description_is_the_first_real_paragraph_cut_at_a_word():
    doctree = publish_doctree("Title\n=====\n\nShort.\n\n" + "word " * 60 + "\n\nLater text.\n")
    text = fast_pages.description(doctree)
    assert text.startswith("word word") and text.endswith("…")
    assert len(text) <= fast_pages.DESCRIPTION_LENGTH
    assert "Short" not in text, "a paragraph of a few words is skipped"


def test_images_get_their_size_and_later_ones_load_lazily(tmp_path):
    (tmp_path / "_images").mkdir()
    (tmp_path / "book").mkdir()
    Image.new("RGB", (60, 30)).save(tmp_path / "_images" / "a.png")
    Image.new("RGB", (20, 10)).save(tmp_path / "_images" / "b.png")
    page = tmp_path / "book" / "p.html"
    text = (
        '<img alt="first" src="../_images/a.png" />'
        '<img alt="second" src="../_images/b.png" />'
        '<img alt="explorer" width="5" height="5" src="data:image/png;base64,AAAA">'
    )
    sized = fast_pages.sized_images(text, page, tmp_path)
    first, second, explorer = sized.split("<img")[1:]
    assert 'width="60" height="30"' in first and "lazy" not in first
    assert 'width="20" height="10"' in second and 'loading="lazy"' in second
    assert explorer == ' alt="explorer" width="5" height="5" src="data:image/png;base64,AAAA">'


PAGE = """<html><head>
<script>window.MathJax = {"loader": {}}</script>
<script defer="defer" src="../_static/mathjax/startup.js?v=1"></script>
</head><body>
<p>Inline <span class="math notranslate nohighlight">\\(x^2 &lt; 1\\)</span> and</p>
<div class="math notranslate nohighlight">
\\[\\nabla f(\\mathbf x) = 0\\]</div>
<div class="output text_latex math notranslate nohighlight">
\\[\\displaystyle 11 w^{2}\\]</div>
<pre>print("\\\\(")</pre>
</body></html>"""


def test_formulas_are_read_with_their_delimiters_removed():
    assert fast_pages.formulas(PAGE) == [
        ("x^2 < 1", False),
        ("\\nabla f(\\mathbf x) = 0", True),
        ("\\displaystyle 11 w^{2}", True),
    ]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_maths_is_typeset_at_build_time_and_mathjax_dropped(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "book").mkdir()
    app = types.SimpleNamespace(
        outdir=str(tmp_path),
        config=types.SimpleNamespace(mathjax3_config={"loader": {"load": ["input/tex-base"]}}),
    )
    app.config.mathjax3_config["loader"]["load"].append("output/chtml")
    page = tmp_path / "book" / "p.html"
    broken = PAGE.replace("x^2 &lt; 1", "\\frac{1}{")
    other = tmp_path / "book" / "q.html"
    done = fast_pages.prerender_maths(app, {page: PAGE, other: broken})
    html = done[page]
    assert "mathjax/startup.js" not in html and "window.MathJax" not in html
    assert html.count("<mjx-container") == 2 and 'display="true"' in html, (
        "a displayed formula is MathJax's CommonHTML"
    )
    assert "<math><msup><mi>x</mi><mn>2</mn></msup><mo>&lt;</mo><mn>1</mn></math>" in html, (
        "an inline formula is MathML the browser draws"
    )
    font = TTFont(tmp_path / "_static" / "fonts" / "calcopt-math.woff2")
    assert "MATH" in font and font["name"].getDebugName(1) == "CalcOpt Math", (
        "the maths font keeps its MATH table and is renamed, as its licence asks"
    )
    assert 0x1D465 in font.getBestCmap(), "the font holds the italic x a browser draws for x"
    assert '<link rel="stylesheet" type="text/css" href="../_static/mathjax-chtml.css" />' in html
    assert (
        '<link rel="preload" href="../_static/fonts/calcopt-math.woff2" as="font" '
        'type="font/woff2" crossorigin="anonymous">'
    ) in html, "a page with inline maths preloads the maths font (over HTTP)"
    assert "mjx-container" in (tmp_path / "_static" / "mathjax-chtml.css").read_text()
    assert '<pre>print("\\\\(")</pre>' in html, "code is left alone"
    assert done[other] == broken, "a page with a formula MathJax cannot parse keeps MathJax"


def test_the_maths_font_holds_the_characters_asked_for_and_few_others(tmp_path):
    path = tmp_path / "font.woff2"
    size = maths_font.write_subset("∇ℝ𝐱", path)
    cmap = TTFont(path).getBestCmap()
    assert {0x2207, 0x211D, 0x1D431, ord("a"), 0x1D44E, 0x221A} <= set(cmap), (
        "the subset holds the characters asked for, ASCII, the radical sign <msqrt> draws and "
        "the mathematical italic letters"
    )
    assert 0x222B not in cmap and 0x1D482 not in cmap, "and not ∫ or bold italic a"
    assert size < 100_000, f"the subset is under 100 KB (the whole font, 734 KB), not {size} bytes"


def test_explorers_frames_and_first_picture_move_to_static_files(tmp_path):
    (tmp_path / "book").mkdir()
    page = tmp_path / "book" / "p.html"
    picture = base64.b64encode(b"\x89PNG fake").decode()
    frames = base64.b64encode(gzip.compress(b'{"frames": []}')).decode()
    backdrops = '[null, "data:image/png;base64,B"]'
    explorer = (
        '<div class="calcopt-explorer" data-explorer="demo" id="e1">'
        '<img class="calcopt-backdrop" width="5" height="5" alt="a" '
        f'src="data:image/png;base64,{picture}">'
        f'<script type="application/json" class="calcopt-backdrops">{backdrops}</script>'
        f'<script type="application/gzip" class="calcopt-frames">{frames}</script>'
        "<script>/* explorer.js */</script></div>"
    )
    html = fast_pages.external_payloads(f"<p>before</p>{explorer}<p>after</p>", page, tmp_path)
    assert "calcopt-frames" not in html and "base64" not in html, "no payload is left inline"
    assert html.startswith("<p>before</p>") and html.endswith(
        "<script>/* explorer.js */</script></div><p>after</p>"
    )
    src = html.split('data-payload="')[1].split('"')[0]
    script = (page.parent / src).read_text()
    key = Path(src).stem
    assert script.startswith(
        f"(window.calcoptPayloads = window.calcoptPayloads || {{}})['{key}'] = "
    )
    stored = json.loads(script.split(" = ", 2)[2].rstrip(";\n"))
    assert stored == {"backdrops": [None, "data:image/png;base64,B"], "frames": frames}
    image = html.split('<img class="calcopt-backdrop"')[1].split(">")[0]
    assert 'loading="lazy"' in image and 'width="5" height="5"' in image
    image_src = image.split(' src="')[1].split('"')[0]
    assert (page.parent / image_src).read_bytes() == b"\x89PNG fake"
    again = fast_pages.external_payloads(f"<p>before</p>{explorer}<p>after</p>", page, tmp_path)
    assert again == html, "the files are named by their content: a rebuild writes the same page"


def test_sections_below_the_title_are_drawn_lazily_except_a_quizs():
    html = (
        '<article><section id="title"><h1>T</h1><pre>title code</pre>'
        '<section id="a"><h2>A</h2><pre>a</pre><mjx-container display="true">f</mjx-container>'
        '<mjx-container display="false">g</mjx-container>'
        '<section id="a1"><pre class="x">a1</pre></section></section>'
        '<section id="q"><h2>Q</h2><pre>q</pre><div class="calcopt-quiz">?</div></section>'
        '<section id="b"><pre tabindex="-1">b</pre><div class="calcopt-scroll">s</div>'
        '<div class="pst-scrollable-table-container">t</div></section></section></article>'
    )
    marked = fast_pages.lazy_sections(html)
    lazy = '<section class="calcopt-lazy" id='
    assert marked.count(lazy) == 3 and f'{lazy}"a"' in marked and f'{lazy}"a1"' in marked, (
        "every section below the title's is lazy but the one holding a quiz"
    )
    assert f'{lazy}"b"' in marked and '<section id="q">' in marked
    assert '<section id="title">' in marked
    assert marked.count('tabindex="0"') == 5, (
        "what may scroll in a lazy section is a tab stop until scrollable.js (or explorer.js) "
        "has seen whether it does: a, a1, the display formula, the explorer's figure and the "
        "table, not the title's code, the quiz section's, an inline formula or a block with a "
        "tab index of its own"
    )
    assert '<div class="calcopt-scroll" tabindex="0">' in marked
    assert '<pre tabindex="0">a</pre>' in marked
    assert '<pre tabindex="0" class="x">a1</pre>' in marked
    assert marked.replace(lazy, "<section id=").replace(' tabindex="0"', "") == html
    broken = html.replace("</section></article>", "</article>")
    assert fast_pages.lazy_sections(broken) == broken, "unbalanced sections are left as they are"


@pytest.mark.parametrize("patch", fast_pages.SCRIPT_PATCHES, ids=lambda p: p.script.name)
def test_a_theme_script_is_patched_once_to_the_same_length(tmp_path, patch):
    script = tmp_path / patch.script
    script.parent.mkdir(parents=True)
    original = f"function O(){{x{patch.original}y}}"
    script.write_text(original)
    fast_pages.patch_theme_scripts(tmp_path, [patch])
    patched = script.read_text()
    assert patch.original not in patched and patch.patched in patched
    assert len(patched) == len(original), "same length, so the theme's source map still holds"
    fast_pages.patch_theme_scripts(tmp_path, [patch])
    assert script.read_text() == patched, "a second build leaves the patched script as it is"


def test_a_theme_script_that_cannot_be_patched_is_a_warning(tmp_path, caplog):
    patch = fast_pages.SCRIPT_PATCHES[1]
    script = tmp_path / patch.script
    script.parent.mkdir(parents=True)
    script.write_text("function O(){}")
    with caplog.at_level("WARNING"):
        fast_pages.patch_theme_scripts(tmp_path, [patch])
    assert "update fast_pages.SCRIPT_PATCHES" in caplog.text, (
        "a theme whose script no longer holds the text to patch fails the strict build"
    )
    assert script.read_text() == "function O(){}"


@pytest.mark.parametrize("patch", fast_pages.SCRIPT_PATCHES, ids=lambda p: p.script.name)
def test_the_installed_theme_holds_what_is_patched(patch):
    theme = importlib.util.find_spec("pydata_sphinx_theme").submodule_search_locations[0]
    static = Path(theme) / "theme" / "pydata_sphinx_theme" / "static"
    text = (static / patch.script.relative_to("_static")).read_text()
    assert text.count(patch.original) == 1, (
        f"{patch.script} of the installed pydata-sphinx-theme holds {patch.original!r} once, as "
        f"fast_pages.SCRIPT_PATCHES expects ({patch.why})"
    )


def test_the_theme_head_script_sets_the_theme_the_theme_s_script_would():
    theme = importlib.util.find_spec("pydata_sphinx_theme").submodule_search_locations[0]
    layout = Path(theme) / "theme" / "pydata_sphinx_theme" / "layout.html"
    head = layout.read_text().replace("{{ default_mode }}", "auto")
    settled = fast_pages.settled_theme(head)
    assert head.count("dataset.mode =") == 1 and settled != head, (
        "the installed theme's head script is the one fast_pages.THEME_HEAD rewrites"
    )
    assert fast_pages.THEME_HEAD.search(settled) is None
    assert '|| "auto";' in settled and 'matchMedia("(prefers-color-scheme: dark)")' in settled, (
        "with no mode stored, the book's default mode, and its theme the system's"
    )
    match = fast_pages.THEME_HEAD.search(head)
    before, after = head[: match.start()], head[match.end() :]
    assert settled.startswith(before) and settled.endswith(after), "nothing else changes"
    assert fast_pages.settled_theme(settled) == settled, "a second build changes nothing"
    assert fast_pages.SETTLED in settled and fast_pages.SETTLED not in head, (
        "the build tells a page settled (now or by an earlier build) from one it could not settle"
    )


icon_font = sys.modules["icon_font"]
ICON_CSS = (
    '@font-face{font-family:Font Awesome\\ 6 Free;src:url("vendor/webfonts/fa-solid-900.woff2") '
    'format("woff2"),url("vendor/webfonts/fa-solid-900.ttf") format("truetype")}'
    '.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}.fa-sun:before{content:"\\f185"}'
    '.fa-moon:before{content:"\\f186"}.onthispage:after{content:"\\f107"}.x{content:"-"}'
)


def test_the_icon_font_keeps_the_icons_named_and_those_the_stylesheet_draws():
    names = icon_font.class_names(['<i class="fa-solid fa-navicon"></i>', 'x.add("fa-sun")'])
    assert names == {"fa-solid", "fa-navicon", "fa-sun"}
    assert icon_font.characters(ICON_CSS, names) == {0xF0C9, 0xF185, 0xF107}, (
        "an icon named by a page or script (through any alias) and a character another rule "
        "draws itself are kept; an icon nothing names (fa-moon) is not"
    )


def test_the_icon_fonts_of_a_bundle_are_cut_to_the_book_s_icons(tmp_path):
    theme = importlib.util.find_spec("pydata_sphinx_theme").submodule_search_locations[0]
    fonts = Path(theme) / "theme" / "pydata_sphinx_theme" / "static" / "vendor" / "fontawesome"
    original = next(fonts.rglob("fa-solid-900.woff2"))
    (tmp_path / "vendor" / "webfonts").mkdir(parents=True)
    shutil.copy(original, tmp_path / "vendor" / "webfonts" / "fa-solid-900.woff2")
    bundle = tmp_path / "bundle-1.css"
    bundle.write_text(ICON_CSS)
    icon_font.cut_icon_fonts([bundle], ['<i class="fa-solid fa-bars"></i>'])
    css = bundle.read_text()
    href = css.split('url("')[1].split('"')[0]
    assert href.startswith("fonts/fa-solid-900-") and href.endswith(".woff2")
    assert css.replace(href, "vendor/webfonts/fa-solid-900.woff2") == ICON_CSS.replace(
        '.fa-sun:before{content:"\\f185"}.fa-moon:before{content:"\\f186"}', ""
    ), "the rules of the icons no page names are dropped, and nothing else"
    cut = TTFont(tmp_path / href)
    assert set(cut.getBestCmap()) == {0xF0C9, 0xF107}, "only the icons the book shows"
    assert (tmp_path / href).stat().st_size < original.stat().st_size / 10
