"""빠른 계층의 활성화 함수가 정확한지: 0 근처의 원소별 상대 오차, 아주 작은 가중치의 계층 전체, 포화.

기준은 long double (x86 에서 유효 숫자 64비트) 로 계산한 np.tanh 와 1 / (1 + e^(−a)) 이다. 아무 경고도 감추지
않는다: pytest 설정(filterwarnings = error)이 경고를 오류로 만들고, 포화 시험은 넘침과 NaN 을 예외로 만든다.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from helpers import (
    TimeLSTM,
    TimeLSTMStepwise,
    TimeRNN,
    TimeRNNStepwise,
    activate,
    sigmoid,
)

EXACT = np.longdouble
DTYPES = [np.float32, np.float64]
# |x| 가 1e-12 부터 1 까지 (로그 간격), 양수와 음수
TINY = np.concatenate([-np.logspace(-12, 0, 1201)[::-1], np.logspace(-12, 0, 1201)])
ULPS = 4  # 허용하는 상대 오차: 기계 엡실론의 몇 배


def exact_sigmoid(a):
    return 1 / (1 + np.exp(-a.astype(EXACT)))


def exact_tanh(a):
    return np.tanh(a.astype(EXACT))


def max_rel(got, exact) -> float:
    return float(np.max(np.abs(got.astype(EXACT) - exact) / np.abs(exact)))


def single_step(cls, a: np.ndarray):
    """가중합이 정확히 a 가 되는 한 시점 계층: D = 1, x = 1, Wx 의 행 = a (게이트마다 같은 a), Wh = 0, b = 0."""
    gates = 4 if cls in (TimeLSTM, TimeLSTMStepwise) else 1
    H = a.size
    Wx = np.tile(a, gates)[None, :]
    layer = cls(Wx, np.zeros((H, gates * H), a.dtype), np.zeros(gates * H, a.dtype))
    hs = layer.forward(np.ones((1, 1, 1), a.dtype))
    return layer, hs[0, 0]


def test_the_probe_is_exact():
    """x·Wx = 1·a 는 반올림이 없다: 아래 시험의 입력이 정말 a 인지 확인한다."""
    a = TINY.astype(np.float32)
    _, h = single_step(TimeRNN, a)
    assert np.all(np.sign(h) == np.sign(a)) and np.all(h != 0)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("cls", [TimeRNN, TimeRNNStepwise])
def test_rnn_tanh_elementwise_near_zero(cls, dtype):
    a = TINY.astype(dtype)
    _, h = single_step(cls, a)
    err = max_rel(h, exact_tanh(a))
    assert err <= ULPS * np.finfo(dtype).eps, (
        f"{cls.__name__} {np.dtype(dtype).name}: max rel. error {err:.2e}"
    )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("cls", [TimeLSTM, TimeLSTMStepwise])
def test_lstm_gates_elementwise_near_zero(cls, dtype):
    a = TINY.astype(dtype)
    layer, h = single_step(cls, a)
    gates = {k: v[0, 0] for k, v in layer.gates.items()}
    eps = np.finfo(dtype).eps
    errs = {k: max_rel(gates[k], exact_sigmoid(a)) for k in "ifo"}
    errs["g"] = max_rel(gates["g"], exact_tanh(a))
    # c = i·g (c0 = 0), h = o·tanh(c): 게이트의 오차가 몇 ulp 쌓인다
    c = exact_sigmoid(a) * exact_tanh(a)
    errs["c"] = max_rel(gates["c"], c)
    errs["h"] = max_rel(h, exact_sigmoid(a) * np.tanh(c))
    limits = {"i": ULPS, "f": ULPS, "o": ULPS, "g": ULPS, "c": 2 * ULPS, "h": 3 * ULPS}
    bad = {k: f"{e / eps:.1f} ulp" for k, e in errs.items() if e > limits[k] * eps}
    assert not bad, f"{cls.__name__} {np.dtype(dtype).name}: {bad}"


@pytest.mark.parametrize("dtype", DTYPES)
def test_helper_activations_elementwise_near_zero(dtype):
    a = TINY.astype(dtype)
    eps = np.finfo(dtype).eps
    assert sigmoid(a).dtype == dtype and activate(a, "tanh").dtype == dtype
    assert max_rel(sigmoid(a), exact_sigmoid(a)) <= ULPS * eps
    assert max_rel(activate(a, "tanh"), exact_tanh(a)) <= ULPS * eps


# ---------------------------------------------------------------------------------------------------
# 계층 전체: 아주 작은 가중치 (은닉 상태가 0 근처에 머문다)
# ---------------------------------------------------------------------------------------------------
def reference_hs(kind: str, Wx, Wh, b, xs) -> np.ndarray:
    """np.tanh 와 1 / (1 + e^(−a)) 를 시점마다 그대로 쓴 long double 기준."""
    Wx, Wh, b, xs = (v.astype(EXACT) for v in (Wx, Wh, b, xs))
    N, T, _ = xs.shape
    H = Wh.shape[0]
    h = np.zeros((N, H), EXACT)
    c = np.zeros((N, H), EXACT)
    out = []
    for t in range(T):
        a = xs[:, t] @ Wx + h @ Wh + b
        if kind == "rnn":
            h = np.tanh(a)
        else:
            i, f, g, o = (
                exact_sigmoid(a[:, :H]),
                exact_sigmoid(a[:, H : 2 * H]),
                np.tanh(a[:, 2 * H : 3 * H]),
                exact_sigmoid(a[:, 3 * H :]),
            )
            c = f * c + i * g
            h = o * np.tanh(c)
        out.append(h)
    return np.stack(out, axis=1)


LAYERS = {"rnn": (TimeRNN, TimeRNNStepwise, 1), "lstm": (TimeLSTM, TimeLSTMStepwise, 4)}


@pytest.mark.parametrize("scale", [1e-6, 1e-3])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("kind", list(LAYERS))
def test_layers_with_tiny_weights_match_the_plain_reference(kind, dtype, scale):
    fast_cls, step_cls, gates = LAYERS[kind]
    rng = np.random.default_rng(0)
    N, T, D, H = 16, 20, 8, 32  # N·H = 512: 예전 빠른 tanh 가 쓰이던 크기
    xs = rng.standard_normal((N, T, D)).astype(dtype)
    Wx = (scale * rng.standard_normal((D, gates * H))).astype(dtype)
    Wh = (scale * rng.standard_normal((H, gates * H))).astype(dtype)
    b = (scale * rng.standard_normal(gates * H)).astype(dtype)
    ref = reference_hs(kind, Wx, Wh, b, xs)
    eps = np.finfo(dtype).eps
    for cls in (fast_cls, step_cls):
        hs = cls(Wx, Wh, b).forward(xs)
        err = float(np.linalg.norm(hs.astype(EXACT) - ref) / np.linalg.norm(ref))
        assert err <= 4 * eps, (
            f"{cls.__name__} {np.dtype(dtype).name} scale {scale}: normwise error {err:.2e}"
        )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("kind", list(LAYERS))
def test_fast_and_stepwise_gradients_agree_with_tiny_weights(kind, dtype):
    fast_cls, step_cls, gates = LAYERS[kind]
    rng = np.random.default_rng(1)
    N, T, D, H = 8, 12, 5, 16
    W = [
        (1e-4 * rng.standard_normal(s)).astype(dtype) for s in ((D, gates * H), (H, gates * H), (gates * H,))
    ]
    xs = rng.standard_normal((N, T, D)).astype(dtype)
    dhs = rng.standard_normal((N, T, H)).astype(dtype)
    fast, step = fast_cls(*W), step_cls(*W)
    fast.forward(xs)
    step.forward(xs)
    pairs = [(fast.backward(dhs), step.backward(dhs))] + list(zip(fast.grads, step.grads, strict=True))
    eps = np.finfo(dtype).eps
    for got, want in pairs:
        err = float(np.linalg.norm((got - want).astype(np.float64)) / np.linalg.norm(want.astype(np.float64)))
        assert err <= 16 * eps, err


# ---------------------------------------------------------------------------------------------------
# 포화: 아주 큰 가중합에서도 경고나 NaN 없이 정확히 0, 1, ±1
# ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("cls", [TimeLSTM, TimeLSTMStepwise, TimeRNN, TimeRNNStepwise])
def test_saturation_is_exact_without_warnings(cls, dtype):
    a = np.array([-1e4, -800.0, -100.0, -30.0, 30.0, 100.0, 800.0, 1e4], dtype=dtype)
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        layer, h = single_step(cls, a)
    if cls in (TimeRNN, TimeRNNStepwise):
        np.testing.assert_array_equal(h, np.sign(a))
        return
    gates = {k: v[0, 0] for k, v in layer.gates.items()}
    np.testing.assert_array_equal(gates["g"], np.sign(a))
    tail = np.abs(a) >= 800  # 여기서는 σ 가 float32 와 float64 모두에서 정확히 0 또는 1 로 반올림된다
    for k in "ifo":
        assert np.all((gates[k] >= 0) & (gates[k] <= 1))
        np.testing.assert_array_equal(gates[k][tail], (a[tail] > 0).astype(dtype))
    assert np.all(np.isfinite(h))
