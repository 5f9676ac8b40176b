"""살아 있는 커널의 데모 화면: ipywidgets 컨트롤들과 같은 그림의 PNG.

슬라이더가 움직이면 :meth:`helpers.interact.demo.Demo.update` 로 같은 그림을 제자리에서 바꾸고 PNG 를
``widgets.Image`` 에 넣는다. 커널의 이벤트 루프 안에서는 잠깐(:data:`COALESCE_S`) 모았다가 마지막 값으로 한
번만 그린다: 끌기가 그리기보다 빠르면 중간 값을 건너뛰어, 손을 놓은 뒤에도 그림이 한참 따라오지 않게 한다.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from helpers.view.base import show_message

from ._errors import describe_error

if TYPE_CHECKING:
    from .demo import Demo

__all__ = ["COALESCE_S", "LiveWidget"]

# 슬라이더 이벤트를 모으는 시간(초): 이 사이에 온 값 중 마지막 것만 그린다.
COALESCE_S = 0.02


class LiveWidget:
    """데모 하나의 위젯 화면. ``view`` 가 노트북에 보일 ``VBox`` (컨트롤 줄 + 그림)다.

    renders : 실제로 그린 횟수 (모아 그리기를 시험할 때 쓴다)
    """

    def __init__(self, demo: Demo):
        import ipywidgets as widgets

        self.demo = demo
        self.renders = 0
        self._pending: dict = {}
        self._flush_scheduled = False
        self.image = widgets.Image(
            value=demo.render(demo.values),
            format="png",
            layout=widgets.Layout(max_width="100%", height="auto"),
        )
        controls = []
        for c in demo.controls.values():
            w = c.widget()
            w.value = demo.values[c.name]

            def on_change(change, name=c.name):
                self.on_change(name, change["new"])

            w.observe(on_change, names="value")
            controls.append(w)
        row = widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap"))
        self.view = widgets.VBox([row, self.image])

    def show_png(self, png: bytes) -> None:
        self.image.value = png

    def on_change(self, name: str, value) -> None:
        """컨트롤 하나가 바뀌었다. 이벤트 루프 안이면 모았다가 그리고, 밖이면(시험, 스크립트) 곧바로 그린다."""
        self._pending[name] = value
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # 이벤트 루프 밖
            self.flush()
            return
        if not self._flush_scheduled:
            self._flush_scheduled = True
            loop.call_later(COALESCE_S, self.flush)

    def flush(self) -> None:
        """모인 값으로 한 번 그린다."""
        self._flush_scheduled = False
        params, self._pending = self._pending, {}
        if not params:
            return
        self.renders += 1
        try:
            self.demo.update(**params)  # 계산과 그리기의 오류는 update 가 그림 안의 문구로 바꾼다
        except ValueError as err:  # 컨트롤이 범위 밖 값을 보냈다: 이벤트 루프 콜백에서 예외가 새지 않게 한다
            show_message(self.demo.fig, describe_error(err))
            self.show_png(self.demo.png())
