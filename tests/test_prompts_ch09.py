"""Every "try this" prompt of chapter 9 can be done with its explorer and leads to what the chapter
says it does. Each test sets the controls a prompt names, calls the explorer's scene function
directly (no widgets) and checks the discovery the prompt leads to."""

import re

import numpy as np
import pytest

from calcopt.explore.autodiff import (
    FIRST,
    GRAPH_FUNCTIONS,
    GRAPH_STEPS,
    SCALES,
    SIZES,
    chain_scene,
    graph_scene,
    modes_scene,
    traced,
)

PRODUCT, NEURON = GRAPH_FUNCTIONS


def number(pattern: str, text: str) -> float:
    """The number after ``pattern`` in a readout."""
    match = re.search(pattern + r"\s*(-?[\d,.]+(?:e[+-]?\d+)?)", text)
    assert match, f"no number after {pattern!r} in {text!r}"
    return float(match.group(1).replace(",", ""))


def backward_step(function: str, node: int) -> int:
    """The step of the graph explorer at which the adjoint of ``node`` is computed."""
    n = len(traced(function, 1.5).nodes)
    return 2 * n - 1 - node


# -- the computation graph ---------------------------------------------------------------------


def test_prompt_9_1_the_adjoints_that_sum_two_shares_are_those_of_nodes_read_twice():
    n = len(traced(PRODUCT, 1.5).nodes)
    summed = [
        i
        for i in range(n)
        if graph_scene(PRODUCT, 1.5, backward_step(PRODUCT, i)).readouts["adjoint"].count(" from ")
        == 2
    ]
    assert summed == [0, 1, 2], (
        "stepping through the backward pass, the readout shows two shares exactly for v0 (read by "
        "both index nodes), v1 (read by the product and the sine) and v2 (by the product and "
        "the square)"
    )
    graph = traced(PRODUCT, 1.5)
    readers = [sum(i in node.inputs for node in graph.nodes) for i in range(n)]
    assert [i for i in range(n) if readers[i] == 2] == summed, "they are the nodes read twice"


def test_prompt_9_2_the_share_from_the_sine_changes_sign_between_1_5_and_1_75():
    step = backward_step(PRODUCT, 1)
    signs = []
    for x1 in FIRST:
        readout = graph_scene(PRODUCT, float(x1), step).readouts["adjoint"]
        signs.append(np.sign(number(r"\+", readout.split(" from v3")[1])))
    changes = [
        (float(a), float(b))
        for a, b, sa, sb in zip(FIRST, FIRST[1:], signs, signs[1:], strict=False)
        if sa != sb
    ]
    assert (1.5, 1.75) in changes, (
        "at the step of v̄1, the share from v4 = sin(v1), cos(x1), changes sign between the "
        "slider positions 1.5 and 1.75, around π/2"
    )
    assert np.cos(1.5) > 0 > np.cos(1.75)


def test_prompt_9_3_a_saturated_neuron_has_almost_no_gradient_though_its_loss_is_large():
    last = GRAPH_STEPS - 1
    gradient = {w: traced(NEURON, w).gradient for w in (-0.25, -3.0, 3.0)}
    assert gradient[-0.25][0] == pytest.approx(-2.0, rel=1e-12), (
        "at w = -0.25 the neuron's input 2w + b is 0 and ∂f/∂w = 2 (0 - 0.5) · 1 · 2 = -2"
    )
    end = graph_scene(NEURON, -0.25, last).readouts["adjoint"]
    assert "∇f(x) = (-2, " in end, "the last step's readout shows ∂f/∂w = -2"
    for w in (-3.0, 3.0):
        assert abs(gradient[w][0]) < 1e-3, f"at w = {w} the tanh is saturated: |∂f/∂w| < 1e-3"
    assert traced(NEURON, -3.0).value > 2.0, "yet at w = -3 the loss is large, above 2"
    nodes = traced(NEURON, -3.0).nodes
    assert abs(nodes[4].adjoint) < 1e-3 * abs(nodes[5].adjoint), (
        "the adjoint shrinks by a factor above 1000 from v5 = tanh(v4) back to v4"
    )
    assert -3.0 in FIRST and 3.0 in FIRST and -0.25 in FIRST, "all three are slider positions"


# -- forward against reverse mode --------------------------------------------------------------


def evaluations(readout: str) -> float:
    return number(r"=", readout.split("operations")[1])


def test_prompt_9_4_for_a_scalar_output_reverse_mode_stays_cheap_as_n_grows():
    for n in SIZES:
        readouts = modes_scene(int(n), 1).readouts
        assert evaluations(readouts["reverse"]) < 3, (
            f"with m = 1 the reverse-mode gradient costs under 3 evaluations at n = {n}"
        )
    forward = evaluations(modes_scene(1000, 1).readouts["forward"])
    assert forward >= 2000, "at n = 1000 forward mode takes 1000 passes, at least 2000 evaluations"


def test_prompt_9_5_with_one_input_forward_mode_wins_for_every_m_above_1():
    for m in SIZES[1:]:
        layers = modes_scene(1, int(m)).layers
        forward, reverse = layers["now-m"][1]
        assert forward < reverse, f"with n = 1 forward mode is cheaper at m = {m}"
    assert modes_scene(1, 1000).readouts["cheaper"].startswith("forward mode, by a factor 6"), (
        "at m = 1000 forward mode wins by a factor above 600"
    )


def test_prompt_9_6_with_ten_outputs_the_costs_cross_between_n_5_and_6_not_at_10():
    cheaper = {int(n): modes_scene(int(n), 10).readouts["cheaper"].split()[0] for n in SIZES}
    assert all(cheaper[n] == "forward" for n in SIZES if n <= 5)
    assert all(cheaper[n] == "reverse" for n in SIZES if n >= 6), (
        "with m = 10 the modes cross between n = 5 and n = 6: a forward pass recomputes F"
    )


# -- gradients through a deep chain ------------------------------------------------------------


def ratio(activation: str, scale: float) -> float:
    return float(chain_scene(activation, scale).readouts["ratio"])


def test_prompt_9_7_sigmoid_adjoints_vanish_at_every_scale_and_slopes_stay_below_a_quarter():
    for s in SCALES:
        assert ratio("sigmoid", float(s)) < 1e-3, f"sigmoid at s = {s:.3g}: factor above 1000"
        slopes = chain_scene("sigmoid", float(s)).layers["slopes"][1]
        assert slopes.max() <= 0.25, "the sigmoid's slope is at most 1/4"


def spread(activation: str, scale: float) -> float:
    norms = chain_scene(activation, scale).layers["norms"][1]
    return norms.max() / norms.min()


def test_prompt_9_8_tanh_is_most_level_near_one_and_explodes_above_while_slopes_fall():
    most_level = SCALES[np.argmin([spread("tanh", float(s)) for s in SCALES])]
    assert most_level == pytest.approx(2 ** (1 / 6)), "tanh is most level at s = 1.12"
    assert ratio("tanh", 4.0) > 1e3, "at s = 4 the first layer's adjoint is 1000 times the last's"
    slopes = [chain_scene("tanh", float(s)).layers["slopes"][1].mean() for s in SCALES[12:]]
    assert np.all(np.diff(slopes) < 0), "above s = 1 the mean slope keeps falling"
    assert ratio("tanh", 0.5) < 1e-6, "below, small weights make the adjoints vanish"


def test_prompt_9_9_relu_keeps_adjoints_level_at_root_2_and_not_at_1():
    root_two = float(SCALES[15])
    assert root_two == pytest.approx(np.sqrt(2)), "√2 is a slider position"
    assert spread("ReLU", root_two) < 10 and ratio("ReLU", 1.0) < 1e-4
    assert SCALES[np.argmin([spread("ReLU", float(s)) for s in SCALES])] == root_two
    slopes = chain_scene("ReLU", 1.0).layers["slopes"][1]
    assert 0.35 < slopes.mean() < 0.65, "about half of the ReLU units are active"
