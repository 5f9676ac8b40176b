"""한국어 검색 확장(book/_ext/korean_search.py)의 낱말 나누기와 조사 떼기."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "book" / "_ext" / "korean_search.py"
_spec = importlib.util.spec_from_file_location("korean_search", _PATH)
korean_search = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(korean_search)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("LSTM은 셀 상태를", ["LSTM", "은", "셀", "상태를"]),
        ("h(t)=tanh(x)", ["h", "t", "tanh", "x"]),
        ("BPTT로", ["BPTT", "로"]),
    ],
)
def test_split_separates_hangul_from_latin(text, words):
    assert korean_search.split_words(text) == words


@pytest.mark.parametrize(
    ("word", "stem"),
    [("정보를", "정보"), ("상태에서", "상태"), ("게이트가", "게이트"), ("셀", "셀"), ("LSTM", "lstm"), ("상태", "상태")],
)
def test_stem_strips_particles(word, stem):
    assert korean_search.stem_word(word) == stem


def test_same_term_with_any_particle_gets_one_stem():
    stems = {korean_search.stem_word("은닉" + p) for p in ["", "은", "이", "을", "의", "에서", "으로", "과", "도", "만"]}
    assert stems == {"은닉"}


def test_javascript_stemmer_uses_the_same_particle_list():
    js = korean_search.SearchKorean.js_stemmer_code
    for particle in korean_search.PARTICLES:
        assert f'"{particle}"' in js
