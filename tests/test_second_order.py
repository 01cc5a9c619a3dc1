"""The quadratic model and the derivative test along lines, against exact mathematics."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import calcopt as co
from calcopt import functions as fn
from calcopt.calculus.second_order import LineTest, LineVerdict

coordinate = st.floats(-2.0, 2.0)
angle = st.floats(0.0, 2 * np.pi)


@settings(max_examples=15)  # each example builds a symbolic model
@given(coordinate, coordinate)
def test_the_model_has_the_value_gradient_and_hessian_of_f_at_the_point(a, b):
    x0 = np.array([a, b])
    model = co.quadratic_model(fn.himmelblau, x0)
    assert model(x0) == pytest.approx(fn.himmelblau(x0), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(model.gradient(x0), fn.himmelblau.gradient(x0), atol=1e-9)
    np.testing.assert_allclose(model.hessian(x0), fn.himmelblau.hessian(x0), atol=1e-9)


def test_the_model_error_is_the_cubic_and_quartic_taylor_terms():
    x0, u = np.array([2.0, 0.0]), np.array([0.6, 0.8])
    model = co.quadratic_model(fn.himmelblau, x0)
    g = co.line_derivatives(fn.himmelblau, x0)(u)  # exact derivatives of f(x0 + t u) at 0
    steps = np.array([0.5, 0.1, 0.01])
    gaps = [fn.himmelblau(x0 + s * u) - model(x0 + s * u) for s in steps]
    # A quartic: f - m is exactly the cubic and quartic Taylor terms along the line.
    np.testing.assert_allclose(gaps, g[3] * steps**3 / 6 + g[4] * steps**4 / 24, rtol=1e-7)


def test_the_model_of_a_quadratic_is_the_quadratic_itself():
    model = co.quadratic_model(fn.booth, [-3.0, 7.0])
    assert sp.simplify(model.expr - sp.expand(fn.booth.expr)) == 0


def test_the_models_stationary_point_is_where_a_newton_step_lands():
    x0 = np.array([0.0, 0.0])
    model = co.quadratic_model(fn.himmelblau, x0)
    (point,) = co.stationary_points(model, domain=((-5.0, 5.0), (-5.0, 5.0)))
    step = co.newton_step(x0, fn.himmelblau.gradient(x0), fn.himmelblau.hessian(x0))
    np.testing.assert_allclose(point.x, step, atol=1e-9)
    assert point.kind == "maximum"  # the Hessian at 0 is negative definite


def test_the_model_works_for_one_variable():
    model = co.quadratic_model(fn.wavy, [0.5])
    assert model.hessian(3.0) == pytest.approx(fn.wavy.hessian(0.5))


@settings(max_examples=15)
@given(coordinate, coordinate, angle)
def test_line_derivatives_are_directional_derivatives(a, b, theta):
    x0, u = np.array([a, b]), np.array([np.cos(theta), np.sin(theta)])
    values = co.line_derivatives(fn.himmelblau, x0, order=2)(u)
    assert values[0] == pytest.approx(fn.himmelblau(x0), rel=1e-12)
    assert values[1] == pytest.approx(fn.himmelblau.gradient(x0) @ u, rel=1e-9, abs=1e-9)
    assert values[2] == pytest.approx(u @ fn.himmelblau.hessian(x0) @ u, rel=1e-9, abs=1e-9)


def test_line_derivatives_normalise_the_direction():
    derivatives = co.line_derivatives(fn.saddle, [0.0, 0.0])
    np.testing.assert_allclose(derivatives([3.0, 0.0]), [0, 0, 2, 0, 0], atol=1e-12)


def test_line_derivatives_match_sympy_for_a_non_polynomial():
    t = sp.Symbol("t")
    exact = [sp.diff(fn.wavy.expr.subs(fn.x, 1 - t), t, k).subs(t, 0) for k in range(4)]
    got = co.line_derivatives(fn.wavy, [1.0], order=3)([-2.0])
    np.testing.assert_allclose(got, np.array(exact, dtype=float), rtol=1e-12)


@pytest.mark.parametrize(
    ("derivatives", "expected"),
    [
        ([0, 0, 2, 5, 1], LineTest(LineVerdict.MINIMUM, 2)),
        ([0, 0, -2, 5, 1], LineTest(LineVerdict.MAXIMUM, 2)),
        ([0, 0, 0, 6, 0], LineTest(LineVerdict.NEITHER, 3)),
        ([0, 0, 0, 0, 24], LineTest(LineVerdict.MINIMUM, 4)),
        ([0, 0, 0, 0, -24], LineTest(LineVerdict.MAXIMUM, 4)),
        ([0, 3, 2, 0, 0], LineTest(LineVerdict.NEITHER, 1)),
        ([7, 0, 1e-15, 0, 0], LineTest(LineVerdict.UNDETERMINED, None)),
    ],
)
def test_line_test_is_the_higher_order_derivative_test(derivatives, expected):
    assert co.line_test(derivatives) == expected


@pytest.mark.parametrize("degrees", [0, 13, 45, 90, 120, 179])
def test_every_line_through_0_has_a_strict_minimum_of_the_peano_surface(degrees):
    u = np.array([np.cos(np.radians(degrees)), np.sin(np.radians(degrees))])
    derivatives = co.line_derivatives(fn.peano, [0.0, 0.0])(u)
    assert co.line_test(derivatives).verdict is LineVerdict.MINIMUM


def test_yet_0_is_not_a_local_minimum_of_the_peano_surface():
    t = 10.0 ** -np.arange(1, 6)
    between = fn.peano(np.stack([t, 1.5 * t**2]))  # between the parabolas y = x^2, y = 2x^2
    assert np.all(between < 0)
    hessian = fn.peano.hessian([0.0, 0.0])
    assert co.classify_stationary_point(hessian) == "inconclusive"


def test_same_hessian_three_different_truths():
    for f in (fn.quartic_bowl, fn.cubic_trough, fn.peano):
        np.testing.assert_array_equal(f.hessian([0.0, 0.0]), [[0.0, 0.0], [0.0, 2.0]])
    t = 10.0 ** -np.arange(1, 6)
    assert np.all(fn.quartic_bowl(np.stack([t, -t])) > 0)
    assert np.all(fn.cubic_trough(np.stack([-t, 0 * t])) < 0)


def test_monkey_saddle_lines_are_constant_at_multiples_of_60_degrees_plus_30():
    derivatives = co.line_derivatives(fn.monkey_saddle, [0.0, 0.0])
    u = np.array([np.cos(np.pi / 6), np.sin(np.pi / 6)])
    assert co.line_test(derivatives(u)).verdict is LineVerdict.UNDETERMINED
    assert co.line_test(derivatives([1.0, 0.0])) == LineTest(LineVerdict.NEITHER, 3)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: co.quadratic_model(lambda p: p[0], [0.0]), TypeError, "calcopt Objective"),
        (lambda: co.quadratic_model(fn.booth, [0.0]), ValueError, "x0 must have 2 coordinates"),
        (lambda: co.line_derivatives(fn.booth, [0, 0], order=1), ValueError, "order must be"),
        (lambda: co.line_derivatives(fn.booth, [0, 0])([0, 0]), ValueError, "nonzero vector"),
        (lambda: co.line_test([0.0, 1.0]), ValueError, "derivatives must hold"),
        (lambda: co.line_test([0, 0, 1], tol=-1), ValueError, "tol must be"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
