"""강의 모드: 모든 장을 JupyterLab 에서 실행한 뒤 RISE 슬라이드로 열어, 강사가 보는 그대로 검사한다.

강사가 하는 순서를 그대로 따른다 (README 의 "강의하기"). JupyterLab 에서 장 노트북을 열어 모든 셀을 실행하고
저장한 다음, 같은 노트북을 RISE 슬라이드 화면(`/rise/<노트북>`)으로 연다. 그리고 확인한다.

- 슬라이드 나누기가 셀의 메타데이터(scripts/slides.py 가 매긴 slide_type)를 그대로 따른다.
- 수식이 오프라인에서 그려지고, 로컬이 아닌 요청(웹 글꼴, CDN)은 하나도 없다.
- 데모 슬라이드마다 슬라이더와 그림이 화면에 크게 보이고, 슬라이더를 옮기면 커널이 그림을 다시 그린다.
  범위 끝까지 옮겨도 그림 대신 오류 출력이 나오지 않는다.

노트북은 임시 폴더의 복사본을 쓴다 (저장이 저장소의 노트북에 출력을 남기지 않도록). 스크린숏은
`_build/screenshots/rise-*.png` 에 남는다.

    .venv/bin/pytest tests/test_lecture_mode.py
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browserkit import ROOT, SHOTS, block_non_local, slide_plan
from conftest import RUN_CACHE
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from helpers.core.cache import CACHE_ENV

pytestmark = pytest.mark.browser

CHAPTERS = [p.name for p in sorted((ROOT / "chapters").glob("*.ipynb"))]
VIEWPORT = {"width": 1280, "height": 720}  # 프로젝터 화면
RUN_TIMEOUT_MS = 600_000  # 장 하나를 모두 실행하는 시간의 상한 (7장의 학습이 가장 길다)
UPDATE_TIMEOUT_MS = 30_000  # 슬라이더 한 번에 그림이 바뀌기까지
LAST_SLIDE_MS = 1_500  # 넘기기를 누른 뒤 슬라이드가 바뀌지 않으면 마지막 슬라이드로 본다

# JupyterLab 안의 노트북 (서버를 --LabApp.expose_app_in_browser 로 띄워 window.jupyterapp 이 있다).
# 작업 공간이 앞 장의 탭을 되살릴 수 있으므로 노트북은 경로로 찾는다.
JS_FIND = """(path) => {
  const app = window.jupyterapp;
  if (!app) return null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path && w.content && w.content.widgets) return w;
  }
  return null;
}"""
JS_KERNEL_IDLE = f"""(path) => {{
  const w = ({JS_FIND})(path);
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && w.content.widgets.length > 0;
}}"""
JS_RUN_ALL = f"""async (path) => {{
  const w = ({JS_FIND})(path);
  window.jupyterapp.shell.activateById(w.id);
  await window.jupyterapp.commands.execute('notebook:run-all-cells');
}}"""
# 모두 실행되면 {done: true}, 어느 셀이 오류로 멈췄으면 {error: ...} (실행 시간 상한까지 기다리지 않는다).
JS_ALL_EXECUTED = f"""(path) => {{
  const w = ({JS_FIND})(path);
  const k = w.sessionContext.session.kernel;
  if (k.status !== 'idle') return false;
  const cells = w.content.widgets;
  for (let i = 0; i < cells.length; i++) {{
    if (cells[i].model.type !== 'code') continue;
    const err = cells[i].model.outputs.toJSON().find(o => o.output_type === 'error');
    if (err) return {{error: `셀 ${{i}}: ${{err.ename}}: ${{err.evalue}}`.slice(0, 2000)}};
  }}
  return cells.every(c => c.model.type !== 'code' || c.model.executionCount !== null) ? {{done: true}} : false;
}}"""
JS_SAVE = f"""async (path) => {{
  const w = ({JS_FIND})(path);
  await w.context.save();
  return w.context.model.dirty;
}}"""
JS_SHUTDOWN = f"""async (path) => {{
  const w = ({JS_FIND})(path);
  if (w) await w.sessionContext.shutdown();
}}"""
JS_CLOSE = f"""(path) => {{
  const w = ({JS_FIND})(path);
  if (w) w.close();
}}"""
JS_OPEN = """async (path) => { await window.jupyterapp.commands.execute('docmanager:open', {path}); }"""
JS_BAD_OUTPUTS = f"""(path) => [...({JS_FIND})(path).node.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
  .map(el => el.textContent.trim().slice(0, 200))"""

# RISE 화면
JS_STRUCTURE = """() => ({
  h: document.querySelectorAll('.reveal .slides > section').length,
  v: document.querySelectorAll('.reveal .slides > section > section').length,
  images: document.querySelectorAll('.reveal .widget-image').length,
  maths: document.querySelectorAll('.reveal mjx-container').length,
  merrors: [...document.querySelectorAll('.reveal mjx-merror')].map(el => el.textContent.slice(0, 80)),
  bad: [...document.querySelectorAll('.reveal .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
    .map(el => el.textContent.trim().slice(0, 200)),
})"""
JS_PRESENT = """() => {
  const s = document.querySelector('.reveal .slides > section.present > section.present')
         || document.querySelector('.reveal .slides > section.present');
  if (!s) return null;
  const img = s.querySelector('.widget-image');
  return {hash: location.hash, demo: !!img, src: img ? img.src : null,
          readout: [...s.querySelectorAll('.widget-readout')].map(el => el.textContent.trim()).join(' ')};
}"""
PRESENT = ".reveal .slides > section.present > section.present"

# RISE 화면의 콘솔 오류 가운데 우리 것이 아닌 것 (그 밖의 콘솔 오류는 모두 실패다).
# - jupyterlab-rise 0.43.1 의 독립 앱 묶음(static/rise/*.bundle.js)에 든 FAST 디자인 토큰 코드가 토큰 값을 구독자 안에서
#   다시 정하며 끝없이 되부른다: "RangeError: Maximum call stack size exceeded" (microsoft/fast#6464, #6499 에서 고쳐진
#   것과 같은 종류). 위젯도 수식도 없는 한 셀짜리 노트북, 이 저장소의 확장(rnn-book-rise-widgets)을 끈 상태에서도 난다.
# - RISE 는 노트북 옆의 사용자 서식 rise.css 와 <노트북 이름>.css 를 찾아본다. 없으면 서버가 HTML 404 로 답하고
#   브라우저가 "Refused to apply style" 를 남긴다 (선택 기능이다).
def upstream_rise_error(text: str, url: str) -> bool:
    if "Maximum call stack size exceeded" in text and "/static/rise/" in url:
        return True
    css = r"/files/[^'\"]*\.css"
    return bool(re.search(css, text) or (re.search(css, url) and "404" in text))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """장 노트북의 복사본을 둔 JupyterLab 서버를 127.0.0.1 에 띄운다. (주소, 토큰) 을 돌려준다."""
    work = tmp_path_factory.mktemp("lecture")
    shutil.copytree(ROOT / "chapters", work / "nb")
    # 알림(뉴스 가져오기)을 끈다: 네트워크로 나가지 않고, 알림 창이 슬라이드 단추를 가리지 않는다.
    notify = work / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notify.parent.mkdir(parents=True)
    notify.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    jupyter_lab = Path(sys.executable).parent / "jupyter-lab"
    if not jupyter_lab.is_file():
        pytest.fail(f"{jupyter_lab} 가 없다: 가상 환경에 jupyterlab 을 설치할 것 (requirements.txt)", pytrace=False)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(work / "runtime"), JUPYTER_CONFIG_DIR=str(work / "config"),
               OPENBLAS_NUM_THREADS="1", **{CACHE_ENV: str(RUN_CACHE)})
    log = (work / "server.log").open("w")
    proc = subprocess.Popen(
        [str(jupyter_lab), "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={work / 'nb'}", "--LabApp.expose_app_in_browser=True",
         f"--LabApp.user_settings_dir={work / 'settings'}", f"--LabApp.workspaces_dir={work / 'workspaces'}"],
        cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}api/status?token={token}", timeout=5) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            tail = (work / "server.log").read_text(encoding="utf-8", errors="replace")[-3000:]
            pytest.fail(f"JupyterLab 서버가 뜨지 않았다 (종료 코드 {proc.poll()}).\n{tail}", pytrace=False)
        time.sleep(0.5)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield base, token
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def lab_session(lab, browser):
    """JupyterLab 을 한 번만 띄운 브라우저 창. 장마다 그 안에서 노트북을 열고 닫는다 (앱을 장마다 다시 싣지 않는다).

    돌려주는 값: (context, lab_page, blocked, page_errors). blocked 와 page_errors 는 모든 장이 함께 쓰는 목록이다.
    """
    base, token = lab
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    blocked = block_non_local(context, base)
    page_errors: list[str] = []
    lab_page = context.new_page()
    lab_page.on("pageerror", lambda e: page_errors.append(f"JupyterLab: {e}"))
    lab_page.goto(f"{base}lab?reset&token={token}")  # ?reset: 작업 공간의 탭을 되살리지 않는다
    lab_page.wait_for_function("() => !!window.jupyterapp", timeout=120_000)
    lab_page.evaluate("async () => { await window.jupyterapp.restored; }")  # 모든 확장이 켜지고 명령이 등록될 때까지
    try:
        yield context, lab_page, blocked, page_errors
    finally:
        context.close()


def _wait_for_new_image(page, old_src: str, what: str) -> str:
    """현재 슬라이드의 데모 그림이 old_src 와 달라질 때까지 기다려 새 src 를 돌려준다."""
    try:
        page.wait_for_function(
            "(old) => { const s = document.querySelector('.reveal .slides > section.present > section.present');"
            " const img = s && s.querySelector('.widget-image'); return !!img && img.src !== old; }",
            arg=old_src, timeout=UPDATE_TIMEOUT_MS,
        )
    except Exception as exc:  # noqa: BLE001 - 무엇을 기다렸는지 말하며 실패한다
        now = page.evaluate(JS_PRESENT)
        raise AssertionError(
            f"{what} {UPDATE_TIMEOUT_MS / 1000:.0f} 초 안에 그림이 바뀌지 않았다 (슬라이드 {now and now['hash']}, "
            f"값 {now and now['readout']}): 커널이 위젯에 답하지 않는다"
        ) from exc
    return page.evaluate(JS_PRESENT)["src"]


def _click_slider(page, fraction: float, old_src: str) -> str:
    """현재 슬라이드의 첫 슬라이더 막대의 fraction 위치를 마우스로 누른다 (강사가 하듯이)."""
    box = page.locator(f"{PRESENT} .noUi-target").first.bounding_box()
    assert box is not None, "슬라이더 막대가 화면에 없다"
    page.mouse.click(box["x"] + fraction * box["width"], box["y"] + box["height"] / 2)
    return _wait_for_new_image(page, old_src, f"슬라이더 막대의 {fraction:.0%} 위치를 눌렀는데")


def _click_choices(page, old_src: str) -> tuple[str, int]:
    """슬라이더가 없는 데모: 고르지 않은 선택 단추를 하나씩 누르며 그림이 바뀌는지 본다. 누른 단추 수도 돌려준다."""
    buttons = page.locator(f"{PRESENT} .widget-toggle-buttons button")
    clicked = 0
    for k in range(buttons.count()):
        button = buttons.nth(k)
        if "mod-active" in (button.get_attribute("class") or ""):
            continue
        button.click()
        old_src = _wait_for_new_image(page, old_src, f"선택 단추 '{button.text_content().strip()}' 를 눌렀는데")
        clicked += 1
    return old_src, clicked


def _type_slider(page, end: str, old_src: str) -> str:
    """첫 슬라이더의 값 칸에 범위의 끝(end = 'min' 또는 'max')을 적어 넣는다."""
    handle = page.locator(f"{PRESENT} .noUi-handle").first
    value = handle.get_attribute(f"aria-value{end}")
    readout = page.locator(f"{PRESENT} .widget-readout").first
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(str(value))
    page.keyboard.press("Enter")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # 다음 키는 슬라이드 넘기기
    return _wait_for_new_image(page, old_src, f"슬라이더 값 칸에 범위의 끝 {value} 을 넣었는데")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_presents_with_live_sliders(chapter, built_book, lab, lab_session):
    # built_book: 책 빌드(모든 노트북 실행)가 실패하면 이 시험도 곧바로 그 빌드의 오류로 실패한다.
    base, token = lab
    context, lab_page, all_blocked, all_errors = lab_session
    n_blocked, n_errors = len(all_blocked), len(all_errors)
    plan = slide_plan(ROOT / "chapters" / chapter)
    rise = None
    try:
        # 1. 강의 전에 하듯이 JupyterLab 에서 노트북을 열어 모든 셀을 실행하고 저장한다
        lab_page.evaluate(JS_OPEN, chapter)
        lab_page.wait_for_function(JS_KERNEL_IDLE, arg=chapter, timeout=120_000, polling=500)
        started = time.monotonic()
        lab_page.evaluate(JS_RUN_ALL, chapter)
        # 기다리지 않고 곧바로 살핀다: 아직 실행되지 않은 코드 셀은 실행 번호가 없으므로 '모두 실행됨' 이 먼저 참이 될 수 없다
        state = lab_page.wait_for_function(
            JS_ALL_EXECUTED, arg=chapter, timeout=RUN_TIMEOUT_MS, polling=500
        ).json_value()
        ran = time.monotonic() - started
        assert "error" not in state, f"{chapter}: JupyterLab 에서 모든 셀을 실행하다 멈췄다 ({ran:.0f} 초) — {state['error']}"
        bad = lab_page.evaluate(JS_BAD_OUTPUTS, chapter)
        assert not bad, f"{chapter}: JupyterLab 에서 실행하자 오류/stderr 출력이 나왔다: {bad[:3]}"
        assert not lab_page.evaluate(JS_SAVE, chapter), f"{chapter}: 저장한 뒤에도 바뀐 내용이 남아 있다"

        # 2. 같은 노트북을 RISE 슬라이드로 연다 (같은 커널에 붙는다)
        rise = context.new_page()
        rise.on("pageerror", lambda e: all_errors.append(f"RISE: {e}"))
        upstream: list[str] = []

        def on_console(m):
            if m.type != "error":
                return
            url = m.location.get("url", "")
            (upstream if upstream_rise_error(m.text, url) else all_errors).append(f"RISE 콘솔: {m.text[:200]} ({url})")

        rise.on("console", on_console)
        rise.goto(f"{base}rise/{chapter}?token={token}")
        rise.wait_for_selector(".reveal .slides > section", timeout=120_000)
        try:
            rise.wait_for_function(
                f"() => document.querySelectorAll('.reveal .widget-image').length >= {plan['demos']}",
                timeout=60_000,
            )
        except Exception:  # noqa: BLE001 - 아래 단언이 무엇이 빠졌는지 말한다
            pass
        found = rise.evaluate(JS_STRUCTURE)
        assert (found["h"], found["v"]) == (plan["h"], plan["v"]), (
            f"{chapter}: RISE 슬라이드 수 (가로 {found['h']}, 세로 포함 {found['v']}) 가 셀 메타데이터의 "
            f"(slide {plan['h']}, slide+subslide {plan['v']}) 와 다르다. scripts/slides.py 를 돌렸는가?"
        )
        assert found["images"] == plan["demos"], (
            f"{chapter}: 데모 {plan['demos']}개 가운데 {found['images']}개만 슬라이드에서 살아 있는 위젯으로 "
            "그려졌다 (위젯 관리자가 RISE 앱에서 불러와지지 않으면 0 이다: src/rise_widgets/README.md)"
        )
        assert found["maths"] > 0 and not found["merrors"], f"{chapter}: 수식이 그려지지 않았다 {found['merrors']}"
        assert not found["bad"], f"{chapter}: 슬라이드에 오류 출력이 있다 {found['bad'][:3]}"

        # 3. 슬라이드를 처음부터 끝까지 넘기며 데모마다 슬라이더를 움직인다
        checked, hashes = 0, []
        stem = chapter.removesuffix(".ipynb")
        for _ in range(plan["v"] + 3):
            now = rise.evaluate(JS_PRESENT)
            assert now is not None, f"{chapter}: 보이는 슬라이드가 없다"
            if hashes and now["hash"] == hashes[-1]:
                break  # 마지막 슬라이드: 넘기기를 눌러도 그대로다
            hashes.append(now["hash"])
            if now["demo"]:
                rise.wait_for_timeout(300)
                img = rise.locator(f"{PRESENT} .widget-image").first
                box = img.bounding_box()
                assert box is not None and box["width"] >= 0.6 * VIEWPORT["width"], (
                    f"{chapter} {now['hash']}: 데모 그림이 슬라이드 폭의 60% 보다 작다 ({box})"
                )
                assert 0 <= box["y"] < VIEWPORT["height"] * 0.6, (
                    f"{chapter} {now['hash']}: 데모 그림이 스크롤하지 않으면 보이지 않는다 (위쪽 {box['y']:.0f} px)"
                )
                # 데모는 1280×720 슬라이드 한 화면에 든다: 그림의 아래 끝까지 스크롤 없이 보인다
                assert box["y"] + box["height"] <= VIEWPORT["height"] + 1, (
                    f"{chapter} {now['hash']}: 데모 그림이 1280×720 슬라이드보다 크다 (아래 끝 "
                    f"{box['y'] + box['height']:.0f} px > {VIEWPORT['height']} px, 높이 {box['height']:.0f} px)"
                )
                rise.screenshot(path=str(SHOTS / f"rise-{stem}-{checked}.png"))
                if rise.locator(f"{PRESENT} .noUi-target").count():
                    before = now["readout"]
                    src = _click_slider(rise, 0.85, now["src"])
                    after = rise.evaluate(JS_PRESENT)["readout"]
                    assert after != before, f"{chapter} {now['hash']}: 슬라이더 값이 바뀌지 않았다 ({before})"
                    # 범위의 양 끝 (85% 가 이미 최댓값일 수 있으므로 최솟값 먼저): 극단값에서도 그림이 바뀌고,
                    # 오류 출력 대신 그림(또는 그림 속 안내문)이 남는다
                    src = _type_slider(rise, "min", src)
                    _type_slider(rise, "max", src)
                else:
                    _, clicked = _click_choices(rise, now["src"])
                    assert clicked, f"{chapter} {now['hash']}: 데모에 움직일 슬라이더도 선택 단추도 없다"
                bad = rise.evaluate(JS_STRUCTURE)["bad"]
                assert not bad, f"{chapter} {now['hash']}: 슬라이더를 끝까지 옮기자 오류 출력이 나왔다 {bad[:2]}"
                checked += 1
            rise.keyboard.press("Space")
            # 다음 슬라이드로 넘어가면(주소의 # 이 바뀌면) 곧바로 계속한다. 마지막 슬라이드에서는 바뀌지 않으므로
            # 짧게 기다린 뒤 위에서 끝을 알아챈다 (슬라이드마다 고정된 시간을 기다리지 않는다).
            try:
                rise.wait_for_function("(h) => location.hash !== h", arg=now["hash"], timeout=LAST_SLIDE_MS)
            except PlaywrightTimeout:
                pass
        assert len(hashes) == plan["v"], (
            f"{chapter}: 슬라이드를 넘기며 {len(hashes)}장을 보았는데 메타데이터로는 {plan['v']}장이다"
        )
        assert checked == plan["demos"], f"{chapter}: 데모 {plan['demos']}개 가운데 {checked}개만 움직여 보았다"
        blocked, page_errors = all_blocked[n_blocked:], all_errors[n_errors:]
        assert not blocked, f"{chapter}: 로컬이 아닌 요청이 있었다 (오프라인 강의실에서 깨진다): {blocked[:5]}"
        assert not page_errors, f"{chapter}: 페이지 오류 {page_errors[:3]}"
        print(f"{chapter}: 실행 {ran:.0f} 초, 슬라이드 {plan['h']} (세로 포함 {plan['v']}), 데모 {checked}개, "
              f"RISE 의 알려진 콘솔 오류 {len(upstream)}개")
    finally:
        # 다음 장을 위해 슬라이드 창을 닫고, 커널을 끄고, 노트북 탭을 닫는다 (실패했을 때도)
        try:
            if rise is not None:
                rise.close()
            lab_page.evaluate(JS_SHUTDOWN, chapter)
            lab_page.evaluate(JS_CLOSE, chapter)
        except Exception as exc:  # noqa: BLE001 - 정리의 실패가 위의 실패 메시지를 가리지 않게 한다
            print(f"{chapter}: 정리하다 실패했다: {exc}")
