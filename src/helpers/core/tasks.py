"""이 책의 모든 합성 과제(task): 입력 xs 와 정답을 만드는 함수와, 과제마다 넘을 수 없는 오차의 하한.

- 2장: ``delay_task`` (지연 복사, 잘린 BPTT 실험)
- 3장: ``sign_product_task`` (깊이가 도움이 되는 부호 곱)
- 4장: ``window_sum_task`` / ``window_sum_causal_mse`` (미래 문맥이 필요한 앞뒤 창 합),
  ``ar1_next_task`` / ``ar1_next_mse_floor`` (다음 값 예측: 양방향 모델의 정보 누출)
- 7장: ``adding_problem`` / ``ADDING_BASELINE_MSE`` (덧셈 문제), ``first_symbol_task`` (첫 기호 기억하기)

모든 함수는 시드를 정한 ``np.random.Generator`` 를 받고, 내려받는 것이 없다.
같은 시드의 rng 를 넘기면 같은 데이터가 나온다.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.core.validation import check_dtype, check_real, check_rng, check_size

__all__ = [
    "adding_problem",
    "first_symbol_task",
    "window_sum_task",
    "window_sum_causal_mse",
    "sign_product_task",
    "ar1_next_task",
    "ar1_next_mse_floor",
    "delay_task",
    "ADDING_BASELINE_MSE",
]

# 덧셈 문제에서 입력을 보지 않고 항상 평균 1 을 답하는 모델의 MSE: 균등분포 U(0,1) 두 개의 합의 분산 = 2/12.
ADDING_BASELINE_MSE = 1.0 / 6.0


def uniform_sequence_inputs(
    rng: np.random.Generator, N: int, T: int, span_name: str, span: int, dtype
) -> tuple[np.ndarray, int, np.dtype]:
    """시점마다 독립인 x(t) ~ U[-1, 1) 을 입력으로 쓰는 과제의 공통 준비.

    인자를 검사하고 (시점 사이 간격 ``span`` 은 1 이상 T 미만), x 와 검사한 span, dtype 을 돌려준다.

    Returns
    -------
    x : ndarray, shape (N, T), float64 (과제가 정답을 만든 뒤 dtype 으로 바꾼다)
    span : int
    dt : np.dtype
    """
    check_rng(rng)
    N = check_size("N", N)
    T = check_size("T", T, minimum=2)
    span = check_size(span_name, span)
    if span >= T:
        raise ValueError(f"{span_name}: expected an integer < T = {T}, got {span}")
    dt = check_dtype(dtype)
    return rng.uniform(-1.0, 1.0, size=(N, T)), span, dt


def adding_problem(
    rng: np.random.Generator, N: int, T: int, dtype=np.float64
) -> tuple[np.ndarray, np.ndarray]:
    """덧셈 문제 (Hochreiter & Schmidhuber, 1997).

    각 시점의 입력은 두 채널이다: 0 채널은 [0, 1) 균등분포의 값, 1 채널은 표시(marker) 0/1.
    표시는 시퀀스마다 정확히 두 개이고, 하나는 앞 절반 [0, T//2), 하나는 뒤 절반 [T//2, T) 에 있다.
    정답은 표시된 두 값의 합이다. 첫 표시는 평균적으로 끝에서 3T/4 시점 앞에 있으므로, 모델은 그 값을
    긴 시간 동안 기억해야 한다 (장기 의존성 문제). 입력을 무시하고 1 을 답하면 MSE 는 1/6 ≈ 0.167
    (``ADDING_BASELINE_MSE``)이다.

    Returns
    -------
    xs : ndarray, shape (N, T, 2)
    targets : ndarray, shape (N, 1)
    """
    check_rng(rng)
    N = check_size("N", N)
    T = check_size("T", T, minimum=2)
    dt = check_dtype(dtype)
    values = rng.random((N, T))
    half = T // 2
    first = rng.integers(0, half, size=N)
    second = rng.integers(half, T, size=N)
    markers = np.zeros((N, T))
    rows = np.arange(N)
    markers[rows, first] = 1.0
    markers[rows, second] = 1.0
    xs = np.stack([values, markers], axis=-1).astype(dt)
    targets = (values[rows, first] + values[rows, second])[:, None].astype(dt)
    return xs, targets


def first_symbol_task(
    rng: np.random.Generator, N: int, T: int, V: int, dtype=np.float64
) -> tuple[np.ndarray, np.ndarray]:
    """첫 기호 기억하기: V 개 기호의 무작위 시퀀스를 원-핫으로 받아, 마지막 시점에 첫 기호를 맞힌다.

    첫 시점 이후의 입력은 정답과 무관한 방해 기호이므로, 모델은 첫 입력을 T - 1 시점 동안 은닉 상태에
    간직해야 한다. 찍으면 정확도는 1/V 이다.

    Returns
    -------
    xs : ndarray, shape (N, T, V), 원-핫
    targets : int64 ndarray, shape (N,), 값은 0..V-1 (= 첫 기호)
    """
    check_rng(rng)
    N = check_size("N", N)
    T = check_size("T", T)
    V = check_size("V", V, minimum=2)
    dt = check_dtype(dtype)
    symbols = rng.integers(0, V, size=(N, T))
    xs = np.eye(V, dtype=dt)[symbols]
    targets = symbols[:, 0].astype(np.int64)
    return xs, targets


def window_sum_task(
    rng: np.random.Generator, N: int, T: int, half_width: int, dtype=np.float64
) -> tuple[np.ndarray, np.ndarray]:
    """앞뒤 창 합: y(t) = Σ_{k=-K..K} x(t+k), K = half_width (범위 밖의 x 는 0 으로 본다).

    x(t) 는 [-1, 1) 균등분포에서 서로 독립으로 뽑는다 (분산 1/3). 시점 t 의 정답에는 아직 오지 않은
    x(t+1), …, x(t+K) 가 들어 있다. 앞에서 뒤로만 읽는 순환 신경망은 시점 t 에 x(1..t) 만 보았으므로,
    미래 항은 평균 0 으로 짐작할 수밖에 없고 그 분산만큼 오차가 반드시 남는다 — 어떤 가중치로도
    ``window_sum_causal_mse(T, K)`` 아래로 내려갈 수 없다. 양방향 순환 신경망은 뒤에서 앞으로 읽는
    메모리 셀이 미래를 보므로 이 오차를 0 에 가깝게 줄일 수 있다.

    Returns
    -------
    xs : ndarray, shape (N, T, 1)
    ys : ndarray, shape (N, T, 1)
    """
    x, K, dt = uniform_sequence_inputs(rng, N, T, "half_width", half_width, dtype)
    N, T = x.shape
    padded = np.pad(x, ((0, 0), (K, K)))
    # 누적합으로 길이 2K+1 창의 합을 한 번에 구한다
    c = np.concatenate([np.zeros((N, 1)), np.cumsum(padded, axis=1)], axis=1)
    y = c[:, 2 * K + 1 :] - c[:, :T]
    return x[..., None].astype(dt), y[..., None].astype(dt)


def window_sum_causal_mse(T: int, half_width: int) -> float:
    """``window_sum_task`` 에서 미래를 보지 못하는 모델이 낼 수 있는 가장 작은 기대 MSE.

    시점 t (0부터) 의 정답 중 아직 보지 못한 항은 x(t+1..min(t+K, T-1)) 이고, 각각 평균 0, 분산 1/3 이며
    본 입력과 독립이다. 그래서 최선의 예측은 본 항들의 합이고, 남는 오차의 기댓값은
    (못 본 항의 수) / 3 이다. 이것을 시점에 대해 평균한다.
    """
    T = check_size("T", T, minimum=2)
    K = check_size("half_width", half_width)
    if K >= T:
        raise ValueError(f"half_width: expected an integer < T = {T}, got {K}")
    t = np.arange(T)
    unseen = np.minimum(t + K, T - 1) - t
    return float(np.mean(unseen) / 3.0)


def sign_product_task(
    rng: np.random.Generator, N: int, T: int, lag: int = 2, dtype=np.float64
) -> tuple[np.ndarray, np.ndarray]:
    """부호 곱: y(t) = sign(x(t)) · sign(x(t - lag)), x(t) ~ U[-1, 1) 독립 (t < lag 이면 y(t) = 0).

    두 입력의 부호가 같으면 +1, 다르면 -1 인 XOR 과 같은 함수라서, 어느 한 입력만 보고는 전혀 맞힐 수 없다.
    x(t - lag) 는 은닉 상태에 기억해 두어야 하고, 그 기억과 x(t) 를 비선형으로 섞어야 한다.

    Returns
    -------
    xs : ndarray, shape (N, T, 1)
    ys : ndarray, shape (N, T, 1)
    """
    x, lag, dt = uniform_sequence_inputs(rng, N, T, "lag", lag, dtype)
    s = np.sign(x)
    y = np.zeros(x.shape)
    y[:, lag:] = s[:, lag:] * s[:, :-lag]
    return x[..., None].astype(dt), y[..., None].astype(dt)


def ar1_next_task(
    rng: np.random.Generator, N: int, T: int, phi: float = 0.8, dtype=np.float64
) -> tuple[np.ndarray, np.ndarray]:
    """다음 값 예측: x(t+1) = φ x(t) + √(1-φ²) ε(t+1), ε ~ N(0, 1). 정답은 각 시점의 다음 값이다.

    x 는 평균 0, 분산 1 인 정상(stationary) AR(1) 과정이다. 시점 t 의 정답 x(t+1) 에는 x(1..t) 로는
    알 수 없는 새 잡음이 들어 있어, 과거만 보는 모델의 기대 MSE 는 ``ar1_next_mse_floor(phi)`` = 1-φ²
    아래로 내려갈 수 없다.

    Returns
    -------
    xs : ndarray, shape (N, T, 1), x(1..T)
    ys : ndarray, shape (N, T, 1), x(2..T+1) (ys[:, t] = xs[:, t+1], 마지막만 새 값)
    """
    check_rng(rng)
    N = check_size("N", N)
    T = check_size("T", T, minimum=2)
    phi = check_real("phi", phi)
    if not -1.0 < phi < 1.0:
        raise ValueError(f"phi: expected a value in (-1, 1) for a stationary process, got {phi}")
    dt = check_dtype(dtype)
    x = np.empty((N, T + 1))
    x[:, 0] = rng.standard_normal(N)
    noise = math.sqrt(1.0 - phi * phi) * rng.standard_normal((N, T))
    for t in range(T):
        x[:, t + 1] = phi * x[:, t] + noise[:, t]
    return x[:, :-1, None].astype(dt), x[:, 1:, None].astype(dt)


def ar1_next_mse_floor(phi: float) -> float:
    """``ar1_next_task`` 에서 과거만 보는 모델이 낼 수 있는 가장 작은 기대 MSE: 1 - φ² (새 잡음의 분산)."""
    phi = check_real("phi", phi)
    if not -1.0 < phi < 1.0:
        raise ValueError(f"phi: expected a value in (-1, 1), got {phi}")
    return 1.0 - phi * phi


def delay_task(rng: np.random.Generator, N: int, T: int, delay: int, dtype=np.float64):
    """지연 복사 과제: 입력 x(t) 는 ±1 의 무작위 부호, 정답은 y(t) = x(t − delay) (t ≤ delay 이면 0).

    Returns
    -------
    xs : ndarray, shape (N, T, 1);  ts : ndarray, shape (N, T, 1)
    """
    check_rng(rng)
    N, T = check_size("N", N), check_size("T", T)
    delay = check_size("delay", delay, minimum=0)
    if delay >= T:
        raise ValueError(f"delay: expected an integer < T = {T}, got {delay}")
    xs = rng.choice([-1.0, 1.0], size=(N, T, 1)).astype(dtype)
    ts = np.zeros_like(xs)
    ts[:, delay:] = xs[:, : T - delay]
    return xs, ts
