"""Explorers for chapter 8, *Stochastic gradient descent and adaptive methods*: minibatch SGD
on linear regression, a race of optimizers on a valley and on Rosenbrock's function, and
learning-rate schedules."""

from __future__ import annotations

from functools import lru_cache, partial

import numpy as np
import sympy as sp

from .. import functions as fn
from ..landscapes import Valley
from ..models.regression import LeastSquares, design_matrix, house_prices
from ..objective import Objective
from ..optimize import OptimizeResult, TrainResult
from ..optimize import schedules as sch
from ..optimize import stochastic as opt
from ..optimize.diagnostics import sample_variance
from ..optimize.training import run_optimizer, train
from ..plotting import contour_levels, thin_path
from .controls import learning_rate_slider, rates_around
from .core import Choice, Explorer, Layer, Scene
from .panels import Panel, contours, loss_panel

#: The flats of chapter 4, more of them: N examples, area in hundreds of square metres.
FLATS, FLATS_SEED = 100, 4
#: Where every run on the flats starts, and the seed of its minibatches.
ORIGIN, SEED = (0.0, 0.0), 0
#: Full-loss gaps below FLOOR are drawn on the bottom edge of the logarithmic axes.
FLOOR = 1e-2
#: The window of the flats' weights (intercept w0, slope w1) drawn under the paths.
WEIGHTS_BOX = ((-120.0, 220.0), (-20.0, 420.0))
#: Paths are drawn with points at least this far apart (in thousands of euros): a few pixels.
PATH_SPACING = 2.0
#: Points of a loss curve drawn at the most.
CURVE_POINTS = 120

RED, GREY = "#d62728", "#7f7f7f"

#: The schedules of the schedule explorer, each made from the first rate, the loss and the
#: number of steps of the run: a number for the constant rate, else a
#: :class:`~calcopt.optimize.schedules.Schedule`. The 1/t schedule is the one of chapter 8's
#: theorem, :math:`\eta_k = \eta_0/(1 + \mu\eta_0 k/2) = 2/(\mu(k + k_0))`.
SCHEDULES = {
    "constant": lambda lr, loss, total: lr,
    "step decay (halve every 2 epochs)": lambda lr, loss, total: sch.step_decay(
        lr, 0.5, total // 5
    ),
    "1/t: η₀/(1 + μη₀k/2)": lambda lr, loss, total: sch.inverse_time(
        lr, loss.curvature[0] * lr / 2
    ),
    "cosine (to 0 at the end)": lambda lr, loss, total: sch.cosine(lr, total),
}


@lru_cache(maxsize=2)
def flats(n: int = FLATS, seed: int = FLATS_SEED) -> LeastSquares:
    r"""The mean squared error of the line :math:`w_0 + w_1 a` through ``house_prices(n)``,
    with the floor area :math:`a` in hundreds of square metres (not standardised)."""
    area, price = house_prices(n, seed=seed)
    return LeastSquares(design_matrix(area / 100), price)


@lru_cache(maxsize=2)
def minimum(loss: LeastSquares) -> float:
    """The least value of a least-squares loss, :math:`f^*`."""
    return float(loss(loss.solution))


def predicted_floor(loss: LeastSquares, lr: float, batch_size: int) -> float:
    r"""The noise floor :math:`\eta V(B)/4` of SGD with a constant rate near the minimiser.

    :math:`V(B) = \frac{V_1}{B}\frac{N - B}{N - 1}` is the variance of the minibatch gradient
    at :math:`\mathbf w^*`; :math:`\eta V/4` is the floor of a quadratic with gradient noise
    of variance V when :math:`\eta L` is small (chapter 8).
    """
    n = loss.n_samples
    v1 = _spread(loss)
    return lr * v1 / batch_size * (n - batch_size) / (n - 1) / 4


@lru_cache(maxsize=2)
def _spread(loss: LeastSquares) -> float:
    return sample_variance(loss, loss.solution)


@lru_cache(maxsize=512)
def flats_run(lr, batch_size: int, epochs: int, schedule: str = "constant") -> TrainResult:
    """Minibatch SGD on :func:`flats` from ``ORIGIN``, with a constant rate or a schedule."""
    loss = flats()
    rate = SCHEDULES[schedule](lr, loss, epochs * -(-loss.n_samples // batch_size))
    return train(loss, ORIGIN, opt.sgd(rate), batch_size=batch_size, epochs=epochs, seed=SEED)


def full_gaps(run: TrainResult, batch_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Epochs and full-loss gaps :math:`f(\\mathbf w) - f^*` along a run's sampled path, at
    most ``CURVE_POINTS`` of them."""
    loss = flats()
    stride = max(1, -(-len(run.path) // CURVE_POINTS))
    rows = np.r_[np.arange(0, len(run.path) - 1, stride), len(run.path) - 1]
    gaps = np.maximum(loss(run.path[rows].T) - minimum(loss), FLOOR)
    return run.path_steps[rows] * batch_size / loss.n_samples, gaps


def minibatch_scene(batch_size: int, lr: float, *, epochs: int) -> Scene:
    """Minibatch SGD on the flats: the thinned path, the full-loss gap against the epoch, and
    the predicted noise floor."""
    loss = flats()
    run = flats_run(lr, batch_size, epochs)
    path = thin_path(run.path, PATH_SPACING)
    epochs_axis, gaps = full_gaps(run, batch_size)
    floor = predicted_floor(loss, lr, batch_size)
    tail = gaps[epochs_axis >= epochs / 2]
    return Scene(
        layers={
            "path": (path[:, 0], path[:, 1]),
            "end": ([run.x[0]], [run.x[1]]),
            "gap": (epochs_axis, gaps),
            "floor": ([0, epochs], [max(floor, FLOOR)] * 2),
        },
        readouts={
            "steps": f"{loss.n_samples // batch_size} per epoch, {run.nit} in all",
            "gap": f"{gaps[-1]:.3g}" if run.success else "none: the run diverged",
            "mean": f"{tail.mean():.3g}" if run.success else "none: the run diverged",
            "floor": f"{floor:.3g}",
            "status": run.message,
        },
    )


def _level_curves(f, box, *, levels: int = 14, num: int = 200):
    """Level curves of a function that evaluates a (2, ...) grid of points, over a box."""

    def draw(ax) -> None:
        X, Y = np.meshgrid(np.linspace(*box[0], num), np.linspace(*box[1], num))
        Z = f(np.stack([X, Y]))
        ax.contour(
            X,
            Y,
            Z,
            levels=contour_levels(Z, levels, log=True),
            cmap="viridis",
            linewidths=0.7,
            alpha=0.8,
        )

    return draw


def _start_and_minimum(start, best):
    def draw(ax) -> None:
        ax.plot(*start, "o", color="black", ms=5)
        ax.plot(*best, "*", color="black", ms=11)

    return draw


#: Batch sizes of the minibatch explorer: each divides the number of flats.
BATCH_SIZES = {"B = 1": 1, "B = 5": 5, "B = 20": 20, "B = 100 (full batch)": 100}


def _minibatch_panels(epochs: int) -> tuple[Panel, Panel]:
    """Left: the flats' level curves with the start and the minimum; right: the full-loss gap
    against the epoch, on a logarithmic axis."""
    loss = flats()
    paths = Panel(
        (0.07, 0.12, 0.38, 0.8),
        (_level_curves(loss, WEIGHTS_BOX), _start_and_minimum(ORIGIN, loss.solution)),
        xlim=WEIGHTS_BOX[0],
        ylim=WEIGHTS_BOX[1],
        xlabel="intercept $w_0$ (thousand €)",
        ylabel="slope $w_1$ (thousand € per 100 m²)",
        title="path over the level curves of the full loss",
    )
    gaps = Panel(
        (0.57, 0.12, 0.4, 0.8),
        xlim=(-0.1, epochs + 0.1),
        ylim=(FLOOR / 2, 3e5),
        yscale="log",
        xlabel="epoch (passes over the data)",
        ylabel=r"full-loss gap $f(\mathbf{w}) - f^*$",
        title="loss curve; dashed: predicted noise floor ηV(B)/4",
        grid=True,
    )
    return paths, gaps


def minibatch_sgd_explorer(*, epochs: int = 10) -> Explorer:
    r"""Minibatch SGD on the flats' linear regression: batch size and learning rate.

    The loss is :func:`flats`, the mean squared error of :math:`w_0 + w_1 a` over 100 flats
    (area a in hundreds of square metres, so the Hessian has condition number about 42). Every
    run starts at the origin and makes ``epochs`` epochs of SGD with a constant rate, batches
    drawn with seed 0 (:func:`minibatch_scene`). Left: the path over the level curves of the
    full loss. Right: the full-loss gap :math:`f(\mathbf w) - f^*` against the epoch, with the
    predicted noise floor :math:`\eta V(B)/4` dashed (:func:`predicted_floor`).
    """
    rate = 2 / flats().curvature[1]
    return Explorer(
        name="minibatch-sgd",
        title="Minibatch SGD on linear regression",
        controls=(
            Choice("batch_size", "batch size", BATCH_SIZES, default="B = 1"),
            learning_rate_slider(rates_around(rate), rate / 8),
        ),
        panels=_minibatch_panels(epochs),
        layers=(
            Layer("path", axes=0, color=RED, width=0.8, marker=2),
            Layer("end", axes=0, kind="points", color="#ff7f0e", marker=8),
            Layer("gap", axes=1, color="#1f77b4", width=1.2),
            Layer("floor", axes=1, color=RED, width=1.2, dashed=True),
        ),
        readouts=(
            ("steps", "steps"),
            ("gap", "gap at the end"),
            ("mean", "mean gap, second half"),
            ("floor", "ηV(B)/4"),
            ("status", "status"),
        ),
        scene=partial(minibatch_scene, epochs=epochs),
        alt=(
            "Left: tilted elliptical level curves of the mean squared error over the intercept "
            "and the slope, the start at the origin and the minimum starred, with the red path "
            "of minibatch SGD: a straight climb to the valley floor, then a noisy walk that "
            "ends in a cloud of points around the minimum. Right: the full-loss gap on a "
            "logarithmic axis against the epoch, falling fast and then jittering around a band, "
            "with a dashed red line at the predicted noise floor."
        ),
        figsize=(9.5, 4.2),
    )


def _turned(point, angle: float) -> tuple[float, float]:
    c, s = np.cos(angle), np.sin(angle)
    return (c * point[0] - s * point[1], s * point[0] + c * point[1])


#: The race's problems: the function, its start, the box drawn and the steps of every run.
RACE_PROBLEMS = {
    "valley along the axes (κ = 50)": (Valley(50.0), (-3.0, 1.0), ((-3.5, 3.5),) * 2, 150),
    "valley turned by 45° (κ = 50)": (
        Valley(50.0, angle=np.pi / 4),
        _turned((-3.0, 1.0), np.pi / 4),
        ((-3.5, 3.5),) * 2,
        150,
    ),
    "Rosenbrock": (fn.rosenbrock, (-1.2, 1.0), ((-2.0, 2.0), (-1.0, 3.0)), 400),
}
#: The optimizers a reader can pick, each made from a learning rate.
RACERS = {
    "SGD": opt.sgd,
    "momentum (β = 0.9)": partial(opt.momentum, beta=0.9),
    "RMSProp": opt.rmsprop,
    "Adam": opt.adam,
}
#: The optimizers always drawn, each at its best rate on the grid, and their colours.
REFERENCES = {"SGD": "#1f77b4", "momentum (β = 0.9)": "#ff7f0e", "Adam": "#2ca02c"}
#: Learning rates of the race: six per decade from 1e-4 to 1.
RACE_RATES = 10.0 ** (np.arange(-24, 1) / 6)
#: Values of f below RACE_FLOOR are drawn on the bottom edge of the logarithmic axis.
RACE_FLOOR = 1e-14


@lru_cache(maxsize=4)
def plain(objective: Objective):
    """f and its gradient at one point as bare numpy functions, lambdified from the
    objective's own sympy expression: the race makes tens of thousands of steps, and an
    :class:`~calcopt.Objective` checks its argument at every call."""
    value = sp.lambdify(objective.variables, objective.expr, "numpy")
    slope = sp.lambdify(objective.variables, [objective.expr.diff(v) for v in objective.variables])
    return (lambda x: float(value(*x))), (lambda x: np.array(slope(*x), dtype=float))


@lru_cache(maxsize=1024)
def race_run(problem: str, racer: str, lr: float) -> OptimizeResult:
    """One optimizer from the problem's start with its full gradient, until the gradient norm
    is below 1e-10 or the problem's steps are used up (:func:`run_optimizer`)."""
    f, start, _, steps = RACE_PROBLEMS[problem]
    f, grad = (f, f.gradient) if isinstance(f, Valley) else plain(f)
    return run_optimizer(f, start, RACERS[racer](lr), grad=grad, max_iter=steps, tol=1e-10)


@lru_cache(maxsize=32)
def best_rate(problem: str, racer: str) -> float:
    """The rate of ``RACE_RATES`` whose run ends lowest (diverged runs excluded)."""
    ends = [
        (run.fun if run.status != "diverged" else np.inf, lr)
        for lr in RACE_RATES
        for run in [race_run(problem, racer, float(lr))]
    ]
    return min(ends)[1]


@lru_cache(maxsize=1024)
def race_layers(problem: str, racer: str, lr: float) -> tuple:
    """A run's thinned path and its loss curve (at most ``CURVE_POINTS`` points)."""
    run, box = race_run(problem, racer, lr), RACE_PROBLEMS[problem][2]
    path = thin_path(run.path, 0.004 * (box[0][1] - box[0][0]))
    stride = max(1, -(-len(run.values) // CURVE_POINTS))
    ks = np.r_[np.arange(0, len(run.values) - 1, stride), len(run.values) - 1]
    return (path[:, 0], path[:, 1]), (ks, np.maximum(run.values[ks], RACE_FLOOR))


def race_scene(problem: str, racer: str, lr: float) -> Scene:
    """The chosen optimizer's path and loss curve, beside SGD, momentum and Adam each at its
    best rate on the grid."""
    run = race_run(problem, racer, lr)
    layers = dict(zip(("path", "curve"), race_layers(problem, racer, lr), strict=True))
    best = {}
    for name in REFERENCES:
        rate = best_rate(problem, name)
        key = name.split()[0].lower()
        layers[f"{key}-path"], layers[f"{key}-curve"] = race_layers(problem, name, float(rate))
        best[name] = f"{name.split()[0]} {rate:.2g}"
    ending = (
        f"f = {run.fun:.3g} after {run.nit} steps"
        if run.status != "diverged"
        else f"diverged after {run.nit} steps"
    )
    return Scene(
        layers=layers,
        readouts={"chosen": f"{racer}, η = {lr:.3g}: {ending}", "best": ", ".join(best.values())},
    )


def _race_panels(problem: str) -> tuple[Panel, Panel]:
    """Left: the problem's level curves; right: f against the step, on a logarithmic axis."""
    f, start, box, steps = RACE_PROBLEMS[problem]
    curves = (
        contours(f, levels=16, log=True, domain=box, linewidths=0.7)
        if f is fn.rosenbrock
        else _level_curves(f, box, levels=12)
    )
    paths = Panel(
        (0.08, 0.12, 0.35, 0.8),
        (curves, _start_and_minimum(start, (1.0, 1.0) if f is fn.rosenbrock else (0.0, 0.0))),
        xlim=box[0],
        ylim=box[1],
        aspect="equal",
        xlabel="$x_1$",
        ylabel="$x_2$",
        title=problem,
    )
    curve = loss_panel(
        (0.55, 0.12, 0.42, 0.8),
        steps,
        (RACE_FLOOR / 3, 1e4),
        ylabel=r"$f(\mathbf{x}_k)$ (minimum 0)",
        title="red: your run; thin: SGD, momentum, Adam (best η)",
    )
    return paths, curve


def optimizer_race_explorer() -> Explorer:
    r"""SGD, momentum, RMSProp and Adam with their full gradients on an ill-conditioned valley
    (along the axes, or turned by 45°) and on Rosenbrock's function.

    Pick the problem, the optimizer and its learning rate :math:`\eta` (1e-4 to 1, six
    positions per decade); the run is drawn in red (:func:`race_scene`). SGD, momentum
    (:math:`\beta = 0.9`) and Adam are always drawn thin, each at the rate of the grid where it
    ends lowest (:func:`best_rate`). Runs stop when :math:`\lVert\nabla f\rVert \le 10^{-10}`
    or after 150 steps on the valleys, 400 on Rosenbrock's function.
    """
    layers = [
        layer
        for name, colour in REFERENCES.items()
        for key in [name.split()[0].lower()]
        for layer in (
            Layer(f"{key}-path", axes=0, color=colour, width=1.0, alpha=0.7),
            Layer(f"{key}-curve", axes=1, color=colour, width=1.0, alpha=0.7),
        )
    ]
    return Explorer(
        name="optimizer-race",
        title="An optimizer race",
        controls=(
            Choice(
                "problem",
                "problem",
                {p: p for p in RACE_PROBLEMS},
                next(iter(RACE_PROBLEMS)),
                backdrop=True,
            ),
            Choice("racer", "optimizer", {r: r for r in RACERS}, default="Adam"),
            learning_rate_slider(RACE_RATES, 0.1),
        ),
        panels=_race_panels,
        layers=(
            *layers,
            Layer("path", axes=0, color=RED, width=1.6, marker=2),
            Layer("curve", axes=1, color=RED, width=1.8),
        ),
        readouts=(("chosen", "your run"), ("best", "best η on the grid")),
        scene=race_scene,
        alt=(
            "Left: level curves of the chosen problem (a long elliptical valley along the axes "
            "or turned by 45 degrees, or Rosenbrock's curved valley), the start point and the "
            "minimum starred, with the red path of the chosen optimizer and thin paths of SGD, "
            "momentum and Adam at their best learning rates. Right: the value of the function "
            "against the step on a logarithmic axis for the same runs."
        ),
        figsize=(9.5, 4.3),
    )


def schedule_scene(schedule: str, lr: float, *, epochs: int) -> Scene:
    """SGD (B = 1) on the flats with a schedule and with the constant rate it starts from:
    both full-loss gaps against the epoch, and both learning rates."""
    loss, runs = flats(), {}
    for key, name in (("chosen", schedule), ("constant", "constant")):
        run = flats_run(lr, 1, epochs, name)
        steps = np.arange(run.nit + 1)
        rate = SCHEDULES[name](lr, loss, run.nit)
        rates = np.full(steps.size, lr) if name == "constant" else rate(steps)
        runs[key] = (
            run,
            *full_gaps(run, 1),
            steps[:: loss.n_samples // 4] / loss.n_samples,
            rates[:: loss.n_samples // 4],
        )
    layers, readouts = {}, {}
    for key, (run, epoch_axis, gaps, rate_epochs, rates) in runs.items():
        layers[f"{key}-gap"] = (epoch_axis, gaps)
        layers[f"{key}-rate"] = (rate_epochs, rates)
        last = gaps[epoch_axis >= epochs - 1]
        readouts[key] = (
            f"mean gap over the last epoch {last.mean():.3g}, last η {rates[-1]:.3g}"
            if run.success
            else run.message
        )
    return Scene(layers, readouts)


def schedules_explorer(*, epochs: int = 10) -> Explorer:
    r"""SGD with a constant learning rate against step decay, 1/t and cosine schedules.

    Every run is SGD with B = 1 on :func:`flats` from the origin for ``epochs`` epochs (seed
    0). Pick a schedule (``SCHEDULES``) and its first rate :math:`\eta_0`; the run is drawn
    in red beside the constant rate :math:`\eta_0` in grey (:func:`schedule_scene`). Top: the
    full-loss gap against the epoch; bottom: the learning rate.
    """
    loss = flats()
    rate = 2 / loss.curvature[1]
    gaps = Panel(
        (0.09, 0.42, 0.88, 0.5),
        xlim=(-0.1, epochs + 0.1),
        ylim=(FLOOR / 2, 3e5),
        yscale="log",
        ylabel=r"$f(\mathbf{w}) - f^*$",
        title="full-loss gap: your schedule (red), the constant η₀ (grey)",
        grid=True,
    )
    rates = Panel(
        (0.09, 0.1, 0.88, 0.22),
        xlim=(-0.1, epochs + 0.1),
        ylim=(rate / 300, rate * 4),
        yscale="log",
        xlabel="epoch",
        ylabel="η (log)",
        grid=True,
    )
    return Explorer(
        name="learning-rate-schedules",
        title="Learning-rate schedules",
        controls=(
            Choice("schedule", "schedule", {s: s for s in SCHEDULES}, default="constant"),
            learning_rate_slider(rates_around(rate), rate / 4),
        ),
        panels=(gaps, rates),
        layers=(
            Layer("constant-gap", axes=0, color=GREY, width=1.0, alpha=0.8),
            Layer("constant-rate", axes=1, color=GREY, width=1.5),
            Layer("chosen-gap", axes=0, color=RED, width=1.3),
            Layer("chosen-rate", axes=1, color=RED, width=1.5),
        ),
        readouts=(("chosen", "your schedule"), ("constant", "constant η₀")),
        scene=partial(schedule_scene, epochs=epochs),
        alt=(
            "Top: the gap between the full loss and its minimum on a logarithmic axis against "
            "the epoch, for SGD with the chosen schedule (red) and with a constant rate (grey): "
            "both fall fast at first; the constant rate then jitters in a band, a decaying "
            "schedule keeps falling. Bottom: the two learning rates against the epoch, on a "
            "logarithmic axis."
        ),
        figsize=(9.0, 5.0),
    )
