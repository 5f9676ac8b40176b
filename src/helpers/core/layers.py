"""출력층: 은닉 상태 h(t) 를 출력 y(t) 로 옮기는 어파인(affine) 계층.

책의 식은 y(t) = f(W_y h(t) + b) 이다. 여기서는 배치 우선(batch-major) 규약에 맞춰 행 벡터로
``y = h @ Wy + b`` 를 계산한다 (Wy 의 모양은 (H, O)).

출력 활성화 함수 f 는 이 계층이 아니라 손실 함수가 맡는다.

- 회귀(덧셈 문제 등): f 는 항등 함수이고 ``helpers.core.losses.MSELoss`` 가 y 를 그대로 쓴다.
- 분류(다음 글자 예측 등): f 는 소프트맥스이고 ``helpers.core.losses.SoftmaxCrossEntropy`` 가
  로짓(logit) y 에 log-sum-exp 로 소프트맥스를 적용한다. 소프트맥스와 교차 엔트로피를 합치면
  역전파가 ``softmax(y) - onehot(t)`` 로 간단해지고 수치적으로도 안정하다.
"""

from __future__ import annotations

import numpy as np

from helpers.core.validation import check_array, check_same_dtype

__all__ = ["Affine", "TimeAffine"]


class Affine:
    """마지막 시점의 은닉 상태 하나만 출력으로 옮긴다: (N, H) -> (N, O).

    Parameters
    ----------
    Wy : ndarray, shape (H, O)
    b : ndarray, shape (O,)

    ``params`` 는 [Wy, b] 이고, 넘겨받은 배열을 복사하지 않고 그대로 참조한다.
    ``grads`` 는 같은 모양의 배열이며 ``backward`` 가 제자리(in place)에서 덮어쓴다
    (최적화기가 같은 배열 객체를 계속 들고 있을 수 있도록).
    """

    def __init__(self, Wy: np.ndarray, b: np.ndarray):
        check_array("Wy", Wy, ("H", "O"))
        check_array("b", b, (Wy.shape[1],))
        check_same_dtype(Wy=Wy, b=b)
        self.params = [Wy, b]
        self.grads = [np.zeros_like(Wy), np.zeros_like(b)]
        self.h = None

    def forward(self, h: np.ndarray) -> np.ndarray:
        """h : ndarray, shape (N, H) -> y : ndarray, shape (N, O)"""
        Wy, b = self.params
        check_array("h", h, ("N", Wy.shape[0]))
        check_same_dtype(Wy=Wy, h=h)
        self.h = h
        return h @ Wy + b

    def backward(self, dy: np.ndarray) -> np.ndarray:
        """dy : ndarray, shape (N, O) -> dh : ndarray, shape (N, H). ``grads`` 를 채운다."""
        if self.h is None:
            raise ValueError("dy: backward() called before forward()")
        Wy, _ = self.params
        check_array("dy", dy, (self.h.shape[0], Wy.shape[1]))
        # 제자리 대입: grads 배열 객체는 바꾸지 않는다
        self.grads[0][...] = self.h.T @ dy
        self.grads[1][...] = dy.sum(axis=0)
        return dy @ Wy.T


class TimeAffine:
    """모든 시점의 은닉 상태를 한 번에 출력으로 옮긴다: (N, T, H) -> (N, T, O).

    y(t) = h(t) Wy + b 를 T 개 시점에 대해 같은 Wy, b 로 계산한다 (가중치 공유).
    시점 축을 배치 축과 합쳐 (N*T, H) @ (H, O) 행렬 곱 한 번으로 처리한다.

    Parameters
    ----------
    Wy : ndarray, shape (H, O)
    b : ndarray, shape (O,)
    """

    def __init__(self, Wy: np.ndarray, b: np.ndarray):
        check_array("Wy", Wy, ("H", "O"))
        check_array("b", b, (Wy.shape[1],))
        check_same_dtype(Wy=Wy, b=b)
        self.params = [Wy, b]
        self.grads = [np.zeros_like(Wy), np.zeros_like(b)]
        self.hs = None

    def forward(self, hs: np.ndarray) -> np.ndarray:
        """hs : ndarray, shape (N, T, H) -> ys : ndarray, shape (N, T, O)"""
        Wy, b = self.params
        check_array("hs", hs, ("N", "T", Wy.shape[0]))
        check_same_dtype(Wy=Wy, hs=hs)
        N, T, H = hs.shape
        self.hs = hs
        return (hs.reshape(N * T, H) @ Wy + b).reshape(N, T, -1)

    def backward(self, dys: np.ndarray) -> np.ndarray:
        """dys : ndarray, shape (N, T, O) -> dhs : ndarray, shape (N, T, H). ``grads`` 를 채운다."""
        if self.hs is None:
            raise ValueError("dys: backward() called before forward()")
        Wy, _ = self.params
        N, T, H = self.hs.shape
        O = Wy.shape[1]
        check_array("dys", dys, (N, T, O))
        dys2 = dys.reshape(N * T, O)
        # 모든 시점의 기울기를 더한다 (같은 Wy, b 를 T 번 썼으므로)
        self.grads[0][...] = self.hs.reshape(N * T, H).T @ dys2
        self.grads[1][...] = dys2.sum(axis=0)
        return (dys2 @ Wy.T).reshape(N, T, H)
