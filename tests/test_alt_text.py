"""그림의 한국어 대체 텍스트(alt): 제목과 축 이름에서 만들고, 책의 myst-nb 렌더러가 <img> 에 싣는다."""

from __future__ import annotations

from helpers.view.base import book_figure, figure_alt_text
from helpers.view.style import use_book_style


def test_alt_text_names_title_panels_and_axes():
    use_book_style()
    fig, (ax1, ax2) = book_figure(1, 2, figsize=(6, 3))
    fig.suptitle("거리에 따른 기울기 노름")
    ax1.set_title("tanh")
    ax1.set_xlabel("거리 $T - t$")
    ax1.set_ylabel("노름")
    ax1.set_yscale("log")
    ax2.set_title("선형")
    alt = figure_alt_text(fig)
    assert alt.startswith("그림: 거리에 따른 기울기 노름.")
    assert "패널 1: tanh — 가로축 거리 T - t, 세로축 노름 (로그 축)" in alt
    assert "패널 2: 선형" in alt
    assert "$" not in alt


def test_alt_text_of_a_diagram_lists_its_labels():
    use_book_style()
    fig, ax = book_figure(figsize=(4, 2))
    ax.set_axis_off()
    ax.text(0.2, 0.5, "셀")
    ax.text(0.8, 0.5, "$h(t)$")
    assert figure_alt_text(fig) == "그림: 도식의 글자: 셀, h(t)."


def test_book_renderer_is_registered_for_myst_nb():
    from myst_nb.core.render import load_renderer

    from helpers._bookbuild.mystnb_render import BookRenderer

    assert load_renderer("book") is BookRenderer


def test_alt_text_reads_mathtext_as_plain_symbols():
    use_book_style()
    fig, ax = book_figure(figsize=(4, 2))
    ax.set_ylabel(r"$\|\partial h(T) / \partial h(t)\|_2$")
    ax.set_title("기울기")
    alt = figure_alt_text(fig)
    assert "‖∂ h(T) / ∂ h(t)‖_2" in alt
    assert "\\" not in alt and "$" not in alt
