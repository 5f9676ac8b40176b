"""helpers 의 실제 소스 코드를 노트북에 보여 준다(코드를 복사해 붙이지 않는다).

예::

    from helpers.view.code import show_source
    show_source(TimeRNN.forward)                       # 메서드 전체
    show_source(TimeRNN.backward, "# tanh 를 거쳐")     # 이 주석으로 시작하는 덩어리만
    show_source(TimeRNN, lines=(1, 12))                 # 1~12번째 줄

결과는 마크다운 코드 블록이다. JupyterLab, VS Code 는 물론 HTML 책(myst-nb)에서도 책의 다른 코드와
같은 문법 강조로 보인다.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Sequence

__all__ = ["SourceCode", "get_source", "show_source"]


class SourceCode:
    """소스 코드 조각. 노트북에서는 문법이 강조된 코드 블록(text/markdown)으로 보인다.

    code : str  보여 줄 코드, title : str  맨 윗줄에 주석으로 붙일 이름(어디의 코드인지)
    """

    def __init__(self, code: str, title: str | None = None):
        self.code = code
        self.title = title

    @property
    def text(self) -> str:
        head = f"# {self.title}\n" if self.title else ""
        return head + self.code

    def _repr_markdown_(self) -> str:
        fence = "```"
        while fence in self.text:
            fence += "`"
        return f"{fence}python\n{self.text.rstrip()}\n{fence}\n"

    def __repr__(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


def _qualified_name(obj) -> str:
    mod = getattr(obj, "__module__", None) or ""
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", "")
    return f"{mod}.{name}" if mod else name


def _block(lines: list[str], start: int) -> list[int]:
    """start 줄(주석 표시가 있는 줄)부터 빈 줄 또는 더 얕게 들여 쓴 줄 직전까지의 줄 번호들."""
    indent = len(lines[start]) - len(lines[start].lstrip())
    out = [start]
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip():
            break
        if len(line) - len(line.lstrip()) < indent:
            break
        out.append(i)
    return out


def get_source(obj, lines: None | str | Sequence[str] | tuple[int, int] = None) -> str:
    """obj(함수, 클래스, 메서드)의 소스를 돌려준다.

    lines : None 이면 전체.
        (a, b) 이면 a 번째부터 b 번째 줄까지 (1부터 센다, b 포함).
        문자열(또는 문자열 목록)이면 그 문자열을 담은 줄마다, 그 줄부터 빈 줄이나 더 얕은 들여쓰기 직전까지의
        덩어리를 보여 주고, 떨어진 덩어리 사이에는 ``...`` 을 넣는다.
    """
    try:
        src = inspect.getsource(obj)
    except (TypeError, OSError) as err:
        raise ValueError(f"obj: expected a function, class or method with source, got {obj!r}") from err
    src = textwrap.dedent(src)
    all_lines = src.splitlines()
    if lines is None:
        chosen = list(range(len(all_lines)))
    elif isinstance(lines, tuple) and len(lines) == 2 and all(isinstance(v, int) for v in lines):
        a, b = lines
        if not 1 <= a <= b <= len(all_lines):
            raise ValueError(f"lines: expected 1 <= a <= b <= {len(all_lines)}, got {lines}")
        chosen = list(range(a - 1, b))
    else:
        markers = [lines] if isinstance(lines, str) else list(lines) if isinstance(lines, list | tuple) else []
        if not markers or not all(isinstance(m, str) and m for m in markers):
            raise ValueError(f"lines: expected None, (a, b) or marker string(s), got {lines!r}")
        chosen_set: set[int] = set()
        for m in markers:
            hits = [i for i, line in enumerate(all_lines) if m in line]
            if not hits:
                raise ValueError(f"lines: marker {m!r} not found in the source of {_qualified_name(obj)}")
            for i in hits:
                chosen_set.update(_block(all_lines, i))
        chosen = sorted(chosen_set)
    # 떨어진 덩어리 사이에 ... 을 넣고, 덩어리의 공통 들여쓰기를 없앤다.
    pieces: list[str] = []
    prev = None
    for i in chosen:
        if prev is not None and i != prev + 1:
            pieces.append("...")
        pieces.append(all_lines[i])
        prev = i
    if chosen and chosen[0] > 0 and lines is not None:
        pieces.insert(0, "...")
    if chosen and chosen[-1] < len(all_lines) - 1 and lines is not None:
        pieces.append("...")
    body = [p for p in pieces if p != "..."]
    indent = min((len(p) - len(p.lstrip()) for p in body if p.strip()), default=0)
    return "\n".join(p if p == "..." else p[indent:] for p in pieces) + "\n"


def show_source(obj, lines: None | str | Sequence[str] | tuple[int, int] = None, *, title: bool = True):
    """obj 의 소스를 코드 블록으로 돌려준다(노트북 셀의 마지막 줄에 두면 보인다).

    lines : :func:`get_source` 와 같다. title : 맨 윗줄에 ``# helpers.core.rnn.TimeRNN.forward`` 를 붙일지.
    """
    return SourceCode(get_source(obj, lines), _qualified_name(obj) if title else None)
