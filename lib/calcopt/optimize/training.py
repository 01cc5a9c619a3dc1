r"""Minibatch training: epochs of random minibatches, and the loop that runs an optimizer on them.

A loss that is a mean over n samples, :math:`f(\mathbf x) = \frac1n\sum_i f_i(\mathbf x)`, is
estimated on a minibatch B by :math:`f_B = \frac1{|B|}\sum_{i\in B} f_i`. An epoch visits every
sample once: :func:`minibatches` cuts a random permutation of the samples into batches, and
:func:`train` takes one optimizer update per batch. The loss object supplies ``n_samples``,
``loss(x, batch)`` and ``loss.gradient(x, batch)`` (as
:class:`~calcopt.models.regression.LeastSquares` and
:class:`~calcopt.models.logistic.LogisticLoss` do); ``batch=None`` means every sample.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .. import _validation as check
from .result import (
    Boundary,
    OptimizeResult,
    Run,
    Status,
    count_iterations,
    derivatives_of,
    loop_arguments,
    summary,
)
from .stochastic import Optimizer

#: :func:`train` keeps about this many points of a longer path (every s-th iterate).
PATH_POINTS = 1000


def minibatches(n: int, batch_size: int, *, rng, drop_last: bool = False) -> list[np.ndarray]:
    r"""One epoch of minibatches: a random permutation of range(n) cut into batches.

    The batches are disjoint and, unless the last one is dropped, cover every index once.
    Each batch of size B is a uniformly random B-subset of the samples, so the batch mean of
    per-sample gradients is an unbiased estimate of the full gradient.

    Parameters
    ----------
    n : int
        Number of samples, n >= 1.
    batch_size : int
        B, from 1 to n.
    rng : numpy.random.Generator
        The source of the permutation (``numpy.random.default_rng(seed)``).
    drop_last : bool
        Drop the last batch if it has fewer than B indices (when B does not divide n).

    Returns
    -------
    list of ndarray of int
        :math:`\lceil n/B\rceil` batches (:math:`\lfloor n/B\rfloor` with ``drop_last``), all of
        size B except perhaps the last.

    Raises
    ------
    TypeError, ValueError
        For n < 1, a batch size outside 1..n, or an rng that is not a numpy Generator.

    Examples
    --------
    >>> batches = minibatches(7, 3, rng=np.random.default_rng(0))
    >>> [b.size for b in batches], sorted(np.concatenate(batches).tolist())
    ([3, 3, 1], [0, 1, 2, 3, 4, 5, 6])

    See chapter 8, *Stochastic gradient descent*.
    """
    n = check.count(n, "n")
    batch_size = check.batch_size(batch_size, n)
    order = check.generator(rng).permutation(n)
    stop = n - n % batch_size if drop_last else n
    return [order[start : start + batch_size] for start in range(0, stop, batch_size)]


@dataclass(frozen=True)
class TrainResult:
    r"""The outcome of :func:`train`, in the vocabulary of
    :class:`~calcopt.optimize.result.OptimizeResult` plus what a lesson plots.

    Attributes
    ----------
    x : ndarray, shape (n,)
        Last iterate (the last finite one if the run diverged).
    fun : float
        The full loss f(x), over every sample (inf if the run diverged because it overflowed).
    nit : int
        Number of steps (optimizer updates, one per minibatch).
    success : bool
        True when every epoch ran, False if the run diverged.
    status : Status
        ``"completed"`` (every epoch ran: training has no stopping test, so this is how a
        successful run ends) or ``"diverged"``.
    message : str
        A sentence saying how the run ended.
    epoch_losses : ndarray, shape (epochs run + 1,)
        The full loss after each epoch; ``epoch_losses[0]`` is f(x0).
    minibatch_losses : ndarray, shape (nit,)
        Step k's minibatch loss :math:`f_{B_k}(\mathbf x_{k-1})`, taken where its gradient was.
    path : ndarray, shape (m, n)
        Every s-th iterate, s the smallest stride that keeps at most ``PATH_POINTS + 1`` points
        of the planned run, and the last iterate; ``path[0]`` is x0.
    path_steps : ndarray of int, shape (m,)
        The step number of each row of ``path`` (0 for x0).
    """

    x: np.ndarray
    fun: float
    nit: int
    success: bool
    status: Status
    message: str
    epoch_losses: np.ndarray
    minibatch_losses: np.ndarray
    path: np.ndarray
    path_steps: np.ndarray

    def __repr__(self) -> str:
        return summary(self)


class _Recorder:
    """What a training run records: losses per step and epoch, and the sampled path."""

    def __init__(self, x0: np.ndarray, value: float, stride: int):
        self.stride, self.steps, self.full_loss_step = stride, 0, 0
        self.epoch_losses, self.minibatch_losses = [value], []
        self.path, self.path_steps = [x0], [0]

    def step(self, x: np.ndarray, minibatch_loss: float) -> None:
        self.steps += 1
        self.minibatch_losses.append(minibatch_loss)
        if self.steps % self.stride == 0:
            self.path.append(x)
            self.path_steps.append(self.steps)

    def epoch(self, loss, x: np.ndarray) -> str:
        """Record the full loss at the end of an epoch; say why the run diverged if it is not
        finite."""
        self.epoch_losses.append(float(loss(x)))
        self.full_loss_step = self.steps
        if np.isfinite(self.epoch_losses[-1]):
            return ""
        return f"the full loss is not finite at the end of epoch {len(self.epoch_losses) - 1}"

    def result(self, loss, x: np.ndarray, detail: str = "") -> TrainResult:
        """The result at x: every epoch ran if detail is empty, else the run diverged."""
        status = Status.DIVERGED if detail else Status.COMPLETED
        if self.path_steps[-1] != self.steps:
            self.path.append(x)
            self.path_steps.append(self.steps)
        epochs = len(self.epoch_losses) - 1
        ran = f"{epochs} epoch{'s' * (epochs != 1)} and {count_iterations(self.steps)}"
        fun = self.epoch_losses[-1]
        if self.full_loss_step != self.steps:  # the run stopped inside an epoch
            fun = float(loss(x))
        messages = {
            Status.COMPLETED: f"completed {ran}; full loss {fun:.6g}",
            Status.DIVERGED: f"diverged after {ran}: {detail}",
        }
        return TrainResult(
            x=x,
            fun=fun,
            nit=self.steps,
            success=not detail,
            status=status,
            message=messages[status],
            epoch_losses=np.array(self.epoch_losses),
            minibatch_losses=np.array(self.minibatch_losses),
            path=np.array(self.path),
            path_steps=np.array(self.path_steps),
        )


def _divergence(value: float, candidate: np.ndarray, boundary: Boundary) -> str:
    """Why a step diverged, or "" if it did not (a non-finite gradient makes the next iterate
    non-finite)."""
    if not math.isfinite(value):
        return "the minibatch loss is not finite"
    if boundary.escaped(candidate):
        return (
            "the next iterate is not finite or lies beyond the divergence radius 1e8 (1 + ||x0||)"
        )
    return ""


def train(
    loss,
    x0,
    optimizer: Optimizer,
    *,
    batch_size: int,
    epochs: int,
    seed: int = 0,
    project: Callable | None = None,
) -> TrainResult:
    r"""Minimise a mean over samples with an optimizer on random minibatches, epoch by epoch.

    Each epoch cuts a new random permutation of the samples into batches (:func:`minibatches`);
    step k takes the next batch :math:`B_k` and makes one update

    .. math::
        \mathbf x_k = P\big(\mathbf x_{k-1} + \text{step}_k\big), \qquad
        \text{step}_k = \text{optimizer.update}(\nabla f_{B_k}(\mathbf x_{k-1}))

    with P the projection ``project`` (the identity by default). With ``batch_size`` equal to
    the number of samples every step uses the full gradient (``batch=None``), so
    ``train(loss, x0, sgd(lr), batch_size=n, epochs=K)`` follows gradient descent's path
    exactly, one step per epoch.

    A run ends early, with the status ``"diverged"`` and no exception, when a minibatch loss
    or the full loss after an epoch is not finite or an iterate escapes (the rule of
    :func:`~calcopt.optimize.result.escaped`: not finite, or farther than
    :math:`10^8(1 + \lVert\mathbf x_0\rVert)` from x0).

    Parameters
    ----------
    loss : object
        A mean over samples with ``n_samples``, ``loss(x, batch=None)`` and
        ``loss.gradient(x, batch=None)``, such as
        :class:`~calcopt.models.regression.LeastSquares`.
    x0 : array_like, shape (n,)
        Start point.
    optimizer : Optimizer
        From :func:`~calcopt.optimize.stochastic.sgd`, :func:`~calcopt.optimize.stochastic.adam`,
        ..., or any object with pure ``init(x0)`` and ``update(g, state) -> (step, state)``.
    batch_size : int
        B, from 1 to ``loss.n_samples``; the last batch of an epoch may be smaller.
    epochs : int
        Number of passes over the data, >= 1.
    seed : int
        Seed of the batches' order: the same seed gives the same run.
    project : callable, optional
        A map of a point to a point (for example onto a box), applied after every step.

    Returns
    -------
    TrainResult

    Raises
    ------
    TypeError, ValueError
        For a loss without the minibatch interface, a bad x0, optimizer, batch size, number of
        epochs, seed or project, a loss that is not finite at x0, or a schedule that gives a
        negative or non-finite learning rate.

    Examples
    --------
    >>> from calcopt.models.regression import LeastSquares, design_matrix
    >>> from calcopt.optimize.stochastic import sgd
    >>> loss = LeastSquares(design_matrix([0.0, 1.0, 2.0, 3.0]), [1.0, 3.0, 5.0, 7.0])
    >>> result = train(loss, [0.0, 0.0], sgd(0.1), batch_size=2, epochs=200)
    >>> result.x.round(6).tolist(), result.nit, result.status
    ([1.0, 2.0], 400, <Status.COMPLETED: 'completed'>)

    See chapter 8, *Stochastic gradient descent*.
    """
    loss, x0, optimizer, project = _checked(loss, x0, optimizer, project)
    batch_size = check.batch_size(batch_size, loss.n_samples)
    epochs = check.count(epochs, "epochs")
    rng = np.random.default_rng(check.count(seed, "seed", minimum=0))
    with np.errstate(all="ignore"):  # overflow is divergence, which the status reports
        return _run(loss, x0, optimizer, batch_size, epochs, rng, project)


def _run(loss, x0, optimizer, batch_size: int, epochs: int, rng, project) -> TrainResult:
    """The loop of train, on checked arguments."""
    n = loss.n_samples
    start = check.finite_loss(loss(x0))
    record = _Recorder(x0, start, math.ceil(epochs * math.ceil(n / batch_size) / PATH_POINTS))
    x, state, boundary = x0, optimizer.init(x0), Boundary(x0)
    for _ in range(epochs):
        for batch in minibatches(n, batch_size, rng=rng) if batch_size < n else [None]:
            value, g = float(loss(x, batch)), loss.gradient(x, batch)
            step, state = optimizer.update(g, state)
            candidate = np.asarray(project(x + step), dtype=float)
            if reason := _divergence(value, candidate, boundary):
                return record.result(loss, x, reason)
            x = candidate
            record.step(x, value)
        if reason := record.epoch(loss, x):
            return record.result(loss, x, reason)
    return record.result(loss, x)


def _checked(loss, x0, optimizer, project):
    """The arguments of train, checked; the identity for a missing projection."""
    check.sample_loss(loss)
    x0 = check.point(x0, "x0")
    check.optimizer(optimizer)
    project = (lambda x: x) if project is None else check.callable_(project, "project")
    return loss, x0, optimizer, project


def run_optimizer(
    f: Callable,
    x0,
    optimizer: Optimizer,
    *,
    grad: Callable | None = None,
    max_iter: int = 1000,
    tol: float = 1e-6,
) -> OptimizeResult:
    r"""Run an optimizer on a function with its full gradient: no samples, no minibatches.

    Step k + 1 makes one update with the exact gradient,

    .. math::
        \mathbf x_{k+1} = \mathbf x_k + \text{step}_{k+1}, \qquad
        \text{step}_{k+1} = \text{optimizer.update}(\nabla f(\mathbf x_k)),

    with the stopping rules and the divergence rule of
    :func:`~calcopt.optimize.descent.gradient_descent`: it stops ``"converged"`` once
    :math:`\lVert\nabla f(\mathbf x_k)\rVert \le` tol, ``"max_iter"`` after ``max_iter``
    updates, and ``"diverged"`` when an iterate escapes. With :func:`sgd` it is gradient
    descent, step for step; it lets a lesson race the optimizers of chapter 8 on the test
    functions of chapters 4 and 6.

    Parameters
    ----------
    f : callable or Objective
        Scalar function of a 1-D array of n numbers (or an :class:`~calcopt.Objective`).
    x0 : array_like, shape (n,)
        Start point.
    optimizer : Optimizer
        From :func:`~calcopt.optimize.stochastic.sgd`, :func:`~calcopt.optimize.stochastic.adam`,
        ..., or any object with pure ``init(x0)`` and ``update(g, state) -> (step, state)``.
    grad : callable, optional
        :math:`\nabla f`; default the Objective's exact gradient, else central differences.
    max_iter : int
        Most updates to make.
    tol : float
        Stop when :math:`\lVert\nabla f(\mathbf x_k)\rVert \le` tol.

    Returns
    -------
    OptimizeResult
        With the path, the values of f and the gradient norms along it.

    Raises
    ------
    TypeError, ValueError
        For a non-callable f, a bad x0, optimizer, max_iter or tol, an f that is not finite at
        x0, or a schedule that gives a negative or non-finite learning rate.

    Examples
    --------
    >>> from calcopt.functions import booth
    >>> from calcopt.optimize.stochastic import adam, sgd
    >>> run_optimizer(booth, [-3.0, 0.0], sgd(0.1), tol=1e-8).nit
    103

    Adam's first step has length about :math:`\eta` in every coordinate, whatever the gradient
    (here (-64, -62)):

    >>> run_optimizer(booth, [-3.0, 0.0], adam(0.1), max_iter=1).path.round(6).tolist()
    [[-3.0, 0.0], [-2.9, 0.1]]

    See chapter 8, *Stochastic gradient descent*.
    """
    x0, max_iter, tol = loop_arguments(f, x0, max_iter, tol)
    check.optimizer(optimizer)
    grad, _ = derivatives_of(f, grad, None)
    run, state = Run(f, grad, x0, tol), optimizer.init(x0)
    for _ in range(max_iter):
        if run.converged:
            return run.result(Status.CONVERGED, "")
        step, state = optimizer.update(run.gradients[-1], state)
        with np.errstate(all="ignore"):
            candidate = run.path[-1] + step
        if reason := run.advance(candidate):
            return run.result(Status.DIVERGED, reason)
    return run.result(Status.CONVERGED if run.converged else Status.MAX_ITER, "")
