"""4장 데모: 시점 t 의 출력 y(t) 에 어느 시점의 입력이 영향을 주는가 (앞 방향만 vs 양방향).

계산은 ``helpers.core.slider_data.birnn_influence``, 그림은 ``helpers.view.bidirectional.influence_figure``.
"""

from __future__ import annotations

from helpers.core.slider_data import BI_T, birnn_influence
from helpers.view.bidirectional import influence_figure

from .demo import Demo, Slider, register_demo

__all__ = ["birnn_influence_demo"]


@register_demo("birnn_influence")
def birnn_influence_demo() -> Demo:
    """시점 t 와 순환 가중치의 크기를 바꾸며 y(t) 에 영향을 주는 입력을 본다."""
    return Demo(
        compute=birnn_influence,
        figure=influence_figure,
        controls=[
            Slider("t", 1, BI_T, 1, 10, label="출력의 시점 t"),
            Slider("scale", 0.1, 2.0, 0.05, 1.0, label="순환 가중치 크기"),
        ],
        scrub="t",
        scrub_values=[1, 3, 5, 7, 9, 11, 13, 15, 17, 20],
        title="y(t) 에 영향을 주는 입력",
    )
