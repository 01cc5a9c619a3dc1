"""Each try-this prompt under the network capstone's explorer (training-a-network) leads to the
claim tested here, computed on the explorer's scene function itself."""

import re

import numpy as np
import pytest

from calcopt.explore.network import (
    EPOCHS,
    RATES,
    WIDTHS,
    boundary_grid,
    logistic_fit,
    network_scene,
)

#: "Clearly below the dashed line": at least this far under logistic regression's loss.
CLEARLY = 0.02


@pytest.fixture(scope="module")
def line():
    return logistic_fit()


@pytest.fixture(scope="module")
def grid(line):
    return boundary_grid(line[0].features)


def scene(grid, hidden, lr, epoch):
    return network_scene(hidden, lr, epoch, grid=grid)


def losses(grid, hidden, lr):
    """The loss after each epoch, as the explorer's red curve draws it."""
    return scene(grid, hidden, lr, EPOCHS).layers["epoch-loss"][1]


def boundary_points(frame):
    """The drawn boundary over the data's range of a₁, where the moons are."""
    xs, ys = frame.layers["boundary"]
    inside = np.isfinite(xs) & (xs > -1) & (xs < 2)
    return np.column_stack([xs[inside], ys[inside]])


def off_the_line(frame, theta) -> float:
    """How far the drawn boundary strays from logistic regression's line b + w·a = 0."""
    bias, *w = theta
    return float(np.max(np.abs(boundary_points(frame) @ w + bias)) / np.hypot(*w))


def bend(frame) -> float:
    """How far the drawn boundary strays from the straight line that fits it best."""
    points = boundary_points(frame)
    centred = points - points.mean(axis=0)
    normal = np.linalg.svd(centred)[2][1]
    return float(np.max(np.abs(centred @ normal)))


def accuracy(frame) -> float:
    return float(re.search(r"accuracy ([\d.]+)%", frame.readouts["fit"]).group(1))


def test_prompt_1_a_plateau_at_the_best_line_then_the_boundary_bends(grid, line):
    logistic, fit = line
    curve = losses(grid, 32, 0.01)
    near = np.flatnonzero(np.abs(curve - fit.fun) < CLEARLY)
    assert near[0] == 5 and np.array_equal(near, np.arange(5, 24)), (
        f"the loss reaches the dashed line (within {CLEARLY}) by epoch 5 and stays near it "
        f"through epoch 23; near it after epochs {near}"
    )
    for epoch in range(8, 21):
        frame = scene(grid, 32, 0.01, epoch)
        assert off_the_line(frame, fit.x) < 0.08, (
            f"while the loss sits on the plateau (epoch {epoch}) the boundary is almost "
            "logistic regression's line"
        )
    assert abs(accuracy(scene(grid, 32, 0.01, 10)) - 100 * logistic.accuracy(fit.x)) <= 1.0
    below = np.flatnonzero(curve < fit.fun - CLEARLY)
    assert below[0] == 24 and np.array_equal(below, np.arange(24, EPOCHS + 1)), (
        "after epoch 24 the loss is clearly below the line, and stays there"
    )
    bends = [bend(scene(grid, 32, 0.01, e)) for e in (24, 40, 60)]
    assert bends[0] < 0.1 < 0.25 < bends[1] < bends[2] and bends[2] > 0.5, (
        f"from then on the boundary bends more and more: {np.round(bends, 3)}"
    )
    assert accuracy(scene(grid, 32, 0.01, EPOCHS)) == 96.0


def test_prompt_2_too_small_a_rate_crawls_a_large_one_is_bumpy_but_lowest(grid, line):
    _, fit = line
    curves = {lr: losses(grid, 32, lr) for lr in RATES.values()}
    assert curves[0.001].min() > fit.fun, "at η = 0.001 the loss never gets below the line"
    ends = {lr: curve[-1] for lr, curve in curves.items()}
    assert ends[0.1] < ends[0.01] < ends[0.001], f"η = 0.1 ends lowest: {ends}"
    rises = int(np.sum(np.diff(curves[0.1]) > 0))
    assert rises >= 15, f"its loss after an epoch is often higher than before: {rises} times"
    assert np.all(np.isfinite(curves[0.1])) and curves[0.1][10:].max() < fit.fun, (
        "yet it is not diverging: after epoch 10 it never climbs back to the line"
    )
    assert ends[0.1] < curves[0.1].min() + 0.001, "and it ends near its lowest loss"


def test_prompt_3_which_widths_and_rates_bend_the_boundary(grid, line):
    _, fit = line
    bent = {}
    for hidden in WIDTHS.values():
        for lr in RATES.values():
            curve = losses(grid, hidden, lr)
            below = curve[-1] < fit.fun - CLEARLY
            shape = bend(scene(grid, hidden, lr, EPOCHS))
            assert (shape > 0.5) if below else (shape < 0.05), (
                f"{hidden} units, η = {lr}: a loss clearly below the line comes with a bent "
                f"boundary, a loss at or above it with a nearly straight one ({shape:.3f})"
            )
            if not below:
                assert curve.min() > fit.fun - CLEARLY, "never clearly below at any epoch"
            if hidden == 2:
                assert curve.min() > fit.fun - 0.01, "2 units never get clearly below the line"
            bent[hidden, lr] = below
    assert sorted(key for key, below in bent.items() if below) == [
        (8, 0.1),
        (32, 0.01),
        (32, 0.1),
    ], "only 8 units at η = 0.1 and 32 units at η = 0.01 and 0.1 bend within 60 epochs"
