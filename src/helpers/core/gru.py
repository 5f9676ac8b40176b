"""GRU 계층: 한 시점의 셀 ``GRU`` 와 시퀀스 전체를 처리하는 ``TimeGRU``.

게이트는 마지막 축에 r(리셋 게이트), z(업데이트 게이트), g(후보 값) 순서로 쌓는다:
Wx (D, 3H), Wh (H, 3H), b (3H,). 식은 Cho et al. (2014) 의 것이다 (D2L 과 같다).

    r = σ(x(t)·Wx_r + h(t−1)·Wh_r + b_r)
    z = σ(x(t)·Wx_z + h(t−1)·Wh_z + b_z)
    g = tanh(x(t)·Wx_g + (r ⊙ h(t−1))·Wh_g + b_g)
    h(t) = z ⊙ h(t−1) + (1 − z) ⊙ g

PyTorch 의 ``nn.GRU`` (cuDNN, Keras 의 ``reset_after=True``) 는 r 을 행렬 곱 **뒤에** 곱하고, 그 안에 편향을
하나 더 둔다: g = tanh(x(t)·Wx_g + b_g + r ⊙ (h(t−1)·Wh_g + b_hn)). ``reset_after=True`` 가 이 판이다.
이때 params 는 [Wx, Wh, b, b_hn] 이고 b_hn 의 모양은 (H,) 이다. 가중치 대응은
weight_ih = Wxᵀ, weight_hh = Whᵀ, b = bias_ih + [bias_hh_r, bias_hh_z, 0], b_hn = bias_hh_n (게이트 순서 r, z, n 이 같다).

- ``GRU`` : 한 시점만 계산하는 셀. 책이 식마다 한 줄씩 보여 주는 판이다.
- ``TimeGRUStepwise`` : ``GRU`` 셀을 시점마다 이어 붙인 기준 판.
- ``TimeGRU`` : 같은 계산을 빠르게 한 판. 테스트가 기준 판과 같은 값을 내는지 확인한다.
- ``init_gru`` : 파라미터 초기화 (Wx 는 Xavier, Wh 는 게이트마다 직교 행렬).
- ``gru_step_jacobians`` : 한 시점의 야코비 행렬 ∂h(t)/∂h(t−1) (helpers.core.jacobian 이 쓴다).
"""

from __future__ import annotations

import numpy as np

from helpers.core.activations import sigmoid
from helpers.core.init import orthogonal, xavier
from helpers.core.validation import (
    check_array,
    check_dtype,
    check_grad_output,
    check_real,
    check_rng,
    check_same_dtype,
    check_sequence,
    check_size,
    check_state,
    check_weights,
    no_forward_error,
)

__all__ = ["GRU", "TimeGRU", "TimeGRUStepwise", "gru_step_back", "gru_step_jacobians", "init_gru"]

GATES = "rzg"  # 쌓는 순서: 리셋 게이트, 업데이트 게이트, 후보 값


# ---------------------------------------------------------------------------------------------------
# 입력 검사와 초기화
# ---------------------------------------------------------------------------------------------------
def _check_gru_params(Wx, Wh, b, reset_after, b_hn) -> list[np.ndarray]:
    """가중치를 검사하고 params 목록 ([Wx, Wh, b] 또는 [Wx, Wh, b, b_hn]) 을 돌려준다."""
    if not isinstance(reset_after, bool):
        raise ValueError(f"reset_after: expected True or False, got {reset_after!r}")
    _, H = check_weights(Wx, Wh, b, n_gates=3)
    if not reset_after:
        if b_hn is not None:
            raise ValueError(
                "b_hn: expected None (the second bias belongs to the reset_after=True variant), "
                f"got {type(b_hn).__name__}"
            )
        return [Wx, Wh, b]
    if b_hn is None:
        b_hn = np.zeros(H, dtype=Wh.dtype)
    check_array("b_hn", b_hn, (H,))
    check_same_dtype(Wh=Wh, b_hn=b_hn)
    return [Wx, Wh, b, b_hn]


def init_gru(
    rng: np.random.Generator,
    D: int,
    H: int,
    *,
    update_bias: float = 0.0,
    dtype=np.float64,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """GRU 파라미터 (Wx (D, 3H), Wh (H, 3H), b (3H,)), 게이트 순서 r, z, g.

    게이트마다 Wx 블록은 Xavier (D, H), Wh 블록은 직교 행렬 (H, H) 로 따로 뽑아 마지막 축에 잇는다
    (``init_lstm`` 과 같은 방식). 편향은 0 이되 업데이트 게이트 z 블록 b[H:2H] 만 ``update_bias`` 이다.
    z 는 이전 은닉 상태를 남기는 몫이므로 LSTM 의 삭제 게이트 편향과 같은 역할을 한다:
    update_bias = 1 이면 처음부터 σ(1) ≈ 0.73 만큼 이전 상태를 남긴다.
    """
    check_rng(rng)
    D = check_size("D", D)
    H = check_size("H", H)
    update_bias = check_real("update_bias", update_bias)
    dt = check_dtype(dtype)
    Wx = np.concatenate([xavier(rng, D, H, dt) for _ in range(3)], axis=1)
    Wh = np.concatenate([orthogonal(rng, H, dtype=dt) for _ in range(3)], axis=1)
    b = np.zeros(3 * H, dtype=dt)
    b[H : 2 * H] = update_bias  # r, z, g 중 z 블록
    return Wx, Wh, b


# ---------------------------------------------------------------------------------------------------
# 한 시점의 셀
# ---------------------------------------------------------------------------------------------------
class GRU:
    """한 시점의 GRU 셀.

    Wx : ndarray, shape (D, 3H);  Wh : ndarray, shape (H, 3H);  b : ndarray, shape (3H,)
    reset_after : True 면 PyTorch 판 (r 을 Wh_g 의 행렬 곱 뒤에 곱한다), 편향 b_hn (H,) 을 더 둔다.
    b_hn : reset_after=True 일 때의 두 번째 편향 (None 이면 0).
    validate : 입력을 검사할지 여부. 시퀀스 전체를 이미 검사한 ``TimeGRUStepwise`` 만 False 로 만든다.
    """

    def __init__(self, Wx, Wh, b, *, reset_after: bool = False, b_hn=None, validate: bool = True):
        if validate:
            self.params = _check_gru_params(Wx, Wh, b, reset_after, b_hn)
        else:
            self.params = [Wx, Wh, b] + ([b_hn] if reset_after else [])
        self.grads = [np.zeros_like(p) for p in self.params]
        self.reset_after = reset_after
        self.validate = validate
        self.cache = None

    def _check_forward(self, x, h_prev) -> None:
        Wx, Wh = self.params[0], self.params[1]
        N, _ = check_array("x", x, ("N", Wx.shape[0])).shape
        check_same_dtype(x=x, Wx=Wx)
        check_state("h_prev", h_prev, N, Wh.shape[0], x.dtype)

    def forward(self, x, h_prev):
        """x : shape (N, D), h_prev : shape (N, H) → h_next : shape (N, H)"""
        if self.validate:
            self._check_forward(x, h_prev)
        if self.reset_after:
            return self._forward_reset_after(x, h_prev)  # PyTorch 판 (아래)
        Wx, Wh, b = self.params
        H = Wh.shape[0]
        Wh_r, Wh_z, Wh_g = Wh[:, :H], Wh[:, H : 2 * H], Wh[:, 2 * H :]

        A = np.dot(x, Wx) + b  # 입력 쪽 가중합을 세 곳 한꺼번에, shape (N, 3H)
        r = sigmoid(A[:, :H] + np.dot(h_prev, Wh_r))  # 리셋 게이트
        z = sigmoid(A[:, H : 2 * H] + np.dot(h_prev, Wh_z))  # 업데이트 게이트
        g = np.tanh(A[:, 2 * H :] + np.dot(r * h_prev, Wh_g))  # 후보 값
        h_next = z * h_prev + (1 - z) * g  # 은닉 상태

        self.cache = (x, h_prev, r, z, g, None)
        return h_next

    def _forward_reset_after(self, x, h_prev):
        """PyTorch 판의 한 시점: 리셋 게이트를 행렬 곱 뒤에서 곱하고, 그 안에 편향 b_hn 을 더 둔다."""
        Wx, Wh, b, b_hn = self.params
        H = Wh.shape[0]

        A = np.dot(x, Wx) + b  # 입력 쪽 가중합, shape (N, 3H)
        M = np.dot(h_prev, Wh)  # 순환 쪽 가중합도 세 곳 한꺼번에 (r 을 알기 전에 계산할 수 있다)
        r = sigmoid(A[:, :H] + M[:, :H])
        z = sigmoid(A[:, H : 2 * H] + M[:, H : 2 * H])
        m = M[:, 2 * H :] + b_hn
        g = np.tanh(A[:, 2 * H :] + r * m)  # 기본 판의 np.dot(r * h_prev, Wh_g) 대신 r * m
        h_next = z * h_prev + (1 - z) * g

        self.cache = (x, h_prev, r, z, g, m)
        return h_next

    def backward(self, dh_next):
        """dh_next : shape (N, H) → (dx (N, D), dh_prev (N, H)). grads 를 채운다."""
        if self.cache is None:
            raise no_forward_error(self)
        Wx, Wh = self.params[0], self.params[1]
        H = Wh.shape[0]
        x, h_prev, r, z, g, m = self.cache
        if self.validate:
            check_grad_output("dh_next", dh_next, h_prev.shape, h_prev.dtype)
        Wh_rz, Wh_g = Wh[:, : 2 * H], Wh[:, 2 * H :]

        # h(t) = z ⊙ h(t−1) + (1 − z) ⊙ g 를 거쳐 역전파한다
        dh_prev = dh_next * z  # 곧바로 가는 길: z 만 곱해진다
        dz = dh_next * (h_prev - g)
        dg = dh_next * (1 - z)

        dz *= z * (1 - z)  # 시그모이드의 미분 σ' = σ(1 − σ)
        dg *= 1 - g**2  # tanh 의 미분 1 − tanh²

        if not self.reset_after:
            du = np.dot(dg, Wh_g.T)  # u = r ⊙ h(t−1) 의 기울기
            dr = du * h_prev
            dWh_g = np.dot((r * h_prev).T, dg)  # Wh_g 에 들어온 값은 r ⊙ h(t−1)
            dh_prev += du * r  # 후보 값을 거쳐 가는 길
        else:  # PyTorch 판: g 의 가중합은 r ⊙ m, m = h(t−1)·Wh_g + b_hn
            dm = dg * r
            dr = dg * m
            dWh_g = np.dot(h_prev.T, dm)
            dh_prev += np.dot(dm, Wh_g.T)
            self.grads[3][...] = dm.sum(axis=0)
        dr *= r * (1 - r)

        dA_rz = np.hstack((dr, dz))  # r, z 게이트의 가중합의 기울기, shape (N, 2H)
        dh_prev += np.dot(dA_rz, Wh_rz.T)  # 두 게이트를 거쳐 가는 길
        dA = np.hstack((dr, dz, dg))  # 게이트 순서 r, z, g 로 다시 쌓는다, shape (N, 3H)

        # grads 의 배열은 그대로 두고 값만 덮어쓴다
        self.grads[0][...] = np.dot(x.T, dA)
        self.grads[1][...] = np.hstack((np.dot(h_prev.T, dA_rz), dWh_g))
        self.grads[2][...] = dA.sum(axis=0)
        dx = np.dot(dA, Wx.T)
        return dx, dh_prev


# ---------------------------------------------------------------------------------------------------
# 시퀀스 계층: 읽기 쉬운 기준 판
# ---------------------------------------------------------------------------------------------------
class TimeGRUStepwise:
    """T 개의 ``GRU`` 셀을 이어 붙인 시퀀스 계층 (밑바닥부터 시작하는 딥러닝 2 방식).

    ``TimeGRU`` 와 같은 인터페이스이고, 테스트에서 정답 역할을 한다.
    """

    def __init__(self, Wx, Wh, b, *, reset_after: bool = False, b_hn=None):
        self.params = _check_gru_params(Wx, Wh, b, reset_after, b_hn)
        self.grads = [np.zeros_like(p) for p in self.params]
        self.reset_after = reset_after
        self.param_names = ["Wx", "Wh", "b", "b_hn"][: len(self.params)]
        self.layers = None
        self.h = self.h0 = self.dh0 = None

    @property
    def gates(self):
        """마지막 forward 의 게이트 값: "r", "z", "g" → shape (N, T, H) (셀 캐시에서 모은다)."""
        if self.layers is None:
            return None
        caches = [layer.cache for layer in self.layers]
        return {k: np.stack([c[2 + j] for c in caches], axis=1) for j, k in enumerate(GATES)}

    def forward(self, xs, h0=None):
        """xs : shape (N, T, D), h0 : shape (N, H) 또는 None(0) → hs : shape (N, T, H)"""
        Wx, Wh, b = self.params[:3]
        N, T, D = check_sequence(xs, Wx)
        H = Wh.shape[0]
        self.h0 = self.h = check_state("h0", h0, N, H, xs.dtype)
        b_hn = self.params[3] if self.reset_after else None

        self.layers = []
        hs = np.empty((N, T, H), dtype=xs.dtype)
        for t in range(T):
            # 시퀀스 전체를 위에서 검사했으므로 셀은 시점마다 다시 검사하지 않는다
            layer = GRU(Wx, Wh, b, reset_after=self.reset_after, b_hn=b_hn, validate=False)
            self.h = layer.forward(xs[:, t, :], self.h)
            hs[:, t, :] = self.h
            self.layers.append(layer)
        return hs

    def backward(self, dhs):
        """dhs : shape (N, T, H) → dxs : shape (N, T, D). grads 와 dh0 을 채운다."""
        if self.layers is None:
            raise no_forward_error(self)
        Wx, Wh = self.params[0], self.params[1]
        N, T, H = len(self.h), len(self.layers), Wh.shape[0]
        D = Wx.shape[0]
        check_grad_output("dhs", dhs, (N, T, H), self.h.dtype)

        dxs = np.empty((N, T, D), dtype=dhs.dtype)
        dh = np.zeros((N, H), dtype=dhs.dtype)  # 미래 시점에서 온 은닉 상태의 기울기
        grads = [np.zeros_like(p) for p in self.params]
        for t in reversed(range(T)):
            layer = self.layers[t]
            dx, dh = layer.backward(dhs[:, t, :] + dh)  # 위(출력)와 오른쪽(미래)에서 온 기울기를 더한다
            dxs[:, t, :] = dx
            for i, grad in enumerate(layer.grads):
                grads[i] += grad  # 모든 시점이 같은 가중치를 쓰므로 기울기를 더한다

        for i, grad in enumerate(grads):
            self.grads[i][...] = grad
        self.dh0 = dh
        return dxs


# ---------------------------------------------------------------------------------------------------
# 시퀀스 계층: 빠른 판
# ---------------------------------------------------------------------------------------------------
def _sigmoid_of_negated(z: np.ndarray) -> np.ndarray:
    """z = −a 를 받아 제자리에서 σ(a) = 1 / (1 + e^(−a)) 로 바꾼다.

    이 식은 모든 a 에서 상대 오차가 몇 ulp 이다 (a 가 아주 작아도, 아주 음수여도). 부호를 바꾼 가중합을 받는
    것은 호출 한 번을 아끼려는 것이다 (부호 바꾸기는 반올림 오차가 없다). a < −709 (float32 는 −88) 이면
    e^(−a) 가 inf 로 넘치고 결과는 정확히 0 이 된다: 호출하는 쪽에서 ``np.errstate(over="ignore")``.
    """
    np.exp(z, out=z)
    z += 1
    np.reciprocal(z, out=z)
    return z


class TimeGRU:
    """T 시점을 한꺼번에 처리하는 빠른 GRU 계층. ``TimeGRUStepwise`` 와 같은 값을 낸다.

    Wx : ndarray, shape (D, 3H);  Wh : ndarray, shape (H, 3H);  b : ndarray, shape (3H,)
    reset_after : True 면 PyTorch 판 (params 에 b_hn (H,) 이 더해진다). 기본값은 Cho et al. (2014) 의 식.

    속도를 위한 선택 (값은 기준 판과 같다):
    - 내부 버퍼는 시간 우선 (T, N, ·) 이라서 시점 t 의 조각이 연속된 메모리다.
    - 입력 투영 x(t)·Wx + b 는 모든 시점을 모아 행렬 곱 한 번에 계산하고, 그 버퍼에 제자리로 게이트를 쓴다.
    - 활성화 함수는 정확한 식을 쓴다: tanh 는 ``np.tanh``, 시그모이드는 1 / (1 + e^(−a)).
    - 루프 안에서는 새 배열을 만들지 않는다 (``out=`` 과 제자리 연산만 쓴다).
    - 역전파에서 미래와 무관한 계수는 루프 밖에서 모든 시점에 한꺼번에 계산하고, 가중치 기울기는 루프가
      끝난 뒤 행렬 곱 한 번씩으로 계산한다.

    ``grads`` 의 배열은 생성할 때 한 번 만들고 backward 마다 같은 배열에 값을 덮어쓴다 (누적하지 않는다).
    """

    def __init__(self, Wx, Wh, b, *, reset_after: bool = False, b_hn=None):
        self.params = _check_gru_params(Wx, Wh, b, reset_after, b_hn)
        self.grads = [np.zeros(p.shape, dtype=p.dtype) for p in self.params]  # C 연속 (out= 용)
        self.reset_after = reset_after
        self.param_names = ["Wx", "Wh", "b", "b_hn"][: len(self.params)]
        self.h = self.h0 = self.dh0 = None
        self.cache = None

    @property
    def gates(self):
        """마지막 forward 의 게이트 값: "r", "z", "g" → shape (N, T, H).

        내부 캐시를 가리키는 읽기 전용 뷰라서 복사 비용이 없다.
        """
        if self.cache is None:
            return None
        G = self.cache["G"]
        H = G.shape[2] // 3
        out = {k: G[:, :, j * H : (j + 1) * H].transpose(1, 0, 2) for j, k in enumerate(GATES)}
        for v in out.values():
            v.flags.writeable = False
        return out

    def forward(self, xs, h0=None):
        """xs : shape (N, T, D), h0 : shape (N, H) 또는 None(0) → hs : shape (N, T, H)"""
        Wx, Wh, b = self.params[:3]
        N, T, D = check_sequence(xs, Wx)
        H = Wh.shape[0]
        dtype = xs.dtype
        self.h0 = check_state("h0", h0, N, H, dtype)

        X = np.ascontiguousarray(xs.transpose(1, 0, 2))  # 시간 우선, shape (T, N, D)
        # 게이트 버퍼: 처음에는 입력 투영 x(t)·Wx + b, 루프를 지나면 게이트 [r, z, g].
        # r, z 열은 부호를 바꿔 −(x(t)·Wx + b) 로 둔다: 순환 부분도 부호를 바꿔 더하면 e^(−a) 의 지수가 된다
        # (−1 을 곱하는 것은 반올림 오차가 없다).
        sign = np.ones(3 * H, dtype=dtype)
        sign[: 2 * H] = -1
        G = np.dot(X.reshape(T * N, D), Wx * sign).reshape(T, N, 3 * H)
        G += b * sign
        Hs = np.empty((T + 1, N, H), dtype=dtype)  # Hs[t + 1] = h(t), Hs[0] = h0
        Hs[0] = self.h0
        # 역전파에서 다시 쓰는 값: 기본 판은 r ⊙ h(t−1), PyTorch 판은 m = h(t−1)·Wh_g + b_hn
        M = np.empty((T, N, H), dtype=dtype)

        with np.errstate(over="ignore"):  # e^(큰 수) = inf 이면 1 / (1 + inf) = 0 으로 정확히 포화한다
            if self.reset_after:
                self._forward_reset_after(G, Hs, M)
            else:
                self._forward_cho(G, Hs, M)

        self.cache = {"X": X, "G": G, "Hs": Hs, "M": M}
        self.h = Hs[T].copy()
        return np.ascontiguousarray(Hs[1:].transpose(1, 0, 2))

    def _forward_cho(self, G, Hs, RH):
        Wh = self.params[1]
        T, N, H3 = G.shape
        H = H3 // 3
        Wh_rz_neg = -Wh[:, : 2 * H]  # 부호를 바꾼 r, z 의 순환 가중치 (연속된 새 배열)
        Wh_g = np.ascontiguousarray(Wh[:, 2 * H :])
        tmp_rz = np.empty((N, 2 * H), dtype=G.dtype)
        tmp_g = np.empty((N, H), dtype=G.dtype)
        for t in range(T):
            h_prev, h_next = Hs[t], Hs[t + 1]
            rz, g = G[t, :, : 2 * H], G[t, :, 2 * H :]  # 이 시점의 게이트를 제자리에서 계산한다
            r, z = rz[:, :H], rz[:, H:]
            np.dot(h_prev, Wh_rz_neg, out=tmp_rz)
            rz += tmp_rz  # r, z 열의 가중합 a 의 부호를 바꾼 −a
            _sigmoid_of_negated(rz)  # r, z = σ(a)
            np.multiply(r, h_prev, out=RH[t])  # r ⊙ h(t−1)
            np.dot(RH[t], Wh_g, out=tmp_g)
            g += tmp_g
            np.tanh(g, out=g)  # 후보 값
            # h(t) = z ⊙ h(t−1) + (1 − z) ⊙ g = g + z ⊙ (h(t−1) − g)
            np.subtract(h_prev, g, out=h_next)
            h_next *= z
            h_next += g

    def _forward_reset_after(self, G, Hs, M):
        Wh, b_hn = self.params[1], self.params[3]
        T, N, H3 = G.shape
        H = H3 // 3
        Wh_s = Wh.copy()
        Wh_s[:, : 2 * H] *= -1  # r, z 열은 부호를 바꾼다 (forward 의 G 와 같이)
        tmp = np.empty((N, 3 * H), dtype=G.dtype)
        for t in range(T):
            h_prev, h_next = Hs[t], Hs[t + 1]
            rz, g = G[t, :, : 2 * H], G[t, :, 2 * H :]
            r, z = rz[:, :H], rz[:, H:]
            np.dot(h_prev, Wh_s, out=tmp)  # 세 게이트의 순환 부분을 행렬 곱 한 번에
            rz += tmp[:, : 2 * H]
            _sigmoid_of_negated(rz)
            np.add(tmp[:, 2 * H :], b_hn, out=M[t])  # m = h(t−1)·Wh_g + b_hn
            np.multiply(r, M[t], out=tmp[:, 2 * H :])
            g += tmp[:, 2 * H :]
            np.tanh(g, out=g)
            np.subtract(h_prev, g, out=h_next)
            h_next *= z
            h_next += g

    def backward(self, dhs):
        """dhs : shape (N, T, H) → dxs : shape (N, T, D). grads(제자리)와 dh0 을 채운다."""
        if self.cache is None:
            raise no_forward_error(self)
        Wx = self.params[0]
        X, G, Hs, M = (self.cache[k] for k in ("X", "G", "Hs", "M"))
        T, N, H3 = G.shape
        H, D = H3 // 3, Wx.shape[0]
        check_grad_output("dhs", dhs, (N, T, H), G.dtype)

        r, z, g = G[..., :H], G[..., H : 2 * H], G[..., 2 * H :]
        Hp = Hs[:-1]  # h(t−1), shape (T, N, H)
        # 미래와 무관한 계수를 모든 시점에 한꺼번에 계산한다 (shape (T, N, H) 씩). dh 를 곱하면 ∂L/∂a:
        #   ∂L/∂a_z = dh·[(h(t−1) − g)·z(1−z)],  ∂L/∂a_g = dh·[(1−z)(1−g²)]
        #   ∂L/∂a_r = (r 앞의 기울기)·[h(t−1)·r(1−r)]  (PyTorch 판은 h(t−1) 대신 m)
        K = np.empty((T, N, 3 * H), dtype=G.dtype)  # 루프에서 제자리로 ∂L/∂a (입력 쪽) 가 된다
        Kr, Kz, Kg = K[..., :H], K[..., H : 2 * H], K[..., 2 * H :]
        np.subtract(1, r, out=Kr)
        Kr *= r
        Kr *= M if self.reset_after else Hp
        np.subtract(Hp, g, out=Kz)
        Kz *= z
        Kz *= 1 - z
        np.square(g, out=Kg)
        np.subtract(1, Kg, out=Kg)
        Kg *= 1 - z

        dHs = dhs.transpose(1, 0, 2)  # 시간 우선 뷰 (복사하지 않는다)
        dh = np.zeros((N, H), dtype=G.dtype)  # 미래 시점에서 온 은닉 상태의 기울기 (버퍼 재사용)
        tmp = np.empty((N, H), dtype=G.dtype)
        if self.reset_after:
            DAh = self._backward_loop_reset_after(dHs, K, dh, tmp)
        else:
            self._backward_loop_cho(dHs, K, dh, tmp)

        # 가중치 기울기: 모든 시점을 모아 행렬 곱 한 번씩 (grads 배열에 제자리로 쓴다)
        dA = K.reshape(T * N, 3 * H)
        np.dot(X.reshape(T * N, D).T, dA, out=self.grads[0])
        np.sum(dA, axis=0, out=self.grads[2])
        Hp2 = Hp.reshape(T * N, H)
        if self.reset_after:
            dAh = DAh.reshape(T * N, 3 * H)  # 순환 쪽 가중합 [a_r, a_z, m] 의 기울기
            np.dot(Hp2.T, dAh, out=self.grads[1])
            np.sum(dAh[:, 2 * H :], axis=0, out=self.grads[3])
        else:
            self.grads[1][:, : 2 * H] = np.dot(Hp2.T, dA[:, : 2 * H])
            self.grads[1][:, 2 * H :] = np.dot(M.reshape(T * N, H).T, dA[:, 2 * H :])  # (r ⊙ h)ᵀ·∂L/∂a_g
        self.dh0 = dh
        dX = np.dot(dA, Wx.T).reshape(T, N, D)
        return np.ascontiguousarray(dX.transpose(1, 0, 2))

    def _backward_loop_cho(self, dHs, K, dh, tmp):
        Wh = self.params[1]
        T, N, H3 = K.shape
        H = H3 // 3
        G = self.cache["G"]
        Wh_rzT = np.ascontiguousarray(Wh[:, : 2 * H].T)
        Wh_gT = np.ascontiguousarray(Wh[:, 2 * H :].T)
        drh = np.empty((N, H), dtype=K.dtype)
        for t in range(T - 1, -1, -1):
            dh += dHs[t]  # 위(출력)와 오른쪽(미래)에서 온 기울기를 더한다
            Kt = K[t]
            r, z = G[t, :, :H], G[t, :, H : 2 * H]
            Kt[:, H : 2 * H] *= dh  # ∂L/∂a_z
            Kt[:, 2 * H :] *= dh  # ∂L/∂a_g
            np.dot(Kt[:, 2 * H :], Wh_gT, out=drh)  # (r ⊙ h(t−1)) 의 기울기
            Kt[:, :H] *= drh  # ∂L/∂a_r
            # dh(t−1) = dh ⊙ z  +  drh ⊙ r  +  [∂L/∂a_r, ∂L/∂a_z]·Wh_rzᵀ  (dh 를 덮어쓴다)
            dh *= z
            np.multiply(drh, r, out=tmp)
            dh += tmp
            np.dot(Kt[:, : 2 * H], Wh_rzT, out=tmp)
            dh += tmp

    def _backward_loop_reset_after(self, dHs, K, dh, tmp):
        Wh = self.params[1]
        T, N, H3 = K.shape
        H = H3 // 3
        G = self.cache["G"]
        WhT = np.ascontiguousarray(Wh.T)
        DAh = np.empty((T, N, 3 * H), dtype=K.dtype)  # 순환 쪽 [∂L/∂a_r, ∂L/∂a_z, ∂L/∂m]
        for t in range(T - 1, -1, -1):
            dh += dHs[t]
            Kt, Dt = K[t], DAh[t]
            r, z = G[t, :, :H], G[t, :, H : 2 * H]
            Kt[:, H : 2 * H] *= dh  # ∂L/∂a_z
            Kt[:, 2 * H :] *= dh  # ∂L/∂a_g
            Kt[:, :H] *= Kt[:, 2 * H :]  # ∂L/∂a_r = ∂L/∂a_g ⊙ m ⊙ r(1−r)
            Dt[:, : 2 * H] = Kt[:, : 2 * H]
            np.multiply(Kt[:, 2 * H :], r, out=Dt[:, 2 * H :])  # ∂L/∂m = ∂L/∂a_g ⊙ r
            dh *= z
            np.dot(Dt, WhT, out=tmp)
            dh += tmp
        return DAh


# ---------------------------------------------------------------------------------------------------
# 한 시점의 야코비 행렬
# ---------------------------------------------------------------------------------------------------
def _gru_step_terms(layer):
    """forward 를 실행한 GRU 의 한 시점 미분에 드는 값: (r, z, g, h(t−1), m, Wh).

    r, z, g, h(t−1) 은 시간 우선 (T, N, H). m 은 PyTorch 판(reset_after)의 h(t−1)·Wh_g + b_hn, 기본 판이면 None.
    """
    if not isinstance(layer, (TimeGRU, TimeGRUStepwise)):
        raise ValueError(f"layer: expected a TimeGRU or TimeGRUStepwise, got {type(layer).__name__}")
    gates = layer.gates
    if gates is None:
        raise ValueError(
            f"layer: expected a {type(layer).__name__} after forward(xs), got one without a forward pass"
        )
    r, z, g = (gates[k].transpose(1, 0, 2) for k in GATES)  # 각 (T, N, H)
    H = r.shape[2]
    Wh = layer.params[1]
    if isinstance(layer, TimeGRU):
        h_prev = layer.cache["Hs"][:-1]
    else:
        h_prev = np.stack([lay.cache[1] for lay in layer.layers], axis=0)
    m = np.dot(h_prev, Wh[:, 2 * H :]) + layer.params[3] if layer.reset_after else None
    return r, z, g, h_prev, m, Wh


def gru_step_jacobians(layer) -> np.ndarray:
    """forward 를 실행한 ``TimeGRU`` (또는 Stepwise) 의 S[t] = ∂h(t)/∂h(t−1), 시간 우선 shape (T, N, H, H).

    행이 h(t) 의 성분, 열이 h(t−1) 의 성분이다.
    ∂h(t)/∂h(t−1) = diag(z)  +  diag((h(t−1) − g)·z(1−z))·Wh_zᵀ  +  diag((1−z)(1−g²))·∂a_g/∂h(t−1)
    첫 항이 '곧바로 가는 길' 이다 (LSTM 의 셀 상태 diag(f) 에 해당한다).
    기본 판:      ∂a_g/∂h(t−1) = Wh_gᵀ·(diag(r) + diag(h(t−1)·r(1−r))·Wh_rᵀ)
    PyTorch 판:   ∂a_g/∂h(t−1) = diag(r)·Wh_gᵀ + diag(m·r(1−r))·Wh_rᵀ
    """
    r, z, g, h_prev, m, Wh = _gru_step_terms(layer)
    H = r.shape[2]
    WrT, WzT, WgT = (Wh[:, k * H : (k + 1) * H].T for k in range(3))  # 각 (H, H): [출력, 입력]
    if m is not None:
        dag = r[..., None] * WgT + (m * r * (1 - r))[..., None] * WrT
    else:
        dag = WgT * r[..., None, :]  # Wh_gᵀ·diag(r): 열마다 r 을 곱한다
        dag = dag + np.matmul(WgT * (h_prev * r * (1 - r))[..., None, :], WrT)
    S = ((1 - z) * (1 - g**2))[..., None] * dag
    S += ((h_prev - g) * z * (1 - z))[..., None] * WzT
    diag = np.arange(H)
    S[..., diag, diag] += z  # 곧바로 가는 길 diag(z)
    return S


def gru_step_back(layer):
    """``back(u, t) = u·S[t]`` 를 돌려준다 (u : (N, H) 행벡터들, float64). S[t] 는 ``gru_step_jacobians`` 의 행렬이다.

    야코비 행렬을 만들지 않고 같은 식을 벡터 쪽에서 계산한다 (벡터-야코비 곱): 시점마다 (N, H) 크기의 곱 몇 번.
    """
    r, z, g, h_prev, m, Wh = (a if a is None else a.astype(np.float64) for a in _gru_step_terms(layer))
    H = r.shape[2]
    Wr, Wz, Wg = (Wh[:, k * H : (k + 1) * H] for k in range(3))  # u·Wh_kᵀ = u @ Wh_k.T

    def back(u: np.ndarray, t: int) -> np.ndarray:
        v = u * (1 - z[t]) * (1 - g[t] ** 2)  # u·diag((1−z)(1−g²)), 이어서 ·∂a_g/∂h(t−1)
        if m is None:  # 기본 판: v·Wh_gᵀ·(diag(r) + diag(h(t−1)·r(1−r))·Wh_rᵀ)
            w = v @ Wg.T
            through_g = w * r[t] + (w * h_prev[t] * r[t] * (1 - r[t])) @ Wr.T
        else:  # PyTorch 판: v·(diag(r)·Wh_gᵀ + diag(m·r(1−r))·Wh_rᵀ)
            through_g = (v * r[t]) @ Wg.T + (v * m[t] * r[t] * (1 - r[t])) @ Wr.T
        return u * z[t] + (u * (h_prev[t] - g[t]) * z[t] * (1 - z[t])) @ Wz.T + through_g

    return back
