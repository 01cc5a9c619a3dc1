r"""The linear algebra the course needs: symmetric matrices, quadratic forms, definiteness and the
condition number.

A real symmetric matrix :math:`A` (a Hessian is one) has real eigenvalues
:math:`\lambda_1 \le \dots \le \lambda_n` and an orthonormal basis of eigenvectors, the columns
of an orthogonal matrix :math:`Q` (the spectral theorem):

.. math::
    A = Q\Lambda Q^\top,\qquad \Lambda = \operatorname{diag}(\lambda_1, \dots, \lambda_n),
    \qquad \mathbf x^\top A\mathbf x = \sum_i \lambda_i y_i^2 \text{ with } \mathbf y =
    Q^\top\mathbf x .

So the signs of the eigenvalues decide the signs the quadratic form takes
(:func:`definiteness`), and for a positive definite :math:`A` the ratio
:math:`\kappa = \lambda_n/\lambda_1` (:func:`condition_number`) decides how elongated its level
sets are. :func:`from_eigen` runs the theorem backwards: it builds the symmetric matrix with
chosen eigenvalues and eigenvectors.

See the page *Linear algebra you need*.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np

from . import _validation as check

#: Eigenvalues with :math:`|\lambda| \le` ``TOL * max(1, max|lambda|)`` count as zero, as in
#: :func:`calcopt.classify_stationary_point`.
TOL = 1e-8


class Definiteness(StrEnum):
    r"""The signs a symmetric matrix's quadratic form :math:`\mathbf x^\top A\mathbf x` takes.

    The kinds do not overlap: each names the most specific class. A positive definite matrix is
    also positive semidefinite, but :func:`definiteness` reports it as positive definite;
    ``POSITIVE_SEMIDEFINITE`` means semidefinite and singular (a zero eigenvalue, the others
    positive). The zero matrix is both positive and negative semidefinite and has its own kind.
    """

    POSITIVE_DEFINITE = "positive definite"
    POSITIVE_SEMIDEFINITE = "positive semidefinite"
    NEGATIVE_DEFINITE = "negative definite"
    NEGATIVE_SEMIDEFINITE = "negative semidefinite"
    INDEFINITE = "indefinite"
    ZERO = "zero"


def quadratic_form(A, x):
    r"""The quadratic form :math:`\mathbf x^\top A\mathbf x = \sum_{i,j} a_{ij}x_i x_j`.

    For a 2 x 2 symmetric matrix it is :math:`a_{11}x^2 + 2a_{12}xy + a_{22}y^2`.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Symmetric matrix.
    x : array_like, shape (n,) or (n, ...)
        One point, or a batch with the coordinates first (a grid for a contour plot).

    Returns
    -------
    float or ndarray
        A number for one point, an array of shape ``(...)`` for a batch.

    Raises
    ------
    ValueError
        If A is not a finite symmetric square matrix, or x does not have n coordinates first.

    Examples
    --------
    >>> quadratic_form([[2.0, 1.0], [1.0, 2.0]], [1.0, 2.0])
    14.0
    >>> quadratic_form([[1.0, 0.0], [0.0, -1.0]], [[1.0, 0.0], [0.0, 1.0]]).tolist()
    [1.0, -1.0]

    See the page *Linear algebra you need*.
    """
    matrix = check.symmetric_matrix(A, "A")
    points = check.real_array(x, "x")
    n = matrix.shape[0]
    if points.ndim == 0 or points.shape[0] != n:
        raise ValueError(
            f"x must have shape ({n},) or ({n}, ...), coordinates first, got shape {points.shape}"
        )
    values = np.einsum("i...,ij,j...->...", points, matrix, points)
    return float(values) if values.ndim == 0 else values


def definiteness(A, *, tol: float = TOL) -> Definiteness:
    r"""Whether a symmetric matrix is positive or negative (semi)definite, or indefinite.

    With the eigenvalues :math:`\lambda_1 \le \dots \le \lambda_n` of A, and
    :math:`\mathbf x^\top A\mathbf x = \sum_i\lambda_i y_i^2` in eigenvector coordinates:

    .. math::
        \lambda_1 > 0 &\iff \mathbf x^\top A\mathbf x > 0 \text{ for every }
            \mathbf x \ne \mathbf 0 \quad\text{(positive definite)},\\
        \lambda_1 \ge 0 &\iff \mathbf x^\top A\mathbf x \ge 0 \text{ for every } \mathbf x
            \quad\text{(positive semidefinite)},\\
        \lambda_1 < 0 < \lambda_n &\iff \mathbf x^\top A\mathbf x \text{ takes both signs}
            \quad\text{(indefinite)},

    and negative (semi)definite when :math:`-A` is positive (semi)definite. The verdict agrees
    with the second-order test (:func:`calcopt.classify_stationary_point`, same ``tol``):
    positive definite is a minimum, negative definite a maximum, indefinite a saddle, and the
    other kinds are inconclusive.

    Parameters
    ----------
    A : array_like, shape (n, n), or float
        Symmetric matrix; a number is a 1 x 1 matrix.
    tol : float
        Eigenvalues with :math:`|\lambda| \le` ``tol * max(1, max|lambda|)`` count as zero, so
        that a matrix singular up to rounding is reported as semidefinite.

    Returns
    -------
    Definiteness
        The most specific kind (see :class:`Definiteness`).

    Raises
    ------
    ValueError
        If A is not a finite symmetric square matrix or ``tol`` is negative.

    Examples
    --------
    >>> str(definiteness([[2.0, 1.0], [1.0, 2.0]]))  # eigenvalues 1 and 3: a bowl
    'positive definite'
    >>> str(definiteness([[1.0, 1.0], [1.0, 1.0]]))  # eigenvalues 0 and 2: a trough
    'positive semidefinite'
    >>> str(definiteness([[1.0, 2.0], [2.0, 1.0]]))  # eigenvalues -1 and 3: a saddle
    'indefinite'

    See the page *Linear algebra you need*.
    """
    eigenvalues = np.linalg.eigvalsh(check.symmetric_matrix(A, "A"))
    zero = check.nonnegative(tol, "tol") * max(1.0, float(np.max(np.abs(eigenvalues))))
    positive, negative = bool(np.any(eigenvalues > zero)), bool(np.any(eigenvalues < -zero))
    singular = bool(np.any(np.abs(eigenvalues) <= zero))
    if positive and negative:
        return Definiteness.INDEFINITE
    if positive:
        return Definiteness.POSITIVE_SEMIDEFINITE if singular else Definiteness.POSITIVE_DEFINITE
    if negative:
        return Definiteness.NEGATIVE_SEMIDEFINITE if singular else Definiteness.NEGATIVE_DEFINITE
    return Definiteness.ZERO


def condition_number(A, *, tol: float = TOL) -> float:
    r"""The condition number :math:`\kappa = \lambda_{\max}/\lambda_{\min}` of a symmetric
    positive definite matrix.

    .. math::
        \kappa(A) = \frac{\lambda_n}{\lambda_1} \ge 1,\qquad 0 < \lambda_1 \le \dots \le
        \lambda_n .

    The level sets :math:`\mathbf x^\top A\mathbf x = c` are ellipsoids whose longest semi-axis
    is :math:`\sqrt\kappa` times their shortest; gradient descent on :math:`\tfrac12\mathbf
    x^\top A\mathbf x` shrinks the error by at best :math:`(\kappa - 1)/(\kappa + 1)` per step.
    For a symmetric positive definite matrix it equals the 2-norm condition number
    :math:`\lVert A\rVert\,\lVert A^{-1}\rVert` that ``numpy.linalg.cond`` computes (the
    ratio of the largest and smallest singular values, which are the eigenvalues here).

    Parameters
    ----------
    A : array_like, shape (n, n)
        Symmetric positive definite matrix.
    tol : float
        As in :func:`definiteness`: an eigenvalue within rounding of 0 makes A singular.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If A is not a finite symmetric square matrix, or is not positive definite: with a zero
        eigenvalue the ratio is infinite or undefined, the level sets of an indefinite matrix
        are not ellipsoids, and a negative definite A has the condition number of -A. The
        message says which.

    Examples
    --------
    >>> condition_number([[10.0, 8.0], [8.0, 10.0]])  # Booth's Hessian: eigenvalues 2 and 18
    9.0

    See the page *Linear algebra you need*, and chapter 4, *Gradient descent*.
    """
    matrix = check.symmetric_matrix(A, "A")
    kind = definiteness(matrix, tol=tol)
    eigenvalues = np.linalg.eigvalsh(matrix)
    if kind is not Definiteness.POSITIVE_DEFINITE:
        listed = ", ".join(f"{v:.3g}" for v in eigenvalues + 0.0)
        raise ValueError(
            f"condition_number needs a symmetric positive definite matrix (every eigenvalue "
            f"> 0); A is {kind} (eigenvalues {listed}): {_NOT_DEFINED[kind]}"
        )
    return float(eigenvalues[-1] / eigenvalues[0])


#: Why a matrix of each other kind has no condition number, for :func:`condition_number`.
_NOT_DEFINED = {
    Definiteness.INDEFINITE: "with eigenvalues of both signs the level sets are not ellipsoids "
    "and lambda_max / lambda_min is negative",
    Definiteness.NEGATIVE_DEFINITE: "use condition_number(-A); -A is positive definite and its "
    "level sets are those of A",
    **dict.fromkeys(
        (Definiteness.POSITIVE_SEMIDEFINITE, Definiteness.NEGATIVE_SEMIDEFINITE, Definiteness.ZERO),
        "a zero eigenvalue makes lambda_max / lambda_min infinite or undefined (the level sets "
        "are unbounded)",
    ),
}


def rotation(angle) -> np.ndarray:
    r"""The 2 x 2 matrix that turns the plane by ``angle`` radians (counterclockwise).

    .. math::
        R_\varphi = \begin{pmatrix}\cos\varphi & -\sin\varphi\\ \sin\varphi & \cos\varphi
        \end{pmatrix},\qquad R_\varphi^\top R_\varphi = I .

    Its columns are an orthonormal basis: :math:`(\cos\varphi, \sin\varphi)` and that vector
    turned by a right angle.

    Examples
    --------
    >>> rotation(np.pi / 2).round(12).tolist()
    [[0.0, -1.0], [1.0, 0.0]]
    """
    phi = check.real_scalar(angle, "angle")
    c, s = np.cos(phi), np.sin(phi)
    return np.array([[c, -s], [s, c]])


def from_eigen(eigenvalues, eigenvectors) -> np.ndarray:
    r"""The symmetric matrix with given eigenvalues and orthonormal eigenvectors.

    .. math::
        A = Q\Lambda Q^\top = \sum_i \lambda_i\,\mathbf q_i\mathbf q_i^\top,
        \qquad A\mathbf q_i = \lambda_i\mathbf q_i ,

    the spectral theorem read backwards. In two dimensions ``from_eigen((a, b),
    rotation(phi))`` is the matrix that stretches by a along :math:`(\cos\varphi,
    \sin\varphi)` and by b across it.

    Parameters
    ----------
    eigenvalues : array_like, shape (n,)
        :math:`\lambda_i`, in any order; eigenvalue i belongs to column i of ``eigenvectors``.
    eigenvectors : array_like, shape (n, n)
        An orthogonal matrix Q (:math:`Q^\top Q = I`): its columns are the eigenvectors.

    Returns
    -------
    ndarray, shape (n, n)
        Symmetric.

    Raises
    ------
    ValueError
        If the shapes do not match or Q is not orthogonal (its columns must be unit vectors at
        right angles to each other).

    Examples
    --------
    >>> from_eigen([1.0, 3.0], rotation(np.pi / 4)).round(12).tolist()
    [[2.0, -1.0], [-1.0, 2.0]]
    """
    Q = check.square_matrix(eigenvectors, "eigenvectors")
    values = check.point(eigenvalues, "eigenvalues", Q.shape[0])
    if not np.allclose(Q.T @ Q, np.eye(Q.shape[0]), rtol=0, atol=1e-10):
        raise ValueError(
            "eigenvectors must be an orthogonal matrix (Q^T Q = I): its columns must be unit "
            "vectors at right angles to each other, as the spectral theorem gives them"
        )
    A = (Q * values) @ Q.T
    return (A + A.T) / 2
