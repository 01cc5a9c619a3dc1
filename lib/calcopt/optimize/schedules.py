r"""Learning-rate schedules: the learning rate as a function of the step number.

A schedule is a callable of the step :math:`k = 0, 1, 2, \dots` that returns a learning rate
:math:`\eta_k \ge 0`. The optimizers of :mod:`calcopt.optimize.stochastic` use
:math:`\eta_{t-1}` for their t-th update (t = 1, 2, ...), so the first update uses
:math:`\eta_0`. Any callable of k will do; the ones here also take an array of steps, which
draws a schedule in one call::

    >>> inverse_time(0.1, 0.5)(np.arange(4)).round(4).tolist()
    [0.1, 0.0667, 0.05, 0.04]

Stochastic gradient descent with :math:`\eta_k` converges on a strongly convex function when the
Robbins-Monro conditions :math:`\sum_k \eta_k = \infty` and :math:`\sum_k \eta_k^2 < \infty`
hold: :func:`inverse_time` satisfies both; a :func:`constant` rate satisfies only the first
and, where the minibatch gradients are noisy at the minimiser, leaves the iterates in a noise
ball around it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from .. import _validation as check


@dataclass(frozen=True)
class Schedule:
    """A learning-rate schedule: ``schedule(k)`` is the learning rate of step k = 0, 1, 2, ...

    ``rule`` is a function of an array of steps with the schedule's parameters bound by
    ``functools.partial``; they appear in the ``repr``.
    """

    name: str
    rule: partial

    def __call__(self, k):
        """The learning rate at step k (a float), or at each step of an array k."""
        rates = self.rule(np.asarray(k))
        return float(rates) if rates.ndim == 0 else rates

    def __repr__(self) -> str:
        return call_text(self.name, self.rule.keywords)


def call_text(name: str, keywords: dict) -> str:
    """``name(key=value, ...)``: how a schedule or an optimizer is made, for its ``repr``."""
    listed = ", ".join(f"{key}={value!r}" for key, value in keywords.items())
    return f"{name}({listed})"


def as_schedule(lr) -> Callable:
    """A schedule for ``lr``: the schedule itself, or :func:`constant` for a number.

    Raises
    ------
    TypeError, ValueError
        If lr is neither a callable nor a finite number >= 0.

    Examples
    --------
    >>> as_schedule(0.1)
    constant(lr=0.1)
    """
    lr = check.rate_or_schedule(lr, "lr")
    return lr if callable(lr) else constant(lr)


def rate_at(schedule: Callable, k: int) -> float:
    """The learning rate ``schedule(k)``, checked: a finite number >= 0.

    Raises
    ------
    ValueError
        If the schedule returns anything else at step k.
    """
    return check.scheduled_rate(schedule(k), k)


def _constant(k, *, lr):
    return np.full(k.shape, lr)


def _step_decay(k, *, lr, factor, every):
    return lr * factor ** (k // every)


def _inverse_time(k, *, lr, decay):
    return lr / (1 + decay * k)


def _inverse_sqrt(k, *, lr, decay):
    return lr / np.sqrt(1 + decay * k)


def _cosine(k, *, lr, total, final):
    return final + (lr - final) * (1 + np.cos(np.pi * np.minimum(k, total) / total)) / 2


def _decaying(name: str, rule: Callable, lr, decay) -> Schedule:
    """A schedule whose rule has a starting rate lr >= 0 and a decay >= 0."""
    lr, decay = check.nonnegative(lr, "lr"), check.nonnegative(decay, "decay")
    return Schedule(name, partial(rule, lr=lr, decay=decay))


def constant(lr: float) -> Schedule:
    r"""The same learning rate at every step, :math:`\eta_k = \eta`.

    Parameters
    ----------
    lr : float
        :math:`\eta \ge 0`.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError, ValueError
        If lr is not a finite number >= 0.

    Examples
    --------
    >>> constant(0.1)(7)
    0.1

    See chapter 8, *Stochastic gradient descent*.
    """
    return Schedule("constant", partial(_constant, lr=check.nonnegative(lr, "lr")))


def step_decay(lr: float, factor: float, every: int) -> Schedule:
    r"""A learning rate multiplied by ``factor`` every ``every`` steps.

    .. math::
        \eta_k = \eta\,\gamma^{\lfloor k / s \rfloor}

    with :math:`\gamma` = factor and s = every.

    Parameters
    ----------
    lr : float
        :math:`\eta \ge 0`, the rate of steps 0 to s - 1.
    factor : float
        :math:`\gamma \in (0, 1]`.
    every : int
        s >= 1.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError, ValueError
        For lr < 0, a factor outside (0, 1] or every < 1.

    Examples
    --------
    >>> step_decay(1.0, 0.5, 2)([0, 1, 2, 3, 4]).tolist()
    [1.0, 1.0, 0.5, 0.5, 0.25]

    See chapter 8, *Stochastic gradient descent*.
    """
    return Schedule(
        "step_decay",
        partial(
            _step_decay,
            lr=check.nonnegative(lr, "lr"),
            factor=check.in_interval(factor, "factor", 0.0, 1.0, low_open=True),
            every=check.count(every, "every"),
        ),
    )


def inverse_time(lr: float, decay: float) -> Schedule:
    r"""A learning rate that decays like 1/k, the schedule of the Robbins-Monro conditions.

    .. math::
        \eta_k = \frac{\eta}{1 + d\,k}

    For d > 0, :math:`\sum_k \eta_k = \infty` and :math:`\sum_k \eta_k^2 < \infty`.

    Parameters
    ----------
    lr : float
        :math:`\eta \ge 0`, the rate of step 0.
    decay : float
        d >= 0; d = 0 gives a constant rate.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError, ValueError
        For lr < 0 or decay < 0.

    Examples
    --------
    >>> inverse_time(1.0, 0.5)([0, 2, 6]).tolist()
    [1.0, 0.5, 0.25]

    See chapter 8, *Stochastic gradient descent*.
    """
    return _decaying("inverse_time", _inverse_time, lr, decay)


def inverse_sqrt(lr: float, decay: float = 1.0) -> Schedule:
    r"""A learning rate that decays like :math:`1/\sqrt k`.

    .. math::
        \eta_k = \frac{\eta}{\sqrt{1 + d\,k}}

    With d = 1 the t-th update (t = 1, 2, ..., which uses :math:`\eta_{t-1}`) has the rate
    :math:`\eta/\sqrt t` of the analyses of Adam and AMSGrad. Here
    :math:`\sum_k \eta_k^2 = \infty`: the second Robbins-Monro condition fails.

    Parameters
    ----------
    lr : float
        :math:`\eta \ge 0`, the rate of step 0.
    decay : float
        d >= 0.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError, ValueError
        For lr < 0 or decay < 0.

    Examples
    --------
    >>> inverse_sqrt(1.0)([0, 3, 8]).tolist()
    [1.0, 0.5, 0.3333333333333333]

    See chapter 8, *Stochastic gradient descent*.
    """
    return _decaying("inverse_sqrt", _inverse_sqrt, lr, decay)


def cosine(lr: float, total: int, final: float = 0.0) -> Schedule:
    r"""A learning rate that falls from ``lr`` to ``final`` along half a cosine in ``total``
    steps, then stays at ``final``.

    .. math::
        \eta_k = \eta_{\text{final}} + \frac{\eta - \eta_{\text{final}}}{2}
        \Big(1 + \cos\frac{\pi \min(k, T)}{T}\Big)

    Parameters
    ----------
    lr : float
        :math:`\eta \ge 0`, the rate of step 0.
    total : int
        T >= 1, the step at which the rate reaches ``final``.
    final : float
        :math:`\eta_{\text{final}} \ge 0`.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError, ValueError
        For lr < 0, total < 1 or final < 0.

    Examples
    --------
    >>> cosine(1.0, 4)([0, 2, 4, 9]).round(12).tolist()
    [1.0, 0.5, 0.0, 0.0]

    See chapter 8, *Stochastic gradient descent*.
    """
    return Schedule(
        "cosine",
        partial(
            _cosine,
            lr=check.nonnegative(lr, "lr"),
            total=check.count(total, "total"),
            final=check.nonnegative(final, "final"),
        ),
    )
