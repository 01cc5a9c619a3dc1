"""The chapters' self-check questions: every claim a question or its explanation makes is true.

Each chapter's questions live in a module of ``calcopt.quiz`` with a ``questions()`` function;
a new module is found and checked by the general tests below without being listed. The
targets are checked against closed forms and independent computations, and each choice's
right option against what calcopt shows.
"""

import importlib
import pkgutil
import re

import numpy as np
import pytest
import sympy as sp

import calcopt as co
import calcopt.quiz
from calcopt import functions as fn
from calcopt.models.datasets import two_moons
from calcopt.models.network import NetworkLoss
from calcopt.optimizers import adam, train
from calcopt.quiz import Choice, Number, Quiz
from calcopt.quiz.questions import Verdict

#: Modules of calcopt.quiz that hold the machinery, not a chapter's questions.
MACHINERY = {"questions", "page"}
#: An explanation is one line: a sentence or two.
LONGEST_EXPLANATION = 240


def banks() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.iter_modules(calcopt.quiz.__path__)
        if info.name not in MACHINERY
    )


@pytest.fixture(scope="module", params=banks())
def quiz(request) -> Quiz:
    return importlib.import_module(f"calcopt.quiz.{request.param}").questions()


def by_position(name: str) -> list:
    return list(importlib.import_module(f"calcopt.quiz.{name}").questions().questions)


def test_every_chapter_of_the_course_has_a_bank():
    expected = {
        "getting_started",
        "extrema",
        "derivatives",
        "gradient",
        "descent",
        "hessian",
        "newton",
        "constrained",
        "stochastic",
        "autodiff",
        "capstone",
        "network",
        "linear_algebra",
    }
    assert expected <= set(banks()), f"missing question banks: {expected - set(banks())}"


def test_a_bank_is_a_quiz_with_unique_prompts(quiz):
    assert isinstance(quiz, Quiz)
    prompts = [q.prompt for q in quiz.questions]
    assert len(set(prompts)) == len(prompts), f"{quiz.name} asks a question twice"


def test_every_explanation_is_one_line(quiz):
    texts = [
        text
        for q in quiz.questions
        for text in (
            [q.why, q.hint, *(m for _, m in q.mistakes)] if isinstance(q, Number) else q.why
        )
    ]
    long = [text for text in texts if len(text) > LONGEST_EXPLANATION]
    assert long == [], (
        f"an explanation is shown in one line after an answer: at most {LONGEST_EXPLANATION} "
        f"characters; {quiz.name} has longer ones: {long}"
    )


def test_every_shown_answer_and_every_slip_is_recognised(quiz):
    for q in quiz.questions:
        if isinstance(q, Choice):
            assert q.check(q.answer).correct, "the right option is right"
            assert len(set(q.why)) == len(q.why), (
                f"each option of {q.prompt!r} explains itself in its own words"
            )
            continue
        assert q.check(q.answer_text).correct, (
            f"'Show the answer' gives {q.answer_text}, which must pass: {q.prompt!r}"
        )
        assert q.hint != q.why, "a wrong answer gets a hint, not the explanation of the answer"
        for value, message in q.mistakes:
            feedback = q.check(repr(value))
            assert (feedback.verdict, feedback.message) == (Verdict.INCORRECT, message), (
                f"the slip {value} of {q.prompt!r} gets its own message"
            )


# -- chapter 0 -------------------------------------------------------------------------------------


def test_getting_started_claims():
    limit, stationary, steps, newton = by_position("getting_started")
    x, y = sp.symbols("x y")
    hessian = sp.hessian((x - 1) ** 2 + 2 * (y - x) ** 2, (x, y))
    largest = max(float(v) for v in hessian.eigenvals())
    assert limit.target == pytest.approx(2 / largest), "the limit is 2/L of the exact Hessian"
    assert steps.target == pytest.approx(10 * (1 - 2 * 0.1) ** 3), "x₃ = 10 (1 − 2η)³"
    assert stationary.options[stationary.answer].endswith("or a saddle point.")
    assert newton.options[newton.answer] == "1", "Newton lands on a quadratic's minimum in 1 step"


# -- chapter 1 -------------------------------------------------------------------------------------


def test_extrema_claims():
    definition, endpoint, exponential, likelihood = by_position("extrema")
    assert endpoint.target == 1.2, "the minimum on [0, 1.2] sits at the right endpoint"
    assert fn.wavy.gradient(1.2) < 0, "f is still falling at the endpoint"
    grid = np.linspace(0, 1.2, 100_001)
    assert grid[np.argmin(fn.wavy(grid))] == 1.2, "a fine grid agrees"
    assert likelihood.target == pytest.approx(2 / 8, abs=1e-6), "the maximiser is heads / tosses"
    assert "≥" in definition.options[definition.answer], "a maximum needs ≥"
    assert exponential.options[exponential.answer] == "No"


# -- chapter 2 -------------------------------------------------------------------------------------


def test_derivatives_claims():
    flat, direction, order, tiny = by_position("derivatives")
    assert direction.target == pytest.approx((-14 * 4 - 22 * 3) / 5, abs=1e-6), (
        "∇f(0, 0) · (4, 3)/5 for Himmelblau's function"
    )
    assert order.target == pytest.approx(100, abs=0.5), "the central difference is second order"
    assert flat.options[flat.answer] == "A strict local minimum"
    assert co.derivative(np.exp, 1.0, h=1e-20, method="forward") == 0, "1 + 1e-20 rounds to 1"
    assert co.derivative(np.exp, 1.0, h=1e-20, method="complex") == pytest.approx(np.e, rel=1e-15)
    assert tiny.options[tiny.answer] == "The complex step"


# -- chapter 3 -------------------------------------------------------------------------------------


def test_gradient_claims():
    steepest, descent, level, minima = by_position("gradient")
    assert steepest.target == pytest.approx(np.hypot(3 * 1.5**2 - 3, 3 - 3 * 0.5**2)), (
        "the largest slope is the length of ∇f = (3x² − 3, 3 − 3y²)"
    )
    angles = np.radians(np.arange(0, 360, 0.01))
    slopes = np.column_stack([np.cos(angles), np.sin(angles)]) @ np.array([3.75, 2.25])
    assert slopes.max() == pytest.approx(steepest.target, rel=1e-8), "no direction climbs faster"
    assert minima.target == 1, "one of the four stationary points of hill and pit is a minimum"
    assert descent.options[descent.answer] == "−∇f/‖∇f‖"
    assert (
        level.options[level.answer].startswith("Perpendicular")
        and "higher" in (level.options[level.answer])
    )


# -- chapter 4 -------------------------------------------------------------------------------------


def test_descent_claims():
    too_large, best, conditioning, rising, correlation = by_position("descent")
    path = co.gradient_descent(fn.quadratic([[4.0]]), [1.0], lr=0.6, max_iter=5, tol=0).path
    assert np.allclose(path.ravel(), (-1.4) ** np.arange(6)), "each step multiplies x by −1.4"
    assert too_large.options[too_large.answer].startswith("It diverges")
    assert best.target == pytest.approx(2 / (2 + 18)), "the best fixed step is 2/(μ + L)"
    assert conditioning.target == pytest.approx(99 / 101), "(κ − 1)/(κ + 1) with κ = 100"
    assert correlation.target == pytest.approx(1.9 / 0.1), "(1 + r)/(1 − r) with r = 0.9"
    assert rising.options[rising.answer].startswith("Nothing alarming")
    assert "converged" in rising.prompt, "the momentum run of the question converges"


# -- chapter 5 -------------------------------------------------------------------------------------


def test_hessian_claims():
    shape, semidefinite, maximum, model = by_position("hessian")
    assert shape.options[shape.answer] == "1 × 5", "(1 × 3)(3 × 5) = 1 × 5"
    assert model.target == pytest.approx(106 - 46 * 0.1 + 0.5 * (-26) * 0.01), (
        "the quadratic model at (1, 1), stepped by (0.1, 0)"
    )
    assert semidefinite.options[semidefinite.answer].startswith("Nothing")
    assert fn.cubic_trough([-0.01, 0.0]) < 0 < fn.quartic_bowl([-0.01, 0.0]), (
        "the two functions with the same Hessian really differ: one dips below 0, one does not"
    )
    assert maximum.options[maximum.answer] == "A local maximum"


# -- chapter 6 -------------------------------------------------------------------------------------


def test_newton_claims():
    step, check, rate, overshoot = by_position("newton")
    assert step.target == pytest.approx(1 + 2 / np.e**2), "x₁ = 2 − (e² − 2)/e² = 1 + 2/e²"
    assert check.options[check.answer] == "That the Hessian at x* is positive definite"
    assert rate.options[rate.answer].startswith("0.1, 0.01, 0.0001"), "errors that square"
    statuses = [str(co.newton(fn.pseudo_huber, x0).status) for x0 in (0.99, -0.99, 1.01)]
    assert statuses == ["converged", "converged", "diverged"], "pure Newton's edge is |x₀| = 1"
    assert overshoot.options[overshoot.answer] == "From |x₀| < 1"


# -- chapter 7 -------------------------------------------------------------------------------------


def test_constrained_claims():
    multiplier, negative, simplex, weight = by_position("constrained")
    assert multiplier.target == pytest.approx(np.sqrt(5) / 2 - 1), "μ = √5/r − 1 for r = 2"
    assert np.sqrt(5) / 3 - 1 < 0, "on the circle of radius 3 the multiplier is negative"
    assert negative.options[negative.answer].startswith("It is not a minimum")
    z = np.array([1.0, 0.4, -0.2])
    w1, w2 = np.meshgrid(np.linspace(0, 1, 1001), np.linspace(0, 1, 1001))
    inside = w1 + w2 <= 1
    grid = np.stack([w1[inside], w2[inside], 1 - w1[inside] - w2[inside]], axis=1)
    nearest = grid[np.argmin(np.linalg.norm(grid - z, axis=1))]
    assert np.allclose(nearest, [0.8, 0.2, 0.0], atol=1e-9), "a fine grid of the simplex agrees"
    assert simplex.options[simplex.answer] == "(0.8, 0.2, 0)"
    assert weight.options[weight.answer].endswith("at the price of far more steps")
    assert "from 11 to 1001" in weight.why[weight.answer], "κ = 1 + γ for γ = 10 and 1000"


# -- chapter 8 -------------------------------------------------------------------------------------


def test_stochastic_claims():
    noise, first_step, schedule, floor = by_position("stochastic")
    N, small, large = 1000, 4, 16
    exact = np.sqrt((N - small) / small / ((N - large) / large))
    assert exact == pytest.approx(2, abs=0.02), "σ²/B · (N − B)/(N − 1): the root halves"
    assert noise.options[noise.answer] == "2"
    g, lr = np.array([200.0, -0.05]), 0.01
    m_hat, s_hat = (1 - 0.9) * g / (1 - 0.9), (1 - 0.999) * g**2 / (1 - 0.999)
    assert first_step.target == pytest.approx((-lr * m_hat / (np.sqrt(s_hat) + 1e-8))[1])
    assert first_step.check("0.01").correct, "the first step is η in size"
    assert schedule.options[schedule.answer] == "ηₖ = η/(1 + k)^0.75"
    assert floor.options[floor.answer].startswith("Use batches of B = 4")


# -- chapter 9 -------------------------------------------------------------------------------------


def test_autodiff_claims():
    dual, shares, passes, vanishing = by_position("autodiff")
    x, y = sp.symbols("x y")
    assert dual.target == pytest.approx(float(sp.diff(x**2 / (1 + x), x).subs(x, 1)))
    assert shares.target == float(sp.diff(x * y + x**2, x).subs({x: 3, y: 2}))
    assert passes.target == 2, "one backward pass per output"
    sigmoid = 1 / (1 + sp.exp(-x))
    steepest = sp.diff(sigmoid, x).subs(x, 0)
    assert steepest == sp.Rational(1, 4), "σ′ is largest at 0, where it is 1/4"
    assert vanishing.target == pytest.approx(0.25**10)


# -- capstone: a network ---------------------------------------------------------------------------


def test_network_claims():
    count, zero, plateau, convexity = by_position("network")
    assert count.target == 20 * 5 + 20 + 20 + 1, "W₁, b₁, w₂ and b₂"
    loss = NetworkLoss(*two_moons(200, seed=0), hidden=4)
    run = train(loss, np.zeros(loss.size), adam(0.01), batch_size=20, epochs=2)
    assert np.all(run.x[:-1] == 0), "from θ = 0 only the output bias can move"
    assert zero.options[zero.answer].startswith("W₁, b₁ and w₂ never move")
    theta = loss.initial_parameters(seed=3)
    W1, b1, w2, b2 = (np.copy(part) for part in loss.unpack(theta))
    order = [1, 0, 2, 3]
    swapped = np.concatenate([W1[:, order].ravel(), b1[order], w2[order], [b2]])
    assert loss(swapped) == pytest.approx(loss(theta), abs=1e-14), "exchanging units keeps f"
    before, after = (
        float(v) for v in re.findall(r"from (\d\.\d+) to (\d\.\d+)", plateau.why[plateau.answer])[0]
    )
    assert after < before / 2, "the loss falls again after the plateau"
    assert plateau.options[plateau.answer].startswith("It is a plateau")
    f_theta, f_middle = (
        float(v) for v in re.findall(r"= (\d\.\d+)", convexity.why[convexity.answer])[-2:]
    )
    assert f_middle > f_theta, "the midpoint is higher than both ends"
    assert convexity.options[convexity.answer].startswith("Exchanging two hidden units")


# -- capstone and linear algebra -------------------------------------------------------------------


def test_capstone_claims():
    convex, safe, separable, cost = by_position("capstone")
    features, _ = co.logistic.two_blobs(100, seed=0, spread=1.0)
    X = np.column_stack([np.ones(len(features)), features])
    L = np.linalg.eigvalsh(X.T @ X)[-1] / (4 * len(X))
    assert safe.target == pytest.approx(2 / L), "the descent lemma's bound 2/L"
    assert cost.target == pytest.approx(1 + 10**4 + 10**8 / (3 * 10**6)), "1 + n + n²/(3N)"
    assert separable.options[separable.answer].startswith("The loss falls towards 0")
    assert convex.options[convex.answer].startswith("The loss is convex")


def test_linear_algebra_claims():
    entries, kappa, ellipse, trough = by_position("linear_algebra")
    assert kappa.target == pytest.approx(6.0), "[[5, 2], [2, 2]] has eigenvalues 1 and 6"
    assert ellipse.target == pytest.approx(3.0), "√(18/2) = 3"
    assert entries.options[entries.answer] == "No: it is indefinite"
    assert trough.options[trough.answer] == "A trough"
