"""9장 언어 모델의 글: 대한민국헌법 본문을 읽고, 자모로 나누고(NFD), 다시 음절로 합친다(NFC).

- ``load_constitution()`` : konlpy 0.6.0 의 휠이 싣고 있는 ``konlpy/data/corpus/kolaw/constitution.txt`` 를 읽는다.
  패키지를 import 하지 않고 설치 정보(importlib.metadata)로 파일만 찾으므로 자바(JVM)도 JPype 도 깨우지 않는다.
  네트워크에는 나가지 않는다.
- ``to_jamo(text)`` / ``from_jamo(tokens)`` : 한글 음절 하나를 초성·중성·(종성) 자모 2~3개로 나누고, 다시 합친다.
- ``Vocabulary`` : 기호 ↔ 정수 번호. 모르는 기호를 만나면 어떤 기호인지 말하는 ValueError 를 낸다.
- ``split_spans`` : 글을 앞에서부터 이어진 세 구간(학습/검증/시험)으로 나눈다.
- ``syllable_stats`` : 음절 단위와 자모 단위의 어휘 크기, 길이, 시험 구간의 처음 보는 음절 비율.

대한민국헌법은 저작권법 제7조 1호에 따라 저작권의 보호를 받지 않는 글이다.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from helpers.core.validation import check_ids

__all__ = [
    "CONSTITUTION_PATH",
    "Corpus",
    "load_corpus",
    "line_position",
    "syllable_vocabulary",
    "CONSTITUTION_SOURCE",
    "HANGUL_SYLLABLES",
    "Vocabulary",
    "display_jamo",
    "from_jamo",
    "is_hangul_syllable",
    "jamo_kind",
    "load_constitution",
    "split_spans",
    "syllable_stats",
    "to_jamo",
]

CONSTITUTION_PATH = "konlpy/data/corpus/kolaw/constitution.txt"
CONSTITUTION_SOURCE = "konlpy 0.6.0 (PyPI), konlpy/data/corpus/kolaw/constitution.txt: 대한민국헌법 (1987년 10월 29일 전부개정)"
# 현대 한글 음절은 가(U+AC00)부터 힣(U+D7A3)까지 19 × 21 × 28 = 11,172 자다.
HANGUL_SYLLABLES = 19 * 21 * 28
_SYLLABLE_FIRST, _SYLLABLE_LAST = 0xAC00, 0xD7A3


def load_constitution() -> str:
    """대한민국헌법 본문(str)을 돌려준다. 줄 끝은 ``\\n`` 이다 (파일의 CRLF 를 바꾼다).

    konlpy 가 설치되어 있지 않으면 설치 방법을 말하는 ModuleNotFoundError 를 낸다.
    """
    import importlib.metadata as md

    try:
        dist = md.distribution("konlpy")
    except md.PackageNotFoundError:
        raise ModuleNotFoundError(
            "9장의 글(대한민국헌법)은 konlpy 패키지에 들어 있다: `pip install -r requirements.txt` 로 "
            "konlpy==0.6.0 을 설치하라 (자바는 필요 없다)."
        ) from None
    path = dist.locate_file(CONSTITUTION_PATH)
    # 텍스트 모드로 읽으면 CRLF 가 \n 이 된다 (줄 끝 하나가 기호 하나)
    with open(path, encoding="utf-8") as f:
        return f.read()


def is_hangul_syllable(ch: str) -> bool:
    """ch 가 현대 한글 음절(가–힣) 한 글자인지."""
    return len(ch) == 1 and _SYLLABLE_FIRST <= ord(ch) <= _SYLLABLE_LAST


def to_jamo(text: str) -> list[str]:
    """글을 자모 단위 기호의 리스트로 나눈다: 유니코드 정규화 NFD.

    한글 음절 하나는 초성·중성·(종성) 2~3개의 조합형 자모(U+1100–U+11FF)가 되고, 그 밖의 글자는 그대로 남는다.
    예: "한국" → ['ᄒ', 'ᅡ', 'ᆫ', 'ᄀ', 'ᅮ', 'ᆨ']
    """
    if not isinstance(text, str):
        raise ValueError(f"text: expected a str, got {type(text).__name__}")
    return list(unicodedata.normalize("NFD", text))


def _compat_map() -> dict[str, str]:
    """조합형 자모(U+1100–U+11FF) → 홀로 쓰는 호환 자모(U+3131–U+318E). 이름으로 짝짓는다."""
    compat = {}
    for cp in range(0x3131, 0x318F):
        name = unicodedata.name(chr(cp), "")
        if name.startswith("HANGUL LETTER "):
            compat[name.removeprefix("HANGUL LETTER ")] = chr(cp)
    out = {}
    for cp in range(0x1100, 0x1200):
        name = unicodedata.name(chr(cp), "")
        for prefix in ("HANGUL CHOSEONG ", "HANGUL JUNGSEONG ", "HANGUL JONGSEONG "):
            if name.startswith(prefix) and name.removeprefix(prefix) in compat:
                out[chr(cp)] = compat[name.removeprefix(prefix)]
    return out


_COMPAT = _compat_map()


def jamo_kind(token: str) -> str:
    """자모 기호의 종류: "초성", "중성", "종성", 그 밖의 기호는 "기타"."""
    if len(token) != 1:
        return "기타"
    cp = ord(token)
    if 0x1100 <= cp <= 0x115F:
        return "초성"
    if 0x1160 <= cp <= 0x11A7:
        return "중성"
    if 0x11A8 <= cp <= 0x11FF:
        return "종성"
    return "기타"


def display_jamo(token: str) -> str:
    """자모 기호 하나를 홀로 읽을 수 있게 보인다: 조합형 자모는 호환 자모로 (종성은 앞에 '-'),
    빈칸은 '␣', 줄 바꿈은 '⏎'."""
    if token == " ":
        return "␣"
    if token == "\n":
        return "⏎"
    if token in _COMPAT:
        return ("-" if jamo_kind(token) == "종성" else "") + _COMPAT[token]
    return token


def from_jamo(tokens: Iterable[str]) -> str:
    """자모 기호들을 다시 글로 합친다: 유니코드 정규화 NFC.

    모델이 만든 기호열에는 초성 없는 모음처럼 음절이 되지 못하는 자모가 섞일 수 있다. NFC 는 그런 자모를
    조합형 그대로 남기는데, 화면에서 앞뒤 글자와 엉켜 보이므로 홀로 쓰는 호환 자모(ㄱ, ㅏ …)로 바꾼다.
    """
    if isinstance(tokens, str):
        text = tokens
    else:
        tokens = list(tokens)
        bad = [t for t in tokens if not isinstance(t, str)]
        if bad:
            raise ValueError(f"tokens: expected strings, got {type(bad[0]).__name__}")
        text = "".join(tokens)
    composed = unicodedata.normalize("NFC", text)
    return "".join(_COMPAT.get(ch, ch) for ch in composed)


def _describe_chars(chars: Iterable[str]) -> str:
    return ", ".join(f"{c!r} (U+{ord(c):04X})" for c in chars)


class Vocabulary:
    """기호 ↔ 번호 0..V−1. 기호는 정렬한 순서로 번호를 받는다 (같은 글이면 언제나 같은 번호).

    symbols : 기호들의 모음 (중복은 하나로 친다)
    """

    def __init__(self, symbols: Iterable[str]):
        symbols = sorted(set(symbols))
        if not symbols:
            raise ValueError("symbols: expected at least one symbol, got none")
        bad = [s for s in symbols if not isinstance(s, str) or len(s) != 1]
        if bad:
            raise ValueError(f"symbols: expected one-character strings, got {bad[0]!r}")
        self.symbols = symbols
        self.index = {s: i for i, s in enumerate(symbols)}

    def __len__(self) -> int:
        return len(self.symbols)

    def __contains__(self, symbol) -> bool:
        return symbol in self.index

    def __repr__(self) -> str:
        return f"Vocabulary(V={len(self)})"

    def unknown(self, tokens: Iterable[str]) -> list[str]:
        """어휘에 없는 기호들 (처음 나온 순서, 중복 없이)."""
        seen = []
        for t in tokens:
            if t not in self.index and t not in seen:
                seen.append(t)
        return seen

    def encode(self, tokens: Sequence[str], *, name: str = "tokens") -> np.ndarray:
        """기호열 → 번호 배열 (int64, shape (L,)). 어휘에 없는 기호가 있으면 그 기호들을 말하는 ValueError."""
        if isinstance(tokens, str):
            tokens = list(tokens)
        missing = self.unknown(tokens)
        if missing:
            raise ValueError(
                f"{name}: expected symbols from the vocabulary of {len(self)} symbols, "
                f"got {len(missing)} unknown: {_describe_chars(missing[:10])}"
            )
        return np.fromiter((self.index[t] for t in tokens), dtype=np.int64, count=len(tokens))

    def decode(self, ids) -> list[str]:
        """번호 배열 (1차원) → 기호 리스트. 범위 밖이거나 정수가 아닌 번호는 ValueError."""
        ids = check_ids("ids", ids, len(self), ndim=1)
        return [self.symbols[i] for i in ids]

    def encode_prompt(self, prompt: str) -> np.ndarray:
        """샘플링의 시작 글(prompt)을 자모로 나눠 번호 배열로 만든다.

        빈 글이거나 어휘에 없는 글자가 있으면 ValueError. 모르는 글자는 원래 글(음절)로 말한다.
        """
        if not isinstance(prompt, str):
            raise ValueError(f"prompt: expected a str, got {type(prompt).__name__}")
        if prompt == "":
            raise ValueError("prompt: expected at least one character, got an empty string")
        missing = [ch for ch in dict.fromkeys(prompt) if any(j not in self.index for j in to_jamo(ch))]
        if missing:
            raise ValueError(
                f"prompt: expected characters the model knows (its vocabulary has {len(self)} jamo symbols), "
                f"got {len(missing)} unknown: {_describe_chars(missing[:10])}"
            )
        return self.encode(to_jamo(prompt), name="prompt")


def split_spans(L: int, fractions: Sequence[float] = (0.8, 0.1, 0.1)) -> list[tuple[int, int]]:
    """길이 L 의 글을 앞에서부터 이어진 구간들로 나눈 [start, stop) 의 리스트.

    fractions : 구간의 비율 (합이 1). 기본은 학습 80%, 검증 10%, 시험 10%.
    구간은 겹치지 않고 빈틈없이 이어진다. 무작위로 섞지 않으므로 시험 구간의 글은 학습 구간 어디에도 없다
    (헌법의 뒷부분 조문이 시험 구간이다).
    """
    if isinstance(L, bool) or not isinstance(L, int | np.integer) or L < len(fractions):
        raise ValueError(f"L: expected an integer >= {len(fractions)}, got {L!r}")
    fr = np.asarray(fractions, dtype=float)
    if fr.ndim != 1 or fr.size < 1 or np.any(~np.isfinite(fr)) or np.any(fr <= 0) or abs(fr.sum() - 1) > 1e-9:
        raise ValueError(f"fractions: expected positive numbers that sum to 1, got {list(fractions)}")
    cuts = np.round(np.cumsum(fr) * L).astype(int)
    cuts[-1] = L
    starts = np.concatenate([[0], cuts[:-1]])
    if np.any(cuts <= starts):
        raise ValueError(f"fractions: every span must hold at least one symbol for L = {L}, got {list(fractions)}")
    return [(int(a), int(b)) for a, b in zip(starts, cuts, strict=True)]


@dataclass(frozen=True)
class TokenisationStats:
    """한 단위(음절 또는 자모)로 나눈 글의 수치."""

    unit: str
    vocab: int  # 글 전체에 나온 서로 다른 기호의 수
    length: int  # 글 전체의 기호 수
    test_length: int  # 시험 구간의 기호 수
    test_unseen: int  # 시험 구간의 기호 가운데 학습 구간에 한 번도 나오지 않은 기호의 수 (중복 포함)
    test_unseen_types: int  # 그런 기호의 종류 수

    @property
    def test_unseen_rate(self) -> float:
        return self.test_unseen / self.test_length


def syllable_stats(text: str, spans: Sequence[tuple[int, int]]) -> dict[str, TokenisationStats]:
    """음절(글자) 단위와 자모 단위의 어휘 크기, 길이, 처음 보는 기호 수를 잰다.

    spans : 글자(NFC) 단위로 나눈 [학습, …, 시험] 구간. 첫 구간이 학습, 마지막 구간이 시험이다.
    자모 단위는 각 구간의 글자를 NFD 로 나눈 것이다 (구간 경계는 글자 경계라서 음절이 갈라지지 않는다).
    """
    if not isinstance(text, str):
        raise ValueError(f"text: expected a str, got {type(text).__name__}")
    (a0, b0), (a1, b1) = spans[0], spans[-1]
    out = {}
    for unit, split in (("음절", list), ("자모", to_jamo)):
        train, test, whole = split(text[a0:b0]), split(text[a1:b1]), split(text)
        seen = set(train)
        unseen = [t for t in test if t not in seen]
        out[unit] = TokenisationStats(
            unit=unit,
            vocab=len(set(whole)),
            length=len(whole),
            test_length=len(test),
            test_unseen=len(unseen),
            test_unseen_types=len(set(unseen)),
        )
    return out


@dataclass(frozen=True)
class Corpus:
    """나눈 글 하나: 글자(음절) 단위와 자모 단위의 같은 구간.

    text : 글 전체 (NFC).  char_spans : 글자 단위 [start, stop) 의 (학습, 검증, 시험).
    tokens : 자모 기호열 (NFD).  spans : 자모 단위 [start, stop) 의 (학습, 검증, 시험) — char_spans 와 같은 글.
    vocab : 글 전체에 나온 자모 기호의 어휘.  ids : tokens 의 번호, shape (len(tokens),).
    """

    text: str
    char_spans: tuple
    tokens: list
    spans: tuple
    vocab: Vocabulary
    ids: np.ndarray

    @property
    def train(self) -> tuple[int, int]:
        return self.spans[0]

    @property
    def valid(self) -> tuple[int, int]:
        return self.spans[1]

    @property
    def test(self) -> tuple[int, int]:
        return self.spans[2]

    def chars(self, span: tuple[int, int]) -> int:
        """자모 구간 span 에 든 글자(음절과 기호) 수."""
        k = self.spans.index(tuple(span))
        a, b = self.char_spans[k]
        return b - a


def load_corpus(fractions: Sequence[float] = (0.8, 0.1, 0.1)) -> Corpus:
    """대한민국헌법을 학습 80%, 검증 10%, 시험 10% 의 이어진 구간으로 나눈다 (구간 경계는 줄 바꿈 바로 뒤).

    어휘는 글 전체의 자모 기호로 만든다: 기호의 목록(한글 자모, 숫자, 문장 부호)은 미리 정해 둘 수 있는 것이고,
    시험 구간의 어떤 기호가 학습 구간에 몇 번 나왔는지는 모델이 배우는 것이다.
    """
    text = load_constitution()
    rough = split_spans(len(text), fractions)
    cuts = []
    for _, stop in rough[:-1]:
        nl = text.find("\n", stop)
        cuts.append(nl + 1 if nl >= 0 else stop)  # 줄 중간에서 자르지 않는다
    bounds = [0, *cuts, len(text)]
    char_spans = tuple(zip(bounds[:-1], bounds[1:], strict=True))
    tokens = to_jamo(text)
    # 구간 경계는 글자 경계다: 경계 앞 글을 NFD 로 나눈 길이가 곧 자모 단위의 경계다
    jb = [len(to_jamo(text[:b])) for b in bounds]
    spans = tuple(zip(jb[:-1], jb[1:], strict=True))
    vocab = Vocabulary(tokens)
    return Corpus(text=text, char_spans=char_spans, tokens=tokens, spans=spans, vocab=vocab, ids=vocab.encode(tokens))


def syllable_vocabulary(text: str) -> Vocabulary:
    """음절 단위 모델의 어휘: 현대 한글 음절 11,172 자 전부와, 글에 나온 한글 음절이 아닌 기호.

    음절 단위 모델은 학습 구간에 없던 음절도 만날 수 있으므로, 나올 수 있는 모든 음절에 확률을 나눠 줘야 한다.
    """
    if not isinstance(text, str):
        raise ValueError(f"text: expected a str, got {type(text).__name__}")
    syllables = (chr(cp) for cp in range(_SYLLABLE_FIRST, _SYLLABLE_LAST + 1))
    others = {ch for ch in text if not is_hangul_syllable(ch)}
    return Vocabulary([*syllables, *others])


def line_position(tokens: Sequence[str]) -> np.ndarray:
    """기호마다 그 줄이 시작된 뒤로 몇 번째 기호인지 (줄 바꿈 기호에서 0 으로 돌아간다), shape (L,)."""
    out = np.empty(len(tokens), dtype=np.int64)
    count = 0
    for t, tok in enumerate(tokens):
        count = 0 if tok == "\n" else count + 1
        out[t] = count
    return out
