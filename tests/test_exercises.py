"""Every exercise check gives different feedback to a right, a wrong and a malformed answer."""

import sympy as sp

from calcopt import Objective
from calcopt import functions as fn
from calcopt.exercises import Feedback, Verdict
from calcopt.exercises import getting_started as ch0

x, y = sp.symbols("x y")


def verdicts(*feedback: Feedback):
    return [f.verdict for f in feedback]


def test_feedback_renders_as_text_and_html():
    feedback = ch0.check_booth(None)
    assert str(feedback).startswith("✎ Your turn: the answer is still None")
    assert 'role="status"' in feedback._repr_html_()


def test_an_unanswered_exercise_invites_the_reader_of_the_static_book_to_run_it(monkeypatch):
    """Nobody can type an answer on the static page: there the box says how to run it."""
    feedback = ch0.check_booth(None)
    assert "still None" in feedback._repr_html_()
    monkeypatch.setenv("CALCOPT_EXPLORERS", "static")
    page = feedback._repr_html_()
    assert "run this notebook to check your answer" in page and "still None" not in page
    wrong = ch0.check_booth("g")
    assert "got str" in wrong._repr_html_(), "other verdicts show their message in the book"


def test_check_booth():
    right = ch0.check_booth(
        Objective.from_sympy((2 * y + x - 7) ** 2 + (y + 2 * x - 5) ** 2, (x, y), name="g")
    )
    wrong = ch0.check_booth(
        Objective.from_sympy((x + 2 * y - 7) ** 2 + (2 * x + y + 5) ** 2, (x, y), name="g")
    )
    one_variable = ch0.check_booth(fn.wavy)
    malformed = ch0.check_booth("(x + 2y - 7)^2")
    assert verdicts(right, wrong, one_variable, malformed) == [
        Verdict.CORRECT,
        Verdict.INCORRECT,
        Verdict.INVALID,
        Verdict.INVALID,
    ]
    assert "at (x, y) = (1, 3) Booth's function is 0 but yours gives 100" in wrong.message
    assert "2 variables" in one_variable.message
    assert "got str" in malformed.message


def test_check_learning_rate_explains_each_failure():
    start = [-1.0, 2.0]
    right = ch0.check_learning_rate(fn.booth, start, 0.1, within=100)
    diverged = ch0.check_learning_rate(fn.booth, start, 0.5, within=100)
    slow = ch0.check_learning_rate(fn.booth, start, 0.001, within=100)
    zigzag = ch0.check_learning_rate(fn.booth, start, 0.11, within=100)
    negative = ch0.check_learning_rate(fn.booth, start, -0.1)
    malformed = ch0.check_learning_rate(fn.booth, start, "0.1")
    missing = ch0.check_learning_rate(fn.booth, start, None)
    assert verdicts(right, diverged, slow, zigzag, negative, malformed, missing) == [
        Verdict.CORRECT,
        Verdict.INCORRECT,
        Verdict.INCORRECT,
        Verdict.INCORRECT,
        Verdict.INCORRECT,
        Verdict.INVALID,
        Verdict.UNANSWERED,
    ]
    assert "diverged" in diverged.message
    assert "too short" in slow.message
    assert "zig-zag" in zigzag.message
    assert "positive" in negative.message
    assert "got str" in malformed.message and "still None" in missing.message
