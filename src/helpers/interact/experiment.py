"""7장의 데모: 장이 직접 학습한 결과에서 시퀀스 길이 T 와 시드를 골라 모델들의 학습 곡선과 예측을 본다.

장에서는 ``rnn_vs_lstm_demo(results).show()`` 로 부른다. 데모는 새로 학습하지 않고 ``results`` 에 담긴
장의 실행 결과만 보여 준다. 인자 없이 부르면(벤치마크, 일반 테스트) 아주 작은 설정으로 1 초 남짓
학습한 결과를 쓴다.
"""

from __future__ import annotations

from helpers.core.experiment import AddingResults, run_adding_experiment
from helpers.interact.demo import Choice, Demo, register_demo
from helpers.view.experiment import results_live_figure

__all__ = ["demo_data", "quick_results", "rnn_vs_lstm_demo", "QUICK_SETTINGS"]

# 인자 없이 만든 데모가 쓰는 아주 작은 설정: 장의 결과가 아니라 데모 장치를 시험하기 위한 것이다.
QUICK_SETTINGS = {"hidden": 6, "batch": 8, "steps": 30, "eval_every": 10, "n_eval": 32}
# 산점도에 그릴 시험 데이터 점의 수 (갱신을 가볍게)
MAX_POINTS = 200


def quick_results(Ts=(20, 50, 100), seeds=(0, 1)) -> AddingResults:
    """데모 장치를 시험하려고 아주 작은 모델을 몇 단계만 학습한 결과 (약 1 초, 이 프로세스에서)."""
    return run_adding_experiment(
        Ts, seeds=seeds, settings=QUICK_SETTINGS, n_test=MAX_POINTS, n_probe=4, workers=1
    )


def demo_data(results: AddingResults, T: int, seed: int) -> dict:
    """``results`` 에서 길이 T, 시드 seed 의 실행들(모델마다 하나, LSTM 은 편향 1)을 그림에 넘길 배열로 만든다."""
    if not isinstance(results, AddingResults):
        raise ValueError(f"results: expected an AddingResults, got {type(results).__name__}")
    runs = [results.get(cell, T, seed=seed) for cell in results.cells]
    m = min(MAX_POINTS, runs[0].test_targets.size)
    return {
        "T": T,
        "seed": seed,
        "names": [r.name for r in runs],
        "steps": [r.eval_steps for r in runs],
        "mse": [r.eval_mse for r in runs],
        "targets": runs[0].test_targets[:m],
        "preds": [r.test_pred[:m] for r in runs],
        "test_mse": [r.test_mse for r in runs],
        "threshold": runs[0].target_mse,
    }


@register_demo("rnn_vs_lstm_results")
def rnn_vs_lstm_demo(results: AddingResults | None = None) -> Demo:
    """덧셈 문제 결과 데모: T 와 시드를 고르면 같은 은닉 상태 크기의 모델들의 학습 곡선과 예측 대 정답.

    results : 장에서 계산한 ``run_adding_experiment(...)`` 의 결과. None 이면 :func:`quick_results`.
    """
    if results is None:
        results = quick_results()
    if not isinstance(results, AddingResults):
        raise ValueError(
            f"results: expected an AddingResults from run_adding_experiment, got {type(results).__name__}"
        )
    Ts, seeds = results.Ts, results.seeds
    if not Ts:
        raise ValueError("results: expected runs of every model for at least one T, got none")

    def compute(T: int, seed: int) -> dict:
        return demo_data(results, T, seed)

    return Demo(
        compute=compute,
        figure=results_live_figure,
        controls=[
            Choice("T", [(f"T = {T}", T) for T in Ts], Ts[-1], label="시퀀스 길이"),
            Choice("seed", [(f"시드 {s}", s) for s in seeds], seeds[0], label="시드"),
        ],
        scrub="T",
        title="RNN 대 LSTM",
        dpi=80,
    )
