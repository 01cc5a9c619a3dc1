"""Chapter 8: every check tells a right, a wrong, a malformed and an unanswered answer apart,
with a message specific to the mistake."""

import numpy as np
import pytest

from calcopt import optimizers as opt
from calcopt.exercises import Verdict
from calcopt.exercises import stochastic as ch8


@pytest.mark.parametrize(
    ("answer", "verdict", "phrase"),
    [
        (40 / 10 * 990 / 999, Verdict.CORRECT, "a little below V₁/B"),
        (3.964, Verdict.CORRECT, "(N − B)/(N − 1)"),
        (4.0, Verdict.INCORRECT, "without replacement"),
        (np.sqrt(40 / 10 * 990 / 999), Verdict.INCORRECT, "standard deviation"),
        (2.0, Verdict.INCORRECT, "standard deviation with replacement"),
        (0.4, Verdict.INCORRECT, "divided V₁ by B²"),
        (40 * 990 / 999, Verdict.INCORRECT, "divide by B too"),
        (5.0, Verdict.INCORRECT, "use the formula of the theorem"),
        ("3.964", Verdict.INVALID, "got str"),
        (float("nan"), Verdict.INVALID, "nan"),
        (None, Verdict.UNANSWERED, "still None"),
    ],
)
def test_check_variance(answer, verdict, phrase):
    feedback = ch8.check_variance(answer)
    assert feedback.verdict == verdict and phrase in feedback.message, feedback.message


@pytest.mark.parametrize(
    ("answer", "verdict", "phrase"),
    [
        (0.125, Verdict.CORRECT, "above ηV/4"),
        (0.1, Verdict.INCORRECT, "floor for a small ηa"),
        (0.0625, Verdict.INCORRECT, "limit of E[x²]"),
        (0.25, Verdict.INCORRECT, "factor 1/2"),
        (0.2, Verdict.INCORRECT, "dropped the square"),
        (0.3, Verdict.INCORRECT, "solve the fixed point"),
        ([0.125], Verdict.INVALID, "got list"),
        (None, Verdict.UNANSWERED, "still None"),
    ],
)
def test_check_floor(answer, verdict, phrase):
    feedback = ch8.check_floor(answer)
    assert feedback.verdict == verdict and phrase in feedback.message, feedback.message


@pytest.mark.parametrize(
    ("answer", "verdict", "phrase"),
    [
        (0.1 / np.sqrt(0.001), Verdict.CORRECT, "times the corrected one"),
        (100.0, Verdict.INCORRECT, "square root of 1 − β₂"),
        (np.sqrt(0.001) / 0.1, Verdict.INCORRECT, "upside down"),
        (0.1, Verdict.INCORRECT, "numerator alone"),
        (1.0, Verdict.INCORRECT, "different factors"),
        (2.0, Verdict.INCORRECT, "without dividing by 1 − β^k"),
        ("pi", Verdict.INVALID, "got str"),
        (None, Verdict.UNANSWERED, "still None"),
    ],
)
def test_check_first_step(answer, verdict, phrase):
    feedback = ch8.check_first_step(answer)
    assert feedback.verdict == verdict and phrase in feedback.message, feedback.message


def test_the_reference_adam_step_is_the_librarys_adam():
    optimizer = opt.adam(0.05, b1=0.8, b2=0.99, eps=1e-6)
    state = optimizer.init(np.zeros(3))
    m = s = np.zeros(3)
    for k, g in enumerate(np.random.default_rng(1).normal(size=(20, 3)), start=1):
        expected, state = optimizer.update(g, state)
        step, m, s = ch8.reference_adam_step(g, m, s, k, lr=0.05, b1=0.8, b2=0.99, eps=1e-6)
        np.testing.assert_allclose(step, expected, rtol=1e-13, err_msg="the exercise's Adam")


def test_check_adam_step_accepts_the_solution_and_names_every_usual_slip():
    assert ch8.check_adam_step(ch8.reference_adam_step).correct
    messages = set()
    for bug, message in ch8.ADAM_BUGS:
        feedback = ch8.check_adam_step(bug)
        assert feedback.verdict == Verdict.INCORRECT and message in feedback.message, (
            f"the slip {message!r} gets its own message, got {feedback.message!r}"
        )
        messages.add(message)
    assert len(messages) == len(ch8.ADAM_BUGS), "every slip has a different message"


def test_check_adam_step_on_malformed_unanswered_and_in_place_answers():
    def stub(g, m, s, k, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        return None

    def two_things(g, m, s, k, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        return ch8.reference_adam_step(g, m, s, k, lr, b1, b2, eps)[:2]

    def raises(g, m, s, k, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        return g / undefined  # noqa: F821

    def in_place(g, m, s, k, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        m *= b1
        m += (1 - b1) * g
        s *= b2
        s += (1 - b2) * g**2
        return -lr * (m / (1 - b1**k)) / (np.sqrt(s / (1 - b2**k)) + eps), m, s

    def off(g, m, s, k, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        step, m, s = ch8.reference_adam_step(g, m, s, k, lr, b1, b2, eps)
        return step * 1.01, m, s

    def not_finite(g, m, s, k, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        step, m, s = ch8.reference_adam_step(g, m, s, k, lr, b1, b2, eps)
        return step / 0.0, m, s

    cases = {
        None: (Verdict.UNANSWERED, "still None"),
        stub: (Verdict.UNANSWERED, "adam_step still returns None"),
        not_finite: (Verdict.INCORRECT, "a step is not finite"),
        "adam": (Verdict.INVALID, "got str"),
        two_things: (Verdict.INVALID, "return three things"),
        raises: (Verdict.INVALID, "raised NameError"),
        in_place: (Verdict.INCORRECT, "in place"),
        off: (Verdict.INCORRECT, "your step 1 is"),
    }
    for answer, (verdict, phrase) in cases.items():
        feedback = ch8.check_adam_step(answer)
        assert feedback.verdict == verdict and phrase in feedback.message, feedback.message


def test_check_sgd_epoch_accepts_the_solution_and_names_every_usual_slip():
    assert ch8.check_sgd_epoch(ch8.reference_sgd_epoch).correct
    for bug, message in ch8.EPOCH_BUGS:
        feedback = ch8.check_sgd_epoch(bug)
        assert feedback.verdict == Verdict.INCORRECT and message in feedback.message, (
            f"the slip {message!r} gets its own message, got {feedback.message!r}"
        )


def test_check_sgd_epoch_on_malformed_unanswered_and_in_place_answers():
    def stub(loss, w, lr, batch_size, rng):
        return None

    def text(loss, w, lr, batch_size, rng):
        return "done"

    def in_place(loss, w, lr, batch_size, rng):
        for batch in opt.minibatches(loss.n_samples, batch_size, rng=rng):
            w -= lr * loss.gradient(w, batch)
        return w

    def twice(loss, w, lr, batch_size, rng):
        w = ch8.reference_sgd_epoch(loss, w, lr, batch_size, rng)
        return ch8.reference_sgd_epoch(loss, w, lr, batch_size, rng)

    cases = {
        None: (Verdict.UNANSWERED, "still None"),
        stub: (Verdict.UNANSWERED, "sgd_epoch still returns None"),
        42: (Verdict.INVALID, "got int"),
        text: (Verdict.INVALID, "must return the new weights"),
        in_place: (Verdict.INCORRECT, "in place"),
        twice: (Verdict.INCORRECT, "one step per batch"),
    }
    for answer, (verdict, phrase) in cases.items():
        feedback = ch8.check_sgd_epoch(answer)
        assert feedback.verdict == verdict and phrase in feedback.message, feedback.message
