"""core/text.py: 헌법 본문 읽기, 자모 나누기(NFD)와 합치기(NFC), 어휘, 구간 나누기."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import numpy as np
import pytest

from helpers.core.text import (
    HANGUL_SYLLABLES,
    Vocabulary,
    display_jamo,
    from_jamo,
    jamo_kind,
    load_constitution,
    split_spans,
    syllable_stats,
    to_jamo,
)


@pytest.fixture(scope="module")
def text():
    return load_constitution()


def test_constitution_is_read_without_konlpy_or_java(text):
    # 읽기만 해서는 konlpy 도 JPype 도 import 되지 않는다 (자바를 깨우지 않는다)
    code = (
        "import sys; from helpers.core.text import load_constitution; t = load_constitution(); "
        "print(len(t), 'konlpy' in sys.modules, 'jpype' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(len(text)), "False", "False"]


def test_constitution_text_facts(text):
    assert text.startswith("대한민국헌법\n") and "\r" not in text
    assert len(text) == 18_884  # 텍스트 모드로 읽은 글자 수 (CRLF → \n)
    assert "제1조 ① 대한민국은 민주공화국이다." in text


def test_jamo_round_trip(text):
    assert to_jamo("한국") == ["ᄒ", "ᅡ", "ᆫ", "ᄀ", "ᅮ", "ᆨ"]
    assert [jamo_kind(j) for j in to_jamo("한국 ")] == ["초성", "중성", "종성", "초성", "중성", "종성", "기타"]
    jamo = to_jamo(text)
    assert len(jamo) == 38_172 and len(set(jamo)) == 75
    assert from_jamo(jamo) == text  # NFC 는 NFD 를 정확히 되돌린다
    assert from_jamo("".join(jamo)) == text


def test_from_jamo_shows_stray_jamo_as_standalone_letters():
    # 초성 없는 모음, 홀로 남은 종성은 호환 자모로 바뀌어 앞뒤 글자와 엉키지 않는다
    out = from_jamo(["ᅡ", "ᄀ", "ᅡ", "ᆨ", "ᆨ"])
    assert out == "ㅏ각ㄱ"
    assert all(not 0x1100 <= ord(ch) <= 0x11FF for ch in out)
    assert display_jamo("ᄀ") == "ㄱ" and display_jamo("ᆨ") == "-ㄱ" and display_jamo(" ") == "␣"


def test_vocabulary_encode_decode_and_errors():
    vocab = Vocabulary(to_jamo("가나다 "))
    assert len(vocab) == 5 and vocab.symbols == sorted(vocab.symbols)
    ids = vocab.encode(to_jamo("나가"))
    assert ids.dtype == np.int64 and from_jamo(vocab.decode(ids)) == "나가"
    with pytest.raises(ValueError, match=r"tokens: .*2 unknown: 'ᄅ' \(U\+1105\), 'x' \(U\+0078\)"):
        vocab.encode(to_jamo("라x"))
    with pytest.raises(ValueError, match=r"ids: expected ids in \[0, 5\), got 5"):
        vocab.decode(np.array([5]))
    with pytest.raises(ValueError, match="ids: expected integer ids"):
        vocab.decode(np.array([1.0]))


def test_prompt_errors_name_the_unknown_characters():
    vocab = Vocabulary(to_jamo("대한민국 헌법"))
    assert from_jamo(vocab.decode(vocab.encode_prompt("대한"))) == "대한"
    with pytest.raises(ValueError, match="prompt: expected at least one character, got an empty string"):
        vocab.encode_prompt("")
    with pytest.raises(ValueError, match=r"prompt: .*2 unknown: '곰' \(U\+ACF0\), '!' \(U\+0021\)"):
        vocab.encode_prompt("대곰!곰")
    with pytest.raises(ValueError, match="prompt: expected a str"):
        vocab.encode_prompt(3)


def test_split_spans_are_contiguous():
    spans = split_spans(100)
    assert spans == [(0, 80), (80, 90), (90, 100)]
    assert split_spans(7, (0.5, 0.5)) == [(0, 4), (4, 7)]
    for bad in ((0.5, 0.6), (1.0, 0.0), (float("nan"), 1.0)):
        with pytest.raises(ValueError, match="fractions"):
            split_spans(10, bad)
    with pytest.raises(ValueError, match="L: expected an integer"):
        split_spans(2)


def test_syllable_stats_counts_unseen_test_symbols():
    text = "가나다라가나다마"
    stats = syllable_stats(text, [(0, 4), (4, 8)])
    syl, jam = stats["음절"], stats["자모"]
    assert (syl.vocab, syl.length, syl.test_length, syl.test_unseen, syl.test_unseen_types) == (5, 8, 4, 1, 1)
    assert jam.test_unseen == 1 and jam.length == 16  # 'ᄆ' 하나만 처음 본다 ('ᅡ' 는 보았다)
    assert syl.test_unseen_rate == 0.25
    assert HANGUL_SYLLABLES == sum(1 for cp in range(0xAC00, 0xD7A4) if unicodedata.name(chr(cp)).startswith("HANGUL"))
