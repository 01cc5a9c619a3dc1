"""Chapter 9: every check tells a right, a wrong and a malformed or unanswered answer apart, with
a message specific to the mistake."""

import numpy as np
import pytest

import calcopt.autodiff as ad
from calcopt.exercises import Verdict
from calcopt.exercises import autodiff as ch9

from .test_exercises_ch56 import verdicts

# -- the backward pass by hand -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "verdict", "phrase"),
    [
        ([4 / 3, 1 / 3], Verdict.CORRECT, "∇f(1, 2) = (4/3, 1/3)"),
        ([1.333, 0.3333], Verdict.CORRECT, "adds them"),
        ([2 / 3, 1 / 3], Verdict.INCORRECT, "sum of the shares both send back"),
        ([4.0, 1.0], Verdict.INCORRECT, "factor of the log"),
        ([1 / 3, 4 / 3], Verdict.INCORRECT, "swapped"),
        ([1.0, 1.0], Verdict.INCORRECT, "start the backward pass with v̄₄ = 1"),
        ([4 / 3], Verdict.INVALID, "2 finite numbers"),
        ("4/3, 1/3", Verdict.INVALID, "expected the gradient"),
        (None, Verdict.UNANSWERED, "still None"),
    ],
)
def test_check_hand_gradient(answer, verdict, phrase):
    feedback = ch9.check_hand_gradient(answer)
    assert feedback.verdict == verdict and phrase in feedback.message, feedback


def test_the_hand_function_has_the_gradient_the_check_expects():
    x, y = ch9.HAND_POINT
    exact = np.array([2 * x + y, x]) / (x * x + x * y)
    np.testing.assert_allclose(ad.grad(ch9.hand_function)(np.array([x, y])), exact, rtol=1e-15)
    np.testing.assert_allclose(exact, [4 / 3, 1 / 3], rtol=1e-15)


# -- a loss written for calcopt.autodiff -------------------------------------------------------


def ridge(w, X, y):
    z = X @ w
    return ad.mean(ad.softplus(z) - y * z) + 0.05 * ad.sum(w * w)


def test_check_ridge_loss_accepts_the_loss_and_names_each_usual_mistake():
    def summed(w, X, y):
        z = X @ w
        return ad.sum(ad.softplus(z) - y * z) + 0.05 * ad.sum(w * w)

    def full_lambda(w, X, y):
        z = X @ w
        return ad.mean(ad.softplus(z) - y * z) + 0.1 * ad.sum(w * w)

    def no_penalty(w, X, y):
        z = X @ w
        return ad.mean(ad.softplus(z) - y * z)

    def sign(w, X, y):
        z = X @ w
        return ad.mean(ad.softplus(z) + y * z) + 0.05 * ad.sum(w * w)

    def with_numpy(w, X, y):
        z = X @ w
        return np.mean(np.log(1 + np.exp(z)) - y * z) + 0.05 * ad.sum(w * w)

    def other(w, X, y):
        return ad.sum(w**4)

    def stub(w, X, y):
        return None

    results = [
        ch9.check_ridge_loss(answer)
        for answer in (ridge, summed, full_lambda, no_penalty, sign, other, with_numpy, stub, 3)
    ]
    assert verdicts(*results) == "CIIIIIVUV"
    assert "ad.mean" in results[1].message and "2λw" in results[2].message
    assert "is missing" in results[3].message and "sign of y z" in results[4].message
    assert "softplus(z) − y z" in results[5].message
    assert "use calcopt.autodiff.exp, not numpy.exp" in results[6].message, (
        "a loss written with numpy is told which calcopt.autodiff function replaces it"
    )
    assert "still returns None" in results[7].message and "got int" in results[8].message
    assert ch9.check_ridge_loss(None).verdict == Verdict.UNANSWERED


def test_the_exact_ridge_gradient_is_that_of_the_loss():
    X, y = ch9.ridge_data()
    w = np.array([0.3, -0.7, 1.1])
    np.testing.assert_allclose(
        ad.grad(lambda v: ridge(v, X, y))(w), ch9.ridge_gradient(w), rtol=1e-12
    )


# -- the backward rule of a dense layer ---------------------------------------------------------


def dense_vjp(G, X, W, b):
    Zbar = G * (1 - np.tanh(X @ W + b) ** 2)
    return Zbar @ W.T, X.T @ Zbar, Zbar.sum(axis=0)


def variant(**changes):
    """dense_vjp with one of its three results replaced by a function of (G, X, W, b, Zbar)."""

    def answer(G, X, W, b):
        Zbar = G * (1 - np.tanh(X @ W + b) ** 2)
        out = dict(zip("xwb", dense_vjp(G, X, W, b), strict=True))
        out.update({k: f(G, X, W, b, Zbar) for k, f in changes.items()})
        return out["x"], out["w"], out["b"]

    return answer


@pytest.mark.parametrize(
    ("answer", "verdict", "phrase"),
    [
        (dense_vjp, Verdict.CORRECT, "X̄ = Z̄ Wᵀ, W̄ = Xᵀ Z̄"),
        (
            variant(x=lambda G, X, W, b, Z: (1 - np.tanh(X @ W + b) ** 2) @ W.T),
            Verdict.INCORRECT,
            "X̄: you left out the chain factor G",
        ),
        (variant(w=lambda G, X, W, b, Z: X.T @ G), Verdict.INCORRECT, "slope of tanh"),
        (
            variant(w=lambda G, X, W, b, Z: Z.T @ X),
            Verdict.INCORRECT,
            "W̄: the Jacobian is transposed",
        ),
        (
            variant(x=lambda G, X, W, b, Z: Z @ W),
            Verdict.INCORRECT,
            "X̄: the Jacobian is transposed",
        ),
        (variant(b=lambda G, X, W, b, Z: Z), Verdict.INCORRECT, "summed over the broadcast axis"),
        (variant(b=lambda G, X, W, b, Z: Z.mean(axis=0)), Verdict.INCORRECT, "a mean divides"),
        (variant(b=lambda G, X, W, b, Z: Z.sum(axis=1)), Verdict.INCORRECT, "shape of its input"),
        (variant(w=lambda G, X, W, b, Z: 2 * X.T @ Z), Verdict.INCORRECT, "W̄ differs"),
        (lambda G, X, W, b: (G, X), Verdict.INVALID, "three arrays"),
        (lambda G, X, W, b: ("a", X, b), Verdict.INVALID, "X̄ must be an array of numbers"),
        (lambda G, X, W, b: 1 / 0, Verdict.INVALID, "raised ZeroDivisionError"),
        (lambda G, X, W, b: None, Verdict.UNANSWERED, "still returns None"),
        (None, Verdict.UNANSWERED, "still None"),
        ("dense_vjp", Verdict.INVALID, "got str"),
    ],
)
def test_check_dense_vjp(answer, verdict, phrase):
    feedback = ch9.check_dense_vjp(answer)
    assert feedback.verdict == verdict and phrase in feedback.message, feedback


def test_the_hidden_dense_cases_include_a_square_layer_and_a_single_sample():
    """A square W hides a transposed W̄ from a shape check; one sample hides an unsummed b̄
    whose shape is (1, H); the check must catch both on values."""
    assert any(d == h for _, d, h in ch9.DENSE_CASES)
    assert any(b == 1 for b, _, _ in ch9.DENSE_CASES)
    square = next(i for i, (_, d, h) in enumerate(ch9.DENSE_CASES) if d == h)
    G, X, W, b = ch9._dense_case(*ch9.DENSE_CASES[square], square)
    _, W_bar, _ = ch9.dense_reference(G, X, W, b)
    assert not np.allclose(W_bar, W_bar.T), "the square case tells W̄ from its transpose"


def test_the_reference_adjoints_are_the_matrix_formulas():
    G, X, W, b = ch9._dense_case(5, 3, 4, 0)
    x_bar, w_bar, b_bar = ch9.dense_reference(G, X, W, b)
    expected = dense_vjp(G, X, W, b)
    for got, want in zip((x_bar, w_bar, b_bar), expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


def test_the_dense_check_does_not_let_the_learner_change_the_arrays_it_compares_against():
    def in_place(G, X, W, b):
        G *= 0
        return dense_vjp(G, X, W, b)

    assert ch9.check_dense_vjp(in_place).verdict == Verdict.INCORRECT
