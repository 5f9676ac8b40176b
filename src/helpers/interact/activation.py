"""이 책의 사용법에 쓰는 작은 예: 가중치 w 가 tanh(w·x + b) 의 포화를 어떻게 바꾸는가."""

from __future__ import annotations

import numpy as np

from helpers.view.activation import SATURATION, tanh_squash_figure

from .demo import Choice, Demo, Slider, register_demo

__all__ = ["naive_tanh", "saturated_fraction", "tanh_squash", "tanh_squash_data", "tanh_squash_demo"]

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
    if impl == "naive":
        return naive_tanh(z)
    raise ValueError(f"impl: expected 'numpy' or 'naive', got {impl!r}")


def gaussian_inputs(n: int = N_SAMPLES, seed: int = 0):
    """표준 정규 분포에서 뽑은 입력 x, shape (n,). 같은 seed 면 늘 같은 값이다."""
    return np.random.default_rng(seed).standard_normal(n)


def saturated_fraction(w: float, b: float = 0.0, n: int = N_SAMPLES, seed: int = 0) -> float:
    """x ~ N(0, 1) 일 때 |tanh(w·x + b)| > 0.95 인 비율."""
    y = np.tanh(w * gaussian_inputs(n, seed) + b)
    return float(np.mean(np.abs(y) > SATURATION))


def tanh_squash_data(w: float = 1.0, b: float = 0.0, impl: str = "numpy") -> dict:
    """그림에 넘길 배열: 곡선, 포화 구간의 경계, 가우스 입력을 통과시킨 출력의 히스토그램."""
    if not w > 0:
        raise ValueError(f"w: expected w > 0, got {w}")
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


# 스크러버 프레임: 작은 w 를 촘촘하게(로그 눈금처럼)
W_FRAMES = [0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0, 7.0, 10.0]


@register_demo("tanh_squash")
def tanh_squash_demo() -> Demo:
    """가중치 w 와 편향 b 를 바꾸며 tanh(w·x + b) 의 포화를 본다."""
    return Demo(
        compute=tanh_squash_data,
        figure=tanh_squash_figure,
        controls=[
            Slider("w", 0.1, 10.0, 0.1, 1.0, label="가중치 w"),
            Slider("b", -2.0, 2.0, 0.1, 0.0, label="편향 b"),
            Choice("impl", [("np.tanh", "numpy"), ("직접 계산(float32)", "naive")], "numpy", label="구현"),
        ],
        scrub="w",
        scrub_values=W_FRAMES,
        title="tanh 의 포화",
        dpi=80,  # 100 이면 그리기와 PNG 가 약 1.5배 느리다 (benchmarks/sliders.py)
    )
