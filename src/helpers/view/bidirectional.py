"""4장 양방향 순환 신경망의 그림: 두 메모리 셀 도식, 입력의 영향 막대그래프, 시점별 오차, 정보 누출."""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FormatStrFormatter, MaxNLocator

from .base import LiveFigure, freeze_layout, nice_upper, set_caption
from .diagram import arrow, box
from .style import BLACK, BLUE, GREY, VERMILLION, use_book_style

__all__ = ["birnn_diagram", "influence_figure", "position_error_figure", "leak_figure"]

FWD_COLOR = BLUE  # 앞 방향(첫 번째) 메모리 셀
BWD_COLOR = VERMILLION  # 뒤 방향(두 번째) 메모리 셀


def birnn_diagram(T: int = 4) -> Figure:
    """양방향 순환 신경망의 두 메모리 셀을 시간 방향으로 펼쳐 그린다.

    아래 줄(첫 번째 메모리 셀)은 앞 시점의 은닉 상태를 받아 왼쪽에서 오른쪽으로, 위 줄(두 번째 메모리 셀)은
    뒤 시점의 은닉 상태를 받아 오른쪽에서 왼쪽으로 계산한다. 두 셀 모두 같은 입력 x(t) 를 받고,
    두 은닉 상태가 함께 출력 y(t) 로 간다.

    T : 그릴 시점의 수 (2..6)
    """
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or not 2 <= T <= 6:
        raise ValueError(f"T: expected an integer in [2, 6], got {T!r}")
    use_book_style()
    dx, dy, bw, bh = 2.4, 1.45, 1.3, 0.72
    fig = Figure(figsize=(10.0, 4.9), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.set_axis_off()
    yf, yb, yy = dy, 2 * dy, 3 * dy
    off = bw / 2 + 0.18  # 다른 줄로 가는 화살표는 셀 옆으로 비켜 지나간다
    for t in range(1, T + 1):
        x = t * dx
        box(ax, x, 0.0, bw, bh, f"$x({t})$", "#EEEEEE")
        box(ax, x, yf, bw, bh, r"$\overrightarrow{h}" + f"({t})$", FWD_COLOR + "40", edge=FWD_COLOR)
        box(ax, x, yb, bw, bh, r"$\overleftarrow{h}" + f"({t})$", BWD_COLOR + "40", edge=BWD_COLOR)
        box(ax, x, yy, bw, bh, f"$y({t})$", "#EEEEEE")
        # 입력은 두 메모리 셀에 모두 들어간다
        arrow(ax, (x - 0.25, bh / 2), (x - 0.25, yf - bh / 2), color=FWD_COLOR)
        arrow(ax, (x + 0.25, bh / 2), (x + off, yb - bh / 2), color=BWD_COLOR, rad=0.25, lw=1.3)
        # 두 은닉 상태가 함께 출력층으로 간다
        arrow(ax, (x - 0.25, yb + bh / 2), (x - 0.25, yy - bh / 2), color=BWD_COLOR)
        arrow(ax, (x - off, yf + bh / 2), (x + 0.25 - 0.5, yy - bh / 2), color=FWD_COLOR, rad=-0.25, lw=1.3)
        # 앞 방향: t-1 → t,  뒤 방향: t+1 → t
        if t > 1:
            arrow(ax, (x - dx + bw / 2, yf), (x - bw / 2, yf), color=FWD_COLOR, lw=2.2)
            arrow(ax, (x - bw / 2, yb), (x - dx + bw / 2, yb), color=BWD_COLOR, lw=2.2)
    arrow(ax, (dx - bw / 2 - 0.75, yf), (dx - bw / 2, yf), color=FWD_COLOR, ls="--")
    arrow(ax, (T * dx + bw / 2 + 0.75, yb), (T * dx + bw / 2, yb), color=BWD_COLOR, ls="--")
    lx = dx / 2 - 0.55
    ax.text(lx, 0.0, "입력층", ha="right", va="center", fontsize=13)
    ax.text(lx, yf, "첫 번째 메모리 셀\n(앞 방향)", ha="right", va="center", fontsize=13, color=FWD_COLOR)
    ax.text(lx, yb, "두 번째 메모리 셀\n(뒤 방향)", ha="right", va="center", fontsize=13, color=BWD_COLOR)
    ax.text(lx, yy, "출력층", ha="right", va="center", fontsize=13)
    ax.set_xlim(lx - 2.9, T * dx + bw / 2 + 0.9)
    ax.set_ylim(-bh / 2 - 0.1, yy + bh / 2 + 0.1)
    ax.set_aspect("equal")
    ax.set_title("양방향 순환 신경망: 앞 시점에서 오는 셀과 뒤 시점에서 오는 셀이 함께 y(t) 를 만든다")
    return fig


def _bar_colors(T: int, t: int):
    # 과거(s < t) 파랑, 현재(s = t) 검정, 미래(s > t) 주황
    return [FWD_COLOR if s < t else (BLACK if s == t else BWD_COLOR) for s in range(T)]


def influence_figure(
    t_index, influence_fwd, influence_bi, title: str | None = None, **_ignored
) -> LiveFigure:
    """출력 y(t) 에 대한 각 입력 x(τ) 의 영향 |∂y(t)/∂x(τ)| 를 두 모델 나란히 막대로 그린다.

    t_index : int, 0 부터 세는 시점 (그림에는 수식처럼 1 부터 센 t = t_index + 1 로 쓴다)
    influence_fwd, influence_bi : ndarray, shape (T,), 앞 방향만 읽는 모델과 양방향 모델의 영향
    title : 그림의 큰 제목 (데모에서는 데모 장치가 현재 값과 함께 쓰므로 주지 않는다)
    """
    use_book_style()
    influence_fwd = np.asarray(influence_fwd, dtype=float)
    T = influence_fwd.shape[0]
    s = np.arange(1, T + 1)
    fig = Figure(figsize=(10.0, 3.8), dpi=80, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, 2, sharey=True)
    panel_titles = ["앞 방향만 (메모리 셀 하나)", "양방향 (메모리 셀 둘)"]
    bars, marks, notes = [], [], []
    for ax, panel_title in zip(axes, panel_titles, strict=True):
        bars.append(ax.bar(s, np.zeros(T), width=0.8))
        marks.append(ax.axvline(1, color=GREY, linestyle="--", linewidth=1.5))
        notes.append(
            ax.text(
                0.02,
                0.96,
                "",
                transform=ax.transAxes,
                ha="left",
                va="top",
                fontsize=12,
                zorder=5,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85},
            )
        )
        # 눈금 글자가 그리기 시간의 대부분이므로 눈금을 적게 둔다
        ax.set_xticks([1] + list(range(10, T + 1, 10)))
        ax.yaxis.set_major_locator(MaxNLocator(3))
        ax.yaxis.set_major_formatter(FormatStrFormatter("%.2f"))  # 눈금 글자의 폭을 일정하게 (배치 고정)
        ax.set_title(panel_title)

        ax.set_xlim(0.3, T + 0.7)
    fig.supxlabel("입력의 시점 τ", fontsize=13)
    axes[0].set_ylabel("|∂y(t) / ∂x(τ)|")  # mathtext 보다 빠르다 (갱신마다 다시 그린다)

    def update(t_index, influence_fwd, influence_bi, **_ignored):
        t = int(t_index)
        both = [np.asarray(influence_fwd, dtype=float), np.asarray(influence_bi, dtype=float)]
        colors = _bar_colors(T, t)
        top = max(float(np.max(both[0])), float(np.max(both[1])), 1e-12)
        for rects, mark, note, infl in zip(bars, marks, notes, both, strict=True):
            for r, h, c in zip(rects, infl, colors, strict=True):
                r.set_height(h)
                r.set_color(c)
            mark.set_xdata([t + 1, t + 1])
            total = float(infl.sum())
            future = float(infl[t + 1 :].sum())
            share = 100.0 * future / total if total > 0 else 0.0
            note.set_text(f"t = {t + 1} · 미래 입력(s > t)의 몫: {share:.0f}%")
        axes[0].set_ylim(0.0, nice_upper(1.3 * top))  # 계단 범위: 작은 움직임엔 눈금이 그대로다

    update(t_index, influence_fwd, influence_bi)
    freeze_layout(fig, reserve_caption=True)
    if title is not None:
        set_caption(fig, title)
    return LiveFigure(fig, update)


def position_error_figure(mse_fwd, mse_bi, floor_fwd) -> Figure:
    """시점별 검증 MSE: 앞 방향만 읽는 모델, 양방향 모델, 그리고 미래를 못 보는 모델의 이론적 하한.

    mse_fwd, mse_bi, floor_fwd : ndarray, shape (T,)
    """
    arrays = {"mse_fwd": mse_fwd, "mse_bi": mse_bi, "floor_fwd": floor_fwd}
    T = np.asarray(mse_fwd).shape[0] if np.ndim(mse_fwd) == 1 else -1
    for name, a in arrays.items():
        a = np.asarray(a)
        if a.ndim != 1 or a.shape[0] != T or T < 1:
            raise ValueError(f"{name}: expected shape (T,) with the same T for all three, got {a.shape}")
    use_book_style()
    fig = Figure(figsize=(9.0, 4.0), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    t = np.arange(1, T + 1)
    ax.plot(t, floor_fwd, color=GREY, linestyle="--", label="미래를 못 보는 모델의 하한 (못 본 항의 수 / 3)")
    ax.plot(t, mse_fwd, color=FWD_COLOR, marker="o", label="앞 방향만")
    ax.plot(t, mse_bi, color=BWD_COLOR, marker="s", label="양방향")
    ax.set_xlabel("시점 t")
    ax.set_ylabel("검증 MSE")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("시점별 오차: 앞 방향 모델은 아직 보지 못한 입력만큼 틀린다")
    ax.legend(loc="center left")
    return fig


def leak_figure(train_mse, gen_mse, floor) -> Figure:
    """다음 값 예측에서 학습 MSE 와 생성할 때(앞부분만 주었을 때)의 MSE 를 두 모델에 대해 막대로 그린다.

    train_mse, gen_mse : (앞 방향만, 양방향) 순서의 값 두 개
    floor : 과거만 보는 모델의 이론적 하한 (가로 점선)
    """
    train_mse = np.asarray(train_mse, dtype=float)
    gen_mse = np.asarray(gen_mse, dtype=float)
    for name, a in (("train_mse", train_mse), ("gen_mse", gen_mse)):
        if a.shape != (2,):
            raise ValueError(f"{name}: expected shape (2,) (forward-only, bidirectional), got {a.shape}")
    use_book_style()
    fig = Figure(figsize=(8.0, 4.0), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    pos = np.arange(2)
    ax.bar(
        pos - 0.2,
        train_mse,
        width=0.38,
        color=[FWD_COLOR, BWD_COLOR],
        alpha=0.45,
        edgecolor=BLACK,
        label="학습 방식 (시퀀스 전체를 넣음)",
    )
    ax.bar(
        pos + 0.2,
        gen_mse,
        width=0.38,
        color=[FWD_COLOR, BWD_COLOR],
        edgecolor=BLACK,
        hatch="//",
        label="생성 방식 (앞부분만 넣음)",
    )
    ax.axhline(floor, color=GREY, linestyle="--", label="과거만 볼 때의 하한")
    top = 1.75 * max(float(gen_mse.max()), float(train_mse.max()), floor)
    for x, v in zip(
        np.concatenate([pos - 0.2, pos + 0.2]), np.concatenate([train_mse, gen_mse]), strict=True
    ):
        # 점선(하한)과 겹치지 않도록 막대 위로 띄우고 흰 바탕을 깐다
        ax.text(
            x,
            v + 0.04 * top,
            f"{v:.3f}",
            ha="center",
            va="bottom",
            fontsize=12,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
        )
    ax.set_xticks(pos, ["앞 방향만", "양방향"])
    ax.set_ylabel("다음 값 예측 MSE")
    ax.set_ylim(0, top)
    ax.set_title("양방향 모델의 낮은 학습 오차는 정보 누출이다")
    ax.legend(loc="upper center", fontsize=11)
    return fig
