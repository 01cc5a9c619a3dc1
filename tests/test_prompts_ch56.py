"""Every "try this" prompt of chapters 5 and 6 can be done with its explorer and leads to what
the chapter says it does. Each test sets the controls a prompt names, calls the explorer's scene
function directly (no widgets) and checks the discovery the prompt leads to."""

import itertools
import re

import numpy as np
import pytest

from calcopt import functions as fn
from calcopt.calculus.directions import unit_vector
from calcopt.explore import CATALOGUE
from calcopt.explore.newton import DAMPINGS, STARTS, start_values
from calcopt.explore.second_order import ANGLES, GALLERY_SQUARE, ROWS, model_points


def number(pattern: str, text: str) -> float:
    """The number after ``pattern`` in a readout."""
    match = re.search(pattern + r"\s*(-?[\d.]+(?:e[+-]?\d+)?)", text)
    assert match, f"no number after {pattern!r} in {text!r}"
    return float(match.group(1))


# -- chapter 5: the quadratic model -----------------------------------------------------------


@pytest.fixture(scope="module")
def quadratic():
    return CATALOGUE["quadratic-model"]()


def preset(kind: str) -> tuple[float, float]:
    """The quadratic-model explorer's preset point of a kind ("minimum", "(0, 0)", ...)."""
    points = model_points(fn.himmelblau)
    return next(point for label, point in points.items() if label.startswith(kind))


def curvatures(quadratic, point) -> np.ndarray:
    return np.array(
        [
            number(r"u = ", quadratic.scene(point=point, angle=float(a)).readouts["curvature"])
            for a in ANGLES
        ]
    )


def eigen_angle(point, which: int) -> float:
    """The direction, in degrees in [0, 180), of the Hessian's eigenvector number ``which``."""
    v = np.linalg.eigh(fn.himmelblau.hessian(np.array(point)))[1][:, which]
    return float(np.degrees(np.arctan2(v[1], v[0])) % 180)


def test_prompt_5_1_at_the_minimum_the_largest_curvature_is_lambda_2_along_the_green_arrow(
    quadratic,
):
    point = preset("minimum")
    lam = np.linalg.eigvalsh(fn.himmelblau.hessian(np.array(point)))
    curvature = curvatures(quadratic, point)
    best = ANGLES[np.argmax(curvature)]
    step = ANGLES[1] - ANGLES[0]
    gap = abs((best - eigen_angle(point, 1) + 90) % 180 - 90)
    assert gap <= step / 2, (
        "turning θ, the curvature readout is largest where the line runs along the green arrow "
        "(the eigenvector of λ₂), to within half a slider step"
    )
    assert lam[1] * np.cos(np.radians(step / 2)) ** 2 <= curvature.max() <= lam[1] + 1e-9, (
        "the largest curvature readout is λ₂ (up to the slider's resolution), never more"
    )
    assert curvature.min() >= lam[0] - 1e-9, "no direction curves less than λ₁"


def test_prompt_5_2_at_the_saddle_the_curvature_changes_sign_twice_between_the_arrows(
    quadratic,
):
    point = preset("saddle")
    curvature = curvatures(quadratic, point)
    signs = np.sign(curvature)
    changes = np.count_nonzero(signs[1:] != signs[:-1])
    assert changes == 2, "over θ in [0°, 180°] the curvature readout changes sign twice"
    at = {which: eigen_angle(point, which) for which in (0, 1)}
    nearest = {which: np.argmin(np.abs((ANGLES - a + 90) % 180 - 90)) for which, a in at.items()}
    assert curvature[nearest[0]] < 0 < curvature[nearest[1]], (
        "f curves down along the purple arrow (λ₁ < 0) and up along the green one (λ₂ > 0)"
    )


def test_prompt_5_3_from_the_origin_the_model_has_a_maximum_next_to_himmelblaus(quadratic):
    scene = quadratic.scene(point=preset("(0, 0)"), angle=30.0)
    assert scene.readouts["verdict"].endswith("the model's stationary point is a maximum"), (
        "at (0, 0) the Hessian is negative definite, so the orange dot is the model's maximum"
    )
    target = np.ravel(scene.layers["target"])
    maximum = np.array([-0.270845, -0.923039])
    assert np.linalg.norm(target - maximum) < 0.1, (
        "the orange dot (where a pure Newton step lands) lies close to Himmelblau's maximum"
    )


# -- chapter 5: the second-order gallery --------------------------------------------------------


@pytest.fixture(scope="module")
def gallery():
    return CATALOGUE["second-order-gallery"]()


def test_prompt_5_4_same_hessian_test_different_fourth_and_third_derivatives(gallery):
    quartic = gallery.scene(entry="x⁴ + y²", angle=0.0).readouts
    cubic = gallery.scene(entry="x³ + y²", angle=0.0).readouts
    assert quartic["test"] == cubic["test"] and "inconclusive" in quartic["test"], (
        "x⁴ + y² and x³ + y² have the same eigenvalues and the same (inconclusive) verdict"
    )
    assert quartic["line"] == "θ = 0°: strict minimum at t = 0 (decided by g⁗(0))", (
        "along the x axis the fourth derivative decides for x⁴ + y²: a strict minimum"
    )
    assert cubic["line"] == "θ = 0°: neither at t = 0 (decided by g‴(0))", (
        "along the x axis the third derivative decides for x³ + y²: neither"
    )


def test_prompt_5_5_peano_every_line_a_minimum_yet_the_dip_closes_in_on_the_origin(gallery):
    angles = [30.0, 22.5, 15.0, 7.5]
    where, depth = [], []
    for angle in angles:
        readouts = gallery.scene(entry="Peano (y − x²)(y − 2x²)", angle=angle).readouts
        assert "strict minimum" in readouts["line"], "every line reports a strict minimum"
        depth.append(number(r"lowest f on \|t\| ≤ 1 is", readouts["lowest"]))
        where.append(abs(number(r"at t =", readouts["lowest"])))
    assert all(d < 0 for d in depth), "yet the red dot finds f < 0 on every one of these lines"
    assert np.all(np.diff(where) < 0), "as θ shrinks, the red dot moves towards the origin"
    assert np.all(np.diff(np.abs(depth)) < 0), "and the dip below 0 gets shallower"


def inside(region, point) -> bool:
    """Whether a point lies on one of the region's horizontal segments (its shaded area)."""
    xs, ys = region
    spacing = (GALLERY_SQUARE[1][1] - GALLERY_SQUARE[1][0]) / (ROWS - 1)
    breaks = np.flatnonzero(np.isnan(xs))
    for start, stop in zip(np.r_[0, breaks + 1], np.r_[breaks, xs.size], strict=True):
        for a in range(start, stop - 1, 2):
            on_row = abs(ys[a] - point[1]) <= spacing / 2
            if on_row and min(xs[a], xs[a + 1]) <= point[0] <= max(xs[a], xs[a + 1]):
                return True
    return False


def test_prompt_5_6_monkey_saddle_is_flat_on_three_lines_and_has_three_low_sectors(gallery):
    flat = [
        float(a)
        for a in ANGLES
        if "constant on this line" in gallery.scene(entry=_MONKEY, angle=float(a)).readouts["line"]
    ]
    assert flat == [30.0, 90.0, 150.0], "f = r³ cos 3φ is constant (zero) along θ = 30°, 90°, 150°"
    region = gallery.scene(entry=_MONKEY, angle=0.0).layers["region"]
    phis = np.radians(np.arange(0, 360, 2) + 1.0)
    shaded = np.array([inside(region, 0.6 * unit_vector(phi)) for phi in phis])
    sectors = np.count_nonzero(shaded & ~np.roll(shaded, 1))
    assert sectors == 3, "three red sectors: two for the legs and one for the tail"


_MONKEY = "monkey saddle x³ − 3xy²"


# -- chapter 6: Newton's method against gradient descent --------------------------------------


@pytest.fixture(scope="module")
def comparison():
    return CATALOGUE["newton-vs-gradient-descent"]()


def errors_of(scene, key: str) -> np.ndarray:
    return np.asarray(scene.layers[f"{key}-error"][1])


def test_prompt_6_1_straight_line_against_a_plunge_then_rosenbrocks_crawl(comparison):
    scene = comparison.scene(name="Himmelblau", start="A", damping=1.0)
    newton, gd = errors_of(scene, "newton"), errors_of(scene, "gd")
    newton_ratios = newton[1:] / newton[:-1]
    tail = newton_ratios[newton[:-1] > 1e-10][-3:]
    assert np.all(np.diff(tail) < 0) and tail[-1] < 1e-2, (
        "pure Newton's error curve bends down ever more steeply: e_k+1/e_k falls towards 0"
    )
    gd_ratios = (gd[1:] / gd[:-1])[-10:]
    assert np.ptp(gd_ratios) < 1e-3, "gradient descent's error curve is straight: constant ratio"
    assert number(r"in", scene.readouts["newton"]) < number(r"in", scene.readouts["gd"]) / 5
    rosenbrock = errors_of(comparison.scene(name="Rosenbrock", start="A", damping=1.0), "gd")
    assert rosenbrock[-1] > 0.5 * rosenbrock[0], (
        "on Rosenbrock gradient descent's error hardly moves in 30 iterations"
    )


def test_prompt_6_2_damped_newton_is_linear_with_factor_one_minus_t(comparison):
    t = 0.52
    assert np.isclose(DAMPINGS, t).any(), "0.52 is a position of the damping slider"
    errs = errors_of(comparison.scene(name="Himmelblau", start="A", damping=t), "newton")
    late = (errs[1:] / errs[:-1])[-8:]
    assert late == pytest.approx(1 - t, rel=0.02), (
        "near the minimum each damped step keeps the fraction 1 − t = 0.48 of the error: a "
        "straight line whose slope is log10(1 − t) per step"
    )


def test_prompt_6_3_damping_changes_which_point_from_c_but_not_from_b(comparison):
    def end(start, t):
        return comparison.scene(name="Himmelblau", start=start, damping=t).readouts["newton"]

    assert "to the maximum" in end("B", 1.0) and "to the saddle" in end("C", 1.0)
    for t in DAMPINGS:
        readout = end("B", float(t))
        assert "to the maximum" in readout or "not converged" in readout, (
            "from B every damped run that converges ends at the maximum"
        )
    assert "to the saddle (3.39, 0.0739)" in end("C", 0.68)
    assert "to the minimum (3.58, -1.85)" in end("C", 0.64)
    for t in (0.52, 0.36):
        assert "to the minimum (3, 2)" in end("C", t), (
            "from C, damping t = 0.52 or 0.36 ends at the minimum (3, 2), not at the saddle"
        )
    assert set(STARTS["Himmelblau"]) == {"A", "B", "C"}


# -- chapter 6: basins of attraction ----------------------------------------------------------


@pytest.fixture(scope="module")
def basins():
    return CATALOGUE["basins-of-attraction"]()


def ends(basins, x0: float, y0: float) -> tuple[str, str]:
    readouts = basins.scene(x0=x0, y0=y0).readouts
    return readouts["gd"].split(" in ")[0], readouts["newton"].split(" in ")[0]


def test_the_basin_sliders_move_in_steps_of_a_quarter(basins):
    for control in basins.controls:
        values = control.static_values()
        assert np.allclose(np.diff(values), 0.25) and values[0] == -5.0 and values[-1] == 5.0, (
            "the start sliders offer every multiple of 0.25 from -5 to 5"
        )
    np.testing.assert_array_equal(start_values(-5.0, 5.0), np.arange(-20, 21) * 0.25)


def test_prompt_6_4_next_to_the_maximum_gd_finds_a_minimum_and_newton_the_maximum(basins):
    gd, newton = ends(basins, -0.25, -1.0)
    assert gd.startswith("to the minimum") and newton.startswith("to the maximum"), (
        "from (−0.25, −1) gradient descent reaches a minimum and pure Newton the maximum"
    )


def test_prompt_6_5_on_the_row_4_5_the_methods_reach_different_minima(basins):
    row = [ends(basins, float(x), 4.5) for x in start_values(-5.0, 5.0)]
    different = [
        (gd, newton)
        for gd, newton in row
        if gd.startswith("to the minimum") and newton.startswith("to the minimum") and gd != newton
    ]
    assert len(different) >= 2, "the row y0 = 4.5 has starts where the two reach other minima"


def test_prompt_6_6_along_y_1_newtons_end_changes_often_and_gds_never(basins):
    runs = [ends(basins, float(x), 1.0) for x in np.arange(0.0, 3.01, 0.25)]
    changes = [sum(a[i] != b[i] for a, b in itertools.pairwise(runs)) for i in (0, 1)]
    assert changes[0] == 0 and changes[1] >= 3, (
        "moving x0 from 0 to 3 at y0 = 1, gradient descent always ends at the same minimum "
        "while Newton's end point changes several times: fragmented basins"
    )
