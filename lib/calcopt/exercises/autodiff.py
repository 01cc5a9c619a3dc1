r"""Checks for the exercises of chapter 9, *Automatic differentiation*.

- :func:`check_hand_gradient`: a backward pass by hand, through a node used twice;
- :func:`check_ridge_loss`: a loss written with calcopt.autodiff, so that ``grad`` applies;
- :func:`check_dense_vjp`: the backward rule (vector-Jacobian product) of a dense layer
  :math:`Y = \tanh(XW + \mathbf b)`, compared with calcopt.autodiff on hidden cases.
"""

from __future__ import annotations

import numpy as np

from .. import autodiff as ad
from ..models.logistic import two_blobs
from . import Feedback, as_vector, correct, incorrect, invalid, typed_match
from ._learner import not_a_function, run

# -- a backward pass by hand -------------------------------------------------------------------

#: The point of the backward pass by hand.
HAND_POINT = (1.0, 2.0)


def hand_function(x):
    r""":math:`f(x, y) = \log(x^2 + xy)`: x feeds two nodes, :math:`x^2` and :math:`xy`."""
    a, b = x[0], x[1]
    return ad.log(a * a + a * b)


def check_hand_gradient(answer: object) -> Feedback:
    r"""Check :math:`\nabla f(1, 2)` for :math:`f(x, y) = \log(x^2 + xy)`, worked by hand.

    The exact gradient is :math:`\big((2x + y), x\big)/(x^2 + xy) = (4/3, 1/3)`.

    Examples
    --------
    >>> check_hand_gradient([4 / 3, 1 / 3]).correct
    True
    >>> "sum" in check_hand_gradient([2 / 3, 1 / 3]).message
    True
    """
    gradient = as_vector(answer, 2, "the gradient (∂f/∂x, ∂f/∂y) at (1, 2) as two numbers")
    if isinstance(gradient, Feedback):
        return gradient
    expected = ad.grad(hand_function)(np.array(HAND_POINT))
    if typed_match(gradient, expected):
        return correct(
            "v̄₃ = 1/v₃ = 1/3 reaches both x² and xy; x receives 2x · 1/3 from x² and "
            "y · 1/3 from xy, and adds them: ∇f(1, 2) = (4/3, 1/3)"
        )
    for message, wrong in _hand_mistakes().items():
        if typed_match(gradient, wrong):
            return incorrect(message)
    return incorrect(
        "write the trace v₁ = x², v₂ = xy, v₃ = v₁ + v₂, v₄ = log v₃; start the backward pass "
        "with v̄₄ = 1 and go back one node at a time"
    )


def _hand_mistakes() -> dict[str, tuple[float, float]]:
    return {
        "x is used by two nodes, x² and xy, and its adjoint is the sum of the shares both send "
        "back (2x/3 and y/3); you kept only one of them": (2 / 3, 1 / 3),
        "you left out the factor of the log: v̄₃ = v̄₄ · d(log v₃)/dv₃ = 1/v₃ = 1/3": (4.0, 1.0),
        "the two entries are swapped: the first is ∂f/∂x, the second ∂f/∂y": (1 / 3, 4 / 3),
    }


# -- a loss written for calcopt.autodiff -------------------------------------------------------

#: The ridge penalty of :func:`check_ridge_loss`.
RIDGE = 0.1


def ridge_data() -> tuple[np.ndarray, np.ndarray]:
    """The data of :func:`check_ridge_loss`: 40 samples, a column of ones and two features."""
    features, labels = two_blobs(40, seed=3)
    return np.column_stack([np.ones(len(labels)), features]), labels


def ridge_gradient(w: np.ndarray) -> np.ndarray:
    r"""The exact gradient :math:`X^\top(\sigma(X\mathbf w) - \mathbf y)/N + \lambda\mathbf w`."""
    X, y = ridge_data()
    return X.T @ (1 / (1 + np.exp(-X @ w)) - y) / len(y) + RIDGE * w


def check_ridge_loss(answer: object) -> Feedback:
    r"""Check a function ``ridge_loss(w, X, y)`` of the mean cross-entropy plus a ridge penalty,

    .. math::
        f(\mathbf w) = \frac1N\sum_i\big[\log(1 + e^{z_i}) - y_i z_i\big]
        + \frac{\lambda}{2}\lVert\mathbf w\rVert^2, \qquad \mathbf z = X\mathbf w,
        \quad \lambda = 0.1,

    written with calcopt.autodiff so that ``grad`` differentiates it. Its gradient by reverse
    mode is compared with the exact one at hidden points.

    Examples
    --------
    >>> import calcopt.autodiff as ad
    >>> def loss(w, X, y):
    ...     z = X @ w
    ...     return ad.mean(ad.softplus(z) - y * z) + 0.05 * ad.sum(w * w)
    >>> check_ridge_loss(loss).correct
    True
    >>> import numpy as np
    >>> def numpy_loss(w, X, y):
    ...     z = X @ w
    ...     return np.mean(np.log(1 + np.exp(z)) - y * z) + 0.05 * np.sum(w * w)
    >>> "calcopt.autodiff" in check_ridge_loss(numpy_loss).message
    True
    """
    what = "a function ridge_loss(w, X, y) written with calcopt.autodiff"
    if (feedback := not_a_function(answer, what)) is not None:
        return feedback
    X, y = ridge_data()
    for w in np.random.default_rng(9).normal(size=(3, X.shape[1])):
        value = run(answer, (w, X, y), "ridge_loss(w, X, y)", "return the loss at w")
        if isinstance(value, Feedback):
            return value
        got = run(ad.grad(lambda v: answer(v, X, y)), (w,), "grad(ridge_loss)(w)", "return f(w)")
        if isinstance(got, Feedback):
            return _numpy_hint(got)
        if not np.allclose(got, ridge_gradient(w), rtol=1e-8, atol=1e-12):
            return _ridge_mistake(np.asarray(got), w)
    return correct(
        "grad differentiates your loss and agrees with X^T(σ(Xw) − y)/N + λw at every hidden "
        "point: the loss is written only with calcopt.autodiff's functions and operators"
    )


def _numpy_hint(feedback: Feedback) -> Feedback:
    """Point a learner whose loss used numpy on the traced w to the message that says why."""
    if "numpy" in feedback.message or "traced value" in feedback.message:
        return invalid(
            "reverse mode traced w through your loss and met a numpy function: "
            f"{feedback.message.partition(': ')[2]}"
        )
    return feedback


def _ridge_mistake(got: np.ndarray, w: np.ndarray) -> Feedback:
    X, y = ridge_data()
    data = ridge_gradient(w) - RIDGE * w
    variants = {
        "the data term is a mean over the N samples (ad.mean), not a sum": len(y) * data
        + RIDGE * w,
        "the penalty is (λ/2)‖w‖², whose gradient is λw; yours gives 2λw": data + 2 * RIDGE * w,
        "the penalty (λ/2)‖w‖² with λ = 0.1 is missing": data,
        "the cross-entropy of a logit z and a label y is softplus(z) − y z; check the sign of "
        "y z": -data + 2 * X.T @ (1 / (1 + np.exp(-X @ w))) / len(y) + RIDGE * w,
    }
    for message, wrong in variants.items():
        if np.allclose(got, wrong, rtol=1e-8, atol=1e-12):
            return incorrect(message)
    return incorrect(
        "grad of your loss differs from the exact gradient X^T(σ(Xw) − y)/N + λw; compare "
        "your loss with mean(softplus(z) − y z) + (λ/2) sum(w²) for z = X @ w"
    )


# -- the backward rule of a dense layer -------------------------------------------------------

#: Hidden cases of :func:`check_dense_vjp`: (samples B, inputs d, units H). The square one comes
#: first, so that a transposed Jacobian gives wrong numbers rather than a shape error.
DENSE_CASES = ((4, 3, 3), (5, 3, 4), (1, 2, 5), (6, 4, 4))


def dense_layer(X, W, b):
    r"""The dense layer :math:`Y = \tanh(XW + \mathbf b)`, with b added to every row."""
    return ad.tanh(X @ W + b)


def dense_reference(G, X, W, b) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""The adjoints :math:`(\bar X, \bar W, \bar{\mathbf b})` of the dense layer's inputs for
    the adjoint :math:`G = \bar Y`, by calcopt.autodiff's reverse mode (one ``vjp`` each)."""
    return (
        ad.vjp(lambda v: dense_layer(v, W, b), X)[1](G),
        ad.vjp(lambda v: dense_layer(X, v, b), W)[1](G),
        ad.vjp(lambda v: dense_layer(X, W, v), b)[1](G),
    )


def _dense_case(B: int, d: int, H: int, seed: int):
    rng = np.random.default_rng(seed)
    return (
        rng.standard_normal((B, H)),
        rng.standard_normal((B, d)),
        rng.standard_normal((d, H)) / np.sqrt(d),
        rng.standard_normal(H),
    )


def check_dense_vjp(answer: object) -> Feedback:
    r"""Check a learner's ``dense_vjp(G, X, W, b)`` returning :math:`(\bar X, \bar W, \bar{\mathbf
    b})` for :math:`Y = \tanh(XW + \mathbf b)` and the adjoint :math:`G = \bar Y`.

    With :math:`\bar Z = G\odot(1 - Y^2)`: :math:`\bar X = \bar Z W^\top`,
    :math:`\bar W = X^\top\bar Z`, :math:`\bar{\mathbf b} = \sum_{\text{rows}}\bar Z`. It runs on
    :data:`DENSE_CASES` and compares with :func:`dense_reference`; forgetting the chain factor
    G, a transposed Jacobian and a bias adjoint not summed over the broadcast rows each get
    their own message.

    Examples
    --------
    >>> def dense_vjp(G, X, W, b):
    ...     Zbar = G * (1 - np.tanh(X @ W + b) ** 2)
    ...     return Zbar @ W.T, X.T @ Zbar, Zbar.sum(axis=0)
    >>> check_dense_vjp(dense_vjp).correct
    True
    >>> def no_sum(G, X, W, b):
    ...     Zbar = G * (1 - np.tanh(X @ W + b) ** 2)
    ...     return Zbar @ W.T, X.T @ Zbar, Zbar
    >>> "broadcast" in check_dense_vjp(no_sum).message
    True
    """
    what = "a function dense_vjp(G, X, W, b) that returns (X̄, W̄, b̄)"
    if (feedback := not_a_function(answer, what)) is not None:
        return feedback
    for seed, (B, d, H) in enumerate(DENSE_CASES):
        G, X, W, b = _dense_case(B, d, H, seed)
        given = [a.copy() for a in (G, X, W, b)]
        got = run(answer, given, "dense_vjp(G, X, W, b)", "return (X̄, W̄, b̄)")
        if isinstance(got, Feedback):
            return got
        feedback = _dense_feedback(got, (G, X, W, b), f"with X of shape {B} x {d}, H = {H}")
        if feedback is not None:
            return feedback
    return correct(
        "your backward rule matches calcopt.autodiff on every hidden case: Z̄ = G ⊙ (1 − Y²), "
        "X̄ = Z̄ Wᵀ, W̄ = Xᵀ Z̄ and b̄ = Z̄ summed over the rows b was broadcast along"
    )


def _dense_feedback(got, case, where: str) -> Feedback | None:
    """Feedback on one hidden case, or None if all three adjoints are right."""
    G, X, W, b = case
    if not (isinstance(got, tuple | list) and len(got) == 3):
        return invalid(f"dense_vjp must return three arrays (X̄, W̄, b̄), got {got!r:.80}")
    names, inputs = ("X̄", "W̄", "b̄"), (X, W, b)
    expected = dense_reference(G, X, W, b)
    for name, value, reference, like in zip(names, got, expected, inputs, strict=True):
        try:
            value = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return invalid(f"{name} must be an array of numbers, got {value!r:.80}")
        if value.shape == reference.shape and np.allclose(value, reference, atol=1e-10):
            continue
        return _dense_mistake(name, value, case, like.shape, where)
    return None


def _dense_mistake(name: str, value: np.ndarray, case, shape: tuple, where: str) -> Feedback:
    G, X, W, b = case
    Y = np.tanh(X @ W + b)
    local = 1 - Y**2
    Zbar = G * local
    if name == "b̄" and value.shape == Zbar.shape and np.allclose(value, Zbar):
        return incorrect(
            f"{where}: b was broadcast along the rows (added to each of them), so b̄ is Z̄ "
            "summed over the broadcast axis, Z̄.sum(axis=0), shaped like b"
        )
    variants = _dense_variants(name, G, X, W, Zbar, local)
    for message, candidate in variants:
        if (
            candidate is not None
            and candidate.shape == value.shape
            and np.allclose(value, candidate)
        ):
            return incorrect(f"{where}, {name}: {message}")
    if value.shape != shape:
        return incorrect(
            f"{where}: {name} must have the shape of its input, {shape}, got {value.shape}"
        )
    return incorrect(
        f"{where}: {name} differs from calcopt.autodiff's; with Z̄ = G ⊙ (1 − Y²) it is "
        + {"X̄": "Z̄ Wᵀ", "W̄": "Xᵀ Z̄", "b̄": "Z̄.sum(axis=0)"}[name]
    )


def _dense_variants(name: str, G, X, W, Zbar, local) -> list[tuple[str, object]]:
    """The usual wrong versions of one adjoint, each with what went wrong (None where a
    version's shapes do not even match)."""
    chain = "you left out the chain factor G = Ȳ: Z̄ = G ⊙ (1 − Y²), not 1 − Y²"
    slope = "you left out the slope of tanh: Z̄ = G ⊙ (1 − Y²), not G"
    flip = "the Jacobian is transposed"
    if name == "X̄":
        return [(chain, local @ W.T), (slope, G @ W.T), (f"{flip}: X̄ = Z̄ Wᵀ", _product(Zbar, W))]
    if name == "W̄":
        return [(chain, X.T @ local), (slope, X.T @ G), (f"{flip}: W̄ = Xᵀ Z̄", Zbar.T @ X)]
    return [
        (chain, local.sum(axis=0)),
        (slope, G.sum(axis=0)),
        ("b̄ sums Z̄ over the rows; a mean divides by their number", Zbar.mean(axis=0)),
    ]


def _product(a: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """a @ b, or None if the shapes do not match."""
    return a @ b if a.shape[-1] == b.shape[0] else None
