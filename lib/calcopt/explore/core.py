"""Declaring an explorer: its controls, its moving layers, and a pure scene function.

An :class:`Explorer` is declared once and rendered two ways (see :mod:`.live` and
:mod:`.static`). It has

- **controls**: :class:`Slider` (numbers, optionally on a log scale) and :class:`Choice`
  (named presets);
- a **backdrop** function that draws the fixed parts of the figure (axes, contours, a curve)
  on a matplotlib figure and returns its axes;
- **layers**: the moving parts (lines, markers, arrows, filled polygons), each drawn on one of
  those axes;
- a **scene** function, pure, from control values to the data of every layer and the text of
  every readout. It is where calcopt computes; the renderers only draw what it returns.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

#: Positions a static slider offers at the least.
MIN_POSITIONS = 25


@dataclass(frozen=True)
class Slider:
    """A numeric control.

    Parameters
    ----------
    name, label : str
        Keyword passed to the scene function; text shown beside the control.
    low, high : float
        Range.
    default : float
        Start value (snapped to the nearest static position).
    log : bool
        Geometric spacing (for learning rates and step sizes).
    positions : int
        Number of positions in the static book; the live slider is four times finer.
    integer : bool
        Whole numbers only.
    values : sequence of float, optional
        Explicit static positions, overriding the even or geometric spacing.
    reveal : bool
        A "time" slider (for example the number of steps taken). It must be the last control;
        the static export stores the data of its last position once and the others as
        prefixes of it whenever they are.
    fmt : str
        Format of the value in labels.
    """

    name: str
    label: str
    low: float
    high: float
    default: float
    log: bool = False
    positions: int = MIN_POSITIONS
    integer: bool = False
    values: Sequence[float] | None = None
    reveal: bool = False
    fmt: str = "{:.3g}"

    def static_values(self) -> np.ndarray:
        """The positions offered by the static book."""
        if self.values is not None:
            values = np.asarray(self.values, dtype=float)
        elif self.log:
            values = np.geomspace(self.low, self.high, self.positions)
        else:
            values = np.linspace(self.low, self.high, self.positions)
        if self.integer:
            values = np.unique(np.round(values))
        return values

    def snap(self, value: float) -> float:
        """The static position nearest to value (in log distance for a log slider)."""
        values = self.static_values()
        distance = np.abs(np.log(values) - np.log(value)) if self.log else np.abs(values - value)
        return self.cast(values[int(np.argmin(distance))])

    def cast(self, value: float) -> float | int:
        return round(value) if self.integer else float(value)

    def label_of(self, value: float) -> str:
        return self.fmt.format(self.cast(value))


@dataclass(frozen=True)
class Choice:
    """A control that picks one of a few named presets.

    Parameters
    ----------
    name, label : str
    options : mapping of str to any
        Shown label to the value the scene function receives.
    default : str
        Label selected first.
    backdrop : bool
        The fixed parts of the figure depend on this choice (for example the objective whose
        contours are drawn); the backdrop function then receives it.
    """

    name: str
    label: str
    options: Mapping[str, Any]
    default: str
    backdrop: bool = False

    def static_values(self) -> list[str]:
        return list(self.options)

    def label_of(self, value: str) -> str:
        return value


Control = Slider | Choice


@dataclass(frozen=True)
class Layer:
    """A moving part of the figure, drawn on ``axes`` (an index into the backdrop's axes).

    Kinds: ``"line"`` (a polyline, with markers at its vertices if ``marker`` > 0),
    ``"points"`` (markers only), ``"arrow"`` (from the first point to the last, with a head),
    ``"polygon"`` (closed and filled). Sizes are in points, as in matplotlib.
    """

    name: str
    axes: int = 0
    kind: Literal["line", "points", "arrow", "polygon"] = "line"
    color: str = "#d62728"
    width: float = 1.5
    marker: float = 0.0
    dashed: bool = False
    alpha: float = 1.0


@dataclass(frozen=True)
class Scene:
    """What one frame shows: the (x, y) data of each layer and the text of each readout."""

    layers: Mapping[str, tuple[np.ndarray, np.ndarray]]
    readouts: Mapping[str, str]


@dataclass(frozen=True)
class Explorer:
    """An interactive figure declared once, shown live (ipywidgets) or static (HTML).

    Parameters
    ----------
    name : str
        Identifier, used as the ``data-explorer`` attribute of the static version.
    title : str
    controls : tuple of Slider and Choice
    layers : tuple of Layer
    readouts : tuple of (name, label)
        The readouts shown under the figure, in order.
    backdrop : callable
        ``backdrop(fig, **choices) -> list of Axes`` draws the fixed parts; ``choices`` are the
        values of the controls marked ``backdrop=True``.
    scene : callable
        ``scene(**values) -> Scene``: pure, from control values to what is drawn.
    alt : str
        Text alternative describing the figure.
    figsize : (float, float)
        Inches; figures are rendered at 100 dpi.
    """

    name: str
    title: str
    controls: tuple[Control, ...]
    layers: tuple[Layer, ...]
    readouts: tuple[tuple[str, str], ...]
    backdrop: Callable[..., list]
    scene: Callable[..., Scene]
    alt: str
    figsize: tuple[float, float] = (9.0, 4.0)
    _layer_names: frozenset = field(init=False, repr=False)

    def __post_init__(self) -> None:
        names = [c.name for c in self.controls]
        if len(set(names)) != len(names):
            raise ValueError(f"explorer {self.name}: control names must be unique, got {names}")
        reveals = [i for i, c in enumerate(self.controls) if isinstance(c, Slider) and c.reveal]
        if reveals and reveals != [len(self.controls) - 1]:
            raise ValueError(f"explorer {self.name}: only the last control may be a reveal slider")
        for control in self.controls:
            if isinstance(control, Slider) and len(control.static_values()) < MIN_POSITIONS:
                raise ValueError(
                    f"explorer {self.name}: slider {control.name} needs at least "
                    f"{MIN_POSITIONS} static positions"
                )
        object.__setattr__(self, "_layer_names", frozenset(layer.name for layer in self.layers))

    def defaults(self) -> dict[str, Any]:
        """Control values of the first frame, as the scene function receives them."""
        return {
            c.name: c.snap(c.default) if isinstance(c, Slider) else c.options[c.default]
            for c in self.controls
        }

    def backdrop_key(self, values: Mapping[str, Any]) -> tuple:
        """The values the backdrop depends on, as a hashable key."""
        return tuple(
            _label_for(c, values[c.name])
            for c in self.controls
            if isinstance(c, Choice) and c.backdrop
        )

    def backdrop_choices(self, key: tuple) -> dict[str, Any]:
        chosen = [c for c in self.controls if isinstance(c, Choice) and c.backdrop]
        return {c.name: c.options[label] for c, label in zip(chosen, key, strict=True)}

    def frame(self, **values: Any) -> Scene:
        """Compute the scene for the given control values (missing ones take their default)."""
        unknown = set(values) - {c.name for c in self.controls}
        if unknown:
            raise ValueError(f"explorer {self.name} has no control named {sorted(unknown)}")
        scene = self.scene(**{**self.defaults(), **values})
        missing = self._layer_names - set(scene.layers)
        if missing or set(scene.layers) - self._layer_names:
            raise ValueError(f"explorer {self.name}: scene must give data for {sorted(missing)}")
        layers = {
            name: (np.asarray(xs, dtype=float).ravel(), np.asarray(ys, dtype=float).ravel())
            for name, (xs, ys) in scene.layers.items()
        }
        return Scene(layers, dict(scene.readouts))

    def static_grid(self) -> list[dict[str, Any]]:
        """Every combination of static positions, the last control varying fastest."""
        axes = []
        for control in self.controls:
            if isinstance(control, Slider):
                axes.append([control.cast(v) for v in control.static_values()])
            else:
                axes.append([control.options[label] for label in control.options])
        names = [c.name for c in self.controls]
        return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*axes)]

    def show(self):
        """The explorer for display: live widgets, or static HTML while the book is built.

        The book build sets the environment variable ``CALCOPT_EXPLORERS=static``.
        """
        import os

        if os.environ.get("CALCOPT_EXPLORERS") == "static":
            from .static import StaticExplorer

            return StaticExplorer(self)
        from .live import LiveExplorer

        return LiveExplorer(self)


def _label_for(control: Choice, value: Any) -> str:
    for label, option in control.options.items():
        if option is value or _same(option, value):
            return label
    raise ValueError(f"{value!r} is not an option of {control.name}")


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(np.array_equal(a, b)) if not isinstance(a, str) else a == b
    except (TypeError, ValueError):
        return a == b
