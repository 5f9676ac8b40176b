"""수치적으로 안정한 기본 함수: 시그모이드, 소프트맥스, 로그 소프트맥스."""

from __future__ import annotations

import numpy as np

__all__ = ["sigmoid", "softmax", "log_softmax"]


def sigmoid(x: np.ndarray) -> np.ndarray:
    """σ(x) = 1 / (1 + e^{-x}) 를 넘침(overflow) 경고 없이 계산한다. dtype 을 유지한다."""
    # 음수 쪽에서 e^{-x} 가 넘치지 않도록 e^{-|x|} 만 계산한다.
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z)).astype(x.dtype, copy=False)


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """log softmax(x) 를 log-sum-exp 기법으로 계산한다 (최댓값을 빼서 넘침을 막는다)."""
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """softmax(x) = exp(x) / Σ exp(x). 최댓값을 빼서 넘침을 막는다."""
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)
