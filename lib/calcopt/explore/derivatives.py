"""Explorers for chapter 2, *Derivatives*."""

from __future__ import annotations

import numpy as np

from .. import functions as fn
from .._validation import interval
from ..diff import derivative
from ..objective import Objective
from .core import Explorer, Layer, Scene, Slider


def secant_explorer(f: Objective = fn.wavy, span: tuple[float, float] = (-2.0, 2.0)) -> Explorer:
    r"""Secant to tangent: the line through :math:`(x, f(x))` and :math:`(x+h, f(x+h))`.

    As :math:`h \to 0` the secant's slope, the forward difference quotient
    :math:`\frac{f(x+h)-f(x)}{h}`, approaches the tangent's slope :math:`f'(x)`.

    Parameters
    ----------
    f : Objective
        A one-variable objective (its exact derivative gives the tangent).
    span : (float, float)
        The x range shown; the point x moves inside it.

    Returns
    -------
    Explorer
        Controls ``x`` and ``h`` (log scale); readouts of the quotient, :math:`f'(x)` and the
        error.
    """
    a, b = interval(*span, names=("span low", "span high"))
    xs = np.linspace(a - 0.1 * (b - a), b + 0.1 * (b - a), 400)
    ys = f(xs)
    margin = 0.15 * (ys.max() - ys.min())
    limits = ((xs[0], xs[-1]), (ys.min() - margin, ys.max() + margin))

    def backdrop(fig):
        ax = fig.add_axes((0.08, 0.13, 0.9, 0.8))
        ax.plot(xs, ys, color="#1f4e79", lw=2)
        ax.set_xlim(*limits[0])
        ax.set_ylim(*limits[1])
        ax.set_xlabel("x")
        ax.set_ylabel("f(x)")
        ax.set_title(f"$f(x) = {f.latex}$", fontsize=11)
        ax.grid(alpha=0.3)
        return [ax]

    def line_through(x0: float, y0: float, slope: float):
        ends = np.array(limits[0])
        return ends, y0 + slope * (ends - x0)

    def scene(x: float, h: float) -> Scene:
        quotient = float(derivative(f, x, h=h, method="forward"))
        exact = float(f.gradient(x))
        y0, y1 = float(f(x)), float(f(x + h))
        return Scene(
            layers={
                "tangent": line_through(x, y0, exact),
                "secant": line_through(x, y0, quotient),
                "rise": ([x, x + h, x + h], [y0, y0, y1]),
                "points": ([x, x + h], [y0, y1]),
            },
            readouts={
                "quotient": f"{quotient:.6f}",
                "exact": f"{exact:.6f}",
                "error": f"{abs(quotient - exact):.2e}",
            },
        )

    return Explorer(
        name="secant-to-tangent",
        title="Secant to tangent",
        controls=(
            Slider("x", "point x", a, b, default=0.5 * (a + b) + 0.25 * (b - a)),
            Slider("h", "step h", 1e-3, 2.0, default=1.0, log=True),
        ),
        layers=(
            Layer("tangent", color="#555555", width=1.5, dashed=True),
            Layer("secant", color="#d62728", width=2.0),
            Layer("rise", color="#ff7f0e", width=1.2, dashed=True),
            Layer("points", kind="points", color="#d62728", marker=8),
        ),
        readouts=(
            ("quotient", "(f(x+h) − f(x)) / h"),
            ("exact", "f′(x)"),
            ("error", "error"),
        ),
        backdrop=backdrop,
        scene=scene,
        alt=(
            "The graph of f with a red secant line through the points at x and x + h, a dashed "
            "grey tangent line at x, and a dashed orange step showing the run h and the rise "
            "f(x + h) − f(x). As h shrinks the secant turns onto the tangent."
        ),
        figsize=(8.0, 4.2),
    )
