"""슬라이더 데모 장치: 같은 그림을 제자리에서 바꾸고, 오류는 그림 안의 문구로, 스크러버는 작게."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.interact import demo as demo_mod
from helpers.interact.demo import DEMOS, WIDGET_MIME, Choice, Demo, Slider, register_demo
from helpers.view.base import LiveFigure, book_figure, get_message

X = np.linspace(0.0, 1.0, 50)


def _compute(a=1.0, kind="sin"):
    """a 가 0.9 를 넘으면 ValueError, kind="exp" 이면 큰 a 에서 오버플로 경고가 난다."""
    if a > 0.9:
        raise ValueError(f"a: expected a <= 0.9, got {a}")
    if kind == "exp":
        y = np.exp(np.float32(200.0) * a * X.astype(np.float32))
    else:
        y = np.sin(2 * np.pi * a * X)
    return {"y": y}


class Counter:
    calls = 0


def _figure(y):
    Counter.calls += 1
    fig, ax = book_figure(figsize=(4, 2.5))
    (line,) = ax.plot(X, y)
    ax.set_ylim(-1.5, 1.5)

    def update(y):
        line.set_ydata(y)

    return LiveFigure(fig, update)


def make_demo(**kw):
    kw.setdefault("scrub", "a")
    return Demo(
        compute=_compute,
        figure=_figure,
        controls=[Slider("a", 0.0, 1.0, 0.05, 0.25, label="진폭 a"),
                  Choice("kind", [("사인", "sin"), ("지수", "exp")], "sin", label="종류")],
        title="시험용",
        dpi=60,
        **kw,
    )


def _artist_count(fig):
    return sum(len(ax.get_children()) for ax in fig.axes) + len(fig.axes)


def test_live_widget_updates_the_same_figure():
    Counter.calls = 0
    d = make_demo()
    w = d.live()
    fig = d.fig
    n_artists = _artist_count(fig)
    slider = w.children[0].children[0]
    image = w.children[1]
    first = image.value
    slider.value = 0.5
    second = image.value
    slider.value = 0.75
    assert first != second != image.value
    assert d.fig is fig and Counter.calls == 1
    assert _artist_count(fig) == n_artists
    np.testing.assert_allclose(fig.axes[0].lines[0].get_ydata(), _compute(0.75)["y"])
    assert "0.75" in fig._suptitle.get_text()
    assert d.live() is w


def test_update_returns_png_and_same_figure():
    d = make_demo()
    fig = d.fig
    a = d.update(a=0.3)
    b = d.update(a=0.6)
    assert a[:4] == b"\x89PNG" and a != b
    assert d.fig is fig and d.values["a"] == 0.6


@pytest.mark.parametrize("params", [{"a": 0.95}, {"a": 0.8, "kind": "exp"}])
def test_errors_become_a_message_and_keep_previous_data(params):
    d = make_demo()
    d.update(a=0.4)
    kept = d.fig.axes[0].lines[0].get_ydata().copy()
    png = d.update(**params)  # 예외가 밖으로 나오지 않는다
    assert png[:4] == b"\x89PNG"
    message = get_message(d.fig)
    assert message is not None and "직전 값의 그림" in message
    assert d.last_error is not None
    np.testing.assert_array_equal(d.fig.axes[0].lines[0].get_ydata(), kept)
    # 다음 올바른 값에서 문구가 사라진다.
    d.update(a=0.5, kind="sin")
    assert get_message(d.fig) is None and d.last_error is None


def test_first_update_at_a_failing_value_on_a_fresh_demo():
    """그림은 처음 값으로 만들고, 실패한 값은 문구로만 보인다."""
    d = make_demo()
    d.update(a=0.95)
    assert get_message(d.fig) is not None
    np.testing.assert_allclose(d.fig.axes[0].lines[0].get_ydata(), _compute(0.25)["y"])


def test_scrubber_is_small_has_frame_slider_and_restores_figure():
    d = make_demo()
    d.update(a=0.35)
    before = d.fig.axes[0].lines[0].get_ydata().copy()
    html = d.scrubber_html()
    assert len(html.encode()) <= demo_mod.MAX_SCRUBBER_BYTES
    assert 'type="range"' in html
    assert "https://" not in html  # 오프라인: CDN 에서 아무것도 불러오지 않는다
    n_frames = len(d.controls["a"].frame_values())
    assert 10 <= n_frames <= 15
    assert html.count("data:image/png;base64") == n_frames
    np.testing.assert_array_equal(d.fig.axes[0].lines[0].get_ydata(), before)
    assert "0.35" in d.fig._suptitle.get_text()
    # 오류가 나는 프레임(a > 0.9)이 있어도 스크러버는 만들어진다.
    assert get_message(d.fig) is None


def test_scrubber_explicit_values_and_html_object():
    d = make_demo(scrub_values=[0.1, 0.2, 0.3])
    assert d.scrubber_html().count("data:image/png;base64") == 3
    html = d.scrubber(values=[0.5, 0.6])
    assert html.data.count("data:image/png;base64") == 2


def test_scrubber_reduces_dpi_then_refuses(monkeypatch):
    d = make_demo(scrub_values=[0.1, 0.2, 0.3])
    full = len(d.scrubber_html().encode())
    monkeypatch.setattr(demo_mod, "MAX_SCRUBBER_BYTES", full - 1)
    smaller = len(d.scrubber_html().encode())
    assert smaller < full
    assert d.fig.dpi == 60
    monkeypatch.setattr(demo_mod, "MAX_SCRUBBER_BYTES", 1000)
    with pytest.raises(ValueError, match=r"^scrubber: "):
        d.scrubber_html()


def test_show_bundle_has_widget_view_and_scrubber(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: shown.append((obj, raw)))
    d = make_demo()
    d.show()
    assert len(shown) == 1
    bundle, raw = shown[0]
    assert raw is True
    assert WIDGET_MIME in bundle and bundle[WIDGET_MIME]["model_id"] == d.live().model_id
    assert "text/plain" in bundle
    assert 'type="range"' in bundle["text/html"]


def test_naive_update_builds_a_new_figure_each_time():
    Counter.calls = 0
    d = make_demo()
    png = d.naive_update(a=0.5)
    d.naive_update(a=0.6)
    assert png[:4] == b"\x89PNG" and Counter.calls == 2


@pytest.mark.parametrize(
    ("make", "arg"),
    [
        (lambda: Slider("a", 0.0, 1.0, 0.1, 2.0), "value"),
        (lambda: Slider("a", 1.0, 0.0, 0.1, 0.5), "min, max"),
        (lambda: Slider("a", 0.0, 1.0, 0.0, 0.5), "step"),
        (lambda: Slider("a b", 0.0, 1.0, 0.1, 0.5), "name"),
        (lambda: Choice("k", ["x", "y"], "z"), "value"),
        (lambda: make_demo(scrub="nope"), "scrub"),
        (lambda: make_demo(scrub_values=[0.5, 3.0]), "a"),
        (lambda: Demo(_compute, _figure, [Slider("a", 0, 1, 0.1, 0.5), Slider("a", 0, 1, 0.1, 0.5)], "a"),
         "controls"),
        (lambda: make_demo().update(nope=1.0), "nope"),
        (lambda: make_demo().update(a=1.5), "a"),
        (lambda: make_demo().update(kind="tan"), "kind"),
        (lambda: make_demo().naive_update(a=-0.1), "a"),
        (lambda: make_demo().scrubber_html(values=[2.0]), "a"),
    ],
)
def test_bad_arguments_raise_value_error_naming_the_argument(make, arg):
    with pytest.raises(ValueError, match=f"^{arg}"):
        make()


def test_register_demo_rejects_a_second_owner_of_a_name():
    @register_demo("_test_only_demo")
    def first():
        return make_demo()

    try:
        with pytest.raises(ValueError, match=r"^name: "):
            register_demo("_test_only_demo")(lambda: make_demo())
        assert DEMOS["_test_only_demo"] is first
    finally:
        DEMOS.pop("_test_only_demo", None)


def test_demo_module_imports_without_a_display():
    import os
    import subprocess
    import sys

    # 화면(DISPLAY)도 MPLBACKEND 도 없는 환경에서 불러오고 한 번 갱신할 수 있어야 한다.
    code = (
        "from helpers.interact.activation import tanh_squash_demo\n"
        "assert tanh_squash_demo().update(w=2.0)[:4] == b'\\x89PNG'\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "MPLBACKEND")}
    subprocess.run([sys.executable, "-W", "error", "-c", code], check=True, env=env, timeout=120)


def test_slider_events_inside_the_kernel_loop_are_coalesced():
    """이벤트 루프 안(커널)에서 빠르게 온 값들은 마지막 값으로 한 번만 그린다."""
    import asyncio

    d = make_demo()
    d.live()
    image = d.live().children[1]
    before = image.value

    async def drag():
        for v in (0.3, 0.35, 0.4, 0.45, 0.5):
            d._on_widget_change("a", v)
        await asyncio.sleep(demo_mod.COALESCE_S + 0.5)

    asyncio.run(drag())
    assert d.renders == 1 and d.values["a"] == 0.5
    assert image.value != before
    np.testing.assert_allclose(d.fig.axes[0].lines[0].get_ydata(), _compute(0.5)["y"])
