"""Chapter 9's explorers show what calcopt.autodiff computes: the graph's values, adjoints and
shares, the counted costs of each mode, and the adjoints of a deep chain."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import calcopt.autodiff as ad
from calcopt.explore.autodiff import (
    DEPTH,
    FIRST,
    GRAPH_FUNCTIONS,
    GRAPH_STEPS,
    SECOND,
    SIZES,
    WIDTH,
    chain_gradients,
    consumers,
    dense_map,
    draw_graph,
    graph_explorer,
    graph_scene,
    layout,
    mode_costs,
    modes_explorer,
    modes_scene,
    number_text,
    traced,
)

PRODUCT, NEURON = GRAPH_FUNCTIONS


# -- the computation graph ---------------------------------------------------------------------


@pytest.mark.parametrize("function", GRAPH_FUNCTIONS)
def test_every_graph_function_has_a_step_per_node_and_pass(function):
    assert 2 * len(traced(function, 1.0).nodes) == GRAPH_STEPS, (
        "the step slider runs through every node forwards and backwards, one step each"
    )


@pytest.mark.parametrize("function", GRAPH_FUNCTIONS)
def test_the_graph_is_calcopts_trace_at_the_chosen_point(function):
    graph = traced(function, 0.75)
    expected = ad.trace(GRAPH_FUNCTIONS[function], np.array([0.75, SECOND]))
    assert [n.text for n in graph.nodes] == [n.text for n in expected.nodes]
    np.testing.assert_array_equal(graph.gradient, ad.grad(GRAPH_FUNCTIONS[function])([0.75, 0.5]))


def test_the_forward_pass_fills_in_values_node_by_node():
    graph, positions = traced(PRODUCT, 1.5), layout(traced(PRODUCT, 1.5))
    for step in range(8):
        scene = graph_scene(PRODUCT, 1.5, step)
        xs, _ = scene.layers["value-known"]
        np.testing.assert_array_equal(xs, positions[: step + 1, 0])
        assert scene.layers["adjoint-known"][0].size == 0, "no adjoint before the backward pass"
        node = graph.nodes[step]
        assert scene.readouts["value"] == f"{node.text} = {number_text(node.value)}"
        assert scene.readouts["step"].startswith(f"forward pass, node {step + 1} of 8")


def test_the_backward_pass_fills_in_adjoints_from_the_output_back():
    graph = traced(PRODUCT, 1.5)
    for step in range(8, 16):
        current = 15 - step
        scene = graph_scene(PRODUCT, 1.5, step)
        assert scene.layers["adjoint-known"][0].size == 8 - current
        _, bars = scene.layers["adjoints"]
        assert np.isfinite(bars).sum() == 2 * (8 - current + (current == 0)), (
            "one bar (two points) per known adjoint, two for the vector v0"
        )
        assert scene.readouts["step"].endswith(f"the adjoint of v{current}")
    assert scene.readouts["adjoint"] == (
        "v̄0 = ∇f(x) = (0.571, 0) from v1 + (0, 2.5) from v2 = (0.571, 2.5)"
    )
    np.testing.assert_allclose(graph.gradient, [0.5 + np.cos(1.5), 2.5], rtol=1e-15)


def test_an_adjoint_readout_adds_up_the_shares_of_the_readers():
    graph = traced(PRODUCT, 1.5)
    shares = [graph.nodes[k].shares[p] for k, p in consumers(graph, 1)]
    np.testing.assert_allclose(sum(shares), graph.nodes[1].adjoint, rtol=1e-15)
    readout = graph_scene(PRODUCT, 1.5, 14).readouts["adjoint"]
    assert readout == "v̄1 = ∂f/∂v1 = 0.5 from v3 + 0.0707 from v4 = 0.571"
    assert graph_scene(PRODUCT, 1.5, 8).readouts["adjoint"] == "v̄7 = ∂f/∂v7 = 1 (the seed)"
    single = graph_scene(NEURON, -0.25, 12).readouts["adjoint"]
    assert single == "v̄3 = ∂f/∂v3 = -1, the share from v4", single


def test_highlighted_edges_are_the_inputs_forwards_and_the_readers_backwards():
    positions = layout(traced(PRODUCT, 1.5))
    xs, ys = graph_scene(PRODUCT, 1.5, 3).layers["edges"]
    assert np.isnan(xs).sum() == 2, "v3 = v1 * v2 reads two nodes: two segments"
    starts = np.column_stack([xs[0::3], ys[0::3]])
    for start, source in zip(starts, (1, 2), strict=True):
        direction = positions[3] - positions[source]
        offset = start - positions[source]
        cross = direction[0] * offset[1] - direction[1] * offset[0]
        assert cross == pytest.approx(0, abs=1e-12), "each segment lies on its edge"
    xs, _ = graph_scene(PRODUCT, 1.5, 14).layers["edges"]
    assert np.isnan(xs).sum() == 2, "v1 is read by v3 and v4: two segments in the backward pass"


def test_layout_puts_each_node_right_of_its_inputs():
    for function in GRAPH_FUNCTIONS:
        graph = traced(function, 1.0)
        positions = layout(graph)
        for node in graph.nodes:
            for j in node.inputs:
                assert positions[j, 0] < positions[node.index, 0]
        assert len({tuple(p) for p in positions}) == len(positions), "no two nodes overlap"


def test_value_bars_span_the_values_and_stay_inside_the_panel():
    explorer = graph_explorer()
    for function in GRAPH_FUNCTIONS:
        limit = explorer.panels_for((list(GRAPH_FUNCTIONS).index(function),))[1].xlim[1]
        for x1 in FIRST[::6]:
            scene = graph_scene(function, float(x1), GRAPH_STEPS - 1)
            for name in ("values", "adjoints"):
                bars = scene.layers[name][0]
                assert np.nanmax(np.abs(bars)) < limit, f"{name} bars fit the panel"


def test_draw_graph_writes_every_node_and_its_numbers():
    graph = traced(PRODUCT, 1.5)
    fig, ax = plt.subplots()
    draw_graph(graph, ax, values=True, adjoints=True)
    texts = [t.get_text() for t in ax.texts]
    plt.close(fig)
    assert [f"v{i}" for i in range(8)] == texts[:8] or all(f"v{i}" in texts for i in range(8))
    assert any("v = 0.75" in t and "v̄ = 1" in t for t in texts), "v3's value and adjoint"
    assert any("v̄ = (0.571, 2.5)" in t for t in texts), "v0's adjoint is the gradient"


def test_number_text_writes_numbers_and_vectors():
    assert number_text(np.float64(0.5707372)) == "0.571"
    assert number_text(np.array([1.5, -0.0])) == "(1.5, 0)"


# -- forward against reverse mode --------------------------------------------------------------


def test_mode_costs_count_the_passes_of_tanh_of_a_matrix_product():
    """For F(x) = tanh(Ax), A of shape m x n: an evaluation is 2mn (the product) + m (tanh); a
    forward pass adds 2mn (A v) + 3m (the slope 1 - y², times the tangent); a backward pass
    3m (the slope times the adjoint) + 2mn (Aᵀ u)."""
    for m, n in ((1, 1), (3, 7), (10, 6), (200, 5)):
        costs = mode_costs(m, n)
        assert costs.evaluation == 2 * m * n + m
        assert costs.forward_pass == 4 * m * n + 4 * m
        assert costs.backward_pass == 2 * m * n + 3 * m
        assert costs.forward_jacobian == n * costs.forward_pass
        assert costs.reverse_jacobian == costs.evaluation + m * costs.backward_pass


def test_the_dense_map_is_tanh_of_a_matrix_product():
    F = dense_map(4, 3)
    x = np.array([0.1, -0.2, 0.3])
    J = ad.jacobian(F)(x)
    A = np.linspace(-1.0, 1.0, 12).reshape(4, 3) / np.sqrt(3)
    np.testing.assert_allclose(J, (1 - np.tanh(A @ x) ** 2)[:, None] * A, rtol=1e-13)


def test_the_modes_scene_plots_the_counted_costs_in_evaluations():
    scene = modes_scene(32, 10)
    costs = mode_costs(10, 32)
    forward, reverse = scene.layers["now-n"][1]
    assert forward == costs.forward_jacobian / costs.evaluation
    assert reverse == costs.reverse_jacobian / costs.evaluation
    np.testing.assert_array_equal(scene.layers["forward-n"][0], SIZES)
    assert scene.readouts["forward"].startswith(f"32 passes, {costs.forward_jacobian:,} ")
    assert scene.readouts["reverse"].startswith("1 recorded evaluation + 10 backward passes")
    assert f"the tape holds {costs.stored:,} numbers" in scene.readouts["reverse"]


def test_the_modes_readouts_write_large_costs_as_whole_numbers_not_powers_of_ten():
    readouts = modes_scene(1000, 1).readouts
    costs = mode_costs(1, 1000)
    whole = f"{costs.forward_jacobian / costs.evaluation:,.0f}"
    assert readouts["forward"].endswith(f"= {whole} evaluations"), (
        "a cost of 100 evaluations or more is written in full with thousands separators"
    )
    assert "e+" not in readouts["forward"] + readouts["cheaper"], "no exponent in a readout"
    assert modes_scene(6, 10).readouts["cheaper"] == "reverse mode, by a factor 1.03", (
        "a factor below 100 keeps three significant digits"
    )


def test_the_size_slider_offers_25_whole_numbers_from_1_to_1000():
    explorer = modes_explorer()
    for control in explorer.controls:
        values = control.static_values()
        assert len(values) == 25 and values[0] == 1 and values[-1] == 1000
        np.testing.assert_array_equal(values, np.round(values))
        assert control.labels()[-1] == "1000", "the sizes are labelled as whole numbers, not 1e+03"


# -- gradients through a deep chain ------------------------------------------------------------


def test_chain_adjoints_are_those_of_backpropagation_by_hand():
    """Recompute the chain with numpy and backpropagate z̄_{l-1} = φ'(z_{l-1}) ⊙ W_lᵀ z̄_l."""
    rng = np.random.default_rng(0)
    weights = 1.5 * rng.standard_normal((DEPTH, WIDTH, WIDTH)) / np.sqrt(WIDTH)
    h, zs = rng.standard_normal(WIDTH), []
    for W in weights:
        zs.append(W @ h)
        h = np.tanh(zs[-1])
    z_bar = [1 - np.tanh(zs[-1]) ** 2]
    for W, z in zip(weights[:0:-1], zs[-2::-1], strict=True):
        z_bar.append((1 - np.tanh(z) ** 2) * (W.T @ z_bar[-1]))
    expected = np.array([np.linalg.norm(v) for v in z_bar[::-1]])
    norms, slopes = chain_gradients("tanh", 1.5)
    np.testing.assert_allclose(norms, expected, rtol=1e-10)
    np.testing.assert_allclose(slopes, [np.mean(1 - np.tanh(z) ** 2) for z in zs], rtol=1e-12)


def test_chain_adjoints_obey_the_bound_of_the_chapter():
    """‖z̄_{l-1}‖ ≤ max|φ'| ‖W_l‖₂ ‖z̄_l‖, with max|φ'| ≤ 1/4 for the sigmoid."""
    rng = np.random.default_rng(0)
    weights = 2.0 * rng.standard_normal((DEPTH, WIDTH, WIDTH)) / np.sqrt(WIDTH)
    norms, _ = chain_gradients("sigmoid", 2.0)
    for layer in range(1, DEPTH):
        bound = 0.25 * np.linalg.norm(weights[layer], 2) * norms[layer]
        assert norms[layer - 1] <= bound * (1 + 1e-12), f"the bound holds at layer {layer}"
