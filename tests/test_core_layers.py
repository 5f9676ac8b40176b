"""출력층 Affine, TimeAffine: 모양, dtype, 수치 기울기 검사, 잘못된 입력."""

import numpy as np
import pytest

from helpers.core.gradcheck import numerical_gradient, relative_error
from helpers.core.layers import Affine, TimeAffine


def make(layer_cls, rng, H=4, O=3, dtype=np.float64):
    return layer_cls(rng.standard_normal((H, O)).astype(dtype), rng.standard_normal(O).astype(dtype))


@pytest.mark.parametrize("layer_cls, in_shape", [(Affine, (5, 4)), (TimeAffine, (2, 6, 4))])
def test_gradients_match_numerical(layer_cls, in_shape):
    rng = np.random.default_rng(0)
    layer = make(layer_cls, rng)
    x = rng.standard_normal(in_shape)
    y_shape = in_shape[:-1] + (3,)
    w = rng.standard_normal(y_shape)  # 손실 L = Σ w ⊙ y 로 임의의 위층 기울기를 흉내낸다

    def loss():
        return float(np.sum(w * layer.forward(x)))

    loss()
    dx = layer.backward(w)
    assert relative_error(dx, numerical_gradient(loss, x)) < 1e-6
    loss()
    layer.backward(w)
    for p, g in zip(layer.params, layer.grads, strict=True):
        assert relative_error(g, numerical_gradient(loss, p)) < 1e-6


def test_time_affine_equals_affine_per_step():
    rng = np.random.default_rng(1)
    Wy, b = rng.standard_normal((4, 3)), rng.standard_normal(3)
    hs = rng.standard_normal((2, 5, 4))
    ys = TimeAffine(Wy, b).forward(hs)
    for t in range(5):
        np.testing.assert_allclose(ys[:, t], Affine(Wy, b).forward(hs[:, t]), rtol=1e-12)
    np.testing.assert_allclose(ys, np.einsum("nth,ho->nto", hs, Wy) + b, rtol=1e-12)


@pytest.mark.parametrize("layer_cls, in_shape", [(Affine, (5, 4)), (TimeAffine, (2, 6, 4))])
def test_float32_kept(layer_cls, in_shape):
    rng = np.random.default_rng(2)
    layer = make(layer_cls, rng, dtype=np.float32)
    y = layer.forward(rng.standard_normal(in_shape).astype(np.float32))
    dx = layer.backward(np.ones_like(y))
    assert y.dtype == dx.dtype == np.float32
    assert all(g.dtype == np.float32 for g in layer.grads)


def test_grads_are_filled_in_place():
    rng = np.random.default_rng(3)
    layer = make(TimeAffine, rng)
    ids = [id(g) for g in layer.grads]
    y = layer.forward(rng.standard_normal((2, 3, 4)))
    layer.backward(np.ones_like(y))
    assert [id(g) for g in layer.grads] == ids
    np.testing.assert_allclose(layer.grads[1], np.full(3, 6.0))


def test_params_are_references():
    Wy, b = np.ones((4, 3)), np.zeros(3)
    layer = Affine(Wy, b)
    assert layer.params[0] is Wy and layer.params[1] is b


@pytest.mark.parametrize(
    "make_args, name",
    [
        (lambda: (np.ones(4), np.zeros(3)), "Wy"),
        (lambda: (np.ones((4, 3)), np.zeros(4)), "b"),
        (lambda: (np.ones((4, 3), dtype=np.int64), np.zeros(3)), "Wy"),
        (lambda: ([[1.0]], np.zeros(1)), "Wy"),
    ],
)
@pytest.mark.parametrize("layer_cls", [Affine, TimeAffine])
def test_bad_params_raise(layer_cls, make_args, name):
    with pytest.raises(ValueError, match=rf"^{name}: "):
        layer_cls(*make_args())


def test_mixed_dtype_params_raise():
    with pytest.raises(ValueError, match=r"^b: expected dtype float64 \(same as Wy\), got float32"):
        Affine(np.ones((4, 3)), np.zeros(3, dtype=np.float32))


@pytest.mark.parametrize(
    "layer_cls, x, name",
    [
        (Affine, np.ones((5, 3)), "h"),
        (Affine, np.ones((2, 5, 4)), "h"),
        (Affine, np.full((5, 4), np.nan), "h"),
        (TimeAffine, np.ones((5, 4)), "hs"),
        (TimeAffine, np.ones((2, 5, 3)), "hs"),
        (TimeAffine, np.ones((2, 5, 4), dtype=np.float32), "hs"),
    ],
)
def test_bad_forward_input_raises(layer_cls, x, name):
    layer = make(layer_cls, np.random.default_rng(4))
    with pytest.raises(ValueError, match=rf"^{name}: "):
        layer.forward(x)


@pytest.mark.parametrize(
    "layer_cls, in_shape, name", [(Affine, (5, 4), "dy"), (TimeAffine, (2, 6, 4), "dys")]
)
def test_bad_backward_raises(layer_cls, in_shape, name):
    layer = make(layer_cls, np.random.default_rng(5))
    with pytest.raises(ValueError, match=rf"^{name}: "):
        layer.backward(np.ones(in_shape[:-1] + (3,)))  # forward 전에 부름
    layer.forward(np.ones(in_shape))
    with pytest.raises(ValueError, match=rf"^{name}: "):
        layer.backward(np.ones(in_shape[:-1] + (2,)))
