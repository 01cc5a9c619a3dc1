"""A chapter's self-check: its questions as one self-contained, accessible piece of HTML.

The same markup is the cell's output in JupyterLab and in the built book: a form per question
(a fieldset whose legend is the prompt; a labelled text box, or radio buttons; a Check button;
a status line that screen readers announce), a "Show the answer" disclosure, a short style
sheet and a few lines of plain JavaScript (``quiz.js``) that check answers exactly as
:meth:`~calcopt.quiz.Number.check` and :meth:`~calcopt.quiz.Choice.check` do. It requests
nothing, and it is the same on every run, so nbval can compare it. Without JavaScript (or in a
notebook JupyterLab does not trust) the Check buttons stay hidden and the disclosures still
show each answer.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

from .questions import (
    EMPTY_CHOICE,
    EMPTY_NUMBER,
    FRACTION_PATTERN,
    LABELS,
    MINUS,
    NUMBER_PATTERN,
    UNREADABLE,
    Choice,
    Number,
    Question,
)

#: How many questions a chapter's self-check has, at the least and at the most.
MIN_QUESTIONS, MAX_QUESTIONS = 3, 5
#: The class of each question's form in the markup (the document tests count them).
QUESTION_CLASS = "calcopt-question"
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Quiz:
    """The self-check questions of one chapter, shown as the output of a notebook cell.

    Parameters
    ----------
    name : str
        The chapter's topic in lowercase words joined by hyphens, such as
        ``"gradient-descent"``; the markup carries it as ``data-quiz``.
    questions : sequence of Number or Choice
        Three to five questions, in the order shown.

    Examples
    --------
    >>> from calcopt.quiz import Choice, Number
    >>> quiz = Quiz("demo", [
    ...     Number("1 + 1?", 2, 0, "Two.", "Count."),
    ...     Choice("Is 2 even?", ["yes", "no"], 0, "2 = 2 x 1."),
    ...     Number("2/8?", 0.25, 0.001, "A quarter.", "Divide."),
    ... ])
    >>> quiz.html.count('class="calcopt-question"'), "http" in quiz.html
    (3, False)
    """

    name: str
    questions: tuple[Question, ...]

    def __post_init__(self):
        if not isinstance(self.name, str) or not _NAME.match(self.name):
            raise ValueError(
                f"a quiz's name is its chapter's topic in lowercase words joined by hyphens, "
                f"such as 'gradient-descent'; got {self.name!r}"
            )
        if isinstance(self.questions, str) or not isinstance(self.questions, Sequence):
            raise TypeError(f"questions must be a sequence of questions, got {self.questions!r}")
        questions = tuple(self.questions)
        wrong = [type(q).__name__ for q in questions if not isinstance(q, Number | Choice)]
        if wrong:
            raise TypeError(f"every question is a Number or a Choice; got {wrong}")
        if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
            raise ValueError(
                f"a chapter's self-check has {MIN_QUESTIONS} to {MAX_QUESTIONS} questions "
                f"(short, on its key ideas); {self.name!r} has {len(questions)}"
            )
        object.__setattr__(self, "questions", questions)

    @property
    def html(self) -> str:
        """The self-contained markup: style sheet, one form per question, script."""
        asset = files("calcopt.quiz")
        texts = {
            "number": NUMBER_PATTERN,
            "fraction": FRACTION_PATTERN,
            "minus": MINUS,
            "labels": {str(verdict): label for verdict, label in LABELS.items()},
            "emptyNumber": EMPTY_NUMBER,
            "emptyChoice": EMPTY_CHOICE,
            "unreadable": UNREADABLE,
        }
        forms = "".join(_form(i, q) for i, q in enumerate(self.questions, start=1))
        return (
            f"<style>{asset.joinpath('quiz.css').read_text()}</style>"
            f'<div class="calcopt-quiz" data-quiz="{self.name}" '
            f'data-texts="{_attribute(json.dumps(texts, ensure_ascii=False))}">{forms}'
            f"<script>{asset.joinpath('quiz.js').read_text()}</script></div>"
        )

    @property
    def text(self) -> str:
        """The questions as plain text, for a console or a viewer without HTML."""
        lines = [f"Check yourself: {len(self.questions)} questions"]
        for i, question in enumerate(self.questions, start=1):
            lines.append(f"{i}. {question.prompt}")
            if isinstance(question, Choice):
                lines.extend(f"   - {option}" for option in question.options)
            else:
                lines.append("   (answer with a number)")
        return "\n".join(lines)

    def _repr_mimebundle_(self, **kwargs):
        return {"text/html": self.html, "text/plain": self.text}


def _attribute(text: str) -> str:
    return html.escape(text, quote=True)


def _form(index: int, question: Question) -> str:
    if isinstance(question, Number):
        mistakes = json.dumps([list(m) for m in question.mistakes], ensure_ascii=False)
        data = (
            f'data-kind="number" data-target="{question.target!r}" '
            f'data-tolerance="{question.tolerance!r}" data-why="{_attribute(question.why)}" '
            f'data-hint="{_attribute(question.hint)}" data-mistakes="{_attribute(mistakes)}"'
        )
        field = (
            '<label class="calcopt-number">Your answer <input type="text" name="answer" '
            'autocomplete="off" spellcheck="false"></label>'
        )
        why = question.why
    else:
        data = f'data-kind="choice" data-answer="{question.answer}"'
        field = '<div class="calcopt-options">' + "".join(
            f'<label><input type="radio" name="answer" value="{i}" '
            f'data-why="{_attribute(reason)}"> <span>{html.escape(option)}</span></label>'
            for i, (option, reason) in enumerate(zip(question.options, question.why, strict=True))
        )
        field += "</div>"
        why = question.why[question.answer]
    return (
        f'<form class="{QUESTION_CLASS}" method="dialog" {data}><fieldset>'
        f"<legend>{index}. {html.escape(question.prompt)}</legend>{field}"
        '<button type="submit" hidden>Check</button>'
        '<p class="calcopt-feedback" role="status"></p>'
        "<details><summary>Show the answer</summary><p><strong>Answer:</strong> "
        f"{html.escape(question.answer_text.rstrip('.'))}. {html.escape(why)}</p></details>"
        "</fieldset></form>"
    )
