"""calcopt: the library behind *Calculus & Optimization for Machine Learning*.

Numerical differentiation, objectives with exact derivatives, extrema, optimizers, plotting and
explorers. Every number a chapter shows is computed here, and the tests check it against exact
mathematics.
"""

from . import convergence, functions, logistic
from .accuracy import ErrorCurve, difference_errors
from .basins import Basins, basins
from .diff import derivative, directional_derivative, gradient, hessian, jacobian, partial
from .extrema import (
    IntervalExtremum,
    Kind,
    StationaryPoint,
    classify_stationary_point,
    maximize_on_interval,
    minimize_on_interval,
    stationary_points,
)
from .objective import Objective
from .optimize import (
    OptimizeResult,
    Status,
    armijo_step,
    gd_step,
    gradient_descent,
    newton,
    newton_step,
    step_sizes,
)
from .second_order import LineVerdict, line_derivatives, line_test, quadratic_model

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
    "convergence",
    "derivative",
    "difference_errors",
    "directional_derivative",
    "functions",
    "gd_step",
    "gradient",
    "gradient_descent",
    "hessian",
    "jacobian",
    "line_derivatives",
    "line_test",
    "logistic",
    "maximize_on_interval",
    "minimize_on_interval",
    "newton",
    "newton_step",
    "partial",
    "quadratic_model",
    "stationary_points",
    "step_sizes",
]
