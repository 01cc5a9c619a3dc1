"""Declaring an explorer: its controls, its panels, its moving layers, and a pure scene.

An :class:`Explorer` is declared once and rendered two ways (:mod:`.live` and :mod:`.static`,
chosen by :func:`calcopt.explore.show`). It has

- **controls**: :class:`Slider` (numbers, optionally on a log scale) and :class:`Choice`
  (named presets);
- **panels**: the fixed parts of the figure, one :class:`~calcopt.explore.panels.Panel` per
  axes (contours, a curve, a loss-curve frame...), drawn once as the backdrop;
- **layers**: the moving parts (lines, markers, arrows, filled polygons), each drawn on one
  panel;
- a **scene**: a pure function from control values to the data of every layer and the text of
  every readout. It is where calcopt computes; the renderers only draw what it returns.

The course's rules for explorers are checked here, when an explorer is declared, so that a
maintainer meets them with a message that says the rule and the way out.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import numpy as np

#: Positions a static slider offers at the least (see :meth:`Slider.check`).
MIN_POSITIONS = 25

#: Moving layers the first frame of an explorer must draw at the least.
MIN_DRAWN = 2


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

    def labels(self) -> list[str]:
        """The text shown for each static position."""
        return [self.label_of(v) for v in self.static_values()]

    def value_at(self, position: int) -> float | int:
        """The value the scene receives at a static position."""
        return self.cast(self.static_values()[position])

    def index_of(self, value: float) -> int:
        """The static position nearest to value (in log distance for a log slider)."""
        values = self.static_values()
        distance = np.abs(np.log(values) - np.log(value)) if self.log else np.abs(values - value)
        return int(np.argmin(distance))

    def snap(self, value: float) -> float | int:
        """The static value nearest to value."""
        return self.value_at(self.index_of(value))

    def cast(self, value: float) -> float | int:
        return round(value) if self.integer else float(value)

    def label_of(self, value: float) -> str:
        return self.fmt.format(self.cast(value))

    def check(self, explorer: str) -> None:
        """The slider rule: at least ``MIN_POSITIONS`` static positions, so that a reader can
        move through its range smoothly, unless it is an integer slider that offers every whole
        number of its range (an order 0..8 is a fine slider with 9 positions)."""
        count = len(self.static_values())
        whole_range = self.integer and count == round(self.high) - round(self.low) + 1
        if count < MIN_POSITIONS and not whole_range:
            raise ValueError(
                f"explorer {explorer}: slider {self.name!r} offers {count} static positions; a "
                f"slider needs at least {MIN_POSITIONS} so that the static book moves smoothly. "
                "Give positions= or values= with more, or, for whole numbers, integer=True with "
                "low and high such that every integer between them is a position"
            )


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
        contours are drawn): the explorer's ``panels`` is then a function that receives it.
    """

    name: str
    label: str
    options: Mapping[str, Any]
    default: str
    backdrop: bool = False

    def static_values(self) -> list[str]:
        return list(self.options)

    def labels(self) -> list[str]:
        return list(self.options)

    def value_at(self, position: int) -> Any:
        return self.options[self.labels()[position]]

    def index_of(self, label: str) -> int:
        return self.labels().index(label)

    def label_of(self, value: str) -> str:
        return value

    def check(self, explorer: str) -> None:
        if self.default not in self.options:
            raise ValueError(
                f"explorer {explorer}: choice {self.name!r} has default {self.default!r}, which "
                f"is not one of its options {self.labels()}"
            )


Control = Slider | Choice


@dataclass(frozen=True)
class Layer:
    """A moving part of the figure, drawn on ``axes`` (an index into the explorer's panels).

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


class Panel(Protocol):
    """The fixed part of one axes of the figure (see :mod:`calcopt.explore.panels`)."""

    def draw(self, fig) -> Any: ...


Panels = Sequence[Panel] | Callable[..., Sequence[Panel]]


@dataclass(frozen=True)
class Explorer:
    """An interactive figure declared once, shown live (ipywidgets) or static (HTML).

    Parameters
    ----------
    name : str
        Identifier, used as the ``data-explorer`` attribute of the static version.
    title : str
    controls : tuple of Slider and Choice
    panels : sequence of Panel, or callable
        The axes of the figure and their fixed content, in order (a layer's ``axes`` indexes
        them). If a :class:`Choice` has ``backdrop=True``, a function of those choices' values
        (as keywords) returning the panels.
    layers : tuple of Layer
    readouts : tuple of (name, label)
        The readouts shown under the figure, in order.
    scene : callable
        ``scene(**values) -> Scene``: pure, from control values to what is drawn; usually a
        module-level function with its fixed arguments bound by ``functools.partial``.
    alt : str
        Text alternative describing the figure.
    figsize : (float, float)
        Inches; figures are rendered at 100 dpi.

    Raises
    ------
    ValueError
        When the declaration breaks a rule of the course (each message says the rule): names
        must be unique; only the last control may be a reveal slider; sliders need enough
        positions (:meth:`Slider.check`); the first frame must give data for exactly the
        declared layers and text for exactly the declared readouts, and draw at least
        ``MIN_DRAWN`` layers.
    """

    name: str
    title: str
    controls: tuple[Control, ...]
    panels: Panels
    layers: tuple[Layer, ...]
    readouts: tuple[tuple[str, str], ...]
    scene: Callable[..., Scene]
    alt: str
    figsize: tuple[float, float] = (9.0, 4.0)
    first: Scene = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for what, names in (
            ("control", [c.name for c in self.controls]),
            ("layer", [layer.name for layer in self.layers]),
            ("readout", [name for name, _ in self.readouts]),
        ):
            if len(set(names)) != len(names):
                raise ValueError(f"explorer {self.name}: {what} names must be unique, got {names}")
        reveals = [i for i, c in enumerate(self.controls) if isinstance(c, Slider) and c.reveal]
        if reveals and reveals != [len(self.controls) - 1]:
            raise ValueError(
                f"explorer {self.name}: only the last control may be a reveal slider (the static "
                "book stores the frames along it as prefixes of its last frame); move it last"
            )
        for control in self.controls:
            control.check(self.name)
        first = self.frame_at(self.default_positions())
        drawn = sum(xs.size > 0 for xs, _ in first.layers.values())
        if drawn < MIN_DRAWN:
            raise ValueError(
                f"explorer {self.name}: its first frame draws {drawn} moving layer(s); an "
                f"explorer must draw at least {MIN_DRAWN}, so that moving a control visibly "
                "changes the picture. Give the layers data at the default control values, or "
                "use a plain figure if nothing moves"
            )
        object.__setattr__(self, "first", first)

    # -- positions: how the static book enumerates frames ---------------------------------
    def counts(self) -> list[int]:
        """Number of static positions of each control."""
        return [len(c.static_values()) for c in self.controls]

    def default_positions(self) -> tuple[int, ...]:
        return tuple(c.index_of(c.default) for c in self.controls)

    def grid(self) -> Iterator[tuple[int, ...]]:
        """Every combination of static positions, the last control varying fastest."""
        return itertools.product(*(range(count) for count in self.counts()))

    def values_at(self, positions: Sequence[int]) -> dict[str, Any]:
        """Control values (as the scene receives them) at static positions."""
        return {c.name: c.value_at(p) for c, p in zip(self.controls, positions, strict=True)}

    def backdrop_key(self, positions: Sequence[int]) -> tuple[int, ...]:
        """Positions of the choices the backdrop depends on."""
        return tuple(
            p
            for c, p in zip(self.controls, positions, strict=True)
            if isinstance(c, Choice) and c.backdrop
        )

    def backdrop_keys(self) -> list[tuple[int, ...]]:
        """Every backdrop key, in the order of the static book's list of backdrop images."""
        chosen = [c for c in self.controls if isinstance(c, Choice) and c.backdrop]
        return list(itertools.product(*(range(len(c.options)) for c in chosen)))

    def panels_for(self, key: Sequence[int]) -> Sequence[Panel]:
        """The panels of the backdrop with key ``key`` (see :meth:`backdrop_key`)."""
        if not callable(self.panels):
            return self.panels
        chosen = [c for c in self.controls if isinstance(c, Choice) and c.backdrop]
        choices = {c.name: c.value_at(p) for c, p in zip(chosen, key, strict=True)}
        return self.panels(**choices)

    # -- frames ----------------------------------------------------------------------------
    def frame_at(self, positions: Sequence[int]) -> Scene:
        """The scene at static positions."""
        return self.frame(**self.values_at(positions))

    def frame(self, **values: Any) -> Scene:
        """Compute the scene for the given control values (missing ones take their default).

        The scene must give data for exactly the declared layers and text for exactly the
        declared readouts; the error names what is missing and what is extra.
        """
        unknown = set(values) - {c.name for c in self.controls}
        if unknown:
            raise ValueError(f"explorer {self.name} has no control named {sorted(unknown)}")
        defaults = self.values_at(self.default_positions())
        scene = self.scene(**{**defaults, **values})
        _same_names(self.name, "layer", [layer.name for layer in self.layers], scene.layers)
        _same_names(self.name, "readout", [name for name, _ in self.readouts], scene.readouts)
        layers = {
            name: (np.asarray(xs, dtype=float).ravel(), np.asarray(ys, dtype=float).ravel())
            for name, (xs, ys) in scene.layers.items()
        }
        return Scene(layers, dict(scene.readouts))


def _same_names(explorer: str, what: str, declared: list[str], given: Mapping) -> None:
    missing, extra = sorted(set(declared) - set(given)), sorted(set(given) - set(declared))
    if missing or extra:
        raise ValueError(
            f"explorer {explorer}: the scene must give exactly the declared {what}s; "
            f"missing {missing}, not declared {extra}"
        )
