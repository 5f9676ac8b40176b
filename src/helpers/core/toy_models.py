"""손으로 따라갈 수 있는 작은 모형: 은닉 상태 하나짜리 RNN 과 게이트를 고정한 LSTM 셀.

본문이 직접 부르고, 슬라이더 데모(``helpers.core.slider_data``)가 그 위에 그림에 넘길 값을 얹는다.

- 1장 ``pulse_response`` / ``pulse_verdict`` : H = 1 인 RNN 에 펄스 하나를 넣고, 응답이 기억·망각·포화·폭주 중
  무엇인지 데이터로 판정한다.
- 2장 ``cliff_loss_grad`` / ``gd_path`` : 한 단위 선형 RNN 의 손실 지형(절벽이 있다)과 그 위의 경사 하강 경로
  (기울기 클리핑을 켜고 끌 수 있다).
- 6장 ``fixed_gate_memory`` / ``half_life`` / ``measured_half_life`` : 게이트를 상수로 묶은 LSTM 셀이 t = 1 에
  넣은 값을 얼마나 오래 간직하는지, 식과 곡선으로 잰 반감기.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.core.optim import clip_grads
from helpers.core.validation import check_activation, check_array, check_real, check_size

__all__ = [
    "SATURATION_SLOPE",
    "GROW_FACTOR",
    "pulse_response",
    "pulse_verdict",
    "cliff_loss_grad",
    "gd_path",
    "half_life",
    "fixed_gate_memory",
    "measured_half_life",
]

# tanh'(a) = 1 − tanh(a)² 가 이보다 작으면 "포화"로 본다 (|a| ≳ 1.8)
SATURATION_SLOPE = 0.1
# 선형·ReLU 에서 |h| 가 이 값을 넘으면 폭주로 보고 그림을 자른다
EXPLODE_LIMIT = 1e6
# 선형·ReLU 에서 |h(T)| 가 펄스 직후 값의 이 배수를 넘으면 "커진다"로 본다
GROW_FACTOR = 2.0


# ---------------------------------------------------------------------------------------------------
# 1장: 펄스 응답
# ---------------------------------------------------------------------------------------------------
def pulse_response(
    wh: float = 0.9, wx: float = 1.0, act: str = "tanh", T: int = 40, pulse_len: int = 1
) -> dict:
    """은닉 상태가 하나(H = 1)인 RNN 에 펄스를 넣는다: h(t) = φ(w_x x(t) + w_h h(t−1)), h(0) = 0.

    x(t) 는 t = 1..pulse_len 에서 1, 그 뒤로는 0 이다 (편향 b = 0).

    Returns
    -------
    dict: ts (T,) 시점 1..T, xs (T,) 입력, pre (T,) 가중합 a(t), hs (T,) 은닉 상태 h(t).
    선형·ReLU 에서 |h| 가 ``EXPLODE_LIMIT`` 을 넘으면 그 뒤는 NaN 으로 두고 ``exploded_at`` 에 그 시점을 적는다.
    """
    wh = check_real("wh", wh)
    wx = check_real("wx", wx)
    act = check_activation(act, "act")
    T = check_size("T", T)
    pulse_len = check_size("pulse_len", pulse_len)
    if pulse_len > T:
        raise ValueError(f"pulse_len: expected an integer <= T = {T}, got {pulse_len}")
    ts = np.arange(1, T + 1)
    xs = (ts <= pulse_len).astype(np.float64)
    pre = np.full(T, np.nan)
    hs = np.full(T, np.nan)
    h = 0.0
    exploded_at = None
    for t in range(T):
        a = wx * xs[t] + wh * h
        h = math.tanh(a) if act == "tanh" else (max(a, 0.0) if act == "relu" else a)
        pre[t], hs[t] = a, h
        if abs(h) > EXPLODE_LIMIT:  # 폭주: 그 뒤는 그리지 않는다
            exploded_at = t + 1
            break
    return {"ts": ts, "xs": xs, "pre": pre, "hs": hs, "act": act, "exploded_at": exploded_at}


def pulse_verdict(hs: np.ndarray, pre: np.ndarray, act: str = "tanh", pulse_len: int = 1) -> dict:
    """펄스 응답을 네 가지 중 하나로 판정한다 (모든 기준은 데이터에서 계산한다).

    - "explode" (폭주한다): |h| 가 ``EXPLODE_LIMIT`` 을 넘었다 (값이 NaN 으로 잘렸다)
    - "saturate" (포화된다): 어느 시점에서든 tanh'(a(t)) < ``SATURATION_SLOPE`` (tanh 일 때만)
    - "grow" (커진다): 값을 묶어 주지 않는 활성화 함수(ReLU, 선형)에서 |h(T)| 가 펄스가 끝난 시점의
      |h| 의 ``GROW_FACTOR`` 배를 넘었다 (폭주로 가는 중)
    - "remember" (기억한다): 마지막 시점의 |h(T)| 가 최댓값의 절반 이상
    - "forget" (잊는다): 그 밖의 경우

    Returns
    -------
    dict: kind, peak (최대 |h|), retention (|h(T)| / peak), half_life (|h| 가 처음 peak/2 아래로 내려간
    시점, 없으면 None), min_slope (가장 작은 tanh'(a)), max_pre (최대 |a|),
    gain (|h(T)| / |h(pulse_len)|, 펄스가 끝난 뒤 얼마나 커졌는지; 정의되지 않으면 None)
    """
    check_array("hs", hs, ("T",), finite=False)
    check_array("pre", pre, (hs.shape[0],), finite=False)
    act = check_activation(act, "act")
    T = hs.shape[0]
    pulse_len = check_size("pulse_len", pulse_len)
    if pulse_len > T:
        raise ValueError(f"pulse_len: expected an integer <= T = {T}, got {pulse_len}")
    ok = np.isfinite(hs)
    h_ok, a_ok = np.abs(hs[ok]), np.abs(pre[ok])
    peak = float(h_ok.max()) if h_ok.size else 0.0
    max_pre = float(a_ok.max()) if a_ok.size else 0.0
    min_slope = float(np.min(1.0 - np.tanh(a_ok) ** 2)) if (act == "tanh" and a_ok.size) else 1.0
    retention = float(abs(hs[-1]) / peak) if (ok.all() and peak > 0) else (math.inf if not ok.all() else 0.0)
    half_life = None
    if peak > 0 and ok.all():
        t_peak = int(np.argmax(np.abs(hs)))
        below = np.nonzero(np.abs(hs[t_peak:]) < 0.5 * peak)[0]
        half_life = int(below[0]) if below.size else None
    h_end = abs(hs[pulse_len - 1])
    gain = float(abs(hs[-1]) / h_end) if (ok.all() and h_end > 0) else None
    if not ok.all():
        kind = "explode"
    elif min_slope < SATURATION_SLOPE:
        kind = "saturate"
    elif act != "tanh" and gain is not None and gain > GROW_FACTOR:
        kind = "grow"
    elif peak > 0 and retention >= 0.5:
        kind = "remember"
    else:
        kind = "forget"
    return {
        "kind": kind,
        "peak": peak,
        "retention": retention,
        "half_life": half_life,
        "min_slope": min_slope,
        "max_pre": max_pre,
        "gain": gain,
        "T": T,
    }


# ---------------------------------------------------------------------------------------------------
# 2장: 절벽이 있는 손실 지형 (Pascanu et al., 2013 그림 6·7 의 생각)
# ---------------------------------------------------------------------------------------------------
def cliff_loss_grad(wh, wx, T: int = 20, target: float = 2.0):
    """한 단위 선형 RNN h(t) = w_h h(t−1) + w_x x(t), x(t) = 1, h(0) = 0 의 손실과 기울기.

    L = (h(T) − target)². w_h > 1 이면 h(T) 가 w_h^T 처럼 커지므로 손실 지형에 가파른 벽(절벽)이 생긴다.
    기울기는 시간에 따른 역전파(BPTT)로 계산한다. wh, wx 는 스칼라 또는 같은 모양으로 브로드캐스트되는 배열.

    Returns
    -------
    (L, dwh, dwx): 각각 브로드캐스트한 모양의 배열
    """
    T = check_size("T", T)
    target = check_real("target", target)
    wh = np.asarray(wh, dtype=np.float64)
    wx = np.asarray(wx, dtype=np.float64)
    if not (np.all(np.isfinite(wh)) and np.all(np.isfinite(wx))):
        raise ValueError("wh, wx: expected finite values")
    shape = np.broadcast_shapes(wh.shape, wx.shape)
    hs = np.zeros((T + 1,) + shape)  # hs[t] = h(t), hs[0] = h(0) = 0
    for t in range(1, T + 1):
        hs[t] = wh * hs[t - 1] + wx
    L = (hs[T] - target) ** 2
    dh = 2.0 * (hs[T] - target)  # ∂L/∂h(T)
    dwh = np.zeros(shape)
    dwx = np.zeros(shape)
    for t in range(T, 0, -1):
        dwh += dh * hs[t - 1]  # 같은 w_h 를 모든 시점에서 썼으므로 더한다
        dwx += dh
        dh = dh * wh  # ∂h(t)/∂h(t−1) = w_h
    return L, dwh, dwx


def _cliff_scalar(wh: float, wx: float, T: int, target: float) -> tuple[float, float, float]:
    """``cliff_loss_grad`` 와 같은 계산을 파이썬 실수로 한다 (경로 한 점마다 NumPy 호출을 피해 빠르다)."""
    hs = [0.0]
    for _ in range(T):
        hs.append(wh * hs[-1] + wx)
    dh = 2.0 * (hs[T] - target)
    dwh = dwx = 0.0
    for t in range(T, 0, -1):
        dwh += dh * hs[t - 1]
        dwx += dh
        dh *= wh
    return (hs[T] - target) ** 2, dwh, dwx


def gd_path(
    start,
    lr: float,
    max_norm: float | None = None,
    steps: int = 40,
    T: int = 20,
    target: float = 2.0,
    bound: float = 3.0,
) -> dict:
    """``cliff_loss_grad`` 위에서 경사 하강법을 ``steps`` 번 한다. max_norm 을 주면 기울기 클리핑을 한다.

    start : (w_h, w_x) 시작점.  bound : |w_h| 또는 |w_x| 가 이 값을 넘으면 "튕겨 나갔다"고 보고 멈춘다.

    Returns
    -------
    dict: path (n+1, 2), losses (n+1,), grad_norms (n,) 클리핑 전 노름, step_norms (n,) 실제 갱신 크기,
    escaped_at (튕겨 나간 갱신의 번호 1.. 또는 None), jump (튕겨 나간 갱신의 크기 또는 None)
    """
    start = np.asarray(start, dtype=np.float64)
    check_array("start", start, (2,))
    lr = check_real("lr", lr, positive=True)
    if max_norm is not None:
        max_norm = check_real("max_norm", max_norm, positive=True)
    steps = check_size("steps", steps)
    T = check_size("T", T)
    target = check_real("target", target)
    bound = check_real("bound", bound, positive=True)
    if not np.all(np.isfinite(start)) or np.max(np.abs(start)) > bound:
        raise ValueError(f"start: expected finite values with |w| <= bound = {bound}, got {start.tolist()}")
    theta = start.copy()
    path, losses, gnorms, snorms = [theta.copy()], [], [], []
    escaped_at, jump = None, None
    for k in range(1, steps + 1):
        L, dwh, dwx = _cliff_scalar(float(theta[0]), float(theta[1]), T, target)
        losses.append(L)
        g = np.array([dwh, dwx])
        if max_norm is None:
            gnorms.append(float(np.linalg.norm(g)))
        else:
            gnorms.append(clip_grads([g], max_norm))  # g 를 제자리에서 줄이고, 줄이기 전 노름을 돌려준다
        step = -lr * g
        snorms.append(float(np.linalg.norm(step)))
        theta = theta + step
        path.append(theta.copy())
        if not np.all(np.isfinite(theta)) or np.max(np.abs(theta)) > bound:
            escaped_at, jump = k, snorms[-1]
            break
    if escaped_at is None:
        losses.append(_cliff_scalar(float(theta[0]), float(theta[1]), T, target)[0])
    return {
        "path": np.array(path),
        "losses": np.array(losses),
        "grad_norms": np.array(gnorms),
        "step_norms": np.array(snorms),
        "escaped_at": escaped_at,
        "jump": jump,
    }


# ---------------------------------------------------------------------------------------------------
# 6장: 게이트를 고정한 LSTM 셀의 기억
# ---------------------------------------------------------------------------------------------------
def half_life(f: float) -> float:
    """삭제 게이트를 ``f`` 로 고정했을 때 셀 상태가 절반이 되기까지의 시점 수.

    c(t) = f^(t-1) c(1) 이므로 f^k = 1/2 를 풀면 k = ln 0.5 / ln f 이다.
    f = 1 이면 지워지지 않으므로 ``inf``, f = 0 이면 다음 시점에 모두 지워지므로 0 을 돌려준다
    (식의 극한 ln 0.5 / ln f → 0 과 같다).
    """
    f = check_real("f", f, low=0.0, high=1.0)
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
    f = check_real("f", f, low=0.0, high=1.0)
    i = check_real("i", i, low=0.0, high=1.0)
    o = check_real("o", o, low=0.0, high=1.0)
    T = check_size("T", T)
    pulse = check_real("pulse", pulse)
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
