"""순환 가중치 행렬의 분석: 스펙트럼 반지름(spectral radius), 가장 큰 특잇값(singular value), 비정규 행렬.

장기 의존성 문제(5장)의 요점: ∂h(T)/∂h(t) 는 야코비 행렬(Jacobian) diag(tanh') · Wh^T 를 T - t 번 곱한 것이다.
Pascanu et al. (2013)에 따르면 |tanh'| ≤ γ = 1 일 때 σ_max(Wh) < 1/γ 이면 기울기 소실(vanishing gradient)이
**반드시** 일어난다 (충분 조건). 스펙트럼 반지름 ρ(Wh) < 1 은 k → ∞ 에서 Wh^k → 0 을 보장하지만,
Wh 가 비정규(non-normal) 행렬이면 ρ < 1 이어도 σ_max > 1 일 수 있고 ‖Wh^k‖ 가 한동안 커진다.
``nonnormal_matrix`` 는 그런 행렬을 만든다.
"""

from __future__ import annotations

import numpy as np

from helpers.core.init import orthogonal
from helpers.core.validation import check_array, check_dtype, check_real, check_rng, check_size, check_square

__all__ = [
    "spectral_radius",
    "largest_singular_value",
    "scale_to_spectral_radius",
    "nonnormal_matrix",
    "power_norms",
]


def spectral_radius(Wh: np.ndarray) -> float:
    """ρ(Wh) = max |λ_i| (고윳값 절댓값의 최댓값). Wh : ndarray, shape (H, H)"""
    check_square("Wh", Wh)
    return float(np.max(np.abs(np.linalg.eigvals(Wh.astype(np.float64)))))


def largest_singular_value(Wh: np.ndarray) -> float:
    """σ_max(Wh) = ‖Wh‖_2 (행렬 2-노름). Wh : ndarray, shape (H, H) (정사각이 아니어도 된다)"""
    check_array("Wh", Wh, ("H", "O"))
    return float(np.linalg.svd(Wh.astype(np.float64), compute_uv=False)[0])


def scale_to_spectral_radius(Wh: np.ndarray, rho: float) -> np.ndarray:
    """스펙트럼 반지름이 정확히 ``rho`` 가 되도록 Wh 에 상수를 곱한 새 배열 (dtype 유지)."""
    check_square("Wh", Wh)
    rho = check_real("rho", rho, nonnegative=True)
    current = spectral_radius(Wh)
    if current == 0.0:
        raise ValueError("Wh: spectral radius is 0 (nilpotent matrix); it cannot be scaled to rho")
    return (Wh * (rho / current)).astype(Wh.dtype, copy=False)


def nonnormal_matrix(
    n: int,
    rho: float = 0.9,
    sigma_max: float = 2.0,
    *,
    rng: np.random.Generator | None = None,
    dtype=np.float64,
) -> np.ndarray:
    """스펙트럼 반지름이 ``rho``, 가장 큰 특잇값이 ``sigma_max`` 인 비정규 행렬 (n × n, n ≥ 2).

    상삼각 행렬 T = diag(λ) + c·E 를 만든다. 대각 λ 는 rho 부터 rho/2 까지 고르게 줄어드는 서로 다른 값이고,
    E 는 오른쪽 위 모서리 (0, n-1) 만 1 인 행렬이다. 삼각 행렬의 고윳값은 대각 원소이므로 ρ(T) = rho 이다.
    σ_max(T) 는 c 에 대해 볼록이고 c = 0 에서 최솟값 rho (언제나 σ_max ≥ ρ) 를 가지므로 c ≥ 0 에서 단조
    증가한다. 그래서 이분법으로 σ_max(T) = sigma_max 인 c 를 찾는다. ``rng`` 를 주면 무작위 직교 행렬 Q 로
    Q T Q^T 를 돌려준다 (닮음 변환이라 고윳값이, 직교 변환이라 특잇값이 그대로이다).
    대각 원소를 모두 같게 두면 (조르당 블록) 고윳값이 반올림 오차에 매우 민감해지므로 서로 다르게 둔다.
    """
    n = check_size("n", n, minimum=2)
    rho = check_real("rho", rho, nonnegative=True)
    sigma_max = check_real("sigma_max", sigma_max)
    dt = check_dtype(dtype)
    if sigma_max < rho:
        raise ValueError(f"sigma_max: expected sigma_max >= rho = {rho} (always σ_max ≥ ρ), got {sigma_max}")
    Dg = np.diag(rho * np.linspace(1.0, 0.5, n))
    E = np.zeros((n, n))
    E[0, n - 1] = 1.0

    def sigma(c: float) -> float:
        return float(np.linalg.norm(Dg + c * E, 2))

    lo, hi = 0.0, 1.0
    while sigma(hi) < sigma_max:
        hi *= 2.0
    for _ in range(100):  # 이분법
        mid = 0.5 * (lo + hi)
        if sigma(mid) < sigma_max:
            lo = mid
        else:
            hi = mid
    T = Dg + hi * E
    if rng is not None:
        Q = orthogonal(check_rng(rng), n)
        T = Q @ T @ Q.T
    return T.astype(dt)


def power_norms(Wh: np.ndarray, K: int) -> np.ndarray:
    """‖Wh^k‖_2 (k = 0, 1, …, K). shape (K+1,), float64.

    ρ < 1 이면 결국 0 으로 가지만, 비정규 행렬이면 그 전에 한동안 커질 수 있다.
    """
    check_square("Wh", Wh)
    K = check_size("K", K, minimum=0)
    out = np.empty(K + 1)
    P = np.eye(Wh.shape[0])
    W = Wh.astype(np.float64)
    for k in range(K + 1):
        out[k] = np.linalg.norm(P, 2)
        P = P @ W
    return out
