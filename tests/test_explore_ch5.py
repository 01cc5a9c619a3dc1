"""The explorers of chapters 5 and 6 draw exactly what calcopt computes (the generic checks of
every explorer, live against static, are in test_explore.py; what their prompts lead to is
checked in test_prompts_ch56.py)."""

import numpy as np
import pytest

import calcopt as co
from calcopt import functions as fn
from calcopt.calculus.directions import unit_vector
from calcopt.explore import CATALOGUE
from calcopt.explore.live import LiveExplorer
from calcopt.explore.newton import PATH_SPACING, STARTS, describe_run
from calcopt.explore.second_order import GALLERY, model_points
from calcopt.plotting import thin_path


@pytest.fixture(scope="module")
def quadratic():
    return LiveExplorer(CATALOGUE["quadratic-model"]())


def test_model_presets_are_one_stationary_point_of_each_kind_then_others():
    labels = list(model_points(fn.himmelblau))
    assert [label.split(" ")[0] for label in labels[:3]] == ["minimum", "saddle", "maximum"]
    assert labels[3:] == ["(2, 3)", "(0, 0)", "(2, 0)"]


def test_quadratic_model_explorer_draws_calcopts_model_and_eigenvectors(quadratic):
    quadratic.set(point="(2, 0)", angle=45.0)
    x0, u = np.array([2.0, 0.0]), unit_vector(np.radians(45.0))
    model = co.quadratic_model(fn.himmelblau, x0)
    ts, values = quadratic.scene.layers["slice-model"]
    points = x0[:, None] + np.outer(u, ts)
    np.testing.assert_allclose(values, model(points) - fn.himmelblau(x0), atol=1e-9)
    ts, values = quadratic.scene.layers["slice-f"]
    np.testing.assert_allclose(values, fn.himmelblau(points) - fn.himmelblau(x0), atol=1e-9)
    H = fn.himmelblau.hessian(x0)
    xs, ys = quadratic.scene.layers["eig-large"]
    direction = np.array([xs[1] - xs[0], ys[1] - ys[0]])
    np.testing.assert_allclose(H @ direction, np.linalg.eigvalsh(H)[1] * direction, atol=1e-9)
    target = co.newton_step(x0, fn.himmelblau.gradient(x0), H)
    np.testing.assert_allclose(np.ravel(quadratic.scene.layers["target"]), target)
    assert f"u = {u @ H @ u:.4g} along" in quadratic.scene.readouts["curvature"]
    assert quadratic.scene.readouts["verdict"].endswith("the model's stationary point is a saddle")


def test_quadratic_model_explorer_classifies_stationary_points(quadratic):
    for label in list(model_points(fn.himmelblau))[:3]:
        quadratic.set(point=label)
        kind = label.split(" ")[0]
        assert quadratic.scene.readouts["verdict"].startswith("stationary: ")
        assert kind in quadratic.scene.readouts["verdict"]


def test_gallery_reads_the_test_and_the_line_from_calcopt():
    live = LiveExplorer(CATALOGUE["second-order-gallery"]())
    for entry, (objective, _truth) in GALLERY.items():
        live.set(entry=entry, angle=0.0)
        H = objective.hessian(np.zeros(2))
        assert str(co.classify_stationary_point(H)) in live.scene.readouts["test"]
        derivatives = co.line_derivatives(objective, [0.0, 0.0])([1.0, 0.0])
        assert str(co.line_test(derivatives).verdict).split()[0] in live.scene.readouts["line"]
        ts, values = live.scene.layers["restriction"]
        np.testing.assert_allclose(values, objective(np.stack([ts, 0 * ts])), atol=1e-12)
    live.set(entry="Peano (y − x²)(y − 2x²)", angle=30.0)
    assert live.scene.readouts["line"].startswith("θ = 30°: strict minimum")
    assert "is -" in live.scene.readouts["lowest"]  # yet f < 0 farther along the line


def test_every_gallery_function_is_a_polynomial_of_degree_at_most_four():
    for objective, _truth in GALLERY.values():
        assert objective.expr.as_poly(*objective.variables).total_degree() <= 4


def test_newton_vs_gd_explorer_draws_calcopts_runs():
    live = LiveExplorer(CATALOGUE["newton-vs-gradient-descent"]())
    live.set(name="Himmelblau", start="B", damping=1.0)
    result = co.newton(fn.himmelblau, STARTS["Himmelblau"]["B"], max_iter=60)
    xs, ys = live.scene.layers["newton-Himmelblau"]
    np.testing.assert_array_equal(
        np.column_stack([xs, ys]), thin_path(result.path, PATH_SPACING * 10)
    )
    assert live.scene.layers["newton-Rosenbrock"][0].size == 0  # paths on the chosen one only
    points = co.stationary_points(fn.himmelblau)
    assert live.scene.readouts["newton"] == describe_run(result, points)
    assert live.scene.readouts["newton"].startswith("from (0, 0) to the maximum")
    _, errs = live.scene.layers["newton-error"]
    maximum = next(p.x for p in points if p.kind == "maximum")
    np.testing.assert_allclose(errs, co.measured.errors(result.path, maximum), atol=1e-15)
    live.set(damping=0.52)
    damped = co.newton(fn.himmelblau, STARTS["Himmelblau"]["B"], damping=0.52, max_iter=60)
    assert live.scene.readouts["newton"] == describe_run(damped, points)


def test_basins_explorer_paths_are_the_runs_from_the_chosen_start():
    live = LiveExplorer(CATALOGUE["basins-of-attraction"]())
    live.set(x0=2.5, y0=-2.5)
    gd = co.gradient_descent(fn.himmelblau, (2.5, -2.5), lr=0.01, max_iter=2000, tol=1e-6)
    newton = co.newton(fn.himmelblau, (2.5, -2.5), tol=1e-6)
    for key, result in (("gd", gd), ("newton", newton)):
        xs, ys = live.scene.layers[f"{key}-path"]
        np.testing.assert_array_equal(
            np.column_stack([xs, ys]), thin_path(result.path, PATH_SPACING * 10)
        )
    assert "to the minimum (3.58, -1.85)" in live.scene.readouts["gd"]


def test_basins_explorer_opens_next_to_the_maximum_on_readable_starts():
    explorer = CATALOGUE["basins-of-attraction"]()
    x0, y0 = explorer.controls
    assert (x0.default, y0.default) == (-1.0, -1.0)
    assert x0.labels()[:3] == ["-5", "-4.75", "-4.5"], "slider labels read as plain numbers"
