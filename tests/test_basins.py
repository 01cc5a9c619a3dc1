"""Vectorised runs from many starts follow the single runs exactly; basins label their ends."""

import numpy as np
import pytest

import calcopt as co
from calcopt import functions as fn
from calcopt.optimize.basins import (
    NOWHERE,
    Runs,
    gradient_descent_many,
    nearest_labels,
    newton_many,
)


@pytest.fixture(scope="module")
def starts():
    return np.random.default_rng(5).uniform(-5, 5, size=(2, 30))


def test_newton_from_many_starts_follows_each_single_run(starts):
    runs = newton_many(fn.himmelblau, starts)
    for k, start in enumerate(starts.T):
        single = co.newton(fn.himmelblau, start)
        np.testing.assert_array_equal(runs.ends[:, k], single.x)
        assert runs.nit[k] == single.nit and runs.converged[k] == single.success


def test_gradient_descent_from_many_starts_follows_each_single_run(starts):
    runs = gradient_descent_many(fn.himmelblau, starts, lr=0.01, max_iter=500)
    for k, start in enumerate(starts.T):
        single = co.gradient_descent(fn.himmelblau, start, lr=0.01, max_iter=500)
        np.testing.assert_array_equal(runs.ends[:, k], single.x)
        assert runs.nit[k] == single.nit and runs.converged[k] == single.success


def test_divergence_and_singular_hessians_stop_a_start_where_the_single_run_stops():
    runs = gradient_descent_many(fn.booth, [[0.0, 1.0], [0.0, 3.0]], lr=0.5)
    single = co.gradient_descent(fn.booth, [0.0, 0.0], lr=0.5)
    assert single.status == "diverged" and not runs.converged[0]
    np.testing.assert_array_equal(runs.ends[:, 0], single.x)
    assert runs.nit[0] == single.nit
    assert runs.converged[1] and runs.nit[1] == 0  # (1, 3) is the minimum itself
    flat = newton_many(fn.quartic_bowl, [[0.0], [1.0]])  # Hessian diag(0, 2) on the y axis
    assert co.newton(fn.quartic_bowl, [0.0, 1.0]).status == "singular_hessian"
    assert not flat.converged[0] and flat.nit[0] == 0 and flat.ends[:, 0].tolist() == [0.0, 1.0]


def test_runs_of_a_one_variable_objective_follow_the_single_runs():
    starts = np.linspace(-3.5, 3.5, 15)[None, :]  # shape (1, k): the coordinate axis is kept
    newton_runs = newton_many(fn.wavy, starts)
    descent_runs = gradient_descent_many(fn.wavy, starts, lr=0.05, max_iter=300)
    for k, start in enumerate(starts[0]):
        single = co.newton(fn.wavy, start)
        np.testing.assert_array_equal(newton_runs.ends[:, k], single.x)
        assert newton_runs.nit[k] == single.nit, "each column makes the single run's updates"
        descent = co.gradient_descent(fn.wavy, start, lr=0.05, max_iter=300)
        np.testing.assert_array_equal(descent_runs.ends[:, k], descent.x)


def test_nearest_labels_match_converged_ends_only():
    points = co.stationary_points(fn.saddle)
    runs = Runs(np.array([[0.0, 1e-5, 3.0], [0.0, 0.0, 0.0]]), np.array([True, False, True]), 0)
    assert nearest_labels(runs, points).tolist() == [0, NOWHERE, NOWHERE]


def test_himmelblau_basins_gradient_descent_reaches_only_minima_newton_all_kinds():
    gd = co.basins(fn.himmelblau, "gd", num=40, lr=0.01)
    newton = co.basins(fn.himmelblau, "newton", num=40)
    assert gd.labels.shape == newton.labels.shape == (40, 40)
    assert gd.shares()["minimum"] == 1.0
    shares = newton.shares()
    assert shares["saddle"] > 0.1 and shares["maximum"] > 0.01 and shares["minimum"] > 0.3
    assert sum(shares.values()) == pytest.approx(1.0)
    # Each label is where a single run from that start ends.
    for i, j in [(0, 0), (13, 27), (20, 20), (39, 5)]:
        start = (newton.x[j], newton.y[i])
        single = co.newton(fn.himmelblau, start, tol=1e-6)
        assert newton.points[newton.labels[i, j]].x == pytest.approx(single.x, abs=1e-6)


def test_newton_on_a_quadratic_has_a_single_basin_reached_in_one_step():
    result = co.basins(fn.booth, "newton", num=5)
    assert np.all(result.labels == 0) and result.nit.max() == 1 and result.nit[2, 2] == 0


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: co.basins(fn.booth, "gd"), ValueError, "lr is required"),
        (lambda: co.basins(fn.booth, "bfgs"), ValueError, "method must be one of"),
        (lambda: co.basins(fn.wavy, "newton"), ValueError, "must have 2 variable"),
        (lambda: co.basins("booth", "newton"), TypeError, "calcopt Objective"),
        (lambda: newton_many(fn.booth, [1.0, 2.0]), ValueError, "starts must have shape"),
        (lambda: newton_many(fn.booth, [[1.0], [2.0]], damping=2), ValueError, "damping"),
        (lambda: gradient_descent_many(fn.booth, [[1.0], [2.0]], lr=0), ValueError, "lr must"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
