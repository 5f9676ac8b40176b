"""7장의 데모: 덧셈 문제를 푼 LSTM 의 기억 셀을 시점 t 마다 본다 (게이트가 열리고, 쥐고, 내보내는 모습).

장에서는 ``trained_lstm_demo(run, unit).show()`` 로 부른다. run 은 장이 학습한 LSTM 실행(``AddingRun``),
unit 은 ``find_memory_unit`` 이 데이터로 찾은 셀이다. 게이트는 시퀀스마다 한 번만 계산하고, 시점 슬라이더는
그림만 다시 그린다. 인자 없이 부르면(벤치마크, 일반 테스트) 아주 작은 모델을 잠깐 학습해 쓴다.
"""

from __future__ import annotations

from functools import lru_cache

from helpers.core.experiment import AddingRun, run_adding
from helpers.core.memory_trace import find_memory_unit, memory_trace, probe_sequences
from helpers.interact.demo import Choice, Demo, Slider, register_demo
from helpers.view.memory_trace import memory_trace_live

__all__ = ["N_SEQUENCES", "trained_lstm_demo"]

# 고를 수 있는 시험 시퀀스 수 (장의 학습·검증·시험 데이터와 다른 난수 흐름)
N_SEQUENCES = 6
_QUICK = {"hidden": 4, "batch": 8, "steps": 20, "eval_every": 10, "n_eval": 16}


def _quick_run() -> AddingRun:
    return run_adding("lstm", 30, seed=0, settings=_QUICK, n_test=8, n_probe=0)


def _scrub_times(T: int, t1: int, t2: int, n: int = 24) -> list[int]:
    """스크러버 프레임의 시점: 고르게 나눈 n 개에 두 표시의 시점과 그 앞뒤, 마지막 시점을 더한다."""
    picks = {round(k * (T - 1) / (n - 1)) for k in range(n)}
    picks |= {max(t1 - 1, 0), t1, min(t1 + 1, T - 1), max(t2 - 1, 0), t2, min(t2 + 1, T - 1), T - 1}
    return sorted(picks)


@register_demo("trained_lstm_memory")
def trained_lstm_demo(run: AddingRun | None = None, unit: int | None = None) -> Demo:
    """학습된 LSTM 의 기억 셀 데모: 시점 t 와 시험 시퀀스를 고른다.

    run : 장에서 학습한 LSTM 의 ``AddingRun`` (None 이면 아주 작은 모델을 잠깐 학습한다)
    unit : 보여 줄 셀 (None 이면 ``find_memory_unit`` 으로 찾는다)
    """
    if run is None:
        run = _quick_run()
    if not isinstance(run, AddingRun) or run.cell != "lstm":
        raise ValueError(f"run: expected an AddingRun of an LSTM (run_adding('lstm', ...)), got {run!r:.60}")
    T = run.T
    seqs = probe_sequences(N_SEQUENCES, T, seed=11)
    if unit is None:
        unit = find_memory_unit(run.model, probe_sequences(256, T)).unit

    @lru_cache(maxsize=N_SEQUENCES)
    def trace(seq: int) -> dict:
        # 시퀀스마다 한 번만 순전파한다: 시점 슬라이더는 이 값을 다시 쓴다
        return memory_trace(run.model, seqs[seq : seq + 1], unit)

    def compute(t: int, seq: int) -> dict:
        return {**trace(seq), "t": t, "unit": unit, "seq": seq}

    first = trace(0)
    return Demo(
        compute=compute,
        figure=memory_trace_live,
        controls=[
            Slider("t", 0, T - 1, 1, first["t1"], label="시점 t"),
            Choice("seq", [(f"시퀀스 {k}", k) for k in range(N_SEQUENCES)], 0, label="시험 시퀀스"),
        ],
        scrub="t",
        scrub_values=_scrub_times(T, first["t1"], first["t2"]),
        title="기억 셀",
        dpi=72,
    )
