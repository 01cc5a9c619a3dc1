"""Logistic regression: data, loss, exact derivatives, the chain of Jacobians, and training that
agrees with scipy.optimize."""

import numpy as np
import pytest
import scipy.optimize
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import calcopt as co
from calcopt.models.logistic import LogisticLoss, decision_boundary, sigmoid, two_blobs

theta_strategy = st.lists(st.floats(-3.0, 3.0), min_size=3, max_size=3).map(np.array)


@pytest.fixture(scope="module")
def loss():
    return LogisticLoss(*two_blobs(100, seed=0))


def test_two_blobs_is_seeded_and_shaped():
    a, b = two_blobs(50, seed=3), two_blobs(50, seed=3)
    np.testing.assert_array_equal(a[0], b[0])
    assert a[0].shape == (100, 2) and a[1].tolist() == [0.0] * 50 + [1.0] * 50
    assert not np.array_equal(a[0], two_blobs(50, seed=4)[0])
    means = [a[0][a[1] == c].mean(axis=0) for c in (0, 1)]
    np.testing.assert_allclose(means, [(-1.0, -0.5), (1.0, 1.0)], atol=0.35)


def test_the_loss_matches_sympys_formula_and_its_exact_derivatives():
    features, labels = two_blobs(4, seed=1)
    loss = LogisticLoss(features, labels)
    theta = sp.symbols("b w1 w2")
    z = [theta[0] + theta[1] * a + theta[2] * c for a, c in features.tolist()]
    L = -sum(
        y * sp.log(1 / (1 + sp.exp(-zi))) + (1 - y) * sp.log(1 - 1 / (1 + sp.exp(-zi)))
        for y, zi in zip(labels.tolist(), z, strict=True)
    ) / len(z)
    point = dict(zip(theta, (0.3, -0.7, 1.1), strict=True))
    value = float(L.subs(point))
    gradient = [float(sp.diff(L, t).subs(point)) for t in theta]
    hessian = [[float(sp.diff(L, s, t).subs(point)) for t in theta] for s in theta]
    at = np.array([0.3, -0.7, 1.1])
    assert loss(at) == pytest.approx(value, rel=1e-12)
    np.testing.assert_allclose(loss.gradient(at), gradient, rtol=1e-10)
    np.testing.assert_allclose(loss.hessian(at), hessian, rtol=1e-10)


@given(theta_strategy)
def test_the_stable_loss_is_the_cross_entropy_of_the_probabilities(theta):
    loss = LogisticLoss(*two_blobs(20, seed=2))
    assert loss(theta) == pytest.approx(loss.cross_entropy(loss.probabilities(theta)), rel=1e-9)


@given(theta_strategy)
def test_the_hessian_is_symmetric_psd_and_below_the_curvature_bound(theta):
    loss = LogisticLoss(*two_blobs(20, seed=2))
    H = loss.hessian(theta)
    np.testing.assert_allclose(H, H.T)
    eigenvalues = np.linalg.eigvalsh(H)
    assert eigenvalues[0] >= -1e-12 and eigenvalues[-1] <= loss.curvature_bound() * (1 + 1e-12)


def test_the_gradient_equals_calcopts_numerical_gradient(loss):
    theta = np.array([0.5, -1.0, 2.0])
    np.testing.assert_allclose(loss.gradient(theta), co.gradient(loss, theta), atol=1e-9)
    np.testing.assert_allclose(
        loss.hessian(theta), co.jacobian(loss.gradient, theta), rtol=1e-6, atol=1e-9
    )


def test_each_stage_jacobian_equals_the_numerical_jacobian_and_their_product_the_gradient(loss):
    theta = np.array([-0.2, 0.8, 0.4])
    J_logits, J_sigmoid, J_loss = loss.jacobians(theta)
    z = loss.logits(theta)
    p = sigmoid(z)
    assert (J_logits.shape, J_sigmoid.shape, J_loss.shape) == ((200, 3), (200, 200), (1, 200))
    np.testing.assert_allclose(J_logits, co.jacobian(loss.logits, theta), atol=1e-9)
    np.testing.assert_allclose(np.diag(J_sigmoid), np.diag(co.jacobian(sigmoid, z)), atol=1e-9)
    np.testing.assert_allclose(J_loss, co.jacobian(loss.cross_entropy, p), atol=1e-9)
    backprop = (J_loss @ J_sigmoid) @ J_logits  # a row vector at every step
    np.testing.assert_allclose(backprop[0], co.gradient(loss, theta), atol=1e-9)
    np.testing.assert_allclose(J_loss @ (J_sigmoid @ J_logits), backprop, atol=1e-15)


@pytest.fixture(scope="module")
def reference(loss):
    result = scipy.optimize.minimize(
        loss, np.zeros(3), jac=loss.gradient, method="BFGS", options={"gtol": 1e-9}
    )
    assert result.success
    return result.x


def test_newton_agrees_with_scipy_within_1e_6(loss, reference):
    result = co.newton(loss, np.zeros(3), grad=loss.gradient, hess=loss.hessian, tol=1e-10)
    assert result.success and result.nit <= 10
    np.testing.assert_allclose(result.x, reference, atol=1e-6)


def test_gradient_descent_agrees_with_scipy_within_1e_6(loss, reference):
    lr = 1 / loss.curvature_bound()
    result = co.gradient_descent(
        loss, np.zeros(3), lr=lr, grad=loss.gradient, max_iter=5000, tol=1e-9
    )
    assert result.success and result.nit > 10 * 7  # many more iterations than Newton
    np.testing.assert_allclose(result.x, reference, atol=1e-6)


def test_trained_model_beats_chance_and_its_gradient_vanishes(loss, reference):
    assert loss.accuracy(reference) > 0.8
    assert np.linalg.norm(loss.gradient(reference)) < 1e-8
    assert loss.accuracy(np.zeros(3)) == 0.5  # p = 1/2 predicts class 1 everywhere


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: LogisticLoss([1.0, 2.0], [0, 1]), "features must be a 2-D array"),
        (lambda: LogisticLoss([[1.0], [2.0]], [0, 1, 1]), "labels must hold 2 labels"),
        (lambda: LogisticLoss([[1.0], [2.0]], [0, 2]), "only the class labels 0 and 1"),
        (lambda: LogisticLoss([[1.0], [2.0]], [0, 1])([1.0]), "theta must have 2 coordinates"),
        (lambda: two_blobs(0), "n_per_class must be an integer >= 1"),
        (lambda: two_blobs(5, centres=[(0, 0)]), "centres must hold two points"),
        (lambda: two_blobs(5, spread=-1.0), "spread must be a positive"),
    ],
)
def test_bad_input_gets_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_decision_boundary_cases():
    xs, ys = decision_boundary(np.zeros(3), (-1.0, 1.0))
    assert xs.size == ys.size == 0
    xs, ys = decision_boundary(np.array([1.0, 2.0, 0.0]), (-1.0, 1.0))
    np.testing.assert_array_equal(xs, [-0.5, -0.5])
    np.testing.assert_array_equal(ys, [-1.0, 1.0])
