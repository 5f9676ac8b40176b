#!/usr/bin/env bash
# make test 의 본체: 모든 시험을 돌린다. 두 갈래가 2코어에서 나란히 돈다.
#   1) pytest tests/ : 패키지 단위 시험, 구조 시험, 책 빌드(이 컴퓨터의 기본 BLAS 설정), 빌드한 책의 브라우저 시험,
#      JupyterLab+RISE 강의 모드 시험, 빌드가 실행한 노트북의 출력과 저장된 출력의 비교
#   2) scripts/blas_kernels.py : 모든 노트북을 다른 OpenBLAS 커널 둘에서 nbval 로 실행 (기록: _build/kernels.log)
# 어느 한쪽이라도 실패하면 실패한다.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p _build
start=$(date +%s)

.venv/bin/python scripts/blas_kernels.py chapters book > _build/kernels.log 2>&1 &
kernels_pid=$!

.venv/bin/python -m pytest tests --durations=25
tests_rc=$?

wait "$kernels_pid"
kernels_rc=$?
echo
echo "==> 다른 OpenBLAS 커널에서 노트북 실행 (nbval, _build/kernels.log):"
if [ "$kernels_rc" = 0 ]; then grep -E "^==>|passed|failed" _build/kernels.log; else tail -n 150 _build/kernels.log; fi
echo "==> pytest tests: 종료 코드 $tests_rc, 커널 nbval: 종료 코드 $kernels_rc, 모두 $(( $(date +%s) - start )) 초"
[ "$tests_rc" = 0 ] && [ "$kernels_rc" = 0 ]
