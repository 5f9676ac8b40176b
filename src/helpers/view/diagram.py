"""도식(diagram)을 그리는 기본 도형: 가운데를 기준으로 놓는 둥근 상자와 화살표.

펼친 RNN, 깊은 RNN, 양방향 RNN, LSTM 셀의 그림이 모두 이 두 함수로 상자와 화살표를 그린다.
"""

from __future__ import annotations

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .style import BLACK

__all__ = ["arrow", "box"]


def box(
    ax,
    x: float,
    y: float,
    w: float,
    h: float,
    text: str,
    face,
    *,
    edge=BLACK,
    fontsize: float = 13,
    text_color=BLACK,
    rounding: float = 0.12,
    zorder: float = 3,
):
    """(x, y) 를 가운데로 하는 w × h 둥근 상자와 그 안의 글자를 그리고 (상자, 글자)를 돌려준다."""
    patch = FancyBboxPatch(
        (x - w / 2, y - h / 2),
        w,
        h,
        boxstyle=f"round,pad=0.02,rounding_size={rounding}",
        facecolor=face,
        edgecolor=edge,
        linewidth=1.5,
        zorder=zorder,
    )
    ax.add_patch(patch)
    label = ax.text(
        x, y, text, ha="center", va="center", fontsize=fontsize, color=text_color, zorder=zorder + 1
    )
    return patch, label


def arrow(
    ax,
    p,
    q,
    *,
    color=BLACK,
    lw: float = 1.6,
    ls: str = "-",
    rad: float = 0.0,
    style: str = "-|>",
    ms: float = 14,
    shrink: float = 0.0,
    zorder: float = 2,
) -> FancyArrowPatch:
    """p 에서 q 로 가는 화살표 (rad ≠ 0 이면 휘어진다)를 그려 돌려준다."""
    a = FancyArrowPatch(
        p,
        q,
        arrowstyle=style,
        mutation_scale=ms,
        color=color,
        linewidth=lw,
        linestyle=ls,
        connectionstyle=f"arc3,rad={rad}",
        shrinkA=shrink,
        shrinkB=shrink,
        zorder=zorder,
    )
    ax.add_patch(a)
    return a
