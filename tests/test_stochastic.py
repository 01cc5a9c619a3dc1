"""The optimizers of chapter 8 against their formulas written out by hand, their purity, the
schedules, and their errors for bad input."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import calcopt.optimizers as opt
from calcopt.optimize.stochastic import OptimizerState

HYPER = {
    "sgd": {},
    "momentum": {"beta": 0.8},
    "nesterov": {"beta": 0.7},
    "adagrad": {"eps": 1e-3},
    "rmsprop": {"decay": 0.6, "eps": 1e-3},
    "adam": {"b1": 0.8, "b2": 0.9, "eps": 1e-3},
    "amsgrad": {"b1": 0.8, "b2": 0.9, "eps": 1e-3},
}


def reference_steps(name, gradients, lr, beta=0.0, decay=0.0, b1=0.0, b2=0.0, eps=0.0):
    """The issue's formulas as a plain loop: zero starts, t counted from 1, rate lr(t - 1)."""
    v = s = m = G = v_max = np.zeros_like(gradients[0])
    steps = []
    for t, g in enumerate(gradients, start=1):
        eta = lr(t - 1)
        if name == "sgd":
            step = -eta * g
        elif name in ("momentum", "nesterov"):
            v = beta * v + g
            step = -eta * v if name == "momentum" else -eta * (g + beta * v)
        elif name == "adagrad":
            G = G + g**2
            step = -eta * g / (np.sqrt(G) + eps)
        elif name == "rmsprop":
            s = decay * s + (1 - decay) * g**2
            step = -eta * g / (np.sqrt(s) + eps)
        else:
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g**2
            v_max = np.maximum(v_max, v)
            second = v if name == "adam" else v_max
            step = -eta * (m / (1 - b1**t)) / (np.sqrt(second / (1 - b2**t)) + eps)
        steps.append(step)
    return np.array(steps)


def run(optimizer, gradients):
    state = optimizer.init(np.zeros_like(gradients[0]))
    steps = []
    for g in gradients:
        step, state = optimizer.update(g, state)
        steps.append(step)
    return np.array(steps), state


def random_gradients(seed: int, count: int = 30, n: int = 4) -> np.ndarray:
    """Gradients of mixed signs and scales from 1e-3 to 1e3, with some exact zeros."""
    rng = np.random.default_rng(seed)
    gradients = rng.normal(size=(count, n)) * 10.0 ** rng.uniform(-3, 3, size=n)
    gradients[rng.random((count, n)) < 0.1] = 0.0
    return gradients


@pytest.mark.parametrize("name", list(HYPER))
@given(seed=st.integers(0, 2**32 - 1), lr=st.floats(1e-4, 10.0))
def test_every_step_equals_the_formula_on_random_gradients(name, seed, lr):
    gradients = random_gradients(seed)
    for schedule in (opt.constant(lr), opt.inverse_time(lr, 0.3)):
        steps, state = run(getattr(opt, name)(schedule, **HYPER[name]), gradients)
        expected = reference_steps(name, gradients, schedule, **HYPER[name])
        np.testing.assert_allclose(
            steps, expected, rtol=1e-12, atol=0, err_msg=f"{name}'s steps are not its formula"
        )
        assert state.count == len(gradients), "the state must count the updates made"


def test_update_t_uses_the_rate_of_step_t_minus_1():
    asked = []

    def schedule(k):
        asked.append(k)
        return 10.0**-k

    steps, _ = run(opt.sgd(schedule), np.ones((4, 1)))
    assert asked == [0, 1, 2, 3], "update t must ask the schedule for step t - 1"
    np.testing.assert_allclose(steps.ravel(), [-1.0, -0.1, -0.01, -0.001], rtol=1e-15)


@pytest.mark.parametrize("name", list(HYPER))
def test_update_is_pure(name):
    optimizer = getattr(opt, name)(0.1, **HYPER[name])
    state = optimizer.init([0.5, -1.0])
    for g in ([1.0, 2.0], [-3.0, 0.5]):
        _, state = optimizer.update(g, state)
    for moment in state.moments:
        moment.setflags(write=False)  # an update that writes into the old state now raises
    g = np.array([0.25, -4.0])
    g.setflags(write=False)
    saved = [moment.copy() for moment in state.moments]
    first, second = optimizer.update(g, state), optimizer.update(g, state)
    np.testing.assert_array_equal(first[0], second[0], "the same state and g must give one step")
    for moment, before in zip(state.moments, saved, strict=True):
        np.testing.assert_array_equal(moment, before, "update must not change the old state")
    assert state.count == 2 and first[1].count == 3
    assert all(new is not old for new, old in zip(first[1].moments, state.moments, strict=True))


@given(seed=st.integers(0, 2**32 - 1), lr=st.floats(1e-4, 1.0), steps=st.integers(1, 40))
def test_adam_steps_on_a_constant_gradient_are_minus_lr_sign_from_the_first(seed, lr, steps):
    rng = np.random.default_rng(seed)
    g = rng.choice([-1.0, 1.0], size=5) * 10.0 ** rng.uniform(-3, 4, size=5)
    optimizer = opt.adam(lr)
    state = optimizer.init(np.zeros(5))
    for _ in range(steps):
        step, state = optimizer.update(g, state)
        # bias correction makes m_hat = g and v_hat = g^2, so step = -lr g / (|g| + eps)
        allowed = lr * (1e-8 / np.abs(g) + 1e-12)
        assert np.all(np.abs(step + lr * np.sign(g)) <= allowed), (
            "with bias correction every Adam step on a constant gradient is -lr sign(g)"
        )


def test_without_bias_correction_the_first_rmsprop_step_is_too_large():
    step, _ = opt.rmsprop(0.01, decay=0.99).update([3.0], opt.rmsprop(0.01).init([0.0]))
    assert step[0] == pytest.approx(-0.01 / np.sqrt(1 - 0.99), rel=1e-6)


def test_amsgrad_never_shrinks_its_second_moment_and_adam_does():
    gradients = np.array([[10.0]] + [[0.1]] * 20)
    _, adam_state = run(opt.adam(0.1, b1=0.0, b2=0.5), gradients)
    _, ams_state = run(opt.amsgrad(0.1, b1=0.0, b2=0.5), gradients)
    assert ams_state.moments[2][0] == pytest.approx(50.0), "v_max keeps the largest v"
    assert adam_state.moments[1][0] < 0.1, "Adam's v forgets the large gradient"


def test_momentum_with_a_constant_rate_is_heavy_ball_descent():
    """step_t = -lr v_t = beta step_{t-1} - lr g_t: the heavy-ball update of chapter 4."""
    gradients = random_gradients(3)
    steps, _ = run(opt.momentum(0.05, beta=0.9), gradients)
    expected = [-0.05 * gradients[0]]
    for g in gradients[1:]:
        expected.append(0.9 * expected[-1] - 0.05 * g)
    np.testing.assert_allclose(steps, expected, rtol=1e-10, atol=1e-12)


def test_an_optimizer_says_how_it_was_made():
    assert repr(opt.adam()) == "adam(lr=constant(lr=0.001), b1=0.9, b2=0.999, eps=1e-08)"
    assert repr(opt.nesterov(opt.cosine(0.1, 10), beta=0.5)) == (
        "nesterov(lr=cosine(lr=0.1, total=10, final=0.0), beta=0.5)"
    )


def test_init_state_holds_zero_moments_shaped_like_x0():
    state = opt.amsgrad().init([1.0, 2.0, 3.0])
    assert state == OptimizerState(0, state.moments, (3,))
    assert len(state.moments) == 3
    assert all(np.array_equal(m, np.zeros(3)) for m in state.moments)
    assert opt.sgd(0.1).init(2.0).moments == ()


@pytest.mark.parametrize(
    ("schedule", "ks", "expected"),
    [
        (opt.constant(0.3), [0, 1, 50], [0.3, 0.3, 0.3]),
        (opt.step_decay(0.8, 0.5, 3), [0, 2, 3, 5, 6, 9], [0.8, 0.8, 0.4, 0.4, 0.2, 0.1]),
        (opt.inverse_time(0.6, 0.5), [0, 1, 2, 10], [0.6, 0.4, 0.3, 0.1]),
        (opt.inverse_sqrt(0.6), [0, 3, 8, 99], [0.6, 0.3, 0.2, 0.06]),
        (
            opt.cosine(0.4, 6, 0.1),
            [0, 2, 3, 4, 6, 7, 100],
            [0.4, 0.325, 0.25, 0.175, 0.1, 0.1, 0.1],
        ),
    ],
)
def test_schedules_match_their_closed_forms_at_each_step(schedule, ks, expected):
    for k, rate in zip(ks, expected, strict=True):
        assert schedule(k) == pytest.approx(rate, rel=1e-12), f"{schedule} at step {k}"
        assert isinstance(schedule(k), float), "a schedule of one step gives a float"
    np.testing.assert_allclose(schedule(np.array(ks)), expected, rtol=1e-12)


@given(lr=st.floats(0.0, 10.0), total=st.integers(1, 500), final=st.floats(0.0, 1.0))
def test_a_cosine_schedule_moves_monotonically_from_lr_to_final(lr, total, final):
    rates = opt.cosine(lr, total, final)(np.arange(total + 3))
    assert rates[0] == pytest.approx(lr) and np.allclose(rates[total:], final)
    direction = np.sign(final - lr)
    assert np.all(direction * np.diff(rates) >= -1e-12), "cosine must not turn back"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: opt.sgd(-0.1), ValueError, "lr must be a finite number >= 0, got -0.1"),
        (lambda: opt.adam(float("nan")), ValueError, "lr must be a finite number >= 0"),
        (lambda: opt.sgd("fast"), TypeError, "lr must be a number >= 0 or a schedule"),
        (lambda: opt.momentum(0.1, beta=1.0), ValueError, r"beta must lie in \[0, 1\), got 1.0"),
        (lambda: opt.nesterov(0.1, beta=-0.1), ValueError, r"beta must lie in \[0, 1\)"),
        (lambda: opt.rmsprop(0.1, decay=1.5), ValueError, r"decay must lie in \[0, 1\)"),
        (lambda: opt.adam(b1=1.0), ValueError, r"b1 must lie in \[0, 1\)"),
        (lambda: opt.amsgrad(b2=-0.5), ValueError, r"b2 must lie in \[0, 1\)"),
        (lambda: opt.adagrad(0.1, eps=0.0), ValueError, "eps must be a positive finite number"),
        (lambda: opt.constant(-1.0), ValueError, "lr must be a finite number >= 0"),
        (lambda: opt.step_decay(0.1, 0.0, 2), ValueError, r"factor must lie in \(0, 1\]"),
        (lambda: opt.step_decay(0.1, 1.5, 2), ValueError, r"factor must lie in \(0, 1\]"),
        (lambda: opt.step_decay(0.1, 0.5, 0), ValueError, "every must be an integer >= 1"),
        (lambda: opt.inverse_time(0.1, -1.0), ValueError, "decay must be a finite number >= 0"),
        (lambda: opt.cosine(0.1, 0), ValueError, "total must be an integer >= 1"),
        (lambda: opt.cosine(0.1, 10, final=-0.1), ValueError, "final must be a finite number"),
        (
            lambda: opt.sgd(0.1).update([1.0, 2.0], opt.sgd(0.1).init([0.0])),
            ValueError,
            r"g must have the shape of x0 given to init, \(1,\), got \(2,\)",
        ),
        (
            lambda: opt.adam().update([1.0], {"count": 0}),
            TypeError,
            "state must be of type OptimizerState, such as the state that init or update",
        ),
        (lambda: opt.adam().init([[1.0, 2.0]]), ValueError, "x0 must be a 1-D array"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize(
    ("schedule", "shown"),
    [
        (lambda k: 0.1 if k < 2 else -1.0, "-1.0"),
        (lambda k: float("nan") if k == 2 else 0.1, "nan"),
        (lambda k: np.array([0.1, 0.2]), r"array\(\[0.1, 0.2\]\)"),
        (lambda k: "0.1", "'0.1'"),
    ],
)
def test_a_schedule_that_gives_a_bad_rate_is_named_with_its_step(schedule, shown):
    optimizer = opt.momentum(schedule)
    state = optimizer.init([0.0])
    with pytest.raises(ValueError, match=rf"schedule gave {shown} at step k = \d+; a schedule"):
        for _ in range(4):
            _, state = optimizer.update([1.0], state)
