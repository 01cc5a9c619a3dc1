"""calcopt.autodiff.trace: the recorded graph, its values and adjoints, and its text."""

import numpy as np

import calcopt.autodiff as ad

from .test_autodiff_catalogue import SCALAR, assert_close


def f(x):
    """f(x) = x0 * sin(x1) + x0^2: a graph small enough to check by hand."""
    return x[0] * ad.sin(x[1]) + x[0] ** 2


def test_nodes_are_the_operations_in_evaluation_order():
    graph = ad.trace(f, [2.0, 0.5])
    ops = [node.op for node in graph.nodes]
    assert ops == ["input", "getitem", "getitem", "sin", "multiply", "getitem", "power", "add"], (
        "one node per primitive applied, in the order f applies them"
    )
    assert [node.inputs for node in graph.nodes] == [
        (),
        (0,),
        (0,),
        (2,),
        (1, 3),
        (0,),
        (5,),
        (4, 6),
    ]
    assert graph.output == 7, "the last node holds f(x)"


def test_values_and_adjoints_are_those_of_backpropagation_by_hand():
    x0, x1 = 2.0, 0.5
    graph = ad.trace(f, [x0, x1])
    values = [node.value for node in graph.nodes]
    expected_values = [[x0, x1], x0, x1, np.sin(x1), x0 * np.sin(x1), x0, x0**2]
    for value, expected in zip(values, expected_values, strict=False):
        assert_close(value, expected, "each node's value is its operation on its inputs' values")
    # Adjoints by hand, from the output back: v7 = v4 + v6, v6 = v5^2, v4 = v1 v3, v3 = sin v2.
    adjoints = [node.adjoint for node in graph.nodes]
    expected_adjoints = [
        [np.sin(x1) + 2 * x0, x0 * np.cos(x1)],
        np.sin(x1),
        x0 * np.cos(x1),
        x0,
        1.0,
        2 * x0,
        1.0,
        1.0,
    ]
    for adjoint, expected in zip(adjoints, expected_adjoints, strict=True):
        assert_close(adjoint, expected, "each adjoint is d f / d node")
    assert_close(graph.gradient, ad.grad(f)([x0, x1]), "the input's adjoint is the gradient")
    assert_close(graph.value, f(np.array([x0, x1])), "the graph's value is f(x)")


def test_every_catalogue_graph_gives_the_gradient(rng):
    x = rng.uniform(0.5, 1.5, 6)
    for name, function in SCALAR.items():
        graph = ad.trace(lambda z, function=function: function(z, ad), x)
        gradient = ad.grad(lambda z, function=function: function(z, ad))(x)
        assert_close(graph.gradient, gradient, f"trace of '{name}' ends in the gradient")
        for node in graph.nodes:
            assert all(i < node.index for i in node.inputs), "inputs come before their node"
            if node.adjoint is not None:
                assert np.shape(node.adjoint) == np.shape(node.value), "adjoint shaped like value"


def test_nodes_the_output_does_not_use_have_no_adjoint():
    def f(x):
        unused = ad.exp(x)  # noqa: F841  (recorded, but the output does not depend on it)
        return ad.sum(x * 3.0)

    graph = ad.trace(f, [1.0, 2.0])
    assert graph.nodes[1].op == "exp" and graph.nodes[1].adjoint is None, "dead node: no adjoint"
    assert graph.gradient.tolist() == [3.0, 3.0], "the gradient ignores the dead node"


def test_a_function_that_ignores_x_has_no_output_node():
    graph = ad.trace(lambda x: 5.0, [1.0, 2.0])
    assert graph.output is None and len(graph.nodes) == 1, "only the input node"
    assert graph.value == 5.0 and graph.gradient.tolist() == [0.0, 0.0], "constant: zero gradient"


def test_formulas_show_operators_indices_constants_and_parameters():
    def f(x):
        M = np.ones((2, 3))
        return ad.mean(ad.sum((M @ x[1:4]) * 2.0 + x[[0, 0]], axis=0) - x[:, None][0, 0])

    texts = [node.text for node in ad.trace(f, np.arange(1.0, 5.0)).nodes]
    assert texts == [
        "v0 = x",
        "v1 = v0[1:4]",
        "v2 = <2x3 array> @ v1",
        "v3 = v2 * 2",
        "v4 = v0[[0, 0]]",
        "v5 = v3 + v4",
        "v6 = sum(v5, axis=0)",
        "v7 = v0[:, None]",
        "v8 = v7[0, 0]",
        "v9 = v6 - v8",
        "v10 = sum(v9)",
        "v11 = v10 / 1",
    ], "each node reads as the formula that computed it"


def test_repr_is_a_table_of_nodes_values_and_adjoints():
    text = repr(ad.trace(lambda x: ad.sum(ad.exp(-x)), [0.5, 1.0]))
    assert text.splitlines() == [
        "Graph of 4 nodes, f(x) = 0.97441, the value of v3",
        "  node          value            adjoint",
        "  v0 = x        [0.5 1]          [-0.6065 -0.3679]",
        "  v1 = -v0      [-0.5 -1]        [0.6065 0.3679]",
        "  v2 = exp(v1)  [0.6065 0.3679]  [1 1]",
        "  v3 = sum(v2)  0.9744           1",
    ], "the repr lists every node with its value and adjoint"


def test_each_adjoint_is_the_sum_of_the_shares_its_readers_send(rng):
    """The shares of the backward pass add up to every adjoint, broadcast operands included."""
    x = rng.uniform(0.5, 1.5, 6)
    for name in SCALAR:
        graph = ad.trace(lambda z, name=name: SCALAR[name](z, ad), x)
        received = {}
        for node in graph.nodes:
            assert len(node.shares) == (len(node.inputs) if node.adjoint is not None else 0)
            for j, share in zip(node.inputs, node.shares, strict=True):
                assert share.shape == graph.nodes[j].value.shape, "a share has its input's shape"
                received[j] = received.get(j, 0) + share
        for node in graph.nodes:
            if node.index != graph.output and node.adjoint is not None:
                assert_close(received[node.index], node.adjoint, f"shares add up in '{name}'")


def test_shares_of_a_product_read_twice():
    """v2 = v1 * v1 sends v̄2 v1 twice to v1; the adjoint 2 v1 is their sum."""

    def square(x):
        a = x[0]
        return a * a

    graph = ad.trace(square, [3.0])
    assert graph.nodes[2].inputs == (1, 1)
    assert [float(s) for s in graph.nodes[2].shares] == [3.0, 3.0]
    assert float(graph.nodes[1].adjoint) == 6.0
