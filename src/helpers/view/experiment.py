"""7장(실험: RNN 대 LSTM)의 그림: 덧셈 문제의 예, 학습 곡선, 시간에 따른 기울기, 결과 데모 그림.

모든 함수는 배열(또는 배열의 사전)을 받아 ``matplotlib.figure.Figure`` 나 ``LiveFigure`` 를 돌려준다.
학습은 하지 않는다 (학습은 ``helpers.core.experiment`` 가 맡는다).
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FixedFormatter, FixedLocator, MaxNLocator, NullLocator

from helpers.core.validation import check_array
from helpers.view.base import LiveFigure, book_figure, clear_message, set_caption
from helpers.view.style import BLUE, GREEN, GREY, ORANGE, PALETTE, PURPLE, VERMILLION

__all__ = [
    "adding_examples_figure",
    "learning_curves_figure",
    "gradient_through_time_figure",
    "training_probes_figure",
    "results_live_figure",
    "series_color",
]

# 로그 축에 그릴 수 있는 가장 작은 값: 이보다 작은 값(0 포함)은 여기로 올려 그리고 그림에 적는다.
LOG_FLOOR = 1e-30


# 모델마다 책 전체에서 같은 색을 쓴다 (이름의 앞부분으로 찾는다)
MODEL_COLORS = {"RNN": VERMILLION, "LSTM": BLUE, "IRNN": PURPLE, "GRU": GREEN}


def series_color(label: str, index: int = 0) -> str:
    """곡선 이름에 맞는 색: 'RNN' 주홍, 'LSTM' 파랑, 'IRNN' 자주, 'GRU' 초록, 그 밖은 팔레트 순서."""
    for name in sorted(MODEL_COLORS, key=len, reverse=True):  # 'IRNN' 을 'RNN' 보다 먼저 본다
        if label.startswith(name):
            return MODEL_COLORS[name]
    others = [c for c in PALETTE if c not in MODEL_COLORS.values()]
    return others[index % len(others)]


def _check_curve(name: str, curve) -> tuple[np.ndarray, np.ndarray]:
    """(steps, values) 쌍을 검사해 float 배열 둘로 돌려준다.

    values 는 (K,) (곡선 하나) 또는 (S, K) (시드 S 개의 곡선, ``helpers.core.experiment.stack_curves``).
    """
    if not isinstance(curve, (tuple, list)) or len(curve) != 2:
        raise ValueError(f"{name}: expected a pair (steps, values) of arrays, got {type(curve).__name__}")
    steps = np.asarray(curve[0], dtype=np.float64)
    values = np.asarray(curve[1], dtype=np.float64)
    check_array(f"{name}[0] (steps)", steps, ("K",))
    if values.ndim == 2:
        check_array(f"{name}[1] (values)", values, ("S", steps.shape[0]))
    else:
        check_array(f"{name}[1] (values)", values, (steps.shape[0],))
    if steps.shape[0] == 0:
        raise ValueError(f"{name}: expected at least one point, got shape (0,)")
    if np.any(values < 0):
        raise ValueError(f"{name}[1] (values): expected non-negative MSE values, got min {values.min():.3g}")
    return steps, values


def _note_floor(ax) -> None:
    """로그 축의 바닥(LOG_FLOOR)으로 올려 그린 값이 있다고 축 오른쪽 아래에 적는다."""
    ax.text(0.99, 0.03, f"{LOG_FLOOR:.0e} 아래 값은 그 값으로 올려 그렸다", transform=ax.transAxes, ha="right",
            va="bottom", fontsize=10.5, color="dimgray")


def _median_band(ax, steps, values, color, label, floor=None):
    """values (K,) 이면 선 하나, (S, K) 이면 중앙값 선과 최솟값–최댓값 띠를 그린다."""
    lo_clip = -np.inf if floor is None else floor
    if values.ndim == 1:
        return ax.plot(steps, np.maximum(values, lo_clip), color=color, label=label)[0]
    med = np.median(values, axis=0)
    ax.fill_between(
        steps,
        np.maximum(values.min(axis=0), lo_clip),
        np.maximum(values.max(axis=0), lo_clip),
        color=color,
        alpha=0.18,
        lw=0,
    )
    return ax.plot(steps, np.maximum(med, lo_clip), color=color, label=f"{label} (시드 {values.shape[0]}개)")[
        0
    ]


def _check_positive(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name}: expected a positive real number, got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name}: expected a positive finite number, got {value}")
    return value


def adding_examples_figure(xs: np.ndarray, targets: np.ndarray, n_show: int = 3):
    """덧셈 문제의 예 몇 개: 막대는 값, 색칠한 막대와 ▼ 는 표시(marker)가 붙은 두 시점.

    xs : ndarray, shape (N, T, 2) — 0 채널 값, 1 채널 표시(0/1)
    targets : ndarray, shape (N, 1) — 표시된 두 값의 합
    n_show : 그릴 시퀀스 수 (1..N)
    """
    check_array("xs", xs, ("N", "T", 2))
    N, T, _ = xs.shape
    check_array("targets", targets, (N, 1))
    if isinstance(n_show, bool) or not isinstance(n_show, (int, np.integer)) or not 1 <= n_show <= N:
        raise ValueError(f"n_show: expected an integer in [1, {N}], got {n_show!r}")
    n_show = int(n_show)
    fig, axes = book_figure(n_show, 1, figsize=(10.0, 1.7 * n_show + 0.7), sharex=True)
    axes = np.atleast_1d(axes)
    t = np.arange(T)
    for k, ax in enumerate(axes):
        values, marks = xs[k, :, 0], xs[k, :, 1] > 0.5
        ax.axvspan(-0.5, T // 2 - 0.5, color=GREY, alpha=0.08, lw=0)
        ax.bar(t[~marks], values[~marks], width=0.8, color=GREY, alpha=0.55)
        ax.bar(t[marks], values[marks], width=0.8, color=ORANGE)
        for tm in t[marks]:
            ax.annotate(
                f"{values[tm]:.2f}",
                (tm, values[tm]),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=11,
                color="black",
            )
            ax.plot([tm], [1.32], marker="v", color=VERMILLION, ms=8, clip_on=False)
        picked = " + ".join(f"{v:.2f}" for v in values[marks])
        ax.set_title(f"예 {k + 1}: 정답 = {picked} = {float(targets[k, 0]):.2f}", loc="left", fontsize=12.5)
        ax.set_ylim(0, 1.4)
        ax.set_yticks([0, 0.5, 1])
        ax.set_ylabel("값")
        ax.grid(axis="x", visible=False)
    axes[0].text(0.25 * T, 1.22, "앞 절반: 첫 표시", ha="center", va="center", fontsize=10.5, color="dimgray")
    axes[-1].set_xlabel("시점 t")
    axes[-1].set_xlim(-0.8, T - 0.2)
    return fig


def learning_curves_figure(
    panels: dict, *, baseline: float = 1.0 / 6.0, threshold: float = 0.01, colors: dict | None = None
):
    """학습 곡선: 패널마다 여러 모델의 평가 MSE 를 로그 축에 그린다.

    panels : {패널 제목: {곡선 이름: (steps, mse)}} — steps (K,), mse (K,) 또는 (S, K).
        (S, K) 이면 시드 S 개의 중앙값을 선으로, 최솟값–최댓값을 옅은 띠로 그린다.
    baseline : 상수 예측의 MSE (점선, 기본 1/6)
    threshold : 성공 기준 MSE (점선, 기본 0.01)
    colors : {곡선 이름: 색} (선택). 없으면 :func:`series_color` 로 정한다.
    """
    if not isinstance(panels, dict) or not panels:
        raise ValueError(
            f"panels: expected a non-empty dict {{title: {{label: (steps, mse)}}}}, got {panels!r:.40}"
        )
    baseline = _check_positive("baseline", baseline)
    threshold = _check_positive("threshold", threshold)
    checked = {}
    for title, curves in panels.items():
        if not isinstance(curves, dict) or not curves:
            raise ValueError(f"panels[{title!r}]: expected a non-empty dict {{label: (steps, mse)}}")
        checked[title] = {lab: _check_curve(f"panels[{title!r}][{lab!r}]", c) for lab, c in curves.items()}
    n = len(checked)
    fig, axes = book_figure(1, n, figsize=(min(4.2 * n, 12.5) if n > 1 else 7.0, 4.3), sharey=True)
    axes = np.atleast_1d(axes)
    all_labels = list(dict.fromkeys(lab for curves in checked.values() for lab in curves))
    colors = dict(colors or {})
    for i, lab in enumerate(all_labels):
        colors.setdefault(lab, series_color(lab, i))
    positive = [v[v > 0] for c in checked.values() for _, v in c.values()]
    lo = min([threshold] + [float(p.min()) for p in positive if p.size])
    lo = max(lo / 2.0, LOG_FLOOR)
    for ax, (title, curves) in zip(axes, checked.items(), strict=True):
        for lab, (steps, values) in curves.items():
            _median_band(ax, steps, values, colors[lab], lab, floor=LOG_FLOOR)
        ax.axhline(baseline, color=GREY, ls="--", lw=1.5, label=f"상수 1 예측 ({baseline:.3f})")
        ax.axhline(threshold, color="black", ls=":", lw=1.5, label=f"성공 기준 ({threshold:g})")
        ax.set_yscale("log")
        ax.set_title(title)
        ax.set_xlabel("학습 단계")
        ax.set_xlim(left=0)
    # 위쪽은 상수 예측(기준선)의 몇 배까지만 그린다: 학습 초기에 잠깐 튄 값이 축을 늘려 곡선을 눌러 버리지 않게
    top = max(1.0, 6 * baseline)
    hi = max([3 * baseline] + [float(v.max()) * 1.3 for c in checked.values() for _, v in c.values()])
    axes[0].set_ylim(lo, min(hi, top))
    if hi > top:
        axes[-1].text(
            0.99,
            0.98,
            f"{top:g} 보다 큰 값은 위에서 잘렸다",
            transform=axes[-1].transAxes,
            ha="right",
            va="top",
            fontsize=10,
            color="dimgray",
        )
    axes[0].set_ylabel("검증 MSE (로그 축)")
    # 범례는 패널 아래에 한 줄로 둔다: 곡선과 기준선을 가리지 않는다
    handles, labels = axes[0].get_legend_handles_labels()
    for ax in axes[1:]:
        for h, lab in zip(*ax.get_legend_handles_labels(), strict=True):
            if lab not in labels:
                handles.append(h)
                labels.append(lab)
    fig.legend(
        handles, labels, loc="outside lower center", ncols=min(len(labels), 4 if n > 1 else 2), fontsize=11
    )
    return fig


def gradient_through_time_figure(norms: dict, *, first_half: bool = True, title: str | None = None):
    """시간에 따른 기울기: 학습된 모델의 ‖∂s(T−1)/∂s(t)‖ 를 시점 t = 0..T−1 에 대해 로그 축에 그린다.

    norms : {곡선 이름: ndarray, shape (T,)} — 시점마다의 노름 (예: 배치의 중앙값), 모두 같은 T.
        s 는 RNN 이면 h, LSTM 이면 (h, c) 이다 (``helpers.core.jacobian`` 의 규약).
    first_half : True 이면 덧셈 문제의 첫 표시가 놓이는 앞 절반 [0, T//2) 를 옅게 칠한다
    title : 그림 제목 (선택)
    """
    if not isinstance(norms, dict) or not norms:
        raise ValueError(
            f"norms: expected a non-empty dict {{label: array of shape (T,)}}, got {norms!r:.40}"
        )
    arrays = {}
    T = None
    for lab, v in norms.items():
        v = np.asarray(v, dtype=np.float64) if not isinstance(v, np.ndarray) else v
        check_array(f"norms[{lab!r}]", v, ("T",) if T is None else (T,), finite=False)
        if np.any(np.isnan(v)) or np.any(v < 0):
            raise ValueError(f"norms[{lab!r}]: expected non-negative norms (no NaN), shape ({v.shape[0]},)")
        T = v.shape[0]
        arrays[lab] = v.astype(np.float64)
    fig, ax = book_figure(1, 1, figsize=(9.0, 4.3))
    t = np.arange(T)
    clipped = False
    for i, (lab, v) in enumerate(arrays.items()):
        clipped |= bool(np.any(v < LOG_FLOOR))
        ax.plot(t, np.clip(v, LOG_FLOOR, 1e30), color=series_color(lab, i), label=lab)
    if first_half:
        ax.axvspan(-0.5, T // 2 - 0.5, color=GREY, alpha=0.12, lw=0, label="첫 표시가 놓이는 앞 절반")
    if clipped:
        _note_floor(ax)
    ax.set_yscale("log")
    ax.set_xlim(0, T - 1)
    ax.set_xlabel("시점 t")
    ax.set_ylabel(r"$\|\partial s(T-1) / \partial s(t)\|$")
    ax.set_title(title or "마지막 상태가 시점 t 의 상태에 얼마나 민감한가")
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=3, fontsize=11)
    return fig


def _check_probe_panel(name: str, curves, *, positive: bool) -> dict:
    if not isinstance(curves, dict) or not curves:
        raise ValueError(f"{name}: expected a non-empty dict {{label: (steps, values (S, K))}}")
    out = {}
    for lab, c in curves.items():
        if not isinstance(c, (tuple, list)) or len(c) != 2:
            raise ValueError(f"{name}[{lab!r}]: expected a pair (steps, values), got {type(c).__name__}")
        steps = np.asarray(c[0], dtype=np.float64)
        values = np.atleast_2d(np.asarray(c[1], dtype=np.float64))
        check_array(f"{name}[{lab!r}][0] (steps)", steps, ("K",))
        check_array(f"{name}[{lab!r}][1] (values)", values, ("S", steps.shape[0]), finite=False)
        if np.any(np.isnan(values)) or (positive and np.any(values < 0)):
            raise ValueError(
                f"{name}[{lab!r}][1] (values): expected {'non-negative ' if positive else ''}numbers"
            )
        out[lab] = (steps, values)
    return out


def training_probes_figure(gradient: dict, sensitivity: dict, *, title: str | None = None):
    """학습하는 동안 잰 두 잣대를 나란히 그린다 (모델마다 시드의 중앙값 선과 최솟값–최댓값 띠).

    gradient : {모델 이름: (steps (K,), values (S, K))} — ‖∂y/∂s(t₁)‖ / ‖∂y/∂s(T−1)‖, 로그 축
        (``helpers.core.experiment.marker_gradient_ratio``)
    sensitivity : {모델 이름: (steps, values (S, K))} — ∂y/∂x₁, 첫 값에 대한 답의 반응 (푼 모델은 1)
    """
    grad = _check_probe_panel("gradient", gradient, positive=True)
    sens = _check_probe_panel("sensitivity", sensitivity, positive=False)
    fig, (ax_g, ax_s) = book_figure(1, 2, figsize=(11.5, 4.4))
    clipped = False
    for i, (lab, (steps, values)) in enumerate(grad.items()):
        clipped |= bool(np.any(values < LOG_FLOOR))
        _median_band(ax_g, steps, values, series_color(lab, i), lab, floor=LOG_FLOOR)
    ax_g.axhline(1.0, color=GREY, ls="--", lw=1.2)
    ax_g.set_yscale("log")
    smallest = min(float(np.min(v)) for _, v in grad.values())
    ax_g.set_ylim(max(LOG_FLOOR / 3, smallest / 10), 30)
    ax_g.set_xlabel("학습 단계")
    ax_g.set_ylabel(r"$\|\partial y/\partial s(t_1)\| \,/\, \|\partial y/\partial s(T-1)\|$")
    ax_g.set_title("첫 표시의 시점까지 닿는 기울기")
    if clipped:
        _note_floor(ax_g)
    for i, (lab, (steps, values)) in enumerate(sens.items()):
        _median_band(ax_s, steps, values, series_color(lab, i), lab)
    ax_s.axhline(1.0, color="black", ls=":", lw=1.5, label="푼 모델의 값 1")
    ax_s.axhline(0.0, color=GREY, ls="--", lw=1.2)
    ax_s.set_ylim(-0.3, 1.5)
    ax_s.set_xlabel("학습 단계")
    ax_s.set_ylabel(r"$\partial y / \partial x_1$")
    ax_s.set_title("답이 첫 번째 값에 반응하는 정도")
    if title:
        fig.suptitle(title)
    handles, labels = ax_g.get_legend_handles_labels()
    for h, lab in zip(*ax_s.get_legend_handles_labels(), strict=True):
        if lab not in labels:
            handles.append(h)
            labels.append(lab)
    fig.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 4), fontsize=11)
    return fig


# ---------------------------------------------------------------------------------------------
# 데모용 살아 있는 그림

_LIVE_KEYS = ("T", "names", "steps", "mse", "targets", "preds", "test_mse")
_SCATTER_LIM = (-0.2, 2.2)
# 곡선 위에 겹쳐도 읽히도록 선 이름 뒤에 까는 반투명 흰 상자
_LABEL_BOX = {"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 1.0}


def _check_live(data: dict) -> dict:
    missing = [k for k in _LIVE_KEYS if k not in data]
    if missing:
        raise ValueError(f"{missing[0]}: missing argument; results_live_figure needs {', '.join(_LIVE_KEYS)}")
    names = list(data["names"])
    if not names or not all(isinstance(n, str) for n in names):
        raise ValueError(f"names: expected a non-empty list of model names, got {data['names']!r}")
    for key in ("steps", "mse", "preds", "test_mse"):
        if len(data[key]) != len(names):
            raise ValueError(f"{key}: expected one entry per model ({len(names)}), got {len(data[key])}")
    targets = np.asarray(data["targets"], dtype=np.float64).reshape(-1)
    check_array("targets", targets, ("M",))
    out = dict(data, names=names, targets=targets)
    out["curves"] = [
        _check_curve(f"steps[{k}]/mse[{k}]", (st, v))
        for k, (st, v) in enumerate(zip(data["steps"], data["mse"], strict=True))
    ]
    preds = []
    for k, pr in enumerate(data["preds"]):
        pr = np.asarray(pr, dtype=np.float64).reshape(-1)
        check_array(f"preds[{k}]", pr, targets.shape)
        preds.append(pr)
    out["preds"] = preds
    return out


def _plain_log_ticks(ax) -> None:
    """로그 y 축 눈금을 0.001, 0.01, … 처럼 평범한 글자로 쓴다 (수식 렌더링보다 빨리 그려진다)."""
    ticks = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_major_formatter(FixedFormatter([f"{t:g}" for t in ticks]))
    ax.yaxis.set_minor_locator(NullLocator())


def results_live_figure(**data) -> LiveFigure:
    """결과 데모 그림: 모델들의 학습 곡선 | 시험 데이터에서 모델들의 예측 대 정답.

    data (키워드 인자):
        T : 시퀀스 길이, seed : 시드 (선택; 제목에 쓴다)
        names : 모델 이름들 (예: ["RNN", "LSTM", "IRNN"]); 색은 :func:`series_color`
        steps, mse : 모델마다 1차원 배열 — 평가한 학습 단계와 그때의 평가 MSE
        targets : shape (M,) 또는 (M, 1), 시험 데이터의 정답
        preds : 모델마다 targets 와 같은 수의 예측
        test_mse : 모델마다 시험 MSE (글자로 쓴다)
        baseline, threshold : 선택 (기본 1/6, 0.01)
    update(**data) 는 같은 모델 이름들에 대해 선과 점의 데이터만 바꾼다.
    """
    d = _check_live(data)
    names = d["names"]
    baseline = _check_positive("baseline", d.get("baseline", 1.0 / 6.0))
    threshold = _check_positive("threshold", d.get("threshold", 0.01))
    fig, (ax_c, ax_s) = book_figure(1, 2, figsize=(10.0, 3.9), width_ratios=[1.35, 1.0])
    fig.set_dpi(80)  # 슬라이더 갱신과 스크러버 크기를 가볍게 한다
    colors = [series_color(n, k) for k, n in enumerate(names)]
    styles = ["-", "--", "-.", ":"]
    lines = [
        ax_c.plot(*d["curves"][k], color=colors[k], ls=styles[k % len(styles)], label=n)[0]
        for k, n in enumerate(names)
    ]
    ax_c.axhline(baseline, color=GREY, ls="--", lw=1.5)
    ax_c.axhline(threshold, color="black", ls=":", lw=1.5)
    ax_c.set_yscale("log")
    _plain_log_ticks(ax_c)
    ax_c.text(
        0.99,
        baseline * 1.15,
        "상수 1 예측",
        transform=ax_c.get_yaxis_transform(),
        ha="right",
        va="bottom",
        fontsize=10.5,
        bbox=_LABEL_BOX,
        color="dimgray",
    )
    ax_c.text(
        0.99,
        threshold * 1.15,
        "성공 기준",
        transform=ax_c.get_yaxis_transform(),
        ha="right",
        va="bottom",
        fontsize=10.5,
        bbox=_LABEL_BOX,
    )
    ax_c.set_xlabel("학습 단계")
    ax_c.set_ylabel("검증 MSE (로그 축)")
    ax_c.set_title("학습 곡선")
    # 색의 뜻은 오른쪽 패널의 색 글자가 함께 알려 준다 (모양도 다르다: 선의 모양, 점의 모양)
    ax_s.plot(_SCATTER_LIM, _SCATTER_LIM, color=GREY, lw=1.2, ls="--")
    markers = ["o", "s", "^", "D"]
    dots = [
        ax_s.scatter(
            np.zeros(1),
            np.zeros(1),
            color=colors[k],
            marker=markers[k % len(markers)],
            s=11,
            alpha=0.5,
            linewidths=0,
            label=n,
        )
        for k, n in enumerate(names)
    ]
    ax_s.set_xlim(*_SCATTER_LIM)
    ax_s.set_ylim(*_SCATTER_LIM)
    ax_s.set_xlabel("정답")
    ax_s.set_ylabel("예측")
    ax_s.set_title("시험 데이터: 예측 대 정답")
    # 눈금을 줄이고 범례 대신 색 글자를 쓴다: 갱신마다 그리는 글자가 적을수록 빠르다
    ax_s.set_xticks([0, 1, 2])
    ax_s.set_yticks([0, 1, 2])
    ax_c.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    labels = [
        ax_s.text(
            0.03,
            0.97 - 0.09 * k,
            "",
            transform=ax_s.transAxes,
            ha="left",
            va="top",
            fontsize=11,
            color=colors[k],
        )
        for k in range(len(names))
    ]

    def update(**new):
        v = _check_live(new)
        if v["names"] != names:
            raise ValueError(f"names: expected the same models {names}, got {v['names']}")
        clear_message(fig)
        for line, curve in zip(lines, v["curves"], strict=True):
            line.set_data(*curve)
        xmax = max(float(c[0].max()) for c in v["curves"])
        ax_c.set_xlim(0, xmax * 1.02 if xmax > 0 else 1.0)
        lo = min([threshold] + [float(c[1].min()) for c in v["curves"]])
        hi = max([baseline] + [float(c[1].max()) for c in v["curves"]])
        ax_c.set_ylim(max(lo / 2, 1e-5), min(max(1.0, hi * 1.3), 100.0))
        for sc, pred, text, name, mse in zip(dots, v["preds"], labels, names, v["test_mse"], strict=True):
            # 그림 밖으로 나가는 예측은 가장자리에 붙여 그린다
            sc.set_offsets(np.column_stack([v["targets"], np.clip(pred, *_SCATTER_LIM)]))
            text.set_text(f"{name}: 시험 MSE {float(mse):.4f}")
        seed = f", 시드 {int(v['seed'])}" if "seed" in v else ""
        set_caption(fig, f"덧셈 문제, 시퀀스 길이 T = {int(v['T'])}{seed}")

    update(**data)
    # 배치를 한 번 정한 뒤 고정한다: 갱신마다 제약 레이아웃을 다시 풀면 그리는 시간이 두 배가 된다
    fig.get_layout_engine().execute(fig)
    fig.set_layout_engine("none")
    return LiveFigure(fig, update)
