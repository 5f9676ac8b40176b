"""슬라이더 데모가 그리는 값: 데모마다 슬라이더 값을 받아 그림 함수에 넘길 사전을 돌려주는 NumPy 계산.

``helpers.interact`` 의 데모는 위젯만 잇고, 계산은 모두 여기서 한다 (그림은 ``helpers.view``). 본문도 같은 함수를
불러 데모가 보여 주는 수를 글로 옮긴다.

- 이 책의 사용법: ``tanh_squash_data`` (가중치가 tanh 의 포화를 어떻게 바꾸는가)
- 1장: ``pulse_data`` (펄스에 대한 은닉 상태),  2장: ``clipping_data`` (절벽 위의 기울기 클리핑)
- 3장: ``deep_rnn_states`` (층마다의 은닉 상태),  4장: ``birnn_influence`` (y(t) 에 영향을 주는 입력)
- 5장: ``rnn_gradient_data`` (거리에 따른 기울기 노름)
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from helpers.core.analysis import largest_singular_value, scale_to_spectral_radius
from helpers.core.init import init_rnn
from helpers.core.jacobian import log_product_norms, per_step_rate, sample_distances, step_jacobians
from helpers.core.rnn import TimeRNN
from helpers.core.sensitivity import output_influence
from helpers.core.stacked import Bidirectional, StackedRNN
from helpers.core.toy_models import cliff_loss_grad, gd_path, pulse_response, pulse_verdict
from helpers.core.validation import check_activation, check_choice, check_real, check_size

__all__ = [
    "SATURATION",
    "tanh_squash_data",
    "saturated_fraction",
    "naive_tanh",
    "tanh_squash",
    "PULSE_T",
    "pulse_data",
    "CLIFF",
    "cliff_grid",
    "clipping_data",
    "MAX_LAYERS",
    "DEEP_T",
    "DEEP_H",
    "deep_input",
    "make_deep_layers",
    "deep_rnn_states",
    "BI_T",
    "BI_D",
    "BI_H",
    "make_birnn_pair",
    "birnn_influence",
    "VANISH_LEVEL",
    "EXPLODE_LEVEL",
    "ACTIVATION_GAMMA",
    "first_crossing",
    "rnn_gradient_data",
]


# |h| 가 이보다 크면 tanh 가 포화되었다고 본다: 이때 기울기 1 − h² 는 0.0975 보다 작다.
SATURATION = 0.95


# ---------------------------------------------------------------------------------------------------
# 이 책의 사용법: tanh 의 포화
# ---------------------------------------------------------------------------------------------------
X_MIN, X_MAX = -5.0, 5.0
N_SAMPLES = 4000
EDGES = np.linspace(-1.0, 1.0, 41)


def naive_tanh(z):
    """tanh(z) = (e^{2z} - 1) / (e^{2z} + 1) 를 float32 로 그대로 계산한다(반례용, 큰 z 에서 넘친다)."""
    e = np.exp(2.0 * np.asarray(z, dtype=np.float32))
    return (e - 1.0) / (e + 1.0)


def tanh_squash(z, impl: str = "numpy"):
    """impl="numpy" 는 np.tanh, "naive" 는 :func:`naive_tanh`."""
    if impl == "numpy":
        return np.tanh(z)
    check_choice("impl", impl, ("numpy", "naive"))
    return naive_tanh(z)


def gaussian_inputs(n: int = N_SAMPLES, seed: int = 0):
    """표준 정규 분포에서 뽑은 입력 x, shape (n,). 같은 seed 면 늘 같은 값이다."""
    return np.random.default_rng(seed).standard_normal(n)


def saturated_fraction(w: float, b: float = 0.0, n: int = N_SAMPLES, seed: int = 0) -> float:
    """x ~ N(0, 1) 일 때 |tanh(w·x + b)| > 0.95 인 비율."""
    y = np.tanh(w * gaussian_inputs(n, seed) + b)
    return float(np.mean(np.abs(y) > SATURATION))


def tanh_squash_data(w: float = 1.0, b: float = 0.0, impl: str = "numpy") -> dict:
    """그림에 넘길 배열: 곡선, 포화 구간의 경계, 가우스 입력을 통과시킨 출력의 히스토그램."""
    w = check_real("w", w, positive=True)
    b = check_real("b", b)
    x = np.linspace(X_MIN, X_MAX, 401)
    lin = w * x + b
    y = tanh_squash(lin, impl)
    # |w·x + b| > artanh(0.95) 인 x 가 포화 구간이다.
    a = np.arctanh(SATURATION)
    sat_lo, sat_hi = (-a - b) / w, (a - b) / w
    ys = tanh_squash(w * gaussian_inputs() + b, impl)
    counts, _ = np.histogram(ys, bins=EDGES)
    return {
        "x": x,
        "y": y,
        "lin": lin,
        "sat_lo": float(sat_lo),
        "sat_hi": float(sat_hi),
        "edges": EDGES,
        "hist": counts / ys.size,
        "frac_saturated": float(np.mean(np.abs(ys) > SATURATION)),
    }


# ---------------------------------------------------------------------------------------------------
# 1장: 펄스 응답,  2장: 절벽 위의 기울기 클리핑
# ---------------------------------------------------------------------------------------------------
PULSE_T = 40


def pulse_data(wh: float = 0.9, wx: float = 1.0, act: str = "tanh") -> dict:
    """펄스 응답과 그 판정: ``pulse_live_figure`` 에 넘길 사전."""
    d = pulse_response(wh, wx, act, T=PULSE_T)
    d["verdict"] = pulse_verdict(d["hs"], d["pre"], act)
    d["wh"], d["wx"] = float(wh), float(wx)
    return d


# 절벽 실험의 설정: 한 단위 선형 RNN, 시퀀스 길이 T, 목표값, 그림의 범위, 시작점의 w_x
CLIFF = {
    "T": 20,
    "target": 2.0,
    "wh_range": (0.0, 1.4),
    "wx_range": (-0.5, 1.0),
    "start_wx": 0.02,
    "steps": 40,
    "bound": 3.0,
}


@lru_cache(maxsize=1)
def cliff_grid(n: int = 141) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """손실 지형 (grid_wh (n,), grid_wx (n,), loss (n, n)). 슬라이더와 무관하므로 한 번만 계산한다."""
    gw = np.linspace(*CLIFF["wh_range"], n)
    gx = np.linspace(*CLIFF["wx_range"], n)
    L, _, _ = cliff_loss_grad(gw[None, :], gx[:, None], T=CLIFF["T"], target=CLIFF["target"])
    for a in (gw, gx, L):
        a.flags.writeable = False  # 캐시를 보호한다
    return gw, gx, L


def clipping_data(lr: float = 0.01, max_norm: float = 1.0, start_wh: float = 1.0) -> dict:
    """같은 시작점에서 클리핑 없는 경사 하강법과 클리핑한 경사 하강법의 경로."""
    gw, gx, L = cliff_grid()
    start = (float(start_wh), CLIFF["start_wx"])
    kw = {"steps": CLIFF["steps"], "T": CLIFF["T"], "target": CLIFF["target"], "bound": CLIFF["bound"]}
    return {
        "grid_wh": gw,
        "grid_wx": gx,
        "grid_loss": L,
        "plain": gd_path(start, lr, None, **kw),
        "clipped": gd_path(start, lr, max_norm, **kw),
        "max_norm": float(max_norm),
        "lr": float(lr),
        "start": start,
    }


# ---------------------------------------------------------------------------------------------------
# 3장: 깊은 순환 신경망의 층마다의 은닉 상태
# ---------------------------------------------------------------------------------------------------
# 히트맵 데모가 미리 만들어 두는 축의 수 (층 수 슬라이더의 최댓값)
MAX_LAYERS = 4
DEEP_T = 40  # 시점 수
DEEP_H = 12  # 층마다 은닉 상태의 크기


def deep_input(T: int = DEEP_T) -> np.ndarray:
    """데모의 고정 입력 x(t), shape (1, T, 1): t = 4..8 의 네모 펄스, t ≥ 20 부터는 느린 사인파."""
    T = check_size("T", T, minimum=2)
    t = np.arange(1, T + 1)
    x = np.where((t >= 4) & (t <= 8), 1.0, 0.0)
    x = x + np.where(t >= 20, 0.8 * np.sin(2 * np.pi * (t - 20) / 10), 0.0)
    return x[None, :, None]


def make_deep_layers(
    n_layers: int, scale: float, *, D: int = 1, H: int = DEEP_H, seed: int = 0, dtype=np.float64
) -> list[TimeRNN]:
    """층 n_layers 개의 TimeRNN 리스트. 층 l 의 입력 크기는 D (l = 1) 또는 H (l ≥ 2).

    가중치는 시드로 정한 표준 정규 행렬에 scale / √(입력 크기) 를 곱한 것이다: W_x^{(l)} 은
    scale/√D_l, W_h^{(l)} 은 scale/√H. 그래서 scale 을 바꾸면 같은 무작위 행렬의 크기만 바뀐다
    (슬라이더를 움직일 때 그림이 연속으로 변한다). 편향은 0.
    """
    L = check_size("n_layers", n_layers)
    scale = check_real("scale", scale, nonnegative=True)
    D = check_size("D", D)
    H = check_size("H", H)
    rng = np.random.default_rng(seed)
    layers = []
    for l in range(L):
        D_l = D if l == 0 else H
        Zx = rng.standard_normal((D_l, H))
        Zh = rng.standard_normal((H, H))
        Wx = (scale / math.sqrt(D_l) * Zx).astype(dtype)
        Wh = (scale / math.sqrt(H) * Zh).astype(dtype)
        layers.append(TimeRNN(Wx, Wh, np.zeros(H, dtype=dtype)))
    return layers


def deep_rnn_states(n_layers: int = 3, scale: float = 1.0) -> dict:
    """고정 입력을 층 n_layers 개짜리 깊은 순환 신경망에 넣고 층마다의 은닉 상태와 통계를 낸다.

    Returns
    -------
    dict: x (T,), hs (층마다 (T, H) 배열의 리스트), mean_abs (L,) 층마다 평균 |h|,
        saturated (L,) |h| > 0.95 인 성분의 비율
    """
    L = check_size("n_layers", n_layers, maximum=MAX_LAYERS)
    xs = deep_input()
    model = StackedRNN(make_deep_layers(L, scale))
    model.forward(xs)
    hs = [h[0] for h in model.hs_per_layer]  # 배치 하나: 층마다 (T, H)
    mean_abs = np.array([np.mean(np.abs(h)) for h in hs])
    saturated = np.array([np.mean(np.abs(h) > SATURATION) for h in hs])
    return {"x": xs[0, :, 0], "hs": hs, "mean_abs": mean_abs, "saturated": saturated}


# ---------------------------------------------------------------------------------------------------
# 4장: 시점 t 의 출력에 영향을 주는 입력 (앞 방향만 vs 양방향)
# ---------------------------------------------------------------------------------------------------
BI_T = 20  # 시점 수
BI_D = 2  # 입력 크기
BI_H = 8  # 메모리 셀 하나의 은닉 상태 크기


def make_birnn_pair(
    scale: float = 1.0, *, T: int = BI_T, D: int = BI_D, H: int = BI_H, seed: int = 0, dtype=np.float64
):
    """데모의 고정된 모델 두 개와 입력을 만든다.

    두 메모리 셀(앞 방향 fwd, 뒤 방향 bwd)의 W_x 는 표준 정규/√D, W_h 는 scale · 표준 정규/√H 이다.
    출력은 y(t) = [h→(t); h←(t)]·w (출력 하나). 앞 방향만 읽는 모델은 같은 fwd 와 w 의 앞 절반
    w[:H] 를 쓴다: 양방향 모델에서 두 번째 메모리 셀만 뺀 모델이다.

    Returns
    -------
    fwd, bwd : TimeRNN,  w : ndarray (2H,),  xs : ndarray (1, T, D)
    """
    scale = check_real("scale", scale, nonnegative=True)
    T = check_size("T", T)
    D = check_size("D", D)
    H = check_size("H", H)
    rng = np.random.default_rng(seed)
    cells = []
    for _ in range(2):
        Wx = rng.standard_normal((D, H)) / math.sqrt(D)
        Wh = scale * rng.standard_normal((H, H)) / math.sqrt(H)
        cells.append(TimeRNN(Wx.astype(dtype), Wh.astype(dtype), np.zeros(H, dtype=dtype)))
    w = (rng.standard_normal(2 * H) / math.sqrt(2 * H)).astype(dtype)
    xs = rng.standard_normal((1, T, D)).astype(dtype)
    return cells[0], cells[1], w, xs


def birnn_influence(t: int = 10, scale: float = 1.0) -> dict:
    """시점 t (1..T, 수식처럼 1 부터 센다) 의 출력에 대한 각 입력의 영향을 두 모델에서 잰다.

    Returns
    -------
    dict: t_index (0 부터 센 시점), influence_fwd (T,), influence_bi (T,)
        influence[τ] = ‖∂y(t)/∂x(τ)‖ (``helpers.core.sensitivity.output_influence``)
    """
    t = check_size("t", t, minimum=1, maximum=BI_T)
    fwd, bwd, w, xs = make_birnn_pair(scale)
    H = fwd.params[1].shape[0]
    infl_fwd = output_influence(fwd, xs, t - 1, w[:H])[0]
    infl_bi = output_influence(Bidirectional(fwd, bwd, merge="concat"), xs, t - 1, w)[0]
    return {"t_index": t - 1, "influence_fwd": infl_fwd, "influence_bi": infl_bi}


# ---------------------------------------------------------------------------------------------------
# 5장: 거리에 따른 기울기 노름
# ---------------------------------------------------------------------------------------------------
# 이 값보다 작으면 '기울기 소실', 크면 '기울기 폭주' 로 본다 (그림은 이 영역을 칠한다).
VANISH_LEVEL = 1e-3
EXPLODE_LEVEL = 1e3
# γ = sup |φ'| : tanh, ReLU, 선형 모두 1
ACTIVATION_GAMMA = {"tanh": 1.0, "relu": 1.0, "linear": 1.0}


def first_crossing(distances: np.ndarray, log_norms: np.ndarray, level: float, *, above: bool) -> int | None:
    """log 노름이 처음으로 ``level`` 아래로 (above=True 면 위로) 넘어가는 거리. 없으면 None.

    distances, log_norms : ndarray, shape (K,) (같은 길이)
    """
    if distances.shape != log_norms.shape:
        raise ValueError(
            f"log_norms: expected shape {distances.shape} (same as distances), got {log_norms.shape}"
        )
    lv = math.log(level)
    hit = np.nonzero(log_norms > lv)[0] if above else np.nonzero(log_norms < lv)[0]
    return int(distances[hit[0]]) if hit.size else None


def rnn_gradient_data(
    radius: float = 1.0, T: int = 100, activation: str = "tanh", *, H: int = 16, D: int = 4, seed: int = 0
) -> dict:
    """무작위 RNN 의 ‖∂h(T)/∂h(t)‖_2 를 모든 거리 T − t = 0, …, T−1 에 대해 계산한다.

    Wh 는 표준편차 1/√H 인 정규 분포 행렬을 스펙트럼 반지름이 ``radius`` 가 되도록 늘이거나 줄인 것이다
    (같은 seed 면 방향은 같고 크기만 바뀐다). 입력 xs 는 표준 정규 분포, 배치 N = 1.
    곱은 :func:`helpers.core.jacobian.log_product_norms` 로 로그에서 쌓아 넘치지 않는다.

    Returns : distances (K,) (T ≤ 150 이면 0, …, T−1 모두, 길면 고르게 고른 150 개),
        log_norms (K,), log_bound (K,) = d · log(γ σ_max), rate (맞춘 한 시점당 비율),
        first_vanish, first_explode (처음 1e−3 아래 / 1e3 위가 되는 거리 또는 None), eigenvalues (H,),
        radius, sigma_max, activation, T
    """
    radius = check_real("radius", radius, positive=True)
    T = check_size("T", T, minimum=2)
    check_activation(activation)
    rng = np.random.default_rng(seed)
    Wx, Wh, b = init_rnn(rng, D, H, recurrent="scaled")
    Wh = scale_to_spectral_radius(Wh, radius)
    xs = rng.standard_normal((1, T, D))  # 같은 seed 면 T 가 달라도 앞부분은 같은 입력이다
    layer = TimeRNN(Wx, Wh, b, activation=activation)
    with np.errstate(over="ignore", invalid="ignore"):  # 선형·ReLU 에서 순전파 값이 매우 커질 수 있다
        layer.forward(xs)
    if not np.all(np.isfinite(layer.h)):
        raise ValueError(f"radius: the forward pass overflowed at spectral radius {radius} and T = {T}")
    distances = sample_distances(T)  # 긴 시퀀스에서는 고르게 고른 거리에서만 잰다 (슬라이더 속도)
    log_norms = log_product_norms(step_jacobians(layer)[0], distances)
    sigma_max = largest_singular_value(Wh)
    log_bound = distances * math.log(ACTIVATION_GAMMA[activation] * sigma_max)
    return {
        "distances": distances,
        "log_norms": log_norms,
        "log_bound": log_bound,
        "rate": per_step_rate(log_norms[1:], distances[1:], log_input=True),
        "first_vanish": first_crossing(distances, log_norms, VANISH_LEVEL, above=False),
        "first_explode": first_crossing(distances, log_norms, EXPLODE_LEVEL, above=True),
        "eigenvalues": np.linalg.eigvals(Wh),
        "radius": radius,
        "sigma_max": sigma_max,
        "activation": activation,
        "T": T,
    }
