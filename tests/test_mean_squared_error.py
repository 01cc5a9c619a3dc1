"""The mean squared error of a one-parameter model, against numpy, sympy and scipy."""

import numpy as np
import pytest
import sympy as sp
from scipy.optimize import minimize_scalar

from calcopt import functions as fn

X = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
Y = np.array([2.4, 3.7, 6.5, 7.6, 10.4])


def test_values_and_derivative_match_a_direct_computation():
    loss = fn.mean_squared_error(X, Y)
    for w in (-1.0, 0.5, 2.0, 3.7):
        assert loss(w) == pytest.approx(np.mean((w * X - Y) ** 2), rel=1e-13)
        assert loss.gradient(w) == pytest.approx(np.mean(2 * (w * X - Y) * X), rel=1e-13)
    assert loss.hessian(0.0) == pytest.approx(2 * np.mean(X**2), rel=1e-14)


def test_the_minimiser_is_the_closed_form_and_agrees_with_scipy():
    loss = fn.mean_squared_error(X, Y)
    (best,) = loss.minima[0]
    assert best == pytest.approx(X @ Y / (X @ X), rel=1e-15)
    assert loss.gradient(best) == pytest.approx(0.0, abs=1e-12)
    result = minimize_scalar(loss, bounds=(0, 5), method="bounded", options={"xatol": 1e-12})
    assert result.x == pytest.approx(best, abs=1e-8)
    assert loss.domain == ((0.0, 2 * best),)  # w* ± max(1, |w*|)


def test_a_nonlinear_model_is_built_from_the_given_expression():
    t, y = np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 0.6, 0.35, 0.2])
    loss = fn.mean_squared_error(t, y, lambda w, x: sp.exp(-w * x), name="decay")
    for w in (0.2, 0.5, 1.0):
        assert loss(w) == pytest.approx(np.mean((np.exp(-w * t) - y) ** 2), rel=1e-13)
    assert loss.minima == () and loss.domain == ((-3.0, 3.0),) and loss.name == "decay"


def test_loss_is_nonnegative_and_smallest_at_its_minimiser(rng):
    for _ in range(5):
        xs, ys = rng.normal(size=(2, int(rng.integers(1, 8))))
        loss = fn.mean_squared_error(xs, ys)
        ws = rng.normal(scale=3, size=20)
        values = loss(ws)
        assert np.all(values >= 0)
        assert np.all(values >= loss(loss.minima[0][0]) - 1e-12)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: fn.mean_squared_error([1, 2], [1]), ValueError, "same length"),
        (lambda: fn.mean_squared_error([], []), ValueError, "m >= 1"),
        (lambda: fn.mean_squared_error([[1, 2]], [[1, 2]]), ValueError, "1-D arrays"),
        (lambda: fn.mean_squared_error([1, np.nan], [1, 2]), ValueError, "x_data must be finite"),
        (lambda: fn.mean_squared_error([1, 2], ["a", "b"]), TypeError, "y_data must contain"),
        (lambda: fn.mean_squared_error([0, 0], [1, 2]), ValueError, "nonzero value"),
        (lambda: fn.mean_squared_error([1], [1], model="w x"), TypeError, "model must be callable"),
        (lambda: fn.mean_squared_error([1], [1], lambda w, x: 2.0), TypeError, "sympy expression"),
        (
            lambda: fn.mean_squared_error([1], [1], lambda w, x: sp.Symbol("b") * x),
            ValueError,
            "not in variables: b",
        ),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
