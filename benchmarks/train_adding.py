"""덧셈 문제 학습 측정 (손으로 실행한다; 테스트가 아니다).

    .venv/bin/python benchmarks/train_adding.py                # 7장의 8개 실행 (RNN/LSTM × T, 편향 0/1)
    .venv/bin/python benchmarks/train_adding.py --cell lstm --T 100 --seeds 0 1 2

각 실행의 벽시계 시간, 검증 MSE 가 목표(0.01) 아래로 처음 내려간 스텝과 시간, 마지막 검증 MSE 를 출력한다.
결과는 helpers.core.train.ADDING_PROBLEM_SETTINGS 의 주석에 옮겨 적는다. 벽시계 시간은 기계가 바쁘면
크게 늘어나므로 프로세스 CPU 시간(cpu_s)도 함께 출력한다. OpenBLAS 스레드가 다른 프로세스와 다투면
작은 행렬 곱이 몇 배 느려지므로 OPENBLAS_NUM_THREADS=1 로 실행하기를 권한다.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from helpers.core.train import ADDING_PROBLEM_SETTINGS, train_adding

# 7장의 실행 목록: (cell, T, forget_bias)
CHAPTER7_RUNS = [
    ("rnn", 20, 1.0),
    ("lstm", 20, 1.0),
    ("rnn", 50, 1.0),
    ("lstm", 50, 1.0),
    ("rnn", 100, 1.0),
    ("lstm", 100, 1.0),
    ("lstm", 100, 0.0),
    ("lstm", 50, 0.0),
]


def run_one(cell: str, T: int, forget_bias: float, seed: int, settings: dict, stop: bool, dtype=None) -> dict:
    start, cpu_start = time.perf_counter(), time.process_time()
    _, h = train_adding(
        cell, T, forget_bias=forget_bias, seed=seed, settings=settings, stop_at_target=stop, dtype=dtype
    )
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    ev, es = h["eval"], h["eval_step"]
    hit = np.flatnonzero(ev < settings["target_mse"])
    return {
        "cell": cell,
        "T": T,
        "forget_bias": forget_bias,
        "seed": seed,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "steps": int(h["step"][-1]),
        "final_eval_mse": round(float(ev[-1]), 4),
        "min_eval_mse": round(float(ev.min()), 4),
        "first_step_below_target": int(es[hit[0]]) if hit.size else None,
        "time_below_target_s": round(float(h["time"][es[hit[0]] - 1]), 1) if hit.size else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cell", choices=["rnn", "lstm"])
    parser.add_argument("--T", type=int)
    parser.add_argument("--forget-bias", type=float, default=1.0)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--settings", type=json.loads, default={}, help="JSON, e.g. '{\"steps\": 800}'")
    parser.add_argument("--dtype", choices=["float32", "float64"], default=None, help="default: settings")
    parser.add_argument("--stop", action="store_true", help="stop each run once the target MSE is reached")
    args = parser.parse_args()
    settings = {**ADDING_PROBLEM_SETTINGS, **args.settings}
    print("settings:", json.dumps(settings), "dtype:", args.dtype or settings["dtype"])
    if args.cell is None:
        runs = CHAPTER7_RUNS
    else:
        runs = [(args.cell, args.T or 100, args.forget_bias)]
    total = time.perf_counter()
    for seed in args.seeds:
        for cell, T, fb in runs:
            print(json.dumps(run_one(cell, T, fb, seed, settings, args.stop, args.dtype)), flush=True)
    print(f"total {time.perf_counter() - total:.1f} s")


if __name__ == "__main__":
    main()
