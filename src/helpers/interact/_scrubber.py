"""커널 없는 HTML 책과 정적 슬라이드의 스크러버: 미리 그린 프레임 + 이름과 값이 붙은 범위 입력 + 작은 스크립트.

데모의 scrub 컨트롤(그리고 있으면 두 번째 컨트롤 scrub2)의 값마다 같은 그림을 그려 PNG 로 담는다. 독자는
"삭제 게이트 f = 0.90" 처럼 한국어 이름과 지금 값이 붙은 슬라이더(``<input type="range">``)로 프레임을
고른다. 화살표 키, Home/End 로도 움직인다. 재생 단추는 없다: 매개변수는 시간이 아니다.

- 네트워크 없이 동작한다: 프레임은 data: URI, 서식과 스크립트는 HTML 안에 있다.
- 자바스크립트가 없어도 처음 값의 그림과 그 값이 보인다.
- 크기가 :data:`MAX_SCRUBBER_BYTES` 를 넘으면 해상도를 낮춰 다시 그리고, 그래도 크면 ValueError.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import os
import re
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from helpers.view.base import figure_alt_text

from ._compress import shrink_png
from ._controls import Choice, Control

if TYPE_CHECKING:
    from .demo import Demo

__all__ = [
    "MAX_SCRUBBER_BYTES",
    "SCRUBBER_CLASS",
    "SCRUBBER_ENV",
    "player_html",
    "read_player_html",
    "scrubber_html",
    "scrubber_wanted",
    "still_html",
]

# 스크러버 HTML 크기의 상한: 한 쪽에 데모가 셋이어도 쪽 무게(3 MB) 안에 든다.
MAX_SCRUBBER_BYTES = 1_500_000
# 크기가 넘칠 때 차례로 써 보는 해상도 배율
DPI_SCALES = (1.0, 0.8, 0.65, 0.5)
# 두 번째 컨트롤의 기본 프레임 수 (격자가 너무 커지지 않게)
DEFAULT_SECOND_FRAMES = 4
SCRUBBER_CLASS = "rnn-scrubber"
# show() 가 스크러버를 만들지 정하는 환경 변수 (scrubber_wanted)
SCRUBBER_ENV = "RNN_BOOK_SCRUBBER"

_CSS = """
.rnn-scrubber { margin: 0.5em 0 1em 0; max-width: 100%; }
.rnn-scrubber img { display: block; max-width: 100%; height: auto; }
.rnn-scrubber-controls { display: flex; flex-wrap: wrap; gap: 0.3em 2em; margin-top: 0.4em; }
.rnn-scrubber label { display: flex; flex-wrap: wrap; align-items: center; gap: 0.2em 0.8em;
  flex: 1 1 20em; max-width: 40em; margin: 0; font-size: 1em; cursor: pointer; }
.rnn-scrubber-readout { white-space: nowrap; font-variant-numeric: tabular-nums; }
.rnn-scrubber input[type="range"] { flex: 1 1 10em; min-width: 8em; margin: 0; accent-color: #0072B2; }
"""

# 범위 입력을 옮기면 그 값들의 프레임을 보이고 이름 옆의 값을 바꾼다. 프레임은 JSON 안의 base64 PNG 이고,
# 처음 값의 프레임은 <img> 에만 있다(같은 그림을 두 번 싣지 않는다).
_JS = """
(function () {
  var root = document.getElementById("%(uid)s");
  if (!root || root.getAttribute("data-ready")) return;
  root.setAttribute("data-ready", "1");
  var data = JSON.parse(root.querySelector("script.rnn-scrubber-data").textContent);
  var img = root.querySelector("img");
  var first = img.getAttribute("src");
  var inputs = root.querySelectorAll("input[type=range]");
  var outputs = root.querySelectorAll("output");
  function show() {
    var k = 0;
    for (var a = 0; a < inputs.length; a++) {
      var axis = data.axes[a], i = Number(inputs[a].value);
      k = k * axis.values.length + i;
      outputs[a].textContent = axis.values[i];
      inputs[a].setAttribute("aria-valuetext", axis.label + " = " + axis.values[i]);
    }
    img.setAttribute("src", data.frames[k] ? "data:image/png;base64," + data.frames[k] : first);
  }
  for (var a = 0; a < inputs.length; a++) inputs[a].addEventListener("input", show);
})();
"""


def _nearest(control: Control, values: list, current) -> int:
    """values 가운데 current 에 가장 가까운 값의 번호 (처음 보일 프레임)."""
    if isinstance(control, Choice):
        return next((i for i, v in enumerate(values) if v == current), 0)
    return min(range(len(values)), key=lambda i: abs(float(values[i]) - float(current)))


def player_html(frames: Sequence[bytes], axes: Sequence[tuple[Control, list]], initial: Sequence[int],
                alt: str) -> str:
    """프레임과 축(컨트롤, 값들)으로 스크러버 HTML 을 만든다.

    frames : PNG 바이트, 축의 모든 값 조합을 첫 축부터 차례로 (len = 축마다 값 수의 곱)
    axes : [(컨트롤, 값 목록)] 하나나 둘
    initial : 축마다 처음 보일 값의 번호
    alt : 그림의 한국어 대체 텍스트
    """
    sizes = [len(values) for _, values in axes]
    if not 1 <= len(axes) <= 2:
        raise ValueError(f"axes: expected one or two (control, values) pairs, got {len(axes)}")
    if len(frames) != math.prod(sizes):
        raise ValueError(f"frames: expected {math.prod(sizes)} frames for axes of sizes {sizes}, got {len(frames)}")
    encoded = [base64.b64encode(png).decode("ascii") for png in frames]
    k0 = 0
    for i, n in zip(initial, sizes, strict=True):
        k0 = k0 * n + i
    uid = "rnn-scrubber-" + hashlib.sha1("".join(encoded).encode("ascii")).hexdigest()[:12]
    data = {
        "axes": [{"label": c.label, "values": [c.format(v) for v in values]} for c, values in axes],
        "frames": ["" if k == k0 else e for k, e in enumerate(encoded)],
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    rows = []
    for (c, values), i in zip(axes, initial, strict=True):
        shown = escape(c.format(values[i]))
        rows.append(
            f'<label><span class="rnn-scrubber-readout">{escape(c.label)} = <output>{shown}</output></span>'
            f'<input type="range" min="0" max="{len(values) - 1}" step="1" value="{i}" '
            f'aria-valuetext="{escape(c.describe(values[i]), quote=True)}"></label>'
        )
    return (
        f'<div class="{SCRUBBER_CLASS}" id="{uid}" lang="ko">\n'
        f"<style>{_CSS}</style>\n"
        f'<img src="data:image/png;base64,{encoded[k0]}" alt="{escape(alt, quote=True)}">\n'
        f'<div class="rnn-scrubber-controls">{"".join(rows)}</div>\n'
        f'<script type="application/json" class="rnn-scrubber-data">{payload}</script>\n'
        f"<script>{_JS % {'uid': uid}}</script>\n"
        "</div>"
    )


_DATA_RE = re.compile(r'<script type="application/json" class="rnn-scrubber-data">(.*?)</script>', re.S)
_FIRST_RE = re.compile(r'<img src="data:image/png;base64,([^"]+)"')


def read_player_html(html: str) -> dict:
    """:func:`player_html` 이 만든 HTML 을 다시 읽는다 (시험용).

    돌려주는 값: {"axes": [{"label", "values"(보이는 글자)}], "frames": [base64 PNG 또는 처음 프레임이면 ""],
    "first": 처음 보이는 프레임의 base64 PNG}
    """
    payload, first = _DATA_RE.search(html), _FIRST_RE.search(html)
    if payload is None or first is None:
        raise ValueError("html: expected a scrubber made by player_html, got no frame data")
    data = json.loads(payload.group(1).replace("<\\/", "</"))
    data["first"] = first.group(1)
    return data


def scrub_axes(demo: Demo, values: Sequence | None = None, values2: Sequence | None = None) -> list:
    """스크러버의 축: [(scrub 컨트롤, 값들)] 에 scrub2 가 있으면 [(scrub2 컨트롤, 값들)] 을 더한다."""
    axes = []
    for name, given, default, n in (
        (demo.scrub, values, demo.scrub_values, None),
        (demo.scrub2, values2, demo.scrub2_values, DEFAULT_SECOND_FRAMES),
    ):
        if name is None:
            continue
        c = demo.controls[name]
        if given is None:
            vals = default if default is not None else (c.frame_values(n) if n else c.frame_values())
        else:
            vals = [c.check(v) for v in given]
            if not vals:
                raise ValueError(f"values: expected at least one frame value for {name!r}, got none")
        axes.append((c, list(vals)))
    return axes


def scrubber_html(demo: Demo, values: Sequence | None = None, values2: Sequence | None = None) -> str:
    """데모의 스크러버 HTML. 만든 뒤 그림은 지금 컨트롤 값으로 되돌린다.

    values, values2 : scrub, scrub2 컨트롤의 프레임 값 (None 이면 데모가 정한 값 또는 고르게 나눈 값)
    """
    axes = scrub_axes(demo, values, values2)
    fig = demo.fig
    base_dpi = fig.dpi
    saved = dict(demo.values)
    initial = [_nearest(c, vals, saved[c.name]) for c, vals in axes]
    label = " 와 ".join(c.label for c, _ in axes)
    sizes = []
    try:
        for scale in DPI_SCALES:
            fig.set_dpi(base_dpi * scale)
            frames = []
            for combo in itertools.product(*(vals for _, vals in axes)):
                params = {**saved, **{c.name: v for (c, _), v in zip(axes, combo, strict=True)}}
                frames.append(shrink_png(demo.render(params)))
            demo.render(saved)  # 대체 텍스트는 처음 보일 그림(지금 값)에서 읽는다
            alt = f"{figure_alt_text(fig)} 아래 슬라이더로 {label} 값을 바꾸며 본다."
            html = player_html(frames, axes, initial, alt)
            sizes.append(len(html.encode("utf-8")))
            if sizes[-1] <= MAX_SCRUBBER_BYTES:
                return html
        raise ValueError(
            f"scrubber: HTML of {len(frames)} frames is {sizes[-1]:,} bytes even at dpi {fig.dpi:.0f}, "
            f"over the {MAX_SCRUBBER_BYTES:,}-byte limit; pass fewer values or a smaller figure"
        )
    finally:
        fig.set_dpi(base_dpi)
        demo.render(saved)


def scrubber_wanted() -> bool:
    """show() 가 스크러버(프레임 수십 장)를 만들지, 지금 그림 한 장만 실을지.

    스크러버는 커널 없는 HTML 책을 위한 것이다. ``RNN_BOOK_SCRUBBER`` 가 없거나 ``auto`` 이면, Jupyter 서버가 띄운
    커널(JupyterLab, RISE 강의: 슬라이더가 살아 있다. 서버는 커널에 ``JPY_SESSION_NAME`` 을 준다) 안에서는 그림 한
    장만 싣고, 그 밖(책 빌드, nbval)에서는 스크러버를 만든다. 그래서 학생이 모두 실행할 때 데모마다 1–3 초가 들지
    않고, 저장한 노트북에 데모마다 수백 kB 의 프레임이 쌓이지 않는다. ``on`` 과 ``off`` 는 어디서나 그렇게 한다.
    """
    value = os.environ.get(SCRUBBER_ENV, "auto").strip().lower() or "auto"
    if value not in ("auto", "on", "off"):
        raise ValueError(f"{SCRUBBER_ENV}: expected 'auto', 'on' or 'off', got {value!r}")
    if value == "auto":
        return "JPY_SESSION_NAME" not in os.environ
    return value == "on"


def still_html(demo: Demo, png: bytes) -> str:
    """스크러버 대신 싣는 지금 그림 한 장 (대체 텍스트 포함). 위젯을 그리지 못하는 곳에서 보인다.

    png : 데모의 그림이 지금 보이는 PNG (살아 있는 위젯이 이미 그려 둔 것; 다시 그리지 않는다)
    """
    alt = f"{figure_alt_text(demo.fig)} (슬라이더는 커널이 있을 때 움직인다.)"
    encoded = base64.b64encode(shrink_png(png)).decode("ascii")
    return (
        f'<div class="{SCRUBBER_CLASS}-still" lang="ko">'
        f'<img src="data:image/png;base64,{encoded}" alt="{escape(alt, quote=True)}"></div>'
    )
