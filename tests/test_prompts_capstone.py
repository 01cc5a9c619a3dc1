"""Each try-this prompt under the capstone's explorer (training-a-classifier) leads to the claim
tested here, computed on the explorer's scene function itself."""

import re

import numpy as np
import pytest

from calcopt.explore.training import (
    MULTIPLES,
    descent_fit,
    exact_fit,
    training_explorer,
    training_scene,
)
from calcopt.models.logistic import LogisticLoss, decision_boundary, two_blobs

MAX_STEPS = 300  # the notebook shows training_explorer(loss, max_steps=300)


@pytest.fixture(scope="module")
def loss():
    return LogisticLoss(*two_blobs(100, seed=0))


@pytest.fixture(scope="module")
def span(loss):
    return loss.features[:, 0].min() - 0.5, loss.features[:, 0].max() + 0.5


@pytest.fixture(scope="module")
def rates(loss):
    return training_explorer(loss, max_steps=MAX_STEPS).controls[0].static_values()


def heights(line, a1=(-2.0, 0.0, 2.0)):
    """The line's a₂ at a few a₁ in the middle of the data."""
    xs, ys = (np.asarray(v) for v in line)
    return np.interp(a1, xs, ys) if xs[0] < xs[1] else np.interp(a1, xs[::-1], ys[::-1])


def angle(line, other) -> float:
    """The angle in degrees between two drawn lines."""
    (x0, x1), (y0, y1) = line
    (u0, u1), (v0, v1) = other
    turn = np.arctan2(y1 - y0, x1 - x0) - np.arctan2(v1 - v0, u1 - u0)
    return abs(np.degrees((turn + np.pi / 2) % np.pi - np.pi / 2))


def scene(loss, span, lr, steps):
    return training_scene(loss, lr, steps, span=span, max_steps=MAX_STEPS)


def accuracy(readout: str) -> float:
    return float(re.search(r"accuracy ([\d.]+)%", readout).group(1))


def steps_needed(readout: str) -> int:
    found = re.search(r"converged after (\d+) steps", readout)
    assert found, f"the run converges within {MAX_STEPS} steps; the readout says {readout!r}"
    return int(found.group(1))


def test_prompt_1_the_line_settles_early_the_scale_does_not(loss, span):
    lr = 1 / loss.curvature_bound()
    frames = [scene(loss, span, lr, k) for k in range(11)]
    assert np.size(frames[0].layers["newton-line"][0]) == 0, "at k = 0 (θ = 0) there is no line"
    final = heights(frames[10].layers["newton-line"])
    moves = [np.inf] + [
        np.abs(heights(frame.layers["newton-line"]) - final).max() for frame in frames[1:]
    ]
    assert moves[3] > 0.05 and max(moves[5:]) < 0.01, (
        f"Newton's boundary still moves at k = 3 and stops moving (by less than 0.01 in a₂) "
        f"from k = 5 on; its moves are {np.round(moves, 4)}"
    )
    at5 = frames[5]
    assert angle(at5.layers["gd-line"], frames[10].layers["newton-line"]) < 3, (
        "at k = 5 gradient descent's line is within 3° of Newton's final one"
    )
    gap = at5.layers["gd-now"][1][0]
    newton_gap = at5.layers["newton-now"][1][0]
    assert abs(accuracy(at5.readouts["gd"]) - accuracy(at5.readouts["newton"])) <= 1.0
    assert gap > 1e-2 > 1e-6 > newton_gap, (
        f"yet its loss gap is still above 1e-2 ({gap:.2g}) while Newton's is below 1e-6"
    )
    theta5, best = descent_fit(loss, lr, MAX_STEPS).path[5], exact_fit(loss).x
    disagree = np.mean((loss.logits(theta5) > 0) != (loss.logits(best) > 0))
    assert disagree <= 0.02, f"the two lines classify all but {disagree:.1%} of samples alike"
    assert np.linalg.norm(theta5) < 0.8 * np.linalg.norm(best), (
        "what the remaining steps change is mostly the length of θ"
    )


def test_prompt_1_hint_doubling_theta_keeps_the_line_but_not_the_probabilities(loss, span):
    theta = exact_fit(loss).x
    for a, b in zip(
        decision_boundary(theta, span), decision_boundary(2 * theta, span), strict=True
    ):
        np.testing.assert_allclose(a, b, atol=1e-12)
    assert np.abs(loss.probabilities(2 * theta) - loss.probabilities(theta)).max() > 0.1


def test_prompt_2_each_doubling_of_the_rate_about_halves_the_steps(loss, span):
    rate = 2 / loss.curvature_bound()
    counts = [
        steps_needed(scene(loss, span, lr, MAX_STEPS).readouts["gd"])
        for lr in (rate / 2, rate, 2 * rate)
    ]
    assert counts[0] == 237, "at 1/L the run needs the 237 steps the notebook reports"
    ratios = [counts[0] / counts[1], counts[1] / counts[2]]
    assert all(1.7 < r < 2.3 for r in ratios), (
        f"each doubling of η from 1/L to 4/L roughly halves the steps: {counts}"
    )


def test_prompt_3_gradient_descent_converges_far_past_2_over_L_then_oscillates(loss, span, rates):
    rate = 2 / loss.curvature_bound()
    beyond = [lr for lr in rates if lr > 2 * rate * 1.01]
    frames = {lr: scene(loss, span, lr, MAX_STEPS) for lr in beyond}
    converged = [lr for lr in beyond if "converged after" in frames[lr].readouts["gd"]]
    largest = max(converged)
    assert np.isclose(largest / rate, 2 ** (9 / 4)), (
        f"the largest converging position is 4.76 x 2/L; it is {largest / rate:.3g}"
    )
    assert steps_needed(frames[largest].readouts["gd"]) < 30
    assert converged == [lr for lr in beyond if lr <= largest], "every smaller rate converges"
    for lr in (lr for lr in beyond if lr > largest):
        assert "not converged within" in frames[lr].readouts["gd"]
        run = descent_fit(loss, lr, MAX_STEPS)
        assert run.status != "diverged" and np.abs(run.path).max() < 50, (
            f"at {lr / rate:.3g} x 2/L the run does not blow up: θ stays bounded"
        )
        gaps = frames[lr].layers["gd-gap"][1]
        assert gaps.min() < gaps[-1] / 2, "the loss gap falls, then climbs back"


def test_the_local_limit_explains_where_convergence_stops(loss):
    rate = 2 / loss.curvature_bound()
    top = np.linalg.eigvalsh(loss.hessian(exact_fit(loss).x))[-1]
    assert 2 ** (9 / 4) < (2 / top) / rate < 2 ** (10 / 4), (
        "2/λmax at the minimiser lies between the last converging slider position and the next"
    )
    assert set(np.round(np.log2(MULTIPLES) * 4)) >= {9, 10}
