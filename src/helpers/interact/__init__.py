"""ipywidgets 데모: 살아 있는 슬라이더와 커널 없는 HTML 스크러버. 계산은 ``helpers.core`` 가, 그림은 ``helpers.view`` 가 맡는다.

노트북은 데모를 여기서 가져온다: ``from helpers.interact import rnn_pulse_demo``.
각 모듈의 ``__all__`` 이 모두 여기 실린다 (``tests/test_import_surface.py`` 가 확인한다).
"""

from helpers.interact.activation import (
    W_FRAMES,
    tanh_squash_demo,
)
from helpers.interact.bidirectional import (
    birnn_influence_demo,
)
from helpers.interact.deep import (
    deep_rnn_states_demo,
)
from helpers.interact.demo import (
    DEMOS,
    MAX_SCRUBBER_BYTES,
    Choice,
    Demo,
    Slider,
    load_all_demos,
    register_demo,
)
from helpers.interact.experiment import (
    QUICK_SETTINGS,
    demo_data,
    quick_results,
    rnn_vs_lstm_demo,
)
from helpers.interact.gradients import (
    gradient_over_distance,
)
from helpers.interact.gru import (
    reset_gate_view,
    update_gate_memory,
)
from helpers.interact.language_model import (
    PromptDemo,
    temperature_demo,
    unit_view_demo,
)
from helpers.interact.lstm import (
    lstm_cell_demo,
    lstm_gate_playground,
    lstm_vs_rnn_gradient,
)
from helpers.interact.memory_trace import (
    N_SEQUENCES,
    trained_lstm_demo,
)
from helpers.interact.rnn import (
    WH_FRAMES,
    bptt_clipping_demo,
    rnn_pulse_demo,
)

__all__ = [
    "Choice",
    "DEMOS",
    "Demo",
    "MAX_SCRUBBER_BYTES",
    "N_SEQUENCES",
    "PromptDemo",
    "QUICK_SETTINGS",
    "Slider",
    "WH_FRAMES",
    "W_FRAMES",
    "birnn_influence_demo",
    "bptt_clipping_demo",
    "deep_rnn_states_demo",
    "demo_data",
    "gradient_over_distance",
    "load_all_demos",
    "lstm_cell_demo",
    "lstm_gate_playground",
    "lstm_vs_rnn_gradient",
    "quick_results",
    "register_demo",
    "reset_gate_view",
    "rnn_pulse_demo",
    "rnn_vs_lstm_demo",
    "tanh_squash_demo",
    "temperature_demo",
    "trained_lstm_demo",
    "unit_view_demo",
    "update_gate_memory",
]
