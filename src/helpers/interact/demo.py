"""슬라이더 데모 한 개를 세 곳(살아 있는 커널, 커널 없는 HTML 책, 강의 슬라이드)에서 보여 주는 장치.

데모는 세 부품으로 만든다.

- ``compute(**params) -> dict`` : NumPy 계산(core)
- ``figure(**data) -> LiveFigure`` : 그림을 한 번 만들고, ``update(**data)`` 로 아티스트만 바꾼다(view)
- ``controls`` : :class:`Slider` 와 :class:`Choice` 의 목록

노트북에서는 ``my_demo().show()`` 한 줄이면 된다. 출력 하나에 두 표현이 함께 실린다.

- ``application/vnd.jupyter.widget-view+json`` : 컨트롤 + 같은 그림의 PNG (JupyterLab, Notebook, VS Code, RISE)
- ``text/html`` : 미리 그린 스크러버 (HTML 책과 정적 슬라이드, 오프라인)

HTML 책은 ``_config.yml`` 의 ``nb_mime_priority_overrides`` 로 위젯 표현을 빼고 스크러버만 보여 준다.

이 모듈은 ``Demo`` 가 부품들을 잇는 곳이다. 각 부품은 자기 모듈에 있다 (이름 앞의 밑줄은 이 장치 안에서만 쓴다는 뜻).

| 모듈 | 하는 일 |
|---|---|
| ``_controls`` | 슬라이더와 선택 단추: 값 검사, 표시 형식, 스크러버 프레임 값 |
| ``_errors`` | 경고까지 오류로 바꾸는 엄격한 계산, 잡은 오류의 한국어 문장 |
| ``_live`` | 살아 있는 커널의 위젯 화면과 이벤트 모아 그리기 |
| ``_scrubber`` | 커널 없는 스크러버 HTML (프레임, 이름과 값이 붙은 슬라이더) |
| ``_compress`` | 프레임 PNG 를 작게 다시 압축 |
| ``_registry`` | ``@register_demo`` 와 ``load_all_demos`` |
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence

from helpers.view.base import (
    Blitter,
    LiveFigure,
    clear_message,
    freeze_layout,
    set_caption,
    show_message,
)
from helpers.view.style import use_book_style

from . import _scrubber
from ._controls import Choice, Control, Slider
from ._errors import VALUE_ERRORS, describe_error, strict_numerics
from ._live import LiveWidget
from ._registry import DEMOS, load_all_demos, register_demo
from ._scrubber import MAX_SCRUBBER_BYTES

# 데모를 만드는 사람이 쓰는 이름 (helpers.interact 에도 실린다). 부품 모듈(_controls 등)은 이 장치 안에서만 쓴다.
__all__ = ["DEMOS", "MAX_SCRUBBER_BYTES", "Choice", "Demo", "Slider", "load_all_demos", "register_demo"]

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


class Demo:
    """슬라이더 데모 하나.

    compute : callable(**params) -> dict, 컨트롤 값으로 그림에 넘길 배열들을 계산한다
    figure : callable(**data) -> LiveFigure, 그림을 처음 한 번 만든다
    controls : Slider / Choice 의 목록 (이름이 compute 의 인자 이름)
    scrub : HTML 스크러버가 훑을 컨트롤 이름
    scrub_values : 스크러버 프레임 값 (None 이면 범위를 고르게 나눈 약 12개)
    scrub2 : 수업에 두 매개변수가 함께 필요하면 스크러버의 두 번째 슬라이더로 쓸 컨트롤 이름 (None 이면 없다).
        프레임은 두 값의 모든 조합(격자)이므로 값 수를 작게 둔다(scrub2_values, 기본 4개).
    scrub2_values : 두 번째 슬라이더의 프레임 값
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
        scrub2: str | None = None,
        scrub2_values: Sequence | None = None,
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
        if scrub2 is not None and (scrub2 not in self.controls or scrub2 == scrub):
            raise ValueError(f"scrub2: expected None or a control name other than {scrub!r}, got {scrub2!r}")
        if scrub2 is None and scrub2_values is not None:
            raise ValueError("scrub2_values: expected None when scrub2 is None")
        self.scrub, self.scrub2 = scrub, scrub2
        self.scrub_values = self._frame_values(scrub, scrub_values, "scrub_values")
        self.scrub2_values = self._frame_values(scrub2, scrub2_values, "scrub2_values")
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
        self._live_widget: LiveWidget | None = None
        self.last_error: str | None = None

    def _frame_values(self, name: str | None, values: Sequence | None, arg: str) -> list | None:
        if values is None:
            return None
        checked = [self.controls[name].check(v) for v in values]
        if not checked:
            raise ValueError(f"{arg}: expected at least one value, got none")
        return checked

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

    def caption(self, params: dict) -> str:
        """그림의 큰 제목: "게이트 값과 장기 기억 · 삭제 게이트 f = 0.90" (스크러버 컨트롤들의 값)."""
        shown = [n for n in (self.scrub, self.scrub2) if n is not None]
        value = ", ".join(self.controls[n].describe(params[n]) for n in shown)
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
            set_caption(live.fig, self.caption(self.values))
            if self.freeze_layout:
                # 처음 값으로 한 번 배치한 뒤 축, 제목, 축 이름의 위치를 고정한다(갱신마다 다시 계산하지 않는다).
                freeze_layout(live.fig)
            # 갱신마다 바뀐 아티스트만 다시 그린다 (helpers.view.base.Blitter).
            self._blitter = Blitter(live.fig)
        return self._live

    @property
    def fig(self):
        return self.live_figure.fig

    def png(self) -> bytes:
        """지금 그림의 PNG 바이트 (바뀐 것만 다시 그린다)."""
        _ = self.live_figure
        return self._blitter.png()

    def render(self, params: dict) -> bytes:
        """params 로 계산해 그림을 제자리에서 바꾸고 그린 PNG 바이트. self.values 는 바꾸지 않는다.

        이 값에서 계산이나 그리기가 실패하면(:data:`helpers.interact._errors.VALUE_ERRORS`: 인자 오류,
        넘침, 경고) 예외를 내보내지 않는다: 직전의 올바른 데이터를 다시 그리고, 그림 가운데에 한국어 안내
        문구를 띄운다. 다음에 성공하면 문구는 사라진다. 그 밖의 예외는 코드의 잘못이므로 그대로 나간다.
        """
        live = self.live_figure
        fig = live.fig
        set_caption(fig, self.caption(params))
        try:
            with strict_numerics():
                data = self.compute(**params)
                live.update(**data)
                clear_message(fig)
                # 그리기 중의 경고(예: 같은 ylim)도 여기서 잡는다. 그리기는 한 번만 한다.
                png = self._blitter.png()
        except VALUE_ERRORS as err:
            self.last_error = describe_error(err)
            where = ", ".join(self.controls[n].describe(v) for n, v in params.items())
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    live.update(**self._last_good)
                except VALUE_ERRORS:  # 직전 데이터로도 안 되면 문구만 보여 준다
                    pass
                show_message(fig, f"{where} 에서\n{self.last_error}\n직전 값의 그림을 그대로 보여 준다.")
                return self._blitter.png()
        self._last_good = data
        self.last_error = None
        return png

    def update(self, **params) -> bytes:
        """살아 있는 갱신 한 번: 계산 → 아티스트 갱신 → 그리기 → PNG. PNG 바이트를 돌려준다."""
        merged = self._params(params)
        _ = self.live_figure  # 그림은 처음 값으로 먼저 만든다(잘못된 값으로 만들지 않게)
        self.values = merged
        png = self.render(merged)
        if self._live_widget is not None:
            self._live_widget.show_png(png)
        return png

    # ------------------------------------------------------------------ 세 곳에 보이기
    def live(self):
        """컨트롤과 같은 그림의 PNG 를 담은 ipywidgets 위젯(VBox)을 돌려준다 (helpers.interact._live)."""
        if self._live_widget is None:
            self._live_widget = LiveWidget(self)
        return self._live_widget.view

    def scrubber_html(self, values: Sequence | None = None, values2: Sequence | None = None) -> str:
        """커널 없이 움직이는 스크러버의 HTML (helpers.interact._scrubber).

        values, values2 : scrub, scrub2 컨트롤의 프레임 값 (None 이면 scrub_values 또는 고르게 나눈 값)
        HTML 이 MAX_SCRUBBER_BYTES 를 넘으면 해상도를 낮춰 다시 만들고, 그래도 크면 ValueError.
        """
        return _scrubber.scrubber_html(self, values, values2)

    def scrubber(self, values: Sequence | None = None, values2: Sequence | None = None):
        """:meth:`scrubber_html` 을 IPython.display.HTML 로 돌려준다."""
        from IPython.display import HTML

        return HTML(self.scrubber_html(values, values2))

    def mimebundle(self) -> dict:
        """show() 가 내보내는 mime 묶음: 위젯 표현 + 스크러버 HTML + 글자 표현.

        Jupyter 서버의 커널 안에서는(슬라이더가 살아 있다) 스크러버 대신 지금 그림 한 장을 싣는다
        (:func:`helpers.interact._scrubber.scrubber_wanted`).
        """
        widget = self.live()
        bundle = widget._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data = dict(data or {})
        out = {
            "text/html": (
                self.scrubber_html()
                if _scrubber.scrubber_wanted()
                else _scrubber.still_html(self, self._live_widget.image.value)
            ),
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
