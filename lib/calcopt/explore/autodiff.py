r"""Explorers for chapter 9, *Automatic differentiation*: a computation graph stepped through,
forward against reverse mode, and gradients through a deep chain of layers.

Every number they show comes from :mod:`calcopt.autodiff`: the graph from
:func:`~calcopt.autodiff.trace` (values, adjoints and the shares of the backward pass), the
costs from :func:`~calcopt.autodiff.operation_costs` (arithmetic operations, counted), the
gradients of the deep chain from the adjoints of its graph.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial

import numpy as np

from .. import autodiff as ad
from ..autodiff import Graph
from .core import Choice, Explorer, Layer, Scene, Slider
from .panels import Panel

BLUE, ORANGE, RED, GREY = "#1f5fbf", "#e66101", "#d62728", "#9a9a9a"

# -- the computation graph, stepped through ----------------------------------------------------


def product_and_sine(x):
    r""":math:`f(x_1, x_2) = x_1x_2 + \sin x_1 + x_2^2`: each input is used twice."""
    x1, x2 = x[0], x[1]
    return x1 * x2 + ad.sin(x1) + x2**2


def neuron(x):
    r"""A tanh neuron with input 2 and target 0.5, :math:`f(w, b) = (\tanh(2w + b) - 0.5)^2`."""
    w, b = x[0], x[1]
    return (ad.tanh(w * 2.0 + b) - 0.5) ** 2


#: The functions of the graph explorer, by the label it shows.
GRAPH_FUNCTIONS: dict[str, Callable] = {
    "x₁x₂ + sin x₁ + x₂²": product_and_sine,
    "neuron (tanh(2w + b) − 0.5)²": neuron,
}

#: The second input of the graph explorer's point: x₂ (or the neuron's bias b).
SECOND = 0.5

#: Positions of the first input x₁ (or the neuron's weight w): -3 to 3 in steps of 0.25.
FIRST = np.linspace(-3.0, 3.0, 25)

#: Steps of the graph explorer: one per node forwards, then one per node backwards.
GRAPH_STEPS = 16

#: Node markers: diameter in points.
NODE = 30.0


@lru_cache(maxsize=128)
def traced(name: str, first: float) -> Graph:
    """The graph of ``GRAPH_FUNCTIONS[name]`` at (first, SECOND), with its backward pass."""
    return ad.trace(GRAPH_FUNCTIONS[name], np.array([first, SECOND]))


def layout(graph: Graph) -> np.ndarray:
    """Node positions: column = depth (longest path from the input); a column of several nodes
    spreads them top to bottom, a lone node sits level with the mean of its inputs."""
    depth: list[int] = []
    for node in graph.nodes:
        depth.append(1 + max((depth[i] for i in node.inputs), default=-1))
    positions = np.zeros((len(depth), 2))
    for column in range(max(depth) + 1):
        members = [i for i, d in enumerate(depth) if d == column]
        for row, i in enumerate(members):
            inputs = graph.nodes[i].inputs
            lone = len(members) == 1 and inputs
            y = np.mean(positions[list(inputs), 1]) if lone else (len(members) - 1) / 2 - row
            positions[i] = (column, y)
    return positions


def consumers(graph: Graph, i: int) -> list[tuple[int, int]]:
    """The (node, argument position) pairs that read node i."""
    return [
        (k, p) for k, node in enumerate(graph.nodes) for p, j in enumerate(node.inputs) if j == i
    ]


def number_text(value) -> str:
    """A value as the readouts write it: 3 significant digits, vectors in parentheses."""
    values = np.atleast_1d(np.asarray(value, dtype=float)).ravel() + 0.0
    text = ", ".join(f"{v:.3g}" for v in values)
    return text if np.ndim(value) == 0 else f"({text})"


def _edges(positions: np.ndarray, pairs, shrink: tuple[float, float]) -> tuple:
    """Segments between node centres, shortened at both ends by a node's radius, with gaps."""
    xs, ys = [], []
    for a, b in pairs:
        start, end = positions[a], positions[b]
        length = np.hypot(*((end - start) / shrink))
        cut = (end - start) * min(0.45, 1.0 / length)
        xs += [start[0] + cut[0], end[0] - cut[0], np.nan]
        ys += [start[1] + cut[1], end[1] - cut[1], np.nan]
    return np.array(xs), np.array(ys)


def _bars(entries: list[tuple[int, object]]) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal bars from 0, one per entry of each (row, value); a vector splits its row."""
    xs, ys = [], []
    for row, value in entries:
        values = np.atleast_1d(np.asarray(value, dtype=float)).ravel()
        offsets = (np.arange(values.size) - (values.size - 1) / 2) * (0.6 / values.size)
        for v, offset in zip(values, offsets, strict=True):
            xs += [0.0, v, np.nan]
            ys += [-row - offset] * 2 + [np.nan]
    return np.array(xs), np.array(ys)


def _adjoint_text(graph: Graph, i: int) -> str:
    """How node i's adjoint is assembled from the shares its consumers send back."""
    node = graph.nodes[i]
    if i == graph.output:
        return f"v̄{i} = ∂f/∂v{i} = 1 (the seed)"
    shares = [
        (graph.nodes[k].shares[p], k)
        for k, p in consumers(graph, i)
        if graph.nodes[k].adjoint is not None
    ]
    total = number_text(node.adjoint)
    name = "∇f(x)" if i == 0 else f"∂f/∂v{i}"
    if len(shares) == 1:
        return f"v̄{i} = {name} = {total}, the share from v{shares[0][1]}"
    parts = " + ".join(f"{number_text(share)} from v{k}" for share, k in shares)
    return f"v̄{i} = {name} = {parts} = {total}"


def graph_scene(function: str, first: float, step: int, *, shrinks=None) -> Scene:
    r"""Step ``step`` of the evaluation and backward pass of a function's graph.

    Steps 0 to N - 1 compute the values of nodes v0 to v(N-1) in order; steps N to 2N - 1 give
    the adjoints :math:`\bar v_i = \partial f/\partial v_i` from the output back to v0, each
    the sum of the shares its consumers send back (later steps show the end). ``shrinks`` maps
    each function to a node's radius in data units along x and y, where the highlighted edges
    start and end (by default a quarter of the spacing between nodes).
    """
    shrink = np.array((0.25, 0.25) if shrinks is None else shrinks[function])
    graph = traced(function, first)
    positions, n = layout(graph), len(graph.nodes)
    step = min(step, 2 * n - 1)
    forward = step < n
    current = step if forward else 2 * n - 1 - step
    valued = list(range(step + 1)) if forward else list(range(n))
    adjoined = [] if forward else list(range(current, n))
    if forward:
        pairs = [(j, current) for j in graph.nodes[current].inputs]
        doing = f"forward pass, node {current + 1} of {n}: {graph.nodes[current].text}"
    else:
        pairs = [(k, current) for k, _ in consumers(graph, current)]
        doing = f"backward pass, node {n - current} of {n}: the adjoint of v{current}"
    blue = [i for i in valued if i not in adjoined]
    layers = {
        "value-known": (positions[blue, 0], positions[blue, 1]),
        "adjoint-known": (positions[adjoined, 0], positions[adjoined, 1]),
        "current": ([positions[current, 0] + shrink[0]], [positions[current, 1] + shrink[1]]),
        "edges": _edges(positions, pairs, shrink),
        "values": _bars([(i, graph.nodes[i].value) for i in valued]),
        "adjoints": _bars([(i, graph.nodes[i].adjoint) for i in adjoined]),
    }
    node = graph.nodes[current]
    value = f"{node.text} = {number_text(node.value)}"
    adjoint = _adjoint_text(graph, current) if not forward else "(after the forward pass)"
    return Scene(layers, {"step": doing, "value": value, "adjoint": adjoint})


def draw_graph(graph: Graph, ax, *, values: bool = False, adjoints: bool = False) -> None:
    """Draw a graph's nodes (circles named v0, v1, ...), their operations and its edges.

    With ``values`` (and ``adjoints``), each node also shows its value v (and its adjoint v̄)
    under its operation, for the chapter's figures.
    """
    positions = layout(graph)
    for node in graph.nodes:
        for j in node.inputs:
            ax.annotate(
                "",
                positions[node.index],
                positions[j],
                arrowprops={"arrowstyle": "-|>", "color": GREY, "shrinkA": 16, "shrinkB": 16},
            )
    ax.plot(*positions.T, "o", ms=NODE, mfc="white", mec="#555555", mew=1.2, zorder=3)
    for node, (px, py) in zip(graph.nodes, positions, strict=True):
        ax.text(px, py, f"v{node.index}", ha="center", va="center", fontsize=10, zorder=4)
        lines = [node.text.partition(" = ")[2]]
        if values:
            lines.append(f"v = {number_text(node.value)}")
        if adjoints:
            lines.append("v̄ = " + ("–" if node.adjoint is None else number_text(node.adjoint)))
        ax.annotate(
            "\n".join(lines), (px, py), xytext=(0, -19), textcoords="offset points",
            ha="center", va="top", fontsize=7.5, color="#333333",
        )  # fmt: skip


def _graph_panels(function: str, rect=(0.01, 0.04, 0.55, 0.86)) -> tuple[Panel, ...]:
    graph = traced(function, FIRST[0])
    (x0, y0), (x1, y1) = layout(graph).min(axis=0), layout(graph).max(axis=0)
    limits = max(abs(v) for g in (traced(function, w) for w in FIRST) for v in _extremes(g))

    def draw(ax) -> None:
        draw_graph(graph, ax)
        ax.axis("off")

    def bars(title: str, left: float) -> Panel:
        rows = np.arange(len(graph.nodes))

        def frame(ax) -> None:
            ax.axvline(0, color=GREY, lw=0.8)
            ax.set_yticks(-rows, [f"v{i}" for i in rows])

        return Panel(
            (left, 0.12, 0.16, 0.78), (frame,), xlim=(-1.1 * limits, 1.1 * limits),
            ylim=(-rows[-1] - 0.6, 0.6), title=title, grid=True,
        )  # fmt: skip

    return (
        Panel(rect, (draw,), xlim=(x0 - 0.6, x1 + 0.6), ylim=(y0 - 1.0, y1 + 0.6)),
        bars(r"values $v_i$", 0.62),
        bars(r"adjoints $\bar v_i = \partial f/\partial v_i$", 0.82),
    )


def _extremes(graph: Graph) -> list[float]:
    return [
        float(np.max(np.abs(v)))
        for node in graph.nodes
        for v in (node.value, node.adjoint)
        if v is not None
    ]


def _node_scale(function: str, figsize: tuple[float, float]) -> tuple[float, float]:
    """A node's radius in data units along x and y of the graph panel (for the edges)."""
    panel = _graph_panels(function)[0]
    (_, _, width, height), (xa, xb), (ya, yb) = panel.rect, panel.xlim, panel.ylim
    radius = NODE / 2 + 1
    return (
        radius / 72 * (xb - xa) / (width * figsize[0]),
        radius / 72 * (yb - ya) / (height * figsize[1]),
    )


def graph_explorer() -> Explorer:
    r"""A function's computation graph, its forward pass and its backward pass, node by node.

    Left: the graph of the chosen function at :math:`(x_1, 0.5)` (for the neuron, weight w and
    bias 0.5), as :func:`~calcopt.autodiff.trace` records it; blue nodes have their value,
    orange ones their adjoint too; the red dot is the node of this step, the thick edges the
    ones it uses. Middle and right: every value and adjoint known so far, as bars
    (:func:`graph_scene`). The readouts give the numbers of the current node, and in the
    backward pass how its adjoint adds up the shares of the nodes that read it.
    """
    figsize = (9.6, 4.4)
    default = next(iter(GRAPH_FUNCTIONS))
    return Explorer(
        name="computation-graph",
        title="A computation graph, stepped through",
        controls=(
            Choice("function", "function f", {k: k for k in GRAPH_FUNCTIONS}, default, True),
            Slider("first", "x₁ (or w)", FIRST[0], FIRST[-1], default=1.5, values=FIRST),
            Slider("step", "step", 0, GRAPH_STEPS - 1, default=0, integer=True),
        ),
        panels=lambda function: _graph_panels(function),
        layers=(
            Layer("value-known", kind="points", color=BLUE, marker=NODE, alpha=0.3),
            Layer("adjoint-known", kind="points", color=ORANGE, marker=NODE, alpha=0.35),
            Layer("edges", color=RED, width=3.0),
            Layer("current", kind="points", color=RED, marker=9),
            Layer("values", axes=1, color=BLUE, width=7.0),
            Layer("adjoints", axes=2, color=ORANGE, width=7.0),
        ),
        readouts=(("step", "step"), ("value", "value"), ("adjoint", "adjoint")),
        scene=partial(graph_scene, shrinks={f: _node_scale(f, figsize) for f in GRAPH_FUNCTIONS}),
        alt=(
            "Left: a computation graph drawn as circles v0, v1, ... with grey arrows from each "
            "node to the nodes that use it, its operation written under each circle. Nodes turn "
            "blue as the forward pass computes their values and orange as the backward pass "
            "computes their adjoints; the current node has a red dot and the edges it uses are "
            "thick red lines. Middle: a horizontal bar per node for its value; right: a bar per "
            "node for its adjoint, the derivative of f with respect to that node."
        ),
        figsize=figsize,
    )


# -- forward against reverse mode -------------------------------------------------------------

#: Numbers of inputs n and of outputs m offered, from 1 to 1000, about four per doubling.
SIZES = np.array(
    [1, 2, 3, 4, 5, 6, 7, 8, 10, 13, 18, 24, 32, 42, 56, 75, 100, 133, 178, 237, 316, 422, 562,
     750, 1000]
)  # fmt: skip


def dense_map(m: int, n: int) -> Callable:
    r""":math:`F(\mathbf x) = \tanh(A\mathbf x)` from :math:`\mathbb R^n` to :math:`\mathbb R^m`.

    A is a fixed m x n matrix (its entries do not change any count of operations)."""
    A = np.linspace(-1.0, 1.0, m * n).reshape(m, n) / np.sqrt(n)
    return lambda x: ad.tanh(A @ x)


@lru_cache(maxsize=1024)
def mode_costs(m: int, n: int) -> ad.Costs:
    """The counted costs of :func:`dense_map` at a fixed point of R^n."""
    return ad.operation_costs(dense_map(m, n), np.linspace(-1.0, 1.0, n))


def _amount(x: float) -> str:
    """A cost for a readout: three significant digits, whole numbers with commas from 100 up."""
    return f"{x:,.0f}" if x >= 100 else f"{x:.3g}"


def _in_evaluations(costs: ad.Costs) -> tuple[float, float]:
    return costs.forward_jacobian / costs.evaluation, costs.reverse_jacobian / costs.evaluation


def modes_scene(n: int, m: int) -> Scene:
    r"""The cost of the Jacobian of :func:`dense_map` by each mode, in evaluations of F.

    Left: against every offered number of inputs at this m; right: against every number of
    outputs at this n. Forward mode takes n passes, reverse mode one recorded evaluation and
    m backward passes (operations counted by :func:`~calcopt.autodiff.operation_costs`).
    """
    by_n = np.array([_in_evaluations(mode_costs(m, int(k))) for k in SIZES])
    by_m = np.array([_in_evaluations(mode_costs(int(k), n)) for k in SIZES])
    costs = mode_costs(m, n)
    forward, reverse = _in_evaluations(costs)
    cheaper = "reverse" if reverse < forward else "forward"
    factor = max(forward, reverse) / min(forward, reverse)
    layers = {
        "forward-n": (SIZES, by_n[:, 0]),
        "reverse-n": (SIZES, by_n[:, 1]),
        "now-n": ([n, n], [forward, reverse]),
        "forward-m": (SIZES, by_m[:, 0]),
        "reverse-m": (SIZES, by_m[:, 1]),
        "now-m": ([m, m], [forward, reverse]),
    }
    passes = "pass" if n == 1 else "passes"
    backward = "pass" if m == 1 else "passes"
    readouts = {
        "forward": f"{n} {passes}, {costs.forward_jacobian:,} operations = {_amount(forward)} "
        "evaluations",
        "reverse": f"1 recorded evaluation + {m} backward {backward}, "
        f"{costs.reverse_jacobian:,} operations = {_amount(reverse)} evaluations; "
        f"the tape holds {costs.stored:,} numbers",
        "cheaper": f"{cheaper} mode, by a factor {_amount(factor)}",
    }
    return Scene(layers, readouts)


def _cost_panel(left: float, xlabel: str, title: str) -> Panel:
    return Panel(
        (left, 0.14, 0.38, 0.74), xlim=(0.8, 1250), ylim=(0.8, 1e4), xscale="log",
        yscale="log", xlabel=xlabel, ylabel="operations / one evaluation", title=title,
        grid=True,
    )  # fmt: skip


#: The size sliders: whole numbers on a log scale, labelled 1000 rather than 1e+03.
WHOLE_LOG = {"integer": True, "log": True, "fmt": "{:d}"}


def modes_explorer() -> Explorer:
    r"""Forward against reverse mode for the Jacobian of :math:`\tanh(A\mathbf x)`, with n inputs
    and m outputs.

    The cost of each mode, in operations counted by :func:`~calcopt.autodiff.operation_costs`
    and divided by those of one evaluation (:func:`modes_scene`): left against n (m fixed),
    right against m (n fixed), blue forward mode, orange reverse mode, dots at the chosen n
    and m. Forward mode's cost grows with n, reverse mode's with m.
    """
    return Explorer(
        name="forward-vs-reverse",
        title="Forward against reverse mode",
        controls=(
            Slider("n", "inputs n", 1, 1000, default=316, values=SIZES, **WHOLE_LOG),
            Slider("m", "outputs m", 1, 1000, default=1, values=SIZES, **WHOLE_LOG),
        ),
        panels=(
            _cost_panel(0.08, "inputs n (log scale)", "cost of J against n, at the chosen m"),
            _cost_panel(0.58, "outputs m (log scale)", "cost of J against m, at the chosen n"),
        ),
        layers=(
            Layer("forward-n", color=BLUE, width=1.8),
            Layer("reverse-n", color=ORANGE, width=1.8),
            Layer("now-n", kind="points", color="#000000", marker=7),
            Layer("forward-m", axes=1, color=BLUE, width=1.8),
            Layer("reverse-m", axes=1, color=ORANGE, width=1.8),
            Layer("now-m", axes=1, kind="points", color="#000000", marker=7),
        ),
        readouts=(
            ("forward", "forward mode (blue)"),
            ("reverse", "reverse mode (orange)"),
            ("cheaper", "cheaper"),
        ),
        scene=modes_scene,
        alt=(
            "Two log-log plots of the cost of the Jacobian of tanh(A x), counted in "
            "operations and divided by the operations of one evaluation. Left, against the "
            "number of inputs n: the blue forward-mode line rises in proportion to n, the "
            "orange reverse-mode line stays level. Right, against the number of outputs m: "
            "the orange line rises in proportion to m and the blue one stays level. Black dots "
            "mark the chosen n and m."
        ),
        figsize=(9.6, 4.0),
    )


# -- gradients through a deep chain ------------------------------------------------------------

#: The activations of the deep chain.
ACTIVATIONS = {"sigmoid": ad.sigmoid, "tanh": ad.tanh, "ReLU": ad.relu}

#: Weight scales s offered: 1/4 to 4, six per doubling (1, √2, 2 among them).
SCALES = 2.0 ** (np.arange(-12, 13) / 6)

#: Layers and units per layer of the deep chain.
DEPTH, WIDTH = 30, 32


@lru_cache(maxsize=128)
def chain_gradients(activation: str, scale: float, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    r"""Per layer l = 1..DEPTH of a deep chain, the adjoint norm
    :math:`\lVert\bar{\mathbf z}_l\rVert = \lVert\partial f/\partial\mathbf z_l\rVert` and the
    mean slope :math:`\varphi'(z_{l,i})` of its units.

    The chain is :math:`\mathbf z_l = W_l\mathbf h_{l-1}`, :math:`\mathbf h_l =
    \varphi(\mathbf z_l)`, with :math:`W_l \sim \mathcal N(0, s^2/\text{WIDTH})` entrywise,
    a seeded random :math:`\mathbf h_0` and :math:`f = \sum_i h_{L,i}`. The adjoints are those
    of its graph (:func:`~calcopt.autodiff.trace`); the gradient of the weights of layer l is
    :math:`\partial f/\partial W_l = \bar{\mathbf z}_l\mathbf h_{l-1}^\top`.
    """
    rng = np.random.default_rng(seed)
    weights = scale * rng.standard_normal((DEPTH, WIDTH, WIDTH)) / np.sqrt(WIDTH)
    phi = ACTIVATIONS[activation]

    def f(h):
        for W in weights:
            h = phi(W @ h)
        return ad.sum(h)

    z = [node for node in ad.trace(f, rng.standard_normal(WIDTH)).nodes if node.op == "matmul"]
    slopes = ad.grad(lambda u: ad.sum(phi(u)))(np.array([node.value for node in z]))
    return np.array([np.linalg.norm(node.adjoint) for node in z]), slopes.mean(axis=1)


def chain_scene(activation: str, scale: float) -> Scene:
    r"""The adjoint norm of each layer and the mean slope of its units
    (:func:`chain_gradients`), with the ratio of the first layer's adjoint to the last's."""
    norms, slopes = chain_gradients(activation, scale)
    layers = np.arange(1, DEPTH + 1)
    return Scene(
        {"norms": (layers, norms), "slopes": (layers, slopes)},
        {
            "ratio": f"{norms[0] / norms[-1]:.2g}",
            "slope": f"{slopes.mean():.3g} (at most {0.25 if activation == 'sigmoid' else 1:g})",
        },
    )


def _chain_panels() -> tuple[Panel, Panel]:
    adjoints = Panel(
        (0.08, 0.14, 0.5, 0.74), xlim=(0, DEPTH + 1), ylim=(1e-37, 1e16), yscale="log",
        yticks=(1e-36, 1e-24, 1e-12, 1.0, 1e12), xlabel="layer l",
        ylabel=r"$\|\partial f/\partial\mathbf{z}_l\|$",
        title=r"adjoint of each layer, $\|\bar{\mathbf{z}}_l\|$", grid=True,
    )  # fmt: skip
    slopes = Panel(
        (0.68, 0.14, 0.3, 0.74), xlim=(0, DEPTH + 1), ylim=(0, 1.05), xlabel="layer l",
        ylabel=r"mean slope $\varphi'$ in layer $l$", title="mean slope of the units", grid=True,
    )  # fmt: skip
    return adjoints, slopes


def chain_explorer() -> Explorer:
    r"""Gradients through a chain of DEPTH layers: vanishing, level or exploding.

    Left: the adjoint norm :math:`\lVert\partial f/\partial\mathbf z_l\rVert` against the
    layer l on a logarithmic axis; right: the mean slope :math:`\varphi'` of each layer's
    units, which a saturated unit brings near 0 (:func:`chain_scene`). The controls pick the
    activation and the weight scale s (the entries of :math:`W_l` have standard deviation
    :math:`s/\sqrt{\text{WIDTH}}`).
    """
    scale = Slider("scale", "weight scale s", 0.25, 4.0, default=1.0, values=SCALES, log=True)
    return Explorer(
        name="deep-chain-gradients",
        title="Gradients through a deep chain",
        controls=(
            Choice("activation", "activation φ", {k: k for k in ACTIVATIONS}, "sigmoid"),
            scale,
        ),
        panels=_chain_panels(),
        layers=(
            Layer("norms", color=RED, width=1.8, marker=3),
            Layer("slopes", axes=1, color=BLUE, width=1.8, marker=3),
        ),
        readouts=(("ratio", "‖z̄₁‖ / ‖z̄₃₀‖"), ("slope", "mean φ′ over all units")),
        scene=chain_scene,
        alt=(
            "Left: the norm of the adjoint of each layer's pre-activation against the layer "
            "number, 1 to 30, on a logarithmic axis from 1e-36 to 1e12; with sigmoid units it "
            "falls by many orders of magnitude from the last layer back to the first. Right: "
            "the mean slope of each layer's units, between 0 and 1."
        ),
        figsize=(9.6, 4.0),
    )
