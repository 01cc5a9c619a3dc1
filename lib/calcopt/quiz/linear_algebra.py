"""Self-check questions of the page Linear algebra you need."""

from __future__ import annotations

import numpy as np

from ..functions import booth
from ..linalg import condition_number, definiteness, quadratic_form
from .page import Quiz
from .questions import Choice, Number


def _positive_entries() -> Choice:
    A = np.array([[1.0, 2.0], [2.0, 1.0]])
    low, high = np.linalg.eigvalsh(A)
    across = np.array([1.0, -1.0])
    return Choice(
        "Is the matrix [[1, 2], [2, 1]], whose entries are all positive, positive definite?",
        [
            "Yes: all its entries are positive",
            "No: it is indefinite",
            "No: it is only positive semidefinite",
        ],
        1,
        [
            f"Positive entries do not make a matrix positive definite: its eigenvalues are "
            f"{low:g} and {high:g}.",
            f"la.definiteness says “{definiteness(A)}”: its eigenvalues {low:g} and {high:g} "
            f"have both signs, and x = (1, −1) gives xᵀAx = {quadratic_form(A, across):g}.",
            f"Semidefinite needs every eigenvalue ≥ 0, and one of them is {low:g}.",
        ],
    )


def _kappa() -> Number:
    A = np.array([[5.0, 2.0], [2.0, 2.0]])
    low, high = np.linalg.eigvalsh(A)
    kappa = condition_number(A)
    return Number(
        "What is the condition number κ of the matrix [[5, 2], [2, 2]]?",
        kappa,
        0.005,
        why=f"Its trace is {np.trace(A):g} and its determinant {np.linalg.det(A):.0f}, so its "
        f"eigenvalues are {low:.0f} and {high:.0f}, and κ = {high:.0f}/{low:.0f} = {kappa:.0f}.",
        hint="κ = λmax/λmin; in 2 × 2 the eigenvalues solve λ² − tr(A)λ + det A = 0.",
        mistakes=[
            (
                A[0, 0] / A[1, 1],
                "That is the ratio of the diagonal entries; κ is the ratio of the eigenvalues.",
            ),
        ],
    )


def _ellipse() -> Number:
    H = booth.hessian([1.0, 3.0])
    low, high = np.linalg.eigvalsh(H)
    kappa = condition_number(H)
    return Number(
        f"Booth's Hessian [[{H[0, 0]:g}, {H[0, 1]:g}], [{H[1, 0]:g}, {H[1, 1]:g}]] has the "
        f"eigenvalues {low:g} and {high:g}. How many times as long as they are wide are the "
        "level curves of its quadratic form?",
        np.sqrt(kappa),
        0.005,
        why=f"The semi-axes are √(c/λᵢ), so their ratio is √(λmax/λmin) = √{kappa:g} = "
        f"{np.sqrt(kappa):g}.",
        hint="The level curve xᵀAx = c has the semi-axes √(c/λᵢ) along the eigenvectors.",
        mistakes=[
            (kappa, "That is κ itself; the semi-axes go like 1/√λ, so the ratio is √κ."),
        ],
    )


def _trough() -> Choice:
    kind = definiteness(np.diag([0.0, 2.0]))
    return Choice(
        "A symmetric 2 × 2 matrix has the eigenvalues 0 and 2. What does the graph of its "
        "quadratic form look like?",
        ["A bowl", "A trough", "A saddle", "A dome"],
        1,
        [
            "A bowl needs both eigenvalues > 0; along the eigenvector of 0 the form is flat.",
            f"The matrix is {kind}: in eigenvector coordinates the form is 2y₂², flat along "
            "the eigenvector of 0 and curving up across it.",
            "A saddle needs a negative eigenvalue.",
            "A dome needs both eigenvalues < 0.",
        ],
    )


def questions() -> Quiz:
    """The self-check of the page Linear algebra you need."""
    return Quiz("linear-algebra", [_positive_entries(), _kappa(), _ellipse(), _trough()])
