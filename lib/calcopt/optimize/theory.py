r"""How fast gradient descent and heavy-ball momentum converge on a quadratic.

On a quadratic with Hessian A and minimiser :math:`\mathbf x^*`, the error
:math:`\mathbf e_k = \mathbf x_k - \mathbf x^*` of gradient descent obeys
:math:`\mathbf e_{k+1} = (I - \eta A)\,\mathbf e_k`, and with momentum :math:`\beta`

.. math::
    \mathbf e_{k+1} = \big((1+\beta) I - \eta A\big)\,\mathbf e_k - \beta\,\mathbf e_{k-1}.

Along each eigenvector of A (eigenvalue :math:`\lambda`) the error evolves alone, as a number
sequence whose growth factors r solve :math:`r^2 - (1 + \beta - \eta\lambda)\,r + \beta = 0`.
The largest :math:`|r|` over all eigenvalues is the rate: the error shrinks by about that
factor per step. Chapter 4 derives the formulas here.
"""

from __future__ import annotations

import math

import numpy as np

from .. import _validation as check


def convergence_rate(lr, eigenvalues, *, momentum: float = 0.0):
    r"""Asymptotic factor by which the error shrinks per step on a quadratic.

    .. math::
        \rho = \max_\lambda \max\{|r| : r^2 - (1 + \beta - \eta\lambda)\,r + \beta = 0\},
        \qquad \rho = \max_\lambda |1 - \eta\lambda| \text{ when } \beta = 0 .

    Gradient descent converges from every start iff :math:`\rho < 1`, which holds iff
    :math:`0 < \eta\lambda < 2 + 2\beta` for every eigenvalue :math:`\lambda`.

    Parameters
    ----------
    lr : float or array_like
        Learning rate(s) :math:`\eta`; an array gives one rate per entry.
    eigenvalues : array_like, shape (n,)
        Eigenvalues of the Hessian.
    momentum : float
        :math:`\beta \in [0, 1)`.

    Returns
    -------
    float or ndarray
        Shaped like ``lr``.

    Raises
    ------
    TypeError, ValueError
        If ``lr`` or ``eigenvalues`` are not finite real numbers, or ``momentum`` is outside
        [0, 1).

    Examples
    --------
    Booth's function has Hessian eigenvalues 2 and 18:

    >>> round(convergence_rate(0.1, [2.0, 18.0]), 12)
    0.8

    See chapter 4, *Gradient descent*.
    """
    eta = check.real_array(lr, "lr")
    lam = check.point(eigenvalues, "eigenvalues")
    beta = check.in_interval(momentum, "momentum", 0.0, 1.0, high_open=True)
    a = eta[..., None] * lam  # eta * lambda, one column per eigenvalue
    middle = (1 + beta - a) / 2
    root = np.sqrt((middle**2 - beta).astype(complex))
    rate = np.maximum(np.abs(middle + root), np.abs(middle - root)).max(axis=-1)
    return float(rate) if rate.ndim == 0 else rate


def centred_lr(mu: float, L: float, momentum: float = 0.0) -> float:
    r"""The learning rate that puts the spectrum in the middle of the convergence interval.

    .. math::
        \eta = \frac{2(1+\beta)}{\mu + L}

    Momentum converges iff every :math:`\eta\lambda` lies in :math:`(0, 2 + 2\beta)`; this
    :math:`\eta` makes :math:`\eta\mu` and :math:`\eta L` symmetric about the interval's centre
    :math:`1 + \beta`. Without momentum it is the best fixed step :math:`2/(\mu + L)`, with rate
    :math:`(\kappa - 1)/(\kappa + 1)`; with :math:`\beta` from :func:`tuned_momentum` it is
    Polyak's tuned step :math:`4/(\sqrt\mu + \sqrt L)^2`.

    Parameters
    ----------
    mu, L : float
        Smallest and largest Hessian eigenvalue, :math:`0 < \mu \le L`.
    momentum : float
        :math:`\beta \in [0, 1)`.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``mu`` or ``L`` is not positive, ``mu > L``, or ``momentum`` is outside [0, 1).

    Examples
    --------
    >>> centred_lr(2.0, 18.0)
    0.1

    See chapter 4, *Gradient descent*.
    """
    mu, L = check.eigenvalue_range(mu, L)
    beta = check.in_interval(momentum, "momentum", 0.0, 1.0, high_open=True)
    return 2 * (1 + beta) / (mu + L)


def tuned_momentum(mu: float, L: float) -> float:
    r"""Polyak's momentum coefficient for a quadratic with eigenvalues in :math:`[\mu, L]`.

    .. math::
        \beta^* = \Big(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\Big)^2, \qquad
        \eta^* = \frac{4}{(\sqrt\mu + \sqrt L)^2}, \qquad
        \rho = \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}

    with :math:`\kappa = L/\mu`; :math:`\eta^*` is :func:`centred_lr` at :math:`\beta^*`. The rate
    beats gradient descent's best, :math:`(\kappa-1)/(\kappa+1)`: the iterations needed grow like
    :math:`\sqrt\kappa` instead of :math:`\kappa`.

    Parameters
    ----------
    mu, L : float
        Smallest and largest Hessian eigenvalue, :math:`0 < \mu \le L`.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``mu`` or ``L`` is not positive, or ``mu > L``.

    Examples
    --------
    >>> round(tuned_momentum(1.0, 100.0), 6)
    0.669421

    See chapter 4, *Gradient descent*.
    """
    mu, L = check.eigenvalue_range(mu, L)
    root = math.sqrt(L / mu)
    return ((root - 1) / (root + 1)) ** 2


def best_momentum(lr: float, mu: float, L: float) -> float:
    r"""The momentum that makes heavy ball fastest for a given learning rate.

    .. math::
        \hat\beta = \max\big(1 - \sqrt{\eta\mu},\ \sqrt{\eta L} - 1,\ 0\big)^2,
        \qquad \rho = \sqrt{\hat\beta}

    The two growth factors of an eigen-direction multiply to :math:`\beta`, so the rate is at
    least :math:`\sqrt\beta`; it equals :math:`\sqrt\beta` (the factors are complex, a damped
    rotation) once :math:`(1-\sqrt\beta)^2 \le \eta\lambda \le (1+\sqrt\beta)^2`. The best
    :math:`\beta` is the smallest that brings both :math:`\eta\mu` and :math:`\eta L` into that
    range. With :math:`\eta = 4/(\sqrt\mu+\sqrt L)^2` it is :func:`tuned_momentum`.

    Parameters
    ----------
    lr : float
        :math:`\eta`, with :math:`0 < \eta L < 4`.
    mu, L : float
        Smallest and largest Hessian eigenvalue, :math:`0 < \mu \le L`.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If :math:`\eta L \ge 4`: no momentum below 1 makes such a step converge.

    Examples
    --------
    >>> round(best_momentum(2 / 101, 1.0, 100.0), 4)
    0.7384

    See chapter 4, *Gradient descent*.
    """
    mu, L = check.eigenvalue_range(mu, L)
    eta = check.in_interval(lr, "lr", 0.0, 4.0 / L, low_open=True, high_open=True)
    return max(1 - math.sqrt(eta * mu), math.sqrt(eta * L) - 1, 0.0) ** 2


def iterations_needed(rate: float, reduction: float = 1e-6) -> float:
    r"""Steps after which an error shrinking by ``rate`` per step has shrunk by ``reduction``.

    .. math::
        k = \Big\lceil \frac{\ln(\text{reduction})}{\ln\rho} \Big\rceil

    Parameters
    ----------
    rate : float
        :math:`\rho \ge 0`; 0 means one step solves the problem, and :math:`\rho \ge 1` never gets
        there (the result is ``inf``).
    reduction : float
        Target factor, in (0, 1).

    Returns
    -------
    float
        A whole number, or ``inf``.

    Raises
    ------
    ValueError
        If ``rate`` is negative or ``reduction`` is outside (0, 1).

    Examples
    --------
    >>> iterations_needed(0.8, 1e-6)
    62.0

    See chapter 4, *Gradient descent*.
    """
    rho = check.nonnegative(rate, "rate")
    target = check.in_interval(reduction, "reduction", 0.0, 1.0, low_open=True, high_open=True)
    if rho >= 1:
        return math.inf
    if rho == 0:
        return 1.0
    steps = math.log(target) / math.log(rho)
    return float(max(1, math.ceil(steps - 1e-9)))  # 1e-9: an exact whole number stays itself


def stability_limit(objective) -> tuple[float, str]:
    r"""The learning rate :math:`2/L` beyond which gradient descent cannot settle, and its basis.

    For a quadratic, L is the largest Hessian eigenvalue everywhere and gradient descent
    converges iff :math:`0 < \eta < 2/L` (from any start). For any other twice differentiable
    objective, L is taken at the first known minimiser :math:`\mathbf x^*`: the same bound then
    governs convergence once the iterates are close to :math:`\mathbf x^*` (the iteration is
    locally the quadratic one), but says nothing about the way there.

    Parameters
    ----------
    objective : Objective
        With a constant Hessian (``objective.curvature``) or at least one known minimiser.

    Returns
    -------
    rate : float
        :math:`2/L`.
    basis : str
        ``"2/L"`` for a quadratic, ``"2/L at the minimum"`` otherwise.

    Raises
    ------
    ValueError
        If the objective is not a quadratic and has no known minimiser.

    Examples
    --------
    >>> from calcopt.functions import booth, rosenbrock
    >>> stability_limit(booth)
    (0.1111111111111111, '2/L')
    >>> rate, basis = stability_limit(rosenbrock)
    >>> round(rate, 6), basis
    (0.001997, '2/L at the minimum')

    See chapter 4, *Gradient descent*.
    """
    if objective.curvature is not None:
        return 2 / objective.curvature[1], "2/L"
    if not objective.minima:
        raise ValueError(
            f"stability_limit needs a quadratic or a known minimiser; {objective.name} has "
            "neither (give minima= to Objective.from_sympy)"
        )
    largest = np.linalg.eigvalsh(objective.hessian(np.array(objective.minima[0])))[-1]
    return float(2 / largest), "2/L at the minimum"
