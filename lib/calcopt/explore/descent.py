"""Explorers for chapter 4, *Gradient descent*: the method itself, the learning-rate sweep,
conditioning and momentum, and linear regression."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np

from .. import functions as fn
from ..landscapes import Valley
from ..models.regression import LeastSquares, Scaling, design_matrix, house_prices
from ..objective import Objective
from ..optimize import OptimizeResult, gradient_descent
from ..optimize.theory import best_momentum, centred_lr, convergence_rate
from ..plotting import contour_levels
from .core import Choice, Explorer, Layer, Scene, Slider

#: Start points shown for the catalogue objectives (labels are what the reader sees).
STARTS: dict[str, dict[str, tuple[float, float]]] = {
    "Booth": {"(−3, 0)": (-3.0, 0.0), "(6, 7)": (6.0, 7.0)},
    "Rosenbrock": {"(−1.2, 1)": (-1.2, 1.0), "(0, 2.5)": (0.0, 2.5), "(1.5, −0.5)": (1.5, -0.5)},
    "Himmelblau": {"(0, 0)": (0.0, 0.0), "(−1, −4)": (-1.0, -4.0), "(−4, 1)": (-4.0, 1.0)},
}


@lru_cache(maxsize=2048)
def descend(f, start: tuple[float, ...], **options) -> OptimizeResult:
    """:func:`~calcopt.gradient_descent` from ``start``, remembered across explorers.

    Explorers call it with hashable arguments (catalogue objectives, valleys, floats), so a
    static export, a live explorer and the tests share the runs they have in common.
    """
    return gradient_descent(f, start, **options)


def reference_rate(objective: Objective) -> tuple[float, str]:
    r"""The learning rate :math:`2/L` and how it is known.

    For a quadratic, L is the largest Hessian eigenvalue everywhere and gradient descent
    converges iff :math:`\eta < 2/L`. Otherwise L is taken at the first known minimiser, where
    the same bound governs convergence once the iterates are close.
    """
    if objective.curvature is not None:
        return 2 / objective.curvature[1], "2/L"
    minimiser = np.array(objective.minima[0])
    largest = np.linalg.eigvalsh(objective.hessian(minimiser))[-1]
    return 2 / largest, "2/L at the minimum"


def step_positions(max_steps: int) -> np.ndarray:
    """Step counts for the static slider: every step up to 9, then 15 geometrically spaced.

    That makes 25 positions for any ``max_steps`` of 100 or more.
    """
    return np.unique(np.round(np.concatenate([np.arange(10), np.geomspace(10, max_steps, 15)])))


def rates_around(rate: float, below: int = 20) -> np.ndarray:
    """Learning rates on a log scale, 12 per decade, from ``rate`` / 10^(below/12) up to about
    2.15 ``rate``; ``rate`` itself (typically 2/L) is one of them."""
    return rate * 10.0 ** (np.arange(-below, 5) / 12)


def learning_rate_slider(rates: np.ndarray, default: float) -> Slider:
    """The learning-rate control over the given positions, on a log scale."""
    return Slider(
        "lr", "learning rate η", rates[0], rates[-1], default=default, values=rates, log=True
    )


def steps_slider(max_steps: int, default: int | None = None) -> Slider:
    """The reveal control for the number of steps k shown (see :func:`step_positions`)."""
    return Slider(
        "steps",
        "steps k",
        0,
        max_steps,
        default=max_steps if default is None else default,
        integer=True,
        values=step_positions(max_steps),
        reveal=True,
    )


def gradient_descent_explorer(
    objective: Objective = fn.booth,
    *,
    starts: Mapping[str, Sequence[float]] | None = None,
    max_steps: int = 100,
) -> Explorer:
    r"""Gradient descent on a two-variable objective: path, loss curve and status.

    Controls: the start point (presets), the learning rate :math:`\eta` on a log scale from
    about :math:`(2/L)/50` to about :math:`2.2\,(2/L)` (with :math:`2/L` itself one of the positions
    and marked on its own axis), and the number of steps k.

    Parameters
    ----------
    objective : Objective
        Two variables and at least one known minimiser (for :math:`f(\mathbf x_k) - f^*`).
    starts : mapping of label to point, optional
        Default: the presets in ``STARTS`` for catalogue objectives.
    max_steps : int

    Returns
    -------
    Explorer
    """
    starts = dict(starts or STARTS[objective.name])
    rate, rate_label = reference_rate(objective)
    rates = rates_around(rate)  # 2/L is the 21st of 25 positions
    best = float(objective(np.array(objective.minima[0])))

    def run(start: tuple[float, float], lr: float) -> OptimizeResult:
        return descend(objective, start, lr=lr, max_iter=max_steps, tol=1e-8)

    def backdrop(fig):
        contour = fig.add_axes((0.06, 0.11, 0.45, 0.8))
        X, Y, Z = objective.grid(160)
        levels = contour_levels(Z, 16, log=True)
        contour.contourf(X, Y, Z, levels=[Z.min(), *levels], cmap="viridis_r", alpha=0.5)
        for point in objective.minima:
            contour.plot(*point, marker="*", color="black", ms=9)
        contour.set_xlabel("x")
        contour.set_ylabel("y")
        contour.set_title(f"{objective.name}: path of gradient descent", fontsize=10)
        loss = fig.add_axes((0.6, 0.42, 0.37, 0.49))
        loss.set_yscale("log")
        loss.set_xlim(-0.02 * max_steps, 1.02 * max_steps)
        loss.set_ylim(1e-14, 1e3 * max(1.0, float(Z.max() - best)))
        loss.set_xlabel("iteration k")
        loss.set_ylabel(r"$f(\mathbf{x}_k) - f^*$")
        loss.grid(alpha=0.3)
        strip = fig.add_axes((0.6, 0.11, 0.37, 0.12))
        strip.set_xscale("log")
        strip.set_xlim(rates[0] / 1.2, rates[-1] * 1.2)
        strip.set_ylim(0, 1)
        strip.set_yticks([])
        strip.axvspan(rate, rates[-1] * 1.2, color="#d62728", alpha=0.12)
        strip.axvline(rate, color="#d62728", lw=1)
        strip.text(rate, 1.08, rate_label, color="#d62728", ha="center", va="bottom", fontsize=9)
        strip.set_xlabel("learning rate η (log scale)")
        return [contour, loss, strip]

    def scene(start, lr: float, steps: int) -> Scene:
        result = run(tuple(start), lr)
        k = min(steps, result.nit)
        path = result.path[: k + 1]
        gaps = result.values[: k + 1] - best
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
                "status": _status(result, steps),
            },
        )

    return Explorer(
        name="gradient-descent",
        title=f"Gradient descent on {objective.name}",
        controls=(
            Choice("start", "start x₀", starts, default=next(iter(starts))),
            learning_rate_slider(rates, rate / 2),
            steps_slider(max_steps),
        ),
        layers=(
            Layer("path", axes=0, color="#d62728", width=1.2, marker=3),
            Layer("current", axes=0, kind="points", color="#ff7f0e", marker=9),
            Layer("loss", axes=1, color="#1f77b4", width=1.5),
            Layer("loss-now", axes=1, kind="points", color="#ff7f0e", marker=7),
            Layer("rate", axes=2, kind="points", color="#1f77b4", marker=9),
        ),
        readouts=(("lr", "η"), ("k", "k"), ("value", "f(xₖ)"), ("status", "status")),
        backdrop=backdrop,
        scene=scene,
        alt=(
            f"Left: filled level curves of {objective.name}'s function with the path of gradient "
            "descent from the chosen start point. Right: the gap f(x_k) − f* on a logarithmic "
            "axis against the iteration k, and the chosen learning rate on a logarithmic strip "
            f"whose red zone, beyond {rate_label}, is where the iterates "
            + ("diverge." if objective.curvature is not None else "may fail to converge.")
        ),
        figsize=(9.5, 4.4),
    )


def _status(result: OptimizeResult, steps: int) -> str:
    if steps < result.nit:
        return "still going"
    if result.status == "converged":
        return f"converged after {result.nit} steps"
    if result.status == "diverged":
        return f"diverged after {result.nit} steps"
    return f"not converged within {result.nit} steps (‖∇f‖ = {result.grad_norms[-1]:.1e})"


def learning_rate_sweep_explorer(*, max_iter: int = 250, tol: float = 1e-6) -> Explorer:
    r"""Gradient descent at 25 learning rates, on a quadratic (Booth) and on Rosenbrock.

    For each learning rate :math:`\eta`, a multiple from about 0.03 to about 3.2 of the
    reference :math:`2/L` (:func:`reference_rate`), a run of at most ``max_iter`` steps gives
    the final gap :math:`f(\mathbf x_N) - f^*` and the number of iterations N. Both are drawn
    against :math:`\eta/(2/L)` on log axes, with the boundary at 1. The slider picks one of
    the 25 runs (a live slider between two of them shows the nearer one).

    Returns
    -------
    Explorer
        Controls ``problem`` (Booth or Rosenbrock) and ``ratio`` (:math:`\eta` over
        :math:`2/L`).
    """
    problems = {
        "Booth (quadratic)": (fn.booth, (-3.0, 0.0)),
        "Rosenbrock": (fn.rosenbrock, (-1.2, 1.0)),
    }
    ratios = 10.0 ** (np.arange(-18, 7) / 12)  # 25 positions, 1 (that is 2/L) among them
    floor, top = 1e-16, 1e6  # gaps below the floor (or exactly 0) are drawn on it
    span = (ratios[0] / 1.3, ratios[-1] * 1.3)

    def run(problem: str, ratio: float) -> tuple[float, float, OptimizeResult]:
        """Learning rate, final gap f(x_N) - f* (NaN if the run diverged) and the run."""
        objective, start = problems[problem]
        lr = ratio * reference_rate(objective)[0]
        result = descend(objective, start, lr=lr, max_iter=max_iter, tol=tol)
        gap = result.fun - float(objective(np.array(objective.minima[0])))
        return lr, np.nan if result.status == "diverged" else max(gap, floor), result

    @lru_cache(maxsize=4)
    def sweep(problem: str) -> tuple[np.ndarray, np.ndarray]:
        runs = [run(problem, float(r)) for r in ratios]
        return np.array([r[1] for r in runs]), np.array([r[2].nit for r in runs], dtype=float)

    def backdrop(fig):
        loss = fig.add_axes((0.08, 0.14, 0.39, 0.76))
        count = fig.add_axes((0.59, 0.14, 0.39, 0.76))
        for ax in (loss, count):
            ax.set_xscale("log")
            ax.set_yscale("log")
            ax.set_xlim(*span)
            ax.axvspan(1.0, span[1], color="#d62728", alpha=0.08)
            ax.axvline(1.0, color="#d62728", lw=1)
            ax.grid(alpha=0.3)
            ax.set_xlabel("η / (2/L), log scale")
        loss.set_ylim(floor / 10, top)
        loss.text(1.0, top * 2, "2/L", color="#d62728", ha="center", fontsize=9)
        loss.set_ylabel(f"$f(\\mathbf{{x}}_N) - f^*$, N ≤ {max_iter}")
        count.set_ylim(0.7, max_iter * 3)
        count.axhline(max_iter, color="gray", lw=0.8, ls=":")
        count.text(span[0] * 1.1, max_iter * 1.2, "budget", color="gray", fontsize=8)
        count.set_ylabel("iterations N")
        return [loss, count]

    def scene(problem: str, ratio: float) -> Scene:
        gaps, counts = sweep(problem)
        diverged = np.isnan(gaps)
        ratio = float(ratios[np.argmin(np.abs(np.log(ratios / ratio)))])  # the nearest run
        lr, gap, result = run(problem, ratio)
        rate, rate_label = reference_rate(problems[problem][0])
        return Scene(
            layers={
                "gaps": (ratios, gaps),
                "counts": (ratios[~diverged], counts[~diverged]),
                "gaps-diverged": (ratios[diverged], np.full(diverged.sum(), top / 10)),
                "counts-diverged": (ratios[diverged], counts[diverged]),
                "loss-cursor": ([ratio, ratio], [floor / 10, top]),
                "count-cursor": ([ratio, ratio], [0.7, max_iter * 3]),
                "loss-now": ([ratio], [top / 10 if np.isnan(gap) else gap]),
                "count-now": ([ratio], [max(result.nit, 1)]),
            },
            readouts={
                "lr": f"{lr:.3g} ({ratio:.3g} × 2/L)",
                "reference": f"{rate_label} = {rate:.3g}",
                "gap": "none: diverged" if np.isnan(gap) else f"{gap:.2g}",
                "nit": str(result.nit),
                "status": result.status.value.replace("_", " "),
            },
        )

    return Explorer(
        name="learning-rate-sweep",
        title="Learning-rate sweep",
        controls=(
            Choice("problem", "problem", {p: p for p in problems}, default="Booth (quadratic)"),
            Slider(
                "ratio",
                "η as a multiple of 2/L",
                ratios[0],
                ratios[-1],
                default=0.5,
                values=ratios,
                log=True,
            ),
        ),
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
        backdrop=backdrop,
        scene=scene,
        alt=(
            "Two log-log plots against the learning rate as a multiple of 2/L, each with a red "
            "line at 1 and a shaded zone beyond it: left, the gap between the final loss and the "
            "minimum after at most a fixed number of steps; right, the number of iterations "
            "used. Blue dots are runs that did not diverge, red dots runs that did (at the top "
            "on the left, at the step where they were stopped on the right). An orange line and "
            "dot mark the chosen rate."
        ),
        figsize=(9.5, 3.9),
    )


def valley_contours(valley: Valley, semi_axes: Sequence[float], points: int = 33):
    """Level curves of a valley along its axes, as one polyline with NaN gaps between curves."""
    t = np.linspace(0, 2 * np.pi, points)
    mu, L = valley.curvature
    xs, ys = [], []
    for a in semi_axes:  # f = mu a^2 / 2 on the ellipse with semi-axes a and a sqrt(mu / L)
        xs.extend([*(a * np.cos(t)), np.nan])
        ys.extend([*(a * np.sqrt(mu / L) * np.sin(t)), np.nan])
    return np.array(xs), np.array(ys)


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
    (:func:`~calcopt.optimize.theory.centred_lr`) and momentum :math:`\beta` (the other slider).
    The right
    panel counts the iterations until :math:`\lVert\nabla f\rVert` has shrunk by ``reduction``,
    against :math:`\kappa`, beside the counts for :math:`\beta = 0` and for the best momentum
    for that :math:`\eta` (:func:`~calcopt.optimize.theory.best_momentum`).

    Returns
    -------
    Explorer
        Controls ``kappa`` (log scale) and ``momentum``.
    """
    kappas = np.geomspace(1.0, 100.0, 25)
    momenta = np.arange(25) * 0.04
    start_point = np.array(start, dtype=float)
    semi_axes = (0.5, 1.0, 2.0, 3.0, 4.5, 6.5)

    def run(kappa: float, momentum: float) -> tuple[float, OptimizeResult]:
        valley = Valley(kappa)
        lr = centred_lr(*valley.curvature)
        tol = reduction * float(np.linalg.norm(valley.gradient(start_point)))
        result = descend(
            valley, start, lr=lr, grad=valley.gradient, momentum=momentum, max_iter=max_iter,
            tol=tol,
        )  # fmt: skip
        return lr, result

    def best(kappa: float) -> float:
        return best_momentum(centred_lr(1.0, kappa), 1.0, kappa)

    def backdrop(fig):
        path = fig.add_axes((0.05, 0.15, 0.55, 0.75))
        path.set_xlim(-3.4, 3.4)
        path.set_ylim(-1.5, 1.5)
        path.set_aspect("equal")
        path.plot(*start_point, "o", color="#d62728", ms=5)
        path.plot(0, 0, "*", color="black", ms=10)
        path.set_xlabel("$x_1$: along the floor (curvature μ = 1)")
        path.set_ylabel("$x_2$")
        path.set_title(f"valley with curvature L = κ across: first {shown} steps", fontsize=10)
        count = fig.add_axes((0.69, 0.15, 0.29, 0.75))
        count.set_xscale("log")
        count.set_yscale("log")
        for momentum, style, label in ((lambda k: 0.0, "-", "β = 0"), (best, "--", "best β")):
            counts = [run(float(k), momentum(float(k)))[1].nit for k in kappas]
            count.plot(kappas, counts, style, color="#555555", lw=1.2, label=label)
        count.set_xlim(0.8, 125)
        count.set_ylim(0.7, max_iter * 1.5)
        count.set_xlabel("condition number κ")
        count.set_ylabel(
            f"iterations to shrink $\\|\\nabla f\\|$ by $10^{{{-np.log10(reduction):.0f}}}$"
        )
        count.grid(alpha=0.3)
        count.legend(loc="upper left", fontsize=8)
        return [path, count]

    def scene(kappa: float, momentum: float) -> Scene:
        lr, result = run(kappa, momentum)
        steps = result.path[: shown + 1]
        return Scene(
            layers={
                "contours": valley_contours(Valley(kappa), semi_axes),
                "path": (steps[:, 0], steps[:, 1]),
                "count": ([kappa], [max(result.nit, 1)]),
            },
            readouts={
                "lr": f"{lr:.3g}",
                "rate": f"{convergence_rate(lr, (1.0, kappa), momentum=momentum):.3f}",
                "best": f"{best(kappa):.2f}",
                "nit": str(result.nit) if result.success else f"over {result.nit}",
            },
        )

    return Explorer(
        name="conditioning",
        title="Conditioning and momentum",
        controls=(
            Slider(
                "kappa", "condition number κ", 1.0, 100.0, default=25.0, values=kappas, log=True
            ),
            Slider("momentum", "momentum β", 0.0, 0.96, default=0.0, values=momenta),
        ),
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
        backdrop=backdrop,
        scene=scene,
        alt=(
            "Left: elliptical level curves of a quadratic valley stretched along the horizontal "
            "axis, and the red path of the first steps of gradient descent from the left. Right: "
            "iterations needed against the condition number on log-log axes, a solid line for "
            "no momentum, a dashed one for the best momentum, and a red dot for the current run."
        ),
        figsize=(9.5, 3.5),
    )


def linear_regression_explorer(*, n: int = 30, seed: int = 4, max_steps: int = 200) -> Explorer:
    r"""Linear regression fitted by gradient descent, with and without feature scaling.

    The data are :func:`~calcopt.models.regression.house_prices`; the model is
    :math:`\hat y = w_0 + w_1 x` and the loss the mean squared error
    (:class:`~calcopt.models.regression.LeastSquares`). With the raw feature (area in square metres)
    the loss's Hessian has condition number about :math:`10^5`; standardised (zero mean, unit
    deviation, :class:`~calcopt.models.regression.Scaling`) it has 1. Either way the fitted line is
    drawn in the original units, so the two runs can be compared directly.

    Returns
    -------
    Explorer
        Controls ``features`` (raw or standardised), ``lr`` (log scale, shared by both) and
        ``steps`` k.
    """
    area, price = house_prices(n, seed=seed)
    scaling = Scaling.of(area)
    losses = {
        "raw area (m²)": LeastSquares(design_matrix(area), price),
        "standardised area": LeastSquares(design_matrix(scaling.apply(area)), price),
    }
    best = float(losses["raw area (m²)"](losses["raw area (m²)"].solution))
    rates = 10.0 ** (np.arange(-24, 2) / 4)  # 1e-6 to 1.78, with 1 = 2/L (standardised) exact
    span = np.array([30.0, 170.0])

    @lru_cache(maxsize=128)
    def run(features: str, lr: float) -> OptimizeResult:
        loss = losses[features]
        return gradient_descent(
            loss, [0.0, 0.0], lr=lr, grad=loss.gradient, max_iter=max_steps, tol=1e-9
        )

    def raw_weights(features: str, w: np.ndarray) -> np.ndarray:
        return w if features.startswith("raw") else scaling.raw_weights(w)

    def backdrop(fig):
        data = fig.add_axes((0.07, 0.13, 0.42, 0.77))
        data.plot(area, price, "o", color="#1f77b4", ms=4, label="flats")
        w = losses["raw area (m²)"].solution
        data.plot(span, w[0] + w[1] * span, "--", color="#555555", lw=1, label="least squares")
        data.set_xlim(*span)
        data.set_ylim(-50, 600)
        data.set_xlabel("floor area $x$ (m²)")
        data.set_ylabel("price $y$ (thousand €)")
        data.set_title("data and the line $w_0 + w_1 x$", fontsize=10)
        data.legend(loc="upper left", fontsize=8)
        loss = fig.add_axes((0.6, 0.13, 0.37, 0.77))
        loss.set_yscale("log")
        loss.set_xlim(-0.02 * max_steps, 1.02 * max_steps)
        loss.set_ylim(1e-12, 1e8)
        loss.set_xlabel("iteration $k$")
        loss.set_ylabel(r"$f(\mathbf{w}_k) - f^*$ (mean squared error)")
        loss.set_title("loss curve", fontsize=10)
        loss.grid(alpha=0.3)
        return [data, loss]

    def scene(features: str, lr: float, steps: int) -> Scene:
        result = run(features, lr)
        k = min(steps, result.nit)
        w = raw_weights(features, result.path[k])
        gaps = result.values[: k + 1] - best
        status = "still going" if steps < result.nit else result.status.value.replace("_", " ")
        return Scene(
            layers={
                "fit": (span, w[0] + w[1] * span),
                "loss": (np.arange(k + 1), gaps),
                "loss-now": ([k], [gaps[-1]]),
            },
            readouts={
                "w0": f"{w[0]:.4g}",
                "w1": f"{w[1]:.4g}",
                "loss": f"{result.values[k]:.5g}",
                "status": status,
            },
        )

    return Explorer(
        name="linear-regression",
        title="Linear regression by gradient descent",
        controls=(
            Choice("features", "feature", {f: f for f in losses}, default="raw area (m²)"),
            learning_rate_slider(rates, 3e-5),
            steps_slider(max_steps),
        ),
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
        backdrop=backdrop,
        scene=scene,
        alt=(
            "Left: thirty flats as points, price against floor area, with the dashed "
            "least-squares line and the red line of the current gradient-descent iterate. "
            "Right: the gap between the mean squared error and its minimum against the "
            "iteration, on a logarithmic axis."
        ),
        figsize=(9.5, 4.0),
    )
