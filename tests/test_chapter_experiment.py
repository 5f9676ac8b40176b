"""7장(실험: RNN 대 LSTM)의 코드 시험: helpers.core.experiment, helpers.view.experiment,
helpers.interact.experiment. 작은 T 와 적은 갱신 횟수로 빠르게 돈다."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.core.experiment import (
    AddingResults,
    AddingRun,
    adding_baselines,
    blas_threads,
    count_params,
    first_marker_positions,
    limit_blas_threads,
    matched_rnn_hidden,
    run_adding,
    run_adding_experiment,
)
from helpers.core.tasks import adding_problem
from helpers.interact.demo import DEMOS, Demo
from helpers.interact.experiment import demo_data, quick_results, rnn_vs_lstm_demo
from helpers.view.base import LiveFigure
from helpers.view.experiment import (
    adding_examples_figure,
    gradient_through_time_figure,
    learning_curves_figure,
    results_live_figure,
)

TINY = {"hidden": 4, "batch": 4, "steps": 6, "eval_every": 3, "n_eval": 8}


@pytest.fixture(scope="module")
def tiny_results() -> AddingResults:
    return run_adding_experiment((6, 8), seed=1, settings=TINY, n_test=10)


# ----------------------------------------------------------------------------------- core
def test_baselines_match_theory():
    b = adding_baselines(np.random.default_rng(0), N=200_000, T=10)
    # 표준오차는 약 0.0005: 1/6 과 1/12 에서 0.003 안쪽이어야 한다
    assert abs(b["constant"] - 1 / 6) < 3e-3
    assert abs(b["second_only"] - 1 / 12) < 3e-3
    assert abs(b["best_constant"] - 1.0) < 1e-2


def test_baselines_bad_inputs():
    with pytest.raises(ValueError, match=r"^rng: "):
        adding_baselines(0)
    with pytest.raises(ValueError, match=r"^N: "):
        adding_baselines(np.random.default_rng(0), N=1)
    with pytest.raises(ValueError, match=r"^T: "):
        adding_baselines(np.random.default_rng(0), T=1)


def test_count_params_and_matched_hidden(tiny_results):
    rnn, lstm = tiny_results.get("rnn", 6), tiny_results.get("lstm", 6)
    H, D, O = 4, 2, 1
    assert count_params(rnn.model) == D * H + H * H + H + H * O + O == rnn.n_params
    assert count_params(lstm.model) == 4 * (D * H + H * H + H) + H * O + O == lstm.n_params
    for n in (1, 10, 100, 4513, 10_000):
        Hm = matched_rnn_hidden(n)
        assert Hm * Hm + 4 * Hm + 1 >= n
        assert Hm == 1 or (Hm - 1) ** 2 + 4 * (Hm - 1) + 1 < n
    with pytest.raises(ValueError, match=r"^n_params: "):
        matched_rnn_hidden(0)
    with pytest.raises(ValueError, match=r"^model: "):
        count_params(object())


def test_limit_blas_threads_restores_the_count():
    before = blas_threads()
    with limit_blas_threads(1):
        inside = blas_threads()
        assert inside in (None, 1)
    assert blas_threads() == before
    with pytest.raises(ValueError, match="^n: "), limit_blas_threads(0):
        pass


def test_first_marker_positions():
    xs, _ = adding_problem(np.random.default_rng(3), 50, 12)
    pos = first_marker_positions(xs)
    assert pos.shape == (50,)
    assert np.all(pos < 6)
    assert np.all(xs[np.arange(50), pos, 1] == 1)
    assert np.all(xs[:, :, 1].cumsum(axis=1)[np.arange(50), pos] == 1)  # 그보다 앞에는 표시가 없다
    with pytest.raises(ValueError, match=r"^xs: "):
        first_marker_positions(xs[:, :, :1])
    with pytest.raises(ValueError, match=r"^xs: "):
        first_marker_positions(np.zeros((2, 5, 2)))


def test_run_adding_records_and_is_deterministic():
    a = run_adding("lstm", 6, seed=2, settings=TINY, n_test=10)
    b = run_adding("lstm", 6, seed=2, settings=TINY, n_test=10)
    assert isinstance(a, AddingRun)
    np.testing.assert_array_equal(a.eval_mse, b.eval_mse)
    assert a.test_mse == b.test_mse
    assert a.steps == TINY["steps"]
    np.testing.assert_array_equal(a.eval_steps, [3, 6])
    assert a.test_pred.shape == a.test_targets.shape == (10,)
    assert math.isclose(a.test_mse, float(np.mean((a.test_pred - a.test_targets) ** 2)))
    # 시험 데이터의 정답은 표시된 두 값의 합이다
    np.testing.assert_allclose(a.test_targets, (a.test_xs[:, :, 0] * a.test_xs[:, :, 1]).sum(axis=1))
    assert a.name == "LSTM"
    c = run_adding("lstm", 6, seed=2, forget_bias=0.0, settings=TINY, n_test=10)
    assert c.name == "LSTM (편향 0)"
    assert not np.array_equal(a.eval_mse, c.eval_mse)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_run_adding_keeps_the_training_dtype(dtype):
    r = run_adding("rnn", 5, seed=0, settings={**TINY, "dtype": dtype}, n_test=4)
    assert r.test_xs.dtype == np.dtype(dtype) == r.model.params[0].dtype
    assert r.test_pred.dtype == r.test_targets.dtype == np.float64


def test_run_adding_stops_below_stop_mse():
    # 아주 큰 stop_mse 면 첫 검증에서 멈추고, 그때를 성공 단계로 기록한다
    r = run_adding("rnn", 6, seed=0, settings={**TINY, "target_mse": 100.0}, stop_mse=50.0, n_test=5)
    assert r.steps == TINY["eval_every"]
    assert r.solved_step == TINY["eval_every"]
    assert r.solved


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"cell": "gru"}, "cell"),
        ({"T": 1}, "T"),
        ({"forget_bias": float("nan")}, "forget_bias"),
        ({"seed": 1.5}, "seed"),
        ({"n_test": 0}, "n_test"),
        ({"settings": {"hiddn": 3}}, "settings"),
        ({"settings": [1]}, "settings"),
        ({"stop_mse": 0.5}, "stop_mse"),
        ({"stop_mse": -1.0}, "stop_mse"),
    ],
)
def test_run_adding_bad_inputs(kwargs, name):
    args = {"cell": "rnn", "T": 5, "settings": TINY, **kwargs}
    with pytest.raises(ValueError, match=rf"^{name}: "):
        run_adding(args.pop("cell"), args.pop("T"), **args)


def test_results_container(tiny_results):
    assert tiny_results.Ts == [6, 8]
    rows = tiny_results.table()
    assert [(r["T"], r["model"]) for r in rows] == [(6, "LSTM"), (6, "RNN"), (8, "LSTM"), (8, "RNN")]
    with pytest.raises(ValueError, match=r"^T: "):
        tiny_results.get("rnn", 100)
    with pytest.raises(ValueError, match=r"^run: "):
        tiny_results.add("not a run")
    with pytest.raises(ValueError, match=r"^Ts: "):
        run_adding_experiment(5)
    with pytest.raises(ValueError, match=r"^Ts: "):
        run_adding_experiment(())


# ----------------------------------------------------------------------------------- view
def _curves(rng, n=20):
    steps = np.arange(1, n + 1) * 10
    return steps, 0.2 * np.exp(-steps / 100) + 0.001 * rng.random(n)


def test_figures_draw_without_warnings():
    rng = np.random.default_rng(0)
    xs, ys = adding_problem(rng, 4, 30)
    figs = [
        adding_examples_figure(xs, ys, n_show=2),
        learning_curves_figure({"T = 20": {"RNN": _curves(rng), "LSTM": _curves(rng, 7)},
                                "T = 50": {"RNN": _curves(rng), "LSTM": _curves(rng)}}),
        gradient_through_time_figure({"RNN": 0.5 ** np.arange(120.0)[::-1], "LSTM": np.ones(120)}),
    ]
    for fig in figs:
        fig.canvas.draw()
    # 1e-30 아래로 사라진 기울기는 잘라 그리고 그림에 적는다
    assert any("아래 값" in t.get_text() for t in figs[2].axes[0].texts)
    assert len(figs[1].axes) == 2


def test_figures_bad_inputs():
    rng = np.random.default_rng(0)
    xs, ys = adding_problem(rng, 3, 10)
    with pytest.raises(ValueError, match=r"^xs: "):
        adding_examples_figure(xs[..., :1], ys)
    with pytest.raises(ValueError, match=r"^targets: "):
        adding_examples_figure(xs, ys[:2])
    with pytest.raises(ValueError, match=r"^n_show: "):
        adding_examples_figure(xs, ys, n_show=4)
    with pytest.raises(ValueError, match=r"^panels: "):
        learning_curves_figure({})
    with pytest.raises(ValueError, match=r"^panels\['a'\]\['RNN'\]\[1\] \(values\): expected shape \(3,\)"):
        learning_curves_figure({"a": {"RNN": (np.arange(3), np.ones(4))}})
    with pytest.raises(ValueError, match=r"^panels\['a'\]\['RNN'\]\[1\] \(values\): expected non-negative"):
        learning_curves_figure({"a": {"RNN": (np.arange(3), -np.ones(3))}})
    with pytest.raises(ValueError, match=r"^baseline: "):
        learning_curves_figure({"a": {"RNN": _curves(rng)}}, baseline=0)
    with pytest.raises(ValueError, match=r"^norms\['LSTM'\]: expected shape \(5,\), got \(6,\)"):
        gradient_through_time_figure({"RNN": np.ones(5), "LSTM": np.ones(6)})
    with pytest.raises(ValueError, match=r"^norms\['RNN'\]: expected non-negative norms"):
        gradient_through_time_figure({"RNN": np.array([1.0, np.nan])})


def test_live_figure_updates_in_place(tiny_results):
    live = results_live_figure(**demo_data(tiny_results, 6))
    assert isinstance(live, LiveFigure)
    n_axes = len(live.fig.axes)
    line = live.fig.axes[0].lines[0]
    live.update(**demo_data(tiny_results, 8))
    live.fig.canvas.draw()
    assert len(live.fig.axes) == n_axes
    assert live.fig.axes[0].lines[0] is line
    np.testing.assert_array_equal(line.get_xdata(), tiny_results.get("rnn", 8).eval_steps)
    with pytest.raises(ValueError, match=r"^rnn_pred: "):
        live.update(**{**demo_data(tiny_results, 8), "rnn_pred": np.ones(3)})
    with pytest.raises(ValueError, match=r"^rnn_steps: missing argument"):
        results_live_figure(T=5)


# ----------------------------------------------------------------------------------- interact
def test_demo_uses_given_results(tiny_results):
    demo = rnn_vs_lstm_demo(tiny_results)
    assert isinstance(demo, Demo)
    assert demo.controls["T"].values == [6, 8]
    png = demo.update(T=6)
    assert png[:4] == b"\x89PNG" and demo.last_error is None
    # 그림의 곡선이 장의 결과 그 자체이다
    np.testing.assert_array_equal(demo.fig.axes[0].lines[1].get_ydata(), tiny_results.get("lstm", 6).eval_mse)
    with pytest.raises(ValueError, match=r"^T: "):
        demo.update(T=100)
    with pytest.raises(ValueError, match=r"^results: "):
        rnn_vs_lstm_demo("results")
    with pytest.raises(ValueError, match=r"^results: "):
        rnn_vs_lstm_demo(AddingResults())


def test_demo_registered_and_quick():
    assert DEMOS["rnn_vs_lstm_results"] is rnn_vs_lstm_demo
    r = quick_results(Ts=(10,))
    assert r.Ts == [10]
    html = rnn_vs_lstm_demo(r).scrubber_html()
    assert len(html.encode()) < 1_500_000
