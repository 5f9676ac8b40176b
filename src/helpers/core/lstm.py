"""LSTM 계층: 한 시점의 셀 ``LSTM`` 과 시퀀스 전체를 처리하는 ``TimeLSTM``.

게이트는 마지막 축에 i(입력 게이트), f(삭제 게이트), g(후보 값), o(출력 게이트) 순서로 쌓는다
(PyTorch 와 같은 순서라서 가중치가 일대일로 대응한다):
Wx (D, 4H), Wh (H, 4H), b (4H,).

    [i, f, g, o] = [σ, σ, tanh, σ](x(t)·Wx + h(t−1)·Wh + b)
    c(t) = f ⊙ c(t−1) + i ⊙ g
    h(t) = o ⊙ tanh(c(t))

- ``LSTM`` : 한 시점만 계산하는 셀. 책이 게이트마다 한 줄씩 보여 주는 판이다.
- ``TimeLSTMStepwise`` : ``LSTM`` 셀을 시점마다 이어 붙인 기준 판.
- ``TimeLSTM`` : 같은 계산을 빠르게 한 판. 테스트가 기준 판과 같은 값을 내는지 확인한다.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from helpers.core.activations import sigmoid
from helpers.core.validation import (
    check_array,
    check_grad_output,
    check_same_dtype,
    check_sequence,
    check_state,
    check_weights,
    no_forward_error,
)

__all__ = ["LSTM", "LSTMCache", "TimeLSTM", "TimeLSTMStepwise"]


class LSTMCache(NamedTuple):
    """``LSTM.forward`` 가 역전파를 위해 남기는 값. 모두 shape (N, ·) 이고, 이름으로 읽는다 (``cache.f``).

    튜플이기도 해서 예전처럼 위치로 풀어 쓸 수도 있다 (x, h_prev, c_prev, i, f, g, o, c_next 순서).
    """

    x: np.ndarray  # 입력 x(t), shape (N, D)
    h_prev: np.ndarray  # h(t−1)
    c_prev: np.ndarray  # c(t−1)
    i: np.ndarray  # 입력 게이트
    f: np.ndarray  # 삭제 게이트
    g: np.ndarray  # 후보 값
    o: np.ndarray  # 출력 게이트
    c_next: np.ndarray  # c(t)


# ---------------------------------------------------------------------------------------------------
# 한 시점의 셀
# ---------------------------------------------------------------------------------------------------
class LSTM:
    """한 시점의 LSTM 셀.

    Wx : ndarray, shape (D, 4H);  Wh : ndarray, shape (H, 4H);  b : ndarray, shape (4H,)
    validate : 입력을 검사할지 여부. 시퀀스 전체를 이미 검사한 ``TimeLSTMStepwise`` 만 False 로 만든다.
    """

    def __init__(self, Wx, Wh, b, *, validate: bool = True):
        if validate:
            check_weights(Wx, Wh, b, n_gates=4)
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.validate = validate
        self.cache = None

    def forward(self, x, h_prev, c_prev):
        """x : shape (N, D), h_prev, c_prev : shape (N, H) → (h_next, c_next), 각각 shape (N, H)"""
        Wx, Wh, b = self.params
        H = Wh.shape[0]
        if self.validate:
            N, _ = check_array("x", x, ("N", Wx.shape[0])).shape
            check_same_dtype(Wx=Wx, x=x)
            check_state("h_prev", h_prev, N, H, x.dtype)
            check_state("c_prev", c_prev, N, H, x.dtype)

        A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b  # 네 게이트의 가중합을 한꺼번에, shape (N, 4H)

        i = sigmoid(A[:, :H])  # 입력 게이트
        f = sigmoid(A[:, H : 2 * H])  # 삭제 게이트
        g = np.tanh(A[:, 2 * H : 3 * H])  # 후보 값
        o = sigmoid(A[:, 3 * H :])  # 출력 게이트
        c_next = f * c_prev + i * g  # 셀 상태
        h_next = o * np.tanh(c_next)  # 은닉 상태

        self.cache = LSTMCache(x, h_prev, c_prev, i, f, g, o, c_next)
        return h_next, c_next

    def backward(self, dh_next, dc_next):
        """dh_next, dc_next : shape (N, H) → (dx (N, D), dh_prev (N, H), dc_prev (N, H)). grads 를 채운다."""
        if self.cache is None:
            raise no_forward_error(self)
        Wx, Wh, b = self.params
        x, h_prev, c_prev, i, f, g, o, c_next = self.cache
        if self.validate:
            check_grad_output("dh_next", dh_next, c_next.shape, c_next.dtype)
            check_grad_output("dc_next", dc_next, c_next.shape, c_next.dtype)

        tanh_c = np.tanh(c_next)
        # ① 셀 상태로 모이는 기울기: 미래의 몫 + h(t) = o ⊙ tanh(c(t)) 를 거친 몫
        dc = dc_next + dh_next * o * (1 - tanh_c**2)
        # ② 셀 상태를 따라 이전 시점으로: c(t−1) 에는 f 만 곱해졌다
        dc_prev = dc * f
        # ③ 게이트 값의 기울기
        di, df, dg = dc * g, dc * c_prev, dc * i
        do = dh_next * tanh_c
        # ④ 활성화 함수를 거슬러 가중합으로: σ' = σ(1 − σ), tanh' = 1 − tanh²
        da_i, da_f = di * i * (1 - i), df * f * (1 - f)
        da_g, da_o = dg * (1 - g**2), do * o * (1 - o)
        dA = np.hstack((da_i, da_f, da_g, da_o))  # i, f, g, o 순서, shape (N, 4H)
        # ⑤ 가중치: A = x·Wx + h_prev·Wh + b 라서 2장과 같다
        dWx, dWh, db = np.dot(x.T, dA), np.dot(h_prev.T, dA), dA.sum(axis=0)
        # ⑥ 입력과 이전 은닉 상태로
        dx, dh_prev = np.dot(dA, Wx.T), np.dot(dA, Wh.T)

        # grads 의 배열은 그대로 두고 값만 덮어쓴다
        self.grads[0][...] = dWx
        self.grads[1][...] = dWh
        self.grads[2][...] = db
        return dx, dh_prev, dc_prev


# ---------------------------------------------------------------------------------------------------
# 시퀀스 계층: 읽기 쉬운 기준 판
# ---------------------------------------------------------------------------------------------------
class TimeLSTMStepwise:
    """T 개의 ``LSTM`` 셀을 이어 붙인 시퀀스 계층 (밑바닥부터 시작하는 딥러닝 2 방식).

    ``TimeLSTM`` 과 같은 인터페이스이고, 테스트에서 정답 역할을 한다.
    """

    def __init__(self, Wx, Wh, b):
        check_weights(Wx, Wh, b, n_gates=4)
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.layers = None
        self.h = self.c = None
        self.h0 = self.c0 = None
        self.dh0 = self.dc0 = None

    @property
    def gates(self):
        """마지막 forward 의 게이트 값: "i", "f", "g", "o", "c" → shape (N, T, H) (셀 캐시에서 모은다)."""
        if self.layers is None:
            return None
        caches = [layer.cache for layer in self.layers]
        fields = {"i": "i", "f": "f", "g": "g", "o": "o", "c": "c_next"}  # 게이트 이름 → LSTMCache 의 필드
        return {k: np.stack([getattr(cache, name) for cache in caches], axis=1) for k, name in fields.items()}

    def forward(self, xs, h0=None, c0=None):
        """xs : shape (N, T, D), h0, c0 : shape (N, H) 또는 None(0) → hs : shape (N, T, H)"""
        Wx, Wh, b = self.params
        N, T, D = check_sequence(xs, Wx)
        H = Wh.shape[0]
        self.h0 = self.h = check_state("h0", h0, N, H, xs.dtype)
        self.c0 = self.c = check_state("c0", c0, N, H, xs.dtype)

        self.layers = []
        hs = np.empty((N, T, H), dtype=xs.dtype)
        for t in range(T):
            # 시퀀스 전체를 위에서 검사했으므로 셀은 시점마다 다시 검사하지 않는다
            layer = LSTM(Wx, Wh, b, validate=False)
            self.h, self.c = layer.forward(xs[:, t, :], self.h, self.c)
            hs[:, t, :] = self.h
            self.layers.append(layer)
        return hs

    def backward(self, dhs):
        """dhs : shape (N, T, H) → dxs : shape (N, T, D). grads, dh0, dc0 을 채운다."""
        if self.layers is None:
            raise no_forward_error(self)
        Wx, Wh, b = self.params
        N, T, H = len(self.h), len(self.layers), Wh.shape[0]
        D = Wx.shape[0]
        check_grad_output("dhs", dhs, (N, T, H), self.h.dtype)

        dxs = np.empty((N, T, D), dtype=dhs.dtype)
        dh = np.zeros((N, H), dtype=dhs.dtype)  # 미래 시점에서 온 은닉 상태의 기울기
        dc = np.zeros((N, H), dtype=dhs.dtype)  # 미래 시점에서 온 셀 상태의 기울기
        grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        for t in reversed(range(T)):
            layer = self.layers[t]
            dx, dh, dc = layer.backward(dhs[:, t, :] + dh, dc)
            dxs[:, t, :] = dx
            for i, grad in enumerate(layer.grads):
                grads[i] += grad  # 모든 시점이 같은 가중치를 쓰므로 기울기를 더한다

        for i, grad in enumerate(grads):
            self.grads[i][...] = grad
        self.dh0, self.dc0 = dh, dc
        return dxs


# ---------------------------------------------------------------------------------------------------
# 시퀀스 계층: 빠른 판
# ---------------------------------------------------------------------------------------------------
class TimeLSTM:
    """T 시점을 한꺼번에 처리하는 빠른 LSTM 계층. ``TimeLSTMStepwise`` 와 같은 값을 낸다.

    Wx : ndarray, shape (D, 4H);  Wh : ndarray, shape (H, 4H);  b : ndarray, shape (4H,)

    속도를 위한 선택 (값은 기준 판과 반올림 오차 몇 ulp 안에서 같다; 아주 작은 가중합에서도 상대 오차가 작다):
    - 내부 버퍼는 시간 우선 (T, N, ·) 이라서 시점 t 의 조각이 연속된 메모리다.
    - 입력 투영 x(t)·Wx + b 는 모든 시점을 모아 행렬 곱 한 번에 계산한다.
    - 네 게이트를 np.tanh 한 번으로 계산한다: σ(a) = tanh(a/2)/2 + 1/2. 시그모이드 열(i, f, o)의 가중치에 1/2 을
      미리 곱해 두면 (2 의 거듭제곱이라 반올림 오차가 없다) 가중합이 곧 a/2 가 된다. 게이트 열은 안에서만
      [i, f, o, g] 순서로 바꿔 두어 시그모이드 세 게이트가 한 덩어리가 된다.
      np.tanh 는 0 근처에서도 상대 오차가 몇 ulp 이고 넘치지 않는다 (그래서 np.errstate 가 필요 없다). 이 NumPy 의
      float32 np.tanh 는 np.exp 보다 빠르고, float64 에서도 계층 전체의 시간은 1 / (1 + e^(−a)) 와 재는 오차 안에서
      같다 (``benchmarks/core.py`` 의 활성화 함수 절).
    - 루프 안에서는 새 배열을 만들지 않는다 (``out=`` 과 제자리 연산만 쓴다).
    - 역전파에서 게이트 미분처럼 미래와 무관한 값은 루프 밖에서 모든 시점에 한꺼번에 계산한다.

    ``grads`` 의 세 배열은 생성할 때 한 번 만들고 backward 마다 같은 배열에 값을 덮어쓴다 (누적하지 않는다).
    """

    def __init__(self, Wx, Wh, b):
        check_weights(Wx, Wh, b, n_gates=4)
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros(p.shape, dtype=p.dtype) for p in self.params]  # C 연속 (out= 용)
        self.h = self.c = None
        self.h0 = self.c0 = None
        self.dh0 = self.dc0 = None
        self.cache = None

    @staticmethod
    def _gate_views(gates: np.ndarray, H: int) -> dict[str, np.ndarray]:
        """안쪽 순서 [i, f, o, g] 로 쌓인 게이트 버퍼 (…, 4H) 에서 게이트마다의 뷰 (…, H)."""
        return {k: gates[..., j * H : (j + 1) * H] for j, k in enumerate("ifog")}

    @property
    def gates(self):
        """마지막 forward 의 게이트 값: "i", "f", "g", "o", "c" → shape (N, T, H).

        내부 캐시를 가리키는 읽기 전용 뷰라서 복사 비용이 없다. 다음 forward 가 캐시를 새로 만들면
        이전 뷰는 이전 값을 그대로 가리킨다.
        """
        if self.cache is None:
            return None
        Cs = self.cache["Cs"]
        out = {k: v.transpose(1, 0, 2) for k, v in self._gate_views(self.cache["gates"], Cs.shape[2]).items()}
        out["c"] = Cs[1:].transpose(1, 0, 2)
        for v in out.values():
            v.flags.writeable = False
        return out

    def forward(self, xs, h0=None, c0=None):
        """xs : shape (N, T, D), h0, c0 : shape (N, H) 또는 None(0) → hs : shape (N, T, H)"""
        Wx, Wh, b = self.params
        N, T, D = check_sequence(xs, Wx)
        H = Wh.shape[0]
        dtype = xs.dtype
        self.h0 = check_state("h0", h0, N, H, dtype)
        self.c0 = check_state("c0", c0, N, H, dtype)

        # 열 순서 [i, f, g, o] → 안쪽 순서 [i, f, o, g]. 시그모이드 열(i, f, o)에는 1/2 을 곱한다
        inner = np.r_[0 : 2 * H, 3 * H : 4 * H, 2 * H : 3 * H]
        scale = np.ones(4 * H, dtype=dtype)
        scale[: 3 * H] = 0.5
        shift = np.zeros(4 * H, dtype=dtype)
        shift[: 3 * H] = 0.5  # σ(a) = tanh(a/2)·1/2 + 1/2 의 1/2 (g 열은 0)
        Wh_inner = Wh[:, inner] * scale

        X = np.ascontiguousarray(xs.transpose(1, 0, 2))  # 시간 우선, shape (T, N, D)
        # 게이트 버퍼: 처음에는 입력 투영 (x(t)·Wx + b) 에 scale 을 곱한 값, 루프를 지나면 게이트 [i, f, o, g]
        gates = np.dot(X.reshape(T * N, D), Wx[:, inner] * scale).reshape(T, N, 4 * H)
        gates += b[inner] * scale
        Hs = np.empty((T + 1, N, H), dtype=dtype)  # Hs[t + 1] = h(t), Hs[0] = h0
        Cs = np.empty((T + 1, N, H), dtype=dtype)  # Cs[t + 1] = c(t), Cs[0] = c0
        tanh_Cs = np.empty((T, N, H), dtype=dtype)  # tanh_Cs[t] = tanh(c(t)) (역전파에서 다시 쓴다)
        Hs[0], Cs[0] = self.h0, self.c0
        recurrent = np.empty((N, 4 * H), dtype=dtype)  # h(t−1)·Wh 를 받을 버퍼
        ig = np.empty((N, H), dtype=dtype)
        # scale, shift 를 (N, 4H) 로 펼쳐 둔다: 모양이 같은 연속 배열끼리의 연산이 행마다 되풀이하는 브로드캐스트보다 두 배 빠르다
        scale_rows = np.broadcast_to(scale, (N, 4 * H)).copy()
        shift_rows = np.broadcast_to(shift, (N, 4 * H)).copy()

        for t in range(T):
            z = gates[t]  # (N, 4H) 뷰: 이 시점의 게이트를 제자리에서 계산한다
            np.dot(Hs[t], Wh_inner, out=recurrent)
            z += recurrent  # 가중합 a 에 scale 을 곱한 값: i, f, o 열은 a/2, g 열은 a
            np.tanh(z, out=z)  # 네 게이트를 한 번에: g 열은 후보 값 tanh(a), i, f, o 열은 tanh(a/2)
            # 시그모이드 세 게이트: σ(a) = tanh(a/2)·1/2 + 1/2. 행 전체(연속된 메모리)에 곱하고 더한다: g 열은 1 을 곱하고
            # 0 을 더해 값이 그대로다. i, f, o 열만 고른 조각(행마다 건너뛰는 메모리)에 하는 것보다 빠르고 값은 같다
            z *= scale_rows
            z += shift_rows
            i, f, o, g = z[:, :H], z[:, H : 2 * H], z[:, 2 * H : 3 * H], z[:, 3 * H :]
            c_next = Cs[t + 1]
            np.multiply(f, Cs[t], out=c_next)  # 셀 상태: f ⊙ c(t−1)
            np.multiply(i, g, out=ig)
            c_next += ig  # + i ⊙ g
            np.tanh(c_next, out=tanh_Cs[t])
            np.multiply(o, tanh_Cs[t], out=Hs[t + 1])  # 은닉 상태: o ⊙ tanh(c(t))

        self.cache = {"X": X, "gates": gates, "Hs": Hs, "Cs": Cs, "tanh_Cs": tanh_Cs}
        self.h, self.c = Hs[T].copy(), Cs[T].copy()
        return np.ascontiguousarray(Hs[1:].transpose(1, 0, 2))

    def backward(self, dhs):
        """dhs : shape (N, T, H) → dxs : shape (N, T, D). grads(제자리), dh0, dc0 을 채운다."""
        if self.cache is None:
            raise no_forward_error(self)
        Wx, Wh, b = self.params
        X, Hs, Cs, tanh_Cs = (self.cache[k] for k in ("X", "Hs", "Cs", "tanh_Cs"))
        T, N, H = tanh_Cs.shape
        D = Wx.shape[0]
        dtype = tanh_Cs.dtype
        check_grad_output("dhs", dhs, (N, T, H), dtype)

        gate = self._gate_views(self.cache["gates"], H)  # 각 (T, N, H)
        i, f, g, o = gate["i"], gate["f"], gate["g"], gate["o"]
        # dA = ∂L/∂a, 게이트 순서 [i, f, g, o] (가중치와 같은 순서). ③④ 에서 미래와 무관한 계수를 먼저 모든 시점에 채운다:
        #   ∂L/∂a_i = dc·[g·i(1−i)],  ∂L/∂a_f = dc·[c(t−1)·f(1−f)],  ∂L/∂a_g = dc·[i(1−g²)],
        #   ∂L/∂a_o = dh·[tanh c·o(1−o)],  그리고 dc(t) = dc(t+1)·f(t+1) + dh·[o(1 − tanh² c)]
        dA = np.empty((T, N, 4 * H), dtype=dtype)  # 루프에서 제자리로 dc 또는 dh 를 곱해 ∂L/∂a 가 된다
        dA_i, dA_f, dA_g, dA_o = (dA[..., j * H : (j + 1) * H] for j in range(4))
        np.subtract(1, i, out=dA_i)
        dA_i *= i
        dA_i *= g
        np.subtract(1, f, out=dA_f)
        dA_f *= f
        dA_f *= Cs[:-1]
        np.square(g, out=dA_g)
        np.subtract(1, dA_g, out=dA_g)
        dA_g *= i
        np.subtract(1, o, out=dA_o)
        dA_o *= o
        dA_o *= tanh_Cs
        dh_to_dc = np.square(tanh_Cs)  # ∂c 로 가는 dh 의 몫: o(1 − tanh² c)
        np.subtract(1, dh_to_dc, out=dh_to_dc)
        dh_to_dc *= o

        dA_by_gate = dA.reshape(T, N, 4, H)  # 게이트 축을 따로 본 뷰: i, f, g 는 같은 dc 를 곱한다
        dHs = dhs.transpose(1, 0, 2)  # 시간 우선 뷰 (복사하지 않는다)
        WhT = Wh.T
        dh = np.zeros((N, H), dtype=dtype)  # 미래 시점에서 온 은닉 상태의 기울기 (버퍼 재사용)
        dc = np.zeros((N, H), dtype=dtype)  # 미래 시점에서 온 셀 상태의 기울기 (버퍼 재사용)
        tmp = np.empty((N, H), dtype=dtype)
        for t in range(T - 1, -1, -1):
            dh += dHs[t]  # 위(출력)와 오른쪽(미래)에서 온 기울기를 더한다: dh_next
            np.multiply(dh, dh_to_dc[t], out=tmp)
            dc += tmp  # ① 셀 상태의 기울기: 미래에서 온 것 + h(t) = o·tanh(c(t)) 를 거쳐 온 것
            dA_by_gate[t, :, :3] *= dc[:, None, :]  # ③④ i, f, g 게이트의 ∂L/∂a
            dA_o[t] *= dh  # ③④ o 게이트의 ∂L/∂a
            np.dot(dA[t], WhT, out=dh)  # ⑥ dh(t−1) = ∂L/∂a·Whᵀ (dh 를 덮어쓴다)
            dc *= f[t]  # ② dc(t−1) = dc(t)·f(t) (셀 상태를 따라 곧장 흐른다)

        # ⑤ 가중치 기울기: 모든 시점을 모아 행렬 곱 한 번 (grads 배열에 제자리로 쓴다)
        dA2 = dA.reshape(T * N, 4 * H)
        np.dot(X.reshape(T * N, D).T, dA2, out=self.grads[0])
        np.dot(Hs[:-1].reshape(T * N, H).T, dA2, out=self.grads[1])
        np.sum(dA2, axis=0, out=self.grads[2])
        self.dh0, self.dc0 = dh, dc
        dX = np.dot(dA2, Wx.T).reshape(T, N, D)  # ⑥ 입력의 기울기도 모든 시점을 한 번에
        return np.ascontiguousarray(dX.transpose(1, 0, 2))
