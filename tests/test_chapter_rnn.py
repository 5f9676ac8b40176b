"""1·2장(순환 신경망, BPTT)의 계산 함수(helpers.core.toys), 그림(helpers.view.rnn), 데모(helpers.interact.rnn)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from helpers.core.rnn import TimeRNN
from helpers.core.sensitivity import input_credit
from helpers.core.tasks import delay_task
from helpers.core.toy_models import SATURATION_SLOPE, cliff_loss_grad, gd_path, pulse_response, pulse_verdict
from helpers.core.train import make_delay_model, train_bptt
from helpers.interact.rnn import bptt_clipping_demo, clipping_data, pulse_data, rnn_pulse_demo
from helpers.view.base import LiveFigure, get_message
from helpers.view.rnn import (
    _inside,
    clipping_live_figure,
    credit_figure,
    feedforward_vs_recurrent_figure,
    loss_curves_figure,
    memory_cell_figure,
    pulse_live_figure,
    pulse_message,
    unrolled_figure,
)


# ------------------------------------------------------------------------------------------ 펄스 응답
@pytest.mark.parametrize("act", ["tanh", "relu", "linear"])
def test_pulse_response_matches_time_rnn_with_one_unit(act):
    d = pulse_response(0.8, 1.3, act, T=25)
    rnn = TimeRNN(np.array([[1.3]]), np.array([[0.8]]), np.zeros(1), activation=act)
    hs = rnn.forward(d["xs"].reshape(1, -1, 1))[0, :, 0]
    np.testing.assert_allclose(d["hs"], hs, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(d["pre"][1:], 0.8 * d["hs"][:-1])  # 펄스 뒤에는 a(t) = w_h h(t−1)
    assert d["xs"][0] == 1.0 and not d["xs"][1:].any()


def test_pulse_response_linear_is_geometric_until_it_explodes():
    d = pulse_response(0.5, 2.0, "linear", T=10)
    np.testing.assert_allclose(d["hs"], 2.0 * 0.5 ** np.arange(10))
    d = pulse_response(2.0, 1.0, "linear", T=40)
    k = d["exploded_at"]
    assert k == math.floor(math.log2(1e6)) + 2  # 2^(k−1) 이 처음으로 1e6 을 넘는 시점
    assert np.isnan(d["hs"][k:]).all() and np.isfinite(d["hs"][:k]).all()


def test_pulse_verdict_kinds_follow_the_data():
    def kind(wh, wx, act="tanh"):
        d = pulse_response(wh, wx, act)
        return pulse_verdict(d["hs"], d["pre"], act)

    forget, keep, sat = kind(0.5, 1.0), kind(1.2, 0.5), kind(1.9, 2.5)
    assert forget["kind"] == "forget" and forget["retention"] < 0.5
    h, n = math.tanh(1.0), 0  # 독립 계산: 최댓값 h(1) 에서 절반 아래로 내려갈 때까지 걸린 시점 수
    while abs(h) >= 0.5 * math.tanh(1.0):
        h, n = math.tanh(0.5 * h), n + 1
    assert forget["half_life"] == n
    assert keep["kind"] == "remember" and keep["retention"] >= 0.5
    assert sat["kind"] == "saturate" and sat["min_slope"] < SATURATION_SLOPE
    assert math.isclose(sat["min_slope"], 1 - math.tanh(2.5) ** 2)
    assert kind(2.0, 1.0, "linear")["kind"] == "explode"
    grow = kind(1.1, 0.1, "linear")
    assert grow["kind"] == "grow" and math.isclose(grow["gain"], 1.1**39)
    assert "커진다" in pulse_message(grow)
    assert kind(1.5, 0.1, "tanh")["kind"] == "remember"  # tanh 는 묶여 있으므로 커져도 "기억한다"
    assert kind(0.9, 1.0, "relu")["kind"] == "forget"
    assert "잊는다" in pulse_message(forget) and f"{forget['half_life']}" in pulse_message(forget)
    assert "기억한다" in pulse_message(keep) and "포화된다" in pulse_message(sat)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"wh": float("nan")}, "wh"),
        ({"wx": "1"}, "wx"),
        ({"act": "sigmoid"}, "act"),
        ({"T": 0}, "T"),
        ({"pulse_len": 50}, "pulse_len"),
    ],
)
def test_pulse_response_bad_inputs_name_the_argument(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name}:"):
        pulse_response(**kwargs)


def test_pulse_verdict_bad_inputs():
    with pytest.raises(ValueError, match="^hs:"):
        pulse_verdict(np.zeros((3, 1)), np.zeros(3))
    with pytest.raises(ValueError, match="^pre:"):
        pulse_verdict(np.zeros(3), np.zeros(4))


# ------------------------------------------------------------------------------------------ 절벽
def test_cliff_gradient_matches_central_differences():
    wh, wx, eps = np.array([0.3, 0.9, 1.05, 1.2]), np.array([0.5, -0.2, 0.1, 0.02]), 1e-6
    L, dwh, dwx = cliff_loss_grad(wh, wx)
    num_wh = (cliff_loss_grad(wh + eps, wx)[0] - cliff_loss_grad(wh - eps, wx)[0]) / (2 * eps)
    num_wx = (cliff_loss_grad(wh, wx + eps)[0] - cliff_loss_grad(wh, wx - eps)[0]) / (2 * eps)
    np.testing.assert_allclose(dwh, num_wh, rtol=1e-5)
    np.testing.assert_allclose(dwx, num_wx, rtol=1e-5)
    # 닫힌 꼴: h(T) = w_x (w_h^T − 1) / (w_h − 1)
    hT = wx * (wh**20 - 1) / (wh - 1)
    np.testing.assert_allclose(L, (hT - 2.0) ** 2)


def test_gd_path_clipping_bounds_every_step_and_plain_escapes():
    plain = gd_path((1.0, 0.02), 0.01, None)
    clipped = gd_path((1.0, 0.02), 0.01, 1.0)
    assert plain["escaped_at"] is not None and plain["jump"] > 100 * 0.01
    assert clipped["escaped_at"] is None
    assert np.all(clipped["step_norms"] <= 0.01 * 1.0 + 1e-12)
    # 클리핑은 방향을 바꾸지 않는다: 첫 걸음은 기울기의 반대 방향
    _, g1, g2 = cliff_loss_grad(1.0, 0.02)
    step = clipped["path"][1] - clipped["path"][0]
    cos = -(step @ np.array([g1, g2])) / (np.linalg.norm(step) * math.hypot(g1, g2))
    assert cos > 1 - 1e-12
    assert clipped["grad_norms"][0] == pytest.approx(math.hypot(g1, g2))
    assert clipped["losses"][-1] < 0.1 * clipped["losses"][0]


@pytest.mark.parametrize(
    "args, name",
    [
        (((1.0,), 0.01), "start"),
        (((1.0, 0.0), -0.1), "lr"),
        (((1.0, 0.0), 0.1, 0.0), "max_norm"),
        (((9.0, 0.0), 0.1), "start"),
    ],
)
def test_gd_path_bad_inputs(args, name):
    with pytest.raises(ValueError, match=f"^{name}:"):
        gd_path(*args)


# ------------------------------------------------------------------------------------------ 지연 복사와 잘린 BPTT
def test_delay_task_targets_are_shifted_inputs():
    xs, ts = delay_task(np.random.default_rng(0), 3, 10, 4)
    assert xs.shape == ts.shape == (3, 10, 1)
    np.testing.assert_array_equal(ts[:, 4:], xs[:, :6])
    assert not ts[:, :4].any() and set(np.unique(xs)) == {-1.0, 1.0}
    with pytest.raises(ValueError, match="^delay:"):
        delay_task(np.random.default_rng(0), 3, 10, 10)


def test_input_credit_is_exactly_zero_before_the_last_block():
    rnn, _ = make_delay_model(np.random.default_rng(1), H=6)
    xs, _ = delay_task(np.random.default_rng(2), 4, 12, 2)
    full = input_credit(rnn, xs)
    trunc = input_credit(rnn, xs, k=5)  # 블록: 1–5, 6–10, 11–12
    assert np.all(full > 0)
    assert np.all(trunc[:10] == 0) and np.all(trunc[10:] > 0)
    # 마지막 블록 안에서는 두 방법이 같은 기울기를 준다 (같은 은닉 상태에서 출발하므로)
    np.testing.assert_allclose(trunc[10:], full[10:], rtol=1e-12)


def test_train_bptt_with_one_block_is_full_bptt_and_short_blocks_differ():
    xs, ts = delay_task(np.random.default_rng(0), 8, 16, 2)
    runs = {}
    for k in (None, 16, 4):
        rnn, head = make_delay_model(np.random.default_rng(1), H=8)
        runs[k] = (train_bptt(rnn, head, xs, ts, k=k, steps=15), rnn.params[1].copy())
    np.testing.assert_array_equal(runs[None][0], runs[16][0])  # 블록 하나 = 전체 BPTT
    np.testing.assert_array_equal(runs[None][1], runs[16][1])
    assert runs[4][0].shape == (15,) and np.all(np.isfinite(runs[4][0]))
    assert not np.allclose(runs[None][1], runs[4][1])


def test_train_bptt_full_learns_the_delay_task():
    xs, ts = delay_task(np.random.default_rng(0), 16, 24, 2)
    rnn, head = make_delay_model(np.random.default_rng(1), H=12)
    losses = train_bptt(rnn, head, xs, ts, steps=120, lr=0.01)
    assert losses[-1] < 0.1 * losses[0]


# ------------------------------------------------------------------------------------------ 그림
def _no_warnings(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = fn(*args, **kwargs)
        (fig.fig if isinstance(fig, LiveFigure) else fig).canvas.draw()
    return fig


@pytest.mark.parametrize(
    "fn, kwargs",
    [
        (feedforward_vs_recurrent_figure, {}),
        (memory_cell_figure, {}),
        (unrolled_figure, {"T": 4}),
        (unrolled_figure, {"T": 6, "compact": False, "backward": True, "block": 3}),
        (unrolled_figure, {"T": 1}),
    ],
)
def test_diagrams_draw_without_warnings(fn, kwargs):
    fig = _no_warnings(fn, **kwargs)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("$x(1)$" == t for t in texts) or fn in (feedforward_vs_recurrent_figure, memory_cell_figure)


def test_unrolled_figure_marks_every_block_boundary():
    fig = _no_warnings(unrolled_figure, T=7, compact=False, backward=True, block=3)
    cuts = [t for t in fig.axes[0].texts if t.get_text() == "✕"]
    assert len(cuts) == len(range(3, 7, 3))  # 경계 3|4, 6|7


@pytest.mark.parametrize(
    "kwargs, name",
    [({"T": 0}, "T"), ({"T": 9}, "T"), ({"T": 4, "block": 5}, "block"), ({"T": 4, "block": True}, "block")],
)
def test_unrolled_figure_bad_inputs(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name}:"):
        unrolled_figure(**kwargs)


def test_feedforward_figure_bad_inputs():
    with pytest.raises(ValueError, match="^n_hidden:"):
        feedforward_vs_recurrent_figure(n_hidden=0)


def test_pulse_live_figure_updates_in_place():
    lf = _no_warnings(pulse_live_figure, **pulse_data(0.9, 1.0, "tanh"))
    fig, n_axes = lf.fig, len(lf.fig.axes)
    line = fig.axes[0].lines[1]
    lf.update(**pulse_data(1.2, 0.5, "tanh"))
    np.testing.assert_allclose(line.get_ydata(), pulse_data(1.2, 0.5, "tanh")["hs"])
    assert "기억한다" in fig.axes[0].texts[0].get_text()
    lf.update(**pulse_data(2.0, 1.0, "linear"))
    assert "폭주한다" in fig.axes[0].texts[0].get_text()
    assert len(fig.axes) == n_axes


def test_clipping_live_figure_updates_in_place_and_stops_at_the_border():
    lf = _no_warnings(clipping_live_figure, **clipping_data())
    ax = lf.fig.axes[0]
    x, y = ax.lines[0].get_data()  # 클리핑 없는 경로: 그림 경계에서 끝난다
    assert x[-1] in (0.0, 1.4) or y[-1] in (-0.5, 1.0)
    assert "튕겨 나갔다" in lf.fig.texts[-2].get_text() or "튕겨 나갔다" in lf.fig.texts[0].get_text()
    lf.update(**clipping_data(lr=0.001, max_norm=5.0, start_wh=0.6))
    assert not any("튕겨" in t.get_text() for t in lf.fig.texts)


def test_inside_cuts_the_first_leaving_segment_at_the_border():
    path = np.array([[0.5, 0.5], [0.9, 0.5], [3.0, 0.5], [0.5, 0.5]])
    pts, exit_pt = _inside(path, np.zeros(2), np.ones(2))
    np.testing.assert_allclose(pts, [[0.5, 0.5], [0.9, 0.5], [1.0, 0.5]])
    np.testing.assert_allclose(exit_pt, [1.0, 0.5])


def test_result_figures_and_their_inputs():
    _no_warnings(loss_curves_figure, {"전체 BPTT": np.array([1.0, 0.5]), "잘린 BPTT": np.array([1.0, 0.9])})
    fig = _no_warnings(credit_figure, np.array([1.0, 0.5, 0.2]), np.array([0.0, 0.5, 0.2]), 2)
    assert fig.axes[0].get_yscale() == "log"
    with pytest.raises(ValueError, match="^curves"):
        loss_curves_figure({})
    with pytest.raises(ValueError, match="^credit_trunc:"):
        credit_figure(np.ones(3), np.ones(4), 2)
    with pytest.raises(ValueError, match="^k:"):
        credit_figure(np.ones(3), np.ones(3), 4)


# ------------------------------------------------------------------------------------------ 데모
def test_demos_show_no_message_at_their_extremes():
    for make, cases in (
        (rnn_pulse_demo, [{"wh": 2.0, "wx": 3.0, "act": "linear"}, {"wh": 0.0, "wx": 0.1, "act": "relu"}]),
        (
            bptt_clipping_demo,
            [{"max_norm": 10.0, "lr": 0.03, "start_wh": 1.15}, {"max_norm": 0.1, "lr": 0.001}],
        ),
    ):
        demo = make()
        for params in cases:
            assert demo.update(**params)[:4] == b"\x89PNG"
            assert get_message(demo.fig) is None, demo.last_error


def test_training_helpers_bad_inputs():
    rnn, head = make_delay_model(np.random.default_rng(0), H=4)
    xs, ts = delay_task(np.random.default_rng(0), 2, 6, 1)
    with pytest.raises(ValueError, match="^xs:"):
        train_bptt(rnn, head, xs[..., :0], ts, steps=1)
    with pytest.raises(ValueError, match="^ts:"):
        train_bptt(rnn, head, xs, ts[:, :5], steps=1)
    with pytest.raises(ValueError, match="^optimizer:"):
        train_bptt(rnn, head, xs, ts, steps=1, optimizer="rmsprop")
    with pytest.raises(ValueError, match="^k:"):
        train_bptt(rnn, head, xs, ts, k=0, steps=1)
    with pytest.raises(ValueError, match="^xs:"):
        input_credit(rnn, np.zeros((2, 6, 3)))


def test_delay_training_keeps_float32():
    xs, ts = delay_task(np.random.default_rng(0), 4, 8, 2, dtype=np.float32)
    rnn, head = make_delay_model(np.random.default_rng(1), H=4, dtype=np.float32)
    losses = train_bptt(rnn, head, xs, ts, k=4, steps=3)
    assert xs.dtype == np.float32 and all(p.dtype == np.float32 for p in rnn.params + head.params)
    assert np.all(np.isfinite(losses))
    credit = input_credit(rnn, xs, k=4)
    assert credit.shape == (8,) and np.all(credit[:4] == 0)
