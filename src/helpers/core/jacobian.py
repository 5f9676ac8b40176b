"""은닉 상태의 야코비 행렬(Jacobian) ∂h(T)/∂h(t): 기울기 소실과 기울기 폭주를 재는 도구.

forward 를 한 번 실행한 Time 계층을 받아, 저장된 값으로 계산한다 (forward 를 다시 실행하지 않는다).
시점 번호는 hs 의 인덱스와 같다: t = 0, …, T−1 에서 h(t) = hs[:, t], 마지막 상태는 h(T−1) = layer.h.

- RNN : 상태 s(t) = h(t), 한 시점의 야코비 행렬 ∂h(t)/∂h(t−1) = diag(φ'(a(t)))·Whᵀ  (H × H)
- LSTM : 상태 s(t) = (h(t), c(t)) 를 이어 붙인 2H 벡터, ∂s(t)/∂s(t−1) 은 2H × 2H 이고 블록은
  [[∂h/∂h, ∂h/∂c], [∂c/∂h, ∂c/∂c]] 순서이다. ∂c(t)/∂c(t−1) = diag(f(t)) 가 셀 상태의 '지름길'이다.
- GRU : 상태 s(t) = h(t), ∂h(t)/∂h(t−1) 은 H × H 이고 diag(z(t)) 가 '지름길'이다
  (helpers.core.gru.gru_step_jacobians).

연쇄 법칙: ∂s(T−1)/∂s(t) = S(T−1)·S(T−2)·…·S(t+1),  S(k) = ∂s(k)/∂s(k−1).
``hidden_jacobians`` 는 이 곱을 마지막 시점에서부터 거꾸로, 시점마다 배치 행렬 곱 한 번으로 쌓는다.
값이 float 범위를 넘으면 inf 가 된다 (경고 없이).
"""

from __future__ import annotations

import numpy as np

from helpers.core.gru import TimeGRU, TimeGRUStepwise, gru_step_jacobians

__all__ = ["frobenius_norms", "hidden_jacobians", "jacobian_norms", "spectral_norms", "step_jacobians"]


def _kind(layer) -> str:
    """계층 종류("rnn", "lstm", "gru")를 판단하고 forward 가 실행되었는지 확인한다."""
    if isinstance(layer, (TimeGRU, TimeGRUStepwise)):
        return "gru"  # forward 여부는 gru_step_jacobians 가 확인한다
    if hasattr(layer, "gates"):
        if layer.gates is None:
            raise ValueError(
                f"layer: expected a {type(layer).__name__} after forward(xs), got one without a forward pass"
            )
        return "lstm"
    if hasattr(layer, "hs") and hasattr(layer, "activation"):
        if layer.hs is None:
            raise ValueError(
                f"layer: expected a {type(layer).__name__} after forward(xs), got one without a forward pass"
            )
        return "rnn"
    raise ValueError(
        f"layer: expected TimeRNN, TimeLSTM or TimeGRU (or their Stepwise versions), got {type(layer).__name__}"
    )


def _step_jacobians_time_major(layer) -> np.ndarray:
    """S[t] = ∂s(t)/∂s(t−1), 시간 우선 shape (T, N, M, M) (M = H 또는 2H)."""
    kind = _kind(layer)
    if kind == "gru":
        return gru_step_jacobians(layer)
    Wh = layer.params[1]
    if kind == "rnn":
        hs = layer.hs.transpose(1, 0, 2)  # (T, N, H)
        if layer.activation == "tanh":
            dphi = 1 - hs**2
        elif layer.activation == "relu":
            dphi = (hs > 0).astype(hs.dtype)
        else:
            dphi = np.ones_like(hs)
        # h(t) = φ(x·Wx + h(t−1)·Wh + b) 이므로 ∂h_j(t)/∂h_k(t−1) = φ'_j · Wh[k, j]
        return dphi[..., :, None] * Wh.T

    i, f, g, o, c = (layer.gates[k].transpose(1, 0, 2) for k in "ifgoc")  # 각 (T, N, H)
    T, N, H = c.shape
    c_prev = np.concatenate((layer.c0[None], c[:-1]), axis=0)
    tc = np.tanh(c)
    Wi, Wf, Wg, Wo = (Wh[:, k * H : (k + 1) * H].T for k in range(4))  # 각 (H, H): [출력, 입력]
    S = np.zeros((T, N, 2 * H, 2 * H), dtype=c.dtype)
    dc_dh = S[..., H:, :H]  # ∂c(t)/∂h(t−1) 블록에 바로 쓴다
    # c(t) = f ⊙ c(t−1) + i ⊙ g 를 h(t−1) 로 미분: 세 게이트 i, f, g 가 모두 h(t−1) 에 의존한다
    np.multiply((g * i * (1 - i))[..., None], Wi, out=dc_dh)
    dc_dh += (c_prev * f * (1 - f))[..., None] * Wf
    dc_dh += (i * (1 - g**2))[..., None] * Wg
    # h(t) = o ⊙ tanh(c(t))
    kc = o * (1 - tc**2)  # ∂h(t)/∂c(t) 의 대각
    dh_dh = S[..., :H, :H]  # ∂h(t)/∂h(t−1)
    np.multiply(kc[..., None], dc_dh, out=dh_dh)
    dh_dh += (tc * o * (1 - o))[..., None] * Wo
    diag = np.arange(H)
    S[..., diag, H + diag] = kc * f  # ∂h(t)/∂c(t−1) = diag(o(1 − tanh² c)·f)
    S[..., H + diag, H + diag] = f  # ∂c(t)/∂c(t−1) = diag(f): 셀 상태의 지름길
    return S


def step_jacobians(layer) -> np.ndarray:
    """한 시점의 야코비 행렬 S[:, t] = ∂s(t)/∂s(t−1) 을 모든 시점에 대해 돌려준다.

    RNN, GRU : shape (N, T, H, H);  LSTM : shape (N, T, 2H, 2H) (상태 s = (h, c)).
    S[:, 0] 은 초기 상태에 대한 미분 ∂s(0)/∂s0 이다. (내부 버퍼의 뷰이다.)
    """
    return _step_jacobians_time_major(layer).transpose(1, 0, 2, 3)


def hidden_jacobians(layer) -> np.ndarray:
    """J[:, t] = ∂s(T−1)/∂s(t) 를 모든 시점 t 에 대해 돌려준다. J[:, T−1] 은 단위 행렬이다.

    RNN, GRU : shape (N, T, H, H);  LSTM : shape (N, T, 2H, 2H) (상태 s = (h, c)). (내부 버퍼의 뷰이다.)
    """
    S = _step_jacobians_time_major(layer)
    T, N, M, _ = S.shape
    J = np.empty_like(S)  # 시간 우선: J[t] 가 연속된 메모리라서 out= 에 바로 쓸 수 있다
    J[T - 1] = np.eye(M, dtype=S.dtype)
    with np.errstate(over="ignore", invalid="ignore"):  # 기울기 폭주: inf 로 둔다
        for t in range(T - 2, -1, -1):
            # ∂s(T−1)/∂s(t) = ∂s(T−1)/∂s(t+1) · ∂s(t+1)/∂s(t)  (N 개를 한 번에 곱한다)
            np.matmul(J[t + 1], S[t + 1], out=J[t])
    return J.transpose(1, 0, 2, 3)


def spectral_norms(J: np.ndarray) -> np.ndarray:
    """유한한 행렬 묶음 J (..., M, M) 각각의 스펙트럼 노름(가장 큰 특잇값, SVD 로 계산)."""
    return np.linalg.svd(J, compute_uv=False)[..., 0]


def frobenius_norms(J: np.ndarray) -> np.ndarray:
    """유한한 행렬 묶음 J (..., M, M) 각각의 프로베니우스 노름 sqrt(Σ J_ij²).

    행렬마다 가장 큰 |원소| m 으로 나눈 뒤 제곱한다: 1e-200 처럼 작은 (기울기 소실) 행렬도
    제곱할 때 0 으로 사라지지 않는다.
    """
    m = np.max(np.abs(J), axis=(-2, -1))
    Js = J / np.where(m > 0, m, 1)[..., None, None]
    return m * np.sqrt(np.einsum("...ij,...ij->...", Js, Js))


def jacobian_norms(layer, ord=2) -> np.ndarray:
    """‖∂s(T−1)/∂s(t)‖ 을 모든 시점에 대해 돌려준다, shape (N, T).

    ord : 2 (스펙트럼 노름 = 가장 큰 특잇값, 기본값) 또는 "fro" (프로베니우스 노름, 더 빠르다).
    inf 나 NaN 이 섞인 행렬(기울기 폭주)의 노름은 inf 로 둔다.
    """
    if ord not in (2, "fro"):
        raise ValueError(f"ord: expected 2 (spectral norm) or 'fro', got {ord!r}")
    J = hidden_jacobians(layer)
    finite = np.all(np.isfinite(J), axis=(-2, -1))
    norms = np.full(J.shape[:2], np.inf, dtype=J.dtype)
    Jf = J if np.all(finite) else J[finite]  # 유한한 행렬만 계산한다
    norms[finite] = (spectral_norms if ord == 2 else frobenius_norms)(Jf).reshape(-1)
    return norms
