r"""Synthetic data sets that a linear classifier cannot separate.

Logistic regression draws one straight line between the classes; these need a curved boundary,
which a network with a hidden layer can learn (the second capstone).
"""

from __future__ import annotations

import numpy as np

from .. import _validation as check


def two_moons(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    r"""Two interleaving half circles, one per class, with Gaussian noise.

    Class 0 lies on the upper half of the unit circle, class 1 on a lower half circle shifted
    right and down, each tip reaching into the other's hollow:

    .. math::
        \text{class 0: } (\cos t, \sin t), \qquad
        \text{class 1: } (1 - \cos t, \tfrac12 - \sin t), \qquad t \sim U(0, \pi),

    plus :math:`\mathcal N(0, \text{noise}^2)` in each coordinate. No straight line separates
    the classes (with noise 0.1 the best logistic regression classifies about 89 % of the points).

    Parameters
    ----------
    n : int
        Number of points, at least 2: ``n // 2`` of class 0 first, then the rest of class 1.
    noise : float
        Standard deviation of the noise, >= 0.
    seed : int
        Seed of ``numpy.random.default_rng``: the same seed gives the same data.

    Returns
    -------
    features : ndarray, shape (n, 2)
    labels : ndarray, shape (n,)
        0.0 or 1.0.

    Raises
    ------
    TypeError, ValueError
        If n is not an integer >= 2, noise is negative, or seed is not an integer >= 0.

    Examples
    --------
    >>> features, labels = two_moons(4, noise=0.0, seed=1)
    >>> features.shape, labels.tolist()
    ((4, 2), [0.0, 0.0, 1.0, 1.0])
    >>> bool(abs(np.hypot(*features[0]) - 1) < 1e-12)
    True

    See the capstone on training a two-layer network.
    """
    n = check.count(n, "n", minimum=2)
    noise = check.nonnegative(noise, "noise")
    rng = np.random.default_rng(check.count(seed, "seed", minimum=0))
    t = rng.uniform(0.0, np.pi, n)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.array([1.0, 0.5]) - upper
    labels = np.repeat([0.0, 1.0], [n // 2, n - n // 2])
    points = np.where(labels[:, None] == 0, upper, lower)
    return points + noise * rng.standard_normal((n, 2)), labels
