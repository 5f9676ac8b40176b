"""3장 데모: 깊은 순환 신경망의 층마다 은닉 상태가 어떻게 달라지는가 (층 수, 가중치 크기).

계산은 ``helpers.core.slider_data.deep_rnn_states``, 그림은 ``helpers.view.deep.deep_states_figure``.
"""

from __future__ import annotations

from helpers.core.slider_data import MAX_LAYERS, deep_rnn_states
from helpers.view.deep import deep_states_figure

from .demo import Demo, Slider, register_demo

__all__ = ["deep_rnn_states_demo"]


@register_demo("deep_rnn_states")
def deep_rnn_states_demo() -> Demo:
    """층 수와 가중치 크기를 바꾸며 층마다의 은닉 상태를 본다."""
    return Demo(
        compute=deep_rnn_states,
        figure=deep_states_figure,
        controls=[
            Slider("n_layers", 1, MAX_LAYERS, 1, 3, label="은닉층의 수 M"),
            Slider("scale", 0.1, 3.0, 0.05, 1.0, label="가중치 크기 κ"),
        ],
        scrub="scale",
        scrub_values=[0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0],
        title="층마다의 은닉 상태",
    )
