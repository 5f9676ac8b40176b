"""Sphinx 검색을 한국어에 맞춘다: 조사를 떼어 낸 어간으로 색인하고, 검색어도 똑같이 처리한다.

Sphinx 에는 한국어 검색 언어가 없어서 색인이 공백으로만 나뉜다. 그러면 'LSTM은', '정보를' 처럼 조사가 붙은
말이 한 단어로 색인되어 'LSTM', '정보' 로는 찾을 수 없다. 이 확장은

1. 한글과 그 밖의 글자(라틴 문자, 숫자) 사이에서도 단어를 나누고 ('LSTM은' → 'LSTM', '은'),
2. 한글 단어 끝의 조사를 떼어 낸다 ('정보를' → '정보', '상태에서' → '상태').

색인(파이썬)과 검색어(브라우저의 자바스크립트)가 같은 규칙을 쓰도록, 자바스크립트 코드는 아래의 파이썬 목록에서
만들어진다. 여러 낱말로 된 용어('셀 상태')는 Sphinx 가 낱말마다 찾은 결과의 교집합을 보여 주므로 그대로 찾힌다.

순위 (Sphinx 의 점수는 낱말 하나만 제목에 있어도 제목 점수를 주고, 두 글자 낱말은 필수 조건에서 빼므로, 한국어
검색어에서는 그 용어를 가르치는 쪽이 뒤로 밀린다). 결과마다 아래 순서로 점수를 매긴다 (``_JS_SCORER``).

1. 쪽 제목에 검색어의 낱말들이 그 순서대로 붙어 있다 (예: '장기 의존성 문제' → '5. 장기 의존성 문제').
2. 본문이 그 용어를 정의한다: '은닉 상태(hidden state)' 처럼 한국어 용어 바로 뒤에 괄호와 영어가 온다
   (STYLE: 용어는 처음 나올 때 그렇게 쓴다, 곧 그 쪽이 용어를 가르친다). 색인에 ``=은닉 상태`` 같은 정의 낱말을 더해 둔다.
   번호가 붙은 장에서만 센다(머리말은 용어를 미리 보여 줄 뿐 가르치지 않는다).
3. 절 제목에 낱말들이 그 순서대로 붙어 있다.
4. 쪽 제목이나 절 제목 하나에 검색어의 낱말이 모두 있다.
5. 본문에서 낱말들이 붙어 있다: 색인에 이웃한 두 낱말('장기 의존성')을 한 낱말로 더해 둔다. 앞 낱말에 조사가 붙지
   않은 쌍만 더한다(한국어의 띄어 쓴 복합 명사는 앞 낱말이 맨 명사다). 흩어져 있기만 한 쪽은 여기서 떨어진다.
6. 같은 단계에서는 번호가 붙은 장(제목이 '6. LSTM' 처럼 숫자로 시작하는 쪽)이 앞서고, 장끼리는 번호 순서다.
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
    """한글 낱말 끝의 조사를 떼어 낸다 ('상태를' → '상태'). 한글이 아니면 소문자로만 바꾼다.

    :func:`index_words` 가 더한 여러 낱말 색인어('장기 의존성을', '=은닉 상태')는 낱말마다 뗀다.
    """
    if " " in word or word.startswith(DEF_MARK):
        mark = DEF_MARK if word.startswith(DEF_MARK) else ""
        return mark + " ".join(stem_word(w) for w in word.removeprefix(mark).split(" "))
    word = word.lower()
    if not _HANGUL_WORD.match(word):
        return word
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) > len(particle):
            return word[: -len(particle)]
    return word


# 정의 낱말의 머리표: 검색어를 나누는 정규식은 이 글자를 만들지 않으므로 사용자가 직접 찾을 수 없다.
DEF_MARK = "="
# 정의: 괄호 안이 두 글자 이상의 영어 낱말로 시작한다 ("f(x)" 는 아니다). 괄호 앞 낱말 수의 상한 ('양방향 순환 신경망(' 은 셋)
MAX_TERM_WORDS = 4
_DEFINITION_RE = re.compile(r"\(\s*[A-Za-z][A-Za-z-]")


def _runs(text: str) -> list[re.Match]:
    return list(_SPLIT_RE.finditer(text))


def _bare(word: str) -> bool:
    """조사가 붙지 않은 낱말 (띄어 쓴 복합 명사의 앞 낱말이 될 수 있다). 조사만으로 된 낱말('은')은 아니다."""
    return word not in SearchKorean.stopwords and stem_word(word) == word.lower()


def index_words(text: str, before: str = "") -> list[str]:
    """본문을 색인할 낱말들: :func:`split_words` 의 낱말에 이웃한 두 낱말과 정의 낱말을 더한다.

    - 이웃한 두 낱말 '장기 의존성': 공백만 사이에 두고, 앞 낱말에 조사가 붙지 않았을 때 (조사를 떼는 것은 stem_word).
    - 정의 낱말 '=장기 의존성 문제': '장기 의존성 문제(long-term …' 처럼 괄호와 영어 바로 앞의 낱말 1~4개.
      앞쪽 낱말들은 조사 없이 공백으로만 이어져 있어야 한다.

    before : 바로 앞 글 조각. Sphinx 는 글 마디(Text)마다 따로 나누므로 '**셀 상태**(cell state)' 의 괄호는
        '셀 상태' 와 다른 조각에 있다. 앞 조각의 끝 낱말들로 정의를 알아본다.
    """
    out = [m.group() for m in _runs(text)]
    prefix = before[-80:]
    offset = len(prefix)
    text = prefix + text
    runs = _runs(text)

    def spaced(a: re.Match, b: re.Match) -> bool:
        gap = text[a.end() : b.start()]
        return bool(gap) and not gap.strip()

    for a, b in zip(runs, runs[1:], strict=False):
        if a.start() < offset:
            continue  # 앞 조각 안의 쌍은 그 조각에서 이미 더했다
        if spaced(a, b) and _bare(a.group()) and b.group() not in SearchKorean.stopwords:
            out.append(f"{a.group()} {b.group()}")
    for paren in _DEFINITION_RE.finditer(text, offset):
        before = [m for m in runs if m.end() <= paren.start()]
        if not before or text[before[-1].end() : paren.start()].strip():
            continue
        last = before[-1]
        if last.group() in SearchKorean.stopwords:
            continue
        chain = [last]
        for m in reversed(before[:-1]):
            if len(chain) == MAX_TERM_WORDS or not spaced(m, chain[0]) or not _bare(m.group()):
                break
            chain.insert(0, m)
        for k in range(len(chain)):
            out.append(DEF_MARK + " ".join(m.group() for m in chain[k:]))
    return out


_JS_SPLITTER = f"""
function splitQuery(query) {{
  KoreanSearch.query = query;
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

# 결과의 순위 (모듈 문서의 1~6). searchtools.js 가 먼저 정의한 Scorer 의 score 만 바꾼다.
_JS_SCORER = """
var KoreanSearch = {
  query: "",
  _stemmer: null,
  _sections: null,
  // 글을 검색어와 같은 규칙으로 낱말의 어간 목록으로 바꾼다 (조사만 있는 낱말은 뺀다)
  stems: function (text) {
    if (!this._stemmer) this._stemmer = new Stemmer();
    const out = [];
    for (const w of (text.match(/@SPLIT@/g) || [])) {
      const low = w.toLowerCase();
      if (stopwords.indexOf(low) !== -1) continue;
      out.push(this._stemmer.stemWord(low));
    }
    return out;
  },
  hasAll: function (hay, words) { return words.every(w => hay.indexOf(w) !== -1); },
  hasPhrase: function (hay, words) {
    for (let i = 0; i + words.length <= hay.length; i++) {
      if (words.every((w, k) => hay[i + k] === w)) return true;
    }
    return false;
  },
  // 문서 번호 → 그 문서의 절 제목들(어간 목록)
  sections: function (index) {
    if (this._sections) return this._sections;
    const out = {};
    for (const [title, found] of Object.entries(index.alltitles)) {
      const stems = this.stems(title);
      for (const [file, id] of found) (out[file] = out[file] || []).push(stems);
    }
    return (this._sections = out);
  },
  inIndex: function (index, word, file) {
    for (const table of [index.terms, index.titleterms]) {
      const files = table[word];
      if (files === undefined) continue;
      if (files === file || (files.length !== undefined && files.indexOf(file) !== -1)) return true;
    }
    return false;
  },
  score: function (result) {
    const [docname, title, anchor, descr, score, filename] = result;
    const words = this.stems(this.query);
    const index = Search._index;
    const file = index.docnames.indexOf(docname);
    if (!words.length || file === -1) return score;
    const pageTitle = this.stems(index.titles[file]);
    const sections = this.sections(index)[file] || [];
    const number = parseFloat(index.titles[file]);
    const isChapter = !isNaN(number);
    let tier = 0;
    if (this.hasPhrase(pageTitle, words)) tier = 500;
    // 정의는 번호가 붙은 장에서만 센다: 머리말은 용어를 영어와 함께 미리 보여 줄 뿐 가르치지 않는다
    else if (isChapter && this.inIndex(index, "=" + words.join(" "), file)) tier = 400;
    else if (sections.some(s => this.hasPhrase(s, words))) tier = 300;
    else if ([pageTitle, ...sections].some(s => this.hasAll(s, words))) tier = 200;
    else if (words.length > 1 && words.slice(1).every((w, k) => this.inIndex(index, words[k] + " " + w, file))) {
      tier = 100;
    }
    // 번호가 붙은 장이 앞서고, 장끼리는 번호 순서 (원래 점수는 같은 쪽의 결과끼리만 가른다)
    const chapter = isChapter ? 50 - number / 100 : 0;
    return tier + chapter + score / 1000;
  },
};
Scorer.score = result => KoreanSearch.score(result);
""".replace("@SPLIT@", _SPLIT_RE.pattern)


class SearchKorean(SearchLanguage):
    """한국어 검색 언어: 한글과 라틴 문자 사이에서 나누고, 조사를 떼어 낸 어간으로 색인한다."""

    lang = "ko"
    language_name = "Korean"
    js_splitter_code = _JS_SPLITTER
    # 순위 코드도 여기에 싣는다: language_data.js 에서 stemmer 코드만 이스케이프 없이 그대로 실린다.
    js_stemmer_code = _JS_STEMMER + _JS_SCORER
    # 조사만 홀로 남은 낱말('LSTM은' 의 '은')은 색인하지 않는다.
    stopwords = set(PARTICLES)

    def split(self, input: str) -> list[str]:  # noqa: A002 - Sphinx 의 이름을 따른다
        # 문서의 글 마디는 차례로 들어온다: 앞 마디의 끝을 기억해 마디를 넘는 정의('**셀 상태**(cell')를 알아본다.
        words = index_words(input, getattr(self, "_previous", ""))
        self._previous = input
        return words

    def stem(self, word: str) -> str:
        return stem_word(word)

    def word_filter(self, word: str) -> bool:
        return bool(word) and word not in self.stopwords


def setup(app: Sphinx) -> dict:
    app.add_search_language(SearchKorean)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
