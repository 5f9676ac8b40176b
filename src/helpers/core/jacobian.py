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

import math

import numpy as np

from helpers.core.activations import activation_grad
from helpers.core.gru import TimeGRU, TimeGRUStepwise, gru_step_back, gru_step_jacobians
from helpers.core.validation import check_array, check_size

__all__ = [
    "frobenius_norms",
    "hidden_jacobians",
    "jacobian_norms",
    "log_product_norms",
    "per_step_rate",
    "sample_distances",
    "spectral_norms",
    "state_gradient_norms",
    "state_size",
    "step_back",
    "step_jacobians",
]


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


def step_jacobians(layer, *, time_major: bool = False) -> np.ndarray:
    """한 시점의 야코비 행렬 S[:, t] = ∂s(t)/∂s(t−1) 을 모든 시점에 대해 돌려준다.

    RNN, GRU : shape (N, T, H, H);  LSTM : shape (N, T, 2H, 2H) (상태 s = (h, c)).
    S[:, 0] 은 초기 상태에 대한 미분 ∂s(0)/∂s0 이다. time_major=True 면 (T, N, ·, ·) 로 돌려준다.
    (내부 버퍼의 뷰이다.)
    """
    kind = _kind(layer)
    Wh = layer.params[1]
    if kind == "gru":
        S = gru_step_jacobians(layer)
    elif kind == "rnn":
        hs = layer.hs.transpose(1, 0, 2)  # 시간 우선 (T, N, H)
        dphi = activation_grad(hs, layer.activation)  # φ'(a(t)) 를 h(t) 로 계산한다: tanh 이면 1 − h²
        # h(t) = φ(x·Wx + h(t−1)·Wh + b) 이므로 ∂h_j(t)/∂h_k(t−1) = φ'_j · Wh[k, j]
        S = dphi[..., :, None] * Wh.T
    else:
        S = _lstm_step_jacobians(layer)
    return S if time_major else S.transpose(1, 0, 2, 3)


def _lstm_step_terms(layer):
    """forward 를 실행한 LSTM 의 한 시점 미분에 드는 값: 게이트 i, f, g, o 와 c(t−1), tanh c(t), 각 시간 우선 (T, N, H)."""
    i, f, g, o, c = (layer.gates[k].transpose(1, 0, 2) for k in "ifgoc")
    c_prev = np.concatenate((layer.c0[None], c[:-1]), axis=0)
    return i, f, g, o, c_prev, np.tanh(c)


def _lstm_step_jacobians(layer) -> np.ndarray:
    """LSTM 의 S[t] = ∂s(t)/∂s(t−1), 시간 우선 shape (T, N, 2H, 2H) (상태 s = (h, c))."""
    Wh = layer.params[1]
    i, f, g, o, c_prev, tc = _lstm_step_terms(layer)
    T, N, H = tc.shape
    Wi, Wf, Wg, Wo = (Wh[:, k * H : (k + 1) * H].T for k in range(4))  # 각 (H, H): [출력, 입력]
    S = np.zeros((T, N, 2 * H, 2 * H), dtype=tc.dtype)
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


def step_back(layer):
    """한 시점 거꾸로 가는 벡터-야코비 곱 ``back(u, t) = u·S[:, t]`` 를 돌려준다.

    u : shape (N, M) 의 행벡터들 (M 은 ``state_size``) (float64 로 계산한다). S 는 ``step_jacobians`` 의 행렬이지만 만들지 않는다:
    RNN 은 (u ⊙ φ') · Whᵀ, LSTM 은 역전파의 한 스텝과 같은 식 (아래), GRU 는 ``gru_step_back``.
    (N, T, M, M) 크기의 야코비 행렬을 쌓는 대신 시점마다 (N, M) 크기의 곱 몇 번이면 된다.
    """
    kind = _kind(layer)
    if kind == "gru":
        return gru_step_back(layer)
    Wh = layer.params[1].astype(np.float64)
    if kind == "rnn":
        dphi = activation_grad(layer.hs, layer.activation).astype(np.float64)  # (N, T, H)

        def back(u: np.ndarray, t: int) -> np.ndarray:
            return (u * dphi[:, t]) @ Wh.T  # Σ_j u_j·φ'_j·Wh[k, j]

        return back
    i, f, g, o, c_prev, tc = (a.astype(np.float64) for a in _lstm_step_terms(layer))  # 각 (T, N, H)
    H = tc.shape[2]
    kc = o * (1 - tc**2)  # ∂h(t)/∂c(t) 의 대각
    dA = np.empty((tc.shape[1], 4 * H))

    def back(u: np.ndarray, t: int) -> np.ndarray:
        # u = (u_h, u_c). c(t) 로 가는 몫 e = u_c + u_h·o(1 − tanh² c). 게이트 가중합 a 의 기울기를 [i, f, g, o] 로
        # 쌓아 Whᵀ 를 한 번 곱하면 h(t−1) 쪽이고, c(t−1) 쪽은 e·f 다 (_lstm_step_jacobians 의 블록과 같은 식)
        u_h, u_c = u[:, :H], u[:, H:]
        e = u_c + u_h * kc[t]
        np.multiply(e, g[t] * i[t] * (1 - i[t]), out=dA[:, :H])
        np.multiply(e, c_prev[t] * f[t] * (1 - f[t]), out=dA[:, H : 2 * H])
        np.multiply(e, i[t] * (1 - g[t] ** 2), out=dA[:, 2 * H : 3 * H])
        np.multiply(u_h, tc[t] * o[t] * (1 - o[t]), out=dA[:, 3 * H :])
        return np.concatenate((dA @ Wh.T, e * f[t]), axis=1)

    return back


def state_gradient_norms(layer, v: np.ndarray, *, t_min: int = 0) -> np.ndarray:
    """‖v·∂s(T−1)/∂s(t)‖₂ 를 t = T−1 부터 t_min 까지, shape (N, T), float64 (t < t_min 은 nan).

    v : shape (M,) 또는 (N, M), 마지막 상태에서 시작하는 행벡터 (예: 출력층이 보내는 기울기 ∂y/∂s(T−1)).
    야코비 행렬을 만들지 않고 한 시점씩 거꾸로 곱한다 (``step_back``): 기울기가 첫 시점까지 몇 배가
    되는지 학습 중에 자주 잴 때 쓴다. 넘치면 inf 다 (경고 없이).
    """
    back, M = step_back(layer), state_size(layer)
    N, T = _batch_time(layer)
    t_min = check_size("t_min", t_min, minimum=0)
    if t_min >= T:
        raise ValueError(f"t_min: expected an int in [0, {T - 1}], got {t_min}")
    check_array("v", v, (M,) if np.ndim(v) == 1 else (N, M))  # 배열이 아니거나 마스크 배열이면 이름을 대고 거부한다
    u = np.array(np.broadcast_to(v, (N, M)), dtype=np.float64)
    out = np.full((N, T), np.nan)
    with np.errstate(over="ignore", invalid="ignore"):  # 기울기 폭주는 inf 로 둔다
        out[:, T - 1] = np.linalg.norm(u, axis=1)
        for t in range(T - 1, t_min, -1):
            u = back(u, t)  # ∂y/∂s(t−1) = ∂y/∂s(t) · ∂s(t)/∂s(t−1)
            out[:, t - 1] = np.linalg.norm(u, axis=1)
    return out


def state_size(layer) -> int:
    """상태 s(t) 의 크기 M: RNN 과 GRU 는 H, LSTM 은 2H (s = (h, c))."""
    H = layer.params[1].shape[0]
    return 2 * H if _kind(layer) == "lstm" else H


def _batch_time(layer) -> tuple[int, int]:
    """forward 를 실행한 시퀀스 계층의 (N, T)."""
    kind = _kind(layer)
    if kind == "rnn":
        return layer.hs.shape[:2]
    if kind == "lstm":
        return layer.gates["c"].shape[:2]
    return layer.gates["z"].shape[:2]


def hidden_jacobians(layer) -> np.ndarray:
    """J[:, t] = ∂s(T−1)/∂s(t) 를 모든 시점 t 에 대해 돌려준다. J[:, T−1] 은 단위 행렬이다.

    RNN, GRU : shape (N, T, H, H);  LSTM : shape (N, T, 2H, 2H) (상태 s = (h, c)). (내부 버퍼의 뷰이다.)
    """
    S = step_jacobians(layer, time_major=True)
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


# ---------------------------------------------------------------------------------------------------
# 거리에 따른 기울기 노름: 긴 곱을 넘침 없이 재고, 한 시점당 비율을 맞춘다 (5장, 6장)
# ---------------------------------------------------------------------------------------------------
def per_step_rate(
    norms: np.ndarray, distances: np.ndarray | None = None, *, log_input: bool = False
) -> float:
    """기울기 노름이 거리 한 칸마다 평균 몇 배가 되는지 추정한다.

    log ‖·‖ 를 거리에 대해 최소제곱 직선으로 맞추고, 그 기울기의 exp 를 돌려준다.
    1 보다 작으면 기울기 소실, 크면 기울기 폭주 쪽이다. 0 이나 inf 인 값은 빼고 맞춘다
    (ReLU 에서 정확히 0 이 되는 경우). 쓸 수 있는 값이 두 개 미만이면 ``nan``.

    norms : ndarray, shape (K,) (``log_input=True`` 면 자연로그 값, -inf 허용)
    distances : ndarray, shape (K,) (없으면 0, 1, …, K-1)
    """
    check_array("norms", norms, ("K",), finite=False)
    K = norms.shape[0]
    x = np.arange(K, dtype=np.float64) if distances is None else np.asarray(distances, dtype=np.float64)
    check_array("distances", x, (K,))
    if log_input:
        y = norms.astype(np.float64)
        ok = np.isfinite(y)
    else:
        v = norms.astype(np.float64)
        ok = np.isfinite(v) & (v > 0)
        y = np.log(np.where(ok, v, 1.0))
    if np.count_nonzero(ok) < 2 or np.ptp(x[ok]) == 0:
        return math.nan
    slope = np.polyfit(x[ok], y[ok], 1)[0]
    return float(math.exp(slope))



def sample_distances(T: int, n: int = 150) -> np.ndarray:
    """0, …, T−1 가운데 고르게 고른 거리 (많아야 n 개, 양 끝 포함, 오름차순 정수). T ≤ n 이면 모두."""
    T = check_size("T", T)
    n = check_size("n", n)
    if T <= n:
        return np.arange(T)
    return np.unique(np.linspace(0, T - 1, n).round().astype(np.int64))



# 몇 시점마다 곱의 크기를 떼어 낼지. 한 시점에 곱이 1e30 배 넘게 변하지 않는 한 넘치지 않는다.
_RESCALE_EVERY = 8



def log_product_norms(step_jacobians: np.ndarray, distances: np.ndarray | None = None) -> np.ndarray:
    """뒤에서부터 곱한 야코비 행렬 곱의 2-노름을 자연로그로 돌려준다 (넘침 없이).

    step_jacobians : ndarray, shape (T, H, H), 한 시점 야코비 행렬 S(k) = ∂h(k)/∂h(k−1) 를
        시점 순서대로 쌓은 것 (``step_jacobians(layer)[n]`` 과 같은 배치).
    distances : 노름을 잴 거리 d 들 (0 ≤ d < T, 오름차순 정수). None 이면 0, 1, …, T−1 모두.
    Returns : ndarray, shape (len(distances),), log ‖S(T)·S(T−1)⋯S(T−d+1)‖_2 = log ‖∂h(T)/∂h(T−d)‖_2
        (d = 0 이면 단위 행렬이라 0). 곱이 정확히 0 이 되면 ``-inf``.

    몇 시점마다 곱을 프로베니우스 노름으로 나누고 그 로그를 따로 더해 두므로, 곱이 1e300 을 넘거나
    1e−300 보다 작아져도 넘치거나 0 으로 사라지지 않는다. 2-노름(특잇값 분해)은 고른 거리에서만 잰다
    (슬라이더가 빠르도록).
    """
    check_array("step_jacobians", step_jacobians, ("T", "H", "H"))
    T, H, H2 = step_jacobians.shape
    if H != H2:
        raise ValueError(f"step_jacobians: expected shape (T, H, H), got {step_jacobians.shape}")
    if distances is None:
        distances = np.arange(T)
    distances = np.asarray(distances)
    if (
        distances.ndim != 1
        or distances.size == 0
        or not np.issubdtype(distances.dtype, np.integer)
        or distances[0] < 0
        or distances[-1] >= T
        or np.any(np.diff(distances) <= 0)
    ):
        raise ValueError(f"distances: expected increasing integers in [0, {T - 1}], got {distances!r}")
    out = np.full(distances.size, -math.inf)
    mats = np.empty((distances.size, H, H))
    scales = np.zeros(distances.size)
    S = step_jacobians.astype(np.float64, copy=False)
    P = np.eye(H)
    tmp = np.empty((H, H))
    log_scale = 0.0
    j = 0
    for d in range(distances[-1] + 1):
        if d > 0:
            np.matmul(P, S[T - d], out=tmp)  # 오른쪽에 한 시점 더 이른 야코비 행렬을 곱한다
            P, tmp = tmp, P  # 버퍼 두 개를 번갈아 쓴다 (새 배열을 만들지 않는다)
        if d % _RESCALE_EVERY == 0 or d == distances[j]:
            v = P.ravel()
            m2 = float(v @ v)  # 프로베니우스 노름의 제곱 (BLAS 한 번이라 빠르다)
            if m2 == 0.0:  # 곱이 정확히 0: 더 먼 거리도 모두 0
                break
            P *= 1.0 / math.sqrt(m2)  # 크기를 따로 떼어 두어 넘침과 언더플로를 막는다
            log_scale += 0.5 * math.log(m2)
        if d == distances[j]:
            mats[j] = P
            scales[j] = log_scale
            j += 1
    if j:
        out[:j] = np.log(np.linalg.norm(mats[:j], ord=2, axis=(1, 2))) + scales[:j]
    return out
