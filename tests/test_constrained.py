"""Lagrange points, KKT points and the penalty method against exact results and scipy.optimize."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import lsq_linear, minimize

import calcopt as co
from calcopt import functions as fn
from calcopt.calculus.equations import NotIsolatedError
from calcopt.calculus.extrema import Kind
from calcopt.functions import x, y
from calcopt.optimize import (
    active_set_cases,
    classify_constrained_point,
    least_squares_multipliers,
    penalty,
    reduced_hessian,
)

z = sp.Symbol("z", real=True)
SQRT5 = np.sqrt(5.0)
#: The chapter's running example: the squared distance to (2, 1).
DISTANCE = co.Objective.from_sympy(
    (x - 2) ** 2 + (y - 1) ** 2, (x, y), name="distance", domain=((-4, 4), (-4, 4))
)


def slsqp(f, x0, constraints, sign=1.0):
    """scipy's SLSQP on sign * f with constraints [(kind, fun)], kind 'eq' or 'ineq' (>= 0)."""
    result = minimize(
        lambda p: sign * f(p),
        x0,
        method="SLSQP",
        constraints=[{"type": kind, "fun": fun} for kind, fun in constraints],
        options={"ftol": 1e-14, "maxiter": 500},
    )
    assert result.success, result.message
    return result.x


# -- Lagrange points --------------------------------------------------------------------------


def test_the_circle_example_matches_the_exact_solution():
    """Nearest and farthest points of the unit circle from (2, 1): lambda = -1 +- sqrt 5."""
    far, near = co.lagrange_points(DISTANCE, [x**2 + y**2 - 1])
    np.testing.assert_allclose(near.x, np.array([2.0, 1.0]) / SQRT5, atol=1e-12)
    np.testing.assert_allclose(far.x, -np.array([2.0, 1.0]) / SQRT5, atol=1e-12)
    assert near.lam[0] == pytest.approx(SQRT5 - 1, abs=1e-12)
    assert far.lam[0] == pytest.approx(-SQRT5 - 1, abs=1e-12)
    assert (near.kind, far.kind) == (Kind.MINIMUM, Kind.MAXIMUM), (
        "the tangent-space test tells the nearest point (minimum) from the farthest (maximum), "
        "though the Hessian of f is 2I at both"
    )
    assert near.value == pytest.approx((SQRT5 - 1) ** 2, abs=1e-12)


def test_lagrange_points_agree_with_sympy_solve():
    """Every solution of the Lagrange system that sympy finds symbolically, and no other."""
    lam = sp.Symbol("lam", real=True)
    f, h = x * y + y**2, x**2 + 2 * y**2 - 3
    objective = co.Objective.from_sympy(f, (x, y), name="f")
    lagrangian = f + lam * h
    exact = sp.solve([sp.diff(lagrangian, x), sp.diff(lagrangian, y), h], [x, y, lam], dict=True)
    expected = sorted((float(s[x]), float(s[y]), float(s[lam])) for s in exact)
    found = sorted((*p.x, *p.lam) for p in co.lagrange_points(objective, [h]))
    np.testing.assert_allclose(found, expected, atol=1e-10)


def test_a_non_polynomial_problem_agrees_with_slsqp():
    """exp(x) + y^2 on the unit circle (solved numerically): the minimum and the maximum."""
    objective = co.Objective.from_sympy(sp.exp(x) + y**2, (x, y), name="exp")
    points = co.lagrange_points(objective, [x**2 + y**2 - 1])
    on_circle = [("eq", lambda p: p[0] ** 2 + p[1] ** 2 - 1)]
    low = slsqp(objective.value_at, [-0.5, 0.5], on_circle)
    high = slsqp(objective.value_at, [0.5, 0.5], on_circle, sign=-1.0)
    best = min(points, key=lambda p: p.value)
    worst = max(points, key=lambda p: p.value)
    np.testing.assert_allclose(best.x, low, atol=1e-6)
    np.testing.assert_allclose(worst.x, high, atol=1e-6)
    assert (best.kind, worst.kind) == (Kind.MINIMUM, Kind.MAXIMUM)


def test_three_variables_and_two_equalities_agree_with_slsqp():
    objective = co.Objective.from_sympy(x**2 + 2 * y**2 + 3 * z**2, (x, y, z), name="q")
    h1, h2 = x + y + z - 1, x - y + 2 * z
    (point,) = co.lagrange_points(objective, [h1, h2])
    expected = slsqp(
        objective.value_at,
        [0.0, 0.0, 0.0],
        [("eq", lambda p: p[0] + p[1] + p[2] - 1), ("eq", lambda p: p[0] - p[1] + 2 * p[2])],
    )
    np.testing.assert_allclose(point.x, expected, atol=1e-6)
    gradient = objective.gradient_at(point.x)
    normals = np.array([[1.0, 1.0, 1.0], [1.0, -1.0, 2.0]])
    np.testing.assert_allclose(gradient + normals.T @ point.lam, 0.0, atol=1e-12)
    assert point.kind == Kind.MINIMUM


def test_a_saddle_along_the_constraint_needs_two_tangent_directions():
    objective = co.Objective.from_sympy(x**2 - y**2 + z**2, (x, y, z), name="tilted")
    (point,) = co.lagrange_points(objective, [x + y + z])
    np.testing.assert_allclose(point.x, 0.0, atol=1e-12)
    assert point.kind == Kind.SADDLE


def test_a_stationary_point_along_the_circle_without_extremum_is_inconclusive():
    cube = co.Objective.from_sympy(x**3, (x, y), name="x cubed")
    kinds = {tuple(p.x.round(9)): str(p.kind) for p in co.lagrange_points(cube, [x**2 + y**2 - 1])}
    assert kinds == {
        (-1.0, 0.0): "minimum",
        (0.0, -1.0): "inconclusive",
        (0.0, 1.0): "inconclusive",
        (1.0, 0.0): "maximum",
    }


def test_a_vanishing_constraint_gradient_hides_the_minimum():
    """(x^2 + y^2 - 1)^2 = 0 is the unit circle, but its gradient is 0 there: no Lagrange point."""
    assert co.lagrange_points(DISTANCE, [(x**2 + y**2 - 1) ** 2]) == ()


def test_a_continuum_of_lagrange_points_is_an_error():
    bowl = co.Objective.from_sympy(x**2 + y**2, (x, y), name="bowl")
    with pytest.raises(NotIsolatedError, match="the Lagrange points of bowl are not isolated"):
        co.lagrange_points(bowl, [x**2 + y**2 - 1])


def test_the_tangent_space_test_uses_the_lagrangian_not_f():
    """xy on x + y = 2: an indefinite Hessian, yet a maximum along the line."""
    assert str(classify_constrained_point([[0.0, 1.0], [1.0, 0.0]], [[1.0, 1.0]])) == "maximum"
    assert reduced_hessian([[0.0, 1.0], [1.0, 0.0]], [[1.0, 1.0]])[0, 0] == pytest.approx(-1.0)
    assert str(classify_constrained_point(np.eye(2), np.eye(2))) == "inconclusive", (
        "with as many independent constraints as variables nothing is left to test"
    )
    assert reduced_hessian(np.diag([1.0, -1.0]), np.zeros((0, 2))).tolist() == [
        [1.0, 0.0],
        [0.0, -1.0],
    ], "with no constraint the reduced Hessian is the Hessian"


def test_least_squares_multipliers_vanish_only_at_a_lagrange_point():
    for point in co.lagrange_points(DISTANCE, [x**2 + y**2 - 1]):
        lam, residual = least_squares_multipliers(DISTANCE.gradient_at(point.x), [2 * point.x])
        assert lam[0] == pytest.approx(point.lam[0], abs=1e-12)
        np.testing.assert_allclose(residual, 0.0, atol=1e-12)
    elsewhere = np.array([0.0, 1.0])
    _, residual = least_squares_multipliers(DISTANCE.gradient_at(elsewhere), [2 * elsewhere])
    assert np.linalg.norm(residual) == pytest.approx(4.0), "the tangential part of (-4, 0)"


def test_the_multiplier_is_the_price_of_the_constraint():
    """p(u) = min f on x^2 + y^2 - 1 = u has p'(0) = -lambda."""

    def best(u):
        return min(p.value for p in co.lagrange_points(DISTANCE, [x**2 + y**2 - 1 - u]))

    near = max(co.lagrange_points(DISTANCE, [x**2 + y**2 - 1]), key=lambda p: p.lam[0])
    slope = (best(1e-4) - best(-1e-4)) / 2e-4
    assert slope == pytest.approx(-near.lam[0], abs=1e-7)


# -- KKT points -------------------------------------------------------------------------------


@pytest.mark.parametrize("r", [0.5, 1.0, 1.5, 2.0, 2.2, 2.5, 3.0])
def test_kkt_on_the_disc_matches_the_course_reference(r):
    """r >= sqrt 5: (2, 1) is feasible and mu = 0; r < sqrt 5: x* = r (2, 1)/sqrt 5 and
    mu = sqrt 5 / r - 1 (COURSE.md)."""
    (point,) = co.kkt_points(DISTANCE, inequalities=[x**2 + y**2 - r**2])
    if r >= SQRT5:
        np.testing.assert_allclose(point.x, [2.0, 1.0], atol=1e-12)
        assert point.mu[0] == 0.0 and point.active == ()
    else:
        np.testing.assert_allclose(point.x, r * np.array([2.0, 1.0]) / SQRT5, atol=1e-12)
        assert point.mu[0] == pytest.approx(SQRT5 / r - 1, abs=1e-12)
        assert point.active == (0,)


@settings(max_examples=12)
@given(
    a=st.tuples(st.floats(-3, 3), st.floats(-3, 3)).filter(lambda a: np.hypot(*a) > 0.1),
    r=st.floats(0.2, 2.5),
)
def test_kkt_on_a_disc_is_the_projection_for_any_centre(a, r):
    """Minimising |x - a|^2 over the disc of radius r: x* is the projection of a, and
    mu = |a| / r - 1 when a is outside (0 inside)."""
    a = np.round(a, 3)
    r = round(r, 3)
    centre = co.Objective.from_sympy(
        (x - a[0]) ** 2 + (y - a[1]) ** 2, (x, y), name="centre", domain=((-4, 4), (-4, 4))
    )
    (point,) = co.kkt_points(centre, inequalities=[x**2 + y**2 - r**2])
    np.testing.assert_allclose(point.x, co.project_ball(a, 0.0, r), atol=1e-9)
    assert point.mu[0] == pytest.approx(max(np.linalg.norm(a) / r - 1, 0.0), abs=1e-9)


def test_the_case_analysis_rejects_the_far_point_by_the_sign_of_mu():
    cases = active_set_cases(DISTANCE, inequalities=[x**2 + y**2 - 1])
    verdicts = [(case.assumed, case.verdict) for case in cases]
    assert verdicts == [
        ((), "infeasible: g1 > 0"),
        ((0,), "rejected: μ1 < 0"),
        ((0,), "KKT point"),
    ]
    assert cases[1].mu[0] == pytest.approx(-SQRT5 - 1)
    assert repr(cases[2]).startswith("active {g1}: x = (0.894427, 0.447214)")


def test_two_active_constraints_agree_with_slsqp():
    (point,) = co.kkt_points(DISTANCE, inequalities=[x**2 + y**2 - 1, y - 0.2])
    expected = slsqp(
        DISTANCE.value_at,
        [0.0, 0.0],
        [("ineq", lambda p: 1 - p[0] ** 2 - p[1] ** 2), ("ineq", lambda p: 0.2 - p[1])],
    )
    np.testing.assert_allclose(point.x, expected, atol=1e-6)
    np.testing.assert_allclose(point.x, [np.sqrt(0.96), 0.2], atol=1e-12)
    assert point.active == (0, 1) and np.all(point.mu > 0)
    stationarity = DISTANCE.gradient_at(point.x) + point.mu @ [2 * point.x, [0.0, 1.0]]
    np.testing.assert_allclose(stationarity, 0.0, atol=1e-12)


def test_an_inactive_inequality_gets_a_zero_multiplier():
    """Booth over the box [-1, 2]^2: only y <= 2 is active; the answer agrees with lsq_linear."""
    (point,) = co.kkt_points(fn.booth, inequalities=[x - 2, -1 - x, y - 2, -1 - y])
    booth_matrix, booth_targets = np.array([[1.0, 2.0], [2.0, 1.0]]), np.array([7.0, 5.0])
    reference = lsq_linear(booth_matrix, booth_targets, bounds=(-1, 2), tol=1e-12).x
    np.testing.assert_allclose(point.x, reference, atol=1e-6)
    np.testing.assert_allclose(point.x, [1.8, 2.0], atol=1e-12)
    assert point.active == (2,)
    np.testing.assert_allclose(point.mu, [0.0, 0.0, 3.6, 0.0], atol=1e-12)


def test_three_variables_on_the_simplex_agree_with_slsqp():
    objective = co.Objective.from_sympy(
        (x - 0.2) ** 2 + (y - 1) ** 2 + (z + 0.5) ** 2 + x * y, (x, y, z), name="simplex"
    )
    (point,) = co.kkt_points(objective, equalities=[x + y + z - 1], inequalities=[-x, -y, -z])
    expected = slsqp(
        objective.value_at,
        [1 / 3, 1 / 3, 1 / 3],
        [("eq", lambda p: p.sum() - 1), ("ineq", lambda p: p)],
    )
    np.testing.assert_allclose(point.x, expected, atol=1e-6)
    assert point.active == (0, 2) and point.mu[1] == 0.0 and np.all(point.mu[[0, 2]] > 0)


def test_kkt_points_satisfy_every_condition():
    """Stationarity, feasibility, mu >= 0 and complementary slackness, on a problem with an
    equality and two inequalities."""
    objective = co.Objective.from_sympy(x**2 + y**2 + z**2 - x * z, (x, y, z), name="q")
    equal, unequal = [x + 2 * y + z - 2], [1 - x, y - 0.3]
    (point,) = co.kkt_points(objective, equalities=equal, inequalities=unequal)
    p = point.x
    normals = np.array([[1.0, 2.0, 1.0]]), np.array([[-1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    residual = objective.gradient_at(p) + normals[0].T @ point.lam + normals[1].T @ point.mu
    np.testing.assert_allclose(residual, 0.0, atol=1e-10)
    values = np.array([1 - p[0], p[1] - 0.3])
    assert abs(p[0] + 2 * p[1] + p[2] - 2) < 1e-12 and np.all(values <= 1e-12)
    assert np.all(point.mu >= 0) and np.allclose(point.mu * values, 0.0, atol=1e-12)
    expected = slsqp(
        objective.value_at,
        [1.0, 0.0, 1.0],
        [
            ("eq", lambda q: q[0] + 2 * q[1] + q[2] - 2),
            ("ineq", lambda q: q[0] - 1),
            ("ineq", lambda q: 0.3 - q[1]),
        ],
    )
    np.testing.assert_allclose(p, expected, atol=1e-6)


# -- penalty ----------------------------------------------------------------------------------


def test_the_penalty_minimiser_approaches_the_solution_and_estimates_the_multiplier():
    """x^2 + y^2 with x + y = 2: x_gamma = gamma / (1 + gamma), gamma h -> -2, condition
    number 1 + gamma."""
    bowl = co.Objective.from_sympy(x**2 + y**2, (x, y), name="bowl")
    for gamma in (1.0, 10.0, 100.0):
        f_gamma = penalty(bowl, equalities=[x + y - 2], weight=gamma)
        (point,) = co.stationary_points(f_gamma)
        np.testing.assert_allclose(point.x, gamma / (1 + gamma), atol=1e-12)
        assert gamma * (2 * point.x[0] - 2) == pytest.approx(-2 * gamma / (1 + gamma))
        eigenvalues = np.linalg.eigvalsh(f_gamma.hessian_at(point.x))
        assert eigenvalues[1] / eigenvalues[0] == pytest.approx(1 + gamma)


def test_an_inequality_penalty_is_zero_inside_and_quadratic_outside():
    f_gamma = penalty(DISTANCE, inequalities=[x**2 + y**2 - 1], weight=10.0)
    assert f_gamma([0.5, 0.0]) == pytest.approx(DISTANCE([0.5, 0.0]))
    assert f_gamma([2.0, 0.0]) == pytest.approx(DISTANCE([2.0, 0.0]) + 5 * 3**2)
    grid = f_gamma(np.stack(np.meshgrid(np.linspace(-2, 2, 5), np.linspace(-2, 2, 5))))
    assert grid.shape == (5, 5) and np.all(np.isfinite(grid))
    (star,) = co.kkt_points(DISTANCE, inequalities=[x**2 + y**2 - 1])
    errors = []
    for gamma in (10.0, 100.0, 1000.0):
        run = co.newton(penalty(DISTANCE, inequalities=[x**2 + y**2 - 1], weight=gamma), star.x)
        errors.append(np.linalg.norm(run.x - star.x))
    assert errors[0] > 5 * errors[1] > 25 * errors[2], "the error shrinks like 1/gamma"


# -- bad input --------------------------------------------------------------------------------


def test_a_constraint_in_a_foreign_variable_is_named():
    with pytest.raises(ValueError, match=r"equalities\[1\] uses z, which is not a variable of"):
        co.lagrange_points(DISTANCE, [x - y, x + z])
    with pytest.raises(ValueError, match=r"inequalities\[0\] uses z"):
        co.kkt_points(DISTANCE, inequalities=[z])
    with pytest.raises(ValueError, match=r"equalities\[0\] uses z"):
        penalty(DISTANCE, equalities=[z], weight=1.0)


def test_a_relation_or_a_non_expression_is_a_type_error():
    with pytest.raises(TypeError, match=r"not the relation .*write h\(x\) = c as h\(x\) - c"):
        co.lagrange_points(DISTANCE, [sp.Eq(x**2 + y**2, 1)])
    with pytest.raises(TypeError, match=r"inequalities\[0\] must be a sympy expression, not"):
        co.kkt_points(DISTANCE, inequalities=[x <= 1])
    with pytest.raises(TypeError, match=r"equalities\[0\] must be a sympy expression, got str"):
        co.lagrange_points(DISTANCE, ["x + y"])
    with pytest.raises(TypeError, match="equalities must be a sequence of sympy expressions"):
        co.lagrange_points(DISTANCE, 3)
    with pytest.raises(TypeError, match="must be a calcopt Objective"):
        co.lagrange_points(lambda p: p @ p, [x])


def test_a_single_expression_counts_as_one_constraint():
    assert co.lagrange_points(DISTANCE, x**2 + y**2 - 1) == co.lagrange_points(
        DISTANCE, [x**2 + y**2 - 1]
    )


def test_the_penalty_weight_must_be_positive():
    with pytest.raises(ValueError, match="weight must be a positive finite number"):
        penalty(DISTANCE, equalities=[x], weight=0.0)


def test_bad_hessian_and_jacobian_shapes_are_named():
    with pytest.raises(ValueError, match=r"jacobian must have shape \(m, 2\)"):
        reduced_hessian(np.eye(2), [[1.0, 2.0, 3.0]])
    with pytest.raises(ValueError, match="hessian must be symmetric"):
        reduced_hessian([[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0]])
    with pytest.raises(ValueError, match=r"jacobian must have shape \(m, 2\)"):
        least_squares_multipliers([1.0, 2.0], [1.0, 2.0])
