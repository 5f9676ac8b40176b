"""1·2장의 슬라이더 데모: 펄스 하나에 대한 은닉 상태의 응답, 절벽 위의 기울기 클리핑 (계산은 ``helpers.core.slider_data``)."""

from __future__ import annotations

from helpers.core.slider_data import clipping_data, pulse_data
from helpers.view.rnn import clipping_live_figure, pulse_live_figure

from .demo import Choice, Demo, Slider, register_demo

__all__ = ["WH_FRAMES", "rnn_pulse_demo", "bptt_clipping_demo"]


# 순환 가중치의 스크러버 프레임: 1 근처를 촘촘하게
WH_FRAMES = [0.0, 0.5, 0.8, 1.0, 1.1, 1.3, 1.6, 2.0]


@register_demo("rnn_pulse")
def rnn_pulse_demo() -> Demo:
    """시점 1 에 펄스 하나를 넣고 순환 가중치 w_h, 입력 가중치 w_x, 활성화 함수를 바꿔 본다."""
    return Demo(
        compute=pulse_data,
        figure=pulse_live_figure,
        controls=[
            Slider("wh", 0.0, 2.0, 0.05, 0.9, label="순환 가중치 w_h"),
            Slider("wx", 0.1, 3.0, 0.1, 1.0, label="입력 가중치 w_x"),
            Choice(
                "act", [("tanh", "tanh"), ("ReLU", "relu"), ("선형", "linear")], "tanh", label="활성화 함수"
            ),
        ],
        scrub="wh",
        scrub_values=WH_FRAMES,
        title="펄스에 대한 은닉 상태",
        dpi=80,
    )


@register_demo("bptt_clipping")
def bptt_clipping_demo() -> Demo:
    """절벽이 있는 손실 지형에서 기울기 클리핑의 임곗값과 학습률을 바꿔 본다."""
    return Demo(
        compute=clipping_data,
        figure=clipping_live_figure,
        controls=[
            Slider("max_norm", 0.1, 10.0, 0.1, 1.0, label="임곗값 θ"),
            Slider("lr", 0.001, 0.03, 0.001, 0.01, label="학습률"),
            Slider("start_wh", 0.6, 1.15, 0.05, 1.0, label="시작점 w_h"),
        ],
        scrub="max_norm",
        scrub_values=[0.2, 0.5, 1.0, 3.0, 10.0],
        title="기울기 클리핑",
        dpi=80,
    )
