"""3장 데모: 깊은 순환 신경망의 층마다 은닉 상태가 어떻게 달라지는가 (층 수, 가중치 크기)."""

from __future__ import annotations

import math

import numpy as np

from helpers.core.init import check_real, check_size
from helpers.core.rnn import TimeRNN
from helpers.view.deep import MAX_LAYERS, deep_states_figure

from .demo import Demo, Slider, register_demo

__all__ = [
    "DEEP_T",
    "DEEP_H",
    "SATURATION",
    "deep_input",
    "make_deep_layers",
    "deep_rnn_states",
    "deep_rnn_states_demo",
]

DEEP_T = 40  # 시점 수
DEEP_H = 12  # 층마다 은닉 상태의 크기
SATURATION = 0.95  # |h| 가 이보다 크면 tanh 가 포화되었다고 본다 (기울기 1 - h² < 0.1)


def deep_input(T: int = DEEP_T) -> np.ndarray:
    """데모의 고정 입력 x(t), shape (1, T, 1): t = 4..8 의 네모 펄스, t ≥ 20 부터는 느린 사인파."""
    T = check_size("T", T, minimum=2)
    t = np.arange(1, T + 1)
    x = np.where((t >= 4) & (t <= 8), 1.0, 0.0)
    x = x + np.where(t >= 20, 0.8 * np.sin(2 * np.pi * (t - 20) / 10), 0.0)
    return x[None, :, None]


def make_deep_layers(
    n_layers: int, scale: float, *, D: int = 1, H: int = DEEP_H, seed: int = 0, dtype=np.float64
) -> list[TimeRNN]:
    """층 n_layers 개의 TimeRNN 리스트. 층 l 의 입력 크기는 D (l = 1) 또는 H (l ≥ 2).

    가중치는 시드로 정한 표준 정규 행렬에 scale / √(입력 크기) 를 곱한 것이다: W_x^{(l)} 은
    scale/√D_l, W_h^{(l)} 은 scale/√H. 그래서 scale 을 바꾸면 같은 무작위 행렬의 크기만 바뀐다
    (슬라이더를 움직일 때 그림이 연속으로 변한다). 편향은 0.
    """
    L = check_size("n_layers", n_layers)
    scale = check_real("scale", scale, nonnegative=True)
    D = check_size("D", D)
    H = check_size("H", H)
    rng = np.random.default_rng(seed)
    layers = []
    for l in range(L):
        D_l = D if l == 0 else H
        Zx = rng.standard_normal((D_l, H))
        Zh = rng.standard_normal((H, H))
        Wx = (scale / math.sqrt(D_l) * Zx).astype(dtype)
        Wh = (scale / math.sqrt(H) * Zh).astype(dtype)
        layers.append(TimeRNN(Wx, Wh, np.zeros(H, dtype=dtype)))
    return layers


def deep_rnn_states(n_layers: int = 3, scale: float = 1.0) -> dict:
    """고정 입력을 층 n_layers 개짜리 깊은 순환 신경망에 넣고 층마다의 은닉 상태와 통계를 낸다.

    Returns
    -------
    dict: x (T,), hs (층마다 (T, H) 배열의 리스트), mean_abs (L,) 층마다 평균 |h|,
        saturated (L,) |h| > 0.95 인 성분의 비율
    """
    L = check_size("n_layers", n_layers)
    if L > MAX_LAYERS:
        raise ValueError(f"n_layers: expected an integer in [1, {MAX_LAYERS}], got {L}")
    from helpers.core.stacked import StackedRNN

    xs = deep_input()
    model = StackedRNN(make_deep_layers(L, scale))
    model.forward(xs)
    hs = [h[0] for h in model.hs_per_layer]  # 배치 하나: 층마다 (T, H)
    mean_abs = np.array([np.mean(np.abs(h)) for h in hs])
    saturated = np.array([np.mean(np.abs(h) > SATURATION) for h in hs])
    return {"x": xs[0, :, 0], "hs": hs, "mean_abs": mean_abs, "saturated": saturated}


@register_demo("deep_rnn_states")
def deep_rnn_states_demo() -> Demo:
    """층 수와 가중치 크기를 바꾸며 층마다의 은닉 상태를 본다."""
    return Demo(
        compute=deep_rnn_states,
        figure=deep_states_figure,
        controls=[
            Slider("n_layers", 1, MAX_LAYERS, 1, 3, label="은닉층의 수 L"),
            Slider("scale", 0.1, 3.0, 0.05, 1.0, label="가중치 크기 s"),
        ],
        scrub="scale",
        scrub_values=[0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0],
        title="층마다의 은닉 상태",
    )
