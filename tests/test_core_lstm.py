"""core/lstm.py: LSTM 셀, TimeLSTM(빠른 판), TimeLSTMStepwise(기준 판)."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from torchref import REF, torch_or_skip

from helpers.core import lstm as lstm_module
from helpers.core.gradcheck import gradient_check, numerical_gradient, relative_error
from helpers.core.lstm import LSTM, TimeLSTM, TimeLSTMStepwise

TIME_CLASSES = [TimeLSTM, TimeLSTMStepwise]


def make_weights(D=3, H=4, seed=0, dtype=np.float64, scale=0.5):
    rng = np.random.default_rng(seed)
    return (
        (scale * rng.standard_normal((D, 4 * H))).astype(dtype),
        (scale * rng.standard_normal((H, 4 * H))).astype(dtype),
        (0.3 * rng.standard_normal(4 * H)).astype(dtype),
    )


def make_data(N=2, T=5, D=3, H=4, seed=1, dtype=np.float64):
    rng = np.random.default_rng(seed)
    return (
        rng.standard_normal((N, T, D)).astype(dtype),
        (0.5 * rng.standard_normal((N, H))).astype(dtype),
        (0.5 * rng.standard_normal((N, H))).astype(dtype),
        rng.standard_normal((N, T, H)).astype(dtype),
    )


def sig(a):
    return 1 / (1 + np.exp(-a))


# --- 식 그대로 --------------------------------------------------------------------------------------
def test_cell_matches_formula():
    Wx, Wh, b = make_weights()
    xs, h0, c0, _ = make_data()
    H = 4
    a = xs[:, 0] @ Wx + h0 @ Wh + b
    i, f, g, o = sig(a[:, :H]), sig(a[:, H : 2 * H]), np.tanh(a[:, 2 * H : 3 * H]), sig(a[:, 3 * H :])
    c = f * c0 + i * g
    h, c_next = LSTM(Wx, Wh, b).forward(xs[:, 0], h0, c0)
    np.testing.assert_allclose(c_next, c, rtol=0, atol=1e-15)
    np.testing.assert_allclose(h, o * np.tanh(c), rtol=0, atol=1e-15)


def test_cell_forward_shows_each_gate_on_its_own_line():
    """6장이 게이트마다 한 줄씩 보여 줄 수 있도록 주석이 정확히 붙어 있는지."""
    lines = inspect.getsource(lstm_module.LSTM.forward).splitlines()
    expected = [
        ("# 입력 게이트", "i = "),
        ("# 삭제 게이트", "f = "),
        ("# 후보 값", "g = "),
        ("# 출력 게이트", "o = "),
        ("# 셀 상태", "c_next = "),
        ("# 은닉 상태", "h_next = "),
    ]
    for comment, start in expected:
        hits = [line for line in lines if line.rstrip().endswith(comment)]
        assert len(hits) == 1, comment
        assert hits[0].strip().startswith(start), hits[0]


# --- 수치 미분과 비교 -----------------------------------------------------------------------------
def test_cell_gradient_check():
    Wx, Wh, b = make_weights()
    xs, h0, c0, dhs = make_data()
    x = xs[:, 0].copy()
    rng = np.random.default_rng(5)
    dh, dc = dhs[:, 0], rng.standard_normal(c0.shape)
    cell = LSTM(Wx, Wh, b)
    cell.forward(x, h0, c0)
    dx, dh_prev, dc_prev = cell.backward(dh, dc)

    def loss():
        h, c = cell.forward(x, h0, c0)
        return np.sum(h * dh) + np.sum(c * dc)

    for name, arr, grad in [("Wx", Wx, cell.grads[0]), ("Wh", Wh, cell.grads[1]), ("b", b, cell.grads[2]),
                            ("x", x, dx), ("h_prev", h0, dh_prev), ("c_prev", c0, dc_prev)]:  # fmt: skip
        err = relative_error(numerical_gradient(loss, arr), grad)
        assert err <= 1e-6, (name, err)


@pytest.mark.parametrize("cls", TIME_CLASSES)
def test_time_gradient_check(cls):
    Wx, Wh, b = make_weights()
    xs, h0, c0, _ = make_data()
    errs = gradient_check(cls(Wx, Wh, b), xs, h0=h0, c0=c0)
    assert set(errs) == {"Wx", "Wh", "b", "xs", "h0", "c0"}
    assert max(errs.values()) <= 1e-6, errs


def test_gradient_check_detects_a_wrong_cell_state_gradient():
    class Broken(TimeLSTM):
        def backward(self, dhs):
            dxs = super().backward(dhs)
            self.dc0 = self.dc0 * 1.001
            return dxs

    Wx, Wh, b = make_weights()
    xs, h0, c0, _ = make_data()
    errs = gradient_check(Broken(Wx, Wh, b), xs, h0=h0, c0=c0)
    assert errs["c0"] > 1e-5 and errs["h0"] <= 1e-6


# --- 빠른 판 == 기준 판 ----------------------------------------------------------------------------
@pytest.mark.parametrize("with_state", [True, False])
def test_fast_equals_stepwise(with_state):
    Wx, Wh, b = make_weights(D=5, H=7, seed=3)
    xs, h0, c0, dhs = make_data(N=3, T=13, D=5, H=7, seed=4)
    state = (h0, c0) if with_state else (None, None)
    fast, slow = TimeLSTM(Wx, Wh, b), TimeLSTMStepwise(Wx, Wh, b)
    np.testing.assert_allclose(fast.forward(xs, *state), slow.forward(xs, *state), rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.h, slow.h, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.c, slow.c, rtol=0, atol=1e-12)
    gf, gs = fast.gates, slow.gates
    assert set(gf) == {"i", "f", "g", "o", "c"}
    for k in gf:
        assert gf[k].shape == (3, 13, 7)
        np.testing.assert_allclose(gf[k], gs[k], rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.backward(dhs), slow.backward(dhs), rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.dh0, slow.dh0, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.dc0, slow.dc0, rtol=0, atol=1e-12)
    for g1, g2 in zip(fast.grads, slow.grads, strict=True):
        np.testing.assert_allclose(g1, g2, rtol=0, atol=1e-12)


def test_gates_are_read_only_views_consistent_with_states():
    Wx, Wh, b = make_weights()
    xs, h0, c0, _ = make_data()
    layer = TimeLSTM(Wx, Wh, b)
    assert layer.gates is None
    hs = layer.forward(xs, h0, c0)
    g = layer.gates
    np.testing.assert_allclose(hs, g["o"] * np.tanh(g["c"]), rtol=0, atol=1e-15)
    np.testing.assert_array_equal(g["c"][:, -1], layer.c)
    assert all(0 < v.min() and v.max() < 1 for k, v in g.items() if k in "ifo")
    with pytest.raises(ValueError, match="^assignment destination is read-only"):
        g["f"][0, 0, 0] = 1.0


def test_grads_in_place_and_dtype_float32():
    W64, d64 = make_weights(), make_data()
    for cls in TIME_CLASSES:
        layer = cls(*(w.astype(np.float32) for w in W64))
        arrays = list(layer.grads)
        xs, h0, c0, dhs = (a.astype(np.float32) for a in d64)
        hs = layer.forward(xs, h0, c0)
        dxs = layer.backward(dhs)
        assert all(g is a for g, a in zip(layer.grads, arrays, strict=True))
        for arr in [hs, dxs, layer.h, layer.c, layer.dh0, layer.dc0, *layer.grads]:
            assert arr.dtype == np.float32, cls
        ref = cls(*W64)
        np.testing.assert_allclose(hs, ref.forward(*d64[:3]), rtol=0, atol=1e-5)
        np.testing.assert_allclose(dxs, ref.backward(d64[3]), rtol=0, atol=1e-5)
        np.testing.assert_allclose(layer.grads[1], ref.grads[1], rtol=0, atol=1e-4)


def test_saturated_gates_do_not_warn():
    """큰 가중합에서도 시그모이드가 넘침 경고 없이 0 과 1 로 포화한다 (pytest 는 경고를 오류로 본다)."""
    Wx, Wh, b = make_weights()
    xs, *_ = make_data()
    layer = TimeLSTM(Wx * 1e3, Wh, b)
    hs = layer.forward(xs)
    assert np.all(np.isfinite(hs))
    assert np.any(layer.gates["i"] == 1.0) or np.any(layer.gates["i"] == 0.0)


# --- 잘못된 입력 ----------------------------------------------------------------------------------
def _bad_cases():
    Wx, Wh, b = make_weights(D=3, H=4)
    xs, h0, c0, dhs = make_data(N=2, T=5, D=3, H=4)
    nan_c0 = c0.copy()
    nan_c0[0, 0] = np.nan

    def fwd(xs_=xs, h0_=None, c0_=None):
        return lambda cls: cls(Wx, Wh, b).forward(xs_, h0_, c0_)

    def init(*w):
        return lambda cls: cls(*w)

    def bwd(dhs_):
        def run(cls):
            layer = cls(Wx, Wh, b)
            layer.forward(xs, h0, c0)
            layer.backward(dhs_)

        return run

    return {
        "xs rank": (fwd(xs[0]), r"^xs: expected shape \(N, T, 3\), got \(5, 3\)"),
        "xs D": (fwd(xs[..., :1]), r"^xs: expected shape \(N, T, 3\), got \(2, 5, 1\)"),
        "xs int": (fwd(xs.astype(np.int32)), r"^xs: expected dtype float32 or float64"),
        "xs float32": (fwd(xs.astype(np.float32)), r"^xs: expected dtype float64 \(same as the weights\), got float32"),
        "h0 shape": (fwd(xs, h0[:, :2]), r"^h0: expected shape \(2, 4\), got \(2, 2\)"),
        "c0 shape": (fwd(xs, h0, c0[:1]), r"^c0: expected shape \(2, 4\), got \(1, 4\)"),
        "c0 nan": (fwd(xs, h0, nan_c0), r"^c0: expected finite values"),
        "c0 float32": (fwd(xs, h0, c0.astype(np.float32)), r"^c0: expected dtype float64"),
        "Wh not 4H": (
            init(Wx, np.zeros((4, 4)), b),
            r"^Wh: expected shape \(H, 4H\) = \(4, 16\), got \(4, 4\)",
        ),
        "Wx not 4H": (init(np.zeros((3, 4)), Wh, b), r"^Wx: expected shape \(D, 16\), got \(3, 4\)"),
        "b not 4H": (init(Wx, Wh, np.zeros(4)), r"^b: expected shape \(16,\), got \(4,\)"),
        "b int": (init(Wx, Wh, np.zeros(16, dtype=np.int64)), r"^b: expected dtype float32 or float64"),
        "mixed weights": (init(Wx.astype(np.float32), Wh, b), r"^Wx: expected dtype float64 \(same as Wh, b\), got float32"),
        "dhs shape": (bwd(dhs[:1]), r"^dhs: expected shape \(2, 5, 4\), got \(1, 5, 4\)"),
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
    xs, h0, c0, _ = make_data()
    cell = LSTM(Wx, Wh, b)
    with pytest.raises(ValueError, match=r"^c_prev: expected shape \(2, 4\), got \(2, 5\)"):
        cell.forward(xs[:, 0], h0, np.zeros((2, 5)))
    cell.forward(xs[:, 0], h0, c0)
    with pytest.raises(ValueError, match=r"^dc_next: expected shape \(2, 4\), got \(4,\)"):
        cell.backward(h0, c0[0])


# --- 독립된 구현(PyTorch)과 비교 -------------------------------------------------------------------
def _check_against(ref, cls):
    layer = cls(ref["Wx"], ref["Wh"], ref["b"])
    hs = layer.forward(ref["xs"].copy(), ref["h0"], ref["c0"])
    dxs = layer.backward(ref["R"])
    got = {"hs": hs, "h_T": layer.h, "c_T": layer.c, "dxs": dxs, "dWx": layer.grads[0],
           "dWh": layer.grads[1], "db": layer.grads[2], "dh0": layer.dh0, "dc0": layer.dc0}  # fmt: skip
    errs = {k: float(np.max(np.abs(v - ref[k]))) for k, v in got.items()}
    assert max(errs.values()) <= 1e-10, errs


@pytest.mark.parametrize("cls", TIME_CLASSES)
def test_matches_stored_torch_reference(cls):
    with np.load(REF / "torch_lstm.npz") as f:
        ref = dict(f)
    assert ref["hs"].shape == (2, 6, 4) and np.any(ref["dc0"] != 0)
    _check_against(ref, cls)


def test_matches_live_torch():
    torch = torch_or_skip()
    N, T, D, H = 3, 9, 5, 6
    Wx, Wh, b = make_weights(D, H, seed=12)
    xs, h0, c0, R = make_data(N, T, D, H, seed=13)
    net = torch.nn.LSTM(D, H, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        net.weight_ih_l0.copy_(torch.from_numpy(Wx.T))
        net.weight_hh_l0.copy_(torch.from_numpy(Wh.T))
        net.bias_ih_l0.copy_(torch.from_numpy(b))
        net.bias_hh_l0.zero_()
    xs_t = torch.tensor(xs, requires_grad=True)
    h0_t = torch.tensor(h0[None], requires_grad=True)
    c0_t = torch.tensor(c0[None], requires_grad=True)
    hs_t, (hT_t, cT_t) = net(xs_t, (h0_t, c0_t))
    (hs_t * torch.from_numpy(R)).sum().backward()
    ref = {
        "Wx": Wx, "Wh": Wh, "b": b, "xs": xs, "h0": h0, "c0": c0, "R": R,
        "hs": hs_t.detach().numpy(), "h_T": hT_t[0].detach().numpy(), "c_T": cT_t[0].detach().numpy(),
        "dxs": xs_t.grad.numpy(), "dWx": net.weight_ih_l0.grad.numpy().T,
        "dWh": net.weight_hh_l0.grad.numpy().T, "db": net.bias_ih_l0.grad.numpy(),
        "dh0": h0_t.grad[0].numpy(), "dc0": c0_t.grad[0].numpy(),
    }  # fmt: skip
    _check_against(ref, TimeLSTM)


def test_fast_equals_stepwise_with_saturated_gates():
    N, H = 8, 40
    Wx, Wh, b = make_weights(D=6, H=H, seed=7, scale=0.3)
    xs, h0, c0, dhs = make_data(N=N, T=9, D=6, H=H, seed=8)
    xs[0, 0] = 1e3  # 포화하는 게이트도 섞는다
    fast, slow = TimeLSTM(Wx, Wh, b), TimeLSTMStepwise(Wx, Wh, b)
    np.testing.assert_allclose(fast.forward(xs, h0, c0), slow.forward(xs, h0, c0), rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.backward(dhs), slow.backward(dhs), rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.dc0, slow.dc0, rtol=0, atol=1e-12)
    for g1, g2 in zip(fast.grads, slow.grads, strict=True):
        np.testing.assert_allclose(g1, g2, rtol=0, atol=1e-11)
