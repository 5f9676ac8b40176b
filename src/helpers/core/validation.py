"""입력 검사: 모든 공개 함수가 같은 모양의 오류 메시지를 내도록 검사 함수를 한 곳에 모았다.

오류는 항상 ``ValueError`` 이고, 메시지는 인자 이름으로 시작한다: ``"xs: expected shape (N, T, 3), got (2, 5)"``.
이름 다음에는 기대한 것과 실제로 받은 것을 함께 말한다. 다른 모듈은 검사 함수를 새로 만들지 않고 여기서 가져온다.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from helpers.core.activations import ACTIVATIONS

__all__ = [
    "check_activation",
    "check_array",
    "check_array_list",
    "check_callable",
    "check_choice",
    "check_class_targets",
    "check_dtype",
    "check_grad_output",
    "check_ids",
    "check_layer",
    "check_param_grad_pairs",
    "check_real",
    "check_rng",
    "check_same_dtype",
    "check_sequence",
    "check_size",
    "check_span",
    "check_square",
    "check_state",
    "check_temperature",
    "check_weights",
    "merge_settings",
    "no_forward_error",
    "shape_str",
]


def shape_str(shape) -> str:
    """(N, T, D)처럼 기호가 섞인 모양을 읽기 좋은 문자열로 만든다."""
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


# ---------------------------------------------------------------------------------------------------
# 배열
# ---------------------------------------------------------------------------------------------------
def check_array(name: str, x, shape, *, finite: bool = True, float_only: bool = True) -> np.ndarray:
    """배열 ``x`` 가 ``shape`` 에 맞는지 검사하고 그대로 돌려준다.

    shape : 각 축의 기대값. 정수는 정확히 그 크기, 문자열(예: "N")은 아무 크기나 허용하되
        오류 메시지에 기호로 표시한다. 예: ``("N", "T", 4)``
    finite : NaN 이나 inf 를 거부할지 여부
    float_only : 부동소수점 dtype(float32, float64)만 허용할지 여부

    마스크 배열(``np.ma.MaskedArray``)과 ``np.matrix`` 는 거부한다: 계층은 마스크를 모르고 그냥 지나치며,
    ``np.matrix`` 의 ``*`` 는 행렬 곱이라 원소별 곱을 쓰는 역전파가 조용히 틀린다.
    """
    if isinstance(x, np.ma.MaskedArray):
        raise ValueError(
            f"{name}: expected a plain NumPy array of shape {shape_str(shape)}, got a masked array "
            "(the mask would be ignored; use x.filled(value) or pass a mask argument where one exists)"
        )
    if isinstance(x, np.matrix):
        raise ValueError(
            f"{name}: expected a plain NumPy array of shape {shape_str(shape)}, got np.matrix "
            "(its * is a matrix product; use np.asarray(x))"
        )
    if not isinstance(x, np.ndarray):
        raise ValueError(
            f"{name}: expected a NumPy array of shape {shape_str(shape)}, got {type(x).__name__}"
        )
    if x.ndim != len(shape) or any(
        isinstance(s, int) and s != got for s, got in zip(shape, x.shape, strict=False)
    ):
        raise ValueError(f"{name}: expected shape {shape_str(shape)}, got {shape_str(x.shape)}")
    if float_only and x.dtype not in (np.float32, np.float64):
        raise ValueError(
            f"{name}: expected dtype float32 or float64 with shape {shape_str(shape)}, "
            f"got dtype {x.dtype} with shape {shape_str(x.shape)}"
        )
    if finite and not np.all(np.isfinite(x)):
        raise ValueError(
            f"{name}: expected finite values (no NaN or inf) in shape {shape_str(shape)}, "
            f"got non-finite values in shape {shape_str(x.shape)}"
        )
    return x


def check_same_dtype(**arrays: np.ndarray) -> np.dtype:
    """여러 배열의 dtype 이 모두 같은지 검사하고 그 dtype 을 돌려준다.

    다수가 가진 dtype 을 기준으로 삼고(같은 수면 앞의 것), 다른 배열의 이름으로 메시지를 시작한다:
    ``"Wh: expected dtype float64 (same as Wx, b), got float32"``.
    """
    dtypes = [a.dtype for a in arrays.values()]
    common = max(dtypes, key=lambda d: (dtypes.count(d), -dtypes.index(d)))
    same = [n for n, a in arrays.items() if a.dtype == common]
    for name, a in arrays.items():
        if a.dtype != common:
            raise ValueError(f"{name}: expected dtype {common} (same as {', '.join(same)}), got {a.dtype}")
    return common


def check_array_list(name: str, arrays) -> list:
    """NumPy 배열의 리스트(또는 튜플)인지 검사한다."""
    if not isinstance(arrays, (list, tuple)):
        raise ValueError(f"{name}: expected a list of NumPy arrays, got {type(arrays).__name__}")
    for i, a in enumerate(arrays):
        if isinstance(a, (np.ma.MaskedArray, np.matrix)) or not isinstance(a, np.ndarray):
            raise ValueError(f"{name}[{i}]: expected a plain NumPy array, got {type(a).__name__}")
    return list(arrays)


def check_param_grad_pairs(params, grads) -> None:
    """최적화기의 ``params`` 와 ``grads`` 가 같은 수, 같은 모양으로 짝지어졌는지 검사한다."""
    check_array_list("params", params)
    if not isinstance(grads, (list, tuple)):
        raise ValueError(f"grads: expected a list of arrays, got {type(grads).__name__}")
    if len(params) != len(grads):
        raise ValueError(f"grads: expected {len(params)} arrays (one per parameter), got {len(grads)}")
    for i, (p, g) in enumerate(zip(params, grads, strict=True)):
        if not isinstance(g, np.ndarray) or g.shape != p.shape:
            got = shape_str(g.shape) if isinstance(g, np.ndarray) else type(g).__name__
            raise ValueError(f"grads[{i}]: expected shape {shape_str(p.shape)}, got {got}")


def check_square(name: str, W) -> np.ndarray:
    """정사각 행렬 (H, H) 인지 검사한다."""
    check_array(name, W, ("H", "H"))
    if W.shape[0] != W.shape[1]:
        raise ValueError(f"{name}: expected a square matrix of shape (H, H), got {shape_str(W.shape)}")
    return W


def check_class_targets(logits: np.ndarray, targets) -> np.ndarray:
    """분류의 정수 정답 (N,) 또는 (N, T) 가 로짓 (N, V) 또는 (N, T, V) 와 맞는지 검사한다."""
    if logits.ndim not in (2, 3):
        raise ValueError(f"logits: expected shape (N, V) or (N, T, V), got {shape_str(logits.shape)}")
    check_array("targets", targets, logits.shape[:-1], float_only=False)
    if not np.issubdtype(targets.dtype, np.integer):
        raise ValueError(
            f"targets: expected an integer array of shape {shape_str(logits.shape[:-1])}, "
            f"got dtype {targets.dtype}"
        )
    return targets


# ---------------------------------------------------------------------------------------------------
# 스칼라와 선택지
# ---------------------------------------------------------------------------------------------------
def _is_real(value) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float, np.integer, np.floating))


def check_size(name: str, value, *, minimum: int = 1, maximum: int | None = None) -> int:
    """정수 인자(크기, 시점 번호)를 검사해 int 로 돌려준다. ``minimum`` ≤ value (≤ ``maximum``)."""
    expected = f"an integer >= {minimum}" if maximum is None else f"an integer in [{minimum}, {maximum}]"
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name}: expected {expected}, got {type(value).__name__}")
    if value < minimum or (maximum is not None and value > maximum):
        raise ValueError(f"{name}: expected {expected}, got {value}")
    return int(value)


def check_span(start, stop, size: int, *, lowest: int = 0) -> tuple[int, int]:
    """글의 구간 [start, stop) 을 검사해 int 로 돌려준다: 둘 다 ``lowest`` 이상 ``size`` 이하의 정수이고 start < stop."""
    for name, v in (("start", start), ("stop", stop)):
        if isinstance(v, bool) or not isinstance(v, int | np.integer) or not lowest <= v <= size:
            raise ValueError(f"{name}: expected an integer in [{lowest}, {size}], got {v!r}")
    if start >= stop:
        raise ValueError(f"start, stop: expected start < stop, got {start}, {stop}")
    return int(start), int(stop)


def check_real(
    name: str,
    value,
    *,
    positive: bool = False,
    nonnegative: bool = False,
    low: float | None = None,
    high: float | None = None,
) -> float:
    """유한한 실수 인자를 검사해 float 로 돌려준다. ``low`` ≤ value ≤ ``high`` 를 함께 검사할 수 있다."""
    interval = f" in [{low}, {high}]" if low is not None and high is not None else ""
    if not _is_real(value):
        raise ValueError(f"{name}: expected a real number{interval}, got {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name}: expected a finite number{interval}, got {value}")
    if positive and value <= 0:
        raise ValueError(f"{name}: expected a positive number, got {value}")
    if nonnegative and value < 0:
        raise ValueError(f"{name}: expected a non-negative number, got {value}")
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = interval or (f" >= {low}" if low is not None else f" <= {high}")
        raise ValueError(f"{name}: expected a real number{bounds}, got {value}")
    return value


def check_choice(name: str, value, choices: Sequence):
    """``value`` 가 ``choices`` 가운데 하나인지 검사한다."""
    if value not in choices:
        raise ValueError(f"{name}: expected one of {', '.join(map(repr, choices))}, got {value!r}")
    return value


def merge_settings(defaults: dict, settings, name: str = "settings") -> dict:
    """기본 설정 ``defaults`` 에 ``settings`` (일부만 바꾼 dict 또는 None)를 덮어쓴 새 dict.

    모르는 열쇠가 있으면 (오타) 조용히 무시하지 않고 ValueError 를 낸다.
    """
    merged = dict(defaults)
    if settings is None:
        return merged
    if not isinstance(settings, dict):
        raise ValueError(f"{name}: expected a dict of setting overrides, got {type(settings).__name__}")
    unknown = set(settings) - set(merged)
    if unknown:
        raise ValueError(f"{name}: unknown keys {sorted(unknown)}; expected keys from {sorted(merged)}")
    merged.update(settings)
    return merged


def check_activation(activation, name: str = "activation") -> str:
    """활성화 함수 이름을 검사한다. "tanh", "relu", "linear" 중 하나여야 한다."""
    return check_choice(name, activation, ACTIVATIONS)


def check_rng(rng) -> np.random.Generator:
    """시드를 정한 난수 생성기 ``np.random.default_rng(seed)`` 인지 검사한다."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            f"rng: expected a np.random.Generator (np.random.default_rng(seed)), got {type(rng).__name__}"
        )
    return rng


def check_dtype(dtype) -> np.dtype:
    """float32 또는 float64 인 dtype 을 검사해 np.dtype 으로 돌려준다."""
    try:
        dt = np.dtype(dtype)
    except TypeError as exc:
        raise ValueError(f"dtype: expected float32 or float64, got {dtype!r}") from exc
    if dt not in (np.float32, np.float64):
        raise ValueError(f"dtype: expected float32 or float64, got {dt}")
    return dt


def check_callable(name: str, f, expected: str):
    """함수인지 검사한다. expected 는 기대하는 함수의 모양 (예: "a function xs -> ys")."""
    if not callable(f):
        raise ValueError(f"{name}: expected {expected}, got {type(f).__name__}")
    return f


def check_layer(name: str, layer, attrs: Sequence[str] = ("forward", "backward")):
    """계층이 ``attrs`` 의 속성(메서드)을 모두 가졌는지 검사한다."""
    missing = [a for a in attrs if not hasattr(layer, a)]
    if missing:
        raise ValueError(
            f"{name}: expected a layer with {', '.join(attrs)}; got {type(layer).__name__} without {missing[0]!r}"
        )
    return layer


# ---------------------------------------------------------------------------------------------------
# 순환 계층 (RNN, LSTM 이 함께 쓴다)
# ---------------------------------------------------------------------------------------------------
def check_weights(Wx, Wh, b, n_gates: int = 1) -> tuple[int, int]:
    """Wx (D, G·H), Wh (H, G·H), b (G·H,) 가 서로 맞는지 검사하고 (D, H) 를 돌려준다.

    n_gates : RNN 은 1, LSTM 은 4 (게이트 i, f, g, o 를 마지막 축에 쌓는다).
    """
    gh = "H" if n_gates == 1 else f"{n_gates}H"
    check_array("Wh", Wh, ("H", gh))
    H = Wh.shape[0]
    if Wh.shape[1] != n_gates * H:
        raise ValueError(
            f"Wh: expected shape (H, {gh}) = {shape_str((H, n_gates * H))}, got {shape_str(Wh.shape)}"
        )
    check_array("Wx", Wx, ("D", n_gates * H))
    check_array("b", b, (n_gates * H,))
    check_same_dtype(Wx=Wx, Wh=Wh, b=b)
    return Wx.shape[0], H


def check_sequence(xs, Wx) -> tuple[int, int, int]:
    """xs (N, T, D) 를 검사하고 (N, T, D) 를 돌려준다. dtype 은 가중치와 같아야 한다."""
    D = Wx.shape[0]
    check_array("xs", xs, ("N", "T", D))
    N, T, _ = xs.shape
    if N == 0 or T == 0:
        raise ValueError(f"xs: expected shape (N, T, {D}) with N ≥ 1 and T ≥ 1, got {shape_str(xs.shape)}")
    if xs.dtype != Wx.dtype:
        raise ValueError(f"xs: expected dtype {Wx.dtype} (same as the weights), got {xs.dtype}")
    return N, T, D


def check_state(name: str, s, N: int, H: int, dtype) -> np.ndarray:
    """초기 상태 (N, H) 를 검사한다. None 이면 0 으로 채운 새 배열을 돌려준다."""
    if s is None:
        return np.zeros((N, H), dtype=dtype)
    check_array(name, s, (N, H))
    if s.dtype != dtype:
        raise ValueError(
            f"{name}: expected dtype {np.dtype(dtype)} (same as xs and the weights), got {s.dtype}"
        )
    return s


def check_grad_output(name: str, d, shape, dtype) -> np.ndarray:
    """역전파로 들어오는 기울기(dhs 등)의 모양과 dtype 을 검사한다."""
    check_array(name, d, shape)
    if d.dtype != dtype:
        raise ValueError(
            f"{name}: expected dtype {np.dtype(dtype)} (same as the forward pass), got {d.dtype}"
        )
    return d


def no_forward_error(layer) -> ValueError:
    """forward 전에 backward 를 부른 계층에 대한 오류 (메시지는 ``클래스.backward:`` 로 시작한다)."""
    return ValueError(f"{type(layer).__name__}.backward: call forward(xs) first (no forward pass is stored)")


# ---------------------------------------------------------------------------------------------------
# 기호 번호와 온도 (9장 언어 모델)
# ---------------------------------------------------------------------------------------------------
def check_ids(name: str, ids, V: int, *, ndim: int | None = None) -> np.ndarray:
    """정수 번호 배열을 검사한다: 정수 dtype, 값은 0..V−1. 돌려주는 값은 같은 배열."""
    if isinstance(ids, list | tuple):
        ids = np.asarray(ids)
        if ids.size == 0:
            ids = ids.astype(np.int64)
    if not isinstance(ids, np.ndarray):
        raise ValueError(f"{name}: expected an integer NumPy array, got {type(ids).__name__}")
    if ndim is not None and ids.ndim != ndim:
        want = {1: "(L,)", 2: "(N, T)"}.get(ndim, f"{ndim} dimensions")
        raise ValueError(f"{name}: expected shape {want}, got {shape_str(ids.shape)}")
    if not np.issubdtype(ids.dtype, np.integer):
        raise ValueError(
            f"{name}: expected integer ids of shape {shape_str(ids.shape)}, got dtype {ids.dtype}"
        )
    if ids.size and (ids.min() < 0 or ids.max() >= V):
        bad = int(ids.min()) if ids.min() < 0 else int(ids.max())
        raise ValueError(f"{name}: expected ids in [0, {V}), got {bad}")
    return ids


def check_temperature(tau) -> float:
    """온도 τ 는 유한한 양수여야 한다."""
    if isinstance(tau, bool) or not isinstance(tau, int | float | np.integer | np.floating):
        raise ValueError(f"tau: expected a positive finite temperature, got {type(tau).__name__}")
    tau = float(tau)
    if not math.isfinite(tau) or tau <= 0:
        raise ValueError(f"tau: expected a positive finite temperature, got {tau}")
    return tau
