"""PyTorch 로 RNN / LSTM 의 정답 값을 만들어 작은 npz 파일로 저장한다 (독립된 구현과의 비교용).

PyTorch 는 이 프로젝트의 의존성이 아니다. 별도의 가상 환경에서 한 번 실행한다:

    python3 -m venv /work/torchvenv
    /work/torchvenv/bin/pip install torch==2.13.0 numpy==2.4.6
    /work/torchvenv/bin/python tests/reference/make_torch_reference.py

가중치 대응: weight_ih = Wxᵀ, weight_hh = Whᵀ, bias_ih = b, bias_hh = 0.
LSTM 게이트 순서는 PyTorch 와 우리 모두 i, f, g, o 이다.
손실은 고정된 무작위 가중치 R 과의 선형 결합 L = Σ R ⊙ hs 이고, 모든 값은 float64 이다.
"""

from __future__ import annotations

import pathlib

import numpy as np
import torch

HERE = pathlib.Path(__file__).resolve().parent
N, T, D, H = 2, 6, 3, 4


def make_case(kind: str, seed: int) -> dict[str, np.ndarray]:
    """kind: "tanh", "relu" (nn.RNN) 또는 "lstm" (nn.LSTM)."""
    rng = np.random.default_rng(seed)
    G = 4 if kind == "lstm" else 1
    data = {
        "xs": rng.standard_normal((N, T, D)),
        "Wx": 0.5 * rng.standard_normal((D, G * H)),
        "Wh": 0.5 * rng.standard_normal((H, G * H)),
        "b": 0.1 * rng.standard_normal(G * H),
        "h0": 0.5 * rng.standard_normal((N, H)),
        "R": rng.standard_normal((N, T, H)),
    }
    if kind == "lstm":
        data["c0"] = 0.5 * rng.standard_normal((N, H))
        net = torch.nn.LSTM(D, H, batch_first=True, dtype=torch.float64)
    else:
        net = torch.nn.RNN(D, H, nonlinearity=kind, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        net.weight_ih_l0.copy_(torch.from_numpy(data["Wx"].T))
        net.weight_hh_l0.copy_(torch.from_numpy(data["Wh"].T))
        net.bias_ih_l0.copy_(torch.from_numpy(data["b"]))
        net.bias_hh_l0.zero_()

    xs = torch.tensor(data["xs"], requires_grad=True)
    h0 = torch.tensor(data["h0"][None], requires_grad=True)  # PyTorch: (층 수, N, H)
    if kind == "lstm":
        c0 = torch.tensor(data["c0"][None], requires_grad=True)
        hs, (h_T, c_T) = net(xs, (h0, c0))
    else:
        hs, h_T = net(xs, h0)
    loss = (hs * torch.from_numpy(data["R"])).sum()
    loss.backward()

    data.update(
        hs=hs.detach().numpy(),
        h_T=h_T[0].detach().numpy(),
        dxs=xs.grad.numpy(),
        dWx=net.weight_ih_l0.grad.numpy().T,
        dWh=net.weight_hh_l0.grad.numpy().T,
        db=net.bias_ih_l0.grad.numpy(),
        dh0=h0.grad[0].numpy(),
    )
    if kind == "lstm":
        data.update(c_T=c_T[0].detach().numpy(), dc0=c0.grad[0].numpy())
    return {k: np.ascontiguousarray(v, dtype=np.float64) for k, v in data.items()}


def main() -> None:
    for seed, kind in enumerate(("tanh", "relu", "lstm")):
        name = f"torch_{'lstm' if kind == 'lstm' else 'rnn_' + kind}.npz"
        np.savez_compressed(HERE / name, torch_version=np.array(torch.__version__), **make_case(kind, seed))
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
