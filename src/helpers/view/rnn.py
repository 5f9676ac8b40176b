"""1·2장의 그림: 피드 포워드 신경망과 순환 신경망, 펼치기, BPTT 와 잘린 BPTT, 펄스 응답, 기울기 클리핑.

도식(diagram)은 matplotlib 의 패치와 화살표로 그린다. 살아 있는 그림(``*_live_figure``)은 배열을 받아
``LiveFigure(fig, update)`` 를 돌려주고, ``update`` 는 축을 새로 만들지 않고 아티스트의 데이터만 바꾼다.
계산은 하지 않는다 (계산은 ``helpers.core.toy_models`` 가 맡는다).
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.patches import Circle
from matplotlib.ticker import LogLocator, MaxNLocator, NullLocator

from helpers.core.toy_models import SATURATION_SLOPE
from helpers.core.validation import check_array
from helpers.view.base import LiveFigure, book_figure, clear_message, freeze_layout
from helpers.view.diagram import arrow, box
from helpers.view.style import BLACK, BLUE, GREEN, GREY, ORANGE, SKY_BLUE, VERMILLION

__all__ = [
    "feedforward_vs_recurrent_figure",
    "memory_cell_figure",
    "unrolled_figure",
    "pulse_live_figure",
    "clipping_live_figure",
    "loss_curves_figure",
    "credit_figure",
    "pulse_message",
    "clipping_message",
]

# 도식의 색: 입력은 하늘색, 은닉층(메모리 셀)은 주황, 출력은 초록, 은닉 상태의 흐름은 주홍, 기울기는 파랑
C_IN, C_CELL, C_OUT, C_STATE, C_GRAD = SKY_BLUE, ORANGE, GREEN, VERMILLION, BLUE
# 로그 축에 그릴 수 있는 범위: 밖의 값은 경계로 잘라 그리고 그림에 적는다
LOG_FLOOR, LOG_CEIL = 1e-8, 1e8
LOSS_FLOOR = 1e-6  # 절벽 데모의 손실 축 아래 끝


def _arrow(ax, p, q, color=BLACK, lw=1.6, style="-|>", ms=14, rad=0.0, ls="-", z=2, shrink=0.0):
    return arrow(ax, p, q, color=color, lw=lw, style=style, ms=ms, rad=rad, ls=ls, zorder=z, shrink=shrink)


def _box(ax, xy, w, h, text, face, fs=14, edge=BLACK):
    box(ax, *xy, w, h, text, face, edge=edge, fontsize=fs, rounding=0.08)


def _blank(ax, xlim, ylim):
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")


def _self_loop(ax, center, r, color=C_STATE, lw=2.0):
    """노드 오른쪽 위에서 나와 오른쪽 아래로 돌아오는 고리 화살표 (자기 자신에게 보내는 값)."""
    x, y = center
    p = (x + r * math.cos(math.radians(80)), y + r * math.sin(math.radians(80)))
    q = (x + r * math.cos(math.radians(-50)), y + r * math.sin(math.radians(-50)))
    return _arrow(ax, p, q, color=color, lw=lw, rad=-1.5, ms=13)


# ---------------------------------------------------------------------------------------------------
# 도식
# ---------------------------------------------------------------------------------------------------
def feedforward_vs_recurrent_figure(n_in: int = 3, n_hidden: int = 3, n_out: int = 2):
    """왼쪽: 피드 포워드 신경망(값이 출력층 방향으로만 간다). 오른쪽: 순환 신경망(은닉층 노드가 자기 자신에게도 보낸다).

    n_in, n_hidden, n_out : 각 층의 노드 수 (1..6)
    """
    for name, n in (("n_in", n_in), ("n_hidden", n_hidden), ("n_out", n_out)):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 6:
            raise ValueError(f"{name}: expected an integer in [1, 6], got {n!r}")
    fig, axes = book_figure(1, 2, figsize=(10.0, 4.6))
    r = 0.24
    layers = [(n_in, 0.0, C_IN, "입력층"), (n_hidden, 1.5, C_CELL, "은닉층"), (n_out, 3.0, C_OUT, "출력층")]
    for k, ax in enumerate(axes):
        recurrent = k == 1
        pos = []
        for n, y, color, name in layers:
            xs = np.arange(n) - (n - 1) / 2
            pos.append([(float(x), y) for x in xs])
            for x in xs:
                ax.add_patch(Circle((x, y), r, facecolor=color, edgecolor=BLACK, lw=1.4, zorder=3))
            ax.text(-2.2, y, name, ha="right", va="center", fontsize=13)
        for lower, upper in zip(pos[:-1], pos[1:], strict=True):
            for p in lower:
                for q in upper:
                    d = np.subtract(q, p) / math.dist(p, q) * r  # 원의 가장자리에서 시작하고 끝나게
                    _arrow(ax, tuple(p + d), tuple(q - d), color=GREY, lw=1.0, ms=9, z=1)
        if recurrent:
            for c in pos[1]:
                _self_loop(ax, c, r)
            ax.text(
                0.0,
                -0.55,
                "고리: 은닉층의 값을 다음 시점의 자신에게도 보낸다",
                ha="center",
                va="center",
                fontsize=12,
                color=C_STATE,
            )
        ax.set_title("순환 신경망(RNN)" if recurrent else "피드 포워드 신경망", fontsize=15)
        _blank(ax, (-3.4, 3.0), (-0.85, 3.4))
    return fig


def memory_cell_figure():
    """메모리 셀 하나: 입력 x(t) 와 앞 시점의 은닉 상태 h(t−1) 을 받아 h(t) 를 출력층과 다음 시점의 자신에게 보낸다."""
    fig, ax = book_figure(1, 1, figsize=(8.0, 4.6))
    w, h = 1.9, 1.0
    _box(ax, (0, 0), w, h, "메모리 셀\n$h(t) = \\tanh(\\cdot)$", C_CELL, fs=13)
    _box(ax, (0, 2.0), 1.5, 0.6, "출력층 $f$", C_OUT, fs=13)
    ax.text(0, 3.05, "$y(t)$", ha="center", va="center", fontsize=15)
    ax.text(0, -1.75, "$x(t)$", ha="center", va="center", fontsize=15)
    _arrow(ax, (0, -1.5), (0, -h / 2))
    ax.text(0.12, -1.0, "$W_x$", ha="left", va="center", fontsize=13)
    _arrow(ax, (0, h / 2), (0, 1.7), color=C_STATE, lw=2.4)
    ax.text(0.12, 1.1, "$h(t)$ → 출력층  ($W_y$)", ha="left", va="center", fontsize=13, color=C_STATE)
    _arrow(ax, (0, 2.3), (0, 2.8))
    # 오른쪽 고리: 다음 시점의 자신에게 보내는 은닉 상태
    _arrow(ax, (w / 2, 0.3), (w / 2, -0.3), color=C_STATE, lw=2.4, rad=-1.6, ms=16)
    ax.text(
        w / 2 + 0.75,
        0.0,
        "$h(t)$ → 다음 시점의 자신\n(그때는 $h(t-1)$ 로 들어온다,  $W_h$)",
        ha="left",
        va="center",
        fontsize=13,
        color=C_STATE,
        linespacing=1.5,
    )
    _blank(ax, (-1.4, 5.2), (-2.1, 3.4))
    return fig


def unrolled_figure(T: int = 4, *, compact: bool = True, backward: bool = False, block: int | None = None):
    """순환 신경망을 시간 축으로 펼친(unrolling) 그림.

    T : 펼칠 시점의 수 (1..8)
    compact : 왼쪽에 고리가 달린 접힌 그림과 '=' 을 함께 그릴지 여부
    backward : 시간에 따른 역전파(BPTT)의 기울기 흐름(파란 점선)을 함께 그릴지 여부
    block : 잘린 BPTT 의 블록 길이. 주면 블록 경계를 세로 점선으로 긋고, 경계를 넘는 기울기 화살표를 끊는다.
    """
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or not 1 <= T <= 8:
        raise ValueError(f"T: expected an integer in [1, 8], got {T!r}")
    if block is not None and (
        isinstance(block, bool) or not isinstance(block, (int, np.integer)) or not 1 <= block <= T
    ):
        raise ValueError(f"block: expected None or an integer in [1, T={T}], got {block!r}")
    dx = 2.0
    x0 = 3.7 if compact else 0.6
    width = x0 + dx * T + 0.2
    fig, ax = book_figure(1, 1, figsize=(min(1.25 * width + 0.6, 12.0), 4.4))
    w, h = 1.1, 0.8
    yx, yc, yy = 0.0, 1.6, 3.2
    if compact:
        _box(ax, (0.6, yc), w, h, "셀", C_CELL)
        ax.text(0.6, yx, "$x(t)$", ha="center", va="center", fontsize=14)
        ax.text(0.6, yy, "$y(t)$", ha="center", va="center", fontsize=14)
        _arrow(ax, (0.6, yx + 0.25), (0.6, yc - h / 2))
        _arrow(ax, (0.6, yc + h / 2), (0.6, yy - 0.28))
        # 셀의 오른쪽에서 나와 다시 셀로 돌아오는 고리: 다음 시점의 자신에게 보내는 은닉 상태
        _arrow(ax, (0.6 + w / 2, yc + 0.22), (0.6 + w / 2, yc - 0.22), color=C_STATE, lw=2.2, rad=-2.0)
        ax.text(0.6 + w / 2 + 0.55, yc, "$h(t)$", ha="left", va="center", fontsize=13, color=C_STATE)
        ax.text(2.45, yc, "=", ha="center", va="center", fontsize=26)
    for t in range(1, T + 1):
        cx = x0 + dx * (t - 1) + 0.6
        _box(ax, (cx, yc), w, h, "셀", C_CELL)
        ax.text(cx, yx, f"$x({t})$", ha="center", va="center", fontsize=14)
        ax.text(cx, yy, f"$y({t})$", ha="center", va="center", fontsize=14)
        _arrow(ax, (cx, yx + 0.25), (cx, yc - h / 2))
        _arrow(ax, (cx, yc + h / 2), (cx, yy - 0.28))
        left = (cx - dx + w / 2, yc) if t > 1 else (cx - w / 2 - 0.75, yc)
        _arrow(ax, left, (cx - w / 2, yc), color=C_STATE, lw=2.2)
        ax.text(
            (left[0] + cx - w / 2) / 2,
            yc + 0.12,
            f"$h({t - 1})$",
            ha="center",
            va="bottom",
            fontsize=11.5,
            color=C_STATE,
        )
        if backward:
            # 위(출력)에서 내려오는 기울기와 오른쪽(미래)에서 오는 기울기
            _arrow(ax, (cx + 0.32, yy - 0.3), (cx + 0.32, yc + h / 2), color=C_GRAD, lw=1.8, ls="--", ms=12)
            cut = block is not None and (t - 1) % block == 0 and t > 1
            if t > 1:
                p, q = (cx - w / 2, yc - 0.3), (cx - dx + w / 2, yc - 0.3)
                if cut:
                    ax.text(
                        (p[0] + q[0]) / 2, yc - 0.3, "✕", ha="center", va="center", fontsize=18, color=C_GRAD
                    )
                else:
                    _arrow(ax, p, q, color=C_GRAD, lw=1.8, ls="--", ms=12)
        if block is not None and t > 1 and (t - 1) % block == 0:
            bx = cx - dx / 2
            # 은닉 상태 이름표와 겹치지 않도록 가운데를 비워 둔다
            ax.plot([bx, bx], [yx - 0.3, yc - 0.55], ls=":", color=BLACK, lw=1.5)
            ax.plot([bx, bx], [yc + 0.6, yy + 0.3], ls=":", color=BLACK, lw=1.5)
    last = x0 + dx * (T - 1) + 0.6
    _arrow(ax, (last + w / 2, yc), (last + w / 2 + 0.6, yc), color=C_STATE, lw=2.2)
    ax.text(
        last + w / 2 + 0.3, yc + 0.12, f"$h({T})$", ha="center", va="bottom", fontsize=11.5, color=C_STATE
    )
    if backward:
        note = "파란 점선: 기울기가 흐르는 방향 (출력에서 아래로, 미래에서 과거로)"
        if block is not None:
            note += f"\n세로 점선: 길이 {block} 블록의 경계 — 은닉 상태는 넘어가고 기울기는 끊긴다(✕)"
        ax.text(x0 + 0.0, yx - 0.55, note, ha="left", va="top", fontsize=12, color=C_GRAD, linespacing=1.5)
    bottom = yx - 0.4 if not backward else (yx - 1.0 if block is None else yx - 1.45)
    _blank(ax, (-0.2, width + 0.4), (bottom, yy + 0.5))
    return fig


def _few_ticks(*axes, n: int = 4) -> None:
    """눈금 글자를 줄인다: 글자 그리기가 슬라이더 갱신 시간의 대부분을 차지한다."""
    for ax in axes:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=n))
        if ax.get_yscale() == "log":
            ax.yaxis.set_major_locator(LogLocator(numticks=n))
            ax.yaxis.set_minor_locator(NullLocator())
        else:
            ax.yaxis.set_major_locator(MaxNLocator(nbins=n))


# ---------------------------------------------------------------------------------------------------
# 1장 데모: 펄스 응답
# ---------------------------------------------------------------------------------------------------
PULSE_YMAX = 5.0  # 선형·ReLU 에서 이보다 큰 |h| 는 잘라 그린다
PRE_XMAX = 4.0  # 오른쪽 그림의 가로축 범위 |a| ≤ 4
_ACT_NAME = {"tanh": "tanh", "relu": "ReLU", "linear": "선형(항등)"}


def pulse_message(verdict: dict) -> str:
    """``pulse_verdict`` 의 결과를 한 줄의 한국어 판정문으로 바꾼다 (모든 수는 verdict 에서 온다)."""
    kind, T = verdict["kind"], verdict["T"]
    if kind == "explode":
        return "폭주한다: |h| 가 10⁶ 을 넘어 그 뒤는 그리지 않았다"
    if kind == "saturate":
        return (
            f"포화된다: |a(t)| 가 {verdict['max_pre']:.2f} 까지 가서 "
            f"tanh′ 가 {verdict['min_slope']:.3f} 로 작아졌다"
        )
    if kind == "grow":
        return f"커진다: h({T}) 가 h(1) 의 {verdict['gain']:.3g} 배이다 — 폭주로 가는 중"
    if kind == "remember":
        return f"기억한다: h({T}) 가 최댓값의 {100 * verdict['retention']:.0f}% 를 지켰다"
    if verdict["peak"] == 0:
        return "잊는다: 펄스가 은닉 상태에 들어가지 못했다 (h = 0)"
    hl = verdict["half_life"]
    return f"잊는다: {hl} 시점 만에 최댓값의 절반 아래로 줄었다" if hl is not None else "잊는다"


def pulse_live_figure(ts, xs, hs, pre, verdict, act="tanh", wh=None, wx=None, **_):
    """펄스 응답 그림. 왼쪽: 입력 펄스 x(t) 와 은닉 상태 h(t). 오른쪽: 활성화 함수와 a(t) 가 놓인 곳.

    ts, xs, hs, pre : ndarray, shape (T,) — ``helpers.core.toy_models.pulse_response`` 의 결과
    verdict : ``helpers.core.toy_models.pulse_verdict`` 의 결과
    """
    check_array("ts", np.asarray(ts, dtype=np.float64), ("T",))
    T = len(ts)
    fig, (ax1, ax2) = book_figure(1, 2, figsize=(10.0, 3.9), width_ratios=[1.6, 1])
    # 입력 펄스: 막대 T 개 대신 세로선 하나(NaN 으로 끊은 Line2D)로 그려 갱신을 가볍게 한다
    (stem,) = ax1.plot([], [], color=C_IN, lw=6, solid_capstyle="butt", label="입력 x(t)")
    (h_line,) = ax1.plot([], [], "o-", color=C_STATE, ms=4, label="은닉 상태 h(t)")
    ax1.axhline(0, color=GREY, lw=0.8)
    ax1.set_xlim(0, T + 1)
    ax1.set_xlabel("시점 t")
    ax1.legend(loc="lower right", ncols=2)
    msg = ax1.text(
        0.02,
        0.96,
        "",
        transform=ax1.transAxes,
        ha="left",
        va="top",
        fontsize=12.5,
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": GREY, "alpha": 0.9},
    )
    clip_note = ax1.text(
        0.98, 0.04 + 0.14, "", transform=ax1.transAxes, ha="right", va="bottom", fontsize=11, color=VERMILLION
    )

    a_grid = np.linspace(-PRE_XMAX, PRE_XMAX, 161)
    a_sat = math.atanh(math.sqrt(1.0 - SATURATION_SLOPE))  # tanh'(a) = SATURATION_SLOPE 인 |a|
    ax2.axvspan(-PRE_XMAX, -a_sat, color=GREY, alpha=0.18, lw=0)
    ax2.axvspan(a_sat, PRE_XMAX, color=GREY, alpha=0.18, lw=0)
    sat_label = ax2.text(2.9, -0.35, "포화\n영역", ha="center", va="center", fontsize=11.5, color=BLACK)
    (act_line,) = ax2.plot(a_grid, np.tanh(a_grid), color=BLACK, lw=1.8)
    (pts,) = ax2.plot([], [], "o", color=C_STATE, ms=6, alpha=0.7)
    (first,) = ax2.plot([], [], "D", color=BLUE, ms=8, label="펄스가 들어온 시점")
    ax2.set_xlim(-PRE_XMAX, PRE_XMAX)
    ax2.set_xlabel("가중합 a(t)")
    ax2.set_ylabel("h = φ(a)")
    ax2.legend(loc="upper left", handletextpad=0.2)
    _few_ticks(ax1, ax2)

    def stem_data(ts, xs):
        nz = np.nonzero(xs)[0]
        vx = np.repeat(ts[nz], 3).astype(np.float64)
        vy = np.zeros(3 * len(nz))
        vy[1::3] = xs[nz]
        vy[2::3] = np.nan
        return vx, vy

    def update(ts, xs, hs, pre, verdict, act="tanh", wh=None, wx=None, **_):
        clear_message(fig)
        stem.set_data(*stem_data(ts, xs))
        ok = np.isfinite(hs)
        h_line.set_data(ts[ok], hs[ok])  # 축 범위를 넘는 부분은 축이 잘라 그린다
        clipped = bool(np.any(np.abs(hs[ok]) > PULSE_YMAX))
        peak = float(np.max(np.abs(hs[ok]))) if ok.any() else 0.0
        top = 1.15 if act == "tanh" else min(max(1.15, 1.15 * peak), PULSE_YMAX * 1.05)
        ax1.set_ylim(-top if act != "relu" else -0.15 * top, top * 1.35)
        clip_note.set_text(
            f"|h| > {PULSE_YMAX:g} 인 부분은 그림 밖으로 나간다"
            if clipped or verdict["kind"] == "explode"
            else ""
        )
        msg.set_text(pulse_message(verdict))
        a_ok = pre[ok]
        outside = bool(np.any(np.abs(a_ok) > PRE_XMAX))
        a_show = np.clip(a_ok, -PRE_XMAX, PRE_XMAX)
        if act == "tanh":
            act_line.set_ydata(np.tanh(a_grid))
            pts.set_data(a_show, np.tanh(a_show))
            first.set_data(a_show[:1], np.tanh(a_show[:1]))
            ax2.set_ylim(-1.15, 1.15)
        else:
            f = np.maximum(a_grid, 0) if act == "relu" else a_grid
            act_line.set_ydata(f)
            fy = np.maximum(a_show, 0) if act == "relu" else a_show
            pts.set_data(a_show, fy)
            first.set_data(a_show[:1], fy[:1])
            ax2.set_ylim(-PRE_XMAX * (act == "linear") - 0.3, PRE_XMAX + 0.3)
        sat_label.set_visible(act == "tanh")
        for p in ax2.patches:
            p.set_visible(act == "tanh")
        ax2.set_title(
            f"활성화 함수 {_ACT_NAME.get(act, act)}" + (" (|a| > 4 는 끝에)" if outside else ""), fontsize=13
        )
        if wh is not None and wx is not None:
            ax1.set_title(f"h(t) = φ(w_x x(t) + w_h h(t−1)),  w_h = {wh:.2f}, w_x = {wx:.2f}", fontsize=13)

    update(ts, xs, hs, pre, verdict, act, wh, wx)
    freeze_layout(fig, reserve_caption=True)
    return LiveFigure(fig, update)


# ---------------------------------------------------------------------------------------------------
# 2장 데모: 기울기 클리핑
# ---------------------------------------------------------------------------------------------------
def clipping_message(plain: dict, clipped: dict, max_norm: float) -> tuple[str, str]:
    """두 경사 하강 경로를 한 줄씩 요약한다 (모든 수는 경로 데이터에서 온다)."""

    def one(p, name):
        k = p["escaped_at"]
        if k is not None:
            return (
                f"{name}: {k}번째 갱신의 기울기 노름 {p['grad_norms'][k - 1]:.3g}, "
                f"갱신 크기 {p['jump']:.3g} — 튕겨 나갔다"
            )
        return (
            f"{name}: 최대 기울기 노름 {p['grad_norms'].max():.3g}, 최대 갱신 크기 {p['step_norms'].max():.3g}, "
            f"{len(p['step_norms'])}번 갱신한 뒤 손실 {p['losses'][-1]:.2g}"
        )

    return one(plain, "클리핑 없음"), one(clipped, f"클리핑 (임곗값 θ = {max_norm:g})")


def _inside(path: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """경로를 그림 상자 [lo, hi] 안의 부분만 남긴다. 상자를 처음 벗어나는 선분은 경계까지만 긋는다.

    Returns: (상자 안의 점들 (m, 2), 경계에서 나간 점 (2,) 또는 None)
    """
    out = np.any((path < lo) | (path > hi), axis=1)
    if not out.any():
        return path, None
    k = int(np.argmax(out))
    if k == 0:
        return path[:0], None
    p, q = path[k - 1], path[k]
    d = q - p
    # p + s·d 가 상자를 벗어나는 가장 작은 s (0 < s ≤ 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        s_hi = np.where(d > 0, (hi - p) / d, np.inf)
        s_lo = np.where(d < 0, (lo - p) / d, np.inf)
    s = float(min(s_hi.min(), s_lo.min(), 1.0))
    exit_pt = p + s * d
    return np.vstack([path[:k], exit_pt]), exit_pt


def clipping_live_figure(grid_wh, grid_wx, grid_loss, plain, clipped, max_norm, lr, start, **_):
    """절벽이 있는 손실 지형 위의 두 경사 하강 경로(클리핑 없음 / 있음)와 갱신마다의 손실.

    grid_wh (A,), grid_wx (B,), grid_loss (B, A) : 지형. plain, clipped : ``helpers.core.toy_models.gd_path`` 의 결과.
    """
    gw = np.asarray(grid_wh, dtype=np.float64)
    gx = np.asarray(grid_wx, dtype=np.float64)
    check_array("grid_wh", gw, ("A",))
    check_array("grid_wx", gx, ("B",))
    check_array("grid_loss", np.asarray(grid_loss, dtype=np.float64), (len(gx), len(gw)))
    fig, (ax1, ax2) = book_figure(1, 2, figsize=(10.5, 4.3), width_ratios=[1.25, 1])  # 강의 슬라이드 높이에 맞춘다
    # 아래쪽 띠는 두 줄의 요약문 자리로 비워 둔다
    fig.get_layout_engine().set(rect=(0, 0.13, 1, 0.87))
    ax1.imshow(
        np.log10(np.asarray(grid_loss) + LOG_FLOOR),
        origin="lower",
        aspect="auto",
        extent=(gw[0], gw[-1], gx[0], gx[-1]),
        cmap="cividis",
        interpolation="nearest",  # 갱신마다 다시 보간하지 않도록 가장 싼 방법
        vmin=-4,
        vmax=6,
    )
    ax1.text(1.3, 0.55, "절벽", ha="center", va="center", fontsize=13, color=BLACK)
    ax1.grid(False)
    ax1.set_xlabel("순환 가중치 w_h")
    ax1.set_ylabel("입력 가중치 w_x")
    ax1.set_xlim(gw[0], gw[-1])
    ax1.set_ylim(gx[0], gx[-1])
    (l_plain,) = ax1.plot([], [], "o-", color=VERMILLION, ms=4, lw=2, label="클리핑 없음")
    (l_clip,) = ax1.plot([], [], "o-", color=SKY_BLUE, ms=4, lw=2, label="클리핑")
    (l_start,) = ax1.plot([], [], "*", color="white", mec=BLACK, ms=16, label="시작점")
    (l_esc,) = ax1.plot([], [], "X", color=VERMILLION, mec="white", ms=13, label="그림 밖으로 나간 곳")

    (c_plain,) = ax2.plot([], [], "o-", color=VERMILLION, ms=4, label="클리핑 없음")
    (c_clip,) = ax2.plot([], [], "o-", color=SKY_BLUE, ms=4, label="클리핑")
    # 로그 축 대신 log10(손실)을 보통 축에 그린다: 눈금 글자가 싸고 모양은 같다
    ax2.set_ylim(math.log10(LOSS_FLOOR), math.log10(LOG_CEIL))
    ax2.set_xlabel("갱신")
    ax2.set_ylabel("log₁₀ 손실")
    ax2.legend(handles=[c_plain, c_clip, l_start, l_esc], loc="upper right", fontsize=11)
    _few_ticks(ax1, ax2)
    t1 = fig.text(0.02, 0.075, "", ha="left", va="center", fontsize=12.5, color=VERMILLION)
    t2 = fig.text(0.02, 0.025, "", ha="left", va="center", fontsize=12.5, color=BLUE)

    def update(plain, clipped, max_norm, lr, start, **_):
        clear_message(fig)
        lo = np.array([gw[0], gx[0]])
        hi = np.array([gw[-1], gx[-1]])
        pts, exit_pt = _inside(plain["path"], lo, hi)
        l_plain.set_data(pts[:, 0], pts[:, 1])
        l_esc.set_data(*(([exit_pt[0]], [exit_pt[1]]) if exit_pt is not None else ([], [])))
        pts, _ = _inside(clipped["path"], lo, hi)
        l_clip.set_data(pts[:, 0], pts[:, 1])
        l_start.set_data([start[0]], [start[1]])
        n = max(len(plain["losses"]), len(clipped["losses"]))
        for line, p in ((c_plain, plain), (c_clip, clipped)):
            L = np.log10(np.clip(p["losses"], LOSS_FLOOR, LOG_CEIL))  # 범위 밖의 값은 경계에 붙여 그린다
            line.set_data(np.arange(len(L)), L)
        ax2.set_xlim(-0.5, max(n, 2) - 0.5)
        s1, s2 = clipping_message(plain, clipped, max_norm)
        t1.set_text(s1)
        t2.set_text(s2)
        ax1.set_title(f"손실 지형과 경로 (학습률 {lr:g})", fontsize=13)

    update(plain, clipped, max_norm, lr, start)
    freeze_layout(fig, reserve_caption=True)
    return LiveFigure(fig, update)


# ---------------------------------------------------------------------------------------------------
# 2장: 정적인 결과 그림
# ---------------------------------------------------------------------------------------------------
def loss_curves_figure(curves: dict, *, title: str = "학습 곡선", ylabel: str = "평균 제곱 오차"):
    """이름 → 손실 배열 (steps,) 의 사전을 받아 로그 축 학습 곡선을 그린다."""
    if not isinstance(curves, dict) or not curves:
        raise ValueError("curves: expected a non-empty dict of name -> 1-D array")
    fig, ax = book_figure(1, 1, figsize=(9.0, 3.8))
    colors = [VERMILLION, BLUE, GREEN, ORANGE, BLACK]
    for i, (name, L) in enumerate(curves.items()):
        L = np.asarray(L, dtype=np.float64)
        check_array(f"curves[{name!r}]", L, ("K",))
        ax.semilogy(
            np.arange(1, len(L) + 1), np.clip(L, LOG_FLOOR, LOG_CEIL), color=colors[i % 5], label=name
        )
    ax.set_xlabel("학습 횟수 (시퀀스 전체를 한 번 훑을 때마다 1)")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(loc="best")
    return fig


def credit_figure(credit_full, credit_trunc, k: int):
    """마지막 시점의 손실이 입력 x(t) 에 주는 기울기의 크기: 전체 BPTT 대 잘린 BPTT(블록 길이 k).

    credit_full, credit_trunc : ndarray, shape (T,). 0 은 로그 축에 그릴 수 없으므로 아래쪽 띠에 ×로 표시한다.
    """
    cf = np.asarray(credit_full, dtype=np.float64)
    check_array("credit_full", cf, ("T",))
    ct = np.asarray(credit_trunc, dtype=np.float64)
    check_array("credit_trunc", ct, (len(cf),))
    T = len(cf)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= T:
        raise ValueError(f"k: expected an integer in [1, T={T}], got {k!r}")
    if np.any(cf < 0) or np.any(ct < 0):
        raise ValueError("credit_full, credit_trunc: expected non-negative norms")
    fig, ax = book_figure(1, 1, figsize=(9.0, 3.8))
    ts = np.arange(1, T + 1)
    positive = np.concatenate([cf[cf > 0], ct[ct > 0]])
    lo = positive.min() if positive.size else 1.0
    hi = positive.max() if positive.size else 1.0
    floor = 10.0 ** (math.floor(math.log10(lo)) - 1)  # 0 을 표시할 높이
    top = 10.0 ** (math.ceil(math.log10(hi)) + 1)
    ax.semilogy(ts, np.where(cf > 0, cf, floor), "o-", color=VERMILLION, ms=4, label="전체 BPTT")
    nz = ct > 0
    ax.semilogy(ts[nz], ct[nz], "s", color=BLUE, ms=7, mfc="none", mew=2, label=f"잘린 BPTT (k = {k})")
    ax.semilogy(
        ts[~nz], np.full(int((~nz).sum()), floor), "x", color=BLUE, ms=8, mew=2, label="잘린 BPTT: 정확히 0"
    )
    start = (T - 1) // k * k + 1  # 마지막 블록의 첫 시점 (1부터 센다)
    ax.axvspan(start - 0.5, T + 0.5, color=SKY_BLUE, alpha=0.2, lw=0, zorder=0, label="마지막 블록")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0.5, T + 0.5)
    ax.set_ylim(floor / 3, top)
    ax.set_xlabel("입력의 시점 t")
    ax.set_ylabel("‖∂L / ∂x(t)‖")
    ax.set_title(f"마지막 시점의 손실이 과거 입력에 주는 기울기 (T = {T})")
    ax.legend(loc="upper left", ncols=2)
    return fig
