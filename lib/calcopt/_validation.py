"""Argument checks shared by every calcopt function.

This module owns the wording of every ``ValueError`` and ``TypeError`` that calcopt raises
for bad input, so that messages stay consistent and tests can match them. Each message names
the argument and says what was expected; where another calcopt tool fits better, it says which.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from typing import NoReturn

import numpy as np
import sympy as sp


def callable_(f: object, name: str = "f") -> Callable:
    """Return ``f`` if it can be called, else raise ``TypeError``."""
    if not callable(f):
        raise TypeError(f"{name} must be callable (a function of x), got {type(f).__name__}")
    return f


def _numeric_array(value: object, name: str) -> np.ndarray:
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged nested lists
        raise ValueError(f"{name} must be an array of numbers: {error}") from None
    if array.dtype == bool or not (np.issubdtype(array.dtype, np.number) or array.dtype == object):
        raise TypeError(f"{name} must contain numbers, got dtype {array.dtype}")
    try:
        return array.astype(float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must contain real numbers, got {value!r}") from None


def real_array(value: object, name: str) -> np.ndarray:
    """Finite real numbers of any shape, as a float array."""
    if np.iscomplexobj(value):
        raise TypeError(f"{name} must be real, got complex values")
    array = _numeric_array(value, name)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return array


def real_scalar(value: object, name: str) -> float:
    """One finite real number."""
    array = real_array(value, name)
    if array.ndim != 0:
        raise ValueError(f"{name} must be a single number, got an array of shape {array.shape}")
    return float(array)


def point(value: object, name: str = "x0", n: int | None = None) -> np.ndarray:
    """A point of R^n as a 1-D float array; a plain number counts as a point of R^1."""
    array = real_array(value, name)
    if array.ndim == 0:
        array = array.reshape(1)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(
            f"{name} must be a 1-D array of n >= 1 coordinates, got shape {array.shape}"
        )
    if n is not None and array.size != n:
        raise ValueError(f"{name} must have {n} coordinates, got {array.size}")
    return array


def positive(value: object, name: str) -> float:
    """A finite number > 0 (a learning rate, a step, a scale)."""
    number = _number(value, name)
    if not (np.isfinite(number) and number > 0):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return number


def nonnegative(value: object, name: str) -> float:
    """A finite number >= 0 (a tolerance)."""
    number = _number(value, name)
    if not (np.isfinite(number) and number >= 0):
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return number


def in_interval(
    value: object, name: str, low: float, high: float, *, low_open=False, high_open=False
) -> float:
    """A number in an interval such as [0, 1) or (0, 1]."""
    number = _number(value, name)
    above = low < number if low_open else low <= number
    below = number < high if high_open else number <= high
    if not (np.isfinite(number) and above and below):
        brackets = ("(" if low_open else "[", ")" if high_open else "]")
        raise ValueError(
            f"{name} must lie in {brackets[0]}{low:g}, {high:g}{brackets[1]}, got {value!r}"
        )
    return number


def count(value: object, name: str, minimum: int = 1) -> int:
    """A whole number >= minimum (an iteration limit, a grid size)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value}")
    return int(value)


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    return float(value)


def choice(value: object, name: str, options: Sequence[str]) -> str:
    """One of a fixed set of strings."""
    if value not in options:
        listed = ", ".join(repr(option) for option in options)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")
    return str(value)


def incompatible(name: str, value: object, other: str) -> None:
    """Raise because an option was set together with another one that excludes it."""
    raise ValueError(f"{name} = {value!r} cannot be combined with {other}; use one or the other")


def zero_gradient(tool: str) -> None:
    """Raise because a direction read off the gradient was asked for where the gradient is 0."""
    raise ValueError(
        f"{tool} needs a nonzero gradient; at a stationary point (gradient 0) every "
        "directional derivative is 0, so there is no such direction"
    )


def direction(value: object, name: str = "v", n: int | None = None) -> np.ndarray:
    """A nonzero vector, returned with unit length."""
    vector = point(value, name, n)
    length = np.linalg.norm(vector)
    if length == 0:
        raise ValueError(f"{name} must be a nonzero vector: a zero vector has no direction")
    return vector / length


def scalar_output(
    value: object, name: str, tool: str, hint: str = "for a vector-valued one use jacobian"
) -> complex | float:
    """The value of a scalar function: one number (a size-1 array counts as one number)."""
    array = np.asarray(value)
    if array.size != 1 or not np.issubdtype(array.dtype, np.number):
        got = f"an array of shape {array.shape}" if array.size != 1 else repr(value)
        raise ValueError(
            f"{tool} needs a scalar-valued function, but {name} returned {got}; {hint}"
        )
    return array.reshape(()).item()


def vector_output(value: object, name: str) -> np.ndarray:
    """The value of a vector function F: R^n -> R^m, as a 1-D array of length m."""
    array = np.asarray(value)
    if not np.issubdtype(array.dtype, np.number) or array.ndim > 1:
        raise ValueError(
            f"jacobian needs {name} to return a number or a 1-D array, got shape {array.shape}"
        )
    return array.reshape(-1)


def same_shape_output(
    value: object, name: str, shape: tuple[int, ...], tool: str = "derivative", points: str = "x"
) -> np.ndarray:
    """The value of an elementwise function: an array shaped like its input.

    ``tool`` names the caller and ``points`` the input it passed (``difference_errors`` passes
    the points x + h, one per step h).
    """
    array = np.asarray(value)
    if array.shape != shape or not np.issubdtype(array.dtype, np.number):
        raise ValueError(
            f"{tool} needs {name} to map numbers to numbers elementwise: {name} returned shape "
            f"{array.shape} for {points} of shape {shape}; for a function of a vector use "
            "gradient or jacobian"
        )
    return array


class NotFiniteError(ValueError):
    """A function value needed for a derivative is infinite or NaN."""


def finite_output(value: np.ndarray, name: str, where: str) -> np.ndarray:
    """Raise NotFiniteError if a function value needed for a derivative is not finite."""
    if not np.all(np.isfinite(value)):
        raise NotFiniteError(
            f"{name} is not finite {where}; the derivative does not exist there "
            "or the step h is too large"
        )
    return value


def complex_output(value: np.ndarray | None, name: str) -> np.ndarray:
    """Raise if a function dropped the imaginary part that the complex step needs."""
    if value is None or not np.iscomplexobj(value):
        raise ValueError(
            f"method='complex' needs {name} to accept complex input and return complex "
            "output (numpy functions do; math.* functions, abs and np.real do not); "
            "use method='central' instead"
        )
    return value


def square_matrix(value: object, name: str = "H") -> np.ndarray:
    """A finite real square matrix; a single number counts as a 1 x 1 matrix."""
    matrix = real_array(value, name)
    if matrix.ndim == 0:
        matrix = matrix.reshape(1, 1)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {matrix.shape}")
    return matrix


def symmetric_matrix(value: object, name: str = "H") -> np.ndarray:
    """A square matrix equal to its transpose up to rounding."""
    matrix = square_matrix(value, name)
    scale = max(1.0, float(np.max(np.abs(matrix))))
    if not np.allclose(matrix, matrix.T, rtol=0, atol=1e-6 * scale):
        raise ValueError(
            f"{name} must be symmetric (a Hessian of a twice continuously differentiable "
            "function is); got one that differs from its transpose"
        )
    return (matrix + matrix.T) / 2


def eigenvalue_range(mu: object, L: object) -> tuple[float, float]:
    """0 < mu <= L: the smallest and largest eigenvalue of a positive definite Hessian."""
    low, high = positive(mu, "mu"), positive(L, "L")
    if low > high:
        raise ValueError(
            f"mu must be <= L (the smallest and the largest eigenvalue), got {low} and {high}"
        )
    return low, high


def data_matrix(value: object, name: str = "X") -> np.ndarray:
    """A finite real matrix with one row per example and one column per weight or feature."""
    matrix = real_array(value, name)
    if matrix.ndim != 2 or matrix.size == 0:
        raise ValueError(
            f"{name} must be a 2-D array with one row per example, got shape {matrix.shape}"
        )
    return matrix


def targets(value: object, rows: int, name: str = "y") -> np.ndarray:
    """A 1-D array of finite numbers, one per row of the data matrix."""
    vector = real_array(value, name)
    if vector.shape != (rows,):
        raise ValueError(
            f"{name} must be a 1-D array with one entry per example ({rows}), "
            f"got shape {vector.shape}"
        )
    return vector


def varying_columns(spread: np.ndarray, name: str = "x") -> None:
    """Raise if a feature is constant: it has no spread to scale by."""
    constant = np.flatnonzero(spread == 0)
    if constant.size:
        raise ValueError(
            f"{name} column {int(constant[0])} is constant, so it cannot be standardised "
            "(its standard deviation is 0); drop it, the intercept already models a constant"
        )


def interval(a: object, b: object, names: tuple[str, str] = ("a", "b")) -> tuple[float, float]:
    """Two finite numbers with a < b."""
    low, high = real_scalar(a, names[0]), real_scalar(b, names[1])
    if not low < high:
        raise ValueError(f"{names[0]} must be less than {names[1]}, got {low} and {high}")
    return low, high


def domain(value: object, n: int, name: str = "domain") -> tuple[tuple[float, float], ...]:
    """A box: one (low, high) pair per variable, for example ((-3, 3), (-2, 2))."""
    try:
        pairs = tuple(tuple(pair) for pair in value)  # type: ignore[union-attr]
    except TypeError:
        raise TypeError(
            f"{name} must be a sequence of (low, high) pairs, one per variable, got {value!r}"
        ) from None
    if len(pairs) != n or any(len(pair) != 2 for pair in pairs):
        raise ValueError(
            f"{name} must hold {n} (low, high) pair(s), one per variable, got {value!r}"
        )
    return tuple(interval(low, high, (f"{name} low", f"{name} high")) for low, high in pairs)


def data_points(x: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    """Paired data: two 1-D arrays of the same length m >= 1 (inputs and observed outputs)."""
    xs, ys = real_array(x, "x_data"), real_array(y, "y_data")
    if xs.ndim != 1 or ys.ndim != 1 or xs.size == 0 or xs.size != ys.size:
        raise ValueError(
            "x_data and y_data must be 1-D arrays of the same length m >= 1 (one pair per data "
            f"point), got shapes {xs.shape} and {ys.shape}"
        )
    return xs, ys


def not_an_objective(value: object, name: str) -> NoReturn:
    """Raise because an argument that must be a calcopt Objective is something else."""
    raise TypeError(
        f"{name} must be a calcopt Objective, got {type(value).__name__}; "
        "build one with Objective.from_sympy"
    )


def variable_count(name: str, title: str, n: int, expected: int) -> NoReturn:
    """Raise because an objective has n variables where ``expected`` are needed."""
    raise ValueError(f"{name} must have {expected} variable(s); {title} has {n}")


def number_array(value: object, name: str = "x") -> np.ndarray:
    """Numbers of any shape (complex, NaN, infinity allowed) as a float or complex array."""
    array = np.asarray(value)
    if not (np.issubdtype(array.dtype, np.number) and array.dtype != bool):
        raise TypeError(f"{name} must contain numbers, got dtype {array.dtype}")
    return array.astype(np.result_type(array, float))


def grid_points(value: object, n: int, owner: str, name: str = "x") -> np.ndarray:
    """Numbers of shape (n, ...): the first axis holds the n coordinates, the others a grid."""
    array = number_array(value, name)
    if array.ndim == 0 or array.shape[0] != n:
        raise ValueError(f"{name} must have shape ({n}, ...) for {owner}; got shape {array.shape}")
    return array


def points(value: object, n: int, owner: str, name: str = "x") -> np.ndarray:
    """One point of R^n, shape (n,), or k points, shape (n, k); a number is a point of R^1."""
    array = number_array(value, name)
    if n == 1 and array.ndim == 0:
        array = array.reshape(1)
    if array.ndim not in (1, 2) or array.shape[0] != n:
        raise ValueError(
            f"{name} must be one point of shape ({n},) or k points of shape ({n}, k) (one per "
            f"column) for {owner}; got shape {array.shape}"
        )
    return array


def symbols(value: object, name: str = "variables") -> tuple[sp.Symbol, ...]:
    """A non-empty sequence of distinct sympy symbols, as a tuple."""
    try:
        variables = tuple(value)  # type: ignore[arg-type]
    except TypeError:
        variables = ()
    if not variables or not all(isinstance(v, sp.Symbol) for v in variables):
        raise TypeError(f"{name} must be a non-empty sequence of sympy symbols")
    if len(set(variables)) != len(variables):
        raise ValueError(f"{name} must not repeat a symbol, got {variables}")
    return variables


def expression(value: object, variables: Sequence[sp.Symbol], name: str = "expr") -> sp.Expr:
    """A sympy expression whose symbols are all among ``variables``."""
    if not isinstance(value, sp.Expr):
        hint = " (write an equation lhs = rhs as lhs - rhs)" if isinstance(value, sp.Eq) else ""
        raise TypeError(f"{name} must be a sympy expression{hint}, got {type(value).__name__}")
    unknown = value.free_symbols - set(variables)
    if unknown:
        names = ", ".join(sorted(str(s) for s in unknown))
        raise ValueError(f"{name} uses symbols that are not in variables: {names}")
    return value


def square_system(
    equations: object, variables: Sequence[sp.Symbol], name: str = "equations"
) -> tuple[sp.Expr, ...]:
    """One sympy expression per variable: the left-hand sides of a square system F(x) = 0."""
    try:
        exprs = tuple(equations)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{name} must be a sequence of sympy expressions") from None
    if len(exprs) != len(variables):
        raise ValueError(
            f"{name} must hold one equation per variable (a square system), got "
            f"{len(exprs)} equation(s) in {len(variables)} variable(s)"
        )
    return tuple(expression(e, variables, f"{name}[{i}]") for i, e in enumerate(exprs))


class NotIsolatedError(ValueError):
    """The solutions of a system form a curve or a surface, so they cannot be listed."""


def not_isolated(what: str) -> NoReturn:
    """Raise because the solutions of a system are not isolated points."""
    raise NotIsolatedError(
        f"{what} are not isolated (they form a curve or a surface), so they cannot be listed"
    ) from None


def constant_objective(title: str) -> NoReturn:
    """Raise because every point is stationary: the objective is constant."""
    raise ValueError(f"every point is stationary for {title}: f is constant")


def shapes(name: str, shape: tuple[int, ...], expected: str) -> NoReturn:
    """Raise because an array has a shape that does not fit the others."""
    raise ValueError(f"{name} must have shape {expected}, got {shape}")


def matrix(value: object, name: str) -> np.ndarray:
    """A finite real 2-D array with at least one row and one column (a data matrix)."""
    array = real_array(value, name)
    if array.ndim != 2 or 0 in array.shape:
        raise ValueError(f"{name} must be a 2-D array (rows are samples), got shape {array.shape}")
    return array


def binary_labels(value: object, name: str, count: int) -> np.ndarray:
    """Class labels 0 or 1, one per sample."""
    array = real_array(value, name)
    if array.shape != (count,):
        raise ValueError(f"{name} must hold {count} labels (one per row), got shape {array.shape}")
    if not np.all((array == 0) | (array == 1)):
        raise ValueError(f"{name} must contain only the class labels 0 and 1")
    return array


def vector_like(value: object, name: str, n: int, *, infinite: bool = False) -> np.ndarray:
    """A number or n numbers (a centre, a bound), as a float array of shape (n,).

    With ``infinite=True`` the entries may be -inf or inf (an unbounded side of a box), never NaN.
    """
    if np.iscomplexobj(value):
        raise TypeError(f"{name} must be real, got complex values")
    array = _numeric_array(value, name)
    allowed = ~np.isnan(array) if infinite else np.isfinite(array)
    if not np.all(allowed):
        what = "numbers or ±inf, not NaN" if infinite else "finite numbers"
        raise ValueError(f"{name} must hold {what}, got {value!r}")
    if array.ndim == 0:
        return np.full(n, float(array))
    if array.shape != (n,):
        raise ValueError(
            f"{name} must be one number or {n} numbers (one per coordinate of x), "
            f"got shape {array.shape}"
        )
    return array


def box_bounds(lower: object, upper: object, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The corners of a box in R^n, lower <= upper in every coordinate (infinite sides allowed)."""
    low = vector_like(lower, "lower", n, infinite=True)
    high = vector_like(upper, "upper", n, infinite=True)
    crossed = np.flatnonzero(low > high)
    if crossed.size:
        i = int(crossed[0])
        raise ValueError(
            f"lower must be <= upper in every coordinate (else the box is empty); coordinate "
            f"{i} has lower = {low[i]:g} > upper = {high[i]:g}"
        )
    return low, high


def constraints(
    value: object, variables: Sequence[sp.Symbol], name: str, owner: str
) -> tuple[sp.Expr, ...]:
    """Constraint functions as sympy expressions in an objective's variables.

    ``value`` is a sequence of expressions (or one expression): each stands for h(x) = 0 or
    g(x) <= 0, written as the function h or g alone.
    """
    if isinstance(value, sp.Basic):
        value = (value,)
    try:
        exprs = tuple(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(
            f"{name} must be a sequence of sympy expressions, got {type(value).__name__}"
        ) from None
    for i, expr in enumerate(exprs):
        if isinstance(expr, sp.core.relational.Relational):
            raise TypeError(
                f"{name}[{i}] must be a sympy expression, not the relation {expr}; write "
                "h(x) = c as h(x) - c and g(x) <= c as g(x) - c"
            )
        if not isinstance(expr, sp.Expr):
            raise TypeError(f"{name}[{i}] must be a sympy expression, got {type(expr).__name__}")
        unknown = expr.free_symbols - set(variables)
        if unknown:
            names = ", ".join(sorted(str(s) for s in unknown))
            raise ValueError(
                f"{name}[{i}] uses {names}, which is not a variable of {owner}; a constraint "
                "may use only the objective's variables"
            )
    return exprs


def projection_output(value: object, n: int, name: str = "project") -> np.ndarray:
    """What a projection returned: a point of R^n with finite coordinates."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):  # text, ragged lists
        array = np.array([])
    if array.shape != (n,) or not np.all(np.isfinite(array)):
        raise ValueError(
            f"{name} must return a point with {n} finite coordinates, the nearest feasible "
            f"point to its argument; got {value!r}"
        )
    return array


def rate_or_schedule(value: object, name: str = "lr") -> float | Callable:
    """A learning rate: a finite number >= 0, or a schedule (a callable of the step k)."""
    if callable(value):
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number >= 0 or a schedule (a function of the step k = 0, 1, ...), "
            f"got {type(value).__name__}"
        )
    return nonnegative(value, name)


def scheduled_rate(value: object, k: int) -> float:
    """The learning rate a schedule gave for step k: one finite number >= 0."""
    if isinstance(value, float) and 0 <= value < np.inf:  # the usual case, checked first
        return float(value)
    number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    zero_d = isinstance(value, np.ndarray) and value.shape == () and value.dtype.kind in "iuf"
    rate = float(value) if number or zero_d else np.nan
    if not 0 <= rate < np.inf:
        raise ValueError(
            f"the learning-rate schedule gave {value!r} at step k = {k}; a schedule must "
            "return one finite number >= 0"
        )
    return rate


def batch_size(value: object, n: int) -> int:
    """A minibatch size: a whole number from 1 to the number of samples n."""
    size = count(value, "batch_size")
    if size > n:
        raise ValueError(f"batch_size must be at most the number of samples, {n}, got {size}")
    return size


def batch(value: object, n: int, name: str = "batch") -> np.ndarray:
    """Sample indices: a non-empty 1-D array of integers in [0, n) (repeats allowed)."""
    indices = np.asarray(value)
    expected = f"{name} must be a non-empty 1-D array of sample indices, integers in [0, {n})"
    hint = "pass None for all samples"
    if indices.dtype.kind not in "iu" and indices.size:
        raise TypeError(f"{expected}; got dtype {indices.dtype}; {hint}")
    if indices.ndim != 1 or indices.size == 0:
        raise ValueError(f"{expected}; got shape {indices.shape}; {hint}")
    if indices.min() < 0 or indices.max() >= n:
        raise ValueError(f"{expected}; got indices from {indices.min()} to {indices.max()}; {hint}")
    return indices


def sample_loss(value: object, name: str = "loss") -> object:
    """A loss that is a mean over samples: ``n_samples``, ``loss(x, batch)``, ``loss.gradient``."""
    sizes = getattr(value, "n_samples", None)
    if not (
        callable(value)
        and callable(getattr(value, "gradient", None))
        and isinstance(sizes, numbers.Integral)
    ):
        raise TypeError(
            f"{name} must be a mean over samples with n_samples, {name}(x, batch) and "
            f"{name}.gradient(x, batch), as LeastSquares and LogisticLoss have; "
            f"got {type(value).__name__}"
        )
    return value


def generator(value: object, name: str = "rng") -> np.random.Generator:
    """A numpy random generator (the source of every random choice, so runs repeat)."""
    if not isinstance(value, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy.random.Generator, such as numpy.random.default_rng(seed); "
            f"got {type(value).__name__}"
        )
    return value


def instance(value: object, name: str, cls: type, example: str) -> None:
    """Raise unless value is an instance of cls (an optimizer, an optimizer's state)."""
    if not isinstance(value, cls):
        raise TypeError(
            f"{name} must be of type {cls.__name__}, such as {example}; got {type(value).__name__}"
        )


def optimizer(value: object, name: str = "optimizer") -> object:
    """An optimizer: an object with init(x0) and update(g, state)."""
    if not (callable(getattr(value, "init", None)) and callable(getattr(value, "update", None))):
        raise TypeError(
            f"{name} must have init(x0) and update(g, state), as calcopt.optimizers.sgd(lr) "
            f"has; got {type(value).__name__}"
        )
    return value


def finite_loss(value: object, name: str = "x0") -> float:
    """The loss at a start point, which must be one finite number."""
    number = float(value)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be a point where the loss is finite, got loss = {number}")
    return number


def gradient_like(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """A gradient with the shape of the point the optimizer's state was made for."""
    if g.shape != shape:
        raise ValueError(f"g must have the shape of x0 given to init, {shape}, got {g.shape}")
    return g


def above(value: object, name: str, bound: float) -> float:
    """A finite number greater than bound."""
    number = _number(value, name)
    if not (np.isfinite(number) and number > bound):
        raise ValueError(f"{name} must be a finite number > {bound:g}, got {value!r}")
    return number


# Automatic differentiation (calcopt.autodiff) and the models trained with it.

AUTODIFF_TOOLS = (
    "the operators + - * / ** @, indexing, .T, .reshape and calcopt.autodiff's own functions "
    "(exp, log, sin, cos, tanh, sqrt, sigmoid, relu, softplus, sum, mean, dot)"
)


class NotDifferentiableError(ValueError):
    """A derivative was asked for at a point where a primitive has none."""


def numpy_on_traced(function: str, replacement: str | None) -> None:
    """Raise because a numpy (or scipy) function met a value that autodiff is tracing."""
    if replacement is not None:
        raise TypeError(
            f"{function} was applied to a traced value, and numpy cannot differentiate; "
            f"use calcopt.autodiff.{replacement}, not {function}, on a traced value"
        )
    raise TypeError(
        f"{function} was applied to a traced value, and numpy cannot differentiate; "
        f"write the function with {AUTODIFF_TOOLS}"
    )


def traced_attribute(name: str) -> None:
    """Raise AttributeError for a numpy array attribute that a traced value does not have."""
    raise AttributeError(
        f"a traced value has no attribute {name!r} (it has shape, ndim, size, T and reshape); "
        f"use calcopt.autodiff's functions instead, for example sum(x) rather than x.sum()"
    )


def traced_to_number() -> None:
    """Raise because a traced value was about to become a plain number or numpy array."""
    raise TypeError(
        "a traced value cannot become a plain number or numpy array (float(), math functions, "
        "numpy.asarray and writing it into a numpy array do that), because its derivative "
        f"would be lost; write the function with {AUTODIFF_TOOLS}"
    )


def broadcast_mismatch(symbol: str, left: tuple, right: tuple) -> None:
    """Raise because the operands of an elementwise operator have incompatible shapes."""
    raise ValueError(
        f"shape mismatch in a {symbol} b: shapes {left} and {right} cannot be broadcast "
        "together (compared from the last axis, sizes must be equal or 1); reshape one "
        "operand, for example a[:, None] for a column"
    ) from None


def matmul_mismatch(left: tuple, right: tuple) -> None:
    """Raise because a @ b (or dot) got operands that are not matching vectors or matrices."""
    raise ValueError(
        f"shape mismatch in a @ b (dot): shapes {left} and {right}; both must be vectors "
        "or matrices (1-D or 2-D) and the last axis of a must have the length of the first "
        "axis of b; transpose one with .T, or use * for elementwise products"
    ) from None


def outside_domain(name: str, domain: str | None, detail: str) -> None:
    """Raise because a primitive's result is infinite or undefined at its input."""
    what = f"{name} got input outside its domain ({domain}) or its result"
    raise ValueError(
        f"{what if domain else f'the result of {name}'} overflowed ({detail}); its value is not "
        "a finite number there, so it has no derivative either"
    ) from None


def not_differentiable(name: str, reason: str, count: int, total: int) -> None:
    """Raise NotDifferentiableError: a primitive has no derivative at some entries."""
    raise NotDifferentiableError(
        f"{name} is not differentiable {reason}, and that happens at {count} of {total} "
        "entries of its input; differentiate at another point (a convention such as a "
        "slope of 0 would hide the problem)"
    )


def scalar_traced_output(shape: tuple, tool: str) -> None:
    """Raise because a tool that needs a scalar-valued function got an array-valued one."""
    if shape != ():
        raise ValueError(
            f"{tool} needs a scalar-valued function, but f returned an array of shape "
            f"{shape}; for a vector-valued one use jacobian (or vjp for one combination "
            "of rows)"
        )


def shaped_like(value: object, name: str, shape: tuple, of: str) -> np.ndarray:
    """A finite real array with a given shape, that of another argument."""
    array = real_array(value, name)
    if array.shape != shape:
        raise ValueError(f"{name} must have the shape of {of}, {shape}, got {array.shape}")
    return array


def nonempty(array: np.ndarray, name: str) -> np.ndarray:
    """An array with at least one entry."""
    if array.size == 0:
        raise ValueError(f"{name} must hold at least one number, got shape {array.shape}")
    return array


def samples(value: object, name: str, features: int) -> np.ndarray:
    """A data matrix with one row per sample and ``features`` columns."""
    array = matrix(value, name)
    if array.shape[1] != features:
        raise ValueError(
            f"{name} must have {features} column(s), one per feature, got shape {array.shape}"
        )
    return array
