"""Minibatches, the minibatch interface of the course's losses, the training loop against
gradient descent and against the same loop written out by hand, and the chapter's
measurements (gradient variance, learning-rate range test, Reddi's counterexample)."""

import numpy as np
import pytest
import scipy.optimize
from hypothesis import given
from hypothesis import strategies as st

import calcopt as co
import calcopt.optimizers as opt
from calcopt.models.logistic import LogisticLoss, two_blobs
from calcopt.models.regression import LeastSquares, design_matrix
from calcopt.optimize import (
    Status,
    gradient_variance,
    lr_range_test,
    reddi_counterexample,
    sample_variance,
)
from calcopt.optimize.result import Boundary, escaped
from calcopt.optimize.training import PATH_POINTS


def noisy_line(n: int = 400, seed: int = 5) -> LeastSquares:
    """Least squares on two features with noisy targets: strongly convex, nonzero noise floor."""
    rng = np.random.default_rng(seed)
    features = rng.normal(size=(n, 2))
    return LeastSquares(design_matrix(features), features @ [1.5, -2.0] + 0.5 + rng.normal(size=n))


@pytest.fixture(scope="module")
def blobs():
    return LogisticLoss(*two_blobs(100, seed=0))


LINE = noisy_line(60)
GENERATOR = np.random.default_rng(0)
LOSSES = [LINE, LogisticLoss(*two_blobs(30, seed=1))]


@given(
    n=st.integers(1, 200),
    fraction=st.floats(0.0, 1.0),
    seed=st.integers(0, 2**32 - 1),
    drop_last=st.booleans(),
)
def test_an_epoch_of_minibatches_cuts_one_permutation(n, fraction, seed, drop_last):
    size = 1 + int(fraction * (n - 1))
    batches = opt.minibatches(n, size, rng=np.random.default_rng(seed), drop_last=drop_last)
    sizes = [batch.size for batch in batches]
    if drop_last:
        assert sizes == [size] * (n // size), "drop_last keeps only the full batches"
    else:
        assert sizes == [size] * (n // size) + ([n % size] if n % size else [])
    indices = np.concatenate(batches)
    assert np.unique(indices).size == indices.size, "no index twice in an epoch"
    assert set(indices.tolist()) <= set(range(n))
    again = opt.minibatches(n, size, rng=np.random.default_rng(seed), drop_last=drop_last)
    assert all(np.array_equal(a, b) for a, b in zip(batches, again, strict=True))


@pytest.mark.parametrize("loss", LOSSES)
def test_a_batch_loss_is_the_loss_of_the_batchs_samples(loss, rng):
    x = rng.normal(size=3)
    batch = np.array([4, 0, 17, 4])  # a repeated index counts twice
    if isinstance(loss, LeastSquares):
        alone = LeastSquares(loss.X[batch], loss.y[batch])
    else:
        alone = LogisticLoss(loss.features[batch], loss.labels[batch])
    assert loss(x, batch) == pytest.approx(alone(x), rel=1e-13)
    np.testing.assert_allclose(loss.gradient(x, batch), alone.gradient(x), rtol=1e-13)
    np.testing.assert_allclose(
        loss.gradient(x, batch), co.gradient(lambda z: loss(z, batch), x), atol=1e-8
    )
    assert loss(x, None) == loss(x) and loss(x, np.arange(loss.n_samples)) == pytest.approx(loss(x))
    assert loss.n_samples == 60


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("size", [1, 4, 15, 60])
def test_an_epochs_batch_gradients_average_to_the_full_gradient(loss, size, rng):
    x = rng.normal(size=3)
    batches = opt.minibatches(loss.n_samples, size, rng=rng)
    mean = np.mean([loss.gradient(x, batch) for batch in batches], axis=0)
    np.testing.assert_allclose(
        mean,
        loss.gradient(x),
        rtol=1e-12,
        atol=1e-14,
        err_msg="equal-size minibatch gradients over an epoch must average to the full gradient",
    )


def test_the_variance_of_the_minibatch_gradient_falls_like_one_over_b():
    loss, x = noisy_line(2000, seed=2), np.array([0.3, -0.4, 0.8])
    per_sample = np.array([loss.gradient(x, [i]) for i in range(loss.n_samples)])
    sigma2 = np.mean(np.sum((per_sample - loss.gradient(x)) ** 2, axis=1))
    sizes = np.array([1, 2, 8, 32, 128])
    measured = gradient_variance(loss, x, sizes, draws=4000, seed=0)
    exact = sigma2 / sizes * (2000 - sizes) / (2000 - 1)
    # measured with seeds 0-4: within 2.2 % of the exact value (B = 1 is exact: 4000 draws are
    # two whole epochs); a 20 % tolerance leaves a margin of about 9 times
    np.testing.assert_allclose(
        measured, exact, rtol=0.2, err_msg="E||g_B - g||^2 = s2/B (n-B)/(n-1)"
    )
    np.testing.assert_allclose(sizes * measured, sigma2, rtol=0.25, err_msg="variance ~ 1/B")
    assert gradient_variance(loss, x, [2000], draws=3)[0] < 1e-25, "the full batch has no noise"


@pytest.mark.parametrize("loss", LOSSES)
def test_full_batch_sgd_follows_gradient_descent_exactly(loss):
    x0 = np.array([0.5, -1.0, 2.0])
    run = opt.train(loss, x0, opt.sgd(0.3), batch_size=loss.n_samples, epochs=25)
    reference = co.gradient_descent(loss, x0, lr=0.3, grad=loss.gradient, max_iter=25, tol=0)
    np.testing.assert_array_equal(run.path, reference.path, "full-batch SGD is gradient descent")
    np.testing.assert_array_equal(run.epoch_losses, reference.values)
    np.testing.assert_array_equal(run.minibatch_losses, reference.values[:-1])
    np.testing.assert_array_equal(run.path_steps, np.arange(26))
    assert (run.nit, run.fun, run.status, run.success) == (
        25,
        reference.fun,
        Status.COMPLETED,
        True,
    )


def test_full_batch_momentum_follows_heavy_ball_gradient_descent():
    loss, x0 = noisy_line(50), np.zeros(3)
    run = opt.train(loss, x0, opt.momentum(0.2, beta=0.7), batch_size=50, epochs=40)
    reference = co.gradient_descent(
        loss, x0, lr=0.2, momentum=0.7, grad=loss.gradient, max_iter=40, tol=0
    )
    np.testing.assert_allclose(run.path, reference.path, rtol=1e-10, atol=1e-12)


def replay(loss, x0, optimizer, batch_size, epochs, seed):
    """train's loop written out by hand: every iterate, minibatch loss and epoch loss."""
    rng = np.random.default_rng(seed)
    x, state = np.asarray(x0, dtype=float), optimizer.init(x0)
    path, batch_losses, epoch_losses = [x], [], [loss(x)]
    for _ in range(epochs):
        for batch in opt.minibatches(loss.n_samples, batch_size, rng=rng):
            batch_losses.append(loss(x, batch))
            step, state = optimizer.update(loss.gradient(x, batch), state)
            x = x + step
            path.append(x)
        epoch_losses.append(loss(x))
    return np.array(path), np.array(batch_losses), np.array(epoch_losses)


@pytest.mark.parametrize(("size", "epochs"), [(7, 3), (1, 19)])
def test_train_is_the_loop_written_out_and_samples_a_long_path(size, epochs):
    loss, x0 = noisy_line(59), [1.0, 0.0, -1.0]
    optimizer = opt.adam(opt.cosine(0.05, 2000))
    run = opt.train(loss, x0, optimizer, batch_size=size, epochs=epochs, seed=3)
    path, batch_losses, epoch_losses = replay(loss, x0, optimizer, size, epochs, seed=3)
    total = epochs * -(-59 // size)
    stride = -(-total // PATH_POINTS)
    expected_steps = list(range(0, total + 1, stride))
    expected_steps += [] if expected_steps[-1] == total else [total]
    assert run.nit == total and run.path_steps.tolist() == expected_steps
    assert len(run.path) <= PATH_POINTS + 2 and (stride > 1) == (total > PATH_POINTS)
    np.testing.assert_array_equal(
        run.path, path[run.path_steps], "path[j] is iterate path_steps[j]"
    )
    np.testing.assert_array_equal(run.minibatch_losses, batch_losses)
    np.testing.assert_array_equal(run.epoch_losses, epoch_losses)
    np.testing.assert_array_equal(run.x, path[-1])


def test_the_same_seed_gives_the_same_run_and_another_seed_another():
    loss = noisy_line(100)
    runs = [
        opt.train(loss, np.zeros(3), opt.momentum(0.05), batch_size=8, epochs=3, seed=seed)
        for seed in (11, 11, 12)
    ]
    np.testing.assert_array_equal(runs[0].path, runs[1].path)
    np.testing.assert_array_equal(runs[0].minibatch_losses, runs[1].minibatch_losses)
    assert not np.array_equal(runs[0].x, runs[2].x), "the seed must change the batches' order"


@pytest.mark.parametrize("seed", range(5))
def test_a_one_over_t_rate_ends_closer_than_a_constant_one_at_the_same_cost(seed):
    loss = noisy_line()
    constant = opt.train(loss, np.zeros(3), opt.sgd(0.1), batch_size=4, epochs=20, seed=seed)
    decaying = opt.train(
        loss, np.zeros(3), opt.sgd(opt.inverse_time(0.1, 0.02)), batch_size=4, epochs=20, seed=seed
    )
    assert constant.nit == decaying.nit == 2000
    far, near = (np.linalg.norm(r.x - loss.solution) for r in (constant, decaying))
    # measured: the constant rate stays 0.25-0.32 away (its noise floor), 1/t gets within 0.01
    assert near < far / 5, "a 1/t schedule must beat the noise floor of a constant rate"


def test_minibatch_logistic_regression_reaches_scipys_optimum(blobs):
    reference = scipy.optimize.minimize(
        blobs, np.zeros(3), jac=blobs.gradient, method="BFGS", options={"gtol": 1e-10}
    )
    assert reference.success
    for optimizer in (opt.sgd(opt.inverse_time(1.0, 0.01)), opt.adam(0.01)):
        run = opt.train(blobs, np.zeros(3), optimizer, batch_size=10, epochs=50)
        assert run.success and run.nit == 1000
        # measured: within 1e-7 (SGD with 1/t) and 6e-5 (Adam) of scipy's loss
        assert -1e-12 < run.fun - reference.fun < 1e-3, f"{optimizer} must reach scipy's optimum"


def test_a_projection_keeps_every_iterate_in_the_box():
    loss = noisy_line(100)
    run = opt.train(
        loss,
        np.zeros(3),
        opt.sgd(0.1),
        batch_size=10,
        epochs=10,
        project=lambda x: np.clip(x, -1.0, 1.0),
    )
    assert np.all(np.abs(run.path) <= 1.0) and np.isclose(run.x[2], -1.0)


class Cosh:
    """f(x) = mean of cosh(a_i x), convex with its minimum at 0; overflows once |x| > 180."""

    n_samples = 8
    a = np.linspace(0.5, 4.0, 8)

    def _a(self, batch):
        return self.a if batch is None else self.a[batch]

    def __call__(self, x, batch=None):
        return float(np.mean(np.cosh(self._a(batch) * x[0])))

    def gradient(self, x, batch=None):
        a = self._a(batch)
        return np.array([np.mean(a * np.sinh(a * x[0]))])


class NanGradient(Cosh):
    """A finite loss whose gradient is NaN."""

    def gradient(self, x, batch=None):
        return np.array([np.nan])


@pytest.mark.parametrize(
    ("loss", "x0", "optimizer", "size", "detail"),
    [
        (noisy_line(100), np.ones(3), opt.sgd(5.0), 4, "beyond the divergence radius"),
        (noisy_line(100), np.ones(3), opt.nesterov(3.0), 4, "beyond the divergence radius"),
        (Cosh(), [1.0], opt.sgd(20.0), 4, "the minibatch loss is not finite"),
        (Cosh(), [1.0], opt.sgd(20.0), 8, "the full loss is not finite at the end of epoch 1"),
        (NanGradient(), [1.0], opt.adam(), 4, "the next iterate is not finite"),
    ],
)
def test_divergence_ends_the_run_with_a_status_and_no_warning(loss, x0, optimizer, size, detail):
    run = opt.train(loss, x0, optimizer, batch_size=size, epochs=50)
    assert run.status is Status.DIVERGED and not run.success
    assert run.message.startswith("diverged after") and detail in run.message
    assert np.all(np.isfinite(run.x)) and np.array_equal(run.x, run.path[-1])
    assert run.nit < 50 * -(-loss.n_samples // size) and run.minibatch_losses.size == run.nit
    with np.errstate(over="ignore"):
        assert run.fun == loss(run.x), "fun is the full loss at the last iterate"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: opt.minibatches(10, 0, rng=GENERATOR),
            ValueError,
            "batch_size must be an integer >= 1, got 0",
        ),
        (
            lambda: opt.minibatches(10, 11, rng=GENERATOR),
            ValueError,
            "batch_size must be at most the number of samples, 10, got 11",
        ),
        (lambda: opt.minibatches(10, 2, rng=0), TypeError, "rng must be a numpy.random.Generator"),
        (lambda: opt.minibatches(0, 2, rng=GENERATOR), ValueError, "n must be an integer >= 1"),
        (
            lambda: opt.train(LINE, [0, 0, 0], opt.sgd(0.1), batch_size=0, epochs=1),
            ValueError,
            "batch_size must be an integer >= 1",
        ),
        (
            lambda: opt.train(LINE, [0, 0, 0], opt.sgd(0.1), batch_size=61, epochs=1),
            ValueError,
            "batch_size must be at most the number of samples, 60",
        ),
        (
            lambda: opt.train(LINE, [0, 0, 0], opt.sgd(0.1), batch_size=4, epochs=0),
            ValueError,
            "epochs must be an integer >= 1",
        ),
        (
            lambda: opt.train(np.sum, [0, 0, 0], opt.sgd(0.1), batch_size=4, epochs=1),
            TypeError,
            r"loss must be a mean over samples with n_samples, loss\(x, batch\)",
        ),
        (
            lambda: opt.train(LINE, [0, 0, 0], "adam", batch_size=4, epochs=1),
            TypeError,
            r"optimizer must have init\(x0\) and update\(g, state\)",
        ),
        (
            lambda: opt.train(LINE, [0, 0, 0], opt.sgd(0.1), batch_size=4, epochs=1, project=1),
            TypeError,
            "project must be callable",
        ),
        (
            lambda: opt.train(LINE, [0, 0, 0], opt.sgd(lambda k: 0.1 - k), batch_size=4, epochs=1),
            ValueError,
            "the learning-rate schedule gave -0.9 at step k = 1",
        ),
        (
            lambda: opt.train(Cosh(), [300.0], opt.sgd(0.1), batch_size=4, epochs=1),
            ValueError,
            "x0 must be a point where the loss is finite, got loss = inf",
        ),
        (
            lambda: gradient_variance(LINE, [0, 0, 0], [0]),
            ValueError,
            "batch_size must be an integer >= 1",
        ),
        (
            lambda: lr_range_test(LINE, [0, 0, 0], opt.sgd, [[0.1]], batch_size=4),
            ValueError,
            "lrs must be a 1-D array",
        ),
        (
            lambda: lr_range_test(LINE, [0, 0, 0], opt.sgd, [-0.1], batch_size=4),
            ValueError,
            "lr must be a finite number >= 0",
        ),
        (
            lambda: reddi_counterexample(opt.adam, C=2.0),
            ValueError,
            "C must be a finite number > 2, got 2.0",
        ),
        (lambda: reddi_counterexample(opt.adam, x0=1.5), ValueError, r"x0 must lie in \[-1, 1\]"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize(
    ("batch", "error", "message"),
    [
        (
            [],
            ValueError,
            r"batch must be a non-empty 1-D array of sample indices, integers in \[0, 60\); "
            r"got shape \(0,\)",
        ),
        ([[1, 2]], ValueError, r"got shape \(1, 2\)"),
        ([0.0, 1.0], TypeError, "got dtype float64"),
        ([3, 60], ValueError, "got indices from 3 to 60"),
        ([-1], ValueError, "got indices from -1 to -1"),
    ],
)
@pytest.mark.parametrize("loss", LOSSES)
def test_a_bad_batch_gets_a_clear_error_from_loss_and_gradient(loss, batch, error, message):
    for method in (loss, loss.gradient):
        with pytest.raises(error, match=message):
            method([0.0, 0.0, 0.0], batch)


def test_the_lr_range_test_is_one_short_run_per_rate():
    loss, x0 = noisy_line(200), np.zeros(3)
    rates = np.geomspace(1e-4, 10.0, 11)
    losses = lr_range_test(loss, x0, opt.sgd, rates, batch_size=10, epochs=2, seed=4)
    for rate, value in zip(rates, losses, strict=True):
        run = opt.train(loss, x0, opt.sgd(rate), batch_size=10, epochs=2, seed=4)
        assert value == (run.fun if run.success else np.inf)
    best = int(np.argmin(losses))
    assert 0 < best < len(rates) - 1, "too small and too large rates both train worse"
    assert np.all(np.diff(losses[: best + 1]) < 0), "below the best rate, larger rates do better"
    assert np.isinf(losses[-1]), "a rate far above 2/L diverges"


def test_adam_goes_to_the_worst_point_of_reddis_problem_and_amsgrad_does_not():
    """COURSE.md: C = 3, 30,000 steps: Adam ends at +1, AMSGrad at about -0.998."""
    C = 3.0
    adam = reddi_counterexample(lambda lr: opt.adam(lr, b1=0.0, b2=1 / (1 + C**2)), C=C)
    amsgrad = reddi_counterexample(lambda lr: opt.amsgrad(lr, b1=0.0, b2=1 / (1 + C**2)), C=C)
    assert adam.shape == amsgrad.shape == (30_001,)
    assert adam[0] == amsgrad[0] == 0.0 and np.all(np.abs(np.r_[adam, amsgrad]) <= 1.0)
    assert adam[-1] == 1.0, "Adam must drift to the worst point, x = +1"
    assert amsgrad[-1] == pytest.approx(-0.998, abs=5e-4), "AMSGrad must end near x = -1"
    # the average loss per step: (C - 2) x / 3 is positive for Adam and negative for AMSGrad
    t = np.arange(1, 30_001)
    gradients = np.where(t % 3 == 1, C, -1.0)
    assert np.mean(gradients * adam[:-1]) > 0.25 > -0.25 > np.mean(gradients * amsgrad[:-1])


# -- additions of chapter 8: sample_variance, Boundary, run_optimizer, the completed status ------


def test_sample_variance_is_the_spread_of_the_per_sample_gradients_and_fixes_b_equal_1():
    loss, x = noisy_line(300, seed=4), np.array([0.2, 1.0, -0.5])
    per_sample = np.array([loss.gradient(x, [i]) for i in range(loss.n_samples)])
    spread = np.mean(np.sum((per_sample - per_sample.mean(axis=0)) ** 2, axis=1))
    assert np.isclose(sample_variance(loss, x), spread, rtol=1e-12), "V1 is the mean squared spread"
    measured = gradient_variance(loss, x, [1], draws=3 * loss.n_samples)[0]
    assert np.isclose(measured, sample_variance(loss, x), rtol=1e-10), (
        "B = 1 over whole epochs draws every sample equally often: the measured variance is V1"
    )
    assert sample_variance(LeastSquares([[1.0], [1.0]], [2.0, 2.0]), [2.0]) == 0.0, (
        "samples that agree have no spread"
    )


def test_sample_variance_rejects_a_loss_without_the_minibatch_interface():
    with pytest.raises(TypeError, match="mean over samples"):
        sample_variance(co.functions.booth, [0.0, 0.0])


@given(
    x0=st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=5),
    scale=st.sampled_from([0.0, 1.0, 1e7, 1e8, 1e9]),
    direction=st.integers(0, 2**32 - 1),
    nudge=st.floats(-1e-6, 1e-6),
)
def test_boundary_answers_as_the_divergence_rule_it_stands_for(x0, scale, direction, nudge):
    x0 = np.array(x0)
    radius = co.optimize.DIVERGENCE_RADIUS * (1 + np.linalg.norm(x0))
    u = np.random.default_rng(direction).normal(size=x0.size)
    x = x0 + u / np.linalg.norm(u) * radius * (scale / 1e8) * (1 + nudge)
    boundary = Boundary(x0)
    assert boundary.escaped(x) == bool(escaped(x, x0)), (
        "Boundary.escaped must say 'escaped' exactly when the rule escaped does, also within "
        "rounding of the radius"
    )


def test_boundary_counts_non_finite_iterates_as_escaped_without_a_warning():
    boundary = Boundary(np.array([1.0, -2.0]))
    for x in ([np.nan, 0.0], [np.inf, 0.0], [1e308, -1e308], [1.0, -2.0]):
        assert boundary.escaped(np.array(x)) == bool(escaped(np.array(x), [1.0, -2.0]))
    assert boundary.escaped(np.array([1e308, -1e308])), "an overflowing distance has escaped"


@pytest.mark.parametrize("momentum", [0.0, 0.8])
def test_run_optimizer_with_sgd_or_momentum_is_gradient_descent_step_for_step(momentum):
    f, x0 = co.functions.booth, [-3.0, 0.0]
    optimizer = opt.momentum(0.05, beta=momentum) if momentum else opt.sgd(0.05)
    run = opt.run_optimizer(f, x0, optimizer, tol=1e-8, max_iter=500)
    reference = co.gradient_descent(f, x0, lr=0.05, momentum=momentum, tol=1e-8, max_iter=500)
    np.testing.assert_allclose(run.path, reference.path, rtol=1e-12, atol=1e-14)
    assert (run.nit, run.status) == (reference.nit, reference.status) == (run.nit, "converged")


def test_run_optimizer_stops_at_max_iter_or_on_divergence_with_the_course_statuses():
    f, x0 = co.functions.booth, [-3.0, 0.0]
    short = opt.run_optimizer(f, x0, opt.adam(0.1), max_iter=5)
    assert short.status is Status.MAX_ITER and short.nit == 5 and not short.success
    np.testing.assert_allclose(short.path[1], [-2.9, 0.1], err_msg="Adam's first step is ±η")
    with np.errstate(all="raise"):  # no overflow warning on the way out
        wild = opt.run_optimizer(f, x0, opt.sgd(1.0), max_iter=1000)
    assert wild.status is Status.DIVERGED and "divergence radius" in wild.message
    with pytest.raises(TypeError, match="optimizer"):
        opt.run_optimizer(f, x0, "adam")


def test_a_finished_training_run_is_completed_a_status_of_the_one_table():
    run = opt.train(LINE, np.zeros(3), opt.sgd(0.05), batch_size=7, epochs=3)
    assert run.status is Status.COMPLETED and run.success
    assert run.message.startswith("completed 3 epochs"), run.message
    assert Status("completed") is Status.COMPLETED, "the one table of statuses holds it"
