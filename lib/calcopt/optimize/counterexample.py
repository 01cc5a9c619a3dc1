r"""The counterexample of Reddi, Kale & Kumar (2018): a convex online problem on which Adam
converges to the worst point and AMSGrad does not.

The losses arrive one per step t = 1, 2, ... on the interval :math:`[-1, 1]`:

.. math::
    f_t(x) = \begin{cases} C\,x & t \bmod 3 = 1 \\ -x & \text{otherwise} \end{cases}
    \qquad (C > 2).

Over a cycle of three steps their sum is :math:`(C - 2)\,x`, so the best point is
:math:`x = -1`. With :math:`\beta_1 = 0` and :math:`\beta_2 = 1/(1 + C^2)`, Adam forgets the
rare large gradient C within a step or two, so each of the two small gradients -1 moves x up
nearly as far as the large gradient C moves it down, and x drifts to +1, the worst point.
AMSGrad keeps the largest second moment, so the two small gradients move x up much less, and x
goes to -1.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import _validation as check
from .schedules import inverse_sqrt


def reddi_counterexample(
    optimizer_factory: Callable,
    *,
    alpha: float = 0.5,
    C: float = 3.0,
    steps: int = 30_000,
    x0: float = 0.0,
) -> np.ndarray:
    r"""Run an optimizer on the losses of Reddi, Kale & Kumar (2018), projected onto [-1, 1].

    Step t = 1, 2, ... takes the gradient :math:`g_t = C` if :math:`t \bmod 3 = 1`, else
    :math:`g_t = -1`, makes the optimizer's update with the learning rate
    :math:`\alpha/\sqrt t` (:func:`~calcopt.optimize.schedules.inverse_sqrt`) and clips x to
    :math:`[-1, 1]`:

    .. math::
        x_t = \min\big(1, \max(-1,\ x_{t-1} + \text{step}_t)\big).

    The best fixed point is :math:`x = -1`. With C = 3 and 30,000 steps, Adam with
    :math:`\beta_1 = 0, \beta_2 = 1/(1 + C^2)` ends at +1 and AMSGrad with the same
    :math:`\beta`'s near -1.

    Parameters
    ----------
    optimizer_factory : callable
        Makes the optimizer from a learning rate or schedule, for example
        ``lambda lr: adam(lr, b1=0.0, b2=0.1)``.
    alpha : float
        :math:`\alpha > 0`.
    C : float
        The large gradient, C > 2.
    steps : int
        Number of steps, >= 1.
    x0 : float
        Start point in [-1, 1].

    Returns
    -------
    ndarray, shape (steps + 1,)
        :math:`x_0, x_1, \dots`.

    Raises
    ------
    TypeError, ValueError
        For a factory that does not return an optimizer, alpha <= 0, C <= 2, steps < 1 or an
        x0 outside [-1, 1].

    Examples
    --------
    >>> from calcopt.optimize.stochastic import adam, amsgrad
    >>> def run(method):
    ...     return reddi_counterexample(lambda lr: method(lr, b1=0.0, b2=0.1), steps=3000)[-1]
    >>> round(float(run(adam)), 3), round(float(run(amsgrad)), 3)
    (1.0, -0.994)

    See chapter 8, *Stochastic gradient descent*.
    """
    alpha = check.positive(alpha, "alpha")
    C = check.above(C, "C", 2.0)
    steps = check.count(steps, "steps")
    x = np.array([check.in_interval(x0, "x0", -1.0, 1.0)])
    optimizer = check.callable_(optimizer_factory, "optimizer_factory")(inverse_sqrt(alpha))
    state = optimizer.init(x)
    path = np.empty(steps + 1)
    path[0] = x[0]
    for t in range(1, steps + 1):
        step, state = optimizer.update([C if t % 3 == 1 else -1.0], state)
        x = np.clip(x + step, -1.0, 1.0)
        path[t] = x[0]
    return path
