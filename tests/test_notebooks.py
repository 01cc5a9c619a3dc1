"""The chapter notebooks as documents: their structure, and prose that agrees with their outputs.

nbval checks that the committed outputs are current; these tests check what nbval cannot: that
a number the prose quotes is one the notebook computes, so that re-executing a changed lesson
(``make execute``) cannot leave a stale number in the text.
"""

import json
import math
import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[1] / "book"
#: The numbered chapters (and chapter 0), which follow the chapter pattern.
CHAPTERS = sorted(BOOK.glob("0*.ipynb"))
#: Every notebook of the book, chapters and pages such as "Linear algebra you need": their
#: quoted numbers must be computed and their shown code must fit the code column.
NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))

#: A number as the prose writes it: a decimal such as 2.26 or 0.000437, an integer of three or
#: more digits such as 1506, or scientific notation such as 7.3\times 10^{-5}.
PROSE_NUMBER = re.compile(
    r"(?<![\w.^_{}\\])(?P<mantissa>\d+\.\d+|\d{3,})"
    r"(?:\s*\\times\s*10\^\{?(?P<exponent>-?\d+)\}?)?(?![\w.])"
)
#: A number as code sets it or Python prints it: 250, 0.5, .5, 1e-3, 1.6e+05, 1.e-05. Digits
#: inside a word (x1, float64, the 250 of "Figure size 1000x250") are not numbers.
COMPUTED_NUMBER = re.compile(r"(?<![\w.])(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?(?!\w)", re.IGNORECASE)
#: An angle the reader sets in a prompt, such as 180°, rather than a result.
ANGLE = re.compile(r"\d+(?:°|\^\\circ)")

#: A MyST comment (not shown in the book) in a markdown cell listing the numbers its prose works
#: out by hand in front of the reader, or sets as control values, each with how:
#: "% by hand: 0.8 = 4 / 5; 27.6 = 46 x 0.6". It exempts those numbers in that cell only.
BY_HAND = re.compile(r"^% by hand: (.+)$", re.MULTILINE)


def worked_by_hand(cell: dict) -> set[str]:
    """The numbers a markdown cell declares worked by hand (its "% by hand:" comment)."""
    return {
        item.split()[0].rstrip(",:")
        for line in BY_HAND.findall(source(cell))
        for item in line.split(";")
        if item.strip()
    }


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def computed_text(path: Path) -> str:
    """Every code cell's source and its text outputs (what the notebook computes or sets)."""
    parts = []
    for cell in cells(path):
        if cell["cell_type"] != "code":
            continue
        parts.append(source(cell))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            parts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def numbers_in(text: str) -> list[float]:
    """The values of the numbers written in ``text`` (code or printed output)."""
    return [float(number) for number in COMPUTED_NUMBER.findall(text)]


def agrees(quoted: re.Match, values: list[float]) -> bool:
    """Whether a number quoted in prose is one of ``values`` rounded to the quoted digits.

    ``2.61`` agrees with 2.6111, ``51.7`` with 51.69 and ``7.3\\times 10^{-5}`` with 7.26e-05;
    ``2.26`` agrees with neither 2.2691 nor 12.26, though its digits appear in both.
    """
    mantissa, exponent = quoted["mantissa"], quoted["exponent"]
    decimals = len(mantissa.partition(".")[2])
    scale = 10.0 ** int(exponent or 0)
    return any(f"{abs(v) / scale:.{decimals}f}" == mantissa for v in values if math.isfinite(v))


def prose(cell: dict) -> str:
    """A markdown cell's text without its comments and the angles a reader sets."""
    return ANGLE.sub(" ", BY_HAND.sub(" ", source(cell)))


def stale_numbers(path: Path) -> list[str]:
    values = numbers_in(computed_text(path))
    found = []
    for index, cell in enumerate(cells(path)):
        if cell["cell_type"] != "markdown":
            continue
        by_hand = worked_by_hand(cell)
        for quoted in PROSE_NUMBER.finditer(prose(cell)):
            if quoted.group() not in by_hand and not agrees(quoted, values):
                found.append(f"cell {index}: {quoted.group()}")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_numbers_in_the_prose_are_computed_by_the_notebook(path):
    stale = stale_numbers(path)
    assert stale == [], (
        f"every number the prose quotes must be a value that a code cell sets or prints, rounded "
        f"to the quoted digits; {path.stem} quotes numbers it does not compute: {stale}. Print "
        f"each in a short code cell and run `make execute NB={path.stem}`, or, only if the text "
        f"works it out by hand in front of the reader, add to that markdown cell a comment line "
        f"'% by hand: <number> = <how>' (MyST hides it)"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_numbers_worked_by_hand_are_still_in_the_text(path):
    gone = [
        f"cell {index}: {sorted(declared - quoted)}"
        for index, cell in enumerate(cells(path))
        if cell["cell_type"] == "markdown"
        and (declared := worked_by_hand(cell))
        and not declared <= (quoted := {m.group() for m in PROSE_NUMBER.finditer(prose(cell))})
    ]
    assert gone == [], (
        f"a '% by hand:' comment lists only numbers its cell still quotes; {path.stem} lists "
        f"numbers its text no longer quotes: {gone}; remove them from the comment"
    )


@pytest.mark.parametrize(
    ("prose", "printed", "rule"),
    [
        ("the slope is 2.61", "2.6111", "a value rounded to the quoted digits agrees"),
        ("the gap is 51.7", "[51.69, 3.0]", "a value rounded to the quoted digits agrees"),
        (r"about $7.3\times 10^{-5}$", "7.26e-05", "scientific notation agrees when rounded"),
        ("at most 250 steps", "max_iter=250", "a value the code sets agrees"),
        ("a step of 0.5", "x - .5 * g", "a value written without its leading zero agrees"),
    ],
)
def test_a_quoted_number_agrees_with_a_value_that_rounds_to_it(prose, printed, rule):
    quoted = next(PROSE_NUMBER.finditer(prose))
    assert agrees(quoted, numbers_in(printed)), f"{rule}: {quoted.group()!r} and {printed!r}"


@pytest.mark.parametrize(
    ("prose", "printed", "rule"),
    [
        ("the slope is 2.26", "2.2491", "a different value does not agree"),
        ("the slope is 2.26", "2.2691", "a longer number that starts with the digits does not"),
        ("the slope is 2.26", "12.26", "a longer number that ends with the digits does not"),
        ("1506 steps", "15061", "an integer inside a longer integer does not agree"),
        ("at most 250 steps", "<Figure size 1000x250 with 2 Axes>", "a figure size does not"),
        ("the weight 64.0", "np.float64(2.0)", "digits in a name do not agree"),
        (r"about $7.3\times 10^{-5}$", "7.26e-06", "another power of ten does not agree"),
    ],
)
def test_a_quoted_number_disagrees_with_anything_else(prose, printed, rule):
    quoted = next(PROSE_NUMBER.finditer(prose))
    assert not agrees(quoted, numbers_in(printed)), f"{rule}: {quoted.group()!r} and {printed!r}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_follows_the_pattern(path):
    """Title first, a hidden setup cell, exercises with hidden solutions, mistakes, a summary."""
    name, notebook = path.stem, cells(path)
    markdown = "\n".join(source(c) for c in notebook if c["cell_type"] == "markdown")
    first_line = source(notebook[0]).partition("\n")[0]
    assert first_line.startswith("# "), (
        f"a chapter opens with its title, a first cell starting '# '; {name} opens with "
        f"{first_line!r}"
    )
    setup = next(c for c in notebook if c["cell_type"] == "code")
    tags = setup["metadata"].get("tags", [])
    assert {"remove-cell", "hide-input"} & set(tags), (
        f"the first code cell is the setup cell, hidden by the tag remove-cell or hide-input; "
        f"{name}'s first code cell has the tags {tags}"
    )
    assert re.search(r"^(import|from) calcopt\b", source(setup), re.MULTILINE), (
        f"the hidden setup cell imports calcopt; {name}'s first code cell does not"
    )
    assert "## Summary" in markdown, (
        f"a chapter ends with a '## Summary' section of the key formulas; {name} has none"
    )
    if name.startswith("00"):
        return
    assert "learning objectives" in markdown.lower(), (
        f"a chapter states its learning objectives under the words 'Learning objectives'; "
        f"{name} does not"
    )
    exercises = markdown.count("```{exercise}")
    assert exercises >= 4, f"a chapter needs at least 4 {{exercise}} blocks; {name} has {exercises}"
    solutions = re.findall(r"```\{solution(?:-start)?\}[^\n]*\n((?::[^\n]*\n)*)", markdown)
    assert len(solutions) == exercises, (
        f"every {{exercise}} needs its {{solution}} (or {{solution-start}}); {name} has "
        f"{exercises} exercises and {len(solutions)} solutions"
    )
    shown = sum(":class: dropdown" not in options for options in solutions)
    assert shown == 0, (
        f"solutions are hidden until the reader opens them: give every {{solution}} the option "
        f"':class: dropdown'; {shown} of {name}'s {len(solutions)} solutions lack it"
    )
    assert "Common mistakes" in markdown, (
        f"a chapter has a 'Common mistakes' box ({{admonition}} or {{warning}} titled so); "
        f"{name} has none"
    )


#: Characters of code that fit the book's code column without a scroll bar.
CODE_COLUMN = 76


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_shown_code_fits_the_page(path):
    """Code cells the page shows open have no line wider than the code column."""
    hidden = {"hide-input", "remove-cell", "remove-input"}
    wide = [
        f"cell {index}: {line}"
        for index, cell in enumerate(cells(path))
        if cell["cell_type"] == "code" and not hidden & set(cell["metadata"].get("tags", []))
        for line in source(cell).splitlines()
        if len(line) > CODE_COLUMN
    ]
    assert wide == [], (
        f"shown code fits the book's code column of {CODE_COLUMN} characters, with no scroll "
        f"bar; shorten or split these lines of {path.stem}, or hide the cell: {wide}"
    )
