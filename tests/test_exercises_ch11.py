"""The network capstone's exercise checks: a right, a wrong and a malformed or missing answer get
different verdicts, and each usual slip gets a message that names it."""

import numpy as np
import pytest
from scipy.special import expit

from calcopt.exercises import network as checks
from calcopt.models.datasets import two_moons
from calcopt.models.network import NetworkLoss

from .test_exercises_capstone import verdicts


@pytest.fixture(scope="module")
def loss():
    return NetworkLoss(*two_moons(40, noise=0.15, seed=2), hidden=6)


def learner_gradient(loss, *, slope=True, scale=1.0, sign=1.0, transpose=False, output=False):
    """A learner's backward pass, right by default, with one of the usual slips switched on."""

    def answer(theta):
        W1, b1, w2, b2 = loss.unpack(theta)
        A, y = loss.features, loss.labels
        h = np.tanh(A @ W1 + b1)
        delta = sign * scale * (expit(h @ w2 + b2) - y) / len(y)
        Delta = np.outer(delta, w2) * ((1 - h**2) if slope else 1)
        if output:  # only the output layer's part is right
            Delta = 2 * Delta
        gW1 = (A.T @ Delta).T.reshape(W1.shape) if transpose else A.T @ Delta
        return loss.pack(gW1, Delta.sum(axis=0), h.T @ delta, delta.sum())

    return answer


def test_the_written_out_backward_pass_is_the_reverse_mode_gradient(loss):
    theta = loss.initial_parameters(seed=3) + 0.2
    np.testing.assert_allclose(checks.backprop(loss, theta), loss.gradient(theta), atol=1e-14)
    relu = NetworkLoss(loss.features, loss.labels, hidden=6, activation="relu")
    np.testing.assert_allclose(checks.backprop(relu, theta), relu.gradient(theta), atol=1e-14)


def test_check_backprop(loss):
    right = checks.check_backprop(loss, learner_gradient(loss))
    flipped = checks.check_backprop(loss, learner_gradient(loss, sign=-1.0))
    summed = checks.check_backprop(loss, learner_gradient(loss, scale=len(loss.labels)))
    no_slope = checks.check_backprop(loss, learner_gradient(loss, slope=False))
    turned = checks.check_backprop(loss, learner_gradient(loss, transpose=True))
    hidden_wrong = checks.check_backprop(loss, learner_gradient(loss, output=True))
    short = checks.check_backprop(loss, lambda theta: theta[:5])
    raises = checks.check_backprop(loss, lambda theta: theta @ np.ones(3))
    stub = checks.check_backprop(loss, lambda theta: None)
    not_callable = checks.check_backprop(loss, np.zeros(loss.size))
    missing = checks.check_backprop(loss, None)
    found = verdicts(
        right, flipped, summed, no_slope, turned, hidden_wrong, short, raises, stub, not_callable
    )
    assert found + verdicts(missing) == "CIIIIIVVUVU", (
        "the backprop check tells right, wrong, malformed and missing answers apart"
    )
    assert "sign is flipped" in flipped.message and "N times too large" in summed.message
    assert "1 − h²" in no_slope.message, "a missing tanh slope is named"
    assert "wrong order" in turned.message and "d x m" in turned.message
    assert "W₁, b₁ are wrong (right: w₂, b₂)" in hidden_wrong.message
    assert "shape (5,)" in short.message and "raised ValueError" in raises.message
    assert "still returns None" in stub.message and "got ndarray" in not_callable.message
    assert "still None" in missing.message


def learner_swap(loss, *, parts=("W1", "b1", "w2"), rows=False, in_place=False, bias=False):
    """A learner's swap(theta, i, j), right by default, with one of the usual slips."""

    def swap(theta, i, j):
        layers = loss.unpack(theta)
        W1, b1, w2, b2 = layers if in_place else (np.copy(part) for part in layers)
        if "W1" in parts:
            if rows:
                W1[[i % 2, j % 2]] = W1[[j % 2, i % 2]]
            else:
                W1[:, [i, j]] = W1[:, [j, i]]
        if "b1" in parts:
            b1[[i, j]] = b1[[j, i]]
        if "w2" in parts:
            w2[[i, j]] = w2[[j, i]]
        return loss.pack(W1, b1, w2, b2 + 1.0 if bias else b2)

    return swap


def test_check_swap(loss):
    right = checks.check_swap(loss, learner_swap(loss))
    reference = checks.check_swap(loss, loss.swap_hidden)
    no_w2 = checks.check_swap(loss, learner_swap(loss, parts=("W1", "b1")))
    rows = checks.check_swap(loss, learner_swap(loss, rows=True))
    in_place = checks.check_swap(loss, learner_swap(loss, in_place=True))
    bias = checks.check_swap(loss, learner_swap(loss, bias=True))
    unchanged = checks.check_swap(loss, lambda theta, i, j: theta.copy())
    wrong_shape = checks.check_swap(loss, lambda theta, i, j: theta[:-1])
    stub = checks.check_swap(loss, lambda theta, i, j: None)
    wrong_arguments = checks.check_swap(loss, lambda theta: theta)
    missing = checks.check_swap(loss, None)
    found = verdicts(
        right, reference, no_w2, rows, in_place, bias, unchanged, wrong_shape, stub, missing
    )
    assert found + verdicts(wrong_arguments) == "CCIIIIIVUUV", (
        "the swap check tells right, wrong, malformed and missing answers apart"
    )
    assert "entries of w₂; the network's output changed" in no_w2.message
    assert "columns of W₁" in rows.message, "rows swapped instead of columns"
    assert "changed the theta it was given" in in_place.message
    assert "b₂ is the output's bias" in bias.message
    assert "returned theta unchanged" in unchanged.message
    assert "shaped like theta" in wrong_shape.message
    assert "raised TypeError" in wrong_arguments.message


def test_check_slice_slope(loss):
    start, end = loss.initial_parameters(seed=0), loss.initial_parameters(seed=1) + 0.5
    v = end - start
    slope = float(loss.gradient(start) @ v)
    right = checks.check_slice_slope(loss, start, end, slope)
    typed = checks.check_slice_slope(loss, start, end, float(f"{slope:.4g}"))
    unit = checks.check_slice_slope(loss, start, end, slope / np.linalg.norm(v))
    flipped = checks.check_slice_slope(loss, start, end, -slope)
    at_end = checks.check_slice_slope(loss, start, end, float(loss.gradient(end) @ v))
    wrong = checks.check_slice_slope(loss, start, end, slope + 1.0)
    text = checks.check_slice_slope(loss, start, end, "-2.03")
    missing = checks.check_slice_slope(loss, start, end, None)
    assert verdicts(right, typed, unit, flipped, at_end, wrong, text, missing) == "CCIIIIVU", (
        "the slope check tells right, wrong, malformed and missing answers apart"
    )
    assert "slope per unit length" in unit.message and "sign is flipped" in flipped.message
    assert "slope at t = 1" in at_end.message and "∇f(θ₀)·v" in wrong.message
    assert "got str" in text.message and "still None" in missing.message


def test_the_slope_check_says_which_way_the_loss_goes(loss):
    start = loss.initial_parameters(seed=0)
    g = loss.gradient(start)
    # Towards start - g the slope at t = 0 is -‖g‖² < 0; towards start + g it is ‖g‖² > 0.
    downhill = checks.check_slice_slope(loss, start, start - g, float(-g @ g))
    uphill = checks.check_slice_slope(loss, start, start + g, float(g @ g))
    assert downhill.correct and "the loss falls" in downhill.message, (
        "a right negative slope is reported as the loss falling"
    )
    assert uphill.correct and "the loss rises" in uphill.message, (
        "a right positive slope is reported as the loss rising"
    )
