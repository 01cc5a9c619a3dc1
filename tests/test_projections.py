"""Projections onto a box, a ball and the simplex, and projected gradient descent."""

from functools import partial

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import lsq_linear, minimize

import calcopt as co
from calcopt import functions as fn
from calcopt.functions import x, y
from calcopt.models.regression import LeastSquares
from calcopt.optimize import projected_gradient, projected_step

coordinates = st.floats(-50, 50, allow_nan=False, allow_infinity=False)
vectors = st.integers(1, 6).flatmap(lambda n: arrays(float, n, elements=coordinates))


def in_box(p, low, high):
    return bool(np.all(p >= low - 1e-12) and np.all(p <= high + 1e-12))


def in_ball(p, center, radius):
    return bool(np.linalg.norm(p - center) <= radius * (1 + 1e-12) + 1e-12)


def in_simplex(p):
    return bool(np.all(p >= 0) and abs(p.sum() - 1) <= 1e-12 * len(p))


def brute_force(z, constraints, start):
    """The nearest feasible point by SLSQP: an independent minimisation of |x - z|^2."""
    result = minimize(
        lambda p: np.sum((p - z) ** 2),
        start,
        jac=lambda p: 2 * (p - z),
        method="SLSQP",
        constraints=constraints,
        options={"ftol": 1e-12, "maxiter": 500},
    )
    assert result.success, result.message
    return result.x


# -- the box ----------------------------------------------------------------------------------


@given(vectors)
def test_box_projection_is_feasible_idempotent_and_obtuse(z):
    low, high = -1.0 - np.arange(z.size), 2.0 + np.arange(z.size)
    p = co.project_box(z, low, high)
    assert in_box(p, low, high), "a projection returns a point of the set"
    np.testing.assert_array_equal(co.project_box(p, low, high), p, "P(P(z)) = P(z)")
    corners = np.array(np.meshgrid(*zip(low, high, strict=True))).reshape(z.size, -1).T
    assert np.all((corners - p) @ (z - p) <= 1e-9), "(z - P z) . (x - P z) <= 0 on the set"


def test_box_projection_is_the_nearest_point():
    z = np.array([3.0, -0.5, 0.2, -7.0])
    low, high = np.array([0.0, -1.0, 0.5, -2.0]), np.array([1.0, 1.0, 2.0, 2.0])
    bounds = [
        {"type": "ineq", "fun": lambda p: p - low},
        {"type": "ineq", "fun": lambda p: high - p},
    ]
    np.testing.assert_allclose(
        co.project_box(z, low, high), brute_force(z, bounds, (low + high) / 2), atol=1e-7
    )


def test_box_bounds_may_be_infinite_on_one_side():
    np.testing.assert_array_equal(co.project_box([-2.0, 5.0], 0.0, np.inf), [0.0, 5.0])
    np.testing.assert_array_equal(co.project_box([-2.0, 5.0], -np.inf, [1.0, 9.0]), [-2.0, 5.0])


# -- the ball ---------------------------------------------------------------------------------


@given(vectors, st.floats(0, 10))
def test_ball_projection_is_feasible_idempotent_and_nonexpansive(z, radius):
    center = np.linspace(-1, 1, z.size)
    p = co.project_ball(z, center, radius)
    assert in_ball(p, center, radius)
    np.testing.assert_allclose(co.project_ball(p, center, radius), p, atol=1e-12)
    w = z[::-1].copy()
    q = co.project_ball(w, center, radius)
    assert np.linalg.norm(p - q) <= np.linalg.norm(z - w) + 1e-9, "|P z - P w| <= |z - w|"


def test_ball_projection_is_the_nearest_point(rng):
    center, radius = np.array([1.0, -1.0, 0.5]), 2.0
    ball = [{"type": "ineq", "fun": lambda p: radius**2 - np.sum((p - center) ** 2)}]
    for _ in range(5):
        z = rng.normal(0, 4, 3)
        p = co.project_ball(z, center, radius)
        start = center + np.array(
            [0.3, -0.2, 0.1]
        )  # not the centre, where the constraint's gradient is 0
        np.testing.assert_allclose(p, brute_force(z, ball, start), atol=1e-6)
        samples = center + radius * rng.uniform(-1, 1, (4000, 3))
        samples = samples[np.linalg.norm(samples - center, axis=1) <= radius]
        assert np.min(np.linalg.norm(samples - z, axis=1)) >= np.linalg.norm(p - z) - 1e-12, (
            "no sampled point of the ball is nearer than the projection"
        )


def test_ball_projection_leaves_inner_points_and_handles_radius_zero():
    np.testing.assert_array_equal(co.project_ball([0.1, 0.2], 0.0, 1.0), [0.1, 0.2])
    np.testing.assert_array_equal(co.project_ball([3.0, 4.0], [1.0, 1.0], 0.0), [1.0, 1.0])


# -- the simplex ------------------------------------------------------------------------------


@given(vectors)
def test_simplex_projection_is_feasible_idempotent_and_obtuse(z):
    p = co.project_simplex(z)
    assert in_simplex(p)
    np.testing.assert_allclose(co.project_simplex(p), p, atol=1e-12)
    vertices = np.eye(z.size)  # the simplex is their convex hull: testing them is enough
    assert np.all((vertices - p) @ (z - p) <= 1e-9 * (1 + np.abs(z).max()))


def test_simplex_projection_is_the_nearest_point(rng):
    for n in (2, 3, 5, 8):
        z = rng.normal(0, 1.5, n)
        simplex = [
            {"type": "eq", "fun": lambda p: np.sum(p) - 1},
            {"type": "ineq", "fun": lambda p: p},
        ]
        expected = brute_force(z, simplex, np.full(n, 1 / n))
        np.testing.assert_allclose(co.project_simplex(z), expected, atol=1e-6)


def test_simplex_projection_against_a_threshold_found_by_bisection(rng):
    """max(z - theta, 0) sums to 1 for exactly one theta; bisection finds it independently."""
    z = rng.normal(0, 3, 50)
    low, high = z.min() - 1, z.max()
    for _ in range(200):
        theta = (low + high) / 2
        low, high = (theta, high) if np.maximum(z - theta, 0).sum() > 1 else (low, theta)
    np.testing.assert_allclose(co.project_simplex(z), np.maximum(z - low, 0), atol=1e-12)


def test_simplex_examples():
    assert co.project_simplex([0.9, 0.6, -0.3]).round(12).tolist() == [0.65, 0.35, 0.0]
    assert co.project_simplex([5.0]).tolist() == [1.0]
    np.testing.assert_allclose(co.project_simplex([0.0, 0.0, 0.0, 0.0]), 0.25)


# -- bad input --------------------------------------------------------------------------------


def test_projections_name_their_bad_arguments():
    with pytest.raises(ValueError, match="radius must be a finite number >= 0, got -1"):
        co.project_ball([1.0, 2.0], 0.0, -1.0)
    with pytest.raises(
        ValueError, match=r"lower must be <= upper in every coordinate.*coordinate 1"
    ):
        co.project_box([0.0, 0.0], [0.0, 3.0], [1.0, 2.0])
    with pytest.raises(
        ValueError, match=r"x must be a 1-D array of n >= 1 coordinates, got shape \(0,\)"
    ):
        co.project_simplex([])
    with pytest.raises(ValueError, match="center must be one number or 2 numbers"):
        co.project_ball([1.0, 2.0], [0.0, 0.0, 0.0], 1.0)
    with pytest.raises(ValueError, match="lower must hold numbers or ±inf, not NaN"):
        co.project_box([1.0], np.nan, 1.0)
    with pytest.raises(ValueError, match="x must be finite"):
        co.project_box([np.inf], 0.0, 1.0)
    with pytest.raises(TypeError, match="upper must contain numbers"):
        co.project_box([1.0], 0.0, "one")


# -- projected gradient descent ---------------------------------------------------------------

BOX = partial(co.project_box, lower=-1.0, upper=2.0)
DISC = partial(co.project_ball, center=0.0, radius=2.0)


def test_one_projected_step_and_the_projected_gradient():
    g = fn.booth.gradient_at([-1.0, 0.0])
    step = projected_step([-1.0, 0.0], g, 1 / 18, BOX)
    np.testing.assert_allclose(step, [13 / 9, 2.0])
    inside = np.array([0.5, 0.5])
    np.testing.assert_allclose(
        projected_gradient(inside, [0.1, -0.2], 0.5, BOX),
        [0.1, -0.2],
        err_msg="away from the boundary the projected gradient is the gradient",
    )


def test_pgd_on_a_box_agrees_with_lsq_linear_and_stays_feasible():
    """Booth's function is |A w - b|^2, so its box-constrained minimum is lsq_linear's."""
    run = co.projected_gradient_descent(fn.booth, [-3.0, 0.0], BOX, lr=1 / 18, tol=1e-10)
    reference = lsq_linear([[1.0, 2.0], [2.0, 1.0]], [7.0, 5.0], bounds=(-1, 2), tol=1e-12).x
    np.testing.assert_allclose(run.x, reference, atol=1e-6)
    assert run.status == "converged" and run.message.startswith(
        "converged: projected-gradient norm"
    )
    np.testing.assert_array_equal(
        run.path[0], [-1.0, 0.0], err_msg="an infeasible start is projected first"
    )
    assert all(in_box(p, -1.0, 2.0) for p in run.path), "every iterate is feasible"
    assert np.all(np.diff(run.values) <= 1e-12), "with lr <= 1/L, f never increases"
    assert np.linalg.norm(fn.booth.gradient_at(run.x)) == pytest.approx(3.6, abs=1e-6), (
        "the gradient itself does not vanish at a boundary minimum"
    )


def test_pgd_meets_the_convergence_bound():
    """f(x_k) - f* <= |x_0 - x*|^2 / (2 eta k) for eta = 1/L on a convex L-smooth f."""
    for project, start in ((BOX, [4.0, 4.0]), (DISC, [-3.0, 0.0])):
        run = co.projected_gradient_descent(fn.booth, start, project, lr=1 / 18, tol=1e-12)
        best = run.x
        k = np.arange(1, run.nit + 1)
        bound = np.sum((run.path[0] - best) ** 2) * 18 / (2 * k)
        assert np.all(run.values[1:] - run.fun <= bound + 1e-12)


def test_pgd_on_the_disc_matches_kkt_points():
    run = co.projected_gradient_descent(fn.booth, [0.0, 0.0], DISC, lr=1 / 18, tol=1e-10)
    (star,) = co.kkt_points(fn.booth, inequalities=[x**2 + y**2 - 4])
    np.testing.assert_allclose(run.x, star.x, atol=1e-8)


def test_nonnegative_least_squares_matches_lsq_linear(rng):
    X = rng.normal(size=(30, 4))
    targets = X @ np.array([1.0, -2.0, 0.5, -0.1]) + rng.normal(0, 0.1, 30)
    loss = LeastSquares(X, targets)
    orthant = partial(co.project_box, lower=0.0, upper=np.inf)
    run = co.projected_gradient_descent(
        loss,
        np.ones(4),
        orthant,
        lr=1 / loss.curvature[1],
        grad=loss.gradient,
        tol=1e-12,
        max_iter=20000,
    )
    reference = lsq_linear(X, targets, bounds=(0, np.inf), tol=1e-14).x
    np.testing.assert_allclose(run.x, reference, atol=1e-6)
    assert run.x[1] == 0.0 and run.x[3] == 0.0, "negative least-squares weights are clipped to 0"


def test_simplex_constrained_least_squares_matches_slsqp(rng):
    P = rng.normal(size=(20, 3))
    targets = P @ np.array([0.7, 0.3, 0.0]) + rng.normal(0, 0.2, 20)
    loss = LeastSquares(P, targets)
    run = co.projected_gradient_descent(
        loss,
        np.full(3, 1 / 3),
        co.project_simplex,
        lr=1 / loss.curvature[1],
        grad=loss.gradient,
        tol=1e-12,
        max_iter=20000,
    )
    expected = minimize(
        loss,
        np.full(3, 1 / 3),
        jac=loss.gradient,
        method="SLSQP",
        constraints=[{"type": "eq", "fun": lambda w: w.sum() - 1}],
        bounds=[(0, None)] * 3,
        options={"ftol": 1e-12},
    ).x
    np.testing.assert_allclose(run.x, expected, atol=1e-6)
    assert in_simplex(run.x)


def test_pgd_statuses_max_iter_and_diverged():
    slow = co.projected_gradient_descent(fn.booth, [-3.0, 0.0], BOX, lr=1e-4, max_iter=5)
    assert slow.status == "max_iter" and slow.nit == 5
    assert slow.message.startswith("stopped at max_iter = 5 with projected-gradient norm")
    downhill = co.Objective.from_sympy(-x - y, (x, y), name="downhill")
    orthant = partial(co.project_box, lower=0.0, upper=np.inf)
    gone = co.projected_gradient_descent(downhill, [1.0, 1.0], orthant, lr=1e7, max_iter=50)
    assert gone.status == "diverged" and "divergence radius" in gone.message


@given(
    st.tuples(st.floats(-5, 5), st.floats(-5, 5)),
    st.floats(1e-3, 0.1),
    st.sampled_from(["box", "disc"]),
)
def test_pgd_path_is_feasible_and_starts_at_the_projected_start(start, lr, name):
    project = BOX if name == "box" else DISC
    run = co.projected_gradient_descent(fn.booth, start, project, lr=lr, max_iter=20)
    np.testing.assert_array_equal(run.path[0], project(np.array(start)))
    assert len(run.path) == run.nit + 1
    check = (lambda p: in_box(p, -1.0, 2.0)) if name == "box" else (lambda p: in_ball(p, 0, 2))
    assert all(check(p) for p in run.path)


def test_pgd_names_its_bad_arguments():
    with pytest.raises(TypeError, match="project must be callable"):
        co.projected_gradient_descent(fn.booth, [0.0, 0.0], "box", lr=0.1)
    with pytest.raises(ValueError, match="project must return a point with 2 finite coordinates"):
        co.projected_gradient_descent(fn.booth, [0.0, 0.0], lambda p: p[:1], lr=0.1)
    with pytest.raises(ValueError, match="lr must be a positive finite number"):
        co.projected_gradient_descent(fn.booth, [0.0, 0.0], BOX, lr=0.0)
    with pytest.raises(ValueError, match="x0 must have 2 coordinates"):
        co.projected_gradient_descent(fn.booth, [0.0], BOX, lr=0.1)
