"""n-그램 언어 모델 (add-k 평활화)과 퍼플렉서티: 9장의 기준선.

n-그램 모델은 다음 기호의 확률을 바로 앞 n−1 개 기호만 보고 센 횟수로 정한다.

    P(w | 앞 n−1 개) = (c(앞 n−1 개, w) + k) / (c(앞 n−1 개) + k·V)

k 는 한 번도 보지 못한 조합에도 확률을 조금 나눠 주는 평활화(smoothing) 상수다 (k = 1 이면 라플라스 평활화).
n = 1 이면 앞을 보지 않는 유니그램(unigram) 모델이다.

글의 맨 앞처럼 앞 기호가 모자란 자리는 어휘 밖의 채움 기호(번호 V)로 채운다. 센 횟수는 정수를 키로 하는
정렬된 배열에 담고, 찾기는 ``np.searchsorted`` 로 한꺼번에 한다.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.core.validation import check_ids, check_real, check_size, check_span

__all__ = ["NGramModel", "bits_per", "perplexity", "tune_ngram"]

# 맥락 n−1 개 기호(각 V+1 가지)를 정수 하나로 만들 때 int64 를 넘지 않게 하는 한계
_MAX_CODE = 2**62


def perplexity(log_probs: np.ndarray) -> float:
    """퍼플렉서티 = exp(−평균 로그 확률) = exp(평균 교차 엔트로피). log_probs 는 자연로그, shape (L,)."""
    lp = np.asarray(log_probs, dtype=np.float64)
    if lp.ndim != 1 or lp.size == 0:
        raise ValueError(f"log_probs: expected a non-empty 1-D array, got shape {lp.shape}")
    return float(np.exp(-lp.mean()))


def bits_per(log_probs: np.ndarray, units: int) -> float:
    """글 전체의 정보량(비트) −Σ log₂ P 를 ``units`` 개(예: 음절 글자 수)로 나눈 값."""
    lp = np.asarray(log_probs, dtype=np.float64)
    units = check_size("units", units)
    return float(-lp.sum() / math.log(2) / units)


class NGramModel:
    """add-k 평활화 n-그램 모델.

    n : 맥락 길이 + 1 (1 = 유니그램, 2 = 바이그램, 3 = 트라이그램 …)
    V : 어휘 크기 (번호 0..V−1)
    k : 평활화 상수 (> 0)
    """

    def __init__(self, n: int, V: int, k: float = 1.0):
        self.n = check_size("n", n)
        self.V = check_size("V", V)
        self.k = check_real("k", k, positive=True)
        if (self.V + 1) ** (self.n - 1) * self.V >= _MAX_CODE:
            raise ValueError(f"n: expected a context that fits in int64 for V = {V}, got n = {n}")
        self.ctx_keys = self.ctx_counts = self.pair_keys = self.pair_counts = None
        self.total = 0

    def _codes(self, ids: np.ndarray, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
        """자리 t ∈ [start, stop) 마다 (맥락 번호, 맥락+다음 기호 번호)."""
        pad = np.full(self.n - 1, self.V, dtype=np.int64)
        padded = np.concatenate([pad, ids.astype(np.int64)])  # padded[t + n − 1] = ids[t]
        ctx = np.zeros(stop - start, dtype=np.int64)
        for j in range(self.n - 1):  # 맥락 기호를 V+1 진법의 자리로 쌓는다
            ctx = ctx * (self.V + 1) + padded[start + j : stop + j]
        pair = ctx * self.V + ids[start:stop]
        return ctx, pair

    def fit(self, ids: np.ndarray) -> NGramModel:
        """학습 구간의 기호열 ids (1차원)에서 횟수를 센다. 자기 자신을 돌려준다."""
        ids = check_ids("ids", ids, self.V, ndim=1)
        if ids.size == 0:
            raise ValueError("ids: expected at least one symbol to count, got none")
        ctx, pair = self._codes(ids, 0, ids.size)
        self.ctx_keys, self.ctx_counts = np.unique(ctx, return_counts=True)
        self.pair_keys, self.pair_counts = np.unique(pair, return_counts=True)
        self.total = ids.size
        return self

    @staticmethod
    def _lookup(keys: np.ndarray, counts: np.ndarray, q: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(keys, q)
        pos = np.minimum(pos, keys.size - 1)
        return np.where(keys[pos] == q, counts[pos], 0)

    def counts(self, ids: np.ndarray, start: int = 0, stop: int | None = None):
        """자리 t ∈ [start, stop) 의 (c(맥락, ids[t]), c(맥락)). 맥락은 ids[t−n+1 : t] 이다."""
        if self.ctx_keys is None:
            raise ValueError("ids: fit() must be called before scoring")
        ids = check_ids("ids", ids, self.V, ndim=1)
        start, stop = check_span(start, ids.size if stop is None else stop, ids.size)
        ctx, pair = self._codes(ids, start, stop)
        c_pair = self._lookup(self.pair_keys, self.pair_counts, pair)
        c_ctx = self._lookup(self.ctx_keys, self.ctx_counts, ctx)
        return c_pair, c_ctx

    def log_probs(self, ids: np.ndarray, start: int = 0, stop: int | None = None, *, k: float | None = None):
        """자리 t ∈ [start, stop) 마다 log P(ids[t] | ids[t−n+1 : t]) (자연로그), shape (stop − start,).

        맥락은 구간 앞의 글에서도 가져온다: 시험 구간의 첫 기호도 바로 앞 n−1 개 기호를 맥락으로 본다
        (그 기호들로 학습하지는 않았다). k 를 주면 이 계산에만 그 평활화 상수를 쓴다.
        """
        k = self.k if k is None else check_real("k", k, positive=True)
        c_pair, c_ctx = self.counts(ids, start, stop)
        return np.log(c_pair + k) - np.log(c_ctx + k * self.V)

    def distribution(self, context: np.ndarray) -> np.ndarray:
        """맥락(마지막 n−1 개가 쓰인다) 다음에 올 기호의 확률 분포, shape (V,)."""
        context = check_ids("context", context, self.V, ndim=1)
        if self.ctx_keys is None:
            raise ValueError("context: fit() must be called before scoring")
        ctx = context[max(0, context.size - (self.n - 1)) :]
        ids = np.concatenate([ctx, np.zeros(1, dtype=np.int64)])
        probs = np.empty(self.V)
        for w in range(self.V):  # V 번의 찾기: 표를 그릴 때만 쓴다
            ids[-1] = w
            c_pair, c_ctx = self.counts(ids, ids.size - 1)
            probs[w] = (c_pair[0] + self.k) / (c_ctx[0] + self.k * self.V)
        return probs


def tune_ngram(
    ids: np.ndarray,
    V: int,
    train: tuple[int, int],
    valid: tuple[int, int],
    ns=(1, 2, 3, 4, 5, 6),
    ks=(0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0),
) -> dict:
    """n 과 k 를 검증 구간의 퍼플렉서티로 고른다. 학습은 ``train`` 구간의 기호로만 한다.

    ids : 글 전체의 번호 (1차원). train, valid : [start, stop) 구간.
    Returns : {"table": {(n, k): 검증 퍼플렉서티}, "best": (n, k), "models": {n: NGramModel (k = 그 n 의 최적 k)}}
    """
    ids = check_ids("ids", ids, V, ndim=1)
    table, models = {}, {}
    for n in ns:
        model = NGramModel(n, V).fit(ids[train[0] : train[1]])
        c_pair, c_ctx = model.counts(ids, *valid)
        best_k, best_ppl = None, math.inf
        for k in ks:
            k = check_real("ks", k, positive=True)
            ppl = perplexity(np.log(c_pair + k) - np.log(c_ctx + k * V))
            table[(n, k)] = ppl
            if ppl < best_ppl:
                best_k, best_ppl = k, ppl
        model.k = best_k
        models[n] = model
    best = min(table, key=table.get)
    return {"table": table, "best": best, "models": models}
