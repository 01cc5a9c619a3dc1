"""Iterative minimisation and what is known or measured about it.

- :mod:`.result`: :class:`OptimizeResult`, its :class:`Status`, and the run bookkeeping
  (divergence rule) shared by every method;
- :mod:`.descent`: gradient descent, with momentum or a backtracking line search;
- :mod:`.newton`: Newton's method;
- :mod:`.theory`: rates *predicted* on quadratics (learning-rate bounds, best steps, momentum);
- :mod:`.measured`: rates *measured* from a run's iterates (errors, ratios, orders);
- :mod:`.basins`: many runs at once over a grid of starts.
"""

from .descent import armijo_step, gd_step, gradient_descent, step_sizes
from .newton import newton, newton_armijo_step, newton_step, step_fractions
from .result import DIVERGENCE_RADIUS, OptimizeResult, Status

__all__ = [
    "DIVERGENCE_RADIUS",
    "OptimizeResult",
    "Status",
    "armijo_step",
    "gd_step",
    "gradient_descent",
    "newton",
    "newton_armijo_step",
    "newton_step",
    "step_fractions",
    "step_sizes",
]
