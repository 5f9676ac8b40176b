"""core/lm_layers.py: TimeEmbedding 과 TimeSoftmaxWithLoss (PyTorch 의 값과 기울기, 수치 미분, 잘못된 입력)."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest
from torchref import torch_or_skip

from helpers import TimeEmbedding, TimeSoftmaxWithLoss
from helpers.core.gradcheck import numerical_gradient, relative_error

REF = pathlib.Path(__file__).resolve().parent / "reference"


def load(name: str) -> dict:
    with np.load(REF / name) as f:
        return dict(f)


# ----------------------------------------------------------------------------- 임베딩
def test_embedding_matches_stored_torch_reference():
    ref = load("torch_embedding.npz")
    assert len(np.unique(ref["ids"][0, :3])) == 1  # 같은 번호가 여러 자리에 (np.add.at 이 필요한 경우)
    layer = TimeEmbedding(ref["W"].copy())
    xs = layer.forward(ref["ids"])
    assert np.max(np.abs(xs - ref["xs"])) == 0.0  # 행을 꺼낼 뿐이라 정확히 같다
    layer.backward(ref["R"])
    assert np.max(np.abs(layer.grads[0] - ref["dW"])) <= 1e-12


def test_embedding_accumulates_repeated_ids():
    W = np.arange(6.0).reshape(3, 2)
    layer = TimeEmbedding(W)
    layer.forward(np.array([[1, 1, 1, 0]]))
    layer.backward(np.ones((1, 4, 2)))
    assert np.array_equal(layer.grads[0], [[1.0, 1.0], [3.0, 3.0], [0.0, 0.0]])
    # 두 번째 backward 는 덮어쓴다 (누적하지 않는다), grads 배열 객체는 그대로
    g = layer.grads[0]
    layer.backward(2 * np.ones((1, 4, 2)))
    assert layer.grads[0] is g and np.array_equal(g, [[2.0, 2.0], [6.0, 6.0], [0.0, 0.0]])


def test_embedding_gradient_check():
    rng = np.random.default_rng(3)
    W = rng.standard_normal((5, 3))
    ids = rng.integers(0, 5, size=(2, 6))
    R = rng.standard_normal((2, 6, 3))
    layer = TimeEmbedding(W)

    def loss():
        return float(np.sum(layer.forward(ids) * R))

    layer.forward(ids)
    layer.backward(R)
    assert relative_error(numerical_gradient(loss, W), layer.grads[0]) < 1e-8


def test_embedding_keeps_float32():
    W = np.ones((4, 2), dtype=np.float32)
    layer = TimeEmbedding(W)
    assert layer.forward(np.zeros((1, 3), dtype=np.int64)).dtype == np.float32


@pytest.mark.parametrize(
    ("ids", "match"),
    [
        (np.array([[0, 5]]), r"ids: expected ids in \[0, 5\), got 5"),
        (np.array([[-1, 0]]), r"ids: expected ids in \[0, 5\), got -1"),
        (np.array([[0.0, 1.0]]), "ids: expected integer ids.*got dtype float64"),
        (np.array([0, 1]), r"ids: expected shape \(N, T\), got \(2,\)"),
        ([[0, 1]], None),  # 리스트는 받아 준다
    ],
)
def test_embedding_rejects_bad_ids(ids, match):
    layer = TimeEmbedding(np.zeros((5, 2)))
    if match is None:
        assert layer.forward(ids).shape == (1, 2, 2)
        return
    with pytest.raises(ValueError, match=match):
        layer.forward(ids)


def test_embedding_rejects_bad_weights_and_gradients():
    with pytest.raises(ValueError, match=r"W: expected shape \(V, D\)"):
        TimeEmbedding(np.zeros(3))
    layer = TimeEmbedding(np.zeros((5, 2)))
    with pytest.raises(ValueError, match="before forward"):
        layer.backward(np.zeros((1, 1, 2)))
    layer.forward(np.zeros((1, 3), dtype=int))
    with pytest.raises(ValueError, match=r"dout: expected shape \(1, 3, 2\)"):
        layer.backward(np.zeros((1, 3, 4)))


# ----------------------------------------------------------------------------- 소프트맥스 교차 엔트로피
@pytest.mark.parametrize("case", ["small", "large"])
def test_loss_matches_stored_torch_reference(case):
    ref = {k.removesuffix(f"_{case}"): v for k, v in load("torch_cross_entropy.npz").items() if k.endswith(case)}
    layer = TimeSoftmaxWithLoss()
    loss = layer.forward(ref["scores"], ref["ts"])
    assert np.isfinite(loss) and abs(loss - float(ref["loss"])) <= 1e-12 * max(1.0, abs(float(ref["loss"])))
    assert np.max(np.abs(layer.backward() - ref["dscores"])) <= 1e-15 + 1e-12 * np.max(np.abs(ref["dscores"]))


def test_loss_matches_live_torch():
    torch = torch_or_skip()
    rng = np.random.default_rng(9)
    scores, ts = rng.standard_normal((4, 3, 6)), rng.integers(0, 6, size=(4, 3))
    s = torch.tensor(scores, requires_grad=True)
    loss_t = torch.nn.functional.cross_entropy(s.permute(0, 2, 1), torch.from_numpy(ts))
    loss_t.backward()
    layer = TimeSoftmaxWithLoss()
    assert abs(layer.forward(scores, ts) - loss_t.item()) < 1e-12
    assert np.max(np.abs(layer.backward() - s.grad.numpy())) < 1e-14


def test_loss_gradient_check_and_dout():
    rng = np.random.default_rng(4)
    scores, ts = rng.standard_normal((2, 3, 5)), rng.integers(0, 5, size=(2, 3))
    layer = TimeSoftmaxWithLoss()
    layer.forward(scores, ts)
    d = layer.backward()
    num = numerical_gradient(lambda: TimeSoftmaxWithLoss().forward(scores, ts), scores)
    assert relative_error(num, d) < 1e-8
    assert np.allclose(layer.backward(dout=2.5), 2.5 * d)
    assert np.allclose(d.sum(axis=-1), 0.0)  # 확률의 합 1 − 원-핫의 합 1


def test_loss_is_log_v_for_equal_scores_and_stable_for_huge_scores():
    layer = TimeSoftmaxWithLoss()
    assert np.isclose(layer.forward(np.zeros((2, 3, 8)), np.zeros((2, 3), dtype=int)), np.log(8))
    huge = np.array([[[1e4, 0.0, -1e4]]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # 넘침 경고도 없어야 한다 (아래 넘침은 괜찮다)
        assert layer.forward(huge, np.array([[0]])) == 0.0
        assert np.isclose(layer.forward(huge, np.array([[1]])), 1e4)
        assert np.all(np.isfinite(layer.backward()))


def test_loss_float32_keeps_dtype_and_accuracy():
    rng = np.random.default_rng(5)
    scores, ts = rng.standard_normal((8, 16, 30)), rng.integers(0, 30, size=(8, 16))
    l64 = TimeSoftmaxWithLoss()
    l32 = TimeSoftmaxWithLoss()
    assert abs(l32.forward(scores.astype(np.float32), ts) - l64.forward(scores, ts)) < 1e-5
    d32 = l32.backward()
    assert d32.dtype == np.float32 and np.max(np.abs(d32 - l64.backward())) < 1e-8


@pytest.mark.parametrize(
    ("scores", "ts", "match"),
    [
        (np.zeros((2, 3, 4)), np.zeros((2, 4), dtype=int), r"ts: expected shape \(2, 3\) to match scores \(2, 3, 4\), got \(2, 4\)"),
        (np.zeros((2, 3, 4)), np.zeros((2, 3)), "ts: expected integer ids.*got dtype float64"),
        (np.zeros((2, 3, 4)), np.full((2, 3), 4), r"ts: expected ids in \[0, 4\), got 4"),
        (np.zeros((2, 3, 4)), np.full((2, 3), -1), r"ts: expected ids in \[0, 4\), got -1"),
        (np.zeros((2, 4)), np.zeros((2,), dtype=int), r"scores: expected shape \(N, T, V\)"),
        (np.full((1, 1, 2), np.nan), np.zeros((1, 1), dtype=int), "scores: expected finite values"),
        (np.zeros((1, 2, 3)), [[0, 1]], "ts: expected shape"),
    ],
)
def test_loss_rejects_bad_input(scores, ts, match):
    with pytest.raises(ValueError, match=match):
        TimeSoftmaxWithLoss().forward(scores, ts)


def test_loss_backward_checks():
    layer = TimeSoftmaxWithLoss()
    with pytest.raises(ValueError, match="before forward"):
        layer.backward()
    layer.forward(np.zeros((1, 1, 2)), np.zeros((1, 1), dtype=int))
    with pytest.raises(ValueError, match="dout: expected a finite number"):
        layer.backward(float("nan"))
