"""3장 깊은 순환 신경망의 그림: 층 × 시점 격자 도식, 층마다의 은닉 상태 히트맵, 층별 기울기 노름."""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.core.slider_data import MAX_LAYERS
from helpers.core.validation import check_size

from .base import LiveFigure, freeze_layout
from .diagram import arrow, box
from .style import BLACK, DIVERGING_CMAP, GREY, PALETTE, use_book_style

__all__ = ["stacked_rnn_diagram", "deep_states_figure", "layer_grad_figure"]


def stacked_rnn_diagram(n_layers: int = 3, T: int = 4) -> Figure:
    """깊은 순환 신경망을 층 × 시점 격자로 그린다.

    가로 화살표는 같은 층의 이전 시점에서 오는 은닉 상태(순환 가중치 W_h^{(l)}),
    세로 화살표는 아래층의 같은 시점에서 오는 은닉 상태(입력 가중치 W_x^{(l)})이다.

    n_layers : 은닉층의 수 M (1..6)
    T : 그릴 시점의 수 (2..6)
    """
    L = check_size("n_layers", n_layers, maximum=6)
    T = check_size("T", T, minimum=2, maximum=6)
    use_book_style()
    dx, dy, bw, bh = 2.3, 1.35, 1.45, 0.72
    fig = Figure(figsize=(10.0, 1.55 + 1.05 * (L + 2)), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.set_axis_off()
    top = (L + 1) * dy
    for t in range(1, T + 1):
        x = t * dx
        box(ax, x, 0.0, bw, bh, f"$x({t})$", "#EEEEEE")
        box(ax, x, top, bw, bh, f"$y({t})$", "#EEEEEE")
        for l in range(1, L + 1):
            y = l * dy
            color = PALETTE[(l - 1) % 6]
            box(ax, x, y, bw, bh, f"$h^{{({l})}}({t})$", color + "40", edge=color)
            # 아래층(또는 입력)의 같은 시점에서 위로
            arrow(ax, (x, y - dy + bh / 2), (x, y - bh / 2), color=color)
            # 같은 층의 이전 시점에서 오른쪽으로 (t = 1 이면 초기 은닉 상태 h(0))
            x0 = x - dx + bw / 2 if t > 1 else x - dx / 2 - 0.1
            arrow(ax, (x0, y), (x - bw / 2, y), color=color, ls="-" if t > 1 else "--")
        arrow(ax, (x, L * dy + bh / 2), (x, top - bh / 2), color=GREY)
    # 왼쪽의 행 이름
    lx = dx / 2 - 0.55
    ax.text(lx, 0.0, "입력층", ha="right", va="center", fontsize=13)
    ax.text(lx, top, "출력층", ha="right", va="center", fontsize=13)
    for l in range(1, L + 1):
        ax.text(lx, l * dy, f"은닉층 {l}", ha="right", va="center", fontsize=13, color=PALETTE[(l - 1) % 6])
    # 첫 열의 화살표에 가중치 이름을 붙인다
    ax.text(dx + 0.1, 0.5 * dy, "$W_x^{(1)}$", ha="left", va="center", fontsize=12)
    if L >= 2:
        ax.text(dx + 0.1, 1.5 * dy, "$W_x^{(2)}$", ha="left", va="center", fontsize=12)
    ax.text(1.5 * dx, dy + 0.18, "$W_h^{(1)}$", ha="center", va="bottom", fontsize=12)
    ax.set_xlim(lx - 1.3, T * dx + bw / 2 + 0.1)
    ax.set_ylim(-bh / 2 - 0.15, top + bh / 2 + 0.15)
    ax.set_aspect("equal")
    ax.set_title(f"깊은 순환 신경망: 은닉층 {L}개를 쌓고 시간 방향으로 펼친 모습")
    return fig


def _layer_texts(mean_abs, saturated):
    # 포화: |h| > 0.95 인 성분의 비율 (글자가 짧을수록 갱신이 빠르다)
    return [f"평균 |h| {m:.2f} · 포화 {100 * s:.0f}%" for m, s in zip(mean_abs, saturated, strict=True)]


def deep_states_figure(x, hs, mean_abs, saturated, **_ignored) -> LiveFigure:
    """층마다 은닉 상태를 히트맵으로 그린다 (가로: 시점, 세로: 은닉 상태의 성분).

    아래에서 위로 입력 x(t), 은닉층 1, 2, … 순서이다 (도식과 같은 방향). 축은 ``MAX_LAYERS`` 개를
    미리 만들고, 쓰지 않는 층의 축은 감춘다 (그림을 새로 만들지 않고 갱신한다).

    x : ndarray, shape (T,), 입력 (D = 1)
    hs : 층마다 ndarray, shape (T, H) 인 리스트 (길이 L, 1 ≤ L ≤ MAX_LAYERS)
    mean_abs, saturated : ndarray, shape (L,), 층마다 평균 |h| 과 |h| > 0.95 인 성분의 비율
    """
    use_book_style()
    x = np.asarray(x)
    T = x.shape[0]
    H = np.asarray(hs[0]).shape[1]
    # 넓고 낮게: 1280×720 강의 슬라이드에 슬라이더와 함께 들어간다
    fig = Figure(figsize=(12.5, 5.0), dpi=72, layout="constrained")
    FigureCanvasAgg(fig)
    # 눈금 글자가 그리기 시간의 대부분이므로 눈금은 꼭 필요한 만큼만 둔다 (sharex 없이 직접 맞춘다)
    axes = fig.subplots(MAX_LAYERS + 1, 1, height_ratios=[2] * MAX_LAYERS + [1.3])
    heat_axes = axes[:MAX_LAYERS][::-1]  # heat_axes[0] 이 은닉층 1 (맨 아래 히트맵)
    x_ax = axes[-1]
    (line,) = x_ax.plot(np.arange(1, T + 1), x, color=BLACK, marker="o", markersize=3)
    x_ax.set_xlim(0.5, T + 0.5)
    x_ax.set_ylim(-1.2, 1.2)
    x_ax.set_yticks([-1, 0, 1])
    x_ax.set_xticks([1] + list(range(10, T + 1, 10)))
    x_ax.set_ylabel("x(t)")  # 갱신마다 다시 그리므로 mathtext 대신 보통 글자를 쓴다 (더 빠르다)
    x_ax.set_xlabel("시점 t")
    x_ax.set_title("입력층", loc="left", fontsize=13)
    images, right_titles = [], []
    zeros = np.zeros((H, T))
    for l, ax in enumerate(heat_axes):
        im = ax.imshow(
            zeros,
            cmap=DIVERGING_CMAP,
            vmin=-1.0,
            vmax=1.0,
            aspect="auto",
            interpolation="nearest",
            extent=(0.5, T + 0.5, H + 0.5, 0.5),
        )
        ax.grid(False)
        ax.set_xticks([])
        ax.set_yticks([])  # 성분의 번호는 세로축 이름에 적는다 (눈금 글자를 줄여 갱신을 빠르게)
        ax.set_title(f"은닉층 {l + 1}", loc="left", fontsize=13, color=PALETTE[l % 6])
        right_titles.append(ax.set_title(" ", loc="right", fontsize=12))
        images.append(im)
    fig.supylabel(f"은닉 상태의 성분 1–{H}", fontsize=13)
    cbar = fig.colorbar(images[0], ax=list(heat_axes), shrink=0.6, label="은닉 상태의 값")
    cbar.set_ticks([-1, 0, 1])
    # 감춘 축들이 차지하던 자리에 쓰는 안내 (L = MAX_LAYERS 이면 감춘다)
    note = fig.text(0.5, 0.5, "", ha="center", va="center", fontsize=13, color=GREY)
    note.set_in_layout(False)

    def update(x, hs, mean_abs, saturated, **_ignored):
        L = len(hs)
        if not 1 <= L <= MAX_LAYERS:
            raise ValueError(f"hs: expected 1..{MAX_LAYERS} layers, got {L}")
        line.set_ydata(np.asarray(x))
        texts = _layer_texts(mean_abs, saturated)
        for l, ax in enumerate(heat_axes):
            visible = l < L
            ax.set_visible(visible)
            if visible:
                images[l].set_data(np.asarray(hs[l]).T)
                right_titles[l].set_text(texts[l])
        note.set_visible(L < MAX_LAYERS)
        if L < MAX_LAYERS:
            # 감춘 축들(층 L+1 .. MAX_LAYERS)의 가운데에 쓴다 (레이아웃이 고정된 뒤의 위치)
            boxes = [ax.get_position() for ax in heat_axes[L:]]
            note.set_position((0.5 * (boxes[0].x0 + boxes[0].x1), 0.5 * (boxes[0].y0 + boxes[-1].y1)))
            note.set_text(f"은닉층 {L}개 (층 수 슬라이더로 {MAX_LAYERS}개까지 쌓을 수 있다)")

    # 배치는 모든 층의 축이 보이고 오른쪽 글이 찬 상태로 정한다 (감춘 축은 자리를 잡지 못한다)
    for t in right_titles:
        t.set_text(_layer_texts([0.0], [0.0])[0])
    freeze_layout(fig, reserve_caption=True)
    update(x, hs, mean_abs, saturated)
    return LiveFigure(fig, update)


def layer_grad_figure(norms_by_scale: dict) -> Figure:
    """층별로 도착한 기울기의 노름을 가중치 크기마다 선 하나로 그린다 (세로축 로그).

    norms_by_scale : {가중치 크기 κ: ndarray, shape (L + 1,)}. 값 [l] 은 ‖∂L/∂hs^{(l)}‖,
        [0] 은 입력 xs 에 도착한 기울기 (``helpers.core.sensitivity.layer_grad_norms``).
    """
    if not isinstance(norms_by_scale, dict) or not norms_by_scale:
        raise ValueError("norms_by_scale: expected a non-empty dict {scale: norms of shape (L + 1,)}")
    use_book_style()
    fig = Figure(figsize=(8.0, 4.2), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    for i, (s, norms) in enumerate(norms_by_scale.items()):
        norms = np.asarray(norms, dtype=float)
        if norms.ndim != 1 or norms.size < 2 or not np.all(norms > 0):
            raise ValueError(f"norms_by_scale[{s}]: expected positive norms of shape (L + 1,), got {norms!r}")
        ax.plot(
            np.arange(norms.size), norms, marker="o", color=PALETTE[i % 6], label=f"가중치 크기 κ = {s:g}"
        )
    L = norms.size - 1
    ax.set_yscale("log")
    ax.set_xticks(np.arange(L + 1), ["입력"] + [f"층 {l}" for l in range(1, L + 1)])
    ax.set_xlabel("기울기가 도착한 곳 (오른쪽이 출력층 쪽)")
    ax.set_ylabel("기울기의 노름")
    ax.set_title(f"은닉층 {L}개: 기울기는 아래층으로 내려가며 곱해진다")
    ax.legend(loc="best")
    return fig
