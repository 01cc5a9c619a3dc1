"""book/_ext/mathml_core.py: MathJax's MathML rewritten in MathML Core's terms."""

import sys
import unicodedata
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
from mathml_core import ALPHABETS, core, styled

MATHML = '<math xmlns="http://www.w3.org/1998/Math/MathML">{}</math>'


@pytest.mark.parametrize(
    ("char", "variant", "name"),
    [
        ("x", "bold", "MATHEMATICAL BOLD SMALL X"),
        ("A", "bold", "MATHEMATICAL BOLD CAPITAL A"),
        ("2", "bold", "MATHEMATICAL BOLD DIGIT TWO"),
        ("θ", "bold-italic", "MATHEMATICAL BOLD ITALIC SMALL THETA"),
        ("ϵ", "bold-italic", "MATHEMATICAL BOLD ITALIC EPSILON SYMBOL"),
        ("∇", "bold", "MATHEMATICAL BOLD NABLA"),
        ("R", "double-struck", "DOUBLE-STRUCK CAPITAL R"),  # U+211D, not in the maths block
        ("E", "double-struck", "MATHEMATICAL DOUBLE-STRUCK CAPITAL E"),
        ("L", "script", "SCRIPT CAPITAL L"),  # U+2112
        ("D", "script", "MATHEMATICAL SCRIPT CAPITAL D"),
        ("h", "italic", "PLANCK CONSTANT"),  # U+210E, the hole in the italic alphabet
    ],
)
def test_styled_characters_are_unicodes_mathematical_letters(char, variant, name):
    assert unicodedata.name(styled(char, variant)) == name


def test_every_latin_letter_has_each_alphabets_form():
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for variant in ALPHABETS:
        missing = [c for c in letters if styled(c, variant) is None]
        assert not missing, f"mathvariant {variant!r} has a Unicode form for every Latin letter"


def test_variants_become_characters_and_unknown_ones_keep_their_styling():
    out = core(
        MATHML.format(
            '<mi mathvariant="bold">x</mi><mn mathvariant="bold">10</mn>'
            '<mi mathvariant="normal">sin</mi><mi mathvariant="bold">⊤</mi>'
        )
    )
    assert out == (
        '<math><mi>𝐱</mi><mn>𝟏𝟎</mn><mi mathvariant="normal">sin</mi>'
        '<mi mathvariant="bold" style="font-weight: bold">⊤</mi></math>'
    )


def test_table_attributes_become_cell_styles_with_half_gaps_inside_only():
    table = (
        '<mtable columnalign="right left" columnspacing="0em 2em" rowspacing="3pt">'
        "<mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr>"
        "<mtr><mtd><mi>c</mi></mtd><mtd><mi>d</mi></mtd></mtr></mtable>"
    )
    out = core(MATHML.format(table))
    assert "columnalign" not in out and "columnspacing" not in out and "rowspacing" not in out
    styles = [part.split('"')[0] for part in out.split('<mtd style="')[1:]]
    assert styles == [
        "text-align: right; padding: 0 calc(0em / 2) calc(3pt / 2) 0",
        "text-align: left; padding: 0 0 calc(3pt / 2) calc(0em / 2)",
        "text-align: right; padding: calc(3pt / 2) calc(0em / 2) 0 0",
        "text-align: left; padding: calc(3pt / 2) 0 0 calc(0em / 2)",
    ]


def test_named_spaces_and_indentation_are_written_out():
    out = core(MATHML.format('\n  <mrow>\n    <mo lspace="thickmathspace">=</mo>\n  </mrow>\n'))
    assert out == '<math><mrow><mo lspace="0.2778em">=</mo></mrow></math>'


@pytest.mark.parametrize(
    ("row", "unary"),
    [
        ("<mi>f</mi><mo>=</mo><mo>−</mo><mi>λ</mi>", True),  # = -\lambda
        ('<mo stretchy="false">(</mo><mo>−</mo><mn>1</mn>', True),  # (-1
        ("<mo>−</mo><mi>x</mi>", True),  # -x, first in its row
        ("<mi>a</mi><mo>−</mo><mi>b</mi>", False),  # a - b
        ('<mo stretchy="false">)</mo><mo>−</mo><mi>b</mi>', False),  # (a) - b
    ],
)
def test_a_sign_tex_reads_as_unary_gets_no_space(row, unary):
    out = core(MATHML.format(row))
    spaced = '<mo lspace="0" rspace="0">−</mo>' in out
    assert spaced == unary, f"TeX reads the sign in {row!r} as {'unary' if unary else 'binary'}"


def test_a_slash_is_set_without_space_as_in_tex():
    out = core(MATHML.format("<mn>5</mn><mo>/</mo><mi>r</mi>"))
    assert out == '<math><mn>5</mn><mo lspace="0" rspace="0">/</mo><mi>r</mi></math>'


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # w_2 \tanh(s): thin space from the symbol before, none before the bracket
        (
            "<mi>w</mi><mi>tanh</mi><mo>\u2061</mo><mo>(</mo><mi>s</mi><mo>)</mo>",
            '<mi>w</mi><mspace width="0.1667em"></mspace><mi>tanh</mi><mo>\u2061</mo><mo>(</mo>',
        ),
        # \log x: thin space before an argument without brackets
        (
            "<mi>log</mi><mo>\u2061</mo><mi>x</mi>",
            '<mi>log</mi><mo rspace="0.1667em">\u2061</mo><mi>x</mi>',
        ),
        # = \max(...): the relation spaces it already
        (
            "<mi>y</mi><mo>=</mo><mi>max</mi><mo>\u2061</mo><mo>(</mo>",
            "<mo>=</mo><mi>max</mi><mo>\u2061</mo><mo>(</mo>",
        ),
    ],
)
def test_operator_names_get_texs_thin_spaces(row, expected):
    assert expected in core(MATHML.format(row))


def test_operators_in_scripts_and_limits_are_set_tight():
    out = core(MATHML.format("<msub><mi>w</mi><mrow><mn>2</mn><mo>,</mo><mi>k</mi></mrow></msub>"))
    assert '<mo lspace="0" rspace="0">,</mo>' in out, "w_{2,k} has no space after its comma"
    limit = "<mrow><mi>k</mi><mo>=</mo><mn>1</mn></mrow>"
    out = core(MATHML.format(f"<munder><mo>∑</mo>{limit}</munder>"))
    assert "<mo>∑</mo>" in out and '<mo lspace="0" rspace="0">=</mo>' in out, (
        "the limit k=1 is tight; the sum itself keeps its spacing"
    )
