"""3장(깊은 순환 신경망)과 4장(양방향 순환 신경망)이 쓰는 계산: 입력의 영향, 층별 기울기, 작은 과제.

- ``output_influence``: 출력 y(t) 가 각 입력 x(s) 에 얼마나 민감한지 |∂y(t)/∂x(s)| 를 역전파 한 번으로 잰다.
- ``layer_grad_norms``: 층을 쌓은 모델에서 손실의 기울기가 아래층으로 내려가며 얼마나 남는지 잰다.
- ``sign_product_task``: 깊이가 도움이 되는 비선형 과제 y(t) = sign(x(t))·sign(x(t-lag)).
- ``ar1_next_task``: 다음 값 예측 과제(AR(1) 과정). 양방향 모델의 정보 누출을 보인다.
- ``prefix_mse``: 생성할 때처럼 앞부분(x(1..t))만 주고 시점 t 의 출력을 평가한다.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from helpers.core._validate import check_array
from helpers.core.init import check_dtype, check_real, check_rng, check_size
from helpers.core.tasks import uniform_sequence_inputs

__all__ = [
    "output_influence",
    "layer_grad_norms",
    "sign_product_task",
    "ar1_next_task",
    "ar1_next_mse_floor",
    "prefix_mse",
]


def _check_layer(name: str, layer) -> None:
    if not all(hasattr(layer, a) for a in ("forward", "backward")):
        raise ValueError(
            f"{name}: expected a sequence layer with forward(xs) and backward(dhs), "
            f"got {type(layer).__name__}"
        )


def output_influence(layer, xs: np.ndarray, t: int, w: np.ndarray) -> np.ndarray:
    """시점 t 의 출력 y(t) = h(t)·w 가 각 시점의 입력 x(s) 에 얼마나 민감한지 잰다.

    역전파 한 번이면 된다: 출력 쪽 기울기 dhs 를 시점 t 에만 w 로 두고 나머지는 0 으로 두면,
    ``layer.backward(dhs)`` 가 돌려주는 dxs[:, s, :] 가 곧 ∂y(t)/∂x(s) 이다.

    Parameters
    ----------
    layer : TimeRNN, TimeLSTM, StackedRNN, Bidirectional 등 (forward, backward 가 있는 계층)
        ``backward`` 가 계층의 ``grads`` 를 덮어쓴다.
    xs : ndarray, shape (N, T, D)
    t : int, 0 ≤ t < T (코드의 0 부터 세는 시점; 수식의 시점 t+1)
    w : ndarray, shape (H_out,), 출력 하나짜리 출력층의 가중치 (H_out 은 layer 가 내는 은닉 상태의 크기)

    Returns
    -------
    influence : ndarray, shape (N, T). influence[n, s] = ‖∂y(t)/∂x(s)‖ (D 축에 대한 L2 노름)
    """
    _check_layer("layer", layer)
    check_array("xs", xs, ("N", "T", "D"))
    N, T, D = xs.shape
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 0 <= t < T:
        raise ValueError(
            f"t: expected an integer time index in [0, {T}) for xs of shape {xs.shape}, got {t!r}"
        )
    hs = layer.forward(xs)
    check_array("w", w, (hs.shape[-1],))
    dhs = np.zeros_like(hs)
    dhs[:, t, :] = w.astype(hs.dtype, copy=False)  # y(t) 하나만 미분한다
    dxs = layer.backward(dhs)
    return np.linalg.norm(dxs, axis=-1)


def layer_grad_norms(layers: Sequence, xs: np.ndarray, dhs: np.ndarray) -> np.ndarray:
    """층을 쌓은 모델에서 각 층의 출력에 도착하는 기울기의 노름을 위층부터 잰다.

    Parameters
    ----------
    layers : 아래층부터 쌓은 시퀀스 계층의 리스트 (층 l 의 입력은 층 l-1 의 은닉 상태)
    xs : ndarray, shape (N, T, D), 맨 아래층의 입력
    dhs : ndarray, shape (N, T, H), 맨 위층의 은닉 상태에 대한 손실의 기울기 ∂L/∂hs^{(L)}

    Returns
    -------
    norms : ndarray, shape (L + 1,). norms[l] = ‖∂L/∂hs^{(l)}‖ (l = 1..L), norms[0] = ‖∂L/∂xs‖
        (모든 원소를 한 벡터로 본 L2 노름)
    """
    if not isinstance(layers, (list, tuple)) or len(layers) == 0:
        raise ValueError(f"layers: expected a non-empty list of sequence layers, got {layers!r}")
    for i, layer in enumerate(layers):
        _check_layer(f"layers[{i}]", layer)
    check_array("xs", xs, ("N", "T", "D"))
    h = xs
    for layer in layers:  # 층 l 은 층 l-1 의 은닉 상태 전체 (N, T, H) 를 입력으로 본다
        h = layer.forward(h)
    check_array("dhs", dhs, h.shape)
    L = len(layers)
    norms = np.empty(L + 1)
    norms[L] = np.linalg.norm(dhs)
    d = dhs
    for l in range(L - 1, -1, -1):  # 위층에서 아래층으로 기울기를 내려보낸다
        d = layers[l].backward(d)
        norms[l] = np.linalg.norm(d)
    return norms


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


def prefix_mse(
    predict: Callable[[np.ndarray], np.ndarray], xs: np.ndarray, ys: np.ndarray, *, per_sequence: bool = False
) -> np.ndarray:
    """생성할 때처럼, 시점 t 의 출력을 앞부분 x(1..t) 만 주고 계산해 시점별 MSE 를 낸다.

    미래 입력이 아직 없는 상황을 흉내 낸다. 앞 방향만 읽는 모델은 전체 시퀀스를 줄 때와 결과가 같고,
    양방향 모델은 뒤 방향 메모리 셀이 x(t+1..T) 를 보지 못하므로 결과가 달라진다.

    Parameters
    ----------
    predict : xs (N, t, D) -> ys (N, t, O) 인 함수 (예: ``SequenceModel.predict``)
    xs : ndarray, shape (N, T, D)
    ys : ndarray, shape (N, T, O)

    per_sequence : True 면 평균을 내지 않고 시퀀스마다의 제곱 오차를 돌려준다 (표준 오차를 잴 때)

    Returns
    -------
    mse : ndarray, shape (T,). mse[t] = mean((predict(xs[:, :t+1])[:, t] - ys[:, t])²)
        ``per_sequence=True`` 이면 shape (N, T): 시퀀스 n, 시점 t 의 제곱 오차 (출력 성분에 대해서만 평균)
    """
    if not callable(predict):
        raise ValueError(f"predict: expected a function xs -> ys, got {type(predict).__name__}")
    if not isinstance(per_sequence, bool):
        raise ValueError(f"per_sequence: expected True or False, got {per_sequence!r}")
    check_array("xs", xs, ("N", "T", "D"))
    N, T, D = xs.shape
    check_array("ys", ys, (N, T, "O"))
    err = np.empty((N, T))
    for t in range(T):
        y_last = predict(xs[:, : t + 1])[:, -1]
        err[:, t] = np.mean((y_last - ys[:, t]) ** 2, axis=-1)
    return err if per_sequence else err.mean(axis=0)
