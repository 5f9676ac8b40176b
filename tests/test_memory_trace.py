"""7장 '학습된 LSTM 은 어떻게 기억하는가' 의 코드: helpers.core.memory_trace, view.memory_trace, interact.memory_trace.

손으로 만든 LSTM 으로 시험한다: 셀 0 은 표시에서만 입력 게이트가 열리고 삭제 게이트가 1 인 '누산기'라서
정답 x₁ + x₂ 를 쥐고, 셀 1 은 최근 값만 쥐는 셀이다. 기억 셀을 찾는 방법이 셀 0 을 골라야 한다.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers.core.experiment import run_adding
from helpers.core.layers import Affine
from helpers.core.losses import MSELoss
from helpers.core.lstm import TimeLSTM
from helpers.core.memory_trace import find_memory_unit, marker_positions, memory_trace, probe_sequences
from helpers.core.tasks import adding_problem
from helpers.core.train import SequenceModel, make_rnn_regressor
from helpers.interact.memory_trace import trained_lstm_demo
from helpers.view.base import LiveFigure
from helpers.view.memory_trace import memory_trace_live


def accumulator_model() -> SequenceModel:
    """셀 0: i = σ(20·표시 − 10), f = σ(10), g = tanh(값), o = σ(10). 셀 1: i = f = σ(0), g = tanh(값)."""
    H = 2
    Wx = np.zeros((2, 4 * H))
    b = np.zeros(4 * H)
    i, f, g, o = (slice(k * H, (k + 1) * H) for k in range(4))
    Wx[1, i.start + 0], b[i.start + 0] = 20.0, -10.0  # 셀 0 의 입력 게이트는 표시에서만 열린다
    b[f.start + 0] = 10.0  # 셀 0 의 삭제 게이트는 1 에 붙는다
    Wx[0, g.start + 0] = Wx[0, g.start + 1] = 1.0  # 두 셀 모두 후보 값 = tanh(값)
    b[o] = 10.0
    lstm = TimeLSTM(Wx, np.zeros((H, 4 * H)), b)
    return SequenceModel(lstm, Affine(np.ones((H, 1)), np.zeros(1)), MSELoss(), last_step_only=True)


def test_find_memory_unit_picks_the_accumulator():
    xs, _ = adding_problem(np.random.default_rng(0), 300, 40)
    m = find_memory_unit(accumulator_model(), xs)
    assert m.unit == 0
    assert m.corr > 0.99  # tanh(x₁) + tanh(x₂) 는 [0, 1) 에서 거의 선형이다
    assert m.abs_corrs[1] < 0.5  # 최근 값만 쥐는 셀
    assert m.input_at_markers > 0.99 and m.input_elsewhere < 1e-4
    assert m.forget_across_gap > 0.9999
    assert m.readout_r2 >= m.corr**2 - 1e-12  # 모든 셀의 선형 읽기는 셀 하나보다 나쁠 수 없다
    assert abs(m.corr_first) > 0.99  # 첫 표시 직후에는 x₁ 을 쥔다


def test_memory_trace_matches_the_layer():
    model = accumulator_model()
    xs, targets = adding_problem(np.random.default_rng(1), 1, 30)
    tr = memory_trace(model, xs, 0)
    hs = model.recurrent.forward(xs)
    np.testing.assert_allclose(tr["h"], hs[0, :, 0], rtol=1e-12)
    t1, t2 = marker_positions(xs)
    assert (tr["t1"], tr["t2"]) == (t1[0], t2[0])
    assert tr["markers"].sum() == 2 and tr["target"] == pytest.approx(targets[0, 0])
    assert tr["answer"] == pytest.approx(model.predict(xs)[0, 0])
    # 누산기: 두 표시 사이에는 셀 상태가 그대로다
    assert np.ptp(tr["c"][tr["t1"] : tr["t2"]]) < 1e-3
    assert tr["c"][-1] == pytest.approx(np.tanh(xs[0, t1[0], 0]) + np.tanh(xs[0, t2[0], 0]), abs=1e-3)


def test_memory_trace_bad_inputs():
    model = accumulator_model()
    xs, _ = adding_problem(np.random.default_rng(2), 4, 12)
    with pytest.raises(ValueError, match=r"^model: "):
        find_memory_unit(make_rnn_regressor(np.random.default_rng(0), 2, 3, 1, cell="rnn"), xs)
    with pytest.raises(ValueError, match=r"^xs: "):
        find_memory_unit(model, xs[:2])
    with pytest.raises(ValueError, match=r"^xs: "):
        memory_trace(model, xs, 0)  # 시퀀스 하나여야 한다
    with pytest.raises(ValueError, match=r"^unit: "):
        memory_trace(model, xs[:1], 2)
    bad = xs.copy()
    bad[0, :, 1] = 0
    with pytest.raises(ValueError, match=r"^xs: expected exactly two markers"):
        marker_positions(bad)
    assert probe_sequences(3, 10).shape == (3, 10, 2)


def test_live_figure_moves_only_the_cursor_within_a_sequence():
    model = accumulator_model()
    xs = probe_sequences(2, 25, seed=3)
    tr = memory_trace(model, xs[:1], 0)
    live = memory_trace_live(**tr, t=tr["t1"], unit=0, seq=0)
    assert isinstance(live, LiveFigure)
    ax_g = live.fig.axes[2]
    before = ax_g.lines[0].get_ydata().copy()
    live.update(**tr, t=tr["t2"], unit=0, seq=0)
    np.testing.assert_array_equal(ax_g.lines[0].get_ydata(), before)
    assert ax_g.lines[-1].get_xdata()[0] == tr["t2"]  # 세로선
    tr2 = memory_trace(model, xs[1:], 0)
    live.update(**tr2, t=0, unit=0, seq=1)
    np.testing.assert_array_equal(ax_g.lines[0].get_ydata(), tr2["c"])
    with pytest.raises(ValueError, match=r"^t: "):
        live.update(**tr2, t=25, unit=0, seq=1)
    with pytest.raises(ValueError, match=r"^i: "):
        memory_trace_live(**{**tr, "i": tr["i"][:3]}, t=0, unit=0)


def test_demo_on_a_trained_run_and_its_scrubber():
    run = run_adding("lstm", 20, seed=0, settings={"hidden": 4, "batch": 8, "steps": 10, "eval_every": 5,
                                                    "n_eval": 8}, n_test=4, n_probe=0)
    demo = trained_lstm_demo(run)
    assert 0 <= demo.values["seq"] < 6 and demo.controls["t"].max == 19
    for t in (0, 19):
        demo.update(t=t, seq=5)
        assert demo.last_error is None
    with pytest.raises(ValueError, match=r"^run: "):
        trained_lstm_demo(run_adding("rnn", 6, seed=0, settings={"hidden": 2, "steps": 2, "eval_every": 1,
                                                                   "n_eval": 2, "batch": 2}, n_test=2))
