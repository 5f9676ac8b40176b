"""6장 LSTM 의 슬라이더 데모: 게이트 값과 장기 기억, 게이트 값이 보이는 셀 구조도, LSTM 과 RNN 의 기울기.

- ``lstm_gate_playground`` : 삭제 게이트·입력 게이트·출력 게이트를 고정하고 t = 1 에 넣은 값이 얼마나 오래
  남는지(반감기)를 본다.
- ``lstm_cell_diagram`` : 게이트의 활성화 전 값과 c(t−1) 을 고르면 실제 ``LSTM`` 셀이 한 시점을 계산하고,
  구조도의 게이트 상자가 그 값으로 칠해진다.
- ``lstm_vs_rnn_gradient`` : 삭제 게이트 편향을 바꾸며 LSTM 과 RNN 의 ‖∂(상태)(T)/∂(상태)(t)‖ 를 비교한다.
"""

from __future__ import annotations

import numpy as np

from helpers.core.init import init_lstm, init_rnn
from helpers.core.jacobian import log_product_norms, per_step_rate, sample_distances, step_jacobians
from helpers.core.lstm import LSTM, TimeLSTM
from helpers.core.rnn import TimeRNN
from helpers.core.toy_models import fixed_gate_memory, half_life, measured_half_life
from helpers.core.validation import check_real, check_size
from helpers.interact.demo import Demo, Slider, register_demo
from helpers.view.lstm import lstm_cell_live, lstm_vs_rnn_live, memory_pulse_live

__all__ = [
    "gate_playground_data",
    "cell_step_data",
    "lstm_rnn_gradient_data",
    "lstm_gate_playground",
    "lstm_cell_demo",
    "lstm_vs_rnn_gradient",
]

PLAYGROUND_T = 80


# ---------------------------------------------------------------------------------------------------
# (a) 게이트 값과 장기 기억
# ---------------------------------------------------------------------------------------------------
def gate_playground_data(f: float = 0.9, i: float = 1.0, o: float = 1.0, T: int = PLAYGROUND_T) -> dict:
    """게이트를 고정한 셀의 기억 곡선과 반감기 (식과 곡선에서 잰 값).

    Returns : ts, cs, hs (T,), f, i, o, half_life (식), measured (곡선; i = 0 이면 None)
    """
    mem = fixed_gate_memory(f, i, o, T)
    measured = None if mem["cs"][0] == 0.0 else measured_half_life(mem["cs"])
    return {
        **mem,
        "f": float(f),
        "i": float(i),
        "o": float(o),
        "half_life": half_life(f),
        "measured": measured,
    }


@register_demo("lstm_gate_playground")
def lstm_gate_playground() -> Demo:
    """삭제 게이트·입력 게이트·출력 게이트를 고정하고 셀 상태에 남는 기억과 반감기를 본다."""
    return Demo(
        compute=gate_playground_data,
        figure=memory_pulse_live,
        controls=[
            Slider("f", 0.0, 1.0, 0.01, 0.9, label="삭제 게이트 f"),
            Slider("i", 0.0, 1.0, 0.01, 1.0, label="입력 게이트 i"),
            Slider("o", 0.0, 1.0, 0.01, 1.0, label="출력 게이트 o"),
        ],
        scrub="f",
        scrub_values=[0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0],
        title="게이트 값과 장기 기억",
        dpi=80,
    )


# ---------------------------------------------------------------------------------------------------
# (c) 게이트 값이 보이는 셀 구조도
# ---------------------------------------------------------------------------------------------------
def cell_step_data(
    a_i: float = 0.5, a_f: float = 2.0, a_g: float = 1.0, a_o: float = 0.0, c_prev: float = 1.0
) -> dict:
    """게이트의 활성화 전 값 a_i, a_f, a_g, a_o 와 c(t−1) 로 ``LSTM`` 셀 한 시점을 계산한다 (H = 1).

    Wx 와 Wh 를 0 으로, 편향을 [a_i, a_f, a_g, a_o] 로 두면 가중합이 곧 그 값이 된다.
    Returns : i, f, g, o, c_prev, c, h (float), pre (활성화 전 값의 dict)
    """
    pre = {
        k: check_real(name, v)
        for k, name, v in (("i", "a_i", a_i), ("f", "a_f", a_f), ("g", "a_g", a_g), ("o", "a_o", a_o))
    }
    c_prev = check_real("c_prev", c_prev)
    cell = LSTM(np.zeros((1, 4)), np.zeros((1, 4)), np.array([pre["i"], pre["f"], pre["g"], pre["o"]]))
    h, c = cell.forward(np.zeros((1, 1)), np.zeros((1, 1)), np.full((1, 1), c_prev))
    i, f, g, o = cell.cache.i, cell.cache.f, cell.cache.g, cell.cache.o  # 셀이 계산한 게이트 값
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


@register_demo("lstm_cell_diagram")
def lstm_cell_demo() -> Demo:
    """게이트의 활성화 전 값을 고르면 LSTM 셀 구조도의 게이트가 그 값으로 칠해진다."""
    return Demo(
        compute=cell_step_data,
        figure=lstm_cell_live,
        controls=[
            Slider("a_f", -6.0, 6.0, 0.1, 2.0, label="삭제 게이트 가중합 a_f"),
            Slider("a_i", -6.0, 6.0, 0.1, 0.5, label="입력 게이트 가중합 a_i"),
            Slider("a_g", -3.0, 3.0, 0.1, 1.0, label="후보 값 가중합 a_g"),
            Slider("a_o", -6.0, 6.0, 0.1, 0.0, label="출력 게이트 가중합 a_o"),
            Slider("c_prev", -2.0, 2.0, 0.1, 1.0, label="이전 셀 상태 c(t−1)"),
        ],
        scrub="a_f",
        scrub_values=[-6.0, -3.0, -1.0, 0.0, 1.0, 2.0, 3.0, 6.0],
        title="게이트 값이 보이는 LSTM 셀",
        dpi=80,
    )


# ---------------------------------------------------------------------------------------------------
# (b) LSTM 과 RNN 의 기울기
# ---------------------------------------------------------------------------------------------------
def lstm_rnn_gradient_data(
    forget_bias: float = 1.0, T: int = 100, *, H: int = 8, D: int = 4, seed: int = 0
) -> dict:
    """같은 입력에서 LSTM 의 ‖∂s(T)/∂s(t)‖_2 (s = (h, c)) 와 tanh RNN 의 ‖∂h(T)/∂h(t)‖_2 를 잰다.

    LSTM 가중치는 ``init_lstm(forget_bias=...)`` (편향만 바뀌고 가중치는 seed 로 고정),
    RNN 은 스펙트럼 반지름 1 인 직교 행렬 Wh (RNN 에 가장 유리한 초기화)이다. 입력은 표준 정규 분포.

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


@register_demo("lstm_vs_rnn_gradient")
def lstm_vs_rnn_gradient() -> Demo:
    """삭제 게이트 편향에 따라 LSTM 의 기울기가 거리에 따라 얼마나 남는지 RNN 과 비교한다."""
    return Demo(
        compute=lstm_rnn_gradient_data,
        figure=lstm_vs_rnn_live,
        controls=[
            Slider("forget_bias", -3.0, 6.0, 0.5, 1.0, label="삭제 게이트 편향 b_f"),
            Slider("T", 20, 300, 10, 100, label="시퀀스 길이 T"),
        ],
        scrub="forget_bias",
        scrub_values=[-3.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 6.0],
        title="LSTM 과 RNN 의 기울기",
        dpi=80,
    )
