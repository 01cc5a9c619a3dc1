"""Self-check questions: a few short questions at the end of every chapter, checked in the page.

A question is a :class:`Number` (typed, right within a tolerance of a target that calcopt
computes) or a :class:`Choice` (one of several options, each with its own explanation). A
chapter's questions form a :class:`Quiz`, which displays as self-contained, accessible HTML
that checks answers with a few lines of JavaScript: the same markup in JupyterLab (once the
cell has run) and in the built book (offline, without a kernel).

Each chapter's questions are declared in a module of this package, one per chapter like the
exercise checks, whose ``questions()`` computes every target with calcopt and returns the
:class:`Quiz`. The chapter shows it with one cell, at its end under "Check yourself"::

    from calcopt.quiz import descent as quiz

    quiz.questions()
"""

from .page import MAX_QUESTIONS, MIN_QUESTIONS, Quiz
from .questions import Choice, Number, Question, parse_number, rounding_tolerance

__all__ = [
    "MAX_QUESTIONS",
    "MIN_QUESTIONS",
    "Choice",
    "Number",
    "Question",
    "Quiz",
    "parse_number",
    "rounding_tolerance",
]
