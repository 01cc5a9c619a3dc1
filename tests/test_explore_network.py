"""The network-training explorer shows calcopt's own runs: minibatch Adam on the two moons."""

import re

import numpy as np
import pytest

import calcopt as co
from calcopt.explore import CATALOGUE
from calcopt.explore.live import LiveExplorer
from calcopt.explore.network import (
    BATCH_SIZE,
    EPOCHS,
    FLOOR,
    boundary,
    boundary_grid,
    epoch_parameters,
    logistic_fit,
    network_explorer,
    network_loss,
    network_run,
    network_scene,
)
from calcopt.models.datasets import two_moons
from calcopt.models.network import NetworkLoss
from calcopt.optimizers import adam, train

PER_EPOCH = 200 // BATCH_SIZE


@pytest.fixture(scope="module")
def grid():
    return boundary_grid(logistic_fit()[0].features)


def test_the_data_are_the_capstones_two_moons():
    features, labels = two_moons(200, noise=0.15, seed=0)
    loss = network_loss(32)
    assert np.array_equal(loss.features, features) and np.array_equal(loss.labels, labels)
    held = network_loss(32, held_out=True)
    assert held.n_samples == 1000, "1000 held-out points"
    assert np.array_equal(held.features, two_moons(1000, noise=0.15, seed=1)[0])
    assert network_loss(32) is loss, "each loss is built once"


def test_a_remembered_run_is_the_train_call_it_stands_for():
    loss = NetworkLoss(*two_moons(200, noise=0.15, seed=0), hidden=8)
    expected = train(
        loss, loss.initial_parameters(seed=0), adam(0.1), batch_size=20, epochs=60, seed=0
    )
    run = network_run(8, 0.1)
    np.testing.assert_array_equal(run.path, expected.path)
    np.testing.assert_array_equal(run.epoch_losses, expected.epoch_losses)
    assert network_run(8, 0.1) is run, "the run is computed once and remembered"


def test_epoch_parameters_are_the_iterates_at_the_end_of_each_epoch():
    run = network_run(32, 0.01)
    rows = epoch_parameters(run, PER_EPOCH)
    assert rows.shape == (EPOCHS + 1, 129), "the start and one row per epoch"
    np.testing.assert_array_equal(rows[0], network_loss(32).initial_parameters(seed=0))
    np.testing.assert_array_equal(rows[-1], run.x)
    loss = network_loss(32)
    assert loss(rows[7]) == run.epoch_losses[7], "row e is where the loss after epoch e was taken"


def test_logistic_regression_is_fitted_to_its_minimum():
    logistic, fit = logistic_fit()
    assert fit.success and np.linalg.norm(logistic.gradient(fit.x)) <= 1e-10
    assert logistic.accuracy(fit.x) == 0.89, "the capstone's 89.0% for the best line"


def test_the_boundary_is_where_the_network_output_crosses_zero(grid):
    loss, theta = network_loss(32), network_run(32, 0.01).x
    xs, ys = boundary(loss, theta, grid)
    drawn = np.isfinite(xs)
    assert drawn.sum() > 50, "the boundary is drawn as a polyline"
    z = loss.logits(theta, np.column_stack([xs[drawn], ys[drawn]]))
    assert np.abs(z).max() < 0.1, "the polyline follows z = 0 (interpolated on the grid)"
    scale = np.abs(loss.logits(theta, loss.features)).mean()
    assert np.abs(z).max() < 0.05 * scale, "small beside the typical output on the data"


def test_the_scene_shows_the_run_after_the_chosen_epoch(grid):
    run, loss = network_run(32, 0.01), network_loss(32)
    scene = network_scene(32, 0.01, 25, grid=grid)
    theta = epoch_parameters(run, PER_EPOCH)[25]
    for got, expected in zip(scene.layers["boundary"], boundary(loss, theta, grid), strict=True):
        np.testing.assert_array_equal(got, expected)
    ks, values = scene.layers["epoch-loss"]
    np.testing.assert_array_equal(ks, np.arange(26))
    np.testing.assert_array_equal(values, run.epoch_losses[:26])
    steps, batch = scene.layers["batch-loss"]
    np.testing.assert_allclose(steps, np.arange(250) / PER_EPOCH)
    np.testing.assert_array_equal(batch, run.minibatch_losses[:250])
    assert scene.layers["now"] == ([25], [run.epoch_losses[25]])
    held = network_loss(32, held_out=True)
    assert scene.readouts == {
        "epoch": "25 of 60 (250 steps of Adam)",
        "fit": f"loss {run.epoch_losses[25]:.3f}; accuracy {loss.accuracy(theta):.1%} on the "
        f"training data, {held.accuracy(theta):.1%} held out",
        "size": "32 hidden units, 129 parameters",
    }


def test_the_marker_of_a_tiny_loss_stays_on_the_axis(grid):
    scene = network_scene(32, 0.1, EPOCHS, grid=grid)
    value = network_run(32, 0.1).epoch_losses[-1]
    assert scene.layers["now"][1] == [max(value, FLOOR)]


def test_controls_offer_the_widths_the_rates_and_every_epoch():
    explorer = network_explorer()
    hidden, lr, epoch = explorer.controls
    assert hidden.options == {"2": 2, "8": 8, "32": 32}
    assert lr.options == {"0.001": 0.001, "0.01": 0.01, "0.1": 0.1}
    np.testing.assert_array_equal(epoch.static_values(), np.arange(EPOCHS + 1))
    assert epoch.reveal, "the epoch slider replays the run"
    live = LiveExplorer(explorer)
    assert live.values() == {"hidden": 32, "lr": 0.01, "epoch": EPOCHS}, "starts at the end"
    live.set(hidden="8", lr="0.1", epoch=12)
    assert live.scene.readouts["size"] == "8 hidden units, 33 parameters"
    accuracy = float(re.search(r"accuracy ([\d.]+)%", live.scene.readouts["fit"]).group(1))
    theta = epoch_parameters(network_run(8, 0.1), PER_EPOCH)[12]
    assert accuracy == round(100 * network_loss(8).accuracy(theta), 1)
    assert "training-a-network" in CATALOGUE


def test_the_static_explorer_holds_a_frame_per_size_rate_and_epoch():
    # Its export (every frame, under 400 KB) is checked with every explorer's in test_explore.
    counts = network_explorer().counts()
    assert counts == [3, 3, EPOCHS + 1], (
        f"three sizes, three learning rates and every epoch from 0 to {EPOCHS}: {counts}"
    )


def test_training_uses_calcopts_reverse_mode_gradient():
    loss, theta = network_loss(2), network_loss(2).initial_parameters(seed=0)
    numerical = co.gradient(loss, theta)
    np.testing.assert_allclose(loss.gradient(theta), numerical, atol=1e-8)
