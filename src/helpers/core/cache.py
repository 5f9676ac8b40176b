"""오래 걸리는 학습 결과를 디스크에 두고 다시 쓰는 캐시 (기본값은 꺼져 있다).

환경 변수 ``RNN_BOOK_CACHE`` 에 폴더를 주면 켜진다. 독자가 노트북을 그냥 실행할 때는 꺼져 있어서 언제나
새로 학습한다. 책의 시험(``make test``)은 책을 빌드할 때 채운 캐시를 강의 모드 시험이 다시 쓰게 한다:
강의 모드 시험이 보는 것은 슬라이드와 슬라이더이지 학습 결과가 아니고, 학습 결과의 주장은 빌드와 다른
BLAS 커널의 nbval 실행이 저마다 새로 계산해 확인한다.

열쇠에는 함수 이름과 인자뿐 아니라 helpers 의 소스 전체, NumPy 판, BLAS 커널(OPENBLAS_CORETYPE 에 따라
바뀐다)이 들어간다. 그래서 코드를 고치거나 다른 커널에서 실행하면 캐시를 쓰지 않고 새로 계산한다.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_info

__all__ = ["CACHE_ENV", "cache_dir", "cached_call", "run_signature"]

CACHE_ENV = "RNN_BOOK_CACHE"


def cache_dir() -> Path | None:
    """캐시 폴더 (환경 변수가 없거나 비어 있으면 None: 캐시를 쓰지 않는다)."""
    value = os.environ.get(CACHE_ENV, "").strip()
    return Path(value) if value else None


@cache
def _source_hash() -> str:
    root = Path(__file__).resolve().parents[1]  # src/helpers
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def run_signature() -> str:
    """결과를 바꿀 수 있는 환경: helpers 소스, NumPy 판, BLAS 종류와 커널."""
    blas = sorted(
        f"{i.get('internal_api')}:{i.get('version')}:{i.get('architecture')}"
        for i in threadpool_info()
        if i.get("user_api") == "blas"
    )
    return f"{_source_hash()}|numpy {np.__version__}|{','.join(blas)}"


def _key(value):
    """열쇠에 넣을 값. 배열은 dtype, shape 과 내용의 해시로 바꾼다 (repr 은 큰 배열을 줄여 쓰므로 값을 온전히 담지 못한다)."""
    if isinstance(value, np.ndarray):
        data = np.ascontiguousarray(value)
        return ("ndarray", data.dtype.str, data.shape, hashlib.sha256(data.tobytes()).hexdigest())
    if isinstance(value, tuple | list):
        return type(value).__name__, tuple(_key(v) for v in value)
    if isinstance(value, dict):
        return "dict", tuple(sorted((repr(k), _key(v)) for k, v in value.items()))
    return value


def cached_call(fn, /, *args, **kwargs):
    """``fn(*args, **kwargs)`` 의 결과. 캐시가 켜져 있으면 같은 호출의 저장된 결과를 돌려준다.

    인자는 NumPy 배열이거나, repr 이 값을 온전히 나타내는 것(수, 문자열, 그리고 그것들의 튜플, 목록, 사전)이어야 한다.
    """
    folder = cache_dir()
    if folder is None:
        return fn(*args, **kwargs)
    call = repr((fn.__module__, fn.__qualname__, _key(args), _key(kwargs)))
    key = hashlib.sha256(f"{call}|{run_signature()}".encode()).hexdigest()
    path = folder / f"{fn.__name__}-{key[:32]}.pkl"
    if path.is_file():
        with path.open("rb") as fh:
            return pickle.load(fh)
    result = fn(*args, **kwargs)
    folder.mkdir(parents=True, exist_ok=True)
    # 여러 프로세스가 같은 열쇠를 동시에 쓸 수 있다: 임시 파일에 쓴 뒤 이름을 바꾼다 (원자적)
    with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as fh:
        pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(fh.name, path)
    return result
