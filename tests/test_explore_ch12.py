"""The explorers of chapters 1 and 2 draw what calcopt computes."""

import numpy as np
import pytest

import calcopt as co
from calcopt import functions as fn
from calcopt.explore import CATALOGUE
from calcopt.explore.derivatives import ERROR_FLOOR
from calcopt.explore.live import LiveExplorer


def test_feasible_set_marks_calcopts_extrema_and_interior_minima():
    live = LiveExplorer(CATALOGUE["feasible-set"]())
    live.set(a=-2.08, b=2.24)
    a, b = live.values()["a"], live.values()["b"]
    layers = live.scene.layers
    lowest, highest = co.minimize_on_interval(fn.wavy, a, b), co.maximize_on_interval(fn.wavy, a, b)
    assert layers["minimum"][0][0] == lowest.x and layers["maximum"][0][0] == highest.x
    minima = [p.x[0] for p in co.stationary_points(fn.wavy, ((a, b),)) if p.kind == "minimum"]
    np.testing.assert_allclose(layers["local"][0], minima, atol=1e-9)
    np.testing.assert_allclose(layers["local"][0], lowest.interior, atol=1e-6)
    assert live.scene.readouts["minimum"] == "interior, x = -0.512, f = -0.973, f′ = 0.00"


def test_feasible_set_shows_an_endpoint_minimum_with_a_tilted_tangent():
    live = LiveExplorer(CATALOGUE["feasible-set"]())
    live.set(a=-0.32, b=2.24)
    a = live.values()["a"]
    lowest = co.minimize_on_interval(fn.wavy, a, live.values()["b"])
    assert lowest.at_endpoint and lowest.x == a
    xs, ys = live.scene.layers["tangents"]
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(fn.wavy.gradient(a), rel=1e-6)
    assert live.scene.readouts["minimum"].startswith("endpoint a, x = -0.320")
    assert live.scene.readouts["minimum"].endswith(f"f′ = {fn.wavy.gradient(a):.2f}")


def test_difference_error_curves_are_calcopts_error_curves():
    explorer = CATALOGUE["difference-error"]()
    live = LiveExplorer(explorer)
    live.set(x=1.0)
    for method in ("forward", "central", "complex"):
        curve = co.difference_errors(
            fn.wavy, 1.0, method=method, steps=live.scene.layers[method][0]
        )
        np.testing.assert_array_equal(
            live.scene.layers[method][1], np.maximum(curve.error, ERROR_FLOOR)
        )
        assert (
            live.scene.readouts[method] == f"h = {curve.best_h:.1e}, error {curve.best_error:.1e}"
        )
    assert live.scene.readouts["slope"] == f"{fn.wavy.gradient(1.0):.6f}"


@pytest.mark.parametrize("angle", [0.0, 30.0, 90.0, 200.0, 270.0])
def test_directional_slice_has_slope_grad_dot_u_at_zero(angle):
    live = LiveExplorer(CATALOGUE["directional-derivative"]())
    live.set(point="(2, −1)", angle=angle)
    x = np.array([2.0, -1.0])
    u = np.array([np.cos(np.radians(angle)), np.sin(np.radians(angle))])
    alphas, values = live.scene.layers["slice"]
    np.testing.assert_allclose(values, fn.himmelblau(x[:, None] + alphas * u[:, None]))
    ends, line = live.scene.layers["tangent"]
    slope = (line[1] - line[0]) / (ends[1] - ends[0])
    assert slope == pytest.approx(fn.himmelblau.gradient(x) @ u, rel=1e-12, abs=1e-12)
    measured = co.derivative(lambda a: fn.himmelblau(x + a * u), 0.0)
    assert float(live.scene.readouts["slope"]) == pytest.approx(measured, abs=1e-3)
    np.testing.assert_allclose(np.diff(live.scene.layers["u"], axis=1).ravel(), u, atol=1e-12)


def test_directional_derivative_at_0_and_90_degrees_is_a_partial():
    live = LiveExplorer(CATALOGUE["directional-derivative"]())
    for angle, index in ((0.0, 0), (90.0, 1)):
        live.set(point="(0, 0)", angle=angle)
        partial = co.partial(fn.himmelblau, [0.0, 0.0], index)
        assert float(live.scene.readouts["slope"]) == pytest.approx(partial, abs=1e-3)
        assert live.scene.readouts["case"].endswith("∂f/∂x" if index == 0 else "∂f/∂y")
    live.set(angle=40.0)
    assert live.scene.readouts["case"] == ""


def test_live_readouts_resist_the_notebooks_definition_list_styles():
    # JupyterLab floats dt and dd and gives dt 20% of the width; inline styles undo that.
    live = LiveExplorer(CATALOGUE["directional-derivative"]())
    markup = live.readouts.value
    assert markup.count("float:none;width:auto;flex:none") == len(live.explorer.readouts)
    assert markup.count('<dd data-readout="') == len(live.explorer.readouts)
