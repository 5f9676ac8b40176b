"""7장이 assert 하는 수를 BLAS 커널마다 모아 보여 준다 (손으로 실행한다; 시험이 아니다).

    .venv/bin/python benchmarks/chapter7_spread.py                  # 기본 커널과 다른 커널 둘
    RNN_BOOK_CACHE=/tmp/runs .venv/bin/python benchmarks/chapter7_spread.py   # 학습 결과를 캐시에 두고 다시 쓴다

장과 같은 호출(학습률 고르기, 시드 다섯 개의 실험, 기억 셀 찾기)을 커널마다 새 프로세스에서 하고, 장이 확인하는
값을 시드마다 한 줄로 출력한다. 커널은 scripts/blas_kernels.py 가 고르는 것과 같다. 한 커널에 조용한 2코어에서
2–3 분이 든다 (RNN_BOOK_CACHE 로 nbval 실행과 캐시를 나누면 바로 끝난다).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure() -> dict:
    from threadpoolctl import threadpool_info

    from helpers import choose_learning_rates, find_memory_unit, probe_sequences, run_adding_experiment

    kernel = next(i["architecture"] for i in threadpool_info() if i["user_api"] == "blas")
    search = choose_learning_rates(
        ("rnn", "lstm", "irnn"), (3e-3, 1e-2, 3e-2), T=20, steps=600, seeds=(100, 101, 102)
    )
    res = run_adding_experiment(
        Ts=(20, 100), cells=("rnn", "lstm", "irnn"), seeds=range(5), lrs=search.best, forget_biases=(1.0, 0.0)
    )
    out = {"kernel": kernel, "learning rates": search.best}
    for T in (20, 100):
        for c in ("rnn", "lstm", "irnn"):
            out[f"{c} T={T} test MSE"] = [round(r.test_mse, 4) for r in res.runs(c, T)]
    out["lstm T=100 steps to target (bias 1)"] = [r.solved_step for r in res.runs("lstm", 100)]
    out["lstm T=100 steps to target (bias 0)"] = [
        r.solved_step for r in res.runs("lstm", 100, forget_bias=0.0)
    ]
    for c in ("rnn", "lstm", "irnn"):
        runs = res.runs(c, 100)
        out[f"{c} gradient at t1: before"] = [float(f"{r.probe_gradient[0]:.2g}") for r in runs]
        out[f"{c} gradient at t1: lowest"] = [float(f"{r.probe_gradient.min():.2g}") for r in runs]
        out[f"{c} gradient at t1: final"] = [float(f"{r.probe_gradient[-1]:.2g}") for r in runs]
        out[f"{c} dy/dx1 final"] = [round(float(r.probe_sensitivity[-1, 0]), 3) for r in runs]
    out["lstm bias 0 gradient at t1: before"] = [
        float(f"{r.probe_gradient[0]:.2g}") for r in res.runs("lstm", 100, forget_bias=0.0)
    ]
    probe = probe_sequences(256, T=100)
    memory = [find_memory_unit(r.model, probe) for r in res.runs("lstm", 100)]
    out["memory unit |corr|"] = [round(abs(m.corr), 3) for m in memory]
    out["memory unit i at markers / elsewhere"] = [
        round(m.input_at_markers / m.input_elsewhere) for m in memory
    ]
    out["memory unit f across the gap"] = [round(m.forget_across_gap, 4) for m in memory]
    return out


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        print(json.dumps(measure(), ensure_ascii=False))
        return 0
    spec = importlib.util.spec_from_file_location("blas_kernels", ROOT / "scripts" / "blas_kernels.py")
    blas_kernels = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(blas_kernels)
    base_env, choose_kernels = blas_kernels.base_env, blas_kernels.choose_kernels

    default, others = choose_kernels()
    rows = []
    for kernel in [None, *others]:
        env = base_env() if kernel is None else dict(base_env(), OPENBLAS_CORETYPE=kernel)
        out = subprocess.run(
            [sys.executable, __file__, "--one"], env=env, capture_output=True, text=True, check=True
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for key in rows[0]:
        if key != "kernel":
            print(key)
            for r in rows:
                print(f"    {r['kernel']:<12} {r[key]}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
