"""scripts/blas_kernels.py: make test 가 노트북을 다른 OpenBLAS 커널에서 정말로 돌리는지.

커널을 고르는 규칙과, OPENBLAS_CORETYPE 이 실제로 커널을 바꾸는지(바꾸지 못하면 조용히 같은 커널로 두 번 돌게
된다)를 확인한다. 노트북 실행 자체는 make test 가 scripts/test.sh 에서 한다.
"""

from __future__ import annotations

import importlib.util
import platform
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("blas_kernels", ROOT / "scripts" / "blas_kernels.py")
blas_kernels = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(blas_kernels)


def test_two_other_kernels_are_chosen_and_really_switch():
    default, others = blas_kernels.choose_kernels()
    if platform.machine().lower() not in ("x86_64", "amd64", "aarch64", "arm64"):
        pytest.skip(f"이 CPU({platform.machine()})의 OpenBLAS 커널 목록을 모른다: blas_kernels.py 가 실패로 알린다")
    assert len(others) == 2, f"기본 커널 {default} 말고 고른 커널이 둘이 아니다: {others}"
    assert default.lower() not in {k.lower() for k in others}
    for kernel in others:
        env = dict(blas_kernels.base_env(), OPENBLAS_CORETYPE=kernel)
        assert blas_kernels.blas_kernel(env).lower() == kernel.lower()


def test_the_default_environment_sets_no_openblas_variables(monkeypatch):
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")
    assert not [k for k in blas_kernels.base_env() if k.startswith("OPENBLAS_")]


def test_make_test_runs_the_kernels_beside_the_build():
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "scripts/blas_kernels.py chapters book" in script
    assert "pytest tests --ignore=tests/test_lecture_mode.py" in script
    # 강의 모드 시험은 셋째 갈래에서 첫 갈래의 빌드를 기다린다 (tests/conftest.py 의 WAIT_ENV, BUILD_STATUS)
    assert "RNN_BOOK_WAIT_FOR_BUILD=1 .venv/bin/python -m pytest tests/test_lecture_mode.py" in script
    assert "rm -f _build/build.status" in script
    assert "bash scripts/test.sh" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "OPENBLAS" not in (ROOT / "Makefile").read_text(encoding="utf-8").split("book:")[1].split("test:")[0]


def _code(path: Path) -> str:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def test_only_notebooks_that_do_not_train_are_left_out_of_the_kernel_runs():
    """커널마다 다시 돌리지 않는 노트북(NOT_RERUN)은 학습하는 코드를 부르지 않는다. 나머지는 모두 돈다."""
    import helpers.core.experiment as experiment
    import helpers.core.language_model as language_model
    import helpers.core.optim as optim
    import helpers.core.train as train

    trains = set(optim.__all__) | set(train.__all__) | {
        n for n in experiment.__all__ if n.startswith(("run_", "choose_"))
    } | {n for n in language_model.__all__ if n.startswith("train")}
    trains -= {"ADDING_PROBLEM_SETTINGS"}
    assert {"fit", "Adam", "run_adding_experiment", "train_language_model"} <= trains
    notebooks = sorted(ROOT.glob("chapters/*.ipynb")) + sorted(ROOT.glob("book/*.ipynb"))
    left_out = {ROOT / p for p in blas_kernels.NOT_RERUN}
    assert left_out <= set(notebooks), f"NOT_RERUN 에 없는 노트북이 있다: {left_out - set(notebooks)}"
    for path in left_out:
        called = sorted(n for n in trains if re.search(rf"\b{re.escape(n)}\b", _code(path)))
        assert not called, f"{path.relative_to(ROOT)} 는 학습하는 코드({called})를 부른다: 커널마다 돌려야 한다"
    # 학습하는 장은 모두 커널마다 돈다 (이 목록이 늘어나도 위의 검사가 새 노트북을 본다)
    for name in ("02_bptt", "07_rnn_vs_lstm", "08_gru", "09_language_model"):
        assert ROOT / "chapters" / f"{name}.ipynb" not in left_out
