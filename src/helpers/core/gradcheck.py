"""기울기 확인(gradient check): 역전파로 구한 기울기를 수치 미분과 비교한다.

- ``numerical_gradient(f, x)`` : 중앙 차분 (f(x + ε) − f(x − ε)) / 2ε 을 원소마다 계산한다.
- ``relative_error(a, b)`` : 두 기울기의 상대 오차 (아래 정의).
- ``gradient_check(layer, xs, ...)`` : Time 계층(또는 StackedRNN, Bidirectional)의 모든 파라미터, 입력,
  초기 상태의 기울기를 한꺼번에 확인한다.

수치 미분은 float64 에서 해야 의미가 있다 (float32 는 유효 숫자가 7자리뿐이라 ε = 1e-6 이 묻힌다).
"""

from __future__ import annotations

import inspect

import numpy as np

from helpers.core.validation import check_array

__all__ = ["gradient_check", "numerical_gradient", "relative_error"]


def _takes_argument(f) -> bool:
    """f 가 인자 하나를 받는 함수인지 (밑바닥부터 시작하는 딥러닝 방식의 f(x)) 판단한다."""
    try:
        inspect.signature(f).bind(None)
    except TypeError:
        return False
    except ValueError:  # 서명을 알 수 없는 내장 함수: f(x) 로 부른다
        return True
    return True


def numerical_gradient(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """중앙 차분으로 ∂f/∂x 를 구한다. x 와 같은 모양과 dtype 의 배열을 돌려준다.

    f : 스칼라를 돌려주는 함수. f(x) 또는 인자 없는 f() 둘 다 된다 (x 는 바깥에서 잡고 있는 배열이다).
    x : ndarray. 원소를 하나씩 제자리에서 ±eps 만큼 바꿨다가 원래 값으로 되돌린다.
        그래서 f 가 x 를 (예를 들어 계층의 params 로) 참조하고 있으면 바뀐 값이 f 에 보인다.
    """
    check_array("x", x, tuple(f"d{k}" for k in range(np.ndim(x))))
    if not (isinstance(eps, float | int) and eps > 0):
        raise ValueError(f"eps: expected a positive number, got {eps!r}")
    call = (lambda: f(x)) if _takes_argument(f) else f
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        old = x[idx].item()
        try:
            x[idx] = old + eps
            f_plus = float(call())
            x[idx] = old - eps
            f_minus = float(call())
        finally:
            x[idx] = old  # 원래 값으로 되돌린다 (f 가 예외를 내도)
        grad[idx] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """두 배열의 상대 오차 max|a − b| / max(|a| + |b|) 를 돌려준다 (분모가 0 이면 아주 작은 수로 바꾼다).

    원소마다 나누는 흔한 정의 |a − b| / (|a| + |b|) 는 거의 0 인 원소(예: ReLU 가 꺼진 곳)에서
    의미 없이 커지므로, 배열 전체의 크기로 나누는 정의를 쓴다. 두 배열이 같으면 0, 전혀 다르면 1 에 가깝다.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"b: expected the shape of a {a.shape}, got {b.shape}")
    if a.size == 0:
        return 0.0
    scale = max(float(np.max(np.abs(a) + np.abs(b))), np.finfo(np.float64).tiny)
    return float(np.max(np.abs(a - b))) / scale


def _pairs(name: str, state, grad):
    """초기 상태 state 와 그 기울기 grad 를 같은 구조로 풀어 (이름, 상태 배열, 기울기 배열) 을 낸다.

    state 는 None, 배열, 또는 그것들의 목록/튜플이다. LSTM 의 초기 상태로 h0 배열만 주었을 때
    grad 는 (dh0, dc0) 이므로 첫 번째 것을 짝지어 준다.
    """
    if state is None:
        return
    if isinstance(state, np.ndarray):
        yield name, state, grad[0] if isinstance(grad, tuple) else grad
        return
    for k, (s, g) in enumerate(zip(state, grad, strict=True)):
        yield from _pairs(f"{name}[{k}]", s, g)


def gradient_check(layer, xs: np.ndarray, *, seed: int = 0, eps: float = 1e-6, **states) -> dict[str, float]:
    """계층의 역전파를 수치 미분과 비교하고 {이름: 상대 오차} 를 돌려준다.

    손실은 무작위(시드 고정) 가중치 dhs 와의 선형 결합 L = Σ dhs ⊙ hs 이다. 그래서 backward(dhs) 가
    곧 ∂L/∂(모든 것) 을 준다.

    layer : ``forward(xs, **states) -> hs`` 와 ``backward(dhs) -> dxs`` 를 가진 계층
        (TimeRNN, TimeLSTM, 그 Stepwise 판, StackedRNN, Bidirectional).
    xs : ndarray, shape (N, T, D). float64 를 권한다.
    states : forward 에 넘길 초기 상태. 예: ``h0=h0, c0=c0`` 또는 ``h0s=[...]``.
        상태 이름이 s 이면 계층의 속성 ``d{s}`` (dh0, dc0, dh0s) 를 해석적 기울기로 쓴다.

    확인하는 것: 모든 파라미터 (이름은 ``layer.param_names`` 가 있으면 그것, 없으면 Wx, Wh, b),
    입력 xs, 그리고 None 이 아닌 모든 초기 상태.
    """
    check_array("xs", xs, ("N", "T", "D"))
    rng = np.random.default_rng(seed)
    hs = layer.forward(xs, **states)
    dhs = rng.standard_normal(hs.shape).astype(hs.dtype)
    dxs = layer.backward(dhs)

    names = getattr(layer, "param_names", None)
    if names is None:
        names = (
            ["Wx", "Wh", "b"]
            if len(layer.params) == 3
            else [f"params[{k}]" for k in range(len(layer.params))]
        )
    # 해석적 기울기를 복사해 둔다 (grads 배열은 다음 backward 가 덮어쓴다)
    checks = [(name, p, g.copy()) for name, p, g in zip(names, layer.params, layer.grads, strict=True)]
    checks.append(("xs", xs, dxs.copy()))
    for s_name, state in states.items():
        grad = getattr(layer, "d" + s_name)
        for name, s, g in _pairs(s_name, state, grad):
            checks.append((name, s, np.array(g, copy=True)))

    def loss():
        return float(np.sum(layer.forward(xs, **states) * dhs))

    return {name: relative_error(numerical_gradient(loss, x, eps), g) for name, x, g in checks}
