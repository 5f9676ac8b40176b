"""독자가 쓰는 이름은 세 곳에서만 온다: ``helpers`` (NumPy 핵심), ``helpers.view`` (그림), ``helpers.interact`` (데모).

- 모든 노트북은 이 세 곳에서만 가져온다 (``helpers.core.rnn`` 같은 깊은 경로나 모듈 객체를 가져오지 않는다).
- 가져오는 이름은 모두 그 곳의 ``__all__`` 에 있다.
- 각 모듈의 ``__all__`` 은 모두 해당 표면에 실려 있다 (새 이름을 만들고 표면에 싣는 것을 잊지 않도록).
- ``import helpers`` 는 matplotlib, ipywidgets, 책 빌드 도구를 불러오지 않는다 (층은 아래로만 가리킨다).
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SURFACES = ("helpers", "helpers.view", "helpers.interact")
# 표면에 싣지 않는 모듈: 입력 검사(패키지를 고치는 사람용)
NOT_ON_SURFACE = {"helpers.core.validation"}


def notebooks() -> list[Path]:
    found = sorted((ROOT / "chapters").glob("*.ipynb")) + sorted((ROOT / "book").glob("*.ipynb"))
    assert found, "노트북이 하나도 없다"
    return found


def code_of(path: Path) -> str:
    """노트북의 코드 셀을 파이썬으로 읽을 수 있게 모은다 (%matplotlib 같은 매직 줄은 뺀다)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    return "\n".join(
        line for cell in cells for line in cell.splitlines() if not line.lstrip().startswith(("%", "!"))
    )


def helpers_imports(source: str) -> list[tuple[str, str | None, int]]:
    """source 안의 helpers 가져오기: (모듈, 이름 또는 None(모듈 자체), 줄 번호) 목록."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(a.name, None, node.lineno) for a in node.names if a.name.split(".")[0] == "helpers"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "helpers":
            found += [(node.module, a.name, node.lineno) for a in node.names]
    return found


def surface_problems(source: str) -> list[str]:
    problems = []
    for module, name, line in helpers_imports(source):
        if name is None:
            if module != "helpers":
                problems.append(
                    f"{line}행: import {module} (표면 {', '.join(SURFACES)} 에서 이름을 가져온다)"
                )
            continue
        if module not in SURFACES:
            problems.append(f"{line}행: from {module} import {name} (깊은 경로)")
        elif name not in importlib.import_module(module).__all__:
            problems.append(f"{line}행: from {module} import {name} ({module}.__all__ 에 없다)")
    return problems


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_notebook_imports_only_from_the_surface(path):
    problems = surface_problems(code_of(path))
    assert not problems, f"{path.name}: 표면 밖에서 가져온다:\n  " + "\n  ".join(problems)


def test_surface_check_catches_deep_imports():
    """검사가 실제로 실패할 수 있는지: 깊은 경로, 모듈 객체, 표면에 없는 이름을 모두 잡는다."""
    bad = (
        "import helpers  # noqa\n"
        "from helpers.core.rnn import TimeRNN\n"
        "from helpers.core import jacobian\n"
        "import helpers.view.code\n"
        "from helpers import check_array\n"
        "from helpers.view import show_source\n"
    )
    problems = surface_problems(bad)
    assert len(problems) == 4, problems
    assert [p.split("행")[0] for p in problems] == ["2", "3", "4", "5"]


def _modules(package: str):
    pkg = importlib.import_module(package)
    for info in pkgutil.iter_modules(pkg.__path__):
        if not info.name.startswith("_") and not info.ispkg:
            yield importlib.import_module(f"{package}.{info.name}")


@pytest.mark.parametrize(
    "surface, package",
    [("helpers", "helpers.core"), ("helpers.view", "helpers.view"), ("helpers.interact", "helpers.interact")],
)
def test_every_public_name_is_on_its_surface(surface, package):
    exported = set(importlib.import_module(surface).__all__)
    missing = {
        f"{mod.__name__}.{name}"
        for mod in _modules(package)
        if mod.__name__ not in NOT_ON_SURFACE
        for name in mod.__all__
        if name not in exported
    }
    assert not missing, f"{surface}/__init__.py 에 싣지 않은 공개 이름: {sorted(missing)}"
    module = importlib.import_module(surface)
    assert all(hasattr(module, n) for n in exported)


def test_core_surface_loads_numpy_only():
    """``import helpers`` 가 그림·위젯·빌드 도구를 불러오지 않는다."""
    code = (
        "import sys, helpers\n"
        "bad = [m for m in ('matplotlib', 'ipywidgets', 'myst_nb', 'jupyter_cache', 'helpers.view', "
        "'helpers.interact', 'helpers._bookbuild') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import helpers 가 불러온 것: {out.stdout.strip()}"
