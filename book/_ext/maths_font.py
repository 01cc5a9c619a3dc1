"""The maths font the pages ship: Latin Modern Math, cut down to the characters they use.

Native MathML (``mathml_core.py``) is drawn with an OpenType maths font: its MATH table gives
fraction bars, script shifts, radicals and the larger sizes of stretchy delimiters. Phones seldom
have one, so the book brings ``fonts/latinmodern-math.otf`` (the TeX look MathJax's own fonts
had; GUST Font License, ``fonts/GUST-FONT-LICENSE.txt``). Whole, it is 734 KB; the build keeps
only the characters of the book's formulas, with every glyph the MATH table reaches from them
(larger variants, pieces of stretched delimiters) and the script-style alternates, as one WOFF2
file of a few tens of kilobytes. The licence asks that a modified font be renamed: the subset is
the family "CalcOpt Math".
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path(__file__).parent / "fonts" / "latinmodern-math.otf"
FAMILY = "CalcOpt Math"
#: Characters kept whatever the formulas hold: printable ASCII, the radical sign (which a browser
#: draws for ``<msqrt>`` although no text holds it), and the mathematical italic
#: letters, Latin (U+1D434 to U+1D467, with U+210E for h), Greek (U+1D6E2 to U+1D71B) and the
#: dotless i and j, which a browser draws for every single-letter ``<mi>`` (MathML Core's
#: ``text-transform: math-auto``).
ITALIC = [0x210E, *range(0x1D434, 0x1D468), 0x1D6A4, 0x1D6A5, *range(0x1D6E2, 0x1D71C)]
ALWAYS = "".join(chr(c) for c in [*range(0x20, 0x7F), 0x221A, *ITALIC])


def write_subset(text: str, target: Path) -> int:
    """Write the WOFF2 subset holding every character of ``text`` (and ``ALWAYS``) to
    ``target``; return its size in bytes."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.drop_tables = [*options.drop_tables, "FFTM"]  # FontForge's timestamps
    font = TTFont(SOURCE)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + ALWAYS)
    subsetter.subset(font)
    names = font["name"]
    for record in names.names:
        if record.nameID in (1, 4, 16):
            record.string = FAMILY
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "")
    target.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff2"
    font.save(target)
    return target.stat().st_size
