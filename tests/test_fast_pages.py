"""book/_ext/fast_pages.py: meta descriptions, image sizes and maths typeset at build time."""

import importlib.util
import shutil
import types
from pathlib import Path

import pytest
from docutils.core import publish_doctree
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("fast_pages", ROOT / "book/_ext/fast_pages.py")
fast_pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fast_pages)


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
    assert html.count("<mjx-container") == 3 and 'display="true"' in html
    assert '<link rel="stylesheet" type="text/css" href="../_static/mathjax-chtml.css" />' in html
    assert "mjx-container" in (tmp_path / "_static" / "mathjax-chtml.css").read_text()
    assert '<pre>print("\\\\(")</pre>' in html, "code is left alone"
    assert done[other] == broken, "a page with a formula MathJax cannot parse keeps MathJax"
