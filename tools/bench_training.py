"""Benchmark of minibatch training (issue 13): prints figures, asserts nothing.

One epoch of minibatch SGD (batch size 32) on least squares with 100,000 samples and 20
features (21 weights with the intercept), timed in the same run for:

- vectorised: ``calcopt.optimizers.train`` with the loss's own minibatch methods, one array
  operation per batch;
- per-sample loop: the same ``train``, but each batch's loss and gradient are the means of
  per-sample calls ``loss(x, [i])`` and ``loss.gradient(x, [i])`` in a Python loop;
- for reference, a leaner per-sample loop: the bare formulas on one row at a time, without
  calcopt's argument checks.

All runs see the same batches and end at the same weights; they are timed in alternating
rounds and the best time of each is printed. Target: the vectorised epoch in <= 0.5 s and at
least 10 times faster than the per-sample loop. The last lines give the cost of one step and of
the divergence test inside it: ``Boundary.escaped`` (one dot product) against the rule
``escaped`` it stands for (numpy's norm), which ``train`` called at every step before.
"""

import time
import timeit

import numpy as np

from calcopt.models.regression import LeastSquares, design_matrix
from calcopt.optimize.result import Boundary, escaped
from calcopt.optimizers import sgd, train

SAMPLES, FEATURES, BATCH = 100_000, 20, 32
ROUNDS = 3


class PerSampleLoop:
    """A loss whose batch value and gradient are means of per-sample calls in a Python loop."""

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


class PerRowFormula(PerSampleLoop):
    """A per-sample Python loop over the bare formulas, one row of X at a time, no checks."""

    def __call__(self, x, batch=None):
        if batch is None:
            return self.loss(x)
        X, y = self.loss.X, self.loss.y
        return sum((X[i] @ x - y[i]) ** 2 for i in batch) / batch.size

    def gradient(self, x, batch=None):
        if batch is None:
            return self.loss.gradient(x)
        X, y = self.loss.X, self.loss.y
        return sum(2 * (X[i] @ x - y[i]) * X[i] for i in batch) / batch.size


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
    ways = {
        "vectorised": loss,
        "per-sample loop": PerSampleLoop(loss),
        "per-row formula": PerRowFormula(loss),
    }
    times = {name: [] for name in ways}
    for _ in range(ROUNDS):  # alternate, so that a change of the machine's load hits all
        results = {}
        for name, way in ways.items():
            seconds, results[name] = epoch(way)
            times[name].append(seconds)
    best = {name: min(seconds) for name, seconds in times.items()}
    same = all(np.allclose(r.x, results["vectorised"].x, rtol=1e-9) for r in results.values())
    print(f"one epoch of SGD, batch size {BATCH}, {SAMPLES:,} samples x {FEATURES} features")
    print(f"({results['vectorised'].nit} steps; best of {ROUNDS} alternating rounds)")
    print(f"  vectorised        {best['vectorised']:7.3f} s   (target: <= 0.5 s)")
    for name, note in (("per-sample loop", "target: >= 10 x"), ("per-row formula", "reference")):
        ratio = best[name] / best["vectorised"]
        print(f"  {name:17s} {best[name]:7.3f} s   vectorised is {ratio:.1f} x faster ({note})")
    print(f"  same weights      {same}")
    vectorised, ratio = best["vectorised"], best["per-sample loop"] / best["vectorised"]
    verdict = "met" if vectorised <= 0.5 and ratio >= 10 else "NOT met"
    print(f"target (<= 0.5 s and >= 10 x): {verdict}")
    print(f"  one step          {vectorised / results['vectorised'].nit * 1e6:7.1f} µs")
    x0, x = np.zeros(FEATURES + 1), results["vectorised"].x
    boundary = Boundary(x0)
    tests = {
        "Boundary.escaped": lambda: boundary.escaped(x),
        "escaped (the rule)": lambda: escaped(x, x0),
    }
    for name, call in tests.items():
        cost = min(timeit.repeat(call, number=2000, repeat=3)) / 2000
        print(f"  {name:17s} {cost * 1e6:7.1f} µs per divergence test")


if __name__ == "__main__":
    main()
