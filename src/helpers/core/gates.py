"""6장(LSTM)의 데모가 그리는 값: 게이트 값이 정하는 기억과 기울기, 게이트 값이 보이는 셀 한 시점, LSTM 과 바닐라
RNN 의 기울기 노름.

- :func:`gate_playground_data` : 게이트를 상수로 묶은 LSTM 셀에서 기억 c(1 + d) = i f^d 와 기울기
  ∂c(T)/∂c(T − d) = f^d 를, 은닉 상태가 하나인 tanh 바닐라 RNN 의 펄스 기억 h(1 + d) 와 기울기
  |∂h(T)/∂h(T − d)| 옆에 놓는다 (같은 거리 d 에서).
- :func:`cell_step_data` : 게이트의 가중합 a_i, a_f, a_g, a_o 와 c(t−1) 로 ``LSTM`` 셀 한 시점을 계산한다.
- :func:`lstm_rnn_gradient_data` : 같은 입력에서 LSTM 의 ‖∂s(T)/∂s(t)‖ 와 바닐라 RNN 의 ‖∂h(T)/∂h(t)‖ 를 잰다.

모두 NumPy 만 쓴다 (그림은 ``helpers.view.lstm``, 슬라이더는 ``helpers.interact.lstm``).
"""

from __future__ import annotations

import math

import numpy as np

from helpers.core.init import init_lstm, init_rnn
from helpers.core.jacobian import log_product_norms, per_step_rate, sample_distances, step_jacobians
from helpers.core.lstm import LSTM, TimeLSTM
from helpers.core.rnn import TimeRNN
from helpers.core.toy_models import fixed_gate_memory, half_life, measured_half_life, pulse_response
from helpers.core.validation import check_real, check_size

__all__ = ["PLAYGROUND_T", "cell_step_data", "gate_playground_data", "lstm_rnn_gradient_data"]

# 게이트 놀이터의 시퀀스 길이 (거리 d = 0, …, PLAYGROUND_T − 1)
PLAYGROUND_T = 80


def _log_abs(values: np.ndarray) -> np.ndarray:
    """|values| 의 자연로그 (0 은 -inf, 경고 없이)."""
    with np.errstate(divide="ignore"):
        return np.log(np.abs(values))


def gate_playground_data(
    f: float = 0.9, i: float = 1.0, o: float = 1.0, wh: float = 1.2, *, wx: float = 0.5, T: int = PLAYGROUND_T
) -> dict:
    """게이트 값 하나가 기억과 기울기를 함께 정한다는 것을 바닐라 RNN 과 나란히 본다.

    LSTM: 게이트를 상수 f, i, o 로 묶고 t = 1 에만 후보 값 g(1) = 1 을 넣는다. 그러면
    기억 c(1 + d) = i f^d, h(1 + d) = o tanh(c(1 + d)) 이고, 셀 상태를 따라 d 시점 거슬러 간 기울기는
    ∂c(T)/∂c(T − d) = f^d 이다 (게이트가 상수이므로 셀 상태 직통 길이 곧 전부다). 같은 수 f^d 가 둘을 정한다.

    바닐라 RNN: 은닉 상태가 하나인 h(t) = tanh(w_x x(t) + w_h h(t−1)) 에 t = 1 의 펄스 (1장의 ``pulse_response``).
    기억은 h(1 + d), 기울기는 같은 궤적을 따라 |∂h(T)/∂h(T − d)| = ∏_{k=T−d+1}^{T} |w_h (1 − h(k)²)| 이다.
    기억이 남아도(고정점에 붙잡혀도) 기울기는 따로 줄어들 수 있다.

    Returns
    -------
    dict:
        d (T,) 거리 0, …, T−1
        cs, hs (T,) LSTM 의 c(1 + d), h(1 + d);  rnn_hs (T,) 바닐라 RNN 의 h(1 + d)
        log_grad_lstm, log_grad_rnn (T,) 자연로그 기울기 log f^d, log |∂h(T)/∂h(T − d)| (-inf = 정확히 0)
        f, i, o, wh, wx (float), half_life (식 ln 0.5 / ln f), measured (곡선에서 잰 반감기, i = 0 이면 None)
    """
    f = check_real("f", f, low=0.0, high=1.0)
    i = check_real("i", i, low=0.0, high=1.0)
    o = check_real("o", o, low=0.0, high=1.0)
    wh = check_real("wh", wh)
    wx = check_real("wx", wx)
    T = check_size("T", T, minimum=2)
    mem = fixed_gate_memory(f, i, o, T)
    d = np.arange(T)
    with np.errstate(divide="ignore"):
        log_f = math.log(f) if f > 0 else -math.inf
    # f^d 의 로그: d = 0 이면 0 (빈 곱), f = 0 이면 d ≥ 1 에서 -inf
    log_grad_lstm = np.where(d == 0, 0.0, d * log_f if f > 0 else -math.inf)
    pulse = pulse_response(wh, wx, "tanh", T=T)
    steps = _log_abs(wh * (1.0 - pulse["hs"] ** 2))  # log |∂h(k)/∂h(k−1)|, k = 1, …, T
    # 뒤에서부터 누적: log |∂h(T)/∂h(T − d)| = Σ_{k=T−d+1}^{T} steps[k − 1]
    log_grad_rnn = np.concatenate(([0.0], np.cumsum(steps[::-1][: T - 1])))
    measured = None if mem["cs"][0] == 0.0 else measured_half_life(mem["cs"])
    return {
        "d": d,
        "cs": mem["cs"],
        "hs": mem["hs"],
        "rnn_hs": pulse["hs"],
        "log_grad_lstm": log_grad_lstm.astype(np.float64),
        "log_grad_rnn": log_grad_rnn,
        "f": f,
        "i": i,
        "o": o,
        "wh": wh,
        "wx": wx,
        "half_life": half_life(f),
        "measured": measured,
    }


def cell_step_data(
    a_i: float = 0.5, a_f: float = 2.0, a_g: float = 1.0, a_o: float = 0.0, c_prev: float = 1.0
) -> dict:
    """게이트의 가중합 a_i, a_f, a_g, a_o 와 c(t−1) 로 ``LSTM`` 셀 한 시점을 계산한다 (H = 1).

    Wx 와 Wh 를 0 으로, 편향을 [a_i, a_f, a_g, a_o] 로 두면 가중합이 곧 그 값이 된다.
    Returns : i, f, g, o, c_prev, c, h (float), pre (가중합의 dict)
    """
    pre = {
        k: check_real(name, v)
        for k, name, v in (("i", "a_i", a_i), ("f", "a_f", a_f), ("g", "a_g", a_g), ("o", "a_o", a_o))
    }
    c_prev = check_real("c_prev", c_prev)
    cell = LSTM(np.zeros((1, 4)), np.zeros((1, 4)), np.array([pre["i"], pre["f"], pre["g"], pre["o"]]))
    h, c = cell.forward(np.zeros((1, 1)), np.zeros((1, 1)), np.full((1, 1), c_prev))
    _, _, _, i, f, g, o, _ = cell.cache  # 셀이 계산한 게이트 값
    return {
        "i": float(i[0, 0]),
        "f": float(f[0, 0]),
        "g": float(g[0, 0]),
        "o": float(o[0, 0]),
        "c_prev": c_prev,
        "c": float(c[0, 0]),
        "h": float(h[0, 0]),
        "pre": pre,
    }


def lstm_rnn_gradient_data(
    forget_bias: float = 1.0, T: int = 100, *, H: int = 8, D: int = 4, seed: int = 0
) -> dict:
    """같은 입력에서 LSTM 의 ‖∂s(T)/∂s(t)‖_2 (s = (h, c)) 와 tanh 바닐라 RNN 의 ‖∂h(T)/∂h(t)‖_2 를 잰다.

    LSTM 가중치는 ``init_lstm(forget_bias=...)`` (편향만 바뀌고 가중치는 seed 로 고정),
    바닐라 RNN 은 스펙트럼 반지름 1 인 직교 행렬 Wh (유리하고 흔히 쓰는 초기화)이다. 입력은 표준 정규 분포.

    Returns : distances (K,), log_rnn, log_lstm (자연로그 노름), log_fprod (셀 상태 직통 경로
        ∏ diag(f) 의 2-노름 = max_j ∏ f_j 의 로그), forget_bias, mean_f, rate_rnn, rate_lstm
    """
    forget_bias = check_real("forget_bias", forget_bias)
    T = check_size("T", T, minimum=2)
    xs = np.random.default_rng(seed + 2).standard_normal((1, T, D))
    lstm = TimeLSTM(*init_lstm(np.random.default_rng(seed), D, H, forget_bias=forget_bias))
    lstm.forward(xs)
    rnn = TimeRNN(*init_rnn(np.random.default_rng(seed + 1), D, H, recurrent="orthogonal"))
    rnn.forward(xs)
    distances = sample_distances(T)  # 긴 시퀀스에서는 고르게 고른 거리에서만 잰다 (슬라이더 속도)
    log_lstm = log_product_norms(step_jacobians(lstm)[0], distances)
    log_rnn = log_product_norms(step_jacobians(rnn)[0], distances)
    f = lstm.gates["f"][0]  # (T, H)
    # ∏_{k=T−d+1}^{T} f_j(k) 를 로그 합으로: 뒤에서부터 누적한다 (d = 0 이면 빈 곱 1)
    log_f = np.log(np.maximum(f, np.finfo(f.dtype).tiny))
    cum = np.vstack([np.zeros((1, H)), np.cumsum(log_f[::-1][:-1], axis=0)])  # (T, H)
    log_fprod = cum.max(axis=1)[distances]
    return {
        "distances": distances,
        "log_rnn": log_rnn,
        "log_lstm": log_lstm,
        "log_fprod": log_fprod,
        "forget_bias": forget_bias,
        "mean_f": float(f.mean()),
        "rate_rnn": per_step_rate(log_rnn[1:], distances[1:], log_input=True),
        "rate_lstm": per_step_rate(log_lstm[1:], distances[1:], log_input=True),
    }
