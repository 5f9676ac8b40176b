"""5장 장기 의존성 문제의 슬라이더 데모: 거리에 따른 기울기 노름 (기울기 소실과 기울기 폭주).

``gradient_over_distance`` : 순환 가중치의 스펙트럼 반지름, 시퀀스 길이 T, 활성화 함수를 바꾸며
‖∂h(T)/∂h(t)‖_2 를 거리 T − t 에 대해 로그 척도로 본다.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.core.analysis import largest_singular_value, scale_to_spectral_radius
from helpers.core.init import check_real, check_size, init_rnn
from helpers.core.jacobian import step_jacobians
from helpers.core.memory import log_product_norms, per_step_rate, sample_distances
from helpers.core.rnn import TimeRNN, check_activation
from helpers.interact.demo import Choice, Demo, Slider, register_demo
from helpers.view.gradients import EXPLODE_LEVEL, VANISH_LEVEL, gradient_over_distance_live

__all__ = ["ACTIVATION_GAMMA", "first_crossing", "rnn_gradient_data", "gradient_over_distance"]

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
    곱은 :func:`helpers.core.memory.log_product_norms` 로 로그에서 쌓아 넘치지 않는다.

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


@register_demo("gradient_over_distance")
def gradient_over_distance() -> Demo:
    """스펙트럼 반지름·시퀀스 길이·활성화 함수에 따라 기울기가 거리에 따라 어떻게 줄거나 커지는지 본다."""
    return Demo(
        compute=rnn_gradient_data,
        figure=gradient_over_distance_live,
        controls=[
            Slider("radius", 0.1, 3.0, 0.05, 1.0, label="스펙트럼 반지름 ρ(W_h)"),
            Slider("T", 10, 500, 10, 100, label="시퀀스 길이 T"),
            Choice(
                "activation",
                [("tanh", "tanh"), ("선형", "linear"), ("ReLU", "relu")],
                "tanh",
                label="활성화 함수",
            ),
        ],
        scrub="radius",
        scrub_values=[0.5, 0.8, 0.9, 1.0, 1.1, 1.3, 1.6, 2.0, 3.0],
        title="거리에 따른 기울기 노름",
        dpi=80,
    )
