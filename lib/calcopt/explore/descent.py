"""Explorers for chapter 4, *Gradient descent*: the method itself, the learning-rate sweep,
conditioning and momentum, and linear regression."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache, partial

import numpy as np

from .. import functions as fn
from ..landscapes import Valley
from ..models.regression import LeastSquares, Scaling, design_matrix, house_prices
from ..objective import Objective
from ..optimize import OptimizeResult, gradient_descent
from ..optimize.theory import best_momentum, centred_lr, convergence_rate, stability_limit
from .controls import learning_rate_slider, rates_around, steps_slider
from .core import Choice, Explorer, Layer, Scene, Slider
from .panels import Panel, contours, loss_panel, minima, rate_strip

#: Start points shown for the catalogue objectives (labels are what the reader sees).
STARTS: dict[str, dict[str, tuple[float, float]]] = {
    "Booth": {"(−3, 0)": (-3.0, 0.0), "(6, 7)": (6.0, 7.0)},
    "Rosenbrock": {"(−1.2, 1)": (-1.2, 1.0), "(0, 2.5)": (0.0, 2.5), "(1.5, −0.5)": (1.5, -0.5)},
    "Himmelblau": {"(0, 0)": (0.0, 0.0), "(−1, −4)": (-1.0, -4.0), "(−4, 1)": (-4.0, 1.0)},
}


@lru_cache(maxsize=2048)
def descend(f, start: tuple[float, ...], **options) -> OptimizeResult:
    """:func:`~calcopt.gradient_descent` from ``start``, remembered across explorers.

    Scenes call it with hashable arguments (catalogue objectives, valleys, floats), so a
    static export, a live explorer and the tests share the runs they have in common.
    """
    return gradient_descent(f, start, **options)


def run_status(result: OptimizeResult, steps: int) -> str:
    """How a run stands after ``steps`` of its steps are shown."""
    if steps < result.nit:
        return "still going"
    if result.status == "converged":
        return f"converged after {result.nit} steps"
    if result.status == "diverged":
        return f"diverged after {result.nit} steps"
    return f"not converged within {result.nit} steps (‖∇f‖ = {result.grad_norms[-1]:.1e})"


def gradient_descent_scene(
    objective: Objective, start, lr: float, steps: int, *, max_steps: int = 100
) -> Scene:
    """The first ``steps`` steps of gradient descent from ``start``: path, loss gap, rate."""
    result = descend(objective, tuple(start), lr=lr, max_iter=max_steps, tol=1e-8)
    rate, rate_label = stability_limit(objective)
    k = min(steps, result.nit)
    path = result.path[: k + 1]
    gaps = result.values[: k + 1] - float(objective(np.array(objective.minima[0])))
    return Scene(
        layers={
            "path": (path[:, 0], path[:, 1]),
            "current": ([path[-1, 0]], [path[-1, 1]]),
            "loss": (np.arange(k + 1), gaps),
            "loss-now": ([k], [gaps[-1]]),
            "rate": ([lr], [0.5]),
        },
        readouts={
            "lr": f"{lr:.3g} ({lr / rate:.2f} × {rate_label})",
            "k": str(k),
            "value": f"{result.values[k]:.4g}",
            "status": run_status(result, steps),
        },
    )


def gradient_descent_explorer(
    objective: Objective = fn.booth,
    *,
    starts: Mapping[str, Sequence[float]] | None = None,
    max_steps: int = 100,
) -> Explorer:
    r"""Gradient descent on a two-variable objective: path, loss curve and status.

    Controls: the start point (presets; default those in ``STARTS`` for catalogue objectives),
    the learning rate :math:`\eta` on a log scale from about :math:`(2/L)/50` to about
    :math:`2.2\,(2/L)` (with :math:`2/L`, from :func:`~calcopt.optimize.theory.stability_limit`,
    one of the positions and marked on its own axis), and the number of steps k
    (:func:`gradient_descent_scene`). The objective needs a known minimiser (for the gap
    :math:`f(\mathbf x_k) - f^*`).
    """
    starts = dict(starts or STARTS[objective.name])
    rate, rate_label = stability_limit(objective)
    rates = rates_around(rate)  # 2/L is the 21st of 25 positions
    Z = objective.grid(160)[2]
    top = 1e3 * max(1.0, float(Z.max() - objective(np.array(objective.minima[0]))))
    paths = Panel(
        (0.06, 0.11, 0.45, 0.8),
        (
            contours(objective, levels=16, filled=True, cmap="viridis_r", alpha=0.5),
            minima(objective),
        ),
        xlabel="x",
        ylabel="y",
        title=f"{objective.name}: path of gradient descent",
    )
    loss = loss_panel(
        (0.6, 0.42, 0.37, 0.49), max_steps, (1e-14, top), ylabel=r"$f(\mathbf{x}_k) - f^*$"
    )
    return Explorer(
        name="gradient-descent",
        title=f"Gradient descent on {objective.name}",
        controls=(
            Choice("start", "start x₀", starts, default=next(iter(starts))),
            learning_rate_slider(rates, rate / 2),
            steps_slider(max_steps),
        ),
        panels=(paths, loss, rate_strip((0.6, 0.11, 0.37, 0.12), rates, rate, rate_label)),
        layers=(
            Layer("path", axes=0, color="#d62728", width=1.2, marker=3),
            Layer("current", axes=0, kind="points", color="#ff7f0e", marker=9),
            Layer("loss", axes=1, color="#1f77b4", width=1.5),
            Layer("loss-now", axes=1, kind="points", color="#ff7f0e", marker=7),
            Layer("rate", axes=2, kind="points", color="#1f77b4", marker=9),
        ),
        readouts=(("lr", "η"), ("k", "k"), ("value", "f(xₖ)"), ("status", "status")),
        scene=partial(gradient_descent_scene, objective, max_steps=max_steps),
        alt=(
            f"Left: filled level curves of {objective.name}'s function with the path of gradient "
            "descent from the chosen start point. Right: the gap f(x_k) − f* on a logarithmic "
            "axis against the iteration k, and the chosen learning rate on a logarithmic strip "
            f"whose red zone, beyond {rate_label}, is where the iterates "
            + ("diverge." if objective.curvature is not None else "may fail to converge.")
        ),
        figsize=(9.5, 4.4),
    )


#: The problems of the learning-rate sweep, with their start points.
SWEEP_PROBLEMS = {
    "Booth (quadratic)": (fn.booth, (-3.0, 0.0)),
    "Rosenbrock": (fn.rosenbrock, (-1.2, 1.0)),
}
#: The problem control's options: label to value (the same string).
SWEEP_CHOICES = {problem: problem for problem in SWEEP_PROBLEMS}
#: Learning rates of the sweep as multiples of 2/L: 25 positions, 1 (that is 2/L) among them.
SWEEP_RATIOS = 10.0 ** (np.arange(-18, 7) / 12)
#: Final gaps below FLOOR (or exactly 0) are drawn on it; diverged runs at TOP / 10.
FLOOR, TOP = 1e-16, 1e6
#: The horizontal range of the sweep's panels.
SWEEP_SPAN = (SWEEP_RATIOS[0] / 1.3, SWEEP_RATIOS[-1] * 1.3)


def sweep_run(problem: str, ratio: float, *, max_iter: int, tol: float):
    """Learning rate, final gap f(x_N) - f* (NaN if the run diverged) and the run itself."""
    objective, start = SWEEP_PROBLEMS[problem]
    lr = ratio * reference_rate(problem)[0]
    result = descend(objective, start, lr=lr, max_iter=max_iter, tol=tol)
    gap = result.fun - float(objective(np.array(objective.minima[0])))
    return lr, np.nan if result.status == "diverged" else max(gap, FLOOR), result


@lru_cache(maxsize=4)
def sweep(problem: str, max_iter: int, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Final gaps and iteration counts of the runs at every ratio of ``SWEEP_RATIOS``."""
    runs = [sweep_run(problem, float(r), max_iter=max_iter, tol=tol) for r in SWEEP_RATIOS]
    return np.array([r[1] for r in runs]), np.array([r[2].nit for r in runs], dtype=float)


def learning_rate_sweep_scene(problem: str, ratio: float, *, max_iter: int, tol: float) -> Scene:
    """The sweep's gaps and counts, with the run nearest to ``ratio`` times 2/L picked out."""
    gaps, counts = sweep(problem, max_iter, tol)
    diverged = np.isnan(gaps)
    ratio = float(SWEEP_RATIOS[np.argmin(np.abs(np.log(SWEEP_RATIOS / ratio)))])
    lr, gap, result = sweep_run(problem, ratio, max_iter=max_iter, tol=tol)
    rate, rate_label = reference_rate(problem)
    return Scene(
        layers={
            "gaps": (SWEEP_RATIOS, gaps),
            "counts": (SWEEP_RATIOS[~diverged], counts[~diverged]),
            "gaps-diverged": (SWEEP_RATIOS[diverged], np.full(diverged.sum(), TOP / 10)),
            "counts-diverged": (SWEEP_RATIOS[diverged], counts[diverged]),
            "loss-cursor": ([ratio, ratio], [FLOOR / 10, TOP]),
            "count-cursor": ([ratio, ratio], [0.7, max_iter * 3]),
            "loss-now": ([ratio], [TOP / 10 if np.isnan(gap) else gap]),
            "count-now": ([ratio], [max(result.nit, 1)]),
        },
        readouts={
            "lr": f"{lr:.3g} ({ratio:.3g} × {rate_label})",
            "reference": f"{rate_label} = {rate:.3g}",
            "gap": "none: diverged" if np.isnan(gap) else f"{gap:.2g}",
            "nit": str(result.nit),
            "status": result.status.value.replace("_", " "),
        },
    )


#: What the zone beyond the reference rate means for each sweep problem, and its colour. For
#: the quadratic, 2/L is exact: every run beyond it diverges. For Rosenbrock's function it is
#: 2/L with L the largest Hessian eigenvalue at the minimiser x* only: beyond it x* repels the
#: iterates, so no run can settle there, but the way to x* has other curvatures, and a run may
#: travel far, stall in a cycle or blow up.
BEYOND = {
    "Booth (quadratic)": ("every run diverges", "#d62728"),
    "Rosenbrock": ("no run settles at the minimum", "#9467bd"),
}


def reference_rate(problem: str) -> tuple[float, str]:
    """The sweep's reference learning rate for a problem, and its name (``stability_limit``)."""
    return stability_limit(SWEEP_PROBLEMS[problem][0])


def _boundary(problem: str):
    """The reference rate at ratio 1, the zone beyond it shaded."""
    colour = BEYOND[problem][1]

    def draw(ax) -> None:
        ax.axvspan(1.0, SWEEP_SPAN[1], color=colour, alpha=0.1)
        ax.axvline(1.0, color=colour, lw=1)

    return draw


def _reference(problem: str):
    """The reference rate's name above the gap panel, and what the zone beyond it means."""
    (zone, colour), label = BEYOND[problem], reference_rate(problem)[1]

    def draw(ax) -> None:
        ax.text(1.0, TOP * 2, label, color=colour, ha="center", fontsize=9)
        ax.text(
            1.1, FLOOR / 5, f"beyond: {zone}", color=colour, fontsize=7.5, rotation=90, va="bottom"
        )

    return draw


def _budget(max_iter: int):
    def draw(ax) -> None:
        ax.axhline(max_iter, color="gray", lw=0.8, ls=":")
        ax.text(SWEEP_SPAN[0] * 1.1, max_iter * 1.2, "budget", color="gray", fontsize=8)

    return draw


def _sweep_panel(rect, content, ylim: tuple[float, float], ylabel: str, problem: str) -> Panel:
    """Log-log axes against the ratio to the reference rate, with the boundary and content."""
    return Panel(
        rect,
        (_boundary(problem), content),
        xlim=SWEEP_SPAN,
        ylim=ylim,
        xscale="log",
        yscale="log",
        xlabel=f"η / ({reference_rate(problem)[1]}), log scale",
        ylabel=ylabel,
        grid=True,
    )


def _sweep_panels(max_iter: int, problem: str) -> tuple[Panel, Panel]:
    """Left: the final gaps. Right: the iteration counts. Both against the ratio."""
    gap_label = f"$f(\\mathbf{{x}}_N) - f^*$, N ≤ {max_iter}"
    return (
        _sweep_panel(
            (0.08, 0.14, 0.39, 0.76), _reference(problem), (FLOOR / 10, TOP), gap_label, problem
        ),
        _sweep_panel(
            (0.59, 0.14, 0.39, 0.76),
            _budget(max_iter),
            (0.7, max_iter * 3),
            "iterations N",
            problem,
        ),
    )


def learning_rate_sweep_explorer(*, max_iter: int = 250, tol: float = 1e-6) -> Explorer:
    r"""Gradient descent at 25 learning rates, on a quadratic (Booth) and on Rosenbrock.

    For each learning rate :math:`\eta`, a multiple from about 0.03 to about 3.2 of the
    reference :math:`2/L` (:func:`~calcopt.optimize.theory.stability_limit`), a run of at most
    ``max_iter`` steps gives the final gap :math:`f(\mathbf x_N) - f^*` and the number of
    iterations N, drawn against :math:`\eta/(2/L)` on log axes with the boundary at 1. The
    slider picks one of the 25 runs (:func:`learning_rate_sweep_scene`).

    The zone beyond the boundary is drawn per problem (``BEYOND``): on the quadratic every run
    there diverges; on Rosenbrock's function, where L is the largest Hessian eigenvalue at the
    minimiser only, no run can settle at the minimiser there, but runs need not diverge.
    """
    return Explorer(
        name="learning-rate-sweep",
        title="Learning-rate sweep",
        controls=(
            Choice("problem", "problem", SWEEP_CHOICES, "Booth (quadratic)", backdrop=True),
            Slider(
                "ratio",
                "η as a multiple of 2/L",
                SWEEP_RATIOS[0],
                SWEEP_RATIOS[-1],
                default=0.5,
                values=SWEEP_RATIOS,
                log=True,
            ),
        ),
        panels=partial(_sweep_panels, max_iter),
        layers=(
            Layer("loss-cursor", axes=0, color="#ff7f0e", width=1.0, dashed=True),
            Layer("count-cursor", axes=1, color="#ff7f0e", width=1.0, dashed=True),
            Layer("gaps", axes=0, color="#1f77b4", width=1.5, marker=3),
            Layer("counts", axes=1, color="#1f77b4", width=1.5, marker=3),
            Layer("gaps-diverged", axes=0, kind="points", color="#d62728", marker=5),
            Layer("counts-diverged", axes=1, kind="points", color="#d62728", marker=5),
            Layer("loss-now", axes=0, kind="points", color="#ff7f0e", marker=9),
            Layer("count-now", axes=1, kind="points", color="#ff7f0e", marker=9),
        ),
        readouts=(
            ("lr", "η"),
            ("reference", "reference"),
            ("gap", "f(x_N) − f*"),
            ("nit", "iterations N"),
            ("status", "status"),
        ),
        scene=partial(learning_rate_sweep_scene, max_iter=max_iter, tol=tol),
        alt=(
            "Two log-log plots against the learning rate as a multiple of 2/L, each with a line "
            "at 1 and a shaded zone beyond it, where on Booth's quadratic every run diverges and "
            "on Rosenbrock's function no run can settle at the minimum: left, the gap between "
            "the final loss and the minimum after at most a fixed number of steps; right, the "
            "number of iterations used. Blue dots are runs that did not diverge, red dots runs "
            "that did (at the top on the left, at the step where they were stopped on the "
            "right). An orange line and dot mark the chosen rate."
        ),
        figsize=(9.5, 3.9),
    )


#: The valley's level curves: semi-axes along the floor.
SEMI_AXES = (0.5, 1.0, 2.0, 3.0, 4.5, 6.5)


def valley_run(kappa: float, momentum: float, *, start, reduction: float, max_iter: int):
    """Gradient descent in the valley of condition number kappa with the best fixed rate
    2/(mu + L) and the given momentum, until the gradient has shrunk by ``reduction``."""
    valley = Valley(kappa)
    lr = centred_lr(*valley.curvature)
    tol = reduction * float(np.linalg.norm(valley.gradient(np.array(start))))
    result = descend(
        valley, start, lr=lr, grad=valley.gradient, momentum=momentum, max_iter=max_iter, tol=tol
    )
    return lr, result


def best_valley_momentum(kappa: float) -> float:
    """The momentum with the smallest rate at the valley's learning rate 2/(1 + kappa)."""
    return best_momentum(centred_lr(1.0, kappa), 1.0, kappa)


def conditioning_scene(kappa: float, momentum: float, *, shown: int, **run) -> Scene:
    """The first ``shown`` steps in the valley, its level curves, and the iteration count."""
    lr, result = valley_run(kappa, momentum, **run)
    steps = result.path[: shown + 1]
    return Scene(
        layers={
            "contours": Valley(kappa).level_curves(SEMI_AXES),
            "path": (steps[:, 0], steps[:, 1]),
            "count": ([kappa], [max(result.nit, 1)]),
        },
        readouts={
            "lr": f"{lr:.3g}",
            "rate": f"{convergence_rate(lr, (1.0, kappa), momentum=momentum):.3f}",
            "best": f"{best_valley_momentum(kappa):.2f}",
            "nit": str(result.nit) if result.success else f"over {result.nit}",
        },
    )


def _count_curves(kappas: np.ndarray, **run):
    """Iterations against kappa without momentum (solid) and with the best momentum (dashed)."""

    def draw(ax) -> None:
        for momentum, style, label in (
            (lambda k: 0.0, "-", "β = 0"),
            (best_valley_momentum, "--", "best β"),
        ):
            counts = [valley_run(float(k), momentum(float(k)), **run)[1].nit for k in kappas]
            ax.plot(kappas, counts, style, color="#555555", lw=1.2, label=label)
        ax.legend(loc="upper left", fontsize=8)

    return draw


def _start_and_minimum(start):
    def draw(ax) -> None:
        ax.plot(*start, "o", color="#d62728", ms=5)
        ax.plot(0, 0, "*", color="black", ms=10)

    return draw


def _valley_panels(kappas: np.ndarray, shown: int, run: dict) -> tuple[Panel, Panel]:
    """Left: the valley's frame, its start and minimum. Right: iterations against kappa."""
    start, reduction, max_iter = run["start"], run["reduction"], run["max_iter"]
    path = Panel(
        (0.05, 0.15, 0.55, 0.75),
        (_start_and_minimum(start),),
        xlim=(-3.4, 3.4),
        ylim=(-1.5, 1.5),
        aspect="equal",
        xlabel="$x_1$: along the floor (curvature μ = 1)",
        ylabel="$x_2$",
        title=f"valley with curvature L = κ across: first {shown} steps",
    )
    count = Panel(
        (0.69, 0.15, 0.29, 0.75),
        (_count_curves(kappas, **run),),
        xlim=(0.8, 125),
        ylim=(0.7, max_iter * 1.5),
        xscale="log",
        yscale="log",
        grid=True,
        xlabel="condition number κ",
        ylabel=f"iterations to shrink $\\|\\nabla f\\|$ by $10^{{{-np.log10(reduction):.0f}}}$",
    )
    return path, count


def conditioning_explorer(
    *,
    start: tuple[float, float] = (-3.0, 1.0),
    shown: int = 25,
    reduction: float = 1e-6,
    max_iter: int = 3000,
) -> Explorer:
    r"""Zig-zag in an ill-conditioned valley, and how heavy-ball momentum straightens it.

    The valley is :class:`~calcopt.landscapes.Valley` with condition number :math:`\kappa` (the
    slider, 1 to 100): Hessian eigenvalues :math:`\mu = 1` and :math:`L = \kappa`. Gradient
    descent runs with the best fixed learning rate :math:`\eta = 2/(\mu + L)`
    (:func:`~calcopt.optimize.theory.centred_lr`) and momentum :math:`\beta` (the other
    slider). The right panel counts the iterations until :math:`\lVert\nabla f\rVert` has
    shrunk by ``reduction``, against :math:`\kappa`, beside the counts for :math:`\beta = 0`
    and for the best momentum for that :math:`\eta` (:func:`conditioning_scene`).
    """
    kappas = np.geomspace(1.0, 100.0, 25)
    run = {"start": start, "reduction": reduction, "max_iter": max_iter}
    return Explorer(
        name="conditioning",
        title="Conditioning and momentum",
        controls=(
            Slider(
                "kappa", "condition number κ", 1.0, 100.0, default=25.0, values=kappas, log=True
            ),
            Slider("momentum", "momentum β", 0.0, 0.96, default=0.0, values=np.arange(25) * 0.04),
        ),
        panels=_valley_panels(kappas, shown, run),
        layers=(
            Layer("contours", axes=0, color="#9ecae1", width=1.0),
            Layer("path", axes=0, color="#d62728", width=1.2, marker=3),
            Layer("count", axes=1, kind="points", color="#d62728", marker=9),
        ),
        readouts=(
            ("lr", "η = 2/(μ+L)"),
            ("rate", "rate ρ"),
            ("best", "best β for this η"),
            ("nit", "iterations"),
        ),
        scene=partial(conditioning_scene, shown=shown, **run),
        alt=(
            "Left: elliptical level curves of a quadratic valley stretched along the horizontal "
            "axis, and the red path of the first steps of gradient descent from the left. Right: "
            "iterations needed against the condition number on log-log axes, a solid line for "
            "no momentum, a dashed one for the best momentum, and a red dot for the current run."
        ),
        figsize=(9.5, 3.5),
    )


#: Feature presets of the linear-regression explorer.
FEATURES = ("raw area (m²)", "standardised area")
#: The x range over which the fitted line is drawn (square metres).
AREA_SPAN = np.array([30.0, 170.0])


@lru_cache(maxsize=4)
def house_losses(n: int, seed: int) -> tuple[dict[str, LeastSquares], Scaling]:
    """The mean-squared-error loss of the flats data with the raw and the standardised area."""
    area, price = house_prices(n, seed=seed)
    scaling = Scaling.of(area)
    raw, scaled = design_matrix(area), design_matrix(scaling.apply(area))
    return dict(
        zip(FEATURES, (LeastSquares(raw, price), LeastSquares(scaled, price)), strict=True)
    ), scaling


@lru_cache(maxsize=128)
def regression_run(features: str, lr: float, *, n: int, seed: int, max_steps: int):
    loss = house_losses(n, seed)[0][features]
    return gradient_descent(
        loss, [0.0, 0.0], lr=lr, grad=loss.gradient, max_iter=max_steps, tol=1e-9
    )


def linear_regression_scene(
    features: str, lr: float, steps: int, *, n: int, seed: int, max_steps: int
) -> Scene:
    """The line after ``steps`` steps, in the original units, the loss gap so far, and how the
    run stands (:func:`run_status`: still going, or converged or diverged after how many steps)."""
    losses, scaling = house_losses(n, seed)
    result = regression_run(features, lr, n=n, seed=seed, max_steps=max_steps)
    k = min(steps, result.nit)
    w = result.path[k] if features == FEATURES[0] else scaling.raw_weights(result.path[k])
    gaps = result.values[: k + 1] - float(losses[FEATURES[0]](losses[FEATURES[0]].solution))
    return Scene(
        layers={
            "fit": (AREA_SPAN, w[0] + w[1] * AREA_SPAN),
            "loss": (np.arange(k + 1), gaps),
            "loss-now": ([k], [gaps[-1]]),
        },
        readouts={
            "w0": f"{w[0]:.4g}",
            "w1": f"{w[1]:.4g}",
            "loss": f"{result.values[k]:.5g}",
            "status": run_status(result, steps),
        },
    )


def _flats(n: int, seed: int):
    """The data and the least-squares line."""

    def draw(ax) -> None:
        area, price = house_prices(n, seed=seed)
        ax.plot(area, price, "o", color="#1f77b4", ms=4, label="flats")
        w = house_losses(n, seed)[0][FEATURES[0]].solution
        ax.plot(
            AREA_SPAN, w[0] + w[1] * AREA_SPAN, "--", color="#555555", lw=1, label="least squares"
        )
        ax.legend(loc="upper left", fontsize=8)

    return draw


def linear_regression_explorer(*, n: int = 30, seed: int = 4, max_steps: int = 200) -> Explorer:
    r"""Linear regression fitted by gradient descent, with and without feature scaling.

    The data are :func:`~calcopt.models.regression.house_prices`; the model is
    :math:`\hat y = w_0 + w_1 x` and the loss the mean squared error
    (:class:`~calcopt.models.regression.LeastSquares`). With the raw feature (area in square
    metres) the loss's Hessian has condition number about :math:`10^5`; standardised (zero
    mean, unit deviation, :class:`~calcopt.models.regression.Scaling`) it has 1. Either way the
    fitted line is drawn in the original units (:func:`linear_regression_scene`).
    """
    rates = 10.0 ** (np.arange(-24, 2) / 4)  # 1e-6 to 1.78, with 1 = 2/L (standardised) exact
    data = Panel(
        (0.07, 0.13, 0.42, 0.77),
        (_flats(n, seed),),
        xlim=tuple(AREA_SPAN),
        ylim=(-50, 600),
        xlabel="floor area $x$ (m²)",
        ylabel="price $y$ (thousand €)",
        title="data and the line $w_0 + w_1 x$",
    )
    loss = loss_panel(
        (0.6, 0.13, 0.37, 0.77),
        max_steps,
        (1e-12, 1e8),
        title="loss curve",
        ylabel=r"$f(\mathbf{w}_k) - f^*$ (mean squared error)",
    )
    return Explorer(
        name="linear-regression",
        title="Linear regression by gradient descent",
        controls=(
            Choice("features", "feature", {f: f for f in FEATURES}, default=FEATURES[0]),
            learning_rate_slider(rates, 3e-5),
            steps_slider(max_steps),
        ),
        panels=(data, loss),
        layers=(
            Layer("fit", axes=0, color="#d62728", width=2.0),
            Layer("loss", axes=1, color="#1f77b4", width=1.5),
            Layer("loss-now", axes=1, kind="points", color="#ff7f0e", marker=7),
        ),
        readouts=(
            ("w0", "intercept w₀"),
            ("w1", "slope w₁"),
            ("loss", "f(w_k)"),
            ("status", "status"),
        ),
        scene=partial(linear_regression_scene, n=n, seed=seed, max_steps=max_steps),
        alt=(
            "Left: thirty flats as points, price against floor area, with the dashed "
            "least-squares line and the red line of the current gradient-descent iterate. "
            "Right: the gap between the mean squared error and its minimum against the "
            "iteration, on a logarithmic axis."
        ),
        figsize=(9.5, 4.0),
    )
