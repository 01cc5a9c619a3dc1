"""calcopt.autodiff's errors: each one a learner will meet, matched by its message."""

import math

import numpy as np
import pytest
from scipy.special import expit

import calcopt.autodiff as ad

X = np.array([0.5, 1.0, 2.0])


def grad_at(f, x=X):
    return ad.grad(f)(x)


@pytest.mark.parametrize(
    ("numpy_function", "replacement"),
    [
        (np.exp, "exp"),
        (np.log, "log"),
        (np.sin, "sin"),
        (np.cos, "cos"),
        (np.tanh, "tanh"),
        (np.sqrt, "sqrt"),
        (np.sum, "sum"),
        (np.mean, "mean"),
    ],
)
def test_a_numpy_function_on_a_traced_value_names_the_replacement(numpy_function, replacement):
    name = numpy_function.__name__
    with pytest.raises(
        TypeError, match=rf"use calcopt\.autodiff\.{replacement}, not numpy\.{name}, on a traced"
    ):
        grad_at(lambda x: ad.sum(numpy_function(x)))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda x: ad.sum(expit(x)), r"use calcopt\.autodiff\.sigmoid, not expit"),
        (lambda x: np.dot(x, x), r"use calcopt\.autodiff\.dot, not numpy\.dot"),
        (lambda x: ad.sum(np.logaddexp(0, x)), r"use calcopt\.autodiff\.softplus"),
        (lambda x: ad.sum(np.transpose(x)), r"use calcopt\.autodiff\.transpose \(write x\.T\)"),
        (lambda x: ad.sum(np.maximum(x, 0)), r"numpy\.maximum was applied .* write the function"),
        (lambda x: ad.sum(np.concatenate([x, x])), r"numpy\.concatenate was applied .* relu"),
    ],
)
def test_other_numpy_and_scipy_functions_name_a_replacement_or_the_tools(call, message):
    with pytest.raises(TypeError, match=message):
        grad_at(call)


def write_into_array(x):
    out = np.zeros(3)
    out[:] = x
    return ad.sum(x)


def add_into_array(x):
    out = np.zeros(3)
    out += x
    return ad.sum(x)


@pytest.mark.parametrize(
    "call",
    [
        lambda x: float(x[0]),
        lambda x: math.exp(x[0]),
        lambda x: ad.sum(np.asarray(x)),
        write_into_array,
        add_into_array,
    ],
)
def test_turning_a_traced_value_into_a_plain_number_is_refused(call):
    with pytest.raises(TypeError, match=r"cannot become a plain number .* its derivative"):
        grad_at(call)


def test_a_missing_array_method_points_to_the_function():
    with pytest.raises(AttributeError, match=r"no attribute 'sum' .* sum\(x\) rather than x\.sum"):
        grad_at(lambda x: x.sum())


@pytest.mark.parametrize("tool", ["grad", "value_and_grad", "hvp", "trace"])
def test_tools_for_scalar_functions_refuse_an_array_valued_one(tool):
    def vector(x):
        return x * 2.0

    calls = {
        "grad": lambda: ad.grad(vector)(X),
        "value_and_grad": lambda: ad.value_and_grad(vector)(X),
        "hvp": lambda: ad.hvp(vector, X, X),
        "trace": lambda: ad.trace(vector, X),
    }
    with pytest.raises(
        ValueError, match=rf"{tool} needs a scalar-valued function, .* shape \(3,\); .* jacobian"
    ):
        calls[tool]()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda x: ad.sum(x + np.ones(4)), r"a \+ b: shapes \(3,\) and \(4,\) cannot be broadcast"),
        (lambda x: ad.sum(np.ones((2, 4)) * x), r"a \* b: shapes \(2, 4\) and \(3,\)"),
        (lambda x: ad.sum(np.ones((3, 2)) @ x), r"a @ b \(dot\): shapes \(3, 2\) and \(3,\)"),
        (
            lambda x: ad.dot(x, 2.0),
            r"a @ b \(dot\): shapes \(3,\) and \(\).*use \* for elementwise",
        ),
        (lambda x: ad.sum(np.ones((1, 1, 3)) @ x), r"a @ b \(dot\): .*; both must be vectors or"),
    ],
)
def test_shape_mismatches_name_the_shapes_and_the_rule(call, message):
    with pytest.raises(ValueError, match=f"shape mismatch in {message}"):
        grad_at(call)


@pytest.mark.parametrize(
    ("f", "x", "message"),
    [
        (
            lambda x: ad.sum(ad.sqrt(x)),
            [0.0, 1.0, 0.0],
            r"sqrt is not differentiable at 0 .* 2 of 3",
        ),
        (lambda x: ad.sqrt(ad.sum(x**2)), [0.0, 0.0], r"sqrt is not differentiable at 0 .* 1 of 1"),
        (lambda x: ad.sum(x**0.5), [0.0, 1.0], r"power is not differentiable in a at a = 0"),
        (lambda x: x[0] ** x[1], [-2.0, 3.0], r"power is not differentiable in the exponent"),
    ],
)
def test_differentiating_where_a_primitive_has_no_derivative_is_an_error(f, x, message):
    with pytest.raises(ad.NotDifferentiableError, match=message):
        ad.grad(f)(x)
    with pytest.raises(ad.NotDifferentiableError, match=message):
        ad.jvp(f, x, np.ones(len(x)))
    with pytest.raises(ad.NotDifferentiableError, match=message):
        ad.hvp(f, x, np.ones(len(x)))


def test_a_non_differentiable_point_does_not_stop_evaluation():
    assert float(ad.sqrt(0.0)) == 0.0, "sqrt(0) has a value, only no derivative"


@pytest.mark.parametrize(
    ("f", "x", "message"),
    [
        (lambda x: ad.sum(ad.log(x)), [1.0, 0.0], r"log got input outside its domain \(positive"),
        (lambda x: ad.sum(ad.log(x)), [-1.0], r"log got input outside its domain"),
        (lambda x: ad.sum(ad.sqrt(x)), [-1.0], r"sqrt got input outside its domain \(numbers >= 0"),
        (lambda x: ad.sum(1.0 / x), [0.0], r"divide got input outside its domain \(a nonzero"),
        (lambda x: ad.sum(x**0.5), [-1.0], r"power got input outside its domain"),
        (lambda x: ad.sum(ad.exp(x)), [1000.0], r"exp got input .* or its result overflowed"),
        (lambda x: ad.sum(x * 1e308), [10.0], r"the result of multiply overflowed \(overflow enc"),
    ],
)
def test_values_that_are_not_finite_are_errors_not_nans(f, x, message):
    with pytest.raises(ValueError, match=message):
        ad.grad(f)(x)


@pytest.mark.parametrize(
    ("function", "x", "message"),
    [(ad.log, 0.0, "log got input outside"), (ad.sqrt, -1.0, "sqrt"), (ad.exp, 1e3, "exp")],
)
def test_the_functions_check_their_domain_on_plain_numbers_too(function, x, message):
    with pytest.raises(ValueError, match=message):
        function(x)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: ad.jvp(ad.sin, X, [1.0, 2.0]), ValueError, r"v must have the shape of x, \(3,\)"),
        (lambda: ad.vjp(ad.sin, X)[1]([1.0]), ValueError, r"u must have the shape of f\(x\), \(3,"),
        (lambda: ad.jacobian(ad.sin, "sideways"), ValueError, "mode must be one of 'reverse'"),
        (lambda: ad.jacobian(ad.sin)([]), ValueError, "x must hold at least one number"),
        (lambda: ad.grad(3.0), TypeError, "f must be callable"),
        (lambda: ad.grad(ad.sin)([np.inf]), ValueError, "x must be finite"),
        (lambda: ad.grad(ad.sin)(["a"]), TypeError, "x must contain numbers"),
        (lambda: ad.grad(lambda x: "a")(X), TypeError, r"f\(x\) must contain numbers"),
        (lambda: ad.trace(ad.sin, [np.nan]), ValueError, "x must be finite"),
    ],
)
def test_bad_arguments_name_the_argument(call, error, message):
    with pytest.raises(error, match=message):
        call()
