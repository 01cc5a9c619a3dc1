"""Argument checks shared by every calcopt function.

This module owns the wording of every ``ValueError`` and ``TypeError`` that calcopt raises
for bad input, so that messages stay consistent and tests can match them. Each message names
the argument and says what was expected; where another calcopt tool fits better, it says which.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence

import numpy as np


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


def objective(value: object, name: str = "objective", n: int | None = None):
    """A calcopt Objective (with n variables, if n is given)."""
    from .objective import Objective

    if not isinstance(value, Objective):
        raise TypeError(
            f"{name} must be a calcopt Objective, got {type(value).__name__}; "
            "build one with Objective.from_sympy"
        )
    if n is not None and value.n != n:
        raise ValueError(f"{name} must have {n} variable(s); {value.name} has {value.n}")
    return value


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


def batch_indices(value: object, n_samples: int, name: str = "batch") -> np.ndarray:
    """Indices of samples, 0 <= i < n_samples: a non-empty 1-D array of integers."""
    array = np.asarray(value)
    if array.ndim != 1 or not np.issubdtype(array.dtype, np.integer):
        raise TypeError(
            f"{name} must be a 1-D array of sample indices (integers), got {value!r}; "
            "pass None for all samples"
        )
    if array.size == 0:
        raise ValueError(f"{name} must hold at least one sample index, got none")
    if array.min() < 0 or array.max() >= n_samples:
        raise ValueError(
            f"{name} must hold indices 0 <= i < {n_samples} (the number of samples), "
            f"got values from {array.min()} to {array.max()}"
        )
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
