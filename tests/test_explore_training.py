"""The capstone's training explorer shows calcopt's own runs of both methods."""

import numpy as np
import pytest

import calcopt as co
from calcopt.explore.live import LiveExplorer
from calcopt.explore.static import StaticExplorer
from calcopt.explore.training import FLOOR, training_explorer
from calcopt.models.logistic import LogisticLoss, two_blobs


@pytest.fixture(scope="module")
def loss():
    return LogisticLoss(*two_blobs(100, seed=0))


def test_scene_draws_gradient_descent_and_newton_runs(loss):
    live = LiveExplorer(training_explorer(loss))
    live.set(lr=live.explorer.controls[0].static_values()[20], steps=12)
    lr = live.values()["lr"]
    theta0 = np.zeros(3)
    descent = co.gradient_descent(loss, theta0, lr=lr, grad=loss.gradient, max_iter=300, tol=1e-9)
    exact = co.newton(loss, theta0, grad=loss.gradient, hess=loss.hessian, tol=1e-12, max_iter=50)
    ks, gaps = live.scene.layers["gd-gap"]
    np.testing.assert_array_equal(ks, np.arange(13))
    np.testing.assert_allclose(gaps, np.maximum(descent.values[:13] - exact.fun, FLOOR))
    xs, ys = live.scene.layers["gd-line"]
    bias, w1, w2 = descent.path[12]
    np.testing.assert_allclose(bias + w1 * xs + w2 * ys, 0.0, atol=1e-12)
    assert live.scene.readouts["gd"] == (
        f"f = {loss(descent.path[12]):.5f}, accuracy {loss.accuracy(descent.path[12]):.1%}, "
        "still going"
    )
    newton_ks, newton_gaps = live.scene.layers["newton-gap"]
    assert newton_ks.size == exact.nit + 1 < 13
    assert newton_gaps[-1] == FLOOR
    assert live.scene.readouts["newton"].endswith(f"converged after {exact.nit} steps")


def test_learning_rates_are_four_per_doubling_around_2_over_L(loss):
    explorer = training_explorer(loss)
    rates = explorer.controls[0].static_values()
    rate = 2 / loss.curvature_bound()
    np.testing.assert_allclose(rates[1:] / rates[:-1], 2**0.25, rtol=1e-12)
    for multiple in (1 / 32, 1 / 2, 1, 2, 8):
        assert np.isclose(rates, multiple * rate, rtol=1e-12).any(), (
            f"{multiple} x 2/L is a position of the learning-rate slider"
        )
    live = LiveExplorer(explorer)
    assert np.isclose(live.values()["lr"], rate / 2), "the slider starts at 1/L"
    assert live.scene.readouts["lr"].endswith("(0.5 × 2/L)")


def test_static_payload_stays_small(loss):
    payload = StaticExplorer(training_explorer(loss)).nbytes
    assert payload < 400_000, f"an explorer's static payload is at most 400 KB; it is {payload}"


def test_training_explorer_needs_two_features():
    three = LogisticLoss(np.eye(3), [0, 1, 1])
    with pytest.raises(ValueError, match="draws two features; this loss has 3"):
        training_explorer(three)
