"""The quadratic-form explorer of *Linear algebra you need* draws what calcopt.linalg computes,
and each of its "try this" prompts leads to the claim the page makes (the generic checks of
every explorer, live against static, are in test_explore.py)."""

import numpy as np
import pytest

from calcopt.explore import CATALOGUE
from calcopt.explore.linear_algebra import (
    BOX,
    EIGENVALUES,
    LEVELS,
    TILT,
    TOL,
    quadratic_form_scene,
    simplify,
)
from calcopt.linalg import condition_number, definiteness, from_eigen, quadratic_form, rotation

Q = rotation(np.radians(TILT))
Q_A, Q_B = Q[:, 0], Q[:, 1]  # the purple eigenvector (eigenvalue a) and the green one (b)


def scene(a, b):
    return quadratic_form_scene(a, b, angle=TILT)


def points(layer) -> np.ndarray:
    """A layer's points (k, 2) without the gaps between its pieces."""
    xs, ys = layer
    xy = np.column_stack([xs, ys])
    return xy[np.isfinite(xy).all(axis=1)]


def pieces(layer) -> list[np.ndarray]:
    xy = np.column_stack(layer)
    breaks = np.flatnonzero(~np.isfinite(xy).all(axis=1))
    finite = [part[np.isfinite(part).all(axis=1)] for part in np.split(xy, breaks)]
    return [part for part in finite if len(part)]


def test_sliders_offer_zero_and_both_signs():
    explorer = CATALOGUE["quadratic-form"]()
    a, b = (control.static_values() for control in explorer.controls)
    assert 0.0 in a and a.min() == -3 and a.max() == 3 and len(a) == 25, "a: -3..3, 25 steps, 0"
    assert b.tolist() == [-3, -2, -1, 0, 1, 2, 3], "b offers every whole number of its range"
    np.testing.assert_array_equal(a, EIGENVALUES)


@pytest.mark.parametrize(("a", "b"), [(1.0, 2), (0.0, 2), (-1.5, 2), (2.5, -3), (-0.75, -1)])
def test_level_curves_are_the_quadratic_forms_levels(a, b):
    A = from_eigen([a, b], Q)
    drawn = scene(a, b)
    for name, levels in (("positive", LEVELS), ("negative", [-c for c in LEVELS])):
        values = quadratic_form(A, points(drawn.layers[name]).T)
        nearest = np.min(np.abs(values[:, None] - np.array(levels)[None, :]), axis=1)
        assert np.all(nearest < 1e-12), f"every {name} point lies on a level curve x^T A x = c"
    zero = points(drawn.layers["zero"])
    np.testing.assert_allclose(quadratic_form(A, zero.T), 0.0, atol=1e-12)


@pytest.mark.parametrize(("a", "b"), [(1.0, 2), (-1.5, 2), (2.5, -3), (0.0, 1)])
def test_right_panel_is_a_as_a_map(a, b):
    A = from_eigen([a, b], Q)
    drawn = scene(a, b)
    for name, value, vector in (("arrow-a", a, Q_A), ("arrow-b", b, Q_B)):
        arrow = points(drawn.layers[name])
        if value == 0:
            assert arrow.size == 0, "a zero eigenvalue has no arrow: A q = 0"
            continue
        np.testing.assert_allclose(arrow, [[0, 0], A @ vector], atol=1e-12)  # A q = value q
    image = points(drawn.layers["image"])
    # Each point is A u for a unit vector u: in eigenvector coordinates (a u_a, b u_b).
    ya, yb = image @ Q_A, image @ Q_B
    if a and b:
        np.testing.assert_allclose((ya / a) ** 2 + (yb / b) ** 2, 1.0, atol=1e-9)
    extent = max(np.abs(ya).max(), 1e-300), np.abs(yb).max()
    np.testing.assert_allclose(extent, [abs(a) or 1e-300, abs(b)], atol=1e-9)


def test_readouts_are_calcopts_verdicts():
    for a in EIGENVALUES[::3]:
        for b in range(-3, 4):
            A = from_eigen([a, b], Q)
            readouts = scene(a, b).readouts
            assert readouts["kind"].startswith(f"{definiteness(A)}: "), "the kind is calcopt's"
            if a > 0 and b > 0:
                assert readouts["kappa"].startswith(f"κ = λ₂/λ₁ = {condition_number(A):.3g}")
            else:
                assert readouts["kappa"] == "not defined: A is not positive definite", (a, b)
    assert scene(1.0, 2).readouts["matrix"] == "A = [[1.25, -0.433], [-0.433, 1.75]]"
    assert scene(2.0, 2).readouts["matrix"] == "A = [[2, 0], [0, 2]]", "no rounding noise"
    assert scene(-1.0, 2).readouts["eigenvalues"] == "λ₁ = -1 ≤ λ₂ = 2", "in increasing order"


# -- the "try this" prompts -----------------------------------------------------------------


def test_prompt_a_to_zero_turns_the_bowl_into_a_trough_and_flattens_the_image():
    """Prompt 1: from the bowl a = 1, b = 2, slide a down to 0. The ellipses stretch along the
    purple eigenvector and become pairs of straight lines parallel to it (a trough, xᵀAx = 2
    y_b² with y_b the green coordinate); the image of the unit circle flattens onto the green
    line, a segment from -2 q_b to 2 q_b: A squashes the plane onto a line."""
    reach = [np.abs(points(scene(a, 2).layers["positive"]) @ Q_A).max() for a in (1.0, 0.5)]
    assert reach[1] > reach[0], "as a shrinks the ellipses reach farther along q_a"
    trough = scene(0.0, 2)
    assert trough.readouts["kind"].startswith("positive semidefinite: a trough"), "a = 0: trough"
    for piece in pieces(trough.layers["positive"]):
        across = piece @ Q_B
        np.testing.assert_allclose(across, across[0], atol=1e-9)  # a line parallel to q_a
        distances = np.sqrt(np.array(LEVELS) / 2)  # 2 y_b^2 = c
        assert np.isclose(abs(across[0]), distances, atol=1e-9).any(), "lines at y_b = ±√(c/2)"
    assert len(pieces(trough.layers["positive"])) == 2 * len(LEVELS), "two lines per level"
    image = points(trough.layers["image"])
    np.testing.assert_allclose(image @ Q_A, 0.0, atol=1e-12)
    assert np.abs(image @ Q_B).max() == pytest.approx(2.0), "the segment reaches ±2 q_b"
    zero = points(trough.layers["zero"])
    np.testing.assert_allclose(zero @ Q_B, 0.0, atol=1e-12)  # the floor is the purple line


def test_prompt_negative_a_makes_a_saddle_whose_zero_lines_meet_at_right_angles_at_minus_b():
    """Prompt 2: keep b = 2 and push a below 0. xᵀAx turns negative (red curves) in the two
    sectors around the purple eigenvector, between the dashed lines where it is 0; the sectors
    widen as a falls, and the dashed lines cross at right angles exactly when a = -b = -2."""

    def zero_angle(a):
        first, second = (p[-1] - p[0] for p in pieces(scene(a, 2).layers["zero"]))
        cosine = abs(first @ second) / np.linalg.norm(first) / np.linalg.norm(second)
        return np.degrees(np.arccos(cosine))  # the angle between the lines, at most 90

    def red_sector(a):  # half-angle, about q_a, of the sector where x^T A x < 0
        return np.degrees(np.arctan(np.sqrt(-a / 2)))

    assert scene(-1.0, 2).readouts["kind"].startswith("indefinite: a saddle"), "a < 0: saddle"
    assert zero_angle(-2.0) == pytest.approx(90.0, abs=1e-9), "at a = -b the lines are square"
    assert zero_angle(-1.0) < 89 and zero_angle(-3.0) < 89, "elsewhere they are not"
    for a in (-0.5, -1.0, -2.0, -3.0):
        red = points(scene(a, 2).layers["negative"])
        angles = np.degrees(np.arctan2(np.abs(red @ Q_B), np.abs(red @ Q_A)))
        assert angles.max() < red_sector(a), "the red curves lie in the sectors about q_a"
    widening = red_sector(-0.5) < red_sector(-1.0) < red_sector(-2.0) == pytest.approx(45.0)
    assert widening, "the red sectors widen as a falls, to 45 degrees about q_a at a = -2"


def test_prompt_condition_number_is_the_squared_ratio_of_the_ellipses_axes():
    """Prompt 3: with b = 2, slide a from 2 down to 0.25 and read κ. The readout says how many
    times as long as wide the ellipses are (√κ), and the picture agrees: at a = 0.25, κ = 8 and
    the innermost ellipse is 2.83 times as long (along the purple eigenvector) as wide."""
    for a, ratio in ((2.0, 1.0), (1.0, np.sqrt(2)), (0.5, 2.0), (0.25, np.sqrt(8))):
        drawn = scene(a, 2)
        inner = pieces(drawn.layers["positive"])[0]  # x^T A x = 1/4, inside the square
        assert quadratic_form(from_eigen([a, 2], Q), inner[0]) == pytest.approx(LEVELS[0])
        length, width = np.abs(inner @ Q_A).max(), np.abs(inner @ Q_B).max()
        assert length / width == pytest.approx(ratio, rel=0.01), f"a = {a}: length/width = √κ"
        assert condition_number(from_eigen([a, 2], Q)) == pytest.approx(ratio**2), "κ = 2/a"
    readout = scene(0.25, 2).readouts["kappa"]
    assert readout == "κ = λ₂/λ₁ = 8: each ellipse is √κ = 2.83 times as long as it is wide"
    assert scene(2.0, 2).readouts["kappa"] == "κ = λ₂/λ₁ = 1: the level curves are circles"


# -- pieces -----------------------------------------------------------------------------------


def test_simplify_keeps_every_point_farther_than_tol_and_the_ends_of_a_path_that_turns_back():
    t = np.linspace(0, 2 * np.pi, 400)
    circle = np.column_stack([np.cos(t), np.sin(t)])
    kept = circle[simplify(circle, TOL)]
    assert len(kept) < len(circle) / 4, "a smooth curve needs few points"
    np.testing.assert_array_equal(kept[[0, -1]], circle[[0, -1]])
    # every dropped point is within TOL of the polyline that is drawn in its place
    chords = np.linspace(0, 1, 50)[:, None, None]
    drawn = (kept[:-1] + chords * (kept[1:] - kept[:-1])).reshape(-1, 2)
    gaps = np.min(np.linalg.norm(circle[:, None] - drawn[None], axis=2), axis=1)
    assert gaps.max() <= TOL * 1.01, "every dropped point is within TOL of the drawn polyline"
    there_and_back = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [1.0, 0.0], [0.0, 0.0]])
    kept_back = there_and_back[simplify(there_and_back, 0.1)].tolist()
    assert kept_back == [[0, 0], [2, 0], [0, 0]], "a path that turns back keeps its far end"
    two = np.concatenate([circle, circle + 3])  # two curves at once, each keeps its ends
    keep = simplify(two, TOL, ends=[0, 399, 400, 799])
    assert keep[[0, 399, 400, 799]].all(), "the given ends are kept"
    assert keep[:400].sum() == len(kept), "each curve is simplified as if alone"


def test_drawn_level_curves_stay_within_half_a_pixel_of_the_exact_ones():
    """Between its points a drawn curve is a straight segment; at every segment's middle the
    distance to the exact curve, |x^T A x - c| / ||2 A x||, is under half a pixel (the left
    panel shows 4 units in about 330 pixels) in every frame of the static book."""
    half_pixel = 0.5 * 2 * BOX / 330
    worst = 0.0
    for a in EIGENVALUES:
        for b in range(-3, 4):
            A = from_eigen([a, b], Q)
            drawn = scene(a, b)
            for name, sign in (("positive", 1), ("negative", -1)):
                for piece in pieces(drawn.layers[name]):
                    middles = (piece[1:] + piece[:-1]) / 2
                    q = quadratic_form(A, middles.T)
                    level = sign * np.array(LEVELS)[np.argmin(np.abs(abs(q[:, None]) - LEVELS), 1)]
                    gap = np.abs(q - level) / np.linalg.norm(2 * middles @ A, axis=1)
                    worst = max(worst, float(gap.max(initial=0.0)))
    assert worst < half_pixel, f"a drawn level curve strays {worst:.2g} from the exact one"
