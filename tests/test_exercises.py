"""Every exercise check gives different feedback to a right, a wrong and a malformed answer."""

import pytest
import sympy as sp

from calcopt import Objective, gradient_descent
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


def tilted_valley() -> Objective:
    return Objective.from_sympy((x - 1) ** 2 + 2 * (y - x) ** 2, (x, y), name="tilted valley")


def test_check_scaled_limit_accepts_2_over_cl_and_names_each_slip():
    f = tilted_valley()
    mu, L = f.curvature
    scaled = Objective.from_sympy(100 * f.expr, f.variables, name="100 f")
    assert scaled.curvature == pytest.approx((100 * mu, 100 * L)), "100 f has Hessian 100 H"
    limit = 2 / (100 * L)
    answers = {
        "right": limit,
        "typed": float(f"{limit:.3g}"),
        "unscaled": 2 / L,
        "multiplied": 200 / L,
        "smallest": 2 / (100 * mu),
        "one over L": 1 / (100 * L),
        "best step": 2 / (100 * (mu + L)),
        "myth": 1,
        "below": limit / 3,
        "above": limit * 3,
        "negative": -limit,
        "malformed": "0.002",
        "missing": None,
    }
    feedback = {name: ch0.check_scaled_limit(f, answer) for name, answer in answers.items()}
    assert feedback["right"].correct and feedback["typed"].correct, "2/(100 L), typed or exact"
    assert "shrinks by that factor" in feedback["right"].message
    expected = {
        "unscaled": "limit 2/L of f itself",
        "multiplied": "divide 2/L of f by 100",
        "smallest": "2/μ",
        "one over L": "1/L",
        "best step": "best fixed rate",
        "myth": "myth",
        "below": "converges at",
        "above": "diverges at",
        "negative": "positive",
    }
    for name, words in expected.items():
        assert feedback[name].verdict is Verdict.INCORRECT, f"{name} is a wrong answer"
        assert words in feedback[name].message, f"the {name} slip is named: {words!r}"
    assert len({feedback[name].message for name in expected}) == len(expected), (
        "every slip gets its own message"
    )
    assert feedback["malformed"].verdict is Verdict.INVALID
    assert feedback["missing"].verdict is Verdict.UNANSWERED


def test_check_scaled_limit_agrees_with_gradient_descent_on_the_scaled_loss():
    f = tilted_valley()
    scaled = Objective.from_sympy(100 * f.expr, f.variables, name="100 f")
    limit = 2 / scaled.curvature[1]
    for ratio, status in ((0.95, "converged"), (1.05, "diverged")):
        run = gradient_descent(scaled, [-1.0, 2.0], lr=ratio * limit, max_iter=5000)
        assert run.status == status, f"gradient descent on 100 f at {ratio} x the limit {status}"
    assert "converges" in ch0.check_scaled_limit(f, 0.5 * limit).message
    assert "diverges" in ch0.check_scaled_limit(f, 2 * limit).message


def test_check_scaled_limit_needs_an_objective_with_known_curvature():
    with pytest.raises(TypeError, match="must be a calcopt Objective"):
        ch0.check_scaled_limit(lambda p: p @ p, 0.1)
    with pytest.raises(ValueError, match="needs a quadratic or a known minimiser"):
        ch0.check_scaled_limit(Objective.from_sympy(x**4 + y**4, (x, y), name="quartic"), 0.1)
    assert ch0.check_scaled_limit(fn.rosenbrock, 2 / 1001.6 / 100).correct, (
        "for a non-quadratic the Hessian at its known minimiser gives L"
    )
