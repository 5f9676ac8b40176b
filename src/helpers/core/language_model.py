"""자모 단위 LSTM 언어 모델: 임베딩 → LSTM → 출력층 → 소프트맥스 교차 엔트로피 (9장).

- ``LanguageModel`` : 네 계층을 잇고, 순전파 사이에 은닉 상태와 셀 상태를 넘겨주는(stateful) 모델.
- ``make_language_model`` : 초기화한 모델 하나.
- ``truncated_batches`` : 잘린 BPTT({doc}`02_bptt`)의 미니배치. 글을 N 개의 긴 줄로 나눠 나란히 놓고, 길이 k 의 창(window)을
  차례로 잘라 준다. 창 사이에 상태는 이어지고(순전파), 기울기는 창 경계에서 끊긴다(역전파).
- ``train_language_model`` : 위 미니배치와 ``helpers.core.train.fit`` (Adam, 기울기 클리핑)으로 학습한다.
- ``sample`` : 온도 τ 로 나눈 점수의 소프트맥스에서 다음 기호를 뽑는다. 같은 시드면 같은 균등 난수를 쓰므로
  τ 만 바꾸면 τ 때문에 달라진 것만 보인다.
- ``cell_activity`` / ``unit_correlations`` : 글을 읽는 동안의 셀 상태와 게이트 값, 그리고 글에서 정의한 특징과의 상관.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from helpers.core.activations import log_softmax, sigmoid
from helpers.core.cache import cached_call
from helpers.core.experiment import limit_blas_threads
from helpers.core.init import init_affine, init_lstm
from helpers.core.layers import TimeAffine
from helpers.core.lm_layers import TimeEmbedding, TimeSoftmaxWithLoss
from helpers.core.lstm import TimeLSTM
from helpers.core.optim import Adam
from helpers.core.text import Vocabulary, display_jamo, from_jamo, load_constitution, to_jamo
from helpers.core.train import fit
from helpers.core.validation import (
    check_dtype,
    check_ids,
    check_rng,
    check_size,
    check_span,
    check_temperature,
    merge_settings,
)

__all__ = [
    "LM_SETTINGS",
    "LM_TORCH_SPEED",
    "TAU_VALUES",
    "TOP_K",
    "TrainedLM",
    "check_model_vocab",
    "quick_model",
    "temperature_data",
    "unit_view_data",
    "LanguageModel",
    "cell_activity",
    "make_language_model",
    "sample",
    "train_language_model",
    "truncated_batches",
    "unit_correlations",
]

# 9장의 모델과 학습 설정. 고른 과정 (2026-12-01, 이 프로젝트의 기계, OPENBLAS_NUM_THREADS=1, 부하 5–8, 시드 0–2 의
# 시험 퍼플렉서티; 검증으로 고른 n-그램은 6.06, 시험에서 가장 좋은 n-그램은 5.84):
#   H=128, lr 5e-3, 600 스텝: 5.28 (시드 0), CPU 19 s;  H=96, 800 스텝: 중앙값 5.09 (4.95–5.15), CPU 16 s/시드;
#   H=64, 800 스텝: 5.18 (4.97–5.22), CPU 10 s/시드;  H=64, 1000 스텝: 5.27 (5.05–5.32) (검증은 낮아도 시험은 나빠졌다);
#   H=64, lr 1e-2 에서 1e-3 까지 코사인 감쇠, 800 스텝: 4.89 (4.84–5.05), CPU 11 s/시드 ← 이 설정;
#   같은 설정 600 스텝 (시드 0–3): 4.99 (4.82–5.23), CPU 9 s/시드.
# 학습 손실은 검증보다 훨씬 낮아진다 (과적합): 그래서 검증 퍼플렉서티가 가장 낮았던 파라미터를 간직한다.
LM_SETTINGS = {
    "D": 32,  # 임베딩 크기
    "H": 64,  # 은닉 상태 크기
    "N": 32,  # 나란히 읽는 줄의 수 (미니배치 크기)
    "k": 64,  # 잘린 BPTT 의 창 길이 (시점 수)
    "lr": 1e-2,  # Adam 학습률 (처음 값)
    "lr_final": 0.1,  # 마지막 갱신의 학습률 / 처음 학습률 (코사인 감쇠; 1 이면 줄이지 않는다)
    "clip": 1.0,  # 기울기 클리핑의 최대 노름
    "steps": 800,  # 갱신 횟수
    "eval_every": 50,  # 검증 퍼플렉서티를 재는 간격
    "dtype": "float32",
}

# benchmarks/core.py --lm-only 로 잰 기록: 위 설정의 학습 스텝 한 번 (float32, 임베딩부터 손실까지의 순전파와 역전파)을
# 같은 프로세스의 PyTorch 2.13 CPU (nn.Embedding → nn.LSTM → nn.Linear → cross_entropy, 같은 가중치)와 비교한 시간의 비.
# 측정: 2026-12-01, 이 프로젝트의 기계 (2코어, 다른 작업으로 부하 10 안팎), OPENBLAS_NUM_THREADS=1,
# torch.set_num_threads(1), --repeats 40 --clock cpu 를 세 번: 학습 스텝 1.56 배 (1.43–1.59), LSTM 계층만 1.65 배
# (1.62–2.16). 정확한 활성화 함수(np.tanh 한 번)로 바꾼 TimeLSTM 과 reduceat 임베딩 역전파로 잰 값이다.
# 9장의 마지막 절이 이 기록을 인용한다 (PyTorch 는 이 책의 의존성이 아니라서 책을 빌드할 때는 잴 수 없다).
LM_TORCH_SPEED = {
    "date": "2026-12-01",
    "shape": "(N, T, V, D, H) = (32, 64, 75, 32, 64)",
    "ratio": 1.56,  # NumPy 시간 / PyTorch 시간, 학습 스텝 전체 (세 번의 중앙값)
    "lstm_ratio": 1.65,  # LSTM 계층만
}


class LanguageModel:
    """자모 번호열을 읽고 매 시점 다음 기호의 점수(로짓)를 내는 모델.

    임베딩 W_embed (V, D) → TimeLSTM (Wx (D, 4H), Wh (H, 4H), b (4H,)) → TimeAffine (Wy (H, V), by (V,))
    → TimeSoftmaxWithLoss.

    상태를 넘겨준다(stateful): ``forward`` 는 직전 ``forward`` 가 끝난 상태 ``self.h``, ``self.c`` 에서 시작한다.
    ``reset_state()`` 가 상태를 0 으로 되돌린다. 역전파는 그 창 안에서만 한다 (``lstm.dh0`` 을 쓰지 않는다).
    """

    def __init__(self, W_embed, Wx, Wh, b, Wy, by):
        self.embed = TimeEmbedding(W_embed)
        self.lstm = TimeLSTM(Wx, Wh, b)
        self.affine = TimeAffine(Wy, by)
        self.loss = TimeSoftmaxWithLoss()
        V, D = W_embed.shape
        if Wx.shape[0] != D:
            raise ValueError(f"Wx: expected {D} rows to match W_embed (V, D) = {W_embed.shape}, got {Wx.shape[0]}")
        if Wy.shape != (Wh.shape[0], V):
            raise ValueError(f"Wy: expected shape ({Wh.shape[0]}, {V}) (H, V), got {Wy.shape}")
        if len({W_embed.dtype, Wx.dtype, Wy.dtype}) != 1:
            raise ValueError(f"W_embed, Wx, Wy: expected one dtype, got {W_embed.dtype}, {Wx.dtype}, {Wy.dtype}")
        self.h = self.c = None

    @property
    def V(self) -> int:
        return self.embed.params[0].shape[0]

    @property
    def H(self) -> int:
        return self.lstm.params[1].shape[0]

    @property
    def dtype(self) -> np.dtype:
        return self.embed.params[0].dtype

    @property
    def params(self) -> list[np.ndarray]:
        return self.embed.params + self.lstm.params + self.affine.params

    @property
    def grads(self) -> list[np.ndarray]:
        return self.embed.grads + self.lstm.grads + self.affine.grads

    def reset_state(self) -> None:
        """은닉 상태와 셀 상태를 0 으로 (다음 forward 는 처음부터 읽는 것처럼 시작한다)."""
        self.h = self.c = None

    def scores(self, ids: np.ndarray) -> np.ndarray:
        """ids : 정수 ndarray (N, T) → 다음 기호의 점수 (N, T, V). 상태를 이어받고 끝난 상태를 남긴다."""
        check_ids("ids", ids, self.V, ndim=2)
        if self.h is not None and self.h.shape[0] != ids.shape[0]:
            raise ValueError(
                f"ids: expected {self.h.shape[0]} rows to continue the carried state (call reset_state() first), "
                f"got {ids.shape[0]}"
            )
        xs = self.embed.forward(ids)
        hs = self.lstm.forward(xs, self.h, self.c)
        self.h, self.c = self.lstm.h, self.lstm.c  # 다음 창으로 넘길 상태 (복사본)
        return self.affine.forward(hs)

    def forward(self, ids: np.ndarray, ts: np.ndarray) -> float:
        """ids, ts : 정수 ndarray (N, T). ts[n, t] 는 ids[n, t] 다음 기호. 평균 교차 엔트로피를 돌려준다."""
        return self.loss.forward(self.scores(ids), ts)

    def backward(self) -> None:
        """손실에서 임베딩까지 역전파해 ``grads`` 를 채운다. 창 앞으로는 가지 않는다 (잘린 BPTT)."""
        dscores = self.loss.backward()
        dhs = self.affine.backward(dscores)
        dxs = self.lstm.backward(dhs)  # lstm.dh0, lstm.dc0 은 버린다: 기울기는 창 경계에서 끊긴다
        self.embed.backward(dxs)

    def log_probs(self, ids: np.ndarray, start: int, stop: int | None = None, *, warmup: int = 256) -> np.ndarray:
        """자리 t ∈ [start, stop) 마다 log P(ids[t] | ids[:t]) (자연로그), shape (stop − start,).

        ids : 글 전체의 번호 (1차원). 맥락은 구간 앞의 글 ``warmup`` 개부터 읽어 시작한다 (n-그램이 구간 앞의
        n−1 개를 맥락으로 보는 것과 같은 규칙이다). 학습 중의 상태 ``self.h``, ``self.c`` 는 건드리지 않는다.
        """
        ids = check_ids("ids", ids, self.V, ndim=1)
        start, stop = check_span(start, ids.size if stop is None else stop, ids.size, lowest=1)
        warmup = check_size("warmup", warmup, minimum=0)
        s0 = max(0, start - 1 - warmup)
        saved = (self.h, self.c)
        try:
            self.reset_state()
            logp = log_softmax(self.scores(ids[None, s0 : stop - 1])[0].astype(np.float64), axis=-1)
        finally:
            self.h, self.c = saved
        targets = ids[s0 + 1 : stop]
        picked = logp[np.arange(targets.size), targets]
        return picked[start - 1 - s0 :]


def make_language_model(rng: np.random.Generator, V: int, D: int, H: int, *, forget_bias: float = 1.0,
                        dtype=np.float32) -> LanguageModel:
    """초기화한 ``LanguageModel``: 임베딩은 표준편차 1/√D 의 정규 분포, LSTM 은 ``init_lstm``, 출력층은 Xavier."""
    check_rng(rng)
    V, D, H = check_size("V", V), check_size("D", D), check_size("H", H)
    dt = check_dtype(dtype)
    W_embed = (rng.standard_normal((V, D)) / math.sqrt(D)).astype(dt)
    Wx, Wh, b = init_lstm(rng, D, H, forget_bias=forget_bias, dtype=dt)
    Wy, by = init_affine(rng, H, V, dtype=dt)
    return LanguageModel(W_embed, Wx, Wh, b, Wy, by)


def truncated_batches(model: LanguageModel, ids: np.ndarray, N: int, k: int, rng: np.random.Generator):
    """잘린 BPTT 의 창을 차례로 내는 함수 ``batches(step) -> (xs, ts)`` 를 돌려준다.

    글 ids (1차원)를 길이 M 인 줄 N 개로 나눠 (N, M) 으로 쌓는다: 줄 n 은 글의 n 번째 토막이다. 창 j 는 모든 줄의
    [j·k, (j+1)·k) 열이고, 정답은 한 칸 뒤의 기호다. 모델이 상태를 넘겨주므로 창 j+1 의 시작 상태는 창 j 의
    끝 상태다. 줄 끝에 닿으면(한 에포크) 새 무작위 시작점(0..k−1)으로 다시 나누고 모델의 상태를 0 으로 되돌린다.
    그래서 창의 경계가 에포크마다 달라진다.
    """
    ids = check_ids("ids", ids, model.V, ndim=1)
    N, k = check_size("N", N), check_size("k", k)
    check_rng(rng)
    if ids.size < N * (k + 1) + k:
        raise ValueError(f"ids: expected at least {N * (k + 1) + k} symbols for N = {N}, k = {k}, got {ids.size}")
    state = {"rows": None, "ts": None, "col": 0}

    def new_epoch():
        offset = int(rng.integers(k))
        M = (ids.size - 1 - offset) // N
        M -= M % k  # 줄 길이를 창 길이의 배수로
        body = ids[offset : offset + N * M + 1]
        state["rows"] = body[:-1].reshape(N, M)
        state["ts"] = body[1:].reshape(N, M)  # 한 칸 뒤의 기호
        state["col"] = 0
        model.reset_state()

    def batches(step: int):
        if state["rows"] is None or state["col"] >= state["rows"].shape[1]:
            new_epoch()
        c = state["col"]
        state["col"] = c + k
        return state["rows"][:, c : c + k], state["ts"][:, c : c + k]

    return batches


@dataclass
class TrainedLM:
    """학습 한 번의 결과: 모델과 기록. history 의 "eval" 은 검증 구간의 퍼플렉서티다.

    cpu_seconds 는 학습(fit)에 든 CPU 시간이다. 결과를 캐시에서 읽었을 때도 처음 학습할 때 잰 값이다.
    """

    model: LanguageModel
    history: dict
    seed: int
    settings: dict
    cpu_seconds: float


def train_language_model(ids: np.ndarray, V: int, train: tuple[int, int], valid: tuple[int, int], *,
                         seed: int = 0, settings: dict | None = None) -> TrainedLM:
    """학습 구간의 글로 LSTM 언어 모델을 처음부터 학습한다.

    ids : 글 전체의 번호 (1차원). train, valid : [start, stop) 구간. 학습은 train 구간의 기호만 읽는다.
    검증 퍼플렉서티는 ``eval_every`` 번마다 history["eval"] 에 남는다. 시드 하나에서 초기화용과 데이터 순서용
    난수 생성기를 따로 만든다.

    환경 변수 RNN_BOOK_CACHE 가 있으면 같은 호출의 결과를 다시 쓴다 (helpers.core.cache; 기본값은 꺼져 있다).
    """
    return cached_call(_train_language_model, ids, V, train, valid, seed=seed, settings=settings)


def _train_language_model(ids, V, train, valid, *, seed, settings) -> TrainedLM:
    s = merge_settings(LM_SETTINGS, settings)
    ids = check_ids("ids", ids, V, ndim=1)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise ValueError(f"seed: expected an int, got {type(seed).__name__}")
    rng_init, rng_data = np.random.default_rng(seed).spawn(2)
    model = make_language_model(rng_init, V, s["D"], s["H"], dtype=s["dtype"])
    batches = truncated_batches(model, ids[train[0] : train[1]], s["N"], s["k"], rng_data)

    best = {"ppl": math.inf, "params": None, "step": 0}
    evals = []

    def valid_perplexity(m: LanguageModel) -> float:
        ppl = float(np.exp(-m.log_probs(ids, *valid).mean()))
        evals.append(ppl)
        if ppl < best["ppl"]:  # 조기 종료: 검증 퍼플렉서티가 가장 낮았던 파라미터를 간직한다
            best.update(ppl=ppl, params=[p.copy() for p in m.params], step=len(evals))
        return ppl

    optimizer = Adam(lr=s["lr"])

    def scheduled(step: int):
        # 코사인 감쇠: 학습률을 처음 값에서 lr_final 배까지 부드럽게 줄인다
        frac = 0.5 * (1 + math.cos(math.pi * (step - 1) / max(s["steps"] - 1, 1)))
        optimizer.lr = s["lr"] * (s["lr_final"] + (1 - s["lr_final"]) * frac)
        return batches(step)

    cpu_start = time.process_time()
    with limit_blas_threads(1):  # 작은 행렬 곱에서는 한 스레드가 가장 빠르다 (스레드 둘은 서로를 기다린다)
        history = fit(model, scheduled, optimizer, steps=s["steps"], clip=s["clip"],
                      eval_fn=valid_perplexity, eval_every=s["eval_every"])
    cpu_seconds = time.process_time() - cpu_start
    for p, kept in zip(model.params, best["params"], strict=True):
        p[...] = kept  # 제자리: 계층들이 같은 배열을 들고 있다
    model.reset_state()
    history["best_step"] = int(history["eval_step"][best["step"] - 1])
    return TrainedLM(model=model, history=history, seed=int(seed), settings=s, cpu_seconds=cpu_seconds)


def sample(model: LanguageModel, prompt: np.ndarray, length: int, *, tau: float = 1.0, seed: int = 0) -> np.ndarray:
    """prompt (번호 1차원) 뒤에 기호 ``length`` 개를 뽑아 그 번호들을 돌려준다, shape (length,).

    매 시점 p = softmax(점수 / τ) 에서 뽑는다: 균등 난수 u 하나를 뽑고 누적 확률이 처음으로 u 를 넘는 기호를 고른다.
    같은 seed 면 u 의 열이 같으므로, τ 를 바꾸면 τ 때문에 달라진 것만 보인다. τ → 0 이면 점수가 가장 큰
    기호만 고르고(탐욕), τ 가 크면 모든 기호가 거의 같은 확률이 된다.
    """
    prompt = check_ids("prompt", prompt, model.V, ndim=1)
    if prompt.size == 0:
        raise ValueError("prompt: expected at least one symbol, got an empty prompt")
    length = check_size("length", length, minimum=0)
    tau = check_temperature(tau)
    u = np.random.default_rng(seed).random(length)
    W_embed = model.embed.params[0]
    Wx, Wh, b = model.lstm.params
    Wy, by = model.affine.params
    H = model.H
    # 시작 글을 한 번에 읽는다 (학습 중의 상태는 건드리지 않는다)
    saved = (model.h, model.c)
    try:
        model.reset_state()
        z = model.scores(prompt[None, :])[0, -1].astype(np.float64)
        h, c = model.h, model.c
    finally:
        model.h, model.c = saved
    out = np.empty(length, dtype=np.int64)
    for t in range(length):
        logp = log_softmax(z / tau)
        cdf = np.cumsum(np.exp(logp))
        nxt = min(int(np.searchsorted(cdf, u[t] * cdf[-1], side="right")), model.V - 1)
        out[t] = nxt
        # LSTM 한 시점 (게이트 순서 i, f, g, o)
        a = W_embed[nxt] @ Wx + h @ Wh + b
        i, f, o = sigmoid(a[:, :H]), sigmoid(a[:, H : 2 * H]), sigmoid(a[:, 3 * H :])
        g = np.tanh(a[:, 2 * H : 3 * H])
        c = f * c + i * g
        h = o * np.tanh(c)
        z = (h @ Wy + by)[0].astype(np.float64)
    return out


def cell_activity(model: LanguageModel, ids: np.ndarray, start: int, stop: int, *, warmup: int = 256) -> dict:
    """글 ids[start:stop] 을 읽는 동안의 셀 상태와 게이트 값: "c", "h", "i", "f", "g", "o" → shape (stop − start, H).

    값 [t] 는 기호 ids[start + t] 를 읽은 직후의 값이다. 구간 앞 ``warmup`` 개를 먼저 읽고 시작한다.
    """
    ids = check_ids("ids", ids, model.V, ndim=1)
    start, stop = check_span(start, stop, ids.size)
    warmup = check_size("warmup", warmup, minimum=0)
    s0 = max(0, start - warmup)
    saved = (model.h, model.c)
    try:
        model.reset_state()
        model.scores(ids[None, s0:stop])
        gates = model.lstm.gates
        out = {k: np.array(gates[k][0, start - s0 :]) for k in ("c", "i", "f", "g", "o")}
    finally:
        model.h, model.c = saved
    out["h"] = out["o"] * np.tanh(out["c"])
    return out


def unit_correlations(values: np.ndarray, feature: np.ndarray) -> np.ndarray:
    """유닛마다 피어슨 상관계수 r(values[:, j], feature), shape (H,). 값이 변하지 않는 유닛은 0.

    values : (L, H), feature : (L,)
    """
    values = np.asarray(values, dtype=np.float64)
    feature = np.asarray(feature, dtype=np.float64)
    if values.ndim != 2 or feature.shape != (values.shape[0],):
        raise ValueError(f"feature: expected shape ({values.shape[0]},) to match values (L, H), got {feature.shape}")
    v = values - values.mean(axis=0)
    f = feature - feature.mean()
    denom = np.sqrt((v**2).sum(axis=0) * (f**2).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (v * f[:, None]).sum(axis=0) / denom
    return np.where(denom > 0, r, 0.0)


# ---------------------------------------------------------------------------------------------------
# 슬라이더 데모가 그리는 값 (helpers.interact.language_model)
# ---------------------------------------------------------------------------------------------------
# 스크러버가 보여 줄 온도: 거의 탐욕적인 0.05 부터 아주 무작위한 2.5 까지
TAU_VALUES = [0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0, 2.5]
TOP_K = 12  # 막대그림에 보일 다음 자모의 수


def quick_model(seed: int = 0) -> tuple[LanguageModel, Vocabulary, np.ndarray]:
    """데모 장치를 시험하려고 만든, 학습하지 않은 작은 모델과 헌법의 어휘, 헌법 전체의 번호."""
    tokens = to_jamo(load_constitution())
    vocab = Vocabulary(tokens)
    model = make_language_model(np.random.default_rng(seed), len(vocab), 8, 16)
    return model, vocab, vocab.encode(tokens)


def check_model_vocab(model, vocab) -> None:
    """모델과 어휘가 짝이 맞는지 (어휘 크기 = 모델의 V) 검사한다."""
    if not isinstance(model, LanguageModel):
        raise ValueError(f"model: expected a LanguageModel, got {type(model).__name__}")
    if not isinstance(vocab, Vocabulary) or len(vocab) != model.V:
        raise ValueError(f"vocab: expected a Vocabulary of {model.V} symbols (the model's V), got {vocab!r}")


def temperature_data(model: LanguageModel, vocab: Vocabulary, prompt: str, tau: float, *, length: int = 240,
                     seed: int = 0, top_k: int = TOP_K) -> dict:
    """시작 글 다음 자모의 확률 (τ 적용, τ = 1 의 상위 top_k 개)과, 같은 시드로 뽑은 자모 ``length`` 개의 글."""
    check_model_vocab(model, vocab)
    tau = check_temperature(tau)
    ids = vocab.encode_prompt(prompt)
    saved = (model.h, model.c)
    try:
        model.reset_state()
        z = model.scores(ids[None, :])[0, -1].astype(np.float64)
    finally:
        model.h, model.c = saved
    order = np.argsort(-z, kind="stable")[:top_k]  # τ = 1 에서의 순서 (τ 는 순서를 바꾸지 않는다)
    probs = np.exp(log_softmax(z / tau))
    out = sample(model, ids, length, tau=tau, seed=seed)
    return {
        "tau": tau,
        "prompt": prompt,
        "text": from_jamo(vocab.decode(out)),
        "labels": [display_jamo(vocab.symbols[i]) for i in order],
        "probs": probs[order],
    }


def unit_view_data(acts: dict, kind: str, unit: int, features: dict | None = None) -> dict:
    """미리 계산한 값 ``acts`` 에서 한 유닛의 값과 특징과의 상관계수 설명을 꺼낸다."""
    if kind not in acts:
        raise ValueError(f"kind: expected one of {sorted(acts)}, got {kind!r}")
    H = acts[kind].shape[1]
    if isinstance(unit, bool) or not isinstance(unit, int | np.integer) or not 0 <= unit < H:
        raise ValueError(f"unit: expected an integer in [0, {H}), got {unit!r}")
    values = acts[kind][:, unit]
    notes = []
    for name, feature in (features or {}).items():
        r = unit_correlations(values[:, None], feature)[0]
        notes.append(f"{name}와의 상관 r = {r:+.2f}")
    return {"values": values, "kind": kind, "unit": int(unit), "note": ", ".join(notes)}
