"""이 책의 사용법에 쓰는 작은 예: 가중치 w 가 tanh(w·x + b) 의 포화를 어떻게 바꾸는가 (계산은 ``helpers.core.slider_data``)."""

from __future__ import annotations

from helpers.core.slider_data import tanh_squash_data
from helpers.view.activation import tanh_squash_figure

from .demo import Choice, Demo, Slider, register_demo

__all__ = ["W_FRAMES", "tanh_squash_demo"]


# 스크러버 프레임: 작은 w 를 촘촘하게(로그 눈금처럼)
W_FRAMES = [0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0, 7.0, 10.0]


@register_demo("tanh_squash")
def tanh_squash_demo() -> Demo:
    """가중치 w 와 편향 b 를 바꾸며 tanh(w·x + b) 의 포화를 본다."""
    return Demo(
        compute=tanh_squash_data,
        figure=tanh_squash_figure,
        controls=[
            Slider("w", 0.1, 10.0, 0.1, 1.0, label="가중치 w"),
            Slider("b", -2.0, 2.0, 0.1, 0.0, label="편향 b"),
            Choice("impl", [("np.tanh", "numpy"), ("직접 계산(float32)", "naive")], "numpy", label="구현"),
        ],
        scrub="w",
        scrub_values=W_FRAMES,
        title="tanh 의 포화",
        dpi=80,  # 100 이면 그리기와 PNG 가 약 1.5배 느리다 (benchmarks/sliders.py)
    )
