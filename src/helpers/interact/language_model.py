"""9장 언어 모델의 슬라이더 데모: 온도 샘플링과, 글 위에서 본 유닛 하나의 값.

- ``temperature_demo(model, vocab, prompt)`` : 온도 τ 슬라이더. 같은 시드(같은 균등 난수)로 뽑으므로 τ 만 글을
  바꾼다. 살아 있는 커널에서는 시작 글을 입력 칸에서 바꿀 수 있다. HTML 책에서는 τ 값 몇 개의 미리 뽑은 글을
  스크러버로 보여 준다.
- ``unit_view_demo(model, vocab, ids, span, ...)`` : 시험 구간의 글을 한 유닛의 셀 상태(또는 게이트 값)로 칠한다.
  유닛과 게이트를 고른다. HTML 책의 스크러버는 골라 둔 유닛들의 셀 상태를 보여 준다.

장에서는 학습한 모델을 넘겨 부른다. 인자 없이 부르면(벤치마크, 일반 테스트) 학습하지 않은 작은 모델을 쓴다.
"""

from __future__ import annotations

import numpy as np

from helpers.core.language_model import (
    TAU_VALUES,
    LanguageModel,
    cell_activity,
    check_model_vocab,
    quick_model,
    temperature_data,
    unit_view_data,
)
from helpers.core.text import Vocabulary
from helpers.interact.demo import Choice, Demo, Slider, register_demo
from helpers.view.language_model import UNIT_VALUE_NAMES, temperature_live, unit_text_live

__all__ = ["PromptDemo", "temperature_demo", "unit_view_demo"]


class PromptDemo(Demo):
    """시작 글 입력 칸이 붙은 ``Demo``. 입력 칸의 글이 바뀌면 같은 τ 로 다시 뽑는다.

    잘못된 글(빈 글, 어휘에 없는 글자)은 그림 안의 안내 문구로 보인다 (``Demo`` 의 오류 처리).
    """

    def __init__(self, *args, prompt_state: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.prompt_state = prompt_state
        self._prompt_box = None

    def set_prompt(self, prompt: str) -> bytes:
        """시작 글을 바꾸고 다시 그린다. PNG 바이트를 돌려준다."""
        if not isinstance(prompt, str):
            raise ValueError(f"prompt: expected a str, got {type(prompt).__name__}")
        self.prompt_state["prompt"] = prompt
        return self.update()

    def live(self):
        if self._prompt_box is None:
            import ipywidgets as widgets

            inner = super().live()
            box = widgets.Text(
                value=self.prompt_state["prompt"],
                description="시작 글",
                continuous_update=False,  # 입력을 마치면(Enter, 칸 밖 누르기) 한 번 뽑는다
                style={"description_width": "initial"},
                layout=widgets.Layout(width="min(32em, 100%)"),
            )
            box.observe(lambda change: self.set_prompt(change["new"]), names="value")
            self._prompt_box = widgets.VBox([box, inner])
        return self._prompt_box


@register_demo("lm_temperature")
def temperature_demo(model: LanguageModel | None = None, vocab: Vocabulary | None = None, prompt: str = "대통령은",
                     *, length: int = 240, seed: int = 0) -> PromptDemo:
    """온도 τ 슬라이더와 시작 글 입력 칸: 같은 난수로 뽑은 글이 τ 에 따라 어떻게 달라지는지 본다."""
    if model is None:
        model, vocab, _ = quick_model()
    check_model_vocab(model, vocab)
    vocab.encode_prompt(prompt)  # 처음 글부터 검사한다
    state = {"prompt": prompt}

    def compute(tau: float) -> dict:
        return temperature_data(model, vocab, state["prompt"], tau, length=length, seed=seed)

    return PromptDemo(
        compute=compute,
        figure=temperature_live,
        controls=[Slider("tau", 0.05, 2.5, 0.05, 1.0, label="온도 τ")],
        scrub="tau",
        scrub_values=TAU_VALUES,
        title="온도와 샘플링",
        dpi=80,
        prompt_state=state,
    )


@register_demo("lm_unit_view")
def unit_view_demo(model: LanguageModel | None = None, vocab: Vocabulary | None = None,
                   ids: np.ndarray | None = None, span: tuple[int, int] | None = None, *,
                   units: list[int] | None = None, features: dict | None = None, unit: int | None = None) -> Demo:
    """글 ids[span] 을 한 유닛의 값으로 칠한다. 유닛(슬라이더)과 셀 상태·게이트(보기)를 고른다.

    units : HTML 스크러버가 보여 줄 셀 상태 유닛들 (없으면 0, 1, … 몇 개)
    features : {이름: shape (L,) 특징} — 유닛마다 이 특징과의 상관계수를 그림에 적는다
    unit : 처음 보일 유닛 (없으면 units[0])
    """
    if model is None:
        model, vocab, ids = quick_model()
        span = (ids.size - 300, ids.size)
    check_model_vocab(model, vocab)
    if ids is None or span is None:
        raise ValueError("ids, span: expected the text's ids and a (start, stop) span to colour")
    start, stop = span
    acts = cell_activity(model, ids, start, stop)
    tokens = vocab.decode(ids[start:stop])
    H = model.H
    if units is None:
        units = list(range(min(H, 8)))
    units = [int(u) for u in units]
    if unit is None:
        unit = units[0]
    features = dict(features or {})
    for name, f in features.items():
        if np.shape(f) != (stop - start,):
            raise ValueError(f"features[{name!r}]: expected shape ({stop - start},), got {np.shape(f)}")

    def compute(kind: str, unit: int) -> dict:
        return {"tokens": tokens, **unit_view_data(acts, kind, unit, features)}

    return Demo(
        compute=compute,
        figure=unit_text_live,
        controls=[
            Choice("kind", [(name, k) for k, name in UNIT_VALUE_NAMES.items()], "c", label="값"),
            Slider("unit", 0, H - 1, 1, unit, label="유닛"),
        ],
        scrub="unit",
        scrub_values=units,
        title="유닛 하나가 글을 읽는 모습",
        dpi=80,
    )
