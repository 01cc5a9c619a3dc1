"""Plotting helpers draw what they are given, return their artists, and touch no global state."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

import calcopt as co
from calcopt import functions as fn
from calcopt import plotting


def test_plot_curve_samples_the_function():
    _, ax = plt.subplots()
    line = plotting.plot_curve(fn.wavy, ax=ax, num=50)
    xs, ys = line.get_data()
    assert xs[0] == -4.0 and xs[-1] == 4.0 and len(xs) == 50
    np.testing.assert_allclose(ys, fn.wavy(xs))


def test_plot_curve_needs_an_interval_for_plain_functions():
    with pytest.raises(ValueError, match="interval is required"):
        plotting.plot_curve(np.sin)


def test_plot_contours_uses_the_objectives_grid_and_labels_axes():
    _, ax = plt.subplots()
    contours = plotting.plot_contours(fn.rosenbrock, ax=ax, levels=12, log=True)
    assert len(contours.levels) == 12
    assert np.all(np.diff(np.log(contours.levels - contours.levels[0] + 1e-300)[1:]) > 0)
    assert ax.get_xlabel() == "$x$" and ax.get_ylabel() == "$y$"


def test_even_levels_exclude_the_extremes():
    levels = plotting.contour_levels(np.array([0.0, 10.0]), 4)
    np.testing.assert_allclose(levels, [2, 4, 6, 8])


def test_plot_path_and_loss_curve_show_the_run():
    result = co.gradient_descent(fn.booth, [0.0, 0.0], lr=0.1, max_iter=20)
    _, (left, right) = plt.subplots(1, 2)
    path = plotting.plot_path(result.path, ax=left)
    np.testing.assert_array_equal(np.column_stack(path.get_data()), result.path)
    loss = plotting.plot_loss_curve(result.values, ax=right)
    assert right.get_yscale() == "log"
    np.testing.assert_array_equal(loss.get_ydata(), result.values)
    with pytest.raises(ValueError, match=r"path must have shape \(k, 2\)"):
        plotting.plot_path(np.zeros((3, 3)))


def test_stationary_points_get_one_labelled_marker_set_per_kind():
    _, ax = plt.subplots()
    artists = plotting.plot_stationary_points(co.stationary_points(fn.himmelblau), ax=ax)
    assert [a.get_label() for a in artists] == ["minimum", "maximum", "saddle"]
    assert [len(a.get_offsets()) for a in artists] == [4, 1, 4]


def test_plotting_leaves_rcparams_alone():
    before = dict(mpl.rcParams)
    _, ax = plt.subplots()
    plotting.plot_contours(fn.booth, ax=ax)
    plotting.plot_curve(fn.cubic, ax=ax)
    assert dict(mpl.rcParams) == before


def test_thinning_keeps_ends_and_spacing():
    path = np.column_stack([np.linspace(0, 1, 101), np.zeros(101)])
    kept = plotting.thin_path(path, 0.095)
    assert kept[0].tolist() == [0.0, 0.0] and kept[-1].tolist() == [1.0, 0.0]
    assert np.all(np.diff(kept[:-1, 0]) >= 0.095 - 1e-12) and len(kept) == 11
    np.testing.assert_array_equal(plotting.thin_path(path[:1], 1.0), path[:1])
