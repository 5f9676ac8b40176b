"""장마다의 오프라인 슬라이드 묶음(``_build/html/slides/<장>.html``)을 헤드리스 Chromium 으로 검사한다.

책 빌드(book/_ext/slide_decks.py)가 실행된 장 노트북으로 reveal.js 슬라이드를 만든다. 커널도 네트워크도 없는
강의실에서 그대로 열려야 하므로: 로컬이 아닌 요청이 하나도 없고, 콘솔 오류가 없고, 가로 슬라이드 수가 노트북의
"slide" 셀 수와 같고, 수식은 모두 그려지고, 그림은 모두 한국어 alt 와 함께 로드되고, 스크러버는 움직이면 그림이
바뀌어야 한다. 장의 쪽에는 슬라이드로 가는 고리가 있어야 한다. 스크린숏(1280×720)은
``_build/screenshots/slides-<장>-*.png`` 에 남는다.

    BROWSER_TEST_REUSE_BUILD=1 .venv/bin/pytest -p no:cacheprovider tests/test_slide_decks.py
"""

from __future__ import annotations

import nbformat
import pytest
from browserkit import (
    HTML,
    JS_WAIT_MATHJAX,
    ROOT,
    SHOTS,
    check_images_and_scrubbers,
    offline_failures,
    open_page,
    report,
    slide_plan,
    toc_pages,
)

pytestmark = pytest.mark.browser

MB = 1024 * 1024
DECK_LIMIT = 3 * MB
SIZE = {"width": 1280, "height": 720}
CHAPTERS = [p for p in toc_pages() if p.startswith("chapters/")]
LINK_TEXT = "슬라이드로 보기"

JS_READY = "() => !!(window.Reveal && Reveal.isReady())"

JS_DECK = r"""() => {
  const slides = document.querySelector('.reveal .slides');
  const clone = slides.cloneNode(true);
  clone.querySelectorAll('pre, code, script, style, textarea, mjx-container, .highlight')
    .forEach(el => el.remove());
  const text = clone.textContent;
  const raw = text.match(/\$|\\\(|\\\[|\\begin\{/g) || [];
  const at = raw.length ? text.slice(Math.max(0, text.search(/\$|\\\(|\\\[|\\begin\{/) - 40)).slice(0, 100) : '';
  return {
    horizontal: Reveal.getHorizontalSlides().length,
    total: Reveal.getTotalSlides(),
    containers: document.querySelectorAll('.reveal mjx-container').length,
    merrors: [...document.querySelectorAll('mjx-merror')].map(el => el.textContent.slice(0, 80)),
    raw: raw.length, rawAt: at,
    // MyST 문법이 옮겨지지 않고 남았는가 (연습 문제 지시문, {doc}/{ref}/{cite}/{glue:text} 역할)
    myst: (text.match(/:::|```\{|\{(doc|ref|numref|cite|glue|term|eq|exercise|solution)[^}]*\}/g) || []).slice(0, 5),
    widgets: document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"], .jupyter-widgets, .widget-subarea').length,
    scrubbers: document.querySelectorAll('div.animation').length,
  };
}"""

# 스크러버가 있는 첫 슬라이드의 (가로, 세로) 번호
JS_DEMO_INDICES = """() => {
  const anim = document.querySelector('.reveal .slides div.animation');
  if (!anim) return null;
  const i = Reveal.getIndices(anim.closest('section'));
  return [i.h, i.v || 0];
}"""


def kept_cells(name: str) -> list:
    """책에 실리는(remove-cell 태그가 없는) 셀들. 원본 노트북에서 읽는다."""
    nb = nbformat.read(ROOT / f"{name}.ipynb", as_version=4)
    return [c for c in nb.cells if "remove-cell" not in c.metadata.get("tags", [])]


def expected_slides(name: str) -> int:
    return slide_plan(ROOT / f"{name}.ipynb")["h"]


def expected_demos(name: str) -> int:
    return slide_plan(ROOT / f"{name}.ipynb")["demos"]


def test_every_chapter_has_slide_markup():
    """이 시험이 아무것도 세지 않고 통과하지 않도록: 장이 있고, 장마다 "slide" 셀이 있다."""
    assert CHAPTERS, "_toc.yml 에 chapters/ 의 장이 없다"
    for name in CHAPTERS:
        assert expected_slides(name) >= 2, f"{name}.ipynb 에 slide_type 이 'slide' 인 셀이 거의 없다"


@pytest.mark.parametrize("name", CHAPTERS)
def test_slide_deck(name, browser, server):
    stem = name.split("/")[-1]
    deck = HTML / "slides" / f"{stem}.html"
    assert deck.is_file(), f"{deck} 가 빌드되지 않았다"
    failures: list[str] = []
    size = deck.stat().st_size
    if size > DECK_LIMIT:
        failures.append(f"슬라이드 파일이 {size / MB:.2f} MB > {DECK_LIMIT / MB:.0f} MB")
    source = deck.read_text(encoding="utf-8")
    for needle in ("widget-view+json", "require.js", "jquery", "mermaid"):
        if needle in source.lower():
            failures.append(f"슬라이드 HTML 에 '{needle}' 이 들어 있다")

    page, blocked, console, errors = open_page(browser, server, f"slides/{stem}.html", SIZE["width"])
    try:
        page.set_viewport_size(SIZE)
        page.wait_for_function(JS_READY)
        problem = page.evaluate(JS_WAIT_MATHJAX)
        if problem:
            failures.append(problem)
        info = page.evaluate(JS_DECK)

        want = expected_slides(name)
        if info["horizontal"] != want:
            failures.append(f"가로 슬라이드 {info['horizontal']}개, 노트북의 'slide' 셀은 {want}개")
        if "$" in "".join(c.source for c in kept_cells(name)) and not info["containers"]:
            failures.append("수식이 있는데 mjx-container 가 하나도 없다")
        if info["merrors"]:
            failures.append(f"MathJax 오류: {info['merrors'][:3]}")
        if info["raw"]:
            failures.append(f"그려지지 않은 수식 구분자 {info['raw']}개, 예: …{info['rawAt']}…")
        if info["myst"]:
            failures.append(f"옮기지 못한 MyST 문법이 보인다: {info['myst']}")
        if info["widgets"]:
            failures.append(f"커널 없이 죽은 위젯 뷰 {info['widgets']}개")

        problems, images, scrubbers = check_images_and_scrubbers(page, require_images=True)
        failures += problems
        demos = expected_demos(name)
        if info["scrubbers"] != demos:
            failures.append(f"스크러버 {info['scrubbers']}개, 노트북의 데모(.show()) 셀은 {demos}개")

        # 스크린숏: 첫 슬라이드와 첫 데모 슬라이드 (1280×720)
        page.evaluate("() => Reveal.slide(0, 0)")
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"slides-{stem}-first.png"))
        demo = page.evaluate(JS_DEMO_INDICES)
        if demo is not None:
            page.evaluate(f"() => Reveal.slide({demo[0]}, {demo[1]})")
            page.wait_for_timeout(300)
            page.screenshot(path=str(SHOTS / f"slides-{stem}-demo.png"))
        report(
            f"slides/{stem}.html: {size / MB:.2f} MB, 가로 슬라이드 {info['horizontal']}개 "
            f"(전체 {info['total']}개), 수식 {info['containers']}개, 그림 {len(images)}개, 스크러버 {len(scrubbers)}개"
        )
    finally:
        page.context.close()

    failures += offline_failures(blocked, console, errors)
    assert not failures, f"slides/{stem}.html:\n- " + "\n- ".join(failures)


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_page_links_to_its_deck(name, browser, server):
    stem = name.split("/")[-1]
    page, blocked, console, errors = open_page(browser, server, f"{name}.html", SIZE["width"])
    try:
        links = page.evaluate(
            "(text) => [...document.querySelectorAll('a')].filter(a => a.textContent.includes(text))"
            ".map(a => ({href: a.href, visible: !!a.offsetParent}))",
            LINK_TEXT,
        )
    finally:
        page.context.close()
    assert links, f"{name}.html 에 '{LINK_TEXT}' 고리가 없다"
    want = f"{server}slides/{stem}.html"
    assert any(link["href"] == want and link["visible"] for link in links), (
        f"{name}.html 의 '{LINK_TEXT}' 고리 {links} 가 보이는 곳에서 {want} 를 가리키지 않는다"
    )
    assert (HTML / "slides" / f"{stem}.html").is_file(), f"고리가 가리키는 {want} 가 없다"
    assert not blocked and not errors and not console


def _load_extension():
    """book/_ext/slide_decks.py 를 파일 경로로 불러온다 (sys.path 를 건드리지 않는다)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("slide_decks", ROOT / "book" / "_ext" / "slide_decks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_myst_is_turned_into_plain_markdown():
    """연습 문제는 책의 번호와 함께 남고, 풀이는 빠지고, 역할은 글자와 고리가 된다 (브라우저 없이)."""
    from types import SimpleNamespace

    sd = _load_extension()
    env = SimpleNamespace(
        titles={"chapters/02_bptt": SimpleNamespace(astext=lambda: "2. 시간에 따른 역전파(BPTT)")},
        domaindata={"std": {"anonlabels": {"ex-a": ("chapters/01_rnn", "ex-a")}, "labels": {}}},
        toc_fignumbers={"chapters/01_rnn": {"exercise": {"ex-a": (7,)}}},
    )
    app = SimpleNamespace(
        env=env,
        builder=SimpleNamespace(get_target_uri=lambda d: d + ".html"),
        config=SimpleNamespace(bibtex_bibfiles=["book/references.bib"]),
        srcdir=str(ROOT),
    )
    conv = sd.MystToMarkdown(app, "chapters/01_rnn", {"mse": "'0.0105'", "x": "0.123456"})
    text = (
        "(sec-a)=\n본문은 {doc}`02_bptt` 을 보고 {cite}`elman1990finding` 를 따른다. "
        "값은 {glue:text}`mse`, {glue:text}`x:.2f` 이다 ({ref}`ex-a`).\n\n"
        ":::{exercise}\n:label: ex-a\n문제 $x$ 를 구하라.\n:::\n\n"
        ":::{solution} ex-a\n:class: dropdown\n풀이는 비밀이다.\n:::\n"
    )
    out = conv.convert(text)
    assert not conv.problems, conv.problems
    assert "[2. 시간에 따른 역전파(BPTT)](../chapters/02_bptt.html)" in out
    assert "[Elman, 1990]" in out
    assert "0.0105" in out and "0.12 " in out
    assert "[연습 7](../chapters/01_rnn.html#ex-a)" in out
    assert "> **연습 7.** 문제 $x$ 를 구하라." in out
    assert "풀이" not in out and ":::" not in out and "{" not in out and "(sec-a)=" not in out
    # 없는 대상은 조용히 넘어가지 않는다
    conv.convert("{doc}`99_none` {cite}`nokey` {glue:text}`nope`")
    assert len(conv.problems) == 3, conv.problems
