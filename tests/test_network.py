"""The two-layer network and the two-moons data: gradients against central differences and
autograd, the minibatch interface, and a network that separates what logistic regression cannot.
"""

import autograd
import autograd.numpy as anp
import numpy as np
import pytest

from calcopt import gradient
from calcopt.models.datasets import two_moons
from calcopt.models.logistic import LogisticLoss
from calcopt.models.network import NetworkLoss

from .test_autodiff_catalogue import assert_close

ACTIVATIONS = ["tanh", "relu"]


def small_network(activation: str = "tanh", n: int = 40) -> NetworkLoss:
    features, labels = two_moons(n, noise=0.2, seed=3)
    return NetworkLoss(features, labels, hidden=5, activation=activation)


def autograd_loss(loss: NetworkLoss, batch=None):
    """The same loss written independently with autograd.numpy (an independent autodiff)."""
    rows = np.arange(loss.n_samples) if batch is None else np.asarray(batch)
    A, y = loss.features[rows], loss.labels[rows]
    d, h = A.shape[1], loss.hidden
    phi = anp.tanh if loss.activation == "tanh" else (lambda s: anp.maximum(s, 0.0))

    def f(theta):
        W1, b1 = anp.reshape(theta[: d * h], (d, h)), theta[d * h : d * h + h]
        w2, b2 = theta[d * h + h : d * h + 2 * h], theta[-1]
        z = anp.dot(phi(anp.dot(A, W1) + b1), w2) + b2
        return anp.mean(anp.logaddexp(0.0, z) - y * z)

    return f


def test_two_moons_is_seeded_with_half_of_each_class():
    features, labels = two_moons(7, noise=0.1, seed=5)
    assert features.shape == (7, 2), "n points of 2 features"
    assert labels.tolist() == [0.0] * 3 + [1.0] * 4, "n // 2 of class 0 first, then class 1"
    again, _ = two_moons(7, noise=0.1, seed=5)
    other, _ = two_moons(7, noise=0.1, seed=6)
    assert np.array_equal(features, again), "the same seed gives the same data"
    assert not np.array_equal(features, other), "another seed gives other data"


def test_two_moons_without_noise_lie_on_their_half_circles():
    features, labels = two_moons(200, noise=0.0, seed=0)
    upper, lower = features[labels == 0], features[labels == 1] - [1.0, 0.5]
    assert_close(np.hypot(*upper.T), np.ones(100), "class 0 lies on the unit circle")
    assert_close(np.hypot(*lower.T), np.ones(100), "class 1 lies on the circle around (1, 1/2)")
    assert upper[:, 1].min() >= 0 and lower[:, 1].max() <= 0, "upper and lower halves"


def test_the_network_separates_two_moons_where_logistic_regression_cannot(rng):
    features, labels = two_moons(200, noise=0.1, seed=0)
    logistic, theta = LogisticLoss(features, labels), np.zeros(3)
    for _ in range(25):  # Newton's method: logistic regression's best line
        theta = theta - np.linalg.solve(logistic.hessian(theta), logistic.gradient(theta))
    assert np.linalg.norm(logistic.gradient(theta)) < 1e-10, "logistic regression converged"
    assert logistic.accuracy(theta) < 0.92, "no straight line separates the two moons"

    network = NetworkLoss(features, labels, hidden=16)
    parameters = network.initial_parameters(seed=0)
    for _ in range(40):  # epochs of minibatch gradient descent through the batch interface
        for batch in np.array_split(rng.permutation(network.n_samples), 10):
            parameters = parameters - 0.5 * network.gradient(parameters, batch)
    assert network.accuracy(parameters) >= 0.97, "a hidden layer bends the boundary around them"


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("batch", [None, [3, 17, 17, 30]])
def test_gradient_matches_central_differences(activation, batch):
    loss = small_network(activation)
    theta = loss.initial_parameters(seed=1)
    estimate = gradient(lambda t: loss(t, batch), theta, method="central")
    assert_close(loss.gradient(theta, batch), estimate, "gradient = central differences", 1e-8)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("batch", [None, [0, 5, 21, 39]])
def test_gradient_matches_autograd(activation, batch):
    loss = small_network(activation)
    f = autograd_loss(loss, batch)
    for seed in range(3):
        theta = loss.initial_parameters(seed=seed)
        assert_close(loss(theta, batch), f(theta), "the loss is autograd's", 1e-14)
        expected = autograd.grad(f)(theta)
        assert_close(loss.gradient(theta, batch), expected, "the gradient is autograd's", 1e-12)


def test_a_batch_is_the_loss_of_those_samples_and_none_is_all_of_them():
    loss = small_network()
    theta, batch = loss.initial_parameters(seed=2), np.array([4, 9, 9, 33])
    subset = NetworkLoss(loss.features[batch], loss.labels[batch], hidden=loss.hidden)
    assert_close(loss(theta, batch), subset(theta), "loss(theta, batch) is the batch's loss")
    assert_close(loss.gradient(theta, batch), subset.gradient(theta), "and so is its gradient")
    everything = np.arange(loss.n_samples)
    assert loss(theta) == loss(theta, everything), "batch=None means every sample"


def test_the_full_gradient_is_the_mean_of_the_samples_gradients():
    loss = small_network()
    theta = loss.initial_parameters(seed=0)
    per_sample = [loss.gradient(theta, [i]) for i in range(loss.n_samples)]
    assert_close(
        np.mean(per_sample, axis=0), loss.gradient(theta), "minibatch gradients are unbiased"
    )


def test_parameters_are_one_flat_vector_with_a_seeded_start():
    loss = small_network()
    d, h = 2, 5
    assert loss.size == h * (d + 2) + 1 == 21 and loss.n_samples == 40, "H(d + 2) + 1 parameters"
    theta = loss.initial_parameters(seed=4)
    W1, b1, w2, b2 = loss.unpack(theta)
    assert (W1.shape, b1.shape, w2.shape, np.shape(b2)) == ((2, 5), (5,), (5,), ()), "layer shapes"
    assert not b1.any() and b2 == 0, "biases start at zero"
    assert np.array_equal(theta, loss.initial_parameters(seed=4)), "the same seed, the same start"
    assert not np.array_equal(theta, loss.initial_parameters(seed=5)), "another seed, another"


def test_predictions_are_the_probabilities_rounded():
    loss = small_network()
    theta = loss.initial_parameters(seed=0)
    p = loss.probabilities(theta)
    assert p.shape == (40,) and np.all((p > 0) & (p < 1)), "one probability in (0, 1) per sample"
    assert np.array_equal(loss.predict(theta), (p >= 0.5).astype(float)), "class 1 where p >= 1/2"
    assert loss.accuracy(theta) == np.mean(loss.predict(theta) == loss.labels), "share correct"
    assert_close(loss.probabilities(theta, loss.features[:3]), p[:3], "p of given points")


def test_pack_is_the_inverse_of_unpack():
    loss = small_network()
    theta = loss.initial_parameters(seed=6) + 0.1
    assert np.array_equal(loss.pack(*loss.unpack(theta)), theta), "pack(unpack(θ)) = θ"
    W1, b1, w2, b2 = (np.arange(10.0).reshape(2, 5), np.ones(5), 2 * np.ones(5), 3.0)
    parts = loss.unpack(loss.pack(W1, b1, w2, b2))
    for got, expected in zip(parts, (W1, b1, w2, b2), strict=True):
        assert np.array_equal(got, expected), "unpack(pack(layers)) gives the layers back"


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_swapping_two_hidden_units_keeps_the_output(activation):
    """The symmetry theorem of the capstone: exchanging two units changes no output."""
    loss = small_network(activation)
    theta = loss.initial_parameters(seed=7) + np.random.default_rng(7).normal(0, 0.5, loss.size)
    original = theta.copy()
    swapped = loss.swap_hidden(theta, 1, 4)
    assert np.array_equal(theta, original), "swap_hidden leaves its argument unchanged"
    assert not np.array_equal(swapped, theta), "the parameters are a different vector"
    W1, b1, w2, b2 = loss.unpack(theta)
    S1, c1, s2, c2 = loss.unpack(swapped)
    assert np.array_equal(S1[:, [1, 4]], W1[:, [4, 1]]) and np.array_equal(S1[:, 0], W1[:, 0])
    assert np.array_equal(c1[[1, 4]], b1[[4, 1]]) and np.array_equal(s2[[1, 4]], w2[[4, 1]])
    assert c2 == b2, "the output bias belongs to no unit"
    points = np.random.default_rng(8).normal(size=(50, 2))
    assert_close(loss.logits(swapped, points), loss.logits(theta, points), "same output", 1e-14)
    assert_close(loss(swapped), loss(theta), "same loss", 1e-14)
    assert np.array_equal(loss.swap_hidden(swapped, 4, 1), theta), "a swap undoes itself"
    assert np.array_equal(loss.swap_hidden(theta, 2, 2), theta), "swapping a unit with itself"


def test_changing_the_signs_of_a_tanh_unit_keeps_the_output_but_not_for_relu():
    for activation, same in (("tanh", True), ("relu", False)):
        loss = small_network(activation)
        theta = loss.initial_parameters(seed=9) + 0.3
        W1, b1, w2, b2 = loss.unpack(theta)
        signs = np.array([1.0, -1.0, 1.0, 1.0, 1.0])
        flipped = loss.pack(W1 * signs, b1 * signs, w2 * signs, b2)
        kept = np.allclose(loss.logits(flipped, loss.features), loss.logits(theta, loss.features))
        assert kept == same, f"with {activation}, a sign change keeps the output: {same}"


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_hessian_vector_product_is_the_derivative_of_the_gradient(activation):
    loss = small_network(activation)
    theta = loss.initial_parameters(seed=10)
    v, u = np.random.default_rng(10).normal(size=(2, loss.size))
    h = 1e-5
    for batch in (None, [1, 2, 30]):
        slope = (loss.gradient(theta + h * v, batch) - loss.gradient(theta - h * v, batch)) / (
            2 * h
        )
        Hv = loss.hessian_vector(theta, v, batch)
        assert_close(Hv, slope, "∇²f v = d/dε ∇f(θ + εv) (central difference)", 1e-6)
    assert_close(
        u @ loss.hessian_vector(theta, v), v @ loss.hessian_vector(theta, u), "uᵀHv = vᵀHu", 1e-12
    )


def test_the_hessian_vector_product_matches_autograds_hessian():
    loss = small_network()
    theta = loss.initial_parameters(seed=11)
    v = np.random.default_rng(11).normal(size=loss.size)
    expected = autograd.hessian(autograd_loss(loss))(theta) @ v
    assert_close(loss.hessian_vector(theta, v), expected, "∇²f v is autograd's Hessian times v")


def test_along_is_the_loss_on_the_line_through_two_points():
    loss = small_network()
    a, b = loss.initial_parameters(seed=12), loss.initial_parameters(seed=13)
    ts = np.array([-0.5, 0.0, 0.25, 1.0, 1.5])
    values = loss.along(a, b, ts)
    assert values.shape == (5,)
    for t, value in zip(ts, values, strict=True):
        assert_close(value, loss(a + t * (b - a)), f"the loss at t = {t}", 1e-14)
    assert values[1] == loss(a), "t = 0 is the start"
    h = 1e-6
    slope = (loss.along(a, b, [h])[0] - loss.along(a, b, [-h])[0]) / (2 * h)
    assert_close(
        slope, loss.gradient(a) @ (b - a), "the slope at t = 0 is ∇f(start)·(end − start)", 1e-6
    )


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda net: net(np.zeros(3)), ValueError, "theta must have 21 coordinates"),
        (
            lambda net: net.gradient(np.zeros(21), [0.5]),
            TypeError,
            "batch must be a non-empty 1-D array of sample indices.*got dtype float64",
        ),
        (lambda net: net(np.zeros(21), [[0, 1]]), ValueError, "pass None for all samples"),
        (lambda net: net(np.zeros(21), np.array([], dtype=int)), ValueError, r"got shape \(0,\)"),
        (
            lambda net: net(np.zeros(21), [0, 40]),
            ValueError,
            r"integers in \[0, 40\); got indices from 0 to 40",
        ),
        (
            lambda net: net.predict(np.zeros(21), [[1.0, 2.0, 3.0]]),
            ValueError,
            "points must have 2",
        ),
        (
            lambda net: NetworkLoss(net.features, net.labels, activation="sigmoid"),
            ValueError,
            "activation must be one of 'tanh', 'relu'",
        ),
        (
            lambda net: NetworkLoss(net.features, net.labels, hidden=0),
            ValueError,
            "hidden must be an",
        ),
        (
            lambda net: NetworkLoss(net.features, net.labels + 1),
            ValueError,
            "only the class labels 0",
        ),
        (lambda net: two_moons(1), ValueError, "n must be an integer >= 2"),
        (lambda net: two_moons(10, noise=-0.1), ValueError, "noise must be a finite number >= 0"),
        (lambda net: two_moons(10, seed=-1), ValueError, "seed must be an integer >= 0"),
        (
            lambda net: net.pack(np.zeros((5, 2)), np.zeros(5), np.zeros(5), 0.0),
            ValueError,
            r"W1 must have the shape of \(inputs d, hidden units H\), \(2, 5\), got \(5, 2\)",
        ),
        (
            lambda net: net.pack(np.zeros((2, 5)), np.zeros(5), np.zeros(4), 0.0),
            ValueError,
            r"w2 must have the shape of \(hidden units H,\), \(5,\), got \(4,\)",
        ),
        (
            lambda net: net.pack(np.zeros((2, 5)), np.zeros(5), np.zeros(5), [0.0, 1.0]),
            ValueError,
            "b2 must have the shape of a single number",
        ),
        (lambda net: net.swap_hidden(np.zeros(21), 0, 5), ValueError, r"j must lie in \[0, 4\]"),
        (lambda net: net.swap_hidden(np.zeros(21), -1, 2), ValueError, "i must be an integer >= 0"),
        (lambda net: net.swap_hidden(np.zeros(21), 1.0, 2), TypeError, "i must be an integer"),
        (lambda net: net.swap_hidden(np.zeros(20), 0, 1), ValueError, "theta must have 21"),
        (
            lambda net: net.hessian_vector(np.zeros(21), np.zeros(3)),
            ValueError,
            "v must have 21 coordinates",
        ),
        (lambda net: net.along(np.zeros(21), np.zeros(3), [0.0]), ValueError, "end must have 21"),
        (
            lambda net: net.along(np.zeros(21), np.zeros(21), [[0.0]]),
            ValueError,
            "ts must be a 1-D",
        ),
        (
            lambda net: net.along(np.zeros(21), np.zeros(21), [np.nan]),
            ValueError,
            "ts must be finite",
        ),
    ],
)
def test_bad_input_names_the_argument(call, error, message):
    with pytest.raises(error, match=message):
        call(small_network())
