"""calcopt.autodiff against sympy's exact derivatives on a catalogue of functions.

The catalogue is shared with the other autodiff tests. Every function takes ``(x, m)``: with
``m = calcopt.autodiff`` and a traced x it is the function being differentiated; with
``m = SYMBOLIC`` and x a numpy array of sympy symbols it is the exact expression that sympy
differentiates. Constants are numpy arrays, so broadcasting is numpy's in both cases.
"""

import builtins
from functools import cache
from types import SimpleNamespace

import numpy as np
import pytest
import sympy as sp

import calcopt.autodiff as ad

#: Number of variables of every catalogue function.
N = 6
C = np.array([[0.5, -1.0, 2.0], [1.5, 0.3, -0.7]])
M = np.array([[2.0, -1.0, 0.5], [0.3, 1.0, -1.0], [1.0, 0.2, 0.7]])
c = np.array([1.0, -2.0, 0.5])
MASK = np.array([True, False, True, False, True, True])


def _elementwise(function):
    return lambda x: np.vectorize(function, otypes=[object])(x)


SYMBOLIC = SimpleNamespace(
    exp=_elementwise(sp.exp),
    log=_elementwise(sp.log),
    sin=_elementwise(sp.sin),
    cos=_elementwise(sp.cos),
    tanh=_elementwise(sp.tanh),
    sqrt=_elementwise(sp.sqrt),
    sigmoid=_elementwise(lambda e: 1 / (1 + sp.exp(-e))),
    relu=_elementwise(lambda e: sp.Piecewise((e, e > 0), (0, True))),
    softplus=_elementwise(lambda e: sp.log(1 + sp.exp(e))),
    sum=lambda x, axis=None: np.sum(x, axis=axis),
    mean=lambda x, axis=None: np.mean(x, axis=axis),
    dot=np.dot,
)

#: Scalar functions: every primitive, broadcasting, reductions, matrix products and indexing.
SCALAR = {
    "add and subtract, broadcast": lambda x, m: m.sum((x[:3] + C) * (x[3:] - C)),
    "multiply and divide": lambda x, m: (
        m.sum(x[:3] * x[3:] / (1.0 + x[:3] ** 2)) + m.sum(c / x[3:])
    ),
    "negative": lambda x, m: m.sum(-x * x[0]),
    "power, constant exponents": lambda x, m: m.sum(x**3) + m.sum(x**0.5) + m.sum(x**-1.5),
    "power, traced exponent": lambda x, m: x[0] ** x[1] + m.sum(2.0**x),
    "exp": lambda x, m: m.sum(m.exp(x[:3] * x[3:])),
    "log": lambda x, m: m.sum(m.log(x) * x),
    "sin and cos": lambda x, m: m.sum(m.sin(x[:3]) * m.cos(x[3:] * 2.0)),
    "tanh, broadcast": lambda x, m: m.mean(m.tanh(C * x[:3]) ** 2),
    "sqrt": lambda x, m: m.sqrt(m.sum(x**2)),
    "sigmoid": lambda x, m: m.sum(m.sigmoid(C @ x[:3] - x[3:5]) * x[5]),
    "relu": lambda x, m: m.sum(m.relu(x - 1.0) ** 2 + m.relu(1.0 - x) * x),
    "softplus": lambda x, m: m.sum(m.softplus(M @ x[3:]) - x[:3] * 2.0),
    "sum over an axis": lambda x, m: (
        m.sum(m.sum(x.reshape(2, 3), axis=0) ** 2) + m.sum(m.sum(x.reshape(2, 3) * C, axis=1) ** 3)
    ),
    "mean over an axis": lambda x, m: m.sum(m.mean(x.reshape(3, 2) ** 2, axis=1) * c),
    "dot of vectors": lambda x, m: m.dot(x[:3], x[3:]) ** 2,
    "matrix @ vector": lambda x, m: m.sum(m.tanh(M @ x[:3]) * x[3:]),
    "vector @ matrix": lambda x, m: m.sum((x[:3] @ M) ** 2),
    "matrix @ matrix": lambda x, m: m.sum((x.reshape(2, 3) @ x.reshape(3, 2)) ** 2),
    "transpose": lambda x, m: m.sum(m.sin(x.reshape(2, 3).T @ C)),
    "integer indices, repeated": lambda x, m: m.sum(x[[0, 2, 2, 5]] ** 2 * x[1]),
    "boolean mask": lambda x, m: m.sum(x[MASK] ** 3),
    "new axes (outer product)": lambda x, m: m.sum(x[:3, None] * x[None, 3:] * M),
    "iteration and builtin sum": lambda x, m: builtins.sum(
        a * b for a, b in zip(x[:3], x[3:], strict=True)
    ),
}

#: Vector-valued functions (Jacobians), one with a matrix-shaped value.
VECTOR = {
    "elementwise": lambda x, m: m.tanh(x) * x[::-1],
    "matrix @ vector": lambda x, m: m.sigmoid(M @ x[:3]) * x[3:],
    "sum over an axis": lambda x, m: m.sum(x.reshape(2, 3) ** 2, axis=0) / x[:3],
    "3 x 3 value": lambda x, m: m.exp(x[:3, None] - x[None, 3:]),
}


def symbols() -> np.ndarray:
    """x_0, ..., x_5 as a numpy object array."""
    return np.array(sp.symbols(f"x0:{N}", real=True), dtype=object)


@cache
def exact(name: str, derivative: str):
    """A numpy function computing ``derivative`` ("value", "gradient", "hessian" or "jacobian")
    of the catalogue function ``name`` (in VECTOR for a Jacobian, else in SCALAR) from its sympy
    expression."""
    xs = symbols()
    value = (VECTOR if derivative == "jacobian" else SCALAR)[name](xs, SYMBOLIC)
    if derivative == "jacobian":
        flat = sp.Matrix(np.asarray(value, dtype=object).reshape(-1))
        shape = (*np.shape(value), N)
        formula = flat.jacobian(list(xs))
        return lambda x: np.reshape(sp.lambdify([list(xs)], formula, "numpy")(x), shape)
    expression = value.item() if isinstance(value, np.ndarray) else value
    formulas = {
        "value": expression,
        "gradient": [sp.diff(expression, s) for s in xs],
        "hessian": sp.hessian(expression, list(xs)),
    }
    compiled = sp.lambdify([list(xs)], formulas[derivative], "numpy")
    return lambda x: np.asarray(compiled(x), dtype=float)


def points(rng, count: int = 3) -> np.ndarray:
    """Random points in [0.5, 1.5]^N, inside every catalogue function's domain."""
    return rng.uniform(0.5, 1.5, (count, N))


def assert_close(actual, expected, rule: str, tol: float = 1e-10) -> None:
    """|actual - expected| <= tol (1 + |expected|) entrywise, else fail naming the rule."""
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    assert actual.shape == expected.shape, f"{rule}: shape {actual.shape} != {expected.shape}"
    error = np.max(np.abs(actual - expected) / (1 + np.abs(expected)), initial=0.0)
    assert error <= tol, f"{rule}: relative error {error:.1e} > {tol:.0e}"


@pytest.mark.parametrize("name", SCALAR)
def test_value_and_gradient_match_sympy(name, rng):
    f = SCALAR[name]
    for x in points(rng):
        value, gradient = ad.value_and_grad(lambda z, f=f: f(z, ad))(x)
        assert_close(value, exact(name, "value")(x), f"value of '{name}' is f(x)")
        assert_close(gradient, exact(name, "gradient")(x), f"grad of '{name}' is sympy's")
        assert_close(f(x, ad), value, f"'{name}' on plain arrays computes the traced value")


@pytest.mark.parametrize("name", SCALAR)
def test_hvp_matches_exact_hessian_times_v(name, rng):
    f = SCALAR[name]
    for x, v in zip(points(rng), rng.standard_normal((3, N)), strict=True):
        product = ad.hvp(lambda z, f=f: f(z, ad), x, v)
        assert_close(product, exact(name, "hessian")(x) @ v, f"hvp of '{name}' is H v")


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize("mode", ["reverse", "forward"])
def test_jacobian_matches_sympy(name, mode, rng):
    F = VECTOR[name]
    for x in points(rng):
        J = ad.jacobian(lambda z, F=F: F(z, ad), mode)(x)
        assert_close(J, exact(name, "jacobian")(x), f"{mode}-mode Jacobian of '{name}'")
