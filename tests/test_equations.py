"""Real solutions of systems of equations in a box: closed forms, sympy, scipy.optimize.root."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import root

from calcopt.calculus.equations import NotIsolatedError, real_solutions

x, y, mu = sp.symbols("x y mu", real=True)
SQUARE = ((-2, 2), (-2, 2))


@pytest.mark.parametrize("r", [1, 1.5, sp.Rational(1, 2)])
def test_lagrange_conditions_of_the_nearest_point_on_a_circle(r):
    # min (x - 2)^2 + (y - 1)^2 on x^2 + y^2 = r^2: grad L = 0 for L = f + mu (x^2 + y^2 - r^2).
    lagrangian = (x - 2) ** 2 + (y - 1) ** 2 + mu * (x**2 + y**2 - r**2)
    equations = [sp.diff(lagrangian, v) for v in (x, y, mu)]
    solutions = real_solutions(equations, (x, y, mu), ((-3, 3), (-3, 3), (-10, 10)))
    radius = float(r)
    nearest = [2 * radius / np.sqrt(5), radius / np.sqrt(5), np.sqrt(5) / radius - 1]
    farthest = [-nearest[0], -nearest[1], -np.sqrt(5) / radius - 1]
    assert len(solutions) == 2, "a circle has one nearest and one farthest point from (2, 1)"
    np.testing.assert_allclose(solutions, [farthest, nearest], rtol=1e-15)


def test_non_polynomial_equations_are_solved_numerically_and_verified_with_scipy():
    # The sine curve y = sin x crosses the unit circle twice, symmetrically about the origin.
    equations = [sp.sin(x) - y, x**2 + y**2 - 1]
    solutions = real_solutions(equations, (x, y), SQUARE)
    assert len(solutions) == 2, "two crossings"
    F = sp.lambdify([(x, y)], equations)
    for p in solutions:
        exact = sp.nsolve(equations, (x, y), p.tolist(), prec=30)
        np.testing.assert_allclose(p, np.array(exact, dtype=float).ravel(), rtol=1e-14)
        np.testing.assert_allclose(root(F, p + 0.1, tol=1e-14).x, p, rtol=1e-13)
    np.testing.assert_array_equal(solutions[0], -solutions[1])


def test_the_box_filters_solutions_and_its_boundary_counts():
    circle_and_line = [x**2 + y**2 - 2, y - x]
    assert [p.tolist() for p in real_solutions(circle_and_line, (x, y), SQUARE)] == [
        [-1.0, -1.0],
        [1.0, 1.0],
    ]
    assert [p.tolist() for p in real_solutions(circle_and_line, (x, y), ((1, 2), (0, 1)))] == [
        [1.0, 1.0]
    ], "a solution on the boundary of the box is inside it"


def test_complex_solutions_are_not_listed():
    assert real_solutions([x**2 + 1, y], (x, y), SQUARE) == (), "x^2 = -1 has no real root"
    assert real_solutions([x**2 + y**2 + 1, x - y], (x, y), SQUARE) == ()


def test_solutions_are_read_only():
    (solution,) = real_solutions([x - 1, y + 1], (x, y), SQUARE)
    assert not solution.flags.writeable


roots = st.lists(st.integers(-19, 19), min_size=1, max_size=4, unique=True)


@given(tenths=roots)
def test_polynomial_roots_written_as_floats_are_found_exactly(tenths):
    # (x - a_1) ... (x - a_m) = 0 and y = x^2, with a_i = k_i / 10 written as floats.
    a = sorted(k / 10 for k in tenths)
    equations = [sp.prod([x - ai for ai in a]), y - x**2]
    solutions = real_solutions(equations, (x, y), ((-2, 2), (0, 4)))
    expected = [[ai, float(sp.Rational(round(10 * ai), 10) ** 2)] for ai in a]
    assert [p.tolist() for p in solutions] == expected, (
        "each root is the exact decimal rounded to double precision"
    )


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: real_solutions([x - y, 2 * y - 2 * x], (x, y), SQUARE),
            NotIsolatedError,
            "the solutions of these equations are not isolated",
        ),
        (
            lambda: real_solutions([x - y], (x, y), SQUARE),
            ValueError,
            r"one equation per variable \(a square system\), got 1 equation\(s\) in 2",
        ),
        (
            lambda: real_solutions([sp.Eq(x, 1), y], (x, y), SQUARE),
            TypeError,
            r"equations\[0\] must be a sympy expression \(write an equation lhs = rhs as lhs - rhs",
        ),
        (
            lambda: real_solutions([x, y - mu], (x, y), SQUARE),
            ValueError,
            r"equations\[1\] uses symbols that are not in variables: mu",
        ),
        (lambda: real_solutions(x, (x,), ((0, 1),)), TypeError, "a sequence of sympy expr"),
        (lambda: real_solutions([x], ("x",), ((0, 1),)), TypeError, "sequence of sympy symbols"),
        (lambda: real_solutions([x, y], (x, y), ((0, 1),)), ValueError, "box must hold 2"),
        (lambda: real_solutions([x, y], (x, x), SQUARE), ValueError, "must not repeat"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
