"""빌드한 HTML 책을 헤드리스 Chromium 으로 열어 독자가 보는 그대로 검사한다.

세션 픽스처가 README 와 같은 명령(`jupyter-book build . -W -n --keep-going`)으로 책을 빌드하고,
`_build/html` 을 127.0.0.1 의 로컬 HTTP 서버로 띄운 다음, 목차의 모든 페이지를 Playwright 로 연다.
로컬이 아닌 요청은 모두 막고 기록한다: 하나라도 있으면 그 페이지는 오프라인에서 깨진다는 뜻이므로 실패다.

책의 루트는 이 파일의 부모의 부모다 (복사본에서도 그 복사본을 빌드한다). 스크린숏과 크기 보고서는
`_build/screenshots/` 에 남는다. 스크린숏은 첫 화면만 찍는다. 페이지 전체를 찍으려면 (장마다 3 초쯤 더 든다)
환경 변수 `BOOK_SCREENSHOTS=full` 을 준다. 이미 빌드한 `_build/html` 을 다시 쓰려면 환경 변수
`BROWSER_TEST_REUSE_BUILD=1` 을 준다 (빌드 검사는 그만큼 빠진다).

    .venv/bin/pytest -m browser tests/test_browser.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from browserkit import (
    HTML,
    JS_WAIT_MATHJAX,
    SHOTS,
    check_images_and_scrubbers,
    offline_failures,
    open_page,
    report,
    toc_pages,
)

pytestmark = pytest.mark.browser

MB = 1024 * 1024
PAGE_LIMIT = 3 * MB  # html 파일 + 그 페이지의 이미지 파일
SITE_LIMIT = 40 * MB  # _build/html 전체, 빼는 것 없이
WIDTHS = (1280, 375)
# 스크린숏은 사람이 보라고 남기는 것이고 무엇도 단언하지 않는다: 긴 장의 페이지 전체(2만 px 넘게)를 찍는 데 장마다
# 3 초쯤 들므로, 기본은 첫 화면이고 BOOK_SCREENSHOTS=full 이면 페이지 전체다.
FULL_PAGE_SHOTS = os.environ.get("BOOK_SCREENSHOTS") == "full"
# 장의 쪽마다 제목 아래에 그 장의 슬라이드 묶음(book/_ext/slide_decks.py)으로 가는 고리가 보여야 한다
DECK_LINK_TEXT = "슬라이드로 보기"


# ---------------------------------------------------------------- 페이지 안에서 돌리는 자바스크립트

JS_MATH = """() => {
  const maths = [...document.querySelectorAll('.math')];
  const unrendered = maths.filter(el => !el.querySelector('mjx-container'))
    .map(el => el.textContent.slice(0, 60));
  const clone = document.querySelector('main, body').cloneNode(true);
  clone.querySelectorAll('pre, code, script, style, textarea, mjx-container, .highlight')
    .forEach(el => el.remove());
  const raw = (clone.textContent.match(/\\\\[\\(\\[]|\\\\begin\\{/g) || []).length;
  return {
    containers: document.querySelectorAll('mjx-container').length,
    errors: [...document.querySelectorAll('mjx-merror')].map(el => el.textContent.slice(0, 80)),
    unrendered, raw,
  };
}"""

JS_DEAD_WIDGETS = r"""() => {
  const WIDGET_REPR =
    /^(interactive|[A-Z]\w*(Slider|Box|Dropdown|Buttons?|Output|Text|Checkbox|Play|Label|Widget|Tab|Accordion))\(/;
  const views = document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"], .jupyter-widgets, .widget-subarea').length;
  const reprs = [...document.querySelectorAll('div.output.text_plain pre')]
    .map(pre => pre.textContent.trim())
    .filter(t => WIDGET_REPR.test(t) || t.startsWith('<Figure size'))
    .map(t => t.slice(0, 60));
  const bad = [...document.querySelectorAll('div.output.stderr, div.output.traceback, div.output.error')]
    .map(el => el.textContent.trim().slice(0, 120));
  return {views, reprs, bad};
}"""

JS_OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


# ---------------------------------------------------------------- 검사


def local_file(url: str, base: str) -> Path | None:
    if not url.startswith(base):
        return None
    path = HTML / unquote(urlsplit(url).path).lstrip("/")
    return path if path.is_file() else None


@pytest.mark.parametrize("page_name", toc_pages())
def test_page(page_name, browser, server):
    html_file = HTML / f"{page_name}.html"
    assert html_file.is_file(), f"{page_name}.html 이 빌드되지 않았다"
    source = html_file.read_text(encoding="utf-8")
    failures: list[str] = []
    # 아무것도 읽지 않는 무게: 위젯 상태 JSON (book/_ext/page_assets.py 가 뺀다)
    if "widget-state+json" in source:
        failures.append("쪽에 위젯 상태 JSON(application/vnd.jupyter.widget-state+json)이 실려 있다")
    if 'rel="icon"' not in source:
        failures.append("파비콘을 선언하지 않았다: 브라우저가 /favicon.ico 를 찾다가 404 를 낸다")
    page, blocked, console, errors = open_page(browser, server, f"{page_name}.html", WIDTHS[0])
    try:
        # 수식: MathJax 가 (로컬에서) 로드되어 모든 수식을 그렸는가
        if re.search(r'class="math[ "]', source):
            problem = page.evaluate(JS_WAIT_MATHJAX)
            if problem:
                failures.append(problem)
            else:
                math = page.evaluate(JS_MATH)
                if not math["containers"]:
                    failures.append("수식이 있는데 mjx-container 가 하나도 없다")
                if math["unrendered"]:
                    n = len(math["unrendered"])
                    failures.append(f"그려지지 않은 수식 {n}개: {math['unrendered'][:3]}")
                if math["errors"]:
                    failures.append(f"MathJax 오류: {math['errors'][:3]}")
                if math["raw"]:
                    failures.append(f"본문에 날것의 \\( \\[ \\begin 구분자가 {math['raw']}개 보인다")

        # 그림(로드, 한국어 alt)과 스크러버(프레임을 바꾸면 그림이 바뀌는가)
        problems, images, scrubbers = check_images_and_scrubbers(page)
        failures += problems

        # 커널 없이 아무것도 못 하는 위젯, 위젯의 텍스트 표현, stderr/오류 출력이 보이지 않는가
        dead = page.evaluate(JS_DEAD_WIDGETS)
        if dead["views"] or dead["reprs"]:
            failures.append(
                "그림 대신 객체의 텍스트가, 또는 커널 없이 죽은 위젯이 보인다: "
                f"위젯 뷰 {dead['views']}개, 텍스트 {dead['reprs']}"
            )
        if dead["bad"]:
            failures.append(f"stderr 나 오류 출력이 페이지에 있다: {dead['bad'][:3]}")

        # 장의 쪽: 보이는 곳에 그 장의 슬라이드 묶음으로 가는 고리가 있고, 그 묶음이 빌드되었다
        # (묶음 자체는 tests/test_slide_decks.py 가 연다. 고리를 보려고 같은 쪽을 한 번 더 열지 않는다)
        if page_name.startswith("chapters/"):
            failures += deck_link_failures(page, server, page_name)

        # 무게: html 파일 + 그 페이지의 이미지 파일 (data: URI 그림은 html 안에 이미 들어 있다)
        own = {local_file(i["src"], server) for i in images} - {None}
        weight = html_file.stat().st_size + sum(p.stat().st_size for p in own)
        report(
            f"{page_name}: {weight / MB:.2f} MB (html {html_file.stat().st_size / MB:.2f} MB, "
            f"이미지 파일 {len(own)}개), 스크러버 {len(scrubbers)}개 "
            f"{[s.get('frames') for s in scrubbers]} 프레임"
        )
        if weight > PAGE_LIMIT:
            failures.append(f"페이지 무게 {weight / MB:.2f} MB > {PAGE_LIMIT / MB:.0f} MB")

        # 스크린숏: 넓은 화면과 휴대전화 폭. 좁은 화면에서 페이지 전체가 옆으로 밀리면 안 된다
        stem = page_name.replace("/", "__")
        page.evaluate("window.scrollTo(0, 0)")  # 첫 화면: 위의 검사가 스크러버를 보느라 옮긴 스크롤을 되돌린다
        page.screenshot(path=str(SHOTS / f"{stem}-{WIDTHS[0]}.png"), full_page=FULL_PAGE_SHOTS)
        page.set_viewport_size({"width": WIDTHS[1], "height": 800})
        page.wait_for_timeout(300)
        overflow = page.evaluate(JS_OVERFLOW)
        if overflow > 1:
            failures.append(f"{WIDTHS[1]} px 폭에서 페이지가 옆으로 {overflow} px 넘친다")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SHOTS / f"{stem}-{WIDTHS[1]}.png"), full_page=FULL_PAGE_SHOTS)
    finally:
        page.context.close()

    failures += offline_failures(blocked, console, errors)
    assert not failures, f"{page_name}.html:\n- " + "\n- ".join(failures)


def deck_link_failures(page, server: str, page_name: str) -> list[str]:
    """열린 장의 쪽에 '슬라이드로 보기' 고리가 보이는 곳에서 slides/<장>.html 을 가리키는가."""
    stem = page_name.split("/")[-1]
    links = page.evaluate(
        "(text) => [...document.querySelectorAll('a')].filter(a => a.textContent.includes(text))"
        ".map(a => ({href: a.href, visible: !!a.offsetParent}))",
        DECK_LINK_TEXT,
    )
    want = f"{server}slides/{stem}.html"
    if not links:
        return [f"'{DECK_LINK_TEXT}' 고리가 없다"]
    problems = []
    if not any(link["href"] == want and link["visible"] for link in links):
        problems.append(f"'{DECK_LINK_TEXT}' 고리 {links} 가 보이는 곳에서 {want} 를 가리키지 않는다")
    if not (HTML / "slides" / f"{stem}.html").is_file():
        problems.append(f"고리가 가리키는 {want} 가 없다")
    return problems


def test_site_size(built_book):
    files = [p for p in built_book.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    parts: dict[str, int] = {}
    for p in files:
        top = p.relative_to(built_book).parts[0]
        parts[top] = parts.get(top, 0) + p.stat().st_size
    biggest = sorted(parts.items(), key=lambda kv: -kv[1])[:6]
    report(f"사이트 전체: {total / MB:.1f} MB ({', '.join(f'{k} {v / MB:.1f} MB' for k, v in biggest)})")
    assert total <= SITE_LIMIT, f"_build/html 이 {total / MB:.1f} MB > {SITE_LIMIT / MB:.0f} MB: {biggest}"


def search_hits(browser, server: str, query: str):
    """책의 검색 페이지에서 query 를 찾는다. (결과 고리들, 막힌 요청, 콘솔 오류, 페이지 오류) 를 돌려준다."""
    page, blocked, console, errors = open_page(browser, server, f"search.html?q={quote(query)}", WIDTHS[0])
    try:
        # 결과는 하나씩 차례로 붙는다: 요약 문장이 찰 때까지(검색이 끝날 때까지) 기다린다
        page.wait_for_function(
            "() => { const p = document.querySelector('#search-results p.search-summary');"
            " return p && p.innerText.trim().length > 0; }"
        )
        hits = page.evaluate("() => [...document.querySelectorAll('#search-results li a')].map(a => a.href)")
    finally:
        page.context.close()
    return hits, blocked, console, errors


def test_search_finds_korean_term(browser, server):
    """검색 페이지가 오프라인에서 동작하고, 용어집의 표에 있는 한국어 낱말을 찾는다."""
    hits, blocked, console, errors = search_hits(browser, server, "은닉")
    assert any("book/glossary.html" in h for h in hits), f"'은닉' 검색 결과에 용어집이 없다: {hits}"
    assert not blocked, f"검색 페이지가 네트워크를 찾았다: {blocked}"
    problems = offline_failures(blocked, console, errors)
    assert not problems, f"검색 페이지 오류: {problems}"


# 한국어 검색: 조사가 붙은 말, 여러 낱말로 된 용어, 영어 용어를 찾고, 그 용어를 가르치는 장이 앞쪽 결과에 있어야 한다.
SEARCH_CASES = [
    ("LSTM", "chapters/06_lstm"),
    ("LSTM은", "chapters/06_lstm"),
    ("은닉 상태", "chapters/01_rnn"),
    ("메모리 셀", "chapters/01_rnn"),
    ("BPTT", "chapters/02_bptt"),
    ("기울기 클리핑", "chapters/02_bptt"),
    ("깊은 순환 신경망", "chapters/03_deep_rnn"),
    ("양방향 순환 신경망", "chapters/04_bidirectional_rnn"),
    ("기울기 소실", "chapters/05_long_term_dependency"),
    ("장기 의존성 문제", "chapters/05_long_term_dependency"),
    ("셀 상태", "chapters/06_lstm"),
    ("삭제 게이트", "chapters/06_lstm"),
    ("삭제 게이트를", "chapters/06_lstm"),
    ("덧셈 문제", "chapters/07_rnn_vs_lstm"),
]
SEARCH_TOP = 5


@pytest.fixture(scope="module")
def ranked_pages(browser, server):
    """검색어마다 검색 페이지가 보여 줄 쪽 이름들의 순서: 검색 페이지를 한 번 열고 그 안에서 모든 검색어를 돌린다.

    결과를 화면에 그리는 길(주소의 ?q= → 요약 문장과 결과 고리)은 test_search_finds_korean_term 이 연다.
    여기서는 같은 페이지의 같은 함수(JS_RANKED)로 순서만 얻는다: 검색어마다 페이지를 새로 열지 않는다."""
    queries = [q for q, _ in SEARCH_CASES]
    page, blocked, console, errors = open_page(browser, server, "search.html", WIDTHS[0])
    try:
        page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
        ranked = page.evaluate(JS_RANKED, queries)
    finally:
        page.context.close()
    assert not offline_failures(blocked, console, errors)
    return {q: list(dict.fromkeys(docnames)) for q, docnames in zip(queries, ranked, strict=True)}


@pytest.mark.parametrize(("query", "expected"), SEARCH_CASES, ids=[q for q, _ in SEARCH_CASES])
def test_search_finds_the_chapter_that_teaches_the_term(ranked_pages, query, expected):
    pages = ranked_pages[query]
    assert expected in pages[:SEARCH_TOP], f"'{query}' 의 앞쪽 결과 {pages[:SEARCH_TOP]} 에 {expected} 가 없다"


# 책의 검색 페이지 안에서 검색어마다 결과의 순서를 얻는다 (Search.query 가 화면에 그리기 전에 쓰는 함수들).
JS_RANKED = """(queries) => queries.map(q => {
  const parsed = Search._parseQuery(q);
  return Search._performSearch(...parsed).reverse().map(r => r[0]);
})"""


def test_search_ranks_the_teaching_page_first(browser, server):
    """장 제목마다, 용어집의 용어마다 그것을 가르치는 쪽이 첫 결과다 (searchkit.teaching_page 가 원본에서 정한다).

    새 장(_toc.yml)과 새 용어(book/glossary.md 의 표)는 따로 적지 않아도 여기에 들어온다."""
    from searchkit import search_queries, teaching_page

    queries = search_queries()
    assert len(queries) >= 40, queries
    page, blocked, console, errors = open_page(browser, server, "search.html", WIDTHS[0])
    try:
        page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
        ranked = page.evaluate(JS_RANKED, [q for q, _ in queries])
    finally:
        page.context.close()
    wrong = []
    for (query, why), docnames in zip(queries, ranked, strict=True):
        pages = list(dict.fromkeys(docnames))
        want = teaching_page(query)
        if not pages or pages[0] != want:
            wrong.append(f"'{query}' ({why}): 가르치는 쪽 {want}, 결과 {pages[:4]}")
    report(f"검색 순위: 검색어 {len(queries)}개 중 {len(queries) - len(wrong)}개가 가르치는 쪽을 첫 결과로 냈다")
    assert not wrong, "가르치는 쪽이 첫 결과가 아니다:\n- " + "\n- ".join(wrong)
    assert not offline_failures(blocked, console, errors)
