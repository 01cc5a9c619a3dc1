"""Convergence rates on quadratics: companion matrices, measured runs and closed forms."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

import calcopt as co
from calcopt import functions as fn
from calcopt.landscapes import Valley
from calcopt.optimize.theory import (
    best_momentum,
    centred_lr,
    convergence_rate,
    iterations_needed,
    stability_limit,
    tuned_momentum,
)

eigenvalues = st.lists(st.floats(0.01, 100.0), min_size=1, max_size=4)


def companion_radius(lr: float, lams, beta: float) -> float:
    """Spectral radius of the heavy-ball iteration on (e_k, e_{k-1}), built as a matrix."""
    A = np.diag(lams)
    n = len(lams)
    M = np.block([[(1 + beta) * np.eye(n) - lr * A, -beta * np.eye(n)], [np.eye(n), 0 * A]])
    return float(np.max(np.abs(np.linalg.eigvals(M))))


@given(lams=eigenvalues, lr=st.floats(1e-3, 1.0), beta=st.floats(0.0, 0.99))
def test_rate_is_the_spectral_radius_of_the_iteration(lams, lr, beta):
    expected = companion_radius(lr, lams, beta)
    assert convergence_rate(lr, lams, momentum=beta) == pytest.approx(expected, abs=1e-6)


@given(lams=eigenvalues, lr=st.floats(1e-3, 1.0))
def test_without_momentum_the_rate_is_the_largest_1_minus_eta_lambda(lams, lr):
    expected = max(abs(1 - lr * lam) for lam in lams)
    assert convergence_rate(lr, lams) == pytest.approx(expected, rel=1e-12, abs=1e-15)


@given(lams=eigenvalues, lr=st.floats(1e-3, 1.0), beta=st.floats(0.0, 0.95))
def test_rate_below_one_iff_every_eta_lambda_is_in_0_to_2_plus_2_beta(lams, lr, beta):
    products = lr * np.array(lams)
    assume(np.all(np.abs(products - (2 + 2 * beta)) > 1e-6))
    inside = bool(np.all(products < 2 + 2 * beta))
    assert (convergence_rate(lr, lams, momentum=beta) < 1) == inside


def test_rate_accepts_an_array_of_learning_rates():
    lrs = np.array([0.05, 0.1, 0.2])
    np.testing.assert_allclose(convergence_rate(lrs, [2.0, 18.0]), [0.9, 0.8, 2.6])


@pytest.mark.parametrize("kappa", [3.0, 25.0, 100.0])
def test_measured_contraction_equals_the_rate(kappa):
    valley = Valley(kappa, 0.4)
    for beta in (0.0, 0.5):
        lr = 0.9 * centred_lr(*valley.curvature)
        result = co.gradient_descent(
            valley, [1.0, -1.0], lr=lr, grad=valley.gradient, momentum=beta, max_iter=400, tol=0
        )
        errors = np.linalg.norm(result.path, axis=1)
        measured = (errors[-1] / errors[200]) ** (1 / 200)
        expected = convergence_rate(lr, valley.curvature, momentum=beta)
        assert measured == pytest.approx(expected, rel=2e-2)


@given(mu=st.floats(0.01, 10.0), kappa=st.floats(1.0, 1000.0))
def test_centred_lr_is_the_best_fixed_step(mu, kappa):
    L = mu * kappa
    lr = centred_lr(mu, L)
    assert lr == pytest.approx(2 / (mu + L))
    assert convergence_rate(lr, [mu, L]) == pytest.approx((kappa - 1) / (kappa + 1), abs=1e-12)
    best = minimize_scalar(
        lambda eta: convergence_rate(eta, [mu, L]), bounds=(0, 2 / L), method="bounded",
        options={"xatol": 1e-12},
    )  # fmt: skip
    assert best.fun >= convergence_rate(lr, [mu, L]) - 1e-9


@given(mu=st.floats(0.01, 10.0), kappa=st.floats(1.0, 1000.0))
def test_tuned_momentum_is_polyaks(mu, kappa):
    L = mu * kappa
    beta = tuned_momentum(mu, L)
    lr = centred_lr(mu, L, beta)
    assert lr == pytest.approx(4 / (np.sqrt(mu) + np.sqrt(L)) ** 2, rel=1e-12)
    root = np.sqrt(kappa)
    expected = (root - 1) / (root + 1)
    assert convergence_rate(lr, [mu, L], momentum=beta) == pytest.approx(expected, abs=1e-6)
    assert best_momentum(lr, mu, L) == pytest.approx(beta, rel=1e-9, abs=1e-12)


@given(mu=st.floats(0.1, 1.0), kappa=st.floats(1.0, 200.0), fraction=st.floats(0.05, 1.9))
def test_best_momentum_minimises_the_rate_for_a_given_step(mu, kappa, fraction):
    L = mu * kappa
    lr = fraction / L
    beta = best_momentum(lr, mu, L)
    rate = convergence_rate(lr, [mu, L], momentum=beta)
    assert rate == pytest.approx(np.sqrt(beta), abs=1e-6)
    grid = np.linspace(0.0, 0.999, 400)
    assert min(convergence_rate(lr, [mu, L], momentum=b) for b in grid) >= rate - 1e-3


@pytest.mark.parametrize("kappa", [4.0, 25.0, 100.0])
def test_iterations_needed_predicts_plain_gradient_descent_exactly(kappa):
    # With eta = 2/(mu + L) both eigen-directions shrink by the same factor, so the gradient's
    # norm shrinks by exactly the rate at every step.
    valley = Valley(kappa, 0.3)
    lr = centred_lr(*valley.curvature)
    start = np.array([2.0, 1.0])
    tol = 1e-6 * np.linalg.norm(valley.gradient(start))
    result = co.gradient_descent(
        valley, start, lr=lr, grad=valley.gradient, tol=tol, max_iter=10_000
    )
    assert result.nit == iterations_needed(convergence_rate(lr, valley.curvature), 1e-6)


def test_iterations_needed_edge_cases():
    assert iterations_needed(0.1, 1e-6) == 6
    assert iterations_needed(0.0) == 1
    assert iterations_needed(1.0) == np.inf


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: centred_lr(2.0, 1.0), r"mu must be <= L"),
        (lambda: centred_lr(0.0, 1.0), "mu must be a positive"),
        (lambda: centred_lr(1.0, 2.0, 1.0), r"momentum must lie in \[0, 1\)"),
        (lambda: tuned_momentum(1.0, -1.0), "L must be a positive"),
        (lambda: best_momentum(1.0, 1.0, 4.0), r"lr must lie in \(0, 1\)"),
        (lambda: convergence_rate(0.1, [], momentum=0.0), "eigenvalues must be a 1-D"),
        (lambda: convergence_rate(0.1, [1.0], momentum=-0.5), "momentum must lie"),
        (lambda: iterations_needed(-0.5), "rate must be a finite number >= 0"),
        (lambda: iterations_needed(0.5, 2.0), r"reduction must lie in \(0, 1\)"),
    ],
)
def test_bad_input_gets_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_stability_limit_is_2_over_the_largest_eigenvalue():
    rate, basis = stability_limit(fn.booth)
    assert (rate, basis) == (pytest.approx(1 / 9), "2/L")
    rate, basis = stability_limit(fn.rosenbrock)  # Hessian at (1, 1): eigenvalues 0.399, 1001.6
    assert basis == "2/L at the minimum"
    assert rate == pytest.approx(2 / np.linalg.eigvalsh([[802.0, -400.0], [-400.0, 200.0]])[-1])


def test_stability_limit_needs_a_quadratic_or_a_known_minimiser():
    with pytest.raises(ValueError, match="needs a quadratic or a known minimiser"):
        stability_limit(co.Objective.from_sympy(fn.x**4, (fn.x,), name="quartic"))
