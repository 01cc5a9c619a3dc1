"""Running a function the learner wrote, for the checks of code exercises.

A check receives the learner's answer, which should be a function. These helpers turn the ways
it can fall short into feedback: still the placeholder None, not a function, raising when it is
called, or a stub whose body still returns None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from . import Feedback, Verdict, invalid, unanswered


def not_a_function(answer: object, what: str) -> Feedback | None:
    """Feedback if ``answer`` is None or cannot be called, else None."""
    if answer is None:
        return unanswered(what)
    if not callable(answer):
        return invalid(f"expected {what}, got {type(answer).__name__}")
    return None


def run(answer: Callable, args: Sequence, call: str, todo: str) -> object:
    """``answer(*args)``, or feedback if it raises or still returns None.

    ``call`` is how the call reads (``"descend(grad, x0, lr, steps)"``); ``todo`` says what its
    body should do, for a stub that still returns None. Exceptions that are not ``Exception``s
    (such as a check's own signal to stop a runaway loop) pass through.
    """
    try:
        value = answer(*args)
    except Exception as error:  # the learner's code may fail in any way
        return invalid(f"{call} raised {type(error).__name__}: {error}")
    if value is None:
        name = call.partition("(")[0]
        return Feedback(Verdict.UNANSWERED, f"{name} still returns None: {todo}")
    return value
