r"""Checks for the exercises of the capstone on training a small neural network.

The network is :class:`~calcopt.models.network.NetworkLoss`: for a sample
:math:`\mathbf a`, :math:`\mathbf s = W_1^\top\mathbf a + \mathbf b_1`,
:math:`\mathbf h = \varphi(\mathbf s)`, :math:`z = \mathbf w_2\cdot\mathbf h + b_2`, and the
loss is the mean over the samples of :math:`\log(1 + e^{z}) - yz`. The checks call the
learner's functions at parameter vectors the learner does not see and compare with the
library; each usual slip gets a message that names it.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from ..models.network import NetworkLoss
from . import Feedback, as_number, correct, incorrect, invalid, typed_match
from ._learner import not_a_function, run

#: Seeds of the hidden parameter vectors the checks try.
PROBE_SEEDS = (11, 12, 13)


def _probes(loss: NetworkLoss) -> list[np.ndarray]:
    """A few parameter vectors with every entry (the biases too) away from 0."""
    rng = np.random.default_rng(PROBE_SEEDS[0])
    return [
        loss.initial_parameters(seed=seed) + rng.normal(0.0, 0.3, loss.size) for seed in PROBE_SEEDS
    ]


def _blocks(loss: NetworkLoss) -> dict[str, slice]:
    """Where each layer's parameters sit in the flat vector θ."""
    d, h = loss.features.shape[1], loss.hidden
    return {
        "W₁": slice(0, d * h),
        "b₁": slice(d * h, (d + 1) * h),
        "w₂": slice((d + 1) * h, (d + 2) * h),
        "b₂": slice((d + 2) * h, None),
    }


def backprop(loss: NetworkLoss, theta, *, unit_slope: bool = True) -> np.ndarray:
    r"""The gradient of the mean loss over every sample, by the backward pass written out.

    With :math:`\delta_i = (p_i - y_i)/N` and :math:`\Delta_{ij} = \delta_i\,w_{2,j}\,
    \varphi'(s_{ij})` (for tanh, :math:`\varphi'(s) = 1 - \tanh^2 s`; for ReLU, 1 where
    s > 0 and 0 elsewhere),

    .. math::
        \nabla_{\mathbf w_2} = \sum_i \delta_i\mathbf h_i, \quad
        \frac{\partial f}{\partial b_2} = \sum_i\delta_i, \quad
        \nabla_{W_1} = A^\top\Delta, \quad
        \nabla_{\mathbf b_1} = \sum_i \Delta_{i\,\cdot},

    packed like θ. With ``unit_slope=False`` the factor :math:`\varphi'` is left out: the
    usual slip that the checks recognise.

    Examples
    --------
    >>> loss = NetworkLoss([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 1, 1], hidden=3)
    >>> theta = loss.initial_parameters(seed=0)
    >>> bool(np.allclose(backprop(loss, theta), loss.gradient(theta)))
    True
    """
    W1, b1, w2, b2 = loss.unpack(np.asarray(theta, dtype=float))
    A, y = loss.features, loss.labels
    s = A @ W1 + b1
    h = np.tanh(s) if loss.activation == "tanh" else np.maximum(s, 0.0)
    delta = (expit(h @ w2 + b2) - y) / y.size
    slope = (1 - h**2 if loss.activation == "tanh" else (s > 0).astype(float)) if unit_slope else 1
    Delta = np.outer(delta, w2) * slope
    return loss.pack(A.T @ Delta, Delta.sum(axis=0), h.T @ delta, delta.sum())


def check_backprop(loss: NetworkLoss, answer: object) -> Feedback:
    r"""Check a function :math:`\boldsymbol\theta\mapsto\nabla f(\boldsymbol\theta)` written
    by hand (the backward pass) against the reverse-mode gradient ``loss.gradient``.

    Examples
    --------
    >>> loss = NetworkLoss([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 1, 1], hidden=3)
    >>> check_backprop(loss, loss.gradient).correct
    True
    >>> "1 − h²" in check_backprop(loss, lambda t: backprop(loss, t, unit_slope=False)).message
    True

    See the capstone on training a small neural network, *Exercises*.
    """
    what = "a function of theta returning the gradient, packed like theta (loss.pack)"
    if (feedback := not_a_function(answer, what)) is not None:
        return feedback
    probes = _probes(loss)
    values = []
    for theta in probes:
        value = run(
            answer,
            (theta.copy(),),
            "answer(theta)",
            "compute the forward pass, then "
            "the backward pass, and return loss.pack(gW1, gb1, gw2, gb2)",
        )
        if isinstance(value, Feedback):
            return value
        try:
            value = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return invalid(f"answer(theta) must return numbers, got {type(value).__name__}")
        if value.shape != (loss.size,) or not np.all(np.isfinite(value)):
            return invalid(
                f"answer(theta) must return {loss.size} finite numbers, packed like theta "
                f"(use loss.pack(gW1, gb1, gw2, gb2)); got shape {value.shape}"
            )
        values.append(value)
    return _judge_gradient(loss, np.array(values), probes)


def _judge_gradient(loss: NetworkLoss, values: np.ndarray, probes) -> Feedback:
    """Feedback on the learner's gradients at the probes: right, or which slip."""
    expected = np.array([loss.gradient(theta) for theta in probes])
    if _close(values, expected):
        return correct("your backward pass matches the reverse-mode gradient at every test point")
    if _close(values, -expected):
        return incorrect("the sign is flipped: ∂f/∂z = p − y, not y − p")
    if _close(values, loss.n_samples * expected):
        return incorrect(
            "your gradient is N times too large: f is the mean over the samples, so δ = (p − y)/N"
        )
    if _close(values, np.array([backprop(loss, t, unit_slope=False) for t in probes])):
        return incorrect(
            "the hidden layer misses the slope of tanh: Δ = δ w₂ᵀ ⊙ (1 − h²), since each hidden "
            "value is h = tanh(s) and dh/ds = 1 − h²"
        )
    blocks = _blocks(loss)
    d, h = loss.features.shape[1], loss.hidden
    turned = expected.copy()
    turned[:, blocks["W₁"]] = np.swapaxes(
        expected[:, blocks["W₁"]].reshape(-1, d, h), 1, 2
    ).reshape(len(probes), -1)
    if _close(values, turned):
        return incorrect(
            "the entries of ∇W₁ are in the wrong order: give W₁'s gradient as a d x m array "
            "(row k: input k, column j: hidden unit j), as loss.pack(gW1, gb1, gw2, gb2) expects"
        )
    right = [name for name, part in blocks.items() if _close(values[:, part], expected[:, part])]
    wrong = [name for name in blocks if name not in right]
    return incorrect(
        f"the entries for {', '.join(wrong)} are wrong (right: {', '.join(right) or 'none'}); "
        "go backwards: δ = (p − y)/N, ∇w₂ = hᵀδ, ∂f/∂b₂ = Σδ, Δ = δ w₂ᵀ ⊙ (1 − h²), ∇W₁ = AᵀΔ, "
        "∇b₁ = the column sums of Δ"
    )


def check_swap(loss: NetworkLoss, answer: object) -> Feedback:
    r"""Check a function ``swap(theta, i, j)`` that exchanges hidden units i and j.

    The right answer moves column j of :math:`W_1`, :math:`b_{1,j}` and :math:`w_{2,j}` to
    position i and back (``loss.swap_hidden``): the network computes the same output. The
    network needs at least 2 hidden units.

    Examples
    --------
    >>> loss = NetworkLoss([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 1, 1], hidden=3)
    >>> check_swap(loss, loss.swap_hidden).correct
    True

    See the capstone on training a small neural network, *Exercises*.
    """
    what = "a function swap(theta, i, j) returning new parameters"
    if (feedback := not_a_function(answer, what)) is not None:
        return feedback
    pairs = [(0, 1), (loss.hidden - 1, 0), (1, loss.hidden - 1)]
    for theta, (i, j) in zip(_probes(loss), pairs, strict=True):
        given = theta.copy()
        value = run(
            answer,
            (given, i, j),
            f"swap(theta, {i}, {j})",
            "exchange the units' columns of W1, entries of b1 and entries of w2",
        )
        if isinstance(value, Feedback):
            return value
        if not np.array_equal(given, theta):
            return incorrect(
                "your function changed the theta it was given: copy it first "
                "(theta = theta.copy()), or build a new vector with loss.pack"
            )
        try:
            value = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return invalid(f"swap must return numbers, got {type(value).__name__}")
        if value.shape != theta.shape:
            return invalid(
                f"swap must return a vector shaped like theta, ({loss.size},); got {value.shape}"
            )
        if not np.array_equal(value, loss.swap_hidden(theta, i, j)):
            return incorrect(_swap_slip(loss, theta, value, i, j))
    return correct(
        "you exchanged every parameter of the two units, and the network's output did not change"
    )


def _swap_slip(loss: NetworkLoss, theta, value, i: int, j: int) -> str:
    """What a wrong exchange of units i and j left out or moved too far."""
    if np.array_equal(value, theta):
        return f"swap(theta, {i}, {j}) returned theta unchanged; exchange the two units"
    W1, b1, w2, b2 = loss.unpack(loss.swap_hidden(theta, i, j))
    got_W1, got_b1, got_w2, got_b2 = loss.unpack(value)
    if got_b2 != b2:
        return "b₂ is the output's bias and belongs to no hidden unit: leave it as it is"
    parts = {
        "columns of W₁": np.array_equal(got_W1, W1),
        "entries of b₁": np.array_equal(got_b1, b1),
        "entries of w₂": np.array_equal(got_w2, w2),
    }
    wrong = [name for name, right in parts.items() if not right]
    same = np.allclose(loss.logits(theta, loss.features), loss.logits(value, loss.features))
    outcome = "" if same else "; the network's output changed"
    return (
        f"these are not exchanged as they should be: the {', '.join(wrong)}{outcome}. A unit is "
        "its column of W₁ (one row per input, one column per unit), its entry of b₁ and its "
        "entry of w₂: exchange all three"
    )


def check_slice_slope(loss: NetworkLoss, start, end, answer: object) -> Feedback:
    r"""Check the slope at t = 0 of the loss on the line from start to end,

    .. math::
        \phi(t) = f\big(\boldsymbol\theta_0 + t\,\mathbf v\big), \qquad
        \mathbf v = \hat{\boldsymbol\theta} - \boldsymbol\theta_0, \qquad
        \phi'(0) = \nabla f(\boldsymbol\theta_0)\cdot\mathbf v ,

    typed with three or four significant digits.

    Examples
    --------
    >>> loss = NetworkLoss([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 1, 1], hidden=3)
    >>> a, b = loss.initial_parameters(seed=0), loss.initial_parameters(seed=1)
    >>> check_slice_slope(loss, a, b, float(loss.gradient(a) @ (b - a))).correct
    True

    See the capstone on training a small neural network, *Exercises*.
    """
    number = as_number(answer, "the slope φ′(0) as one number")
    if isinstance(number, Feedback):
        return number
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    v = end - start
    slope = float(loss.gradient(start) @ v)
    if typed_match(number, slope):
        trend = "falls" if slope < 0 else "rises" if slope > 0 else "is flat"
        return correct(f"φ′(0) = ∇f(θ₀)·v = {slope:.4g}: the loss {trend} as t leaves 0")
    length = float(np.linalg.norm(v))
    slips = {
        "that is the slope per unit length, along v/‖v‖ (a directional derivative); t moves the "
        f"point by the whole v, so multiply by ‖v‖ = {length:.4g}": slope / length,
        "the sign is flipped: v points from θ₀ to the trained parameters": -slope,
        "that is the slope at t = 1, at the trained parameters; φ′(0) uses ∇f(θ₀)": float(
            loss.gradient(end) @ v
        ),
    }
    for message, wrong in slips.items():
        if typed_match(number, wrong):
            return incorrect(message)
    return incorrect(
        "by the chain rule φ′(t) = ∇f(θ₀ + t v)·v, so φ′(0) = ∇f(θ₀)·v with v = θ̂ − θ₀; "
        "compute it with loss.gradient"
    )


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))
