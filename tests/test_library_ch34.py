"""Library pieces chapters 3 and 4 added: the rooms of the flats, the momentum trap, and the
learning-rate sweep's backdrop per problem."""

import numpy as np
import pytest
import sympy as sp

import calcopt as co
from calcopt.explore import CATALOGUE
from calcopt.landscapes import momentum_trap
from calcopt.models.regression import (
    LeastSquares,
    Scaling,
    design_matrix,
    house_prices,
    house_rooms,
)
from calcopt.optimize.theory import centred_lr, tuned_momentum


def test_house_rooms_are_whole_numbers_of_the_same_flats_and_repeat_with_the_seed():
    area, _ = house_prices(50, seed=7)
    rooms = house_rooms(50, seed=7)
    assert rooms.shape == area.shape
    assert np.all(rooms >= 1) and np.all(rooms == np.round(rooms))
    np.testing.assert_array_equal(rooms, house_rooms(50, seed=7))
    assert not np.array_equal(rooms, house_rooms(50, seed=8)), "another seed, other rooms"
    assert np.corrcoef(area, rooms)[0, 1] > 0.85, "rooms follow the area closely"


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n": 0}, ValueError, "n must be an integer >= 1"),
        ({"n": 2.5}, TypeError, "n must be an integer"),
        ({"seed": -1}, ValueError, "seed must be an integer >= 0"),
    ],
)
def test_house_rooms_rejects_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        house_rooms(**kwargs)


def test_standardised_hessian_is_twice_the_correlation_matrix_beside_the_intercept():
    area, price = house_prices()
    rooms = house_rooms()
    both = np.column_stack([area, rooms])
    loss = LeastSquares(design_matrix(Scaling.of(both).apply(both)), price)
    r = np.corrcoef(area, rooms)[0, 1]
    expected = 2 * np.array([[1.0, 0.0, 0.0], [0.0, 1.0, r], [0.0, r, 1.0]])
    np.testing.assert_allclose(loss.hessian, expected, atol=1e-12)
    mu, L = loss.curvature
    assert L / mu == pytest.approx((1 + r) / (1 - r), rel=1e-10)


def test_momentum_trap_is_1_strongly_convex_and_25_smooth_with_continuous_slope():
    x = sp.Symbol("x", real=True)
    pieces = [piece for piece, _ in momentum_trap.expr.args]
    for joint, left, right in ((1, pieces[0], pieces[1]), (2, pieces[1], pieces[2])):
        assert left.subs(x, joint) == right.subs(x, joint), f"f is continuous at {joint}"
        assert sp.diff(left, x).subs(x, joint) == sp.diff(right, x).subs(x, joint), (
            f"f' is continuous at {joint}"
        )
    curvatures = momentum_trap.hessian(np.linspace(-3.0, 4.0, 141))
    assert set(np.unique(curvatures)) == {1.0, 25.0}, "f'' is 1 or 25: μ = 1, L = 25"
    assert momentum_trap.minima == ((0.0,),) and momentum_trap.gradient(0.0) == 0


def test_tuned_heavy_ball_circles_on_the_momentum_trap_while_gradient_descent_converges():
    beta = tuned_momentum(1.0, 25.0)
    lr = centred_lr(1.0, 25.0, beta)
    heavy = co.gradient_descent(momentum_trap, [3.3], lr=lr, momentum=beta, max_iter=600)
    cycle = heavy.path[-3:].ravel()
    np.testing.assert_allclose(heavy.path[-6:-3].ravel(), cycle, atol=1e-9)
    assert str(heavy.status) == "max_iter" and np.abs(cycle).min() > 0.5, (
        "heavy ball ends in a cycle of three points away from the minimum 0"
    )
    plain = co.gradient_descent(momentum_trap, [3.3], lr=centred_lr(1.0, 25.0))
    assert plain.success and abs(plain.x[0]) < 1e-6


def test_sweep_backdrop_names_what_lies_beyond_the_reference_rate_for_each_problem():
    explorer = CATALOGUE["learning-rate-sweep"]()
    labels = {}
    for key in explorer.backdrop_keys():
        problem = explorer.controls[0].value_at(key[0])
        labels[problem] = {panel.xlabel for panel in explorer.panels_for(key)}
    assert labels["Booth (quadratic)"] == {"η / (2/L), log scale"}
    assert labels["Rosenbrock"] == {"η / (2/L at the minimum), log scale"}, (
        "on Rosenbrock the reference rate is 2/L at the minimum, a local bound"
    )
