"""손실 함수(loss function): 평균 제곱 오차와 소프트맥스 교차 엔트로피.

출력층(``helpers.core.layers``)은 활성화 함수 없이 y = h Wy + b 만 계산한다. 책의 식
y(t) = f(W_y h(t) + b) 에서 f 는 여기서 처리한다: ``MSELoss`` 는 f = 항등 함수(회귀),
``SoftmaxCrossEntropy`` 는 f = 소프트맥스(분류)이다.
"""

from __future__ import annotations

import numpy as np

from helpers.core.activations import log_softmax, softmax
from helpers.core.validation import check_array, check_class_targets, shape_str

__all__ = ["MSELoss", "SoftmaxCrossEntropy", "accuracy"]

_SYMBOLS = {1: ("N",), 2: ("N", "O"), 3: ("N", "T", "O")}


class MSELoss:
    """평균 제곱 오차 L = mean((y - t)^2). 평균은 모든 원소에 대해 낸다.

    ``forward(y, t)`` 는 스칼라(float)를 돌려주고, ``backward()`` 는 dL/dy 를 돌려준다.
    """

    def __init__(self):
        self.diff = None

    def forward(self, y: np.ndarray, t: np.ndarray) -> float:
        """y, t : ndarray, 같은 모양 (예: (N, O) 또는 (N, T, O)) -> 손실 (스칼라)"""
        # 0 차원 배열이나 배열이 아닌 값은 (N, O) 를 기대한다고 말하며 거부된다
        ndim = y.ndim if isinstance(y, np.ndarray) and y.ndim >= 1 else 2
        check_array("y", y, _SYMBOLS.get(ndim, ("N",) + ("…",) * (ndim - 1)))
        check_array("t", t, y.shape)
        self.diff = y - t.astype(y.dtype, copy=False)
        return float(np.mean(self.diff**2))

    def backward(self) -> np.ndarray:
        """dL/dy = 2 (y - t) / (원소 수). 모양과 dtype 은 y 와 같다."""
        if self.diff is None:
            raise ValueError("y: backward() called before forward()")
        return (2.0 / self.diff.size) * self.diff


class SoftmaxCrossEntropy:
    """소프트맥스 교차 엔트로피. 로짓(softmax 이전의 출력)과 정수 정답을 받는다.

    L = -(1/M) Σ_{세는 위치} log softmax(logits)[정답], M = 세는 위치의 수.

    Parameters
    ----------
    ignore_index : int 또는 None
        정답이 이 값인 위치는 손실과 기울기에서 뺀다 (예: 채우기(padding) 기호).

    ``forward(logits, targets, mask=None)``
        logits : ndarray, shape (N, T, V) 또는 (N, V)
        targets : 정수 ndarray, shape (N, T) 또는 (N,), 값은 0..V-1 (ignore_index 는 예외)
        mask : bool 또는 0/1 ndarray, targets 와 같은 모양 (선택). 0 인 위치는 세지 않는다.
    """

    def __init__(self, ignore_index: int | None = None):
        if ignore_index is not None and (
            isinstance(ignore_index, bool) or not isinstance(ignore_index, (int, np.integer))
        ):
            raise ValueError(f"ignore_index: expected an int or None, got {type(ignore_index).__name__}")
        self.ignore_index = ignore_index
        self.cache = None

    def forward(self, logits: np.ndarray, targets: np.ndarray, mask: np.ndarray | None = None) -> float:
        check_array("logits", logits, ("N", "T", "V") if getattr(logits, "ndim", 0) == 3 else ("N", "V"))
        targets = check_class_targets(logits, targets)
        V = logits.shape[-1]
        counted = np.ones(targets.shape, dtype=bool)
        if self.ignore_index is not None:
            counted &= targets != self.ignore_index
        if mask is not None:
            check_array("mask", mask, targets.shape, float_only=False)
            if not (mask.dtype == bool or np.all((mask == 0) | (mask == 1))):
                raise ValueError(f"mask: expected bool or 0/1 values of shape {shape_str(targets.shape)}")
            counted &= mask.astype(bool)
        bad = counted & ((targets < 0) | (targets >= V))
        if np.any(bad):
            raise ValueError(
                f"targets: expected class indices in [0, {V}) of shape {shape_str(targets.shape)}, "
                f"got value {int(targets[bad][0])}"
            )
        M = int(counted.sum())
        if M == 0:
            raise ValueError("targets: every position is ignored or masked; nothing to average")
        # 무시되는 위치도 인덱싱할 수 있도록 0 으로 바꿔 두고, 가중치 0 으로 뺀다
        safe_t = np.where(counted, targets, 0)
        logp = log_softmax(logits, axis=-1)
        picked = np.take_along_axis(logp, safe_t[..., None], axis=-1)[..., 0]
        loss = -np.sum(picked * counted) / M
        self.cache = (logits, safe_t, counted, M)
        return float(loss)

    def backward(self) -> np.ndarray:
        """dL/dlogits = (softmax(logits) - onehot(t)) * counted / M. 모양과 dtype 은 logits 와 같다."""
        if self.cache is None:
            raise ValueError("logits: backward() called before forward()")
        logits, safe_t, counted, M = self.cache
        dx = softmax(logits, axis=-1)
        np.put_along_axis(
            dx, safe_t[..., None], np.take_along_axis(dx, safe_t[..., None], axis=-1) - 1, axis=-1
        )
        dx *= (counted / M).astype(logits.dtype)[..., None]
        return dx


def accuracy(logits: np.ndarray, targets: np.ndarray, mask: np.ndarray | None = None) -> float:
    """argmax 예측이 정답과 같은 비율. logits (N, [T,] V), targets (N, [T]), mask 는 선택."""
    check_array("logits", logits, ("N", "T", "V") if getattr(logits, "ndim", 0) == 3 else ("N", "V"))
    targets = check_class_targets(logits, targets)
    hit = np.argmax(logits, axis=-1) == targets
    if mask is None:
        return float(np.mean(hit))
    check_array("mask", mask, targets.shape, float_only=False)
    m = mask.astype(bool)
    if not m.any():
        raise ValueError("mask: every position is masked; nothing to average")
    return float(hit[m].mean())
