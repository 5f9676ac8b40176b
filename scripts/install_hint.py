"""모든 노트북의 첫 코드 셀로 'helpers 가 없을 때의 안내' 셀을 넣는다.

책의 다운로드 단추로 노트북만 받아 열면 ``import helpers`` 가 ModuleNotFoundError 로 멈춘다. 이 셀은 그 대신
어떻게 설치하는지 한국어로 알려 준다. HTML 책에서는 보이지 않는다(remove-cell 태그). 실행:
``.venv/bin/python scripts/install_hint.py`` (tests/test_structure.py 가 모든 노트북에 이 셀이 있는지 확인한다).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
TAG = "install-hint"
SOURCE = """\
# 이 책의 helpers 패키지가 없으면(예: 책에서 노트북만 내려받았을 때) 설치 방법을 알려 준다.
try:
    import helpers  # noqa: F401
except ModuleNotFoundError:
    raise ModuleNotFoundError(
        "이 노트북에는 이 책의 helpers 패키지가 필요하다. 책의 저장소를 내려받아 그 폴더에서 "
        "`make book` 을 한 번 실행하거나(.venv 가상 환경을 만든다), "
        "`pip install -r requirements.txt` 다음에 `pip install -e .` 로 설치한 뒤 "
        "그 환경의 커널로 이 노트북을 다시 열어라."
    ) from None"""


def notebooks() -> list[Path]:
    return [ROOT / "book" / "usage.ipynb", *sorted((ROOT / "chapters").glob("*.ipynb"))]


def ensure(path: Path) -> bool:
    """path 의 첫 코드 셀이 안내 셀이 되게 한다. 바꿨으면 True."""
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if TAG not in c.metadata.get("tags", [])]
    first_code = next(i for i, c in enumerate(cells) if c.cell_type == "code")
    cell = nbformat.v4.new_code_cell(SOURCE, metadata={"tags": ["remove-cell", TAG]})
    old = [c for c in nb.cells if TAG in c.metadata.get("tags", [])]
    if old and old[0].source == SOURCE and nb.cells.index(old[0]) == first_code:
        return False
    if old:
        cell = old[0]
        cell.source = SOURCE
    cells.insert(first_code, cell)
    nb.cells = cells
    nbformat.write(nb, path)
    return True


if __name__ == "__main__":
    for p in notebooks():
        if ensure(p):
            print(f"install hint: {p.relative_to(ROOT)}")
    sys.exit(0)
