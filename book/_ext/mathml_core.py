"""MathJax's MathML, rewritten so that browsers draw it natively, as MathML Core defines it.

MathJax turns TeX into MathML (presentation markup, MathML 3). Every current browser draws
MathML, but Chromium draws only MathML Core, the subset of MathML 3 written as CSS, and ignores
the rest. The parts of MathJax's output outside that subset are written here in Core's terms:

- ``mathvariant`` (``\\mathbf``, ``\\boldsymbol``, ``\\mathbb``, ``\\mathcal``, ...): Core keeps it
  only as ``normal`` on ``<mi>``. The characters become their styled forms in Unicode's
  Mathematical Alphanumeric Symbols (``x`` in bold is U+1D431 MATHEMATICAL BOLD SMALL X; a
  double-struck R is U+211D, one of the letterlike symbols Unicode had before), which the maths
  font draws. A character with no styled form keeps ``mathvariant`` and gets the CSS weight or
  slant instead.
- ``<mtable>``'s ``columnalign``, ``columnspacing`` and ``rowspacing``: Core lays a table out as
  a CSS table, so each cell gets the ``text-align`` and padding these attributes asked for
  (half of a spacing on each side of the gap, none on the table's outer edges).
- Named spaces (``thickmathspace``, for ``lspace`` and ``rspace``): their lengths in ``em``.
- A sign that TeX reads as unary (``= -\\lambda``, ``(-1``, ``, +x``: after another operator that
  is not a closing fence, or first in its row) gets no space around it, as in TeX. MathJax's
  CommonHTML applies that TeX rule itself; MathML leaves it to the browser, which spaces every
  sign that is not first in its row as a binary operator. Likewise ``/`` and ``.``, which TeX
  sets as ordinary symbols and MathML's operator dictionary spaces as operators, get none.
- An operator name (``\\tanh``, ``\\log``, ``\\max``: a word followed by the invisible function
  application, U+2061) gets TeX's thin space from an ordinary symbol before it
  (``w\\,\\tanh``, ``)\\,\\tanh``) and before an argument that is not in brackets
  (``\\log\\,x``), which MathML does not add.
- Operators in a sub- or superscript or a limit (``_{k=1}``, ``_{2,k}``) get no space, as TeX
  sets relations, binary operators and punctuation in script style.

The rewrite also drops the XML namespace (in an HTML page the parser puts ``<math>`` in the
MathML namespace by itself) and the indentation between elements.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET

NAMESPACE = "{http://www.w3.org/1998/Math/MathML}"
TOKENS = {"mi", "mn", "mo", "mtext", "ms"}
#: Unicode's name for each ``mathvariant``'s alphabet (``MATHEMATICAL <name> SMALL X``).
ALPHABETS = {
    "bold": "BOLD",
    "italic": "ITALIC",
    "bold-italic": "BOLD ITALIC",
    "double-struck": "DOUBLE-STRUCK",
    "script": "SCRIPT",
    "bold-script": "BOLD SCRIPT",
    "fraktur": "FRAKTUR",
    "bold-fraktur": "BOLD FRAKTUR",
    "sans-serif": "SANS-SERIF",
    "bold-sans-serif": "SANS-SERIF BOLD",
    "sans-serif-italic": "SANS-SERIF ITALIC",
    "sans-serif-bold-italic": "SANS-SERIF BOLD ITALIC",
    "monospace": "MONOSPACE",
}
#: Letters whose styled forms Unicode encoded before the mathematical alphabets, under names
#: of their own (every other hole of those alphabets is one of these).
OLDER_NAMES = {
    ("ITALIC", "SMALL H"): "PLANCK CONSTANT",
    **{("FRAKTUR", f"CAPITAL {c}"): f"BLACK-LETTER CAPITAL {c}" for c in "CHIRZ"},
}
NAMED_SPACES = {
    "veryverythinmathspace": "0.0556em",
    "verythinmathspace": "0.1111em",
    "thinmathspace": "0.1667em",
    "mediummathspace": "0.2222em",
    "thickmathspace": "0.2778em",
    "verythickmathspace": "0.3333em",
    "veryverythickmathspace": "0.3889em",
}
SIGNS = {"+", "\u2212", "-", "\u00b1", "\u2213"}
#: Operators TeX sets as ordinary symbols, with no space around them.
ORDINARY = {"/", "."}
CLOSING = {")", "]", "}", "|", "\u2016", "\u27e9", "\u2309", "\u230b"}
APPLY = "\u2061"
OPENING = {"(", "[", "{", "|", "\u2016", "\u27e8", "\u2308", "\u230a"}
THIN = "0.1667em"
#: MathML's defaults for a table's spacing.
COLUMN_SPACING, ROW_SPACING = "0.8em", "1.0ex"


def styled(char: str, variant: str) -> str | None:
    """``char`` in the Unicode alphabet of ``mathvariant`` ``variant``; None if it has none.

    >>> styled("x", "bold"), styled("R", "double-struck"), styled("γ", "bold-italic")
    ('𝐱', 'ℝ', '𝜸')
    """
    alphabet = ALPHABETS.get(variant)
    name = unicodedata.name(char, "")
    if alphabet is None or not name:
        return None
    letter = (
        name.replace("LATIN ", "")
        .replace("GREEK ", "")
        .replace(" LETTER ", " ")
        .replace("LUNATE ", "")
    )
    candidates = [f"MATHEMATICAL {alphabet} {letter}", f"{alphabet} {letter}"]
    if (alphabet, letter) in OLDER_NAMES:
        candidates.insert(0, OLDER_NAMES[(alphabet, letter)])
    for candidate in candidates:
        try:
            return unicodedata.lookup(candidate)
        except KeyError:
            continue
    return None


def _restyle_token(token: ET.Element) -> None:
    variant = token.get("mathvariant")
    if variant is None or variant == "normal" or not token.text:
        return
    chars = [styled(c, variant) for c in token.text]
    if all(chars):
        token.text = "".join(chars)
        del token.attrib["mathvariant"]
        return
    css = []
    if "bold" in variant:
        css.append("font-weight: bold")
    if "italic" in variant:
        css.append("font-style: italic")
    if css:
        token.set("style", "; ".join(css))


def _half(length: str) -> str:
    return f"calc({length} / 2)"


def _lay_out_table(table: ET.Element) -> None:
    aligns = table.attrib.pop("columnalign", "center").split()
    columns = table.attrib.pop("columnspacing", COLUMN_SPACING).split()
    rows = table.attrib.pop("rowspacing", ROW_SPACING).split()
    table_rows = [row for row in table if row.tag == "mtr"]
    for i, row in enumerate(table_rows):
        cells = [cell for cell in row if cell.tag == "mtd"]
        for j, cell in enumerate(cells):
            top = _half(rows[min(i - 1, len(rows) - 1)]) if i > 0 else "0"
            bottom = _half(rows[min(i, len(rows) - 1)]) if i < len(table_rows) - 1 else "0"
            left = _half(columns[min(j - 1, len(columns) - 1)]) if j > 0 else "0"
            right = _half(columns[min(j, len(columns) - 1)]) if j < len(cells) - 1 else "0"
            align = aligns[min(j, len(aligns) - 1)]
            cell.set("style", f"text-align: {align}; padding: {top} {right} {bottom} {left}")


def _is_unary(sign: ET.Element, before: ET.Element | None) -> bool:
    if sign.tag != "mo" or sign.text not in SIGNS:
        return False
    return before is None or (
        before.tag == "mo"
        and before.text not in CLOSING
        and before.get("data-mjx-texclass") != "CLOSE"
    )


def _space_operator_names(row: ET.Element) -> None:
    children = list(row)
    for k, child in enumerate(children):
        if child.tag != "mo" or child.text != APPLY or k == 0:
            continue
        after = children[k + 1] if k + 1 < len(children) else None
        if after is not None and not (after.tag == "mo" and after.text in OPENING):
            child.set("rspace", THIN)
        before = children[k - 2] if k >= 2 else None
        if before is not None and (before.tag != "mo" or before.text in CLOSING):
            row.insert(list(row).index(children[k - 1]), ET.Element("mspace", width=THIN))


SCRIPTED = {"msub", "msup", "msubsup", "munder", "mover", "munderover", "mmultiscripts"}


def _unspace_scripts(root: ET.Element) -> None:
    for scripted in root.iter():
        if scripted.tag not in SCRIPTED:
            continue
        for script in list(scripted)[1:]:
            for operator in script.iter("mo"):
                if operator.text != APPLY:
                    operator.set("lspace", "0")
                    operator.set("rspace", "0")


def core(mathml: str) -> str:
    """MathJax's MathML for one formula, as MathML Core (see the module's docstring).

    >>> core('<math><mi mathvariant="bold">x</mi></math>')
    '<math><mi>𝐱</mi></math>'
    """
    root = ET.fromstring(mathml)
    for element in root.iter():
        element.tag = element.tag.removeprefix(NAMESPACE)
        if element.tag not in TOKENS and element.text and not element.text.strip():
            element.text = None
        if element.tail and not element.tail.strip():
            element.tail = None
    for element in root.iter():
        if element.tag in TOKENS:
            _restyle_token(element)
        elif element.tag == "mtable":
            _lay_out_table(element)
        for side in ("lspace", "rspace"):
            if element.get(side) in NAMED_SPACES:
                element.set(side, NAMED_SPACES[element.get(side)])
        if element.tag in ("math", "mrow", "mstyle", "mtd", "msqrt", "mpadded"):
            children = list(element)
            for before, child in zip([None, *children], children, strict=False):
                if _is_unary(child, before) or (child.tag == "mo" and child.text in ORDINARY):
                    child.set("lspace", "0")
                    child.set("rspace", "0")
            _space_operator_names(element)
    _unspace_scripts(root)
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)
