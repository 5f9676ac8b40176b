"""시험 전체가 함께 쓰는 픽스처: README 의 명령으로 책 빌드, 빌드한 책을 띄우는 로컬 서버, 헤드리스 Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from browserkit import ANSI, BUILD, CHROMIUM, CHROMIUM_ARGS, HTML, REPORT, ROOT, SERVER_ERRORS, SHOTS

from helpers.core.cache import CACHE_ENV

# 책 빌드가 채운 학습 결과 캐시 (helpers.core.cache). 강의 모드 시험이 같은 결과를 다시 쓴다: 그 시험이 보는 것은
# 슬라이드와 슬라이더다. 학습 결과의 주장은 빌드(기본 커널)와 다른 커널의 nbval 실행이 저마다 새로 계산해 확인한다.
RUN_CACHE = BUILD / ".run_cache"


# 책을 쓰는 시험 모듈: 책이 필요 없는 시험 뒤에 돈다. 그동안 책은 뒤에서 빌드된다 (2코어를 놀리지 않는다).
BOOK_MODULES = ("test_browser", "test_colour_vision", "test_compared_outputs", "test_lecture_mode", "test_slide_decks")
_BUILD: dict = {}


# make test 는 강의 모드 시험을 셋째 갈래(따로 띄운 pytest)에서 돌린다 (scripts/test.sh). 그 갈래는 책을 빌드하지 않고,
# 첫 갈래가 시작한 빌드가 끝나며 남기는 BUILD_STATUS ("ok" 또는 실패 사유)를 기다린다.
WAIT_ENV = "RNN_BOOK_WAIT_FOR_BUILD"
BUILD_STATUS = BUILD / "build.status"


def _reuse_build() -> bool:
    return os.environ.get("BROWSER_TEST_REUSE_BUILD") == "1" and (HTML / "index.html").is_file()


def _waits_for_other_build() -> bool:
    return os.environ.get(WAIT_ENV) == "1"


def _report_when_done(proc: subprocess.Popen) -> None:
    """빌드가 끝나는 즉시 (이 프로세스의 시험이 그 결과를 찾기 전이라도) 다른 갈래에 결과를 알린다."""
    proc.wait()
    ok = proc.returncode == 0 and (HTML / "index.html").is_file()
    BUILD_STATUS.write_text("ok\n" if ok else f"실패 (종료 코드 {proc.returncode})\n", encoding="utf-8")


def _wait_for_other_build(timeout: float = 3600) -> Path:
    start = time.monotonic()
    while not BUILD_STATUS.is_file():
        if time.monotonic() - start > timeout:
            pytest.fail(f"{BUILD_STATUS} 를 {timeout:.0f} 초 기다렸다: 책을 빌드하는 갈래가 없다 ({WAIT_ENV}=1)",
                        pytrace=False)
        time.sleep(1)
    status = BUILD_STATUS.read_text(encoding="utf-8").strip()
    if status != "ok":
        pytest.fail(f"책 빌드가 {status}. 기록: {BUILD / 'build.log'} (자세한 실패는 pytest tests 갈래의 출력에 있다)",
                    pytrace=False)
    SHOTS.mkdir(parents=True, exist_ok=True)
    return HTML


def _start_build() -> None:
    """README 와 같은 명령(jupyter-book build . -W -n --keep-going)을 뒤에서 시작한다. 한 세션에 한 번."""
    if _BUILD or _reuse_build() or _waits_for_other_build():
        return
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    if not jupyter_book.is_file():
        _BUILD["error"] = f"{jupyter_book} 가 없다: 가상 환경에 jupyter-book 을 설치할 것 (requirements.txt)"
        return
    # 지난 빌드의 페이지가 남아 있으면 지운 장이 검사되고, 바뀌지 않은 페이지의 경고는 다시 나오지 않는다.
    # 노트북 실행 캐시(_build/.jupyter_cache)는 남긴다.
    for stale in (HTML, BUILD / ".doctrees", SHOTS):
        shutil.rmtree(stale, ignore_errors=True)
    BUILD.mkdir(exist_ok=True)
    BUILD_STATUS.unlink(missing_ok=True)
    log = (BUILD / "build.log").open("w", encoding="utf-8")
    _BUILD.update(
        start=time.monotonic(),
        log=log,
        proc=subprocess.Popen(
            [str(jupyter_book), "build", ".", "-W", "-n", "--keep-going"],
            cwd=ROOT,
            env=dict(os.environ, **{CACHE_ENV: str(RUN_CACHE)}),
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        ),
    )
    threading.Thread(target=_report_when_done, args=(_BUILD["proc"],), daemon=True).start()


# 이 픽스처를 쓰는 시험은 빌드한 책이 필요하다 (executed_notebook: 색각 검사가 빌드의 실행 결과를 읽는다)
BOOK_FIXTURES = {"built_book", "server", "executed_notebook"}


@pytest.hookimpl(trylast=True)  # -m, -k 로 고르고 난 뒤의 시험들을 본다
def pytest_collection_modifyitems(session, config, items):
    """책을 쓰는 모듈을 맨 뒤로 보내고, 책이 필요한 시험이 하나라도 남았으면 책 빌드를 곧바로 뒤에서 시작한다."""
    book = [it for it in items if it.module.__name__ in BOOK_MODULES]
    items[:] = [it for it in items if it.module.__name__ not in BOOK_MODULES] + book
    if not config.option.collectonly and any(BOOK_FIXTURES & set(getattr(it, "fixturenames", ())) for it in book):
        _start_build()


def pytest_unconfigure(config):
    proc = _BUILD.get("proc")
    if proc is not None and proc.poll() is None:  # 시험이 중간에 멈췄다: 빌드도 멈춘다
        proc.kill()
        proc.wait(timeout=30)
    if "log" in _BUILD and not _BUILD["log"].closed:
        _BUILD["log"].close()


@pytest.fixture(scope="session")
def built_book() -> Path:
    """README 와 같은 명령으로 빌드한 책 (뒤에서 시작한 빌드를 기다린다). 실패하면 빌드 기록을 보여 주며 실패한다."""
    if _reuse_build():
        SHOTS.mkdir(parents=True, exist_ok=True)
        REPORT.write_text("(이미 있던 _build/html 을 다시 썼다)\n", encoding="utf-8")
        return HTML
    if _waits_for_other_build():
        return _wait_for_other_build()
    _start_build()  # 책을 쓰는 시험을 하나만 골라 돌릴 때처럼 아직 시작하지 않았으면 지금 시작한다
    if "error" in _BUILD:
        pytest.fail(_BUILD["error"], pytrace=False)
    proc = _BUILD["proc"]
    try:
        proc.wait(timeout=3600)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("책 빌드가 한 시간 안에 끝나지 않았다", pytrace=False)
    seconds = time.monotonic() - _BUILD["start"]
    _BUILD["log"].close()
    log = ANSI.sub("", (BUILD / "build.log").read_text(encoding="utf-8", errors="replace"))
    (BUILD / "build.log").write_text(log, encoding="utf-8")
    if proc.returncode != 0 or not (HTML / "index.html").is_file():
        problems = [line for line in log.splitlines() if re.search(r"WARNING|ERROR|Error|Traceback", line)]
        head = (
            f"책 빌드가 실패했다 (종료 코드 {proc.returncode}, {seconds:.0f} 초). 기록: {BUILD / 'build.log'}"
        )
        tail = "\n".join(log.splitlines()[-60:])
        pytest.fail(
            f"{head}\n경고와 오류:\n" + "\n".join(problems[:80]) + f"\n\n기록의 끝:\n{tail}", pytrace=False
        )
    SHOTS.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(f"빌드 {seconds:.1f} 초 (다른 시험과 나란히)\n", encoding="utf-8")
    return HTML


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (상위 클래스의 이름을 따른다)
        pass

    def log_request(self, code="-", size="-"):
        # 404 같은 실패는 브라우저가 스스로 하는 요청(/favicon.ico)도 여기서 보인다: 시험이 실패로 센다
        if str(code).isdigit() and int(code) >= 400:
            SERVER_ERRORS.append(f"{int(code)} {self.path}")


@pytest.fixture(scope="session")
def server(built_book: Path):
    """_build/html 을 127.0.0.1 의 빈 포트에서 띄운다. 돌려주는 값은 'http://127.0.0.1:포트/'."""
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    # 모듈이 끝나면 닫는다: Playwright 의 sync API 는 이 스레드에 asyncio 루프를 띄워 두므로, 세션 내내 열어 두면
    # 뒤에 도는 시험(예: 커널 이벤트 루프 안의 슬라이더 모아 그리기)이 '커널 안'이라고 잘못 판단한다.
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} 가 없다. 설치: apt-get install -y chromium fonts-noto-cjk "
            "(playwright install 은 쓰지 않는다)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


