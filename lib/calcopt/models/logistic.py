r"""Logistic regression: a two-class data set, the cross-entropy loss, its derivatives, and the
chain of Jacobians whose product is its gradient.

A model with n parameters :math:`\boldsymbol\theta = (b, w_1, \dots, w_{n-1})` gives each
sample :math:`\mathbf a_i \in \mathbb R^{n-1}` the probability :math:`p_i = \sigma(z_i)` of
class 1, where :math:`z_i = b + \mathbf w\cdot\mathbf a_i` and :math:`\sigma(z) = 1/(1+e^{-z})`.
Training on N samples minimises the mean cross-entropy

.. math::
    f(\boldsymbol\theta) = -\frac1N\sum_{i=1}^N \big[y_i\log p_i + (1-y_i)\log(1-p_i)\big].

The capstone (logistic regression) trains this model with gradient descent and with Newton's
method.
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

    See the capstone, *The data*.
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

    The n parameters are :math:`\boldsymbol\theta = (b, w_1, \dots, w_{n-1})`, bias first.
    With the design matrix :math:`X` (a column of ones, then the features, shape N x n) and
    :math:`\mathbf p = \sigma(X\boldsymbol\theta)`, the loss f has

    .. math::
        \nabla f = \frac1N X^\top(\mathbf p - \mathbf y), \qquad
        \nabla^2 f = \frac1N X^\top \operatorname{diag}\big(p_i(1-p_i)\big) X .

    The Hessian is positive semidefinite everywhere, so f is convex.

    ``loss(theta, batch)`` and ``loss.gradient(theta, batch)`` are the mean over the samples
    whose indices are in ``batch`` (a minibatch B; a repeated index counts twice), with
    :math:`\nabla f_B = X_B^\top(\mathbf p_B - \mathbf y_B)/|B|` computed for the whole
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

    See the capstone, *The model and its loss*.
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
        """Number of parameters n: the bias and one weight per feature."""
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
        r""":math:`f(\boldsymbol\theta)` (or :math:`f_B` for a batch), computed stably as the
        mean of :math:`\log(1 + e^{z_i}) - y_i z_i`."""
        design, labels = self._rows(batch)
        z = design @ self._theta(theta)
        return float(np.mean(np.logaddexp(0.0, z) - labels * z))

    def gradient(self, theta, batch=None) -> np.ndarray:
        r""":math:`\nabla f(\boldsymbol\theta) = X^\top(\mathbf p - \mathbf y)/N` (or
        :math:`\nabla f_B` for a batch)."""
        design, labels = self._rows(batch)
        residual = sigmoid(design @ self._theta(theta)) - labels
        return design.T @ residual / labels.size

    def hessian(self, theta) -> np.ndarray:
        r""":math:`\nabla^2 f(\boldsymbol\theta) = X^\top\operatorname{diag}(p_i(1-p_i))X/N`."""
        p = self.probabilities(theta)
        weighted = self.design * (p * (1 - p))[:, None]
        return self.design.T @ weighted / self.labels.size

    def jacobians(self, theta) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        r"""The Jacobians of the three stages :math:`\boldsymbol\theta \mapsto \mathbf z =
        X\boldsymbol\theta \mapsto \mathbf p = \sigma(\mathbf z) \mapsto f = c(\mathbf p)`,
        in the order they are applied (c is :meth:`cross_entropy`).

        .. math::
            J_X = X \;(N\times n),\quad
            J_\sigma = \operatorname{diag}\big(p_i(1-p_i)\big) \;(N\times N),\quad
            J_c = -\frac1N\Big(\frac{y_i}{p_i} - \frac{1-y_i}{1-p_i}\Big)_i \;(1\times N)

        By the chain rule :math:`J_c J_\sigma J_X` (1 x n) is the gradient as a row;
        multiplying from the left, a row vector at a time, is backpropagation.
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
        r"""The curvature bound :math:`L = \lambda_{\max}(X^\top X)/(4N)`.

        Every eigenvalue of every Hessian :math:`\nabla^2 f(\boldsymbol\theta)` lies in
        :math:`[0, L]`, because :math:`p(1-p) \le 1/4`, so f is L-smooth; the bound is attained
        at :math:`\boldsymbol\theta = \mathbf 0`, where every :math:`p_i = 1/2`. By the descent
        lemma, gradient descent with :math:`0 < \eta < 2/L` lowers f at every step from any
        start.

        Examples
        --------
        >>> loss = LogisticLoss([[0.0], [2.0]], [0, 1])
        >>> top = np.linalg.eigvalsh(loss.hessian([0.0, 0.0]))[-1]
        >>> bool(np.isclose(loss.curvature_bound(), top))
        True
        """
        return float(np.linalg.eigvalsh(self.design.T @ self.design)[-1] / (4 * self.labels.size))


def decision_boundary(theta, span: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    r"""Two points of the decision boundary of a two-feature classifier, for drawing.

    The boundary is the line where the predicted probability is 1/2,

    .. math::
        b + w_1 a_1 + w_2 a_2 = 0 ,

    cut to :math:`a_1` in ``span``. It is vertical when :math:`w_2 = 0`, and there is none
    while :math:`w_1 = w_2 = 0` (every point gets probability :math:`\sigma(b)`).

    Parameters
    ----------
    theta : array_like, shape (3,)
        :math:`(b, w_1, w_2)`.
    span : (float, float)
        The range of :math:`a_1` to draw.

    Returns
    -------
    a1, a2 : ndarray
        Two points each, or empty when there is no boundary.

    Examples
    --------
    >>> [v.tolist() for v in decision_boundary([1.0, 1.0, -1.0], (0.0, 2.0))]
    [[0.0, 2.0], [1.0, 3.0]]
    """
    bias, w1, w2 = check.point(theta, "theta", 3)
    if np.hypot(w1, w2) < 1e-12:
        return np.array([]), np.array([])
    if abs(w2) < 1e-12 * abs(w1):
        return np.full(2, -bias / w1), np.array(span, dtype=float)
    a1 = np.array(span, dtype=float)
    return a1, -(bias + w1 * a1) / w2
