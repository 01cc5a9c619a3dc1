"""Explorer for the capstone: training a logistic-regression classifier."""

from __future__ import annotations

from functools import lru_cache, partial

import numpy as np

from ..models.logistic import LogisticLoss, decision_boundary, two_blobs
from ..optimize import OptimizeResult, gradient_descent, newton
from .controls import learning_rate_slider, steps_slider
from .core import Explorer, Layer, Scene
from .descent import run_status
from .panels import Panel, loss_panel

#: Loss gaps below this are drawn on the bottom edge of the logarithmic axis.
FLOOR = 1e-15

#: Gradient-norm tolerance of gradient descent, the one the capstone's notebook uses.
TOL = 1e-9

#: The learning rates offered, as multiples of 2/L: four positions per doubling, from 2/L / 32
#: to 8 (2/L), so that 1/L, 2/L and 4/L are positions and halving is four positions down.
MULTIPLES = 2.0 ** (np.arange(-20, 13) / 4)

RED, BLUE = "#d62728", "#1f5fbf"


@lru_cache(maxsize=4)
def exact_fit(loss: LogisticLoss) -> OptimizeResult:
    """Newton's method from 0 to rounding level: the minimum both runs are measured against."""
    return newton(
        loss, np.zeros(loss.size), grad=loss.gradient, hess=loss.hessian, tol=1e-12, max_iter=50
    )


@lru_cache(maxsize=64)
def descent_fit(loss: LogisticLoss, lr: float, max_steps: int) -> OptimizeResult:
    """Gradient descent from 0 with learning rate lr."""
    return gradient_descent(
        loss, np.zeros(loss.size), lr=lr, grad=loss.gradient, max_iter=max_steps, tol=TOL
    )


def training_scene(
    loss: LogisticLoss, lr: float, steps: int, *, span: tuple[float, float], max_steps: int
) -> Scene:
    r"""Both decision boundaries after ``steps`` steps (a₁ over ``span``), both loss gaps
    :math:`f(\boldsymbol\theta_k) - f^*`, and where each run stands."""
    exact = exact_fit(loss)
    runs = {"gd": descent_fit(loss, lr, max_steps), "newton": exact}
    layers, readouts = {}, {}
    for name, run in runs.items():
        k = min(steps, run.nit)
        layers[f"{name}-line"] = decision_boundary(run.path[k], span)
        gaps = np.maximum(run.values[: k + 1] - exact.fun, FLOOR)
        layers[f"{name}-gap"] = (np.arange(k + 1), gaps)
        layers[f"{name}-now"] = ([k], [gaps[-1]])
        theta = run.path[k]
        readouts[name] = (
            f"f = {loss(theta):.5f}, accuracy {loss.accuracy(theta):.1%}, {run_status(run, steps)}"
        )
    rate = 2 / loss.curvature_bound()
    return Scene(layers, {"lr": f"{lr:.3g} ({lr / rate:.3g} × 2/L)", **readouts})


def _data(loss: LogisticLoss):
    def draw(ax) -> None:
        for value, marker, colour in ((0, "o", "#1f77b4"), (1, "^", "#ff7f0e")):
            chosen = loss.labels == value
            ax.scatter(*loss.features[chosen].T, marker=marker, s=14, color=colour, alpha=0.7)

    return draw


def training_explorer(loss: LogisticLoss | None = None, *, max_steps: int = 300) -> Explorer:
    r"""Gradient descent and Newton's method training logistic regression, side by side.

    Both start from :math:`\boldsymbol\theta_0 = \mathbf 0`; gradient descent stops once
    :math:`\lVert\nabla f\rVert \le 10^{-9}` (as in the notebook), Newton's method at
    rounding level (:func:`exact_fit`). The learning rate of gradient descent takes the
    values :data:`MULTIPLES` of :math:`2/L`, where :math:`L = \lambda_{\max}(X^\top X)/(4N)`
    bounds the loss's curvature everywhere (``loss.curvature_bound()``); Newton's method needs
    none. Left: the data and both decision boundaries after k steps; right: both loss gaps
    against k (:func:`training_scene`). The loss must have two features (three parameters);
    the default is the capstone's data, ``two_blobs(100, seed=0)``.

    Raises
    ------
    ValueError
        If the loss does not have exactly two features.
    """
    if loss is None:
        loss = LogisticLoss(*two_blobs(100, seed=0))
    if loss.size != 3:
        raise ValueError(f"training_explorer draws two features; this loss has {loss.size - 1}")
    rate = 2 / loss.curvature_bound()
    (left, bottom), (right, top) = loss.features.min(axis=0) - 0.5, loss.features.max(axis=0) + 0.5
    data = Panel(
        (0.06, 0.12, 0.4, 0.8),
        (_data(loss),),
        xlim=(left, right),
        ylim=(bottom, top),
        xlabel="feature $a_1$",
        ylabel="feature $a_2$",
        title="data and decision boundaries",
    )
    gaps = loss_panel(
        (0.58, 0.12, 0.39, 0.8),
        max_steps,
        (FLOOR / 3, 1.0),
        ylabel=r"$f(\theta_k) - f^*$",
        title="loss gap: gradient descent (red), Newton (blue)",
    )
    return Explorer(
        name="training-a-classifier",
        title="Training a classifier",
        controls=(
            learning_rate_slider(rate * MULTIPLES, rate / 2),  # 1/L
            steps_slider(max_steps, default=5),
        ),
        panels=(data, gaps),
        layers=(
            Layer("gd-line", axes=0, color=RED, width=2.0),
            Layer("newton-line", axes=0, color=BLUE, width=2.0, dashed=True),
            Layer("gd-gap", axes=1, color=RED, width=1.5),
            Layer("newton-gap", axes=1, color=BLUE, width=1.5, marker=3),
            Layer("gd-now", axes=1, kind="points", color=RED, marker=7),
            Layer("newton-now", axes=1, kind="points", color=BLUE, marker=7),
        ),
        readouts=(("lr", "η"), ("gd", "gradient descent"), ("newton", "Newton")),
        scene=partial(training_scene, loss, span=(left, right), max_steps=max_steps),
        alt=(
            "Left: two overlapping clouds of points, class 0 as blue circles and class 1 as orange "
            "triangles, with the decision boundary of gradient descent (solid red line) and of "
            "Newton's method (dashed blue line) after k steps. Right: the loss gap f(θ_k) − f* of "
            "both methods on a logarithmic axis against k: Newton's drops to rounding level in a "
            "few steps, gradient descent's falls along a straight line, or, for a learning rate "
            "far beyond 2/L, oscillates without settling."
        ),
        figsize=(9.5, 4.2),
    )
