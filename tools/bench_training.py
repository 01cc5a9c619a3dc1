"""Benchmark of minibatch training (issue 13): prints figures, asserts nothing.

One epoch of minibatch SGD (batch size 32) on least squares with 100,000 samples and 20
features (21 weights with the intercept), timed two ways in the same run:

- vectorised: ``calcopt.optimizers.train`` with the loss's own minibatch methods, one array
  operation per batch;
- per-sample loop: the same ``train``, but the loss evaluates each batch one sample at a time
  in a Python loop (``loss(x, [i])`` and ``loss.gradient(x, [i])``, then the mean).

Both runs see the same batches and end at the same weights; the two are timed in alternating
rounds and the best of each is printed. Target: the vectorised epoch in <= 0.5 s and at least
10 times faster than the per-sample loop.
"""

import time

import numpy as np

from calcopt.models.regression import LeastSquares, design_matrix
from calcopt.optimizers import sgd, train

SAMPLES, FEATURES, BATCH = 100_000, 20, 32
ROUNDS = 3


class PerSampleLoop:
    """A loss whose minibatch value and gradient are means of per-sample calls in a Python loop."""

    def __init__(self, loss):
        self.loss, self.n_samples = loss, loss.n_samples

    def __call__(self, x, batch=None):
        if batch is None:
            return self.loss(x)
        return np.mean([self.loss(x, batch[j : j + 1]) for j in range(batch.size)])

    def gradient(self, x, batch=None):
        if batch is None:
            return self.loss.gradient(x)
        return np.mean([self.loss.gradient(x, batch[j : j + 1]) for j in range(batch.size)], axis=0)


def epoch(loss):
    """The time of one epoch, and the run's result."""
    start = time.perf_counter()
    result = train(loss, np.zeros(FEATURES + 1), sgd(0.01), batch_size=BATCH, epochs=1)
    return time.perf_counter() - start, result


def main() -> None:
    rng = np.random.default_rng(0)
    features = rng.normal(size=(SAMPLES, FEATURES))
    targets = features @ rng.normal(size=FEATURES) + 1.0 + rng.normal(size=SAMPLES)
    loss = LeastSquares(design_matrix(features), targets)
    vectorised, looped = [], []
    for _ in range(ROUNDS):  # alternate, so that a change of the machine's load hits both
        seconds, fast = epoch(loss)
        vectorised.append(seconds)
        seconds, slow = epoch(PerSampleLoop(loss))
        looped.append(seconds)
    best, baseline = min(vectorised), min(looped)
    print(f"one epoch of SGD, batch size {BATCH}, {SAMPLES:,} samples x {FEATURES} features")
    print(f"(best of {ROUNDS} alternating rounds)")
    print(f"  vectorised        {best:8.3f} s   ({fast.nit} steps)")
    print(f"  per-sample loop   {baseline:8.3f} s")
    print(f"  speed-up          {baseline / best:8.1f} x   (target: >= 10 x, epoch <= 0.5 s)")
    print(f"  same weights      {np.allclose(fast.x, slow.x, rtol=1e-9, atol=1e-12)}")


if __name__ == "__main__":
    main()
