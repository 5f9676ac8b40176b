"""PyTorch 로 RNN / LSTM / GRU 의 정답 값을 만들어 작은 npz 파일로 저장한다 (독립된 구현과의 비교용).

PyTorch 는 이 프로젝트의 의존성이 아니다. 별도의 가상 환경에서 한 번 실행한다:

    python3 -m venv /work/torchvenv
    /work/torchvenv/bin/pip install torch==2.13.0 numpy==2.4.6
    /work/torchvenv/bin/python tests/reference/make_torch_reference.py          # 모든 파일
    /work/torchvenv/bin/python tests/reference/make_torch_reference.py gru      # GRU 파일만

가중치 대응: weight_ih = Wxᵀ, weight_hh = Whᵀ, bias_ih = b, bias_hh = 0.
LSTM 게이트 순서는 PyTorch 와 우리 모두 i, f, g, o 이다.
GRU 는 PyTorch 의 식(r 을 행렬 곱 뒤에 곱하는 판, TimeGRU(reset_after=True))과 비교한다. 게이트 순서는 둘 다
r, z, n(= g) 이다. 두 편향을 모두 0 이 아닌 값으로 두고 b = bias_ih + [bias_hh_r, bias_hh_z, 0],
b_hn = bias_hh_n 으로 옮긴다 (그래서 편향의 대응도 함께 확인한다).
손실은 고정된 무작위 가중치 R 과의 선형 결합 L = Σ R ⊙ hs 이고, 모든 값은 float64 이다.
"""

from __future__ import annotations

import pathlib
import sys

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


def make_gru_case(seed: int) -> dict[str, np.ndarray]:
    """nn.GRU (PyTorch 판 GRU) 의 순전파와 역전파. 두 편향 bias_ih, bias_hh 를 모두 무작위로 둔다."""
    rng = np.random.default_rng(seed)
    data = {
        "xs": rng.standard_normal((N, T, D)),
        "Wx": 0.5 * rng.standard_normal((D, 3 * H)),
        "Wh": 0.5 * rng.standard_normal((H, 3 * H)),
        "bias_ih": 0.1 * rng.standard_normal(3 * H),
        "bias_hh": 0.1 * rng.standard_normal(3 * H),
        "h0": 0.5 * rng.standard_normal((N, H)),
        "R": rng.standard_normal((N, T, H)),
    }
    # 이 책의 파라미터: r, z 의 두 편향은 더해질 뿐이므로 하나로 합친다. n 의 bias_hh 만 r 안쪽에 남는다.
    data["b"] = data["bias_ih"] + np.concatenate([data["bias_hh"][: 2 * H], np.zeros(H)])
    data["b_hn"] = data["bias_hh"][2 * H :].copy()
    net = torch.nn.GRU(D, H, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        net.weight_ih_l0.copy_(torch.from_numpy(data["Wx"].T))
        net.weight_hh_l0.copy_(torch.from_numpy(data["Wh"].T))
        net.bias_ih_l0.copy_(torch.from_numpy(data["bias_ih"]))
        net.bias_hh_l0.copy_(torch.from_numpy(data["bias_hh"]))

    xs = torch.tensor(data["xs"], requires_grad=True)
    h0 = torch.tensor(data["h0"][None], requires_grad=True)
    hs, h_T = net(xs, h0)
    (hs * torch.from_numpy(data["R"])).sum().backward()
    grad_ih, grad_hh = net.bias_ih_l0.grad.numpy(), net.bias_hh_l0.grad.numpy()
    data.update(
        hs=hs.detach().numpy(),
        h_T=h_T[0].detach().numpy(),
        dxs=xs.grad.numpy(),
        dWx=net.weight_ih_l0.grad.numpy().T,
        dWh=net.weight_hh_l0.grad.numpy().T,
        db=grad_ih,  # b 는 bias_ih 와 같은 자리에 더해진다
        db_hn=grad_hh[2 * H :],
        dbias_hh=grad_hh,  # r, z 부분은 db 와 같아야 한다 (테스트가 확인한다)
        dh0=h0.grad[0].numpy(),
    )
    return {k: np.ascontiguousarray(v, dtype=np.float64) for k, v in data.items()}


def main(argv: list[str]) -> None:
    version = np.array(torch.__version__)
    if not argv or "rnn" in argv or "lstm" in argv:
        for seed, kind in enumerate(("tanh", "relu", "lstm")):
            name = f"torch_{'lstm' if kind == 'lstm' else 'rnn_' + kind}.npz"
            np.savez_compressed(HERE / name, torch_version=version, **make_case(kind, seed))
            print(f"wrote {name}")
    if not argv or "gru" in argv:
        np.savez_compressed(HERE / "torch_gru.npz", torch_version=version, **make_gru_case(3))
        print("wrote torch_gru.npz")


if __name__ == "__main__":
    main(sys.argv[1:])
