"""검색 시험이 기대하는 답: 검색어마다 그것을 '가르치는 쪽'을 책의 원본(_toc.yml, 장 노트북, 용어집)에서 정한다.

검색어는 두 가지다: 장의 제목(번호를 뺀 것, 예: '장기 의존성 문제')과 용어집 표의 한국어 용어.
가르치는 쪽은 아래 규칙 가운데 처음 맞는 것이다. 각 규칙 안에서는 번호가 붙은 장이 먼저, 그다음 다른 쪽이고,
같은 무리 안에서는 목차 순서다. 낱말은 검색과 같은 규칙(book/_ext/korean_search.py)으로 나누고 조사를 뗀다.

1. 쪽 제목에 검색어의 낱말들이 그 순서대로 붙어 있다.
2. 번호가 붙은 장의 본문이 용어를 정의한다: '은닉 상태(hidden state)' 처럼 용어 바로 뒤에 괄호와 영어가 온다
   (STYLE 의 첫 등장 규칙). 강조 표시(**)는 읽기 전에 지운다.
3. 절 제목에 낱말들이 그 순서대로 붙어 있다.
4. 쪽 제목이나 절 제목 하나에 검색어의 낱말이 모두 있다.
5. 본문에 낱말들이 붙어 있다.
6. 본문에 낱말이 모두 있다.
"""

from __future__ import annotations

import functools
import importlib.util
import re

import nbformat
from browserkit import ROOT, toc_pages

_spec = importlib.util.spec_from_file_location("korean_search", ROOT / "book" / "_ext" / "korean_search.py")
korean_search = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(korean_search)

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$", re.M)
_NUMBERED = re.compile(r"^\d+(\.\d+)*\.?\s+")


def stems(text: str) -> list[str]:
    """검색과 같은 규칙의 낱말 어간들 (조사만으로 된 낱말은 뺀다)."""
    return list(_stems(text))


# 검색어 84개가 저마다 같은 쪽 본문을 다시 나누므로 (쪽마다 수만 자) 글에 대한 결과를 한 번만 계산한다
@functools.cache
def _stems(text: str) -> tuple[str, ...]:
    stop = korean_search.SearchKorean.stopwords
    return tuple(korean_search.stem_word(w) for w in korean_search.split_words(text) if w.lower() not in stop)


def _has_phrase(hay: list[str], words: list[str]) -> bool:
    return any(hay[i : i + len(words)] == words for i in range(len(hay) - len(words) + 1))


@functools.cache
def pages() -> dict[str, dict]:
    """목차의 쪽마다 {"title", "sections", "text"}: 마크다운과 코드 셀(노트북) 또는 .md 파일의 글."""
    out = {}
    for name in toc_pages():
        nb_path, md_path = ROOT / f"{name}.ipynb", ROOT / f"{name}.md"
        if nb_path.is_file():
            nb = nbformat.read(nb_path, as_version=4)
            markdown = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
            text = "\n\n".join(c.source for c in nb.cells)
        else:
            markdown = text = md_path.read_text(encoding="utf-8")
        # 코드 울타리 안의 '#' 주석은 제목이 아니다
        headings = [(len(h), t.strip()) for h, t in _HEADING.findall(re.sub(r"```.*?```", "", markdown, flags=re.S))]
        title = next((t for level, t in headings if level == 1), name)
        out[name] = {
            "title": title,
            "chapter": bool(_NUMBERED.match(title)),
            "sections": [t for level, t in headings if level > 1],
            "text": text,
        }
    return out


@functools.cache
def _definitions(text: str) -> frozenset[str]:
    """본문이 정의하는 용어들의 어간 ('=' 로 시작하는 색인 낱말에서)."""
    return frozenset(
        korean_search.stem_word(w)[1:]
        for w in korean_search.index_words(re.sub(r"\*+", "", text))
        if w.startswith(korean_search.DEF_MARK)
    )


def teaching_page(query: str) -> str:
    """query 를 가르치는 쪽의 이름 (모듈 문서의 규칙). 맞는 쪽이 없으면 AssertionError."""
    words = stems(query)
    assert words, f"'{query}' 에 찾을 낱말이 없다"
    info = pages()
    order = [n for n in info if info[n]["chapter"]] + [n for n in info if not info[n]["chapter"]]
    rules = [
        lambda p: _has_phrase(stems(p["title"]), words),
        lambda p: p["chapter"] and " ".join(words) in _definitions(p["text"]),
        lambda p: any(_has_phrase(stems(s), words) for s in p["sections"]),
        lambda p: any(set(words) <= set(stems(t)) for t in [p["title"], *p["sections"]]),
        lambda p: _has_phrase(stems(p["text"]), words),
        lambda p: set(words) <= set(stems(p["text"])),
    ]
    for rule in rules:
        for name in order:
            if rule(info[name]):
                return name
    raise AssertionError(f"'{query}' 를 담은 쪽이 없다")


def glossary_terms() -> list[str]:
    """용어집 표(book/glossary.md)의 한국어 용어들 (괄호 안의 설명은 뺀다)."""
    terms = []
    for line in (ROOT / "book" / "glossary.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2 or cells[0] in ("한국어", "") or set(cells[0]) <= {"-"}:
            continue
        terms.append(re.sub(r"\s*\(.*\)\s*$", "", cells[0]))
    return terms


def search_queries() -> list[tuple[str, str]]:
    """(검색어, 까닭): 장의 제목(번호를 뺀 것)마다, 용어집의 용어마다."""
    queries = [
        (_NUMBERED.sub("", p["title"]), f"{name} 의 제목")
        for name, p in pages().items()
        if name.startswith("chapters/")
    ]
    queries += [(term, "용어집의 용어") for term in glossary_terms()]
    return list(dict.fromkeys(queries))
