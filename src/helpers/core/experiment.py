"""7장(실험: RNN 대 LSTM)의 실험 코드: 덧셈 문제에서 모델을 학습하고 결과를 한 객체에 모은다.

- ``adding_baselines`` : 입력을 보지 않는 상수 예측(MSE 1/6)과 두 번째 값만 기억하는 예측(1/12)의 MSE 를
  데이터에서 잰다.
- ``run_adding`` : ``helpers.core.train.train_adding`` 으로 한 모델을 학습하고, 따로 뽑은 시험 데이터로
  평가해 ``AddingRun`` 에 담는다.
- ``run_adding_experiment`` : 여러 길이 T 에서 tanh RNN 과 LSTM 을 같은 조건으로 학습한 ``AddingResults``.
- ``count_params`` / ``matched_rnn_hidden`` : 파라미터 수와, LSTM 과 파라미터 수가 같아지는 RNN 의 H.
- ``first_marker_positions`` : 덧셈 문제 입력에서 첫 표시(marker)의 시점.

멈춤 규칙은 시간과 무관하다: 검증 MSE 가 ``stop_mse`` 아래로 내려가거나 최대 갱신 횟수에 닿으면 멈춘다.
그래서 빠른 컴퓨터든 느린 컴퓨터든 같은 시드면 같은 결과가 나온다 (BLAS 에 따른 마지막 자리 차이는 남는다).
"""

from __future__ import annotations

import math
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from helpers.core.tasks import adding_problem
from helpers.core.train import ADDING_PROBLEM_SETTINGS, SequenceModel, train_adding
from helpers.core.validation import check_array, check_real, check_rng, check_size

__all__ = [
    "AddingRun",
    "AddingResults",
    "adding_baselines",
    "count_params",
    "matched_rnn_hidden",
    "first_marker_positions",
    "blas_threads",
    "limit_blas_threads",
    "run_adding",
    "run_adding_experiment",
]

CELL_NAMES = {"rnn": "RNN", "lstm": "LSTM"}

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


@dataclass
class AddingRun:
    """덧셈 문제 학습 한 번의 결과.

    eval_steps, eval_mse : 검증할 때의 갱신 횟수와 검증 MSE (1차원 배열)
    solved_step : 검증 MSE 가 ``target_mse`` 아래로 처음 내려간 갱신 횟수 (못 내려가면 None)
    test_mse : 학습에 쓰지 않은 시험 데이터의 MSE
    test_pred, test_targets : 시험 데이터의 예측과 정답, shape (M,)
    seconds : 학습에 걸린 시간(초). 참고용이고 결과에는 영향을 주지 않는다.
    """

    cell: str
    T: int
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
    seconds: float
    model: SequenceModel = field(repr=False)
    test_xs: np.ndarray = field(repr=False)

    @property
    def name(self) -> str:
        """'RNN' 또는 'LSTM' (LSTM 은 삭제 게이트 편향이 1 이 아니면 편향을 덧붙인다)."""
        label = CELL_NAMES[self.cell]
        if self.cell == "lstm" and self.forget_bias != 1.0:
            label += f" (편향 {self.forget_bias:g})"
        return label

    @property
    def solved(self) -> bool:
        return self.solved_step is not None


def run_adding(
    cell: str,
    T: int,
    *,
    forget_bias: float = 1.0,
    seed: int = 0,
    settings: dict | None = None,
    stop_mse: float | None = None,
    n_test: int = 1000,
) -> AddingRun:
    """덧셈 문제 길이 T 에서 ``cell`` ("rnn" 또는 "lstm") 모델 하나를 학습하고 평가한다.

    settings : ``ADDING_PROBLEM_SETTINGS`` 의 일부를 바꾼 값 (예: {"steps": 300})
    stop_mse : 검증 MSE 가 이 값 아래로 내려가면 멈춘다 (기본: settings 의 target_mse 의 절반).
        성공 기준(target_mse)보다 조금 더 학습해서, 시험 MSE 가 기준 바로 위에 걸치지 않게 한다.
    n_test : 시험 데이터 크기. 시험 데이터는 학습·검증 데이터와 다른 난수 흐름에서 뽑는다.
    """
    s = dict(ADDING_PROBLEM_SETTINGS)
    if settings is not None:
        if not isinstance(settings, dict):
            raise ValueError(f"settings: expected a dict of setting overrides, got {type(settings).__name__}")
        unknown = set(settings) - set(s)
        if unknown:
            raise ValueError(f"settings: unknown keys {sorted(unknown)}; expected keys from {sorted(s)}")
        s.update(settings)
    if cell not in CELL_NAMES:
        raise ValueError(f"cell: expected one of {tuple(CELL_NAMES)}, got {cell!r}")
    T = check_size("T", T, minimum=2)
    forget_bias = check_real("forget_bias", forget_bias)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed: expected an int, got {type(seed).__name__}")
    n_test = check_size("n_test", n_test)
    target = check_real("settings['target_mse']", s["target_mse"], positive=True)
    stop = target / 2 if stop_mse is None else check_real("stop_mse", stop_mse, positive=True)
    if stop > target:
        raise ValueError(f"stop_mse: expected a value <= target_mse = {target}, got {stop}")

    start = time.perf_counter()
    with limit_blas_threads(1):  # 작은 행렬 곱에서는 한 스레드가 가장 빠르다
        model, hist = train_adding(
            cell, T, forget_bias=forget_bias, seed=int(seed), settings={**s, "target_mse": stop},
            stop_at_target=True,
        )
    seconds = time.perf_counter() - start
    # train_adding 은 같은 시드에서 난수 흐름 세 개(초기화, 학습, 검증)를 만든다. 시험 데이터는 네 번째 흐름이다.
    rng_test = np.random.default_rng(int(seed)).spawn(4)[3]
    dtype = model.params[0].dtype  # 학습 설정의 dtype (float32 또는 float64) 을 따른다
    test_xs, test_t = adding_problem(rng_test, n_test, T, dtype)
    pred = model.predict(test_xs)[:, 0].astype(np.float64)
    # 계층은 마지막 순전파의 중간값(게이트 등)을 들고 있다. 시험 데이터 전체의 큰 캐시를 놓아 주려고
    # 시퀀스 하나로 한 번 더 순전파한다 (실행 결과를 여러 개 모아 두어도 메모리가 불어나지 않게).
    model.predict(test_xs[:1])
    below = np.flatnonzero(hist["eval"] < target)
    return AddingRun(
        cell=cell,
        T=T,
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
        seconds=seconds,
        model=model,
        test_xs=test_xs,
    )


@dataclass
class AddingResults:
    """여러 (cell, T, forget_bias) 의 ``AddingRun`` 모음. ``results.get("lstm", 100)`` 처럼 꺼낸다."""

    runs: dict = field(default_factory=dict)

    def add(self, run: AddingRun) -> None:
        if not isinstance(run, AddingRun):
            raise ValueError(f"run: expected an AddingRun, got {type(run).__name__}")
        self.runs[(run.cell, run.T, run.forget_bias)] = run

    def get(self, cell: str, T: int, forget_bias: float | None = 1.0) -> AddingRun:
        key = (cell, T, forget_bias if cell == "lstm" else None)
        if key not in self.runs:
            have = sorted((c, t) for c, t, _ in self.runs)
            raise ValueError(f"T: no run for cell={cell!r}, T={T}, forget_bias={forget_bias}; have {have}")
        return self.runs[key]

    @property
    def Ts(self) -> list[int]:
        """RNN 과 LSTM(편향 1) 이 모두 있는 길이 T 들 (오름차순)."""
        return sorted(T for c, T, _ in self.runs if c == "rnn" and ("lstm", T, 1.0) in self.runs)

    def table(self) -> list[dict]:
        """결과 표의 행들: 모델, T, 파라미터 수, 갱신 횟수, 0.01 도달 단계, 시험 MSE."""
        rows = []
        for (_, T, _), run in sorted(self.runs.items(), key=lambda kv: (kv[0][1], kv[0][0], -(kv[0][2] or 0))):
            rows.append({"T": T, "model": run.name, "n_params": run.n_params, "steps": run.steps,
                         "solved_step": run.solved_step, "test_mse": run.test_mse, "seconds": run.seconds})
        return rows


def run_adding_experiment(
    Ts=(20, 50, 100),
    *,
    seed: int = 0,
    settings: dict | None = None,
    stop_mse: float | None = None,
    n_test: int = 1000,
) -> AddingResults:
    """길이 T 마다 tanh RNN 과 LSTM(삭제 게이트 편향 1)을 같은 설정·같은 시드로 학습한다.

    같은 시드이므로 두 모델은 같은 학습 배치 순서, 같은 검증·시험 데이터를 본다.
    은닉 상태 크기 H 도 같다 (그래서 LSTM 의 파라미터가 약 4 배 많다).
    """
    if isinstance(Ts, (int, np.integer)) or not hasattr(Ts, "__iter__"):
        raise ValueError(f"Ts: expected a sequence of lengths such as (20, 50, 100), got {Ts!r}")
    Ts = [check_size("Ts[i]", T, minimum=2) for T in Ts]
    if not Ts:
        raise ValueError("Ts: expected at least one length, got none")
    results = AddingResults()
    for T in Ts:
        for cell in ("rnn", "lstm"):
            results.add(run_adding(cell, T, seed=seed, settings=settings, stop_mse=stop_mse, n_test=n_test))
    return results
