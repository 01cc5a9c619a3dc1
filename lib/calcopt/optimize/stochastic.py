r"""First-order optimizers as pure pairs ``init``/``update``: SGD, momentum, Nesterov, AdaGrad,
RMSProp, Adam and AMSGrad.

Each factory (:func:`sgd`, :func:`adam`, ...) returns an :class:`Optimizer`. Its ``init(x0)``
makes the state and ``update(g, state)`` returns ``(step, new_state)`` for the gradient g at
the current point, so that

.. math::
    \mathbf x_{t} = \mathbf x_{t-1} + \text{step}_t .

Nothing is mutated: the state is an :class:`OptimizerState` of the update count and new
arrays, so a lesson can keep every state of a run, or advance one update at a time. The
formulas are those of the common libraries, with every running average starting at 0 and
the updates counted t = 1, 2, ...; the t-th update uses the learning rate
:math:`\eta_{t-1}` = ``lr(t - 1)`` of the schedule ``lr`` (see
:mod:`calcopt.optimize.schedules`; a number is a constant rate). Squares, square roots and
divisions act on each coordinate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

import numpy as np

from .. import _validation as check
from .schedules import as_schedule, call_text, rate_at


class OptimizerState(NamedTuple):
    """What an optimizer carries from one update to the next.

    Attributes
    ----------
    count : int
        Updates made so far, t - 1 while the t-th update is computed.
    moments : tuple of ndarray
        The running sums or averages, each shaped like x0, in the order the optimizer's
        docstring gives (empty for :func:`sgd`).
    shape : tuple of int
        The shape of x0.
    """

    count: int
    moments: tuple[np.ndarray, ...]
    shape: tuple[int, ...]


@dataclass(frozen=True)
class Optimizer:
    r"""A first-order optimizer: a learning-rate schedule and a rule for the direction.

    The t-th update computes the direction :math:`\mathbf d_t` and the new moments from the
    gradient and the old moments, and returns the step :math:`-\eta_{t-1}\mathbf d_t`.
    Build one with a factory such as :func:`adam`.

    Attributes
    ----------
    name : str
        The factory's name.
    lr : callable
        The learning-rate schedule, a function of the step k = 0, 1, ...
    rule : functools.partial
        ``rule(g, moments, t) -> (direction, moments)`` with the hyperparameters bound.
    n_moments : int
        How many arrays the state carries.
    """

    name: str
    lr: Callable
    rule: partial
    n_moments: int

    def init(self, x0) -> OptimizerState:
        """The state before the first update: no updates made, every moment 0.

        Raises
        ------
        TypeError, ValueError
            If x0 is not a finite point (a number or a 1-D array).
        """
        x0 = check.point(x0, "x0")
        moments = tuple(np.zeros_like(x0) for _ in range(self.n_moments))
        return OptimizerState(0, moments, x0.shape)

    def update(self, g, state: OptimizerState) -> tuple[np.ndarray, OptimizerState]:
        r"""The next step and state, from the gradient g at the current point.

        Parameters
        ----------
        g : array_like
            :math:`\nabla f(\mathbf x_{t-1})`, or a minibatch estimate of it, shaped like x0.
        state : OptimizerState
            From :meth:`init` or the previous update; it is not changed.

        Returns
        -------
        step : ndarray
            :math:`\mathbf x_t - \mathbf x_{t-1}`.
        state : OptimizerState
            A new state, with count t.

        Raises
        ------
        TypeError, ValueError
            For a state that no init or update made, a g of the wrong shape, or a schedule
            that returns a negative or non-finite learning rate.
        """
        check.instance(state, "state", OptimizerState, "the state that init or update returned")
        g = check.gradient_like(np.asarray(g, dtype=float), state.shape)
        lr = rate_at(self.lr, state.count)
        direction, moments = self.rule(g, state.moments, state.count + 1)
        return -lr * direction, OptimizerState(state.count + 1, moments, state.shape)

    def __repr__(self) -> str:
        return call_text(self.name, {"lr": self.lr, **self.rule.keywords})


def _beta(value, name: str) -> float:
    return check.in_interval(value, name, 0.0, 1.0, high_open=True)


# Each rule maps the gradient, the old moments and the update number t = 1, 2, ... to the
# direction d_t and the new moments; Optimizer.update returns the step -lr(t - 1) d_t.


def _plain(g, moments, t):
    return g, ()


def _heavy_ball(g, moments, t, *, beta):
    velocity = beta * moments[0] + g
    return velocity, (velocity,)


def _lookahead(g, moments, t, *, beta):
    velocity = beta * moments[0] + g
    return g + beta * velocity, (velocity,)


def _scaled(g, second_moment, eps):
    return g / (np.sqrt(second_moment) + eps)


def _adagrad(g, moments, t, *, eps):
    total = moments[0] + g * g
    return _scaled(g, total, eps), (total,)


def _rmsprop(g, moments, t, *, decay, eps):
    average = decay * moments[0] + (1 - decay) * g * g
    return _scaled(g, average, eps), (average,)


def _averages(g, m, v, b1, b2):
    return b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g


def _corrected(m, v, t, b1, b2, eps):
    return _scaled(m / (1 - b1**t), v / (1 - b2**t), eps)


def _adam(g, moments, t, *, b1, b2, eps):
    m, v = _averages(g, *moments, b1, b2)
    return _corrected(m, v, t, b1, b2, eps), (m, v)


def _amsgrad(g, moments, t, *, b1, b2, eps):
    m, v = _averages(g, *moments[:2], b1, b2)
    v_max = np.maximum(moments[2], v)
    return _corrected(m, v_max, t, b1, b2, eps), (m, v, v_max)


def sgd(lr) -> Optimizer:
    r"""Stochastic gradient descent: a step against the (minibatch) gradient.

    .. math::
        \text{step}_t = -\eta_{t-1}\,\mathbf g_t

    Parameters
    ----------
    lr : float or callable
        A learning rate :math:`\eta \ge 0`, or a schedule (see
        :mod:`calcopt.optimize.schedules`).

    Returns
    -------
    Optimizer
        Its state has no moments.

    Raises
    ------
    TypeError, ValueError
        If lr is neither a number >= 0 nor a callable.

    Examples
    --------
    >>> opt = sgd(0.1)
    >>> step, state = opt.update([2.0, -4.0], opt.init([0.0, 0.0]))
    >>> step.tolist(), state.count
    ([-0.2, 0.4], 1)

    See chapter 8, *Stochastic gradient descent*.
    """
    return Optimizer("sgd", as_schedule(lr), partial(_plain), 0)


def momentum(lr, beta: float = 0.9) -> Optimizer:
    r"""SGD with (heavy-ball) momentum, in the form of the common libraries.

    .. math::
        \mathbf v_t = \beta\,\mathbf v_{t-1} + \mathbf g_t, \qquad
        \text{step}_t = -\eta_{t-1}\,\mathbf v_t, \qquad \mathbf v_0 = \mathbf 0

    With a constant rate this is the heavy-ball update of chapter 4,
    :math:`\mathbf x_t = \mathbf x_{t-1} - \eta\,\mathbf g_t + \beta(\mathbf x_{t-1} -
    \mathbf x_{t-2})`, because :math:`-\eta\mathbf v_{t-1}` is the previous step.

    Parameters
    ----------
    lr : float or callable
        A learning rate :math:`\eta \ge 0`, or a schedule.
    beta : float
        :math:`\beta \in [0, 1)`; 0 gives :func:`sgd`.

    Returns
    -------
    Optimizer
        Its state's moments are :math:`(\mathbf v,)`.

    Raises
    ------
    TypeError, ValueError
        For a bad lr or a beta outside [0, 1).

    Examples
    --------
    On a constant gradient the steps grow towards :math:`\eta g/(1 - \beta)`:

    >>> opt = momentum(1.0, beta=0.5)
    >>> state = opt.init([0.0])
    >>> for _ in range(3):
    ...     step, state = opt.update([1.0], state)
    ...     print(step)
    [-1.]
    [-1.5]
    [-1.75]

    See chapter 8, *Stochastic gradient descent*.
    """
    beta = _beta(beta, "beta")
    return Optimizer("momentum", as_schedule(lr), partial(_heavy_ball, beta=beta), 1)


def nesterov(lr, beta: float = 0.9) -> Optimizer:
    r"""SGD with Nesterov momentum, in the form of the common libraries (PyTorch, optax).

    .. math::
        \mathbf v_t = \beta\,\mathbf v_{t-1} + \mathbf g_t, \qquad
        \text{step}_t = -\eta_{t-1}\,(\mathbf g_t + \beta\,\mathbf v_t), \qquad
        \mathbf v_0 = \mathbf 0

    Expanded, :math:`\text{step}_t = -\eta_{t-1}\big((1 + \beta)\,\mathbf g_t +
    \beta^2\mathbf v_{t-1}\big)`: the newest gradient weighs more than in :func:`momentum`, so
    the steps turn sooner when the gradient changes.

    Parameters
    ----------
    lr : float or callable
        A learning rate :math:`\eta \ge 0`, or a schedule.
    beta : float
        :math:`\beta \in [0, 1)`.

    Returns
    -------
    Optimizer
        Its state's moments are :math:`(\mathbf v,)`.

    Raises
    ------
    TypeError, ValueError
        For a bad lr or a beta outside [0, 1).

    Examples
    --------
    >>> opt = nesterov(1.0, beta=0.5)
    >>> step, state = opt.update([1.0], opt.init([0.0]))
    >>> step, state.moments
    (array([-1.5]), (array([1.]),))

    See chapter 8, *Stochastic gradient descent*.
    """
    beta = _beta(beta, "beta")
    return Optimizer("nesterov", as_schedule(lr), partial(_lookahead, beta=beta), 1)


def adagrad(lr, eps: float = 1e-8) -> Optimizer:
    r"""AdaGrad: each coordinate's step divided by the root of its summed squared gradients.

    .. math::
        \mathbf G_t = \mathbf G_{t-1} + \mathbf g_t^2, \qquad
        \text{step}_t = -\eta_{t-1}\,\frac{\mathbf g_t}{\sqrt{\mathbf G_t} + \varepsilon},
        \qquad \mathbf G_0 = \mathbf 0

    Since :math:`\mathbf G_t` only grows, the effective rates only shrink.

    Parameters
    ----------
    lr : float or callable
        A learning rate :math:`\eta \ge 0`, or a schedule.
    eps : float
        :math:`\varepsilon > 0`, which keeps a zero gradient from dividing 0 by 0.

    Returns
    -------
    Optimizer
        Its state's moments are :math:`(\mathbf G,)`.

    Raises
    ------
    TypeError, ValueError
        For a bad lr or eps.

    Examples
    --------
    The first step has size :math:`\eta` in every coordinate, whatever the gradient's scale:

    >>> opt = adagrad(0.1)
    >>> step, state = opt.update([1e3, -1e-3], opt.init([0.0, 0.0]))
    >>> step.round(6).tolist()
    [-0.1, 0.099999]

    See chapter 8, *Stochastic gradient descent*.
    """
    eps = check.positive(eps, "eps")
    return Optimizer("adagrad", as_schedule(lr), partial(_adagrad, eps=eps), 1)


def rmsprop(lr, decay: float = 0.9, eps: float = 1e-8) -> Optimizer:
    r"""RMSProp: each coordinate's step divided by the root of a running average of its
    squared gradients.

    .. math::
        \mathbf s_t = \rho\,\mathbf s_{t-1} + (1 - \rho)\,\mathbf g_t^2, \qquad
        \text{step}_t = -\eta_{t-1}\,\frac{\mathbf g_t}{\sqrt{\mathbf s_t} + \varepsilon},
        \qquad \mathbf s_0 = \mathbf 0

    Unlike :func:`adagrad`, old gradients are forgotten at the rate :math:`\rho`.

    Parameters
    ----------
    lr : float or callable
        A learning rate :math:`\eta \ge 0`, or a schedule.
    decay : float
        :math:`\rho \in [0, 1)`.
    eps : float
        :math:`\varepsilon > 0`.

    Returns
    -------
    Optimizer
        Its state's moments are :math:`(\mathbf s,)`.

    Raises
    ------
    TypeError, ValueError
        For a bad lr, a decay outside [0, 1) or a bad eps.

    Examples
    --------
    Without bias correction the first step is :math:`1/\sqrt{1-\rho}` times :math:`\eta`:

    >>> opt = rmsprop(0.1, decay=0.75)
    >>> step, state = opt.update([4.0], opt.init([0.0]))
    >>> step.round(6).tolist()
    [-0.2]

    See chapter 8, *Stochastic gradient descent*.
    """
    decay, eps = _beta(decay, "decay"), check.positive(eps, "eps")
    return Optimizer("rmsprop", as_schedule(lr), partial(_rmsprop, decay=decay, eps=eps), 1)


def _adam_hyperparameters(b1, b2, eps) -> dict:
    return {"b1": _beta(b1, "b1"), "b2": _beta(b2, "b2"), "eps": check.positive(eps, "eps")}


def adam(lr=1e-3, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8) -> Optimizer:
    r"""Adam (Kingma & Ba, 2015): momentum on the gradient, RMSProp's scaling, and a bias
    correction of both running averages.

    .. math::
        \mathbf m_t = \beta_1\mathbf m_{t-1} + (1-\beta_1)\,\mathbf g_t, \qquad
        \mathbf v_t = \beta_2\mathbf v_{t-1} + (1-\beta_2)\,\mathbf g_t^2,

        \hat{\mathbf m}_t = \frac{\mathbf m_t}{1-\beta_1^t}, \qquad
        \hat{\mathbf v}_t = \frac{\mathbf v_t}{1-\beta_2^t}, \qquad
        \text{step}_t = -\eta_{t-1}\,\frac{\hat{\mathbf m}_t}{\sqrt{\hat{\mathbf v}_t}
        + \varepsilon}

    with :math:`\mathbf m_0 = \mathbf v_0 = \mathbf 0`. The averages start at 0 and so are too
    small at first; dividing by :math:`1-\beta^t` removes this bias, so on a constant gradient
    every step, the first included, is :math:`\approx -\eta\,\operatorname{sign}(\mathbf g)`.
    The scaling uses the gradient's magnitude, not the curvature: Adam is not a Newton step.

    Parameters
    ----------
    lr : float or callable
        A learning rate :math:`\eta \ge 0`, or a schedule.
    b1, b2 : float
        :math:`\beta_1, \beta_2 \in [0, 1)`.
    eps : float
        :math:`\varepsilon > 0`.

    Returns
    -------
    Optimizer
        Its state's moments are :math:`(\mathbf m, \mathbf v)`.

    Raises
    ------
    TypeError, ValueError
        For a bad lr, a b1 or b2 outside [0, 1) or a bad eps.

    Examples
    --------
    >>> opt = adam(0.001)
    >>> step, state = opt.update([1e4, -1e-2], opt.init([0.0, 0.0]))
    >>> step.round(8).tolist()
    [-0.001, 0.001]

    See chapter 8, *Stochastic gradient descent*.
    """
    hyper = _adam_hyperparameters(b1, b2, eps)
    return Optimizer("adam", as_schedule(lr), partial(_adam, **hyper), 2)


def amsgrad(lr=1e-3, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8) -> Optimizer:
    r"""AMSGrad (Reddi, Kale & Kumar, 2018): Adam with the running maximum of the second
    moment in the denominator, so a large gradient is never forgotten.

    .. math::
        \mathbf v^{\max}_t = \max(\mathbf v^{\max}_{t-1}, \mathbf v_t), \qquad
        \text{step}_t = -\eta_{t-1}\,\frac{\mathbf m_t / (1-\beta_1^t)}
        {\sqrt{\mathbf v^{\max}_t / (1-\beta_2^t)} + \varepsilon}

    with :math:`\mathbf m_t, \mathbf v_t` as in :func:`adam` and
    :math:`\mathbf v^{\max}_0 = \mathbf 0`. As in PyTorch and Keras, the maximum is taken over
    the raw averages :math:`\mathbf v_t`, as in the paper, and then bias-corrected; optax
    instead takes the maximum of the corrected :math:`\hat{\mathbf v}_t`, which differs while
    an early :math:`\hat{\mathbf v}_t` is the largest. Adam can converge to the worst point of
    a convex problem (:func:`~calcopt.optimize.counterexample.reddi_counterexample`); AMSGrad
    does not.

    Parameters
    ----------
    lr : float or callable
        A learning rate :math:`\eta \ge 0`, or a schedule.
    b1, b2 : float
        :math:`\beta_1, \beta_2 \in [0, 1)`.
    eps : float
        :math:`\varepsilon > 0`.

    Returns
    -------
    Optimizer
        Its state's moments are :math:`(\mathbf m, \mathbf v, \mathbf v^{\max})`.

    Raises
    ------
    TypeError, ValueError
        For a bad lr, a b1 or b2 outside [0, 1) or a bad eps.

    Examples
    --------
    After one large gradient, AMSGrad keeps taking small steps on small gradients; Adam's
    steps grow back as it forgets the large one:

    >>> def last_step(opt):
    ...     state = opt.init([0.0])
    ...     for g in (10.0, 1.0, 1.0, 1.0):
    ...         step, state = opt.update([g], state)
    ...     return round(float(step[0]), 4)
    >>> last_step(amsgrad(0.1, b1=0.0, b2=0.5)), last_step(adam(0.1, b1=0.0, b2=0.5))
    (-0.0137, -0.0363)

    See chapter 8, *Stochastic gradient descent*.
    """
    hyper = _adam_hyperparameters(b1, b2, eps)
    return Optimizer("amsgrad", as_schedule(lr), partial(_amsgrad, **hyper), 3)
