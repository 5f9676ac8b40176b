"""데모의 오류: 계산과 그리기를 엄격하게 돌리고(경고도 오류로), 잡은 오류를 한국어 문장으로 옮긴다.

살아 있는 위젯은 트레이스백을 보이지 않는다. 슬라이더가 범위 끝에서 계산을 넘치게 하면 그림 안에 읽을 수 있는
안내 문구를 띄운다(``helpers.view.base.show_message``). 여기서 잡는 것은 '이 값에서는 계산할 수 없다'는 뜻의
오류뿐이다(:data:`VALUE_ERRORS`). 그 밖의 예외(TypeError, KeyError 등)는 코드의 잘못이므로 그대로 나간다.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager

import numpy as np

__all__ = ["VALUE_ERRORS", "describe_error", "strict_numerics"]

# 어떤 컨트롤 값에서 계산이나 그리기가 실패했다는 뜻의 예외:
# - ValueError: 인자 검사(이 책의 모든 공개 함수), np.linalg.LinAlgError 도 이것의 하위 클래스다
# - ArithmeticError: FloatingPointError(np.errstate 의 raise), OverflowError, ZeroDivisionError
# - Warning: strict_numerics 안에서 오류가 된 경고 (NumPy 의 RuntimeWarning, matplotlib 의 UserWarning 등)
VALUE_ERRORS = (ValueError, ArithmeticError, Warning)


@contextmanager
def strict_numerics():
    """계산과 그리기에서 나는 NumPy 경고와 matplotlib 경고를 예외로 바꿔 잡을 수 있게 한다."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            yield


def describe_error(err: BaseException) -> str:
    """예외 하나를 그림 안에 보일 한 줄로: "수치 계산이 넘쳤다(오버플로): FloatingPointError: …"."""
    name = type(err).__name__
    text = str(err).strip()
    if isinstance(err, FloatingPointError | OverflowError) or "overflow" in text:
        kind = "수치 계산이 넘쳤다(오버플로)"
    elif isinstance(err, ValueError):
        kind = "이 값에서는 계산할 수 없다"
    else:
        kind = "계산 중 오류가 났다"
    if len(text) > 160:
        text = text[:157] + "..."
    return f"{kind}: {name}: {text}" if text else f"{kind}: {name}"
