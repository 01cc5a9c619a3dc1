"""calcopt.autodiff.operation_costs: counted arithmetic, by hand on small functions, the passes of
each mode against whole Jacobians, the cheap gradient principle on a network, and the tape."""

import numpy as np
import pytest

import calcopt.autodiff as ad
from calcopt.autodiff.cost import Counted, OperationCount, operations
from calcopt.models.datasets import two_moons
from calcopt.models.network import NetworkLoss


def test_operations_follow_the_model_of_the_module():
    a, b = np.ones((3, 4)), np.ones((4, 5))
    assert operations("matmul", (a, b), a @ b) == 2 * 3 * 4 * 5, "2pqr for a matrix product"
    assert operations("matmul", (np.ones(4), b), np.ones(5)) == 2 * 4 * 5, "a vector is a row"
    assert operations("matmul", (a, np.ones(4)), np.ones(3)) == 2 * 3 * 4, "or a column"
    assert operations("multiply", (a, 2.0), a) == 12, "elementwise: one per entry of the result"
    assert operations("sum", (a,), 12.0) == 12, "a sum: one per entry it reads"
    for free in ("getitem", "reshape", "transpose", "broadcast_to"):
        assert operations(free, (a,), a) == 0, f"{free} moves numbers without arithmetic"


def test_costs_of_a_small_function_counted_by_hand():
    """f = sum(tanh(x)²) on 3 entries. Evaluation: tanh 3, the square 3, the sum 3. Backward: the
    sum's rule only broadcasts; the square's rule g * b * a ** (b - 1) costs 3 + 3 + 3 (b - 1 is a
    plain number); tanh's g * (1 - y * y) costs 3 + 3 + 3. Forward: the evaluation again (9), the
    tangents of tanh (9) and of the square (9), and the sum of the tangent (3)."""
    costs = ad.operation_costs(lambda x: ad.sum(ad.tanh(x) ** 2), [0.5, 1.0, 2.0])
    assert (costs.evaluation, costs.backward_pass, costs.forward_pass) == (9, 18, 30)
    assert (costs.inputs, costs.outputs, costs.nodes, costs.stored) == (3, 1, 4, 10)
    assert costs.reverse_jacobian == 27 and costs.forward_jacobian == 90


def test_every_pass_of_a_mode_costs_the_same_so_the_jacobian_costs_follow():
    """Run the Jacobian's passes one by one on counted values: n forward passes and m backward
    passes after one recording cost exactly what Costs predicts."""
    A = np.arange(12.0).reshape(3, 4) / 10

    def F(x):
        return ad.sin(A @ x) * x[0]

    x = np.array([0.1, 0.2, 0.3, 0.4])
    costs = ad.operation_costs(F, x)
    count = OperationCount()
    for j in range(4):
        ad.jvp(F, Counted(x, count), Counted(np.eye(4)[j], count))
    assert count.operations == costs.forward_jacobian
    count = OperationCount()
    _, pullback = ad.vjp(F, Counted(x, count))
    for i in range(3):
        pullback(Counted(np.eye(3)[i], count))
    assert count.operations == costs.reverse_jacobian


def test_counted_values_give_the_same_derivatives():
    f = lambda x: ad.sum(ad.exp(x) * ad.sin(x))  # noqa: E731
    x = np.array([0.3, -1.2])
    counted = ad.grad(f)(Counted(x, OperationCount()))
    np.testing.assert_array_equal(counted.inner, ad.grad(f)(x))


def test_the_gradient_of_a_network_loss_costs_a_few_evaluations_whatever_its_size():
    """The cheap gradient principle, counted: at most 5 evaluations (the issue's target), for a
    network of 33 and of 10001 parameters alike, while forward mode costs about 2n."""
    features, labels = two_moons(200, seed=0)
    for hidden in (8, 2500):
        net = NetworkLoss(features, labels, hidden=hidden)

        def loss(theta, net=net):
            z = net.logits(theta, features[:64])
            return ad.mean(ad.softplus(z) - labels[:64] * z)

        costs = ad.operation_costs(loss, net.initial_parameters(seed=0))
        assert costs.inputs == net.size
        assert costs.reverse_jacobian <= 5 * costs.evaluation, "the gradient: at most 5 evals"
        assert costs.forward_jacobian >= 2 * net.size * costs.evaluation, "forward: 2n evals"


def test_the_tape_holds_the_value_of_every_node():
    def f(x):
        return ad.sum(ad.tanh(np.ones((5, 3)) @ x) ** 2)

    x = np.array([0.1, 0.2, 0.3])
    costs = ad.operation_costs(f, x)
    graph = ad.trace(f, x)
    assert costs.nodes == len(graph.nodes) == 5, "x, the product, tanh, the square, the sum"
    assert costs.stored == sum(node.value.size for node in graph.nodes) == 3 + 5 + 5 + 5 + 1


def test_a_function_that_ignores_x_costs_no_backward_pass():
    costs = ad.operation_costs(lambda x: np.float64(2.0), [1.0, 2.0])
    assert (costs.evaluation, costs.backward_pass, costs.nodes) == (0, 0, 1)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: ad.operation_costs(3, [1.0]), TypeError, "f must be callable"),
        (lambda: ad.operation_costs(ad.exp, []), ValueError, "x must hold at least one number"),
        (lambda: ad.operation_costs(np.exp, [1.0]), TypeError, "use calcopt.autodiff.exp"),
    ],
)
def test_bad_arguments_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
