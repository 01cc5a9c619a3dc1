"""Shared fixtures: a seeded random generator, the Agg backend, deterministic hypothesis."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import settings

settings.register_profile("course", derandomize=True, deadline=None, max_examples=60)
settings.load_profile("course")


@pytest.fixture
def rng():
    """A seeded generator, so every run draws the same numbers."""
    return np.random.default_rng(20261126)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
