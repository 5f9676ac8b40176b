"""은닉 상태의 야코비 행렬(Jacobian) ∂h(T)/∂h(t): 기울기 소실과 기울기 폭주를 재는 도구.

forward 를 한 번 실행한 Time 계층을 받아, 저장된 값으로 계산한다 (forward 를 다시 실행하지 않는다).
시점 번호는 hs 의 인덱스와 같다: t = 0, …, T−1 에서 h(t) = hs[:, t], 마지막 상태는 h(T−1) = layer.h.

- RNN : 상태 s(t) = h(t), 한 시점의 야코비 행렬 ∂h(t)/∂h(t−1) = diag(φ'(a(t)))·Whᵀ  (H × H)
- LSTM : 상태 s(t) = (h(t), c(t)) 를 이어 붙인 2H 벡터, ∂s(t)/∂s(t−1) 은 2H × 2H 이고 블록은
  [[∂h/∂h, ∂h/∂c], [∂c/∂h, ∂c/∂c]] 순서이다. ∂c(t)/∂c(t−1) = diag(f(t)) 가 셀 상태의 '지름길'이다.

연쇄 법칙: ∂s(T−1)/∂s(t) = S(T−1)·S(T−2)·…·S(t+1),  S(k) = ∂s(k)/∂s(k−1).
``hidden_jacobians`` 는 이 곱을 마지막 시점에서부터 거꾸로, 시점마다 배치 행렬 곱 한 번으로 쌓는다.
값이 float 범위를 넘으면 inf 가 된다 (경고 없이).
"""

from __future__ import annotations

import math

import numpy as np

from helpers.core.activations import activation_grad
from helpers.core.validation import check_array, check_size

__all__ = [
    "frobenius_norms",
    "hidden_jacobians",
    "jacobian_norms",
    "log_product_norms",
    "per_step_rate",
    "sample_distances",
    "spectral_norms",
    "step_jacobians",
]


def _kind(layer) -> str:
    """계층 종류("rnn" 또는 "lstm")를 판단하고 forward 가 실행되었는지 확인한다."""
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
        f"layer: expected TimeRNN or TimeLSTM (or their Stepwise versions), got {type(layer).__name__}"
    )


def step_jacobians(layer, *, time_major: bool = False) -> np.ndarray:
    """한 시점의 야코비 행렬 S[:, t] = ∂s(t)/∂s(t−1) 을 모든 시점에 대해 돌려준다.

    RNN : shape (N, T, H, H);  LSTM : shape (N, T, 2H, 2H) (상태 s = (h, c)).
    S[:, 0] 은 초기 상태에 대한 미분 ∂s(0)/∂s0 이다. time_major=True 면 (T, N, ·, ·) 로 돌려준다.
    (내부 버퍼의 뷰이다.)
    """
    kind = _kind(layer)
    Wh = layer.params[1]
    if kind == "rnn":
        hs = layer.hs.transpose(1, 0, 2)  # 시간 우선 (T, N, H)
        dphi = activation_grad(hs, layer.activation)  # φ'(a(t)) 를 h(t) 로 계산한다: tanh 이면 1 − h²
        # h(t) = φ(x·Wx + h(t−1)·Wh + b) 이므로 ∂h_j(t)/∂h_k(t−1) = φ'_j · Wh[k, j]
        S = dphi[..., :, None] * Wh.T
    else:
        S = _lstm_step_jacobians(layer)
    return S if time_major else S.transpose(1, 0, 2, 3)


def _lstm_step_jacobians(layer) -> np.ndarray:
    """LSTM 의 S[t] = ∂s(t)/∂s(t−1), 시간 우선 shape (T, N, 2H, 2H) (상태 s = (h, c))."""
    Wh = layer.params[1]
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


def hidden_jacobians(layer) -> np.ndarray:
    """J[:, t] = ∂s(T−1)/∂s(t) 를 모든 시점 t 에 대해 돌려준다. J[:, T−1] 은 단위 행렬이다.

    RNN : shape (N, T, H, H);  LSTM : shape (N, T, 2H, 2H) (상태 s = (h, c)). (내부 버퍼의 뷰이다.)
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
