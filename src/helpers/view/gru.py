"""8장 GRU 의 그림: 코드로 그린 GRU 셀 구조도, 업데이트 게이트와 기억(LSTM 의 삭제 게이트와 나란히),
리셋 게이트와 후보 값이 보는 과거.

구조도의 배치 (6장 LSTM 구조도와 같은 흐름):
위쪽 굵은 가로줄이 은닉 상태 h(t−1) → h(t) 이다. GRU 에는 셀 상태가 따로 없으므로 이 줄이 곧 기억의 줄이다.
왼쪽에서 h(t−1) 이 아래로 내려가 x(t) 와 함께 리셋 게이트 r 과 업데이트 게이트 z 로 들어간다.
r 은 h(t−1) 에 곱해져(r ∘ h(t−1)) 후보 값 g 로 가고, z 는 위쪽 줄에서 h(t−1) 에 곱해지고(z ∘ h(t−1)),
1 − z 는 후보 값에 곱해진다((1 − z) ∘ g). 둘을 더한 것이 h(t) 다.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib import patheffects
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from helpers.core.validation import check_array
from helpers.view.base import LiveFigure, book_figure
from helpers.view.diagram import arrow
from helpers.view.gradients import fixed_layout
from helpers.view.style import BLACK, BLUE, GREEN, GREY, ORANGE, VERMILLION

__all__ = ["gru_cell_diagram", "reset_gate_live", "update_gate_live"]

# 구조도 좌표 (축 단위)
_Y_H, _Y_BUS, _Y_X, _Y_BOX = 6.0, 1.35, 0.75, 2.7
_BOX_W, _BOX_H = 1.75, 0.95
_X_DROP, _X_XIN = 1.35, 1.9  # h(t−1) 이 내려가는 곳, x(t) 가 들어오는 곳
_X_GATE = {"r": 3.0, "z": 5.1, "g": 8.4}
_Y_RH = 4.3  # r ∘ h(t−1) 의 줄
_Y_Z = 5.1  # z 와 1 − z 의 줄
_X_ZMUL, _X_ONE_MINUS, _X_PLUS, _X_H_UP = 6.4, 7.2, 9.9, 11.3
_PIPE = {"color": BLACK, "lw": 1.8, "solid_capstyle": "round"}
_GATE_TEXT = {
    "r": ("리셋 게이트", "r = σ(·)"),
    "z": ("업데이트 게이트", "z = σ(·)"),
    "g": ("후보 값", "g = tanh(·)"),
}


def _node(ax, x, y, symbol, fontsize=15):
    ax.add_patch(Circle((x, y), 0.27, facecolor="#FFF4E0", edgecolor=ORANGE, lw=1.8, zorder=4))
    ax.text(x, y, symbol, ha="center", va="center", fontsize=fontsize, zorder=5)


def _pipe(ax, xs, ys, *, bridge=False, zorder=1):
    (line,) = ax.plot(xs, ys, zorder=zorder, **_PIPE)
    if bridge:  # 다른 선을 넘는 다리처럼 흰 테두리를 두른다
        line.set_path_effects([patheffects.withStroke(linewidth=6, foreground="white"), patheffects.Normal()])
    return line


def gru_cell_diagram(figsize=(11.5, 6.4)):
    """GRU 셀 구조도 (값 없이 식만 적은 정적 그림). Figure 를 돌려준다."""
    fig, ax = book_figure(figsize=figsize)
    ax.set_xlim(0, 12.6)
    ax.set_ylim(0.0, 7.2)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.add_patch(
        FancyBboxPatch(
            (0.95, 0.45),
            9.9,
            6.1,
            boxstyle="round,pad=0.05,rounding_size=0.35",
            facecolor="#F4F4F4",
            edgecolor=GREY,
            lw=1.5,
            zorder=0,
        )
    )
    gx = _X_GATE
    top = _Y_BOX + _BOX_H / 2

    # 은닉 상태 줄 (기억의 줄): 굵게
    ax.plot([0.2, 12.2], [_Y_H, _Y_H], color=BLACK, lw=3.2, solid_capstyle="round", zorder=1)
    arrow(ax, (12.0, _Y_H), (12.5, _Y_H), lw=3.2)
    # h(t−1) 이 아래로 내려가 게이트의 입력 줄이 된다. x(t) 는 아래에서 들어온다.
    _pipe(ax, [_X_DROP, _X_DROP, gx["z"]], [_Y_H, _Y_BUS, _Y_BUS])
    _pipe(ax, [_X_XIN, _X_XIN, gx["g"]], [0.1, _Y_X, _Y_X])  # x(t) 줄: r, z, g 로 간다
    for k in ("r", "z"):
        _pipe(ax, [gx[k], gx[k]], [_Y_X, _Y_BUS])
        arrow(ax, (gx[k], _Y_BUS), (gx[k], _Y_BOX - _BOX_H / 2))
    arrow(ax, (gx["g"], _Y_X), (gx["g"], _Y_BOX - _BOX_H / 2))

    # r ∘ h(t−1): h(t−1) 이 왼쪽에서, r 이 아래에서 곱셈 노드로 들어가고, 곱이 후보 값으로 간다
    _pipe(ax, [_X_DROP, gx["r"] - 0.27], [_Y_RH, _Y_RH])
    arrow(ax, (gx["r"], top), (gx["r"], _Y_RH - 0.27))
    x_in_g = gx["g"] - _BOX_W / 2
    _pipe(ax, [gx["r"] + 0.27, 7.05, 7.05], [_Y_RH, _Y_RH, _Y_BOX], bridge=True, zorder=2)
    arrow(ax, (7.05, _Y_BOX), (x_in_g, _Y_BOX))

    # z: 위쪽 줄에서 h(t−1) 에 곱하고(×), 1 − z 는 후보 값에 곱한다
    _pipe(ax, [gx["z"], gx["z"], _X_ONE_MINUS - 0.3], [top, _Y_Z, _Y_Z])
    arrow(ax, (_X_ZMUL, _Y_Z), (_X_ZMUL, _Y_H - 0.27))
    _pipe(ax, [_X_ONE_MINUS + 0.3, gx["g"] - 0.27], [_Y_Z, _Y_Z])
    arrow(ax, (gx["g"], top), (gx["g"], _Y_Z - 0.27))
    _pipe(ax, [gx["g"] + 0.27, _X_PLUS, _X_PLUS], [_Y_Z, _Y_Z, _Y_H - 0.27])
    arrow(ax, (_X_PLUS, _Y_Z + 0.3), (_X_PLUS, _Y_H - 0.27))
    # 출력층으로 올라가는 은닉 상태
    up = FancyArrowPatch(
        (_X_H_UP, _Y_H), (_X_H_UP, 7.05), arrowstyle="-|>", mutation_scale=14, color=BLACK, lw=1.8,
        shrinkA=0, shrinkB=0, zorder=2,
    )  # fmt: skip
    ax.add_patch(up)

    _node(ax, gx["r"], _Y_RH, "×")
    _node(ax, _X_ZMUL, _Y_H, "×")
    _node(ax, gx["g"], _Y_Z, "×")
    _node(ax, _X_PLUS, _Y_H, "+")
    ax.add_patch(
        FancyBboxPatch(
            (_X_ONE_MINUS - 0.3, _Y_Z - 0.25), 0.6, 0.5, boxstyle="round,pad=0.02,rounding_size=0.2",
            facecolor="#FFF4E0", edgecolor=ORANGE, lw=1.8, zorder=4,
        )
    )  # fmt: skip
    ax.text(_X_ONE_MINUS, _Y_Z, "1−", ha="center", va="center", fontsize=13, zorder=5)

    for k, x in gx.items():
        name, formula = _GATE_TEXT[k]
        ax.add_patch(
            FancyBboxPatch(
                (x - _BOX_W / 2, _Y_BOX - _BOX_H / 2), _BOX_W, _BOX_H,
                boxstyle="round,pad=0.02,rounding_size=0.12", facecolor="white",
                edgecolor=GREEN if k == "g" else BLUE, lw=2.0, zorder=3,
            )
        )  # fmt: skip
        ax.text(
            x,
            _Y_BOX,
            f"{name}\n{formula}",
            ha="center",
            va="center",
            fontsize=11.5,
            zorder=5,
            linespacing=1.3,
        )

    lab = {"fontsize": 13, "zorder": 5}
    ax.text(0.2, _Y_H + 0.22, "h(t−1)", ha="left", va="bottom", **lab)
    ax.text(12.5, _Y_H + 0.22, "h(t)", ha="right", va="bottom", **lab)
    ax.text(_X_XIN - 0.12, 0.12, "x(t)", ha="right", va="bottom", **lab)
    ax.text(_X_H_UP + 0.12, 6.9, "h(t) → 출력층", ha="left", va="center", fontsize=11.5, zorder=5)
    small = {"fontsize": 11, "zorder": 5, "color": VERMILLION}
    ax.text(gx["r"] + 0.3, _Y_RH + 0.4, "r ∘ h(t−1)", ha="left", va="center", **small)
    ax.text(_X_ZMUL - 0.35, _Y_H + 0.3, "z ∘ h(t−1)", ha="right", va="bottom", **small)
    ax.text(gx["g"] + 0.35, _Y_Z + 0.42, "(1 − z) ∘ g", ha="left", va="center", **small)
    ax.text(
        5.9, 6.7, "은닉 상태: 기억이 흐르는 줄 (셀 상태 없이 하나뿐이다)", ha="center", va="bottom",
        fontsize=12, color=GREY,
    )  # fmt: skip
    return fig


# ---------------------------------------------------------------------------------------------------
# 업데이트 게이트와 기억: LSTM 의 삭제 게이트와 나란히
# ---------------------------------------------------------------------------------------------------
def _fmt_half_life(value: float) -> str:
    return "∞" if math.isinf(value) else f"{value:.2f}"


def _mark_half_life(line, measured):
    """잰 반감기 measured (시점 수) 에 세로선 line 을 옮긴다. 반이 되지 않으면 (None 또는 inf) 숨긴다."""
    if measured is None or math.isinf(measured):
        line.set_visible(False)
    else:
        line.set_xdata([1 + measured, 1 + measured])
        line.set_visible(True)


GRAD_FLOOR = 1e-12  # 기울기 그림의 바닥 (이보다 작은 값은 바닥에 그린다)


def _log10_floor(values: np.ndarray, floor: float = GRAD_FLOOR) -> tuple[np.ndarray, bool]:
    """값을 [floor, ∞) 로 올려 로그 축에 그릴 수 있게 하고, 올린 값이 있었는지 돌려준다."""
    clipped = values < floor
    return np.maximum(values, floor), bool(np.any(clipped))


def _memory_panel(ax_m, ts, *, info_y: float):
    """두 GRU 데모의 왼쪽 패널: t = 1 에 넣은 값 0.8 이 시점마다 얼마나 남는지. (반감기 세로선, 글 상자)를 돌려준다."""
    vline = ax_m.axvline(1.0, color=BLUE, lw=1.3, ls=":")
    ax_m.set_xlim(ts[0], ts[-1])
    ax_m.set_ylim(-0.03, 0.85)
    ax_m.set_xlabel("시점 t (t = 1 에 값 0.8 을 후보로 넣는다)")
    ax_m.set_ylabel("값")
    ax_m.legend(loc="upper right", fontsize=10.5)
    info = ax_m.text(
        0.97, info_y, "", transform=ax_m.transAxes, va="top", ha="right", fontsize=11,
        bbox={"boxstyle": "round,pad=0.35", "facecolor": "white", "edgecolor": GREY, "alpha": 0.92},
    )  # fmt: skip
    return vline, info


def update_gate_live(
    *,
    ts: np.ndarray,
    h_gru: np.ndarray,
    c_lstm: np.ndarray,
    distances: np.ndarray,
    grad_gru: np.ndarray,
    grad_lstm: np.ndarray,
    z: float,
    f: float,
    half_life_gru: float,
    half_life_lstm: float,
    measured_gru: float | None,
    figsize=(12.0, 4.6),
    **_ignored,
) -> LiveFigure:
    """왼쪽: t = 1 에 넣은 값이 GRU 의 은닉 상태와 LSTM 의 셀 상태에 남는 모습.
    오른쪽: 곧바로 가는 길의 기울기 ∂h(T)/∂h(t) (GRU, = z^(T−t)) 와 ∂c(T)/∂c(t) (LSTM, = f^(T−t)).

    ts, h_gru, c_lstm : ndarray, shape (T,);  distances, grad_gru, grad_lstm : shape (K,)
    """
    check_array("ts", ts, ("T",), float_only=False)
    check_array("distances", distances, ("K",), float_only=False)
    fig, (ax_m, ax_g) = book_figure(1, 2, figsize=figsize)
    (l_gru,) = ax_m.plot(ts, h_gru, color=BLUE, lw=2.4, label="GRU 은닉 상태 h(t)")
    (l_lstm,) = ax_m.plot(ts, c_lstm, color=ORANGE, lw=2.0, ls="--", label="LSTM 셀 상태 c(t) (i = 1)")
    v_gru, info = _memory_panel(ax_m, ts, info_y=0.62)

    y_g, _ = _log10_floor(grad_gru)
    y_l, _ = _log10_floor(grad_lstm)
    (g_gru,) = ax_g.plot(distances, y_g, color=BLUE, lw=2.4, label="GRU: ∂h(T)/∂h(t) = z^(T−t)")
    (g_lstm,) = ax_g.plot(distances, y_l, color=ORANGE, lw=2.0, ls="--", label="LSTM: ∂c(T)/∂c(t) = f^(T−t)")
    ax_g.axhline(1e-3, color=GREY, lw=1.0, ls=":")
    ax_g.set_yscale("log")
    ax_g.set_ylim(GRAD_FLOOR / 3, 3)
    ax_g.set_yticks([1e-12, 1e-9, 1e-6, 1e-3, 1])
    ax_g.minorticks_off()
    ax_g.set_xlim(distances[0], distances[-1])
    ax_g.set_xlabel("거리 T − t (시점 수)")
    ax_g.set_ylabel("곧바로 가는 길의 기울기 (로그 척도)")
    ax_g.legend(loc="lower left", fontsize=10.5)
    note = ax_g.text(0.99, 0.97, "", transform=ax_g.transAxes, va="top", ha="right", fontsize=10, color=GREY)
    fixed_layout(fig, (0.06, 0.14, 0.40, 0.70), (0.57, 0.14, 0.41, 0.70))

    def update(**data):
        l_gru.set_data(data["ts"], data["h_gru"])
        l_lstm.set_data(data["ts"], data["c_lstm"])
        _mark_half_life(v_gru, data["measured_gru"])
        z_, f_ = data["z"], data["f"]
        info.set_text(
            f"GRU: z = {z_:.2f}, 처음 높이 (1 − z)·0.8 = {(1 - z_) * 0.8:.2f}\n"
            f"   반감기 ln 0.5 / ln z = {_fmt_half_life(data['half_life_gru'])} 시점\n"
            f"LSTM: f = {f_:.2f}, 처음 높이 i·0.8 = 0.80\n"
            f"   반감기 ln 0.5 / ln f = {_fmt_half_life(data['half_life_lstm'])} 시점"
        )
        yg, cg = _log10_floor(data["grad_gru"])
        yl, cl = _log10_floor(data["grad_lstm"])
        g_gru.set_data(data["distances"], yg)
        g_lstm.set_data(data["distances"], yl)
        note.set_text("1e−12 보다 작은 값은 바닥에 그렸다" if (cg or cl) else "")

    update(ts=ts, h_gru=h_gru, c_lstm=c_lstm, distances=distances, grad_gru=grad_gru, grad_lstm=grad_lstm,
           z=z, f=f, half_life_gru=half_life_gru, half_life_lstm=half_life_lstm, measured_gru=measured_gru)  # fmt: skip
    return LiveFigure(fig, update)


# ---------------------------------------------------------------------------------------------------
# 리셋 게이트: 후보 값이 과거를 얼마나 보는가
# ---------------------------------------------------------------------------------------------------
def reset_gate_live(
    *,
    ts: np.ndarray,
    hs: np.ndarray,
    gs: np.ndarray,
    r: float,
    z: float,
    w: float,
    rs: np.ndarray,
    factors: np.ndarray,
    factor: float,
    half_life: float,
    measured: float,
    figsize=(12.0, 4.6),
    **_ignored,
) -> LiveFigure:
    """왼쪽: t = 1 에 넣은 값이 은닉 상태 h(t) 에 남는 모습과, 그 뒤 후보 값 g(t) 가 그것을 다시 보는 모습.
    오른쪽: 한 시점당 남는 비율 z + (1 − z)·r·w 를 r 에 대해 그리고 지금의 r 을 표시한다.

    ts, hs, gs : ndarray, shape (T,);  rs, factors : shape (K,)
    """
    check_array("ts", ts, ("T",), float_only=False)
    check_array("rs", rs, ("K",))
    fig, (ax_m, ax_f) = book_figure(1, 2, figsize=figsize)
    (l_h,) = ax_m.plot(ts, hs, color=BLUE, lw=2.4, label="은닉 상태 h(t)")
    (l_g,) = ax_m.plot(ts, gs, color=GREEN, lw=2.0, ls="--", label="후보 값 g(t)")
    v_h, info = _memory_panel(ax_m, ts, info_y=0.70)

    (l_f,) = ax_f.plot(rs, factors, color=BLUE, lw=2.2, label="z + (1 − z)·r·w")
    (pt,) = ax_f.plot([r], [factor], "o", color=VERMILLION, ms=9, label="지금의 r")
    ax_f.axhline(1.0, color=GREY, lw=1.0, ls=":")
    ax_f.set_xlim(0, 1)
    ax_f.set_ylim(-0.03, 1.08)
    ax_f.set_xlabel("리셋 게이트 r")
    ax_f.set_ylabel("한 시점당 남는 비율")
    ax_f.legend(loc="lower right", fontsize=10.5)
    fixed_layout(fig, (0.06, 0.14, 0.44, 0.70), (0.62, 0.14, 0.36, 0.70))

    def update(**data):
        l_h.set_data(data["ts"], data["hs"])
        l_g.set_data(data["ts"], data["gs"])
        _mark_half_life(v_h, data["measured"])
        l_f.set_data(data["rs"], data["factors"])
        pt.set_data([data["r"]], [data["factor"]])
        info.set_text(
            f"r = {data['r']:.2f},  z = {data['z']:.2f},  w = {data['w']:.2f}\n"
            f"남는 비율 z + (1 − z)·r·w = {data['factor']:.3f}\n"
            f"반감기 (식) = {_fmt_half_life(data['half_life'])} 시점\n"
            f"반감기 (곡선에서 잰 값) = {_fmt_half_life(data['measured'])} 시점"
        )

    update(ts=ts, hs=hs, gs=gs, r=r, z=z, w=w, rs=rs, factors=factors, factor=factor, half_life=half_life,
           measured=measured)  # fmt: skip
    return LiveFigure(fig, update)
