"""Every page of the book ends with its self-check questions, shown by one short cell.

The rule for a chapter (README, "Adding a chapter"): after the summary, a markdown cell
"## Check yourself" and a code cell tagged ``remove-input`` that imports the chapter's module
of ``calcopt.quiz`` and shows ``questions()``, whose committed output holds 3 to 5 questions.
"""

import importlib
import re

import pytest

from calcopt.quiz import MAX_QUESTIONS, MIN_QUESTIONS
from calcopt.quiz.page import QUESTION_CLASS

from .test_notebooks import NOTEBOOKS, cells, source

#: The self-check cell: one import of a question module, then its questions.
CELL = re.compile(r"^from calcopt\.quiz import (\w+) as quiz\n\nquiz\.questions\(\)$")
HEADING = "## Check yourself"


def self_check(path):
    """The index and the cell that shows the page's questions, or None."""
    found = [
        (index, cell)
        for index, cell in enumerate(cells(path))
        if cell["cell_type"] == "code" and "calcopt.quiz" in source(cell)
    ]
    assert len(found) <= 1, f"{path.stem} shows self-check questions in {len(found)} cells"
    return found[0] if found else (None, None)


def html_output(cell) -> str:
    outputs = [o["data"]["text/html"] for o in cell["outputs"] if "text/html" in o.get("data", {})]
    assert len(outputs) == 1, "the self-check cell has one HTML output, the questions"
    return "".join(outputs[0])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_page_ends_with_its_self_check(path):
    index, cell = self_check(path)
    assert cell is not None, (
        f"every page of the book ends with 3 to 5 self-check questions; {path.stem} has none. "
        f"Declare them in a module of calcopt.quiz and add, after the summary, a markdown cell "
        f"'{HEADING}' and a code cell tagged remove-input: 'from calcopt.quiz import NAME as "
        f"quiz' and 'quiz.questions()' (README, 'Adding a chapter')"
    )
    notebook = cells(path)
    assert CELL.match(source(cell)), (
        f"the self-check of {path.stem} is one short cell, 'from calcopt.quiz import NAME as "
        f"quiz', a blank line, 'quiz.questions()'; it is {source(cell)!r}"
    )
    assert "remove-input" in cell["metadata"].get("tags", []), (
        f"the self-check cell of {path.stem} is tagged remove-input: the page shows the "
        f"questions, not the code"
    )
    assert source(notebook[index - 1]).startswith(HEADING), (
        f"the self-check of {path.stem} comes right after a markdown cell that starts '{HEADING}'"
    )
    summary = [i for i, c in enumerate(notebook) if "## Summary" in source(c)]
    assert summary and summary[-1] < index - 1, (
        f"the self-check of {path.stem} follows the summary, at the end of the page"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_committed_questions_are_three_to_five_and_current(path):
    _, cell = self_check(path)
    if cell is None:
        pytest.skip(f"{path.stem} has no self-check (the test above fails)")
    markup = html_output(cell)
    count = markup.count(f'class="{QUESTION_CLASS}"')
    assert MIN_QUESTIONS <= count <= MAX_QUESTIONS, (
        f"a page has {MIN_QUESTIONS} to {MAX_QUESTIONS} self-check questions; {path.stem} "
        f"shows {count}"
    )
    module = CELL.match(source(cell)).group(1)
    current = importlib.import_module(f"calcopt.quiz.{module}").questions().html
    assert markup == current, (
        f"the committed questions of {path.stem} are not those calcopt.quiz.{module} makes now: "
        f"run `make execute NB={path.stem}`"
    )
