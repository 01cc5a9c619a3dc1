"""Benchmarks of calcopt.autodiff (issue 14): prints figures, asserts nothing.

1. The minibatch loss of a two-layer network with 10,001 parameters (two moons, 2 inputs,
   2,500 tanh units, a batch of 64 samples): the time of one evaluation, of its reverse-mode
   gradient and of its gradient by central differences, all measured in this run. Central
   differences cost 2 evaluations per parameter, the same for every parameter, so they are
   timed on the first 1,000 parameters and scaled to all of them (the full loop takes about a
   minute). Targets: gradient <= 5 evaluations; central differences >= 100 times slower than
   the gradient.
   The same ratios are also counted in arithmetic operations (``ad.operation_costs``), which
   do not depend on the machine or its load.
2. Jacobians of F(x) = tanh(A x) for a few shapes m x n, by forward mode (n passes) and by
   reverse mode (one recorded evaluation and m backward passes).

Run with ``.venv/bin/python tools/bench_autodiff.py``.
"""

import time

import numpy as np

import calcopt.autodiff as ad
from calcopt.models.datasets import two_moons
from calcopt.models.network import NetworkLoss

HIDDEN = 2500
BATCH = 64
REPEATS = 41
STEP = 1e-6
TIMED_PARAMETERS = 1000
JACOBIAN_SHAPES = ((1, 200), (10, 200), (200, 200), (200, 10), (200, 1))


def best_times(*actions, repeats: int = REPEATS) -> list[float]:
    """The shortest wall time of each action in seconds, over ``repeats`` calls after a warm-up.

    The actions take turns within every repeat, so a change of load on a shared machine meets
    all of them alike. Other processes can only add time, so the shortest run is the best
    estimate of an action's own cost (the advice of Python's ``timeit``).
    """
    times = [[] for _ in actions]
    for repeat in range(repeats + 1):
        for action, measured in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            if repeat:
                measured.append(time.perf_counter() - start)
    return [min(measured) for measured in times]


def central_differences(loss, theta: np.ndarray, batch: np.ndarray, count: int) -> np.ndarray:
    """The first ``count`` partial derivatives by central differences, one at a time."""
    gradient = np.empty(count)
    for i in range(count):
        step = np.zeros_like(theta)
        step[i] = STEP
        gradient[i] = (loss(theta + step, batch) - loss(theta - step, batch)) / (2 * STEP)
    return gradient


def network_figures() -> None:
    features, labels = two_moons(1000, noise=0.1, seed=0)
    loss = NetworkLoss(features, labels, hidden=HIDDEN)
    theta = loss.initial_parameters(seed=0)
    batch = np.random.default_rng(0).choice(loss.n_samples, BATCH, replace=False)
    evaluation, gradient = best_times(
        lambda: loss(theta, batch), lambda: loss.gradient(theta, batch)
    )
    start = time.perf_counter()
    estimate = central_differences(loss, theta, batch, TIMED_PARAMETERS)
    differences = (time.perf_counter() - start) * loss.size / TIMED_PARAMETERS
    error = np.max(np.abs(estimate - loss.gradient(theta, batch)[:TIMED_PARAMETERS]))
    print(f"network loss: {loss.size} parameters, batch of {BATCH} (best of {REPEATS} runs)")
    print(f"  one evaluation               {evaluation * 1e3:9.3f} ms")
    print(
        f"  reverse-mode gradient        {gradient * 1e3:9.3f} ms"
        f"   = {gradient / evaluation:.2f} evaluations (target <= 5)"
    )
    print(
        f"  central differences          {differences * 1e3:9.1f} ms"
        f"   = {differences / gradient:.0f} x the gradient (target >= 100);"
        f" largest difference {error:.1e}"
    )
    print(f"  (central differences timed on {TIMED_PARAMETERS} parameters, scaled to {loss.size})")
    counted = operation_counts(loss, theta, batch)
    print(
        f"  counted operations: gradient = {counted.reverse_jacobian / counted.evaluation:.2f} "
        f"evaluations (target <= 5), central differences = {2 * counted.inputs} evaluations "
        f"= {2 * counted.inputs * counted.evaluation / counted.reverse_jacobian:.0f} x the "
        "gradient (target >= 100)"
    )


def operation_counts(loss, theta: np.ndarray, batch: np.ndarray) -> ad.Costs:
    """The counted costs of the minibatch loss (the loss that ``loss(theta, batch)`` computes)."""
    features, labels = loss.features[batch], loss.labels[batch]

    def minibatch_loss(t):
        z = loss.logits(t, features)
        return ad.mean(ad.softplus(z) - labels * z)

    return ad.operation_costs(minibatch_loss, theta)


def jacobian_times(A: np.ndarray, x: np.ndarray) -> list[float]:
    """Median times of the Jacobian of tanh(A x) at x by forward and by reverse mode."""
    forward, reverse = (
        ad.jacobian(lambda z: ad.tanh(A @ z), mode) for mode in ("forward", "reverse")
    )
    return best_times(lambda: forward(x), lambda: reverse(x), repeats=11)


def jacobian_figures() -> None:
    rng = np.random.default_rng(1)
    print("Jacobian of tanh(A x), A of shape m x n (best of 11 runs)")
    print(f"  {'m x n':>9}  {'forward':>11}  {'reverse':>11}")
    for m, n in JACOBIAN_SHAPES:
        A, x = rng.standard_normal((m, n)) / np.sqrt(n), rng.standard_normal(n)
        forward, reverse = jacobian_times(A, x)
        print(f"  {f'{m} x {n}':>9}  {forward * 1e3:8.2f} ms  {reverse * 1e3:8.2f} ms")


def main() -> None:
    network_figures()
    jacobian_figures()


if __name__ == "__main__":
    main()
