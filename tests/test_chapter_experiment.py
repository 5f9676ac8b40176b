"""7장(실험: RNN 대 LSTM)의 코드 시험: helpers.core.experiment, helpers.view.experiment,
helpers.interact.experiment. 작은 T 와 적은 갱신 횟수로 빠르게 돈다."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.core.cache import CACHE_ENV, cached_call
from helpers.core.experiment import (
    AddingResults,
    AddingRun,
    Spread,
    adding_baselines,
    blas_threads,
    choose_learning_rates,
    count_params,
    first_marker_positions,
    limit_blas_threads,
    marked_value_sensitivity,
    marker_gradient_ratio,
    marker_jacobian_norms,
    matched_rnn_hidden,
    run_adding,
    run_adding_experiment,
    run_adding_many,
    spread,
    stack_curves,
)
from helpers.core.jacobian import hidden_jacobians
from helpers.core.tasks import adding_problem
from helpers.core.train import make_rnn_regressor
from helpers.interact.demo import DEMOS, Demo
from helpers.interact.experiment import demo_data, quick_results, rnn_vs_lstm_demo
from helpers.view.base import LiveFigure
from helpers.view.experiment import (
    adding_examples_figure,
    gradient_through_time_figure,
    learning_curves_figure,
    results_live_figure,
    training_probes_figure,
)

TINY = {"hidden": 4, "batch": 4, "steps": 6, "eval_every": 3, "n_eval": 8}


@pytest.fixture(scope="module")
def tiny_results() -> AddingResults:
    return run_adding_experiment((6, 8), seeds=(1, 2), settings=TINY, n_test=10, n_probe=4, workers=1)


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
    rnn, lstm = tiny_results.get("rnn", 6, seed=1), tiny_results.get("lstm", 6, seed=1)
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
        ({"cell": "gru2"}, "cell"),
        ({"T": 1}, "T"),
        ({"forget_bias": float("nan")}, "forget_bias"),
        ({"seed": 1.5}, "seed"),
        ({"seed": -1}, "seed"),
        ({"lr": 0.0}, "lr"),
        ({"n_test": 0}, "n_test"),
        ({"n_probe": 11}, "n_probe"),
        ({"early_stop": 1}, "early_stop"),
        ({"settings": {"hiddn": 3}}, "settings"),
        ({"settings": [1]}, "settings"),
        ({"stop_mse": 0.5}, "stop_mse"),
        ({"stop_mse": -1.0}, "stop_mse"),
    ],
)
def test_run_adding_bad_inputs(kwargs, name):
    args = {"cell": "rnn", "T": 5, "settings": TINY, "n_test": 10, **kwargs}
    with pytest.raises(ValueError, match=rf"^{name}: "):
        run_adding(args.pop("cell"), args.pop("T"), **args)


def test_run_adding_lr_and_early_stop():
    a = run_adding("rnn", 6, seed=0, lr=0.05, settings=TINY, n_test=4, n_probe=2)
    b = run_adding("rnn", 6, seed=0, lr=0.001, settings=TINY, n_test=4, n_probe=2)
    assert (a.lr, b.lr) == (0.05, 0.001)
    assert not np.array_equal(a.eval_mse, b.eval_mse)  # 학습률이 실제로 쓰였다
    # early_stop=False 면 기준에 닿아도 예산을 다 쓴다
    c = run_adding("rnn", 6, seed=0, settings={**TINY, "target_mse": 100.0}, early_stop=False, n_test=4)
    assert c.steps == TINY["steps"] and c.solved_step == TINY["eval_every"]


def test_probes_recorded_at_start_and_every_evaluation():
    r = run_adding("lstm", 8, seed=3, settings=TINY, n_test=6, n_probe=5)
    np.testing.assert_array_equal(r.probe_steps, [0, 3, 6])
    assert r.probe_sensitivity.shape == (3, 2) and r.probe_gradient.shape == (3,)
    assert np.all(np.isfinite(r.probe_sensitivity)) and np.all(r.probe_gradient >= 0)
    # 학습 전의 값은 학습 전의 모델(같은 시드의 초기화)에서 잰 값과 같다
    rng_init = np.random.default_rng(3).spawn(3)[0]
    model0 = make_rnn_regressor(rng_init, 2, TINY["hidden"], 1, cell="lstm", dtype=np.float32)
    np.testing.assert_allclose(
        r.probe_gradient[0], np.median(marker_gradient_ratio(model0, r.test_xs[:5])), rtol=1e-6
    )
    empty = run_adding("rnn", 8, seed=3, settings=TINY, n_test=6, n_probe=0)
    assert empty.probe_steps.size == empty.probe_gradient.size == 0


@pytest.mark.parametrize("cell", ["rnn", "lstm", "irnn"])
def test_marked_value_sensitivity_matches_finite_differences(cell):
    rng = np.random.default_rng(5)
    model = make_rnn_regressor(rng, 2, 5, 1, cell=cell)
    xs, _ = adding_problem(rng, 6, 12)
    sens = marked_value_sensitivity(model, xs)
    t1 = first_marker_positions(xs)
    t2 = 6 + np.argmax(xs[:, 6:, 1] > 0.5, axis=1)
    eps = 1e-6
    for col, tt in ((0, t1), (1, t2)):
        up, down = xs.copy(), xs.copy()
        up[np.arange(6), tt, 0] += eps
        down[np.arange(6), tt, 0] -= eps
        fd = (model.predict(up) - model.predict(down))[:, 0] / (2 * eps)  # 독립적인 수치 미분
        np.testing.assert_allclose(sens[:, col], fd, rtol=1e-5, atol=1e-9)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_marker_gradient_ratio_matches_full_jacobians(cell):
    rng = np.random.default_rng(6)
    model = make_rnn_regressor(rng, 2, 4, 1, cell=cell)
    xs, _ = adding_problem(rng, 5, 14)
    ratio = marker_gradient_ratio(model, xs)
    # 다른 길: 마지막 상태에 대한 전체 야코비 행렬 J[:, t] = ∂s(T−1)/∂s(t) 로 v·J(t₁) 을 만든다
    model.recurrent.forward(xs)
    J = hidden_jacobians(model.recurrent)
    t1 = first_marker_positions(xs)
    v = np.zeros(J.shape[-1])
    v[:4] = model.head.params[0][:, 0]
    want = np.array([np.linalg.norm(v @ J[n, t1[n]]) for n in range(5)]) / np.linalg.norm(v)
    np.testing.assert_allclose(ratio, want, rtol=1e-10)
    norms = marker_jacobian_norms(model, xs)
    np.testing.assert_allclose(norms, [np.linalg.norm(J[n, t1[n]], 2) for n in range(5)], rtol=1e-10)


def test_probe_bad_inputs():
    model = make_rnn_regressor(np.random.default_rng(0), 2, 3, 1)
    xs, _ = adding_problem(np.random.default_rng(0), 2, 6)
    for fn in (marked_value_sensitivity, marker_gradient_ratio, marker_jacobian_norms):
        with pytest.raises(ValueError, match="^model"):
            fn(object(), xs)
        with pytest.raises(ValueError, match="^xs"):
            fn(model, xs[:, :, :1])


def test_spread_and_stack_curves():
    assert spread([3.0, 1.0, 2.0]) == Spread(2.0, 1.0, 3.0, 3)
    assert spread([1.0, None, 2.0]).hi == np.inf  # 도달하지 못함은 무한대
    assert str(spread([1.0, 2.0])) == "1.5 [1, 2]"
    with pytest.raises(ValueError, match="^values"):
        spread([])
    with pytest.raises(ValueError, match="^values"):
        spread([1.0, float("nan")])
    steps, values = stack_curves([(np.array([1, 2, 3]), np.array([5.0, 4.0, 3.0])), (np.array([2, 4]), [9.0, 8.0])])
    np.testing.assert_array_equal(steps, [1, 2, 3, 4])
    # 일찍 멈춘 곡선은 마지막 값을 잇고, 앞쪽에 값이 없으면 첫 값을 쓴다
    np.testing.assert_array_equal(values, [[5, 4, 3, 3], [9, 9, 9, 8]])
    with pytest.raises(ValueError, match="^curves"):
        stack_curves([])
    with pytest.raises(ValueError, match=r"^curves\[0\]"):
        stack_curves([(np.array([2, 1]), np.array([1.0, 2.0]))])


def test_results_container(tiny_results):
    assert tiny_results.Ts == [6, 8] and tiny_results.seeds == [1, 2]
    assert tiny_results.cells == ["rnn", "lstm"]
    runs = tiny_results.runs("lstm", 8)
    assert [r.seed for r in runs] == [1, 2]
    median_run = tiny_results.get("lstm", 8)
    assert median_run.test_mse == min(r.test_mse for r in runs)  # 두 개면 작은 쪽
    sp = tiny_results.spread("rnn", 6, "test_mse")
    assert sp.n == 2 and sp.lo <= sp.median <= sp.hi
    rows = tiny_results.table()
    assert [(r["T"], r["model"], r["seeds"]) for r in rows] == [
        (6, "RNN", 2), (6, "LSTM", 2), (8, "RNN", 2), (8, "LSTM", 2)]
    assert rows[1]["test_mse"] == tiny_results.spread("lstm", 6, "test_mse")
    with pytest.raises(ValueError, match="^T"):
        tiny_results.runs("rnn", 100)
    with pytest.raises(ValueError, match="^seed"):
        tiny_results.get("rnn", 6, seed=7)
    with pytest.raises(ValueError, match="^run"):
        tiny_results.add("not a run")
    with pytest.raises(ValueError, match="^Ts"):
        run_adding_experiment(5)
    with pytest.raises(ValueError, match="^Ts"):
        run_adding_experiment((), seeds=(0,))


def test_experiment_runs_each_cell_bias_and_seed():
    r = run_adding_experiment((6,), cells=("rnn", "lstm"), seeds=(0, 4), lrs={"lstm": 0.02}, forget_biases=(1.0, 0.0),
                              settings=TINY, n_test=4, n_probe=2, workers=1)
    assert sorted(r.runs_by_key) == sorted(
        [("rnn", 6, None, 0), ("rnn", 6, None, 4), ("lstm", 6, 1.0, 0), ("lstm", 6, 1.0, 4),
         ("lstm", 6, 0.0, 0), ("lstm", 6, 0.0, 4)])
    assert {x.lr for x in r.runs("lstm", 6)} == {0.02}
    assert {x.lr for x in r.runs("rnn", 6)} == {TINY.get("lr", 1e-2)}
    assert r.runs("lstm", 6, forget_bias=0.0)[0].name == "LSTM (편향 0)"


@pytest.mark.slow
def test_parallel_runs_equal_serial_runs():
    specs = [dict(cell=c, T=6, seed=s, settings=TINY, n_test=4, n_probe=2) for c in ("rnn", "lstm") for s in (0, 1)]
    serial = run_adding_many(specs, workers=1)
    parallel = run_adding_many(specs, workers=2)
    for a, b in zip(serial, parallel, strict=True):
        assert (a.cell, a.seed) == (b.cell, b.seed)
        np.testing.assert_array_equal(a.eval_mse, b.eval_mse)
        np.testing.assert_array_equal(a.probe_gradient, b.probe_gradient)
        assert a.test_mse == b.test_mse
    with pytest.raises(ValueError, match="^specs"):
        run_adding_many([])
    with pytest.raises(ValueError, match="^workers"):
        run_adding_many(specs, workers=0)


def test_choose_learning_rates_picks_the_lowest_median():
    search = choose_learning_rates(("rnn",), (1e-3, 5e-2), T=6, steps=6, seeds=(0, 1), settings=TINY, workers=1)
    vals = {lr: np.median(v) for (_, lr), v in search.val_mse.items()}
    assert search.best["rnn"] == min(vals, key=vals.get)
    assert len(search.val_mse[("rnn", 1e-3)]) == 2
    rows = search.table()
    assert sum(r["chosen"] for r in rows) == 1 and {r["lr"] for r in rows} == {1e-3, 5e-2}
    # 예산을 다 쓴 검증 MSE 다: 같은 학습률로 직접 학습한 마지막 검증 값과 같다
    one = run_adding("rnn", 6, seed=1, lr=5e-2, settings={**TINY, "steps": 6}, early_stop=False, n_test=1, n_probe=0)
    assert search.val_mse[("rnn", 5e-2)][1] == one.eval_mse[-1]
    with pytest.raises(ValueError, match="^cells"):
        choose_learning_rates(("cnn",))
    with pytest.raises(ValueError, match="^seeds"):
        choose_learning_rates(seeds=())


def test_run_cache_reuses_results_only_when_enabled(tmp_path, monkeypatch):
    calls = []

    def work(x, *, y=1):
        calls.append((x, y))
        return {"x": x, "y": y}

    monkeypatch.delenv(CACHE_ENV, raising=False)
    cached_call(work, 1, y=2)
    cached_call(work, 1, y=2)
    assert len(calls) == 2  # 꺼져 있으면 언제나 새로 계산한다
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    assert cached_call(work, 1, y=2) == {"x": 1, "y": 2}
    assert cached_call(work, 1, y=2) == {"x": 1, "y": 2}
    assert cached_call(work, 1, y=3) == {"x": 1, "y": 3}
    assert calls[2:] == [(1, 2), (1, 3)]  # 같은 호출은 한 번만 계산했다
    assert len(list((tmp_path / "cache").glob("*.pkl"))) == 2


def test_run_cache_keys_arrays_by_their_whole_content(tmp_path, monkeypatch):
    """큰 배열의 repr 은 가운데를 "..." 로 줄인다: 열쇠는 배열의 내용 전체로 만들어야 한다."""
    calls = []

    def total(ids, *, settings=None):
        calls.append(ids.copy())
        return int(ids.sum())

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    a = np.zeros(5000, dtype=np.int64)
    b = a.copy()
    b[2500] = 7  # repr 에는 보이지 않는 자리
    assert repr(a) == repr(b)
    assert cached_call(total, a, settings={"k": (1, 2)}) == 0
    assert cached_call(total, b, settings={"k": (1, 2)}) == 7
    assert cached_call(total, b.astype(np.int32), settings={"k": (1, 2)}) == 7  # dtype 이 다르면 다른 호출
    assert cached_call(total, b.copy(), settings={"k": (1, 2)}) == 7  # 같은 내용이면 다시 쓴다
    assert cached_call(total, b, settings={"k": (1, 3)}) == 7  # 사전 안의 값이 다르면 다른 호출
    assert len(calls) == 4


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
        learning_curves_figure({"T = 100": {"RNN": stack_curves([_curves(rng), _curves(rng, 12)]),
                                            "IRNN": stack_curves([_curves(rng, 9), _curves(rng)])}}),
        training_probes_figure(
            {"RNN": (np.arange(5), 10.0 ** -np.arange(0, 50, 10.0)[None]), "LSTM": (np.arange(5), np.ones((3, 5)))},
            {"RNN": (np.arange(5), np.zeros((2, 5))), "LSTM": (np.arange(5), np.ones((3, 5)))},
        ),
    ]
    for fig in figs:
        fig.canvas.draw()
    # 1e-30 아래로 사라진 기울기는 잘라 그리고 그림에 적는다
    assert any("아래 값" in t.get_text() for t in figs[2].axes[0].texts)
    assert any("아래 값" in t.get_text() for t in figs[4].axes[0].texts)
    assert len(figs[1].axes) == 2
    # 시드 여럿이면 중앙값 선과 범위 띠: 선 이름에 시드 수가 붙는다
    assert figs[3].axes[0].lines[0].get_label() == "RNN (시드 2개)"
    assert len(figs[3].axes[0].collections) == 2


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
    with pytest.raises(ValueError, match="^gradient"):
        training_probes_figure({}, {"RNN": (np.arange(2), np.ones((1, 2)))})
    with pytest.raises(ValueError, match=r"^sensitivity\['RNN'\]"):
        training_probes_figure({"RNN": (np.arange(2), np.ones((1, 2)))}, {"RNN": (np.arange(2), np.ones((1, 3)))})
    with pytest.raises(ValueError, match=r"^gradient\['RNN'\]"):
        training_probes_figure({"RNN": (np.arange(2), -np.ones((1, 2)))}, {"RNN": (np.arange(2), np.ones((1, 2)))})


def test_live_figure_updates_in_place(tiny_results):
    live = results_live_figure(**demo_data(tiny_results, 6, 1))
    assert isinstance(live, LiveFigure)
    n_axes = len(live.fig.axes)
    line = live.fig.axes[0].lines[0]
    live.update(**demo_data(tiny_results, 8, 2))
    live.fig.canvas.draw()
    assert len(live.fig.axes) == n_axes
    assert live.fig.axes[0].lines[0] is line
    np.testing.assert_array_equal(line.get_xdata(), tiny_results.get("rnn", 8, seed=2).eval_steps)
    data = demo_data(tiny_results, 8, 2)
    with pytest.raises(ValueError, match=r"^preds\[1\]"):
        live.update(**{**data, "preds": [data["preds"][0], np.ones(3)]})
    with pytest.raises(ValueError, match="^names"):
        live.update(**{**data, "names": ["RNN", "GRU"]})
    with pytest.raises(ValueError, match="^names"):
        results_live_figure(T=5)


# ----------------------------------------------------------------------------------- interact
def test_demo_uses_given_results(tiny_results):
    demo = rnn_vs_lstm_demo(tiny_results)
    assert isinstance(demo, Demo)
    assert demo.controls["T"].values == [6, 8] and demo.controls["seed"].values == [1, 2]
    png = demo.update(T=6, seed=2)
    assert png[:4] == b"\x89PNG" and demo.last_error is None
    # 그림의 곡선이 장의 결과 그 자체이다
    np.testing.assert_array_equal(demo.fig.axes[0].lines[1].get_ydata(), tiny_results.get("lstm", 6, seed=2).eval_mse)
    with pytest.raises(ValueError, match=r"^T: "):
        demo.update(T=100)
    with pytest.raises(ValueError, match=r"^results: "):
        rnn_vs_lstm_demo("results")
    with pytest.raises(ValueError, match=r"^results: "):
        rnn_vs_lstm_demo(AddingResults())


def test_demo_registered_and_quick():
    assert DEMOS["rnn_vs_lstm_results"] is rnn_vs_lstm_demo
    r = quick_results(Ts=(10,), seeds=(0,))
    assert r.Ts == [10]
    html = rnn_vs_lstm_demo(r).scrubber_html()
    assert len(html.encode()) < 1_500_000
