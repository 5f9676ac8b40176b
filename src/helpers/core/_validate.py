"""입력 검사: 모든 공개 함수가 같은 모양의 오류 메시지를 내도록 한 곳에 모았다.

오류는 항상 ``ValueError`` 이고, 인자 이름, 기대한 모양, 실제로 받은 모양을 함께 말한다.
"""

from __future__ import annotations

import numpy as np

__all__ = ["check_array", "check_same_dtype", "shape_str"]


def shape_str(shape) -> str:
    """(N, T, D)처럼 기호가 섞인 모양을 읽기 좋은 문자열로 만든다."""
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def check_array(name: str, x, shape, *, finite: bool = True, float_only: bool = True) -> np.ndarray:
    """배열 ``x`` 가 ``shape`` 에 맞는지 검사하고 그대로 돌려준다.

    shape : 각 축의 기대값. 정수는 정확히 그 크기, 문자열(예: "N")은 아무 크기나 허용하되
        오류 메시지에 기호로 표시한다. 예: ``("N", "T", 4)``
    finite : NaN 이나 inf 를 거부할지 여부
    float_only : 부동소수점 dtype(float32, float64)만 허용할지 여부
    """
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
    """여러 배열의 dtype 이 같은지 검사하고 그 dtype 을 돌려준다."""
    dtypes = {name: a.dtype for name, a in arrays.items()}
    if len(set(dtypes.values())) > 1:
        desc = ", ".join(f"{n}: {d}" for n, d in dtypes.items())
        raise ValueError(f"expected one dtype for {', '.join(dtypes)}; got {desc}")
    return next(iter(dtypes.values()))
