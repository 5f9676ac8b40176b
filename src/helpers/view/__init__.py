"""matplotlib 그림: 한글 글꼴과 책의 스타일, 배열을 받아 Figure 를 돌려주는 함수들.

장에서 자주 쓰는 이름은 여기서 바로 가져올 수 있다: ``from helpers.view import show_source, use_book_style``.
"""

from helpers.view.code import show_source
from helpers.view.experiment import learning_curves_figure
from helpers.view.gru import gru_cell_diagram
from helpers.view.lstm import lstm_cell_diagram, marked_lines
from helpers.view.style import use_book_style

__all__ = [
    "gru_cell_diagram",
    "learning_curves_figure",
    "lstm_cell_diagram",
    "marked_lines",
    "show_source",
    "use_book_style",
]
