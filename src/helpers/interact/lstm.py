"""6장 LSTM 의 슬라이더 데모: 게이트 값이 정하는 기억과 기울기, 게이트 값이 보이는 셀 구조도, LSTM 과 바닐라 RNN 의
기울기. 계산은 ``helpers.core.gates``, 그림은 ``helpers.view.lstm`` 에 있다.

- ``lstm_gate_playground`` : 삭제 게이트·입력 게이트·출력 게이트를 고정하고, t = 1 에 넣은 값이 얼마나 남는지(기억)와
  기울기가 얼마나 멀리 가는지를 한 그림에서 본다. 옆에는 순환 가중치 w_h 인 바닐라 RNN 의 기억과 기울기.
- ``lstm_cell_demo`` : 게이트의 가중합과 c(t−1) 을 고르면 실제 ``LSTM`` 셀이 한 시점을 계산하고,
  구조도의 게이트 상자가 그 값으로 칠해진다.
- ``lstm_vs_rnn_gradient`` : 삭제 게이트 편향을 바꾸며 LSTM 과 바닐라 RNN 의 ‖∂(상태)(T)/∂(상태)(t)‖ 를 비교한다.
"""

from __future__ import annotations

from helpers.core.gates import cell_step_data, gate_playground_data, lstm_rnn_gradient_data
from helpers.interact.demo import Demo, Slider, register_demo
from helpers.view.lstm import lstm_cell_live, lstm_vs_rnn_live, memory_gradient_live

__all__ = ["lstm_gate_playground", "lstm_cell_demo", "lstm_vs_rnn_gradient"]


@register_demo("lstm_gate_playground")
def lstm_gate_playground() -> Demo:
    """게이트를 고정한 LSTM 의 기억과 기울기를 바닐라 RNN 의 것과 나란히 본다 (한 벌의 슬라이더로)."""
    return Demo(
        compute=gate_playground_data,
        figure=memory_gradient_live,
        controls=[
            Slider("f", 0.0, 1.0, 0.01, 0.9, label="삭제 게이트 f"),
            Slider("i", 0.0, 1.0, 0.01, 1.0, label="입력 게이트 i"),
            Slider("o", 0.0, 1.0, 0.01, 1.0, label="출력 게이트 o"),
            Slider("wh", 0.0, 2.0, 0.05, 1.2, label="바닐라 RNN 의 순환 가중치 w_h"),
        ],
        scrub="f",
        scrub_values=[0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0],
        scrub2="wh",  # 두 번째 슬라이더: 바닐라 RNN 이 잊는 경우(0.5, 0.9)와 붙잡는 경우(1.2, 2.0)
        scrub2_values=[0.5, 0.9, 1.2, 2.0],
        title="게이트 값과 기억, 그리고 기울기",
        dpi=80,
    )


@register_demo("lstm_cell_diagram")
def lstm_cell_demo() -> Demo:
    """게이트의 가중합을 고르면 LSTM 셀 구조도의 게이트가 그 값으로 칠해진다."""
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


@register_demo("lstm_vs_rnn_gradient")
def lstm_vs_rnn_gradient() -> Demo:
    """삭제 게이트 편향에 따라 LSTM 의 기울기가 거리에 따라 얼마나 남는지 바닐라 RNN 과 비교한다."""
    return Demo(
        compute=lstm_rnn_gradient_data,
        figure=lstm_vs_rnn_live,
        controls=[
            Slider("forget_bias", -3.0, 6.0, 0.5, 1.0, label="삭제 게이트 편향 b_f"),
            Slider("T", 20, 300, 10, 100, label="시퀀스 길이 T"),
        ],
        scrub="forget_bias",
        scrub_values=[-3.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 6.0],
        title="LSTM 과 바닐라 RNN 의 기울기",
        dpi=80,
    )
