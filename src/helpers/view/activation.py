"""활성화 함수 tanh 가 입력을 얼마나 눌러 찌그러뜨리는지(포화) 보여 주는 그림."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Rectangle

from helpers.core.slider_data import SATURATION

from .base import LiveFigure, book_figure, nice_upper
from .style import BLUE, GREY, ORANGE, VERMILLION

__all__ = ["tanh_squash_figure"]


def tanh_squash_figure(x, y, lin, sat_lo, sat_hi, edges, hist, frac_saturated, **_) -> LiveFigure:
    """왼쪽: y = tanh(w·x + b) 와 점선 w·x + b, 포화 구간 음영. 오른쪽: 가우스 입력을 통과시킨 출력의 분포.

    x, y, lin : ndarray, shape (P,)  곡선의 x, tanh(w·x + b), w·x + b
    sat_lo, sat_hi : float  이 x 보다 작거나(크면) 포화된다 (없으면 ±inf)
    edges : ndarray, shape (B + 1,)  출력 히스토그램의 구간 경계, hist : ndarray, shape (B,)  구간별 비율
    frac_saturated : float  |y| > 0.95 인 출력의 비율
    """
    fig, (ax1, ax2) = book_figure(1, 2, figsize=(10.0, 3.6))
    x = np.asarray(x)
    x0, x1 = float(x[0]), float(x[-1])

    # 포화 구간: x 는 데이터 좌표, y 는 축 전체
    trans = ax1.get_xaxis_transform()
    span_lo = Rectangle((x0, 0), 0, 1, transform=trans, color=VERMILLION, alpha=0.12, lw=0)
    span_hi = Rectangle(
        (x1, 0),
        0,
        1,
        transform=trans,
        color=VERMILLION,
        alpha=0.12,
        lw=0,
    )
    ax1.add_patch(span_lo)
    ax1.add_patch(span_hi)
    (line_lin,) = ax1.plot(x, lin, "--", color=GREY, lw=1.6)
    (line_tanh,) = ax1.plot(x, y, color=BLUE)
    ax1.set_xlim(x0, x1)
    ax1.set_ylim(-1.6, 1.6)
    ax1.set_xlabel("입력 x")
    ax1.set_ylabel("출력 y")
    ax1.set_title("tanh 가 입력을 누른다")
    # 범례 대신 선 색의 글자로 이름을 붙인다(범례는 갱신마다 그리는 데 시간이 꽤 든다).
    names = [("tanh(w·x + b)", BLUE), ("w·x + b (선형)", GREY), (f"포화 구간 (|y| > {SATURATION})", VERMILLION)]
    for i, (text, color) in enumerate(names):
        ax1.text(0.03, 0.95 - 0.1 * i, text, color=color, transform=ax1.transAxes, ha="left", va="top", fontsize=11)

    edges = np.asarray(edges)
    ax2.axvspan(-1.0, -SATURATION, color=VERMILLION, alpha=0.12, lw=0)
    ax2.axvspan(SATURATION, 1.0, color=VERMILLION, alpha=0.12, lw=0)
    steps = ax2.stairs(hist, edges, fill=True, color=ORANGE, alpha=0.85)
    ax2.set_xlim(-1.05, 1.05)
    ax2.set_xlabel("출력 y = tanh(w·x + b)")
    ax2.set_ylabel("구간별 비율")
    ax2.set_title("x ~ N(0, 1) 를 통과시킨 출력의 분포")
    label = ax2.text(
        0.5,
        0.95,
        "",
        transform=ax2.transAxes,
        ha="center",
        va="top",
        fontsize=12.5,
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": VERMILLION},
    )

    def update(y, lin, sat_lo, sat_hi, hist, frac_saturated, **_):
        line_tanh.set_ydata(y)
        line_lin.set_ydata(lin)
        lo = min(max(sat_lo, x0), x1)
        hi = max(min(sat_hi, x1), x0)
        span_lo.set_width(lo - x0)
        span_hi.set_x(hi)
        span_hi.set_width(x1 - hi)
        steps.set_data(hist)
        ax2.set_ylim(0, nice_upper(max(0.3, 1.25 * float(np.max(hist)))))  # 계단 범위: 눈금이 덜 바뀐다
        label.set_text(f"포화된 출력 (|y| > {SATURATION}): {frac_saturated:.1%}")

    update(y, lin, sat_lo, sat_hi, hist, frac_saturated)
    return LiveFigure(fig, update)
