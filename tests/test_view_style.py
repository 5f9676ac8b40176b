"""책 스타일: 한글 글꼴, 마이너스 기호, 팔레트, 여러 번 불러도 같은 결과."""

from __future__ import annotations

import io
import sys
import warnings

import matplotlib as mpl
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.view import style
from helpers.view.base import book_figure, clear_message, figure_to_png, get_message, show_message
from helpers.view.style import PALETTE, font_license_path, font_path, use_book_style

HANGUL = "은닉 상태와 기울기 소실"


def _korean_figure():
    fig = Figure(figsize=(6, 3))
    FigureCanvasAgg(fig)
    ax1, ax2 = fig.subplots(1, 2)
    ax1.plot([-3, -1, 2], [-2, 0.5, 1], label="범례 −1")
    ax1.set_title(HANGUL)
    ax1.set_xlabel("시점 t")
    ax1.legend()
    ax2.semilogy([1, 2, 3], [1e-4, 1e-1, 1e3])
    ax2.set_ylabel("기울기의 크기")
    fig.suptitle("순환 신경망")
    return fig


def _render_all(fig):
    """PNG, SVG, PDF 로 그리면서 난 경고를 모두 모아 돌려준다."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for fmt in ("png", "svg", "pdf"):
            fig.savefig(io.BytesIO(), format=fmt)
    return [str(w.message) for w in caught]


def test_hangul_and_minus_render_without_warnings():
    use_book_style()
    fig = _korean_figure()
    assert _render_all(fig) == []
    # 음수 눈금은 실제로 U+2212 를 쓰고, 로그 축에는 음의 지수(mathtext)가 있다.
    ax1, ax2 = fig.axes
    assert any("\u2212" in t.get_text() for t in ax1.get_xticklabels())
    assert any("10^{-" in t.get_text() for t in ax2.get_yticklabels())


def test_without_the_book_font_hangul_warns():
    """위 테스트가 실제로 무언가를 잡는다는 확인: DejaVu Sans 만으로는 한글 글리프 경고가 난다."""
    use_book_style()
    with mpl.rc_context({"font.family": ["DejaVu Sans"]}):
        fig = _korean_figure()
        messages = _render_all(fig)
    assert any("missing from font" in m for m in messages)


def test_hangul_uses_noto_sans_kr():
    use_book_style()
    props = font_manager.FontProperties(family=mpl.rcParams["font.family"])
    found = font_manager.findfont(props, fallback_to_default=False)
    assert font_manager.get_font(found).family_name == "Noto Sans KR"
    assert mpl.rcParams["font.family"][-1] == "DejaVu Sans"


def test_use_book_style_is_idempotent():
    use_book_style()
    first = {k: mpl.rcParams[k] for k in style._RC}
    use_book_style()
    second = {k: mpl.rcParams[k] for k in style._RC}
    assert first == second
    path = str(font_path().resolve())
    registered = [f for f in font_manager.fontManager.ttflist if str(f.fname) == path]
    assert len(registered) == 1


def test_palette_is_okabe_ito_cycle():
    use_book_style()
    assert len(set(PALETTE)) == len(PALETTE) == 8
    assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == PALETTE
    for c in PALETTE:
        assert mpl.colors.is_color_like(c)
    assert style.SEQUENTIAL_CMAP in mpl.colormaps and style.DIVERGING_CMAP in mpl.colormaps


def test_font_licence_travels_with_the_font():
    path = font_license_path()
    assert path is not None and path.is_file()
    assert "SIL OPEN FONT LICENSE" in path.read_text(encoding="utf-8").upper()


def test_missing_font_package_gives_korean_install_hint(monkeypatch):
    monkeypatch.setitem(sys.modules, "pylopdf_fonts_ko", None)
    with pytest.raises(ImportError, match=r"pip install -r requirements\.txt"):
        font_path()


def test_message_box_reuses_one_text_artist():
    fig, ax = book_figure()
    ax.plot([0, 1], [0, 1])
    n_texts = len(fig.texts)
    show_message(fig, "첫 번째 안내")
    show_message(fig, "두 번째 안내 문구")
    assert len(fig.texts) == n_texts + 1
    assert get_message(fig) == "두 번째 안내 문구"
    png_with = figure_to_png(fig)
    clear_message(fig)
    assert get_message(fig) is None
    assert figure_to_png(fig) != png_with
    assert _render_all(fig) == []


def test_figure_to_png_is_a_png_at_the_figure_dpi():
    fig, ax = book_figure(figsize=(4, 2))
    fig.set_dpi(50)
    ax.plot([0, 1], [1, 0])
    png = figure_to_png(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    assert Image.open(io.BytesIO(png)).size == (200, 100)
    assert Image.open(io.BytesIO(figure_to_png(fig, dpi=100))).size == (400, 200)


# ---------------------------------------------------------------------- show_source
def _sample(x):
    """시험용 함수."""
    y = x + 1
    # 두 배로 만든다
    y = y * 2
    z = y - 3

    # 돌려준다
    return z


def test_show_source_whole_function_renders_as_python_code_block():
    from helpers.view.code import show_source

    src = show_source(_sample)
    md = src._repr_markdown_()
    assert md.startswith("```python\n# ") and "test_view_style._sample\n" in md.splitlines(True)[1]
    assert "def _sample(x):" in md and "return z" in md and md.rstrip().endswith("```")


def test_show_source_marker_and_range():
    from helpers.view.code import get_source, show_source

    block = get_source(_sample, "# 두 배로")
    assert block.splitlines() == ["...", "# 두 배로 만든다", "y = y * 2", "z = y - 3", "..."]
    both = get_source(_sample, ["# 두 배로", "# 돌려준다"])
    assert "return z" in both and "y = x + 1" not in both
    assert get_source(_sample, lines=(1, 1)).splitlines() == ["def _sample(x):", "..."]
    assert show_source(_sample, (1, 1), title=False).text.startswith("def _sample")


@pytest.mark.parametrize("lines", ["# 없는 표시", (0, 2), (3, 100), [""], 5])
def test_show_source_bad_lines_raise(lines):
    from helpers.view.code import get_source

    with pytest.raises(ValueError, match="^lines"):
        get_source(_sample, lines)


def test_show_source_needs_source():
    from helpers.view.code import get_source

    with pytest.raises(ValueError, match="^obj"):
        get_source(len)


def test_figures_display_as_png_in_an_ipython_kernel(monkeypatch):
    """pyplot 없이 만든 Figure 도 셀 출력에서 그림으로 보인다(글자 '<Figure size ...>' 만이 아니라)."""
    import base64
    import types

    import IPython
    from IPython.core.formatters import DisplayFormatter

    shell = types.SimpleNamespace(display_formatter=DisplayFormatter())
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    fig, ax = book_figure(figsize=(3, 2))  # book_figure 가 use_book_style 을 부른다
    ax.plot([0, 1], [1, 0])
    data, _ = shell.display_formatter.format(fig)
    assert "image/png" in data
    assert base64.b64decode(data["image/png"])[:4] == b"\x89PNG"


def test_freeze_layout_keeps_positions_when_tick_labels_change():
    from helpers.view.base import freeze_layout

    fig, (ax1, ax2) = book_figure(1, 2, figsize=(6, 3))
    (line,) = ax1.plot([0, 1], [0, 1])
    ax1.set_title("제목")
    ax1.set_ylabel("값")
    freeze_layout(fig)
    pos = ax1.get_position().bounds
    title_y = ax1.title.get_position()[1]
    label_xy = ax1.yaxis.label.get_position()
    line.set_ydata([0, 123456.0])  # 눈금 글자가 훨씬 넓어진다
    ax1.set_ylim(0, 123456.0)
    figure_to_png(fig)
    assert ax1.get_position().bounds == pos
    assert ax1.title.get_position()[1] == title_y
    assert ax1.yaxis.label.get_position() == label_xy
    assert fig.get_layout_engine().__class__.__name__ == "PlaceHolderLayoutEngine"
