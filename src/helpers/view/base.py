"""살아 있는 그림(live figure)의 공통 부품.

그림 함수는 배열을 받아 ``LiveFigure(fig, update)`` 를 돌려준다. ``update(**data)`` 는 축을 새로
만들거나 지우지 않고 기존 아티스트의 데이터만 바꾼다(set_ydata, set_data, set_array, set_text ...).
슬라이더 데모(helpers.interact.demo)는 이 약속 위에서 같은 그림을 다시 그리고 PNG 로 바꾼다.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections import namedtuple

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from .style import VERMILLION, use_book_style

__all__ = [
    "Blitter",
    "LiveFigure",
    "book_figure",
    "clear_message",
    "figure_alt_text",
    "figure_to_png",
    "freeze_layout",
    "get_message",
    "nice_upper",
    "set_caption",
    "show_message",
]

LiveFigure = namedtuple("LiveFigure", "fig update")
LiveFigure.__doc__ = """그림과 그 그림의 아티스트를 제자리에서 바꾸는 함수의 쌍.

fig : matplotlib.figure.Figure
update : callable(**data) -> None, 축을 새로 만들지 않고 아티스트의 데이터만 바꾼다.
"""

_MESSAGE_GID = "helpers-message"
_CAPTION_GID = "helpers-caption"
# PNG 압축 수준: 1 은 6(기본값)보다 몇 배 빠르고 크기는 조금 클 뿐이다(슬라이더 갱신용).
PNG_COMPRESS_LEVEL = 1


def book_figure(nrows: int = 1, ncols: int = 1, figsize=(10.0, 3.5), **subplot_kw):
    """책 스타일로 ``Figure`` 와 축을 만든다(pyplot 을 쓰지 않아 두 번 표시되거나 새지 않는다).

    layout="constrained" 로 제목과 눈금이 겹치지 않게 한다. 돌려주는 값: (fig, axes)
    """
    use_book_style()
    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, **subplot_kw)
    return fig, axes


def _find_text(fig: Figure, gid: str):
    for t in fig.texts:
        if t.get_gid() == gid:
            return t
    return None


def show_message(fig: Figure, text: str, *, width: int = 60) -> None:
    """그림 한가운데에 읽기 쉬운 안내 상자를 띄운다. 같은 Text 아티스트를 다시 쓴다.

    text : 보여 줄 한국어 문장. ``width`` 글자마다 줄을 바꾼다.
    """
    lines = []
    for para in str(text).splitlines() or [""]:
        lines.extend(textwrap.wrap(para, width=width) or [""])
    wrapped = "\n".join(lines[:8])
    t = _find_text(fig, _MESSAGE_GID)
    if t is None:
        t = fig.text(
            0.5,
            0.5,
            wrapped,
            ha="center",
            va="center",
            fontsize=13,
            color="black",
            zorder=100,
            gid=_MESSAGE_GID,
            bbox={
                "boxstyle": "round,pad=0.6",
                "facecolor": "#FFF4E0",
                "edgecolor": VERMILLION,
                "linewidth": 2,
                "alpha": 0.96,
            },
        )
        # 제약 레이아웃이 이 상자 때문에 축을 옮기지 않게 한다.
        t.set_in_layout(False)
    else:
        t.set_text(wrapped)
    t.set_visible(True)


def clear_message(fig: Figure) -> None:
    """:func:`show_message` 로 띄운 상자를 감춘다(없으면 아무것도 하지 않는다)."""
    t = _find_text(fig, _MESSAGE_GID)
    if t is not None:
        t.set_visible(False)


def get_message(fig: Figure) -> str | None:
    """지금 보이는 안내 문장을 돌려준다. 없으면 None (테스트와 디버깅용)."""
    t = _find_text(fig, _MESSAGE_GID)
    if t is None or not t.get_visible():
        return None
    return t.get_text()


def set_caption(fig: Figure, text: str) -> None:
    """그림의 큰 제목(suptitle)을 바꾼다. 데모는 여기에 '제목 · w = 1.50' 처럼 현재 값을 쓴다.

    ``Figure.suptitle`` 은 이미 있는 제목의 Text 를 다시 쓰므로(새 아티스트를 만들지 않는다) 갱신마다 불러도 된다.
    """
    fig.suptitle(text).set_gid(_CAPTION_GID)


def _pin_title_position(ax) -> None:
    """축 제목(가운데, 왼쪽, 오른쪽)을 지금 높이에 고정한다: 다음 그리기부터 matplotlib 이 다시 옮기지 않는다.

    공개 API 로는 ``ax.set_title(..., y=...)`` 가 같은 표시를 남기지만, 그 호출은 글꼴 크기·굵기·색·간격(pad)을
    rcParams 의 기본값으로 되돌린다. 그래서 matplotlib 3.11 의 비공개 표시 ``Axes._autotitlepos`` 를 여기
    한 곳에서만 직접 쓴다. 이름이 바뀌면 AttributeError 로 곧바로 실패하고,
    tests/test_demo_mechanism.py::test_pinned_title_does_not_move 가 동작까지 확인한다.
    """
    if not hasattr(ax, "_autotitlepos"):
        raise AttributeError(
            "matplotlib.axes.Axes._autotitlepos 가 없다: matplotlib 이 바뀌었다. "
            "helpers.view.base._pin_title_position 을 고칠 것"
        )
    ax._autotitlepos = False


def freeze_layout(fig: Figure, *, reserve_caption: bool = False) -> None:
    """지금 상태로 한 번 그려 배치를 정한 뒤, 다음 그리기부터는 배치를 다시 계산하지 않게 고정한다.

    고정하는 것: 레이아웃 엔진(constrained 등)이 정한 축의 위치, 축 제목의 높이, 축 이름(xlabel, ylabel)의
    위치. 슬라이더 갱신마다 이것들을 다시 계산하는 데 드는 시간(그리기의 약 절반)을 아낀다.
    눈금 글자의 폭이 처음보다 크게 넓어지는 그림에서는 축 이름이 눈금 글자와 겹칠 수 있다.

    reserve_caption : True 면 데모 장치가 나중에 다는 큰 제목(suptitle, ``set_caption``)의 자리도 미리 잡도록
        임시 제목을 먼저 단다 (슬라이더 데모의 그림).
    """
    if reserve_caption:
        set_caption(fig, "제목")
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    if fig.get_layout_engine() is not None:
        fig.set_layout_engine("none")
    for ax in fig.axes:
        _pin_title_position(ax)
        for axis in (ax.xaxis, ax.yaxis):
            if getattr(axis, "_autolabelpos", False) and axis.label.get_text():
                disp = axis.label.get_transform().transform(axis.label.get_position())
                x, y = ax.transAxes.inverted().transform(disp)
                axis.set_label_coords(x, y)


def figure_to_png(fig: Figure, dpi: float | None = None) -> bytes:
    """그림을 한 번 그리고 PNG 바이트로 바꾼다.

    dpi 가 None 이거나 그림의 dpi 와 같으면 Agg 캔버스에 한 번 그린 픽셀을 곧바로 빠르게 압축한다
    (savefig 는 한 번 더 그린다). 다른 dpi 를 주면 savefig 를 쓴다.
    """
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    if dpi is not None and abs(dpi - fig.dpi) > 1e-9:
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL})
        return buf.getvalue()
    from PIL import Image

    canvas = fig.canvas
    canvas.draw()
    w, h = canvas.get_width_height(physical=True)
    img = Image.frombuffer("RGBA", (w, h), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buf.getvalue()


class Blitter:
    """같은 그림을 거듭 PNG 로 만들 때, 바뀐 아티스트만 다시 그린다 (blitting).

    슬라이더 갱신 시간의 대부분은 눈금 글자와 축 이름 같은 '바뀌지 않는' 글자를 다시 그리는 데 든다.
    matplotlib 은 속성이 바뀐 아티스트에 ``stale`` 표시를 남기므로, 갱신 뒤 표시가 남은 아티스트(선, 글자,
    면, 이미지)만 '움직이는 아티스트'로 모아 ``animated`` 로 돌린다. 그것들을 뺀 배경을 한 번 그려 복사해 두고,
    다음부터는 배경을 붙인 뒤 움직이는 아티스트만 그린다.

    다음 경우에는 언제나 전체를 다시 그리고 배경을 새로 뜬다:
    - 축의 범위, 눈금 방식, 위치, 보임 여부가 바뀌었을 때 (눈금 글자가 바뀐다),
    - 처음 보는 아티스트가 바뀌었거나, 범례·눈금처럼 따로 그릴 수 없는 아티스트가 바뀌었을 때,
    - 움직이는 아티스트가 그림에서 빠졌을 때, 그리고 ``invalidate()`` 를 부른 뒤.

    움직이는 아티스트는 배경 위에 (축 순서, zorder 순으로) 그려진다. savefig 는 animated 아티스트도 그리므로
    스크러버와 저장 파일에는 영향이 없다.
    """

    def __init__(self, fig: Figure):
        if not isinstance(fig.canvas, FigureCanvasAgg):
            FigureCanvasAgg(fig)
        self.fig = fig
        self.dynamic: list = []
        self._background = None
        self._signature = None
        self.full_draws = 0  # 시험과 벤치마크용: 전체를 다시 그린 횟수

    def invalidate(self) -> None:
        """다음 png() 에서 전체를 다시 그리게 한다 (누군가 그림을 따로 그렸거나 크게 바꿨을 때)."""
        self._background = None

    def _candidates(self) -> list:
        fig = self.fig
        arts = list(fig.texts)
        for ax in fig.axes:
            arts += [*ax.lines, *ax.collections, *ax.patches, *ax.texts, *ax.images]
            # 축 제목 셋(가운데, 왼쪽, 오른쪽): ax.texts 에 없고 get_children() 에만 있다
            arts += [a for a in ax.get_children() if isinstance(a, Text) and a not in ax.texts]
        return arts

    def _layout_signature(self) -> tuple:
        return tuple(
            (
                ax.get_visible(),
                tuple(ax.viewLim.bounds),
                ax.get_xscale(),
                ax.get_yscale(),
                tuple(ax.get_position().bounds),
                ax.xaxis.label.get_text(),
                ax.yaxis.label.get_text(),
            )
            for ax in self.fig.axes
        ) + ((self.fig.dpi, tuple(self.fig.get_size_inches())),)

    def _needs_full(self) -> bool:
        if self._background is None or self._layout_signature() != self._signature:
            return True
        candidates = self._candidates()
        ids = {id(a) for a in candidates}
        if any(id(a) not in ids for a in self.dynamic):
            return True  # 움직이던 아티스트가 빠졌다
        dyn = {id(a) for a in self.dynamic}
        if any(a.stale and id(a) not in dyn for a in candidates):
            return True  # 처음 보는 아티스트가 바뀌었다
        # 후보 밖의 아티스트(범례, 눈금, 축 등)가 바뀌었으면 배경이 낡았다. Figure 와 Axes 는 자식이 바뀌면
        # 함께 stale 이 되므로 빼고 본다.
        # Axis 도 빼고 본다: set_xlim 처럼 같은 범위를 다시 정해도 stale 이 되는데, 눈금이 바뀌는 경우(범위, 눈금
        # 방식, 축 이름)는 위의 _layout_signature 가 이미 잡는다.
        skip = ids | {id(self.fig)} | {id(ax) for ax in self.fig.axes}
        skip |= {id(axis) for ax in self.fig.axes for axis in (ax.xaxis, ax.yaxis)}
        return any(id(a) not in skip for a in self.fig.findobj(lambda a: a.stale))

    def _draw_dynamic(self) -> None:
        order = {id(ax): i for i, ax in enumerate(self.fig.axes)}
        for a in sorted(self.dynamic, key=lambda a: (order.get(id(a.axes), -1), a.get_zorder())):
            if a.get_visible():
                self.fig.draw_artist(a)

    def png(self) -> bytes:
        """지금 그림의 PNG 바이트 (필요한 만큼만 다시 그린다)."""
        canvas = self.fig.canvas
        if self._needs_full():
            candidates = self._candidates()
            if self._signature is not None:  # 처음 그릴 때는 모든 것이 stale 이라 아무것도 고르지 않는다
                known = {id(a) for a in self.dynamic}
                alive = {id(a) for a in candidates}
                self.dynamic = [a for a in self.dynamic if id(a) in alive]
                self.dynamic += [a for a in candidates if a.stale and id(a) not in known]
            dyn = {id(a) for a in self.dynamic}
            for a in candidates:
                a.set_animated(id(a) in dyn)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._signature = self._layout_signature()
            self.full_draws += 1
        else:
            canvas.restore_region(self._background)
        self._draw_dynamic()
        # 지금 모습이 모두 그려졌다: 다음 갱신이 바꾸는 것만 stale 로 남게 표시를 지운다
        # (그리는 도중에 배치가 바꾼 제목 위치 같은 것도 여기서 지운다).
        for a in self.fig.findobj():
            a.stale = False
        return _encode_canvas(self.fig)


def _encode_canvas(fig: Figure) -> bytes:
    """Agg 캔버스에 이미 그려진 픽셀을 PNG 로 빠르게 압축한다."""
    from PIL import Image

    canvas = fig.canvas
    w, h = canvas.get_width_height(physical=True)
    img = Image.frombuffer("RGBA", (w, h), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buf.getvalue()


def nice_upper(value: float) -> float:
    """value 이상인 가장 작은 '깔끔한' 수 (1, 2, 2.5, 5 × 10^k).

    갱신마다 축 범위를 데이터에 꼭 맞추면 범위가 늘 바뀌어 눈금 글자까지 다시 그려야 한다(Blitter 가
    빠른 길을 쓰지 못한다). 범위를 이 계단에 맞추면 슬라이더를 조금 움직일 때는 범위가 그대로다.
    """
    if not np.isfinite(value) or value <= 0:
        return 1.0
    exp = np.floor(np.log10(value))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * 10**exp >= value * (1 - 1e-12):
            return float(m * 10**exp)
    return float(10 ** (exp + 1))


def figure_alt_text(fig: Figure) -> str:
    """그림의 제목과 축 이름으로 한국어 대체 텍스트(alt)를 만든다 (화면 낭독기와 그림이 안 뜰 때를 위해).

    예: "그림: 거리에 따른 기울기 노름. 패널 1: tanh — 가로축 거리 T − t, 세로축 노름 (로그 축)."
    """
    parts = []
    sup = fig.get_suptitle().strip()
    texts = [t.get_text().strip() for t in fig.texts if t.get_visible() and t.get_text().strip() != sup]
    head = sup or next((t for t in texts if t), "")
    panels = []
    visible = [ax for ax in fig.axes if ax.get_visible()]
    for k, ax in enumerate(visible, 1):
        title = ax.get_title().strip() or ax.get_title(loc="left").strip()
        xl, yl = ax.get_xlabel().strip(), ax.get_ylabel().strip()
        desc = []
        if xl:
            desc.append(f"가로축 {xl}")
        if yl:
            desc.append(f"세로축 {yl}" + (" (로그 축)" if ax.get_yscale() == "log" else ""))
        if not (title or desc):
            labels = [t.get_text().strip() for t in ax.texts if t.get_visible() and t.get_text().strip()]
            if labels:  # 도식: 상자 안의 글자들
                desc.append("도식의 글자: " + ", ".join(dict.fromkeys(labels[:12])))
        if title or desc:
            panel = f"패널 {k}: {title}" if len(visible) > 1 else (title or "")
            panels.append((panel + (" — " if panel and desc else "") + ", ".join(desc)).strip())
    panels = [p for p in panels if p]
    if not head and panels:
        head = panels.pop(0)
    parts.append(f"그림: {head}" if head else "그림")
    parts += panels
    return _plain_math(". ".join(parts).replace("\n", " ")) + "."


# 그림 글자의 mathtext($…$)를 읽을 수 있는 글자로 바꾼다 (대체 텍스트용)
_MATH_WORDS = {r"\partial": "∂", r"\|": "‖", r"\sigma": "σ", r"\rho": "ρ", r"\prod": "∏", r"\sum": "Σ",
               r"\gamma": "γ", r"\odot": "⊙", r"\circ": "∘", r"\tanh": "tanh", r"\cdot": "·", r"\max": "max",
               r"\overrightarrow": "→", r"\overleftarrow": "←", r"\mathrm": "", r"\,": " ", r"\ ": " "}


def _plain_math(text: str) -> str:
    for tex, plain in _MATH_WORDS.items():
        text = text.replace(tex, plain)
    # 남은 명령어의 역슬래시, 달러 기호, 중괄호는 읽을 때 방해만 된다
    return re.sub(r"\\([A-Za-z]+)", r"\1", text).replace("$", "").replace("{", "").replace("}", "")
