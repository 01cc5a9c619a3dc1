"""Chapters 5 and 6 (and the capstone): every check tells a right, a wrong and a malformed
answer apart, with a message specific to the mistake."""

import numpy as np
import pytest

import calcopt as co
from calcopt import functions as fn
from calcopt.exercises import Verdict
from calcopt.exercises import hessian as ch5
from calcopt.exercises import newton as ch6


def verdicts(*feedback) -> str:
    """The verdicts as letters: C correct, I incorrect, V invalid (malformed), U unanswered."""
    letters = {
        Verdict.CORRECT: "C",
        Verdict.INCORRECT: "I",
        Verdict.INVALID: "V",
        Verdict.UNANSWERED: "U",
    }
    return "".join(letters[f.verdict] for f in feedback)


def test_check_jacobian():
    right = ch5.check_jacobian(np.array([[0.0, 0.0, 2.0], [2.0, 0.0, 1.0]]))
    transposed = ch5.check_jacobian([[0, 2], [0, 0], [2, 1]])
    wrong = ch5.check_jacobian([[0, 0, 2], [2, 0, 0]])
    malformed = ch5.check_jacobian("J")
    missing = ch5.check_jacobian(None)
    shape = ch5.check_jacobian([[0, 0], [2, 0]])
    assert verdicts(right, transposed, wrong, malformed, missing, shape) == "CIIVUV"
    assert "transpose" in transposed.message and "2 x 3" in transposed.message
    assert "entry (2, 3) should be ∂F2/∂z" in wrong.message and "which is 1, not 0" in wrong.message
    assert "got str" in malformed.message and "still None" in missing.message
    assert "shape (2, 2)" in shape.message


def test_check_classification():
    truth = {(0, 0): "saddle", (1, 1): "minimum", (-1, -1): "minimum"}
    right = ch5.check_classification(truth)
    wrong_kind = ch5.check_classification({**truth, (0, 0): "minimum"})
    missing = ch5.check_classification({(1, 1): "minimum", (-1, -1): "minimum"})
    extra = ch5.check_classification({**truth, (2, 2): "maximum"})
    bad_kind = ch5.check_classification({(0, 0): "saddle point"})
    not_a_dict = ch5.check_classification([(0, 0), "saddle"])
    assert verdicts(right, wrong_kind, missing, extra, bad_kind, not_a_dict) == "CIIIVV"
    assert "eigenvalues -4 and 4, so the point is a saddle, not a minimum" in wrong_kind.message
    assert "(0, 0) is missing" in missing.message
    assert "only 3 stationary points" in extra.message
    assert "'saddle point'" in bad_kind.message and "got list" in not_a_dict.message


@pytest.mark.parametrize(
    ("answer", "verdict", "phrase"),
    [
        ([10 / 7, 8 / 7], Verdict.CORRECT, "d = (−4/7, 1/7), so x₁ = (2, 1) + d = (10/7, 8/7)"),
        ([18 / 7, 6 / 7], Verdict.INCORRECT, "you solved ∇²f d = ∇f and added d"),
        ([-26.0, 5.0], Verdict.INCORRECT, "gradient step"),
        ([2 - 28 / 48, 1 + 4 / 12], Verdict.INCORRECT, "diagonal of ∇²f only"),
        ([2 - (48 * 28 + 16), 1 - (-4 * 28 - 48)], Verdict.INCORRECT, "you multiplied by ∇²f"),
        ([-4 / 7, 1 / 7], Verdict.INCORRECT, "that is the step d itself"),
        ([1.5, 1.0], Verdict.INCORRECT, "should be about (1.4286, 1.1429)"),
        ([1.5], Verdict.INVALID, "2 finite numbers"),
        (None, Verdict.UNANSWERED, "still None"),
    ],
)
def test_check_hand_step(answer, verdict, phrase):
    feedback = ch6.check_hand_step(answer)
    assert feedback.verdict == verdict and phrase in feedback.message


def test_check_degenerate_rate():
    right = ch6.check_degenerate_rate(2 / 3)
    quadratic = ch6.check_degenerate_rate(0.0)
    complement = ch6.check_degenerate_rate(1 / 3)
    other = ch6.check_degenerate_rate(0.5)
    malformed = ch6.check_degenerate_rate("2/3")
    assert verdicts(right, quadratic, complement, other, malformed) == "CIIIV"
    assert "degenerate" in right.message and "nondegenerate" in quadratic.message
    assert "fraction removed" in complement.message and "f″ = 12x²" in other.message


def test_hand_typed_answers_with_four_digits_pass():
    assert ch6.check_hand_step([1.4286, 1.1429]).correct
    assert ch6.check_hand_step([1.429, 1.143]).correct
    assert not ch6.check_hand_step([1.5, 1.1429]).correct
    assert ch6.check_degenerate_rate(0.6667).correct
    assert ch6.check_degenerate_rate(0.667).correct
    assert not ch6.check_degenerate_rate(0.68).correct
    assert ch6.check_damped_radius(1.732).correct
    assert not ch6.check_damped_radius(1.75).correct


def test_check_higher_order():
    right = ch5.check_higher_order({"f": (4, "minimum"), "g": (3, "neither")})
    too_early = ch5.check_higher_order({"f": (2, "minimum"), "g": (3, "neither")})
    too_late = ch5.check_higher_order({"f": (4, "minimum"), "g": (5, "neither")})
    odd_extremum = ch5.check_higher_order({"f": (4, "minimum"), "g": (3, "maximum")})
    even_sign = ch5.check_higher_order({"f": (4, "maximum"), "g": (3, "neither")})
    malformed = ch5.check_higher_order({"f": ("4", "minimum"), "g": (3, "neither")})
    missing = ch5.check_higher_order(None)
    assert verdicts(right, too_early, too_late, odd_extremum, even_sign, malformed, missing) == (
        "CIIIIVU"
    )
    assert "f⁗(0) = 1 > 0" in right.message and "g‴(0) = −1" in right.message
    assert "derivative number 2 is 0 at x = 0" in too_early.message
    assert "lower order than 5 is already nonzero" in too_late.message
    assert "k = 3 is odd" in odd_extremum.message and "k = 4 is even" in even_sign.message
    assert "a pair (k, verdict)" in malformed.message


def solve_step(x, g, H):
    return x + np.linalg.solve(H, -g)


def test_check_newton_step_accepts_the_newton_step_and_names_each_usual_bug():
    def in_place(x, g, H):
        x += np.linalg.solve(H, -g)
        return x

    answers = {
        "right": solve_step,
        "sign": lambda x, g, H: x + np.linalg.solve(H, g),
        "gradient": lambda x, g, H: x - g,
        "product": lambda x, g, H: x - H @ g,
        "diagonal": lambda x, g, H: x - g / np.diag(H),
        "step only": lambda x, g, H: np.linalg.solve(H, -g),
        "in place": in_place,
        "other": lambda x, g, H: x + 0.5 * np.linalg.solve(H, -g),
        "stub": lambda x, g, H: None,
        "raises": lambda x, g, H: np.linalg.inv(H[0]),
        "shape": lambda x, g, H: 1.0,
        "not callable": [1.0, 2.0],
        "unanswered": None,
    }
    feedback = {name: ch6.check_newton_step(answer) for name, answer in answers.items()}
    assert verdicts(*feedback.values()) == "CIIIIIIIUVVVU", (
        "a right newton_step is correct; each usual bug is incorrect with its own message; a "
        "stub is unanswered; code that raises or returns the wrong shape is invalid"
    )
    phrases = {
        "right": "on every hidden case",
        "sign": "you solved ∇²f d = ∇f and added d",
        "gradient": "gradient step with η = 1",
        "product": "you multiplied by ∇²f",
        "diagonal": "diagonal of ∇²f only",
        "step only": "that is the step d itself",
        "in place": "changed x in place",
        "other": "the Newton step lands at",
        "stub": "still returns None, like the stub",
        "raises": "raised LinAlgError",
        "shape": "to return 2 numbers",
    }
    for name, phrase in phrases.items():
        assert phrase in feedback[name].message, (name, feedback[name].message)


def newton_loop(step=solve_step, *, check_after=False, extra=0, catch=True, update=True):
    """A learner's loop, right by default, with one of the usual bugs on request."""

    def loop(grad, hess, x0, tol=1e-8, max_iter=50):
        x = np.asarray(x0, dtype=float)
        path = [x]
        for _ in range(max_iter + extra):
            g = grad(x)
            if not check_after and np.linalg.norm(g) <= tol:
                break
            try:
                new = step(x, g, hess(x))
            except np.linalg.LinAlgError:
                if catch:
                    break
                raise
            x = new if update else x
            path.append(x)
            if check_after and np.linalg.norm(grad(x)) <= tol:
                break
        return path

    return loop


def test_check_newton_accepts_the_loop_and_names_each_usual_bug():
    answers = {
        "right": newton_loop(),
        "sign": newton_loop(lambda x, g, H: x + np.linalg.solve(H, g)),
        "never updated": newton_loop(update=False),
        "too many": newton_loop(extra=1),
        "check after": newton_loop(check_after=True),
        "raises at singular": newton_loop(catch=False),
        "steps through singular": newton_loop(lambda x, g, H: x - np.linalg.pinv(H) @ g),
        "stub": lambda grad, hess, x0, tol=1e-8, max_iter=50: None,
        "returns a point": lambda grad, hess, x0, tol=1e-8, max_iter=50: "done",
        "unanswered": None,
    }
    feedback = {name: ch6.check_newton(answer) for name, answer in answers.items()}
    assert verdicts(*feedback.values()) == "CIIIIIIUVU", (
        "a right loop is correct; each usual bug is incorrect with its own message; a stub is "
        "unanswered; a loop that returns something other than a list of points is invalid"
    )
    phrases = {
        "right": "matches calcopt.newton on every hidden case",
        "sign": "you solved ∇²f d = ∇f and added d",
        "never updated": "x is never updated",
        "too many": "one iteration too many on x⁴ from 1 with max_iter = 5",
        "check after": "test the gradient before each step",
        "raises at singular": "catch numpy.linalg.LinAlgError and stop",
        "steps through singular": "Hessian is singular",
        "stub": "still returns None, like the stub",
        "returns a point": "a list of points",
    }
    for name, phrase in phrases.items():
        assert phrase in feedback[name].message, (name, feedback[name].message)


def test_the_hidden_loop_cases_reach_every_way_a_run_ends():
    statuses = {
        str(co.newton(objective, x0, tol=tol, max_iter=max_iter).status)
        for _, objective, x0, tol, max_iter in ch6.LOOP_CASES
    }
    assert statuses == {"converged", "max_iter", "singular_hessian"}, (
        "the hidden cases of the loop exercise must end by convergence, by the iteration limit "
        "and at a singular Hessian, so that each stopping rule is checked"
    )
    singular = co.newton(ch6.CUBIC_SLOPE, [1.0, 1.0])
    assert singular.nit == 1 and singular.status == "singular_hessian"
    np.testing.assert_array_equal(singular.x, [0.0, 0.0])
    assert ch6.CUBIC_SLOPE.gradient([0.0, 0.0]).tolist() == [1.0, 0.0], (
        "at (0, 0) the gradient (1, 0) is outside the range of the Hessian diag(0, 2): the "
        "Newton system has no solution there"
    )


def test_check_damped_radius():
    right = ch6.check_damped_radius(3**0.5)
    pure = ch6.check_damped_radius(1.0)
    squared = ch6.check_damped_radius(3.0)
    other = ch6.check_damped_radius(2.0)
    malformed = ch6.check_damped_radius("sqrt(3)")
    assert verdicts(right, pure, squared, other, malformed) == "CIIIV"
    assert "√3" in right.message and "pure Newton" in pure.message
    assert "R²" in squared.message and "1 − t − t x²" in other.message


@pytest.mark.parametrize(("x0", "converges"), [(1.7, True), (-1.73, True), (1.74, False)])
def test_damped_newton_on_pseudo_huber_converges_exactly_inside_root_three(x0, converges):
    result = co.newton(fn.pseudo_huber, x0, damping=0.5, max_iter=500)
    assert result.success == converges, (
        "Newton damped by t = 1/2 on the pseudo-Huber loss converges iff |x0| < √3 ≈ 1.7321"
    )
