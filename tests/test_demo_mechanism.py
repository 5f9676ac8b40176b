"""슬라이더 데모 장치: 같은 그림을 제자리에서 바꾸고, 오류는 그림 안의 문구로, 스크러버는 작게."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.interact import _live as live_mod
from helpers.interact import _scrubber as scrubber_mod
from helpers.interact._scrubber import read_player_html as scrubber_data
from helpers.interact.demo import DEMOS, WIDGET_MIME, Choice, Demo, Slider, register_demo
from helpers.view.base import LiveFigure, book_figure, freeze_layout, get_message

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
    assert "0.75" in fig.get_suptitle()
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
    assert len(html.encode()) <= scrubber_mod.MAX_SCRUBBER_BYTES
    assert html.count('<input type="range"') == 1
    assert "http" not in html  # 오프라인: 밖에서 아무것도 불러오지 않는다
    n_frames = len(d.controls["a"].frame_values())
    assert 10 <= n_frames <= 15
    data = scrubber_data(html)
    assert len(data["frames"]) == n_frames and data["frames"].count("") == 1  # 처음 프레임은 <img> 에만
    # 처음 보이는 프레임은 지금 값(0.35)에 가장 가까운 값이다
    values = d.controls["a"].frame_values()
    nearest = min(range(n_frames), key=lambda i: abs(values[i] - 0.35))
    assert data["frames"][nearest] == ""
    np.testing.assert_array_equal(d.fig.axes[0].lines[0].get_ydata(), before)
    assert "0.35" in d.fig.get_suptitle()
    # 오류가 나는 프레임(a > 0.9)이 있어도 스크러버는 만들어진다.
    assert get_message(d.fig) is None


def test_scrubber_explicit_values_and_html_object():
    d = make_demo(scrub_values=[0.1, 0.2, 0.3])
    assert len(scrubber_data(d.scrubber_html())["frames"]) == 3
    html = d.scrubber(values=[0.5, 0.6])
    assert len(scrubber_data(html.data)["frames"]) == 2


def test_scrubber_names_its_parameter_and_value_in_korean_without_play_controls():
    d = make_demo(scrub_values=[0.1, 0.25, 0.5])
    html = d.scrubber_html()
    # 이름과 처음 값이 슬라이더 옆에 보이고, 화면 낭독기도 같은 글을 읽는다
    assert "진폭 a = <output>0.25</output>" in html
    assert 'aria-valuetext="진폭 a = 0.25"' in html
    data = scrubber_data(html)
    assert data["axes"] == [{"label": "진폭 a", "values": ["0.10", "0.25", "0.50"]}]
    # 영어로만 된 단추나 재생 단추가 없다 (to_jshtml 의 Once/Loop/Reflect, 재생/멈춤)
    import re

    assert "<button" not in html
    assert not re.search(r"\b(Once|Loop|Reflect|[Pp]lay|[Pp]ause|anim\w*)\b", html)
    assert 'alt="그림' in html and "진폭 a 값을 바꾸며 본다" in html


def test_scrubber_with_a_second_parameter_is_a_grid_of_frames():
    d = make_demo(scrub_values=[0.1, 0.2, 0.3], scrub2="kind")
    html = d.scrubber_html()
    data = scrubber_data(html)
    assert html.count('<input type="range"') == 2
    assert [a["label"] for a in data["axes"]] == ["진폭 a", "종류"]
    assert data["axes"][1]["values"] == ["사인", "지수"]
    assert len(data["frames"]) == 3 * 2
    # 두 축의 모든 조합이 서로 다른 그림이다 (첫 축이 바깥, 둘째 축이 안쪽 순서)
    frames = [f or data["first"] for f in data["frames"]]
    assert len(set(frames)) == 6
    assert "종류 = <output>사인</output>" in html
    assert "종류 = 사인" in d.fig.get_suptitle()
    with pytest.raises(ValueError, match="^scrub2"):
        make_demo(scrub2="a")
    with pytest.raises(ValueError, match="^scrub2_values"):
        make_demo(scrub2_values=[0.1])


def test_scrubber_reduces_dpi_then_refuses(monkeypatch):
    d = make_demo(scrub_values=[0.1, 0.2, 0.3])
    full = len(d.scrubber_html().encode())
    monkeypatch.setattr(scrubber_mod, "MAX_SCRUBBER_BYTES", full - 1)
    smaller = len(d.scrubber_html().encode())
    assert smaller < full
    assert d.fig.dpi == 60
    monkeypatch.setattr(scrubber_mod, "MAX_SCRUBBER_BYTES", 1000)
    with pytest.raises(ValueError, match=r"^scrubber: "):
        d.scrubber_html()


def test_show_bundle_has_widget_view_and_scrubber(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: shown.append((obj, raw)))
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.delenv(scrubber_mod.SCRUBBER_ENV, raising=False)
    d = make_demo()
    d.show()
    assert len(shown) == 1
    bundle, raw = shown[0]
    assert raw is True
    assert WIDGET_MIME in bundle and bundle[WIDGET_MIME]["model_id"] == d.live().model_id
    assert "text/plain" in bundle
    assert 'type="range"' in bundle["text/html"]


@pytest.mark.parametrize(
    ("session", "setting", "scrubber"),
    [
        (None, None, True),  # 책 빌드, nbval: 커널 없는 HTML 을 위한 스크러버
        ("chapters/01_rnn.ipynb", None, False),  # JupyterLab/RISE 의 커널: 슬라이더가 살아 있다
        ("chapters/01_rnn.ipynb", "auto", False),
        ("chapters/01_rnn.ipynb", "on", True),
        (None, "off", False),  # 다른 BLAS 커널의 nbval 실행 (scripts/blas_kernels.py)
        (None, " OFF ", False),
    ],
)
def test_show_makes_the_scrubber_only_where_no_live_slider_is(monkeypatch, session, setting, scrubber):
    for name, value in (("JPY_SESSION_NAME", session), (scrubber_mod.SCRUBBER_ENV, setting)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    d = make_demo()
    before = dict(d.values)
    html = d.mimebundle()["text/html"]
    assert ('type="range"' in html) is scrubber
    if not scrubber:  # 지금 값의 그림 한 장과 대체 텍스트
        assert html.count("<img ") == 1 and 'alt="' in html and "data:image/png;base64," in html
    assert d.values == before


def test_scrubber_setting_must_be_auto_on_or_off(monkeypatch):
    monkeypatch.setenv(scrubber_mod.SCRUBBER_ENV, "sometimes")
    with pytest.raises(ValueError, match=r"^RNN_BOOK_SCRUBBER: expected 'auto', 'on' or 'off', got 'sometimes'"):
        make_demo().mimebundle()


def _benchmark_module():
    """benchmarks/sliders.py 를 파일 경로로 불러온다 (sys.path 를 건드리지 않는다)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "sliders.py"
    spec = importlib.util.spec_from_file_location("bench_sliders", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_naive_update_builds_a_new_figure_each_time():
    naive_update = _benchmark_module().naive_update
    Counter.calls = 0
    d = make_demo()
    png = naive_update(d, a=0.5)
    naive_update(d, a=0.6)
    assert png[:4] == b"\x89PNG" and Counter.calls == 2
    with pytest.raises(ValueError, match="^a"):
        naive_update(d, a=-0.1)


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
    image = d.live().children[1]
    before = image.value
    widget = d._live_widget

    async def drag():
        for v in (0.3, 0.35, 0.4, 0.45, 0.5):
            widget.on_change("a", v)
        await asyncio.sleep(live_mod.COALESCE_S + 0.5)

    asyncio.run(drag())
    assert widget.renders == 1 and d.values["a"] == 0.5
    assert image.value != before
    np.testing.assert_allclose(d.fig.axes[0].lines[0].get_ydata(), _compute(0.5)["y"])


def test_programming_errors_are_not_turned_into_a_message():
    """그림 안의 문구는 '이 값에서는 계산할 수 없다'는 오류만: 코드의 잘못(TypeError 등)은 그대로 나간다."""

    def broken(a=0.25, kind="sin"):
        if a > 0.5:
            raise TypeError("a bug")
        return _compute(a, kind)

    d = Demo(broken, _figure, [Slider("a", 0.0, 1.0, 0.05, 0.25), Choice("kind", ["sin"], "sin")], "a")
    d.update(a=0.3)
    with pytest.raises(TypeError, match="a bug"):
        d.update(a=0.6)


def test_out_of_range_widget_value_becomes_a_message_not_an_exception():
    d = make_demo()
    d.live()
    d._live_widget.on_change("a", 5.0)  # 위젯이 범위 밖 값을 보냈다
    assert get_message(d.fig) is not None and "a:" in get_message(d.fig)


def test_pinned_title_does_not_move():
    """freeze_layout 은 matplotlib 의 비공개 표시(Axes._autotitlepos)로 제목을 고정한다: matplotlib 이 바뀌면
    여기서 실패한다. 위쪽 눈금 글자가 생기면 matplotlib 은 보통 제목을 위로 올린다."""
    fig, ax = book_figure(figsize=(4, 3))
    ax.set_title("제목")
    ax.set_xlabel("x")
    freeze_layout(fig)
    fig.canvas.draw()
    y0 = ax.title.get_position()[1]  # 축 좌표의 높이
    ax.xaxis.set_ticks_position("top")
    ax.xaxis.set_tick_params(labeltop=True, labelsize=30)
    fig.canvas.draw()
    assert ax.title.get_position()[1] == y0
    # 고정하지 않은 축은 움직인다 (이 시험이 무언가를 재고 있다는 확인)
    fig2, ax2 = book_figure(figsize=(4, 3))
    ax2.set_title("제목")
    fig2.canvas.draw()
    y1 = ax2.title.get_position()[1]
    ax2.xaxis.set_ticks_position("top")
    ax2.xaxis.set_tick_params(labeltop=True, labelsize=30)
    fig2.canvas.draw()
    assert ax2.title.get_position()[1] > y1 + 0.05


def test_public_names_import_from_the_package_and_the_module():
    import helpers.interact as pkg
    from helpers.interact import demo as mod

    for name in ("Demo", "Slider", "Choice", "register_demo", "load_all_demos", "DEMOS", "MAX_SCRUBBER_BYTES"):
        assert getattr(pkg, name) is getattr(mod, name), name
    assert not hasattr(mod.Demo, "naive_update")  # 벤치마크만 쓰던 기준은 benchmarks/sliders.py 에 있다
