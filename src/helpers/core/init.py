"""가중치(weight) 초기화: 정규 분포, Xavier(Glorot), 직교 행렬, RNN·LSTM·출력층 파라미터 묶음.

모든 함수는 시드를 정한 ``np.random.Generator`` (``np.random.default_rng(seed)``)를 받는다.
전역 난수 상태는 쓰지 않는다. dtype 은 float32 또는 float64.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.core.validation import check_choice, check_dtype, check_real, check_rng, check_size

__all__ = [
    "scaled_normal",
    "xavier",
    "orthogonal",
    "init_rnn",
    "init_lstm",
    "init_affine",
]

RECURRENT_INITS = ("orthogonal", "xavier", "scaled", "identity")


def scaled_normal(rng: np.random.Generator, shape, scale: float, dtype=np.float64) -> np.ndarray:
    """평균 0, 표준편차 ``scale`` 인 정규 분포에서 뽑은 배열."""
    check_rng(rng)
    dt = check_dtype(dtype)
    if isinstance(shape, (int, np.integer)):
        shape = (shape,)
    if not isinstance(shape, tuple) or len(shape) == 0:
        raise ValueError(f"shape: expected a non-empty tuple of positive integers, got {shape!r}")
    shape = tuple(check_size(f"shape[{i}]", s) for i, s in enumerate(shape))
    scale = check_real("scale", scale, nonnegative=True)
    return (scale * rng.standard_normal(shape)).astype(dt)


def xavier(rng: np.random.Generator, fan_in: int, fan_out: int, dtype=np.float64) -> np.ndarray:
    """Xavier(Glorot) 정규 초기화: 표준편차 √(2 / (fan_in + fan_out)), shape (fan_in, fan_out).

    순전파와 역전파에서 신호의 분산이 층을 지나도 크게 변하지 않도록 고른 크기이다.
    """
    fan_in = check_size("fan_in", fan_in)
    fan_out = check_size("fan_out", fan_out)
    return scaled_normal(rng, (fan_in, fan_out), math.sqrt(2.0 / (fan_in + fan_out)), dtype)


def orthogonal(rng: np.random.Generator, n: int, gain: float = 1.0, dtype=np.float64) -> np.ndarray:
    """무작위 직교 행렬 ``gain · Q`` (n × n). 모든 특잇값과 고윳값의 절댓값이 ``gain`` 이다.

    정규 분포 행렬을 QR 분해하고, R 의 대각 원소 부호를 Q 의 열에 곱한다 (부호 보정).
    부호 보정이 없으면 Q 가 하르(Haar) 분포를 따르지 않는다 (Mezzadri, 2007).
    """
    check_rng(rng)
    n = check_size("n", n)
    gain = check_real("gain", gain)
    dt = check_dtype(dtype)
    A = rng.standard_normal((n, n))
    Q, R = np.linalg.qr(A)
    d = np.sign(np.diag(R))
    d[d == 0] = 1.0
    return (gain * Q * d).astype(dt)  # d 는 열마다 곱해진다


def init_rnn(
    rng: np.random.Generator,
    D: int,
    H: int,
    *,
    recurrent: str = "orthogonal",
    scale: float = 1.0,
    dtype=np.float64,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """RNN 파라미터 (Wx (D, H), Wh (H, H), b (H,)).

    Wx 는 Xavier, b 는 0. 순환 가중치 Wh 는 ``recurrent`` 로 고른다:

    - "orthogonal": ``scale`` 배 한 직교 행렬. 스펙트럼 반지름(spectral radius)과 모든 특잇값이 정확히 scale.
    - "xavier": Xavier 정규(표준편차 √(1/H))에 ``scale`` 을 곱한 것.
    - "scaled": 표준편차 scale/√H 인 정규 분포. H 가 크면 스펙트럼 반지름이 약 scale (원형 법칙).
      (xavier 와 같은 분포이다; 이름으로 의도를 드러내려고 둘 다 둔다.)
    - "identity": ``scale`` 배 한 단위 행렬. ReLU 와 함께 쓰면 IRNN (Le, Jaitly & Hinton 2015) 이다:
      처음에는 은닉 상태를 그대로 다음 시점으로 넘긴다.
    """
    D = check_size("D", D)
    H = check_size("H", H)
    scale = check_real("scale", scale)
    dt = check_dtype(dtype)
    check_choice("recurrent", recurrent, RECURRENT_INITS)
    Wx = xavier(rng, D, H, dt)
    if recurrent == "orthogonal":
        Wh = orthogonal(rng, H, gain=scale, dtype=dt)
    elif recurrent == "identity":
        Wh = (scale * np.eye(H)).astype(dt)
    elif recurrent == "xavier":
        Wh = (scale * xavier(rng, H, H, np.float64)).astype(dt)
    else:
        Wh = (np.sign(scale) * scaled_normal(rng, (H, H), abs(scale) / math.sqrt(H), np.float64)).astype(dt)
    b = np.zeros(H, dtype=dt)
    return Wx, Wh, b


def init_lstm(
    rng: np.random.Generator,
    D: int,
    H: int,
    *,
    forget_bias: float = 1.0,
    dtype=np.float64,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """LSTM 파라미터 (Wx (D, 4H), Wh (H, 4H), b (4H,)), 게이트 순서 i, f, g, o.

    게이트마다 Wx 블록은 Xavier (D, H), Wh 블록은 직교 행렬 (H, H) 로 따로 뽑아 마지막 축에 잇는다.
    편향은 0 이되 삭제 게이트(forget gate) f 블록 b[H:2H] 만 ``forget_bias`` 이다.
    forget_bias = 1 이면 처음부터 σ(1) ≈ 0.73 만큼 셀 상태를 남겨, 학습 초기에 기울기가 먼 시점까지
    흐른다 (Gers et al., 2000; Jozefowicz et al., 2015).
    """
    D = check_size("D", D)
    H = check_size("H", H)
    forget_bias = check_real("forget_bias", forget_bias)
    dt = check_dtype(dtype)
    Wx = np.concatenate([xavier(rng, D, H, dt) for _ in range(4)], axis=1)
    Wh = np.concatenate([orthogonal(rng, H, dtype=dt) for _ in range(4)], axis=1)
    b = np.zeros(4 * H, dtype=dt)
    b[H : 2 * H] = forget_bias  # i, f, g, o 중 f 블록
    return Wx, Wh, b


def init_affine(rng: np.random.Generator, H: int, O: int, dtype=np.float64) -> tuple[np.ndarray, np.ndarray]:
    """출력층 파라미터 (Wy (H, O) Xavier, b (O,) 0)."""
    H = check_size("H", H)
    O = check_size("O", O)
    return xavier(rng, H, O, dtype), np.zeros(O, dtype=check_dtype(dtype))
