"""8장 GRU 의 데모가 그리는 값: 게이트를 고정한 은닉 크기 1 의 GRU 에서 한 번 넣은 값이 얼마나 오래 남는가.

두 계산 모두 실제 ``TimeGRU`` 층을 쓴다. 게이트의 가중치를 0 으로 두고 편향을 게이트 값의 로짓으로 두면 게이트가
그 값에 고정된다 (6장이 LSTM 의 게이트를 고정한 방법과 같다).

- ``update_gate_data`` : z 를 고정하면 기억의 반감기는 ln 0.5 / ln z, 곧바로 가는 길의 기울기는 z^(T−t) 다.
  LSTM 의 삭제 게이트 f 와 나란히 계산한다 (``helpers.interact.update_gate_memory`` 가 그린다).
- ``reset_gate_data`` : r 을 바꾸면 후보 값이 이전 은닉 상태를 얼마나 보는지가 바뀌고, 그래서 기억이 얼마나
  오래 가는지도 바뀐다 (한 시점당 남는 비율 z + (1 − z)·r·w; ``helpers.interact.reset_gate_view``).
"""

from __future__ import annotations

import math

import numpy as np

from helpers.core.gru import TimeGRU
from helpers.core.jacobian import hidden_jacobians
from helpers.core.toy_models import fixed_gate_memory, half_life, measured_half_life
from helpers.core.validation import check_real, check_size

__all__ = ["GRU_DEMO_T", "GRU_PULSE", "gate_logit", "pulse_gru", "reset_gate_data", "update_gate_data"]


def _unit(name: str, value) -> float:
    return check_real(name, value, low=0.0, high=1.0)


GRU_PULSE = 0.8  # t = 1 에 후보 값으로 넣는 값 g(1)
GRU_DEMO_T = 60
# σ(±800) 은 float64 에서 정확히 1 과 0 이다 (e^(−800) 은 0 으로, e^(800) 은 inf 로 간다)
_END_LOGIT = 800.0


def gate_logit(p: float) -> float:
    """게이트 값 p (0~1) 를 내는 가중합 ln(p / (1 − p)). p = 0, 1 이면 σ 가 정확히 0, 1 이 되는 ∓800."""
    p = _unit("p", p)
    if p == 0.0:
        return -_END_LOGIT
    if p == 1.0:
        return _END_LOGIT
    return math.log(p / (1 - p))


def pulse_gru(r: float, z: float, T: int, *, w: float = 0.0) -> tuple[TimeGRU, np.ndarray]:
    """게이트를 r, z 로 고정한 은닉 크기 1 의 ``TimeGRU`` 에 t = 1 에만 후보 값 g(1) = GRU_PULSE 를 넣고 순전파한다.

    Wx = [[0, 0, 1]] (입력은 후보 값에만), Wh = [[0, 0, w]] (후보 값만 이전 은닉 상태를 w 배로 본다),
    b = [logit r, logit z, 0]. 입력은 x(1) = atanh(GRU_PULSE), 그 뒤로 0.
    그러면 g(1) = GRU_PULSE, g(t) = tanh(w · r · h(t−1)) (t ≥ 2), h(t) = z·h(t−1) + (1 − z)·g(t) 이다.
    Returns : (순전파를 마친 층, 은닉 상태 h(1..T) shape (T,)). 층에서 ``.gates``, ``hidden_jacobians`` 로
    다른 값을 꺼낸다.
    """
    T = check_size("T", T, minimum=2)
    w = check_real("w", w)
    layer = TimeGRU(np.array([[0.0, 0.0, 1.0]]), np.array([[0.0, 0.0, w]]),
                    np.array([gate_logit(r), gate_logit(z), 0.0]))  # fmt: skip
    xs = np.zeros((1, T, 1))
    xs[0, 0, 0] = math.atanh(GRU_PULSE)
    hs = layer.forward(xs)[0, :, 0]
    return layer, hs


def update_gate_data(z: float = 0.9, f: float = 0.9, T: int = GRU_DEMO_T) -> dict:
    """업데이트 게이트 z 를 고정한 GRU 와 삭제 게이트 f 를 고정한 LSTM 의 기억과 곧바로 가는 길의 기울기.

    GRU 는 Wh = 0 이라 후보 값이 과거를 보지 않는다 (r 은 아무 역할이 없다). LSTM 은 입력 게이트 1, 출력 게이트 1.
    Returns : ts (T,), h_gru (T,) 은닉 상태, c_lstm (T,) 셀 상태, distances (T,),
        grad_gru (T,) ∂h(T)/∂h(T−d) (실제 층의 야코비 행렬), grad_lstm (T,) f^d, z, f,
        half_life_gru, half_life_lstm (식), measured_gru (곡선에서 잰 GRU 반감기; 아무것도 들어가지 않았으면 None)
    """
    z = _unit("z", z)
    f = _unit("f", f)
    layer, h_gru = pulse_gru(0.0, z, T)
    J = hidden_jacobians(layer)[0, :, 0, 0]  # ∂h(T)/∂h(t), t = 1..T (마지막이 거리 0)
    distances = np.arange(T)
    with np.errstate(under="ignore"):
        grad_lstm = np.power(f, distances, dtype=np.float64)
    return {
        "ts": np.arange(1, T + 1),
        "h_gru": h_gru,
        "c_lstm": fixed_gate_memory(f, 1.0, 1.0, T, pulse=GRU_PULSE)["cs"],
        "distances": distances,
        "grad_gru": np.ascontiguousarray(J[::-1]),
        "grad_lstm": grad_lstm,
        "z": z,
        "f": f,
        "half_life_gru": half_life(z),
        "half_life_lstm": half_life(f),
        "measured_gru": None if h_gru[0] == 0.0 else measured_half_life(h_gru),
    }


def reset_gate_data(r: float = 0.5, z: float = 0.8, T: int = GRU_DEMO_T, w: float = 1.0) -> dict:
    """리셋 게이트 r 과 업데이트 게이트 z 를 고정한 GRU 에서 t = 1 의 값이 얼마나 오래 남는지.

    후보 값은 g(t) = tanh(w · r · h(t−1)) 로 이전 은닉 상태를 r 만큼 본다. h 가 작으면 tanh(u) ≈ u 이므로
    h(t) ≈ [z + (1 − z)·r·w] · h(t−1): 한 시점당 남는 비율이 z 에서 z + (1 − z)·w 까지 r 에 따라 늘어난다.
    w 는 0 이상 1 이하 (비율이 0~1 에 머문다).
    Returns : ts, hs, gs (T,), r, z, w, rs, factors (101,) r 에 따른 비율, factor (지금의 비율),
        half_life (식, 비율로 계산), measured (곡선에서 잰 값; 아무것도 들어가지 않았으면 inf)
    """
    r = _unit("r", r)
    z = _unit("z", z)
    w = _unit("w", w)
    layer, hs = pulse_gru(r, z, T, w=w)
    factor = min(1.0, z + (1 - z) * r * w)  # 반올림으로 1 을 넘지 않게
    rs = np.linspace(0.0, 1.0, 101)
    return {
        "ts": np.arange(1, T + 1),
        "hs": hs,
        "gs": np.ascontiguousarray(layer.gates["g"][0, :, 0]),
        "r": r,
        "z": z,
        "w": w,
        "rs": rs,
        "factors": z + (1 - z) * rs * w,
        "factor": factor,
        "half_life": half_life(factor),
        "measured": math.inf if hs[0] == 0.0 else measured_half_life(hs),
    }
