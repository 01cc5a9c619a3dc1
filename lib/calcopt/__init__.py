"""calcopt: the library behind *Calculus & Optimization for Machine Learning*.

Numerical differentiation, objectives with exact derivatives, extrema, optimizers, plotting and
explorers. Every number a chapter shows is computed here, and the tests check it against exact
mathematics.
"""

from . import functions, linalg
from .calculus.accuracy import ErrorCurve, difference_errors
from .calculus.diff import derivative, directional_derivative, gradient, hessian, jacobian, partial
from .calculus.extrema import (
    IntervalExtremum,
    Kind,
    StationaryPoint,
    classify_stationary_point,
    maximize_on_interval,
    minimize_on_interval,
    stationary_points,
)
from .calculus.second_order import LineVerdict, line_derivatives, line_test, quadratic_model
from .models import logistic
from .objective import Objective
from .optimize import (
    OptimizeResult,
    Status,
    armijo_step,
    gd_step,
    gradient_descent,
    kkt_points,
    lagrange_points,
    measured,
    newton,
    newton_step,
    project_ball,
    project_box,
    project_simplex,
    projected_gradient_descent,
    step_sizes,
    theory,
)
from .optimize.basins import Basins, basins

__all__ = [
    "Basins",
    "ErrorCurve",
    "IntervalExtremum",
    "Kind",
    "LineVerdict",
    "Objective",
    "OptimizeResult",
    "StationaryPoint",
    "Status",
    "armijo_step",
    "basins",
    "classify_stationary_point",
    "derivative",
    "difference_errors",
    "directional_derivative",
    "functions",
    "gd_step",
    "gradient",
    "gradient_descent",
    "hessian",
    "jacobian",
    "kkt_points",
    "lagrange_points",
    "linalg",
    "line_derivatives",
    "line_test",
    "logistic",
    "maximize_on_interval",
    "measured",
    "minimize_on_interval",
    "newton",
    "newton_step",
    "partial",
    "project_ball",
    "project_box",
    "project_simplex",
    "projected_gradient_descent",
    "quadratic_model",
    "stationary_points",
    "step_sizes",
    "theory",
]
