"""브라우저 시험들이 함께 쓰는 상수와 함수: 책의 경로, Chromium 실행 인자, 페이지 열기.

픽스처(책 빌드, 로컬 서버, 브라우저)는 ``tests/conftest.py`` 에 있다.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
HTML = BUILD / "html"
SHOTS = BUILD / "screenshots"
REPORT = SHOTS / "report.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 60_000
# 로컬 서버(conftest.server)가 400 이상으로 답한 요청 ("404 /favicon.ico"). offline_failures 가 비운다.
SERVER_ERRORS: list[str] = []
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def toc_pages() -> list[str]:
    """_toc.yml 의 모든 페이지 (root 포함), 확장자 없이, 목차 순서대로."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                pages.append(node["file"])
            for key, value in node.items():
                if key != "file":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({k: v for k, v in toc.items() if k != "root"})
    return [re.sub(r"\.(md|ipynb)$", "", p) for p in pages]


def report(line: str) -> None:
    print(line)
    with REPORT.open("a", encoding="utf-8") as f:
        f.write(line + "\n")



def block_non_local(context, base: str) -> list[str]:
    """context 의 요청 가운데 base 밖(로컬이 아닌 것)을 모두 막고, 막은 주소를 모을 목록을 돌려준다."""
    blocked: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(base) or url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    context.route("**/*", route)
    return blocked


def slide_plan(notebook: Path) -> dict:
    """셀 메타데이터(scripts/slides.py 가 매긴 slide_type)가 정하는 슬라이드: RISE 와 정적 슬라이드가 같아야 한다.

    돌려주는 값: {"h": 가로 슬라이드 수, "v": 세로 슬라이드까지 센 수, "demos": 보이는 데모(.show()) 셀 수}.
    remove-cell 태그가 있거나 slide_type 이 skip 인 셀은 슬라이드에 나오지 않는다.
    """
    nb = nbformat.read(notebook, as_version=4)
    shown = [
        (c, c.metadata.get("slideshow", {}).get("slide_type", "-"))
        for c in nb.cells
        if "remove-cell" not in c.metadata.get("tags", [])
    ]
    types = [t for _, t in shown]
    demos = sum(c.cell_type == "code" and ".show()" in c.source and t != "skip" for c, t in shown)
    return {"h": types.count("slide"), "v": types.count("slide") + types.count("subslide"), "demos": demos}


def offline_failures(blocked: list[str], console: list[str], errors: list[str]) -> list[str]:
    """open_page 가 모은 막힌 요청, 콘솔 오류, 페이지 오류와 그사이 서버가 실패로 답한 요청(404 등)을 실패 설명으로
    바꾼다 (비면 통과)."""
    failures = []
    missing = list(dict.fromkeys(SERVER_ERRORS))
    SERVER_ERRORS.clear()
    if missing:
        failures.append(f"서버가 찾지 못한 요청 {len(missing)}개: {missing[:5]}")
    if blocked:
        failures.append(f"네트워크가 필요했다 (막힌 요청 {len(blocked)}개): {sorted(set(blocked))[:5]}")
    if errors:
        failures.append(f"페이지 오류: {errors[:5]}")
    if console:
        failures.append(f"콘솔 오류: {console[:5]}")
    return failures


def open_page(browser, base: str, path: str, width: int):
    """새 컨텍스트에서 페이지를 연다. (page, 막힌 요청, 콘솔 오류, 페이지 오류) 를 돌려준다."""
    SERVER_ERRORS.clear()  # 앞 시험의 요청은 세지 않는다
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    blocked = block_non_local(context, base)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    console: list[str] = []
    errors: list[str] = []

    def on_console(m):
        if m.type == "error":
            console.append(f"{m.text} ({m.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + path, wait_until="load")
    return page, blocked, console, errors


# ---------------------------------------------------------------- 페이지 안에서 돌리는 자바스크립트

JS_WAIT_MATHJAX = """async () => {
  if (!window.MathJax || !MathJax.startup || !MathJax.startup.promise) return "MathJax 가 로드되지 않았다";
  await MathJax.startup.promise;
  return "";
}"""

JS_IMAGES = """() => [...document.images].map(img => ({
  src: img.currentSrc || img.src, complete: img.complete, width: img.naturalWidth,
  alt: (img.getAttribute('alt') || '').trim(),
}))"""

# 책의 스크러버(helpers.interact._scrubber): 그림 하나, 이름과 값이 붙은 범위 입력 하나나 둘.
SCRUBBER = "div.rnn-scrubber"

JS_SCRUBBERS = r"""async () => {
  const out = [];
  const hangul = /[가-힣]/;
  for (const root of document.querySelectorAll('div.rnn-scrubber')) {
    const inputs = [...root.querySelectorAll('input[type=range]')];
    const img = root.querySelector('img');
    if (!inputs.length || !img) { out.push({error: '범위 입력이나 그림이 없다'}); continue; }
    const r = {frames: 0, distinct: 0, changed: true, broken: [], unnamed: [], stale: [], buttons: 0, english: []};
    // 쓸데없는 재생 단추나 영어로만 된 글자가 없는가 (보이는 글자만 본다)
    r.buttons = root.querySelectorAll('button').length;
    const visible = root.querySelector('.rnn-scrubber-controls').innerText;
    r.english = (visible.match(/\b(Once|Loop|Reflect|Play|Pause|Stop)\b/gi) || []);
    const srcs = new Set();
    for (const input of inputs) {
      const start = input.value;
      const lo = Number(input.min), hi = Number(input.max);
      const label = input.closest('label');
      const seen = [];
      for (let v = lo; v <= hi; v++) {
        input.value = String(v);
        input.dispatchEvent(new Event('input', {bubbles: true}));
        try { await img.decode(); } catch (e) { r.broken.push(v); }
        if (!(img.naturalWidth > 0)) r.broken.push(v);
        srcs.add(img.src); seen.push(img.src);
        r.frames += 1;
        // 슬라이더 옆 글자와 화면 낭독기 글자가 "이름 = 값" 이고 지금 값을 말하는가
        const text = label ? label.innerText.trim() : '';
        const aria = input.getAttribute('aria-valuetext') || '';
        if (!hangul.test(text) || !text.includes(' = ') || text.replace(/\s+/g, ' ') !== aria) {
          r.unnamed.push(`${text} / ${aria}`);
        }
      }
      if (seen[0] === seen[seen.length - 1]) r.changed = false;
      input.value = start;  // 스크린숏에는 처음 프레임이 보이도록 되돌린다
      input.dispatchEvent(new Event('input', {bubbles: true}));
    }
    r.distinct = srcs.size;
    r.bytes = [...srcs].reduce((a, s) => a + s.length, 0);
    out.push(r);
  }
  return out;
}"""


def check_images_and_scrubbers(page, require_images: bool = False) -> tuple[list[str], list, list]:
    """열린 페이지의 모든 <img> 가 로드되었고 한국어 alt 가 있는지, 모든 스크러버(helpers.interact._scrubber)가
    범위 값을 바꾸면 그림과 "이름 = 값" 글자를 바꾸는지, 화살표 키로 움직이는지, 재생 단추나 영어로만 된 단추가
    없는지 본다. (실패 설명의 목록 — 비면 통과, 그림들, 스크러버들) 을 돌려준다."""
    failures: list[str] = []
    images = page.evaluate(JS_IMAGES)
    if require_images and not images:
        failures.append("그림이 하나도 없다")
    broken = [i["src"][:100] for i in images if not i["complete"] or not i["width"]]
    if broken:
        failures.append(f"로드되지 않은 그림: {broken[:3]}")
    # 접근성: 모든 그림에 한국어 대체 텍스트가 있는가 (그림 출력과 스크러버 모두)
    no_alt = [i["src"][:80] for i in images if not re.search(r"[가-힣]", i["alt"])]
    if no_alt:
        failures.append(f"한국어 alt 가 없는 그림 {len(no_alt)}개: {no_alt[:3]}")
    scrubbers = page.evaluate(JS_SCRUBBERS)
    for n, scrubber in enumerate(scrubbers):
        if "error" in scrubber:
            failures.append(f"스크러버 {n}: {scrubber['error']}")
            continue
        if scrubber["frames"] < 2 or not scrubber["changed"] or scrubber["broken"]:
            failures.append(f"스크러버 {n}: 값을 바꿔도 그림이 바뀌지 않거나 깨졌다 {scrubber}")
        if scrubber["unnamed"]:
            failures.append(f"스크러버 {n}: 슬라이더 옆에 한국어 이름과 지금 값이 없다 {scrubber['unnamed'][:2]}")
        if scrubber["buttons"] or scrubber["english"]:
            failures.append(f"스크러버 {n}: 단추 {scrubber['buttons']}개, 영어 글자 {scrubber['english']}")
    failures += _check_arrow_keys(page)
    return failures, images, scrubbers


def _check_arrow_keys(page) -> list[str]:
    """보이는 스크러버마다 화살표 키를 눌러 본다 (정적 슬라이드의 다른 슬라이드에 있는 것은 건너뛴다)."""
    failures = []
    roots = page.locator(SCRUBBER)
    for n in range(roots.count()):
        if roots.nth(n).locator("input[type=range]").first.is_visible():
            failures += [f"스크러버 {n}: {p}" for p in check_arrow_keys(page, roots.nth(n))]
    return failures


def check_arrow_keys(page, root) -> list[str]:
    """스크러버(root) 의 첫 슬라이더에 초점을 두고 오른쪽 화살표 키를 누르면 값과 그림이 바뀌는가."""
    slider = root.locator("input[type=range]").first
    slider.focus()
    page.keyboard.press("Home")
    before = (root.locator("img").get_attribute("src"), root.locator("output").first.inner_text())
    page.keyboard.press("ArrowRight")
    after = (root.locator("img").get_attribute("src"), root.locator("output").first.inner_text())
    page.keyboard.press("Home")
    slider.evaluate("el => el.blur()")
    if before[0] == after[0] or before[1] == after[1]:
        return [f"오른쪽 화살표 키로 값이 바뀌지 않았다 ({before[1]} → {after[1]})"]
    return []


def built_notebook(rel: str):
    """책 빌드가 실행한 노트북(출력 포함): 실행 캐시의 것, 없으면 _build/jupyter_execute 의 사본. 없으면 None.

    rel : 저장소 루트에서의 경로 (예: "chapters/01_rnn.ipynb")
    """
    from helpers._bookbuild.executed import executed_notebook

    return executed_notebook(ROOT / rel, BUILD / ".jupyter_cache", BUILD / "jupyter_execute" / rel)
