"""기억이 얼마나 오래 가는가: 게이트를 고정한 LSTM 셀의 기억, 반감기, 기울기 노름의 한 시점당 비율.

5장(장기 의존성 문제)과 6장(LSTM)이 함께 쓰는 작은 NumPy 도구들이다.

- :func:`fixed_gate_memory` : 입력 게이트 i, 삭제 게이트 f, 출력 게이트 o 를 상수로 묶어 두고
  t = 1 에 한 번 넣은 값(펄스)이 셀 상태 c(t) 와 은닉 상태 h(t) 에 얼마나 남는지 계산한다.
- :func:`half_life` : 셀 상태가 f 배씩 줄어들 때 절반이 되기까지의 시점 수 ln 0.5 / ln f.
- :func:`measured_half_life` : 같은 값을 곡선에서 직접 잰다 (식과 시뮬레이션을 서로 검산하려고).
- :func:`per_step_rate` : 기울기 노름이 거리 한 칸마다 평균 몇 배가 되는지 (로그 노름의 직선 맞춤).
- :func:`log_product_norms` : 한 시점 야코비 행렬을 차례로 곱한 행렬의 2-노름을 넘침 없이 로그로 계산한다
  (:func:`sample_distances` 로 고른 거리에서만 재면 빠르다).
"""

from __future__ import annotations

import math

import numpy as np

from helpers.core._validate import check_array

__all__ = [
    "check_unit_interval",
    "fixed_gate_memory",
    "half_life",
    "measured_half_life",
    "per_step_rate",
    "log_product_norms",
    "sample_distances",
]


def check_unit_interval(name: str, value) -> float:
    """0 이상 1 이하의 실수(게이트 값)를 검사해 float 로 돌려준다."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name}: expected a real number in [0, 1], got {type(value).__name__}")
    value = float(value)
    if not (0.0 <= value <= 1.0):  # NaN 도 여기서 걸린다
        raise ValueError(f"{name}: expected a real number in [0, 1], got {value}")
    return value


def _check_steps(name: str, T) -> int:
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError(f"{name}: expected an integer >= 1, got {T!r}")
    return int(T)


def half_life(f: float) -> float:
    """삭제 게이트를 ``f`` 로 고정했을 때 셀 상태가 절반이 되기까지의 시점 수.

    c(t) = f^(t-1) c(1) 이므로 f^k = 1/2 를 풀면 k = ln 0.5 / ln f 이다.
    f = 1 이면 지워지지 않으므로 ``inf``, f = 0 이면 다음 시점에 모두 지워지므로 0 을 돌려준다
    (식의 극한 ln 0.5 / ln f → 0 과 같다).
    """
    f = check_unit_interval("f", f)
    if f == 1.0:
        return math.inf
    if f == 0.0:
        return 0.0
    return math.log(0.5) / math.log(f)


def fixed_gate_memory(
    f: float, i: float, o: float, T: int, *, pulse: float = 1.0, dtype=np.float64
) -> dict[str, np.ndarray]:
    """게이트를 상수로 고정한 LSTM 셀에 t = 1 에만 후보 값 g(1) = ``pulse`` 를 넣는다.

    c(t) = f · c(t-1) + i · g(t),  h(t) = o · tanh(c(t)),  c(0) = 0,  g(t) = 0 (t ≥ 2).
    따라서 c(t) = i · pulse · f^(t-1) 이다 (반복문 없이 거듭제곱으로 계산한다).

    Returns
    -------
    dict: ts (T,) 시점 1..T, cs (T,) 셀 상태, hs (T,) 은닉 상태
    """
    f = check_unit_interval("f", f)
    i = check_unit_interval("i", i)
    o = check_unit_interval("o", o)
    T = _check_steps("T", T)
    if (
        isinstance(pulse, bool)
        or not isinstance(pulse, (int, float, np.integer, np.floating))
        or not (math.isfinite(pulse))
    ):
        raise ValueError(f"pulse: expected a finite real number, got {pulse!r}")
    ts = np.arange(1, T + 1)
    # 0 ** 0 = 1 이라 f = 0 에서도 c(1) = i · pulse, 그 뒤로 0 이 된다
    cs = (i * pulse) * np.power(f, ts - 1, dtype=np.float64)
    hs = o * np.tanh(cs)
    return {"ts": ts, "cs": cs.astype(dtype), "hs": hs.astype(dtype)}


def measured_half_life(cs: np.ndarray) -> float:
    """곡선 ``cs`` (시점 1, 2, … 의 값) 에서 처음 값의 절반에 닿는 거리를 잰다.

    처음으로 |c| ≤ |c(1)|/2 가 되는 칸과 그 앞 칸 사이를 로그 척도에서 직선으로 잇는다
    (기하 급수 곡선이면 :func:`half_life` 와 정확히 같아진다). 끝까지 절반에 닿지 않으면 ``inf``.

    cs : ndarray, shape (T,), T ≥ 1, cs[0] ≠ 0
    """
    check_array("cs", cs, ("T",))
    a = np.abs(cs.astype(np.float64))
    if a.size == 0 or a[0] == 0.0:
        raise ValueError("cs: expected a curve whose first value is non-zero (nothing was stored)")
    below = np.nonzero(a <= 0.5 * a[0])[0]
    if below.size == 0:
        return math.inf
    k = int(below[0])
    if a[k] == 0.0:  # 한 칸 만에 모두 지워졌다: 로그 보간의 극한
        return float(k - 1)
    frac = (math.log(0.5 * a[0]) - math.log(a[k - 1])) / (math.log(a[k]) - math.log(a[k - 1]))
    return float(k - 1 + frac)


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
    T = _check_steps("T", T)
    n = _check_steps("n", n)
    if T <= n:
        return np.arange(T)
    return np.unique(np.linspace(0, T - 1, n).round().astype(np.int64))


# 몇 시점마다 곱의 크기를 떼어 낼지. 한 시점에 곱이 1e30 배 넘게 변하지 않는 한 넘치지 않는다.
_RESCALE_EVERY = 8


def log_product_norms(step_jacobians: np.ndarray, distances: np.ndarray | None = None) -> np.ndarray:
    """뒤에서부터 곱한 야코비 행렬 곱의 2-노름을 자연로그로 돌려준다 (넘침 없이).

    step_jacobians : ndarray, shape (T, H, H), 한 시점 야코비 행렬 S(k) = ∂h(k)/∂h(k−1) 를
        시점 순서대로 쌓은 것 (``helpers.core.jacobian.step_jacobians(layer)[n]`` 과 같은 배치).
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
