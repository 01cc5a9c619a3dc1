"""The explorers of chapter 7 show what calcopt computes, and every "try this" prompt of the
chapter leads to the claim it promises (each prompt has a test here, on the scene itself)."""

import numpy as np
import pytest

import calcopt as co
from calcopt import functions as fn
from calcopt.explore import CATALOGUE
from calcopt.explore.constrained import (
    DISTANCE,
    KKT_BOUNDS,
    LAGRANGE_PROBLEMS,
    PROJECTED_SETS,
    PROJECTED_START,
    circle_lagrange_points,
    disc_solution,
    kkt_scene,
    lagrange_scene,
    projected_descent_scene,
)
from calcopt.explore.controls import rates_around
from calcopt.functions import x, y
from calcopt.optimize.theory import stability_limit

SQRT5 = np.sqrt(5.0)
FIRST, HIMMELBLAU = LAGRANGE_PROBLEMS.values()
BOX, DISC = PROJECTED_SETS.values()


@pytest.fixture(scope="module")
def lagrange():
    return CATALOGUE["lagrange-tangency"]()


def cross(a, b) -> float:
    """The z component of a x b for plane vectors: 0 when they are parallel."""
    return float(a[0] * b[1] - a[1] * b[0])


def angle_of(point) -> float:
    return float(np.degrees(np.arctan2(point.x[1], point.x[0])))


def slider_angles(explorer) -> np.ndarray:
    return explorer.controls[1].static_values()


# -- Lagrange multipliers ---------------------------------------------------------------------


def test_lagrange_scene_draws_the_gradients_of_f_and_h(lagrange):
    scene = lagrange_scene(FIRST, 90.0)
    point = np.array([0.0, 1.0])
    (px, py), (fx, fy), (hx, hy) = (
        scene.layers["point"],
        scene.layers["grad-f"],
        scene.layers["grad-h"],
    )
    np.testing.assert_allclose([px[0], py[0]], point, atol=1e-15)
    grad_f = np.array([fx[1] - fx[0], fy[1] - fy[0]])
    grad_h = np.array([hx[1] - hx[0], hy[1] - hy[0]])
    assert cross(grad_f, DISTANCE.gradient_at(point)) == pytest.approx(0.0, abs=1e-12)
    assert grad_f @ DISTANCE.gradient_at(point) > 0, "the red arrow points along grad f"
    assert cross(grad_h, 2 * point) == pytest.approx(0.0, abs=1e-12) and grad_h @ point > 0
    assert np.linalg.norm(grad_f) == pytest.approx(np.linalg.norm(grad_h)), "same length"
    assert scene.readouts["slope"] == "4", "df/dtheta = grad f . (-sin, cos) = (-4, 0).(-1, 0)"
    assert scene.readouts["verdict"] == "not a Lagrange point: ∇f + λ∇h is 4 long"


def test_the_slider_stops_at_every_lagrange_point(lagrange):
    angles = slider_angles(lagrange)
    for objective, radius, _ in LAGRANGE_PROBLEMS.values():
        for point in circle_lagrange_points(objective, radius):
            assert np.min(np.abs(angles - angle_of(point))) < 1e-8


def test_try_this_1_the_arrows_are_parallel_exactly_at_the_extrema_of_f_along_the_circle(
    lagrange,
):
    """Prompt 1: at which two angles are the arrows parallel, where are those on the curve on
    the right, and what does the level curve do there?"""
    angles = slider_angles(lagrange)
    scenes = [lagrange_scene(FIRST, a) for a in angles]
    parallel = [
        a for a, s in zip(angles, scenes, strict=True) if s.readouts["verdict"].startswith("a ")
    ]
    np.testing.assert_allclose(
        sorted(parallel), [np.degrees(np.arctan2(-1, -2)), np.degrees(np.arctan2(1, 2))]
    )
    values = [s.layers["value"][1][0] for s in scenes]
    assert {angles[np.argmin(values)], angles[np.argmax(values)]} == set(parallel), (
        "the parallel angles are the lowest and the highest point of f along the circle"
    )
    for a in parallel:
        scene = lagrange_scene(FIRST, a)
        assert scene.readouts["slope"] == "0" and scene.readouts["angle"] in ("0.0°", "180.0°")
    touching = lagrange_scene(FIRST, np.degrees(np.arctan2(1, 2))).layers["level"]
    crossing = lagrange_scene(FIRST, 90.0).layers["level"]
    assert np.nanmin(np.hypot(*touching)) > 1 - 1e-3, "at the minimum the level curve touches"
    assert np.nanmin(np.hypot(*crossing)) < 0.9, "elsewhere it crosses into the circle"


def test_try_this_2_the_sign_of_lambda_follows_the_direction_of_the_arrows():
    """Prompt 2: opposite arrows go with lambda > 0 (the minimum), parallel ones with
    lambda < 0 (the maximum)."""
    minimum = lagrange_scene(FIRST, np.degrees(np.arctan2(1, 2))).readouts
    maximum = lagrange_scene(FIRST, np.degrees(np.arctan2(-1, -2))).readouts
    assert minimum["angle"] == "180.0°" and float(minimum["lam"]) == pytest.approx(1.236, 1e-3)
    assert maximum["angle"] == "0.0°" and float(maximum["lam"]) == pytest.approx(-3.236, 1e-3)
    far, near = co.lagrange_points(DISTANCE, [x**2 + y**2 - 1])
    assert minimum["lam"] == f"{near.lam[0]:.4g}" and maximum["lam"] == f"{far.lam[0]:.4g}"


def test_try_this_3_himmelblau_has_a_minimum_with_a_negative_multiplier():
    """Prompt 3: eight Lagrange points on the circle of radius 4, and a minimum with
    lambda < 0: the sign of an equality's multiplier does not tell minimum from maximum."""
    points = circle_lagrange_points(*HIMMELBLAU[:2])
    assert len(points) == 8
    assert sorted(str(p.kind) for p in points) == ["maximum"] * 4 + ["minimum"] * 4
    negative = [p for p in points if str(p.kind) == "minimum" and p.lam[0] < 0]
    assert len(negative) == 1
    readouts = lagrange_scene(HIMMELBLAU, angle_of(negative[0])).readouts
    assert readouts["verdict"].startswith("a Lagrange point") and float(readouts["lam"]) < 0
    assert readouts["angle"] == "0.0°", "grad f and grad h point the same way at this minimum"


# -- projected gradient descent ---------------------------------------------------------------


def pgd(feasible, lr, steps=100):
    return projected_descent_scene(
        fn.booth, feasible, lr, steps, start=PROJECTED_START, max_steps=100
    )


def test_projected_scene_draws_calcopts_run():
    scene = pgd(BOX, 0.05, 3)
    run = co.projected_gradient_descent(fn.booth, [-3.0, 0.0], BOX[0], lr=0.05, max_iter=100)
    np.testing.assert_array_equal(np.column_stack(scene.layers["path"]), run.path[:4])
    current = run.path[3]
    trial = current - 0.05 * fn.booth.gradient_at(current)
    np.testing.assert_allclose(np.column_stack(scene.layers["step"]), [current, trial])
    np.testing.assert_allclose(
        np.column_stack(scene.layers["projection"]), [trial, co.project_box(trial, -1, 2)]
    )
    assert scene.readouts["mapping"] == f"{run.grad_norms[3]:.3g}"
    (star,) = co.kkt_points(fn.booth, inequalities=[x - 2, -1 - x, y - 2, -1 - y])
    np.testing.assert_allclose(scene.layers["gap"][1], run.values[:4] - star.value, rtol=1e-12)


def test_try_this_1_the_iterates_never_leave_the_box():
    """Prompt 1: an infeasible start is projected first, some gradient steps leave the box,
    and the projection brings every one of them back."""
    rates = rates_around(stability_limit(fn.booth)[0])
    first = pgd(BOX, rates[20] / 2, 0)
    np.testing.assert_array_equal(np.column_stack(first.layers["start"]), [[-3, 0], [-1, 0]])
    left_the_box = 0
    for lr in rates:
        scene = pgd(BOX, float(lr))
        path = np.column_stack(scene.layers["path"])
        assert np.all((path >= -1) & (path <= 2)), f"lr = {lr}: an iterate left the box"
        run = co.projected_gradient_descent(
            fn.booth, [-3.0, 0.0], BOX[0], lr=float(lr), max_iter=100
        )
        trials = run.path[:-1] - lr * np.array([fn.booth.gradient_at(p) for p in run.path[:-1]])
        left_the_box += np.any((trials < -1) | (trials > 2))
    assert left_the_box == len(rates), "at every rate some gradient step leaves the box"


def test_try_this_2_the_run_stops_on_the_projected_gradient_not_the_gradient():
    """Prompt 2: at the end ||G|| is below the tolerance while ||grad f|| is 3.6."""
    end = pgd(BOX, 0.05).readouts
    assert end["status"].startswith("converged")
    assert float(end["mapping"]) <= 1e-6 and end["gradient"] == "3.6"


def test_try_this_3_beyond_2_over_l_the_projection_keeps_the_run_bounded():
    """Prompt 3: past 2/L plain gradient descent diverges on Booth, but projected gradient
    descent converges on the box until eta nears 2/10 (the curvature along the top edge is
    10) and on the disc at every rate the slider offers."""
    limit = stability_limit(fn.booth)[0]
    beyond = [float(lr) for lr in rates_around(limit) if lr > limit * 1.01]
    box = {lr: pgd(BOX, lr).readouts["status"] for lr in beyond}
    assert all(box[lr].startswith("converged") for lr in beyond if lr < 0.18)
    assert not any(box[lr].startswith("converged") for lr in beyond if lr > 0.19)
    assert all(pgd(DISC, lr).readouts["status"].startswith("converged") for lr in beyond)
    for lr in beyond:
        plain = co.gradient_descent(fn.booth, [-1.0, 0.0], lr=lr, max_iter=1000)
        assert plain.status == "diverged"


# -- KKT --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bound", [0.25, 1.0, 2.0, 4.75, 5.0, 7.0])
def test_kkt_scene_agrees_with_kkt_points(bound):
    best, value, mu = disc_solution((2.0, 1.0), bound)
    (point,) = co.kkt_points(DISTANCE, inequalities=[x**2 + y**2 - bound])
    np.testing.assert_allclose(best, point.x, atol=1e-12)
    assert value == pytest.approx(point.value, abs=1e-12)
    assert mu == pytest.approx(point.mu[0], abs=1e-12)
    scene = kkt_scene((2.0, 1.0), bound)
    if mu > 0:
        (fx, fy), (gx, gy) = scene.layers["pull"], scene.layers["push"]
        np.testing.assert_allclose([fx[1] - fx[0], fy[1] - fy[0]], [gx[0] - gx[1], gy[0] - gy[1]])


def test_try_this_1_the_constraint_becomes_active_below_c_5():
    """Prompt 1: for c >= 5 the minimiser is (2, 1) and mu = 0; below 5 the constraint is
    active and mu > 0."""
    for c in KKT_BOUNDS:
        readouts = kkt_scene((2.0, 1.0), float(c)).readouts
        if c >= 5:
            assert readouts["best"] == "(2.0000, 1.0000)" and readouts["mu"] == "0.0000"
            assert readouts["state"].startswith("inactive")
        else:
            assert float(readouts["mu"]) > 0 and readouts["state"].startswith("active")
            assert readouts["g"] == "0", "an active constraint holds with equality"


def test_try_this_2_the_tangent_of_the_optimal_value_has_slope_minus_mu():
    """Prompt 2: at c = 1, mu = sqrt 5 - 1 is minus the slope of p(c)."""
    scene = kkt_scene((2.0, 1.0), 1.0)
    assert scene.readouts["mu"] == f"{SQRT5 - 1:.4f}"
    cs, ps = scene.layers["tangent"]
    assert (ps[1] - ps[0]) / (cs[1] - cs[0]) == pytest.approx(-(SQRT5 - 1))
    h = 1e-5
    slope = (disc_solution((2.0, 1.0), 1 + h)[1] - disc_solution((2.0, 1.0), 1 - h)[1]) / (2 * h)
    assert slope == pytest.approx(-(SQRT5 - 1), abs=1e-8)


def test_try_this_3_the_optimal_value_never_rises_and_mu_is_never_negative():
    """Prompt 3: loosening an inequality cannot hurt, so p falls (weakly) and mu >= 0."""
    solutions = [disc_solution((2.0, 1.0), float(c)) for c in KKT_BOUNDS]
    values, mus = np.array([s[1] for s in solutions]), np.array([s[2] for s in solutions])
    assert np.all(np.diff(values) <= 1e-15) and np.all(mus >= 0)
    assert np.all(np.diff(mus[KKT_BOUNDS < 5]) < 0), "mu grows as the disc shrinks"
