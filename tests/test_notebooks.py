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
CHAPTERS = sorted(BOOK.glob("0*.ipynb"))

#: A number as the prose writes it: a decimal such as 2.26 or 0.000437, an integer of three or
#: more digits such as 1506, or scientific notation such as 7.3\times 10^{-5}.
PROSE_NUMBER = re.compile(
    r"(?<![\w.^_{}\\])(?P<mantissa>\d+\.\d+|\d{3,})"
    r"(?:\s*\\times\s*10\^\{?(?P<exponent>-?\d+)\}?)?(?![\w.])"
)
#: A number as Python prints it, including 1.6e+05 and 2.2e-16.
OUTPUT_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?")
#: An angle the reader sets in a prompt, such as 180°, rather than a result.
ANGLE = re.compile(r"\d+(?:°|\^\\circ)")

#: Numbers the prose works out by hand, in front of the reader, or sets as control values.
WORKED_IN_THE_TEXT = {
    "02-derivatives": {
        "0.8": "u = v / 5 = (0.6, 0.8), in a solution",
        "27.6": "-46 * 0.6, in a solution",
        "30.4": "-38 * 0.8, in a solution",
        "290": "the raw v gives 5 * -58, in a solution",
    },
    "03-gradient": {"0.25": "0.5 squared, in the worked gradient"},
    "04-gradient-descent": {
        "0.25": "the backtracking trials 1, 0.5, 0.25, ...",
        "0.00195": "2^-9",
        "0.002": "2/L with L about 1002, printed above",
        "0.96": "a momentum the reader sets in a try-this prompt",
        "0.19998": "2 (1 - c1) / a, in a solution",
    },
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


def agrees(quoted: re.Match, text: str, values: list[float]) -> bool:
    """Whether a number quoted in prose is printed or set in ``text``, maybe rounded.

    ``2.61`` agrees with a printed 2.6111, ``51.7`` with 51.69 and ``7.3\\times 10^{-5}`` with
    7.26e-05: the quoted digits must be the computed value rounded to as many digits.
    """
    mantissa, exponent = quoted["mantissa"], quoted["exponent"]
    if exponent is None and re.search(rf"(?<![\d.]){re.escape(mantissa)}", text):
        return True
    decimals = len(mantissa.partition(".")[2])
    scale = 10.0 ** int(exponent or 0)
    return any(f"{abs(v) / scale:.{decimals}f}" == mantissa for v in values if math.isfinite(v))


def stale_numbers(path: Path) -> list[str]:
    text = computed_text(path)
    values = [float(match) for match in OUTPUT_NUMBER.findall(text)]
    by_hand = WORKED_IN_THE_TEXT.get(path.stem, {})
    found = []
    for index, cell in enumerate(cells(path)):
        if cell["cell_type"] != "markdown":
            continue
        prose = ANGLE.sub(" ", source(cell))
        for quoted in PROSE_NUMBER.finditer(prose):
            if quoted.group() not in by_hand and not agrees(quoted, text, values):
                found.append(f"cell {index}: {quoted.group()}")
    return found


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_numbers_in_the_prose_are_computed_by_the_notebook(path):
    assert stale_numbers(path) == []


@pytest.mark.parametrize("stem", WORKED_IN_THE_TEXT)
def test_numbers_worked_by_hand_are_still_in_the_text(stem):
    markdown = "\n".join(
        source(c) for c in cells(BOOK / f"{stem}.ipynb") if c["cell_type"] == "markdown"
    )
    quoted = {match.group() for match in PROSE_NUMBER.finditer(markdown)}
    assert set(WORKED_IN_THE_TEXT[stem]) <= quoted


def test_a_changed_result_is_caught():
    quoted = next(PROSE_NUMBER.finditer("the slope is 2.26 here"))
    assert agrees(quoted, "2.2591", [2.2591])
    assert not agrees(quoted, "2.2491", [2.2491])
    scientific = next(PROSE_NUMBER.finditer(r"about $7.3\times 10^{-5}$"))
    assert agrees(scientific, "7.26e-05", [7.26e-05])
    assert not agrees(scientific, "7.26e-06", [7.26e-06])


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_follows_the_pattern(path):
    """Title first, a hidden setup cell, exercises with hidden solutions, mistakes, a summary."""
    notebook = cells(path)
    markdown = "\n".join(source(c) for c in notebook if c["cell_type"] == "markdown")
    assert source(notebook[0]).startswith("# ")
    setup = next(c for c in notebook if c["cell_type"] == "code")
    assert set(setup["metadata"].get("tags", [])) & {"remove-cell", "hide-input"}
    assert "## Summary" in markdown
    if path.stem.startswith("00"):
        return
    assert "Learning objectives" in markdown or "learning objectives" in markdown
    assert markdown.count("```{exercise}") >= 4
    solutions = re.findall(r"```\{solution(?:-start)?\}[^\n]*\n((?::[^\n]*\n)*)", markdown)
    assert len(solutions) >= 4 and all(":class: dropdown" in options for options in solutions)
    assert "Common mistakes" in markdown


#: Characters of code that fit the book's code column without a scroll bar.
CODE_COLUMN = 76


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
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
    assert wide == []
