"""6장 LSTM 의 그림: 코드로 그린 LSTM 셀 구조도, 게이트 값이 보이는 살아 있는 구조도, 기억의 반감기,
LSTM 과 RNN 의 기울기 비교.

구조도의 배치 (colah 의 그림과 같은 흐름):
위쪽 가로줄이 셀 상태 c(t−1) → c(t) (장기 상태, 기억의 줄)이고, 아래쪽 가로줄로 h(t−1) 과 x(t) 가
들어와 네 게이트 상자(삭제 게이트 f, 입력 게이트 i, 후보 값 g, 출력 게이트 o)로 나뉘어 올라간다.
f 는 셀 상태에 곱해지고(×), i ∘ g 는 셀 상태에 더해지며(+), tanh(c(t)) 에 o 를 곱한 것이 은닉 상태 h(t) 로
오른쪽(다음 시점)과 위쪽(출력층)으로 나간다.
"""

from __future__ import annotations

import math

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
    "memory_pulse_live",
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
_Y_C, _Y_BUS, _Y_BOX = 5.4, 1.5, 2.75
_BOX_W, _BOX_H = 1.75, 0.95
_X_GATE = {"f": 2.75, "i": 4.65, "g": 6.55, "o": 8.45}
_X_MUL_IN, _Y_MUL_IN = 5.6, 4.35  # i ∘ g 의 곱셈 노드
_X_OUT, _Y_TANH, _Y_MUL_OUT = 9.75, 4.45, 3.55  # tanh(c) 와 o ∘ tanh(c)
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


def _draw_cell(ax) -> dict:
    """LSTM 셀 구조도를 ``ax`` 에 그리고, 값에 따라 바꿀 아티스트를 dict 로 돌려준다."""
    ax.set_xlim(0, 12.6)
    ax.set_ylim(0.0, 7.0)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.add_patch(
        FancyBboxPatch(
            (1.45, 0.95),
            9.0,
            5.2,
            boxstyle="round,pad=0.05,rounding_size=0.35",
            facecolor="#F4F4F4",
            edgecolor=GREY,
            lw=1.5,
            zorder=0,
        )
    )

    # 셀 상태 줄 (장기 상태): 굵게
    ax.plot([0.2, 12.2], [_Y_C, _Y_C], color=BLACK, lw=3.2, solid_capstyle="round", zorder=1)
    _arrow(ax, (12.0, _Y_C), (12.5, _Y_C), lw=3.2)
    # 입력 줄: h(t−1) 이 왼쪽에서, x(t) 가 아래에서 들어와 네 게이트로 올라간다
    ax.plot([0.2, _X_GATE["o"]], [_Y_BUS, _Y_BUS], zorder=1, **_PIPE)
    ax.plot([1.9, 1.9], [0.15, _Y_BUS], zorder=1, **_PIPE)
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
        (_X_H_UP, 6.75),
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
    handles["x"] = ax.text(1.75, 0.2, "x(t)", ha="right", va="bottom", **lab)
    handles["h_up"] = ax.text(
        _X_H_UP + 0.12, 6.55, "h(t) → 출력층", ha="left", va="center", fontsize=11.5, zorder=5
    )
    # 노드 옆의 중간 값 (정적 그림에서는 식)
    small = {"fontsize": 11, "zorder": 5, "color": VERMILLION}
    handles["fc"] = ax.text(xf + 0.35, _Y_C - 0.55, "f ∘ c(t−1)", ha="left", va="center", **small)
    handles["ig"] = ax.text(_X_MUL_IN + 0.35, _Y_MUL_IN + 0.45, "i ∘ g", ha="left", va="center", **small)
    handles["tanh_c"] = ax.text(_X_OUT - 0.6, _Y_TANH, "tanh(c(t))", ha="right", va="center", **small)
    ax.text(
        5.9, 6.35, "셀 상태 (장기 상태): 기억이 흐르는 줄", ha="center", va="bottom", fontsize=12, color=GREY
    )
    return handles


def lstm_cell_diagram(figsize=(11.5, 6.4)):
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
    figsize=(11.5, 6.4),
    **_ignored,
) -> LiveFigure:
    """게이트 값이 색(진하기)과 숫자로 보이는 LSTM 셀 구조도 (은닉 상태 크기 H = 1).

    i, f, o : 0~1 (시그모이드), g : −1~1 (tanh), c_prev, c, h : 셀 상태와 은닉 상태 값
    pre : {"i": a_i, ...} 게이트의 활성화 전 값 (있으면 상자에 σ(a) = … 로 적는다)
    """
    fig, ax = book_figure(figsize=figsize)
    hd = _draw_cell(ax)
    h_prev_text = hd["h_prev"]
    h_prev_text.set_text("h(t−1)")

    def update(**data):
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
        hd["fc"].set_text(f"f ∘ c(t−1) = {_num(vals['f'] * c_prev_)}")
        hd["ig"].set_text(f"i ∘ g = {_num(vals['i'] * vals['g'])}")
        hd["tanh_c"].set_text(f"tanh(c(t)) = {_num(math.tanh(c_))}")

    update(i=i, f=f, g=g, o=o, c_prev=c_prev, c=c, h=h, pre=pre)
    return LiveFigure(fig, update)


def memory_pulse_live(
    *,
    ts: np.ndarray,
    cs: np.ndarray,
    hs: np.ndarray,
    f: float,
    i: float,
    o: float,
    half_life: float,
    measured: float | None,
    figsize=(10.5, 4.2),
    **_ignored,
) -> LiveFigure:
    """t = 1 에 넣은 펄스가 셀 상태 c(t) 와 은닉 상태 h(t) 에 남는 모습과 반감기.

    ts, cs, hs : ndarray, shape (T,);  half_life : 식 ln 0.5 / ln f (inf 허용)
    measured : 곡선에서 잰 반감기 (셀 상태에 아무것도 들어가지 않았으면 None)
    """
    check_array("ts", ts, ("T",), float_only=False)
    fig, ax = book_figure(figsize=figsize)
    (c_line,) = ax.plot(ts, cs, color=BLUE, lw=2.4, label="셀 상태 c(t)")
    (h_line,) = ax.plot(ts, hs, color=ORANGE, lw=2.0, ls="--", label="은닉 상태 h(t)")
    (half_line,) = ax.plot([ts[0], ts[-1]], [0.5, 0.5], color=GREY, lw=1.2, ls=":", label="c(1) 의 절반")
    vline = ax.axvline(1.0, color=VERMILLION, lw=1.6, label="반감기 (곡선에서 잰 값)")
    ax.set_xlim(ts[0], ts[-1])
    ax.set_ylim(-0.03, 1.08)
    ax.set_xlabel("시점 t (t = 1 에 한 번 기억한다)")
    ax.set_ylabel("값")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=11)
    fixed_layout(fig, (0.075, 0.14, 0.56, 0.73))
    info = ax.text(
        1.03,
        0.47,
        "",
        transform=ax.transAxes,
        va="top",
        ha="left",
        fontsize=11.5,
        bbox={"boxstyle": "round,pad=0.35", "facecolor": "white", "edgecolor": GREY, "alpha": 0.92},
    )

    def update(**data):
        ts_, cs_, hs_ = data["ts"], data["cs"], data["hs"]
        f_, i_, o_ = data["f"], data["i"], data["o"]
        c_line.set_data(ts_, cs_)
        h_line.set_data(ts_, hs_)
        half_line.set_ydata([0.5 * cs_[0]] * 2)
        hl, m = data["half_life"], data["measured"]
        lines = [f"f = {f_:.2f},  i = {i_:.2f},  o = {o_:.2f}"]
        if m is None:
            lines += ["입력 게이트가 0 이라", "셀 상태에 아무것도", "들어가지 않았다"]
            vline.set_visible(False)
        else:
            if math.isinf(hl):
                lines += ["반감기 ln 0.5 / ln f = ∞", "(삭제 게이트 1: 지우지 않는다)"]
            else:
                lines += ["반감기 ln 0.5 / ln f", f"  = {hl:.2f} 시점"]
            if math.isinf(m):
                lines += ["곡선에서 잰 반감기:", f"{int(ts_[-1])} 시점 안에", "절반이 되지 않는다"]
                vline.set_visible(False)
            else:
                lines += ["곡선에서 잰 반감기", f"  = {m:.2f} 시점"]
                vline.set_xdata([1 + m, 1 + m])  # t = 1 에서 m 시점 뒤
                vline.set_visible(True)
            if f_ == 0.0:
                lines += ["삭제 게이트 0:", "다음 시점에 모두 지운다"]
        info.set_text("\n".join(lines))

    update(ts=ts, cs=cs, hs=hs, f=f, i=i, o=o, half_life=half_life, measured=measured)
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
    (l_rnn,) = ax.plot(distances, y_r, color=ORANGE, lw=2.2, label="RNN (tanh)")
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
    clip_note = ax.text(0.99, 0.97, "", transform=ax.transAxes, va="top", ha="right", fontsize=10, color=GREY)

    def update(**data):
        d = data["distances"]
        ax.set_xlim(d[0], d[-1])
        notes = set()
        for ln, key in ((l_rnn, "log_rnn"), (l_lstm, "log_lstm"), (l_f, "log_fprod")):
            y, note = clip_for_plot(data[key])
            ln.set_data(d, y)
            if note:
                notes.add(note)
        clip_note.set_text("; ".join(sorted(notes)))
        info.set_text(
            f"삭제 게이트 편향 b_f = {_num(data['forget_bias'], 1)},  평균 f = {data['mean_f']:.3f}\n"
            f"한 시점당 비율: LSTM {data['rate_lstm']:.3f},  RNN {data['rate_rnn']:.3f}"
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
