"""합성 과제: 모양, 결정성, 덧셈 문제의 표시 구조와 정답, 첫 기호, 앞뒤 창 합."""

import numpy as np
import pytest

from helpers.core.tasks import (
    ADDING_BASELINE_MSE,
    adding_problem,
    first_symbol_task,
    window_sum_causal_mse,
    window_sum_task,
)


def rng(seed=0):
    return np.random.default_rng(seed)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("T", [2, 7, 50])
def test_adding_problem_structure(dtype, T):
    xs, targets = adding_problem(rng(), 64, T, dtype)
    assert xs.shape == (64, T, 2) and targets.shape == (64, 1)
    assert xs.dtype == targets.dtype == dtype
    values, markers = xs[..., 0], xs[..., 1]
    assert np.all((values >= 0) & (values < 1))
    assert set(np.unique(markers)) <= {0.0, 1.0}
    half = T // 2
    np.testing.assert_array_equal(markers[:, :half].sum(1), 1.0)  # 앞 절반에 하나
    np.testing.assert_array_equal(markers[:, half:].sum(1), 1.0)  # 뒤 절반에 하나
    np.testing.assert_allclose(targets[:, 0], (values * markers).sum(1), rtol=1e-6)


def test_adding_problem_marker_positions_cover_each_half():
    xs, _ = adding_problem(rng(1), 2000, 10)
    first = np.argmax(xs[:, :, 1], axis=1)
    last = 9 - np.argmax(xs[:, ::-1, 1], axis=1)
    assert set(first) == set(range(5)) and set(last) == set(range(5, 10))


def test_adding_problem_baseline_mse():
    _, targets = adding_problem(rng(2), 20000, 20)
    assert np.mean((targets - 1.0) ** 2) == pytest.approx(ADDING_BASELINE_MSE, rel=0.05)


@pytest.mark.parametrize(
    "task, kwargs",
    [
        (adding_problem, {"N": 5, "T": 8}),
        (first_symbol_task, {"N": 5, "T": 8, "V": 3}),
        (window_sum_task, {"N": 5, "T": 8, "half_width": 2}),
    ],
)
def test_same_seed_same_data_and_different_seed_differs(task, kwargs):
    a, b, c = task(rng(7), **kwargs), task(rng(7), **kwargs), task(rng(8), **kwargs)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(a[0], c[0])


def test_first_symbol_task():
    xs, targets = first_symbol_task(rng(), 50, 6, 4, np.float32)
    assert xs.shape == (50, 6, 4) and xs.dtype == np.float32
    assert targets.shape == (50,) and targets.dtype == np.int64
    np.testing.assert_array_equal(xs.sum(-1), 1.0)  # 원-핫
    np.testing.assert_array_equal(np.argmax(xs[:, 0], axis=-1), targets)
    assert set(targets) == {0, 1, 2, 3}


@pytest.mark.parametrize("K", [1, 3])
def test_window_sum_targets(K):
    T = 9
    xs, ys = window_sum_task(rng(), 4, T, K)
    assert xs.shape == ys.shape == (4, T, 1)
    x = xs[..., 0]
    for t in range(T):
        expected = x[:, max(0, t - K) : t + K + 1].sum(1)
        np.testing.assert_allclose(ys[:, t, 0], expected, rtol=1e-12, atol=1e-12)


def test_window_sum_causal_bound_matches_best_causal_predictor():
    # 시점 t 까지 본 항만 더하는 예측 (미래 항은 평균 0 으로 짐작) 이 바로 최선의 인과적 예측이다
    T, K = 12, 2
    xs, ys = window_sum_task(rng(3), 20000, T, K)
    x = xs[..., 0]
    seen = np.stack([x[:, max(0, t - K) : t + 1].sum(1) for t in range(T)], axis=1)
    mse = np.mean((ys[..., 0] - seen) ** 2)
    assert mse == pytest.approx(window_sum_causal_mse(T, K), rel=0.03)
    assert window_sum_causal_mse(T, K) == pytest.approx(np.mean([min(K, T - 1 - t) for t in range(T)]) / 3)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: adding_problem(None, 4, 10), "rng"),
        (lambda: adding_problem(rng(), 0, 10), "N"),
        (lambda: adding_problem(rng(), 4, 1), "T"),
        (lambda: adding_problem(rng(), 4, 10.0), "T"),
        (lambda: adding_problem(rng(), 4, 10, np.int64), "dtype"),
        (lambda: first_symbol_task(rng(), 4, 0, 3), "T"),
        (lambda: first_symbol_task(rng(), 4, 5, 1), "V"),
        (lambda: first_symbol_task(42, 4, 5, 3), "rng"),
        (lambda: window_sum_task(rng(), 4, 5, 0), "half_width"),
        (lambda: window_sum_task(rng(), 4, 5, 5), "half_width"),
        (lambda: window_sum_task(rng(), -1, 5, 1), "N"),
        (lambda: window_sum_causal_mse(1, 1), "T"),
        (lambda: window_sum_causal_mse(5, 0), "half_width"),
        (lambda: window_sum_causal_mse(5, 5), "half_width"),
    ],
)
def test_bad_arguments_raise(call, name):
    with pytest.raises(ValueError, match=rf"^{name}: "):
        call()
