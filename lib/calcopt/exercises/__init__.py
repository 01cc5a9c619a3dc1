"""Checks for the course's code exercises.

A check takes the learner's answer and returns :class:`Feedback`: ``correct``, ``incorrect``
(with a hint about what is off), ``invalid`` (the answer is not of the expected form, for
example a string where a number belongs) or ``unanswered`` (still the placeholder ``None`` or
an unfinished stub). Checks never raise on a bad answer. One module per chapter holds that
chapter's checks.

In the static book nobody can type an answer, so there an unanswered exercise shows a neutral
invitation to run the notebook instead of the message meant for a learner in JupyterLab.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from .._book import static_book
from ..objective import Objective


class Verdict(StrEnum):
    """How an answer fared."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    INVALID = "invalid"
    UNANSWERED = "unanswered"


_LOOK = {
    Verdict.CORRECT: ("✔", "Correct", "#1b7f3b", "#e8f5ec"),
    Verdict.INCORRECT: ("✘", "Not yet", "#a3261b", "#fbeaea"),
    Verdict.INVALID: ("?", "Cannot check this answer", "#7a5a00", "#fff6dc"),
    Verdict.UNANSWERED: ("✎", "Your turn", "#355c7d", "#eef3f6"),
}

#: What an unanswered exercise says in the static book, where no answer can be typed.
RUN_TO_CHECK = (
    "run this notebook to check your answer: download it with the button at the top of the "
    "page, or open the course in JupyterLab with make lab"
)


@dataclass(frozen=True)
class Feedback:
    """The result of checking an answer: a verdict and a message meant for the learner."""

    verdict: Verdict
    message: str

    @property
    def correct(self) -> bool:
        return self.verdict is Verdict.CORRECT

    def __str__(self) -> str:
        symbol, label, _, _ = _LOOK[self.verdict]
        return f"{symbol} {label}: {self.message}"

    def _repr_html_(self) -> str:
        symbol, label, colour, background = _LOOK[self.verdict]
        static = self.verdict is Verdict.UNANSWERED and static_book()
        message = RUN_TO_CHECK if static else self.message
        return (
            f'<div class="calcopt-feedback calcopt-feedback-{self.verdict}" role="status" '
            f'style="border-left:4px solid {colour};background:{background};padding:6px 10px">'
            f"<strong>{symbol} {label}:</strong> {html.escape(message)}</div>"
        )


#: Relative tolerance for numbers typed by hand: three or four significant digits are enough.
TYPED_RTOL = 2e-3


def typed_match(answer, target) -> bool:
    """Whether a number (or every entry of an array) typed by hand agrees with ``target``.

    The tolerance is relative, :data:`TYPED_RTOL`, so ``0.333`` matches ``1/3``, with an
    absolute floor of 1e-9 for a target of zero.
    """
    return bool(np.all(np.isclose(answer, target, rtol=TYPED_RTOL, atol=1e-9)))


def correct(message: str) -> Feedback:
    return Feedback(Verdict.CORRECT, message)


def incorrect(message: str) -> Feedback:
    return Feedback(Verdict.INCORRECT, message)


def invalid(message: str) -> Feedback:
    return Feedback(Verdict.INVALID, message)


def unanswered(what: str) -> Feedback:
    """The answer is still the placeholder: say what to put there."""
    return Feedback(Verdict.UNANSWERED, f"the answer is still None; replace it with {what}")


def as_number(answer: object, what: str) -> float | Feedback:
    """The answer as a finite float, or invalid feedback saying what was expected."""
    if answer is None:
        return unanswered(what)
    if isinstance(answer, bool) or not isinstance(answer, int | float | np.integer | np.floating):
        return invalid(f"expected {what}, got {type(answer).__name__} {answer!r}")
    if not np.isfinite(answer):
        return invalid(f"expected {what}, got {answer!r}")
    return float(answer)


def as_vector(answer: object, n: int, what: str) -> np.ndarray | Feedback:
    """The answer as a finite float array of shape (n,), or invalid feedback."""
    if answer is None:
        return unanswered(what)
    try:
        vector = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return invalid(f"expected {what}, got {type(answer).__name__} {answer!r}")
    if vector.shape != (n,) or not np.all(np.isfinite(vector)):
        return invalid(f"expected {what} ({n} finite numbers), got {answer!r}")
    return vector


def as_objective(answer: object, n: int, what: str) -> Objective | Feedback:
    """The answer as an Objective with n variables, or invalid feedback."""
    if answer is None:
        return unanswered(what)
    if not isinstance(answer, Objective):
        return invalid(
            f"expected {what} built with Objective.from_sympy, got {type(answer).__name__}"
        )
    if answer.n != n:
        return invalid(f"expected {what} of {n} variables, got one of {answer.n}")
    return answer
