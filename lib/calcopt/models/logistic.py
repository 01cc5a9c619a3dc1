r"""Logistic regression: a two-class data set, the cross-entropy loss, its derivatives, and the
chain of Jacobians whose product is its gradient.

A model with parameters :math:`\boldsymbol\theta = (b, w_1, \dots, w_d)` gives each sample
:math:`\mathbf a_i \in \mathbb R^d` the probability :math:`p_i = \sigma(z_i)` of class 1, where
:math:`z_i = b + \mathbf w\cdot\mathbf a_i` and :math:`\sigma(z) = 1/(1+e^{-z})`. Training
minimises the mean cross-entropy

.. math::
    L(\boldsymbol\theta) = -\frac1N\sum_{i=1}^N \big[y_i\log p_i + (1-y_i)\log(1-p_i)\big].

Chapter 6, the capstone, trains this model with gradient descent and with Newton's method.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.special import expit

from .. import _validation as check


def two_blobs(
    n_per_class: int = 100,
    *,
    seed: int = 0,
    centres=((-1.0, -0.5), (1.0, 1.0)),
    spread: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""A seeded synthetic two-class data set: two overlapping Gaussian clouds.

    Class c has ``n_per_class`` samples drawn from :math:`\mathcal N(\mathbf c_c, s^2 I)`.
    Overlapping clouds are not linearly separable, so the logistic loss has a finite minimiser.

    Parameters
    ----------
    n_per_class : int
    seed : int
        Seed of ``numpy.random.default_rng``: the same seed gives the same data.
    centres : pair of points
        The two class means, each with d coordinates.
    spread : float
        Standard deviation s of each coordinate.

    Returns
    -------
    features : ndarray, shape (2 * n_per_class, d)
        Class 0 first, then class 1.
    labels : ndarray, shape (2 * n_per_class,)
        0.0 or 1.0.

    Raises
    ------
    TypeError, ValueError
        For a bad count, seed, centres or spread.

    Examples
    --------
    >>> features, labels = two_blobs(3, seed=1)
    >>> features.shape, labels.tolist()
    ((6, 2), [0.0, 0.0, 0.0, 1.0, 1.0, 1.0])

    See chapter 6, *Capstone*.
    """
    count = check.count(n_per_class, "n_per_class")
    seed = check.count(seed, "seed", minimum=0)
    means = check.matrix(centres, "centres")
    if means.shape[0] != 2:
        raise ValueError(f"centres must hold two points, one per class, got {means.shape[0]}")
    spread = check.positive(spread, "spread")
    rng = np.random.default_rng(seed)
    clouds = [mean + spread * rng.standard_normal((count, means.shape[1])) for mean in means]
    return np.concatenate(clouds), np.repeat([0.0, 1.0], count)


def sigmoid(z):
    r"""The logistic function :math:`\sigma(z) = 1/(1 + e^{-z})`, elementwise.

    Its derivative is :math:`\sigma'(z) = \sigma(z)\,(1 - \sigma(z))`.

    Examples
    --------
    >>> float(sigmoid(0.0))
    0.5
    """
    return expit(z)


@dataclass(frozen=True, eq=False)
class LogisticLoss:
    r"""The mean cross-entropy of logistic regression on a fixed data set, with its derivatives.

    The parameters are :math:`\boldsymbol\theta = (b, w_1, \dots, w_d)`, bias first. With the
    design matrix :math:`X` (a column of ones, then the features, shape N x (d + 1)) and
    :math:`\mathbf p = \sigma(X\boldsymbol\theta)`:

    .. math::
        \nabla L = \frac1N X^\top(\mathbf p - \mathbf y), \qquad
        \nabla^2 L = \frac1N X^\top \operatorname{diag}\big(p_i(1-p_i)\big) X .

    The Hessian is positive semidefinite everywhere, so L is convex.

    ``loss(theta, batch)`` and ``loss.gradient(theta, batch)`` are the mean over the samples
    whose indices are in ``batch`` (a minibatch B; a repeated index counts twice), with
    :math:`\nabla L_B = X_B^\top(\mathbf p_B - \mathbf y_B)/|B|` computed for the whole
    batch at once; ``batch=None`` means every sample. This is the interface of
    :func:`~calcopt.optimize.training.train`.

    Parameters
    ----------
    features : array_like, shape (N, d)
    labels : array_like, shape (N,)
        Class labels 0 or 1.

    Raises
    ------
    TypeError, ValueError
        If the features are not a finite 2-D array or the labels are not N zeros and ones; for
        a batch that is not a non-empty 1-D array of indices in [0, N).

    Examples
    --------
    >>> loss = LogisticLoss([[0.0], [1.0]], [0, 1])
    >>> round(loss([0.0, 0.0]), 6), loss.gradient([0.0, 0.0]).tolist()
    (0.693147, [0.0, -0.25])
    >>> loss.gradient([0.0, 0.0], batch=[1]).tolist()
    [-0.5, -0.5]

    See chapter 6, *Capstone*.
    """

    features: np.ndarray
    labels: np.ndarray
    design: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        features = check.matrix(self.features, "features")
        labels = check.binary_labels(self.labels, "labels", features.shape[0])
        ones = np.ones((features.shape[0], 1))
        object.__setattr__(self, "features", features)
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "design", np.hstack([ones, features]))

    @property
    def size(self) -> int:
        """Number of parameters, d + 1."""
        return self.design.shape[1]

    @property
    def n_samples(self) -> int:
        """Number of samples N."""
        return self.labels.size

    def _theta(self, theta) -> np.ndarray:
        return check.point(theta, "theta", self.size)

    def _rows(self, batch) -> tuple[np.ndarray, np.ndarray]:
        """The rows of X and y that batch selects (all of them for None)."""
        if batch is None:
            return self.design, self.labels
        rows = check.batch(batch, self.labels.size)
        return self.design[rows], self.labels[rows]

    def logits(self, theta) -> np.ndarray:
        r""":math:`\mathbf z = X\boldsymbol\theta`, one number per sample."""
        return self.design @ self._theta(theta)

    def probabilities(self, theta) -> np.ndarray:
        r""":math:`\mathbf p = \sigma(X\boldsymbol\theta)`, each sample's probability of class 1."""
        return sigmoid(self.logits(theta))

    def cross_entropy(self, p) -> float:
        r"""The mean cross-entropy of probabilities :math:`\mathbf p \in (0, 1)^N` (last stage)."""
        y = self.labels
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    def __call__(self, theta, batch=None) -> float:
        r""":math:`L(\boldsymbol\theta)` (or :math:`L_B` for a batch), computed stably as the
        mean of :math:`\log(1 + e^{z_i}) - y_i z_i`."""
        design, labels = self._rows(batch)
        z = design @ self._theta(theta)
        return float(np.mean(np.logaddexp(0.0, z) - labels * z))

    def gradient(self, theta, batch=None) -> np.ndarray:
        r""":math:`\nabla L(\boldsymbol\theta) = X^\top(\mathbf p - \mathbf y)/N` (or
        :math:`\nabla L_B` for a batch)."""
        design, labels = self._rows(batch)
        residual = sigmoid(design @ self._theta(theta)) - labels
        return design.T @ residual / labels.size

    def hessian(self, theta) -> np.ndarray:
        r""":math:`\nabla^2 L(\boldsymbol\theta) = X^\top\operatorname{diag}(p_i(1-p_i))X/N`."""
        p = self.probabilities(theta)
        weighted = self.design * (p * (1 - p))[:, None]
        return self.design.T @ weighted / self.labels.size

    def jacobians(self, theta) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        r"""The Jacobians of the three stages :math:`\boldsymbol\theta \mapsto \mathbf z \mapsto
        \mathbf p \mapsto L`, in the order they are applied.

        .. math::
            J_{\mathbf z} = X \;(N\times(d+1)),\quad
            J_{\mathbf p} = \operatorname{diag}\big(p_i(1-p_i)\big) \;(N\times N),\quad
            J_L = -\frac1N\Big(\frac{y_i}{p_i} - \frac{1-y_i}{1-p_i}\Big)_i \;(1\times N)

        By the chain rule :math:`J_L J_{\mathbf p} J_{\mathbf z}` (1 x (d + 1)) is the gradient
        as a row; multiplying from the left, a row vector at a time, is backpropagation.
        """
        p = self.probabilities(theta)
        y, n = self.labels, self.labels.size
        loss_row = -(y / p - (1 - y) / (1 - p))[None, :] / n
        return self.design.copy(), np.diag(p * (1 - p)), loss_row

    def accuracy(self, theta) -> float:
        """Fraction of samples whose predicted class (p >= 1/2 means class 1) is their label."""
        predicted = self.probabilities(theta) >= 0.5
        return float(np.mean(predicted == (self.labels == 1)))

    def curvature_bound(self) -> float:
        r"""An upper bound :math:`\lambda_{\max}(X^\top X)/(4N)` on every Hessian eigenvalue.

        It holds because :math:`p(1-p) \le 1/4`; gradient descent with
        :math:`\eta < 2/\text{bound}` is therefore safe everywhere.
        """
        return float(np.linalg.eigvalsh(self.design.T @ self.design)[-1] / (4 * self.labels.size))
