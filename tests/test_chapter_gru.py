"""8장(GRU)의 그림과 데모 코드: helpers.view.gru, helpers.interact.gru."""

from __future__ import annotations

import math

import numpy as np
import pytest

import helpers
import helpers.interact
import helpers.view
from helpers.core.gru import TimeGRU
from helpers.core.gru_memory import GRU_PULSE, gate_logit, pulse_gru, reset_gate_data, update_gate_data
from helpers.core.jacobian import step_jacobians
from helpers.interact.demo import DEMOS
from helpers.interact.gru import reset_gate_view, update_gate_memory
from helpers.view.base import LiveFigure
from helpers.view.gru import gru_cell_diagram, reset_gate_live, update_gate_live


def test_chapter_names_are_exported_from_the_three_packages():
    for name in ("TimeGRU", "GRU", "TimeGRUStepwise", "init_gru", "half_life"):
        assert hasattr(helpers, name), name
    for name in ("gru_cell_diagram", "marked_lines", "show_source", "use_book_style"):
        assert hasattr(helpers.view, name), name
    for name in ("update_gate_memory", "reset_gate_view"):
        assert hasattr(helpers.interact, name), name
    assert {"gru_update_gate_memory", "gru_reset_gate"} <= set(DEMOS)


def test_gate_logit_gives_exact_ends_and_inverts_the_sigmoid():
    for p in (0.0, 1.0):
        layer, _ = pulse_gru(p, p, 3)
        assert np.all(layer.gates["r"] == p) and np.all(layer.gates["z"] == p)
    for p in (0.01, 0.3, 0.5, 0.9, 0.999):
        assert abs(1 / (1 + math.exp(-gate_logit(p))) - p) < 1e-15
    with pytest.raises(ValueError, match=r"p: expected a real number in \[0.0, 1.0\], got 1.5"):
        gate_logit(1.5)


def test_pulse_gru_follows_the_closed_form():
    r, z, w, T = 0.4, 0.7, 0.9, 12
    layer, hs = pulse_gru(r, z, T, w=w)
    h, g = (1 - z) * GRU_PULSE, [GRU_PULSE]
    expected = [h]
    for _ in range(T - 1):
        g.append(math.tanh(w * r * h))
        h = z * h + (1 - z) * g[-1]
        expected.append(h)
    np.testing.assert_allclose(hs, expected, rtol=1e-14)
    np.testing.assert_allclose(layer.gates["g"][0, :, 0], g, rtol=1e-14)
    with pytest.raises(ValueError, match="T: expected an integer >= 2"):
        pulse_gru(0.5, 0.5, 1)
    with pytest.raises(ValueError, match="w: expected a finite number"):
        pulse_gru(0.5, 0.5, 5, w=math.inf)


@pytest.mark.parametrize("z", [0.0, 0.5, 0.9, 0.99, 1.0])
def test_update_gate_data_half_life_and_direct_path(z):
    data = update_gate_data(z=z, f=0.9, T=40)
    d = data["distances"]
    np.testing.assert_allclose(data["grad_gru"], np.power(z, d), rtol=1e-12, atol=0)
    np.testing.assert_allclose(data["grad_lstm"], np.power(0.9, d), rtol=1e-12)
    np.testing.assert_allclose(data["h_gru"], (1 - z) * GRU_PULSE * np.power(z, d), rtol=1e-12, atol=1e-300)
    assert data["half_life_gru"] == helpers.half_life(z)
    if z == 1.0:
        assert data["measured_gru"] is None  # 아무것도 들어가지 않는다: (1 − z)·g = 0
    elif 0 < z < 1 and data["half_life_gru"] < 39:  # 곡선 안에서 절반에 닿을 때만 잴 수 있다
        assert abs(data["measured_gru"] - data["half_life_gru"]) < 1e-9
    elif 0 < z < 1:
        assert math.isinf(data["measured_gru"])
    np.testing.assert_allclose(data["c_lstm"][0], GRU_PULSE)


def test_update_gate_gru_direct_path_equals_the_lstm_cell_path_when_z_equals_f():
    data = update_gate_data(z=0.93, f=0.93)
    np.testing.assert_allclose(data["grad_gru"], data["grad_lstm"], rtol=1e-12)
    assert data["half_life_gru"] == data["half_life_lstm"]


def test_reset_gate_data_blind_candidate_and_longer_memory():
    blind = reset_gate_data(r=0.0, z=0.8)
    assert np.all(blind["gs"][1:] == 0.0)  # r = 0: 후보 값은 과거를 전혀 보지 않는다
    assert abs(blind["measured"] - helpers.half_life(0.8)) < 1e-9
    seeing = reset_gate_data(r=1.0, z=0.8)
    assert seeing["factor"] == 1.0 and math.isinf(seeing["half_life"])
    assert seeing["measured"] > 5 * blind["measured"]
    half = reset_gate_data(r=0.5, z=0.8)
    # tanh(u) < u 이므로 곡선에서 잰 반감기는 선형화한 식보다 조금 짧지만 가깝다
    assert 0.9 * half["half_life"] < half["measured"] <= half["half_life"]
    np.testing.assert_allclose(half["factors"], 0.8 + 0.2 * half["rs"])
    nothing = reset_gate_data(r=0.5, z=1.0)
    assert math.isinf(nothing["measured"])
    for kwargs, name in [({"r": -0.1}, "r"), ({"z": 2.0}, "z"), ({"w": 1.5}, "w"), ({"T": 1}, "T")]:
        with pytest.raises(ValueError, match=name):
            reset_gate_data(**kwargs)


def test_update_gate_data_bad_inputs():
    for kwargs, name in [({"z": -0.1}, "z"), ({"f": "0.9"}, "f"), ({"T": 0}, "T")]:
        with pytest.raises(ValueError, match=name):
            update_gate_data(**kwargs)


def test_live_figures_update_in_place():
    live = update_gate_live(**update_gate_data())
    assert isinstance(live, LiveFigure) and len(live.fig.axes) == 2
    lines = live.fig.axes[1].get_lines()
    live.update(**update_gate_data(z=0.5))
    assert live.fig.axes[1].get_lines() == lines
    np.testing.assert_allclose(lines[0].get_ydata()[:3], [1, 0.5, 0.25])
    live = reset_gate_live(**reset_gate_data())
    live.update(**reset_gate_data(r=1.0))
    assert "∞" in live.fig.axes[0].texts[-1].get_text()


def test_demos_build_and_cell_diagram_names_the_gates():
    assert update_gate_memory().scrub == "z" and reset_gate_view().scrub == "r"
    fig = gru_cell_diagram()
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    for word in ("리셋 게이트", "업데이트 게이트", "후보 값", "h(t−1)", "x(t)", "1−"):
        assert word in texts


def test_gru_step_jacobian_of_the_pulse_layer_is_z():
    layer, _ = pulse_gru(0.3, 0.6, 5)
    np.testing.assert_allclose(step_jacobians(layer)[0, :, 0, 0], 0.6, rtol=1e-15)
    assert isinstance(layer, TimeGRU)
