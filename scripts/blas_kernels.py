"""노트북을 다른 OpenBLAS 커널과 스레드 수에서 nbval 로 실행한다 (책의 주장이 독자의 컴퓨터에서도 서는지).

학습한 신경망의 끝 상태는 BLAS 가 곱셈을 더하는 순서(커널)에 따라 마지막 자리가 달라지는 것만으로도 갈릴 수
있다. 그래서 ``make test`` 는 책을 이 컴퓨터의 기본 설정으로 빌드하는 것과 별도로, 노트북을 이 CPU 가
지원하는 다른 커널 둘에서 ``pytest --nbval-lax`` 로 다시 실행한다: 셀의 assert 와, 저장된 출력과의 비교가
커널마다 다시 확인된다. 폴더를 주면 ``NOT_RERUN`` 의 노트북(학습도, BLAS 에 기대는 긴 되풀이도 없는 것)은
뺀다. 노트북 파일을 직접 주면 그 노트북은 언제나 돈다.

    .venv/bin/python scripts/blas_kernels.py --list              # 기본 커널과 고른 다른 커널들
    .venv/bin/python scripts/blas_kernels.py chapters book       # 고른 커널마다 nbval 실행
    .venv/bin/python scripts/blas_kernels.py chapters/07_rnn_vs_lstm.ipynb --kernels Haswell   # 경로를 먼저 (--kernels 는 뒤의 이름을 모두 가져간다)

OPENBLAS_CORETYPE 로 커널을 바꾸고, 바뀌었는지 threadpoolctl 로 확인한다 (바뀌지 않으면 실패한다: 조용히
같은 커널로 두 번 도는 일이 없게). 커널마다 OPENBLAS_NUM_THREADS 를 2, 1 로 번갈아 준다.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE_ENV = "RNN_BOOK_CACHE"  # helpers.core.cache.CACHE_ENV (이 스크립트는 helpers 를 불러오지 않는다)
SCRUBBER_ENV = "RNN_BOOK_SCRUBBER"  # helpers.interact._scrubber.SCRUBBER_ENV
# x86-64 에서 고를 커널과 그 커널이 쓰는 CPU 기능 (/proc/cpuinfo 의 flags)
X86_KERNELS = [("Haswell", {"avx2", "fma"}), ("Sandybridge", {"avx"}), ("Nehalem", {"sse4_2"})]
# aarch64 (예: 클라우드의 Arm 서버): 일반 ARMV8 커널은 어느 Arm 64 비트 CPU 에서나 돈다
ARM_KERNELS = [("ARMV8", set()), ("CORTEXA57", set())]
# 커널마다 다시 돌리지 않는 노트북: 학습하지 않고, 결과가 BLAS 의 덧셈 순서에 기대는 긴 되풀이도 없다
# (P0 의 기준: "적어도 학습하거나 반올림에 민감한 동역학에 기대는 노트북은 모두"). 1장의 펄스와 고정점은 스칼라 계산이고,
# 사용법의 포화 비율은 난수 표본이다. 둘은 책 빌드(기본 커널)와 강의 모드 시험에서 실행된다. 학습하는 코드를 부르지
# 않는다는 것은 tests/test_blas_kernels.py 가 확인한다.
NOT_RERUN = ("chapters/01_rnn.ipynb", "book/usage.ipynb")
PROBE = (
    "import numpy, threadpoolctl; "
    "print(next(i['architecture'] for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas'))"
)


def blas_kernel(env: dict) -> str:
    """주어진 환경 변수로 새 파이썬을 띄웠을 때 OpenBLAS 가 고르는 커널 이름."""
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith(("flags", "Features")):
            return set(line.split(":", 1)[1].split())
    return set()


def base_env() -> dict:
    """OPENBLAS_* 를 뺀 지금의 환경 변수."""
    return {k: v for k, v in os.environ.items() if not k.startswith("OPENBLAS_")}


def choose_kernels(n: int = 2) -> tuple[str, list[str]]:
    """(기본 커널, 이 CPU 가 지원하는 다른 커널 n 개)."""
    default = blas_kernel(base_env())
    machine = platform.machine().lower()
    if machine in ("x86_64", "amd64"):
        flags = cpu_flags()
        candidates = [k for k, need in X86_KERNELS if need <= flags]
    elif machine in ("aarch64", "arm64"):
        candidates = [k for k, _ in ARM_KERNELS]
    else:
        candidates = []
    others = [k for k in candidates if k.lower() != default.lower()][:n]
    return default, others


def run(kernels: list[str], paths: list[str], extra: list[str]) -> int:
    named = {Path(p).resolve() for p in paths}
    ignore = [f"--ignore={p}" for p in NOT_RERUN if (ROOT / p).resolve() not in named]
    status = 0
    for k, kernel in enumerate(kernels):
        threads = "2" if k % 2 == 0 else "1"
        env = dict(base_env(), OPENBLAS_CORETYPE=kernel, OPENBLAS_NUM_THREADS=threads)
        # 학습 결과 캐시(helpers.core.cache): 열쇠에 BLAS 커널이 들어가므로 이 커널의 결과만 다시 쓴다. 그래서 같은
        # 실행 안에서 8장은 7장이 이 커널로 학습한 바닐라 RNN 과 LSTM 을 다시 쓰고, 커널마다의 확인은 그대로다.
        env.setdefault(CACHE_ENV, str(ROOT / "_build" / ".run_cache"))
        # 데모의 스크러버(커널 없는 HTML 책을 위한 프레임 수십 장, 책 전체에 약 19 CPU 초)는 만들지 않는다: 이 실행이
        # 커널마다 다시 확인하는 것은 책의 주장(assert 와 비교하는 출력)이다. 스크러버는 책 빌드와
        # tests/test_demos_registry.py 가 확인한다 (helpers.interact._scrubber.scrubber_wanted).
        env[SCRUBBER_ENV] = "off"
        got = blas_kernel(env)
        if got.lower() != kernel.lower():
            print(
                f"blas_kernels: OPENBLAS_CORETYPE={kernel} 를 주었는데 OpenBLAS 가 {got} 커널을 골랐다",
                file=sys.stderr,
            )
            return 2
        print(f"==> nbval: OpenBLAS 커널 {got}, 스레드 {threads}: {' '.join(paths)}", flush=True)
        start = time.monotonic()
        cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--nbval-lax", "-q", *ignore, *extra, *paths]
        rc = subprocess.run(cmd, env=env, cwd=ROOT).returncode
        print(f"==> 커널 {got}: 종료 코드 {rc}, {time.monotonic() - start:.0f} 초", flush=True)
        status = status or rc
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--list", action="store_true", help="고른 커널만 보여 준다")
    parser.add_argument("--kernels", nargs="+", help="커널을 직접 고른다 (예: Haswell Sandybridge)")
    parser.add_argument("paths", nargs="*", help="nbval 로 돌릴 노트북이나 폴더")
    args, extra = parser.parse_known_args(argv)
    default, others = choose_kernels()
    kernels = args.kernels or others
    if args.list:
        print(f"기본 커널: {default}; 다른 커널: {', '.join(kernels) or '(없음)'}")
        return 0
    if not args.paths:
        parser.error("노트북이나 폴더를 주어야 한다 (예: chapters book)")
    if not kernels:
        print(
            f"blas_kernels: 이 CPU({platform.machine()})에서 기본 커널({default}) 말고 고를 수 있는 커널을 모른다",
            file=sys.stderr,
        )
        return 2
    return run(kernels, args.paths, extra)


if __name__ == "__main__":
    sys.exit(main())
