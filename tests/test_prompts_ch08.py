"""Every "try this" prompt of chapter 8 can be done with its explorer and leads to what the
prompt asks the reader to find. Each test sets the controls a prompt names, calls the explorer's
scene function directly (no widgets) and checks the discovery."""

import re

import numpy as np
import pytest

from calcopt.explore import CATALOGUE


def number(pattern: str, text: str) -> float:
    """The number after ``pattern`` in a readout."""
    match = re.search(pattern + r"\s*(-?[\d.]+(?:e[+-]?\d+)?)", text)
    assert match, f"no number after {pattern!r} in {text!r}"
    return float(match.group(1))


# -- the minibatch explorer ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def minibatch():
    return CATALOGUE["minibatch-sgd"]()


def rates_of(explorer):
    """The learning-rate slider's positions and the index of its default."""
    (slider,) = (c for c in explorer.controls if c.name == "lr")
    return slider.static_values(), slider.index_of(slider.default)


def gap_after_first_epoch(scene) -> float:
    epochs, gaps = scene.layers["gap"]
    return float(gaps[np.argmin(np.abs(epochs - 1.0))])


def test_prompt_8_1_the_full_batch_makes_one_step_per_epoch_and_b1_is_far_ahead(minibatch):
    rates, default = rates_of(minibatch)
    full = minibatch.scene(batch_size=100, lr=rates[default])
    single = minibatch.scene(batch_size=1, lr=rates[default])
    assert full.readouts["steps"].startswith("1 per epoch, 10 in all"), (
        "with B = N an epoch is one step of gradient descent"
    )
    assert number("", full.readouts["gap"]) > 1000, (
        "after ten full-batch steps at the default rate the path is still far from the minimum"
    )
    assert gap_after_first_epoch(single) < gap_after_first_epoch(full) / 50, (
        "after one epoch, the hundred steps of B = 1 are far ahead of the one full-batch step"
    )


def test_prompt_8_2_a_lower_rate_lowers_jitter_and_floor_but_slows_the_first_epoch(minibatch):
    rates, default = rates_of(minibatch)
    jitter, floor, first = [], [], []
    for i in range(default, default - 6, -1):  # five positions down from the default
        scene = minibatch.scene(batch_size=1, lr=rates[i])
        epochs, gaps = scene.layers["gap"]
        jitter.append(np.log10(gaps[epochs >= 5]).std())
        floor.append(number("", scene.readouts["floor"]))
        first.append(gap_after_first_epoch(scene))
    assert np.all(np.diff(jitter) < 0), "each lower rate makes the loss curve jitter less"
    assert np.all(np.diff(floor) < 0), "each lower rate lowers the dashed floor ηV(B)/4"
    assert np.allclose(
        np.array(floor) / rates[default : default - 6 : -1], floor[0] / rates[default], rtol=0.01
    ), "the dashed floor is proportional to η"
    assert np.all(np.diff(first) > 0), "each lower rate leaves the path farther after epoch 1"


def test_prompt_8_3_larger_batches_lower_the_floor_but_end_higher_after_ten_epochs(minibatch):
    rates, default = rates_of(minibatch)
    scenes = [minibatch.scene(batch_size=b, lr=rates[default]) for b in (1, 5, 20)]
    steps = [int(number("", s.readouts["steps"])) for s in scenes]
    means = [number("", s.readouts["mean"]) for s in scenes]
    floors = [number("", s.readouts["floor"]) for s in scenes]
    assert steps == [100, 20, 5], "an epoch makes N/B steps"
    assert floors[0] > floors[1] > floors[2], "a larger batch has a lower predicted floor"
    assert means[0] < means[1] < means[2], (
        "at the same rate and the same number of epochs a larger batch ends higher: it has not "
        "yet reached its (lower) floor, small batches win early"
    )


# -- the schedule explorer ----------------------------------------------------------------------

ONE_OVER_T = "1/t: η₀/(1 + μη₀k/2)"
COSINE = "cosine (to 0 at the end)"


@pytest.fixture(scope="module")
def schedules():
    return CATALOGUE["learning-rate-schedules"]()


def ending(readout: str) -> float:
    """The mean gap over the last epoch in a schedule readout; inf if the run diverged."""
    if "diverged" in readout:
        return np.inf
    return number("last epoch", readout)


def test_prompt_8_4_the_best_constant_rate_is_inside_the_range(schedules):
    rates, _ = rates_of(schedules)
    ends = np.array(
        [ending(schedules.scene(schedule="constant", lr=r).readouts["chosen"]) for r in rates]
    )
    finite = ends[np.isfinite(ends)]
    best = int(np.argmin(finite))
    assert 0 < best < finite.size - 1, "the lowest end is at an inner rate, not at an end"
    assert np.all(np.diff(finite[: best + 1]) < 0) and np.all(np.diff(finite[best:]) > 0), (
        "smaller rates end higher (not arrived yet), larger rates end higher (higher floor)"
    )
    assert np.isinf(ends[-1]), "the largest rates diverge"


def test_prompt_8_5_one_over_t_beats_the_constant_and_hardly_depends_on_eta0(schedules):
    rates, default = rates_of(schedules)
    ends, lasts = [], []
    for i in range(default, len(rates)):
        scene = schedules.scene(schedule=ONE_OVER_T, lr=rates[i])
        constant = ending(scene.readouts["constant"])
        chosen = ending(scene.readouts["chosen"])
        assert chosen < constant, f"at η₀ = {rates[i]:.3g} 1/t ends below the constant rate"
        ends.append(chosen)
        lasts.append(number("last η", scene.readouts["chosen"]))
        if np.isinf(constant):
            break
    assert np.isinf(constant) and np.isfinite(ends[-1]), (
        "the prompt's walk stops where the constant rate diverges, and 1/t survives that rate"
    )
    assert rates[i] / rates[default] > 4, "the walk covers η₀ over a factor of more than 4"
    assert max(ends) / min(ends) < 1.3, "meanwhile the 1/t end state changes by less than 30 %"
    assert max(lasts) / min(lasts) < 1.2, (
        "because its last rate, about 2/(μk), hardly depends on η₀"
    )


def test_prompt_8_6_cosine_leaves_the_constant_behind_in_the_second_half(schedules):
    rates, default = rates_of(schedules)
    scene = schedules.scene(schedule=COSINE, lr=rates[default])
    x, red = scene.layers["chosen-gap"]
    x_grey, grey = scene.layers["constant-gap"]

    def epoch_mean(xs, gaps, epoch):
        return gaps[(xs >= epoch) & (xs < epoch + 1)].mean()

    for epoch in (0, 1):
        ratio = epoch_mean(x, red, epoch) / epoch_mean(x_grey, grey, epoch)
        assert 0.7 < ratio < 1.3, "in the first two epochs the two bands overlap"
    assert epoch_mean(x, red, 9) < epoch_mean(x_grey, grey, 9) / 100, (
        "in the last epoch the cosine run is more than a hundred times lower"
    )
    assert number("last η", scene.readouts["chosen"]) == 0.0, "the cosine rate ends at 0"


# -- the optimizer race -------------------------------------------------------------------------

AXES, TURNED = "valley along the axes (κ = 50)", "valley turned by 45° (κ = 50)"
MOMENTUM = "momentum (β = 0.9)"


@pytest.fixture(scope="module")
def race():
    return CATALOGUE["optimizer-race"]()


def diverges(race, racer: str, lr: float) -> bool:
    return "diverged" in race.scene(problem=AXES, racer=racer, lr=lr).readouts["chosen"]


def test_prompt_8_7_momentum_survives_sgds_first_diverging_rate_within_chapter_4s_limits(race):
    rates, _ = rates_of(race)
    sgd_first = next(i for i, r in enumerate(rates) if diverges(race, "SGD", r))
    momentum_first = next(i for i, r in enumerate(rates) if diverges(race, MOMENTUM, r))
    L, beta = 50.0, 0.9
    assert rates[sgd_first - 1] < 2 / L < rates[sgd_first], (
        "SGD's largest surviving rate on the grid is just below 2/L"
    )
    assert momentum_first > sgd_first, "momentum survives the rate at which SGD diverges"
    assert rates[momentum_first - 1] < (2 + 2 * beta) / L < rates[momentum_first], (
        "momentum's largest surviving rate is just below (2 + 2β)/L"
    )


def test_prompt_8_8_adam_prefers_the_valley_along_the_axes_and_sgd_does_not_care(race):
    along = race.scene(problem=AXES, racer="Adam", lr=0.1)
    turned = race.scene(problem=TURNED, racer="Adam", lr=0.1)
    assert (
        number("f =", along.readouts["chosen"])
        < 1e-5
        < 1e-2
        < number("f =", turned.readouts["chosen"])
    ), "Adam at η = 0.1 ends far lower when the valley lies along the axes"
    np.testing.assert_allclose(
        along.layers["sgd-curve"][1],
        turned.layers["sgd-curve"][1],
        rtol=1e-12,
        err_msg="SGD's loss curve is the same in the turned valley: it ignores rotations",
    )


def test_prompt_8_9_rmsprop_hovers_at_a_level_that_falls_with_eta(race):
    rates, _ = rates_of(race)
    start = int(np.argmin(np.abs(rates - 0.1)))
    levels = []
    for i in range(start, start - 4, -1):
        scene = race.scene(problem=AXES, racer="RMSProp", lr=rates[i])
        steps, values = scene.layers["curve"]
        assert "after 150 steps" in scene.readouts["chosen"], (
            "with a constant η RMSProp does not converge within its budget"
        )
        levels.append(values[steps >= 100].mean())
    assert levels[0] > 1e-2, "at η = 0.1 the loss curve does not go to 0: it hovers"
    assert np.all(np.diff(levels) < 0), "each lower η lowers the level the curve hovers at"
    assert levels[-1] < levels[0] / 5, "three positions lower, the level is over 5 times lower"
