"""Optimizers for minibatch training, their learning-rate schedules and the training loop.

``calcopt.optimizers`` gathers under one name what chapter 8 uses; each is defined once, in
:mod:`calcopt.optimize.stochastic` (the optimizers), :mod:`calcopt.optimize.schedules` and
:mod:`calcopt.optimize.training`::

    >>> from calcopt.optimizers import adam, cosine
    >>> adam(cosine(0.01, total=100))
    adam(lr=cosine(lr=0.01, total=100, final=0.0), b1=0.9, b2=0.999, eps=1e-08)
"""

from .optimize.schedules import Schedule, constant, cosine, inverse_sqrt, inverse_time, step_decay
from .optimize.stochastic import (
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
from .optimize.training import TrainResult, minibatches, run_optimizer, train

__all__ = [
    "Optimizer",
    "OptimizerState",
    "Schedule",
    "TrainResult",
    "adagrad",
    "adam",
    "amsgrad",
    "constant",
    "cosine",
    "inverse_sqrt",
    "inverse_time",
    "minibatches",
    "momentum",
    "nesterov",
    "rmsprop",
    "run_optimizer",
    "sgd",
    "step_decay",
    "train",
]
