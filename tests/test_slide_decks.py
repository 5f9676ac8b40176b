"""장마다의 오프라인 슬라이드 묶음(``_build/html/slides/<장>.html``)을 헤드리스 Chromium 으로 검사한다.

책 빌드(book/_ext/slide_decks.py)가 실행된 장 노트북으로 reveal.js 슬라이드를 만든다. 커널도 네트워크도 없는
강의실에서 그대로 열려야 하므로: 로컬이 아닌 요청이 하나도 없고, 콘솔 오류가 없고, 가로 슬라이드 수가 노트북의
"slide" 셀 수와 같고, 수식은 모두 그려지고, 그림은 모두 한국어 alt 와 함께 로드되고, 스크러버는 움직이면 그림이
바뀌어야 한다. 장의 쪽에 슬라이드로 가는 고리가 있는지는 tests/test_browser.py 의 test_page 가 본다. 스크린숏(1280×720)은
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
    check_arrow_keys,
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
    scrubbers: document.querySelectorAll('div.rnn-scrubber').length,
  };
}"""

# 스크러버마다 그것이 있는 슬라이드의 (가로, 세로) 번호
JS_DEMO_INDICES = """() => [...document.querySelectorAll('.reveal .slides div.rnn-scrubber')].map(el => {
  const i = Reveal.getIndices(el.closest('section'));
  return [i.h, i.v || 0];
})"""

# 지금 슬라이드의 스크러버가 슬라이드 폭 가득이고, 그림과 슬라이더가 스크롤 없이 한 슬라이드(1280×720)에 드는가
# (데모 뒤에 이어 붙은 셀은 내려서 본다).
# object-fit: contain 이므로 그려진 그림의 폭은 상자 폭과 (상자 높이 × 그림 비율) 가운데 작은 것이다.
JS_DEMO_FIT = """() => {
  const section = document.querySelector('.reveal .slides section.present section.present')
               || document.querySelector('.reveal .slides > section.present');
  const root = section.querySelector('div.rnn-scrubber');
  const img = root.querySelector('img');
  const box = img.getBoundingClientRect(), sec = section.getBoundingClientRect();
  const scale = sec.width / section.offsetWidth;  // reveal.js 가 슬라이드를 화면에 맞춰 줄인 비율
  const drawn = Math.min(box.width, box.height * img.naturalWidth / img.naturalHeight);
  const style = getComputedStyle(section);
  const inner = sec.width - (parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)) * scale;
  const controls = root.querySelector('.rnn-scrubber-controls').getBoundingClientRect();
  return {drawn: drawn, inner: inner, heightLimited: box.height * img.naturalWidth / img.naturalHeight < box.width - 1,
          overflow: section.scrollHeight - section.clientHeight, controlsBottom: controls.bottom, sectionBottom: sec.bottom};
}"""

# 가장 긴 슬라이드를 끝까지 내렸을 때 마지막 줄과 "책에서 보기" 고리가 겹치지 않는가
JS_FOOTER = """() => {
  const link = document.querySelector('.deck-book-link').getBoundingClientRect();
  const reveal = document.querySelector('.reveal').getBoundingClientRect();
  const hits = [];
  for (const section of document.querySelectorAll('.reveal .slides section')) {
    if (section.querySelector('section')) continue;  // 세로 슬라이드를 묶는 바깥 section
    if (section.scrollHeight <= section.clientHeight) continue;
    hits.push(section);
  }
  return {linkTop: link.top, linkBottom: link.bottom, revealBottom: reveal.bottom, viewport: innerHeight,
          long: hits.length};
}"""

JS_LAST_LINE = """() => {
  const section = document.querySelector('.reveal .slides section.present section.present')
               || document.querySelector('.reveal .slides > section.present');
  section.scrollTop = section.scrollHeight;
  const blocks = [...section.querySelectorAll('p, li, pre, img, table, .jp-Cell')].filter(el => el.offsetParent);
  const last = blocks[blocks.length - 1];
  const link = document.querySelector('.deck-book-link').getBoundingClientRect();
  const r = last ? last.getBoundingClientRect() : null;
  section.scrollTop = 0;
  return {overflow: section.scrollHeight - section.clientHeight,
          lastBottom: r && r.bottom, linkTop: link.top, text: last ? last.textContent.slice(0, 40) : ''};
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

        # "책에서 보기" 고리는 슬라이드 밖(맨 아래 띠)에 있어 어떤 슬라이드의 마지막 줄도 가리지 않는다
        footer = page.evaluate(JS_FOOTER)
        if footer["linkTop"] < footer["revealBottom"] - 1 or footer["linkBottom"] > footer["viewport"]:
            failures.append(f"'책에서 보기' 고리가 슬라이드 영역과 겹치거나 화면 밖이다: {footer}")
        longest = page.evaluate(
            "() => { let best = null, most = 0; for (const s of document.querySelectorAll('.reveal .slides section')) {"
            " if (s.querySelector('section')) continue; const o = s.scrollHeight - s.clientHeight;"
            " if (o > most) { most = o; const i = Reveal.getIndices(s); best = [i.h, i.v || 0]; } } return best; }"
        )
        if longest is not None:
            page.evaluate(f"() => Reveal.slide({longest[0]}, {longest[1]})")
            page.wait_for_timeout(300)
            last = page.evaluate(JS_LAST_LINE)
            if last["lastBottom"] is not None and last["lastBottom"] > last["linkTop"]:
                failures.append(f"가장 긴 슬라이드를 끝까지 내리면 마지막 줄이 '책에서 보기' 고리 밑에 있다: {last}")

        # 스크린숏: 첫 슬라이드와 데모 슬라이드마다 (1280×720). 데모는 슬라이드 폭 가득, 스크롤 없이 한 화면에
        page.evaluate("() => Reveal.slide(0, 0)")
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"slides-{stem}-first.png"))
        for k, (h, v) in enumerate(page.evaluate(JS_DEMO_INDICES)):
            page.evaluate(f"() => Reveal.slide({h}, {v})")
            page.wait_for_timeout(300)
            page.screenshot(path=str(SHOTS / f"slides-{stem}-demo{k}.png"))
            fit = page.evaluate(JS_DEMO_FIT)
            if fit["drawn"] < 0.9 * fit["inner"] and not fit["heightLimited"]:
                failures.append(f"데모 {k}: 그림 폭 {fit['drawn']:.0f} px 이 슬라이드 폭 {fit['inner']:.0f} px 의 90% 보다 작다")
            if fit["controlsBottom"] > fit["sectionBottom"] + 1:
                failures.append(f"데모 {k}: 그림과 슬라이더가 스크롤 없이 1280×720 슬라이드에 들지 않는다: {fit}")
            roots = page.locator(".reveal .slides section.present div.rnn-scrubber")
            for n in range(roots.count()):
                failures += [f"데모 {k}: {p}" for p in check_arrow_keys(page, roots.nth(n))]
        report(
            f"slides/{stem}.html: {size / MB:.2f} MB, 가로 슬라이드 {info['horizontal']}개 "
            f"(전체 {info['total']}개), 수식 {info['containers']}개, 그림 {len(images)}개, 스크러버 {len(scrubbers)}개"
        )
    finally:
        page.context.close()

    failures += offline_failures(blocked, console, errors)
    assert not failures, f"slides/{stem}.html:\n- " + "\n- ".join(failures)


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
