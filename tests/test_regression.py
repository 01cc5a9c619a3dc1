"""Linear regression by gradient descent against numpy.linalg.lstsq; scaling; the loss."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calcopt as co
from calcopt.models.regression import LeastSquares, Scaling, design_matrix, house_prices
from calcopt.optimize import Status
from calcopt.optimize.theory import centred_lr


def random_data(seed: int, n: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    """Mildly correlated features with large offsets and scales, and noisy linear targets."""
    rng = np.random.default_rng(seed)
    mixing = np.eye(d) + 0.3 * rng.uniform(-1, 1, size=(d, d))
    x = rng.normal(size=(n, d)) @ mixing * rng.uniform(1, 100, d) + rng.uniform(-500, 500, d)
    y = x @ rng.normal(size=d) + rng.normal() + rng.normal(0, 3, n)
    return x, y


@settings(max_examples=20)
@given(seed=st.integers(0, 10_000), n=st.integers(8, 60), d=st.integers(1, 3))
def test_gradient_descent_on_scaled_features_reaches_lstsq(seed, n, d):
    x, y = random_data(seed, n, d)
    scaling = Scaling.of(x)
    loss = LeastSquares(design_matrix(scaling.apply(x)), y)
    lr = centred_lr(*loss.curvature)
    result = co.gradient_descent(
        loss, np.zeros(d + 1), lr=lr, grad=loss.gradient, tol=1e-12, max_iter=5000
    )
    assert result.success, loss.curvature
    reference = np.linalg.lstsq(design_matrix(x), y, rcond=None)[0]
    np.testing.assert_allclose(scaling.raw_weights(result.x), reference, rtol=0, atol=1e-8)


def test_house_prices_by_gradient_descent_reach_lstsq():
    area, price = house_prices()
    scaling = Scaling.of(area)
    loss = LeastSquares(design_matrix(scaling.apply(area)), price)
    result = co.gradient_descent(loss, [0.0, 0.0], lr=0.1, grad=loss.gradient, tol=1e-12)
    reference = np.linalg.lstsq(design_matrix(area), price, rcond=None)[0]
    np.testing.assert_allclose(scaling.raw_weights(result.x), reference, rtol=0, atol=1e-8)


def test_raw_house_prices_need_a_learning_rate_below_2_over_L():
    area, price = house_prices()
    loss = LeastSquares(design_matrix(area), price)
    mu, L = loss.curvature
    assert L / mu > 1e5  # badly conditioned: the feature is around 100, the intercept 1
    below = co.gradient_descent(loss, [0.0, 0.0], lr=0.95 * 2 / L, grad=loss.gradient)
    above = co.gradient_descent(loss, [0.0, 0.0], lr=1.05 * 2 / L, grad=loss.gradient)
    assert below.status is Status.MAX_ITER and np.all(np.diff(below.values) <= 1e-9)
    assert above.status is Status.DIVERGED


def test_loss_gradient_and_hessian_agree_with_finite_differences(rng):
    x, y = random_data(3, 12, 2)
    loss = LeastSquares(design_matrix(x / 100), y)
    for w in rng.normal(size=(5, 3)):
        np.testing.assert_allclose(loss.gradient(w), co.gradient(loss, w), rtol=1e-6)
        np.testing.assert_allclose(loss.hessian, co.jacobian(loss.gradient, w), rtol=1e-6)
        residual = design_matrix(x / 100) @ w - y
        assert loss(w) == pytest.approx(np.mean(residual**2), rel=1e-12)


def test_loss_evaluates_a_grid_of_weights_at_once():
    area, price = house_prices(10)
    loss = LeastSquares(design_matrix(area), price)
    W0, W1 = np.meshgrid(np.linspace(0, 100, 4), np.linspace(1, 3, 3))
    grid = loss(np.stack([W0, W1]))
    assert grid.shape == (3, 4)
    assert grid[1, 2] == pytest.approx(loss([W0[1, 2], W1[1, 2]]))


def test_the_minimiser_solves_the_normal_equations():
    area, price = house_prices()
    loss = LeastSquares(design_matrix(area), price)
    X = design_matrix(area)
    np.testing.assert_allclose(X.T @ X @ loss.solution, X.T @ price, rtol=1e-10)
    np.testing.assert_allclose(loss.gradient(loss.solution), [0.0, 0.0], atol=1e-8)


def test_scaling_standardises_and_keeps_the_model():
    x, _ = random_data(5, 30, 3)
    scaling = Scaling.of(x)
    z = scaling.apply(x)
    np.testing.assert_allclose(z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(z.std(axis=0), 1, rtol=1e-12)
    v = np.array([1.0, -2.0, 0.5, 3.0])
    np.testing.assert_allclose(
        design_matrix(x) @ scaling.raw_weights(v), design_matrix(z) @ v, rtol=1e-10
    )
    one = Scaling.of([1.0, 2.0, 3.0])
    assert one.apply([2.0]).shape == (1,)


def test_house_prices_are_reproducible():
    first, second = house_prices(seed=7), house_prices(seed=7)
    np.testing.assert_array_equal(first[0], second[0])
    assert not np.array_equal(first[0], house_prices(seed=8)[0])


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: LeastSquares([1.0, 2.0], [1.0, 2.0]), ValueError, "X must be a 2-D array"),
        (
            lambda: LeastSquares([[1.0, 2.0], [1.0, 3.0]], [1.0, 2.0, 3.0]),
            ValueError,
            r"y must be a 1-D array with one entry per example \(2\)",
        ),
        (lambda: LeastSquares([[1.0, np.nan]], [1.0]), ValueError, "X must be finite"),
        (
            lambda: Scaling.of([[1.0, 2.0], [1.0, 3.0]]),
            ValueError,
            "x column 0 is constant, so it cannot be standardised",
        ),
        (lambda: Scaling.of([1.0, 2.0]).raw_weights([1.0]), ValueError, "v must have 2"),
        (lambda: design_matrix("abc"), TypeError, "x must contain numbers"),
        (lambda: house_prices(0), ValueError, "n must be an integer >= 1"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
