"""4장 데모: 시점 t 의 출력 y(t) 에 어느 시점의 입력이 영향을 주는가 (앞 방향만 vs 양방향)."""

from __future__ import annotations

import math

import numpy as np

from helpers.core.influence import output_influence
from helpers.core.init import check_real, check_size
from helpers.core.rnn import TimeRNN
from helpers.view.bidirectional import influence_figure

from .demo import Demo, Slider, register_demo

__all__ = ["BI_T", "BI_D", "BI_H", "make_birnn_pair", "birnn_influence", "birnn_influence_demo"]

BI_T = 20  # 시점 수
BI_D = 2  # 입력 크기
BI_H = 8  # 메모리 셀 하나의 은닉 상태 크기


def make_birnn_pair(
    scale: float = 1.0, *, T: int = BI_T, D: int = BI_D, H: int = BI_H, seed: int = 0, dtype=np.float64
):
    """데모의 고정된 모델 두 개와 입력을 만든다.

    두 메모리 셀(앞 방향 fwd, 뒤 방향 bwd)의 W_x 는 표준 정규/√D, W_h 는 scale · 표준 정규/√H 이다.
    출력은 y(t) = [h→(t); h←(t)]·w (출력 하나). 앞 방향만 읽는 모델은 같은 fwd 와 w 의 앞 절반
    w[:H] 를 쓴다: 양방향 모델에서 두 번째 메모리 셀만 뺀 모델이다.

    Returns
    -------
    fwd, bwd : TimeRNN,  w : ndarray (2H,),  xs : ndarray (1, T, D)
    """
    scale = check_real("scale", scale, nonnegative=True)
    T = check_size("T", T)
    D = check_size("D", D)
    H = check_size("H", H)
    rng = np.random.default_rng(seed)
    cells = []
    for _ in range(2):
        Wx = rng.standard_normal((D, H)) / math.sqrt(D)
        Wh = scale * rng.standard_normal((H, H)) / math.sqrt(H)
        cells.append(TimeRNN(Wx.astype(dtype), Wh.astype(dtype), np.zeros(H, dtype=dtype)))
    w = (rng.standard_normal(2 * H) / math.sqrt(2 * H)).astype(dtype)
    xs = rng.standard_normal((1, T, D)).astype(dtype)
    return cells[0], cells[1], w, xs


def birnn_influence(t: int = 10, scale: float = 1.0) -> dict:
    """시점 t (1..T, 수식처럼 1 부터 센다) 의 출력에 대한 각 입력의 영향을 두 모델에서 잰다.

    Returns
    -------
    dict: t_index (0 부터 센 시점), influence_fwd (T,), influence_bi (T,)
        influence[s] = ‖∂y(t)/∂x(s)‖ (``helpers.core.influence.output_influence``)
    """
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 1 <= t <= BI_T:
        raise ValueError(f"t: expected an integer time step in [1, {BI_T}], got {t!r}")
    from helpers.core.stacked import Bidirectional

    fwd, bwd, w, xs = make_birnn_pair(scale)
    H = fwd.params[1].shape[0]
    infl_fwd = output_influence(fwd, xs, t - 1, w[:H])[0]
    infl_bi = output_influence(Bidirectional(fwd, bwd, merge="concat"), xs, t - 1, w)[0]
    return {"t_index": t - 1, "influence_fwd": infl_fwd, "influence_bi": infl_bi}


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
