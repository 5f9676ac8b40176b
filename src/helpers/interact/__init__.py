"""ipywidgets 데모: 살아 있는 슬라이더와 커널 없는 HTML 스크러버.

장에서 쓰는 데모는 여기서 바로 가져올 수 있다: ``from helpers.interact import update_gate_memory``.
"""

from helpers.interact.gru import reset_gate_data, reset_gate_view, update_gate_data, update_gate_memory

__all__ = ["reset_gate_data", "reset_gate_view", "update_gate_data", "update_gate_memory"]
