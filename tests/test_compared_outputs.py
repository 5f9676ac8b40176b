"""책 빌드(이 컴퓨터의 기본 BLAS 설정)가 실행한 노트북의 출력이, 저장된 비교용 출력과 같은지 본다.

nbval 은 노트북을 다른 OpenBLAS 커널에서 실행하며 태그 nbval-check-output 이 붙은 셀의 출력을 저장된 것과
견준다 (scripts/blas_kernels.py). 기본 커널의 실행은 책 빌드가 하므로, 같은 비교를 빌드의 실행 결과로 한다:
그래서 비교용 출력은 세 커널 모두에서 같은 글자임이 확인된다. 글자를 견주는 방식은 nbval 과 같다
(stream 은 이름마다 이어 붙이고, 실행 결과는 text/plain).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browserkit import ROOT, built_notebook
from test_structure import nbval_outputs, notebooks

pytestmark = pytest.mark.slow


def _text(outputs) -> list[tuple[str, str]]:
    parts: dict[str, str] = {}
    for out in outputs:
        if out.get("output_type") == "stream":
            key = f"stream:{out.get('name')}"
            parts[key] = parts.get(key, "") + out.get("text", "")
        elif out.get("output_type") == "execute_result":
            key = "execute_result"
            parts[key] = parts.get(key, "") + str(out.get("data", {}).get("text/plain", ""))
        elif out.get("output_type") == "error":
            parts["error"] = f"{out.get('ename')}: {out.get('evalue')}"
    return sorted((k, v.rstrip()) for k, v in parts.items())


@pytest.mark.parametrize("path", [pytest.param(p, id=p.relative_to(ROOT).as_posix()) for p in notebooks()])
def test_build_prints_the_stored_outputs(path: Path, built_book):
    import nbformat

    rel = path.relative_to(ROOT).as_posix()
    stored = nbformat.read(path, as_version=4)
    executed = built_notebook(rel)
    assert executed is not None, f"{rel}: 빌드가 실행한 노트북을 찾지 못했다"
    assert len(executed.cells) == len(stored.cells), f"{rel}: 빌드의 노트북과 셀 수가 다르다"
    diffs = []
    for i, (cell, run) in enumerate(zip(stored.cells, executed.cells, strict=True)):
        if not nbval_outputs.is_checked(cell):
            continue
        want, got = _text(cell.outputs), _text(run.outputs)
        if want != got:
            diffs.append(f"셀 {i}:\n  저장된 출력: {want}\n  빌드의 출력: {got}")
    assert not diffs, f"{rel}: 기본 BLAS 커널의 출력이 저장된 비교용 출력과 다르다:\n" + "\n".join(diffs)
