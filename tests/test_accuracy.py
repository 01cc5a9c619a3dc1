"""Errors of difference quotients against the step: the V shape, against exact derivatives."""

import math

import numpy as np
import pytest
import sympy as sp

import calcopt as co
from calcopt import functions as fn
from calcopt.calculus.accuracy import STEPS

EPS = np.finfo(float).eps


@pytest.mark.parametrize("method", ["forward", "backward", "central", "complex"])
def test_each_error_is_that_of_derivative_with_that_step(method):
    curve = co.difference_errors(fn.wavy, 0.3, method=method)
    exact = float(sp.diff(fn.wavy.expr, fn.wavy.variables[0]).subs(fn.wavy.variables[0], 0.3))
    loop = [abs(co.derivative(fn.wavy, 0.3, h=h, method=method) - exact) for h in STEPS]
    np.testing.assert_allclose(curve.error, loop, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(curve.h, STEPS)
    assert curve.best_error == curve.error.min() and curve.best_h in curve.h


def test_central_difference_on_exp_is_best_near_the_cube_root_of_eps():
    curve = co.difference_errors(np.exp, 1.0, exact=math.e)
    assert EPS ** (1 / 3) / 10 <= curve.best_h <= EPS ** (1 / 3) * 10
    assert 1e-12 <= curve.best_error <= 1e-10
    # both arms of the V rise far above the floor
    assert curve.error[0] > 1e6 * curve.best_error and curve.error[-1] > 1e6 * curve.best_error


def test_forward_difference_is_best_near_the_square_root_of_eps_and_worse_than_central():
    forward = co.difference_errors(np.exp, 1.0, method="forward", exact=math.e)
    central = co.difference_errors(np.exp, 1.0, method="central", exact=math.e)
    assert EPS**0.5 / 10 <= forward.best_h <= EPS**0.5 * 10
    assert forward.best_error > 10 * central.best_error


@pytest.mark.parametrize(("method", "model"), [("forward", 0.5), ("central", 1 / 6)])
def test_truncation_arm_follows_the_taylor_term(method, model):
    # forward: error ~ h/2 |f''|; central: error ~ h^2/6 |f'''|; all derivatives of exp are e.
    power = 1 if method == "forward" else 2
    steps = np.array([1e-3, 1e-2])
    curve = co.difference_errors(np.exp, 1.0, method=method, steps=steps, exact=math.e)
    np.testing.assert_allclose(curve.error, model * steps**power * math.e, rtol=0.02)


def test_complex_step_reaches_machine_precision_for_every_tiny_step():
    curve = co.difference_errors(np.exp, 1.0, method="complex", exact=math.e)
    assert np.all(curve.error[curve.h <= 1e-8] <= 4.5e-16)


def test_steps_are_sorted_and_ties_pick_the_largest_step():
    # Steps that are powers of 2 make every quotient of a linear function exact: all tie at 0.
    curve = co.difference_errors(lambda t: 2 * t, 1.0, steps=[0.5, 0.25, 0.125], exact=2.0)
    np.testing.assert_array_equal(curve.h, [0.125, 0.25, 0.5])
    np.testing.assert_array_equal(curve.error, [0.0, 0.0, 0.0])
    assert curve.best_h == 0.5


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: co.difference_errors(np.exp, 1.0), ValueError, "exact .* is required"),
        (lambda: co.difference_errors(fn.booth, 1.0), ValueError, "one-variable Objective"),
        (
            lambda: co.difference_errors(np.exp, 1.0, steps=[0.0, 1e-3], exact=1.0),
            ValueError,
            "steps must be positive",
        ),
        (lambda: co.difference_errors(np.exp, 1.0, steps=[], exact=1.0), ValueError, "positive"),
        (lambda: co.difference_errors(np.exp, [1.0, 2.0], exact=1.0), ValueError, "x must be a"),
        (lambda: co.difference_errors(np.exp, 1.0, method="best"), ValueError, "method must be"),
        (lambda: co.difference_errors("exp", 1.0, exact=1.0), TypeError, "f must be callable"),
        (
            lambda: co.difference_errors(lambda t: [t, t], 1.0, exact=1.0),
            ValueError,
            "elementwise",
        ),
        (
            lambda: co.difference_errors(lambda t: 1.0, 1.0, exact=0.0),
            ValueError,
            r"difference_errors needs f .* for the points x \+ h \(one per step h\) of shape",
        ),
        (
            lambda: co.difference_errors(math.exp, 1.0, method="complex", exact=1.0),
            ValueError,
            "complex input",
        ),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
