"""PyTorch 로 임베딩과 소프트맥스 교차 엔트로피의 정답 값을 만들어 작은 npz 파일로 저장한다 (9장의 두 계층용).

PyTorch 는 이 프로젝트의 의존성이 아니다. 별도의 가상 환경에서 한 번 실행한다:

    python3 -m venv /tmp/torchvenv
    /tmp/torchvenv/bin/pip install torch==2.13.0 numpy==2.4.6
    /tmp/torchvenv/bin/python tests/reference/make_torch_lm_reference.py

- torch_embedding.npz : ``torch.nn.functional.embedding(ids, W)`` 의 값과, 손실 L = Σ R ⊙ xs 에 대한 W 의 기울기.
  ids 에는 같은 번호가 여러 번 나온다 (기울기가 겹친 번호마다 더해지는지 보려고).
- torch_cross_entropy.npz : ``torch.nn.functional.cross_entropy`` (평균) 의 값과 점수의 기울기. 점수에는 아주 큰
  값(±1000 근처)이 섞인 경우도 있다 (log-sum-exp 가 넘치지 않는지 보려고).

모든 값은 float64 이다.
"""

from __future__ import annotations

import pathlib

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).resolve().parent
N, T, V, D = 3, 5, 7, 4


def embedding_case(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    data = {
        "W": rng.standard_normal((V, D)),
        "ids": rng.integers(0, V, size=(N, T)),
        "R": rng.standard_normal((N, T, D)),
    }
    data["ids"][0, :3] = 2  # 같은 번호가 여러 자리에
    W = torch.tensor(data["W"], requires_grad=True)
    xs = F.embedding(torch.from_numpy(data["ids"]), W)
    (xs * torch.from_numpy(data["R"])).sum().backward()
    data.update(xs=xs.detach().numpy(), dW=W.grad.numpy())
    return data


def cross_entropy_case(seed: int, scale: float) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    data = {"scores": scale * rng.standard_normal((N, T, V)), "ts": rng.integers(0, V, size=(N, T))}
    scores = torch.tensor(data["scores"], requires_grad=True)
    # PyTorch 의 cross_entropy 는 클래스 축이 두 번째다: (N, V, T)
    loss = F.cross_entropy(scores.permute(0, 2, 1), torch.from_numpy(data["ts"]), reduction="mean")
    loss.backward()
    data.update(loss=loss.detach().numpy(), dscores=scores.grad.numpy())
    return data


def main() -> None:
    emb = embedding_case()
    np.savez_compressed(HERE / "torch_embedding.npz", torch_version=np.array(torch.__version__), **emb)
    ce = {f"{k}_{name}": v for name, scale, seed in (("small", 1.0, 1), ("large", 1000.0, 2))
          for k, v in cross_entropy_case(seed, scale).items()}
    np.savez_compressed(HERE / "torch_cross_entropy.npz", torch_version=np.array(torch.__version__), **ce)
    print("wrote torch_embedding.npz, torch_cross_entropy.npz")


if __name__ == "__main__":
    main()
