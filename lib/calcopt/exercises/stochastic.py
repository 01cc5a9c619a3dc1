r"""Checks for the exercises of chapter 8, *Stochastic gradient descent and adaptive methods*.

Three answers are numbers (the variance of a minibatch gradient, the noise floor of SGD on a
parabola, the length of Adam's first step without its bias correction); two are functions the
learner writes, run on hidden cases and compared with the library: Adam's update against
:func:`~calcopt.optimize.stochastic.adam`, and one epoch of minibatch SGD against
:func:`~calcopt.optimize.training.train`. Every usual slip has its own message.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..models.logistic import LogisticLoss, two_blobs
from ..models.regression import LeastSquares, design_matrix, house_prices
from ..optimize.stochastic import adam, sgd
from ..optimize.training import minibatches, train
from . import Feedback, as_number, correct, incorrect, invalid, typed_match
from ._learner import not_a_function, run

#: The variance exercise: N examples, the spread V1 of their gradients, the batch size B.
VARIANCE_CASE = {"N": 1000, "V1": 40.0, "B": 10}
#: The noise-floor exercise: curvature a, learning rate eta and noise variance V.
FLOOR_CASE = {"a": 4.0, "eta": 0.1, "V": 4.0}
#: Adam's default moment decays, used by the first-step exercise.
B1, B2 = 0.9, 0.999


def check_variance(answer: object) -> Feedback:
    r"""Check :math:`\mathbb E\lVert\nabla f_{\mathcal B} - \nabla f\rVert^2 =
    \frac{V_1}{B}\frac{N - B}{N - 1}` for N = 1000, :math:`V_1 = 40`, B = 10.

    Examples
    --------
    >>> check_variance(3.964).correct
    True
    >>> "without replacement" in check_variance(4.0).message
    True
    """
    value = as_number(answer, "the variance, one number")
    if isinstance(value, Feedback):
        return value
    n, v1, b = VARIANCE_CASE["N"], VARIANCE_CASE["V1"], VARIANCE_CASE["B"]
    exact = v1 / b * (n - b) / (n - 1)
    if typed_match(value, exact):
        return correct(
            f"V₁/B · (N − B)/(N − 1) = {v1 / b:g} · {n - b}/{n - 1} = {exact:.4f}: the ten "
            "examples are different, so the variance is a little below V₁/B"
        )
    slips = {
        v1 / b: "that is V₁/B, the variance with replacement; ten different examples, drawn "
        "without replacement, give a little less: multiply by (N − B)/(N − 1)",
        np.sqrt(exact): "that is the standard deviation; the question asks for the variance, "
        "its square",
        np.sqrt(v1 / b): "that is the standard deviation with replacement, √(V₁/B); the "
        "variance is its square, times (N − B)/(N − 1)",
        v1 / b**2: "you divided V₁ by B²; the variance of a mean of B examples falls like 1/B "
        "(the B² of the mean's square meets B terms)",
        v1 * (n - b) / (n - 1): "the factor (N − B)/(N − 1) is right, but divide by B too",
    }
    for wrong, message in slips.items():
        if typed_match(value, wrong):
            return incorrect(message)
    return incorrect(
        f"not {value:g}: use the formula of the theorem, V₁/B · (N − B)/(N − 1), with N = {n}, "
        f"V₁ = {v1:g} and B = {b}"
    )


def check_floor(answer: object) -> Feedback:
    r"""Check the noise floor :math:`\lim_k\mathbb E f(x_k) = \eta V/(2(2 - \eta a))` of SGD on
    :math:`\tfrac a2x^2` with a = 4, :math:`\eta = 0.1`, V = 4.

    Examples
    --------
    >>> check_floor(0.125).correct
    True
    >>> "E[x²]" in check_floor(0.0625).message
    True
    """
    value = as_number(answer, "the floor, one number")
    if isinstance(value, Feedback):
        return value
    a, eta, v = FLOOR_CASE["a"], FLOOR_CASE["eta"], FLOOR_CASE["V"]
    second_moment = eta * v / (a * (2 - eta * a))
    floor = a / 2 * second_moment
    if typed_match(value, floor):
        return correct(
            f"E x² → ηV/(a(2 − ηa)) = {second_moment:.4g}, so E f = (a/2) E x² = "
            f"ηV/(2(2 − ηa)) = {floor:.4g}, above ηV/4 = {eta * v / 4:.4g} because ηa = "
            f"{eta * a:g} is not small"
        )
    slips = {
        eta * v / 4: "that is ηV/4, the floor for a small ηa; here ηa = 0.4, so keep the exact "
        "fixed point of p = (1 − ηa)²p + η²V",
        second_moment: "that is the limit of E[x²]; the floor is E f = (a/2) E[x²]",
        eta * v / (2 - eta * a): "you left out a factor 1/2: E f = (a/2) E[x²] and "
        "E[x²] = ηV/(a(2 − ηa))",
        a / 2 * eta**2 * v / (eta * a): "you dropped the square: the factor is (1 − ηa)², so "
        "1 − (1 − ηa)² = ηa(2 − ηa)",
    }
    for wrong, message in slips.items():
        if typed_match(value, wrong):
            return incorrect(message)
    return incorrect(
        f"not {value:g}: solve the fixed point p = (1 − ηa)² p + η²V for p = E[x²], then take "
        f"(a/2) p, with a = {a:g}, η = {eta:g}, V = {v:g}"
    )


def check_first_step(answer: object) -> Feedback:
    r"""Check the factor :math:`(1 - \beta_1)/\sqrt{1 - \beta_2}` by which Adam's first step
    would be longer without the bias correction.

    Examples
    --------
    >>> check_first_step(3.162).correct
    True
    >>> "square root" in check_first_step(100.0).message
    True
    """
    value = as_number(answer, "the factor, one number")
    if isinstance(value, Feedback):
        return value
    factor = (1 - B1) / np.sqrt(1 - B2)
    if typed_match(value, factor):
        return correct(
            f"m₁ = (1 − β₁)g and √s₁ = √(1 − β₂)|g|, so the uncorrected step is "
            f"(1 − β₁)/√(1 − β₂) = {factor:.4f} times the corrected one, about η in each "
            "coordinate"
        )
    slips = {
        (1 - B1) / (1 - B2): "you divided by 1 − β₂; the denominator is the square root of "
        "s₁ = (1 − β₂)g², so take the square root of 1 − β₂",
        1 / factor: "upside down: the uncorrected step is longer, by (1 − β₁)/√(1 − β₂)",
        1 - B1: "that is the uncorrected numerator alone; the denominator is too small as well, "
        "by √(1 − β₂)",
        1.0: "with the correction the first step has size η; without it numerator and "
        "denominator are too small by different factors, (1 − β₁) and √(1 − β₂)",
    }
    for wrong, message in slips.items():
        if typed_match(value, wrong):
            return incorrect(message)
    return incorrect(
        f"not {value:g}: write m₁ and s₁ for a gradient g from m₀ = s₀ = 0, without dividing "
        "by 1 − β^k, and compare the step with η g/|g|"
    )


# -- Adam's update, written by the learner --------------------------------------------------


def reference_adam_step(g, m, s, k, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
    """Adam's k-th step (k = 1, 2, ...) and its new averages, as the exercise asks."""
    m = b1 * m + (1 - b1) * g
    s = b2 * s + (1 - b2) * g**2
    return -lr * (m / (1 - b1**k)) / (np.sqrt(s / (1 - b2**k)) + eps), m, s


def _adam_bug(
    *,
    power=0,
    correct_m=True,
    correct_s=True,
    root=True,
    eps_inside=False,
    sign=-1.0,
    square=True,
    damp=True,
    return_hat=False,
):
    """A variant of Adam's step with one usual slip."""

    def step(g, m, s, k, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        m = b1 * m + ((1 - b1) if damp else 1.0) * g
        s = b2 * s + (1 - b2) * (g**2 if square else g)
        with np.errstate(all="ignore"):
            m_hat = m / (1 - b1 ** (k + power)) if correct_m else m
            s_hat = s / (1 - b2 ** (k + power)) if correct_s else s
            scale = np.sqrt(s_hat + eps) if eps_inside else (np.sqrt(s_hat) if root else s_hat)
            scale = scale if eps_inside else scale + eps
            if return_hat:
                return sign * lr * m_hat / scale, m_hat, s_hat
            return sign * lr * m_hat / scale, m, s

    return step


#: The usual slips in Adam's update, each with what went wrong.
ADAM_BUGS = (
    (
        _adam_bug(correct_m=False, correct_s=False),
        "you left out the bias correction: divide "
        "m by 1 − β₁^k and s by 1 − β₂^k, or the first steps are several times too long",
    ),
    (_adam_bug(correct_s=False), "you corrected m but not s: divide s by 1 − β₂^k too"),
    (_adam_bug(correct_m=False), "you corrected s but not m: divide m by 1 − β₁^k too"),
    (
        _adam_bug(power=-1),
        "the correction uses k − 1; k counts the gradients averaged so "
        "far, 1 at the first step: divide by 1 − β^k",
    ),
    (
        _adam_bug(power=1),
        "the correction uses k + 1; k counts the gradients averaged so far, "
        "1 at the first step: divide by 1 − β^k",
    ),
    (_adam_bug(root=False), "you divided by ŝ itself; divide by its square root, √ŝ + ε"),
    (_adam_bug(eps_inside=True), "ε belongs outside the square root: √ŝ + ε"),
    (_adam_bug(sign=1.0), "your step goes uphill: Adam's step is −η m̂/(√ŝ + ε)"),
    (_adam_bug(square=False), "s averages the squared gradients, g², not g"),
    (
        _adam_bug(damp=False),
        "m is a running average: m ← β₁m + (1 − β₁)g, with the factor 1 − β₁ on g",
    ),
    (
        _adam_bug(return_hat=True),
        "return the raw averages m and s, not the corrected m̂ and "
        "ŝ: the next step corrects them again",
    ),
)

#: Hidden gradient sequences for the learner's Adam: (what it is, gradients, hyperparameters).
ADAM_CASES = (
    (
        "gradients of mixed signs and sizes from 1e-3 to 1e3",
        np.random.default_rng(8).normal(size=(12, 3)) * np.array([1e-3, 1.0, 1e3]),
        {},
    ),
    (
        "a constant gradient (3, −0.02)",
        np.tile([3.0, -0.02], (6, 1)),
        {"lr": 0.1},
    ),
    (
        "a gradient that changes sign, with β₁ = 0.5, β₂ = 0.9, ε = 0.01",
        np.array([[2.0], [-1.0], [0.5], [0.0], [-3.0]]),
        {"lr": 0.05, "b1": 0.5, "b2": 0.9, "eps": 0.01},
    ),
)


def _adam_run(function: Callable, gradients: np.ndarray, hyper: dict):
    """The steps a function of Adam's step makes on a gradient sequence, feeding its own
    averages back; or feedback when it fails, returns the wrong thing or changes its input."""

    def with_hyper(g, m, s, k):
        with np.errstate(all="ignore"):  # a step of inf or nan is judged below, not warned
            return function(g, m, s, k, **hyper)

    m = s = np.zeros(gradients.shape[1])
    steps = []
    for k, g in enumerate(gradients, start=1):
        given = (g.copy(), m.copy(), s.copy())
        got = run(
            with_hyper,
            (*given, k),
            "adam_step(g, m, s, k)",
            "update m and s, correct them, and return (step, m, s)",
        )
        if isinstance(got, Feedback):
            return got
        parts = _three_arrays(got, g.size)
        if isinstance(parts, Feedback):
            return parts
        if not all(np.array_equal(a, b) for a, b in zip(given, (g, m, s), strict=True)):
            return incorrect(
                "your adam_step changed g, m or s in place (m *= ..., s += ...); build new "
                "arrays, m = b1 * m + (1 - b1) * g"
            )
        step, m, s = parts
        steps.append(step)
    return np.array(steps)


def _three_arrays(got, n: int):
    """The learner's (step, m, s), each as n floats, or invalid feedback."""
    if not isinstance(got, tuple | list) or len(got) != 3:
        return invalid(
            f"adam_step returned {type(got).__name__} {got!r}; return three things, (step, m, s)"
        )
    try:
        parts = [np.asarray(part, dtype=float).reshape(n) for part in got]
    except (TypeError, ValueError):
        return invalid(f"adam_step must return three arrays of {n} numbers, like g; got {got!r}")
    return parts


def check_adam_step(answer: object) -> Feedback:
    r"""Check a learner's ``adam_step(g, m, s, k, lr, b1, b2, eps) -> (step, m, s)``.

    It runs on :data:`ADAM_CASES` (hidden from the learner), feeding the learner's averages
    back into the next call, and compares every step with
    :func:`~calcopt.optimize.stochastic.adam`'s. Each slip of :data:`ADAM_BUGS` (no or half a
    bias correction, k off by one, no square root, ε inside it, the wrong sign, g for g², no
    factor 1 − β₁, corrected averages returned), changing the inputs in place and a wrong
    return value get their own messages.

    Examples
    --------
    >>> check_adam_step(reference_adam_step).correct
    True
    >>> "bias correction" in check_adam_step(ADAM_BUGS[0][0]).message
    True
    """
    what = "a function adam_step(g, m, s, k, ...) that returns (step, m, s)"
    if (feedback := not_a_function(answer, what)) is not None:
        return feedback
    for name, gradients, hyper in ADAM_CASES:
        got = _adam_run(answer, gradients, hyper)
        if isinstance(got, Feedback):
            return got
        expected = _library_steps(gradients, hyper)
        if np.allclose(got, expected, rtol=1e-9, atol=1e-15):
            continue
        for bug, message in ADAM_BUGS:
            slip = _adam_run(bug, gradients, hyper)
            if np.allclose(got, slip, rtol=1e-9, atol=1e-15, equal_nan=True):
                return incorrect(f"on {name}: {message}")
        if not np.all(np.isfinite(got)):
            return incorrect(
                f"on {name} a step is not finite: at k = 1 the correction 1 − β^k must not be "
                "0 (k counts from 1), and s must stay >= 0 (average g², not g)"
            )
        k = int(np.argmax(~np.all(np.isclose(got, expected, rtol=1e-9, atol=1e-15), axis=1)))
        return incorrect(
            f"on {name} your step {k + 1} is {np.round(got[k], 8).tolist()}, Adam's "
            f"{np.round(expected[k], 8).tolist()}; check each line against the definition"
        )
    return correct(
        "your adam_step matches calcopt.optimizers.adam at every step of every hidden case: "
        "running averages of g and g², corrected by 1 − β^k with k from 1, and the step "
        "−η m̂/(√ŝ + ε)"
    )


def _library_steps(gradients: np.ndarray, hyper: dict) -> np.ndarray:
    """The steps of :func:`~calcopt.optimize.stochastic.adam` on a gradient sequence."""
    optimizer = adam(**hyper)
    state = optimizer.init(np.zeros(gradients.shape[1]))
    steps = []
    for g in gradients:
        step, state = optimizer.update(g, state)
        steps.append(step)
    return np.array(steps)


# -- one epoch of minibatch SGD, written by the learner ---------------------------------------


def _epoch_losses() -> dict[str, object]:
    area, price = house_prices(23, seed=3)
    features, labels = two_blobs(15, seed=5)
    return {
        "least squares on 23 flats": LeastSquares(design_matrix(area / 100), price),
        "logistic regression on 30 points": LogisticLoss(features, labels),
    }


#: Hidden cases of the learner's epoch: (loss name, start, learning rate, batch size, seed).
EPOCH_CASES = (
    ("least squares on 23 flats", (10.0, 100.0), 0.05, 4, 3),
    ("least squares on 23 flats", (0.0, 0.0), 0.1, 1, 11),
    ("logistic regression on 30 points", (0.5, -1.0, 2.0), 0.8, 6, 0),
    ("logistic regression on 30 points", (0.0, 0.0, 0.0), 1.5, 30, 2),
)


def reference_sgd_epoch(loss, w, lr, batch_size, rng):
    """One epoch of minibatch SGD from w, as the exercise asks."""
    w = np.array(w, dtype=float)
    for batch in minibatches(loss.n_samples, batch_size, rng=rng):
        w = w - lr * loss.gradient(w, batch)
    return w


def _in_order(loss, w, lr, batch_size, rng):
    w = np.array(w, dtype=float)
    for start in range(0, loss.n_samples, batch_size):
        w = w - lr * loss.gradient(w, np.arange(start, min(start + batch_size, loss.n_samples)))
    return w


def _full_gradient(loss, w, lr, batch_size, rng):
    w = np.array(w, dtype=float)
    for _ in minibatches(loss.n_samples, batch_size, rng=rng):
        w = w - lr * loss.gradient(w)
    return w


def _stale_gradient(loss, w, lr, batch_size, rng):
    w = start = np.array(w, dtype=float)
    for batch in minibatches(loss.n_samples, batch_size, rng=rng):
        w = w - lr * loss.gradient(start, batch)
    return w


def _dropped_last(loss, w, lr, batch_size, rng):
    w = np.array(w, dtype=float)
    for batch in minibatches(loss.n_samples, batch_size, rng=rng, drop_last=True):
        w = w - lr * loss.gradient(w, batch)
    return w


def _one_step(loss, w, lr, batch_size, rng):
    return np.array(w, dtype=float) - lr * loss.gradient(np.array(w, dtype=float))


#: The usual slips in one epoch of minibatch SGD, each with what went wrong.
EPOCH_BUGS = (
    (
        _in_order,
        "your batches take the examples in their stored order; an epoch shuffles "
        "them first: use opt.minibatches(loss.n_samples, batch_size, rng=rng)",
    ),
    (
        _full_gradient,
        "every step uses the full gradient, loss.gradient(w); minibatch SGD "
        "steps on loss.gradient(w, batch)",
    ),
    (
        _stale_gradient,
        "every batch's gradient is taken at the weights the epoch started from; "
        "take it at the current w, after the previous step",
    ),
    (
        _dropped_last,
        "you dropped the last, smaller batch; when the batch size does not divide "
        "N the epoch still covers every example",
    ),
    (_one_step, "that is one gradient-descent step; an epoch makes one step per minibatch"),
)


def check_sgd_epoch(answer: object) -> Feedback:
    r"""Check a learner's ``sgd_epoch(loss, w, lr, batch_size, rng)`` against
    ``train(loss, w, sgd(lr), batch_size=..., epochs=1, seed=...)``.

    It runs on :data:`EPOCH_CASES` (hidden from the learner: least squares and logistic
    regression, batch sizes that divide N and one that does not, B = 1 and B = N). Each slip
    of :data:`EPOCH_BUGS` (no shuffling, the full gradient, a stale gradient, the last batch
    dropped, a single step), changing w in place and a wrong return value get their own
    messages.

    Examples
    --------
    >>> check_sgd_epoch(reference_sgd_epoch).correct
    True
    >>> "shuffles" in check_sgd_epoch(EPOCH_BUGS[0][0]).message
    True
    """
    what = "a function sgd_epoch(loss, w, lr, batch_size, rng) that returns the new weights"
    if (feedback := not_a_function(answer, what)) is not None:
        return feedback
    losses = _epoch_losses()
    for name, start, lr, size, seed in EPOCH_CASES:
        loss, w0 = losses[name], np.array(start)
        given = w0.copy()
        got = run(
            answer,
            (loss, given, lr, size, np.random.default_rng(seed)),
            "sgd_epoch(loss, w, lr, batch_size, rng)",
            "loop over opt.minibatches(...) and step w = w - lr * loss.gradient(w, batch)",
        )
        if isinstance(got, Feedback):
            return got
        try:
            w = np.asarray(got, dtype=float).reshape(w0.size)
        except (TypeError, ValueError):
            return invalid(
                f"sgd_epoch must return the new weights, {w0.size} numbers; got "
                f"{type(got).__name__}"
            )
        if not np.array_equal(given, w0):
            return incorrect(
                "sgd_epoch changed the caller's w in place (w -= ...); start "
                "from a copy, w = np.array(w, dtype=float)"
            )
        expected = train(loss, w0, sgd(lr), batch_size=size, epochs=1, seed=seed).x
        if np.allclose(w, expected, rtol=1e-10, atol=1e-12):
            continue
        label = f"{name} with B = {size}"
        for bug, message in EPOCH_BUGS:
            slip = bug(loss, w0, lr, size, np.random.default_rng(seed))
            if np.allclose(w, slip, rtol=1e-10, atol=1e-12):
                return incorrect(f"on {label}: {message}")
        return incorrect(
            f"on {label} you end at {np.round(w, 6).tolist()}, one epoch of SGD at "
            f"{np.round(expected, 6).tolist()}: one step per batch of "
            "opt.minibatches(loss.n_samples, batch_size, rng=rng), in that order"
        )
    return correct(
        "your epoch matches calcopt's train on every hidden case: one shuffled pass over the "
        "data, one step per minibatch with the gradient at the current weights"
    )
