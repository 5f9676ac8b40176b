"""커널 갈래(scripts/blas_kernels.py)가 쓰는 노트북 커널: 우선순위를 낮춘 뒤 보통의 IPython 커널을 띄운다.

``make test`` 에서는 두 갈래가 2코어를 나눈다. 책 빌드 → 브라우저 시험 → 강의 모드 시험이 이어지는 pytest 갈래가
전체 시간을 정하므로, 다른 커널에서 노트북을 다시 실행하는 갈래는 남는 CPU 를 채우는 쪽이 낫다.

그런데 부모를 ``nice`` 로 낮추는 것으로는 모자란다. jupyter_client 는 커널을 새 세션으로 띄우고, 리눅스의 자동
그룹(autogroup, /proc/sys/kernel/sched_autogroup_enabled)은 CPU 를 세션마다 고르게 나눈다: nice 는 같은 그룹
안에서만 뜻이 있다. 그래서 커널이 스스로 자기 그룹의 nice 를 올린다 (우선순위를 낮추는 것은 권한이 필요 없다).
자동 그룹이 없는 시스템에서는 프로세스의 nice 가 같은 일을 한다. 7장이 띄우는 학습 프로세스들도 이 값을 물려받는다.

    kernel.json 의 argv: [python, scripts/low_priority_kernel.py, "-f", "{connection_file}"]
    환경 변수 RNN_BOOK_KERNEL_NICE: 올릴 nice 값 (기본 5)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NICE_ENV = "RNN_BOOK_KERNEL_NICE"


def lower_priority(nice: int) -> None:
    """이 프로세스의 자동 그룹과 프로세스 자신의 nice 를 nice 만큼 낮춘다 (할 수 없으면 조용히 넘어간다)."""
    if nice <= 0:
        return
    try:
        with open("/proc/self/autogroup", "w", encoding="ascii") as fh:
            fh.write(str(nice))
    except OSError:
        pass  # 리눅스가 아니거나 자동 그룹이 꺼져 있다
    try:
        os.nice(nice)
    except OSError:
        pass


def main() -> None:
    lower_priority(int(os.environ.get(NICE_ENV, "5")))
    # ipykernel_launcher 처럼, 이 스크립트의 폴더(scripts/)가 노트북의 import 경로 맨 앞에 오지 않게 한다
    if sys.path and Path(sys.path[0] or ".").resolve() == Path(__file__).resolve().parent:
        del sys.path[0]
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance()


if __name__ == "__main__":
    main()
