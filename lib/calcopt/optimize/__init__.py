"""Iterative minimisation and what is known or measured about it.

- :mod:`.result`: :class:`OptimizeResult`, its :class:`Status`, and the run bookkeeping
  (divergence rule) shared by every method;
- :mod:`.descent`: gradient descent, with momentum or a backtracking line search;
- :mod:`.newton`: Newton's method;
- :mod:`.theory`: rates *predicted* on quadratics (learning-rate bounds, best steps, momentum);
- :mod:`.measured`: rates *measured* from a run's iterates (errors, ratios, orders);
- :mod:`.basins`: many runs at once over a grid of starts;
- :mod:`.constrained`: Lagrange multipliers, the KKT conditions and a penalty method;
- :mod:`.projections`: projections onto a box, a ball and the simplex, and projected gradient
  descent.
"""

from .constrained import (
    ActiveSetCase,
    KKTPoint,
    LagrangePoint,
    active_set_cases,
    classify_constrained_point,
    kkt_points,
    lagrange_points,
    least_squares_multipliers,
    penalty,
    reduced_hessian,
)
from .descent import armijo_step, gd_step, gradient_descent, step_sizes
from .newton import newton, newton_armijo_step, newton_step, step_fractions
from .projections import (
    project_ball,
    project_box,
    project_simplex,
    projected_gradient,
    projected_gradient_descent,
    projected_step,
)
from .result import DIVERGENCE_RADIUS, OptimizeResult, Status

__all__ = [
    "DIVERGENCE_RADIUS",
    "ActiveSetCase",
    "KKTPoint",
    "LagrangePoint",
    "OptimizeResult",
    "Status",
    "active_set_cases",
    "armijo_step",
    "classify_constrained_point",
    "gd_step",
    "gradient_descent",
    "kkt_points",
    "lagrange_points",
    "least_squares_multipliers",
    "newton",
    "newton_armijo_step",
    "newton_step",
    "penalty",
    "project_ball",
    "project_box",
    "project_simplex",
    "projected_gradient",
    "projected_gradient_descent",
    "projected_step",
    "reduced_hessian",
    "step_fractions",
    "step_sizes",
]
