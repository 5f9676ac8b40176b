"""7장의 그림: 덧셈 문제를 푼 LSTM 의 기억 셀을 시점 t 마다 본다.

위: 6장의 LSTM 셀 구조도. 상자의 색과 숫자가 시점 t 에서 기억 셀의 실제 게이트 값이다.
가운데: 시퀀스 전체의 입력 값 (표시가 붙은 두 값은 주황).
아래: 기억 셀의 셀 상태 c(t), 삭제 게이트 f(t), 입력 게이트 i(t). 세로선이 지금 보는 시점 t 다.
"""

from __future__ import annotations

import numpy as np

from helpers.core.validation import check_array
from helpers.view.base import LiveFigure, book_figure, clear_message, set_caption
from helpers.view.lstm import _draw_cell, _paint_cell
from helpers.view.style import BLACK, BLUE, GREEN, GREY, ORANGE

__all__ = ["memory_trace_live"]

_SERIES = ("c", "i", "f", "g", "o", "h", "values")  # c 가 길이 T 를 정한다


def _check_trace(data: dict) -> dict:
    missing = [k for k in (*_SERIES, "markers", "t", "unit", "answer", "target") if k not in data]
    if missing:
        raise ValueError(
            f"{missing[0]}: missing argument; memory_trace_live needs the output of memory_trace and t"
        )
    out = dict(data)
    T = None
    for k in _SERIES:
        v = np.asarray(data[k], dtype=np.float64)
        check_array(k, v, ("T",) if T is None else (T,))
        T = v.shape[0]
        out[k] = v
    out["markers"] = np.asarray(data["markers"], dtype=bool)
    check_array("markers", out["markers"].astype(np.float64), (T,))
    t = data["t"]
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 0 <= t < T:
        raise ValueError(f"t: expected an integer time step in [0, {T - 1}], got {t!r}")
    out["t"] = int(t)
    return out


def memory_trace_live(**data) -> LiveFigure:
    """학습된 LSTM 의 기억 셀을 시점 t 에서 보는 그림.

    data : ``helpers.core.memory_trace.memory_trace`` 의 결과에 더해
        t : 지금 보는 시점 (0..T−1), unit : 셀 번호, seq : 시퀀스 번호(선택, 제목에 쓴다)
    update(**data) 는 시점만 바뀌면 구조도와 세로선, 글자만 다시 쓰고, 시퀀스가 바뀌면 곡선도 바꾼다.
    """
    d = _check_trace(data)
    T = d["c"].shape[0]
    # 왼쪽에 셀 구조도, 오른쪽에 시퀀스 전체 (위: 입력, 아래: 기억 셀의 값). 1280×720 슬라이드에 들어가는 크기다.
    fig = book_figure(1, 1, figsize=(13.5, 4.9))[0]
    fig.clear()
    grid = fig.add_gridspec(2, 2, width_ratios=[1.05, 1.0], height_ratios=[0.85, 2.0])
    ax_cell = fig.add_subplot(grid[:, 0])
    ax_in = fig.add_subplot(grid[0, 1])
    ax_g = fig.add_subplot(grid[1, 1], sharex=ax_in)
    fig.set_dpi(72)
    hd = _draw_cell(ax_cell, font_scale=0.78)  # 구조도를 6장보다 작게 그리므로 글자도 줄인다
    ts = np.arange(T)
    bars = ax_in.bar(ts, d["values"], width=0.8, color=GREY, alpha=0.55, lw=0)
    ax_in.set_xlim(-0.8, T - 0.2)
    ax_in.set_ylim(0, 1.05)
    ax_in.set_yticks([0, 1])
    ax_in.set_ylabel("입력 값")
    readout = ax_in.set_title("", loc="right", fontsize=11.5)
    ax_in.tick_params(labelbottom=False)
    (line_c,) = ax_g.plot(ts, d["c"], color=BLUE, lw=2.2, label="셀 상태 c(t)")
    (line_f,) = ax_g.plot(ts, d["f"], color=GREEN, lw=1.6, ls="--", label="삭제 게이트 f(t)")
    (line_i,) = ax_g.plot(ts, d["i"], color=ORANGE, lw=1.4, ls="-.", label="입력 게이트 i(t)")
    ax_g.axhline(0, color=GREY, lw=0.8)
    ax_g.set_xlim(-0.8, T - 0.2)
    ax_g.set_xlabel("시점 t")
    fig.legend(loc="outside lower center", ncols=3, fontsize=11)
    cursors = [ax.axvline(d["t"], color=BLACK, lw=1.6, alpha=0.75) for ax in (ax_in, ax_g)]
    state = {"key": None}

    def update(**new):
        v = _check_trace(new)
        if v["c"].shape[0] != T:
            raise ValueError(f"c: expected a trace of length T = {T}, got {v['c'].shape[0]}")
        clear_message(fig)
        key = (v.get("seq"), v["unit"], float(v["answer"]))
        if key != state["key"]:  # 시퀀스가 바뀌었다: 곡선과 막대를 바꾼다
            state["key"] = key
            for bar, val, mark in zip(bars, v["values"], v["markers"], strict=True):
                bar.set_height(val)
                bar.set_color(ORANGE if mark else GREY)
                bar.set_alpha(1.0 if mark else 0.55)
            line_c.set_ydata(v["c"])
            # 게이트(0~1)와 셀 상태가 함께 보이는 범위: 셀 상태가 ±1 을 넘으면 넓힌다
            ax_g.set_ylim(min(-1.1, 1.05 * v["c"].min()), max(1.1, 1.05 * v["c"].max()))
            line_f.set_ydata(v["f"])
            line_i.set_ydata(v["i"])
        t = v["t"]
        for cur in cursors:
            cur.set_xdata([t, t])
        c_prev = float(v["c"][t - 1]) if t > 0 else 0.0
        _paint_cell(
            hd, i=v["i"][t], f=v["f"][t], g=v["g"][t], o=v["o"][t], c_prev=c_prev, c=v["c"][t], h=v["h"][t]
        )
        mark = "표시 있음" if v["markers"][t] else "표시 없음"
        readout.set_text(
            f"x(t) = {v['values'][t]:.2f} ({mark}) · 끝에서의 답 {v['answer']:.2f}, 정답 {v['target']:.2f}"
        )
        seq = f", 시퀀스 {int(v['seq'])}" if v.get("seq") is not None else ""
        set_caption(fig, f"학습된 LSTM 의 기억 셀 {int(v['unit'])}{seq}, 시점 t = {t}")

    update(**data)
    fig.get_layout_engine().execute(fig)
    fig.set_layout_engine("none")
    return LiveFigure(fig, update)
