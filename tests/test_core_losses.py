"""손실 함수: MSELoss, SoftmaxCrossEntropy (ignore_index, mask), accuracy."""

import numpy as np
import pytest

from helpers.core.gradcheck import numerical_gradient, relative_error
from helpers.core.losses import MSELoss, SoftmaxCrossEntropy, accuracy


@pytest.mark.parametrize("shape", [(5, 1), (3, 4, 2)])
def test_mse_value_and_gradient(shape):
    rng = np.random.default_rng(0)
    y, t = rng.standard_normal(shape), rng.standard_normal(shape)
    loss = MSELoss()
    value = loss.forward(y, t)
    assert isinstance(value, float)
    assert value == pytest.approx(np.sum((y - t) ** 2) / y.size, rel=1e-12)
    dy = loss.backward()
    assert relative_error(dy, numerical_gradient(lambda: loss.forward(y, t), y)) < 1e-6


def test_mse_float32_kept():
    y = np.ones((4, 1), dtype=np.float32)
    loss = MSELoss()
    assert loss.forward(y, np.zeros((4, 1), dtype=np.float32)) == pytest.approx(1.0)
    assert loss.backward().dtype == np.float32


def reference_ce(logits, targets, counted):
    """독립 구현: 확률을 직접 계산해 -log p[정답] 을 센 위치에서 평균한다."""
    p = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
    V = logits.shape[-1]
    onehot = np.eye(V)[np.where(counted, targets, 0)]
    nll = -np.log((p * onehot).sum(-1))
    return float((nll * counted).sum() / counted.sum())


@pytest.mark.parametrize("shape", [(6,), (3, 5)])
def test_ce_value_and_gradient(shape):
    rng = np.random.default_rng(1)
    V = 4
    logits = rng.standard_normal(shape + (V,))
    targets = rng.integers(0, V, size=shape)
    loss = SoftmaxCrossEntropy()
    value = loss.forward(logits, targets)
    assert value == pytest.approx(reference_ce(logits, targets, np.ones(shape, bool)), rel=1e-12)
    dx = loss.backward()
    assert relative_error(dx, numerical_gradient(lambda: loss.forward(logits, targets), logits)) < 1e-6


def test_ce_ignore_index_and_mask_gradient():
    rng = np.random.default_rng(2)
    N, T, V = 3, 5, 4
    logits = rng.standard_normal((N, T, V))
    targets = rng.integers(0, V, size=(N, T))
    targets[0, :2] = -1  # 채우기 위치
    mask = rng.random((N, T)) > 0.3
    mask[1, 0] = True
    counted = (targets != -1) & mask
    loss = SoftmaxCrossEntropy(ignore_index=-1)
    value = loss.forward(logits, targets, mask=mask)
    assert value == pytest.approx(reference_ce(logits, targets, counted), rel=1e-12)
    dx = loss.backward()
    np.testing.assert_array_equal(dx[~counted], 0.0)
    num = numerical_gradient(lambda: loss.forward(logits, targets, mask=mask), logits)
    assert relative_error(dx, num) < 1e-6


def test_ce_is_stable_for_huge_logits():
    logits = np.array([[1000.0, 0.0, -1000.0]])
    loss = SoftmaxCrossEntropy()
    assert loss.forward(logits, np.array([1])) == pytest.approx(1000.0)
    dx = loss.backward()
    assert np.all(np.isfinite(dx))
    np.testing.assert_allclose(dx, [[1.0, -1.0, 0.0]], atol=1e-12)


def test_ce_float32_kept():
    logits = np.zeros((2, 3, 5), dtype=np.float32)
    loss = SoftmaxCrossEntropy()
    assert loss.forward(logits, np.zeros((2, 3), dtype=np.int64)) == pytest.approx(np.log(5), rel=1e-6)
    assert loss.backward().dtype == np.float32


def test_accuracy():
    logits = np.array([[[2.0, 0.0], [0.0, 1.0], [3.0, 0.0]]])
    targets = np.array([[0, 0, 0]])
    assert accuracy(logits, targets) == pytest.approx(2 / 3)
    assert accuracy(logits, targets, mask=np.array([[True, False, True]])) == 1.0
    assert accuracy(logits[:, 1], targets[:, 1]) == 0.0


@pytest.mark.parametrize(
    "y, t, name",
    [
        (np.ones((4, 1)), np.ones((4, 2)), "t"),
        (np.ones((4, 1)), [[1.0]] * 4, "t"),
        ([1.0, 2.0], np.ones(2), "y"),
        (np.array(1.0), np.array(1.0), "y"),
        (np.full((4, 1), np.nan), np.ones((4, 1)), "y"),
        (np.ones((4, 1), dtype=np.int64), np.ones((4, 1)), "y"),
    ],
)
def test_mse_bad_input_raises(y, t, name):
    with pytest.raises(ValueError, match=rf"^{name}: "):
        MSELoss().forward(y, t)


@pytest.mark.parametrize(
    "logits, targets, mask, name",
    [
        (np.zeros(3), np.zeros((), int), None, "logits"),
        (np.zeros((2, 3, 4, 5)), np.zeros((2, 3, 4), int), None, "logits"),
        (np.zeros((2, 3, 4)), np.zeros((2, 4), int), None, "targets"),
        (np.zeros((2, 3, 4)), np.zeros((2, 3)), None, "targets"),
        (np.zeros((2, 3, 4)), np.full((2, 3), 4), None, "targets"),
        (np.zeros((2, 3, 4)), np.full((2, 3), -2), None, "targets"),
        (np.zeros((2, 3, 4)), np.zeros((2, 3), int), np.zeros((2, 3), bool), "targets"),
        (np.zeros((2, 3, 4)), np.zeros((2, 3), int), np.ones((3, 2), bool), "mask"),
        (np.zeros((2, 3, 4)), np.zeros((2, 3), int), np.full((2, 3), 0.5), "mask"),
    ],
)
def test_ce_bad_input_raises(logits, targets, mask, name):
    with pytest.raises(ValueError, match=rf"^{name}: "):
        SoftmaxCrossEntropy().forward(logits, targets, mask=mask)


def test_ce_bad_ignore_index_raises():
    with pytest.raises(ValueError, match=r"^ignore_index: "):
        SoftmaxCrossEntropy(ignore_index=0.5)


@pytest.mark.parametrize("loss, name", [(MSELoss(), "y"), (SoftmaxCrossEntropy(), "logits")])
def test_backward_before_forward_raises(loss, name):
    with pytest.raises(ValueError, match=rf"^{name}: "):
        loss.backward()
