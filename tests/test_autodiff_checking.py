"""calcopt.autodiff.gradient_check: the V of central differences for a right gradient, a flat
error for a wrong one, and the arguments it refuses."""

import numpy as np
import pytest

import calcopt.autodiff as ad
from calcopt.autodiff.checking import STEPS, relative_error
from calcopt.models.datasets import two_moons
from calcopt.models.network import NetworkLoss


def f(x):
    return ad.sum(ad.exp(x) * ad.sin(x))


def test_a_correct_gradient_gives_a_v_with_a_floor_near_rounding():
    result = ad.gradient_check(f, [0.3, -0.4, 1.1])
    assert result.best_error < 1e-9, "a right gradient agrees to about ten digits"
    assert 1e-7 <= result.best_h <= 1e-4, "the floor lies near eps^(1/3), about 6e-6"
    large = result.error[result.h >= 1e-2]
    assert np.all(np.diff(np.log(large)) > 0), "for large steps truncation grows with h"
    assert np.allclose(
        np.diff(np.log(large)) / np.diff(np.log(result.h[result.h >= 1e-2])), 2, atol=0.1
    ), "central differences: the error grows like h^2"
    assert result.error[0] > 100 * result.best_error, "at 1e-12 rounding dominates"


def test_the_slope_is_the_gradient_along_the_unit_direction():
    x, v = np.array([0.3, -0.4]), np.array([3.0, 4.0])
    result = ad.gradient_check(f, x, direction=v)
    np.testing.assert_allclose(result.direction, [0.6, 0.8])
    np.testing.assert_allclose(result.slope, ad.grad(f)(x) @ [0.6, 0.8], rtol=1e-15)


def test_a_wrong_gradient_stays_wrong_at_every_step():
    result = ad.gradient_check(f, [0.3, -0.4, 1.1], gradient=lambda x: 2 * ad.grad(f)(x))
    assert result.best_error > 0.3, "twice the gradient: a relative error near 1/2 at every step"


def test_a_network_gradient_checks_out_and_a_missing_tanh_slope_does_not():
    features, labels = two_moons(100, seed=1)
    loss = NetworkLoss(features, labels, hidden=8)
    theta = loss.initial_parameters(seed=2)
    assert ad.gradient_check(loss, theta, gradient=loss.gradient).best_error < 1e-9

    def no_slope(t):
        W1, b1, w2, b2 = loss.unpack(t)
        Phi = np.tanh(features @ W1 + b1)
        z_bar = (1 / (1 + np.exp(-(Phi @ w2 + b2))) - labels) / len(labels)
        Z_bar = np.outer(z_bar, w2)  # the bug: no factor 1 - Phi**2
        parts = [features.T @ Z_bar, Z_bar.sum(axis=0), Phi.T @ z_bar, [z_bar.sum()]]
        return np.concatenate([np.ravel(p) for p in parts])

    assert ad.gradient_check(loss, theta, gradient=no_slope).best_error > 1e-3


def test_the_default_steps_and_direction_are_fixed():
    assert STEPS[0] == 1e-12 and STEPS[-1] == pytest.approx(0.1) and STEPS.size == 45
    a, b = (ad.gradient_check(f, [0.1, 0.2], seed=4) for _ in range(2))
    np.testing.assert_array_equal(a.direction, b.direction)
    assert np.linalg.norm(a.direction) == pytest.approx(1.0)


def test_relative_error_is_zero_where_both_are_zero():
    np.testing.assert_array_equal(relative_error([0.0, 1.0], [0.0, 1.0]), [0.0, 0.0])
    assert relative_error(1.0, -1.0) == 2.0


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"direction": [0.0, 0.0]}, ValueError, "direction must be a nonzero vector"),
        ({"direction": [1.0]}, ValueError, r"direction must have the shape of x, \(2,\)"),
        ({"steps": [1e-3, -1.0]}, ValueError, "steps must be positive numbers"),
        ({"gradient": lambda x: x[:1]}, ValueError, "gradient\\(x\\) must have the shape of x"),
        ({"gradient": 3}, TypeError, "gradient must be callable"),
        ({"seed": -1}, ValueError, "seed must be an integer >= 0"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, message):
    with pytest.raises(error, match=message):
        ad.gradient_check(f, [0.1, 0.2], **kwargs)
