#!/usr/bin/env bash
# make test 의 본체: 모든 시험을 돌린다. 세 갈래가 2코어에서 나란히 돈다.
#   1) pytest tests/ (강의 모드 시험만 빼고): 패키지 단위 시험, 구조 시험, 책 빌드(이 컴퓨터의 기본 BLAS 설정),
#      빌드한 책의 브라우저 시험, 빌드가 실행한 노트북의 출력과 저장된 출력의 비교
#   2) scripts/blas_kernels.py : 노트북을 다른 OpenBLAS 커널 둘에서 nbval 로 실행 (학습하지 않는 NOT_RERUN 의 둘은 뺀다,
#      기록: _build/kernels.log)
#   3) tests/test_lecture_mode.py : 1) 의 빌드가 끝나기를 기다렸다가 (RNN_BOOK_WAIT_FOR_BUILD, tests/conftest.py)
#      JupyterLab + RISE 강의 모드 시험 (기록: _build/lecture.log). 이 시험은 대부분 커널과 브라우저의 응답을 기다리는
#      시간이라서 1) 의 브라우저 시험과 겹쳐 돌리면 CPU 를 많이 더 쓰지 않고 전체 시간이 준다.
# 어느 하나라도 실패하면 실패한다.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p _build
start=$(date +%s)
# 바이트코드 캐시(__pycache__, git 이 무시한다)를 쓰게 한다. 환경에 PYTHONDONTWRITEBYTECODE 가 있으면 이 시험이 띄우는
# 파이썬 프로세스 수십 개(커널, 작업 프로세스, pytest)가 저마다 helpers 와 시험 모듈을 다시 컴파일한다 (한 번에 0.2–2 초)
export PYTHONDONTWRITEBYTECODE=
rm -f _build/build.status  # 지난 실행의 빌드 결과를 3) 이 읽지 않게

.venv/bin/python scripts/blas_kernels.py chapters book > _build/kernels.log 2>&1 &
kernels_pid=$!

RNN_BOOK_WAIT_FOR_BUILD=1 .venv/bin/python -m pytest tests/test_lecture_mode.py -p no:cacheprovider --durations=10 \
    > _build/lecture.log 2>&1 &
lecture_pid=$!

.venv/bin/python -m pytest tests --ignore=tests/test_lecture_mode.py --durations=25
tests_rc=$?
# 1) 이 빌드를 시작하지도 끝내지도 못하고 멈췄다면 3) 이 한 시간을 기다리지 않게 알린다
[ -f _build/build.status ] || echo "시작되지 않았거나 끝나지 않았다 (pytest tests 의 종료 코드 $tests_rc)" > _build/build.status

wait "$lecture_pid"
lecture_rc=$?
wait "$kernels_pid"
kernels_rc=$?
echo
echo "==> 강의 모드 시험 (JupyterLab + RISE, _build/lecture.log):"
if [ "$lecture_rc" = 0 ]; then grep -E "passed|failed|s call" _build/lecture.log; else tail -n 150 _build/lecture.log; fi
echo "==> 다른 OpenBLAS 커널에서 노트북 실행 (nbval, _build/kernels.log):"
if [ "$kernels_rc" = 0 ]; then grep -E "^==>|passed|failed" _build/kernels.log; else tail -n 150 _build/kernels.log; fi
echo "==> pytest tests: 종료 코드 $tests_rc, 강의 모드: 종료 코드 $lecture_rc, 커널 nbval: 종료 코드 $kernels_rc," \
     "모두 $(( $(date +%s) - start )) 초"
[ "$tests_rc" = 0 ] && [ "$lecture_rc" = 0 ] && [ "$kernels_rc" = 0 ]
