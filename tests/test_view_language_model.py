"""view/language_model.py: 음절 칸 배치, 글자 이미지, 그림 함수의 입력 검사."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import to_jamo
from helpers.view import (
    learning_curves_lm_figure,
    ngram_figure,
    passage_layout,
    softmax_temperature_figure,
    unit_text_live,
    unit_trace_figure,
)


def test_passage_layout_splits_each_syllable_cell_among_its_jamo():
    tokens = to_jamo("한국 가\n나")
    lay = passage_layout(tokens, width=10)
    assert lay["rects"].shape == (len(tokens), 4, 2) and lay["rows"] == 2
    assert [c[2] for c in lay["cells"]] == ["한", "국", "", "가", "⏎", "나"]
    widths = lay["rects"][:, 1, 0] - lay["rects"][:, 0, 0]
    assert np.allclose(widths[:3], 1 / 3) and np.allclose(widths[7:9], 1 / 2)  # 한: 자모 셋, 가: 자모 둘
    assert np.allclose(lay["rects"][-2:, 0, 1], -1.0)  # 줄 바꿈 뒤의 '나' 는 둘째 줄
    with pytest.raises(ValueError, match="tokens"):
        passage_layout([])


def test_passage_layout_wraps_long_lines():
    lay = passage_layout(to_jamo("가" * 25), width=10)
    assert lay["rows"] == 3


def test_unit_text_live_draws_text_above_the_colours():
    tokens = to_jamo("대한민국은 민주공화국이다.")
    live = unit_text_live(tokens=tokens, values=np.linspace(-1, 1, len(tokens)), kind="c", unit=3)
    img = live.fig.axes[0].images[0]
    assert img.get_zorder() > live.fig.axes[0].collections[0].get_zorder()
    assert img.get_array()[..., 3].max() > 0  # 글자가 그려져 있다
    live.update(values=np.full(len(tokens), 0.75), kind="f", unit=4, note="x")
    coll = live.fig.axes[0].collections[0]
    assert coll.get_clim() == (-1.0, 1.0) and np.allclose(coll.get_array(), 0.5)  # 게이트 0.75 → 칠하는 값 0.5
    live.update(values=np.linspace(10.0, 30.0, len(tokens)), kind="c", unit=4)
    assert np.isclose(coll.get_array().min(), -1.0) and np.isclose(coll.get_array().max(), 1.0)
    assert [t.get_text() for t in live.fig.axes[1].get_xticklabels()] == ["10.00", "20.00", "30.00"]
    with pytest.raises(ValueError, match="values"):
        unit_text_live(tokens=tokens, values=np.zeros(3), kind="c", unit=0)


def test_figure_functions_check_their_input():
    with pytest.raises(ValueError, match="test: expected the same n"):
        ngram_figure({1: 3.0, 2: 2.0}, {1: 3.0})
    with pytest.raises(ValueError, match="runs"):
        learning_curves_lm_figure({}, {"x": 1.0})
    with pytest.raises(ValueError, match="scores"):
        softmax_temperature_figure(["a", "b"], np.zeros(3))
    with pytest.raises(ValueError, match="feature"):
        unit_trace_figure(np.zeros(5), np.zeros(4), np.array([1]), value_label="c", feature_label="f")
    fig = learning_curves_lm_figure({"A": (np.array([50, 100]), np.array([8.0, 5.0]))}, {"n-그램": 6.0},
                                    train={"A": (np.array([50, 100]), np.array([6.0, 4.0]))})
    assert fig.axes[0].get_ylim()[0] < 4.0  # 학습 곡선도 축 안에 든다
