"""ipywidgets 데모: 살아 있는 슬라이더와 커널 없는 HTML 스크러버.

새 데모를 만들 때 쓰는 이름은 여기서 바로 불러온다: ``from helpers.interact import Demo, Slider, register_demo``.
부품별 모듈은 ``helpers.interact.demo`` 의 문서 문자열에 정리되어 있다.
"""

from .demo import DEMOS, MAX_SCRUBBER_BYTES, Choice, Demo, Slider, load_all_demos, register_demo

__all__ = ["DEMOS", "MAX_SCRUBBER_BYTES", "Choice", "Demo", "Slider", "load_all_demos", "register_demo"]
