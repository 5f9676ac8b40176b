"""nbval 이 비교하는 셀의 출력만 노트북에 저장하고, 나머지 출력은 모두 지운다.

규칙 (README 의 "시험" 절):
- 셀 태그 ``nbval-check-output`` 이 붙은 코드 셀만 출력을 저장한다. ``pytest --nbval-lax`` 는 이 셀을 다시
  실행해 나온 글자를 저장된 출력과 비교하고, 다르면 실패한다. 그래서 이 셀은 어느 컴퓨터(BLAS 커널,
  스레드 수)에서나 같은 글자를 내야 한다: 반올림한 값과 참/거짓 같은 사실만 출력한다.
- 이 셀에는 ``"keep_output": true`` 메타데이터와 실행 번호가 있다. 실행 번호가 없으면 nbval 은 그 셀을
  "실행하지 않은 셀"로 보고 비교하지 않는다. 실행 번호는 코드 셀의 순번이다 (실행할 때마다 같다).
- 다른 셀은 출력도 실행 번호도 없이 저장한다.

쓰는 법::

    .venv/bin/python scripts/nbval_outputs.py --update chapters/07_rnn_vs_lstm.ipynb   # 실행하고 저장
    .venv/bin/python scripts/nbval_outputs.py --strip chapters/*.ipynb   # 실행 없이 정리만 (pre-commit)
    .venv/bin/python scripts/nbval_outputs.py chapters/*.ipynb book/*.ipynb   # 규칙을 지키는지 검사만

``--update`` 는 노트북을 그 폴더에서 처음부터 끝까지 실행한다 (nbclient). 비교할 출력을 바꾼 뒤에는
다른 BLAS 커널에서도 같은 글자가 나오는지 ``make test`` 로 확인한다.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat

TAG = "nbval-check-output"
# 셀 안의 주석 표시는 독자에게 보이므로 쓰지 않는다 (태그를 쓴다).
COMMENT_MARKERS = (
    "# NBVAL_CHECK_OUTPUT",
    "# NBVAL_IGNORE_OUTPUT",
    "# NBVAL_SKIP",
    "# NBVAL_RAISES_EXCEPTION",
)


def is_checked(cell) -> bool:
    return cell.cell_type == "code" and TAG in cell.metadata.get("tags", [])


def _code_ordinal(nb) -> dict[int, int]:
    """셀 번호 -> 코드 셀의 순번(1부터)."""
    out, k = {}, 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            k += 1
            out[i] = k
    return out


def strip(nb, executed=None) -> bool:
    """표시된 셀만 출력(executed 가 있으면 그 출력)과 실행 번호를 남기고 나머지를 지운다. 바뀌었으면 True."""
    before = nbformat.writes(nb)
    ordinal = _code_ordinal(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if is_checked(cell):
            cell.metadata["keep_output"] = True
            if executed is not None:
                outputs = copy.deepcopy(executed.cells[i].outputs)
                for out in outputs:
                    if "execution_count" in out:
                        out["execution_count"] = ordinal[i]
                cell.outputs = outputs
            cell.execution_count = ordinal[i]
        else:
            cell.metadata.pop("keep_output", None)
            cell.outputs = []
            cell.execution_count = None
    return nbformat.writes(nb) != before


def problems(nb) -> list[str]:
    """규칙을 어긴 곳의 목록 (비어 있으면 통과)."""
    found = []
    ordinal = _code_ordinal(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for marker in COMMENT_MARKERS:
            if any(line.strip() == marker for line in cell.source.splitlines()):
                found.append(f"셀 {i}: 주석 '{marker}' 대신 셀 태그를 쓴다 ({TAG})")
        if is_checked(cell):
            if not cell.outputs:
                found.append(f"셀 {i}: 태그 {TAG} 가 있지만 저장된 출력이 없다 (--update 로 저장)")
            if cell.execution_count != ordinal[i]:
                found.append(
                    f"셀 {i}: 실행 번호가 {cell.execution_count!r}, 코드 셀 순번 {ordinal[i]} 이어야 한다"
                )
            if cell.metadata.get("keep_output") is not True:
                found.append(f"셀 {i}: keep_output 메타데이터가 없다")
            kinds = {o.get("output_type") for o in cell.outputs}
            if kinds - {"stream", "execute_result"}:
                found.append(f"셀 {i}: 비교할 수 있는 출력은 글자뿐이다, 받은 것 {sorted(kinds)}")
            if any(o.get("name") == "stderr" for o in cell.outputs):
                found.append(f"셀 {i}: stderr 출력이 저장되어 있다")
        else:
            if cell.outputs or cell.execution_count is not None:
                found.append(f"셀 {i}: 태그 {TAG} 가 없는데 출력이나 실행 번호가 저장되어 있다")
    return found


def execute(path: Path, timeout: int = 600):
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--update", action="store_true", help="실행해서 표시된 셀의 출력을 저장한다")
    mode.add_argument("--strip", action="store_true", help="실행하지 않고 규칙대로 정리만 한다")
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    status = 0
    for path in args.notebooks:
        if path.suffix != ".ipynb" or not path.is_file():
            print(f"{path}: 노트북 파일(.ipynb)이 아니다", file=sys.stderr)
            status = 2
            continue
        nb = nbformat.read(path, as_version=4)
        if args.update:
            changed = strip(nb, execute(path))
        elif args.strip:
            changed = strip(nb)
        else:
            found = problems(nb)
            for p in found:
                print(f"{path}: {p}", file=sys.stderr)
            status = status or (1 if found else 0)
            continue
        if changed:
            nbformat.write(nb, path)
            print(f"{path}: 저장했다")
        found = problems(nb)
        for p in found:
            print(f"{path}: {p}", file=sys.stderr)
            status = status or 1
    return status


if __name__ == "__main__":
    sys.exit(main())
