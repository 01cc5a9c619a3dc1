"""Classification, stationary points and interval minima against exact answers and scipy."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import brentq, minimize, minimize_scalar, rosen, rosen_der
from scipy.optimize import root as scipy_root

import calcopt as co
from calcopt import functions as fn
from calcopt.calculus.extrema import Kind

x, y = sp.symbols("x y", real=True)


@pytest.mark.parametrize(
    ("H", "kind"),
    [
        ([[2.0, 0.0], [0.0, 3.0]], Kind.MINIMUM),
        ([[-2.0, 1.0], [1.0, -2.0]], Kind.MAXIMUM),
        ([[2.0, 0.0], [0.0, -2.0]], Kind.SADDLE),
        ([[0.0, 0.0], [0.0, 0.0]], Kind.INCONCLUSIVE),
        ([[2.0, 0.0], [0.0, 0.0]], Kind.INCONCLUSIVE),
        ([[-1.0, 0.0], [0.0, 0.0]], Kind.INCONCLUSIVE),
        ([[1.0, 0.0], [0.0, -1.0]], Kind.SADDLE),
        (12.0, Kind.MINIMUM),
        (0.0, Kind.INCONCLUSIVE),
        (fn.rosenbrock.hessian([1.0, 1.0]), Kind.MINIMUM),
    ],
)
def test_classification_by_eigenvalue_signs(H, kind):
    assert co.classify_stationary_point(H) is kind


def test_kind_is_a_string():
    assert Kind.SADDLE == "saddle" and str(Kind.MINIMUM) == "minimum"


eigen = st.floats(0.01, 100)


@given(
    a=eigen, b=eigen, angle=st.floats(0, np.pi), signs=st.sampled_from([(1, 1), (-1, -1), (1, -1)])
)
def test_classification_of_rotated_diagonal_matrices(a, b, angle, signs):
    Q = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    H = Q @ np.diag([signs[0] * a, signs[1] * b]) @ Q.T
    expected = {(1, 1): Kind.MINIMUM, (-1, -1): Kind.MAXIMUM, (1, -1): Kind.SADDLE}[signs]
    assert co.classify_stationary_point((H + H.T) / 2) is expected


def test_himmelblau_has_four_minima_one_maximum_four_saddles():
    points = co.stationary_points(fn.himmelblau)
    kinds = [p.kind for p in points]
    assert kinds.count(Kind.MINIMUM) == 4
    assert kinds.count(Kind.MAXIMUM) == 1
    assert kinds.count(Kind.SADDLE) == 4
    minima = sorted((p for p in points if p.kind is Kind.MINIMUM), key=lambda p: tuple(p.x))
    expected = sorted(
        [(3, 2), (-2.805118, 3.131313), (-3.779310, -3.283186), (3.584428, -1.848127)]
    )
    for p, q in zip(minima, expected, strict=True):
        np.testing.assert_allclose(p.x, q, atol=1e-6)
        assert p.value == pytest.approx(0.0, abs=1e-20)
    (top,) = (p for p in points if p.kind is Kind.MAXIMUM)
    np.testing.assert_allclose(top.x, [-0.270845, -0.923039], atol=1e-6)
    assert top.value == pytest.approx(181.617, abs=1e-3)
    for p in points:
        np.testing.assert_allclose(fn.himmelblau.gradient(p.x), [0, 0], atol=1e-9)


@pytest.mark.parametrize(
    ("objective", "where", "kind"),
    [
        (fn.rosenbrock, [1.0, 1.0], Kind.MINIMUM),
        (fn.booth, [1.0, 3.0], Kind.MINIMUM),
        (fn.saddle, [0.0, 0.0], Kind.SADDLE),
        (fn.monkey_saddle, [0.0, 0.0], Kind.INCONCLUSIVE),
        (fn.peano, [0.0, 0.0], Kind.INCONCLUSIVE),
        (fn.cubic, [0.0], Kind.INCONCLUSIVE),
        (fn.quartic, [0.0], Kind.INCONCLUSIVE),
    ],
)
def test_single_stationary_points(objective, where, kind):
    (point,) = co.stationary_points(objective)
    np.testing.assert_allclose(point.x, where, atol=1e-9)
    assert point.kind is kind


def test_one_variable_non_polynomial_matches_brentq_on_the_derivative():
    points = co.stationary_points(fn.wavy)
    grid = np.linspace(-4, 4, 4001)
    d = fn.wavy.gradient(grid)
    roots = [
        brentq(fn.wavy.gradient, a, b)
        for a, b, da, db in zip(grid[:-1], grid[1:], d[:-1], d[1:], strict=True)
        if da * db < 0
    ]
    np.testing.assert_allclose([p.x[0] for p in points], roots, atol=1e-10)
    for p in points:
        expected = Kind.MINIMUM if fn.wavy.hessian(p.x[0]) > 0 else Kind.MAXIMUM
        assert p.kind is expected


def test_two_variable_non_polynomial_matches_the_exact_grid_of_solutions():
    f = co.Objective.from_sympy(
        sp.sin(x) + sp.cos(y), (x, y), name="egg crate", domain=((0, 8), (-1, 4))
    )
    points = co.stationary_points(f)
    # cos x = 0 and sin y = 0: x in {pi/2, 3pi/2, 5pi/2}, y in {0, pi}
    expected = sorted(
        (a, b) for a in (np.pi / 2, 3 * np.pi / 2, 5 * np.pi / 2) for b in (0.0, np.pi)
    )
    np.testing.assert_allclose([p.x for p in points], expected, atol=1e-10)
    for p in points:  # the Hessian is diag(-sin x, -cos y)
        signs = tuple(np.sign([-np.sin(p.x[0]), -np.cos(p.x[1])]))
        assert p.kind is {(1, 1): Kind.MINIMUM, (-1, -1): Kind.MAXIMUM}.get(signs, Kind.SADDLE)


def test_domain_restricts_the_search_and_boundary_points_count():
    points = co.stationary_points(fn.himmelblau, ((0, 3), (0, 5)))
    assert [tuple(p.x.round(6)) for p in points] == [(0.086678, 2.884255), (3.0, 2.0)]


def test_no_duplicates_for_a_degenerate_point():
    # The monkey saddle's gradient system has a triple root at the origin.
    assert len(co.stationary_points(fn.monkey_saddle)) == 1


x1, x2, x3, x4 = FOUR = sp.symbols("x1:5", real=True)
z = sp.Symbol("z", real=True)


def test_four_variable_quartic_with_float_coefficients_has_two_minima_and_a_saddle():
    # grad f = 0 forces x4 = x3 = x2 = x1 = t with t^3 = t, so t is -1, 0 or 1.
    expr = 0.5 * (x1**2 - 1) ** 2 + (x2 - x1) ** 2 + (x3 - x2) ** 2 + (x4 - x3) ** 2
    f = co.Objective.from_sympy(expr, FOUR, name="chain")
    points = co.stationary_points(f)
    assert [p.x.tolist() for p in points] == [[t] * 4 for t in (-1.0, 0.0, 1.0)], (
        "the stationary points are exactly t (1, 1, 1, 1) for t = -1, 0, 1"
    )
    assert [p.value for p in points] == [0.0, 0.5, 0.0]
    assert [p.kind for p in points] == [Kind.MINIMUM, Kind.SADDLE, Kind.MINIMUM]
    for p in points:  # the signs of the exact Hessian's eigenvalues decide, without rounding
        H = f.hessian_expr.subs(dict(zip(FOUR, [sp.Integer(round(p.x[0]))] * 4, strict=True)))
        eigenvalues = sp.Poly(H.charpoly().as_expr()).real_roots()
        signs = {sp.sign(e) for e in eigenvalues}
        assert len(eigenvalues) == 4 and 0 not in signs, "a symmetric H: 4 real, nonzero"
        assert (signs == {1}) is (p.kind is Kind.MINIMUM), "all eigenvalues > 0: a minimum"
        assert (signs == {-1, 1}) is (p.kind is Kind.SADDLE), "mixed signs: a saddle"


def test_float_coefficients_give_the_points_of_the_exact_rationals():
    # With 1.1 and 0.7 as floats, sympy's Groebner basis used to come out wrong.
    def wells(a, b):
        return co.Objective.from_sympy((x**2 + y - a) ** 2 + (x + y**2 - b) ** 2, (x, y), name="w")

    floats = co.stationary_points(wells(1.1, 0.7))
    exact = co.stationary_points(wells(sp.Rational(11, 10), sp.Rational(7, 10)))
    assert len(floats) == 5, "three minima and two saddles in the default box"
    for p, q in zip(floats, exact, strict=True):
        np.testing.assert_array_equal(p.x, q.x)
        assert p.kind is q.kind and p.value == q.value
        np.testing.assert_allclose(wells(1.1, 0.7).gradient_at(p.x), 0.0, atol=1e-13)


def test_three_variable_non_polynomial_points_are_the_roots_scipy_finds():
    box = ((0, 5), (-1, 4), (-1, 1))
    expr = sp.sin(x) + sp.cos(y) + z**2 / 2 + sp.sin(x * z) * 3 / 10
    f = co.Objective.from_sympy(expr, (x, y, z), name="ripples", domain=box)
    points = co.stationary_points(f)
    low, high = np.array(box).T
    found = []  # roots of the gradient that scipy reaches from 300 random starts in the box
    for start in np.random.default_rng(7).uniform(low, high, size=(300, 3)):
        root = scipy_root(f.gradient_at, start, jac=f.hessian_at, tol=1e-13)
        inside = np.all(root.x >= low) and np.all(root.x <= high)
        if root.success and inside and all(np.linalg.norm(root.x - q) > 1e-6 for q in found):
            found.append(root.x)
    assert len(points) == len(found) == 8, "the numerical search finds all 8 stationary points"
    np.testing.assert_allclose([p.x for p in points], sorted(found, key=tuple), atol=1e-12)
    for p in points:
        np.testing.assert_allclose(f.gradient_at(p.x), 0.0, atol=1e-14)
        eigenvalues = np.linalg.eigvalsh(f.hessian_at(p.x))
        assert p.kind is (Kind.MINIMUM if eigenvalues[0] > 0 else Kind.SADDLE)


def test_rosenbrock_in_three_variables_has_only_its_minimum():
    (point,) = co.stationary_points(fn.rosenbrock_n(3))
    assert point.x.tolist() == [1.0, 1.0, 1.0] and point.kind is Kind.MINIMUM


def test_rosenbrock_in_four_variables_has_a_second_local_minimum_that_scipy_confirms():
    points = co.stationary_points(fn.rosenbrock_n(4))
    assert [p.kind for p in points] == [Kind.MINIMUM, Kind.SADDLE, Kind.MINIMUM]
    local, _, best = points
    assert best.x.tolist() == [1.0] * 4 and best.value == 0.0
    np.testing.assert_allclose(local.x, [-0.7757, 0.6131, 0.3821, 0.1460], atol=1e-4)
    nearby = minimize(rosen, local.x + 0.01, jac=rosen_der, method="BFGS", tol=1e-12)
    np.testing.assert_allclose(nearby.x, local.x, atol=1e-7)
    assert local.value == pytest.approx(nearby.fun, rel=1e-12), "a local minimum above 0"


def test_a_degenerate_point_at_an_irrational_value_is_found_once():
    # y = x and x (x^2 - 2) = 0; at x = +-sqrt 2 the equation for y has a triple root.
    f = co.Objective.from_sympy((y - x) ** 4 + (x**2 - 2) ** 2, (y, x), name="f")
    points = co.stationary_points(f)
    root = np.sqrt(2.0)
    np.testing.assert_allclose([p.x for p in points], [[-root] * 2, [0, 0], [root] * 2])
    assert all(p.kind is Kind.INCONCLUSIVE for p in points), "a zero Hessian eigenvalue each"


@pytest.mark.parametrize(
    ("expr", "variables"),
    [(x + y**2, (x, y)), (x, (x,)), (sp.exp(x), (x,)), (x + y**2 + z**2, (x, y, z))],
)
def test_no_stationary_point_gives_an_empty_tuple(expr, variables):
    f = co.Objective.from_sympy(expr, variables, name="f")
    assert co.stationary_points(f) == (), "a gradient that never vanishes has no zeros to list"


def test_minimum_at_an_endpoint_where_the_derivative_is_not_zero():
    result = co.minimize_on_interval(lambda t: t**2, 1.0, 3.0)
    assert result.x == 1.0 and result.at_endpoint
    assert result.slope == pytest.approx(2.0, rel=1e-8)


def test_interval_minimum_of_wavy_matches_scipy_on_each_dip():
    result = co.minimize_on_interval(fn.wavy, -4.0, 4.0)
    best = minimize_scalar(fn.wavy, bounds=(-1.0, 0.0), method="bounded", options={"xatol": 1e-12})
    assert result.x == pytest.approx(best.x, abs=1e-8)
    assert not result.at_endpoint and abs(result.slope) < 1e-6
    assert len(result.interior) == 4


def test_interval_maximum_and_plain_python_functions():
    import math

    result = co.maximize_on_interval(lambda t: math.sin(t), 0.0, 3.0)
    assert result.x == pytest.approx(math.pi / 2, abs=1e-8)
    assert co.maximize_on_interval(fn.wavy, 2.9, 3.4).at_endpoint


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: co.classify_stationary_point([[1.0, 2.0]]), ValueError, "square matrix"),
        (lambda: co.classify_stationary_point([[1.0, 2.0], [0.0, 1.0]]), ValueError, "symmetric"),
        (lambda: co.classify_stationary_point([[np.nan]]), ValueError, "H must be finite"),
        (lambda: co.classify_stationary_point(1.0, tol=-1), ValueError, "tol must be"),
        (lambda: co.stationary_points(lambda z: z), TypeError, "Objective"),
        (lambda: co.stationary_points(fn.booth, ((0, 1),)), ValueError, "2 \\(low, high\\)"),
        (
            lambda: co.stationary_points(co.Objective.from_sympy((x - y) ** 2, (x, y), name="f")),
            ValueError,
            "the stationary points of f are not isolated",
        ),
        (
            lambda: co.stationary_points(co.Objective.from_sympy(x**2, (x, y), name="trough")),
            ValueError,
            "the stationary points of trough are not isolated",
        ),
        (
            lambda: co.stationary_points(
                co.Objective.from_sympy(0.5 * (x + y - z) ** 2 + z**2, (x, y, z), name="plane")
            ),
            ValueError,
            "not isolated",
        ),
        (
            lambda: co.stationary_points(co.Objective.from_sympy(sp.Integer(2), (x, y), name="c")),
            ValueError,
            "every point is stationary for c: f is constant",
        ),
        (lambda: co.minimize_on_interval(np.sin, 2.0, 1.0), ValueError, "a must be less than b"),
        (lambda: co.minimize_on_interval(np.sin, 0.0, np.inf), ValueError, "b must be finite"),
        (lambda: co.minimize_on_interval(np.log, -1.0, 1.0), ValueError, "finite numbers on"),
        (lambda: co.minimize_on_interval(lambda t: [t, t], 0.0, 1.0), ValueError, "one number"),
        (lambda: co.minimize_on_interval("sin", 0.0, 1.0), TypeError, "f must be callable"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_maximize_on_interval_names_itself_in_errors():
    with pytest.raises(ValueError, match="maximize_on_interval needs"):
        co.maximize_on_interval(lambda x: [1.0, 2.0], 0.0, 1.0)
