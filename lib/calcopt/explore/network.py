r"""Explorer for the capstone on training a small neural network: minibatch Adam on two moons.

Every run here trains :class:`~calcopt.models.network.NetworkLoss` on the capstone's data,
``two_moons(200, noise=0.15, seed=0)``, from its seeded start ``initial_parameters(seed=0)``
with :func:`calcopt.optimizers.adam` on minibatches of 20 samples (batch order seed 0). Runs
are remembered (:func:`network_run`), so the chapter's figures and the explorer share them and
the static book computes each one once.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache, partial

import numpy as np

from .. import plotting
from ..models.datasets import two_moons
from ..models.logistic import LogisticLoss, decision_boundary
from ..models.network import NetworkLoss
from ..optimize import OptimizeResult, newton
from ..optimizers import TrainResult, adam, train
from .core import Choice, Explorer, Layer, Scene, Slider
from .panels import Panel

#: The data: N_SAMPLES training points (seed 0) and N_HELD_OUT held-out points (seed 1) of
#: two_moons with this noise.
N_SAMPLES, N_HELD_OUT, NOISE = 200, 1000, 0.15

#: The training runs: minibatches of BATCH_SIZE samples for EPOCHS epochs.
BATCH_SIZE, EPOCHS = 20, 60

#: The explorer's choices: hidden widths and Adam's learning rates.
WIDTHS = {"2": 2, "8": 8, "32": 32}
RATES = {"0.001": 0.001, "0.01": 0.01, "0.1": 0.1}

#: Losses below this are drawn on the bottom edge of the logarithmic loss axis.
FLOOR = 0.01

CLASS_STYLE = ((0, "o", "#1f77b4"), (1, "^", "#ff7f0e"))
RED, GREY = "#d62728", "#555555"


@cache
def network_loss(hidden: int, held_out: bool = False) -> NetworkLoss:
    """The capstone's network loss with ``hidden`` tanh units, on the training data or (with
    ``held_out``) on fresh data from the same distribution."""
    n, seed = (N_HELD_OUT, 1) if held_out else (N_SAMPLES, 0)
    return NetworkLoss(*two_moons(n, noise=NOISE, seed=seed), hidden=hidden)


@cache
def logistic_fit() -> tuple[LogisticLoss, OptimizeResult]:
    """Logistic regression on the same training data, trained by Newton's method to a
    gradient norm of 1e-10: the best straight boundary, for comparison."""
    loss = LogisticLoss(*two_moons(N_SAMPLES, noise=NOISE, seed=0))
    return loss, newton(loss, np.zeros(3), grad=loss.gradient, hess=loss.hessian, tol=1e-10)


@lru_cache(maxsize=32)
def network_run(
    hidden: int, lr: float, batch_size: int = BATCH_SIZE, epochs: int = EPOCHS
) -> TrainResult:
    """Minibatch Adam with learning rate lr on the network with ``hidden`` units, remembered.

    The same as ``train(loss, loss.initial_parameters(seed=0), adam(lr),
    batch_size=batch_size, epochs=epochs, seed=0)`` with ``loss = network_loss(hidden)``.
    """
    loss = network_loss(hidden)
    start = loss.initial_parameters(seed=0)
    return train(loss, start, adam(lr), batch_size=batch_size, epochs=epochs, seed=0)


def epoch_parameters(run: TrainResult, steps_per_epoch: int) -> np.ndarray:
    r"""The parameters at the end of each epoch, row e after e epochs (row 0 the start).

    They are the rows of ``run.path`` whose step is a multiple of ``steps_per_epoch``; a run
    of at most 1000 steps keeps every iterate, so every epoch's end is there.
    """
    return run.path[run.path_steps % steps_per_epoch == 0]


def boundary_grid(features: np.ndarray, pad: float = 0.5, num: int = 61):
    """A grid over the data with a margin ``pad``: (A1, A2) as from numpy.meshgrid."""
    low, high = features.min(axis=0) - pad, features.max(axis=0) + pad
    return np.meshgrid(np.linspace(low[0], high[0], num), np.linspace(low[1], high[1], num))


def boundary(loss: NetworkLoss, theta, grid) -> tuple[np.ndarray, np.ndarray]:
    r"""The network's decision boundary :math:`p = 1/2` (where the output z is 0) over a
    grid, as a polyline with NaN gaps between pieces (:func:`~calcopt.plotting.contour_polyline`).
    """
    A1, A2 = grid
    z = loss.logits(theta, np.column_stack([A1.ravel(), A2.ravel()]))
    return plotting.contour_polyline(A1, A2, np.reshape(z, A1.shape), [0.0])


def network_scene(hidden: int, lr: float, epoch: int, *, grid) -> Scene:
    r"""The run of :func:`network_run` after ``epoch`` epochs: its decision boundary, the
    full training loss after each epoch, every minibatch loss so far (at the fraction of an
    epoch where it was taken), and the training and held-out accuracy."""
    run, loss = network_run(hidden, lr), network_loss(hidden)
    per_epoch = math.ceil(loss.n_samples / BATCH_SIZE)
    epoch = min(epoch, run.epoch_losses.size - 1)
    theta, steps = epoch_parameters(run, per_epoch)[epoch], epoch * per_epoch
    value, held_out = run.epoch_losses[epoch], network_loss(hidden, held_out=True)
    fit = (
        f"loss {value:.3f}; accuracy {loss.accuracy(theta):.1%} on the training data, "
        f"{held_out.accuracy(theta):.1%} held out"
    )
    return Scene(
        layers={
            "boundary": boundary(loss, theta, grid),
            "batch-loss": (np.arange(steps) / per_epoch, run.minibatch_losses[:steps]),
            "epoch-loss": (np.arange(epoch + 1), run.epoch_losses[: epoch + 1]),
            "now": ([epoch], [max(value, FLOOR)]),
        },
        readouts={
            "epoch": f"{epoch} of {EPOCHS} ({steps} steps of Adam)",
            "fit": fit,
            "size": f"{hidden} hidden units, {loss.size} parameters",
        },
    )


def _data_and_line(logistic: LogisticLoss, theta: np.ndarray, span):
    def draw(ax) -> None:
        for value, marker, colour in CLASS_STYLE:
            chosen = logistic.features[logistic.labels == value]
            ax.scatter(*chosen.T, marker=marker, s=14, color=colour, alpha=0.7)
        ax.plot(*decision_boundary(theta, span), "--", color=GREY, lw=1.2)

    return draw


def _level(value: float):
    def draw(ax) -> None:
        ax.axhline(value, color=GREY, lw=1.2, ls="--")
        ax.text(
            EPOCHS,
            2.2,
            "dashed: logistic regression's smallest loss",
            color=GREY,
            ha="right",
            va="center",
            fontsize=8,
        )

    return draw


def _panels(grid) -> tuple[Panel, Panel]:
    """The data with logistic regression's line, and the frame of the loss curves."""
    logistic, fit = logistic_fit()
    span = (grid[0].min(), grid[0].max())
    data = Panel(
        (0.08, 0.12, 0.38, 0.8),
        (_data_and_line(logistic, fit.x, span),),
        xlim=span,
        ylim=(grid[1].min(), grid[1].max()),
        xlabel="feature $a_1$",
        ylabel="feature $a_2$",
        title="network (red) and logistic regression (dashed)",
    )
    losses = Panel(
        (0.58, 0.12, 0.39, 0.8),
        (_level(fit.fun),),
        xlim=(-1, EPOCHS + 1),
        ylim=(FLOOR, 3.0),
        yscale="log",
        xlabel="epoch",
        ylabel="loss $f$",
        title="training loss: after each epoch (red), per minibatch (light)",
        grid=True,
    )
    return data, losses


def network_explorer() -> Explorer:
    r"""A two-layer tanh network trained on two moons by minibatch Adam, epoch by epoch.

    Choose the hidden width and Adam's learning rate; the epoch slider replays the run
    (:func:`network_scene`). Left: the data, logistic regression's straight boundary (dashed
    grey) and the network's boundary after the chosen epoch (red). Right: the full training
    loss after each epoch (red) and every minibatch loss (light), on a logarithmic axis, with
    logistic regression's smallest loss (dashed grey).
    """
    grid = boundary_grid(logistic_fit()[0].features)
    return Explorer(
        name="training-a-network",
        title="Training a small neural network",
        controls=(
            Choice("hidden", "hidden units", WIDTHS, default="32"),
            Choice("lr", "Adam's learning rate η", RATES, default="0.01"),
            Slider(
                "epoch",
                "epoch",
                0,
                EPOCHS,
                default=EPOCHS,
                positions=EPOCHS + 1,
                integer=True,
                reveal=True,
            ),
        ),
        panels=_panels(grid),
        layers=(
            Layer("boundary", axes=0, color=RED, width=2.0),
            Layer("batch-loss", axes=1, color="#f4a582", width=0.8),
            Layer("epoch-loss", axes=1, color=RED, width=1.8),
            Layer("now", axes=1, kind="points", color=RED, marker=7),
        ),
        readouts=(("epoch", "epoch"), ("fit", "network"), ("size", "model")),
        scene=partial(network_scene, grid=grid),
        alt=(
            "Left: two interleaving half-moons of points, class 0 as blue circles and class 1 "
            "as orange triangles, with logistic regression's straight boundary (dashed grey) "
            "and the network's boundary after the chosen epoch (red), which bends around the "
            "moons once training gets past a plateau. Right: the training loss against the "
            "epoch on a logarithmic axis, a red curve for the full loss after each epoch over "
            "a light noisy curve of minibatch losses, with a dashed grey line at logistic "
            "regression's smallest loss."
        ),
        figsize=(9.5, 4.2),
    )
