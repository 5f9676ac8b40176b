"""책 빌드가 실행한 노트북을 출력과 함께 꺼낸다 (정적 슬라이드와 색각 검사가 함께 쓴다).

myst-nb 의 cache 실행(``execute_notebooks: cache``)은 캐시에서 꺼낸 출력을 ``_build/jupyter_execute`` 의 사본에
쓰지 않는다(출력 없는 원본이 쓰인다). 책 HTML 이 실제로 쓴 출력은 jupyter-cache 에 있으므로 먼저 거기서
찾고, 없으면 ``jupyter_execute`` 의 사본을 본다. 빌드 도구에서만 쓰므로 jupyter-cache 는 함수 안에서 불러온다.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

__all__ = ["executed_notebook", "has_outputs"]


def has_outputs(nb) -> bool:
    """코드 셀 가운데 하나라도 출력이 있으면 True."""
    return any(cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")


def executed_notebook(source: Path | str, cache_path: Path | str | None, executed_copy: Path | str | None):
    """``source`` 노트북의 실행 결과(nbformat 4 노트북). 출력이 든 것을 찾지 못하면 None.

    source : 원본 노트북 경로 (캐시는 코드 셀로 원본과 맞춘다)
    cache_path : jupyter-cache 폴더 (없으면 None)
    executed_copy : myst-nb 가 쓴 실행 사본 (``_build/jupyter_execute/<문서>.ipynb``, 없으면 None)
    """
    if cache_path is not None and Path(cache_path).is_dir():
        from jupyter_cache import get_cache

        nb = nbformat.read(source, as_version=4)
        try:
            _, merged = get_cache(str(cache_path)).merge_match_into_notebook(nb)
        except KeyError:
            merged = None  # 지금 원본과 맞는 캐시가 없다
        if merged is not None and has_outputs(merged):
            return merged
    if executed_copy is not None and Path(executed_copy).is_file():
        nb = nbformat.read(executed_copy, as_version=4)
        if has_outputs(nb):
            return nb
    return None
