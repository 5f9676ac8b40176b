"""matplotlib 그림: 한글 글꼴과 책의 스타일, 배열을 받아 Figure 를 돌려주는 함수들, 소스 코드 보여 주기.

노트북은 그림 함수를 여기서 가져온다: ``from helpers.view import show_source, unrolled_figure``.
각 모듈의 ``__all__`` 이 모두 여기 실린다 (``tests/test_import_surface.py`` 가 확인한다).
"""

from helpers.view.activation import (
    tanh_squash_figure,
)
from helpers.view.base import (
    Blitter,
    LiveFigure,
    book_figure,
    clear_message,
    figure_alt_text,
    figure_to_png,
    freeze_layout,
    get_message,
    nice_upper,
    set_caption,
    show_message,
)
from helpers.view.bidirectional import (
    birnn_diagram,
    influence_figure,
    leak_figure,
    position_error_figure,
)
from helpers.view.code import (
    SourceCode,
    get_source,
    show_source,
)
from helpers.view.colour import (
    COLORMAP_SAMPLES,
    figure_colour_cues,
)
from helpers.view.deep import (
    deep_states_figure,
    layer_grad_figure,
    stacked_rnn_diagram,
)
from helpers.view.diagram import (
    arrow,
    box,
)
from helpers.view.experiment import (
    adding_examples_figure,
    gradient_through_time_figure,
    learning_curves_figure,
    results_live_figure,
    series_color,
    training_probes_figure,
)
from helpers.view.gradients import (
    PLOT_CEIL,
    PLOT_FLOOR,
    clip_for_plot,
    fixed_layout,
    gradient_over_distance_live,
    norms_over_distance_figure,
    shade_regions,
)
from helpers.view.gru import (
    gru_cell_diagram,
    reset_gate_live,
    update_gate_live,
)
from helpers.view.lstm import (
    GATE_NAMES,
    lstm_cell_diagram,
    lstm_cell_live,
    lstm_vs_rnn_live,
    marked_lines,
    memory_gradient_live,
)
from helpers.view.memory_trace import memory_trace_live
from helpers.view.rnn import (
    clipping_live_figure,
    clipping_message,
    credit_figure,
    feedforward_vs_recurrent_figure,
    loss_curves_figure,
    memory_cell_figure,
    pulse_live_figure,
    pulse_message,
    unrolled_figure,
)
from helpers.view.style import (
    BLACK,
    BLUE,
    DIVERGING_CMAP,
    FONT_FAMILY,
    GREEN,
    GREY,
    ORANGE,
    PALETTE,
    PURPLE,
    SEQUENTIAL_CMAP,
    SKY_BLUE,
    VERMILLION,
    YELLOW,
    font_license_path,
    font_path,
    use_book_style,
)

__all__ = [
    "BLACK",
    "BLUE",
    "Blitter",
    "COLORMAP_SAMPLES",
    "DIVERGING_CMAP",
    "FONT_FAMILY",
    "GATE_NAMES",
    "GREEN",
    "GREY",
    "LiveFigure",
    "ORANGE",
    "PALETTE",
    "PLOT_CEIL",
    "PLOT_FLOOR",
    "PURPLE",
    "SEQUENTIAL_CMAP",
    "SKY_BLUE",
    "SourceCode",
    "VERMILLION",
    "YELLOW",
    "adding_examples_figure",
    "arrow",
    "birnn_diagram",
    "book_figure",
    "box",
    "clear_message",
    "clip_for_plot",
    "clipping_live_figure",
    "clipping_message",
    "credit_figure",
    "deep_states_figure",
    "feedforward_vs_recurrent_figure",
    "figure_alt_text",
    "figure_colour_cues",
    "figure_to_png",
    "fixed_layout",
    "font_license_path",
    "font_path",
    "freeze_layout",
    "get_message",
    "get_source",
    "gradient_over_distance_live",
    "gradient_through_time_figure",
    "gru_cell_diagram",
    "influence_figure",
    "layer_grad_figure",
    "leak_figure",
    "learning_curves_figure",
    "loss_curves_figure",
    "lstm_cell_diagram",
    "lstm_cell_live",
    "lstm_vs_rnn_live",
    "marked_lines",
    "memory_cell_figure",
    "memory_gradient_live",
    "memory_trace_live",
    "nice_upper",
    "norms_over_distance_figure",
    "position_error_figure",
    "pulse_live_figure",
    "pulse_message",
    "reset_gate_live",
    "results_live_figure",
    "series_color",
    "set_caption",
    "shade_regions",
    "show_message",
    "show_source",
    "stacked_rnn_diagram",
    "tanh_squash_figure",
    "training_probes_figure",
    "unrolled_figure",
    "update_gate_live",
    "use_book_style",
]
