r"""Automatic differentiation: exact derivatives of functions written with numpy-like code.

Write a function with the operators ``+ - * / ** @``, unary minus, indexing, ``.T`` and
``.reshape``, and this module's functions (:func:`exp`, :func:`log`, :func:`sin`, :func:`cos`,
:func:`tanh`, :func:`sqrt`, :func:`sigmoid`, :func:`relu`, :func:`softplus`, :func:`sum`,
:func:`mean`, :func:`dot`); constants are numbers or numpy arrays, with numpy broadcasting.
Then differentiate it:

- :func:`grad`, :func:`value_and_grad`: the gradient of a scalar function (reverse mode);
- :func:`jvp`: :math:`J\mathbf v` (forward mode, dual numbers);
- :func:`vjp`: :math:`\mathbf u \mapsto \mathbf u^\top J` (reverse mode);
- :func:`jacobian`: the whole Jacobian, in either mode;
- :func:`hvp`: the Hessian-vector product (forward mode over reverse mode);
- :func:`trace`: the recorded graph with values and adjoints, for figures and explorers;
- :func:`operation_costs`: the arithmetic of an evaluation and of each mode's pass, counted;
- :func:`gradient_check`: a gradient against central differences along a direction.

Every derivative comes from a small table of primitives (``table``), each with one rule per
argument; the code works on whole arrays, not a Python object per number.

Examples
--------
>>> import calcopt.autodiff as ad
>>> f = lambda x: ad.sum(ad.tanh(x) ** 2)
>>> ad.grad(f)([0.0, 1.0]).round(6).tolist()
[0.0, 0.6397]

See chapter 9, *Automatic differentiation*.
"""

from .._validation import NotDifferentiableError
from .checking import GradientCheck, gradient_check
from .cost import Costs, operation_costs
from .derivatives import grad, hvp, jacobian, jvp, value_and_grad, vjp
from .functions import cos, dot, exp, log, mean, relu, sigmoid, sin, softplus, sqrt, sum, tanh
from .graph import Graph, GraphNode, trace

__all__ = [
    "Costs",
    "GradientCheck",
    "Graph",
    "GraphNode",
    "NotDifferentiableError",
    "cos",
    "dot",
    "exp",
    "grad",
    "gradient_check",
    "hvp",
    "jacobian",
    "jvp",
    "log",
    "mean",
    "operation_costs",
    "relu",
    "sigmoid",
    "sin",
    "softplus",
    "sqrt",
    "sum",
    "tanh",
    "trace",
    "value_and_grad",
    "vjp",
]
