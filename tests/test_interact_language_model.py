"""interact/language_model.py: 온도 샘플링 데모와 유닛 보기 데모 (장치는 test_demos_registry 가 함께 검사한다)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.core.language_model import TAU_VALUES, quick_model, temperature_data, unit_view_data
from helpers.interact.language_model import temperature_demo, unit_view_demo
from helpers.view.base import get_message


@pytest.fixture(scope="module")
def quick():
    return quick_model()


def test_same_seed_means_only_tau_changes_the_text(quick):
    model, vocab, _ = quick
    a = temperature_data(model, vocab, "대통령은", 0.05, length=60)
    b = temperature_data(model, vocab, "대통령은", 0.05, length=60)
    c = temperature_data(model, vocab, "대통령은", 2.5, length=60)
    assert a["text"] == b["text"] and a["text"] != c["text"]
    assert np.isclose(c["probs"].sum() <= 1.0, True) and a["probs"][0] > c["probs"][0]  # 낮은 τ 는 뾰족하다
    assert len(a["labels"]) == 12 and a["labels"] == c["labels"]  # τ 는 순서를 바꾸지 않는다
    assert TAU_VALUES == sorted(TAU_VALUES)


def test_prompt_box_errors_show_in_the_figure_not_as_exceptions(quick):
    model, vocab, _ = quick
    demo = temperature_demo(model, vocab)
    demo.update(tau=0.5)
    demo.set_prompt("곰돌이 🐻")
    msg = get_message(demo.fig)
    assert msg is not None and "prompt" in msg and "🐻" in msg
    demo.set_prompt("")
    assert "empty" in get_message(demo.fig)
    demo.set_prompt("국회는")
    assert get_message(demo.fig) is None
    with pytest.raises(ValueError, match="prompt: expected at least one character"):
        temperature_demo(model, vocab, prompt="")
    with pytest.raises(ValueError, match="tau: expected a positive finite temperature"):
        temperature_data(model, vocab, "국회", 0.0)


def test_live_widget_has_a_prompt_box(quick):
    model, vocab, _ = quick
    demo = temperature_demo(model, vocab)
    box = demo.live()
    text = box.children[0]
    assert text.description == "시작 글" and text.value == "대통령은"
    text.value = "국회는"
    assert demo.prompt_state["prompt"] == "국회는" and get_message(demo.fig) is None


def test_unit_view_data_and_errors(quick):
    model, vocab, ids = quick
    L = 50
    acts = {"c": np.arange(2.0 * L).reshape(L, 2)}
    feature = np.arange(L, dtype=float)
    d = unit_view_data(acts, "c", 1, {"위치": feature})
    assert d["note"] == "위치와의 상관 r = +1.00"
    with pytest.raises(ValueError, match="unit: expected an integer in \\[0, 2\\)"):
        unit_view_data(acts, "c", 2)
    with pytest.raises(ValueError, match="kind: expected one of"):
        unit_view_data(acts, "q", 0)
    span = (ids.size - 40, ids.size)
    with pytest.raises(ValueError, match="features\\['x'\\]: expected shape \\(40,\\)"):
        unit_view_demo(model, vocab, ids, span, features={"x": np.zeros(3)})
    demo = unit_view_demo(model, vocab, ids, span, units=[3, 5], features={"x": np.arange(40.0)})
    demo.update(kind="f", unit=5)
    assert get_message(demo.fig) is None
