"""Explorer for chapter 6, the capstone: training a logistic-regression classifier."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..models.logistic import LogisticLoss, two_blobs
from ..optimize import OptimizeResult, gradient_descent, newton
from .core import Explorer, Layer, Scene
from .descent import learning_rate_slider, rates_around, steps_slider

#: Loss gaps below this are drawn on the bottom edge of the logarithmic axis.
FLOOR = 1e-15


def decision_line(theta: np.ndarray, span: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    r"""Two points of the boundary :math:`b + w_1 a_1 + w_2 a_2 = 0` that span ``span`` in a_1.

    Returns empty arrays while the weights are zero (no boundary yet) and a vertical segment
    when :math:`w_2 = 0`.
    """
    bias, w1, w2 = theta
    if np.hypot(w1, w2) < 1e-12:
        return np.array([]), np.array([])
    if abs(w2) < 1e-12 * abs(w1):
        return np.full(2, -bias / w1), np.array(span)
    a1 = np.array(span)
    return a1, -(bias + w1 * a1) / w2


def training_explorer(loss: LogisticLoss | None = None, *, max_steps: int = 150) -> Explorer:
    r"""Gradient descent and Newton's method training logistic regression, side by side.

    Both start from :math:`\boldsymbol\theta_0 = \mathbf 0`. The learning rate of gradient
    descent is set on a log scale around :math:`2/\Lambda`, where
    :math:`\Lambda = \lambda_{\max}(X^\top X)/(4N)` bounds the loss's curvature; Newton's
    method needs none.

    Parameters
    ----------
    loss : LogisticLoss, optional
        With two features (three parameters). Default: the capstone's data,
        ``two_blobs(100, seed=0)``.
    max_steps : int

    Returns
    -------
    Explorer
        Controls: the learning rate and the number of steps k. Left: the data and both
        decision boundaries after k steps; right: both loss gaps against k.

    Raises
    ------
    ValueError
        If the loss does not have exactly two features.
    """
    if loss is None:
        loss = LogisticLoss(*two_blobs(100, seed=0))
    if loss.size != 3:
        raise ValueError(f"training_explorer draws two features; this loss has {loss.size - 1}")
    start = np.zeros(3)
    rate = 2 / loss.curvature_bound()
    rates = rates_around(rate, below=24)  # 2/Λ is the 25th of 29 positions
    exact = newton(loss, start, grad=loss.gradient, hess=loss.hessian, tol=1e-12, max_iter=50)
    best = exact.fun
    pad = 0.5
    (left, bottom), (right, top) = loss.features.min(axis=0) - pad, loss.features.max(axis=0) + pad

    @lru_cache(maxsize=64)
    def descent(lr: float) -> OptimizeResult:
        return gradient_descent(
            loss, start, lr=lr, grad=loss.gradient, max_iter=max_steps, tol=1e-12
        )

    def backdrop(fig):
        data = fig.add_axes((0.06, 0.12, 0.4, 0.8))
        for value, marker, colour in ((0, "o", "#1f77b4"), (1, "^", "#ff7f0e")):
            chosen = loss.labels == value
            data.scatter(*loss.features[chosen].T, marker=marker, s=14, color=colour, alpha=0.7)
        data.set(
            xlim=(left, right), ylim=(bottom, top), xlabel="feature $a_1$", ylabel="feature $a_2$"
        )
        data.set_title("data and decision boundaries", fontsize=10)
        gaps = fig.add_axes((0.58, 0.12, 0.39, 0.8))
        gaps.set_yscale("log")
        gaps.set(xlim=(-0.02 * max_steps, 1.02 * max_steps), ylim=(FLOOR / 3, 1.0))
        gaps.set(xlabel="iteration k", ylabel=r"$L(\theta_k) - L^*$")
        gaps.set_title("loss gap: gradient descent (red), Newton (blue)", fontsize=10)
        gaps.grid(alpha=0.3)
        return [data, gaps]

    def curve(run: OptimizeResult, k: int) -> tuple[np.ndarray, np.ndarray]:
        steps = min(k, run.nit)
        return np.arange(steps + 1), np.maximum(run.values[: steps + 1] - best, FLOOR)

    def summary(run: OptimizeResult, k: int) -> str:
        theta = run.path[min(k, run.nit)]
        return f"L = {loss(theta):.5f}, accuracy {loss.accuracy(theta):.1%}"

    def scene(lr: float, steps: int) -> Scene:
        runs = {"gd": descent(lr), "newton": exact}
        layers = {}
        for name, run in runs.items():
            k = min(steps, run.nit)
            layers[f"{name}-line"] = decision_line(run.path[k], (left, right))
            layers[f"{name}-gap"] = curve(run, steps)
            layers[f"{name}-now"] = ([k], [max(run.values[k] - best, FLOOR)])
        return Scene(
            layers=layers,
            readouts={
                "lr": f"{lr:.3g} ({lr / rate:.2f} × 2/Λ)",
                "gd": summary(runs["gd"], steps),
                "newton": summary(exact, steps),
            },
        )

    red, blue = "#d62728", "#1f5fbf"
    return Explorer(
        name="training-a-classifier",
        title="Training a classifier",
        controls=(learning_rate_slider(rates, rate / 2), steps_slider(max_steps, default=5)),
        layers=(
            Layer("gd-line", axes=0, color=red, width=2.0),
            Layer("newton-line", axes=0, color=blue, width=2.0, dashed=True),
            Layer("gd-gap", axes=1, color=red, width=1.5),
            Layer("newton-gap", axes=1, color=blue, width=1.5, marker=3),
            Layer("gd-now", axes=1, kind="points", color=red, marker=7),
            Layer("newton-now", axes=1, kind="points", color=blue, marker=7),
        ),
        readouts=(("lr", "η"), ("gd", "gradient descent"), ("newton", "Newton")),
        backdrop=backdrop,
        scene=scene,
        alt=(
            "Left: two overlapping clouds of points, class 0 as blue circles and class 1 as orange "
            "triangles, with the decision boundary of gradient descent (solid red line) and of "
            "Newton's method (dashed blue line) after k steps. Right: the loss gap L(θ_k) − L* of "
            "both methods on a logarithmic axis against k: Newton's drops to rounding level in a "
            "few steps, gradient descent's falls along a straight line."
        ),
        figsize=(9.5, 4.2),
    )
