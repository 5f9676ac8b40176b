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


def test_index_adds_adjacent_pairs_only_after_a_bare_word():
    words = korean_search.index_words("장기 의존성 문제를 풀고, 상태를 계산한다. LSTM은 셀 상태를")
    assert "장기 의존성" in words and "의존성 문제를" in words and "셀 상태를" in words
    assert "상태를 계산한다" not in words  # 앞 낱말에 조사가 붙었다: 복합 명사가 아니다
    assert "은 셀" not in words and "LSTM 은" not in words  # 조사만으로 된 낱말은 쌍을 만들지 않는다
    assert "풀고, 상태를" not in words  # 쉼표를 넘지 않는다


def test_index_marks_a_definition_by_the_english_in_parentheses():
    words = korean_search.index_words("이것을 장기 의존성 문제(long-term dependency problem)라고 한다.")
    defs = {korean_search.stem_word(w) for w in words if w.startswith(korean_search.DEF_MARK)}
    assert defs == {"=장기 의존성 문제", "=의존성 문제", "=문제"}  # 조사가 붙은 '이것을' 에서 멈춘다
    assert not any(w.startswith("=") for w in korean_search.index_words("값(0.5)을 쓴다. 함수 f(x) 는"))


def test_definition_split_over_two_text_nodes_is_found():
    """'**셀 상태**(cell state)' 는 Sphinx 에서 두 글 마디다: 앞 마디의 끝으로 정의를 알아본다."""
    lang = korean_search.SearchKorean(None)
    lang.split("그리고 은닉 상태와 별도로 ")
    lang.split("셀 상태")
    words = lang.split("(cell state, 장기 상태)를 둔다")
    assert "=셀 상태" in words
    assert "셀 상태" not in words  # 쌍은 앞 마디에서 이미 더했다


def test_javascript_scorer_is_shipped_with_the_stemmer():
    js = korean_search.SearchKorean.js_stemmer_code
    assert "Scorer.score" in js and "KoreanSearch" in js
    assert "@SPLIT@" not in js and korean_search._SPLIT_RE.pattern in js
    assert "KoreanSearch.query = query" in korean_search.SearchKorean.js_splitter_code
