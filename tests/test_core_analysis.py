"""스펙트럼 반지름, 가장 큰 특잇값, 비정규 행렬."""

import numpy as np
import pytest

from helpers.core.analysis import (
    largest_singular_value,
    nonnormal_matrix,
    power_norms,
    scale_to_spectral_radius,
    spectral_radius,
)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_against_numpy_linalg(seed):
    W = np.random.default_rng(seed).standard_normal((7, 7))
    assert spectral_radius(W) == pytest.approx(np.max(np.abs(np.linalg.eigvals(W))), rel=1e-12)
    assert largest_singular_value(W) == pytest.approx(np.linalg.norm(W, 2), rel=1e-12)
    assert largest_singular_value(W) >= spectral_radius(W)


def test_known_values():
    R = np.array([[0.0, -2.0], [2.0, 0.0]])  # 회전 × 2: 고윳값 ±2i
    assert spectral_radius(R) == pytest.approx(2.0)
    assert largest_singular_value(np.diag([3.0, -5.0, 1.0])) == pytest.approx(5.0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_scale_to_spectral_radius(dtype):
    W = np.random.default_rng(3).standard_normal((6, 6)).astype(dtype)
    W2 = scale_to_spectral_radius(W, 0.9)
    assert W2.dtype == dtype
    assert spectral_radius(W2) == pytest.approx(0.9, rel=1e-5)
    np.testing.assert_allclose(W2 / W, W2[0, 0] / W[0, 0], rtol=1e-5)  # 상수배


@pytest.mark.parametrize("rng", [None, np.random.default_rng(4)])
@pytest.mark.parametrize("n, rho, sigma", [(2, 0.9, 2.0), (6, 0.5, 3.0), (4, 0.95, 0.95)])
def test_nonnormal_matrix_has_requested_radius_and_norm(rng, n, rho, sigma):
    W = nonnormal_matrix(n, rho, sigma, rng=rng)
    assert W.shape == (n, n)
    assert spectral_radius(W) == pytest.approx(rho, rel=1e-6)
    assert largest_singular_value(W) == pytest.approx(sigma, rel=1e-9)


def test_nonnormal_powers_grow_before_they_vanish():
    W = nonnormal_matrix(2, 0.9, 3.0)
    assert not np.allclose(W @ W.T, W.T @ W)  # 비정규
    norms = power_norms(W, 200)
    assert norms[0] == pytest.approx(1.0)
    assert norms[1] == pytest.approx(3.0)
    assert norms.max() > 3.0  # 한동안 커진다
    assert norms[-1] < 1e-5  # 하지만 ρ < 1 이므로 결국 사라진다
    np.testing.assert_allclose(norms[5], np.linalg.norm(np.linalg.matrix_power(W, 5), 2), rtol=1e-12)


def test_nonnormal_float32():
    assert nonnormal_matrix(3, dtype=np.float32).dtype == np.float32


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: spectral_radius(np.ones((2, 3))), "Wh"),
        (lambda: spectral_radius([[1.0]]), "Wh"),
        (lambda: spectral_radius(np.ones(3)), "Wh"),
        (lambda: largest_singular_value(np.ones(3)), "Wh"),
        (lambda: largest_singular_value(np.full((2, 2), np.inf)), "Wh"),
        (lambda: scale_to_spectral_radius(np.eye(2), -1.0), "rho"),
        (lambda: scale_to_spectral_radius(np.array([[0.0, 1.0], [0.0, 0.0]]), 0.5), "Wh"),
        (lambda: nonnormal_matrix(1), "n"),
        (lambda: nonnormal_matrix(3, rho=-0.5), "rho"),
        (lambda: nonnormal_matrix(3, rho=0.9, sigma_max=0.5), "sigma_max"),
        (lambda: nonnormal_matrix(3, rng=0), "rng"),
        (lambda: nonnormal_matrix(3, dtype=int), "dtype"),
        (lambda: power_norms(np.eye(2), -1), "K"),
        (lambda: power_norms(np.ones((2, 3)), 3), "Wh"),
    ],
)
def test_bad_arguments_raise(call, name):
    with pytest.raises(ValueError, match=rf"^{name}: "):
        call()
