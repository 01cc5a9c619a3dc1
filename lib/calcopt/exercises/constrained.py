r"""Checks for the exercises of chapter 7, *Constrained optimization*.

- :func:`check_ball_projection`: the learner writes the projection onto the disc
  :math:`\lVert\mathbf x - \mathbf c\rVert \le 2` with :math:`\mathbf c = (1, -1)`;
- :func:`check_multiplier`: the multiplier of :math:`\min x^2 + y^2` subject to
  :math:`x + 2y = 5`, in the course's convention :math:`\mathcal L = f + \lambda h`;
- :func:`check_kkt_multipliers`: the multipliers of :math:`\min (x - 2)^2 + (y - 2)^2`
  subject to :math:`x + y \le 2` and :math:`y \le 0.5`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..functions import x, y
from ..objective import Objective
from ..optimize.constrained import kkt_points, lagrange_points
from ..optimize.projections import project_ball
from . import Feedback, as_number, as_vector, correct, incorrect, invalid, typed_match, unanswered

#: The disc of the projection exercise: centre and radius.
BALL_CENTER = (1.0, -1.0)
BALL_RADIUS = 2.0
#: Points the learner's projection is tried on: inside, on the circle, outside, the centre.
TRIAL_POINTS = (
    (1.5, -0.5),
    (1.0, -1.0),
    (-0.2, 0.3),
    (3.0, -1.0),
    (4.0, 3.0),
    (-2.0, -5.0),
    (0.0, 10.0),
    (1.0, 1.5),
)

#: The Lagrange exercise: minimise x² + y² subject to h = x + 2y − 5 = 0.
NEAREST_TO_LINE = Objective.from_sympy(x**2 + y**2, (x, y), name="x² + y²")
LINE = x + 2 * y - 5

#: The KKT exercise: minimise (x − 2)² + (y − 2)² subject to g1 = x + y − 2 <= 0 and
#: g2 = y − 1/2 <= 0.
CORNER = Objective.from_sympy((x - 2) ** 2 + (y - 2) ** 2, (x, y), name="(x − 2)² + (y − 2)²")
CORNER_CONSTRAINTS = (x + y - 2, y - 0.5)


def _show(point) -> str:
    """A point as the learner would write it: (1.5, -0.5)."""
    return "(" + ", ".join(f"{float(c):.4g}" for c in point) + ")"


def _distance_to_center(point: np.ndarray) -> float:
    return float(np.linalg.norm(point - np.array(BALL_CENTER)))


def _outputs(answer: Callable, points) -> list[np.ndarray] | Feedback:
    """The learner's projection of each point, or feedback on why it could not be read."""
    outputs = []
    for point in points:
        try:
            value = answer(np.array(point, dtype=float))
        except Exception as error:  # any bug in the learner's code is feedback, not a crash
            return invalid(
                f"your function raised {type(error).__name__} ({error}) at x = {_show(point)}"
            )
        if value is None:
            return unanswered("a return statement: your function returns None")
        vector = as_vector(value, 2, "a point (two numbers)")
        if isinstance(vector, Feedback):
            return vector
        outputs.append(vector)
    return outputs


def check_ball_projection(answer: object) -> Feedback:
    r"""Check a function that projects onto the disc :math:`\lVert\mathbf x - (1, -1)\rVert\le 2`.

    The function is tried on ``TRIAL_POINTS``; in order, the checks are that every result lies
    in the disc, that it is left where it is by a second projection and that points already
    in the disc stay put (a projection is idempotent, :math:`P(P(\mathbf x)) = P(\mathbf x)`),
    and that it is the nearest point of the disc (:func:`~calcopt.optimize.project_ball`).

    Examples
    --------
    >>> from calcopt.optimize import project_ball
    >>> check_ball_projection(lambda p: project_ball(p, (1.0, -1.0), 2.0)).correct
    True
    >>> check_ball_projection(lambda p: 2 * p / np.linalg.norm(p)).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    if answer is None:
        return unanswered("a function project(x) that returns the nearest point of the disc")
    if not callable(answer):
        return invalid(f"expected a function of a point x, got {type(answer).__name__}")
    outputs = _outputs(answer, TRIAL_POINTS)
    if isinstance(outputs, Feedback):
        return outputs
    for point, result in zip(TRIAL_POINTS, outputs, strict=True):
        if _distance_to_center(result) > BALL_RADIUS * (1 + 1e-9):
            return incorrect(
                f"at x = {_show(point)} your function returns {_show(result)}, at distance "
                f"{_distance_to_center(result):.4g} from the centre (1, −1): outside the disc. A "
                "projection always returns a point of the set; measure and scale the offset "
                "x − c from the centre, not x itself"
            )
    again = _outputs(answer, [tuple(result) for result in outputs])
    if isinstance(again, Feedback):
        return again
    for point, result, twice in zip(TRIAL_POINTS, outputs, again, strict=True):
        inside = _distance_to_center(np.array(point)) <= BALL_RADIUS
        if not np.allclose(twice, result, atol=1e-9) or (inside and not np.allclose(result, point)):
            moved = (point, result) if inside else (result, twice)
            return incorrect(
                f"your function is not idempotent: it moves {_show(moved[0])}, a point of the "
                f"disc, to {_show(moved[1])}. A projection leaves every point of the set "
                "where it is, so P(P(x)) = P(x); only points outside the disc move"
            )
    for point, result in zip(TRIAL_POINTS, outputs, strict=True):
        nearest = project_ball(point, BALL_CENTER, BALL_RADIUS)
        if not np.allclose(result, nearest, atol=1e-6):
            return incorrect(
                f"at x = {_show(point)} the nearest point of the disc is {_show(nearest)}, "
                f"at distance {np.linalg.norm(nearest - point):.4g}; yours, "
                f"{_show(result)}, is {np.linalg.norm(result - point):.4g} away. Move "
                "along the ray from the centre: c + r (x − c) / ‖x − c‖"
            )
    return correct(
        f"on all {len(TRIAL_POINTS)} test points your function returns a point of the disc, "
        "leaves the disc's points alone and finds the nearest point: c + r (x − c) / "
        "max(r, ‖x − c‖)"
    )


def check_multiplier(answer: object) -> Feedback:
    r"""Check the multiplier :math:`\lambda` of :math:`\min x^2 + y^2` subject to
    :math:`x + 2y = 5`, with :math:`\mathcal L = f + \lambda(x + 2y - 5)`.

    Examples
    --------
    >>> check_multiplier(-2).correct
    True
    >>> "sign" in check_multiplier(2).message
    True
    """
    lam = as_number(answer, "a number, the multiplier λ")
    if isinstance(lam, Feedback):
        return lam
    (point,) = lagrange_points(NEAREST_TO_LINE, [LINE])
    expected = float(point.lam[0])
    if typed_match(lam, expected):
        return correct(
            f"∇f + λ∇h = (2x, 2y) + λ(1, 2) = 0 gives x = −λ/2, y = −λ; then x + 2y = −5λ/2 = 5, "
            f"so λ = {expected:g}, at the point ({point.x[0]:g}, {point.x[1]:g})"
        )
    if typed_match(lam, -expected):
        return incorrect(
            "check the sign: this course writes the Lagrangian f + λh, so ∇f + λ∇h = 0, and "
            "λ = −(∇f · ∇h)/‖∇h‖². With f − λh you get the opposite sign"
        )
    return incorrect(
        "solve (2x, 2y) + λ(1, 2) = (0, 0) for x and y in terms of λ, then put them into x + 2y = 5"
    )


def check_kkt_multipliers(answer: object) -> Feedback:
    r"""Check the KKT multipliers :math:`(\mu_1, \mu_2)` of :math:`\min (x - 2)^2 + (y - 2)^2`
    subject to :math:`x + y \le 2` and :math:`y \le 1/2`.

    Examples
    --------
    >>> check_kkt_multipliers([1, 2]).correct
    True
    >>> check_kkt_multipliers([2, 0]).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    mu = as_vector(answer, 2, "the multipliers [mu1, mu2]")
    if isinstance(mu, Feedback):
        return mu
    (point,) = kkt_points(CORNER, inequalities=CORNER_CONSTRAINTS)
    expected = point.mu
    mistakes = {
        "check the sign: with L = f + μ1 g1 + μ2 g2 the multipliers of a minimum are ≥ 0; "
        "you have −∇f = μ1∇g1 + μ2∇g2 the wrong way round": -expected,
        "with only x + y ≤ 2 active the candidate is (1, 1), where y = 1 breaks y ≤ 1/2: "
        "both constraints are active": np.array([2.0, 0.0]),
        "with only y ≤ 1/2 active the candidate is (2, 1/2), where x + y = 2.5 breaks "
        "x + y ≤ 2: both constraints are active": np.array([0.0, 3.0]),
    }
    if typed_match(mu, expected):
        return correct(
            f"both constraints are active at ({point.x[0]:g}, {point.x[1]:g}); "
            f"−∇f = (1, 3) = μ1 (1, 1) + μ2 (0, 1) gives μ1 = {expected[0]:g} and "
            f"μ2 = {expected[1]:g}, both ≥ 0, so it is the KKT point"
        )
    for message, wrong in mistakes.items():
        if typed_match(mu, wrong):
            return incorrect(message)
    if np.any(mu < 0):
        return incorrect("a multiplier of an inequality in a minimisation is never negative")
    return incorrect(
        "try the active sets one by one; at the point where both constraints hold with "
        "equality, solve ∇f + μ1∇g1 + μ2∇g2 = 0 for μ1 and μ2"
    )
