"""5장 장기 의존성 문제의 슬라이더 데모: 거리에 따른 기울기 노름 (기울기 소실과 기울기 폭주).

``gradient_over_distance`` : 순환 가중치의 스펙트럼 반지름, 시퀀스 길이 T, 활성화 함수를 바꾸며
‖∂h(T)/∂h(t)‖_2 를 거리 T − t 에 대해 로그 척도로 본다. 계산은 ``helpers.core.slider_data.rnn_gradient_data``.
"""

from __future__ import annotations

from helpers.core.slider_data import rnn_gradient_data
from helpers.view.gradients import gradient_over_distance_live

from .demo import Choice, Demo, Slider, register_demo

__all__ = ["gradient_over_distance"]


@register_demo("gradient_over_distance")
def gradient_over_distance() -> Demo:
    """스펙트럼 반지름·시퀀스 길이·활성화 함수에 따라 기울기가 거리에 따라 어떻게 줄거나 커지는지 본다."""
    return Demo(
        compute=rnn_gradient_data,
        figure=gradient_over_distance_live,
        controls=[
            Slider("radius", 0.1, 3.0, 0.05, 1.0, label="스펙트럼 반지름 ρ(W_h)"),
            Slider("T", 10, 500, 10, 100, label="시퀀스 길이 T"),
            Choice(
                "activation",
                [("tanh", "tanh"), ("선형", "linear"), ("ReLU", "relu")],
                "tanh",
                label="활성화 함수",
            ),
        ],
        scrub="radius",
        scrub_values=[0.5, 0.8, 0.9, 1.0, 1.1, 1.3, 1.6, 2.0, 3.0],
        title="거리에 따른 기울기 노름",
        dpi=80,
    )
