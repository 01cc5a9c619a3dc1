"""calcopt.linalg against exact answers (sympy), numpy.linalg and the theorems of the page
*Linear algebra you need*."""

import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import calcopt as co
from calcopt import functions as fn
from calcopt.calculus.extrema import Kind
from calcopt.linalg import (
    Definiteness,
    condition_number,
    definiteness,
    from_eigen,
    quadratic_form,
    rotation,
)

D = Definiteness


def exact_kind(M: sp.Matrix) -> Definiteness:
    """The most specific kind of a symmetric integer matrix, from the signs of its exact
    eigenvalues (the real roots of its characteristic polynomial, isolated by sympy)."""
    roots = sp.Poly(M.charpoly()).real_roots()
    assert len(roots) == M.shape[0], "a symmetric matrix has only real eigenvalues"
    signs = {int(sp.sign(root)) for root in roots}
    if signs == {0}:
        return D.ZERO
    if {-1, 1} <= signs:
        return D.INDEFINITE
    if 1 in signs:
        return D.POSITIVE_SEMIDEFINITE if 0 in signs else D.POSITIVE_DEFINITE
    return D.NEGATIVE_SEMIDEFINITE if 0 in signs else D.NEGATIVE_DEFINITE


@pytest.mark.parametrize(
    ("A", "kind"),
    [
        ([[2, 1], [1, 2]], D.POSITIVE_DEFINITE),  # eigenvalues 1, 3: a bowl
        ([[1, 1], [1, 1]], D.POSITIVE_SEMIDEFINITE),  # 0, 2: a trough
        ([[1, 2], [2, 1]], D.INDEFINITE),  # -1, 3: a saddle, though every entry is positive
        ([[-2, 1], [1, -2]], D.NEGATIVE_DEFINITE),
        ([[-1, 0], [0, 0]], D.NEGATIVE_SEMIDEFINITE),
        ([[0, 0], [0, 0]], D.ZERO),
        ([[0, 1], [1, 0]], D.INDEFINITE),  # xy: zero diagonal, yet both signs
        (3.0, D.POSITIVE_DEFINITE),  # a number is a 1 x 1 matrix
        ([[2, -1, 0], [-1, 2, -1], [0, -1, 2]], D.POSITIVE_DEFINITE),
        ([[1, 1, 1], [1, 1, 1], [1, 1, 1]], D.POSITIVE_SEMIDEFINITE),  # rank 1
    ],
)
def test_definiteness_of_known_matrices_agrees_with_sympy(A, kind):
    assert definiteness(A) is kind, f"{A} is {kind}"
    M = sp.Matrix(np.atleast_2d(A).tolist())
    assert exact_kind(M) is kind, "the exact eigenvalues agree"
    assert M.is_positive_definite == (kind is D.POSITIVE_DEFINITE)  # sympy's own predicate


def test_definiteness_agrees_with_sympy_on_every_small_integer_matrix():
    """All 2 x 2 symmetric matrices with entries in -2..2, singular ones included."""
    for p, r, s in itertools.product(range(-2, 3), repeat=3):
        A = [[p, r], [r, s]]
        assert definiteness(A) is exact_kind(sp.Matrix(A)), A


def test_definiteness_agrees_with_sympy_on_random_integer_3x3_matrices(rng):
    for _ in range(40):
        B = rng.integers(-3, 4, size=(3, 2 + int(rng.integers(0, 2))))
        signs = np.diag(rng.choice([-1, 1], size=B.shape[1]))
        A = B @ signs @ B.T  # rank <= 3, signs chosen: every kind turns up
        assert definiteness(A) is exact_kind(sp.Matrix(A.tolist())), A


def test_definiteness_is_a_string():
    assert definiteness([[1.0, 0.0], [0.0, 1.0]]) == "positive definite"


SECOND_ORDER = {
    D.POSITIVE_DEFINITE: Kind.MINIMUM,
    D.NEGATIVE_DEFINITE: Kind.MAXIMUM,
    D.INDEFINITE: Kind.SADDLE,
    D.POSITIVE_SEMIDEFINITE: Kind.INCONCLUSIVE,
    D.NEGATIVE_SEMIDEFINITE: Kind.INCONCLUSIVE,
    D.ZERO: Kind.INCONCLUSIVE,
}

eigenvalue = st.one_of(st.floats(-50, 50), st.sampled_from([0.0, 1e-12, -1e-12, 1e-7]))


@given(values=st.lists(eigenvalue, min_size=1, max_size=4), angle=st.floats(0, np.pi))
def test_definiteness_agrees_with_the_second_order_test(values, angle):
    """Positive definite is a minimum, negative definite a maximum, indefinite a saddle, and a
    zero eigenvalue (to rounding, with the same tolerance) makes the test inconclusive."""
    n = len(values)
    Q = np.eye(n)
    if n >= 2:
        Q[:2, :2] = rotation(angle)
    A = from_eigen(values, Q)
    kind = definiteness(A)
    assert co.classify_stationary_point(A) is SECOND_ORDER[kind], f"{kind} at a stationary point"


@given(values=st.lists(st.floats(-10, 10), min_size=2, max_size=4), seed=st.integers(0, 99))
def test_the_kind_is_the_sign_the_quadratic_form_takes(values, seed):
    """x^T A x = sum of lambda_i y_i^2: its signs at random points and at the eigenvectors of
    the extreme eigenvalues are those the kind promises."""
    rng = np.random.default_rng(seed)
    Q = np.linalg.qr(rng.normal(size=(len(values),) * 2))[0]
    A = from_eigen(values, Q)
    kind = definiteness(A)
    points = rng.normal(size=(len(values), 200))
    q = quadratic_form(A, points)
    eigenvalues, vectors = np.linalg.eigh(A)
    at_extremes = [quadratic_form(A, vectors[:, 0]), quadratic_form(A, vectors[:, -1])]
    scale = 1e-9 * max(1.0, np.abs(eigenvalues).max()) * np.sum(points**2, axis=0)
    if kind is D.POSITIVE_DEFINITE:
        assert np.all(q > 0), "positive definite: x^T A x > 0 for x != 0"
    elif kind is D.NEGATIVE_DEFINITE:
        assert np.all(q < 0), "negative definite: x^T A x < 0 for x != 0"
    elif kind in (D.POSITIVE_SEMIDEFINITE, D.ZERO):
        assert np.all(q >= -scale), "positive semidefinite: x^T A x >= 0 (to rounding)"
    if kind in (D.NEGATIVE_SEMIDEFINITE, D.ZERO):
        assert np.all(q <= scale), "negative semidefinite: x^T A x <= 0 (to rounding)"
    if kind is D.INDEFINITE:
        assert at_extremes[0] < 0 < at_extremes[1], "indefinite: both signs, at q_1 and q_n"


@given(values=st.lists(st.floats(-10, 10), min_size=2, max_size=4), seed=st.integers(0, 99))
def test_the_form_lies_between_the_extreme_eigenvalues(values, seed):
    """lambda_1 ||x||^2 <= x^T A x <= lambda_n ||x||^2 (the page's corollary of the spectral
    theorem), with equality at the eigenvectors."""
    rng = np.random.default_rng(seed)
    Q = np.linalg.qr(rng.normal(size=(len(values),) * 2))[0]
    A = from_eigen(values, Q)
    x = rng.normal(size=(len(values), 100))
    q, length2 = quadratic_form(A, x), np.sum(x**2, axis=0)
    low, high = min(values), max(values)
    slack = 1e-9 * (1 + np.abs(values).max()) * length2
    assert np.all(low * length2 - slack <= q), "x^T A x >= lambda_1 ||x||^2"
    assert np.all(q <= high * length2 + slack), "x^T A x <= lambda_n ||x||^2"


def test_quadratic_form_is_the_exact_polynomial():
    x, y, z = sp.symbols("x y z", real=True)
    A = sp.Matrix([[3, -1, 2], [-1, 0, 5], [2, 5, -4]])
    polynomial = sp.expand((sp.Matrix([x, y, z]).T * A * sp.Matrix([x, y, z]))[0])
    assert polynomial == 3 * x**2 - 2 * x * y + 4 * x * z + 10 * y * z - 4 * z**2
    point = {x: 1.5, y: -2.0, z: 0.25}
    value = quadratic_form(np.array(A.tolist(), dtype=float), [1.5, -2.0, 0.25])
    assert value == pytest.approx(float(polynomial.subs(point)), rel=1e-15)


def test_quadratic_form_evaluates_a_grid_coordinates_first():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    X, Y = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-2, 2, 4))
    values = quadratic_form(A, np.stack([X, Y]))
    assert values.shape == (4, 5)
    np.testing.assert_allclose(values, 2 * X**2 + 2 * X * Y + 2 * Y**2, rtol=1e-14)
    assert quadratic_form(A, [1.0, 2.0]) == 14.0 and isinstance(quadratic_form(A, [1, 2]), float)


def test_condition_number_is_the_eigenvalue_ratio():
    assert condition_number(fn.booth.hessian([1.0, 3.0])) == pytest.approx(9.0, rel=1e-14)
    assert condition_number([[2, 1], [1, 2]]) == pytest.approx(3.0, rel=1e-14)
    exact = sp.Matrix([[802, -400], [-400, 200]]).eigenvals()  # Rosenbrock's Hessian at (1, 1)
    low, high = sorted(exact, key=float)
    rosenbrock = condition_number(fn.rosenbrock.hessian([1.0, 1.0]))
    assert rosenbrock == pytest.approx(float(high / low), rel=1e-12)
    assert round(rosenbrock) == 2508, "1001.60 / 0.39936, COURSE.md's reference eigenvalues"


def test_condition_number_is_numpys_for_symmetric_positive_definite_matrices(rng):
    for n in (2, 3, 5):
        B = rng.normal(size=(n, n))
        A = B @ B.T + 0.1 * np.eye(n)
        kappa = condition_number(A)
        assert kappa == pytest.approx(np.linalg.cond(A), rel=1e-9), "numpy's 2-norm cond"
        assert kappa >= 1.0, "lambda_max / lambda_min >= 1"
        assert condition_number(7.5 * A) == pytest.approx(kappa, rel=1e-12), "no unit: scale-free"


@pytest.mark.parametrize(
    ("A", "match"),
    [
        ([[1, 1], [1, 1]], r"A is positive semidefinite \(eigenvalues 0, 2\): a zero eigenvalue"),
        ([[1, 2], [2, 1]], r"A is indefinite \(eigenvalues -1, 3\): with eigenvalues of both"),
        ([[-2, 0], [0, -1]], r"A is negative definite .*use condition_number\(-A\)"),
        ([[0, 0], [0, 0]], r"A is zero \(eigenvalues 0, 0\)"),
    ],
)
def test_condition_number_needs_a_positive_definite_matrix(A, match):
    with pytest.raises(ValueError, match="needs a symmetric positive definite matrix"):
        condition_number(A)
    with pytest.raises(ValueError, match=match):
        condition_number(A)


@given(values=st.lists(st.floats(-10, 10), min_size=2, max_size=2), angle=st.floats(-7, 7))
def test_from_eigen_has_the_given_eigenvalues_and_eigenvectors(values, angle):
    Q = rotation(angle)
    A = from_eigen(values, Q)
    np.testing.assert_array_equal(A, A.T)
    for value, vector in zip(values, Q.T, strict=True):
        np.testing.assert_allclose(
            A @ vector, value * vector, atol=1e-12 * (1 + max(map(abs, values)))
        )
    np.testing.assert_allclose(np.linalg.eigvalsh(A), sorted(values), atol=1e-12 * 11)


def test_from_eigen_is_the_spectral_theorem_backwards():
    A = np.array([[4.0, 1.0, -2.0], [1.0, 3.0, 0.5], [-2.0, 0.5, 1.0]])
    eigenvalues, Q = np.linalg.eigh(A)
    np.testing.assert_allclose(from_eigen(eigenvalues, Q), A, atol=1e-14)
    np.testing.assert_allclose(from_eigen([1.0, 3.0], rotation(np.pi / 4)), [[2, -1], [-1, 2]])


def test_rotation_is_orthogonal_and_turns_counterclockwise():
    R = rotation(0.3)
    np.testing.assert_allclose(R.T @ R, np.eye(2), atol=1e-15)
    assert np.linalg.det(R) == pytest.approx(1.0)
    np.testing.assert_allclose(rotation(np.pi / 2) @ [1.0, 0.0], [0.0, 1.0], atol=1e-15)


def test_bad_input_gets_a_message_that_says_what_is_wrong():
    with pytest.raises(ValueError, match="A must be symmetric"):
        definiteness([[1.0, 2.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match="A must be a square matrix, got shape"):
        condition_number([[1.0, 2.0, 3.0]])
    with pytest.raises(TypeError, match="A must contain numbers"):
        quadratic_form([["a", "b"], ["b", "c"]], [1.0, 2.0])
    with pytest.raises(ValueError, match=r"x must have shape \(2,\) or \(2, \.\.\.\)"):
        quadratic_form([[1.0, 0.0], [0.0, 1.0]], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="tol must be a finite number >= 0"):
        definiteness([[1.0]], tol=-1.0)
    with pytest.raises(ValueError, match="eigenvectors must be an orthogonal matrix"):
        from_eigen([1.0, 2.0], [[1.0, 1.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match="eigenvalues must have 2 coordinates, got 3"):
        from_eigen([1.0, 2.0, 3.0], np.eye(2))
    with pytest.raises(TypeError, match="angle must contain numbers"):
        rotation("north")
