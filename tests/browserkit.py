"""브라우저 시험들이 함께 쓰는 상수와 함수: 책의 경로, Chromium 실행 인자, 페이지 열기.

픽스처(책 빌드, 로컬 서버, 브라우저)는 ``tests/conftest.py`` 에 있다.
"""

from __future__ import annotations

import re
from pathlib import Path

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



def open_page(browser, base: str, path: str, width: int):
    """새 컨텍스트에서 페이지를 연다. (page, 막힌 요청, 콘솔 오류, 페이지 오류) 를 돌려준다."""
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    blocked: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(base) or url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    context.route("**/*", route)
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
