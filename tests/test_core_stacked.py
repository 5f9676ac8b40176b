"""core/stacked.py: 깊은 순환 신경망(StackedRNN)과 양방향 순환 신경망(Bidirectional)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.core.gradcheck import gradient_check
from helpers.core.lstm import TimeLSTM, TimeLSTMStepwise
from helpers.core.rnn import TimeRNN, TimeRNNStepwise
from helpers.core.stacked import Bidirectional, StackedRNN

N, T = 2, 5


def rnn(D, H, seed, act="tanh", cls=TimeRNN):
    rng = np.random.default_rng(seed)
    return cls(0.5 * rng.standard_normal((D, H)), 0.5 * rng.standard_normal((H, H)),
               0.1 * rng.standard_normal(H), act)  # fmt: skip


def lstm(D, H, seed, cls=TimeLSTM):
    rng = np.random.default_rng(seed)
    return cls(0.5 * rng.standard_normal((D, 4 * H)), 0.5 * rng.standard_normal((H, 4 * H)),
               0.3 * rng.standard_normal(4 * H))  # fmt: skip


def data(D, H=None, seed=1):
    rng = np.random.default_rng(seed)
    xs = rng.standard_normal((N, T, D))
    return xs if H is None else (xs, 0.5 * rng.standard_normal((N, H)), 0.5 * rng.standard_normal((N, H)))


def states(H, seed):
    rng = np.random.default_rng(seed)
    return 0.5 * rng.standard_normal((N, H)), 0.5 * rng.standard_normal((N, H))


# --- 깊은 순환 신경망 ------------------------------------------------------------------------------
def test_one_layer_stack_equals_the_plain_layer():
    xs, h0, _ = data(3, 4)
    dhs = np.random.default_rng(2).standard_normal((N, T, 4))
    plain, inner = rnn(3, 4, 0), rnn(3, 4, 0)
    stack = StackedRNN([inner])
    np.testing.assert_array_equal(stack.forward(xs, [h0]), plain.forward(xs, h0))
    np.testing.assert_array_equal(stack.backward(dhs), plain.backward(dhs))
    for a, b in zip(stack.grads, plain.grads, strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(stack.dh0s[0], plain.dh0)


def test_stack_feeds_each_layer_with_the_one_below():
    xs = data(3)
    layers = [rnn(3, 4, 0), lstm(4, 5, 1), rnn(5, 2, 2, "relu")]
    stack = StackedRNN(layers)
    hs = stack.forward(xs)
    assert [h.shape for h in stack.hs_per_layer] == [(N, T, 4), (N, T, 5), (N, T, 2)]
    expected = xs
    for layer in [rnn(3, 4, 0), lstm(4, 5, 1), rnn(5, 2, 2, "relu")]:
        expected = layer.forward(expected)
    np.testing.assert_array_equal(hs, expected)
    assert stack.params[3] is layers[1].params[0] and stack.grads[8] is layers[2].grads[2]
    assert stack.param_names[:4] == ["layers[0].Wx", "layers[0].Wh", "layers[0].b", "layers[1].Wx"]


@pytest.mark.parametrize(
    "make",
    [
        lambda: [rnn(3, 4, 0), rnn(4, 3, 1)],
        lambda: [lstm(3, 4, 0), rnn(4, 3, 1, "relu"), lstm(3, 2, 2)],
        lambda: [rnn(3, 4, 0, cls=TimeRNNStepwise), lstm(4, 3, 1, cls=TimeLSTMStepwise)],
    ],
    ids=["rnn-rnn", "lstm-relu-lstm", "stepwise"],
)
def test_stack_gradient_check(make):
    layers = make()
    h0s = []
    for k, layer in enumerate(layers):
        h0, c0 = states(layer.params[1].shape[0], 10 + k)
        h0s.append((h0, c0) if hasattr(layer, "dc0") else h0)
    errs = gradient_check(StackedRNN(layers), data(3), h0s=h0s)
    assert len(errs) == 3 * len(layers) + 1 + sum(2 if isinstance(s, tuple) else 1 for s in h0s)
    assert max(errs.values()) <= 1e-6, errs


def test_stack_bad_inputs():
    with pytest.raises(ValueError, match=r"^layers: expected at least one Time layer"):
        StackedRNN([])
    with pytest.raises(ValueError, match=r"^layers\[1\].Wx: expected shape \(4, ·\) .*got \(3, 4\)"):
        StackedRNN([rnn(3, 4, 0), rnn(3, 4, 1)])
    with pytest.raises(ValueError, match=r"^layers\[0\]: expected a layer with params, grads, forward, backward; got ndarray"):
        StackedRNN([np.zeros(3)])
    stack = StackedRNN([rnn(3, 4, 0), lstm(4, 2, 1)])
    with pytest.raises(ValueError, match=r"^\w+\.backward: call forward\(xs\) first"):
        stack.backward(np.zeros((N, T, 2)))
    with pytest.raises(ValueError, match=r"^xs: expected shape \(N, T, 3\), got \(2, 5, 4\)"):
        stack.forward(data(4))
    with pytest.raises(ValueError, match=r"^h0s: expected None or a list of 2 initial states .*got 1 entries"):
        stack.forward(data(3), [None])
    with pytest.raises(ValueError, match=r"^h0s\[1\]: c0: expected shape \(2, 2\), got \(2, 3\)"):
        stack.forward(data(3), [None, (np.zeros((N, 2)), np.zeros((N, 3)))])
    with pytest.raises(
        ValueError, match=r"^h0s\[0\]: expected None, h0 \(N, H\) or \(h0, c0\) for an RNN layer"
    ):
        stack.forward(data(3), [(np.zeros((N, 4)), np.zeros((N, 4))), None])
    stack.forward(data(3))
    with pytest.raises(ValueError, match=r"^dhs: expected shape \(2, 5, 2\), got \(2, 5, 4\)"):
        stack.backward(np.zeros((N, T, 4)))


# --- 양방향 순환 신경망 ----------------------------------------------------------------------------
def test_backward_half_is_the_plain_layer_on_the_reversed_sequence():
    xs = data(3)
    bi = Bidirectional(rnn(3, 4, 0), lstm(3, 2, 1), merge="concat")
    hs = bi.forward(xs)
    assert hs.shape == (N, T, 6)
    np.testing.assert_array_equal(hs[..., :4], rnn(3, 4, 0).forward(xs))  # 앞쪽 절반 = 정방향
    plain = lstm(3, 2, 1)
    reversed_back = plain.forward(xs[:, ::-1].copy())[:, ::-1]
    np.testing.assert_allclose(hs[..., 4:], reversed_back, rtol=0, atol=1e-15)
    np.testing.assert_allclose(bi.hs_backward, reversed_back, rtol=0, atol=1e-15)  # 따로 계산한 역방향과 같다
    # 역방향 계층의 마지막 상태는 첫 시점 t = 0 까지 읽은 것이다
    np.testing.assert_array_equal(bi.backward_layer.h, hs[:, 0, 4:])

    dhs = np.random.default_rng(4).standard_normal(hs.shape)
    dxs = bi.backward(dhs)
    fwd_plain = rnn(3, 4, 0)
    fwd_plain.forward(xs)
    expected = fwd_plain.backward(dhs[..., :4]) + plain.backward(dhs[:, ::-1, 4:].copy())[:, ::-1]
    np.testing.assert_allclose(dxs, expected, rtol=0, atol=1e-14)
    for a, b in zip(bi.grads[3:], plain.grads, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-14)


def test_sum_merge_adds_the_two_directions():
    xs = data(3)
    bi = Bidirectional(rnn(3, 4, 0), rnn(3, 4, 1), merge="sum")
    hs = bi.forward(xs)
    # 두 계층을 따로 돌린 결과의 합 (역방향은 뒤집은 시퀀스를 읽고 다시 뒤집는다)
    expected = rnn(3, 4, 0).forward(xs) + rnn(3, 4, 1).forward(xs[:, ::-1].copy())[:, ::-1]
    np.testing.assert_allclose(hs, expected, rtol=0, atol=1e-15)
    assert hs.shape == (N, T, 4)


@pytest.mark.parametrize("merge", ["concat", "sum"])
def test_bidirectional_gradient_check(merge):
    bi = Bidirectional(lstm(3, 4, 0), rnn(3, 4, 1), merge=merge)
    h0s = (states(4, 5), states(4, 6)[0])
    errs = gradient_check(bi, data(3), h0s=h0s)
    assert set(errs) >= {"forward.Wx", "backward.b", "xs", "h0s[0][0]", "h0s[0][1]", "h0s[1]"}
    assert max(errs.values()) <= 1e-6, errs


def test_bidirectional_bad_inputs():
    with pytest.raises(ValueError, match=r"^merge: expected one of 'concat', 'sum', got 'mean'"):
        Bidirectional(rnn(3, 4, 0), rnn(3, 4, 1), merge="mean")
    with pytest.raises(ValueError, match=r"^backward_layer.Wx: expected shape \(3, ·\) .*got \(2, 4\)"):
        Bidirectional(rnn(3, 4, 0), rnn(2, 4, 1))
    with pytest.raises(ValueError, match=r"^backward_layer.Wh: expected shape \(4, ·\) .*got \(3, 3\)"):
        Bidirectional(rnn(3, 4, 0), rnn(3, 3, 1), merge="sum")
    bi = Bidirectional(rnn(3, 4, 0), rnn(3, 3, 1))
    with pytest.raises(ValueError, match=r"^\w+\.backward: call forward\(xs\) first"):
        bi.backward(np.zeros((N, T, 7)))
    with pytest.raises(ValueError, match=r"^xs: expected shape \(N, T, 3\), got \(5, 3\)"):
        bi.forward(data(3)[0])
    with pytest.raises(ValueError, match=r"^h0s: expected None or a pair"):
        bi.forward(data(3), [None, None, None])
    with pytest.raises(ValueError, match=r"^h0s\[1\]: h0: expected shape \(2, 3\), got \(2, 4\)"):
        bi.forward(data(3), (None, np.zeros((N, 4))))
    bi.forward(data(3))
    with pytest.raises(ValueError, match=r"^dhs: expected shape \(2, 5, 7\), got \(2, 5, 4\)"):
        bi.backward(np.zeros((N, T, 4)))


def test_float32_is_kept_through_stack_and_bidirectional():
    def f32(layer):
        return type(layer)(*(p.astype(np.float32) for p in layer.params))

    xs = data(3).astype(np.float32)
    for model, H_out in [(StackedRNN([f32(rnn(3, 4, 0)), f32(lstm(4, 2, 1))]), 2),
                         (Bidirectional(f32(rnn(3, 4, 0)), f32(lstm(3, 2, 1))), 6),
                         (Bidirectional(f32(lstm(3, 2, 0)), f32(lstm(3, 2, 1)), merge="sum"), 2)]:  # fmt: skip
        hs = model.forward(xs)
        dxs = model.backward(np.ones((N, T, H_out), dtype=np.float32))
        assert hs.dtype == dxs.dtype == np.float32
        assert all(g.dtype == np.float32 for g in model.grads)
