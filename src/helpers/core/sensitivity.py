"""입력과 층이 출력에 얼마나 영향을 주는가: 역전파 한 번으로 재는 기울기의 크기.

- ``output_influence`` (3·4장): 출력 y(t) 가 각 입력 x(τ) 에 얼마나 민감한지 |∂y(t)/∂x(τ)|.
- ``layer_grad_norms`` (3장): 층을 쌓은 모델에서 손실의 기울기가 아래층으로 내려가며 얼마나 남는지.
- ``input_credit`` (2장): 마지막 시점의 출력이 각 시점의 입력에 주는 기울기 ‖∂L/∂x(t)‖ (전체 BPTT 와 잘린 BPTT).

은닉 상태끼리의 야코비 행렬 ∂h(T)/∂h(t) 는 ``helpers.core.jacobian`` 에 있다.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers.core.rnn import TimeRNN
from helpers.core.validation import check_array, check_layer, check_size

__all__ = ["output_influence", "layer_grad_norms", "input_credit"]


def output_influence(layer, xs: np.ndarray, t: int, w: np.ndarray) -> np.ndarray:
    """시점 t 의 출력 y(t) = h(t)·w 가 각 시점의 입력 x(τ) 에 얼마나 민감한지 잰다.

    역전파 한 번이면 된다: 출력 쪽 기울기 dhs 를 시점 t 에만 w 로 두고 나머지는 0 으로 두면,
    ``layer.backward(dhs)`` 가 돌려주는 dxs[:, τ, :] 가 곧 ∂y(t)/∂x(τ) 이다.

    Parameters
    ----------
    layer : TimeRNN, TimeLSTM, StackedRNN, Bidirectional 등 (forward, backward 가 있는 계층)
        ``backward`` 가 계층의 ``grads`` 를 덮어쓴다.
    xs : ndarray, shape (N, T, D)
    t : int, 0 ≤ t < T (코드의 0 부터 세는 시점; 수식의 시점 t+1)
    w : ndarray, shape (H_out,), 출력 하나짜리 출력층의 가중치 (H_out 은 layer 가 내는 은닉 상태의 크기)

    Returns
    -------
    influence : ndarray, shape (N, T). influence[n, τ] = ‖∂y(t)/∂x(τ)‖ (D 축에 대한 L2 노름)
    """
    check_layer("layer", layer)
    check_array("xs", xs, ("N", "T", "D"))
    N, T, D = xs.shape
    t = check_size("t", t, minimum=0, maximum=T - 1)
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
    dhs : ndarray, shape (N, T, H), 맨 위층의 은닉 상태에 대한 손실의 기울기 ∂L/∂hs^{(M)} (M: 층의 수)

    Returns
    -------
    norms : ndarray, shape (M + 1,). norms[l] = ‖∂L/∂hs^{(l)}‖ (l = 1..M), norms[0] = ‖∂L/∂xs‖
        (모든 원소를 한 벡터로 본 L2 노름)
    """
    if not isinstance(layers, (list, tuple)) or len(layers) == 0:
        raise ValueError(f"layers: expected a non-empty list of sequence layers, got {layers!r}")
    for i, layer in enumerate(layers):
        check_layer(f"layers[{i}]", layer)
    check_array("xs", xs, ("N", "T", "D"))
    h = xs
    for layer in layers:  # 층 l 은 층 l-1 의 은닉 상태 전체 (N, T, H) 를 입력으로 본다
        h = layer.forward(h)
    check_array("dhs", dhs, h.shape)
    M = len(layers)  # 층의 수 (L 은 손실이다)
    norms = np.empty(M + 1)
    norms[M] = np.linalg.norm(dhs)
    d = dhs
    for l in range(M - 1, -1, -1):  # 위층에서 아래층으로 기울기를 내려보낸다
        d = layers[l].backward(d)
        norms[l] = np.linalg.norm(d)
    return norms


def input_credit(rnn: TimeRNN, xs: np.ndarray, k: int | None = None) -> np.ndarray:
    """마지막 시점의 출력 L = Σ h(T) 이 각 시점의 입력에 주는 기울기의 크기 ‖∂L/∂x(t)‖ (표본 평균).

    k=None 이면 시퀀스 전체를 한 번에 역전파한다 (전체 BPTT). k 를 주면 잘린 BPTT 처럼 길이 k 의 블록으로
    순전파하고, 마지막 블록 안에서만 역전파한다: 그보다 오래된 입력에 가는 기울기는 정확히 0 이다.

    xs : ndarray, shape (N, T, D).  Returns: ndarray, shape (T,)
    """
    check_array("xs", xs, ("N", "T", rnn.params[0].shape[0]))
    N, T, D = xs.shape
    H = rnn.params[1].shape[0]
    dxs = np.zeros_like(xs)
    block = T if k is None else check_size("k", k)
    h = None
    starts = list(range(0, T, block))
    for s in starts:
        rnn.forward(xs[:, s : s + block], h0=h)
        h = rnn.h
    # 마지막 블록의 역전파만 한다: 그 앞 블록으로 가는 rnn.dh0 은 버린다
    s = starts[-1]
    L_blk = T - s
    dhs = np.zeros((N, L_blk, H), dtype=xs.dtype)
    dhs[:, -1] = 1.0  # L = Σ h(T)
    dxs[:, s:] = rnn.backward(dhs)
    return np.linalg.norm(dxs, axis=2).mean(axis=0)
