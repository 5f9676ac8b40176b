#!/usr/bin/env bash
# 개발 환경을 준비한다: .venv 가상 환경, requirements.txt 의 고정된 패키지, helpers 패키지(pip install -e .).
# 이미 준비된 환경에서는 바뀐 것만 다시 한다. --browser 를 주면 브라우저 시험에 필요한
# Debian 의 chromium 과 한글 글꼴(fonts-noto-cjk)도 설치한다.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    *) echo "setup.sh: 알 수 없는 인자 '$arg' (쓸 수 있는 것: --browser)" >&2; exit 2 ;;
  esac
done

# 1. 파이썬 3.11 이상을 찾는다.
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for cand in python3.11 python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null 2>&1; then PY="$cand"; break; fi
  done
fi
if [ -z "$PY" ] || ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "setup.sh: Python 3.11 이상이 필요하다 (찾은 것: ${PY:-없음}). PYTHON=/경로/python3.11 로 지정할 수 있다." >&2
  exit 1
fi

# 2. 가상 환경과 패키지. requirements.txt 가 바뀌었을 때만 다시 설치한다.
if [ ! -x .venv/bin/python ]; then
  echo "==> 가상 환경 .venv 를 만든다 ($("$PY" --version))"
  "$PY" -m venv .venv
fi
UV_VERSION=0.13.9
stamp=.venv/.requirements.sha256
want=$( (sha256sum requirements.txt pyproject.toml; echo "uv $UV_VERSION") | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> requirements.txt 의 패키지를 설치한다"
  # uv 는 pip 와 같은 목록을 같은 판으로 깔되 나란히 내려받고 푼다: 새 환경에서 pip 46 초 → uv 20 초쯤 (빈 uv 캐시)
  # (make test 의 첫 단계라서 그대로 전체 시간에 더해진다). uv 를 쓸 수 없으면 pip 로 깐다.
  # --compile-bytecode: pip 처럼 설치할 때 .pyc 를 만든다. 그러지 않으면 처음 불러올 때 컴파일하며, 그때 나는 남의
  # 패키지의 SyntaxWarning(예: colorspacious 의 '\D')을 경고를 오류로 보는 pytest 가 실패로 센다.
  if .venv/bin/python -m pip install --quiet "uv==$UV_VERSION" \
     && .venv/bin/uv pip install --quiet --compile-bytecode --python .venv/bin/python -r requirements.txt \
     && .venv/bin/uv pip install --quiet --python .venv/bin/python --no-deps -e .; then
    :
  else
    echo "==> uv 로 설치하지 못했다: pip 로 설치한다"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -r requirements.txt
    .venv/bin/python -m pip install --quiet --no-deps -e .
  fi
  echo "$want" > "$stamp"
fi

# JupyterLab 이 뉴스와 새 판을 인터넷에서 확인하지 않게 한다 (책은 읽을 때 네트워크에 나가지 않는다).
mkdir -p .venv/share/jupyter/lab/settings
overrides='{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}'
if [ "$(cat .venv/share/jupyter/lab/settings/overrides.json 2>/dev/null)" != "$overrides" ]; then
  echo "$overrides" > .venv/share/jupyter/lab/settings/overrides.json
fi

# RISE 슬라이드 안에서도 슬라이더가 살아 있게 하는 JupyterLab 확장 (src/rise_widgets/README.md).
# 편집 설치(pip install -e .)는 pyproject 의 data-files 를 깔지 않으므로 직접 복사한다.
ext=.venv/share/jupyter/labextensions/rnn-book-rise-widgets
if ! diff -rq src/rise_widgets/labextension "$ext" >/dev/null 2>&1; then
  echo "==> RISE 용 위젯 확장을 $ext 에 설치한다"
  rm -rf "$ext" && mkdir -p "$(dirname "$ext")" && cp -r src/rise_widgets/labextension "$ext"
fi

# 3. 책의 실행 캐시(jupyter-cache)는 노트북의 코드만 보고 재사용을 정한다. helpers 의 코드가 바뀌면 낡은 출력이
#    책에 남지 않도록 캐시를 비운다.
helpers_sum=$(find src -name '*.py' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [ -d _build/.jupyter_cache ] && [ "$(cat _build/.helpers.sha256 2>/dev/null)" != "$helpers_sum" ]; then
  echo "==> src/helpers 가 바뀌었다: 노트북 실행 캐시를 비운다"
  rm -rf _build/.jupyter_cache
fi
mkdir -p _build && echo "$helpers_sum" > _build/.helpers.sha256

# 4. 브라우저 시험용 chromium 과 한글 글꼴 (Debian 패키지).
if [ "$want_browser" = 1 ]; then
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
  if [ "${#need[@]}" -gt 0 ]; then
    echo "==> Debian 패키지를 설치한다: ${need[*]}"
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "setup.sh: ${need[*]} 이(가) 필요하다. 관리자 권한으로 'apt-get install -y ${need[*]}' 를 실행하라." >&2
      exit 1
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi
