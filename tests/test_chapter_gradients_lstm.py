"""5장(장기 의존성 문제)과 6장(LSTM)의 계산·그림·데모 검사.

값은 따로 계산한 기준(반복문 시뮬레이션, 정확한 거듭제곱, core 의 야코비 행렬)과 비교한다.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from figurekit import overlapping_texts

from helpers.core.activations import sigmoid
from helpers.core.gates import cell_step_data, gate_playground_data, lstm_rnn_gradient_data
from helpers.core.init import init_lstm, init_rnn, orthogonal
from helpers.core.jacobian import (
    hidden_jacobians,
    jacobian_norms,
    log_product_norms,
    per_step_rate,
    sample_distances,
    step_jacobians,
)
from helpers.core.lstm import TimeLSTM
from helpers.core.optim import clip_grads, global_norm
from helpers.core.rnn import TimeRNN
from helpers.core.slider_data import first_crossing, rnn_gradient_data
from helpers.core.toy_models import fixed_gate_memory, half_life, measured_half_life, pulse_response
from helpers.interact.gradients import gradient_over_distance
from helpers.interact.lstm import lstm_cell_demo, lstm_gate_playground, lstm_vs_rnn_gradient
from helpers.view.base import get_message
from helpers.view.gradients import clip_for_plot, gradient_over_distance_live, norms_over_distance_figure
from helpers.view.lstm import lstm_cell_diagram, lstm_cell_live, lstm_vs_rnn_live, memory_gradient_live


def simulate_cell(f, i, o, T, pulse):
    """게이트를 고정한 셀을 반복문으로 한 시점씩 계산한다 (기준)."""
    c, cs, hs = 0.0, [], []
    for t in range(T):
        g = pulse if t == 0 else 0.0
        c = f * c + i * g
        cs.append(c)
        hs.append(o * math.tanh(c))
    return np.array(cs), np.array(hs)


# ---------------------------------------------------------------- 기억과 반감기


@pytest.mark.parametrize("f", [0.3, 0.5, 0.9, 0.97, 0.999])
def test_half_life_formula_matches_simulation(f):
    cs, _ = simulate_cell(f, 1.0, 1.0, 20_000 if f > 0.99 else 400, 1.0)
    k = int(np.argmax(cs <= 0.5 * cs[0]))  # 처음으로 절반 이하가 되는 칸
    assert k - 1 < half_life(f) <= k  # 식의 값은 그 칸과 앞 칸 사이에 있다
    assert measured_half_life(cs) == pytest.approx(half_life(f), rel=1e-9)


def test_half_life_extremes_and_bad_input():
    assert half_life(1.0) == math.inf
    assert half_life(0.0) == 0.0
    assert half_life(0.9) == pytest.approx(6.5788, abs=1e-4)
    for bad in (1.5, -0.1, float("nan"), "0.9", True):
        with pytest.raises(ValueError, match="^f:"):
            half_life(bad)


@pytest.mark.parametrize("f,i,o,pulse", [(0.8, 0.3, 0.6, 1.0), (0.0, 1.0, 1.0, 0.7), (1.0, 0.5, 0.2, -0.9)])
def test_fixed_gate_memory_matches_loop(f, i, o, pulse):
    mem = fixed_gate_memory(f, i, o, 30, pulse=pulse)
    cs, hs = simulate_cell(f, i, o, 30, pulse)
    np.testing.assert_allclose(mem["cs"], cs, rtol=1e-12, atol=0)
    np.testing.assert_allclose(mem["hs"], hs, rtol=1e-12, atol=0)
    np.testing.assert_array_equal(mem["ts"], np.arange(1, 31))


def test_fixed_gate_memory_keeps_dtype_and_checks_inputs():
    assert fixed_gate_memory(0.9, 1, 1, 5, dtype=np.float32)["cs"].dtype == np.float32
    for kwargs, name in [
        ({"T": 0}, "T"),
        ({"i": 2.0}, "i"),
        ({"o": -1.0}, "o"),
        ({"pulse": math.inf}, "pulse"),
    ]:
        args = {"f": 0.9, "i": 1.0, "o": 1.0, "T": 10, **kwargs}
        pulse = args.pop("pulse", 1.0)
        with pytest.raises(ValueError, match=f"^{name}:"):
            fixed_gate_memory(**args, pulse=pulse)


def test_measured_half_life_edge_cases():
    assert measured_half_life(np.ones(10)) == math.inf
    assert measured_half_life(np.array([1.0, 0.0, 0.0])) == 0.0
    with pytest.raises(ValueError, match="^cs:"):
        measured_half_life(np.zeros(5))
    with pytest.raises(ValueError, match="^cs:"):
        measured_half_life(np.ones((2, 2)))


def test_time_lstm_with_fixed_gates_has_the_formula_half_life():
    f, i, o, T = 0.95, 0.7, 0.4, 60
    logit = [math.log(p / (1 - p)) for p in (i, f)]
    b = np.array([logit[0], logit[1], 0.0, math.log(o / (1 - o))])
    xs = np.zeros((1, T, 1))
    xs[0, 0, 0] = math.atanh(0.5)
    layer = TimeLSTM(np.array([[0.0, 0.0, 1.0, 0.0]]), np.zeros((1, 4)), b)
    layer.forward(xs)
    cs = layer.gates["c"][0, :, 0]
    np.testing.assert_allclose(cs, fixed_gate_memory(f, i, o, T, pulse=0.5)["cs"], rtol=1e-12)
    assert measured_half_life(cs) == pytest.approx(half_life(f), rel=1e-9)


# ---------------------------------------------------------------- 기울기 노름


def test_per_step_rate_recovers_geometric_rate():
    d = np.arange(50)
    assert per_step_rate(0.8**d) == pytest.approx(0.8, rel=1e-12)
    assert per_step_rate(d * math.log(1.3), log_input=True) == pytest.approx(1.3, rel=1e-12)
    with_zeros = 0.5**d
    with_zeros[10:] = 0.0  # 정확히 0 인 값은 빼고 맞춘다
    assert per_step_rate(with_zeros) == pytest.approx(0.5, rel=1e-12)
    assert math.isnan(per_step_rate(np.array([1.0, 0.0, 0.0])))
    with pytest.raises(ValueError, match="^distances:"):
        per_step_rate(np.ones(4), np.arange(3))


@pytest.mark.parametrize("activation", ["tanh", "relu", "linear"])
def test_log_product_norms_matches_core_jacobian_norms(activation):
    rng = np.random.default_rng(3)
    Wx, Wh, b = init_rnn(rng, 3, 6, recurrent="scaled", scale=1.1)
    layer = TimeRNN(Wx, Wh, b, activation=activation)
    layer.forward(rng.standard_normal((1, 40, 3)))
    ref = jacobian_norms(layer)[0, ::-1]  # 거리 0, 1, … 순서
    ok = ref > 0
    got = log_product_norms(step_jacobians(layer)[0])
    np.testing.assert_allclose(got[ok], np.log(ref[ok]), rtol=0, atol=1e-10)
    assert np.all(np.isneginf(got[~ok]))
    d = np.array([0, 5, 17, 39])
    np.testing.assert_allclose(log_product_norms(step_jacobians(layer)[0], d), got[d], rtol=0, atol=1e-12)


def test_log_product_norms_does_not_overflow():
    # Wh = 3·Q (직교) 이고 선형이면 ‖∂h(T)/∂h(T−d)‖ = 3^d 정확히. 3^800 은 float64 를 넘는다.
    Q = orthogonal(np.random.default_rng(0), 4)
    S = np.broadcast_to(3.0 * Q, (801, 4, 4)).copy()
    got = log_product_norms(S)
    np.testing.assert_allclose(got, np.arange(801) * math.log(3.0), rtol=1e-10, atol=1e-10)
    tiny = np.broadcast_to(1e-20 * Q, (801, 4, 4)).copy()
    np.testing.assert_allclose(log_product_norms(tiny), np.arange(801) * math.log(1e-20), rtol=1e-10)


def test_log_product_norms_exact_zero_and_bad_input():
    S = np.broadcast_to(np.eye(3), (10, 3, 3)).copy()
    S[6] = 0.0  # 거리 4 에서 곱이 0 이 된다 (S[10 − 4])
    got = log_product_norms(S)
    np.testing.assert_allclose(got[:4], 0.0, atol=1e-14)
    assert np.all(np.isneginf(got[4:]))
    with pytest.raises(ValueError, match="^step_jacobians:"):
        log_product_norms(np.ones((5, 2, 3)))
    with pytest.raises(ValueError, match="^distances:"):
        log_product_norms(S, np.array([3, 2]))
    with pytest.raises(ValueError, match="^distances:"):
        log_product_norms(S, np.array([0, 10]))


def test_sample_distances():
    np.testing.assert_array_equal(sample_distances(20), np.arange(20))
    d = sample_distances(500, 150)
    assert d[0] == 0 and d[-1] == 499 and len(d) <= 150 and np.all(np.diff(d) > 0)


def test_rnn_gradient_data_bound_and_rate():
    for act in ("tanh", "relu", "linear"):
        data = rnn_gradient_data(radius=1.3, T=120, activation=act)
        assert np.all(data["log_norms"] <= data["log_bound"] + 1e-9)  # (γ σ_max)^d 를 넘지 않는다
        assert data["sigma_max"] >= data["radius"] - 1e-9
    lin = rnn_gradient_data(radius=0.8, T=150, activation="linear")
    # 선형이면 ∂h(T)/∂h(t) = W^d, 먼 거리의 비율은 스펙트럼 반지름 (겔판트 공식)
    assert per_step_rate(lin["log_norms"][75:], lin["distances"][75:], log_input=True) == pytest.approx(
        0.8, abs=0.02
    )
    assert lin["first_vanish"] is not None and lin["first_explode"] is None
    big = rnn_gradient_data(radius=3.0, T=500, activation="linear")
    assert np.all(np.isfinite(big["log_norms"])) and big["first_explode"] is not None
    with pytest.raises(ValueError, match="^activation:"):
        rnn_gradient_data(activation="sigmoid")
    with pytest.raises(ValueError, match="^radius:"):
        rnn_gradient_data(radius=0.0)


def test_first_crossing():
    d = np.array([0, 2, 4, 6])
    logs = np.log(np.array([1.0, 1e-2, 1e-4, 1e-6]))
    assert first_crossing(d, logs, 1e-3, above=False) == 4
    assert first_crossing(d, logs, 1e3, above=True) is None
    with pytest.raises(ValueError, match="^log_norms:"):
        first_crossing(d, logs[:3], 1e-3, above=False)


def test_clipping_caps_exploding_and_leaves_vanishing_unchanged():
    rng = np.random.default_rng(0)
    Wx, Wh, b = init_rnn(rng, 2, 5, recurrent="orthogonal", scale=1.3)
    grads = [(1.3**40) * rng.standard_normal(s) for s in (Wx.shape, Wh.shape, b.shape)]
    before = [g.copy() for g in grads]
    norm = clip_grads(grads, 1.0)
    assert norm > 1e3 and global_norm(grads) == pytest.approx(1.0, rel=1e-12)
    for g, g0 in zip(grads, before, strict=True):
        np.testing.assert_allclose(g, g0 / norm, rtol=1e-12)
    tiny = [1e-20 * rng.standard_normal(5)]
    copy = tiny[0].copy()
    assert clip_grads(tiny, 1.0) < 1.0
    np.testing.assert_array_equal(tiny[0], copy)


def test_lstm_rnn_gradient_data_direct_path_and_bias():
    data = lstm_rnn_gradient_data(forget_bias=2.0, T=30, H=4)
    layer = TimeLSTM(*init_lstm(np.random.default_rng(0), 4, 4, forget_bias=2.0))
    layer.forward(np.random.default_rng(2).standard_normal((1, 30, 4)))
    f = layer.gates["f"][0]
    brute = [np.log(np.max(np.prod(f[30 - d :], axis=0))) if d else 0.0 for d in range(30)]
    np.testing.assert_allclose(data["log_fprod"], brute, rtol=1e-10, atol=1e-12)
    assert data["mean_f"] == pytest.approx(float(f.mean()))
    means = [lstm_rnn_gradient_data(forget_bias=bf, T=30)["mean_f"] for bf in (-2.0, 0.0, 2.0, 4.0)]
    assert means == sorted(means)
    with pytest.raises(ValueError, match="^forget_bias:"):
        lstm_rnn_gradient_data(forget_bias=math.nan)


def test_cell_step_data_matches_formula():
    out = cell_step_data(a_i=0.3, a_f=-1.2, a_g=0.8, a_o=2.0, c_prev=-0.7)
    i, f, o = (float(sigmoid(np.array(a))) for a in (0.3, -1.2, 2.0))
    g = math.tanh(0.8)
    c = f * -0.7 + i * g
    assert out["c"] == pytest.approx(c, rel=1e-12) and out["h"] == pytest.approx(o * math.tanh(c), rel=1e-12)
    assert (out["i"], out["f"], out["g"], out["o"]) == pytest.approx((i, f, g, o), rel=1e-12)
    with pytest.raises(ValueError, match="^c_prev:"):
        cell_step_data(c_prev=math.inf)


def test_gate_playground_data():
    d = gate_playground_data(f=0.9, i=1.0, o=1.0)
    assert d["measured"] == pytest.approx(d["half_life"], rel=1e-9)
    assert gate_playground_data(f=0.5, i=0.0)["measured"] is None
    assert gate_playground_data(f=1.0)["measured"] == math.inf


@pytest.mark.parametrize("f,i", [(0.9, 1.0), (0.5, 0.3), (1.0, 0.7), (0.0, 1.0)])
def test_gate_playground_memory_and_gradient_are_the_same_power(f, i):
    """LSTM: 기억 c(1 + d) = i f^d, 기울기 ∂c(T)/∂c(T − d) = f^d (실제 TimeLSTM 의 야코비 행렬과 비교)."""
    d = gate_playground_data(f=f, i=i, o=0.5, T=30)
    cs, _ = simulate_cell(f, i, 0.5, 30, 1.0)
    np.testing.assert_allclose(d["cs"], cs, rtol=1e-12, atol=0)
    np.testing.assert_allclose(np.exp(d["log_grad_lstm"]), [f**k for k in range(30)], rtol=1e-12, atol=0)
    if 0 < f < 1:
        logit = math.log(f / (1 - f))
        layer = TimeLSTM(np.zeros((1, 4)), np.zeros((1, 4)), np.array([0.0, logit, 0.0, 0.0]))
        layer.forward(np.zeros((1, 30, 1)))
        jacobian_from_layer = hidden_jacobians(layer)[0, ::-1, 1, 1]  # 거리 d 순서의 ∂c(T)/∂c(T − d)
        np.testing.assert_allclose(np.exp(d["log_grad_lstm"]), jacobian_from_layer, rtol=1e-10)


@pytest.mark.parametrize("wh", [0.0, 0.5, 0.9, 1.2, 2.0])
def test_gate_playground_rnn_gradient_is_the_product_along_the_pulse(wh):
    d = gate_playground_data(wh=wh, T=40)
    hs = pulse_response(wh, 0.5, "tanh", T=40)["hs"]
    np.testing.assert_array_equal(d["rnn_hs"], hs)
    for k in (0, 1, 5, 39):  # 기준: 곱을 그대로 계산한다
        expected = np.prod(np.abs(wh * (1 - hs[40 - k :] ** 2)))
        if expected == 0.0:
            assert d["log_grad_rnn"][k] == -math.inf
        else:
            assert math.exp(d["log_grad_rnn"][k]) == pytest.approx(expected, rel=1e-10)


def test_gate_playground_latch_keeps_memory_and_loses_gradient():
    d = gate_playground_data(f=1.0, wh=1.2)
    assert abs(d["rnn_hs"][-1] - 0.6585696604057545) < 1e-6  # 고정점 h = tanh(1.2 h)
    assert d["log_grad_rnn"][-1] < math.log(1e-10) and d["log_grad_lstm"][-1] == 0.0


@pytest.mark.parametrize("bad", [{"f": 1.5}, {"i": -0.1}, {"o": math.nan}, {"wh": math.inf}, {"T": 1}])
def test_gate_playground_rejects_bad_input(bad):
    name = next(iter(bad))
    with pytest.raises(ValueError, match=f"^{name}:"):
        gate_playground_data(**bad)


# ---------------------------------------------------------------- 그림


def test_clip_for_plot():
    y, note = clip_for_plot(np.array([0.0, 100.0, -100.0, -np.inf]))
    assert (
        y[0] == 1.0
        and y[1] == pytest.approx(1e30)
        and y[2] == pytest.approx(1e-30)
        and y[3] == pytest.approx(1e-30)
    )
    assert "1e30" in note and "0" in note
    assert clip_for_plot(np.zeros(3))[1] == ""
    with pytest.raises(ValueError, match="^log_values:"):
        clip_for_plot(np.array([np.nan]))


def test_static_figures_draw_without_warnings():
    d = np.arange(10)
    fig = norms_over_distance_figure(d, [("a", 0.5**d), ("b", 2.0**d)], references=[("상한", 3.0**d)])
    fig.canvas.draw()
    lstm_cell_diagram().canvas.draw()
    with pytest.raises(ValueError, match="^series:"):
        norms_over_distance_figure(d, [])


def test_live_figures_update_in_place():
    data = rnn_gradient_data(radius=0.9, T=50)
    live = gradient_over_distance_live(**data)
    n_artists = len(live.fig.axes[0].get_children())
    live.fig.canvas.draw()
    live.update(**rnn_gradient_data(radius=3.0, T=500, activation="linear"))
    live.fig.canvas.draw()
    texts = [t.get_text() for t in live.fig.axes[0].texts]
    title = live.fig.axes[0].get_title(loc="left")
    assert "판정: 기울기 폭주" in title and "3.00" in title
    assert any("잘라서" in t for t in texts)  # 1e30 을 넘는 값은 잘랐다고 적는다
    assert len(live.fig.axes[0].get_children()) == n_artists

    cell = lstm_cell_live(**cell_step_data(a_f=3.0))
    before = [t.get_text() for t in cell.fig.axes[0].texts]
    cell.update(**cell_step_data(a_f=-3.0))
    cell.fig.canvas.draw()
    assert before != [t.get_text() for t in cell.fig.axes[0].texts]
    with pytest.raises(ValueError, match="^g:"):
        cell.update(**{**cell_step_data(), "g": 2.0})

    pulse = memory_gradient_live(**gate_playground_data(f=0.9))
    n_artists = [len(ax.get_children()) for ax in pulse.fig.axes]
    pulse.update(**gate_playground_data(f=1.0, wh=2.0))
    pulse.fig.canvas.draw()
    assert "∞" in pulse.fig.axes[0].get_title(loc="left")
    assert "바닥에" in pulse.fig.axes[1].get_title(loc="left")  # 1e−16 보다 작은 기울기는 잘랐다고 적는다
    assert [len(ax.get_children()) for ax in pulse.fig.axes] == n_artists
    pulse.update(**gate_playground_data(f=0.5, i=0.0))
    assert "아무것도" in pulse.fig.axes[0].get_title(loc="left")

    comp = lstm_vs_rnn_live(**lstm_rnn_gradient_data(forget_bias=1.0, T=40))
    comp.update(**lstm_rnn_gradient_data(forget_bias=-3.0, T=300))
    comp.fig.canvas.draw()
    assert comp.fig.axes[0].get_xlim()[1] == 299
    assert "−3.0" in comp.fig.axes[0].get_title(loc="left")


@pytest.mark.parametrize(
    "factory,params",
    [
        (gradient_over_distance, {"radius": 3.0, "T": 500, "activation": "linear"}),
        (gradient_over_distance, {"radius": 3.0, "T": 500, "activation": "tanh"}),
        (gradient_over_distance, {"radius": 0.1, "T": 500, "activation": "relu"}),
        (lstm_gate_playground, {"f": 1.0}),
        (lstm_gate_playground, {"f": 0.0, "i": 0.0, "o": 0.0}),
        (lstm_vs_rnn_gradient, {"forget_bias": 6.0, "T": 300}),
        (lstm_vs_rnn_gradient, {"forget_bias": -3.0, "T": 300}),
        (lstm_cell_demo, {"a_f": -6.0, "a_g": -3.0, "c_prev": -2.0}),
    ],
)
def test_demos_at_extremes_show_a_plot_not_an_error(factory, params):
    demo = factory()
    png = demo.update(**params)
    assert png[:4] == b"\x89PNG"
    assert get_message(demo.fig) is None, demo.last_error


@pytest.mark.parametrize(
    "factory, params",
    [
        (gradient_over_distance, {"radius": 3.0, "T": 500, "activation": "tanh"}),
        (gradient_over_distance, {"radius": 0.1, "T": 500, "activation": "relu"}),
        (lstm_vs_rnn_gradient, {"forget_bias": -3.0, "T": 300}),
        (lstm_vs_rnn_gradient, {"forget_bias": 6.0, "T": 300}),
    ],
)
def test_clip_note_overlaps_no_other_text(factory, params):
    """값을 잘라서 그렸다는 안내가 그림 안에 있고, 다른 글자(제목, 영역 이름, 범례)와 겹치지 않는다."""
    from matplotlib.text import Text

    demo = factory()
    demo.update(**params)
    fig = demo.fig
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    notes = [t for t in texts if "잘라서" in t.get_text() or "바닥에" in t.get_text()]
    assert len(notes) == 1, [t.get_text() for t in texts]
    note = notes[0].get_window_extent(fig.canvas.get_renderer())
    assert fig.bbox.contains(note.x0, note.y0) and fig.bbox.contains(note.x1, note.y1), "안내가 그림 밖으로 나갔다"
    assert not overlapping_texts(fig), overlapping_texts(fig)
