#!/usr/bin/env bash
# .venv 에 설치된 패키지를 requirements.txt 에 == 로 고정한다 (helpers 자신은 빼고).
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo "# 책을 만들고, 노트북을 돌리고, 시험하는 데 쓰는 모든 패키지 (pip freeze 로 고정했다)."
  echo "# 새로 고치려면: .venv/bin/pip install -U <패키지> 후 scripts/freeze.sh"
  .venv/bin/pip freeze --exclude-editable | grep -v '^-e' | grep -vi '^helpers'
} > requirements.txt
