"""Controls that several explorers share: learning rates around 2/L, steps revealed one by one,
and directions by angle."""

from __future__ import annotations

import numpy as np

from .core import Slider


def rates_around(rate: float, below: int = 20) -> np.ndarray:
    """Learning rates on a log scale, 12 per decade, from ``rate`` / 10^(below/12) up to about
    2.15 ``rate``; ``rate`` itself (typically 2/L) is one of them."""
    return rate * 10.0 ** (np.arange(-below, 5) / 12)


def learning_rate_slider(rates: np.ndarray, default: float) -> Slider:
    """The learning-rate control over the given positions, on a log scale."""
    return Slider(
        "lr", "learning rate η", rates[0], rates[-1], default=default, values=rates, log=True
    )


def step_positions(max_steps: int) -> np.ndarray:
    """Step counts for the static slider: every step up to 9, then 15 geometrically spaced.

    That makes 25 positions for any ``max_steps`` of 100 or more.
    """
    return np.unique(np.round(np.concatenate([np.arange(10), np.geomspace(10, max_steps, 15)])))


def steps_slider(max_steps: int, default: int | None = None) -> Slider:
    """The reveal control for the number of steps k shown (see :func:`step_positions`)."""
    return Slider(
        "steps",
        "steps k",
        0,
        max_steps,
        default=max_steps if default is None else default,
        integer=True,
        values=step_positions(max_steps),
        reveal=True,
    )


def angle_slider(label: str, angles: np.ndarray, default: float, fmt: str = "{:.3g}") -> Slider:
    """A direction by its angle in degrees, over the given positions."""
    return Slider("angle", label, angles[0], angles[-1], default=default, values=angles, fmt=fmt)
