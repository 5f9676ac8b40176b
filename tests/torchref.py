"""PyTorch 와의 비교를 위한 공통 도구: 저장된 정답(tests/reference/*.npz)과, torch 가 있을 때만 도는 실시간 비교.

PyTorch 는 이 프로젝트의 의존성이 아니다 (CPU 판만 해도 수백 MB 이고, 그냥 ``pip install torch`` 하면 리눅스에서
CUDA 판 수 GB 를 내려받는다). 그래서 ``tests/reference/make_torch_reference.py`` 가 별도의 가상 환경에서 한 번
만든 정답을 저장해 두고 언제나 비교한다. torch 가 없으면 실시간 비교는 건너뛰되, 저장된 정답이 무엇을
덮는지 건너뛴 이유에 적는다 (``pytest -ra`` 의 요약에 보인다).
"""

from __future__ import annotations

import importlib
import pathlib

import numpy as np
import pytest

REF = pathlib.Path(__file__).resolve().parent / "reference"


def stored_coverage() -> str:
    """저장된 정답 파일마다 무엇을 덮는지 한 줄로: 파일, torch 판, 모양, 비교하는 값."""
    parts = []
    for path in sorted(REF.glob("torch_*.npz")):
        with np.load(path) as f:
            version = str(f["torch_version"]) if "torch_version" in f.files else "?"
            if "xs" in f.files and "h0" in f.files:  # 순환 계층: 모양 N, T, D, H 와 비교하는 값
                N, T, D = f["xs"].shape
                H = f["h0"].shape[1]
                values = [k for k in ("hs", "h_T", "c_T") if k in f.files] + sorted(
                    k for k in f.files if k.startswith("d")
                )
                parts.append(
                    f"{path.name} (torch {version}, float64, N,T,D,H={N},{T},{D},{H}: {', '.join(values)})"
                )
            else:  # 그 밖의 계층 (임베딩, 교차 엔트로피): 배열 이름과 모양
                arrays = ", ".join(f"{k} {tuple(f[k].shape)}" for k in sorted(f.files) if k != "torch_version")
                parts.append(f"{path.name} (torch {version}: {arrays})")
    return "; ".join(parts) if parts else "none"


def torch_or_skip():
    """torch 를 불러오고, 없으면 저장된 정답이 덮는 범위를 말하며 건너뛴다."""
    try:
        return importlib.import_module("torch")
    except ImportError:
        pytest.skip(
            "torch is not installed, so the live PyTorch comparison is skipped (on purpose: torch is no dependency). "
            f"The stored references are still compared on every run: {stored_coverage()}"
        )
