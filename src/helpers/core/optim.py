"""최적화기(SGD, Adam)와 기울기 클리핑(gradient clipping).

별칭(aliasing)에 대한 약속: 계층은 ``params`` 리스트에 가중치 배열 자체를 담고 있고, 모델은 여러 계층의
``params`` 를 이어 붙인 리스트를 넘긴다. 최적화기는 그 배열들을 **제자리(in place)** 에서 고친다
(``p -= ...``). 새 배열을 만들어 대입하면 계층이 들고 있는 참조가 옛 배열을 가리키게 되어 학습이
조용히 멈추므로, 여기서는 언제나 제자리 연산만 쓴다. ``clip_grads`` 도 같은 이유로 ``grads`` 를
제자리에서 줄인다.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.core.validation import check_array_list, check_param_grad_pairs, check_real

__all__ = ["SGD", "Adam", "clip_grads", "global_norm"]


class SGD:
    """확률적 경사 하강법: p ← p - lr · g (제자리 갱신)."""

    def __init__(self, lr: float = 0.1):
        self.lr = check_real("lr", lr, positive=True)

    def update(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        check_param_grad_pairs(params, grads)
        for p, g in zip(params, grads, strict=True):
            p -= self.lr * g  # 제자리: 계층이 같은 배열을 참조한다


class Adam:
    """Adam (Kingma & Ba, 2015, 알고리즘 1). 편향 보정한 1차·2차 모멘트로 갱신한다.

    t 번째 갱신:  m ← β1 m + (1-β1) g,  v ← β2 v + (1-β2) g²,
    m̂ = m / (1-β1^t),  v̂ = v / (1-β2^t),  p ← p - lr · m̂ / (√v̂ + eps).

    모멘트 m, v 는 ``params`` 리스트의 위치(순서)로 파라미터와 짝지어진다. 그래서 ``update`` 에는
    매번 같은 순서의 같은 파라미터 리스트를 넘겨야 한다 (모양이 바뀌면 ValueError).
    """

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        self.lr = check_real("lr", lr, positive=True)
        for name, beta in (("beta1", beta1), ("beta2", beta2)):
            beta = check_real(name, beta)
            if not 0.0 <= beta < 1.0:
                raise ValueError(f"{name}: expected a value in [0, 1), got {beta}")
        eps = check_real("eps", eps, positive=True)
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), eps
        self.t = 0
        self.m: list[np.ndarray] | None = None
        self.v: list[np.ndarray] | None = None

    def update(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        check_param_grad_pairs(params, grads)
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        elif len(self.m) != len(params) or any(
            m.shape != p.shape for m, p in zip(self.m, params, strict=True)
        ):
            raise ValueError(
                "params: expected the same list of parameters (same order and shapes) on every update"
            )
        self.t += 1
        c1 = 1.0 - self.beta1**self.t
        c2 = 1.0 - self.beta2**self.t
        for p, g, m, v in zip(params, grads, self.m, self.v, strict=True):
            m += (1.0 - self.beta1) * (g - m)  # m ← β1 m + (1-β1) g 를 제자리에서
            v += (1.0 - self.beta2) * (g * g - v)
            p -= (self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)).astype(p.dtype, copy=False)


def _unique(arrays: list[np.ndarray]) -> list[np.ndarray]:
    """같은 배열 객체가 여러 번 들어 있으면 한 번만 남긴다 (순서는 처음 나온 대로)."""
    return list({id(a): a for a in arrays}.values())


def global_norm(grads: list[np.ndarray]) -> float:
    """모든 기울기 배열을 한 벡터로 이어 붙였을 때의 L2 노름. 같은 배열이 두 번 들어 있으면 한 번만 센다.

    float64 로 더해 float32 에서도 넘침·정밀도 손실을 줄이고, 제곱의 합이 float64 에서도 넘치면
    가장 큰 |원소| 로 나눈 뒤 다시 잰다 (그래서 유한한 기울기의 노름은 유한하고, 경고가 없다).
    inf 나 NaN 이 든 기울기의 노름은 inf 또는 nan 이다.
    """
    grads = _unique(check_array_list("grads", grads))
    with np.errstate(over="ignore", invalid="ignore"):
        total = sum(float(np.sum(np.square(g, dtype=np.float64))) for g in grads)
    if math.isinf(total) and all(np.all(np.isfinite(g)) for g in grads):
        scale = max(float(np.max(np.abs(g), initial=0.0)) for g in grads)
        total = sum(float(np.sum(np.square(g / scale, dtype=np.float64))) for g in grads)
        return scale * math.sqrt(total)
    return math.sqrt(total)


def clip_grads(grads: list[np.ndarray], max_norm: float, *, error_if_nonfinite: bool = False) -> float:
    """전체 L2 노름이 임곗값 ``max_norm`` 을 넘으면 모든 기울기를 같은 비율로 줄인다 (Pascanu et al., 2013).

    방향은 그대로 두고 크기만 ``max_norm`` 으로 맞춘다. ``grads`` 를 제자리에서 고치고,
    **클리핑 전** 노름을 돌려준다 (학습 기록에 기울기 폭주를 남기기 위해). 같은 배열이 두 번 들어 있으면
    노름에서도, 줄일 때도 한 번만 센다.

    노름이 inf 나 NaN 이면 (기울기에 inf 나 NaN 이 있으면) 줄일 수 없다: inf 에 0 을 곱하면 NaN 이 된다.
    이때 ``error_if_nonfinite=True`` 면 ValueError 를 내고, 아니면 (PyTorch 의 기본값과 같이) 기울기를 그대로 두고
    그 노름을 돌려준다. 학습 루프는 돌려받은 노름으로 발산을 알아챈다 (``helpers.core.train.fit``).
    """
    max_norm = check_real("max_norm", max_norm, positive=True)
    if not isinstance(error_if_nonfinite, bool):
        raise ValueError(f"error_if_nonfinite: expected a bool, got {type(error_if_nonfinite).__name__}")
    unique = _unique(check_array_list("grads", grads))
    total_norm = global_norm(unique)
    if not math.isfinite(total_norm):
        if error_if_nonfinite:
            raise ValueError(
                f"grads: expected finite gradients to clip, got total norm {total_norm} "
                "(pass error_if_nonfinite=False to leave them unchanged)"
            )
        return total_norm
    if total_norm > max_norm:
        rate = max_norm / total_norm
        for g in unique:
            g *= rate  # 제자리: 계층의 grads 배열을 그대로 고친다
    return total_norm
