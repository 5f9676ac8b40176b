"""최적화기와 기울기 클리핑: SGD, Adam (손으로 계산한 두 스텝), clip_grads, 제자리 갱신."""

import math

import numpy as np
import pytest

from helpers.core.optim import SGD, Adam, clip_grads, global_norm


def test_sgd_updates_in_place():
    p = np.array([1.0, 2.0])
    alias = p
    SGD(lr=0.5).update([p], [np.array([2.0, -2.0])])
    assert alias is p
    np.testing.assert_allclose(p, [0.0, 3.0])


def adam_scalar_reference(p, gs, lr, b1, b2, eps):
    """Kingma & Ba 알고리즘 1 을 스칼라 하나에 대해 그대로 적은 것."""
    m = v = 0.0
    for t, g in enumerate(gs, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1**t)
        v_hat = v / (1 - b2**t)
        p = p - lr * m_hat / (math.sqrt(v_hat) + eps)
    return p


def test_adam_two_steps_match_hand_computation():
    p = np.array([1.0, -2.0])
    W = np.array([[0.5]])
    g_steps = [(np.array([0.5, -1.0]), np.array([[2.0]])), (np.array([0.1, 0.2]), np.array([[-3.0]]))]
    opt = Adam(lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8)
    for gp, gW in g_steps:
        opt.update([p, W], [gp, gW])
    # 첫 스텝은 m̂ = g, v̂ = g² 이라 크기 lr 만큼 부호 방향으로 움직인다; 둘째 스텝은 아래 식.
    m2 = 0.9 * 0.1 * 0.5 + 0.1 * 0.1  # = 0.055
    v2 = 0.999 * 0.001 * 0.25 + 0.001 * 0.01  # = 0.00025975
    step2 = 0.1 * (m2 / 0.19) / (math.sqrt(v2 / (1 - 0.999**2)) + 1e-8)
    assert p[0] == pytest.approx(1.0 - 0.1 * 0.5 / (0.5 + 1e-8) - step2, rel=1e-12)
    assert p[0] == pytest.approx(0.9 - 0.080304, abs=1e-6)
    assert p[1] == pytest.approx(adam_scalar_reference(-2.0, [-1.0, 0.2], 0.1, 0.9, 0.999, 1e-8), rel=1e-12)
    assert W[0, 0] == pytest.approx(adam_scalar_reference(0.5, [2.0, -3.0], 0.1, 0.9, 0.999, 1e-8), rel=1e-12)
    assert opt.t == 2


def test_adam_keeps_float32_and_identity():
    p = np.ones(3, dtype=np.float32)
    alias = p
    opt = Adam(lr=1e-2)
    for _ in range(3):
        opt.update([p], [np.full(3, 0.5, dtype=np.float32)])
    assert alias is p and p.dtype == np.float32
    assert np.all(p < 1.0)


def test_adam_rejects_changed_parameter_list():
    opt = Adam()
    opt.update([np.ones(2)], [np.ones(2)])
    with pytest.raises(ValueError, match=r"^params: "):
        opt.update([np.ones(3)], [np.ones(3)])


def test_clip_grads_scales_to_max_norm_and_returns_old_norm():
    g1, g2 = np.array([3.0, 0.0]), np.array([[0.0], [4.0]])
    alias = g1
    norm = clip_grads([g1, g2], max_norm=1.0)
    assert norm == pytest.approx(5.0)
    assert alias is g1
    np.testing.assert_allclose(g1, [0.6, 0.0])
    np.testing.assert_allclose(g2, [[0.0], [0.8]])
    assert global_norm([g1, g2]) == pytest.approx(1.0)


def test_clip_grads_leaves_small_gradients_alone():
    g = np.array([0.3, -0.4])
    assert clip_grads([g], max_norm=1.0) == pytest.approx(0.5)
    np.testing.assert_array_equal(g, [0.3, -0.4])


def test_clip_grads_float32():
    g = np.full(4, 10.0, dtype=np.float32)
    assert clip_grads([g], 2.0) == pytest.approx(20.0)
    assert g.dtype == np.float32
    assert float(np.linalg.norm(g)) == pytest.approx(2.0, rel=1e-6)


@pytest.mark.parametrize(
    "factory, name",
    [
        (lambda: SGD(lr=0.0), "lr"),
        (lambda: SGD(lr=-1.0), "lr"),
        (lambda: SGD(lr="0.1"), "lr"),
        (lambda: Adam(lr=float("nan")), "lr"),
        (lambda: Adam(beta1=1.0), "beta1"),
        (lambda: Adam(beta2=-0.1), "beta2"),
        (lambda: Adam(eps=0.0), "eps"),
    ],
)
def test_bad_hyperparameters_raise(factory, name):
    with pytest.raises(ValueError, match=rf"^{name}: "):
        factory()


@pytest.mark.parametrize("opt", [SGD(0.1), Adam()])
@pytest.mark.parametrize(
    "params, grads, name",
    [
        (np.ones(2), [np.ones(2)], "params"),
        ([np.ones(2)], np.ones(2), "grads"),
        ([np.ones(2)], [np.ones(2), np.ones(2)], "grads"),
        ([np.ones(2)], [np.ones(3)], r"grads\[0\]"),
        ([[1.0, 2.0]], [np.ones(2)], r"params\[0\]"),
    ],
)
def test_bad_update_arguments_raise(opt, params, grads, name):
    with pytest.raises(ValueError, match=rf"^{name}: "):
        opt.update(params, grads)


@pytest.mark.parametrize(
    "grads, max_norm, name",
    [
        ([np.ones(2)], 0.0, "max_norm"),
        ([np.ones(2)], -1.0, "max_norm"),
        ([np.ones(2)], None, "max_norm"),
        (np.ones(2), 1.0, "grads"),
        ([[1.0]], 1.0, r"grads\[0\]"),
    ],
)
def test_bad_clip_arguments_raise(grads, max_norm, name):
    with pytest.raises(ValueError, match=rf"^{name}: "):
        clip_grads(grads, max_norm)


def test_clip_grads_with_an_inf_gradient_leaves_grads_unchanged_without_warnings():
    """inf 기울기: 예전에는 유한한 원소가 0, inf 가 NaN 이 되고 NumPy 경고가 났다. 이제 그대로 두고 inf 를 돌려준다."""
    g1, g2 = np.array([1.0, np.inf]), np.array([2.0, -3.0])
    norm = clip_grads([g1, g2], max_norm=1.0)  # filterwarnings = error: 경고가 나면 실패한다
    assert norm == np.inf
    np.testing.assert_array_equal(g1, [1.0, np.inf])
    np.testing.assert_array_equal(g2, [2.0, -3.0])
    nan_grad = np.array([np.nan, 1.0])
    assert np.isnan(clip_grads([nan_grad], 1.0)) and nan_grad[1] == 1.0


def test_clip_grads_error_if_nonfinite():
    g = np.array([1.0, -np.inf])
    with pytest.raises(ValueError, match=r"^grads: expected finite gradients to clip, got total norm inf"):
        clip_grads([g], 1.0, error_if_nonfinite=True)
    np.testing.assert_array_equal(g, [1.0, -np.inf])
    finite = np.array([3.0, 4.0])
    assert clip_grads([finite], 1.0, error_if_nonfinite=True) == pytest.approx(5.0)
    with pytest.raises(ValueError, match=r"^error_if_nonfinite: expected a bool"):
        clip_grads([finite], 1.0, error_if_nonfinite=1)


def test_an_array_passed_twice_counts_once():
    """같은 배열이 목록에 두 번 있으면 노름에 한 번만 들어가고, 한 번만 줄어든다 (두 번 줄이면 0.36 배가 된다)."""
    g = np.array([3.0, 4.0])
    assert global_norm([g, g]) == pytest.approx(5.0)
    assert clip_grads([g, g], max_norm=1.0) == pytest.approx(5.0)
    np.testing.assert_allclose(g, [0.6, 0.8])
    # 값만 같은 다른 배열은 따로 센다
    assert global_norm([np.array([3.0, 4.0]), np.array([3.0, 4.0])]) == pytest.approx(5.0 * np.sqrt(2))


def test_global_norm_of_huge_finite_gradients_is_finite():
    g = np.array([1e200, -1e200])
    assert global_norm([g]) == pytest.approx(np.sqrt(2) * 1e200)
    assert clip_grads([g], 1.0) == pytest.approx(np.sqrt(2) * 1e200)
    np.testing.assert_allclose(g, [2**-0.5, -(2**-0.5)])
