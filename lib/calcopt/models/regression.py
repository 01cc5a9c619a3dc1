r"""Linear regression by gradient descent: a data set, the mean squared error, feature scaling,
and the least-squares solution that gradient descent should reach.

With a design matrix X (one row per example, a first column of ones for the intercept) and
targets y, the mean squared error of the weights :math:`\mathbf w` is

.. math::
    f(\mathbf w) = \frac1n\lVert X\mathbf w - \mathbf y\rVert^2,\qquad
    \nabla f(\mathbf w) = \frac2n X^\top(X\mathbf w - \mathbf y),\qquad
    \nabla^2 f = \frac2n X^\top X .

It is a quadratic in :math:`\mathbf w`, so everything chapter 4 proves for quadratics applies:
the eigenvalues of :math:`\tfrac2n X^\top X` decide the safe learning rates and the speed. Its
exact minimiser solves the normal equations :math:`X^\top X\mathbf w = X^\top\mathbf y`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .. import _validation as check


def house_prices(n: int = 30, *, seed: int = 4) -> tuple[np.ndarray, np.ndarray]:
    r"""A small synthetic data set: flat sizes and prices.

    .. math::
        \text{price} = 40 + 2.6\,\text{area} + \varepsilon,\qquad
        \text{area} \sim U(40, 160),\quad \varepsilon \sim N(0, 25^2)

    Parameters
    ----------
    n : int
        Number of flats.
    seed : int
        Seed of ``numpy.random.default_rng``: the same seed gives the same data.

    Returns
    -------
    area : ndarray, shape (n,)
        Floor areas in square metres.
    price : ndarray, shape (n,)
        Prices in thousands of euros.

    Raises
    ------
    TypeError, ValueError
        If ``n`` is not an integer >= 1 or ``seed`` not an integer >= 0.

    Examples
    --------
    >>> area, price = house_prices(5)
    >>> area.shape, bool(area.min() >= 40 and area.max() <= 160)
    ((5,), True)

    See chapter 4, *Gradient descent*.
    """
    n = check.count(n, "n")
    rng = np.random.default_rng(check.count(seed, "seed", minimum=0))
    area = rng.uniform(40.0, 160.0, n)
    return area, 40.0 + 2.6 * area + rng.normal(0.0, 25.0, n)


def design_matrix(x) -> np.ndarray:
    r"""The design matrix of a linear model with an intercept: a column of ones, then the features.

    .. math::
        X = \begin{pmatrix} 1 & x_{11} & \cdots & x_{1d}\\ \vdots & & & \vdots\\
        1 & x_{n1} & \cdots & x_{nd}\end{pmatrix},\qquad \hat y = X\mathbf w

    Parameters
    ----------
    x : array_like, shape (n,) or (n, d)
        One feature, or d features per example.

    Returns
    -------
    ndarray, shape (n, d + 1)

    Raises
    ------
    TypeError, ValueError
        If ``x`` is not finite real numbers in one or two axes.

    Examples
    --------
    >>> design_matrix([2.0, 5.0])
    array([[1., 2.],
           [1., 5.]])

    See chapter 4, *Gradient descent*.
    """
    features = _features(x)
    return np.column_stack([np.ones(len(features)), features])


def _features(x) -> np.ndarray:
    features = check.real_array(x, "x")
    if features.ndim == 1:
        features = features[:, None]
    return check.data_matrix(features, "x")


@dataclass(frozen=True, eq=False)
class LeastSquares:
    r"""The mean squared error of a linear model, :math:`f(\mathbf w) = \frac1n\lVert X\mathbf w -
    \mathbf y\rVert^2`, with its gradient, Hessian and exact minimiser.

    Call it with weights of shape ``(p,)`` for one value, or ``(p, ...)`` for a grid of weights.
    Pass ``grad=loss.gradient`` to :func:`~calcopt.gradient_descent`.

    ``loss(w, batch)`` and ``loss.gradient(w, batch)`` are the mean over the examples whose
    indices are in ``batch`` (a minibatch B; a repeated index counts twice),

    .. math::
        f_B(\mathbf w) = \frac1{|B|}\sum_{i\in B}(\mathbf x_i\cdot\mathbf w - y_i)^2,
        \qquad
        \nabla f_B(\mathbf w) = \frac2{|B|}X_B^\top(X_B\mathbf w - \mathbf y_B),

    computed for the whole batch at once; ``batch=None`` means every example. This is the
    interface of :func:`~calcopt.optimize.training.train`.

    Parameters
    ----------
    X : array_like, shape (n, p)
        Design matrix (see :func:`design_matrix`).
    y : array_like, shape (n,)
        Targets.

    Raises
    ------
    TypeError, ValueError
        If X is not a finite 2-D array or y does not have one entry per row of X; for a batch
        that is not a non-empty 1-D array of indices in [0, n).

    Examples
    --------
    >>> loss = LeastSquares(design_matrix([0.0, 1.0, 2.0]), [1.0, 3.0, 5.0])
    >>> loss.solution.round(12).tolist(), float(loss([0.0, 0.0]))
    ([1.0, 2.0], 11.666666666666666)
    >>> float(loss([0.0, 0.0], batch=[0, 2])), loss.gradient([0.0, 0.0], batch=[2]).tolist()
    (13.0, [-10.0, -20.0])

    See chapter 4, *Gradient descent*.
    """

    X: np.ndarray
    y: np.ndarray

    def __post_init__(self) -> None:
        X = check.data_matrix(self.X, "X")
        object.__setattr__(self, "X", X)
        object.__setattr__(self, "y", check.targets(self.y, X.shape[0], "y"))

    @property
    def n_samples(self) -> int:
        """Number of examples n, the rows of X."""
        return len(self.y)

    def _rows(self, batch) -> tuple[np.ndarray, np.ndarray]:
        """The rows of X and y that batch selects (all of them for None)."""
        if batch is None:
            return self.X, self.y
        rows = check.batch(batch, len(self.y))
        return self.X[rows], self.y[rows]

    def residuals(self, w, batch=None) -> np.ndarray:
        r""":math:`X\mathbf w - \mathbf y`, shape ``(n, ...)`` (or ``(|B|, ...)`` for a batch)."""
        return _residuals(*self._rows(batch), np.asarray(w, dtype=float))

    def __call__(self, w, batch=None):
        r""":math:`f(\mathbf w) = \frac1n\lVert X\mathbf w - \mathbf y\rVert^2`, or
        :math:`f_B` for a batch."""
        return np.mean(self.residuals(w, batch) ** 2, axis=0)

    def gradient(self, w, batch=None) -> np.ndarray:
        r""":math:`\nabla f(\mathbf w) = \frac2n X^\top(X\mathbf w - \mathbf y)`, or
        :math:`\nabla f_B` for a batch."""
        X, y = self._rows(batch)
        r = _residuals(X, y, np.asarray(w, dtype=float))
        return 2 / len(y) * (X.T @ r if r.ndim == 1 else np.tensordot(X.T, r, axes=1))

    @cached_property
    def hessian(self) -> np.ndarray:
        r""":math:`\nabla^2 f = \frac2n X^\top X`, the same at every :math:`\mathbf w`."""
        return 2 / len(self.y) * self.X.T @ self.X

    @cached_property
    def curvature(self) -> tuple[float, float]:
        r"""Smallest and largest Hessian eigenvalue :math:`(\mu, L)`; GD needs :math:`\eta<2/L`."""
        eigenvalues = np.linalg.eigvalsh(self.hessian)
        return float(eigenvalues[0]), float(eigenvalues[-1])

    @cached_property
    def solution(self) -> np.ndarray:
        r"""The least-squares weights, from ``numpy.linalg.lstsq`` (the reference for GD)."""
        return np.linalg.lstsq(self.X, self.y, rcond=None)[0]


def _residuals(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """X w - y for weights of shape (p,), or for a grid of weights of shape (p, ...)."""
    if w.ndim == 1:
        return X @ w - y
    return np.tensordot(X, w, axes=1) - y.reshape(-1, *([1] * (w.ndim - 1)))


@dataclass(frozen=True)
class Scaling:
    r"""Standardisation of features: :math:`z_j = (x_j - m_j)/s_j`, each feature's mean and
    standard deviation.

    A model fitted on the scaled features, :math:`\hat y = v_0 + \sum_j v_j z_j`, is the same
    model as :math:`\hat y = w_0 + \sum_j w_j x_j` with

    .. math::
        w_j = \frac{v_j}{s_j}, \qquad w_0 = v_0 - \sum_j \frac{v_j m_j}{s_j} ,

    which :meth:`raw_weights` computes. Build one with :meth:`of`, from the training data only.

    Examples
    --------
    >>> scaling = Scaling.of([1.0, 2.0, 3.0])
    >>> scaling.apply([1.0, 3.0]).round(6).tolist()
    [-1.224745, 1.224745]

    See chapter 4, *Gradient descent*.
    """

    mean: np.ndarray
    scale: np.ndarray

    @classmethod
    def of(cls, x) -> Scaling:
        """The means and standard deviations of the features x, shape (n,) or (n, d).

        Raises
        ------
        ValueError
            If x is not finite numbers, or a feature is constant (its deviation is 0).
        """
        features = _features(x)
        spread = features.std(axis=0)
        check.varying_columns(spread, "x")
        return cls(features.mean(axis=0), spread)

    def apply(self, x) -> np.ndarray:
        """Scaled features z, shaped like x."""
        features = check.real_array(x, "x")
        z = (features.reshape(len(features), -1) - self.mean) / self.scale
        return z.reshape(features.shape)

    def raw_weights(self, v) -> np.ndarray:
        r"""Weights :math:`(w_0, w_1, \dots)` for raw features, from weights on scaled ones."""
        v = check.point(v, "v", self.mean.size + 1)
        slopes = v[1:] / self.scale
        return np.concatenate([[v[0] - slopes @ self.mean], slopes])


def house_rooms(n: int = 30, *, seed: int = 4) -> np.ndarray:
    r"""The number of rooms of the flats of :func:`house_prices` (same ``n`` and ``seed``).

    About one room per 30 square metres, rounded, at least one:

    .. math::
        \text{rooms} = \max\big(1,\ \operatorname{round}(\text{area}/30 + \varepsilon)\big),
        \qquad \varepsilon \sim N(0, 0.6^2)

    so rooms and area are strongly correlated (about 0.9), a second feature that carries
    little new information. With both features standardised, the Hessian of the mean squared
    error is :math:`2\begin{pmatrix}1 & 0\\ 0 & C\end{pmatrix}`, C the features' correlation
    matrix: standardising does not make this valley round.

    Parameters
    ----------
    n : int
        Number of flats.
    seed : int
        The seed of :func:`house_prices`; the rooms use their own generator derived from it.

    Returns
    -------
    ndarray, shape (n,)
        Whole numbers of rooms, as floats.

    Raises
    ------
    TypeError, ValueError
        If ``n`` is not an integer >= 1 or ``seed`` not an integer >= 0.

    Examples
    --------
    >>> area, _ = house_prices(4)
    >>> area.round(), house_rooms(4)
    (array([153., 101., 157.,  50.]), array([5., 4., 5., 2.]))

    See chapter 4, *Gradient descent*.
    """
    area, _ = house_prices(n, seed=seed)
    rng = np.random.default_rng([seed, 1])
    return np.maximum(1.0, np.round(area / 30.0 + rng.normal(0.0, 0.6, area.size)))
