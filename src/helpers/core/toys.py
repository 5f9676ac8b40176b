"""1·2장의 작은 실험: 펄스 응답, 기울기 클리핑의 절벽, 지연 복사 과제, 잘린 BPTT 학습.

- ``pulse_response`` : 은닉 상태가 1 개인 RNN 에 시점 1 에서 펄스 하나를 넣고 h(t) 를 따라간다.
- ``pulse_verdict`` : 그 응답이 펄스를 기억하는지, 잊는지, 포화되는지, 폭주하는지 데이터로 판정한다.
- ``cliff_loss_grad`` / ``gd_path`` : 한 단위 선형 RNN 의 손실 지형(절벽이 있다)과 그 위의 경사 하강 경로.
- ``delay_task`` / ``train_bptt`` : 입력을 d 시점 뒤에 그대로 내야 하는 과제와, 전체 BPTT·잘린 BPTT 학습.
- ``input_credit`` : 마지막 시점의 손실이 각 시점의 입력 x(t) 에 주는 기울기의 크기.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.core._validate import check_array
from helpers.core.init import check_real, check_rng, check_size, init_affine, init_rnn
from helpers.core.layers import TimeAffine
from helpers.core.losses import MSELoss
from helpers.core.optim import SGD, Adam, clip_grads
from helpers.core.rnn import ACTIVATIONS, TimeRNN

__all__ = [
    "SATURATION_SLOPE",
    "GROW_FACTOR",
    "pulse_response",
    "pulse_verdict",
    "cliff_loss_grad",
    "gd_path",
    "delay_task",
    "make_delay_model",
    "train_bptt",
    "input_credit",
]

# tanh'(a) = 1 − tanh(a)² 가 이보다 작으면 "포화"로 본다 (|a| ≳ 1.8)
SATURATION_SLOPE = 0.1
# 선형·ReLU 에서 |h| 가 이 값을 넘으면 폭주로 보고 그림을 자른다
EXPLODE_LIMIT = 1e6
# 선형·ReLU 에서 |h(T)| 가 펄스 직후 값의 이 배수를 넘으면 "커진다"로 본다
GROW_FACTOR = 2.0


def _check_activation(act) -> str:
    if act not in ACTIVATIONS:
        raise ValueError(f"act: expected one of {', '.join(map(repr, ACTIVATIONS))}, got {act!r}")
    return act


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
    dict: ts (T,) 시점 1..T, xs (T,) 입력, pre (T,) 활성화 이전 값 a(t), hs (T,) 은닉 상태 h(t).
    선형·ReLU 에서 |h| 가 ``EXPLODE_LIMIT`` 을 넘으면 그 뒤는 NaN 으로 두고 ``exploded_at`` 에 그 시점을 적는다.
    """
    wh = check_real("wh", wh)
    wx = check_real("wx", wx)
    act = _check_activation(act)
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
    act = _check_activation(act)
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
    dict: path (n+1, 2), losses (n+1,), grad_norms (n,) 클리핑 전 노름, step_norms (n,) 실제 걸음 크기,
    escaped_at (튕겨 나간 걸음 번호 1.. 또는 None), jump (튕겨 나간 걸음의 크기 또는 None)
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
# 2장: 지연 복사 과제와 전체 BPTT / 잘린 BPTT
# ---------------------------------------------------------------------------------------------------
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


def make_delay_model(rng: np.random.Generator, H: int = 16, scale: float = 1.0, dtype=np.float64):
    """입력 1 개, 은닉 상태 H 개, 출력 1 개의 RNN: (TimeRNN, TimeAffine).

    Wh 는 ``scale`` 배 한 직교 행렬이다 (모든 특잇값이 scale). scale 이 작으면 처음의 은닉 상태는 과거를 빨리 잊는다.
    """
    Wx, Wh, b = init_rnn(rng, 1, H, recurrent="orthogonal", scale=scale, dtype=dtype)
    Wy, by = init_affine(rng, H, 1, dtype=dtype)
    return TimeRNN(Wx, Wh, b), TimeAffine(Wy, by)


def train_bptt(
    rnn: TimeRNN,
    head: TimeAffine,
    xs: np.ndarray,
    ts: np.ndarray,
    *,
    k: int | None = None,
    steps: int = 300,
    lr: float = 0.01,
    max_norm: float = 1.0,
    optimizer: str = "adam",
) -> np.ndarray:
    """같은 긴 시퀀스 묶음 (xs, ts) 로 ``steps`` 번 학습하고 매 갱신의 손실을 돌려준다.

    k=None 이면 전체 BPTT: 시퀀스 전체를 순전파하고 끝에서 처음까지 역전파한 뒤 한 번 갱신한다.
    k 를 주면 잘린 BPTT: 시퀀스를 길이 k 의 블록으로 나눠 블록마다 순전파 → 역전파 → 갱신한다.
    블록 사이에 은닉 상태 ``rnn.h`` 는 넘겨주지만(순전파는 이어진다), 기울기 ``rnn.dh0`` 은 버린다
    (역전파는 블록 경계에서 끊긴다). 한 "번"은 시퀀스 전체를 한 번 훑는 것이다.

    xs : ndarray, shape (N, T, D);  ts : ndarray, shape (N, T, O)
    Returns: losses, shape (steps,) — 시퀀스 전체에 대한 평균 제곱 오차 (블록 손실의 평균)
    """
    check_array("xs", xs, ("N", "T", rnn.params[0].shape[0]))
    N, T, D = xs.shape
    check_array("ts", ts, (N, T, head.params[0].shape[1]))
    block = T if k is None else check_size("k", k)
    steps = check_size("steps", steps)
    if optimizer not in ("adam", "sgd"):
        raise ValueError(f"optimizer: expected 'adam' or 'sgd', got {optimizer!r}")
    params = rnn.params + head.params  # 최적화기는 이 배열들을 제자리에서 고친다
    grads = rnn.grads + head.grads
    opt = Adam(lr) if optimizer == "adam" else SGD(lr)
    loss_fn = MSELoss()
    losses = np.empty(steps)
    for step in range(steps):
        h, total = None, 0.0
        for s in range(0, T, block):
            x_blk, t_blk = xs[:, s : s + block], ts[:, s : s + block]
            ys = head.forward(rnn.forward(x_blk, h0=h))  # 이전 블록의 마지막 상태에서 출발한다
            total += loss_fn.forward(ys, t_blk) * x_blk.shape[1]
            rnn.backward(head.backward(loss_fn.backward()))  # rnn.dh0 은 쓰지 않는다: 여기서 끊긴다
            clip_grads(grads, max_norm)
            opt.update(params, grads)
            h = rnn.h  # 순전파는 다음 블록으로 이어진다 (rnn.h 는 복사본이라 다음 forward 가 덮어쓰지 않는다)
        losses[step] = total / T
    return losses


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
