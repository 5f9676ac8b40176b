"""Sphinx 검색을 한국어에 맞춘다: 조사를 떼어 낸 어간으로 색인하고, 검색어도 똑같이 처리한다.

Sphinx 에는 한국어 검색 언어가 없어서 색인이 공백으로만 나뉜다. 그러면 'LSTM은', '정보를' 처럼 조사가 붙은
말이 한 단어로 색인되어 'LSTM', '정보' 로는 찾을 수 없다. 이 확장은

1. 한글과 그 밖의 글자(라틴 문자, 숫자) 사이에서도 단어를 나누고 ('LSTM은' → 'LSTM', '은'),
2. 한글 단어 끝의 조사를 떼어 낸다 ('정보를' → '정보', '상태에서' → '상태').

색인(파이썬)과 검색어(브라우저의 자바스크립트)가 같은 규칙을 쓰도록, 자바스크립트 코드는 아래의 파이썬 목록에서
만들어진다. 여러 낱말로 된 용어('셀 상태')는 Sphinx 가 낱말마다 찾은 결과의 교집합을 보여 주므로 그대로 찾힌다.
"""

from __future__ import annotations

import json
import re

from sphinx.application import Sphinx
from sphinx.search import SearchLanguage

# 떼어 낼 조사와 어미(긴 것부터 맞춘다). 명사 끝 글자가 우연히 조사와 같아도(예: '차이' → '차') 색인과 검색어가 같은
# 규칙을 따르므로 찾기에는 지장이 없다. 짧은 어간을 지키기 위해 떼고 남은 말이 한 글자 이상일 때만 뗀다.
PARTICLES = sorted(
    {
        "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만", "나",
        "에서", "으로", "에게", "까지", "부터", "처럼", "보다", "마다", "이나", "이며", "이고", "이다", "이라",
        "에는", "에도", "와는", "과는", "로는", "으로는", "에서는", "에서도", "에서의", "으로의", "로의", "에의",
        "이라고", "이라는", "라고", "라는", "이란", "란", "과의", "와의", "만의", "까지의", "부터는", "에게는",
        "이므로", "이면", "이지만", "였다", "이었다", "으로서", "로서", "으로써", "로써",
    },
    key=lambda p: (-len(p), p),
)

# 검색어와 본문을 낱말로 나눈다: 한글 덩어리, 그리고 라틴 문자·숫자·밑줄 덩어리.
_HANGUL_RUN = "[\uac00-\ud7a3]+"
_OTHER_RUN = "[A-Za-z0-9_\u00c0-\u024f]+"
_SPLIT_RE = re.compile(f"{_HANGUL_RUN}|{_OTHER_RUN}")
_HANGUL_WORD = re.compile(f"^{_HANGUL_RUN}$")


def split_words(text: str) -> list[str]:
    """본문이나 검색어를 낱말 목록으로 나눈다 ('LSTM은 셀 상태를' → ['LSTM', '은', '셀', '상태를'])."""
    return _SPLIT_RE.findall(text)


def stem_word(word: str) -> str:
    """한글 낱말 끝의 조사를 떼어 낸다 ('상태를' → '상태'). 한글이 아니면 소문자로만 바꾼다."""
    word = word.lower()
    if not _HANGUL_WORD.match(word):
        return word
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) > len(particle):
            return word[: -len(particle)]
    return word


_JS_SPLITTER = f"""
function splitQuery(query) {{
  return query.match(/{_SPLIT_RE.pattern}/g) || [];
}}
"""

_JS_STEMMER = f"""
/* 한국어 조사 떼기: book/_ext/korean_search.py 의 stem_word 와 같은 규칙이다. */
var Stemmer = function() {{
  const particles = {json.dumps(PARTICLES, ensure_ascii=False)};
  const hangulWord = /^[\\uac00-\\ud7a3]+$/;
  this.stemWord = function(w) {{
    w = w.toLowerCase();
    if (!hangulWord.test(w)) return w;
    for (const p of particles) {{
      if (w.length > p.length && w.endsWith(p)) return w.slice(0, w.length - p.length);
    }}
    return w;
  }};
}};
"""


class SearchKorean(SearchLanguage):
    """한국어 검색 언어: 한글과 라틴 문자 사이에서 나누고, 조사를 떼어 낸 어간으로 색인한다."""

    lang = "ko"
    language_name = "Korean"
    js_splitter_code = _JS_SPLITTER
    js_stemmer_code = _JS_STEMMER
    # 조사만 홀로 남은 낱말('LSTM은' 의 '은')은 색인하지 않는다.
    stopwords = set(PARTICLES)

    def split(self, input: str) -> list[str]:  # noqa: A002 - Sphinx 의 이름을 따른다
        return split_words(input)

    def stem(self, word: str) -> str:
        return stem_word(word)

    def word_filter(self, word: str) -> bool:
        return bool(word) and word not in self.stopwords


def setup(app: Sphinx) -> dict:
    app.add_search_language(SearchKorean)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
