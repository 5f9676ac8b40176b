"""순환 신경망(RNN) 계층: 한 시점의 셀 ``RNN`` 과 시퀀스 전체를 처리하는 ``TimeRNN``.

h(t) = φ(x(t)·Wx + h(t−1)·Wh + b),  φ 는 기본값 tanh (그 밖에 "relu", "linear").

- ``RNN`` : 한 시점만 계산하는 셀. 책이 한 줄씩 보여 주는 가장 읽기 쉬운 판이다.
- ``TimeRNNStepwise`` : ``RNN`` 셀을 시점마다 만들어 이어 붙인 판 (밑바닥부터 시작하는 딥러닝 2 방식).
  빠른 판이 옳다는 기준이자 벤치마크의 비교 대상이다.
- ``TimeRNN`` : 같은 계산을 빠르게 한 판. 모든 시점의 입력 투영 x(t)·Wx 를 행렬 곱 한 번으로 끝내고,
  버퍼를 미리 잡아 두고 루프 안에서는 새 배열을 만들지 않는다. 테스트가 ``TimeRNNStepwise`` 와
  같은 값(float64 에서 1e-12 이내)을 내는지 확인한다.

모양은 배치 우선이다: xs (N, T, D), hs (N, T, H). 가중치는 Wx (D, H), Wh (H, H), b (H,).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from helpers.core.activations import activate, activation_grad
from helpers.core.validation import (
    check_activation,
    check_array,
    check_grad_output,
    check_same_dtype,
    check_sequence,
    check_state,
    check_weights,
    no_forward_error,
)

__all__ = ["RNN", "RNNCache", "TimeRNN", "TimeRNNStepwise"]


class RNNCache(NamedTuple):
    """``RNN.forward`` 가 역전파를 위해 남기는 값 (이름으로 읽는다: ``cache.h_next``)."""

    x: np.ndarray  # 입력 x(t), shape (N, D)
    h_prev: np.ndarray  # h(t−1), shape (N, H)
    h_next: np.ndarray  # h(t), shape (N, H)


# ---------------------------------------------------------------------------------------------------
# 한 시점의 셀
# ---------------------------------------------------------------------------------------------------
class RNN:
    """한 시점의 RNN 셀: h_next = tanh(x·Wx + h_prev·Wh + b).

    Wx : ndarray, shape (D, H);  Wh : ndarray, shape (H, H);  b : ndarray, shape (H,)
    activation : "tanh"(기본값), "relu", "linear"
    validate : 입력을 검사할지 여부. 시퀀스 전체를 이미 검사한 ``TimeRNNStepwise`` 만 False 로 만든다.
    """

    def __init__(self, Wx, Wh, b, activation: str = "tanh", *, validate: bool = True):
        if validate:
            check_activation(activation)
            check_weights(Wx, Wh, b)
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.activation = activation
        self.validate = validate
        self.cache = None

    def forward(self, x, h_prev):
        """x : shape (N, D), h_prev : shape (N, H) → h_next : shape (N, H)"""
        Wx, Wh, b = self.params
        if self.validate:
            N, _ = check_array("x", x, ("N", Wx.shape[0])).shape
            check_same_dtype(Wx=Wx, x=x)
            check_state("h_prev", h_prev, N, Wh.shape[0], x.dtype)

        a = np.dot(x, Wx) + np.dot(h_prev, Wh) + b  # 가중합
        h_next = activate(a, self.activation)  # h(t) = tanh(a) (기본값)

        self.cache = RNNCache(x, h_prev, h_next)
        return h_next

    def backward(self, dh_next):
        """dh_next : shape (N, H) → (dx : shape (N, D), dh_prev : shape (N, H)). grads 를 채운다."""
        if self.cache is None:
            raise no_forward_error(self)
        Wx, Wh, b = self.params
        x, h_prev, h_next = self.cache
        if self.validate:
            check_grad_output("dh_next", dh_next, h_next.shape, h_next.dtype)

        da = dh_next * activation_grad(h_next, self.activation)  # tanh 를 거쳐 역전파한다: (1 − h²)
        db = np.sum(da, axis=0)
        dWh = np.dot(h_prev.T, da)
        dh_prev = np.dot(da, Wh.T)
        dWx = np.dot(x.T, da)
        dx = np.dot(da, Wx.T)

        # grads 의 배열은 그대로 두고 값만 덮어쓴다 (다른 곳에서 참조하고 있어도 최신 값이 보인다)
        self.grads[0][...] = dWx
        self.grads[1][...] = dWh
        self.grads[2][...] = db
        return dx, dh_prev


# ---------------------------------------------------------------------------------------------------
# 시퀀스 계층: 읽기 쉬운 기준 판
# ---------------------------------------------------------------------------------------------------
class TimeRNNStepwise:
    """T 개의 ``RNN`` 셀을 이어 붙인 시퀀스 계층 (밑바닥부터 시작하는 딥러닝 2 의 TimeRNN 방식).

    빠른 ``TimeRNN`` 과 같은 인터페이스이고, 테스트에서 정답 역할을 한다.
    x(t)·Wx 도 시점마다 셀 안에서 따로 계산한다.
    """

    def __init__(self, Wx, Wh, b, activation: str = "tanh"):
        check_activation(activation)
        check_weights(Wx, Wh, b)
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.activation = activation
        self.layers = None
        self.h = None
        self.dh0 = None

    @property
    def hs(self):
        """마지막 forward 의 은닉 상태들, shape (N, T, H) (셀 캐시에서 모은다)."""
        if self.layers is None:
            return None
        return np.stack([layer.cache.h_next for layer in self.layers], axis=1)

    def forward(self, xs, h0=None):
        """xs : shape (N, T, D), h0 : shape (N, H) 또는 None(0) → hs : shape (N, T, H)"""
        Wx, Wh, b = self.params
        N, T, D = check_sequence(xs, Wx)
        H = Wh.shape[0]
        self.h = check_state("h0", h0, N, H, xs.dtype)

        self.layers = []
        hs = np.empty((N, T, H), dtype=xs.dtype)
        for t in range(T):
            # 시퀀스 전체를 위에서 검사했으므로 셀은 시점마다 다시 검사하지 않는다
            layer = RNN(Wx, Wh, b, self.activation, validate=False)
            self.h = layer.forward(xs[:, t, :], self.h)
            hs[:, t, :] = self.h
            self.layers.append(layer)
        return hs

    def backward(self, dhs):
        """dhs : shape (N, T, H) → dxs : shape (N, T, D). grads 와 dh0 을 채운다."""
        if self.layers is None:
            raise no_forward_error(self)
        Wx, Wh, b = self.params
        N, T, H = len(self.h), len(self.layers), Wh.shape[0]
        D = Wx.shape[0]
        check_grad_output("dhs", dhs, (N, T, H), self.h.dtype)

        dxs = np.empty((N, T, D), dtype=dhs.dtype)
        dh = np.zeros((N, H), dtype=dhs.dtype)  # 미래 시점에서 흘러 들어오는 기울기
        grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        for t in reversed(range(T)):
            layer = self.layers[t]
            dx, dh = layer.backward(dhs[:, t, :] + dh)  # 위(출력)와 오른쪽(미래)에서 온 기울기를 더한다
            dxs[:, t, :] = dx
            for i, grad in enumerate(layer.grads):
                grads[i] += grad  # 모든 시점이 같은 가중치를 쓰므로 기울기를 더한다

        for i, grad in enumerate(grads):
            self.grads[i][...] = grad  # grads 의 배열은 그대로 두고 값만 덮어쓴다
        self.dh0 = dh
        return dxs


# ---------------------------------------------------------------------------------------------------
# 시퀀스 계층: 빠른 판
# ---------------------------------------------------------------------------------------------------
class TimeRNN:
    """T 시점을 한꺼번에 처리하는 빠른 RNN 계층. ``TimeRNNStepwise`` 와 같은 값을 낸다.

    Wx : ndarray, shape (D, H);  Wh : ndarray, shape (H, H);  b : ndarray, shape (H,)
    activation : "tanh"(기본값), "relu", "linear"

    속도를 위한 선택 (값은 기준 판과 같다):
    - 내부 버퍼는 시간 우선 (T, N, ·) 이다. 시점 t 의 조각 (N, ·) 이 연속된 메모리라서
      행렬 곱에 그대로 넣을 수 있다.
    - 입력 투영 x(t)·Wx + b 는 모든 시점을 모아 행렬 곱 한 번에 계산한다.
      순환 부분 h(t−1)·Wh 만 시점마다 계산한다.
    - 루프 안에서는 새 배열을 만들지 않는다 (``out=`` 과 제자리 연산만 쓴다).
    - 가중치 기울기는 루프가 끝난 뒤 모든 시점을 모아 행렬 곱 한 번으로 계산한다.

    ``grads`` 의 세 배열은 생성할 때 한 번 만들고, backward 가 호출될 때마다 같은 배열에 값을 덮어쓴다
    (누적하지 않는다). 그래서 ``StackedRNN`` 이나 최적화기가 잡아 둔 참조가 늘 최신 기울기를 본다.
    """

    def __init__(self, Wx, Wh, b, activation: str = "tanh"):
        check_activation(activation)
        check_weights(Wx, Wh, b)
        self.params = [Wx, Wh, b]
        # 제자리 행렬 곱(out=)이 가능하도록 C 연속 배열로 만든다
        self.grads = [np.zeros(p.shape, dtype=p.dtype) for p in self.params]
        self.activation = activation
        self.h = None
        self.dh0 = None
        self.cache = None

    @property
    def hs(self):
        """마지막 forward 의 은닉 상태들, shape (N, T, H) (내부 캐시의 읽기 전용 뷰)."""
        if self.cache is None:
            return None
        view = self.cache["Hs"][1:].transpose(1, 0, 2)
        view.flags.writeable = False
        return view

    def forward(self, xs, h0=None):
        """xs : shape (N, T, D), h0 : shape (N, H) 또는 None(0) → hs : shape (N, T, H)"""
        Wx, Wh, b = self.params
        N, T, D = check_sequence(xs, Wx)
        H = Wh.shape[0]
        h0 = check_state("h0", h0, N, H, xs.dtype)

        # 시간 우선으로 한 번 복사한다: X[t] = x(t), shape (N, D)
        X = np.ascontiguousarray(xs.transpose(1, 0, 2))
        # Hs[0] = h0, Hs[t + 1] = h(t): 모든 은닉 상태를 담을 버퍼를 미리 잡는다
        Hs = np.empty((T + 1, N, H), dtype=xs.dtype)
        Hs[0] = h0
        # 모든 시점의 입력 투영을 행렬 곱 한 번으로: A[t] = x(t)·Wx + b
        A = np.dot(X.reshape(T * N, D), Wx).reshape(T, N, H)
        A += b

        act = self.activation
        for t in range(T):
            h_next = Hs[t + 1]  # 이 시점의 결과를 쓸 버퍼 (뷰)
            np.dot(Hs[t], Wh, out=h_next)  # h(t−1)·Wh 를 버퍼에 바로 쓴다
            h_next += A[t]  # + x(t)·Wx + b
            if act == "tanh":
                np.tanh(h_next, out=h_next)  # 제자리 tanh
            elif act == "relu":
                np.maximum(h_next, 0, out=h_next)  # 제자리 ReLU
            # linear 는 그대로 둔다

        self.cache = {"X": X, "Hs": Hs}
        self.h = Hs[T].copy()
        # 캐시를 보호하려고 배치 우선의 새 배열로 돌려준다
        return np.ascontiguousarray(Hs[1:].transpose(1, 0, 2))

    def backward(self, dhs):
        """dhs : shape (N, T, H) → dxs : shape (N, T, D). grads(제자리)와 dh0 을 채운다."""
        if self.cache is None:
            raise no_forward_error(self)
        Wx, Wh, b = self.params
        X, Hs = self.cache["X"], self.cache["Hs"]
        T1, N, H = Hs.shape
        T, D = T1 - 1, Wx.shape[0]
        check_grad_output("dhs", dhs, (N, T, H), Hs.dtype)

        dHs = dhs.transpose(1, 0, 2)  # 시간 우선 뷰 (복사하지 않는다)
        # dA[t] = ∂L/∂a(t): 먼저 φ'(a(t)) 를 모든 시점에 한꺼번에 채우고, 루프에서 제자리로 곱한다
        dA = activation_grad(Hs[1:], self.activation)
        WhT = Wh.T
        dh = np.zeros((N, H), dtype=Hs.dtype)  # 미래 시점에서 흘러 들어오는 기울기 (버퍼를 재사용한다)
        for t in range(T - 1, -1, -1):
            da = dA[t]  # 지금은 φ'(a(t)) 가 들어 있다
            dh += dHs[t]  # 위(출력)와 오른쪽(미래)에서 온 기울기를 더한다
            da *= dh  # 활성화 함수를 거쳐 역전파한다: da = dh ⊙ φ'(a)
            np.dot(da, WhT, out=dh)  # 이전 시점으로 보낼 기울기 dh(t−1) = da·Whᵀ (dh 를 덮어쓴다)

        # 가중치 기울기: 모든 시점을 모아 행렬 곱 한 번 (grads 배열에 제자리로 쓴다)
        dA2 = dA.reshape(T * N, H)
        np.dot(X.reshape(T * N, D).T, dA2, out=self.grads[0])
        np.dot(Hs[:-1].reshape(T * N, H).T, dA2, out=self.grads[1])
        np.sum(dA2, axis=0, out=self.grads[2])
        self.dh0 = dh
        dX = np.dot(dA2, Wx.T).reshape(T, N, D)
        return np.ascontiguousarray(dX.transpose(1, 0, 2))
