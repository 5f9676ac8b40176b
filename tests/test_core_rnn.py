"""core/rnn.py: RNN 셀, TimeRNN(빠른 판), TimeRNNStepwise(기준 판)."""

from __future__ import annotations

import numpy as np
import pytest
from torchref import REF, torch_or_skip

from helpers.core.gradcheck import gradient_check, numerical_gradient, relative_error
from helpers.core.rnn import RNN, TimeRNN, TimeRNNStepwise

ACTS = ["tanh", "relu", "linear"]
TIME_CLASSES = [TimeRNN, TimeRNNStepwise]


def make_weights(D=3, H=4, seed=0, dtype=np.float64, scale=0.5):
    rng = np.random.default_rng(seed)
    return (
        (scale * rng.standard_normal((D, H))).astype(dtype),
        (scale * rng.standard_normal((H, H))).astype(dtype),
        (0.1 * rng.standard_normal(H)).astype(dtype),
    )


def make_data(N=2, T=5, D=3, H=4, seed=1, dtype=np.float64):
    rng = np.random.default_rng(seed)
    return (
        rng.standard_normal((N, T, D)).astype(dtype),
        (0.5 * rng.standard_normal((N, H))).astype(dtype),
        rng.standard_normal((N, T, H)).astype(dtype),
    )


def preactivations(Wx, Wh, b, xs, h0, hs):
    """a(t) = x(t)·Wx + h(t−1)·Wh + b 를 직접 계산한다 (ReLU 꺾인 점 확인용)."""
    h_prevs = np.concatenate((h0[:, None], hs[:, :-1]), axis=1)
    return xs @ Wx + h_prevs @ Wh + b


# --- 식 그대로 --------------------------------------------------------------------------------------
@pytest.mark.parametrize("act", ACTS)
def test_cell_matches_formula(act):
    Wx, Wh, b = make_weights()
    xs, h0, _ = make_data()
    a = xs[:, 0] @ Wx + h0 @ Wh + b
    expected = {"tanh": np.tanh(a), "relu": np.maximum(a, 0), "linear": a}[act]
    h_next = RNN(Wx, Wh, b, act).forward(xs[:, 0], h0)
    np.testing.assert_allclose(h_next, expected, rtol=0, atol=1e-15)


def test_time_layer_is_the_recurrence_unrolled():
    Wx, Wh, b = make_weights()
    xs, h0, _ = make_data()
    h = h0
    for t in range(xs.shape[1]):
        h = np.tanh(xs[:, t] @ Wx + h @ Wh + b)
    layer = TimeRNN(Wx, Wh, b)
    hs = layer.forward(xs, h0)
    np.testing.assert_allclose(hs[:, -1], h, rtol=0, atol=1e-14)
    np.testing.assert_array_equal(layer.h, hs[:, -1])


# --- 수치 미분과 비교 -----------------------------------------------------------------------------
@pytest.mark.parametrize("act", ACTS)
def test_cell_gradient_check(act):
    Wx, Wh, b = make_weights()
    xs, h0, dhs = make_data()
    x, dh = xs[:, 0].copy(), dhs[:, 0]
    cell = RNN(Wx, Wh, b, act)
    if act == "relu":  # 꺾인 점에서 멀리 있어야 수치 미분이 의미 있다
        assert np.min(np.abs(x @ Wx + h0 @ Wh + b)) > 1e-3
    cell.forward(x, h0)
    dx, dh_prev = cell.backward(dh)

    def loss():
        return np.sum(cell.forward(x, h0) * dh)

    for name, arr, grad in [("Wx", Wx, cell.grads[0]), ("Wh", Wh, cell.grads[1]), ("b", b, cell.grads[2]),
                            ("x", x, dx), ("h_prev", h0, dh_prev)]:  # fmt: skip
        err = relative_error(numerical_gradient(loss, arr), grad)
        assert err <= 1e-6, (name, err)


@pytest.mark.parametrize("cls", TIME_CLASSES)
@pytest.mark.parametrize("act", ACTS)
def test_time_gradient_check(cls, act):
    Wx, Wh, b = make_weights()
    xs, h0, _ = make_data()
    layer = cls(Wx, Wh, b, act)
    if act == "relu":
        a = preactivations(Wx, Wh, b, xs, h0, layer.forward(xs, h0))
        assert np.min(np.abs(a)) > 1e-3, "seed puts a ReLU kink too close"
        assert 0.2 < np.mean(a > 0) < 0.8  # 켜진 곳과 꺼진 곳이 모두 있다
    errs = gradient_check(layer, xs, h0=h0)
    assert set(errs) == {"Wx", "Wh", "b", "xs", "h0"}
    assert max(errs.values()) <= 1e-6, errs


def test_gradient_check_detects_a_wrong_backward():
    """gradient_check 가 틀린 기울기를 잡아내는지 (이 테스트들이 실패할 수 있음을 보인다)."""

    class Broken(TimeRNN):
        def backward(self, dhs):
            dxs = super().backward(dhs)
            self.grads[1] *= 1.001  # dWh 를 살짝 틀리게
            return dxs

    Wx, Wh, b = make_weights()
    xs, h0, _ = make_data()
    errs = gradient_check(Broken(Wx, Wh, b), xs, h0=h0)
    assert errs["Wh"] > 1e-5
    assert errs["Wx"] <= 1e-6


# --- 빠른 판 == 기준 판 ----------------------------------------------------------------------------
@pytest.mark.parametrize("act", ACTS)
@pytest.mark.parametrize("with_h0", [True, False])
def test_fast_equals_stepwise(act, with_h0):
    Wx, Wh, b = make_weights(D=5, H=7, seed=3)
    xs, h0, dhs = make_data(N=3, T=11, D=5, H=7, seed=4)
    h0 = h0 if with_h0 else None
    fast, slow = TimeRNN(Wx, Wh, b, act), TimeRNNStepwise(Wx, Wh, b, act)
    np.testing.assert_allclose(fast.forward(xs, h0), slow.forward(xs, h0), rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.h, slow.h, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.hs, slow.hs, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.backward(dhs), slow.backward(dhs), rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.dh0, slow.dh0, rtol=0, atol=1e-12)
    for gf, gs in zip(fast.grads, slow.grads, strict=True):
        np.testing.assert_allclose(gf, gs, rtol=0, atol=1e-12)


def test_default_h0_is_zero():
    Wx, Wh, b = make_weights()
    xs, h0, _ = make_data()
    layer = TimeRNN(Wx, Wh, b)
    np.testing.assert_array_equal(layer.forward(xs), layer.forward(xs, np.zeros_like(h0)))


@pytest.mark.parametrize("cls", TIME_CLASSES)
def test_grads_are_filled_in_place_and_overwritten(cls):
    Wx, Wh, b = make_weights()
    xs, h0, dhs = make_data()
    layer = cls(Wx, Wh, b)
    arrays = list(layer.grads)
    layer.forward(xs, h0)
    layer.backward(dhs)
    first = [g.copy() for g in layer.grads]
    layer.backward(dhs)  # 같은 forward 에 두 번: 누적되지 않고 같은 값
    assert all(g is a for g, a in zip(layer.grads, arrays, strict=True))
    for g, f in zip(layer.grads, first, strict=True):
        np.testing.assert_array_equal(g, f)
        assert np.any(g != 0)


def test_returned_arrays_do_not_alias_the_cache():
    Wx, Wh, b = make_weights()
    xs, h0, dhs = make_data()
    layer = TimeRNN(Wx, Wh, b)
    hs = layer.forward(xs, h0)
    expected = TimeRNN(Wx, Wh, b)
    expected.forward(xs, h0)
    hs[...] = 0  # 돌려받은 hs 를 바꿔도 역전파는 영향을 받지 않는다
    np.testing.assert_array_equal(layer.backward(dhs), expected.backward(dhs))


# --- dtype ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("cls", TIME_CLASSES)
@pytest.mark.parametrize("act", ACTS)
def test_float32_keeps_dtype(cls, act):
    W64 = make_weights()
    d64 = make_data()
    layer32 = cls(*(w.astype(np.float32) for w in W64), act)
    xs, h0, dhs = (a.astype(np.float32) for a in d64)
    hs = layer32.forward(xs, h0)
    dxs = layer32.backward(dhs)
    for arr in [hs, dxs, layer32.h, layer32.dh0, *layer32.grads]:
        assert arr.dtype == np.float32
    layer64 = cls(*W64, act)
    np.testing.assert_allclose(hs, layer64.forward(*d64[:2]), rtol=0, atol=1e-5)
    np.testing.assert_allclose(dxs, layer64.backward(d64[2]), rtol=0, atol=1e-5)


# --- 잘못된 입력 ----------------------------------------------------------------------------------
def _bad_cases():
    Wx, Wh, b = make_weights(D=3, H=4)
    xs, h0, dhs = make_data(N=2, T=5, D=3, H=4)
    nan_xs = xs.copy()
    nan_xs[0, 1, 2] = np.nan
    nan_dhs = dhs.copy()
    nan_dhs[1, 4, 3] = np.nan
    inf_h0 = h0.copy()
    inf_h0[1, 0] = np.inf

    def fwd(xs_, h0_=None, act="tanh"):
        return lambda cls: cls(Wx, Wh, b, act).forward(xs_, h0_)

    def init(*w, act="tanh"):
        return lambda cls: cls(*w, act)

    def bwd(dhs_):
        def run(cls):
            layer = cls(Wx, Wh, b)
            layer.forward(xs, h0)
            layer.backward(dhs_)

        return run

    return {
        "xs rank": (fwd(xs[:, 0]), r"^xs: expected shape \(N, T, 3\), got \(2, 3\)"),
        "xs D": (fwd(xs[..., :2]), r"^xs: expected shape \(N, T, 3\), got \(2, 5, 2\)"),
        "xs empty T": (
            fwd(xs[:, :0]),
            r"^xs: expected shape \(N, T, 3\) with N ≥ 1 and T ≥ 1, got \(2, 0, 3\)",
        ),
        "xs int": (fwd(xs.astype(np.int64)), r"^xs: expected dtype float32 or float64 .*got dtype int64"),
        "xs list": (fwd(xs.tolist()), r"^xs: expected a NumPy array of shape \(N, T, 3\), got list"),
        "xs nan": (fwd(nan_xs), r"^xs: expected finite values .*\(N, T, 3\).*\(2, 5, 3\)"),
        "xs float32": (fwd(xs.astype(np.float32)), r"^xs: expected dtype float64 \(same as the weights\), got float32"),
        "h0 N": (fwd(xs, h0[:1]), r"^h0: expected shape \(2, 4\), got \(1, 4\)"),
        "h0 H": (fwd(xs, h0[:, :3]), r"^h0: expected shape \(2, 4\), got \(2, 3\)"),
        "h0 inf": (fwd(xs, inf_h0), r"^h0: expected finite values"),
        "h0 float32": (fwd(xs, h0.astype(np.float32)), r"^h0: expected dtype float64 .*got float32"),
        "Wh not square": (
            init(Wx, np.zeros((4, 5)), b),
            r"^Wh: expected shape \(H, H\) = \(4, 4\), got \(4, 5\)",
        ),
        "Wx H": (init(np.zeros((3, 5)), Wh, b), r"^Wx: expected shape \(D, 4\), got \(3, 5\)"),
        "b H": (init(Wx, Wh, np.zeros(5)), r"^b: expected shape \(4,\), got \(5,\)"),
        "b rank": (init(Wx, Wh, np.zeros((1, 4))), r"^b: expected shape \(4,\), got \(1, 4\)"),
        "Wh int": (init(Wx, np.zeros((4, 4), dtype=int), b), r"^Wh: expected dtype float32 or float64"),
        "mixed weights": (init(Wx, Wh.astype(np.float32), b), r"^Wh: expected dtype float64 \(same as Wx, b\), got float32"),
        "activation": (
            init(Wx, Wh, b, act="sigmoid"),
            r"^activation: expected one of 'tanh', 'relu', 'linear'",
        ),
        "dhs shape": (bwd(dhs[:, :4]), r"^dhs: expected shape \(2, 5, 4\), got \(2, 4, 4\)"),
        "dhs dtype": (bwd(dhs.astype(np.float32)), r"^dhs: expected dtype float64"),
        "dhs nan": (bwd(nan_dhs), r"^dhs: expected finite values"),
        "backward first": (lambda cls: cls(Wx, Wh, b).backward(dhs), r"^\w+\.backward: call forward\(xs\) first"),
    }


BAD = _bad_cases()


@pytest.mark.parametrize("cls", TIME_CLASSES)
@pytest.mark.parametrize("case", list(BAD))
def test_bad_inputs(cls, case):
    run, message = BAD[case]
    with pytest.raises(ValueError, match=message):
        run(cls)


def test_cell_bad_inputs():
    Wx, Wh, b = make_weights()
    xs, h0, _ = make_data()
    cell = RNN(Wx, Wh, b)
    with pytest.raises(ValueError, match=r"^x: expected shape \(N, 3\), got \(2, 5, 3\)"):
        cell.forward(xs, h0)
    with pytest.raises(ValueError, match=r"^h_prev: expected shape \(2, 4\), got \(3, 4\)"):
        cell.forward(xs[:, 0], np.zeros((3, 4)))
    with pytest.raises(ValueError, match=r"^RNN\.backward: call forward\(xs\) first"):
        cell.backward(h0)
    cell.forward(xs[:, 0], h0)
    with pytest.raises(ValueError, match=r"^dh_next: expected shape \(2, 4\), got \(2, 3\)"):
        cell.backward(h0[:, :3])


# --- 독립된 구현(PyTorch)과 비교 -------------------------------------------------------------------
def _check_against(ref, cls, act):
    layer = cls(ref["Wx"], ref["Wh"], ref["b"], act)
    hs = layer.forward(ref["xs"].copy(), ref["h0"])
    dxs = layer.backward(ref["R"])
    errs = {
        "hs": np.max(np.abs(hs - ref["hs"])),
        "h_T": np.max(np.abs(layer.h - ref["h_T"])),
        "dxs": np.max(np.abs(dxs - ref["dxs"])),
        "dWx": np.max(np.abs(layer.grads[0] - ref["dWx"])),
        "dWh": np.max(np.abs(layer.grads[1] - ref["dWh"])),
        "db": np.max(np.abs(layer.grads[2] - ref["db"])),
        "dh0": np.max(np.abs(layer.dh0 - ref["dh0"])),
    }
    assert max(errs.values()) <= 1e-10, errs


@pytest.mark.parametrize("cls", TIME_CLASSES)
@pytest.mark.parametrize("act", ["tanh", "relu"])
def test_matches_stored_torch_reference(cls, act):
    with np.load(REF / f"torch_rnn_{act}.npz") as f:
        ref = dict(f)
    assert ref["hs"].shape == (2, 6, 4) and np.any(ref["dWh"] != 0)
    _check_against(ref, cls, act)


@pytest.mark.parametrize("act", ["tanh", "relu"])
def test_matches_live_torch(act):
    torch = torch_or_skip()
    N, T, D, H = 3, 9, 5, 6
    Wx, Wh, b = make_weights(D, H, seed=12)
    xs, h0, R = make_data(N, T, D, H, seed=13)
    net = torch.nn.RNN(D, H, nonlinearity=act, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        net.weight_ih_l0.copy_(torch.from_numpy(Wx.T))
        net.weight_hh_l0.copy_(torch.from_numpy(Wh.T))
        net.bias_ih_l0.copy_(torch.from_numpy(b))
        net.bias_hh_l0.zero_()
    xs_t = torch.tensor(xs, requires_grad=True)
    h0_t = torch.tensor(h0[None], requires_grad=True)
    hs_t, hT_t = net(xs_t, h0_t)
    (hs_t * torch.from_numpy(R)).sum().backward()
    ref = {
        "Wx": Wx, "Wh": Wh, "b": b, "xs": xs, "h0": h0, "R": R,
        "hs": hs_t.detach().numpy(), "h_T": hT_t[0].detach().numpy(), "dxs": xs_t.grad.numpy(),
        "dWx": net.weight_ih_l0.grad.numpy().T, "dWh": net.weight_hh_l0.grad.numpy().T,
        "db": net.bias_ih_l0.grad.numpy(), "dh0": h0_t.grad[0].numpy(),
    }  # fmt: skip
    _check_against(ref, TimeRNN, act)


# --- 활성화 함수의 정확도는 tests/test_core_accuracy.py 가 본다 -----------------------------------------
@pytest.mark.parametrize("act", ACTS)
def test_fast_equals_stepwise_with_saturated_units(act):
    N, H = 8, 40
    Wx, Wh, b = make_weights(D=6, H=H, seed=7, scale=0.3)
    xs, h0, dhs = make_data(N=N, T=9, D=6, H=H, seed=8)
    if act == "tanh":
        xs[0, 0] = 1e3  # 포화하는 원소도 섞는다 (relu, linear 에서는 값이 커져 절대 오차 비교가 무의미하다)
    fast, slow = TimeRNN(Wx, Wh, b, act), TimeRNNStepwise(Wx, Wh, b, act)
    hs_fast, hs_slow = fast.forward(xs, h0), slow.forward(xs, h0)
    np.testing.assert_allclose(hs_fast, hs_slow, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.backward(dhs), slow.backward(dhs), rtol=0, atol=1e-12)
    for gf, gs in zip(fast.grads, slow.grads, strict=True):
        np.testing.assert_allclose(gf, gs, rtol=0, atol=1e-11)
