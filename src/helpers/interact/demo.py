"""슬라이더 데모 한 개를 세 곳(살아 있는 커널, 커널 없는 HTML 책, 강의 슬라이드)에서 보여 주는 장치.

데모는 세 부품으로 만든다.

- ``compute(**params) -> dict`` : NumPy 계산(core)
- ``figure(**data) -> LiveFigure`` : 그림을 한 번 만들고, ``update(**data)`` 로 아티스트만 바꾼다(view)
- ``controls`` : :class:`Slider` 와 :class:`Choice` 의 목록

노트북에서는 ``my_demo().show()`` 한 줄이면 된다. 출력 하나에 두 표현이 함께 실린다.

- ``application/vnd.jupyter.widget-view+json`` : 슬라이더 + 같은 그림의 PNG
  (JupyterLab, Notebook, VS Code, RISE)
- ``text/html`` : ``to_jshtml`` 로 미리 계산한 스크러버 (HTML 책, 오프라인)

HTML 책은 ``_config.yml`` 의 ``nb_mime_priority_overrides`` 로 위젯 표현을 빼고 스크러버만 보여 준다.
"""

from __future__ import annotations

import asyncio
import base64
import importlib
import io
import pkgutil
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from typing import Any

import numpy as np

from helpers.view.base import (
    Blitter,
    LiveFigure,
    clear_message,
    figure_alt_text,
    freeze_layout,
    set_caption,
    show_message,
)
from helpers.view.style import use_book_style

__all__ = [
    "DEMOS",
    "MAX_SCRUBBER_BYTES",
    "Choice",
    "Demo",
    "Slider",
    "load_all_demos",
    "register_demo",
]

# 스크러버 HTML 크기의 상한: 페이지를 가볍게 유지한다.
MAX_SCRUBBER_BYTES = 1_500_000
# 기본 스크러버 프레임 수
DEFAULT_FRAMES = 12
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# 슬라이더 이벤트를 모으는 시간(초): 이 사이에 온 값 중 마지막 것만 그린다.
COALESCE_S = 0.02


def _decimals(step: float) -> int:
    """간격 step 을 나타내는 데 필요한 소수 자릿수."""
    text = f"{float(step):.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


@dataclass
class Slider:
    """연속 값 하나를 고르는 슬라이더.

    name : compute 에 넘길 인자 이름
    min, max, step, value : 범위, 간격, 처음 값 (min <= value <= max)
    label : 슬라이더 옆에 보일 한국어 이름
    readout_format : 값 표시 형식(예: ".2f"). None 이면 step 의 자릿수로 정한다.
    """

    name: str
    min: float
    max: float
    step: float
    value: float
    label: str | None = None
    readout_format: str | None = None

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ValueError(f"name: expected a Python identifier, got {self.name!r}")
        for arg in ("min", "max", "step", "value"):
            v = getattr(self, arg)
            if not isinstance(v, int | float | np.integer | np.floating) or not np.isfinite(v):
                raise ValueError(f"{arg}: expected a finite number for slider {self.name!r}, got {v!r}")
        if not self.min < self.max:
            raise ValueError(
                f"min, max: expected min < max for slider {self.name!r}, got {self.min}, {self.max}"
            )
        if not self.step > 0:
            raise ValueError(f"step: expected step > 0 for slider {self.name!r}, got {self.step}")
        if not self.min <= self.value <= self.max:
            raise ValueError(
                f"value: expected {self.min} <= value <= {self.max} for slider {self.name!r}, "
                f"got {self.value}"
            )
        if self.label is None:
            self.label = self.name
        if self.readout_format is None:
            self.readout_format = "d" if self.is_int else f".{_decimals(self.step)}f"

    @property
    def is_int(self) -> bool:
        return all(isinstance(v, int | np.integer) for v in (self.min, self.max, self.step, self.value))

    @property
    def default(self):
        return self.value

    def check(self, v):
        """값 v 가 범위 안에 있는지 검사하고 돌려준다."""
        if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating):
            raise ValueError(f"{self.name}: expected a number in [{self.min}, {self.max}], got {v!r}")
        tol = 1e-9 * max(1.0, abs(self.max - self.min))
        if not (self.min - tol <= v <= self.max + tol) or not np.isfinite(v):
            raise ValueError(f"{self.name}: expected a value in [{self.min}, {self.max}], got {v}")
        if self.is_int and float(v) != int(v):
            raise ValueError(f"{self.name}: expected an integer in [{self.min}, {self.max}], got {v}")
        return int(v) if self.is_int else float(v)

    def frame_values(self, n: int = DEFAULT_FRAMES) -> list:
        """스크러버 프레임 값: 범위를 고르게 나누고 step 에 맞춘다."""
        raw = np.linspace(self.min, self.max, n)
        snapped = self.min + np.round((raw - self.min) / self.step) * self.step
        snapped = np.clip(snapped, self.min, self.max)
        vals = []
        for v in snapped:
            v = int(round(v)) if self.is_int else round(float(v), 10)
            if v not in vals:
                vals.append(v)
        return vals

    def format(self, v) -> str:
        return format(v, self.readout_format)

    def widget(self):
        import ipywidgets as widgets

        cls = widgets.IntSlider if self.is_int else widgets.FloatSlider
        return cls(
            value=self.value,
            min=self.min,
            max=self.max,
            step=self.step,
            description=self.label,
            readout_format=self.readout_format,
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="min(32em, 100%)"),
        )


@dataclass
class Choice:
    """보기 중 하나를 고르는 컨트롤.

    options : [(보일 이름, 값), ...] 또는 [값, ...]
    value : 처음 값(options 의 값 중 하나)
    """

    name: str
    options: Sequence
    value: Any
    label: str | None = None
    _pairs: list = field(init=False, repr=False)

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ValueError(f"name: expected a Python identifier, got {self.name!r}")
        pairs = []
        for opt in self.options:
            if isinstance(opt, tuple) and len(opt) == 2:
                pairs.append((str(opt[0]), opt[1]))
            else:
                pairs.append((str(opt), opt))
        if not pairs:
            raise ValueError(f"options: expected at least one option for choice {self.name!r}, got none")
        self._pairs = pairs
        if self.label is None:
            self.label = self.name
        self.check(self.value, arg="value")

    @property
    def values(self) -> list:
        return [v for _, v in self._pairs]

    @property
    def default(self):
        return self.value

    def check(self, v, arg: str | None = None):
        if not any(v == ov for ov in self.values):
            raise ValueError(
                f"{arg or self.name}: expected one of {self.values} for {self.name!r}, got {v!r}"
            )
        return v

    def frame_values(self, n: int = DEFAULT_FRAMES) -> list:
        return self.values

    def format(self, v) -> str:
        for lab, ov in self._pairs:
            if ov == v:
                return lab
        return str(v)

    def widget(self):
        import ipywidgets as widgets

        return widgets.ToggleButtons(
            options=self._pairs,
            value=self.value,
            description=self.label,
            style={"description_width": "initial", "button_width": "auto"},
        )


Control = Slider | Choice


@contextmanager
def _strict_numerics():
    """계산과 그리기에서 나는 NumPy 경고와 matplotlib 경고를 예외로 바꿔 잡을 수 있게 한다."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            yield


_FRAME_RE = re.compile(r'(data:image/png;base64,)([A-Za-z0-9+/=\\\n]+)(")')
_CDN_LINK_RE = re.compile(r'<link rel="stylesheet"\s*href="https?://[^"]*font-awesome[^"]*">\s*')


def _shrink_png(png: bytes) -> bytes:
    """PNG 를 256색 팔레트 PNG 로 다시 압축한다(선 그림은 눈으로 구별되지 않고 2~3배 작아진다)."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    pal = img.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    pal.save(buf, format="PNG", optimize=True)
    out = buf.getvalue()
    return out if len(out) < len(png) else png


def _shrink_jshtml(html: str) -> str:
    """to_jshtml 의 프레임을 작게 다시 압축하고, 쓰이지 않는 CDN 글꼴 링크를 지운다(완전히 오프라인)."""

    def repl(m):
        png = base64.b64decode(m.group(2).replace("\\\n", ""))
        return m.group(1) + base64.b64encode(_shrink_png(png)).decode("ascii") + m.group(3)

    return _CDN_LINK_RE.sub("", _FRAME_RE.sub(repl, html))


def _describe_error(err: BaseException) -> str:
    name = type(err).__name__
    text = str(err).strip()
    if isinstance(err, FloatingPointError | OverflowError) or "overflow" in text:
        kind = "수치 계산이 넘쳤다(오버플로)"
    elif isinstance(err, ValueError):
        kind = "이 값에서는 계산할 수 없다"
    else:
        kind = "계산 중 오류가 났다"
    if len(text) > 160:
        text = text[:157] + "..."
    return f"{kind}: {name}: {text}" if text else f"{kind}: {name}"


class Demo:
    """슬라이더 데모 하나.

    compute : callable(**params) -> dict, 컨트롤 값으로 그림에 넘길 배열들을 계산한다
    figure : callable(**data) -> LiveFigure, 그림을 처음 한 번 만든다
    controls : Slider / Choice 의 목록 (이름이 compute 의 인자 이름)
    scrub : HTML 스크러버가 훑을 컨트롤 이름
    scrub_values : 스크러버 프레임 값 (None 이면 범위를 고르게 나눈 약 12개)
    title : 그림 위 큰 제목에 현재 값과 함께 쓴다
    dpi : 살아 있는 그림의 해상도 (None 이면 그림 함수가 정한 값)
    freeze_layout : True 면 처음 값으로 한 번 배치(constrained layout 등)한 뒤 축, 제목, 축 이름의 위치를
        고정한다(helpers.view.base.freeze_layout). 갱신마다 배치를 다시 계산하지 않아 그리기가 크게
        빨라지고, 스크러버에서 축이 흔들리지 않는다. 눈금 글자 폭이 크게 바뀌는 그림은 False 로 둔다.
    """

    def __init__(
        self,
        compute: Callable[..., dict],
        figure: Callable[..., LiveFigure],
        controls: Sequence[Control],
        scrub: str,
        scrub_values: Sequence | None = None,
        title: str | None = None,
        dpi: float | None = None,
        freeze_layout: bool = True,
    ):
        if not callable(compute):
            raise ValueError(f"compute: expected a callable, got {type(compute).__name__}")
        if not callable(figure):
            raise ValueError(f"figure: expected a callable, got {type(figure).__name__}")
        controls = list(controls)
        if not controls or not all(isinstance(c, Slider | Choice) for c in controls):
            raise ValueError(f"controls: expected a non-empty list of Slider / Choice, got {controls!r}")
        names = [c.name for c in controls]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"controls: expected unique names, got duplicates {dup}")
        self.controls = {c.name: c for c in controls}
        if scrub not in self.controls:
            raise ValueError(f"scrub: expected one of the control names {names}, got {scrub!r}")
        self.scrub = scrub
        if scrub_values is not None:
            scrub_values = [self.controls[scrub].check(v) for v in scrub_values]
            if not scrub_values:
                raise ValueError("scrub_values: expected at least one value, got none")
        self.scrub_values = scrub_values
        if dpi is not None and not (isinstance(dpi, int | float) and dpi > 0):
            raise ValueError(f"dpi: expected a positive number, got {dpi!r}")
        self.compute = compute
        self.figure = figure
        self.title = title
        self.dpi = dpi
        self.freeze_layout = bool(freeze_layout)
        self.values = {c.name: c.default for c in controls}
        self._live: LiveFigure | None = None
        self._blitter: Blitter | None = None
        self._last_good: dict | None = None
        self._widget = None
        self._image = None
        self._pending: dict = {}
        self._flush_scheduled = False
        self.renders = 0  # 위젯이 실제로 그린 횟수 (모아 그리기 확인용)
        self.last_error: str | None = None

    # ------------------------------------------------------------------ 값 검사
    def _params(self, params: dict) -> dict:
        """현재 값에 params 를 덮어쓴 새 dict. 모르는 이름이나 범위 밖 값이면 ValueError."""
        unknown = sorted(set(params) - set(self.controls))
        if unknown:
            raise ValueError(f"{unknown[0]}: unknown control; expected one of {list(self.controls)}")
        merged = dict(self.values)
        for name, v in params.items():
            merged[name] = self.controls[name].check(v)
        return merged

    def _caption(self, params: dict) -> str:
        c = self.controls[self.scrub]
        value = f"{c.label} = {c.format(params[self.scrub])}"
        return f"{self.title} · {value}" if self.title else value

    # ------------------------------------------------------------------ 그림
    @property
    def live_figure(self) -> LiveFigure:
        """처음 값으로 만든 그림 (한 번만 만든다)."""
        if self._live is None:
            use_book_style()
            data = self.compute(**self.values)
            live = self.figure(**data)
            if not isinstance(live, LiveFigure):
                raise ValueError(f"figure: expected a LiveFigure(fig, update), got {type(live).__name__}")
            if self.dpi is not None:
                live.fig.set_dpi(self.dpi)
            self._live = live
            self._last_good = data
            set_caption(live.fig, self._caption(self.values))
            if self.freeze_layout:
                # 처음 값으로 한 번 배치한 뒤 축, 제목, 축 이름의 위치를 고정한다(갱신마다 다시 계산하지 않는다).
                freeze_layout(live.fig)
            # 갱신마다 바뀐 아티스트만 다시 그린다 (helpers.view.base.Blitter).
            self._blitter = Blitter(live.fig)
        return self._live

    @property
    def fig(self):
        return self.live_figure.fig

    def _apply(self, params: dict, *, encode: bool = False, draw: bool = True) -> bytes | None:
        """params 로 계산해 그림을 제자리에서 바꾸고 그린다(encode 면 PNG 바이트도 돌려준다).

        draw=False 면 그리지 않는다(스크러버: savefig 가 어차피 그린다).

        compute, update, 그리기에서 난 예외와 경고는 밖으로 내보내지 않는다: 직전의 올바른 데이터를
        다시 그리고, 그림 가운데에 한국어 안내 문구를 띄운다. 다음에 성공하면 문구는 사라진다.
        """
        live = self.live_figure
        fig = live.fig
        set_caption(fig, self._caption(params))
        try:
            with _strict_numerics():
                data = self.compute(**params)
                live.update(**data)
                clear_message(fig)
                # 그리기 중의 경고(예: 같은 ylim)도 여기서 잡는다. 그리기는 한 번만 한다.
                png = self._blitter.png() if encode else None
                if draw and not encode:
                    fig.canvas.draw()
                    self._blitter.invalidate()
        except Exception as err:  # noqa: BLE001 - 어떤 오류든 그림 안의 문구로 보여 준다
            self.last_error = _describe_error(err)
            where = ", ".join(
                f"{self.controls[n].label} = {self.controls[n].format(v)}" for n, v in params.items()
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    live.update(**self._last_good)
                except Exception:  # noqa: BLE001 - 직전 데이터로도 안 되면 문구만 보여 준다
                    pass
                show_message(fig, f"{where} 에서\n{self.last_error}\n직전 값의 그림을 그대로 보여 준다.")
                png = self._blitter.png() if encode else None
            return png
        self._last_good = data
        self.last_error = None
        return png

    def update(self, **params) -> bytes:
        """살아 있는 갱신 한 번: 계산 → 아티스트 갱신 → 그리기 → PNG. PNG 바이트를 돌려준다."""
        merged = self._params(params)
        _ = self.live_figure  # 그림은 처음 값으로 먼저 만든다(잘못된 값으로 만들지 않게)
        self.values = merged
        png = self._apply(merged, encode=True)
        if self._image is not None:
            self._image.value = png
        return png

    def naive_update(self, **params) -> bytes:
        """비교 기준: 그림을 처음부터 새로 만들고 PNG 로 바꾼 뒤 버린다(inline 백엔드의 interact 와 같다)."""
        merged = self._params(params)
        use_book_style()
        live = self.figure(**self.compute(**merged))
        fig = live.fig
        if self.dpi is not None:
            fig.set_dpi(self.dpi)
        set_caption(fig, self._caption(merged))
        buf = io.BytesIO()
        # IPython 의 inline 백엔드처럼 그림의 dpi 로, 여백을 잘라 저장한다.
        fig.savefig(buf, format="png", dpi=fig.dpi, bbox_inches="tight")
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close(fig)
        return buf.getvalue()

    # ------------------------------------------------------------------ 살아 있는 위젯
    def live(self):
        """슬라이더와 같은 그림의 PNG 를 담은 ipywidgets 위젯을 돌려준다."""
        if self._widget is not None:
            return self._widget
        import ipywidgets as widgets

        self._image = widgets.Image(
            value=self._apply(self.values, encode=True),
            format="png",
            layout=widgets.Layout(max_width="100%", height="auto"),
        )
        sliders = []
        for c in self.controls.values():
            w = c.widget()
            w.value = self.values[c.name]

            def on_change(change, name=c.name):
                self._on_widget_change(name, change["new"])

            w.observe(on_change, names="value")
            sliders.append(w)
        children = [widgets.HBox(sliders, layout=widgets.Layout(flex_flow="row wrap")), self._image]
        self._widget = widgets.VBox(children)
        return self._widget

    def _on_widget_change(self, name: str, value) -> None:
        """슬라이더가 움직였다. 커널의 이벤트 루프 안이면 잠깐(COALESCE_S) 모았다가 마지막 값으로 한 번만
        그린다: 끌기가 그리기보다 빠르면 중간 값을 건너뛰어 그림이 손을 놓친 뒤에도 한참 따라오지 않게 한다."""
        self._pending[name] = value
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # 이벤트 루프 밖(테스트, 스크립트): 곧바로 그린다
            self._flush()
            return
        if not self._flush_scheduled:
            self._flush_scheduled = True
            loop.call_later(COALESCE_S, self._flush)

    def _flush(self) -> None:
        self._flush_scheduled = False
        params, self._pending = self._pending, {}
        if not params:
            return
        self.renders += 1
        try:
            self.update(**params)
        except Exception as err:  # noqa: BLE001 - 이벤트 루프 콜백에서 예외가 새지 않게 한다
            show_message(self.fig, _describe_error(err))
            if self._image is not None:
                self._image.value = self._blitter.png()

    # ------------------------------------------------------------------ 스크러버
    def scrubber(self, values: Sequence | None = None, *, fps: float = 2.0):
        """커널 없이 움직이는 스크러버(IPython.display.HTML)를 만든다.

        values : 프레임마다 쓸 scrub 컨트롤의 값 (None 이면 scrub_values 또는 고르게 나눈 약 12개)
        HTML 이 MAX_SCRUBBER_BYTES 를 넘으면 dpi 를 낮춰 다시 만들고, 그래도 크면 ValueError.
        만든 뒤 그림은 현재 컨트롤 값으로 되돌린다.
        """
        from IPython.display import HTML

        html = self.scrubber_html(values, fps=fps)
        return HTML(html)

    def scrubber_html(self, values: Sequence | None = None, *, fps: float = 2.0) -> str:
        """:meth:`scrubber` 의 HTML 문자열."""
        import matplotlib as mpl
        from matplotlib.animation import FuncAnimation

        c = self.controls[self.scrub]
        if values is None:
            values = self.scrub_values if self.scrub_values is not None else c.frame_values()
        else:
            values = [c.check(v) for v in values]
            if not values:
                raise ValueError("values: expected at least one frame value, got none")
        values = list(values)
        fig = self.fig
        base_dpi = fig.dpi
        saved = dict(self.values)

        # 처음에는 savefig 의 그리기 한 번만 쓴다. 그리기에서 오류가 나면 프레임마다 먼저 그려서
        # 오류를 그림 안의 문구로 바꾸는 느린 길로 다시 만든다.
        check_draw = False

        def frame(v):
            self._apply({**saved, self.scrub: v}, draw=check_draw)
            return []

        def render(dpi):
            anim = FuncAnimation(
                fig,
                frame,
                frames=values,
                init_func=lambda: [],
                interval=1000.0 / fps,
                repeat=False,
                blit=False,
            )
            try:
                with warnings.catch_warnings(), mpl.rc_context({"savefig.dpi": dpi, "savefig.bbox": None}):
                    warnings.simplefilter("ignore")
                    html = _shrink_jshtml(anim.to_jshtml(fps=fps, default_mode="once"))
                    # 프레임 그림에 한국어 대체 텍스트를 단다 (화면 낭독기, 그림이 뜨지 않을 때). 크기 검사에 포함된다.
                    return html.replace('<img id="_anim_img', f'<img alt="{alt}" id="_anim_img', 1)
            finally:
                # 애니메이션이 그림의 이벤트에 건 콜백을 떼어 낸다(이후의 살아 있는 갱신과 무관하게).
                fig.canvas.mpl_disconnect(anim._first_draw_id)
                anim._stop()

        label = self.controls[self.scrub].label
        alt = escape(f"{figure_alt_text(fig)} 아래 프레임 슬라이더로 {label} 값을 바꾸며 본다.", quote=True)
        html = None
        sizes = []
        try:
            for scale in (1.0, 0.8, 0.65, 0.5):
                dpi = base_dpi * scale
                try:
                    html = render(dpi)
                except Exception:  # noqa: BLE001 - 그리기 오류: 프레임마다 검사하며 다시 만든다
                    check_draw = True
                    html = render(dpi)
                sizes.append(len(html.encode("utf-8")))
                if sizes[-1] <= MAX_SCRUBBER_BYTES:
                    break
            else:
                raise ValueError(
                    f"scrubber: HTML of {len(values)} frames is {sizes[-1]:,} bytes even at dpi {dpi:.0f}, "
                    f"over the {MAX_SCRUBBER_BYTES:,}-byte limit; pass fewer values or a smaller figure"
                )
        finally:
            fig.set_dpi(base_dpi)
            self._blitter.invalidate()  # savefig 가 그림을 다시 그렸다
            self._apply(saved)
        return html

    # ------------------------------------------------------------------ 표시
    def mimebundle(self) -> dict:
        """show() 가 내보내는 mime 묶음: 위젯 표현 + 스크러버 HTML + 글자 표현."""
        widget = self.live()
        bundle = widget._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data = dict(data or {})
        out = {
            "text/html": self.scrubber_html(),
            "text/plain": f"<슬라이더 데모: {self.title or self.scrub}>",
        }
        if WIDGET_MIME in data:
            out[WIDGET_MIME] = data[WIDGET_MIME]
        return out

    def show(self) -> None:
        """출력 하나로 보여 준다: 커널이 있으면 슬라이더, HTML 책에서는 스크러버."""
        from IPython.display import display

        display(self.mimebundle(), raw=True)

    def __repr__(self) -> str:
        ctrl = ", ".join(self.controls)
        return f"Demo(title={self.title!r}, controls=[{ctrl}], scrub={self.scrub!r})"


# ---------------------------------------------------------------------- 등록부
DEMOS: dict[str, Callable[[], Demo]] = {}


def register_demo(name: str):
    """데모를 만드는 함수를 이름으로 등록하는 데코레이터. 벤치마크와 일반 테스트가 DEMOS 를 돈다."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"name: expected a non-empty string, got {name!r}")

    def deco(factory):
        old = DEMOS.get(name)
        key = (factory.__module__, factory.__qualname__)
        if old is not None and (old.__module__, old.__qualname__) != key:
            raise ValueError(
                f"name: demo {name!r} is already registered by {old.__module__}.{old.__qualname__}"
            )
        DEMOS[name] = factory
        factory.demo_name = name
        return factory

    return deco


def load_all_demos() -> dict[str, Callable[[], Demo]]:
    """helpers.interact 아래 모든 모듈을 불러와 등록된 데모 전부를 돌려준다."""
    import helpers.interact as pkg

    for mod in pkgutil.iter_modules(pkg.__path__, prefix=pkg.__name__ + "."):
        importlib.import_module(mod.name)
    return dict(sorted(DEMOS.items()))
