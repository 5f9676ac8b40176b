"""데모의 컨트롤: 연속 값 하나를 고르는 :class:`Slider` 와 보기 중 하나를 고르는 :class:`Choice`.

컨트롤은 세 가지를 안다: 값이 올바른지(``check``), 값을 어떻게 보여 주는지(``format``, ``describe``),
그리고 스크러버가 미리 그릴 값들(``frame_values``). 살아 있는 커널에서는 ``widget()`` 이 ipywidgets 의
슬라이더나 선택 단추를 만든다.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["DEFAULT_FRAMES", "Choice", "Control", "Slider"]

# 기본 스크러버 프레임 수
DEFAULT_FRAMES = 12


def _decimals(step: float) -> int:
    """간격 step 을 나타내는 데 필요한 소수 자릿수."""
    text = f"{float(step):.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _check_name(name) -> None:
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"name: expected a Python identifier, got {name!r}")


@dataclass
class Slider:
    """연속 값 하나를 고르는 슬라이더.

    name : compute 에 넘길 인자 이름
    min, max, step, value : 범위, 간격, 처음 값 (min <= value <= max)
    label : 슬라이더 옆에 보일 한국어 이름 (예: "삭제 게이트 f")
    readout_format : 값 표시 형식(예: ".2f"). None 이면 step 의 자릿수로 정한다.
    """

    name: str
    min: float
    max: float
    step: float
    value: float
    label: str | None = None
    readout_format: str | None = None

    def __post_init__(self):
        _check_name(self.name)
        for arg in ("min", "max", "step", "value"):
            v = getattr(self, arg)
            if not isinstance(v, int | float | np.integer | np.floating) or not np.isfinite(v):
                raise ValueError(f"{arg}: expected a finite number for slider {self.name!r}, got {v!r}")
        if not self.min < self.max:
            raise ValueError(
                f"min, max: expected min < max for slider {self.name!r}, got {self.min}, {self.max}"
            )
        if not self.step > 0:
            raise ValueError(f"step: expected step > 0 for slider {self.name!r}, got {self.step}")
        if not self.min <= self.value <= self.max:
            raise ValueError(
                f"value: expected {self.min} <= value <= {self.max} for slider {self.name!r}, "
                f"got {self.value}"
            )
        if self.label is None:
            self.label = self.name
        if self.readout_format is None:
            self.readout_format = "d" if self.is_int else f".{_decimals(self.step)}f"

    @property
    def is_int(self) -> bool:
        return all(isinstance(v, int | np.integer) for v in (self.min, self.max, self.step, self.value))

    @property
    def default(self):
        return self.value

    def check(self, v, arg: str | None = None):
        """값 v 가 범위 안에 있는지 검사하고 돌려준다 (정수 슬라이더는 int, 아니면 float)."""
        arg = arg or self.name
        if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating):
            raise ValueError(f"{arg}: expected a number in [{self.min}, {self.max}], got {v!r}")
        tol = 1e-9 * max(1.0, abs(self.max - self.min))
        if not (self.min - tol <= v <= self.max + tol) or not np.isfinite(v):
            raise ValueError(f"{arg}: expected a value in [{self.min}, {self.max}], got {v}")
        if self.is_int and float(v) != int(v):
            raise ValueError(f"{arg}: expected an integer in [{self.min}, {self.max}], got {v}")
        return int(v) if self.is_int else float(v)

    def frame_values(self, n: int = DEFAULT_FRAMES) -> list:
        """스크러버 프레임 값: 범위를 고르게 나누고 step 에 맞춘다."""
        raw = np.linspace(self.min, self.max, n)
        snapped = self.min + np.round((raw - self.min) / self.step) * self.step
        snapped = np.clip(snapped, self.min, self.max)
        vals = []
        for v in snapped:
            v = int(round(v)) if self.is_int else round(float(v), 10)
            if v not in vals:
                vals.append(v)
        return vals

    def format(self, v) -> str:
        return format(v, self.readout_format)

    def describe(self, v) -> str:
        """이름과 값: "삭제 게이트 f = 0.90"."""
        return f"{self.label} = {self.format(v)}"

    def widget(self):
        import ipywidgets as widgets

        cls = widgets.IntSlider if self.is_int else widgets.FloatSlider
        return cls(
            value=self.value,
            min=self.min,
            max=self.max,
            step=self.step,
            description=self.label,
            readout_format=self.readout_format,
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="min(32em, 100%)"),
        )


@dataclass
class Choice:
    """보기 중 하나를 고르는 컨트롤.

    options : [(보일 이름, 값), ...] 또는 [값, ...]
    value : 처음 값(options 의 값 중 하나)
    """

    name: str
    options: Sequence
    value: Any
    label: str | None = None
    _pairs: list = field(init=False, repr=False)

    def __post_init__(self):
        _check_name(self.name)
        pairs = []
        for opt in self.options:
            if isinstance(opt, tuple) and len(opt) == 2:
                pairs.append((str(opt[0]), opt[1]))
            else:
                pairs.append((str(opt), opt))
        if not pairs:
            raise ValueError(f"options: expected at least one option for choice {self.name!r}, got none")
        self._pairs = pairs
        if self.label is None:
            self.label = self.name
        self.check(self.value, arg="value")

    @property
    def values(self) -> list:
        return [v for _, v in self._pairs]

    @property
    def default(self):
        return self.value

    def check(self, v, arg: str | None = None):
        if not any(v == ov for ov in self.values):
            raise ValueError(
                f"{arg or self.name}: expected one of {self.values} for {self.name!r}, got {v!r}"
            )
        return v

    def frame_values(self, n: int = DEFAULT_FRAMES) -> list:
        return self.values

    def format(self, v) -> str:
        for lab, ov in self._pairs:
            if ov == v:
                return lab
        return str(v)

    def describe(self, v) -> str:
        """이름과 고른 보기: "활성화 함수 = tanh"."""
        return f"{self.label} = {self.format(v)}"

    def widget(self):
        import ipywidgets as widgets

        return widgets.ToggleButtons(
            options=self._pairs,
            value=self.value,
            description=self.label,
            style={"description_width": "initial", "button_width": "auto"},
        )


Control = Slider | Choice
