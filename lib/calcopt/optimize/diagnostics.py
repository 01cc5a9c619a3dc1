r"""Measurements a lesson on stochastic gradient descent makes: how noisy a minibatch gradient
is, and which learning rates train well.

- :func:`sample_variance`: the spread of the per-sample gradients, from which the variance of
  the minibatch gradient follows exactly;
- :func:`gradient_variance`: the variance of the minibatch gradient for several batch sizes,
  measured on random minibatches; it falls like 1/B.
- :func:`lr_range_test`: the loss after a short run for each of several learning rates.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import _validation as check
from .result import Status
from .training import minibatches, train


def sample_variance(loss, x) -> float:
    r"""The spread of the per-sample gradients at x about the full gradient.

    .. math::
        V_1 = \frac1n\sum_{i=1}^n \lVert\nabla f_i(\mathbf x) - \nabla f(\mathbf x)\rVert^2

    It fixes the variance of every minibatch gradient: a batch of B samples drawn uniformly
    without replacement has :math:`\mathbb E\,\lVert\nabla f_B - \nabla f\rVert^2 =
    \frac{V_1}{B}\cdot\frac{n - B}{n - 1}`, which :func:`gradient_variance` measures. Each
    :math:`\nabla f_i` is ``loss.gradient(x, [i])``, so this costs n gradient calls.

    Parameters
    ----------
    loss : object
        A mean over samples (``n_samples``, ``loss.gradient(x, batch)``), such as
        :class:`~calcopt.models.regression.LeastSquares`.
    x : array_like, shape (n,)
        Where to measure.

    Returns
    -------
    float
        :math:`V_1`.

    Raises
    ------
    TypeError, ValueError
        For a loss without the minibatch interface or a bad x.

    Examples
    --------
    Two samples with gradients 2(x - 1) and 2(x + 1) at x = 0: the full gradient is 0 and
    each sample's is 2 away from it.

    >>> from calcopt.models.regression import LeastSquares
    >>> float(sample_variance(LeastSquares([[1.0], [1.0]], [1.0, -1.0]), [0.0]))
    4.0

    See chapter 8, *Stochastic gradient descent*.
    """
    check.sample_loss(loss)
    x = check.point(x, "x")
    full = loss.gradient(x)
    gradients = np.array([loss.gradient(x, [i]) for i in range(loss.n_samples)])
    return float(np.mean(np.sum((gradients - full) ** 2, axis=1)))


def gradient_variance(loss, x, batch_sizes, *, draws: int = 1000, seed: int = 0) -> np.ndarray:
    r"""The variance of the minibatch gradient at x, measured for each batch size B.

    For each B it draws ``draws`` minibatches the way training does (epochs of
    :func:`~calcopt.optimize.training.minibatches`, dropping the short last batch) and
    averages the squared distance of the minibatch gradient from the full gradient,

    .. math::
        V(B) \approx \mathbb E\,\lVert\nabla f_B(\mathbf x) - \nabla f(\mathbf x)\rVert^2
        = \frac{\sigma^2}{B}\cdot\frac{n - B}{n - 1},
        \qquad \sigma^2 = \frac1n\sum_{i=1}^n \lVert\nabla f_i(\mathbf x) -
        \nabla f(\mathbf x)\rVert^2 ,

    the total variance (trace of the covariance) of a mean of B samples drawn without
    replacement from n. For :math:`B \ll n` it is :math:`\sigma^2/B`: four times the batch,
    a quarter of the variance, half the noise. The mean of the minibatch gradients is the
    full gradient: they are unbiased.

    Parameters
    ----------
    loss : object
        A mean over samples (``n_samples``, ``loss.gradient(x, batch)``), such as
        :class:`~calcopt.models.regression.LeastSquares`.
    x : array_like, shape (n,)
        Where to measure.
    batch_sizes : sequence of int
        Each from 1 to ``loss.n_samples``.
    draws : int
        Minibatches per batch size; the estimates' errors shrink like
        :math:`1/\sqrt{\text{draws}}`.
    seed : int
        Seed of the minibatches.

    Returns
    -------
    ndarray, shape (len(batch_sizes),)
        The measured V(B), in the same order.

    Raises
    ------
    TypeError, ValueError
        For a loss without the minibatch interface, a bad x, a batch size outside
        1..n_samples, or a bad draws or seed.

    Examples
    --------
    >>> from calcopt.models.regression import LeastSquares, design_matrix
    >>> data = np.random.default_rng(1).normal(size=(10_000, 2))
    >>> loss = LeastSquares(design_matrix(data[:, 0]), data[:, 1])
    >>> sizes = np.array([1, 4, 16, 64])
    >>> variance = gradient_variance(loss, [0.0, 0.0], sizes, draws=4000)
    >>> variance.round(3).tolist(), (sizes * variance).round(1).tolist()
    ([8.062, 1.975, 0.483, 0.119], [8.1, 7.9, 7.7, 7.6])

    See chapter 8, *Stochastic gradient descent*.
    """
    check.sample_loss(loss)
    x = check.point(x, "x")
    n = loss.n_samples
    sizes = [check.batch_size(size, n) for size in batch_sizes]
    draws = check.count(draws, "draws")
    rng = np.random.default_rng(check.count(seed, "seed", minimum=0))
    full = loss.gradient(x)
    return np.array([_mean_square(loss, x, full, size, draws, rng) for size in sizes])


def _mean_square(loss, x, full, size: int, draws: int, rng) -> float:
    """The mean of ||grad f_B(x) - grad f(x)||^2 over ``draws`` minibatches of one size."""
    batches = []
    while len(batches) < draws:
        batches += minibatches(loss.n_samples, size, rng=rng, drop_last=True)
    deviations = np.array([loss.gradient(x, batch) - full for batch in batches[:draws]])
    return float(np.mean(np.sum(deviations**2, axis=1)))


def lr_range_test(
    loss,
    x0,
    optimizer_factory: Callable,
    lrs,
    *,
    batch_size: int,
    epochs: int = 1,
    seed: int = 0,
) -> np.ndarray:
    r"""The full loss after a short training run for each learning rate: a learning-rate
    range test.

    For each :math:`\eta` in ``lrs`` it runs
    ``train(loss, x0, optimizer_factory(eta), batch_size=..., epochs=..., seed=seed)`` and
    records the full loss at the end, or infinity if the run diverged. Every run sees the
    minibatches in the same order, so the curve changes only with :math:`\eta`. Too small a
    rate barely lowers the loss, too large a one raises it or diverges; a good rate sits a
    little below the bottom of the curve, on its falling side.

    Parameters
    ----------
    loss : object
        A mean over samples, as for :func:`~calcopt.optimize.training.train`.
    x0 : array_like, shape (n,)
        Start of every run.
    optimizer_factory : callable
        Makes an optimizer from a learning rate, for example ``sgd`` or
        ``lambda lr: adam(lr, b1=0.8)``.
    lrs : array_like, shape (m,)
        The learning rates to try, each >= 0 (a geometric grid, ``np.geomspace``, suits).
    batch_size, epochs, seed :
        As for :func:`~calcopt.optimize.training.train`.

    Returns
    -------
    ndarray, shape (m,)
        The full loss after each run; ``inf`` where the run diverged.

    Raises
    ------
    TypeError, ValueError
        For bad lrs, a factory that does not return an optimizer, or bad arguments of train.

    Examples
    --------
    >>> from calcopt.models.regression import LeastSquares, design_matrix
    >>> from calcopt.optimize.stochastic import sgd
    >>> loss = LeastSquares(design_matrix([0.0, 1.0, 2.0, 3.0]), [1.0, 3.0, 5.0, 7.0])
    >>> losses = lr_range_test(loss, [0.0, 0.0], sgd, [0.001, 0.1, 10.0], batch_size=2, epochs=5)
    >>> losses.round(4).tolist()
    [17.7351, 0.0001, inf]

    See chapter 8, *Stochastic gradient descent*.
    """
    check.callable_(optimizer_factory, "optimizer_factory")
    rates = check.point(lrs, "lrs")
    runs = (
        train(loss, x0, optimizer_factory(rate), batch_size=batch_size, epochs=epochs, seed=seed)
        for rate in rates
    )
    return np.array([run.fun if run.status is not Status.DIVERGED else np.inf for run in runs])
