r"""A two-layer neural network for two-class data, trained through its flat parameter vector.

For a sample :math:`\mathbf a \in \mathbb R^d` the network computes a hidden layer of H units
and the probability of class 1,

.. math::
    \mathbf h = \varphi(W_1^\top\mathbf a + \mathbf b_1), \qquad
    z = \mathbf w_2\cdot\mathbf h + b_2, \qquad p = \sigma(z),

with :math:`\varphi = \tanh` or ReLU. Training minimises the mean cross-entropy over a batch B
of samples (all of them, or a minibatch),

.. math::
    L_B(\boldsymbol\theta) = \frac1{|B|}\sum_{i\in B}
    -\big[y_i\log p_i + (1-y_i)\log(1-p_i)\big]
    = \frac1{|B|}\sum_{i\in B} \big[\log(1 + e^{z_i}) - y_i z_i\big],

computed in the second form, which stays finite when :math:`p_i` rounds to 0 or 1. The gradient
comes from calcopt.autodiff, by reverse mode: backpropagation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _validation as check
from .. import autodiff as ad

ACTIVATIONS = {"tanh": ad.tanh, "relu": ad.relu}


@dataclass(frozen=True, eq=False)
class NetworkLoss:
    r"""The mean cross-entropy of a two-layer network on a fixed data set, with its gradient.

    The parameters are one flat vector :math:`\boldsymbol\theta`, so optimizers treat it like
    any point x: :math:`W_1` (d x H, row by row), then :math:`\mathbf b_1` (H), then
    :math:`\mathbf w_2` (H), then :math:`b_2`, in all :math:`H(d + 2) + 1` numbers.
    ``loss(theta, batch)`` and ``loss.gradient(theta, batch)`` use the samples whose indices
    are in ``batch`` (all of them when it is None), the minibatch interface of the course's
    losses.

    Parameters
    ----------
    features : array_like, shape (N, d)
    labels : array_like, shape (N,)
        Class labels 0 or 1.
    hidden : int
        Number of hidden units H.
    activation : {"tanh", "relu"}
        The hidden layer's :math:`\varphi`.

    Raises
    ------
    TypeError, ValueError
        For features that are not a finite 2-D array, labels that are not N zeros and ones,
        a hidden size below 1, or another activation.

    Examples
    --------
    >>> loss = NetworkLoss([[0.0, 1.0], [1.0, 0.0]], [0, 1], hidden=3)
    >>> loss.size, loss.n_samples
    (13, 2)
    >>> theta = loss.initial_parameters(seed=0)
    >>> round(loss(theta), 6), round(loss(theta, batch=[1]), 6), loss.gradient(theta).shape
    (0.676594, 0.774477, (13,))

    See the capstone on training a two-layer network.
    """

    features: np.ndarray
    labels: np.ndarray
    hidden: int = 16
    activation: str = "tanh"

    def __post_init__(self) -> None:
        features = check.matrix(self.features, "features")
        object.__setattr__(self, "features", features)
        object.__setattr__(
            self, "labels", check.binary_labels(self.labels, "labels", features.shape[0])
        )
        object.__setattr__(self, "hidden", check.count(self.hidden, "hidden"))
        check.choice(self.activation, "activation", tuple(ACTIVATIONS))

    @property
    def n_samples(self) -> int:
        """Number of samples N."""
        return self.features.shape[0]

    @property
    def size(self) -> int:
        """Number of parameters, H(d + 2) + 1."""
        return self.hidden * (self.features.shape[1] + 2) + 1

    def initial_parameters(self, *, seed: int = 0) -> np.ndarray:
        r"""Seeded random parameters: :math:`W_1 \sim \mathcal N(0, 1/d)`,
        :math:`\mathbf w_2 \sim \mathcal N(0, 1/H)` entrywise, zero biases.

        The scales keep each unit's input of order 1, where tanh is neither flat nor linear.
        The same seed gives the same parameters.
        """
        rng = np.random.default_rng(check.count(seed, "seed", minimum=0))
        d, h = self.features.shape[1], self.hidden
        return np.concatenate(
            [rng.normal(0.0, d**-0.5, d * h), np.zeros(h), rng.normal(0.0, h**-0.5, h), [0.0]]
        )

    def unpack(self, theta):
        r""":math:`(W_1, \mathbf b_1, \mathbf w_2, b_2)` from the flat vector (plain or traced)."""
        d, h = self.features.shape[1], self.hidden
        W1 = theta[: d * h].reshape(d, h)
        return W1, theta[d * h : (d + 1) * h], theta[(d + 1) * h : (d + 2) * h], theta[-1]

    def pack(self, W1, b1, w2, b2) -> np.ndarray:
        r"""The flat vector :math:`\boldsymbol\theta` of the layers: the inverse of :meth:`unpack`.

        Parameters
        ----------
        W1 : array_like, shape (d, H)
            Column j holds the weights from the d inputs into hidden unit j.
        b1, w2 : array_like, shape (H,)
            The hidden units' biases and their weights into the output.
        b2 : float
            The output's bias.

        Raises
        ------
        TypeError, ValueError
            If a part is not finite or does not have its shape.

        Examples
        --------
        >>> loss = NetworkLoss([[0.0, 1.0], [1.0, 0.0]], [0, 1], hidden=3)
        >>> theta = loss.initial_parameters(seed=0)
        >>> bool(np.array_equal(loss.pack(*loss.unpack(theta)), theta))
        True
        """
        d, h = self.features.shape[1], self.hidden
        parts = (
            check.shaped_like(W1, "W1", (d, h), "(inputs d, hidden units H)"),
            check.shaped_like(b1, "b1", (h,), "(hidden units H,)"),
            check.shaped_like(w2, "w2", (h,), "(hidden units H,)"),
            check.shaped_like(b2, "b2", (), "a single number"),
        )
        return np.concatenate([np.ravel(part) for part in parts])

    def swap_hidden(self, theta, i: int, j: int) -> np.ndarray:
        r"""The parameters of the same network with hidden units i and j exchanged.

        Unit j's incoming weights (column j of :math:`W_1`), bias and outgoing weight move to
        position i and unit i's to position j. The output
        :math:`z = \sum_j w_{2,j}\,\varphi(\cdot) + b_2` is a sum over the units, so it does
        not change: the loss has the same value at both parameter vectors (for any activation).
        Any reordering of the units is a sequence of such swaps.

        Parameters
        ----------
        theta : array_like, shape (size,)
        i, j : int
            Hidden units, from 0 to H - 1 (i = j returns theta unchanged).

        Returns
        -------
        ndarray, shape (size,)
            A new vector; theta is not modified.

        Raises
        ------
        TypeError, ValueError
            For a bad theta, or a unit that is not an integer from 0 to H - 1.

        Examples
        --------
        >>> loss = NetworkLoss([[0.0, 1.0], [1.0, 0.0]], [0, 1], hidden=3)
        >>> theta = loss.initial_parameters(seed=0)
        >>> swapped = loss.swap_hidden(theta, 0, 2)
        >>> bool(np.array_equal(swapped, theta)), bool(np.isclose(loss(swapped), loss(theta)))
        (False, True)
        """
        theta = self._theta(theta)
        order = np.arange(self.hidden)
        i, j = self._unit(i, "i"), self._unit(j, "j")
        order[[i, j]] = order[[j, i]]
        W1, b1, w2, b2 = self.unpack(theta)
        return self.pack(W1[:, order], b1[order], w2[order], b2)

    def _unit(self, value, name: str) -> int:
        unit = check.count(value, name, minimum=0)
        check.in_interval(unit, name, 0, self.hidden - 1)
        return unit

    def logits(self, theta, points):
        r""":math:`z = \mathbf w_2\cdot\varphi(W_1^\top\mathbf a + \mathbf b_1) + b_2` for each
        row :math:`\mathbf a` of ``points``."""
        W1, b1, w2, b2 = self.unpack(theta)
        return ACTIVATIONS[self.activation](points @ W1 + b1) @ w2 + b2

    def _rows(self, batch):
        return slice(None) if batch is None else check.batch(batch, self.n_samples)

    def _loss(self, theta, rows):
        z = self.logits(theta, self.features[rows])
        return ad.mean(ad.softplus(z) - self.labels[rows] * z)

    def _theta(self, theta) -> np.ndarray:
        return check.point(theta, "theta", self.size)

    def __call__(self, theta, batch=None) -> float:
        r""":math:`L_B(\boldsymbol\theta)`, over the samples in ``batch`` (all when None)."""
        return float(self._loss(self._theta(theta), self._rows(batch)))

    def gradient(self, theta, batch=None) -> np.ndarray:
        r""":math:`\nabla L_B(\boldsymbol\theta)` by reverse-mode automatic differentiation."""
        rows = self._rows(batch)
        return ad.grad(lambda t: self._loss(t, rows))(self._theta(theta))

    def hessian_vector(self, theta, v, batch=None) -> np.ndarray:
        r""":math:`\nabla^2 L_B(\boldsymbol\theta)\,\mathbf v`, without forming the Hessian.

        Forward mode over reverse mode (:func:`calcopt.autodiff.hvp`): it costs a small multiple
        of one gradient. With :math:`\mathbf v` a direction, :math:`\mathbf v\cdot\nabla^2
        L_B\,\mathbf v` is the second derivative of the loss along the line
        :math:`\boldsymbol\theta + t\mathbf v` at t = 0 (see :meth:`along`).

        Raises
        ------
        TypeError, ValueError
            For a bad theta, a v without the size of theta, or a bad batch.

        Examples
        --------
        >>> loss = NetworkLoss([[0.0, 1.0], [1.0, 0.0]], [0, 1], hidden=3)
        >>> theta = loss.initial_parameters(seed=0)
        >>> p, e = loss.probabilities(theta), np.eye(13)[12]  # e: the direction of b₂
        >>> bool(np.isclose(loss.hessian_vector(theta, e)[12], np.mean(p * (1 - p))))
        True
        """
        rows, theta = self._rows(batch), self._theta(theta)
        v = check.point(v, "v", self.size)
        return ad.hvp(lambda t: self._loss(t, rows), theta, v)

    def along(self, start, end, ts) -> np.ndarray:
        r"""The loss on the straight line through two parameter vectors,

        .. math::
            L\big(\boldsymbol\theta_{\text{start}}
            + t\,(\boldsymbol\theta_{\text{end}} - \boldsymbol\theta_{\text{start}})\big),

        at each t in ``ts``: t = 0 is start, t = 1 is end, t outside [0, 1] extends the segment.
        A one-dimensional slice of a landscape with as many dimensions as parameters.

        Parameters
        ----------
        start, end : array_like, shape (size,)
        ts : array_like, shape (k,)

        Returns
        -------
        ndarray, shape (k,)

        Raises
        ------
        TypeError, ValueError
            For start or end without the size of theta, or ts that is not a 1-D array of
            finite numbers.

        Examples
        --------
        >>> loss = NetworkLoss([[0.0, 1.0], [1.0, 0.0]], [0, 1], hidden=3)
        >>> a, b = loss.initial_parameters(seed=0), loss.initial_parameters(seed=1)
        >>> values = loss.along(a, b, [0.0, 1.0])
        >>> bool(values[0] == loss(a)), bool(np.isclose(values[1], loss(b)))
        (True, True)
        """
        start = check.point(start, "start", self.size)
        direction = check.point(end, "end", self.size) - start
        return np.array([self(start + t * direction) for t in check.point(ts, "ts")])

    def probabilities(self, theta, points=None) -> np.ndarray:
        r""":math:`p = \sigma(z)` for each row of ``points`` (the training features when None)."""
        d = self.features.shape[1]
        points = self.features if points is None else check.samples(points, "points", d)
        return ad.sigmoid(self.logits(self._theta(theta), points))

    def predict(self, theta, points=None) -> np.ndarray:
        r"""The predicted class, 1.0 where :math:`p \ge 1/2` and 0.0 elsewhere."""
        return (self.probabilities(theta, points) >= 0.5).astype(float)

    def accuracy(self, theta) -> float:
        """Fraction of the samples whose predicted class is their label."""
        return float(np.mean(self.predict(theta) == self.labels))
