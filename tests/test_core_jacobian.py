"""core/jacobian.py: ∂s(T−1)/∂s(t) 를 수치 미분과 명시적인 곱과 비교한다."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.core.gradcheck import relative_error
from helpers.core.gru import TimeGRU, TimeGRUStepwise
from helpers.core.jacobian import (
    hidden_jacobians,
    jacobian_norms,
    state_gradient_norms,
    state_size,
    step_jacobians,
)
from helpers.core.lstm import TimeLSTM, TimeLSTMStepwise
from helpers.core.rnn import TimeRNN, TimeRNNStepwise

N, T, D, H = 2, 6, 3, 4


def rnn_layer(act="tanh", cls=TimeRNN, seed=0, scale=0.6):
    rng = np.random.default_rng(seed)
    return cls(scale * rng.standard_normal((D, H)), scale * rng.standard_normal((H, H)),
               0.1 * rng.standard_normal(H), act)  # fmt: skip


def lstm_layer(cls=TimeLSTM, seed=0):
    rng = np.random.default_rng(seed)
    return cls(0.6 * rng.standard_normal((D, 4 * H)), 0.6 * rng.standard_normal((H, 4 * H)),
               0.3 * rng.standard_normal(4 * H))  # fmt: skip


def inputs(seed=1):
    rng = np.random.default_rng(seed)
    return (
        rng.standard_normal((N, T, D)),
        0.5 * rng.standard_normal((N, H)),
        0.5 * rng.standard_normal((N, H)),
    )


def numeric_state_jacobian(run, s_t, eps=1e-6):
    """run(s) -> 마지막 상태 (N, M). s_t (N, M) 의 각 성분을 흔들어 (N, M, M) 야코비 행렬을 만든다."""
    M = s_t.shape[1]
    J = np.zeros((s_t.shape[0], M, M))
    for k in range(M):
        e = np.zeros_like(s_t)
        e[:, k] = eps
        J[:, :, k] = (run(s_t + e) - run(s_t - e)) / (2 * eps)
    return J


@pytest.mark.parametrize("act", ["tanh", "relu", "linear"])
def test_rnn_jacobians_match_finite_differences(act):
    layer = rnn_layer(act)
    xs, h0, _ = inputs()
    hs = layer.forward(xs, h0)
    if act == "relu":
        h_prevs = np.concatenate((h0[:, None], hs[:, :-1]), axis=1)
        assert np.min(np.abs(xs @ layer.params[0] + h_prevs @ layer.params[1] + layer.params[2])) > 1e-3
    J = hidden_jacobians(layer)
    assert J.shape == (N, T, H, H)
    np.testing.assert_array_equal(J[:, T - 1], np.broadcast_to(np.eye(H), (N, H, H)))
    probe = rnn_layer(act)
    for t in range(T - 1):

        def run(h, t=t):
            probe.forward(xs[:, t + 1 :], h)  # h(t) 에서 다시 출발한다
            return probe.h

        J_num = numeric_state_jacobian(run, hs[:, t])
        assert relative_error(J[:, t], J_num) <= 1e-6, t
    # S[:, 0] = ∂h(0)/∂h0
    S = step_jacobians(layer)

    def run0(h):
        probe.forward(xs[:, :1], h)
        return probe.h

    assert relative_error(S[:, 0], numeric_state_jacobian(run0, h0)) <= 1e-6


def test_rnn_jacobian_is_the_product_of_step_factors():
    layer = rnn_layer("tanh")
    xs, h0, _ = inputs()
    hs = layer.forward(xs, h0)
    Wh = layer.params[1]
    J = hidden_jacobians(layer)
    for n in range(N):
        for t in range(T):
            P = np.eye(H)
            for k in range(T - 1, t, -1):  # ∂h(T−1)/∂h(t) = Π_k diag(1 − h(k)²)·Whᵀ
                P = P @ (np.diag(1 - hs[n, k] ** 2) @ Wh.T)
            np.testing.assert_allclose(J[n, t], P, rtol=0, atol=1e-14)


@pytest.mark.parametrize("cls", [TimeLSTM, TimeLSTMStepwise])
def test_lstm_jacobians_match_finite_differences(cls):
    layer = lstm_layer(cls)
    xs, h0, c0 = inputs()
    hs = layer.forward(xs, h0, c0)
    cs = layer.gates["c"]
    J = hidden_jacobians(layer)
    assert J.shape == (N, T, 2 * H, 2 * H)
    probe = lstm_layer()
    for t in range(T - 1):

        def run(s, t=t):
            probe.forward(xs[:, t + 1 :], s[:, :H].copy(), s[:, H:].copy())  # s(t) = (h(t), c(t)) 에서 출발
            return np.concatenate((probe.h, probe.c), axis=1)

        J_num = numeric_state_jacobian(run, np.concatenate((hs[:, t], cs[:, t]), axis=1))
        assert relative_error(J[:, t], J_num) <= 1e-6, t

    def run0(s):
        probe.forward(xs[:, :1], s[:, :H].copy(), s[:, H:].copy())
        return np.concatenate((probe.h, probe.c), axis=1)

    S = step_jacobians(layer)
    assert relative_error(S[:, 0], numeric_state_jacobian(run0, np.concatenate((h0, c0), axis=1))) <= 1e-6
    # 셀 상태의 지름길: ∂c(t)/∂c(t−1) = diag(f(t))
    np.testing.assert_array_equal(np.diagonal(S[:, :, H:, H:], axis1=2, axis2=3), layer.gates["f"])


def test_fast_and_stepwise_give_the_same_jacobians():
    xs, h0, c0 = inputs()
    pairs = [(rnn_layer("tanh"), rnn_layer("tanh", TimeRNNStepwise), (h0,)),
             (lstm_layer(), lstm_layer(TimeLSTMStepwise), (h0, c0))]  # fmt: skip
    for fast, slow, state in pairs:
        fast.forward(xs, *state)
        slow.forward(xs, *state)
        np.testing.assert_allclose(hidden_jacobians(fast), hidden_jacobians(slow), rtol=0, atol=1e-12)


@pytest.mark.parametrize("make", [lambda: rnn_layer("tanh"), lstm_layer])
def test_norms(make):
    layer = make()
    xs, *_ = inputs()
    layer.forward(xs)
    J = hidden_jacobians(layer)
    spec, fro = jacobian_norms(layer), jacobian_norms(layer, ord="fro")
    assert spec.shape == fro.shape == (N, T)
    np.testing.assert_allclose(spec, np.linalg.svd(J, compute_uv=False)[..., 0], rtol=1e-12)
    np.testing.assert_allclose(fro, np.sqrt((J**2).sum(axis=(-2, -1))), rtol=1e-12)
    np.testing.assert_allclose(spec[:, -1], 1.0, rtol=1e-12)
    assert np.all(spec <= fro * (1 + 1e-12))


def test_vanishing_and_exploding_are_visible_without_warnings():
    xs, *_ = inputs()
    rng = np.random.default_rng(3)
    Q = np.linalg.qr(rng.standard_normal((H, H)))[0]
    small = TimeRNN(np.zeros((D, H)), 0.5 * Q, np.zeros(H), "linear")  # 특잇값이 모두 0.5
    small.forward(xs)
    np.testing.assert_allclose(jacobian_norms(small)[0], 0.5 ** np.arange(T - 1, -1, -1), rtol=1e-12)
    tiny = TimeRNN(np.zeros((D, H)), 1e-60 * Q, np.zeros(H), "linear")  # 곱이 1e-300 까지 작아진다
    tiny.forward(xs)
    expected = 1e-60 ** np.arange(T - 1, -1, -1)
    np.testing.assert_allclose(jacobian_norms(tiny)[0], expected, rtol=1e-12)
    np.testing.assert_allclose(jacobian_norms(tiny, ord="fro")[0], np.sqrt(H) * expected, rtol=1e-12)
    huge = TimeRNN(np.zeros((D, H)), 1e200 * Q, np.zeros(H), "linear")
    huge.forward(np.zeros((1, 4, D)))  # 0 입력이라 순전파는 유한하다
    norms = jacobian_norms(huge)
    assert norms[0, -1] == 1.0 and norms[0, -2] == pytest.approx(1e200) and np.isinf(norms[0, 0])
    assert np.isinf(jacobian_norms(huge, ord="fro")[0, 0])


def test_bad_arguments():
    layer = rnn_layer()
    with pytest.raises(ValueError, match=r"^layer: expected a TimeRNN after forward\(xs\)"):
        hidden_jacobians(layer)
    with pytest.raises(ValueError, match=r"^layer: expected a TimeLSTM after forward\(xs\)"):
        step_jacobians(lstm_layer())
    with pytest.raises(ValueError, match=r"^layer: expected TimeRNN, TimeLSTM or TimeGRU .*got list"):
        jacobian_norms([])
    layer.forward(inputs()[0])
    with pytest.raises(ValueError, match=r"^ord: expected 2 \(spectral norm\) or 'fro', got 1"):
        jacobian_norms(layer, ord=1)


def gru_layer(cls=TimeGRU, reset_after=False, seed=0):
    rng = np.random.default_rng(seed)
    b_hn = 0.3 * rng.standard_normal(H) if reset_after else None
    return cls(0.6 * rng.standard_normal((D, 3 * H)), 0.6 * rng.standard_normal((H, 3 * H)),
               0.3 * rng.standard_normal(3 * H), reset_after=reset_after, b_hn=b_hn)  # fmt: skip


STATE_LAYERS = {
    "rnn tanh": lambda: rnn_layer("tanh"),
    "rnn relu stepwise": lambda: rnn_layer("relu", TimeRNNStepwise),
    "lstm": lambda: lstm_layer(),
    "lstm stepwise": lambda: lstm_layer(TimeLSTMStepwise),
    "gru": lambda: gru_layer(),
    "gru reset_after": lambda: gru_layer(reset_after=True),
    "gru stepwise reset_after": lambda: gru_layer(TimeGRUStepwise, reset_after=True),
}


@pytest.mark.parametrize("make", STATE_LAYERS.values(), ids=STATE_LAYERS.keys())
def test_state_gradient_norms_match_the_full_jacobians(make):
    """야코비 행렬을 만들지 않는 벡터-야코비 곱이 v·∂s(T−1)/∂s(t) 의 전체 행렬 곱과 같은 노름을 낸다."""
    layer = make()
    xs, _, _ = inputs()
    layer.forward(xs)
    M = state_size(layer)
    v = np.random.default_rng(7).standard_normal((N, M))
    J = hidden_jacobians(layer)  # (N, T, M, M)
    want = np.linalg.norm(np.einsum("nm,ntmk->ntk", v, J), axis=2)
    got = state_gradient_norms(layer, v)
    np.testing.assert_allclose(got, want, rtol=1e-12)
    # t_min 아래는 계산하지 않는다 (nan), 위는 같다. v 하나(shape (M,))는 모든 시퀀스에 쓴다
    part = state_gradient_norms(layer, v[0], t_min=3)
    assert np.all(np.isnan(part[:, :3]))
    np.testing.assert_allclose(part[:, 3:], np.linalg.norm(np.einsum("m,ntmk->ntk", v[0], J), axis=2)[:, 3:],
                               rtol=1e-12)  # fmt: skip


def test_state_gradient_norms_in_float32_layers_keep_vanishing_values():
    """float32 계층에서도 float64 로 곱한다: 1e−38 아래로 줄어드는 기울기가 0 이 되지 않는다."""
    rng = np.random.default_rng(0)
    layer = TimeRNN((0.1 * rng.standard_normal((D, H))).astype(np.float32),
                    (0.02 * rng.standard_normal((H, H))).astype(np.float32), np.zeros(H, np.float32))  # fmt: skip
    layer.forward(rng.standard_normal((N, 40, D)).astype(np.float32))
    norms = state_gradient_norms(layer, np.ones(H))
    assert norms.dtype == np.float64
    assert np.all(norms[:, 0] > 0) and np.all(norms[:, 0] < 1e-45)


def test_state_gradient_norms_bad_arguments():
    layer = rnn_layer()
    with pytest.raises(ValueError, match="^layer: expected a TimeRNN after forward"):
        state_gradient_norms(layer, np.ones(H))
    layer.forward(inputs()[0])
    with pytest.raises(ValueError, match="^t_min: expected an int in \\[0, 5\\]"):
        state_gradient_norms(layer, np.ones(H), t_min=T)
    with pytest.raises(ValueError, match="^v: expected shape"):
        state_gradient_norms(layer, np.ones((N, H + 1)))
    with pytest.raises(ValueError, match="^v: expected shape"):
        state_gradient_norms(layer, np.ones(H + 1))
    with pytest.raises(ValueError, match="^v: expected a plain NumPy array .* masked array"):
        state_gradient_norms(layer, np.ma.masked_array(np.ones(H)))
    with pytest.raises(ValueError, match="^v: expected a NumPy array"):
        state_gradient_norms(layer, [1.0] * H)
    with pytest.raises(ValueError, match="^v: expected finite values"):
        state_gradient_norms(layer, np.full(H, np.nan))
