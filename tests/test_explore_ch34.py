"""The explorers of chapters 3 and 4 show exactly what calcopt computes."""

import numpy as np
import pytest

import calcopt as co
from calcopt import functions as fn
from calcopt.explore import CATALOGUE
from calcopt.explore.gradient import ARROW_SCALE
from calcopt.explore.live import LiveExplorer
from calcopt.landscapes import Valley, hill_and_pit
from calcopt.models.regression import LeastSquares, Scaling, design_matrix, house_prices
from calcopt.optimize.theory import best_momentum, centred_lr, convergence_rate, stability_limit


def test_gradient_field_draws_the_gradient_the_tangent_and_the_profile():
    live = LiveExplorer(CATALOGUE["gradient-field"]())
    live.set(x=-1.25, y=0.5)
    point = np.array([-1.25, 0.5])
    g = co.gradient(hill_and_pit, point)  # numerical: an independent oracle
    scene = live.scene
    xs, ys = scene.layers["gradient"]
    np.testing.assert_allclose([xs[1] - xs[0], ys[1] - ys[0]], ARROW_SCALE * g, rtol=1e-8)
    tx, ty = scene.layers["tangent"]
    assert abs((tx[1] - tx[0]) * g[0] + (ty[1] - ty[0]) * g[1]) < 1e-8
    angles, values = scene.layers["profile"]
    for angle, value in zip(angles[::6], values[::6], strict=True):
        u = [np.cos(np.radians(angle)), np.sin(np.radians(angle))]
        assert value == pytest.approx(co.directional_derivative(hill_and_pit, point, u), abs=1e-7)
    heading, height = scene.layers["peak"]
    assert height[0] == pytest.approx(np.linalg.norm(g), rel=1e-8)
    assert heading[0] == pytest.approx(np.degrees(np.arctan2(g[1], g[0])))
    assert scene.readouts["norm"] == f"{np.linalg.norm(g):.3g}"


def test_gradient_field_at_a_stationary_point_has_no_arrow():
    live = LiveExplorer(CATALOGUE["gradient-field"]())
    live.set(x=1.0, y=1.0)
    assert live.scene.layers["gradient"][0].size == 0
    assert live.scene.layers["tangent"][0].size == 0
    np.testing.assert_array_equal(live.scene.layers["profile"][1], 0.0)
    assert live.scene.readouts["angle"] == "none: ∇f = 0"


def test_conditioning_draws_calcopts_heavy_ball_path():
    explorer = CATALOGUE["conditioning"]()
    live = LiveExplorer(explorer)
    live.set(kappa=40.0, momentum=0.5)
    valley = Valley(40.0)
    lr = centred_lr(1.0, 40.0)
    tol = 1e-6 * np.linalg.norm(valley.gradient([-3.0, 1.0]))
    expected = co.gradient_descent(
        valley, [-3.0, 1.0], lr=lr, grad=valley.gradient, momentum=0.5, max_iter=3000, tol=tol
    )
    xs, ys = live.scene.layers["path"]
    np.testing.assert_array_equal(np.column_stack([xs, ys]), expected.path[:26])
    assert live.scene.readouts["nit"] == str(expected.nit)
    assert live.scene.readouts["rate"] == f"{convergence_rate(lr, (1.0, 40.0), momentum=0.5):.3f}"
    assert live.scene.readouts["best"] == f"{best_momentum(lr, 1.0, 40.0):.2f}"
    cx, cy = live.scene.layers["contours"]
    finite = np.isfinite(cx)
    levels = valley(np.stack([cx[finite], cy[finite]]))
    assert len(np.unique(levels.round(9))) == 6  # six whole level curves


def test_momentum_cuts_the_iterations_in_a_narrow_valley():
    live = LiveExplorer(CATALOGUE["conditioning"]())
    live.set(kappa=100.0, momentum=0.0)
    plain = int(live.scene.readouts["nit"])
    live.set(momentum=0.72)
    assert int(live.scene.readouts["nit"]) < plain / 3


def test_learning_rate_sweep_marks_calcopts_runs():
    explorer = CATALOGUE["learning-rate-sweep"]()
    live = LiveExplorer(explorer)
    for problem, start in (("Booth (quadratic)", (-3.0, 0.0)), ("Rosenbrock", (-1.2, 1.0))):
        objective = fn.booth if problem.startswith("Booth") else fn.rosenbrock
        live.set(problem=problem, ratio=0.5)  # between runs: the nearest is 10**(-4/12)
        nearest = 10 ** (-4 / 12)
        rate, label = stability_limit(objective)
        lr = nearest * rate
        expected = co.gradient_descent(objective, start, lr=lr, max_iter=250, tol=1e-6)
        assert live.scene.layers["loss-now"][0][0] == pytest.approx(nearest)
        assert live.scene.layers["loss-now"][1][0] == pytest.approx(expected.fun, rel=1e-12)
        assert live.scene.layers["count-now"][1][0] == expected.nit
        assert live.scene.readouts["lr"] == f"{lr:.3g} ({nearest:.3g} × {label})"
        assert live.scene.readouts["nit"] == str(expected.nit)
    live.set(problem="Booth (quadratic)", ratio=1.5)
    assert live.scene.readouts["status"] == "diverged"
    assert live.scene.readouts["gap"] == "none: diverged"
    ratios, gaps = live.scene.layers["gaps"]
    assert np.all(np.isnan(gaps[ratios > 1.01]))  # Booth diverges beyond 2/L, and only there
    assert np.all(np.isfinite(gaps[ratios < 0.99]))


def test_linear_regression_draws_the_line_of_the_current_weights():
    explorer = CATALOGUE["linear-regression"]()
    live = LiveExplorer(explorer)
    area, price = house_prices()
    scaling = Scaling.of(area)
    loss = LeastSquares(design_matrix(scaling.apply(area)), price)
    live.set(features="standardised area", lr=0.1, steps=12)
    run = co.gradient_descent(loss, [0.0, 0.0], lr=0.1, grad=loss.gradient, max_iter=200, tol=1e-9)
    w = scaling.raw_weights(run.path[12])
    xs, ys = live.scene.layers["fit"]
    np.testing.assert_allclose(ys, w[0] + w[1] * xs, rtol=1e-12)
    assert live.scene.readouts["w1"] == f"{w[1]:.4g}"
    live.set(steps=200)
    assert live.scene.readouts["status"] == f"converged after {run.nit} steps"
    reference = np.linalg.lstsq(design_matrix(area), price, rcond=None)[0]
    assert live.scene.readouts["w0"] == f"{reference[0]:.4g}"
    live.set(features="raw area (m²)", lr=1e-4)
    assert live.scene.readouts["status"].startswith("diverged after")
