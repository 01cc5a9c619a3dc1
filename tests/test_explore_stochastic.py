"""Chapter 8's explorers draw calcopt's own runs: minibatch SGD on the flats, learning-rate
schedules, and the optimizer race; and their static payloads stay small."""

import numpy as np

import calcopt as co
from calcopt import optimizers as opt
from calcopt.explore.stochastic import (
    FLOOR,
    ORIGIN,
    RACE_PROBLEMS,
    RACE_RATES,
    RACERS,
    SCHEDULES,
    best_rate,
    flats,
    minibatch_scene,
    predicted_floor,
    race_run,
    race_scene,
    schedule_scene,
)
from calcopt.optimize import sample_variance


def test_the_minibatch_scene_draws_trains_run_and_its_full_loss_gap():
    loss, lr = flats(), 0.05
    scene = minibatch_scene(5, lr, epochs=4)
    run = opt.train(loss, ORIGIN, opt.sgd(lr), batch_size=5, epochs=4, seed=0)
    np.testing.assert_array_equal(scene.layers["end"], ([run.x[0]], [run.x[1]]))
    epochs, gaps = scene.layers["gap"]
    assert epochs[0] == 0 and epochs[-1] == 4, "the loss curve runs from epoch 0 to the last"
    f_star = loss(loss.solution)
    np.testing.assert_allclose(gaps[-1], max(run.fun - f_star, FLOOR), rtol=1e-12)
    assert scene.readouts["steps"] == "20 per epoch, 80 in all"
    assert scene.readouts["status"] == run.message


def test_the_full_batch_path_is_gradient_descents():
    loss, lr = flats(), 0.1
    scene = minibatch_scene(100, lr, epochs=10)
    descent = co.gradient_descent(loss, ORIGIN, lr=lr, grad=loss.gradient, max_iter=10, tol=0)
    np.testing.assert_array_equal(scene.layers["end"], ([descent.x[0]], [descent.x[1]]))
    assert scene.readouts["floor"] == "0", "the full batch has no noise, so no floor"


def test_the_predicted_floor_is_eta_v_over_4_with_the_theorems_variance():
    loss = flats()
    v1, n = sample_variance(loss, loss.solution), loss.n_samples
    for size in (1, 5, 20):
        expected = 0.1 * v1 / size * (n - size) / (n - 1) / 4
        assert np.isclose(predicted_floor(loss, 0.1, size), expected, rtol=1e-12)


def test_the_schedule_scene_draws_the_schedules_rates_and_the_theorems_one_over_t():
    loss, lr = flats(), 0.1
    steps = 10 * loss.n_samples
    one_over_t = SCHEDULES["1/t: η₀/(1 + μη₀k/2)"](lr, loss, steps)
    mu = loss.curvature[0]
    np.testing.assert_allclose(
        one_over_t(np.arange(5)),
        2 / (mu * (np.arange(5) + 2 / (mu * lr))),
        rtol=1e-12,
        err_msg="the 1/t schedule is the theorem's 2/(μ(k + k₀)) with η₀ = 2/(μk₀)",
    )
    scene = schedule_scene("1/t: η₀/(1 + μη₀k/2)", lr, epochs=10)
    ks, rates = scene.layers["chosen-rate"]
    np.testing.assert_allclose(rates, one_over_t(np.round(ks * loss.n_samples)), rtol=1e-12)
    _, constant = scene.layers["constant-rate"]
    assert np.all(constant == lr), "the grey run keeps the first rate"


def test_the_race_scene_draws_run_optimizer_and_the_best_rate_of_the_grid():
    problem = "valley along the axes (κ = 50)"
    f, start, _, steps = RACE_PROBLEMS[problem]
    run = race_run(problem, "Adam", 0.1)
    reference = opt.run_optimizer(
        f, start, opt.adam(0.1), grad=f.gradient, max_iter=steps, tol=1e-10
    )
    np.testing.assert_allclose(run.path, reference.path, rtol=1e-12, atol=1e-15)
    scene = race_scene(problem, "Adam", 0.1)
    ks, values = scene.layers["curve"]
    np.testing.assert_allclose(values, np.maximum(reference.values[ks.astype(int)], 1e-14))
    ends = {
        float(lr): race_run(problem, "SGD", float(lr)).fun
        for lr in RACE_RATES
        if race_run(problem, "SGD", float(lr)).status != "diverged"
    }
    assert best_rate(problem, "SGD") == min(ends, key=ends.get), "the best rate ends lowest"
    assert set(RACERS) >= {"SGD", "Adam"}


def test_rosenbrock_runs_use_the_exact_gradient_of_the_objective():
    run = race_run("Rosenbrock", "SGD", 1e-3)
    reference = co.gradient_descent(
        co.functions.rosenbrock, (-1.2, 1.0), lr=1e-3, max_iter=400, tol=1e-10
    )
    np.testing.assert_allclose(run.path, reference.path, rtol=1e-10, atol=1e-12)
