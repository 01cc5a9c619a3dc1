"""Explorers: interactive figures declared once, live in Jupyter and static in the built book.

Declare an :class:`Explorer` (controls, panels, moving layers and a pure scene function) and
pass it to :func:`show`: in a kernel that gives a :class:`~calcopt.explore.live.LiveExplorer`
(ipywidgets); while the book is built (``CALCOPT_EXPLORERS=static``) a
:class:`~calcopt.explore.static.StaticExplorer`, self-contained HTML over precomputed frames.

The layer, bottom up: :mod:`.core` (declarations and the course's rules for them),
:mod:`.panels` and :mod:`.controls` (shared pieces), :mod:`.draw` (matplotlib side),
:mod:`.live` and :mod:`.static` (the two renderers), :mod:`.show` (picks one). The course's
explorers live in one module per chapter topic, each a module-level ``*_scene`` function and a
short ``*_explorer`` declaration, for example :func:`~calcopt.explore.derivatives.secant_scene`
and :func:`~calcopt.explore.derivatives.secant_explorer`.
"""

from .autodiff import chain_explorer, graph_explorer, modes_explorer
from .constrained import kkt_explorer, lagrange_explorer, projected_descent_explorer
from .core import Choice, Explorer, Layer, Scene, Slider
from .derivatives import (
    difference_error_explorer,
    directional_derivative_explorer,
    secant_explorer,
)
from .descent import (
    conditioning_explorer,
    gradient_descent_explorer,
    learning_rate_sweep_explorer,
    linear_regression_explorer,
)
from .extrema import feasible_set_explorer
from .gradient import gradient_field_explorer
from .linear_algebra import quadratic_form_explorer
from .network import network_explorer
from .newton import basins_explorer, newton_vs_gd_explorer
from .second_order import quadratic_model_explorer, second_order_gallery_explorer
from .show import show
from .stochastic import minibatch_sgd_explorer, optimizer_race_explorer, schedules_explorer
from .training import training_explorer

#: Every explorer of the course by name, with default arguments: tests and ``make bench`` run
#: over this table, so a new explorer is covered once it is listed here.
CATALOGUE = {
    "quadratic-form": quadratic_form_explorer,
    "feasible-set": feasible_set_explorer,
    "secant-to-tangent": secant_explorer,
    "difference-error": difference_error_explorer,
    "directional-derivative": directional_derivative_explorer,
    "gradient-field": gradient_field_explorer,
    "gradient-descent": gradient_descent_explorer,
    "learning-rate-sweep": learning_rate_sweep_explorer,
    "conditioning": conditioning_explorer,
    "linear-regression": linear_regression_explorer,
    "quadratic-model": quadratic_model_explorer,
    "second-order-gallery": second_order_gallery_explorer,
    "newton-vs-gradient-descent": newton_vs_gd_explorer,
    "basins-of-attraction": basins_explorer,
    "lagrange-tangency": lagrange_explorer,
    "projected-gradient-descent": projected_descent_explorer,
    "kkt-multiplier": kkt_explorer,
    "minibatch-sgd": minibatch_sgd_explorer,
    "learning-rate-schedules": schedules_explorer,
    "optimizer-race": optimizer_race_explorer,
    "computation-graph": graph_explorer,
    "forward-vs-reverse": modes_explorer,
    "deep-chain-gradients": chain_explorer,
    "training-a-classifier": training_explorer,
    "training-a-network": network_explorer,
}

__all__ = [
    "CATALOGUE",
    "Choice",
    "Explorer",
    "Layer",
    "Scene",
    "Slider",
    "basins_explorer",
    "chain_explorer",
    "conditioning_explorer",
    "difference_error_explorer",
    "directional_derivative_explorer",
    "feasible_set_explorer",
    "gradient_descent_explorer",
    "gradient_field_explorer",
    "graph_explorer",
    "kkt_explorer",
    "lagrange_explorer",
    "learning_rate_sweep_explorer",
    "linear_regression_explorer",
    "minibatch_sgd_explorer",
    "modes_explorer",
    "network_explorer",
    "newton_vs_gd_explorer",
    "optimizer_race_explorer",
    "projected_descent_explorer",
    "quadratic_form_explorer",
    "quadratic_model_explorer",
    "schedules_explorer",
    "secant_explorer",
    "second_order_gallery_explorer",
    "show",
    "training_explorer",
]
