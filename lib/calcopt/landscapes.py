r"""Example objectives that chapters 3 and 4 introduce (the classic test functions are in
:mod:`calcopt.functions`).

- :data:`hill_and_pit`, :math:`x^3 - 3x - y^3 + 3y`: a hill, a pit and two saddles, with
  gradients small enough to draw everywhere in view (chapter 3);
- :class:`Valley`, the quadratic :math:`\tfrac12\mathbf x^\top A\mathbf x` whose Hessian has
  eigenvalues :math:`\mu` and :math:`\kappa\mu`: a valley with a chosen condition number
  (chapter 4);
- :data:`momentum_trap`, a strongly convex and smooth function of one variable, made of three
  quadratic pieces, on which heavy-ball momentum with the step and momentum tuned for
  quadratics never converges (chapter 4).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from . import _validation as check
from .objective import Objective

_x, _y = sp.symbols("x y", real=True)

hill_and_pit = Objective.from_sympy(
    _x**3 - 3 * _x - _y**3 + 3 * _y, (_x, _y), name="hill and pit", domain=((-2.2, 2.2),) * 2
)
r""":math:`f(x, y) = x^3 - 3x - y^3 + 3y`, with gradient :math:`(3x^2 - 3,\ 3 - 3y^2)`.

Four stationary points: a local maximum at (-1, 1) (the hill, f = 4), a local minimum at
(1, -1) (the pit, f = -4) and saddle points at (1, 1) and (-1, -1) (f = 0). It has no global
minimum: it is a cubic, unbounded below."""


@dataclass(frozen=True)
class Valley:
    r"""The quadratic valley :math:`f(\mathbf x) = \tfrac12\,\mathbf x^\top A\,\mathbf x` in 2-D.

    .. math::
        A = R_\varphi \begin{pmatrix}\mu & 0\\ 0 & \kappa\mu\end{pmatrix} R_\varphi^\top,
        \qquad \nabla f(\mathbf x) = A\mathbf x,\qquad \nabla^2 f = A

    where :math:`R_\varphi` turns the plane by the angle :math:`\varphi`. The minimum is 0 at the
    origin; the valley's floor runs along :math:`(\cos\varphi, \sin\varphi)`, the direction of
    the small eigenvalue :math:`\mu`, and its walls are steep along the other eigenvector, with
    curvature :math:`L = \kappa\mu`. The condition number :math:`L/\mu` is :math:`\kappa`.

    Unlike an :class:`~calcopt.Objective` it is plain numpy and is built in microseconds, so an
    explorer can make one for every position of a slider. Pass ``grad=valley.gradient`` to
    :func:`~calcopt.gradient_descent`.

    Parameters
    ----------
    kappa : float
        Condition number :math:`\kappa \ge 1`.
    angle : float
        :math:`\varphi` in radians; 0 puts the floor along the x-axis.
    mu : float
        Smallest eigenvalue :math:`\mu > 0`.

    Raises
    ------
    ValueError
        If ``kappa < 1`` or ``mu <= 0``.

    Examples
    --------
    >>> valley = Valley(10.0)
    >>> valley.curvature, float(valley([1.0, 1.0])), valley.gradient([1.0, 1.0]).tolist()
    ((1.0, 10.0), 5.5, [1.0, 10.0])

    See chapter 4, *Gradient descent*.
    """

    kappa: float
    angle: float = 0.0
    mu: float = 1.0
    A: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        kappa = check.in_interval(self.kappa, "kappa", 1.0, np.inf, high_open=True)
        angle = check.real_scalar(self.angle, "angle")
        mu = check.positive(self.mu, "mu")
        c, s = np.cos(angle), np.sin(angle)
        turn = np.array([[c, -s], [s, c]])
        object.__setattr__(self, "A", turn @ np.diag([mu, kappa * mu]) @ turn.T)

    @property
    def curvature(self) -> tuple[float, float]:
        r"""Smallest and largest Hessian eigenvalue :math:`(\mu, L)`."""
        return float(self.mu), float(self.kappa * self.mu)

    def __call__(self, x):
        r""":math:`f(\mathbf x)`; ``x`` has shape ``(2, ...)``, so a grid works too."""
        x = np.asarray(x, dtype=float)
        return 0.5 * float(x @ self.A @ x) if x.ndim == 1 else 0.5 * np.sum(x * self.gradient(x), 0)

    def gradient(self, x) -> np.ndarray:
        r""":math:`\nabla f(\mathbf x) = A\mathbf x`, shape ``(2, ...)``."""
        x = np.asarray(x, dtype=float)
        return self.A @ x if x.ndim == 1 else np.tensordot(self.A, x, axes=1)

    def level_curves(self, semi_axes, points: int = 33) -> tuple[np.ndarray, np.ndarray]:
        r"""Level curves as ellipses, one per semi-axis along the floor, in one polyline.

        The level set :math:`f = \tfrac12\mu a^2` is the ellipse with semi-axis a along the
        floor and :math:`a\sqrt{\mu/L} = a/\sqrt\kappa` across it: the larger
        :math:`\kappa`, the narrower the valley. The curves are joined with NaN gaps (one
        polyline an explorer can redraw as :math:`\kappa` moves).

        Parameters
        ----------
        semi_axes : sequence of float
            Semi-axes a along the floor.
        points : int
            Points per ellipse.

        Returns
        -------
        xs, ys : ndarray

        Examples
        --------
        >>> xs, ys = Valley(4.0).level_curves([1.0], points=5)
        >>> xs.round(12).tolist(), ys.round(12).tolist()
        ([1.0, 0.0, -1.0, -0.0, 1.0, nan], [0.0, 0.5, 0.0, -0.5, -0.0, nan])
        """
        t = np.linspace(0, 2 * np.pi, points)
        c, s = np.cos(self.angle), np.sin(self.angle)
        mu, L = self.curvature
        xs, ys = [], []
        for a in semi_axes:
            u, v = a * np.cos(t), a * np.sqrt(mu / L) * np.sin(t)
            xs.extend([*(c * u - s * v), np.nan])
            ys.extend([*(s * u + c * v), np.nan])
        return np.array(xs), np.array(ys)


_t = sp.Symbol("x", real=True)

momentum_trap = Objective.from_sympy(
    sp.Piecewise(
        (sp.Rational(25, 2) * _t**2, _t < 1),
        (_t**2 / 2 + 24 * _t - 12, _t < 2),
        (sp.Rational(25, 2) * _t**2 - 24 * _t + 36, True),
    ),
    (_t,),
    name="momentum trap",
    domain=((-3.0, 4.0),),
    minima=((0.0,),),
)
r"""Three quadratic pieces joined smoothly (Lessard, Recht & Packard, 2016):

.. math::
    f(x) = \begin{cases} \tfrac{25}{2}x^2 & x < 1\\ \tfrac12 x^2 + 24x - 12 & 1 \le x < 2\\
    \tfrac{25}{2}x^2 - 24x + 36 & x \ge 2 \end{cases}
    \qquad f'(x) = \begin{cases} 25x & x < 1\\ x + 24 & 1 \le x < 2\\ 25x - 24 & x \ge 2
    \end{cases}

f and f' are continuous, and f'' is 25, 1, 25 on the three pieces: f is 1-strongly convex and
25-smooth, with its minimum at 0. On a quadratic with those curvatures, heavy ball with Polyak's
:math:`\eta = 4/(\sqrt\mu + \sqrt L)^2 = 1/9` and :math:`\beta = 4/9` converges at the rate
2/3; here, from x0 = 3.3, it falls into a cycle of three points, about 2.116, 0.647 and -1.802,
and never converges. Plain gradient descent with :math:`\eta = 2/(\mu + L)` converges.

Examples
--------
>>> float(momentum_trap(1.0)), float(momentum_trap.gradient(2.0)), float(momentum_trap.hessian(1.5))
(12.5, 26.0, 1.0)
"""
