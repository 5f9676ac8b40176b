"""8장 GRU 의 슬라이더 데모: 업데이트 게이트와 기억(LSTM 의 삭제 게이트와 나란히), 리셋 게이트와 후보 값.

계산은 ``helpers.core.gru_memory`` 가, 그림은 ``helpers.view.gru`` 가 맡는다.

- ``update_gate_memory`` : z 를 고정하면 기억의 반감기는 ln 0.5 / ln z, 곧바로 가는 길의 기울기는 z^(T−t) 다.
  LSTM 의 삭제 게이트 f 와 나란히 본다.
- ``reset_gate_view`` : r 을 바꾸면 후보 값이 이전 은닉 상태를 얼마나 보는지가 바뀌고, 그래서 기억이 얼마나 오래
  가는지도 바뀐다 (한 시점당 남는 비율 z + (1 − z)·r·w).
"""

from __future__ import annotations

from helpers.core.gru_memory import reset_gate_data, update_gate_data
from helpers.interact.demo import Demo, Slider, register_demo
from helpers.view.gru import reset_gate_live, update_gate_live

__all__ = ["reset_gate_view", "update_gate_memory"]


@register_demo("gru_update_gate_memory")
def update_gate_memory() -> Demo:
    """업데이트 게이트 z 를 고정했을 때의 기억과 기울기를 LSTM 의 삭제 게이트 f 와 나란히 본다."""
    return Demo(
        compute=update_gate_data,
        figure=update_gate_live,
        controls=[
            Slider("z", 0.0, 1.0, 0.01, 0.9, label="업데이트 게이트 z (GRU)"),
            Slider("f", 0.0, 1.0, 0.01, 0.9, label="삭제 게이트 f (LSTM)"),
        ],
        scrub="z",
        scrub_values=[0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0],
        title="업데이트 게이트와 기억",
        dpi=80,
    )


@register_demo("gru_reset_gate")
def reset_gate_view() -> Demo:
    """리셋 게이트 r 을 바꾸며 후보 값이 과거를 얼마나 보는지, 그래서 기억이 얼마나 오래 가는지 본다."""
    return Demo(
        compute=reset_gate_data,
        figure=reset_gate_live,
        controls=[
            Slider("r", 0.0, 1.0, 0.01, 0.5, label="리셋 게이트 r"),
            Slider("z", 0.0, 1.0, 0.01, 0.8, label="업데이트 게이트 z"),
        ],
        scrub="r",
        scrub_values=[0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 0.9, 1.0],
        title="리셋 게이트: 후보 값이 보는 과거",
        dpi=80,
    )
