"""core/gru.py: GRU 셀, TimeGRU(빠른 판), TimeGRUStepwise(기준 판), PyTorch 판(reset_after=True), 초기화,
야코비 행렬, 그리고 깊은·양방향 순환 신경망과 학습 코드에서 GRU 를 쓸 수 있는지."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from torchref import REF, torch_or_skip

from helpers.core import gru as gru_module
from helpers.core.gradcheck import gradient_check, numerical_gradient, relative_error
from helpers.core.gru import GRU, TimeGRU, TimeGRUStepwise, gru_step_jacobians, init_gru
from helpers.core.jacobian import hidden_jacobians, step_jacobians
from helpers.core.stacked import Bidirectional, StackedRNN
from helpers.core.train import make_recurrent, make_rnn_regressor, train_adding

TIME_CLASSES = [TimeGRU, TimeGRUStepwise]
VARIANTS = [False, True]  # reset_after


def make_weights(D=3, H=4, seed=0, dtype=np.float64, scale=0.5):
    rng = np.random.default_rng(seed)
    return (
        (scale * rng.standard_normal((D, 3 * H))).astype(dtype),
        (scale * rng.standard_normal((H, 3 * H))).astype(dtype),
        (0.3 * rng.standard_normal(3 * H)).astype(dtype),
    )


def make_b_hn(H=4, seed=9, dtype=np.float64):
    return (0.3 * np.random.default_rng(seed).standard_normal(H)).astype(dtype)


def variant(reset_after, H=4, dtype=np.float64):
    """reset_after 에 맞는 키워드 인자 (PyTorch 판이면 0 이 아닌 b_hn 도 준다)."""
    return {"reset_after": reset_after, "b_hn": make_b_hn(H, dtype=dtype) if reset_after else None}


def make_data(N=2, T=5, D=3, H=4, seed=1, dtype=np.float64):
    rng = np.random.default_rng(seed)
    return (
        rng.standard_normal((N, T, D)).astype(dtype),
        (0.5 * rng.standard_normal((N, H))).astype(dtype),
        rng.standard_normal((N, T, H)).astype(dtype),
    )


def sig(a):
    return 1 / (1 + np.exp(-a))


def plain_gru(Wx, Wh, b, xs, h0, b_hn=None):
    """식을 그대로 옮긴 GRU (np.tanh 와 1/(1+e^(−a))). 정확도와 식의 기준이다."""
    H = Wh.shape[0]
    h, hs = h0, []
    for t in range(xs.shape[1]):
        ax = xs[:, t] @ Wx + b
        r = sig(ax[:, :H] + h @ Wh[:, :H])
        z = sig(ax[:, H : 2 * H] + h @ Wh[:, H : 2 * H])
        if b_hn is None:
            g = np.tanh(ax[:, 2 * H :] + (r * h) @ Wh[:, 2 * H :])
        else:
            g = np.tanh(ax[:, 2 * H :] + r * (h @ Wh[:, 2 * H :] + b_hn))
        h = z * h + (1 - z) * g
        hs.append(h)
    return np.stack(hs, axis=1)


# --- 식 그대로 --------------------------------------------------------------------------------------
@pytest.mark.parametrize("reset_after", VARIANTS)
def test_cell_and_layers_match_the_formula(reset_after):
    Wx, Wh, b = make_weights()
    xs, h0, _ = make_data()
    kw = variant(reset_after)
    expected = plain_gru(Wx, Wh, b, xs, h0, kw["b_hn"])
    h1 = GRU(Wx, Wh, b, **kw).forward(xs[:, 0], h0)
    np.testing.assert_allclose(h1, expected[:, 0], rtol=0, atol=1e-15)
    for cls in TIME_CLASSES:
        layer = cls(Wx, Wh, b, **kw)
        np.testing.assert_allclose(layer.forward(xs, h0), expected, rtol=0, atol=1e-14)
        np.testing.assert_allclose(layer.h, expected[:, -1], rtol=0, atol=1e-14)


def test_the_two_variants_differ_and_agree_when_the_reset_gate_cannot_matter():
    Wx, Wh, b = make_weights()
    xs, h0, _ = make_data()
    cho = TimeGRU(Wx, Wh, b).forward(xs, h0)
    torch_style = TimeGRU(Wx, Wh, b, reset_after=True).forward(xs, h0)
    assert np.max(np.abs(cho - torch_style)) > 1e-3
    Wh0 = Wh.copy()
    Wh0[:, 8:] = 0  # Wh_g = 0, b_hn = 0: 후보 값이 h(t−1) 을 보지 않으므로 r 의 위치가 상관없다
    np.testing.assert_allclose(
        TimeGRU(Wx, Wh0, b).forward(xs, h0), TimeGRU(Wx, Wh0, b, reset_after=True).forward(xs, h0), atol=1e-15
    )


def test_cell_forward_shows_each_equation_on_its_own_line():
    """8장이 식마다 한 줄씩 보여 줄 수 있도록 주석이 정확히 붙어 있는지."""
    lines = inspect.getsource(gru_module.GRU.forward).splitlines()
    expected = [("# 리셋 게이트", "r = "), ("# 업데이트 게이트", "z = "), ("# 후보 값", "g = "),
                ("# 은닉 상태", "h_next = ")]  # fmt: skip
    for comment, start in expected:
        hits = [line for line in lines if line.rstrip().endswith(comment)]
        assert len(hits) == 1, comment
        assert hits[0].strip().startswith(start), hits[0]


# --- 수치 미분과 비교 -----------------------------------------------------------------------------
@pytest.mark.parametrize("reset_after", VARIANTS)
def test_cell_gradient_check(reset_after):
    Wx, Wh, b = make_weights()
    xs, h0, dhs = make_data()
    x, dh = xs[:, 0].copy(), dhs[:, 0]
    cell = GRU(Wx, Wh, b, **variant(reset_after))
    cell.forward(x, h0)
    dx, dh_prev = cell.backward(dh)

    def loss():
        return np.sum(cell.forward(x, h0) * dh)

    names = ["Wx", "Wh", "b", "b_hn"][: len(cell.params)]
    checks = [*zip(names, cell.params, [g.copy() for g in cell.grads], strict=True), ("x", x, dx),
              ("h_prev", h0, dh_prev)]  # fmt: skip
    for name, arr, grad in checks:
        err = relative_error(numerical_gradient(loss, arr), grad)
        assert err <= 1e-6, (name, err)


@pytest.mark.parametrize("reset_after", VARIANTS)
@pytest.mark.parametrize("cls", TIME_CLASSES)
def test_time_gradient_check(cls, reset_after):
    Wx, Wh, b = make_weights()
    xs, h0, _ = make_data()
    errs = gradient_check(cls(Wx, Wh, b, **variant(reset_after)), xs, h0=h0)
    expected = {"Wx", "Wh", "b", "xs", "h0"} | ({"b_hn"} if reset_after else set())
    assert set(errs) == expected
    assert max(errs.values()) <= 1e-6, errs


def test_gradient_check_detects_a_wrong_reset_gate_gradient():
    class Broken(TimeGRU):
        def backward(self, dhs):
            dxs = super().backward(dhs)
            self.grads[1][:, :4] *= 1.001  # 리셋 게이트의 Wh_r 기울기만 살짝 틀리게
            return dxs

    Wx, Wh, b = make_weights()
    xs, h0, _ = make_data()
    errs = gradient_check(Broken(Wx, Wh, b), xs, h0=h0)
    assert errs["Wh"] > 1e-5 and errs["Wx"] <= 1e-6


# --- 빠른 판 == 기준 판 ----------------------------------------------------------------------------
@pytest.mark.parametrize("reset_after", VARIANTS)
@pytest.mark.parametrize("with_h0", [True, False])
def test_fast_equals_stepwise(reset_after, with_h0):
    Wx, Wh, b = make_weights(D=5, H=7, seed=3)
    xs, h0, dhs = make_data(N=3, T=13, D=5, H=7, seed=4)
    xs[0, 0] = 1e3  # 포화하는 게이트도 섞는다
    h0 = h0 if with_h0 else None
    kw = variant(reset_after, H=7)
    fast, slow = TimeGRU(Wx, Wh, b, **kw), TimeGRUStepwise(Wx, Wh, b, **kw)
    np.testing.assert_allclose(fast.forward(xs, h0), slow.forward(xs, h0), rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.h, slow.h, rtol=0, atol=1e-12)
    gf, gs = fast.gates, slow.gates
    assert set(gf) == set(gs) == {"r", "z", "g"}
    for k in gf:
        assert gf[k].shape == (3, 13, 7)
        np.testing.assert_allclose(gf[k], gs[k], rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.backward(dhs), slow.backward(dhs), rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.dh0, slow.dh0, rtol=0, atol=1e-12)
    for g1, g2 in zip(fast.grads, slow.grads, strict=True):
        np.testing.assert_allclose(g1, g2, rtol=0, atol=1e-11)


def test_gates_are_read_only_views_consistent_with_states():
    Wx, Wh, b = make_weights()
    xs, h0, _ = make_data()
    layer = TimeGRU(Wx, Wh, b)
    assert layer.gates is None
    hs = layer.forward(xs, h0)
    g = layer.gates
    h_prev = np.concatenate((h0[:, None], hs[:, :-1]), axis=1)
    np.testing.assert_allclose(hs, g["z"] * h_prev + (1 - g["z"]) * g["g"], rtol=0, atol=1e-15)
    assert all(0 < g[k].min() and g[k].max() < 1 for k in "rz")
    assert -1 < g["g"].min() and g["g"].max() < 1
    with pytest.raises(ValueError, match="read-only"):
        g["z"][0, 0, 0] = 1.0


@pytest.mark.parametrize("reset_after", VARIANTS)
def test_grads_in_place_and_float32(reset_after):
    W64, d64 = make_weights(), make_data()
    for cls in TIME_CLASSES:
        layer = cls(*(w.astype(np.float32) for w in W64), **variant(reset_after, dtype=np.float32))
        arrays = list(layer.grads)
        xs, h0, dhs = (a.astype(np.float32) for a in d64)
        hs = layer.forward(xs, h0)
        dxs = layer.backward(dhs)
        assert all(g is a for g, a in zip(layer.grads, arrays, strict=True))
        for arr in [hs, dxs, layer.h, layer.dh0, *layer.grads]:
            assert arr.dtype == np.float32, cls
        ref = cls(*W64, **variant(reset_after))
        np.testing.assert_allclose(hs, ref.forward(*d64[:2]), rtol=0, atol=1e-5)
        np.testing.assert_allclose(dxs, ref.backward(d64[2]), rtol=0, atol=1e-5)
        np.testing.assert_allclose(layer.grads[1], ref.grads[1], rtol=0, atol=1e-4)


def test_returned_arrays_do_not_alias_the_cache():
    Wx, Wh, b = make_weights()
    xs, h0, dhs = make_data()
    layer, ref = TimeGRU(Wx, Wh, b), TimeGRUStepwise(Wx, Wh, b)
    hs = layer.forward(xs, h0)
    ref.forward(xs, h0)
    hs[...] = 0  # 돌려받은 배열을 바꿔도 캐시(역전파에 쓰는 값)는 그대로다
    layer.h[...] = 0
    np.testing.assert_allclose(layer.backward(dhs), ref.backward(dhs), rtol=0, atol=1e-12)


# --- 정확도: 보통의 np.tanh / 시그모이드 계산과 몇 ulp 안에서 같다 ------------------------------------
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("scale", [1.0, 1e-6, 1e-30])
@pytest.mark.parametrize("reset_after", VARIANTS)
def test_accurate_to_a_few_ulps_of_the_largest_value(dtype, scale, reset_after):
    """작은 가중합(scale 이 작다)에서도 tanh 를 np.tanh 로 계산하므로 상대 정확도를 잃지 않는다."""
    Wx, Wh, b = make_weights(D=6, H=40, seed=7, dtype=dtype)
    xs, h0, _ = make_data(N=8, T=6, D=6, H=40, seed=8, dtype=dtype)
    xs = (xs * dtype(scale)).astype(dtype)
    h0 = (h0 * dtype(scale)).astype(dtype)
    b = (b * dtype(scale)).astype(dtype)
    b_hn = make_b_hn(40, dtype=dtype) * dtype(scale) if reset_after else None
    # 기준: 같은 (반올림된) 값을 float64 로 바꿔 식 그대로 계산한다
    f64 = [a.astype(np.float64) for a in (Wx, Wh, b, xs, h0)]
    ref = plain_gru(*f64, None if b_hn is None else b_hn.astype(np.float64))
    hs = TimeGRU(Wx, Wh, b, reset_after=reset_after, b_hn=b_hn).forward(xs, h0)
    ulp = np.finfo(dtype).eps * np.max(np.abs(ref))
    err = np.max(np.abs(hs.astype(np.float64) - ref))
    assert err <= 8 * ulp, (err / ulp, "ulps")


# |a| 가 1e-12 부터 1 까지 (로그 간격), 양수와 음수: tests/test_core_accuracy.py 와 같은 시험을 GRU 에
TINY = np.concatenate([-np.logspace(-12, 0, 1201)[::-1], np.logspace(-12, 0, 1201)])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("reset_after", VARIANTS)
@pytest.mark.parametrize("cls", TIME_CLASSES)
def test_gates_elementwise_near_zero_to_a_few_ulps(cls, reset_after, dtype):
    """가중합이 정확히 a 인 한 시점 (D = 1, x = 1, Wx 의 행 = a, Wh = 0, b = 0, h0 = 0): 게이트 r, z 는 σ(a),
    후보 값은 tanh(a), 은닉 상태는 (1 − σ(a))·tanh(a). long double 로 계산한 값과 원소마다 몇 ulp 안에서 같다."""
    a = TINY.astype(dtype)
    H = a.size
    layer = cls(
        np.tile(a, 3)[None, :], np.zeros((H, 3 * H), dtype), np.zeros(3 * H, dtype), reset_after=reset_after
    )
    h = layer.forward(np.ones((1, 1, 1), dtype))[0, 0]
    exact_sig = 1 / (1 + np.exp(-a.astype(np.longdouble)))
    exact_tanh = np.tanh(a.astype(np.longdouble))
    eps = np.finfo(dtype).eps

    def rel(got, exact):
        return float(np.max(np.abs(got.astype(np.longdouble) - exact) / np.abs(exact)))

    gates = {k: v[0, 0] for k, v in layer.gates.items()}
    assert rel(gates["r"], exact_sig) <= 4 * eps and rel(gates["z"], exact_sig) <= 4 * eps
    assert rel(gates["g"], exact_tanh) <= 4 * eps
    assert rel(h, (1 - exact_sig) * exact_tanh) <= 8 * eps


@pytest.mark.parametrize("reset_after", VARIANTS)
def test_saturated_gates_do_not_warn(reset_after):
    """큰 가중합에서도 시그모이드가 넘침 경고 없이 0 과 1 로 포화한다 (pytest 는 경고를 오류로 본다)."""
    Wx, Wh, b = make_weights()
    xs, *_ = make_data()
    for dtype in (np.float64, np.float32):
        layer = TimeGRU((Wx * 1e3).astype(dtype), Wh.astype(dtype), b.astype(dtype), reset_after=reset_after)
        hs = layer.forward(xs.astype(dtype))
        layer.backward(np.ones_like(hs))
        assert np.all(np.isfinite(hs)) and np.all(np.isfinite(layer.grads[1]))
        assert np.any(layer.gates["z"] == 1.0) or np.any(layer.gates["z"] == 0.0)


# --- 잘못된 입력 ----------------------------------------------------------------------------------
def _bad_cases():
    Wx, Wh, b = make_weights(D=3, H=4)
    xs, h0, dhs = make_data(N=2, T=5, D=3, H=4)
    nan_h0 = h0.copy()
    nan_h0[0, 0] = np.nan

    def fwd(xs_=xs, h0_=None):
        return lambda cls: cls(Wx, Wh, b).forward(xs_, h0_)

    def init(*w, **kw):
        return lambda cls: cls(*w, **kw)

    def bwd(dhs_):
        def run(cls):
            layer = cls(Wx, Wh, b)
            layer.forward(xs, h0)
            layer.backward(dhs_)

        return run

    return {
        "xs rank": (fwd(xs[0]), r"^xs: expected shape \(N, T, 3\), got \(5, 3\)"),
        "xs D": (fwd(xs[..., :1]), r"^xs: expected shape \(N, T, 3\), got \(2, 5, 1\)"),
        "xs empty": (fwd(xs[:, :0]), r"^xs: expected shape \(N, T, 3\) with N ≥ 1 and T ≥ 1"),
        "xs int": (fwd(xs.astype(np.int32)), r"^xs: expected dtype float32 or float64"),
        "xs float32": (fwd(xs.astype(np.float32)), r"^xs: expected dtype float64 \(same as the weights\), got float32"),
        "xs list": (fwd(xs.tolist()), r"^xs: expected a NumPy array of shape \(N, T, 3\), got list"),
        "h0 shape": (fwd(xs, h0[:, :2]), r"^h0: expected shape \(2, 4\), got \(2, 2\)"),
        "h0 nan": (fwd(xs, nan_h0), r"^h0: expected finite values"),
        "h0 float32": (fwd(xs, h0.astype(np.float32)), r"^h0: expected dtype float64"),
        "Wh not 3H": (
            init(Wx, np.zeros((4, 4)), b),
            r"^Wh: expected shape \(H, 3H\) = \(4, 12\), got \(4, 4\)",
        ),
        "Wh 4H": (init(Wx, np.zeros((4, 16)), b), r"^Wh: expected shape \(H, 3H\) = \(4, 12\), got \(4, 16\)"),
        "Wx not 3H": (init(np.zeros((3, 4)), Wh, b), r"^Wx: expected shape \(D, 12\), got \(3, 4\)"),
        "b not 3H": (init(Wx, Wh, np.zeros(4)), r"^b: expected shape \(12,\), got \(4,\)"),
        "b int": (init(Wx, Wh, np.zeros(12, dtype=np.int64)), r"^b: expected dtype float32 or float64"),
        "mixed weights": (init(Wx.astype(np.float32), Wh, b), r"^Wx: expected dtype float64 \(same as Wh, b\), got float32"),
        "reset_after str": (init(Wx, Wh, b, reset_after="yes"), r"^reset_after: expected True or False"),
        "b_hn without variant": (init(Wx, Wh, b, b_hn=np.zeros(4)), r"^b_hn: expected None .*reset_after=True"),
        "b_hn shape": (init(Wx, Wh, b, reset_after=True, b_hn=np.zeros(12)), r"^b_hn: expected shape \(4,\), got \(12,\)"),
        "b_hn dtype": (
            init(Wx, Wh, b, reset_after=True, b_hn=np.zeros(4, dtype=np.float32)),
            r"^b_hn: expected dtype float64 \(same as Wh\), got float32",
        ),
        "dhs shape": (bwd(dhs[:1]), r"^dhs: expected shape \(2, 5, 4\), got \(1, 5, 4\)"),
        "dhs float32": (bwd(dhs.astype(np.float32)), r"^dhs: expected dtype float64"),
        "backward first": (lambda cls: cls(Wx, Wh, b).backward(dhs), r"^TimeGRU(Stepwise)?\.backward: call forward\(xs\) first"),
    }  # fmt: skip


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
    cell = GRU(Wx, Wh, b)
    with pytest.raises(ValueError, match=r"^GRU\.backward: call forward\(xs\) first"):
        cell.backward(h0)
    with pytest.raises(ValueError, match=r"^x: expected shape \(N, 3\), got \(2, 5, 3\)"):
        cell.forward(xs, h0)
    with pytest.raises(ValueError, match=r"^h_prev: expected shape \(2, 4\), got \(2, 5\)"):
        cell.forward(xs[:, 0], np.zeros((2, 5)))
    cell.forward(xs[:, 0], h0)
    with pytest.raises(ValueError, match=r"^dh_next: expected shape \(2, 4\), got \(4,\)"):
        cell.backward(h0[0])


def test_init_gru():
    rng = np.random.default_rng(0)
    Wx, Wh, b = init_gru(rng, 3, 5, update_bias=1.0)
    assert Wx.shape == (3, 15) and Wh.shape == (5, 15) and b.shape == (15,)
    for k in range(3):  # 게이트마다 직교 행렬
        block = Wh[:, 5 * k : 5 * (k + 1)]
        np.testing.assert_allclose(block.T @ block, np.eye(5), atol=1e-12)
    np.testing.assert_array_equal(b, np.r_[np.zeros(5), np.ones(5), np.zeros(5)])  # z 블록만 1
    assert init_gru(rng, 3, 5, dtype=np.float32)[0].dtype == np.float32
    for kwargs, name in [({"D": 0}, "D"), ({"H": 2.5}, "H"), ({"update_bias": np.nan}, "update_bias"),
                         ({"dtype": np.int32}, "dtype")]:  # fmt: skip
        args = {"D": 3, "H": 5, **kwargs}
        with pytest.raises(ValueError, match=name):
            init_gru(rng, args.pop("D"), args.pop("H"), **args)
    with pytest.raises(ValueError, match="rng"):
        init_gru(0, 3, 5)


# --- 독립된 구현(PyTorch)과 비교 -------------------------------------------------------------------
def _check_against(ref, cls):
    layer = cls(ref["Wx"], ref["Wh"], ref["b"], reset_after=True, b_hn=ref["b_hn"])
    hs = layer.forward(ref["xs"].copy(), ref["h0"])
    dxs = layer.backward(ref["R"])
    got = {"hs": hs, "h_T": layer.h, "dxs": dxs, "dWx": layer.grads[0], "dWh": layer.grads[1],
           "db": layer.grads[2], "db_hn": layer.grads[3], "dh0": layer.dh0}  # fmt: skip
    errs = {k: float(np.max(np.abs(v - ref[k]))) for k, v in got.items()}
    assert max(errs.values()) <= 1e-10, errs


@pytest.mark.parametrize("cls", TIME_CLASSES)
def test_matches_stored_torch_reference(cls):
    with np.load(REF / "torch_gru.npz") as f:
        ref = dict(f)
    H = ref["h0"].shape[1]
    assert ref["hs"].shape == (2, 6, 4) and np.all(ref["bias_hh"] != 0) and np.any(ref["b_hn"] != 0)
    # PyTorch 의 bias_hh 중 r, z 부분의 기울기는 bias_ih 의 것과 같다 (둘 다 같은 가중합에 더해진다)
    np.testing.assert_allclose(ref["dbias_hh"][: 2 * H], ref["db"][: 2 * H], rtol=0, atol=1e-14)
    _check_against(ref, cls)


def test_matches_live_torch():
    torch = torch_or_skip()
    N, T, D, H = 3, 9, 5, 6
    Wx, Wh, b = make_weights(D, H, seed=12)
    xs, h0, R = make_data(N, T, D, H, seed=13)
    bias_hh = make_b_hn(3 * H, seed=14)
    net = torch.nn.GRU(D, H, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        net.weight_ih_l0.copy_(torch.from_numpy(Wx.T))
        net.weight_hh_l0.copy_(torch.from_numpy(Wh.T))
        net.bias_ih_l0.copy_(torch.from_numpy(b))
        net.bias_hh_l0.copy_(torch.from_numpy(bias_hh))
    xs_t = torch.tensor(xs, requires_grad=True)
    h0_t = torch.tensor(h0[None], requires_grad=True)
    hs_t, hT_t = net(xs_t, h0_t)
    (hs_t * torch.from_numpy(R)).sum().backward()
    ref = {
        "Wx": Wx, "Wh": Wh, "b": b + np.r_[bias_hh[: 2 * H], np.zeros(H)], "b_hn": bias_hh[2 * H :],
        "xs": xs, "h0": h0, "R": R,
        "hs": hs_t.detach().numpy(), "h_T": hT_t[0].detach().numpy(), "dxs": xs_t.grad.numpy(),
        "dWx": net.weight_ih_l0.grad.numpy().T, "dWh": net.weight_hh_l0.grad.numpy().T,
        "db": net.bias_ih_l0.grad.numpy(), "db_hn": net.bias_hh_l0.grad.numpy()[2 * H :],
        "dh0": h0_t.grad[0].numpy(),
    }  # fmt: skip
    _check_against(ref, TimeGRU)


# --- 야코비 행렬 -----------------------------------------------------------------------------------
@pytest.mark.parametrize("reset_after", VARIANTS)
@pytest.mark.parametrize("cls", TIME_CLASSES)
def test_step_jacobians_match_finite_differences(cls, reset_after):
    Wx, Wh, b = make_weights()
    xs, h0, _ = make_data()
    kw = variant(reset_after)
    layer = cls(Wx, Wh, b, **kw)
    hs = layer.forward(xs, h0)
    S = step_jacobians(layer)  # (N, T, H, H)
    assert S.shape == (2, 5, 4, 4)
    np.testing.assert_array_equal(S.transpose(1, 0, 2, 3), gru_step_jacobians(layer))
    h_prevs = np.concatenate((h0[:, None], hs[:, :-1]), axis=1)
    cell = GRU(Wx, Wh, b, **kw)
    for t in range(xs.shape[1]):
        J = np.zeros((2, 4, 4))
        for k in range(4):
            e = np.zeros((2, 4))
            e[:, k] = 1e-6
            J[:, :, k] = (
                cell.forward(xs[:, t], h_prevs[:, t] + e) - cell.forward(xs[:, t], h_prevs[:, t] - e)
            ) / 2e-6
        assert relative_error(S[:, t], J) < 1e-8


def test_direct_path_is_diag_z_when_the_gates_ignore_the_state():
    """Wh = 0 이면 게이트가 h(t−1) 에 의존하지 않으므로 ∂h(t)/∂h(t−1) = diag(z) 뿐이다 (지름길)."""
    Wx, Wh, b = make_weights()
    xs, h0, _ = make_data()
    layer = TimeGRU(Wx, np.zeros_like(Wh), b)
    layer.forward(xs, h0)
    S = step_jacobians(layer)
    expected = layer.gates["z"][..., :, None] * np.eye(4)
    np.testing.assert_allclose(S, expected, rtol=0, atol=1e-15)
    J = hidden_jacobians(layer)[:, 0]  # ∂h(T−1)/∂h(0) = ∏ diag(z)
    np.testing.assert_allclose(J, np.prod(layer.gates["z"][:, 1:], axis=1)[..., None] * np.eye(4), atol=1e-15)


def test_gru_step_jacobians_bad_inputs():
    Wx, Wh, b = make_weights()
    with pytest.raises(ValueError, match=r"^layer: expected a TimeGRU after forward"):
        gru_step_jacobians(TimeGRU(Wx, Wh, b))
    with pytest.raises(ValueError, match=r"^layer: expected a TimeGRU or TimeGRUStepwise, got int"):
        gru_step_jacobians(3)


# --- 깊은·양방향 순환 신경망과 학습 코드 ------------------------------------------------------------
def test_stacked_and_bidirectional_gradient_check_with_both_variants():
    Wx, Wh, b = make_weights(D=3, H=4, seed=20)
    Wx2, Wh2, b2 = make_weights(D=4, H=3, seed=21)
    xs, h0, _ = make_data()
    h0b = 0.5 * np.random.default_rng(22).standard_normal((2, 3))
    stack = StackedRNN(
        [TimeGRU(Wx, Wh, b), TimeGRUStepwise(Wx2, Wh2, b2, reset_after=True, b_hn=make_b_hn(3))]
    )
    errs = gradient_check(stack, xs, h0s=[h0, h0b])
    assert "layers[1].b_hn" in errs and len(errs) == 3 + 4 + 1 + 2
    assert max(errs.values()) <= 1e-6, errs
    bi = Bidirectional(TimeGRU(Wx, Wh, b, reset_after=True), TimeGRU(*make_weights(seed=23)), merge="concat")
    errs = gradient_check(bi, xs, h0s=(h0, None))
    assert {"forward.b_hn", "backward.Wh", "h0s[0]"} <= set(errs)
    assert max(errs.values()) <= 1e-6, errs


def test_make_recurrent_and_regressor_build_a_gru():
    layer = make_recurrent(np.random.default_rng(0), 2, 5, cell="gru", forget_bias=1.0)
    assert isinstance(layer, TimeGRU) and not layer.reset_after
    np.testing.assert_array_equal(layer.params[2][5:10], 1.0)  # 업데이트 게이트 z 의 편향
    model = make_rnn_regressor(np.random.default_rng(0), 2, 3, 1, cell="gru")
    assert sum(p.size for p in model.params) == 3 * 3 * (2 + 3 + 1) + 3 + 1
    rng = np.random.default_rng(1)
    xs, targets = rng.random((2, 4, 2)), rng.random((2, 1))
    model.forward(xs, targets)
    model.backward()
    for p, g in zip(model.params, [g.copy() for g in model.grads], strict=True):
        assert relative_error(g, numerical_gradient(lambda: model.forward(xs, targets), p)) < 1e-6


def test_train_adding_with_a_gru_is_deterministic():
    settings = {"hidden": 4, "batch": 4, "steps": 6, "eval_every": 3, "n_eval": 8}
    _, h1 = train_adding("gru", 6, seed=3, settings=settings)
    _, h2 = train_adding("gru", 6, seed=3, settings=settings)
    np.testing.assert_array_equal(h1["loss"], h2["loss"])
    assert h1["eval"].shape == (2,) and np.all(np.isfinite(h1["loss"]))
