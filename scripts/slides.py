"""장 노트북에 RISE 슬라이드 메타데이터를 매긴다 (강의 모드).

규칙 (한 슬라이드에 한 생각):
- 제목(#)과 절(##)의 마크다운 셀은 새 슬라이드, 소절(###)은 아래로 이어지는 하위 슬라이드다.
- 데모(``.show()``) 셀은 그림이 크게 보이도록 자기만의 하위 슬라이드가 된다.
- 준비 셀(import 와 use_book_style()), 연습 문제의 풀이, HTML 책에 없는 셀(remove-cell 태그)은 건너뛴다.
- 나머지 셀은 앞 슬라이드에 이어 붙는다.

노트북 메타데이터의 ``rise`` 는 큰 글씨와 스크롤을 켠다. 실행: ``.venv/bin/python scripts/slides.py``
(tests/test_structure.py 가 모든 장에 메타데이터가 있는지 확인한다).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
RISE = {"scroll": True, "width": "100%", "height": "100%", "theme": "white", "transition": "none",
        "start_slideshow_at": "beginning"}


def slide_type(cell, index: int) -> str:
    src = cell.source.lstrip()
    tags = cell.metadata.get("tags", [])
    if "remove-cell" in tags:
        return "skip"
    if cell.cell_type == "markdown":
        if src.startswith(("# ", "## ")):
            return "slide"
        if src.startswith("### "):
            return "subslide"
        if src.startswith((":::{solution", "```{solution", "::::{solution")):
            return "skip"
        return "-"
    if "use_book_style()" in src:
        return "skip"  # 준비 셀 (import 와 그림 스타일)
    if ".show()" in src:
        return "subslide"
    return "-"


def annotate(path: Path) -> bool:
    nb = nbformat.read(path, as_version=4)
    changed = False
    for i, cell in enumerate(nb.cells):
        want = {"slide_type": slide_type(cell, i)}
        if cell.metadata.get("slideshow") != want:
            cell.metadata["slideshow"] = want
            changed = True
    if nb.metadata.get("rise") != RISE:
        nb.metadata["rise"] = RISE
        changed = True
    if changed:
        nbformat.write(nb, path)
    return changed


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "chapters").glob("*.ipynb"))
    for p in paths:
        if annotate(p):
            print(f"slides: {p.relative_to(ROOT) if p.is_absolute() else p}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
