"""핵심 계층의 속도: 빠른 TimeRNN / TimeLSTM 을 같은 프로세스에서 시점별 기준 판(Stepwise)과 비교한다.

    .venv/bin/python benchmarks/core.py [--repeats 5] [--clock wall|cpu]

순전파 + 역전파 한 번의 시간(반복의 중앙값)을 잰다. PyTorch 가 import 되면 (별도 가상 환경) NumPy 측정을
모두 마친 뒤 같은 가중치의 nn.RNN / nn.LSTM (CPU) 도 잰다. 이때 torch 의 스레드 수를 NumPy BLAS 의 스레드
수와 같게 맞춘다. 기계를 여러 사람이 함께 쓰면 숫자가 흔들리므로, 비율(같은 프로세스 안의 비교)을 보라.
부하가 큰 공유 기계에서는 BLAS 스레드 2개가 서로 기다리느라 작은 행렬 곱이 수십 배 느려진다. 그럴 때는
``OPENBLAS_NUM_THREADS=1 ... --clock cpu`` (스레드 1개, 이 프로세스의 CPU 시간)로 재면 덜 흔들린다.
9장 언어 모델의 학습 스텝(``LM_SETTINGS`` 의 모양, float32)도 잰다: LSTM 만의 순전파 + 역전파, 그리고 임베딩 →
LSTM → 출력층 → 소프트맥스 교차 엔트로피 전체. PyTorch 가 있으면 같은 가중치의 같은 계산과의 비율(NumPy 시간 /
PyTorch 시간)을 찍는다. ``--lm-only`` 는 이것만 잰다.
활성화 함수 절은 TimeLSTM 한 시점의 게이트 크기 (N, 4H) 에서 후보 계산법의 시간(np.exp 에 대한 비율)과 0 근처
(|x| 1e-12..1)의 최대 상대 오차를 같은 프로세스에서 잰다: 빠른 계층이 쓰는 방법(np.tanh, σ = tanh(a/2)/2 + 1/2)을
고른 근거다.
마지막 줄은 LSTM (32,100,64,128) float64 의 속도 향상 비율이다.
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import time

import numpy as np

from helpers.core.jacobian import hidden_jacobians, jacobian_norms
from helpers.core.language_model import LM_SETTINGS, make_language_model
from helpers.core.lstm import TimeLSTM, TimeLSTMStepwise
from helpers.core.rnn import TimeRNN, TimeRNNStepwise

CASES = [(32, 100, 64, 128), (1, 1000, 16, 32), (64, 35, 100, 100)]
DTYPES = [np.float64, np.float32]
KINDS = {"RNN": (TimeRNN, TimeRNNStepwise, 1), "LSTM": (TimeLSTM, TimeLSTMStepwise, 4)}


def blas_threads() -> tuple[int, str]:
    """NumPy BLAS 의 스레드 수와 그 출처. threadpoolctl 이 있으면 그것을, 없으면 환경 변수를 본다."""
    try:
        threadpoolctl = importlib.import_module("threadpoolctl")
    except ImportError:
        threadpoolctl = None
    if threadpoolctl is not None:
        info = [i for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]
        if info:
            return int(info[0]["num_threads"]), f"threadpoolctl ({info[0].get('internal_api')})"
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if os.environ.get(var, "").isdigit():
            return int(os.environ[var]), var
    return os.cpu_count() or 1, "os.cpu_count() (OpenBLAS default)"


def make_problem(kind: str, N: int, T: int, D: int, H: int, dtype, seed: int = 0):
    rng = np.random.default_rng(seed)
    G = KINDS[kind][2]
    Wx = (rng.standard_normal((D, G * H)) / np.sqrt(D)).astype(dtype)
    Wh = (rng.standard_normal((H, G * H)) / np.sqrt(H)).astype(dtype)
    b = np.zeros(G * H, dtype=dtype)
    xs = rng.standard_normal((N, T, D)).astype(dtype)
    dhs = rng.standard_normal((N, T, H)).astype(dtype)
    return (Wx, Wh, b), xs, dhs


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
# 9장의 자모 어휘 크기 (대한민국헌법 NFD 의 기호 수; tests/test_core_text.py 가 75 임을 확인한다)
LM_VOCAB = 75


def median_time(fn, repeats: int, clock=time.perf_counter) -> float:
    """fn() 의 실행 시간 중앙값(초). 첫 실행은 예열로 버린다."""
    fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return statistics.median(times)


def time_numpy(cls, weights, xs, dhs, repeats: int, clock) -> float:
    layer = cls(*weights)

    def step():
        layer.forward(xs)
        layer.backward(dhs)

    return median_time(step, repeats, clock)


def time_torch(torch, kind: str, weights, xs, dhs, repeats: int, clock) -> float:
    """같은 가중치의 nn.RNN / nn.LSTM: 순전파 + 입력·초기 상태·가중치의 기울기까지 역전파."""
    Wx, Wh, b = weights
    D, H = Wx.shape[0], Wh.shape[0]
    tdtype = torch.float64 if xs.dtype == np.float64 else torch.float32
    net = (torch.nn.LSTM if kind == "LSTM" else torch.nn.RNN)(D, H, batch_first=True, dtype=tdtype)
    with torch.no_grad():
        net.weight_ih_l0.copy_(torch.from_numpy(Wx.T.copy()))
        net.weight_hh_l0.copy_(torch.from_numpy(Wh.T.copy()))
        net.bias_ih_l0.copy_(torch.from_numpy(b))
        net.bias_hh_l0.zero_()
    xs_t = torch.from_numpy(xs).requires_grad_(True)
    h0 = torch.zeros((1, xs.shape[0], H), dtype=tdtype, requires_grad=True)
    state = (h0, torch.zeros_like(h0, requires_grad=True)) if kind == "LSTM" else h0
    dhs_t = torch.from_numpy(dhs)

    def step():
        net.zero_grad(set_to_none=True)
        xs_t.grad = None
        hs, _ = net(xs_t, state)
        hs.backward(dhs_t)

    return median_time(step, repeats, clock)


def _import_torch(threads: int):
    """PyTorch 를 불러와 스레드 수를 NumPy BLAS 와 맞춘다. 없으면 None."""
    try:
        torch = importlib.import_module("torch")
    except ImportError:
        print("PyTorch: not importable here (run with the separate torch venv to compare)")
        return None
    torch.set_num_threads(threads)
    print(f"PyTorch {torch.__version__} CPU, torch.set_num_threads({threads}) -> {torch.get_num_threads()}")
    return torch


def lm_shape() -> tuple[int, int, int, int, int]:
    """9장 모델의 학습 스텝 모양 (N, T, V, D, H): 미니배치 N 줄 × 창 길이 k 시점."""
    s = LM_SETTINGS
    return s["N"], s["k"], LM_VOCAB, s["D"], s["H"]


def time_lm_numpy(repeats: int, clock) -> float:
    """9장의 ``LanguageModel`` 한 번의 forward(ids, ts) + backward() (float32)."""
    N, T, V, D, H = lm_shape()
    rng = np.random.default_rng(0)
    model = make_language_model(rng, V, D, H, dtype=np.float32)
    ids, ts = rng.integers(0, V, (N, T)), rng.integers(0, V, (N, T))

    def step():
        model.forward(ids, ts)
        model.backward()

    return median_time(step, repeats, clock)


def time_lm_torch(torch, repeats: int, clock) -> float:
    """같은 모양의 nn.Embedding → nn.LSTM → nn.Linear → cross_entropy (float32, CPU), 같은 가중치."""
    N, T, V, D, H = lm_shape()
    rng = np.random.default_rng(0)
    model = make_language_model(rng, V, D, H, dtype=np.float32)
    W, Wx, Wh, b, Wy, by = model.params
    ids, ts = rng.integers(0, V, (N, T)), rng.integers(0, V, (N, T))
    emb = torch.nn.Embedding(V, D)
    lstm = torch.nn.LSTM(D, H, batch_first=True)
    lin = torch.nn.Linear(H, V)
    with torch.no_grad():
        emb.weight.copy_(torch.from_numpy(W))
        lstm.weight_ih_l0.copy_(torch.from_numpy(Wx.T.copy()))
        lstm.weight_hh_l0.copy_(torch.from_numpy(Wh.T.copy()))
        lstm.bias_ih_l0.copy_(torch.from_numpy(b))
        lstm.bias_hh_l0.zero_()
        lin.weight.copy_(torch.from_numpy(Wy.T.copy()))
        lin.bias.copy_(torch.from_numpy(by))
    ids_t, ts_t = torch.from_numpy(ids), torch.from_numpy(ts)
    mods = (emb, lstm, lin)

    def step():
        for m in mods:
            m.zero_grad(set_to_none=True)
        hs, _ = lstm(emb(ids_t))
        loss = torch.nn.functional.cross_entropy(lin(hs).reshape(N * T, V), ts_t.reshape(N * T))
        loss.backward()

    return median_time(step, repeats, clock)


def bench_lm(repeats: int, clock) -> dict:
    """9장 모델의 학습 스텝: NumPy 를 먼저 모두 재고, PyTorch 가 있으면 그다음에 잰다."""
    N, T, V, D, H = lm_shape()
    weights, xs, dhs = make_problem("LSTM", N, T, D, H, np.float32)
    out = {"lstm": time_numpy(TimeLSTM, weights, xs, dhs, repeats, clock), "model": time_lm_numpy(repeats, clock)}
    return out


def print_lm(lm: dict, torch) -> None:
    N, T, V, D, H = lm_shape()
    print(f"\n9장 언어 모델의 학습 스텝, float32, (N, T, V, D, H) = ({N}, {T}, {V}, {D}, {H})")
    for key, name in (("lstm", "LSTM fwd+bwd"), ("model", "임베딩+LSTM+출력층+손실 fwd+bwd")):
        line = f"  {name:<32} NumPy {lm[key] * 1e3:8.2f} ms"
        if torch is not None:
            line += f"   PyTorch {lm['torch_' + key] * 1e3:8.2f} ms   NumPy/PyTorch = {lm[key] / lm['torch_' + key]:.2f}x"
        print(line)
def _exp_tanh(x, out):
    """옛 빠른 tanh (비교용): 2 / (1 + e^(−2x)) − 1. 0 근처에서 상대 오차가 크다 (float32 에서 100 % 까지)."""
    np.multiply(x, -2, out=out)
    np.exp(out, out=out)
    out += 1
    np.divide(2, out, out=out)
    out -= 1


def _sigmoid_exp(x, out):
    """σ(x) = 1 / (1 + e^(−x)). 정확하지만 x < −88 (float32) 에서 e^(−x) 가 넘친다 (np.errstate 가 필요하다)."""
    np.negative(x, out=out)
    np.exp(out, out=out)
    out += 1
    np.divide(1, out, out=out)


def _sigmoid_tanh(x, out):
    """빠른 계층의 시그모이드: σ(x) = 0.5·tanh(x/2) + 0.5. 넘치지 않는다 (음수 쪽 꼬리의 상대 오차는 커진다)."""
    np.multiply(x, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5


ACTIVATION_KERNELS = {
    "tanh": {"np.tanh": lambda x, out: np.tanh(x, out=out), "2σ(2x)−1 (옛 방법)": _exp_tanh},
    "sigmoid": {"1/(1+e^−x)": _sigmoid_exp, "0.5·tanh(x/2)+0.5": _sigmoid_tanh},
}


def activation_table(repeats: int, clock) -> list[str]:
    """후보 계산법마다 (N, 4H) 배열 한 번의 시간 / np.exp 한 번의 시간, 그리고 0 근처의 최대 상대 오차."""
    lines = []
    tiny = np.logspace(-12, 0, 2001)
    tiny = np.concatenate([-tiny[::-1], tiny])
    exact = {"tanh": np.tanh(tiny.astype(np.longdouble)), "sigmoid": 1 / (1 + np.exp(-tiny.astype(np.longdouble)))}
    for dtype in DTYPES:
        for N, H in ((32, 128), (64, 256)):
            x = np.random.default_rng(0).standard_normal((N, 4 * H)).astype(dtype)
            out = np.empty_like(x)
            t_exp = median_time(lambda x=x, out=out: [np.exp(x, out=out) for _ in range(20)], repeats, clock) / 20
            for fn_name, kernels in ACTIVATION_KERNELS.items():
                for name, kernel in kernels.items():
                    t = median_time(lambda k=kernel, x=x, out=out: [k(x, out) for _ in range(20)], repeats, clock) / 20
                    small = tiny.astype(dtype)
                    got = np.empty_like(small)
                    kernel(small, got)
                    err = float(np.max(np.abs((got - exact[fn_name]) / exact[fn_name])))
                    lines.append(f"{fn_name:8} {name:20} {np.dtype(dtype).name:8} (N,4H)=({N},{4 * H}): "
                                 f"{t / t_exp:5.2f}x np.exp, max rel. error near 0 {err:.1e}")  # fmt: skip
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="반복 횟수 (중앙값을 쓴다)")
    parser.add_argument("--clock", choices=list(CLOCKS), default="wall",
                        help="wall: 경과 시간. cpu: 이 프로세스가 쓴 CPU 시간 (기계를 함께 쓸 때 덜 흔들린다. "
                             "스레드가 여럿이면 스레드마다의 시간이 더해진다)")  # fmt: skip
    parser.add_argument("--lm-only", action="store_true", help="9장 언어 모델의 학습 스텝만 잰다")
    args = parser.parse_args()
    clock = CLOCKS[args.clock]

    threads, source = blas_threads()
    print(f"NumPy {np.__version__}, BLAS threads = {threads} (from {source}), "
          f"OPENBLAS_CORETYPE = {os.environ.get('OPENBLAS_CORETYPE', '(unset)')}, repeats = {args.repeats}, "
          f"clock = {args.clock}")  # fmt: skip

    lm = bench_lm(args.repeats, clock)
    if args.lm_only:
        torch = _import_torch(threads)
        if torch is not None:
            N, T, V, D, H = lm_shape()
            weights, xs, dhs = make_problem("LSTM", N, T, D, H, np.float32)
            lm["torch_lstm"] = time_torch(torch, "LSTM", weights, xs, dhs, args.repeats, clock)
            lm["torch_model"] = time_lm_torch(torch, args.repeats, clock)
        print_lm(lm, torch)
        return

    rows = []
    for N, T, D, H in CASES:
        for dtype in DTYPES:
            for kind, (fast_cls, slow_cls, _) in KINDS.items():
                weights, xs, dhs = make_problem(kind, N, T, D, H, dtype)
                fast = time_numpy(fast_cls, weights, xs, dhs, args.repeats, clock)
                slow = time_numpy(slow_cls, weights, xs, dhs, args.repeats, clock)
                rows.append({"kind": kind, "shape": (N, T, D, H), "dtype": dtype, "fast": fast, "slow": slow})

    # 야코비 행렬: (N, T, H) = (1, 200, 32), 5장의 슬라이더 크기
    jac = []
    for kind, (cls, _, _) in KINDS.items():
        (Wx, Wh, b), xs, _ = make_problem(kind, 1, 200, 8, 32, np.float64)
        layer = cls(Wx, Wh, b)
        layer.forward(xs)
        jac.append((kind, median_time(lambda layer=layer: hidden_jacobians(layer), args.repeats, clock),
                    median_time(lambda layer=layer: jacobian_norms(layer), args.repeats, clock)))  # fmt: skip

    activations = activation_table(args.repeats, clock)

    # PyTorch 는 NumPy 측정이 모두 끝난 뒤에 (import 만으로도 스레드 풀이 생긴다)
    torch = _import_torch(threads)
    if torch is not None:
        for row in rows:
            weights, xs, dhs = make_problem(row["kind"], *row["shape"], row["dtype"])
            row["torch"] = time_torch(torch, row["kind"], weights, xs, dhs, args.repeats, clock)
        N, T, V, D, H = lm_shape()
        weights, xs, dhs = make_problem("LSTM", N, T, D, H, np.float32)
        lm["torch_lstm"] = time_torch(torch, "LSTM", weights, xs, dhs, args.repeats, clock)
        lm["torch_model"] = time_lm_torch(torch, args.repeats, clock)

    print()
    header = f"{'layer':5} {'(N,T,D,H)':>16} {'dtype':>5} {'fast ms':>9} {'per-step ms':>12} {'speed-up':>9}"
    if torch is not None:
        header += f" {'torch ms':>9} {'torch/fast':>11}"
    print(header)
    print("-" * len(header))
    for row in rows:
        shape = "(" + ",".join(map(str, row["shape"])) + ")"
        dt = "f64" if row["dtype"] == np.float64 else "f32"
        line = (f"{row['kind']:5} {shape:>16} {dt:>5} {row['fast'] * 1e3:9.2f} {row['slow'] * 1e3:12.2f} "
                f"{row['slow'] / row['fast']:8.2f}x")  # fmt: skip
        if torch is not None:
            line += f" {row['torch'] * 1e3:9.2f} {row['torch'] / row['fast']:10.2f}x"
        print(line)
    print()
    for kind, t_jac, t_norm in jac:
        print(
            f"{kind} hidden_jacobians (1,200,32) f64: {t_jac * 1e3:.2f} ms; jacobian_norms (ord=2): {t_norm * 1e3:.2f} ms"
        )
    print()
    print("\n".join(activations))
    print_lm(lm, torch)
    key = next(r for r in rows if r["kind"] == "LSTM" and r["shape"] == CASES[0] and r["dtype"] == np.float64)
    print(f"LSTM fwd+bwd (32,100,64,128) f64: {key['slow'] / key['fast']:.2f}x faster than per-step baseline")


if __name__ == "__main__":
    main()
