"""The try-this prompts of chapters 3 and 4, done on their explorers' scenes.

Each test sets the controls a prompt names, at positions the static book offers, calls the
scene function directly, and checks the discovery the prompt leads to. A failing assertion
names the prompt and the claim that no longer holds.
"""

import numpy as np
import pytest
from scipy.optimize import brentq

from calcopt import functions as fn
from calcopt.explore import CATALOGUE
from calcopt.explore.descent import (
    FEATURES,
    SWEEP_RATIOS,
    conditioning_scene,
    gradient_descent_scene,
    learning_rate_sweep_scene,
    linear_regression_scene,
)
from calcopt.explore.gradient import gradient_field_scene
from calcopt.landscapes import hill_and_pit
from calcopt.optimize.theory import convergence_rate


def positions(name: str, control: str) -> np.ndarray:
    """The static positions of one control of a catalogue explorer."""
    explorer = CATALOGUE[name]()
    return next(c for c in explorer.controls if c.name == control).static_values()


def nearest(values: np.ndarray, target: float) -> float:
    return float(values[np.argmin(np.abs(np.log(values / target)))])


# -- Chapter 3: the gradient at a point -------------------------------------------------------

RING = [(-0.5, 1.0), (-1.0, 1.5), (-1.5, 1.0), (-1.0, 0.5)]


def test_ch3_prompt1_around_the_hill_the_arrow_points_at_it_and_the_peak_turns_full_circle():
    grid = positions("gradient-field", "x")
    angles = []
    for x, y in RING:
        assert np.isclose(grid, x).any() and np.isclose(grid, y).any(), (
            f"prompt 1 visits ({x}, {y}); the explorer's sliders must offer it"
        )
        assert 3 <= hill_and_pit([x, y]) < 4, f"prompt 1: ({x}, {y}) lies on the band 3 ≤ f < 4"
        scene = gradient_field_scene(hill_and_pit, x, y)
        (ax, bx), (ay, by) = scene.layers["gradient"]
        (tx0, tx1), (ty0, ty1) = scene.layers["tangent"]
        arrow, tangent = np.array([bx - ax, by - ay]), np.array([tx1 - tx0, ty1 - ty0])
        assert abs(arrow @ tangent) < 1e-9 * np.linalg.norm(arrow) * np.linalg.norm(tangent), (
            "prompt 1: the red arrow is perpendicular to the dashed tangent everywhere"
        )
        assert arrow @ (np.array([-1.0, 1.0]) - [x, y]) > 0, (
            "prompt 1: on the ring around the hill the gradient points towards the hill's top"
        )
        angles.append(scene.layers["peak"][0][0])
    quadrants = {int(np.floor(((a + 45) % 360) / 90)) for a in angles}
    assert quadrants == {0, 1, 2, 3}, (
        f"prompt 1: once round the hill the peak visits every direction, got angles {angles}"
    )


@pytest.mark.parametrize("point", [(1.0, 1.0), (-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0)])
def test_ch3_prompt2_at_a_stationary_point_nothing_is_steepest(point):
    scene = gradient_field_scene(hill_and_pit, *point)
    assert len(scene.layers["gradient"][0]) == len(scene.layers["tangent"][0]) == 0, (
        "prompt 2: at a stationary point there is no arrow and no tangent"
    )
    assert np.all(scene.layers["profile"][1] == 0), (
        "prompt 2: at a stationary point the slope is 0 in every direction"
    )
    assert scene.readouts["angle"] == "none: ∇f = 0"


def level_spacing(point) -> float:
    """Distance along the gradient between the levels f(p) - 0.5 and f(p) + 0.5."""
    p = np.array(point)
    g = hill_and_pit.gradient(p)
    u = g / np.linalg.norm(g)
    value = hill_and_pit(p)

    def offset(level: float, side: float) -> float:
        return brentq(lambda t: hill_and_pit(p + side * t * u) - level, 0.0, 1.0)

    return offset(value + 0.5, 1.0) + offset(value - 0.5, -1.0)


def test_ch3_prompt3_a_tall_peak_means_crowded_bands():
    steep, flat = (
        gradient_field_scene(hill_and_pit, 2.0, -2.0),
        gradient_field_scene(hill_and_pit, 0.0, 0.0),
    )
    tall, short = steep.layers["peak"][1][0], flat.layers["peak"][1][0]
    assert tall > 2 * short, "prompt 3: the peak at (2, -2) is much taller than at (0, 0)"
    near, far = level_spacing((2.0, -2.0)), level_spacing((0.0, 0.0))
    assert near < far / 2, "prompt 3: the level curves crowd together where the peak is tall"
    for spacing, height in ((near, tall), (far, short)):
        assert spacing * height == pytest.approx(1.0, rel=0.1), (
            "prompt 3: levels 1 apart in f lie about 1/‖∇f‖ apart"
        )


# -- Chapter 4: gradient descent on Booth -----------------------------------------------------

BOOTH_RATE = 2 / 18


def booth_scene(ratio: float):
    return gradient_descent_scene(fn.booth, (-3.0, 0.0), ratio * BOOTH_RATE, 100)


def booth_ratios() -> np.ndarray:
    return positions("gradient-descent", "lr") / BOOTH_RATE


def late_factor(scene) -> float:
    """The per-step factor of the loss gap over the last 20 steps of a run."""
    gaps = scene.layers["loss"][1]
    return float((gaps[-1] / gaps[-21]) ** (1 / 20))


def test_ch4_gd_prompt1_the_line_steepens_up_to_the_best_step_then_flattens():
    ratios = booth_ratios()
    default = CATALOGUE["gradient-descent"]().first.readouts["lr"]
    assert "0.46 × 2/L" in default, "prompt 1 starts at the default rate, 0.46 × 2/L"
    below = ratios[(ratios > 0.04) & (ratios <= 1.0)]
    factors = np.array([late_factor(booth_scene(r)) for r in below])
    for ratio, factor in zip(below, factors, strict=True):
        expected = convergence_rate(ratio * BOOTH_RATE, [2.0, 18.0]) ** 2
        assert factor == pytest.approx(expected, rel=1e-3), (
            "prompt 1: after the first drop the loss curve is a straight line whose slope is "
            "the rate squared"
        )
    steepest = below[np.argmin(factors)]
    assert steepest == nearest(ratios, 0.9), (
        "prompt 1: the steepest line is at the position nearest the best step 0.9 × 2/L"
    )
    assert factors[-1] == pytest.approx(1.0, abs=1e-6), "prompt 1: at 2/L the line is flat"
    assert np.all(np.diff(factors[below <= steepest]) < 0), (
        "prompt 1: below the best step the line steepens as η rises"
    )


def across(scene) -> np.ndarray:
    """The path's component across Booth's valley (along the eigenvector of L = 18)."""
    xs, ys = scene.layers["path"]
    return (np.column_stack([xs, ys]) - [1.0, 3.0]) @ np.array([1.0, 1.0]) / np.sqrt(2)


def test_ch4_gd_prompt2_the_zig_zag_starts_where_one_minus_eta_L_turns_negative():
    for ratio in booth_ratios()[booth_ratios() <= 1.0]:
        signs = np.sign(across(booth_scene(ratio))[:10])
        alternates = np.all(signs[1:] == -signs[:-1])
        assert alternates == (ratio > 0.5), (
            f"prompt 2: the path zig-zags across the valley iff η > 1/L = 0.5 × 2/L; at "
            f"{ratio:.3f} × 2/L it {'does' if alternates else 'does not'}"
        )


def test_ch4_gd_prompt3_past_2_over_L_the_run_diverges_and_at_it_it_never_settles():
    for ratio in booth_ratios()[booth_ratios() > 1.01]:
        scene = booth_scene(ratio)
        gaps = scene.layers["loss"][1]
        assert scene.readouts["status"].startswith("diverged after"), (
            "prompt 3: past 2/L the status says diverged"
        )
        assert np.all(np.diff(gaps[1:]) > 0), "prompt 3: past 2/L the loss curve climbs"
    at = booth_scene(1.0)
    assert at.readouts["status"].startswith("not converged within 100 steps"), (
        "prompt 3: at exactly 2/L the run neither converges nor diverges"
    )


# -- Chapter 4: the learning-rate sweep --------------------------------------------------------


def sweep_scene(problem: str, ratio: float):
    return learning_rate_sweep_scene(problem, ratio, max_iter=250, tol=1e-6)


def test_ch4_sweep_prompt1_fewest_iterations_at_the_position_nearest_the_best_step():
    counts = sweep_scene("Booth (quadratic)", 0.5).layers["counts"]
    fewest = counts[0][np.argmin(counts[1])]
    assert fewest == nearest(SWEEP_RATIOS, 0.9), (
        "prompt 1: on Booth the fewest iterations are at the position nearest 0.9 × 2/L"
    )


def test_ch4_sweep_prompt2_at_2_over_L_the_run_neither_converges_nor_diverges():
    scene = sweep_scene("Booth (quadratic)", 1.0)
    assert scene.readouts["status"] == "max iter", (
        "prompt 2: at exactly 2/L the run uses the whole budget"
    )
    assert float(scene.readouts["gap"]) > 1, "prompt 2: and ends far from the minimum"


def test_ch4_sweep_prompt3_rosenbrocks_best_run_sits_above_the_local_bound():
    scene = sweep_scene("Rosenbrock", 1.0)
    ratios, gaps = scene.layers["gaps"]
    best = ratios[np.nanargmin(gaps)]
    assert best > 1.5, (
        "prompt 3: on Rosenbrock the run closest to the minimum after 250 steps uses a rate "
        f"well above 2/L at the minimum, got {best:.3g} × 2/L"
    )
    diverged = ratios[np.isnan(gaps)]
    assert diverged.size and diverged.min() > 3, (
        "prompt 3: no run just above the mark diverges; only the largest rates do"
    )
    assert np.all(np.isfinite(gaps[(ratios > 1) & (ratios < 3)])), (
        "prompt 3: runs between 1 and 3 times the mark stay finite"
    )


# -- Chapter 4: conditioning and momentum ------------------------------------------------------

VALLEY_RUN = {"start": (-3.0, 1.0), "reduction": 1e-6, "max_iter": 3000, "shown": 25}


def valley(kappa: float, beta: float):
    return conditioning_scene(kappa, beta, **VALLEY_RUN)


def iterations(scene) -> int:
    return int(scene.readouts["nit"])


def bounce(scene) -> float:
    """The largest distance from the valley's floor over the last 6 steps drawn."""
    return float(np.abs(scene.layers["path"][1][-6:]).max())


def test_ch4_conditioning_prompt1_iterations_grow_like_kappa():
    kappas = positions("conditioning", "kappa")
    assert 10.0 in kappas and 100.0 in kappas, "prompt 1 reads κ = 10 and κ = 100"
    ratio = iterations(valley(100.0, 0.0)) / iterations(valley(10.0, 0.0))
    assert 8 < ratio < 12, (
        f"prompt 1: ten times κ takes about ten times the iterations (like κ, not √κ = 3.2); "
        f"got {ratio:.2f}"
    )


def test_ch4_conditioning_prompt2_a_little_momentum_stops_the_bounce_the_best_needs_more():
    betas = positions("conditioning", "momentum")
    scenes = {float(b): valley(100.0, float(b)) for b in betas}
    assert bounce(scenes[0.0]) > 0.5, "prompt 2: without momentum the path still bounces"
    small = betas[1:3]
    assert all(bounce(scenes[float(b)]) < 0.15 for b in small), (
        "prompt 2: the first positions of β, 0.04 and 0.08, already calm the bounce"
    )
    counts = {b: iterations(scene) for b, scene in scenes.items()}
    lowest = min(counts, key=counts.get)
    assert counts[float(small[-1])] > 4 * counts[lowest], (
        "prompt 2: stopping the bounce is not enough: the red dot is much lower further on"
    )
    best = float(scenes[0.0].readouts["best"])
    assert abs(lowest - best) <= 0.04 + 1e-9, (
        f"prompt 2: the lowest red dot (β = {lowest}) sits next to the readout's best β {best}"
    )
    assert bounce(scenes[0.96]) > 0.5, "prompt 2: a β near 1 brings the bouncing back"


def test_ch4_conditioning_prompt3_in_a_nearly_round_valley_momentum_hurts():
    second = positions("conditioning", "kappa")[1]
    assert f"{second:.2f}" == "1.21", "prompt 3 names the second position of κ, 1.21"
    plain, heavy = iterations(valley(second, 0.0)), iterations(valley(second, 0.96))
    assert heavy > 50 * plain, (
        f"prompt 3: at κ = 1.21 momentum 0.96 takes far more iterations ({heavy}) than none "
        f"({plain})"
    )
    assert iterations(valley(1.0, 0.0)) == iterations(valley(1.0, 0.96)) == 1, (
        "prompt 3: at κ = 1 the step 2/(μ + L) = 1 lands on the minimum, with or without momentum"
    )


# -- Chapter 4: linear regression ---------------------------------------------------------------

REGRESSION = {"n": 30, "seed": 4, "max_steps": 200}


def regression(features: str, lr: float, steps: int = 200):
    return linear_regression_scene(features, lr, steps, **REGRESSION)


def test_ch4_regression_prompt1_the_largest_safe_rate_on_the_raw_area_barely_moves_the_line():
    rates = positions("linear-regression", "lr")
    safe = [r for r in rates if not regression(FEATURES[0], r).readouts["status"].startswith("div")]
    largest = max(safe)
    above = rates[rates > largest].min()
    assert largest < 7.3e-5 < above, (
        "prompt 1: 2/L ≈ 7.3e-5 lies between the last safe rate and the next"
    )
    scene = regression(FEATURES[0], largest)
    assert float(scene.readouts["w0"]) < 1, (
        "prompt 1: after 200 steps the intercept is still near 0 (least squares: 51.7)"
    )


def test_ch4_regression_prompt2_standardised_the_status_counts_the_steps():
    slow = regression(FEATURES[1], nearest(positions("linear-regression", "lr"), 5.62e-5))
    assert slow.readouts["status"].startswith("not converged within 200"), (
        "prompt 2: the raw feature's safe rate is far too small once the feature is standardised"
    )
    steps = []
    for lr in (0.1, 0.5623413251903491):
        status = regression(FEATURES[1], lr).readouts["status"]
        assert status.startswith("converged after"), f"prompt 2: at η = {lr:.2g} the fit converges"
        steps.append(int(status.split()[2]))
    assert steps[1] < steps[0] / 4, "prompt 2: at 0.56 it takes a fraction of the steps at 0.1"


def test_ch4_regression_prompt3_at_eta_1_each_step_undoes_the_previous_one():
    scenes = [regression(FEATURES[1], 1.0, k) for k in range(5)]
    gaps = scenes[-1].layers["loss"][1]
    assert np.allclose(gaps, gaps[0], rtol=1e-9), "prompt 3: at η = 1 the loss never moves"
    lines = [scene.layers["fit"][1] for scene in scenes]
    assert np.allclose(lines[0], lines[2]) and np.allclose(lines[1], lines[3]), (
        "prompt 3: the line jumps back and forth between two positions"
    )
    assert not np.allclose(lines[0], lines[1]), "prompt 3: and the two positions differ"
