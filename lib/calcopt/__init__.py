"""calcopt: the library behind *Calculus & Optimization for Machine Learning*.

Numerical differentiation, objectives with exact derivatives, extrema, optimizers, plotting and
explorers. Every number a chapter shows is computed here, and the tests check it against exact
mathematics.
"""

from . import functions
from .accuracy import ErrorCurve, difference_errors
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
from .optimize import OptimizeResult, Status, gd_step, gradient_descent, newton, newton_step

__all__ = [
    "ErrorCurve",
    "IntervalExtremum",
    "Kind",
    "Objective",
    "OptimizeResult",
    "StationaryPoint",
    "Status",
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
    "maximize_on_interval",
    "minimize_on_interval",
    "newton",
    "newton_step",
    "partial",
    "stationary_points",
]
