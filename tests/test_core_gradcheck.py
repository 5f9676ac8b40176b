"""core/gradcheck.py: 수치 미분, 상대 오차, 계층 전체의 기울기 확인."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.core.gradcheck import gradient_check, numerical_gradient, relative_error
from helpers.core.rnn import TimeRNN


def test_numerical_gradient_of_known_functions():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((3, 4))
    A = rng.standard_normal((3, 4))
    before = x.copy()
    # f(x) = Σ A ⊙ x³ → ∂f/∂x = 3 A x²  (f(x) 형태)
    g = numerical_gradient(lambda w: np.sum(A * w**3), x)
    assert relative_error(g, 3 * A * x**2) <= 1e-8
    np.testing.assert_array_equal(x, before)  # 제자리에서 바꿨다가 되돌렸다
    # 인자 없는 f() 형태: x 를 바깥에서 잡고 있다
    g2 = numerical_gradient(lambda: np.sum(np.sin(x)), x)
    assert relative_error(g2, np.cos(x)) <= 1e-8
    assert g.shape == x.shape and g.dtype == x.dtype


def test_numerical_gradient_restores_after_an_exception():
    x = np.ones(3)

    def f():
        if x[0] > 1:
            raise RuntimeError("boom")
        return 0.0

    with pytest.raises(RuntimeError):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, np.ones(3))  # 예외가 나도 원래 값으로 되돌린다


def test_relative_error_definition():
    a = np.array([1.0, 0.0, -2.0])
    b = np.array([1.0, 1e-12, -2.0 + 1e-9])
    # max|a − b| / max(|a| + |b|) = 1e-9 / 4
    assert relative_error(a, b) == pytest.approx(1e-9 / (4 - 1e-9), rel=1e-6)
    assert relative_error(a, a) == 0.0
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0)
    with pytest.raises(ValueError, match=r"^b: expected the shape of a \(3,\), got \(2,\)"):
        relative_error(a, b[:2])


def test_gradient_check_names_and_values():
    rng = np.random.default_rng(1)
    layer = TimeRNN(rng.standard_normal((3, 4)), 0.5 * rng.standard_normal((4, 4)), np.zeros(4))
    xs = rng.standard_normal((2, 3, 3))
    xs_before = xs.copy()
    errs = gradient_check(layer, xs, h0=rng.standard_normal((2, 4)))
    assert list(errs) == ["Wx", "Wh", "b", "xs", "h0"]
    assert all(0 <= e <= 1e-6 for e in errs.values()), errs
    np.testing.assert_array_equal(xs, xs_before)
    # h0 을 주지 않으면 초기 상태는 확인하지 않는다
    assert list(gradient_check(layer, xs)) == ["Wx", "Wh", "b", "xs"]


def test_bad_arguments():
    with pytest.raises(ValueError, match=r"^x: expected dtype float32 or float64"):
        numerical_gradient(lambda: 0.0, np.zeros(3, dtype=int))
    with pytest.raises(ValueError, match=r"^eps: expected a positive number, got 0"):
        numerical_gradient(lambda: 0.0, np.zeros(3), eps=0)
    layer = TimeRNN(np.zeros((3, 4)), np.zeros((4, 4)), np.zeros(4))
    with pytest.raises(ValueError, match=r"^xs: expected shape \(N, T, D\), got \(2, 3\)"):
        gradient_check(layer, np.zeros((2, 3)))
