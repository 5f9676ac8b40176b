"""9장(언어 모델)의 그림: n-그램의 퍼플렉서티, 학습 곡선, 온도 샘플링, 유닛 값으로 칠한 글.

모든 함수는 배열(또는 배열의 사전)과 글자를 받아 ``Figure`` 나 ``LiveFigure`` 를 돌려준다. 학습과 샘플링은
``helpers.core.language_model`` 이 맡는다.
"""

from __future__ import annotations

import textwrap
import unicodedata

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator, ScalarFormatter

from helpers.core.validation import check_array
from helpers.view.base import LiveFigure, book_figure
from helpers.view.style import (
    BLACK,
    BLUE,
    DIVERGING_CMAP,
    GREEN,
    GREY,
    ORANGE,
    PURPLE,
    SKY_BLUE,
    VERMILLION,
    use_book_style,
)

__all__ = [
    "UNIT_VALUE_NAMES",
    "learning_curves_lm_figure",
    "ngram_figure",
    "passage_layout",
    "softmax_temperature_figure",
    "temperature_live",
    "unit_text_live",
    "unit_trace_figure",
]

UNIT_VALUE_NAMES = {"c": "셀 상태 c", "i": "입력 게이트 i", "f": "삭제 게이트 f", "o": "출력 게이트 o", "g": "후보 값 g"}


def _positive_dict(name: str, d) -> dict:
    if not isinstance(d, dict) or not d:
        raise ValueError(f"{name}: expected a non-empty dict, got {type(d).__name__}")
    return d


def _log_ticks(ax, lo: float, hi: float) -> None:
    """퍼플렉서티 축(로그)에 읽기 쉬운 눈금: 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50 …"""
    ticks = [t for t in (1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 80, 100, 200) if lo <= t <= hi]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(ScalarFormatter())


def ngram_figure(val: dict, test: dict, *, chosen: int | None = None):
    """n 에 따른 n-그램 모델의 퍼플렉서티 (로그 축): 검증 구간과 시험 구간.

    val, test : {n: 퍼플렉서티} (같은 n 들). k 는 n 마다 검증 구간에서 고른 값이다.
    chosen : 검증 구간에서 고른 n (세로 점선으로 표시)
    """
    _positive_dict("val", val)
    _positive_dict("test", test)
    if sorted(val) != sorted(test):
        raise ValueError(f"test: expected the same n as val {sorted(val)}, got {sorted(test)}")
    ns = np.array(sorted(val))
    fig, ax = book_figure(1, 1, figsize=(7.5, 4.0))
    ax.plot(ns, [val[n] for n in ns], color=BLUE, marker="o", label="검증 구간")
    ax.plot(ns, [test[n] for n in ns], color=ORANGE, marker="s", ls="--", label="시험 구간")
    if chosen is not None:
        ax.axvline(chosen, color=GREY, ls=":", lw=1.5, label=f"검증으로 고른 n = {chosen}")
    ax.set_yscale("log")
    values = [*val.values(), *test.values()]
    lo, hi = min(values) * 0.85, max(values) * 1.15
    ax.set_ylim(lo, hi)
    _log_ticks(ax, lo, hi)
    ax.set_xticks(ns)
    ax.set_xlabel("n (앞 n − 1 개 기호를 본다)")
    ax.set_ylabel("퍼플렉서티 (로그 축)")
    ax.set_title("add-k n-그램 모델의 퍼플렉서티 (자모 단위)")
    ax.legend(loc="upper center")
    return fig


def learning_curves_lm_figure(runs: dict, baselines: dict, *, train: dict | None = None):
    """LSTM 의 학습 곡선: 갱신 횟수에 따른 검증 퍼플렉서티 (로그 축), n-그램의 검증 퍼플렉서티를 수평선으로.

    runs : {곡선 이름: (steps, 검증 퍼플렉서티)}
    baselines : {이름: 퍼플렉서티} — 수평 점선
    train : {곡선 이름: (steps, 학습 퍼플렉서티)} (선택) — 옅은 선. 창마다의 손실이라 흔들린다.
    """
    _positive_dict("runs", runs)
    _positive_dict("baselines", baselines)
    fig, ax = book_figure(1, 1, figsize=(9.0, 4.6))
    colors = [BLUE, SKY_BLUE, GREEN, PURPLE]
    allv = []
    for i, (lab, (steps, ppl)) in enumerate(runs.items()):
        steps = np.asarray(steps, dtype=float)
        ppl = check_array(f"runs[{lab!r}]", np.asarray(ppl, dtype=float), (steps.shape[0],))
        ax.plot(steps, ppl, color=colors[i % len(colors)], marker="o", ms=3.5, label=lab)
        allv.extend(ppl.tolist())
        if train is not None and lab in train:
            ts, tp = (np.asarray(a, dtype=float) for a in train[lab])
            ax.plot(ts, tp, color=colors[i % len(colors)], lw=1.0, alpha=0.45,
                    label="학습 구간 (창마다, 이동 평균)" if i == 0 else None)
            allv.extend(tp[ts >= steps[0]].tolist())
    styles = ["--", ":", "-."]
    for j, (lab, v) in enumerate(baselines.items()):
        ax.axhline(v, color=[VERMILLION, ORANGE, BLACK][j % 3], ls=styles[j % 3], lw=1.6, label=f"{lab} ({v:.2f})")
        allv.append(v)
    ax.set_yscale("log")
    lo = min(allv) * 0.85
    hi = min(max(allv) * 1.1, 80.0)
    ax.set_ylim(lo, hi)
    _log_ticks(ax, lo, hi)
    ax.set_xlabel("갱신 횟수")
    ax.set_ylabel("퍼플렉서티 (로그 축)")
    ax.set_title("검증 구간의 퍼플렉서티")
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=3, fontsize=11)
    return fig


def softmax_temperature_figure(labels: list[str], scores: np.ndarray, taus=(0.5, 1.0, 2.0)):
    """같은 점수 z 에 여러 온도 τ 를 적용한 softmax(z / τ) 막대그림.

    labels : 기호 이름 (len V), scores : shape (V,)
    """
    scores = check_array("scores", np.asarray(scores, dtype=float), (len(labels),))
    fig, axes = book_figure(1, len(taus), figsize=(3.6 * len(taus), 3.4), sharey=True)
    x = np.arange(len(labels))
    for ax, tau, color in zip(np.atleast_1d(axes), taus, (SKY_BLUE, BLUE, ORANGE, VERMILLION), strict=False):
        z = scores / tau
        p = np.exp(z - z.max())
        p /= p.sum()
        ax.bar(x, p, color=color)
        ax.set_xticks(x, labels)
        ax.set_title(f"τ = {tau:g}")
        ax.set_ylim(0, 1)
        ax.grid(axis="x", visible=False)
    np.atleast_1d(axes)[0].set_ylabel("확률")
    return fig


def _wrap(text: str, width: int, max_lines: int) -> str:
    lines = []
    for para in text.split("\n"):
        lines.extend(textwrap.wrap(para, width=width, drop_whitespace=False, replace_whitespace=False) or [""])
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    return "\n".join(lines)


def temperature_live(*, tau: float, prompt: str, text: str, labels: list[str], probs: np.ndarray,
                     greedy: str | None = None, **_):
    """온도 샘플링 데모의 그림: 위는 시작 글 다음 기호의 확률 (온도 τ 적용, 상위 K 개), 아래는 뽑은 글.

    labels : 막대 이름 K 개 (τ = 1 에서 확률이 큰 순서로 고정), probs : shape (K,)
    text : 시작 글 뒤에 뽑은 글 (음절로 합친 것)
    """
    probs = check_array("probs", np.asarray(probs, dtype=float), (len(labels),))
    use_book_style()
    # 왼쪽 확률, 오른쪽 뽑은 글: 넓고 낮은 그림이라 1280×720 강의 슬라이드에 슬라이더와 함께 들어간다
    fig, (ax_p, ax_t) = book_figure(1, 2, figsize=(13.0, 4.6), width_ratios=[1.0, 1.25])
    x = np.arange(len(labels))
    bars = ax_p.bar(x, probs, color=BLUE)
    ax_p.set_xticks(x, labels)
    ax_p.set_ylim(0, 1.0)
    ax_p.set_ylabel("확률")
    ax_p.grid(axis="x", visible=False)
    ax_p.set_title(f"'{prompt}' 다음 자모의 확률 (상위 {len(labels)}개)", loc="left", fontsize=12.5)
    ax_t.set_axis_off()
    head = ax_t.set_title("", loc="left", fontsize=12.5, color=GREY)  # 축 제목: 그림의 대체 텍스트에도 실린다
    body = ax_t.text(0.0, 1.0, "", va="top", ha="left", fontsize=13.5, color=BLACK, transform=ax_t.transAxes,
                     linespacing=1.45)

    def update(*, tau, prompt, text, probs, **_):
        for bar, p in zip(bars, np.asarray(probs, dtype=float), strict=True):
            bar.set_height(p)
        head.set_text(f"「{prompt}」 뒤에 뽑은 글 (같은 난수, 온도만 다르다)")
        body.set_text(_wrap(prompt + text, 30, 11))

    update(tau=tau, prompt=prompt, text=text, probs=probs)
    return LiveFigure(fig, update)


def passage_layout(tokens: list[str], width: int = 34) -> dict:
    """자모 기호열을 음절 칸으로 배치한다: 칸 하나가 음절(또는 기호) 하나, 그 칸을 자모 수만큼 세로로 나눈다.

    줄 바꿈 기호는 '⏎' 칸이 되고 다음 줄로 넘어간다. 한 줄은 최대 ``width`` 칸이다.
    Returns : rects (L, 4, 2) 자모마다 칸 조각의 꼭짓점, cells [(x, y, 글자)], rows (줄 수)
    """
    if not isinstance(tokens, list) or not tokens:
        raise ValueError("tokens: expected a non-empty list of jamo symbols")
    rects = np.zeros((len(tokens), 4, 2))
    cells = []
    x = y = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        # 음절 하나의 자모: 초성에서 시작해 다음 초성(또는 비한글) 전까지
        j = i + 1
        if 0x1100 <= ord(tok) <= 0x115F:
            while j < len(tokens) and 0x1160 <= ord(tokens[j]) <= 0x11FF and j - i < 3:
                j += 1
        group = tokens[i:j]
        shown = unicodedata.normalize("NFC", "".join(group))
        if tok == "\n":
            shown = "⏎"
        elif tok == " ":
            shown = ""
        if x >= width:
            x, y = 0, y + 1
        n = len(group)
        for k in range(n):
            x0, x1 = x + k / n, x + (k + 1) / n
            rects[i + k] = [(x0, -y), (x1, -y), (x1, -y - 0.92), (x0, -y - 0.92)]
        cells.append((x + 0.5, -y - 0.46, shown))
        x += 1
        if tok == "\n":
            x, y = 0, y + 1
        i = j
    return {"rects": rects, "cells": cells, "rows": y + 1, "width": width}


# 칸 위의 검은 글자가 잘 읽히도록 칸을 조금 투명하게 칠한다 (RdBu_r 의 양 끝은 아주 진하다)
_CELL_ALPHA = 0.72


def _text_layer(fig, ax, cells, fontsize: float, dpi: float = 200.0) -> np.ndarray:
    """축 ``ax`` 와 같은 자리에 글자만 그린 투명한 RGBA 그림 (축 영역만 잘라 낸 배열, shape (h, w, 4)).

    칠한 칸(PolyCollection)은 슬라이더마다 다시 그리는 '움직이는 아티스트'라서, 글자를 보통의 Text 로 두면
    칸이 글자를 덮는다 (helpers.view.base.Blitter 는 움직이는 아티스트를 배경 위에 그린다). 글자 수백 개를
    매번 다시 그리는 것은 느리므로(약 0.3 초), 글자를 이미지 한 장으로 구워 칸 위에 얹는다.
    """
    layer = Figure(figsize=fig.get_size_inches(), dpi=dpi)
    FigureCanvasAgg(layer)
    layer.patch.set_alpha(0.0)
    lax = layer.add_axes(ax.get_position())
    lax.set_axis_off()
    lax.patch.set_alpha(0.0)
    lax.set_xlim(ax.get_xlim())
    lax.set_ylim(ax.get_ylim())
    for x, y, ch in cells:
        if ch:
            lax.text(x, y, ch, ha="center", va="center", fontsize=fontsize, color=BLACK)
    layer.canvas.draw()
    rgba = np.asarray(layer.canvas.buffer_rgba())
    x0, y0, x1, y1 = np.round(lax.bbox.extents).astype(int)
    H = rgba.shape[0]
    return rgba[H - y1 : H - y0, x0:x1].copy()


def unit_text_live(*, tokens: list[str], values: np.ndarray, kind: str, unit: int, note: str = "",
                   width: int = 44, **_):
    """글의 자모 하나하나를 한 유닛의 값으로 칠한 그림 (Karpathy 외 2015 의 그림 방식).

    tokens : 자모 기호열 (len L), values : shape (L,) — 기호를 읽은 직후의 값.
    음절 한 칸을 그 음절의 자모 수만큼 세로로 나눠 자모마다 칠한다.
    kind : "c" 와 "g" 는 이 글에서 그 유닛의 최솟값(파랑)부터 최댓값(빨강)까지로 칠하고(셀 상태는 유닛마다 범위가
        크게 다르다: 0 을 가운데 두면 늘 한 색만 보인다), 게이트("i", "f", "o")는 값 그대로 0(파랑)..1(빨강)로 칠한다.
    note : 제목 뒤에 붙일 설명 (예: 특징과의 상관계수)
    """
    values = check_array("values", np.asarray(values, dtype=float), (len(tokens),))
    lay = passage_layout(list(tokens), width)
    rows = lay["rows"]
    use_book_style()
    fig_h = 0.36 * rows + 1.75
    # 칸 하나의 폭을 그대로 두고 한 줄의 칸 수만큼 넓힌다: 넓고 낮은 그림이 강의 슬라이드(1280×720)에 들어간다
    fig, ax = book_figure(1, 1, figsize=(0.295 * width, fig_h))
    fig.set_layout_engine("none")  # 글자 이미지가 칸과 맞도록 축의 자리를 손으로 정한다
    ax.set_position((0.01, 0.75 / fig_h, 0.98, 1 - 1.75 / fig_h))
    ax.set_axis_off()
    coll = PolyCollection(lay["rects"], cmap=DIVERGING_CMAP, norm=Normalize(-1.0, 1.0), edgecolors="none",
                          alpha=_CELL_ALPHA)
    ax.add_collection(coll)
    ax.set_xlim(-0.2, lay["width"] + 0.2)
    ax.set_ylim(-rows - 0.1, 0.1)
    img = ax.imshow(_text_layer(fig, ax, lay["cells"], 12), extent=(*ax.get_xlim(), *ax.get_ylim()),
                    aspect="auto", zorder=3, interpolation="antialiased")
    cax = fig.add_axes((0.2, 0.3 / fig_h, 0.6, 0.16 / fig_h))
    cbar = fig.colorbar(coll, cax=cax, orientation="horizontal", ticks=[-1.0, 0.0, 1.0])
    cbar.ax.tick_params(labelsize=10.5)
    caption = ax.text(0.0, 1.0 + 0.3 / (fig_h - 1.75), "", transform=ax.transAxes, ha="left", va="bottom",
                      fontsize=12.5)

    def update(*, values, kind, unit, note="", **_):
        v = np.asarray(values, dtype=float)
        # 칠하는 값은 언제나 −1..1 이다 (색 막대가 바뀌지 않아 갱신이 빠르다). 눈금 글자만 값의 뜻에 맞춘다.
        if kind in ("i", "f", "o"):
            shown = 2.0 * v - 1.0  # 게이트 0..1
            labels, scale = ["0", "0.5", "1"], ""
        else:
            lo, hi = float(v.min()), float(v.max())
            shown = 2.0 * (v - lo) / max(hi - lo, 1e-12) - 1.0  # 이 글에서의 가장 작은 값..가장 큰 값
            labels, scale = [f"{lo:.2f}", f"{(lo + hi) / 2:.2f}", f"{hi:.2f}"], " (이 글에서의 최솟값..최댓값)"
        if [t.get_text() for t in cbar.ax.get_xticklabels()] != labels:
            cbar.ax.set_xticklabels(labels)
        coll.set_array(shown)
        img.stale = True  # 글자 이미지는 칸 위에 다시 얹는다
        caption.set_text(f"{UNIT_VALUE_NAMES.get(kind, kind)}, 유닛 {unit}{scale}" + (f" · {note}" if note else ""))

    update(values=values, kind=kind, unit=unit, note=note)
    return LiveFigure(fig, update)


def unit_trace_figure(values: np.ndarray, feature: np.ndarray, breaks: np.ndarray, *, value_label: str,
                      feature_label: str, title: str = ""):
    """유닛 하나의 값과 특징을 같은 시점 축에 그린다. 줄 바꿈 자리에 세로 점선을 긋는다.

    values, feature : shape (L,);  breaks : 줄 바꿈 기호의 자리 (정수 배열)
    두 곡선은 눈금이 다르므로 축을 둘 쓴다 (왼쪽: 유닛 값, 오른쪽: 특징).
    """
    values = check_array("values", np.asarray(values, dtype=float), ("L",))
    feature = check_array("feature", np.asarray(feature, dtype=float), (values.shape[0],))
    fig, ax = book_figure(1, 1, figsize=(10.0, 3.6))
    t = np.arange(values.shape[0])
    for k, b in enumerate(np.asarray(breaks)):
        ax.axvline(b, color=GREY, ls=":", lw=1.0, label="줄 바꿈" if k == 0 else None)
    ax.plot(t, values, color=BLUE, lw=1.6, label=value_label)
    ax2 = ax.twinx()
    ax2.plot(t, feature, color=ORANGE, lw=1.6, ls="--", label=feature_label)
    ax2.grid(False)
    ax2.spines["right"].set_visible(True)
    ax.set_xlim(0, values.shape[0] - 1)
    ax.set_xlabel("시점 (자모)")
    ax.set_ylabel(value_label, color=BLUE)
    ax2.set_ylabel(feature_label, color=ORANGE)
    if title:
        ax.set_title(title)
    handles = ax.get_legend_handles_labels()
    h2 = ax2.get_legend_handles_labels()
    fig.legend(handles[0] + h2[0], handles[1] + h2[1], loc="outside lower center", ncols=3, fontsize=11)
    return fig
