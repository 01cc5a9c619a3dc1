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
  descent;
- :mod:`.stochastic`: SGD, momentum, Nesterov, AdaGrad, RMSProp, Adam and AMSGrad as pure
  ``init``/``update`` pairs (also importable as :mod:`calcopt.optimizers`);
- :mod:`.schedules`: learning rates as functions of the step number;
- :mod:`.training`: minibatches and the training loop, and optimizers run on a full gradient;
- :mod:`.diagnostics`: the per-sample and minibatch gradients' variance, the learning-rate
  range test;
- :mod:`.counterexample`: Reddi, Kale & Kumar's problem on which Adam fails.
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
from .counterexample import reddi_counterexample
from .descent import armijo_step, gd_step, gradient_descent, step_sizes
from .diagnostics import gradient_variance, lr_range_test, sample_variance
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
from .schedules import Schedule, constant, cosine, inverse_sqrt, inverse_time, step_decay
from .stochastic import (
    Optimizer,
    OptimizerState,
    adagrad,
    adam,
    amsgrad,
    momentum,
    nesterov,
    rmsprop,
    sgd,
)
from .training import TrainResult, minibatches, run_optimizer, train

__all__ = [
    "DIVERGENCE_RADIUS",
    "ActiveSetCase",
    "KKTPoint",
    "LagrangePoint",
    "OptimizeResult",
    "Optimizer",
    "OptimizerState",
    "Schedule",
    "Status",
    "TrainResult",
    "active_set_cases",
    "adagrad",
    "adam",
    "amsgrad",
    "armijo_step",
    "classify_constrained_point",
    "constant",
    "cosine",
    "gd_step",
    "gradient_descent",
    "gradient_variance",
    "inverse_sqrt",
    "inverse_time",
    "kkt_points",
    "lagrange_points",
    "least_squares_multipliers",
    "lr_range_test",
    "minibatches",
    "momentum",
    "nesterov",
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
    "reddi_counterexample",
    "reduced_hessian",
    "rmsprop",
    "run_optimizer",
    "sample_variance",
    "sgd",
    "step_decay",
    "step_fractions",
    "step_sizes",
    "train",
]
