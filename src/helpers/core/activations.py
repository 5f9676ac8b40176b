"""활성화 함수와 그 도함수: 시그모이드, tanh·ReLU·선형, 소프트맥스, 로그 소프트맥스.

모두 수치적으로 안정하다: 넘침(overflow) 경고를 내지 않고, dtype 을 유지한다.
"""

from __future__ import annotations

import numpy as np

__all__ = ["ACTIVATIONS", "activate", "activation_grad", "sigmoid", "softmax", "log_softmax"]

# 순환 계층이 쓸 수 있는 활성화 함수 φ 의 이름
ACTIVATIONS = ("tanh", "relu", "linear")


def sigmoid(x: np.ndarray) -> np.ndarray:
    """σ(x) = 1 / (1 + e^{-x}) 를 넘침(overflow) 경고 없이 계산한다. dtype 을 유지한다."""
    # 음수 쪽에서 e^{-x} 가 넘치지 않도록 e^{-|x|} 만 계산한다.
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z)).astype(x.dtype, copy=False)


def activate(a: np.ndarray, activation: str = "tanh") -> np.ndarray:
    """h = φ(a). a 의 dtype 을 유지한다."""
    if activation == "tanh":
        return np.tanh(a)
    if activation == "relu":
        return np.maximum(a, 0)
    return a.copy()  # linear


def activation_grad(h: np.ndarray, activation: str = "tanh") -> np.ndarray:
    """φ'(a) 를 출력 h = φ(a) 만으로 계산한다: tanh → 1 − h², relu → [h > 0], linear → 1.

    relu 의 꺾인 점 a = 0 에서는 0 을 쓴다.
    """
    if activation == "tanh":
        return 1 - h**2
    if activation == "relu":
        return (h > 0).astype(h.dtype)
    return np.ones_like(h)


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """log softmax(x) 를 log-sum-exp 기법으로 계산한다 (최댓값을 빼서 넘침을 막는다)."""
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """softmax(x) = exp(x) / Σ exp(x). 최댓값을 빼서 넘침을 막는다."""
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)
