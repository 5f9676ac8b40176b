"""입력 검사 (helpers.core.validation): 메시지는 인자 이름으로 시작하고, 마스크 배열과 np.matrix 는 거부한다."""

from __future__ import annotations

import ast
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from helpers import TimeLSTM, TimeRNN, init_lstm, init_rnn
from helpers.core.validation import (
    check_array,
    check_choice,
    check_real,
    check_same_dtype,
    check_size,
    check_span,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "helpers"


def matrix(a):
    """np.matrix 를 만든다 (만들 때 NumPy 가 내는 PendingDeprecationWarning 은 이 시험의 대상이 아니다)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        return np.asmatrix(a)


@pytest.mark.parametrize("make", [lambda a: np.ma.masked_less(a, 0), matrix], ids=["masked", "matrix"])
def test_masked_and_matrix_rejected(make):
    x = make(np.arange(6.0).reshape(2, 3) - 2)
    with pytest.raises(
        ValueError, match=r"^x: expected a plain NumPy array of shape \(N, 3\), got (a masked|np\.matrix)"
    ):
        check_array("x", x, ("N", 3))


@pytest.mark.parametrize("cls, init", [(TimeRNN, init_rnn), (TimeLSTM, init_lstm)])
def test_layers_reject_masked_inputs(cls, init):
    """마스크는 조용히 무시되지 않는다: 계층이 마스크 배열을 받으면 이름을 대며 거부한다."""
    layer = cls(*init(np.random.default_rng(0), 3, 4))
    xs = np.ma.masked_array(np.ones((2, 5, 3)), mask=np.zeros((2, 5, 3), dtype=bool))
    with pytest.raises(ValueError, match=r"^xs: expected a plain NumPy array .*masked array"):
        layer.forward(xs)
    with pytest.raises(ValueError, match=r"^Wx: expected a plain NumPy array .*np\.matrix"):
        cls(matrix(layer.params[0]), *layer.params[1:])


def test_same_dtype_names_the_odd_one_out():
    a, b = np.zeros(2), np.zeros(2)
    c = np.zeros(2, dtype=np.float32)
    with pytest.raises(ValueError, match=r"^c: expected dtype float64 \(same as a, b\), got float32"):
        check_same_dtype(a=a, b=b, c=c)
    assert check_same_dtype(a=a, b=b) == np.float64


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: check_size("T", 0), r"^T: expected an integer >= 1, got 0"),
        (lambda: check_size("t", 7, minimum=1, maximum=5), r"^t: expected an integer in \[1, 5\], got 7"),
        (lambda: check_size("n", True), r"^n: expected an integer >= 1, got bool"),
        (
            lambda: check_real("f", 1.5, low=0.0, high=1.0),
            r"^f: expected a real number in \[0.0, 1.0\], got 1.5",
        ),
        (lambda: check_real("f", float("nan"), low=0.0, high=1.0), r"^f: expected a finite number"),
        (lambda: check_real("lr", -1, positive=True), r"^lr: expected a positive number, got -1.0"),
        (lambda: check_choice("merge", "max", ("concat", "sum")), r"^merge: expected one of 'concat', 'sum'"),
        (lambda: check_span(0, 5, 10, lowest=1), r"^start: expected an integer in \[1, 10\], got 0"),
        (lambda: check_span(2, 11, 10), r"^stop: expected an integer in \[0, 10\], got 11"),
        (lambda: check_span(3.0, 5, 10), r"^start: expected an integer in \[0, 10\], got 3.0"),
        (lambda: check_span(5, 5, 10), r"^start, stop: expected start < stop, got 5, 5"),
    ],
)
def test_messages_start_with_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_span_comes_back_as_ints():
    assert check_span(np.int64(2), 10, 10) == (2, 10)
    assert all(type(v) is int for v in check_span(np.int32(0), np.int64(3), 3))


def _text(node) -> str | None:
    """문자열 또는 f-문자열을 글자로 (끼워 넣는 값은 {} 로). 그 밖의 식이면 None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def _raised_messages():
    """src/helpers 의 모든 ``raise ValueError(...)`` 메시지 (끼워 넣는 값은 {} 로)."""
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ValueError" and node.args
            ):
                continue
            yield f"{path.relative_to(SRC)}:{node.lineno}", _text(node.args[0])


def test_every_message_starts_with_a_name():
    """메시지는 ``이름: `` 으로 시작한다. 이름은 f-문자열의 {name}, ``layers[{l}].Wx``, ``wh, wx`` 꼴이어도 된다."""
    name = r"[^\s:]+( \([^)]*\))?"  # 이름 뒤의 (설명)은 허용한다: "curve[1] (values): ..."
    bad = [
        f"{where}: {text!r}"
        for where, text in _raised_messages()
        if text is not None and not re.match(rf"{name}(, {name})*: ", text)
    ]
    assert not bad, f"이름으로 시작하지 않는 ValueError 메시지: {bad}"
