"""Steepest ascent, level-curve tangents, directional-derivative profiles and the chapter 3-4
example objectives, against numerical differentiation, sympy and scipy."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

import calcopt as co
from calcopt import functions as fn
from calcopt.calculus.directions import (
    directional_profile,
    level_tangent,
    steepest_ascent,
    unit_vector,
)
from calcopt.landscapes import Valley, hill_and_pit

points = st.tuples(st.floats(-2, 2), st.floats(-2, 2))
angles = st.floats(-np.pi, np.pi)


@given(point=points, theta=angles)
def test_profile_equals_calcopts_numerical_directional_derivative(point, theta):
    g = hill_and_pit.gradient(np.array(point))
    numerical = co.directional_derivative(hill_and_pit, point, unit_vector(theta))
    assert directional_profile(g, theta) == pytest.approx(numerical, abs=1e-7)


@given(point=points)
def test_the_profile_peaks_at_the_gradients_angle_with_height_its_norm(point):
    g = hill_and_pit.gradient(np.array(point))
    assume(np.linalg.norm(g) > 1e-3)
    peak = minimize_scalar(
        lambda t: -directional_profile(g, t), bounds=(-np.pi, np.pi), method="bounded",
        options={"xatol": 1e-10},
    )  # fmt: skip
    heading = np.arctan2(g[1], g[0])
    gap = np.angle(np.exp(1j * (peak.x - heading)))  # angle difference, wrapped
    assert abs(gap) < 1e-4 or abs(abs(peak.x) - np.pi) < 1e-4  # the peak may sit on the seam
    assert -peak.fun == pytest.approx(np.linalg.norm(g), rel=1e-8)
    np.testing.assert_allclose(unit_vector(heading), steepest_ascent(g), atol=1e-12)


@given(point=points, theta=angles)
def test_no_direction_rises_faster_than_steepest_ascent(point, theta):
    g = hill_and_pit.gradient(np.array(point))
    assume(np.linalg.norm(g) > 1e-9)
    best = directional_profile(g, np.arctan2(*steepest_ascent(g)[::-1]))
    assert directional_profile(g, theta) <= best + 1e-12
    assert directional_profile(g, theta) >= -best - 1e-12  # steepest descent is the opposite


@given(point=points)
def test_the_tangent_is_perpendicular_and_f_changes_only_to_second_order_along_it(point):
    x = np.array(point)
    g = hill_and_pit.gradient(x)
    assume(np.linalg.norm(g) > 0.1)
    t = level_tangent(g)
    assert np.linalg.norm(t) == pytest.approx(1.0) and abs(t @ g) < 1e-12
    for s in (1e-2, 1e-3):
        along_tangent = abs(hill_and_pit(x + s * t) - hill_and_pit(x))
        along_gradient = abs(hill_and_pit(x + s * g / np.linalg.norm(g)) - hill_and_pit(x))
        assert along_tangent <= 10 * s**2  # the second derivatives here are below 13
        assert along_gradient == pytest.approx(s * np.linalg.norm(g), rel=20 * s)


def test_hill_and_pit_has_the_stationary_points_sympy_finds():
    x, y = hill_and_pit.variables
    exact = sp.solve(list(hill_and_pit.gradient_expr), [x, y], dict=True)
    assert sorted((float(s[x]), float(s[y])) for s in exact) == [
        (-1.0, -1.0),
        (-1.0, 1.0),
        (1.0, -1.0),
        (1.0, 1.0),
    ]
    kinds = {tuple(p.x.round(9)): str(p.kind) for p in co.stationary_points(hill_and_pit)}
    assert kinds == {
        (-1.0, -1.0): "saddle",
        (-1.0, 1.0): "maximum",
        (1.0, -1.0): "minimum",
        (1.0, 1.0): "saddle",
    }


@settings(max_examples=20)  # each example builds a sympy quadratic
@given(kappa=st.floats(1.0, 1000.0), angle=angles, mu=st.floats(0.01, 10.0), point=points)
def test_valley_matches_the_symbolic_quadratic(kappa, angle, mu, point):
    valley = Valley(kappa, angle, mu)
    reference = fn.quadratic(valley.A)
    x = np.array(point)
    assert valley(x) == pytest.approx(reference(x), rel=1e-9, abs=1e-12)
    np.testing.assert_allclose(valley.gradient(x), reference.gradient(x), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(np.linalg.eigvalsh(valley.A), valley.curvature, rtol=1e-9)


def test_valley_on_a_grid():
    valley = Valley(4.0)
    X, Y = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-1, 1, 3))
    np.testing.assert_allclose(valley(np.stack([X, Y])), 0.5 * (X**2 + 4 * Y**2))
    assert valley.gradient(np.stack([X, Y])).shape == (2, 3, 5)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: steepest_ascent([0.0, 0.0]), "steepest_ascent needs a nonzero gradient"),
        (lambda: level_tangent([0.0, 0.0]), "level_tangent needs a nonzero gradient"),
        (lambda: level_tangent([1.0, 2.0, 3.0]), "grad must have 2 coordinates"),
        (lambda: directional_profile([1.0], 0.0), "grad must have 2 coordinates"),
        (lambda: unit_vector(np.inf), "angle must be finite"),
        (lambda: Valley(0.5), r"kappa must lie in \[1, inf\)"),
        (lambda: Valley(2.0, mu=-1.0), "mu must be a positive"),
    ],
)
def test_bad_input_gets_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_valley_level_curves_are_level_sets_of_the_valley():
    for kappa, angle in ((1.0, 0.0), (9.0, 0.0), (25.0, 0.7)):
        valley = Valley(kappa, angle)
        xs, ys = valley.level_curves([0.5, 2.0], points=17)
        assert np.isnan(xs[17]) and np.isnan(xs[-1]), "curves are separated by NaN gaps"
        for curve, a in ((slice(0, 17), 0.5), (slice(18, 35), 2.0)):
            values = valley(np.stack([xs[curve], ys[curve]]))
            np.testing.assert_allclose(values, 0.5 * a**2, rtol=1e-12)  # f = mu a^2 / 2
