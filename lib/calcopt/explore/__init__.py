"""Explorers: interactive figures declared once, live in Jupyter and static in the built book.

Declare an :class:`Explorer` (controls, layers, a backdrop function and a pure scene function)
and call ``.show()``: in a kernel it returns a :class:`~calcopt.explore.live.LiveExplorer`
(ipywidgets); while the book is built (``CALCOPT_EXPLORERS=static``) it returns a
:class:`~calcopt.explore.static.StaticExplorer`, self-contained HTML over precomputed frames.

The course's explorers live in one module per chapter topic, for example
:func:`~calcopt.explore.derivatives.secant_explorer` and
:func:`~calcopt.explore.descent.gradient_descent_explorer`.
"""

from .core import Choice, Explorer, Layer, Scene, Slider
from .derivatives import secant_explorer
from .descent import (
    conditioning_explorer,
    gradient_descent_explorer,
    learning_rate_sweep_explorer,
    linear_regression_explorer,
)
from .gradient import gradient_field_explorer

#: Every explorer of the course by name, with default arguments: tests and ``make bench`` run
#: over this table, so a new explorer is covered once it is listed here.
CATALOGUE = {
    "secant-to-tangent": secant_explorer,
    "gradient-field": gradient_field_explorer,
    "gradient-descent": gradient_descent_explorer,
    "learning-rate-sweep": learning_rate_sweep_explorer,
    "conditioning": conditioning_explorer,
    "linear-regression": linear_regression_explorer,
}

__all__ = [
    "CATALOGUE",
    "Choice",
    "Explorer",
    "Layer",
    "Scene",
    "Slider",
    "conditioning_explorer",
    "gradient_descent_explorer",
    "gradient_field_explorer",
    "learning_rate_sweep_explorer",
    "linear_regression_explorer",
    "secant_explorer",
]
