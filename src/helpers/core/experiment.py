"""7장(실험: RNN 대 LSTM)의 실험 코드: 덧셈 문제에서 여러 시드로 모델을 학습하고 결과를 한 객체에 모은다.

- ``adding_baselines`` : 입력을 보지 않는 상수 예측(MSE 1/6)과 두 번째 값만 기억하는 예측(1/12)의 MSE 를
  데이터에서 잰다.
- ``run_adding`` : ``helpers.core.train.train_adding`` 으로 한 모델을 학습하고, 따로 뽑은 시험 데이터로
  평가해 ``AddingRun`` 에 담는다. 학습 전과 검증할 때마다 첫 표시까지 닿는 기울기를 잰다.
- ``run_adding_many`` : 여러 실행을 (가능하면 여러 프로세스에서 나란히) 돌린다. 결과는 나란히 돌리든
  차례로 돌리든 같다.
- ``choose_learning_rates`` : 학습률 후보마다 같은 예산(갱신 횟수)으로 학습해 검증 MSE 로 고른다.
- ``run_adding_experiment`` : (모델, 길이 T, 시드) 의 격자를 학습한 ``AddingResults``. 결과는 시드에 걸친
  중앙값과 범위(``Spread``)로 읽는다.
- ``count_params`` / ``matched_rnn_hidden`` : 파라미터 수와, LSTM 과 파라미터 수가 같아지는 RNN 의 H.
- ``first_marker_positions``, ``marked_value_sensitivity``, ``marker_gradient_ratio``,
  ``marker_jacobian_norms`` : 첫 표시의 시점과, 그 시점까지 닿는 기울기의 잣대들.

멈춤 규칙은 시간과 무관하다: 검증 MSE 가 ``stop_mse`` 아래로 내려가거나 최대 갱신 횟수에 닿으면 멈춘다.
그래서 빠른 컴퓨터든 느린 컴퓨터든 같은 시드면 같은 결과가 나온다. 다만 학습된 신경망의 끝 상태는 BLAS
커널에 따른 마지막 자리 차이로도 갈릴 수 있으므로, 장의 주장은 시드 여럿에 걸친 중앙값과 범위로 한다.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from helpers.core.cache import cached_call
from helpers.core.jacobian import jacobian_norms, state_gradient_norms, state_size
from helpers.core.tasks import adding_problem
from helpers.core.train import ADDING_PROBLEM_SETTINGS, CELLS, SequenceModel, train_adding
from helpers.core.validation import check_array, check_real, check_rng, check_size, merge_settings

__all__ = [
    "AddingRun",
    "AddingResults",
    "LearningRateSearch",
    "Spread",
    "adding_baselines",
    "blas_threads",
    "choose_learning_rates",
    "count_params",
    "first_marker_positions",
    "marked_value_sensitivity",
    "marker_gradient_ratio",
    "limit_blas_threads",
    "marker_jacobian_norms",
    "matched_rnn_hidden",
    "run_adding",
    "run_adding_experiment",
    "run_adding_many",
    "spread",
    "stack_curves",
]

CELL_NAMES = {"rnn": "RNN", "lstm": "LSTM", "irnn": "IRNN", "gru": "GRU"}


@contextmanager
def limit_blas_threads(n: int = 1):
    """with 블록 안에서만 BLAS 의 스레드 수를 n 으로 줄이고, 끝나면 되돌린다 (threadpoolctl).

    이 장의 행렬은 작다 (예: (32, 32) @ (32, 128)). 이런 곱을 여러 스레드로 나누면 스레드를 깨우고
    기다리는 비용이 계산보다 커서, 코어를 여럿이 나눠 쓰는 컴퓨터에서는 학습이 몇 배 느려진다.
    환경 변수 OPENBLAS_NUM_THREADS=1 로 프로그램을 시작해도 같은 효과다 (Makefile 은 그렇게 한다).
    """
    n = check_size("n", n)
    with threadpool_limits(limits=n, user_api="blas"):
        yield


def blas_threads() -> int | None:
    """지금 BLAS 가 쓰는 스레드 수 (threadpoolctl 이 BLAS 를 찾지 못하면 None)."""
    infos = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    return None if not infos else int(infos[0]["num_threads"])


_CHUNK = 10_000


def adding_baselines(rng: np.random.Generator, N: int = 100_000, T: int = 100) -> dict[str, float]:
    """입력을 거의 보지 않는 두 예측의 MSE 를 덧셈 문제 데이터 N 개에서 잰다.

    - "constant" : 언제나 1 (정답의 평균)을 답한다. 기댓값은 Var(X1 + X2) = 2/12 = 1/6.
    - "second_only" : 두 번째 표시의 값 X2 만 기억하고 X2 + 0.5 를 답한다. 기댓값은 Var(X1) = 1/12.
    - "best_constant" : 데이터에서 MSE 가 가장 작은 상수 (= 정답의 표본 평균).
    """
    check_rng(rng)
    N = check_size("N", N, minimum=2)
    T = check_size("T", T, minimum=2)
    sq_const, sq_second, total, done = 0.0, 0.0, 0.0, 0
    # 메모리를 아끼려고 CHUNK 개씩 만들어 더한다 (N = 100000, T = 100 을 한 번에 만들면 수백 MB)
    while done < N:
        n = min(_CHUNK, N - done)
        xs, targets = adding_problem(rng, n, T)
        y = targets[:, 0]
        second = T // 2 + np.argmax(xs[:, T // 2 :, 1], axis=1)
        x2 = xs[np.arange(n), second, 0]
        sq_const += float(np.sum((1.0 - y) ** 2))
        sq_second += float(np.sum((x2 + 0.5 - y) ** 2))
        total += float(np.sum(y))
        done += n
    return {"constant": sq_const / N, "second_only": sq_second / N, "best_constant": total / N}


def count_params(model) -> int:
    """모델(또는 계층)의 파라미터 원소 수의 합."""
    if not hasattr(model, "params"):
        raise ValueError(f"model: expected a model or layer with params, got {type(model).__name__}")
    return int(sum(p.size for p in model.params))


def matched_rnn_hidden(n_params: int, D: int = 2, O: int = 1) -> int:
    """파라미터 수가 ``n_params`` 이상이 되는 가장 작은 tanh RNN 의 은닉 상태 크기 H.

    RNN 회귀 모델의 파라미터 수: D·H + H·H + H (순환 계층) + H·O + O (출력층).
    """
    n_params = check_size("n_params", n_params)
    D = check_size("D", D)
    O = check_size("O", O)
    # H² + (D + 1 + O)·H + O - n = 0 의 양의 근을 올림한다
    a = D + 1 + O
    H = max(1, math.ceil((-a + math.sqrt(a * a + 4 * max(n_params - O, 0))) / 2))
    while H * H + a * H + O < n_params:  # 부동소수점 반올림에 대비한 보정
        H += 1
    return H


def first_marker_positions(xs: np.ndarray) -> np.ndarray:
    """덧셈 문제 입력 xs (N, T, 2) 에서 첫 표시가 있는 시점(0 부터). 반환 shape (N,), int."""
    check_array("xs", xs, ("N", "T", 2))
    marks = xs[:, :, 1] > 0.5
    if not np.all(marks.any(axis=1)):
        raise ValueError("xs: expected at least one marker (channel 1 = 1) in every sequence")
    return np.argmax(marks, axis=1)


def _check_regressor(model) -> SequenceModel:
    if not isinstance(model, SequenceModel) or not model.last_step_only:
        raise ValueError(
            f"model: expected a SequenceModel that answers at the last step (make_rnn_regressor), "
            f"got {type(model).__name__}"
        )
    return model


def _output_sensitivities(model: SequenceModel, xs: np.ndarray) -> np.ndarray:
    """∂y/∂xs : 답 y 를 입력 전체로 미분한 값, shape (N, T, D). 모델의 grads 를 덮어쓴다."""
    y = model.predict(xs)
    dh = model.head.backward(np.ones_like(y))
    dhs = np.zeros(model.hs_shape, dtype=dh.dtype)
    dhs[:, -1, :] = dh  # 답은 마지막 시점에서만 나온다
    return model.recurrent.backward(dhs)


def marked_value_sensitivity(model: SequenceModel, xs: np.ndarray) -> np.ndarray:
    """(∂y/∂x₁, ∂y/∂x₂) : 답 y 가 두 표시의 값에 얼마나 반응하는지, 시퀀스마다. 반환 shape (N, 2).

    덧셈 문제를 푼 모델은 y ≈ x₁ + x₂ 이므로 두 값이 모두 1 에 가깝다. 첫 값을 쓰지 못하는 모델은
    첫 열이 0 에 가깝다. 출력에서 입력까지 역전파한 값 그대로다. 모델의 grads 를 덮어쓴다
    (파라미터는 바꾸지 않는다).
    """
    model = _check_regressor(model)
    check_array("xs", xs, ("N", "T", 2))
    N, T, _ = xs.shape
    t1 = first_marker_positions(xs)
    t2 = T // 2 + np.argmax(xs[:, T // 2 :, 1] > 0.5, axis=1)
    dxs = _output_sensitivities(model, xs)
    rows = np.arange(N)
    return np.stack([dxs[rows, t1, 0], dxs[rows, t2, 0]], axis=1).astype(np.float64)


def marker_gradient_ratio(model: SequenceModel, xs: np.ndarray) -> np.ndarray:
    """‖∂y/∂s(t₁)‖ / ‖∂y/∂s(T−1)‖ : 답의 기울기가 마지막 상태에서 첫 표시 시점의 상태까지 거슬러 가며
    몇 배가 되는지, 시퀀스마다. 반환 shape (N,).

    s 는 RNN 이면 h, LSTM 이면 (h, c) 다. 출력이 보내는 기울기 벡터 v = ∂y/∂s(T−1) 에 한 시점의 야코비
    행렬을 거꾸로 곱해 간다 (``helpers.core.jacobian.state_gradient_norms``): 손실이 무엇이든 오차 신호가
    첫 표시의 시점에 도착할 때의 크기를 끝에서의 크기와 견준 값이다. 1 보다 훨씬 작으면 기울기 소실이다.
    """
    model = _check_regressor(model)
    check_array("xs", xs, ("N", "T", 2))
    N, T, _ = xs.shape
    t1 = first_marker_positions(xs)
    model.recurrent.forward(xs)
    Wy = model.head.params[0]  # (H, 1)
    v = np.zeros(state_size(model.recurrent))
    v[: Wy.shape[0]] = Wy[:, 0]  # y 는 h(T−1) 에만 의존한다 (LSTM 의 c 쪽은 0)
    # 야코비 행렬을 쌓지 않고 v 를 한 시점씩 거꾸로 보낸다 (helpers.core.jacobian.state_gradient_norms):
    # 학습 중에 자주 잰다. (N, T, M, M) 야코비 행렬을 만들던 때보다 빠르다 (N=32, T=100, H=32 float32 LSTM: 48 → 10 ms)
    norms = state_gradient_norms(model.recurrent, v, t_min=int(t1.min()))
    return norms[np.arange(N), t1] / np.linalg.norm(v)


def marker_jacobian_norms(model: SequenceModel, xs: np.ndarray) -> np.ndarray:
    """‖∂s(T−1)/∂s(t₁)‖₂ : 마지막 상태가 첫 표시 시점의 상태에 얼마나 민감한지, 시퀀스마다. shape (N,).

    s 는 RNN 이면 h, LSTM 이면 (h, c) 다 (``helpers.core.jacobian``). 5장과 6장의 잣대이다.
    """
    model = _check_regressor(model)
    check_array("xs", xs, ("N", "T", 2))
    t1 = first_marker_positions(xs)
    model.recurrent.forward(xs)
    norms = jacobian_norms(model.recurrent)  # (N, T)
    return norms[np.arange(xs.shape[0]), t1].astype(np.float64)


def stack_curves(curves) -> tuple[np.ndarray, np.ndarray]:
    """시드마다 길이가 다른 곡선 [(steps, values), ...] 을 한 격자에 모은다: (steps (K,), values (S, K)).

    일찍 멈춘 실행(성공 기준에 닿아 멈춘 것)은 마지막 값을 끝까지 이어 쓴다. 그래서 중앙값과 범위를 모든
    시드에 대해 같은 단계에서 읽을 수 있다. 단계 격자는 모든 곡선의 단계의 합집합이다.
    """
    curves = list(curves)
    if not curves:
        raise ValueError("curves: expected at least one (steps, values) pair, got none")
    checked = []
    for k, (steps, values) in enumerate(curves):
        steps = np.asarray(steps)
        values = np.asarray(values, dtype=np.float64)
        if steps.ndim != 1 or values.shape[:1] != steps.shape or steps.size == 0:
            raise ValueError(
                f"curves[{k}]: expected steps (K,) and values (K, ...) with K >= 1, "
                f"got {steps.shape} and {values.shape}"
            )
        if np.any(np.diff(steps) <= 0):
            raise ValueError(f"curves[{k}]: expected increasing steps")
        checked.append((steps, values))
    grid = np.unique(np.concatenate([st for st, _ in checked]))
    out = np.empty((len(checked), grid.size) + checked[0][1].shape[1:])
    for k, (steps, values) in enumerate(checked):
        # 격자의 각 단계에서 그때까지 잰 마지막 값 (앞쪽에 값이 없으면 첫 값)
        idx = np.clip(np.searchsorted(steps, grid, side="right") - 1, 0, steps.size - 1)
        out[k] = values[idx]
    return grid, out


class Spread(NamedTuple):
    """시드 여럿에 걸친 값의 요약: 중앙값, 최솟값, 최댓값, 개수."""

    median: float
    lo: float
    hi: float
    n: int

    def __str__(self) -> str:
        return f"{self.median:.3g} [{self.lo:.3g}, {self.hi:.3g}]"


def spread(values) -> Spread:
    """값들(시드마다 하나)의 중앙값과 범위. None 은 '도달하지 못함' 으로 보고 무한대로 센다."""
    vals = np.array([np.inf if v is None else float(v) for v in values], dtype=np.float64)
    if vals.size == 0:
        raise ValueError("values: expected at least one value, got none")
    if np.any(np.isnan(vals)):
        raise ValueError("values: expected numbers (or None), got NaN")
    return Spread(float(np.median(vals)), float(vals.min()), float(vals.max()), int(vals.size))


@dataclass
class AddingRun:
    """덧셈 문제 학습 한 번의 결과.

    eval_steps, eval_mse : 검증할 때의 갱신 횟수와 검증 MSE (1차원 배열)
    solved_step : 검증 MSE 가 ``target_mse`` 아래로 처음 내려간 갱신 횟수 (못 내려가면 None)
    test_mse : 학습에 쓰지 않은 시험 데이터의 MSE
    test_pred, test_targets : 시험 데이터의 예측과 정답, shape (M,)
    probe_steps : 기울기를 잰 갱신 횟수 (0 = 학습 전, 그 뒤는 검증할 때마다)
    probe_sensitivity : 그때마다 잰 (∂y/∂x₁, ∂y/∂x₂) 의 중앙값, shape (K, 2)
        (``marked_value_sensitivity``, 시험 데이터 앞의 n_probe 개 시퀀스)
    probe_gradient : 그때마다 잰 ‖∂y/∂s(t₁)‖ / ‖∂y/∂s(T−1)‖ 의 중앙값, shape (K,) (``marker_gradient_ratio``)
    seconds : 학습에 걸린 시간(초). 참고용이고 결과에는 영향을 주지 않는다.
    """

    cell: str
    T: int
    seed: int
    lr: float
    forget_bias: float | None
    hidden: int
    n_params: int
    steps: int
    eval_steps: np.ndarray
    eval_mse: np.ndarray
    target_mse: float
    solved_step: int | None
    test_mse: float
    test_pred: np.ndarray
    test_targets: np.ndarray
    probe_steps: np.ndarray
    probe_sensitivity: np.ndarray
    probe_gradient: np.ndarray
    seconds: float
    model: SequenceModel = field(repr=False)
    test_xs: np.ndarray = field(repr=False)

    @property
    def name(self) -> str:
        """'RNN', 'LSTM', 'IRNN', 'GRU' (LSTM 은 삭제 게이트 편향이 1 이 아니면 편향을 덧붙인다)."""
        label = CELL_NAMES[self.cell]
        if self.cell == "lstm" and self.forget_bias != 1.0:
            label += f" (편향 {self.forget_bias:g})"
        return label

    @property
    def solved(self) -> bool:
        return self.solved_step is not None


def _check_seed(name: str, seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"{name}: expected a non-negative int, got {seed!r}")
    return int(seed)


def run_adding(
    cell: str,
    T: int,
    *,
    seed: int = 0,
    lr: float | None = None,
    forget_bias: float = 1.0,
    settings: dict | None = None,
    early_stop: bool = True,
    stop_mse: float | None = None,
    n_test: int = 1000,
    n_probe: int | None = None,
) -> AddingRun:
    """덧셈 문제 길이 T 에서 ``cell`` ("rnn", "lstm", "irnn", "gru") 모델 하나를 학습하고 평가한다.

    lr : Adam 학습률 (None 이면 settings 의 lr)
    settings : ``ADDING_PROBLEM_SETTINGS`` 의 일부를 바꾼 값 (예: {"steps": 300})
    early_stop : True 면 검증 MSE 가 ``stop_mse`` 아래로 내려가면 멈춘다. False 면 steps 를 다 쓴다
        (학습률 고르기처럼 예산을 똑같이 써야 할 때).
    stop_mse : 기본값은 target_mse 의 절반. 성공 기준보다 조금 더 학습해서, 시험 MSE 가 기준 바로 위에
        걸치지 않게 한다.
    n_test : 시험 데이터 크기. 시험 데이터는 학습·검증 데이터와 다른 난수 흐름에서 뽑는다.
    n_probe : 기울기를 잴 시험 시퀀스 수 (시험 데이터의 앞부분; 기본값 min(32, n_test)). 0 이면 재지 않는다.
    """
    if cell not in CELLS:
        raise ValueError(f"cell: expected one of {CELLS}, got {cell!r}")
    s = merge_settings(ADDING_PROBLEM_SETTINGS, settings)
    if lr is not None:
        s["lr"] = check_real("lr", lr, positive=True)
    T = check_size("T", T, minimum=2)
    seed = _check_seed("seed", seed)
    forget_bias = check_real("forget_bias", forget_bias)
    if not isinstance(early_stop, bool):
        raise ValueError(f"early_stop: expected a bool, got {type(early_stop).__name__}")
    n_test = check_size("n_test", n_test)
    n_probe = min(32, n_test) if n_probe is None else check_size("n_probe", n_probe, minimum=0)
    if n_probe > n_test:
        raise ValueError(f"n_probe: expected at most n_test = {n_test}, got {n_probe}")
    target = check_real("settings['target_mse']", s["target_mse"], positive=True)
    stop = target / 2 if stop_mse is None else check_real("stop_mse", stop_mse, positive=True)
    if stop > target:
        raise ValueError(f"stop_mse: expected a value <= target_mse = {target}, got {stop}")

    # train_adding 은 같은 시드에서 난수 흐름 세 개(초기화, 학습, 검증)를 만든다. 시험 데이터는 네 번째 흐름이다.
    rng_test = np.random.default_rng(seed).spawn(4)[3]
    dtype = np.dtype(s["dtype"])
    test_xs, test_t = adding_problem(rng_test, n_test, T, dtype)
    probe_xs = test_xs[:n_probe]
    probes: dict[str, list] = {"sensitivity": [], "gradient": []}

    def monitor(model: SequenceModel) -> None:
        probes["sensitivity"].append(np.median(marked_value_sensitivity(model, probe_xs), axis=0))
        probes["gradient"].append(float(np.median(marker_gradient_ratio(model, probe_xs))))

    start = time.perf_counter()
    with limit_blas_threads(1):  # 작은 행렬 곱에서는 한 스레드가 가장 빠르다
        model, hist = train_adding(
            cell,
            T,
            forget_bias=forget_bias,
            seed=seed,
            settings={**s, "target_mse": stop},
            stop_at_target=early_stop,
            monitor=monitor if n_probe else None,
        )
        pred = model.predict(test_xs)[:, 0].astype(np.float64)
        # 계층은 마지막 순전파의 중간값(게이트 등)을 들고 있다. 시험 데이터 전체의 큰 캐시를 놓아 주려고
        # 시퀀스 하나로 한 번 더 순전파한다 (실행 결과를 여러 개 모아 두어도 메모리가 불어나지 않게).
        model.predict(test_xs[:1])
    seconds = time.perf_counter() - start
    below = np.flatnonzero(hist["eval"] < target)
    return AddingRun(
        cell=cell,
        T=T,
        seed=seed,
        lr=float(s["lr"]),
        forget_bias=forget_bias if cell == "lstm" else None,
        hidden=int(s["hidden"]),
        n_params=count_params(model),
        steps=int(hist["step"][-1]) if hist["step"].size else 0,
        eval_steps=hist["eval_step"],
        eval_mse=hist["eval"],
        target_mse=target,
        solved_step=int(hist["eval_step"][below[0]]) if below.size else None,
        test_mse=float(np.mean((pred - test_t[:, 0]) ** 2)),
        test_pred=pred,
        test_targets=test_t[:, 0].astype(np.float64),
        probe_steps=np.concatenate(([0], hist["eval_step"])) if n_probe else np.zeros(0, np.int64),
        probe_sensitivity=np.asarray(probes["sensitivity"]).reshape(-1, 2),
        probe_gradient=np.asarray(probes["gradient"]),
        seconds=seconds,
        model=model,
        test_xs=test_xs,
    )


def _run_spec(spec: dict) -> AddingRun:
    # 캐시는 기본값이 꺼져 있다 (환경 변수 RNN_BOOK_CACHE, helpers.core.cache)
    return cached_call(run_adding, **spec)


def run_adding_many(specs, *, workers: int | None = None) -> list[AddingRun]:
    """``run_adding(**spec)`` 를 spec 마다 실행한 결과의 목록 (spec 순서대로).

    workers : 동시에 돌릴 프로세스 수. None 이면 CPU 수(최대 spec 수)만큼, 1 이면 이 프로세스에서 차례로.
    실행마다 시드가 정해져 있고 BLAS 스레드를 하나로 두므로, 몇 프로세스에서 돌리든 결과는 같다.
    새 프로세스는 "spawn" 으로 띄운다 (노트북 커널처럼 스레드가 있는 프로세스를 fork 하지 않는다).
    """
    specs = list(specs)
    if not specs or not all(isinstance(sp, dict) for sp in specs):
        raise ValueError("specs: expected a non-empty list of dicts of run_adding arguments")
    if workers is None:
        workers = min(len(specs), os.cpu_count() or 1)
    workers = check_size("workers", workers)
    if workers == 1 or len(specs) == 1:
        return [_run_spec(sp) for sp in specs]
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(specs)), mp_context=ctx) as pool:
        return list(pool.map(_run_spec, specs))


@dataclass
class LearningRateSearch:
    """학습률 고르기의 결과.

    val_mse : {(cell, lr): [시드마다 예산을 다 쓴 뒤의 검증 MSE]}
    best : {cell: 검증 MSE 의 중앙값이 가장 작은 lr}
    """

    T: int
    steps: int
    lrs: tuple
    seeds: tuple
    val_mse: dict
    best: dict

    def table(self) -> list[dict]:
        """행마다 모델, 학습률, 검증 MSE 의 중앙값과 범위, 고른 것인지."""
        rows = []
        for (cell, lr), values in self.val_mse.items():
            sp = spread(values)
            rows.append(
                {
                    "model": CELL_NAMES[cell],
                    "cell": cell,
                    "lr": lr,
                    "median": sp.median,
                    "lo": sp.lo,
                    "hi": sp.hi,
                    "chosen": self.best[cell] == lr,
                }
            )
        return rows


def choose_learning_rates(
    cells=("rnn", "lstm"),
    lrs=(3e-3, 1e-2, 3e-2),
    *,
    T: int = 20,
    steps: int = 600,
    seeds=(100, 101),
    settings: dict | None = None,
    workers: int | None = None,
) -> LearningRateSearch:
    """모델마다 학습률 후보를 같은 예산(갱신 ``steps`` 번, 일찍 멈추지 않음)으로 학습하고, 마지막 검증 MSE 의
    중앙값이 가장 작은 학습률을 고른다.

    검증 데이터로만 고른다 (시험 데이터는 보지 않는다). 시드는 본 실험의 시드와 겹치지 않게 따로 둔다.
    """
    cells = tuple(cells)
    for c in cells:
        if c not in CELLS:
            raise ValueError(f"cells: expected names from {CELLS}, got {c!r}")
    lrs = tuple(check_real("lrs[i]", lr, positive=True) for lr in lrs)
    if not cells or not lrs:
        raise ValueError("cells, lrs: expected at least one model and one learning rate")
    seeds = tuple(_check_seed("seeds[i]", sd) for sd in seeds)
    if not seeds:
        raise ValueError("seeds: expected at least one seed, got none")
    steps = check_size("steps", steps)
    s = {**(settings or {}), "steps": steps}
    specs = [
        dict(cell=c, T=T, seed=sd, lr=lr, settings=s, early_stop=False, n_test=1, n_probe=0)
        for c in cells
        for lr in lrs
        for sd in seeds
    ]
    runs = run_adding_many(specs, workers=workers)
    val = {}
    for sp, run in zip(specs, runs, strict=True):
        val.setdefault((sp["cell"], sp["lr"]), []).append(float(run.eval_mse[-1]))
    best = {c: min(lrs, key=lambda lr, c=c: (np.median(val[(c, lr)]), lr)) for c in cells}
    return LearningRateSearch(T=T, steps=steps, lrs=lrs, seeds=seeds, val_mse=val, best=best)


@dataclass
class AddingResults:
    """여러 (cell, T, forget_bias, seed) 의 ``AddingRun`` 모음.

    ``results.runs("lstm", 100)`` 는 시드마다 한 실행의 목록, ``results.spread("lstm", 100, "test_mse")``
    는 그 값들의 중앙값과 범위, ``results.get("lstm", 100, seed=0)`` 은 실행 하나다.
    """

    runs_by_key: dict = field(default_factory=dict)

    def add(self, run: AddingRun) -> None:
        if not isinstance(run, AddingRun):
            raise ValueError(f"run: expected an AddingRun, got {type(run).__name__}")
        self.runs_by_key[(run.cell, run.T, run.forget_bias, run.seed)] = run

    def runs(self, cell: str, T: int, forget_bias: float | None = 1.0) -> list[AddingRun]:
        fb = forget_bias if cell == "lstm" else None
        found = [
            r
            for (c, t, b, _), r in sorted(self.runs_by_key.items(), key=lambda kv: kv[0][3])
            if c == cell and t == T and b == fb
        ]
        if not found:
            have = sorted({(c, t) for c, t, _, _ in self.runs_by_key})
            raise ValueError(f"T: no run for cell={cell!r}, T={T}, forget_bias={forget_bias}; have {have}")
        return found

    def get(
        self, cell: str, T: int, forget_bias: float | None = 1.0, *, seed: int | None = None
    ) -> AddingRun:
        """실행 하나. seed 가 None 이면 시험 MSE 가 중앙값인 시드의 실행 (시드가 짝수 개면 작은 쪽)."""
        runs = self.runs(cell, T, forget_bias)
        if seed is None:
            order = sorted(runs, key=lambda r: (r.test_mse, r.seed))
            return order[(len(order) - 1) // 2]
        for r in runs:
            if r.seed == seed:
                return r
        raise ValueError(f"seed: no run with seed {seed}; have {[r.seed for r in runs]}")

    def spread(self, cell: str, T: int, attr: str, forget_bias: float | None = 1.0) -> Spread:
        """실행마다의 속성 ``attr`` (예: "test_mse", "solved_step") 의 중앙값과 범위."""
        return spread([getattr(r, attr) for r in self.runs(cell, T, forget_bias)])

    @property
    def cells(self) -> list[str]:
        return [c for c in CELLS if any(k[0] == c for k in self.runs_by_key)]

    @property
    def Ts(self) -> list[int]:
        """모든 모델(LSTM 은 편향 1)이 있는 길이 T 들 (오름차순)."""
        Ts = sorted({t for _, t, _, _ in self.runs_by_key})
        return [
            T
            for T in Ts
            if all(
                any(k[0] == c and k[1] == T and k[2] in (None, 1.0) for k in self.runs_by_key)
                for c in self.cells
            )
        ]

    @property
    def seeds(self) -> list[int]:
        return sorted({sd for _, _, _, sd in self.runs_by_key})

    def table(self) -> list[dict]:
        """결과 표의 행들: 모델과 T 마다 시험 MSE 와 도달 갱신 횟수의 중앙값과 범위, 도달한 시드 수."""
        rows = []
        keys = sorted(
            {(t, c, b) for c, t, b, _ in self.runs_by_key},
            key=lambda k: (k[0], CELLS.index(k[1]), -(k[2] or 0)),
        )
        for T, cell, fb in keys:
            runs = self.runs(cell, T, 1.0 if fb is None else fb)
            rows.append(
                {
                    "T": T,
                    "model": runs[0].name,
                    "cell": cell,
                    "forget_bias": fb,
                    "n_params": runs[0].n_params,
                    "lr": runs[0].lr,
                    "seeds": len(runs),
                    "solved": sum(r.solved for r in runs),
                    "test_mse": spread([r.test_mse for r in runs]),
                    "solved_step": spread([r.solved_step for r in runs]),
                    "seconds": float(sum(r.seconds for r in runs)),
                }
            )
        return rows


def run_adding_experiment(
    Ts=(20, 50, 100),
    *,
    cells=("rnn", "lstm"),
    seeds=(0, 1, 2),
    lrs: dict | None = None,
    forget_biases=(1.0,),
    settings: dict | None = None,
    n_test: int = 1000,
    n_probe: int | None = None,
    workers: int | None = None,
) -> AddingResults:
    """(모델, 길이 T, 시드) 마다 같은 설정으로 학습한다. LSTM 은 ``forget_biases`` 의 편향마다.

    lrs : {cell: 학습률} (``choose_learning_rates(...).best``). 없는 모델은 settings 의 lr 을 쓴다.
    같은 시드면 모든 모델이 같은 학습 배치 순서, 같은 검증·시험 데이터를 본다.
    은닉 상태 크기 H 도 같다 (그래서 LSTM 의 파라미터가 약 4 배 많다).
    """
    if isinstance(Ts, (int, np.integer)) or not hasattr(Ts, "__iter__"):
        raise ValueError(f"Ts: expected a sequence of lengths such as (20, 50, 100), got {Ts!r}")
    Ts = [check_size("Ts[i]", T, minimum=2) for T in Ts]
    seeds = [_check_seed("seeds[i]", sd) for sd in seeds]
    if not Ts or not seeds:
        raise ValueError("Ts, seeds: expected at least one length and one seed")
    lrs = dict(lrs or {})
    specs = []
    for T in Ts:
        for cell in cells:
            for fb in forget_biases if cell == "lstm" else (1.0,):
                for sd in seeds:
                    specs.append(
                        dict(
                            cell=cell,
                            T=T,
                            seed=sd,
                            lr=lrs.get(cell),
                            forget_bias=fb,
                            settings=settings,
                            n_test=n_test,
                            n_probe=n_probe,
                        )
                    )
    results = AddingResults()
    for run in run_adding_many(specs, workers=workers):
        results.add(run)
    return results
