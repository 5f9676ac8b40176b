"""학습된 LSTM 이 덧셈 문제를 기억하는 모습 (7장): 기억을 맡은 셀을 데이터로 찾고, 게이트를 시점마다 꺼낸다.

- ``find_memory_unit(model, xs)`` : 시험 시퀀스 여럿에서 셀 상태 c(T−1) 이 정답 x₁ + x₂ 와 가장 강하게
  상관된 셀을 고르고, 그 셀의 게이트가 어떻게 움직이는지 요약한다 (손으로 고르지 않는다).
- ``memory_trace(model, xs, unit)`` : 시퀀스 하나에서 그 셀의 게이트(i, f, g, o)와 상태(c, h)를 시점마다,
  그리고 모델의 답과 정답.

모델은 ``make_rnn_regressor(cell="lstm")`` 로 만든 덧셈 문제 모델(``run_adding`` 의 ``run.model``)이다.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.core.lstm import TimeLSTM
from helpers.core.tasks import adding_problem
from helpers.core.train import SequenceModel
from helpers.core.validation import check_array

__all__ = ["MemoryUnit", "find_memory_unit", "marker_positions", "memory_trace", "probe_sequences"]


def marker_positions(xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """덧셈 문제 입력 xs (N, T, 2) 의 두 표시의 시점 (t₁, t₂), 각 shape (N,). 표시가 꼭 둘이어야 한다."""
    check_array("xs", xs, ("N", "T", 2))
    marks = xs[:, :, 1] > 0.5
    if not np.all(marks.sum(axis=1) == 2):
        raise ValueError("xs: expected exactly two markers (channel 1 = 1) in every sequence")
    t1 = np.argmax(marks, axis=1)
    t2 = marks.shape[1] - 1 - np.argmax(marks[:, ::-1], axis=1)
    return t1, t2


def _check_lstm_model(model) -> TimeLSTM:
    if not isinstance(model, SequenceModel) or not isinstance(model.recurrent, TimeLSTM):
        raise ValueError(
            f"model: expected an adding-problem model with a TimeLSTM layer (make_rnn_regressor(cell='lstm')), "
            f"got {type(model).__name__}"
        )
    return model.recurrent


@dataclass
class MemoryUnit:
    """기억을 맡은 셀과 그 셀의 게이트 요약 (시험 시퀀스 여럿에서 잰 값).

    unit : 고른 셀 번호 (0..H−1)
    corr : corr(c_unit(T−1), x₁ + x₂). 부호는 셀이 합을 양수로 쥐는지 음수로 쥐는지를 말한다.
    abs_corrs : 모든 셀의 |corr(c(T−1), x₁ + x₂)|, shape (H,)
    corr_first : 첫 표시 직후 corr(c_unit(t₁), x₁)
    input_at_markers : 표시가 있는 시점의 입력 게이트 i 의 평균
    input_elsewhere : 표시가 없는 시점의 i 의 중앙값
    forget_across_gap : 첫 표시 다음부터 끝까지 (두 번째 표시 제외) 삭제 게이트 f 의 평균
    readout_r2 : c(T−1) 의 모든 셀로 x₁ + x₂ 를 선형 회귀했을 때의 결정 계수 R²
    """

    unit: int
    corr: float
    abs_corrs: np.ndarray
    corr_first: float
    input_at_markers: float
    input_elsewhere: float
    forget_across_gap: float
    readout_r2: float


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a - a.mean(), b - b.mean()
    denom = np.sqrt((a * a).sum() * (b * b).sum())
    return float((a * b).sum() / denom) if denom > 0 else 0.0


def find_memory_unit(model: SequenceModel, xs: np.ndarray) -> MemoryUnit:
    """시험 시퀀스 xs (N, T, 2) 에서 기억을 맡은 셀을 찾는다.

    방법: 끝 시점의 셀 상태 c(T−1) 의 셀마다 정답 x₁ + x₂ 와의 상관을 재고, 절댓값이 가장 큰 셀을 고른다.
    정답을 담은 셀이라면 시퀀스 내내 그 값을 쥐고 있어야 하므로, 그 셀의 게이트를 요약해 이야기가 맞는지 본다.
    """
    layer = _check_lstm_model(model)
    t1, t2 = marker_positions(xs)
    xs = xs.astype(layer.params[0].dtype, copy=False)  # 모델과 같은 dtype 으로 (float32 로 학습한 모델)
    N, T, _ = xs.shape
    if N < 3:
        raise ValueError(f"xs: expected at least 3 sequences to measure correlations, got {N}")
    rows = np.arange(N)
    x1, x2 = xs[rows, t1, 0].astype(np.float64), xs[rows, t2, 0].astype(np.float64)
    layer.forward(xs)
    g = layer.gates
    c = np.asarray(g["c"], dtype=np.float64)  # (N, T, H)
    H = c.shape[2]
    target = x1 + x2
    corrs = np.array([_corr(c[:, -1, u], target) for u in range(H)])
    unit = int(np.argmax(np.abs(corrs)))
    i_u = np.asarray(g["i"][:, :, unit], dtype=np.float64)
    f_u = np.asarray(g["f"][:, :, unit], dtype=np.float64)
    marks = xs[:, :, 1] > 0.5
    after_first = np.arange(T)[None, :] > t1[:, None]
    gap = after_first & ~marks
    A = np.column_stack([c[:, -1, :], np.ones(N)])
    coef, *_ = np.linalg.lstsq(A, target, rcond=None)
    resid = target - A @ coef
    return MemoryUnit(
        unit=unit,
        corr=float(corrs[unit]),
        abs_corrs=np.abs(corrs),
        corr_first=_corr(c[rows, t1, unit], x1),
        input_at_markers=float(i_u[marks].mean()),
        input_elsewhere=float(np.median(i_u[~marks])),
        forget_across_gap=float(f_u[gap].mean()),
        readout_r2=float(1 - resid.var() / target.var()),
    )


def memory_trace(model: SequenceModel, xs: np.ndarray, unit: int) -> dict:
    """시퀀스 하나 xs (1, T, 2) 에서 셀 ``unit`` 의 시점마다의 값.

    돌려주는 dict: "values", "markers" (T,) — 입력의 값과 표시; "i", "f", "g", "o", "c", "h" (T,) — 그 셀의
    게이트와 상태; "c0" — 처음 셀 상태(0); "answer" — 모델의 답 y; "target" — 정답 x₁ + x₂; "t1", "t2".
    """
    layer = _check_lstm_model(model)
    check_array("xs", xs, (1, "T", 2))
    H = layer.params[1].shape[0]
    if isinstance(unit, bool) or not isinstance(unit, (int, np.integer)) or not 0 <= unit < H:
        raise ValueError(f"unit: expected an integer in [0, {H - 1}], got {unit!r}")
    t1, t2 = marker_positions(xs)
    xs = xs.astype(layer.params[0].dtype, copy=False)
    answer = float(model.predict(xs)[0, 0])  # 순전파 한 번: 게이트와 은닉 상태가 계층에 남는다
    g = layer.gates
    out = {k: np.asarray(g[k][0, :, unit], dtype=np.float64) for k in "ifgoc"}
    # h(t) = o(t) ∘ tanh(c(t)) (LSTM 의 식 그대로; 계층은 hs 를 따로 들고 있지 않다)
    out["h"] = out["o"] * np.tanh(out["c"])
    out.update(
        values=xs[0, :, 0].astype(np.float64),
        markers=(xs[0, :, 1] > 0.5),
        c0=0.0,
        answer=answer,
        target=float(xs[0, t1[0], 0] + xs[0, t2[0], 0]),
        t1=int(t1[0]),
        t2=int(t2[0]),
    )
    return out


def probe_sequences(n: int, T: int, seed: int = 7) -> np.ndarray:
    """기억을 살펴볼 덧셈 문제 시퀀스 n 개, shape (n, T, 2). 장의 학습·검증·시험 데이터와 다른 난수 흐름이다."""
    xs, _ = adding_problem(np.random.default_rng(seed), n, T)
    return xs
