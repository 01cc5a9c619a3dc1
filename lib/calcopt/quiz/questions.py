"""The two kinds of self-check question and how an answer is checked.

A :class:`Number` is answered by typing a number; it is right within an absolute tolerance of
its target, and a typed value near one of its listed ``mistakes`` gets that mistake's own
message. A :class:`Choice` is answered by picking one of its options, each with the sentence
shown after it is picked. :meth:`Number.check` and :meth:`Choice.check` are the reference for
the few lines of JavaScript that check answers in the page (``quiz.js``): the page reads the
same pattern of a number, the same tolerance and the same texts from the markup, and the
browser tests compare the two.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import _validation as check
from ..exercises import Feedback, Verdict

#: A number as a reader types it: 12, -0.25, .5, 1e-3, 2.5E+4; and a fraction, two of them
#: around a slash. The page builds its regular expressions from these same texts (digits and
#: spaces are ASCII ones in both languages).
NUMBER_PATTERN = r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
FRACTION_PATTERN = rf"({NUMBER_PATTERN}) */ *({NUMBER_PATTERN})"
_WHOLE = re.compile(rf"^{NUMBER_PATTERN}$")
_FRACTION = re.compile(rf"^{FRACTION_PATTERN}$")
#: The minus sign of typeset text, read as a hyphen-minus.
MINUS = "\u2212"

#: What the page shows before each message, by verdict.
LABELS = {
    Verdict.CORRECT: "Correct.",
    Verdict.INCORRECT: "Not yet.",
    Verdict.INVALID: "Cannot read that.",
    Verdict.UNANSWERED: "Your turn.",
}
#: The messages that do not depend on the question; ``{answer}`` is the text typed, quoted.
EMPTY_NUMBER = "Type a number in the box, then press Check."
EMPTY_CHOICE = "Pick one of the answers, then press Check."
UNREADABLE = "{answer} is not a number. Type digits such as 0.25, -3, 1e-3 or 1/8."


def parse_number(text: str) -> float:
    """The number a reader typed, or NaN if the text is not one.

    Accepts an optional sign, digits with an optional decimal point, an optional exponent, a
    fraction ``a/b`` of two such numbers, surrounding spaces, and the typeset minus sign
    ``−``. A result that is not finite (``1/0``, ``1e999``) is NaN too.

    Examples
    --------
    >>> parse_number(" 1/8 "), parse_number("−2.5e-1"), parse_number("0,5")
    (0.125, -0.25, nan)
    """
    text = text.strip().replace(MINUS, "-")
    if _WHOLE.match(text):
        value = float(text)
    elif fraction := _FRACTION.match(text):
        numerator, denominator = (float(part) for part in fraction.groups())
        value = numerator / denominator if denominator else math.nan
    else:
        value = math.nan
    return value if math.isfinite(value) else math.nan


def rounding_tolerance(target: float, digits: int) -> float:
    r"""The tolerance that accepts ``target`` typed with ``digits`` significant digits.

    .. math:: \tfrac12\cdot 10^{\lfloor\log_{10}|t|\rfloor - d + 1}

    is half a unit in the last of ``digits`` significant digits of :math:`t`: every correct
    rounding of the target, and every longer correct value, lies within it.

    Examples
    --------
    >>> rounding_tolerance(0.2192, 3), rounding_tolerance(10034, 2)
    (0.0005, 500.0)
    """
    target = check.real_scalar(target, "target")
    digits = check.count(digits, "digits")
    if target == 0:
        raise ValueError(
            "target must be nonzero to count its significant digits; give an "
            "absolute tolerance instead"
        )
    return 0.5 * 10.0 ** (math.floor(math.log10(abs(target))) - digits + 1)


def _text(value: object, name: str, kind: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(
            f"a {kind} question's {name} is the text the reader sees: a nonempty string, got "
            f"{value!r}"
        )
    return value.strip()


@dataclass(frozen=True)
class Number:
    """A question answered by typing a number.

    Parameters
    ----------
    prompt : str
        The question, in plain text (write maths with Unicode: ``f(x) = 2x²``, ``η``).
    target : float
        The right answer, computed by calcopt where the question is declared.
    tolerance : float
        An answer within this absolute distance of ``target`` is right;
        :func:`rounding_tolerance` gives the one for a number of significant digits.
    why : str
        One sentence shown after a right answer and under "Show the answer".
    hint : str
        One sentence shown after a wrong answer: how to get there, not the number.
    mistakes : sequence of (float, str)
        Values that a typical slip produces, each with its own message; a typed value within
        ``tolerance`` of one gets that message instead of the hint.

    Examples
    --------
    >>> q = Number("2/L for L = 18?", 1 / 9, 0.0005, "2/18 = 0.111.", "Divide 2 by L.")
    >>> [str(q.check(text).verdict) for text in ("0.111", "0.2", "abc", "")]
    ['correct', 'incorrect', 'invalid', 'unanswered']
    """

    prompt: str
    target: float
    tolerance: float
    why: str
    hint: str
    mistakes: tuple[tuple[float, str], ...] = ()

    def __post_init__(self):
        kind = "number"
        object.__setattr__(self, "prompt", _text(self.prompt, "prompt", kind))
        object.__setattr__(self, "target", check.real_scalar(self.target, "target"))
        object.__setattr__(self, "tolerance", check.nonnegative(self.tolerance, "tolerance"))
        object.__setattr__(self, "why", _text(self.why, "why", kind))
        object.__setattr__(self, "hint", _text(self.hint, "hint", kind))
        mistakes = tuple(
            (check.real_scalar(value, "a mistake's value"), _text(message, "mistake", kind))
            for value, message in self.mistakes
        )
        for value, _ in mistakes:
            if abs(value - self.target) <= self.tolerance:
                raise ValueError(
                    f"a mistake must be wrong: {value!r} lies within the tolerance "
                    f"{self.tolerance!r} of the target {self.target!r}"
                )
        object.__setattr__(self, "mistakes", mistakes)

    def check(self, answer: str | float | None) -> Feedback:
        """The verdict on an answer typed as text (or given as a number), with its message."""
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            return Feedback(Verdict.UNANSWERED, EMPTY_NUMBER)
        if isinstance(answer, str):
            value = parse_number(answer)
        elif isinstance(answer, int | float) and not isinstance(answer, bool):
            value = float(answer) if math.isfinite(answer) else math.nan
        else:
            value = math.nan
        if math.isnan(value):
            shown = answer.strip() if isinstance(answer, str) else repr(answer)
            return Feedback(Verdict.INVALID, UNREADABLE.format(answer=f"“{shown}”"))
        if abs(value - self.target) <= self.tolerance:
            return Feedback(Verdict.CORRECT, self.why)
        for mistake, message in self.mistakes:
            if abs(value - mistake) <= self.tolerance:
                return Feedback(Verdict.INCORRECT, message)
        return Feedback(Verdict.INCORRECT, self.hint)

    @property
    def answer_text(self) -> str:
        """The target as "Show the answer" writes it, with the decimals the tolerance asks for.

        A tolerance of half a unit in a decimal place (0.0005) asks for that place (three
        decimals); trailing zeros are dropped.
        """
        if self.tolerance == 0:
            return f"{self.target:g}"
        decimals = max(0, math.ceil(-math.log10(2 * self.tolerance) - 1e-9))
        text = f"{self.target:.{decimals}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Choice:
    """A question answered by picking one of several options.

    Parameters
    ----------
    prompt : str
        The question, in plain text.
    options : sequence of str
        Two or more answers, in the order shown.
    answer : int
        The index of the right option.
    why : str or sequence of str
        One sentence per option, shown after that option is picked (the right one's also
        under "Show the answer"), or a single sentence shown after any pick.

    Examples
    --------
    >>> q = Choice("Is 0 a minimum of x³?", ["yes", "no"], 1, ["f(−1) < 0.", "Right."])
    >>> [str(q.check(pick).verdict) for pick in (1, 0, 7, None)]
    ['correct', 'incorrect', 'invalid', 'unanswered']
    """

    prompt: str
    options: tuple[str, ...]
    answer: int
    why: tuple[str, ...]

    def __post_init__(self):
        kind = "choice"
        object.__setattr__(self, "prompt", _text(self.prompt, "prompt", kind))
        if isinstance(self.options, str) or not isinstance(self.options, Sequence):
            raise TypeError(f"options must be a sequence of strings, got {self.options!r}")
        options = tuple(_text(option, "option", kind) for option in self.options)
        if len(options) < 2 or len(set(options)) != len(options):
            raise ValueError(
                f"a choice question offers two or more different options, got {options!r}"
            )
        object.__setattr__(self, "options", options)
        answer = check.count(self.answer, "answer", minimum=0)
        if answer >= len(options):
            raise ValueError(
                f"answer is the index of the right option, 0 to {len(options) - 1}, got {answer}"
            )
        why = (self.why,) * len(options) if isinstance(self.why, str) else tuple(self.why)
        if len(why) != len(options):
            raise ValueError(
                f"why gives one sentence per option ({len(options)}) or a single sentence; "
                f"got {len(why)}"
            )
        object.__setattr__(self, "why", tuple(_text(text, "why", kind) for text in why))

    def check(self, answer: int | None) -> Feedback:
        """The verdict on a pick, given as the index of the option (None: nothing picked)."""
        if answer is None:
            return Feedback(Verdict.UNANSWERED, EMPTY_CHOICE)
        if isinstance(answer, bool) or not isinstance(answer, int):
            return Feedback(Verdict.INVALID, f"Pick an option by its index, got {answer!r}.")
        if not 0 <= answer < len(self.options):
            return Feedback(
                Verdict.INVALID,
                f"There is no option {answer}: the options are 0 to {len(self.options) - 1}.",
            )
        verdict = Verdict.CORRECT if answer == self.answer else Verdict.INCORRECT
        return Feedback(verdict, self.why[answer])

    @property
    def answer_text(self) -> str:
        """The right option, as "Show the answer" writes it."""
        return self.options[self.answer]


#: A self-check question of either kind.
Question = Number | Choice
