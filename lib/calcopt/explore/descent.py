"""Explorers for chapter 4, *Gradient descent*."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np

from .. import functions as fn
from ..objective import Objective
from ..optimize import OptimizeResult, gradient_descent
from ..plotting import contour_levels
from .core import Choice, Explorer, Layer, Scene, Slider

#: Start points shown for the catalogue objectives (labels are what the reader sees).
STARTS: dict[str, dict[str, tuple[float, float]]] = {
    "Booth": {"(−3, 0)": (-3.0, 0.0), "(6, 7)": (6.0, 7.0), "(4, −2)": (4.0, -2.0)},
    "Rosenbrock": {"(−1.2, 1)": (-1.2, 1.0), "(0, 2.5)": (0.0, 2.5), "(1.5, −0.5)": (1.5, -0.5)},
    "Himmelblau": {"(0, 0)": (0.0, 0.0), "(−1, −4)": (-1.0, -4.0), "(−4, 1)": (-4.0, 1.0)},
}


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
    """Step counts for the static slider: every step up to 9, then geometrically spaced."""
    return np.unique(np.round(np.concatenate([np.arange(10), np.geomspace(10, max_steps, 17)])))


def gradient_descent_explorer(
    objective: Objective = fn.booth,
    *,
    starts: Mapping[str, Sequence[float]] | None = None,
    max_steps: int = 100,
) -> Explorer:
    r"""Gradient descent on a two-variable objective: path, loss curve and status.

    Controls: the start point (presets), the learning rate :math:`\eta` on a log scale from
    :math:`(2/L)/100` to about :math:`2.2\,(2/L)` (with :math:`2/L` itself one of the positions
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
    rates = rate * 10.0 ** (np.arange(-24, 5) / 12)  # 2/L is the 25th of 29 positions
    best = float(objective(np.array(objective.minima[0])))

    @lru_cache(maxsize=256)
    def run(start: tuple[float, float], lr: float) -> OptimizeResult:
        return gradient_descent(objective, start, lr=lr, max_iter=max_steps, tol=1e-8)

    def backdrop(fig):
        contour = fig.add_axes((0.06, 0.11, 0.45, 0.8))
        X, Y, Z = objective.grid(160)
        contour.contour(
            X, Y, Z, levels=contour_levels(Z, 22, log=True), cmap="viridis", linewidths=0.8
        )
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
            Slider(
                "lr",
                "learning rate η",
                rates[0],
                rates[-1],
                default=rate / 2,
                values=rates,
                log=True,
            ),
            Slider(
                "steps",
                "steps k",
                0,
                max_steps,
                default=max_steps,
                integer=True,
                values=step_positions(max_steps),
                reveal=True,
            ),
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
            f"Left: contour lines of {objective.name}'s function with the path of gradient descent "
            "from the chosen start point. Right: the gap f(x_k) − f* on a logarithmic axis against "
            "the iteration k, and the chosen learning rate on a logarithmic strip whose red zone, "
            f"beyond {rate_label}, is where the iterates diverge."
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
