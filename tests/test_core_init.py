"""가중치 초기화: 분포의 크기, 직교성, 게이트 블록, dtype, 결정성, 잘못된 입력."""

import numpy as np
import pytest

from helpers.core.init import init_affine, init_lstm, init_rnn, orthogonal, scaled_normal, xavier


def rng(seed=0):
    return np.random.default_rng(seed)


def test_scaled_normal_std_and_dtype():
    W = scaled_normal(rng(), (400, 300), 0.5, np.float32)
    assert W.shape == (400, 300) and W.dtype == np.float32
    assert W.std() == pytest.approx(0.5, rel=0.02)
    assert abs(W.mean()) < 0.01


def test_xavier_std():
    W = xavier(rng(), 300, 500)
    assert W.shape == (300, 500)
    assert W.std() == pytest.approx(np.sqrt(2.0 / 800), rel=0.02)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("gain", [1.0, 0.7])
def test_orthogonal_is_orthogonal(dtype, gain):
    n = 16
    Q = orthogonal(rng(1), n, gain=gain, dtype=dtype)
    assert Q.dtype == dtype
    tol = 1e-5 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(Q.T @ Q, gain**2 * np.eye(n), atol=tol)
    np.testing.assert_allclose(np.linalg.svd(Q.astype(np.float64), compute_uv=False), gain, rtol=tol * 10)


def test_orthogonal_sign_fix_gives_unbiased_diagonal():
    # 부호 보정이 없으면 numpy 의 QR 은 R 의 대각을 음수로 두는 경향이 있어 Q 의 대각이 한쪽으로 치우친다.
    diag = np.array([np.diag(orthogonal(rng(s), 3)) for s in range(400)])
    assert abs(diag.mean()) < 0.06


def test_same_seed_same_weights():
    a = init_lstm(rng(5), 3, 4)
    b = init_lstm(rng(5), 3, 4)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize("recurrent", ["orthogonal", "xavier", "scaled"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_init_rnn_shapes(recurrent, dtype):
    Wx, Wh, b = init_rnn(rng(), 3, 5, recurrent=recurrent, dtype=dtype)
    assert Wx.shape == (3, 5) and Wh.shape == (5, 5) and b.shape == (5,)
    assert Wx.dtype == Wh.dtype == b.dtype == dtype
    np.testing.assert_array_equal(b, 0.0)


def test_init_rnn_orthogonal_scale_sets_spectral_radius():
    _, Wh, _ = init_rnn(rng(), 3, 8, recurrent="orthogonal", scale=1.3)
    np.testing.assert_allclose(np.abs(np.linalg.eigvals(Wh)), 1.3, rtol=1e-10)


def test_init_rnn_scaled_std():
    # 표준편차 scale/√H: 원형 법칙에 따라 H 가 크면 스펙트럼 반지름이 약 scale 이 된다
    _, Wh, _ = init_rnn(rng(), 3, 200, recurrent="scaled", scale=0.8)
    assert Wh.std() == pytest.approx(0.8 / np.sqrt(200), rel=0.02)


@pytest.mark.parametrize("forget_bias", [0.0, 1.0, 2.5])
def test_forget_bias_lands_in_f_block_only(forget_bias):
    H = 4
    Wx, Wh, b = init_lstm(rng(), 3, H, forget_bias=forget_bias, dtype=np.float32)
    assert Wx.shape == (3, 4 * H) and Wh.shape == (H, 4 * H) and b.shape == (4 * H,)
    assert b.dtype == np.float32
    i, f, g, o = np.split(b, 4)  # 게이트 순서 i, f, g, o
    np.testing.assert_array_equal(f, forget_bias)
    for other in (i, g, o):
        np.testing.assert_array_equal(other, 0.0)


def test_lstm_recurrent_blocks_are_orthogonal():
    H = 6
    _, Wh, _ = init_lstm(rng(), 2, H)
    for block in np.split(Wh, 4, axis=1):
        np.testing.assert_allclose(block.T @ block, np.eye(H), atol=1e-12)


def test_init_affine():
    Wy, b = init_affine(rng(), 5, 2, np.float32)
    assert Wy.shape == (5, 2) and b.shape == (2,) and Wy.dtype == b.dtype == np.float32


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: scaled_normal(None, (2, 2), 1.0), "rng"),
        (lambda: scaled_normal(np.random.RandomState(0), (2, 2), 1.0), "rng"),
        (lambda: scaled_normal(rng(), (2, 0), 1.0), r"shape\[1\]"),
        (lambda: scaled_normal(rng(), "x", 1.0), "shape"),
        (lambda: scaled_normal(rng(), (2, 2), -1.0), "scale"),
        (lambda: scaled_normal(rng(), (2, 2), 1.0, np.int32), "dtype"),
        (lambda: scaled_normal(rng(), (2, 2), 1.0, "nonsense"), "dtype"),
        (lambda: xavier(rng(), 0, 3), "fan_in"),
        (lambda: xavier(rng(), 3, 2.5), "fan_out"),
        (lambda: orthogonal(rng(), 0), "n"),
        (lambda: orthogonal(rng(), 3, gain=float("inf")), "gain"),
        (lambda: init_rnn(rng(), 0, 3), "D"),
        (lambda: init_rnn(rng(), 3, -1), "H"),
        (lambda: init_rnn(rng(), 3, 3, recurrent="eye"), "recurrent"),
        (lambda: init_rnn(rng(), 3, 3, scale="big"), "scale"),
        (lambda: init_lstm(rng(), 3, 3, forget_bias=None), "forget_bias"),
        (lambda: init_lstm(rng(), 3, True), "H"),
        (lambda: init_affine(rng(), 3, 0), "O"),
    ],
)
def test_bad_arguments_raise(call, name):
    with pytest.raises(ValueError, match=rf"^{name}: "):
        call()
