r"""Checks for the exercises of chapter 4, *Gradient descent*.

The learning-rate exercises use the quadratic :math:`q(\mathbf x) = \tfrac12\mathbf x^\top A
\mathbf x` with :math:`A = \begin{pmatrix}5 & 2\\ 2 & 2\end{pmatrix}` (eigenvalues 1 and 6); the
regression exercise uses :func:`~calcopt.models.regression.house_prices`.
"""

from __future__ import annotations

import numpy as np

from ..functions import quadratic
from ..models.regression import LeastSquares, Scaling, design_matrix, house_prices
from ..optimize.theory import convergence_rate, iterations_needed
from . import Feedback, as_number, as_vector, correct, incorrect, invalid, typed_match
from ._learner import not_a_function, run

#: The Hessian of the learning-rate exercises.
A = np.array([[5.0, 2.0], [2.0, 2.0]])
q = quadratic(A, name="q")
#: The learning rate of the momentum exercise: too large without momentum.
MOMENTUM_LR = 0.5


def check_largest_lr(answer: object) -> Feedback:
    r"""Check the supremum of the learning rates for which gradient descent converges on q.

    Examples
    --------
    >>> check_largest_lr(1 / 3).correct
    True
    >>> check_largest_lr(0.333).correct
    True
    >>> check_largest_lr(1.0).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    lr = as_number(answer, "a learning rate, a positive number")
    if isinstance(lr, Feedback):
        return lr
    mu, L = q.curvature
    if typed_match(lr, 2 / L):
        return correct(
            f"the eigenvalues of A are {mu:g} and {L:g}, so gradient descent converges iff "
            f"0 < η < 2/L = {2 / L:.6g}"
        )
    hints = {
        1 / L: "that is 1/L, a safe choice but not the limit: the boundary is 2/L",
        2 / mu: "that uses the smallest eigenvalue; the largest one, L, sets the limit 2/L",
        2 / (mu + L): "that is the best fixed step 2/(μ + L); larger steps still converge",
        1.0: "the limit is not 1 for every function: it is 2/L, and L comes from A",
    }
    for value, hint in hints.items():
        if typed_match(lr, value):
            return incorrect(hint)
    if lr <= 0:
        return incorrect("a learning rate must be positive")
    if np.isclose(lr, 2 / L, rtol=0.05):
        return incorrect(
            f"close: {lr:g} is {abs(lr * L / 2 - 1):.1%} away from the limit; give it to three "
            "significant digits or as a fraction"
        )
    side = "converges there, so the limit is larger" if lr < 2 / L else "diverges there"
    return incorrect(
        f"gradient descent with η = {lr:g} {side}; find the eigenvalues of A "
        "(trace 7, determinant 6) and use the largest"
    )


def check_momentum(answer: object) -> Feedback:
    r"""Check a momentum :math:`\beta` that makes heavy ball with :math:`\eta = 0.5` converge on q.

    Heavy ball converges on a quadratic iff :math:`0 < \eta\lambda < 2 + 2\beta` for every
    eigenvalue :math:`\lambda` of A (:func:`~calcopt.optimize.theory.convergence_rate` below
    1); here that
    means :math:`\beta > 0.5`.

    Examples
    --------
    >>> check_momentum(0.7).correct
    True
    >>> check_momentum(0.999).correct
    True
    >>> check_momentum(0.5).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    beta = as_number(answer, "a momentum β, a number in [0, 1)")
    if isinstance(beta, Feedback):
        return beta
    if not 0 <= beta < 1:
        return invalid(f"momentum must lie in [0, 1); got {beta:g}")
    L = q.curvature[1]
    eta_L, limit = MOMENTUM_LR * L, 2 + 2 * beta
    rate = convergence_rate(MOMENTUM_LR, q.curvature, momentum=beta)
    if rate < 1:
        return correct(
            f"β = {beta:g} converges: ηL = {eta_L:g} < 2 + 2β = {limit:g}, and the error shrinks "
            f"by a factor {rate:.4g} per step: about {iterations_needed(rate):g} steps shrink it a "
            "millionfold"
        )
    if np.isclose(eta_L, limit, rtol=1e-12):
        return incorrect(
            f"β = {beta:g} sits exactly on the boundary 2 + 2β = ηL = {eta_L:g}: the error no "
            "longer grows but never shrinks either; any larger β converges"
        )
    return incorrect(
        f"β = {beta:g} diverges: with η = {MOMENTUM_LR:g} and L = {L:g}, ηL = {eta_L:g} must be "
        f"below 2 + 2β = {limit:g}"
    )


def check_regression_weights(answer: object, *, n: int = 30, seed: int = 4) -> Feedback:
    r"""Check the weights :math:`(w_0, w_1)` of the least-squares line for the house prices.

    The weights must be for the raw area (in square metres) and within a relative 1e-6 of the
    least-squares solution.

    Examples
    --------
    >>> from calcopt.models.regression import LeastSquares, design_matrix, house_prices
    >>> area, price = house_prices()
    >>> check_regression_weights(LeastSquares(design_matrix(area), price).solution).correct
    True
    """
    w = as_vector(answer, 2, "the weights [w0, w1] of the line w0 + w1 x")
    if isinstance(w, Feedback):
        return w
    area, price = house_prices(n, seed=seed)
    raw = LeastSquares(design_matrix(area), price)
    scaling = Scaling.of(area)
    scaled = LeastSquares(design_matrix(scaling.apply(area)), price)
    if np.allclose(w, raw.solution, rtol=1e-6, atol=0):
        return correct(
            f"w0 = {raw.solution[0]:.4f} thousand € and w1 = {raw.solution[1]:.4f} thousand € "
            "per m², as numpy.linalg.lstsq finds"
        )
    if np.allclose(w, scaled.solution, rtol=1e-6, atol=0):
        return incorrect(
            "these are the weights for the standardised area; convert them to raw units with "
            "scaling.raw_weights"
        )
    if np.allclose(w, raw.solution, rtol=1e-2, atol=0):
        digits = int(-np.log10(np.max(np.abs(w / raw.solution - 1))))
        return incorrect(
            f"close: your weights agree with the least-squares ones to about {digits} digits; "
            "pass the unrounded array (for example scaling.raw_weights(run.x)), and if it came "
            "from a run, run until the gradient is smaller"
        )
    excess = float(raw(w) - raw(raw.solution))
    return incorrect(
        f"your line's mean squared error is {excess:.3g} above the minimum; if you ran gradient "
        "descent on the raw area it has not converged: standardise the feature first"
    )


# -- The learner's gradient-descent loop -----------------------------------------------------


def _quadratic_gradient(A, b):
    """The gradient A x - b of the quadratic ½ xᵀA x - b·x."""
    A, b = np.asarray(A, dtype=float), np.asarray(b, dtype=float)
    return lambda x: A @ np.asarray(x, dtype=float) - b


#: Hidden cases for ``descend(grad, x0, lr, steps)``: (name, grad, x0, lr, steps).
DESCEND_CASES = (
    ("x² from 10", lambda x: 2 * np.asarray(x, dtype=float), [10.0], 0.1, 5),
    (
        "a 2-D quadratic",
        _quadratic_gradient([[3.0, 1.0], [1.0, 2.0]], [1.0, -1.0]),
        [2.0, -1.0],
        0.2,
        7,
    ),
    (
        "a 2-D quadratic, no steps",
        _quadratic_gradient([[3.0, 1.0], [1.0, 2.0]], [1.0, -1.0]),
        [2.0, -1.0],
        0.2,
        0,
    ),
    (
        "a 3-D non-quadratic",
        lambda x: np.asarray(x, dtype=float) ** 3 + [1.0, -2.0, 0.5],
        [0.5, 1.5, -1.0],
        0.05,
        12,
    ),
)


def reference_descend(grad, x0, lr: float, steps: int) -> np.ndarray:
    r"""The point :math:`\mathbf x_{\text{steps}}` of gradient descent: ``steps`` updates
    :math:`\mathbf x \leftarrow \mathbf x - \eta\nabla f(\mathbf x)` from ``x0``."""
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = x - lr * np.asarray(grad(x), dtype=float)
    return x


def check_descend(answer: object) -> Feedback:
    r"""Check a learner's loop ``descend(grad, x0, lr, steps)`` that returns the point after
    ``steps`` updates :math:`\mathbf x_{k+1} = \mathbf x_k - \eta\nabla f(\mathbf x_k)`.

    It runs on hidden cases (``DESCEND_CASES``: one and several variables, a quadratic and a
    non-quadratic gradient, zero steps). The usual bugs get their own message: the wrong sign
    (walking uphill), x never updated, one iteration too many or too few, the gradient taken
    at x0 only, a return inside the loop, the learning rate left out, and changing the
    caller's x0 in place.

    Examples
    --------
    >>> check_descend(reference_descend).correct
    True
    >>> uphill = lambda grad, x0, lr, steps: reference_descend(lambda x: -grad(x), x0, lr, steps)
    >>> "uphill" in check_descend(uphill).message
    True
    """
    what = "a function descend(grad, x0, lr, steps) that returns the last point"
    if (feedback := not_a_function(answer, what)) is not None:
        return feedback
    for name, grad, x0, lr, steps in DESCEND_CASES:
        start = np.array(x0, dtype=float)
        given = start.copy()
        got = run(
            answer,
            (grad, given, lr, steps),
            "descend(grad, x0, lr, steps)",
            "repeat x = x - lr * grad(x) steps times, then return x",
        )
        if isinstance(got, Feedback):
            return got
        x = as_vector(got, start.size, f"descend to return the last point, {start.size} numbers")
        if isinstance(x, Feedback):
            return _path_instead(got, start.size, steps) or x
        if not np.array_equal(given, start):
            return incorrect(
                "descend changed the caller's x0 in place (x -= ... on the array it was given): "
                "start from a copy, x = np.array(x0, dtype=float)"
            )
        expected = reference_descend(grad, start, lr, steps)
        if not np.allclose(x, expected, rtol=1e-9, atol=1e-12):
            return _descend_bug(x, expected, name, grad, start, lr, steps)
    return correct(
        "your loop makes exactly `steps` updates x ← x − η∇f(x), each with the gradient at the "
        "current point, and leaves x0 alone"
    )


def _path_instead(got, n: int, steps: int) -> Feedback | None:
    """Feedback for a whole path returned instead of its last point."""
    try:
        shape = np.shape(np.asarray(got, dtype=float))
    except (TypeError, ValueError):
        return None
    if len(shape) == 2 and shape[1] == n:
        return invalid(
            f"descend returned {shape[0]} points; return only the last one, x after {steps} "
            "steps (path[-1] if you keep the path)"
        )
    return None


def _descend_bug(x, expected, name: str, grad, x0, lr: float, steps: int) -> Feedback:
    """Name the usual bug whose result the learner's point matches."""
    case = f"on {name} with η = {lr:g} and {steps} steps"
    suspects = (
        (
            reference_descend(lambda p: -np.asarray(grad(p)), x0, lr, steps),
            "your steps walk uphill: the update subtracts the gradient, x − η∇f(x)",
        ),
        (x0, "x is never updated: assign the new point back, x = x - lr * grad(x)"),
        (
            reference_descend(grad, x0, lr, steps + 1),
            "you make one update too many: range(steps) gives exactly `steps` updates",
        ),
        (
            reference_descend(grad, x0, lr, max(steps - 1, 0)),
            "you make one update too few: range(steps) gives exactly `steps` updates",
        ),
        (
            x0 - steps * lr * np.asarray(grad(x0)),
            "every step uses the gradient at x0: evaluate grad at the current x inside the loop",
        ),
        (
            reference_descend(grad, x0, lr, min(steps, 1)),
            "you return after the first update: return x after the loop, not inside it",
        ),
        (
            reference_descend(grad, x0, 1.0, steps),
            "the steps leave out the learning rate: the update is x − lr · grad(x)",
        ),
    )
    for point, message in suspects:
        if np.allclose(x, point, rtol=1e-9, atol=1e-12):
            return incorrect(f"{case}: {message}")
    return incorrect(
        f"{case} you return {np.round(x, 6).tolist()}, but {steps} updates "
        f"x ← x − η∇f(x) reach {np.round(expected, 6).tolist()}"
    )


# -- The learner's backtracking line search --------------------------------------------------

#: Most evaluations of f a learner's line search may make in one call before it is stopped.
EVALUATION_LIMIT = 500


class _Runaway(BaseException):
    """Raised inside a learner's line search that has evaluated f too often.

    Not an ``Exception``, so that neither :func:`._learner.run` nor a learner's own
    ``except Exception`` swallows it on its way back to the check."""


class _Recorded:
    """f, recording where it is evaluated and stopping after ``EVALUATION_LIMIT`` calls."""

    def __init__(self, f):
        self.f, self.points = f, []

    def __call__(self, x):
        if len(self.points) >= EVALUATION_LIMIT:
            raise _Runaway
        self.points.append(np.array(x, dtype=float, copy=True))
        return self.f(x)


def _booth(p):
    x, y = np.asarray(p, dtype=float)
    return (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2


def _rosenbrock(p):
    x, y = np.asarray(p, dtype=float)
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def _himmelblau(p):
    x, y = np.asarray(p, dtype=float)
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


def _slope(f, x, h: float = 1e-6) -> np.ndarray:
    """The gradient of f at x by central differences (exact enough for the line search)."""
    x = np.asarray(x, dtype=float)
    return np.array([(f(x + e) - f(x - e)) / (2 * h) for e in h * np.eye(x.size)])


#: Hidden cases for ``backtrack(f, x, g, lr, shrink, c1)``: (name, f, x, lr, shrink, c1).
BACKTRACK_CASES = (
    ("x² at x = 1", lambda p: float(np.asarray(p)[0] ** 2), [1.0], 4.0, 0.5, 1e-4),
    ("Booth's function at (−3, 0)", _booth, [-3.0, 0.0], 1.0, 0.7, 0.3),
    ("Booth's function at (−3, 0), a short first trial", _booth, [-3.0, 0.0], 0.01, 0.5, 1e-4),
    ("Rosenbrock's function at (−1.2, 1)", _rosenbrock, [-1.2, 1.0], 1.0, 0.5, 1e-4),
    ("Himmelblau's function at (0, 0)", _himmelblau, [0.0, 0.0], 0.5, 0.6, 0.5),
    (
        "x² near its minimum, at x = 0.1",
        lambda p: float(np.asarray(p)[0] ** 2),
        [0.1],
        1.0,
        0.5,
        0.9,
    ),
)


def armijo_trials(f, x, g, lr: float, shrink: float, c1: float, **variant) -> float | None:
    r"""The step that backtracking accepts: the first :math:`t = \eta\tau^j` with
    :math:`f(\mathbf x - t\mathbf g) \le f(\mathbf x) - c_1 t \lVert\mathbf g\rVert^2`.

    ``variant`` reproduces a usual bug: ``accept=False`` stops at the first t that fails the
    test (the comparison reversed), ``sign=1.0`` tries :math:`\mathbf x + t\mathbf g`
    (uphill), ``slope`` replaces :math:`\lVert\mathbf g\rVert^2`. None if none of the first
    thousand trials qualifies.
    """
    x, g = np.asarray(x, dtype=float), np.asarray(g, dtype=float)
    accept, sign = variant.get("accept", True), variant.get("sign", -1.0)
    slope = variant.get("slope", float(g @ g))
    start, t = f(x), lr
    for _ in range(1000):
        if (f(x + sign * t * g) <= start - c1 * t * slope) == accept:
            return t
        t *= shrink
    return None


#: Usual bugs of a line search: what each makes it return on a case, and what to tell.
BACKTRACK_BUGS = (
    (
        lambda f, x, g, lr, shrink, c1: armijo_trials(f, x, g, lr, shrink, c1, accept=False),
        "you stop at the first t that fails the test: keep shrinking while "
        "f(x − t g) > f(x) − c1 t ‖g‖², and stop as soon as it holds",
    ),
    (
        lambda f, x, g, lr, shrink, c1: armijo_trials(f, x, g, lr, shrink, c1, sign=1.0),
        "your trial points x + t g go uphill, so t shrinks until rounding hides the change: "
        "try x − t g",
    ),
    (
        lambda f, x, g, lr, shrink, c1: armijo_trials(f, x, g, lr, shrink, 1.0),
        "your test leaves out c1: f(x − t g) ≤ f(x) − t ‖g‖² asks for the full decrease the "
        "tangent promises, which a convex f never gives, so t shrinks until rounding lets a "
        "trial through",
    ),
    (
        lambda f, x, g, lr, shrink, c1: armijo_trials(f, x, g, lr * shrink, shrink, c1),
        "the first trial must be lr itself: shrink t after a failed trial, not before",
    ),
    (
        lambda f, x, g, lr, shrink, c1: armijo_trials(f, x, g, lr, 0.5, c1),
        "you shrink by 0.5 whatever shrink says: multiply t by shrink",
    ),
    (
        lambda f, x, g, lr, shrink, c1: armijo_trials(f, x, g, lr, shrink, 1e-4),
        "the test must use the c1 it is given, not 1e-4",
    ),
    (
        lambda f, x, g, lr, shrink, c1: armijo_trials(
            f, x, g, lr, shrink, c1, slope=float(np.linalg.norm(g))
        ),
        "the test uses ‖g‖ where it needs ‖g‖² = g · g",
    ),
    (
        lambda f, x, g, lr, shrink, c1: shrink * armijo_trials(f, x, g, lr, shrink, c1),
        "you shrink once more after the test has passed: return t as it is",
    ),
)


def check_backtracking(answer: object) -> Feedback:
    r"""Check a learner's ``backtrack(f, x, g, lr, shrink, c1)``, which returns the step t
    that backtracking accepts: the first of :math:`t = \eta, \tau\eta, \tau^2\eta, \dots` with

    .. math::
        f(\mathbf x - t\,\mathbf g) \le f(\mathbf x) - c_1\,t\,\lVert\mathbf g\rVert^2 .

    It runs on hidden cases (``BACKTRACK_CASES``: one and two variables, convex and not, a
    first trial that passes at once, several values of :math:`\tau` and :math:`c_1`). A loop
    that evaluates f more than ``EVALUATION_LIMIT`` times is stopped. The usual bugs
    (``BACKTRACK_BUGS``) get their own message: the comparison reversed, never shrinking,
    shrinking forever, stepping uphill, leaving out :math:`c_1`, shrinking before the first
    trial, ignoring ``shrink`` or ``c1``.

    Examples
    --------
    >>> def backtrack(f, x, g, lr, shrink=0.5, c1=1e-4):
    ...     t = lr
    ...     while f(x - t * g) > f(x) - c1 * t * (g @ g):
    ...         t = shrink * t
    ...     return t
    >>> check_backtracking(backtrack).correct
    True
    >>> check_backtracking(lambda f, x, g, lr, shrink, c1: lr).verdict
    <Verdict.INCORRECT: 'incorrect'>
    """
    what = "a function backtrack(f, x, g, lr, shrink, c1) that returns the accepted step"
    if (feedback := not_a_function(answer, what)) is not None:
        return feedback
    results = []
    for name, f, x0, lr, shrink, c1 in BACKTRACK_CASES:
        x = np.array(x0, dtype=float)
        g = _slope(f, x)
        case = (f, x, g, lr, shrink, c1)
        label = f"on {name} with lr = {lr:g}, shrink = {shrink:g}, c1 = {c1:g}"
        t = _accepted_step(answer, case, label)
        if isinstance(t, Feedback):
            return t
        results.append((case, label, t))
    wrong = [(label, t, armijo_trials(*case)) for case, label, t in results]
    wrong = [(label, t, expected) for label, t, expected in wrong if not _same(t, expected)]
    if not wrong:
        return correct(
            "your line search returns the first step η, τη, τ²η, ... that passes the "
            "sufficient-decrease test in every case: at once when the first trial passes, "
            "after many halvings in Rosenbrock's valley"
        )
    for bug, message in BACKTRACK_BUGS:
        if all(_same(t, bug(*case)) for case, _, t in results):
            return incorrect(f"{wrong[0][0]}: {message}")
    label, t, expected = wrong[0]
    return incorrect(
        f"{label} you return t = {t:.6g}, but the first of lr, τ·lr, τ²·lr, ... that passes "
        f"f(x − t g) ≤ f(x) − c1 t ‖g‖² is {expected:.6g}"
    )


def _same(t: float, expected: float | None) -> bool:
    return expected is not None and bool(np.isclose(t, expected, rtol=1e-9, atol=0))


def _accepted_step(answer, case, label: str) -> float | Feedback:
    """The learner's step on one case, or feedback when the call fails or runs away."""
    f, x, g, lr, shrink, c1 = case
    recorded = _Recorded(f)
    try:
        got = run(
            answer,
            (recorded, x.copy(), g.copy(), lr, shrink, c1),
            "backtrack(f, x, g, lr, shrink, c1)",
            "start at t = lr, multiply t by shrink while the sufficient-decrease test fails, "
            "then return t",
        )
    except _Runaway:
        return _runaway(label, recorded.points, x, g, armijo_trials(*case))
    if isinstance(got, Feedback):
        return got
    if np.ndim(got) != 0:
        return invalid(
            f"backtrack returned {type(got).__name__} {got!r}; return the accepted step t alone, "
            "one number (not the new point)"
        )
    return as_number(got, "backtrack to return the accepted step t, one number")


def _runaway(label: str, points, x, g, expected: float) -> Feedback:
    """Feedback for a line search stopped after ``EVALUATION_LIMIT`` evaluations of f."""
    trials = [p for p in points if not np.array_equal(p, x)]
    head = f"{label} your loop evaluated f {EVALUATION_LIMIT} times without returning"
    if trials and all(np.array_equal(p, trials[0]) for p in trials):
        return incorrect(
            f"{head}, always at the same point: t never shrinks; multiply it by shrink after "
            "each failed trial"
        )
    if trials and all(float((p - x) @ g) > 0 for p in trials):
        return incorrect(f"{head}, at points x + t g uphill: the trial point is x − t g")
    return incorrect(
        f"{head}: it kept shrinking t past {expected:.4g}, which already passes the test; stop "
        "at the first t with f(x − t g) ≤ f(x) − c1 t ‖g‖² (check the direction of ≤, and "
        "that c1 multiplies t ‖g‖²)"
    )


# -- Gradient descent's rate on a 2 x 2 quadratic, by hand -------------------------------------

#: The Hessian of the rate exercise: eigenvalues 2 and 4.
RATE_HESSIAN = np.array([[3.0, 1.0], [1.0, 3.0]])
#: The learning rate of the rate exercise.
RATE_LR = 0.2


def check_quadratic_rate(answer: object) -> Feedback:
    r"""Check the rate of gradient descent with :math:`\eta = 0.2` on :math:`\tfrac12\mathbf
    x^\top B\mathbf x`, :math:`B = \begin{pmatrix}3 & 1\\ 1 & 3\end{pmatrix}`.

    The error obeys :math:`\mathbf e_{k+1} = (I - \eta B)\mathbf e_k`; along the eigenvectors
    of B (eigenvalues 2 and 4) it is multiplied by :math:`1 - 0.4 = 0.6` and
    :math:`1 - 0.8 = 0.2`, so the rate, the worst of the two, is 0.6. The slips with their own
    message: the factor of the steep direction, :math:`\eta\lambda` instead of
    :math:`1 - \eta\lambda` (or a factor read off B's diagonal), and the rate of the best step.

    Examples
    --------
    >>> check_quadratic_rate(0.6).correct
    True
    >>> "steep" in check_quadratic_rate(0.2).message
    True
    """
    rate = as_number(answer, "the rate ρ, one number")
    if isinstance(rate, Feedback):
        return rate
    mu, L = np.linalg.eigvalsh(RATE_HESSIAN)
    right = convergence_rate(RATE_LR, (mu, L))
    if typed_match(rate, right):
        return correct(
            f"B has eigenvalues {mu:g} and {L:g}; along their eigenvectors the error is "
            f"multiplied by 1 − ημ = {1 - RATE_LR * mu:g} and 1 − ηL = {1 - RATE_LR * L:g} per "
            f"step, and the larger factor, {right:g}, sets the rate"
        )
    hints = {
        abs(1 - RATE_LR * L): "that is the factor along the steep eigenvector (λ = 4); the "
        "error along the flat one (λ = 2) shrinks more slowly, and the slower one sets the rate",
        RATE_LR * mu: "0.4 is ημ (and also 1 − 3η, from B's diagonal); the error along an "
        "eigenvector of B is multiplied by 1 − ηλ, with λ an eigenvalue of B",
        RATE_LR * L: "that is ηL; the error along the steep eigenvector is multiplied by 1 − ηL",
        (L - mu) / (L + mu): "that is the rate (κ − 1)/(κ + 1) of the best step 2/(μ + L); "
        "the exercise asks for η = 0.2",
    }
    for value, hint in hints.items():
        if typed_match(rate, value):
            return incorrect(hint)
    if rate < 0 or rate >= 1:
        return incorrect(
            "with η = 0.2 both factors 1 − ηλ lie in (0, 1): the rate is a number between 0 and 1"
        )
    return incorrect(
        "find B's eigenvalues (trace 6, determinant 8), multiply the error along each "
        "eigenvector by 1 − ηλ, and take the larger factor in absolute value"
    )
