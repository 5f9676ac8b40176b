"""5장 장기 의존성 문제의 그림: 거리 T − t 에 따른 기울기 노름 ‖∂h(T)/∂h(t)‖ (로그 척도).

- :func:`norms_over_distance_figure` : 여러 곡선과 기준선을 한 축에 그린 정적 그림.
- :func:`gradient_over_distance_live` : 슬라이더 데모의 살아 있는 그림. 기울기 소실 영역(< 1e−3)과
  기울기 폭주 영역(> 1e3)을 칠하고, 맞춘 한 시점당 비율과 판정을 그림 안에 쓴다. 오른쪽 작은 축에는
  순환 가중치 W_h 의 고윳값과 단위원을 그린다.

값은 로그(자연로그)로 받는다. 곱이 1e308 을 넘거나 1e-308 보다 작아져도 그림 함수가 넘치지 않게
하려는 것이다. 그리는 범위 [1e-30, 1e30] 밖의 값은 잘라서 그리고 그림에 그렇게 적는다.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.ticker import NullLocator

from helpers.core.slider_data import EXPLODE_LEVEL, VANISH_LEVEL
from helpers.core.validation import check_array
from helpers.view.base import LiveFigure, book_figure
from helpers.view.style import BLUE, GREY, ORANGE, SKY_BLUE, VERMILLION

__all__ = [
    "PLOT_FLOOR",
    "shade_regions",
    "PLOT_CEIL",
    "clip_for_plot",
    "fixed_layout",
    "norms_over_distance_figure",
    "gradient_over_distance_live",
]

# 그리는 세로축 범위. 이 밖의 값은 잘라서 그리고 그림에 적는다.
PLOT_FLOOR = 1e-30
PLOT_CEIL = 1e30


def clip_for_plot(log_values: np.ndarray) -> tuple[np.ndarray, str]:
    """자연로그 값을 [PLOT_FLOOR, PLOT_CEIL] 로 잘라 실제 값으로 바꾸고, 잘랐다면 안내 문장을 돌려준다.

    log_values : ndarray, shape (K,) (-inf 허용: 정확히 0 인 노름)
    Returns : (values (K,), note)  note 는 자르지 않았으면 빈 문자열
    """
    check_array("log_values", log_values, ("K",), finite=False)
    if np.any(np.isnan(log_values)):
        raise ValueError("log_values: expected no NaN (a norm is never NaN), got NaN")
    lo, hi = math.log(PLOT_FLOOR), math.log(PLOT_CEIL)
    notes = []
    if np.any(log_values > hi):
        notes.append("1e30 을 넘는 값은 잘라서 그렸다")
    if np.any(np.isneginf(log_values)):
        notes.append("정확히 0 인 값은 바닥에 그렸다")
    elif np.any(log_values < lo):
        notes.append("1e−30 보다 작은 값은 잘라서 그렸다")
    return np.exp(np.clip(log_values, lo, hi)), "; ".join(notes)


def fixed_layout(fig, *rects) -> None:
    """살아 있는 그림의 축 위치를 고정한다 (제약 레이아웃을 끈다).

    글자가 바뀔 때마다 레이아웃이 축을 옮기지 않고, 다시 그리기도 두 배쯤 빨라진다.
    rects : 축마다 (왼쪽, 아래, 너비, 높이) 그림 비율. 위쪽 여백에는 데모의 큰 제목이 들어간다.
    """
    if len(rects) != len(fig.axes):
        raise ValueError(f"rects: expected one rectangle per axes ({len(fig.axes)}), got {len(rects)}")
    fig.set_layout_engine("none")
    for ax, rect in zip(fig.axes, rects, strict=True):
        ax.set_position(rect)


# 곡선과 겹쳐도 읽히도록 영역 이름 뒤에 반투명 흰 상자를 깐다
_LABEL_BOX = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}


def shade_regions(ax, ylim=(PLOT_FLOOR, PLOT_CEIL)) -> None:
    """기울기 소실 영역(< 1e−3)과 기울기 폭주 영역(> 1e3)을 칠하고 이름을 단다. 축 범위 밖의 영역은 건너뛴다."""
    lo, hi = ylim
    if lo < VANISH_LEVEL:
        ax.axhspan(PLOT_FLOOR / 10, VANISH_LEVEL, color=SKY_BLUE, alpha=0.18, lw=0)
        ax.text(
            0.995,
            0.03,
            "기울기 소실 영역 (< 1e−3)",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=11,
            color=BLUE,
            zorder=6,
            bbox=_LABEL_BOX,
        )
    if hi > EXPLODE_LEVEL:
        ax.axhspan(EXPLODE_LEVEL, PLOT_CEIL * 10, color=VERMILLION, alpha=0.12, lw=0)
        ax.text(
            0.995,
            0.97,
            "기울기 폭주 영역 (> 1e3)",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=11,
            color=VERMILLION,
            zorder=6,
            bbox=_LABEL_BOX,
        )


def norms_over_distance_figure(
    distances: np.ndarray,
    series: list[tuple[str, np.ndarray]],
    *,
    references: list[tuple[str, np.ndarray]] | None = None,
    title: str = "거리에 따른 기울기 노름",
    ylabel: str = r"$\|\partial h(T)/\partial h(t)\|_2$",
    xlabel: str = "거리 T − t (시점 수)",
    log_input: bool = False,
    shade: bool = True,
    figsize=(10.0, 4.0),
):
    """여러 기울기 노름 곡선을 거리 T − t 에 대해 로그 척도로 그린 Figure 를 돌려준다.

    distances : ndarray, shape (K,)
    series : [(이름, 노름 (K,)), ...] 실선으로 그린다
    references : [(이름, 값 (K,)), ...] 점선으로 그린다 (상한, ρ^k 같은 기준선)
    log_input : True 면 값이 자연로그로 주어진 것으로 본다
    shade : 기울기 소실 / 폭주 영역을 칠할지 여부
    """
    check_array("distances", distances, ("K",), float_only=False)
    K = distances.shape[0]
    if not series:
        raise ValueError("series: expected at least one (label, values) pair, got an empty list")
    fig, ax = book_figure(figsize=figsize)
    lows, highs, notes = [], [], set()

    def prepare(name, values, main=True):
        check_array(name, values, (K,), finite=False)
        v = values.astype(np.float64)
        if log_input:
            logs = v
        else:
            with np.errstate(divide="ignore"):  # 정확히 0 인 노름은 -inf 로 두고 바닥에 그린다
                logs = np.log(np.abs(v))
        y, note = clip_for_plot(logs)
        if main:  # 축 범위와 안내 문장은 본 곡선만으로 정한다 (기준선은 축 밖으로 나가도 된다)
            if note:
                notes.add(note)
            lows.append(np.min(y))
            highs.append(np.max(y))
        return y

    for k, (label, values) in enumerate(series):
        ax.plot(distances, prepare(f"series[{k}]", values), label=label)
    for k, (label, values) in enumerate(references or []):
        ax.plot(
            distances,
            prepare(f"references[{k}]", values, main=False),
            ls="--",
            lw=1.6,
            label=label,
            color=[GREY, ORANGE, VERMILLION][k % 3],
        )
    ax.set_yscale("log")
    lo, hi = min(lows), max(highs)
    ylim = (max(PLOT_FLOOR, lo / 30), min(PLOT_CEIL, max(hi, 1.0) * 30))
    ax.set_ylim(ylim)
    if shade:
        shade_regions(ax, ylim)
    ax.set_xlim(distances[0], distances[-1])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if len(series) + len(references or []) > 1:  # 곡선이 하나면 범례 대신 세로축 이름으로 충분하다
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if notes:
        ax.text(
            0.01,
            0.99,
            "참고: " + "; ".join(sorted(notes)),
            transform=ax.transAxes,
            va="top",
            fontsize=10,
            color=GREY,
        )
    return fig


def _verdict(rate: float, first_vanish: int | None, first_explode: int | None) -> str:
    if first_explode is not None:
        return f"판정: 기울기 폭주 (거리 {first_explode} 부터 > 1e3)"
    if first_vanish is not None:
        return f"판정: 기울기 소실 (거리 {first_vanish} 부터 < 1e−3)"
    if math.isnan(rate):
        return "판정: 비율을 맞출 수 없다"
    return "판정: 이 길이에서는 소실도 폭주도 아니다"


def gradient_over_distance_live(
    *,
    distances: np.ndarray,
    log_norms: np.ndarray,
    log_bound: np.ndarray,
    rate: float,
    first_vanish: int | None,
    first_explode: int | None,
    eigenvalues: np.ndarray,
    radius: float,
    sigma_max: float,
    activation: str,
    T: int,
    max_T: int = 500,
    **_ignored,
) -> LiveFigure:
    """기울기 노름을 거리에 대해 그린 살아 있는 그림 (왼쪽) 과 W_h 의 고윳값 (오른쪽).

    distances : ndarray, shape (T,) 0, 1, …, T−1
    log_norms : ndarray, shape (T,) log ‖∂h(T)/∂h(T−d)‖_2
    log_bound : ndarray, shape (T,) log (γ σ_max)^d
    rate : 맞춘 한 시점당 비율;  first_vanish / first_explode : 처음 영역에 들어간 거리 (없으면 None)
    eigenvalues : ndarray, shape (H,) complex, W_h 의 고윳값
    """
    fig, (ax, ax_eig) = book_figure(1, 2, figsize=(11.0, 4.4))
    fixed_layout(fig, (0.085, 0.13, 0.6, 0.69), (0.745, 0.13, 0.24, 0.69))
    y, note = clip_for_plot(log_norms)
    yb, _ = clip_for_plot(log_bound)
    (line,) = ax.plot(distances, y, color=BLUE, label=r"$\|\partial h(T)/\partial h(t)\|_2$")
    (bound_line,) = ax.plot(
        distances, yb, color=GREY, ls="--", lw=1.6, label=r"상한 $(\gamma\,\sigma_{max})^{T-t}$"
    )
    ax.axhline(1.0, color="black", lw=0.8)
    shade_regions(ax)
    ax.set_yscale("log")
    ax.set_ylim(PLOT_FLOOR, PLOT_CEIL)
    ax.set_yticks([1e-30, 1e-20, 1e-10, 1, 1e10, 1e20, 1e30])
    ax.yaxis.set_minor_locator(NullLocator())  # 로그 축의 보조 눈금은 그리지 않는다 (속도)
    ax.set_xlim(0, max(T - 1, 1))
    ax.set_xlabel("거리 T − t (시점 수)")
    ax.set_ylabel("기울기 노름 (로그 척도)")
    ax.legend(loc="lower left", fontsize=10.5, frameon=True, framealpha=0.85, edgecolor="none")
    # 현재 값과 판정은 축 제목(두 줄)에 쓴다: 곡선을 가리지 않는다
    info = ax.set_title("", fontsize=11.5, loc="left")
    clip_note = ax.text(0.99, 0.86, "", transform=ax.transAxes, va="top", ha="right", fontsize=10, color=GREY)

    theta = np.linspace(0, 2 * np.pi, 200)
    ax_eig.plot(np.cos(theta), np.sin(theta), color=GREY, lw=1.2)
    eig = ax_eig.scatter(eigenvalues.real, eigenvalues.imag, s=22, color=BLUE, zorder=3)
    (rho_circle,) = ax_eig.plot(radius * np.cos(theta), radius * np.sin(theta), color=ORANGE, lw=1.4, ls="--")
    lim = 3.3
    ax_eig.set_xlim(-lim, lim)
    ax_eig.set_ylim(-lim, lim)
    ax_eig.set_aspect("equal")
    ax_eig.set_title("W_h 의 고윳값", fontsize=12.5)
    ax_eig.set_xticks([-3, 0, 3])  # 눈금 글자를 줄여 다시 그리기를 빠르게 한다
    ax_eig.set_yticks([-3, 0, 3])
    ax_eig.set_xlabel("실수부", fontsize=11)
    ax_eig.text(
        0.5,
        0.02,
        "회색: 단위원, 주황: 반지름 ρ",
        transform=ax_eig.transAxes,
        ha="center",
        fontsize=9.5,
        color=GREY,
    )

    def update(**data):
        T_ = int(data["T"])
        d = data["distances"]
        y, note = clip_for_plot(data["log_norms"])
        yb, _ = clip_for_plot(data["log_bound"])
        line.set_data(d, y)
        bound_line.set_data(d, yb)
        ax.set_xlim(0, max(T_ - 1, 1))
        r = data["rate"]
        rate_txt = "맞출 수 없음" if math.isnan(r) else f"{r:.3f}"
        info.set_text(
            f"{data['activation']},  ρ(W_h) = {data['radius']:.2f},  σ_max(W_h) = {data['sigma_max']:.2f},  "
            f"한 시점당 비율(맞춤) = {rate_txt}\n" + _verdict(r, data["first_vanish"], data["first_explode"])
        )
        clip_note.set_text(note)
        ev = data["eigenvalues"]
        eig.set_offsets(np.column_stack([ev.real, ev.imag]))
        rho_circle.set_data(data["radius"] * np.cos(theta), data["radius"] * np.sin(theta))

    update(
        distances=distances,
        log_norms=log_norms,
        log_bound=log_bound,
        rate=rate,
        first_vanish=first_vanish,
        first_explode=first_explode,
        eigenvalues=eigenvalues,
        radius=radius,
        sigma_max=sigma_max,
        activation=activation,
        T=T,
    )
    return LiveFigure(fig, update)
