"""Self-check questions of the capstone, Training a small neural network."""

from __future__ import annotations

import numpy as np

from ..models.datasets import two_moons
from ..models.network import NetworkLoss
from ..optimize import adam, train
from .page import Quiz
from .questions import Choice, Number

#: The capstone's network: 32 tanh units on 200 noisy points of two moons, trained with
#: minibatch Adam (batches of 20, η = 0.01) from its seeded random start.
HIDDEN, BATCH, LR = 32, 20, 0.01


def _network() -> NetworkLoss:
    return NetworkLoss(*two_moons(200, noise=0.15, seed=0), hidden=HIDDEN)


def _exchanged(loss: NetworkLoss, theta: np.ndarray, i: int, j: int) -> np.ndarray:
    """The parameters with hidden units i and j exchanged: the same network."""
    W1, b1, w2, b2 = (np.copy(part) for part in loss.unpack(theta))
    for part in (W1.T, b1, w2):
        part[[i, j]] = part[[j, i]]
    return np.concatenate([W1.ravel(), b1, w2, [b2]])


def _count() -> Number:
    d, m = 5, 20
    size = NetworkLoss(np.eye(2, d), [0.0, 1.0], hidden=m).size
    return Number(
        f"A two-layer network has d = {d} input features, m = {m} tanh hidden units and one "
        "output unit, each unit with a bias. How many parameters does it have?",
        size,
        0,
        why=f"W₁ has d·m = {d * m} entries, b₁ and w₂ have m = {m} each, and b₂ is one: "
        f"m(d + 2) + 1 = {size}.",
        hint="Count W₁ (d × m), the hidden biases b₁, the output weights w₂ and the output bias.",
        mistakes=[
            (d * m + m + 1, "You left out the output weights w₂, one per hidden unit."),
            (d * m + 2 * m, "You left out the output bias b₂."),
            (d * m, "That is W₁ alone; add b₁, w₂ and b₂."),
        ],
    )


def _zero_start() -> Choice:
    loss = _network()
    gradient = loss.gradient(np.zeros(loss.size))
    hidden_part = gradient[:-1]
    return Choice(
        "You start training the network at θ = 0 instead of at random. What happens?",
        [
            "It trains as usual, only more slowly",
            "W₁, b₁ and w₂ never move, and every point gets the same probability",
            "The loss diverges",
        ],
        1,
        [
            "No amount of training helps: the gradient with respect to every hidden parameter "
            "is exactly 0 and stays 0.",
            f"Every hidden value is tanh 0 = 0 and w₂ = 0, so all {hidden_part.size} gradient "
            f"entries of W₁, b₁ and w₂ are {np.abs(hidden_part).max():g}; at most b₂ moves.",
            "Nothing blows up: the loss starts at log 2, the loss of the guess p = ½, and stays "
            "near it.",
        ],
    )


def _train(loss: NetworkLoss):
    """The first 15 epochs from the random start, then 45 more: the chapter's 60."""
    first = train(
        loss, loss.initial_parameters(seed=0), adam(LR), batch_size=BATCH, epochs=15, seed=0
    )
    more = train(loss, first.x, adam(LR), batch_size=BATCH, epochs=45, seed=1)
    return first, more


def _plateau(loss: NetworkLoss, first, more) -> Choice:
    at10, at15 = first.epoch_losses[[10, 15]]
    slope = np.linalg.norm(loss.gradient(first.x))
    return Choice(
        f"Training the capstone's network, the loss goes from {at10:.3f} after epoch 10 only "
        f"to {at15:.3f} after epoch 15, and ‖∇f‖ is {slope:.3f}. What do you conclude?",
        [
            "The run has converged to a minimum: stop training",
            "It is a plateau: the gradient is small, not zero, and the loss may fall again",
            "The learning rate is too large: lower it",
        ],
        1,
        [
            f"A minimum needs ∇f = 0, and here ‖∇f‖ = {slope:.3f}. Stopping now keeps a "
            "boundary that is almost a straight line.",
            f"Right: {more.nit} more steps (45 epochs) take the loss "
            f"from {at15:.3f} to {more.fun:.3f}, once the boundary starts to bend.",
            "A too large rate shows as a loss that jumps or grows; a flat stretch is a plateau "
            "of the landscape.",
        ],
    )


def _not_convex(loss: NetworkLoss, more) -> Choice:
    theta = more.x
    _, _, w2, _ = loss.unpack(theta)
    i, j = int(np.argmax(w2)), int(np.argmin(w2))
    other = _exchanged(loss, theta, i, j)
    middle = loss((theta + other) / 2)
    return Choice(
        "How do you see that the loss of a network with two or more hidden units is not convex?",
        [
            "tanh is not convex",
            "Exchanging two hidden units gives another θ′ with the same loss, and between θ "
            "and θ′ the loss is higher",
            "The cross-entropy log(1 + eᶻ) − yz is not convex in z",
        ],
        1,
        [
            "That alone proves nothing: a function built from non-convex pieces can still be "
            "convex. The exchange of two units gives a proof.",
            f"For the trained θ and θ′ with two of its units exchanged, f(θ) = f(θ′) = "
            f"{more.fun:.3f} but f((θ + θ′)/2) = {middle:.3f}: convexity would forbid that.",
            "It is convex in z, with second derivative σ(z)(1 − σ(z)) > 0; the trouble comes "
            "from the hidden layer.",
        ],
    )


def questions() -> Quiz:
    """The self-check of the network capstone."""
    loss = _network()
    first, more = _train(loss)
    return Quiz(
        "capstone-network",
        [_count(), _zero_start(), _plateau(loss, first, more), _not_convex(loss, more)],
    )
