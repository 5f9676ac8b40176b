"""Blitter(바뀐 아티스트만 다시 그리기)가 전체를 다시 그린 그림과 같은 픽셀을 내는지 확인한다."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from helpers.interact.demo import DEMOS, Choice, load_all_demos
from helpers.view.base import Blitter, book_figure
from helpers.view.style import use_book_style

load_all_demos()


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)


def _mismatch(a: bytes, b: bytes) -> float:
    """눈에 띄게(채널 차이 > 40) 다른 픽셀의 비율."""
    pa, pb = _pixels(a), _pixels(b)
    assert pa.shape == pb.shape
    return float((np.abs(pa - pb).max(axis=2) > 40).mean())


@pytest.mark.parametrize("name", sorted(DEMOS))
def test_blitted_updates_match_full_redraw(name):
    demo = DEMOS[name]()
    demo.update()
    for control in demo.controls.values():
        values = control.values if isinstance(control, Choice) else control.frame_values(4)
        for v in [*values, control.default]:
            fast = demo.update(**{control.name: v})
            demo._blitter.invalidate()
            full = demo._blitter.png()
            assert _mismatch(fast, full) < 1e-3, f"{name}: {control.name} = {v}"


def test_blitter_redraws_only_what_changed_and_detects_other_changes():
    use_book_style()
    fig, ax = book_figure(figsize=(4, 3))
    x = np.linspace(0, 1, 50)
    (line,) = ax.plot(x, x, label="선")
    legend = ax.legend()
    ax.set_ylim(-1, 2)
    b = Blitter(fig)
    b.png()
    line.set_ydata(x**2)
    b.png()  # 처음 바뀐 선: 전체를 다시 그리고 선을 '움직이는 아티스트'로 등록한다
    draws = b.full_draws
    line.set_ydata(x**3)
    fast = b.png()
    assert b.full_draws == draws, "등록된 선만 바뀌었으면 배경을 다시 그리지 않아야 한다"
    b.invalidate()
    assert _mismatch(fast, b.png()) < 1e-3
    draws = b.full_draws
    legend.get_texts()[0].set_text("바뀐 이름")  # 범례는 따로 그릴 수 없다: 전체를 다시 그려야 한다
    b.png()
    assert b.full_draws == draws + 1
    ax.set_ylim(-2, 3)  # 범위가 바뀌면 눈금 글자가 바뀐다
    b.png()
    assert b.full_draws == draws + 2
