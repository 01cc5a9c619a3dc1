"""The try-this prompts of chapters 0, 1 and 2 can be done on their explorers and lead where the
text says: each test sets the controls a prompt asks for and checks the claim on the scene."""

import re

import numpy as np
import pytest
import sympy as sp

import calcopt as co
from calcopt import Objective
from calcopt import functions as fn
from calcopt.calculus.diff import DEFAULT_STEPS
from calcopt.explore import CATALOGUE, gradient_descent_explorer
from calcopt.explore.derivatives import STEPS

# ---------------------------------------------------------------------------------------------
# Chapter 0: gradient descent on the tilted valley (the notebook's objective, starts and budget)

_x, _y = sp.symbols("x y", real=True)
VALLEY = Objective.from_sympy(
    (_x - 1) ** 2 + 2 * (_y - _x) ** 2, (_x, _y), name="tilted valley", minima=[(1, 1)]
)
STARTS = {"(−1, 2)": (-1.0, 2.0), "(2.5, −2)": (2.5, -2.0), "(−2, −2.5)": (-2.0, -2.5)}
BUDGET = 500


@pytest.fixture(scope="module")
def tour():
    return gradient_descent_explorer(VALLEY, starts=STARTS, max_steps=BUDGET)


def rates(explorer) -> np.ndarray:
    return next(c for c in explorer.controls if c.name == "lr").static_values()


def run(explorer, lr: float, start=(-1.0, 2.0)):
    return explorer.frame(start=start, lr=lr, steps=BUDGET)


def test_ch0_explorer_rates_and_stopping_rule_are_those_the_text_states(tour):
    """The text: positions (2/L) 10^(k/12), k = -20..4; runs stop at ||grad|| <= 1e-8 or after
    500 steps; the position nearest 0.1 is 0.102 and takes 187 steps from (-1, 2)."""
    limit = 2 / VALLEY.curvature[1]
    np.testing.assert_allclose(rates(tour), limit * 10.0 ** (np.arange(-20, 5) / 12), rtol=1e-12)
    nearest = rates(tour)[np.argmin(np.abs(rates(tour) - 0.1))]
    assert f"{nearest:.3f}" == "0.102", "the text names 0.102 as the position nearest 0.1"
    same = co.gradient_descent(VALLEY, [-1.0, 2.0], lr=nearest, tol=1e-8, max_iter=BUDGET)
    assert (
        run(tour, nearest).readouts["status"]
        == f"converged after {same.nit} steps"
        == ("converged after 187 steps")
    ), "the explorer's run is gradient_descent with tol=1e-8, max_iter=500: 187 steps"


def steep_components(explorer, lr: float) -> np.ndarray:
    """Offsets of the path from the minimiser along the Hessian's steepest eigenvector."""
    xs, ys = run(explorer, lr).layers["path"]
    steepest = np.linalg.eigh(VALLEY.hessian(np.array([1.0, 1.0])))[1][:, -1]
    return (np.stack([xs, ys], axis=1) - 1.0) @ steepest


def test_ch0_prompt_1_just_below_2_over_l_the_path_zigzags_and_the_loss_falls(tour):
    below = rates(tour)[19]
    assert below < 2 / VALLEY.curvature[1] < rates(tour)[20] * (1 + 1e-12)
    across = steep_components(tour, below)[:20]
    assert np.all(np.sign(across[1:]) == -np.sign(across[:-1])), (
        "one position below 2/L the path crosses the valley floor at every step"
    )
    assert np.all(np.abs(across[1:]) < np.abs(across[:-1])), "and the crossings shrink"
    gaps = run(tour, below).layers["loss"][1]
    assert np.all(np.diff(gaps) < 0), "the loss still falls at every step"
    assert run(tour, below).readouts["status"].startswith("converged")


def test_ch0_prompt_2_on_the_mark_the_run_bounces_and_one_above_it_diverges(tour):
    on, above = rates(tour)[20], rates(tour)[21]
    assert on == pytest.approx(2 / VALLEY.curvature[1], rel=1e-12)
    status = run(tour, on).readouts["status"]
    assert status.startswith(f"not converged within {BUDGET} steps"), status
    gradient = float(re.search(r"= ([0-9.e+-]+)\)", status).group(1))
    assert 1 < gradient < 100, "at 2/L the run neither converges nor runs off"
    across = steep_components(tour, on)
    assert abs(across[-1]) == pytest.approx(abs(across[1]), rel=0.01), (
        "at exactly 2/L the path bounces across the valley with a constant width"
    )
    diverged = run(tour, above)
    assert diverged.readouts["status"].startswith("diverged after"), diverged.readouts["status"]
    gaps = diverged.layers["loss"][1]
    assert gaps[-1] > 1e6 * gaps[0], "one position above, the loss curve climbs"


@pytest.mark.parametrize("start", list(STARTS.values()))
def test_ch0_prompt_3_four_positions_right_divide_the_steps_by_about_10_to_the_1_3(tour, start):
    steps = {}
    for index, lr in enumerate(rates(tour)):
        status = run(tour, lr, start).readouts["status"]
        if status.startswith("converged after"):
            steps[index] = int(status.split()[2])
    smallest = min(steps)
    assert smallest == 12, "the smallest rate that converges within 500 steps is position 12"
    ratio = steps[smallest] / steps[smallest + 4]
    assert ratio == pytest.approx(10 ** (4 / 12), rel=0.1), (
        f"four positions right multiply the rate by 10^(1/3) = 2.15 and divide the steps by "
        f"about as much; got {steps[smallest]} / {steps[smallest + 4]} = {ratio:.2f}"
    )


# ---------------------------------------------------------------------------------------------
# Chapter 1: extrema on a feasible interval


@pytest.fixture(scope="module")
def feasible():
    return CATALOGUE["feasible-set"]()


def slope_in(readout: str) -> float:
    return float(readout.rpartition("f′ = ")[2])


def positions(explorer, name: str) -> np.ndarray:
    return next(c for c in explorer.controls if c.name == name).static_values()


def test_ch1_prompt_1_past_the_dip_the_minimum_rides_on_a_then_jumps_to_the_other_dip(feasible):
    deepest = -0.5122
    beyond = [a for a in positions(feasible, "a") if a > deepest]
    readouts = [feasible.frame(a=a).readouts["minimum"] for a in beyond]
    at_a = [r for r in readouts if r.startswith("endpoint a")]
    assert len(at_a) >= 2, "just past the dip the global minimum sits at the endpoint a"
    assert all(slope_in(r) > 0 for r in at_a), "with f′ > 0 there: f rises into the interval"
    assert readouts[-1].startswith("interior, x = 1.537") and slope_in(readouts[-1]) == 0, (
        "in the end the minimum jumps to the other dip, where f′ = 0"
    )
    assert fn.wavy(beyond[-1]) > fn.wavy(1.5366) > fn.wavy(beyond[-2]), (
        "it jumps once the endpoint value rises above the other dip's value"
    )


def test_ch1_prompt_2_an_endpoint_maximum_has_f_decreasing_into_the_interval(feasible):
    found = {"a": 0, "b": 0}
    for a in positions(feasible, "a"):
        for b in positions(feasible, "b"):
            readouts = feasible.frame(a=a, b=b).readouts
            top = readouts["maximum"]
            if top.startswith("endpoint a"):
                assert slope_in(top) <= 0, f"a maximum at a needs f′(a) ≤ 0: [{a}, {b}] {top}"
            if top.startswith("endpoint b"):
                assert slope_in(top) >= 0, f"a maximum at b needs f′(b) ≥ 0: [{a}, {b}] {top}"
            if top.startswith("endpoint") and readouts["minimum"].startswith("interior"):
                found[top.split()[1].rstrip(",")] += 1
    assert found["a"] > 0 and found["b"] > 0, (
        f"the sliders offer intervals with the maximum at either endpoint and the minimum "
        f"inside: {found}"
    )


def test_ch1_prompt_3_the_narrowest_interval_has_both_extrema_at_its_ends(feasible):
    a, b = positions(feasible, "a")[-1], positions(feasible, "b")[0]
    readouts = feasible.frame(a=a, b=b).readouts
    assert readouts["local"] == "none", "no local minimum is left inside"
    assert readouts["minimum"].startswith("endpoint a") and readouts["maximum"].startswith(
        "endpoint b"
    ), "f rises across the narrow interval: minimum at a, maximum at b"
    assert slope_in(readouts["minimum"]) > 2 and slope_in(readouts["maximum"]) > 2, (
        "and f′ is far from 0 at both"
    )


# ---------------------------------------------------------------------------------------------
# Chapter 2: secant to tangent


@pytest.fixture(scope="module")
def secant():
    return CATALOGUE["secant-to-tangent"]()


def quotient_and_error(explorer, x: float, h: float) -> tuple[float, float]:
    readouts = explorer.frame(x=x, h=h).readouts
    return float(readouts["quotient"]), float(readouts["error"])


def test_ch2_secant_prompt_1_a_step_of_one_wave_averages_the_slope_away(secant):
    steps = positions(secant, "h")
    assert steps[-1] == 2.0 and 2 * np.pi / 3 == pytest.approx(2.09, abs=0.005)
    xs = positions(secant, "x")
    quotients = [quotient_and_error(secant, x, 2.0)[0] for x in xs]
    exact = fn.wavy.gradient(xs)
    assert exact.min() < -3 and exact.max() > 3, "f′ swings between about -3 and 3"
    assert np.ptp(quotients) < 1 and np.max(np.abs(quotients)) < 0.6, (
        "with h = 2, about one wave of sin 3x, the secant's slope hardly moves"
    )


def test_ch2_secant_prompt_2_the_error_shrinks_about_tenfold_per_tenfold_step(secant):
    steps = positions(secant, "h")
    decades = [0.2, 0.02, 0.002, 0.0002]
    indices = [int(np.argmin(np.abs(steps - h))) for h in decades]
    np.testing.assert_allclose(steps[indices], decades, rtol=1e-12)
    assert np.all(np.diff(indices) == -8), "eight positions of the slider make a factor of ten"
    errors = [quotient_and_error(secant, 1.0, h)[1] for h in decades]
    ratios = np.array(errors[:-1]) / np.array(errors[1:])
    assert np.all((ratios > 7) & (ratios < 11)), f"the error shrinks about tenfold: {ratios}"
    assert abs(ratios[-1] - 10) < abs(ratios[0] - 10), (
        f"and closer to exactly ten as h shrinks, once the h² term fades: {ratios}"
    )


def test_ch2_secant_prompt_3_near_a_peak_only_small_steps_slope_the_right_way(secant):
    x = positions(secant, "x")[np.argmin(np.abs(positions(secant, "x") - 0.5))]
    peak = co.maximize_on_interval(fn.wavy, 0.0, 1.0).x
    assert x == pytest.approx(0.5) and 0.5 < peak < 0.55, "x = 0.5 is just left of a peak"
    assert 0 < fn.wavy.gradient(x) < 0.5, "where f′(x) is small and positive"
    for h in positions(secant, "h"):
        quotient = quotient_and_error(secant, x, h)[0]
        if 0.08 < h <= 1.2:
            assert quotient < 0, f"h = {h:.3g} reaches past the peak: the secant slopes down"
        if h < 0.065:
            assert quotient > 0, f"h = {h:.3g} stays before the peak: the secant slopes up"


# ---------------------------------------------------------------------------------------------
# Chapter 2: error of difference quotients against the step


@pytest.fixture(scope="module")
def errors():
    return CATALOGUE["difference-error"]()


def curve(explorer, x: float, method: str) -> tuple[np.ndarray, np.ndarray]:
    return explorer.frame(x=x).layers[method]


def test_ch2_error_prompt_1_central_and_complex_agree_then_part_with_green_above(errors):
    for x in positions(errors, "x"):
        h, central = curve(errors, x, "central")
        complex_step = curve(errors, x, "complex")[1]
        middle = (h >= 1e-4) & (h <= 1e-1)
        np.testing.assert_allclose(central[middle], complex_step[middle], rtol=0.02)
        assert complex_step[-1] > 2 * central[-1], (
            f"at h = 1 the curves part, the complex step's error larger (x = {x:.1f}): the "
            "h^4 terms, the same in both, add to one error and subtract from the other"
        )


def test_ch2_error_prompt_2_near_the_inflection_point_the_forward_arm_drops_and_bends(errors):
    start = errors.values_at(errors.default_positions())["x"]
    h, at_zero = curve(errors, 0.0, "forward")
    elsewhere = curve(errors, start, "forward")[1]
    assert fn.wavy.hessian(0.0) == pytest.approx(0.2), "f″(0) = 0.2 is small (f‴ = -27)"
    at = np.argmin(np.abs(h - 1e-4))
    assert elsewhere[at] > 20 * at_zero[at], "at x = 0 the right arm lies far lower"

    def slope(low: float, high: float) -> float:
        i, j = np.argmin(np.abs(h - low)), np.argmin(np.abs(h - high))
        return np.log(at_zero[j] / at_zero[i]) / np.log(h[j] / h[i])

    assert slope(1e-6, 1e-3) == pytest.approx(1, abs=0.1), "below 10^-2 it rises like h"
    assert slope(1e-1, 1.0) > 1.5, "above 10^-2 the h² f‴ term takes over"
    window = (h > 1e-2) & (h < 1e-1)
    assert at_zero[window].min() < 0.5 * min(at_zero[h == 1e-2][0], at_zero[window][-1]), (
        "between them the two terms cancel: a dip in the curve"
    )
    tiny, small = np.argmin(np.abs(h - 1e-14)), np.argmin(np.abs(h - 1e-10))
    assert at_zero[tiny] < at_zero[small] and elsewhere[tiny] > 100 * elsewhere[small], (
        "the left arm vanishes at x = 0: the error keeps falling as h shrinks, because f(0) = 0 "
        "leaves no rounding error to amplify, while elsewhere it grows like 1/h"
    )


def test_ch2_error_prompt_3_best_steps_wander_below_the_guides_and_the_left_arm_is_jagged(errors):
    guide = STEPS[np.argmin(np.abs(np.log(STEPS / DEFAULT_STEPS["forward"])))]
    best = []
    arms = {"forward": ((1e-6, 1e-3), 2), "central": ((1e-3, 1e-1), 3)}
    for x in positions(errors, "x"):
        if x == 0:
            continue  # no rounding error there at all (prompt 2)
        for method, ((low, high), least) in arms.items():
            h, error = curve(errors, x, method)
            right = (h >= low) & (h <= high)
            assert np.all(np.diff(error[right]) > 0), (
                f"the right arm, truncation error, is smooth ({method}, x = {x:.1f})"
            )
            left = np.log(error[(h >= 1e-13) & (h <= h[np.argmin(error)])])
            turns = np.sum(np.diff(np.sign(np.diff(left))) != 0)
            assert turns >= least, (
                f"the left arm, rounding error, is jagged ({method}, x = {x:.1f}): {turns} turns"
            )
        best.append(h[np.argmin(curve(errors, x, "forward")[1])])
    assert max(best) <= guide, "the best forward step never lies right of the √ε guide"
    assert max(best) / min(best) >= 100, "but it wanders over two factors of ten below it"


# ---------------------------------------------------------------------------------------------
# Chapter 2: the directional derivative


@pytest.fixture(scope="module")
def directions():
    return CATALOGUE["directional-derivative"]()


def slope_at(explorer, point, angle: float) -> float:
    return float(explorer.frame(point=point, angle=angle).readouts["slope"])


@pytest.mark.parametrize("point", [(0.0, 0.0), (2.0, -1.0), (-1.0, 2.0)])
def test_ch2_directional_prompt_1_axes_give_the_partials_and_180_degrees_minus_one(
    directions, point
):
    dx, dy = fn.himmelblau.gradient(np.array(point))
    assert slope_at(directions, point, 0.0) == pytest.approx(dx, abs=1e-3)
    assert slope_at(directions, point, 90.0) == pytest.approx(dy, abs=1e-3)
    assert slope_at(directions, point, 180.0) == pytest.approx(-dx, abs=1e-3)


def test_ch2_directional_prompt_2_flat_exactly_perpendicular_to_the_gradient(directions):
    point = (2.0, -1.0)
    angles = positions(directions, "angle")
    flat = [a for a in angles if abs(slope_at(directions, point, a)) < 1e-3]
    assert flat == [90.0, 270.0], f"the slice is flat only at 90° and 270°, got {flat}"
    gradient = fn.himmelblau.gradient(np.array(point))
    assert gradient[1] == 0 and gradient[0] != 0, "because ∂f/∂y = 0 there: u = ±e₂ ⟂ ∇f"


def test_ch2_directional_prompt_3_steepest_descent_is_minus_the_gradient(directions):
    point = (0.0, 0.0)
    angles = positions(directions, "angle")
    slopes = [slope_at(directions, point, a) for a in angles]
    steepest = angles[int(np.argmin(slopes))]
    gradient = fn.himmelblau.gradient(np.array(point))
    downhill = np.degrees(np.arctan2(-gradient[1], -gradient[0])) % 360
    assert abs(steepest - downhill) <= 5, "the most negative slope points along −∇f"
    assert min(slopes) == pytest.approx(-np.linalg.norm(gradient), rel=2e-3), (
        "and that slope is −‖∇f‖"
    )
