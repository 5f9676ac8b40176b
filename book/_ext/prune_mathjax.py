"""오프라인 MathJax 에서 이 책이 쓰지 않는 묶음을 지워 사이트를 가볍게 한다.

sphinx-mathjax-offline 은 MathJax 3 배포본 전체(약 24 MB)를 ``_static/mathjax`` 에 복사하지만, 쪽들은
``tex-chtml.js`` 하나만 불러온다. 그 묶음이 필요할 때 더 불러오는 것(TeX 확장, CHTML 글꼴, 메뉴와 접근성 도구)만
남기고, SVG 출력과 MathML 입력, 다른 조합 묶음은 지운다. 빠진 파일이 있으면 브라우저 시험이 요청 실패로 잡아낸다.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

# tex-chtml.js 가 스스로, 또는 메뉴·자동 불러오기로 요청하는 것들.
KEEP = (
    "tex-chtml.js",
    "input/tex",
    "output/chtml",
    "output/chtml.js",
    "ui",
    "a11y",
    "sre",
    "adaptors",
)


def _keep(rel: str) -> bool:
    return any(rel == k or rel.startswith(k + "/") for k in KEEP)


def prune(mathjax_dir: Path) -> int:
    """``mathjax_dir`` 아래에서 KEEP 에 들지 않는 파일을 지우고, 지운 바이트 수를 돌려준다."""
    removed = 0
    for path in sorted(mathjax_dir.rglob("*"), reverse=True):
        rel = path.relative_to(mathjax_dir).as_posix()
        if path.is_file() and not _keep(rel):
            removed += path.stat().st_size
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


def _on_build_finished(app: Sphinx, exc: Exception | None) -> None:
    mathjax_dir = Path(app.outdir) / "_static" / "mathjax"
    if exc is None and app.builder.format == "html" and (mathjax_dir / "tex-chtml.js").is_file():
        prune(mathjax_dir)


def setup(app: Sphinx) -> dict:
    # sphinx-mathjax-offline 이 build-finished(우선순위 500)에서 복사한 뒤에 돈다.
    app.connect("build-finished", _on_build_finished, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


