"""6장 LSTM 의 그림: 코드로 그린 LSTM 셀 구조도, 게이트 값이 보이는 살아 있는 구조도, 게이트 값이 정하는
기억과 기울기, LSTM 과 바닐라 RNN 의 기울기 비교.

구조도의 배치 (colah 의 그림과 같은 흐름):
위쪽 가로줄이 셀 상태 c(t−1) → c(t) (기억의 줄)이고, 아래쪽 가로줄로 h(t−1) 과 x(t) 가
들어와 네 게이트 상자(삭제 게이트 f, 입력 게이트 i, 후보 값 g, 출력 게이트 o)로 나뉘어 올라간다.
f 는 셀 상태에 곱해지고(×), i ⊙ g 는 셀 상태에 더해지며(+), tanh(c(t)) 에 o 를 곱한 것이 은닉 상태 h(t) 로
오른쪽(다음 시점)과 위쪽(출력층)으로 나간다.
"""

from __future__ import annotations

import math
import textwrap

import matplotlib as mpl
import numpy as np
from matplotlib import patheffects
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, FancyBboxPatch
from matplotlib.ticker import NullLocator

from helpers.core.validation import check_array
from helpers.view.base import LiveFigure, book_figure
from helpers.view.code import SourceCode, get_source
from helpers.view.diagram import arrow
from helpers.view.gradients import clip_for_plot, fixed_layout, shade_regions
from helpers.view.style import BLACK, BLUE, DIVERGING_CMAP, GREEN, GREY, ORANGE, VERMILLION

__all__ = [
    "GATE_NAMES",
    "marked_lines",
    "lstm_cell_diagram",
    "lstm_cell_live",
    "memory_gradient_live",
    "lstm_vs_rnn_live",
]

# 게이트 글자 → (책의 용어, 활성화 함수). 쌓는 순서 i, f, g, o 와 같다.
GATE_NAMES = {
    "i": ("입력 게이트", "σ"),
    "f": ("삭제 게이트", "σ"),
    "g": ("후보 값", "tanh"),
    "o": ("출력 게이트", "σ"),
}

# 구조도 좌표 (축 단위). 세로: 셀 상태 줄, 게이트 상자, 입력 줄
_Y_C, _Y_BUS, _Y_BOX = 4.9, 1.35, 2.5
_BOX_W, _BOX_H = 1.75, 0.95
_X_GATE = {"f": 2.75, "i": 4.65, "g": 6.55, "o": 8.45}
_X_MUL_IN, _Y_MUL_IN = 5.6, 3.85  # i ⊙ g 의 곱셈 노드
_X_OUT, _Y_TANH, _Y_MUL_OUT = 9.75, 4.1, 3.3  # tanh(c) 와 o ⊙ tanh(c)
_Y_LO, _Y_HI = 0.45, 6.3  # 그림의 세로 범위 (1280×720 슬라이드에 슬라이더와 함께 들어가도록 낮게)
_X_H_UP = 10.95  # 출력층으로 올라가는 은닉 상태
_SIGMA_CMAP = mpl.colormaps["Blues"]
_TANH_CMAP = mpl.colormaps[DIVERGING_CMAP]
_PIPE = {"color": BLACK, "lw": 1.8, "solid_capstyle": "round"}


def marked_lines(obj, markers) -> SourceCode:
    """obj 의 소스에서 ``markers`` (문자열 또는 그 목록) 를 담은 줄만 골라 코드 블록으로 돌려준다.

    ``show_source(obj, marker)`` 는 표시한 줄부터 빈 줄까지의 덩어리를 보여 주므로, LSTM.forward 처럼 게이트가
    한 줄씩 붙어 있으면 여섯 줄이 모두 나온다. 이 함수는 게이트 하나의 줄만 보여 준다. 떨어진 줄 사이에는 ``...``.
    """
    markers = [markers] if isinstance(markers, str) else list(markers)
    if not markers or not all(isinstance(m, str) and m for m in markers):
        raise ValueError(f"markers: expected a non-empty string or list of strings, got {markers!r}")
    lines = get_source(obj).splitlines()
    chosen = set()
    for m in markers:
        hits = [k for k, line in enumerate(lines) if m in line]
        if not hits:
            raise ValueError(f"markers: {m!r} not found in the source of {obj.__qualname__}")
        chosen.update(hits)
    pieces, prev = [], None
    for k in sorted(chosen):
        if prev is not None and k != prev + 1:
            pieces.append("...")
        pieces.append(lines[k])
        prev = k
    indent = min(len(p) - len(p.lstrip()) for p in pieces if p != "...")
    code = "\n".join(p if p == "..." else p[indent:] for p in pieces) + "\n"
    return SourceCode(code, f"{obj.__module__}.{obj.__qualname__} 에서")


def _num(x: float, digits: int = 2) -> str:
    """그림에 쓸 숫자: 빼기 기호를 하이픈이 아닌 U+2212 로 쓴다."""
    return f"{x:.{digits}f}".replace("-", "−")


def _arrow(ax, xy_from, xy_to, color=BLACK, lw=1.8):
    arrow(ax, xy_from, xy_to, color=color, lw=lw)


def _node(ax, x, y, symbol):
    ax.add_patch(Circle((x, y), 0.27, facecolor="#FFF4E0", edgecolor=ORANGE, lw=1.8, zorder=4))
    ax.text(x, y, symbol, ha="center", va="center", fontsize=15, zorder=5)


def _gate_colors(letter: str, value: float):
    """게이트 값에 따른 상자 색과 글자 색. σ 게이트는 0~1 을 흰색~파랑, g 는 −1~1 을 파랑~빨강으로."""
    if letter == "g":
        face = _TANH_CMAP(0.5 + 0.5 * float(np.clip(value, -1.0, 1.0)) * 0.85)
        dark = abs(value) > 0.6
    else:
        face = _SIGMA_CMAP(0.05 + 0.9 * float(np.clip(value, 0.0, 1.0)))
        dark = value > 0.6
    return face, ("white" if dark else BLACK)


def _draw_cell(ax, font_scale: float = 1.0) -> dict:
    """LSTM 셀 구조도를 ``ax`` 에 그리고, 값에 따라 바꿀 아티스트를 dict 로 돌려준다.

    font_scale : 구조도를 작게 그릴 때 글자도 함께 줄이는 배율 (상자 안의 글자가 상자를 넘지 않게)
    """
    ax.set_xlim(0, 12.6)
    ax.set_ylim(_Y_LO, _Y_HI)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.add_patch(
        FancyBboxPatch(
            (1.45, 0.85),
            9.0,
            4.6,
            boxstyle="round,pad=0.05,rounding_size=0.35",
            facecolor="#F4F4F4",
            edgecolor=GREY,
            lw=1.5,
            zorder=0,
        )
    )

    # 셀 상태 줄: 굵게
    ax.plot([0.2, 12.2], [_Y_C, _Y_C], color=BLACK, lw=3.2, solid_capstyle="round", zorder=1)
    _arrow(ax, (12.0, _Y_C), (12.5, _Y_C), lw=3.2)
    # 입력 줄: h(t−1) 이 왼쪽에서, x(t) 가 아래에서 들어와 네 게이트로 올라간다
    ax.plot([0.2, _X_GATE["o"]], [_Y_BUS, _Y_BUS], zorder=1, **_PIPE)
    ax.plot([1.9, 1.9], [_Y_LO + 0.05, _Y_BUS], zorder=1, **_PIPE)
    for x in _X_GATE.values():
        _arrow(ax, (x, _Y_BUS), (x, _Y_BOX - _BOX_H / 2))
    # 게이트 → 노드
    xf = _X_GATE["f"]
    _arrow(ax, (xf, _Y_BOX + _BOX_H / 2), (xf, _Y_C - 0.27))
    for letter in ("i", "g"):
        x = _X_GATE[letter]
        ax.plot([x, x, _X_MUL_IN], [_Y_BOX + _BOX_H / 2, _Y_MUL_IN, _Y_MUL_IN], zorder=1, **_PIPE)
    _arrow(ax, (_X_MUL_IN, _Y_MUL_IN + 0.27), (_X_MUL_IN, _Y_C - 0.27))
    xo = _X_GATE["o"]
    ax.plot([xo, xo, _X_OUT - 0.27], [_Y_BOX + _BOX_H / 2, _Y_MUL_OUT, _Y_MUL_OUT], zorder=1, **_PIPE)
    # 셀 상태 → tanh → × o → h(t)
    _arrow(ax, (_X_OUT, _Y_C), (_X_OUT, _Y_TANH + 0.3))
    _arrow(ax, (_X_OUT, _Y_TANH - 0.3), (_X_OUT, _Y_MUL_OUT + 0.27))
    ax.plot([_X_OUT, _X_OUT, 12.2], [_Y_MUL_OUT - 0.27, _Y_BUS, _Y_BUS], zorder=1, **_PIPE)
    _arrow(ax, (12.0, _Y_BUS), (12.5, _Y_BUS))
    # 출력층으로 올라가는 은닉 상태: 셀 상태 줄을 넘는 다리처럼 흰 테두리를 둘러 그린다
    up = FancyArrowPatch(
        (_X_H_UP, _Y_BUS),
        (_X_H_UP, _Y_HI - 0.1),
        arrowstyle="-|>",
        mutation_scale=14,
        color=BLACK,
        lw=1.8,
        shrinkA=0,
        shrinkB=0,
        zorder=2,
    )
    up.set_path_effects([patheffects.withStroke(linewidth=6, foreground="white")])
    ax.add_patch(up)

    _node(ax, xf, _Y_C, "×")
    _node(ax, _X_MUL_IN, _Y_MUL_IN, "×")
    _node(ax, _X_MUL_IN, _Y_C, "+")
    _node(ax, _X_OUT, _Y_MUL_OUT, "×")
    ax.add_patch(
        Ellipse((_X_OUT, _Y_TANH), 1.0, 0.6, facecolor="#FFF4E0", edgecolor=ORANGE, lw=1.8, zorder=4)
    )
    ax.text(_X_OUT, _Y_TANH, "tanh", ha="center", va="center", fontsize=12, zorder=5)

    handles = {"boxes": {}, "box_texts": {}}
    for letter, x in _X_GATE.items():
        name, act = GATE_NAMES[letter]
        box = FancyBboxPatch(
            (x - _BOX_W / 2, _Y_BOX - _BOX_H / 2),
            _BOX_W,
            _BOX_H,
            boxstyle="round,pad=0.02,rounding_size=0.12",
            facecolor="white",
            edgecolor=BLUE if letter != "g" else GREEN,
            lw=2.0,
            zorder=3,
        )
        ax.add_patch(box)
        txt = ax.text(
            x,
            _Y_BOX,
            f"{name}\n{letter} = {act}(·)",
            ha="center",
            va="center",
            fontsize=11.5,
            zorder=5,
            linespacing=1.3,
        )
        handles["boxes"][letter] = box
        handles["box_texts"][letter] = txt

    lab = {"fontsize": 13, "zorder": 5}
    handles["c_prev"] = ax.text(0.2, _Y_C + 0.22, "c(t−1)", ha="left", va="bottom", **lab)
    handles["c_next"] = ax.text(12.5, _Y_C + 0.22, "c(t)", ha="right", va="bottom", **lab)
    handles["h_prev"] = ax.text(0.2, _Y_BUS + 0.15, "h(t−1)", ha="left", va="bottom", **lab)
    handles["h_next"] = ax.text(12.5, _Y_BUS + 0.15, "h(t)", ha="right", va="bottom", **lab)
    handles["x"] = ax.text(1.75, _Y_LO + 0.05, "x(t)", ha="right", va="bottom", **lab)
    handles["h_up"] = ax.text(
        _X_H_UP + 0.12, _Y_HI - 0.3, "h(t) → 출력층", ha="left", va="center", fontsize=11.5, zorder=5
    )
    # 노드 옆의 중간 값 (정적 그림에서는 식)
    small = {"fontsize": 11, "zorder": 5, "color": VERMILLION}
    handles["fc"] = ax.text(xf + 0.35, _Y_C - 0.55, "f ⊙ c(t−1)", ha="left", va="center", **small)
    handles["ig"] = ax.text(_X_MUL_IN + 0.35, _Y_MUL_IN + 0.45, "i ⊙ g", ha="left", va="center", **small)
    handles["tanh_c"] = ax.text(_X_OUT - 0.6, _Y_TANH, "tanh(c(t))", ha="right", va="center", **small)
    ax.text(
        5.9, 5.58, "셀 상태: 기억이 흐르는 줄", ha="center", va="bottom", fontsize=12, color=GREY
    )
    for text in ax.texts:
        text.set_fontsize(text.get_fontsize() * font_scale)
    return handles


def lstm_cell_diagram(figsize=(11.5, 5.4)):
    """LSTM 셀 구조도 (값 없이 식만 적은 정적 그림). Figure 를 돌려준다."""
    fig, ax = book_figure(figsize=figsize)
    _draw_cell(ax)
    return fig


def _check_scalar(name: str, value, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name}: expected a real number in [{lo}, {hi}], got {type(value).__name__}")
    value = float(value)
    if not lo <= value <= hi:
        raise ValueError(f"{name}: expected a real number in [{lo}, {hi}], got {value}")
    return value


def _paint_cell(hd: dict, **data) -> None:
    """``_draw_cell`` 이 그린 구조도에 게이트 값과 상태 값을 칠하고 적는다 (살아 있는 그림들이 함께 쓴다).

    data : i, f, o (0~1), g (−1~1), c_prev, c, h, pre (선택: 게이트의 가중합)
    """
    vals = {k: _check_scalar(k, data[k], -1.0 if k == "g" else 0.0, 1.0) for k in ("i", "f", "g", "o")}
    c_prev_, c_, h_ = (float(data[k]) for k in ("c_prev", "c", "h"))
    pre_ = data.get("pre") or {}
    for letter, v in vals.items():
        name, act = GATE_NAMES[letter]
        face, ink = _gate_colors(letter, v)
        hd["boxes"][letter].set_facecolor(face)
        txt = hd["box_texts"][letter]
        if letter in pre_:
            txt.set_text(f"{name}\n{letter} = {act}({_num(pre_[letter], 1)}) = {_num(v)}")
        else:
            txt.set_text(f"{name}\n{letter} = {_num(v)}")
        txt.set_color(ink)
    hd["c_prev"].set_text(f"c(t−1) = {_num(c_prev_)}")
    hd["c_next"].set_text(f"c(t) = {_num(c_)}")
    hd["h_next"].set_text(f"h(t) = {_num(h_)}")
    hd["fc"].set_text(f"f ⊙ c(t−1) = {_num(vals['f'] * c_prev_)}")
    hd["ig"].set_text(f"i ⊙ g = {_num(vals['i'] * vals['g'])}")
    hd["tanh_c"].set_text(f"tanh(c(t)) = {_num(math.tanh(c_))}")


def lstm_cell_live(
    *,
    i: float,
    f: float,
    g: float,
    o: float,
    c_prev: float,
    c: float,
    h: float,
    pre: dict | None = None,
    figsize=(12.5, 4.8),
    **_ignored,
) -> LiveFigure:
    """게이트 값이 색(진하기)과 숫자로 보이는 LSTM 셀 구조도 (은닉 상태 크기 H = 1).

    i, f, o : 0~1 (시그모이드), g : −1~1 (tanh), c_prev, c, h : 셀 상태와 은닉 상태 값
    pre : {"i": a_i, ...} 게이트의 가중합 (있으면 상자에 σ(a) = … 로 적는다)
    """
    fig, ax = book_figure(figsize=figsize)
    hd = _draw_cell(ax, font_scale=0.9)  # 강의 슬라이드에 맞춘 낮은 그림: 글자도 조금 줄인다
    h_prev_text = hd["h_prev"]
    h_prev_text.set_text("h(t−1)")

    def update(**data):
        _paint_cell(hd, **data)

    update(i=i, f=f, g=g, o=o, c_prev=c_prev, c=c, h=h, pre=pre)
    return LiveFigure(fig, update)


# 게이트 놀이터의 기울기 축: 이보다 작은 값은 바닥에 그린다 (펄스 한 번의 기울기는 1 을 넘지 않는다)
_GRAD_FLOOR, _GRAD_CEIL = 1e-16, 3.0


def _grad_for_plot(log_values: np.ndarray) -> tuple[np.ndarray, bool]:
    """자연로그 기울기를 [_GRAD_FLOOR, _GRAD_CEIL] 로 잘라 실제 값으로 바꾼다. 바닥으로 잘랐는지도 돌려준다."""
    lo, hi = math.log(_GRAD_FLOOR), math.log(_GRAD_CEIL)
    return np.exp(np.clip(log_values, lo, hi)), bool(np.any(log_values < lo))


def _sci(x: float) -> str:
    """기울기를 그림에 쓸 꼴로: 0.5 → 0.50, 2.4e-13 → 2.4e−13 (빼기 기호는 U+2212)."""
    if x == 0.0:
        return "0"
    return (f"{x:.2f}" if x >= 0.01 else f"{x:.1e}").replace("-", "−")


def memory_gradient_live(
    *,
    d: np.ndarray,
    cs: np.ndarray,
    hs: np.ndarray,
    rnn_hs: np.ndarray,
    log_grad_lstm: np.ndarray,
    log_grad_rnn: np.ndarray,
    f: float,
    i: float,
    o: float,
    wh: float,
    half_life: float,
    measured: float | None,
    figsize=(11.5, 3.8),  # 넓고 낮게: 슬라이더 네 개와 함께 1280×720 강의 슬라이드에 들어간다
    **_ignored,
) -> LiveFigure:
    """게이트 값이 기억과 기울기를 함께 정한다: 왼쪽은 t = 1 에 넣은 펄스가 d 시점 뒤에 남은 값, 오른쪽은
    d 시점 거슬러 간 기울기 (로그 척도). 두 그림 모두 LSTM (게이트 고정) 과 바닐라 RNN (은닉 상태 하나) 을 함께 그린다.

    d : ndarray, shape (T,) 거리 0, …, T−1;  cs, hs, rnn_hs : ndarray, shape (T,)
    log_grad_lstm, log_grad_rnn : 자연로그 기울기, shape (T,) (-inf 허용)
    half_life : 식 ln 0.5 / ln f (inf 허용);  measured : 곡선에서 잰 반감기 (셀 상태가 비었으면 None)
    """
    check_array("d", d, ("T",), float_only=False)
    fig, (ax_m, ax_g) = book_figure(1, 2, figsize=figsize)
    (c_line,) = ax_m.plot(d, cs, color=BLUE, lw=2.6, label="LSTM 셀 상태 c")
    (h_line,) = ax_m.plot(d, hs, color=ORANGE, lw=2.0, ls="--", label="LSTM 은닉 상태 h")
    (r_line,) = ax_m.plot(d, rnn_hs, color=VERMILLION, lw=2.0, ls=":", label="바닐라 RNN 은닉 상태 h")
    vline = ax_m.axvline(0.0, color=GREY, lw=1.4, label="LSTM 반감기")
    ax_m.set_xlim(d[0], d[-1])
    ax_m.set_ylim(-0.05, 1.08)
    ax_m.set_xlabel("펄스 뒤의 시점 수 d")
    ax_m.set_ylabel("남은 값")
    y_l, _ = _grad_for_plot(log_grad_lstm)
    y_r, _ = _grad_for_plot(log_grad_rnn)
    # 기울기 곡선은 표식을 단다: 한 범례에 같은 색의 기억 곡선과 함께 실려도 모양으로 구별된다
    every = max(1, len(d) // 8)
    (gl_line,) = ax_g.plot(d, y_l, color=BLUE, lw=2.6, marker="s", ms=5, markevery=every,
                           label="LSTM ∂c(T)/∂c(T−d) = f^d")
    (gr_line,) = ax_g.plot(d, y_r, color=VERMILLION, lw=2.0, ls=":", marker="o", ms=5, markevery=every,
                           label="바닐라 RNN |∂h(T)/∂h(T−d)|")
    ax_g.set_yscale("log")
    ax_g.set_ylim(_GRAD_FLOOR, _GRAD_CEIL)
    ax_g.set_yticks([1e-16, 1e-12, 1e-8, 1e-4, 1])
    ax_g.yaxis.set_minor_locator(NullLocator())  # 로그 축의 보조 눈금은 그리지 않는다 (속도)
    shade_regions(ax_g, (_GRAD_FLOOR, _GRAD_CEIL))
    ax_g.set_xlim(d[0], d[-1])
    ax_g.set_xlabel("거슬러 간 시점 수 d")
    ax_g.set_ylabel("기울기 (로그 척도)")
    handles = [c_line, h_line, r_line, vline, gl_line, gr_line]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=10.5, frameon=False)
    fixed_layout(fig, (0.07, 0.30, 0.40, 0.52), (0.57, 0.30, 0.40, 0.52))
    info_m = ax_m.set_title("", fontsize=11, loc="left")  # 현재 값은 축 제목에 쓴다: 곡선을 가리지 않는다
    info_g = ax_g.set_title("", fontsize=11, loc="left")

    def update(**data):
        d_ = data["d"]
        c_line.set_data(d_, data["cs"])
        h_line.set_data(d_, data["hs"])
        r_line.set_data(d_, data["rnn_hs"])
        yl, cut_l = _grad_for_plot(data["log_grad_lstm"])
        yr, cut_r = _grad_for_plot(data["log_grad_rnn"])
        gl_line.set_data(d_, yl)
        gr_line.set_data(d_, yr)
        hl, m, f_ = data["half_life"], data["measured"], data["f"]
        if m is None:
            memory = "입력 게이트 0: 셀 상태에 아무것도 들어가지 않았다"
            vline.set_visible(False)
        elif math.isinf(m):
            memory = "LSTM 반감기 ∞ (f = 1: 지우지 않는다)" if math.isinf(hl) else f"LSTM 반감기 {hl:.2f} 시점"
            vline.set_visible(False)
        else:
            memory = f"LSTM 반감기 ln 0.5 / ln f = {hl:.2f} 시점"
            vline.set_xdata([m, m])
            vline.set_visible(True)
        far = int(d_[-1])
        g_l, g_r = math.exp(data["log_grad_lstm"][-1]), math.exp(data["log_grad_rnn"][-1])
        info_m.set_text(
            f"f = {f_:.2f}, i = {data['i']:.2f}, o = {data['o']:.2f},  바닐라 RNN w_h = {data['wh']:.2f}\n{memory}"
        )
        note = "1e−16 보다 작은 값은 바닥에 그렸다" if (cut_l or cut_r) else ""
        info_g.set_text(f"거리 {far} 에서  LSTM f^{far} = {_sci(g_l)},  바닐라 RNN {_sci(g_r)}\n{note}")

    update(
        d=d,
        cs=cs,
        hs=hs,
        rnn_hs=rnn_hs,
        log_grad_lstm=log_grad_lstm,
        log_grad_rnn=log_grad_rnn,
        f=f,
        i=i,
        o=o,
        wh=wh,
        half_life=half_life,
        measured=measured,
    )
    return LiveFigure(fig, update)


def lstm_vs_rnn_live(
    *,
    distances: np.ndarray,
    log_rnn: np.ndarray,
    log_lstm: np.ndarray,
    log_fprod: np.ndarray,
    forget_bias: float,
    mean_f: float,
    rate_rnn: float,
    rate_lstm: float,
    figsize=(10.5, 4.2),
    **_ignored,
) -> LiveFigure:
    """같은 거리 축에서 RNN 과 LSTM 의 기울기 노름 (로그 척도) 을 나란히 그린다.

    distances : ndarray, shape (K,);  log_rnn, log_lstm, log_fprod : 자연로그 노름, shape (K,)
    log_fprod : 셀 상태 직통 경로 ∏ f 의 노름 (기준선)
    """
    check_array("distances", distances, ("K",), float_only=False)
    fig, ax = book_figure(figsize=figsize)
    y_r, _ = clip_for_plot(log_rnn)
    y_l, _ = clip_for_plot(log_lstm)
    y_f, _ = clip_for_plot(log_fprod)
    (l_rnn,) = ax.plot(distances, y_r, color=ORANGE, lw=2.2, label="바닐라 RNN (tanh)")
    (l_lstm,) = ax.plot(distances, y_l, color=BLUE, lw=2.4, label="LSTM")
    (l_f,) = ax.plot(distances, y_f, color=GREEN, lw=1.6, ls="--", label="셀 상태 직통 경로 ∏ f")
    ax.set_yscale("log")
    ax.set_ylim(1e-30, 1e4)
    ax.set_yticks([1e-30, 1e-20, 1e-10, 1])
    ax.yaxis.set_minor_locator(NullLocator())  # 로그 축의 보조 눈금은 그리지 않는다 (속도)
    shade_regions(ax, (1e-30, 1e4))  # 5장의 그림과 같은 소실·폭주 영역 표시
    ax.set_xlim(distances[0], distances[-1])
    ax.set_xlabel("거리 T − t (시점 수)")
    ax.set_ylabel("기울기 노름 (로그 척도)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=11)
    fixed_layout(fig, (0.085, 0.14, 0.66, 0.68))
    info = ax.set_title("", fontsize=11.5, loc="left")  # 현재 값은 축 제목에 쓴다: 곡선을 가리지 않는다
    # 잘라서 그렸다는 안내는 범례 아래 오른쪽 여백에 쓴다: 축 안 오른쪽 위에는 폭주 영역의 이름이 있고,
    # 바닥을 따라서는 잘린 곡선이 지나간다
    clip_note = ax.text(1.015, 0.0, "", transform=ax.transAxes, va="bottom", ha="left", fontsize=10, color=GREY)

    def update(**data):
        d = data["distances"]
        ax.set_xlim(d[0], d[-1])
        notes = set()
        for ln, key in ((l_rnn, "log_rnn"), (l_lstm, "log_lstm"), (l_f, "log_fprod")):
            y, note = clip_for_plot(data[key])
            ln.set_data(d, y)
            if note:
                notes.add(note)
        clip_note.set_text("\n".join(textwrap.fill(n, 13) for n in sorted(notes)))
        info.set_text(
            f"삭제 게이트 편향 b_f = {_num(data['forget_bias'], 1)},  평균 f = {data['mean_f']:.3f}\n"
            f"한 시점당 비율: LSTM {data['rate_lstm']:.3f},  바닐라 RNN {data['rate_rnn']:.3f}"
        )

    update(
        distances=distances,
        log_rnn=log_rnn,
        log_lstm=log_lstm,
        log_fprod=log_fprod,
        forget_bias=forget_bias,
        mean_f=mean_f,
        rate_rnn=rate_rnn,
        rate_lstm=rate_lstm,
    )
    return LiveFigure(fig, update)
