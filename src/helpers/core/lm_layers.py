"""언어 모델이 순환 계층의 앞뒤에 붙이는 두 계층: 임베딩과 소프트맥스 교차 엔트로피.

- ``TimeEmbedding(W)`` : 기호 번호 ids (N, T) → 벡터 xs (N, T, D). W (V, D) 의 ids 번째 행을 꺼낸다.
  원-핫 벡터에 W 를 곱한 것과 같지만 곱하지 않고 행만 고른다.
- ``TimeSoftmaxWithLoss()`` : 점수 scores (N, T, V) 와 정답 번호 ts (N, T) → 모든 N·T 자리의 평균 교차 엔트로피.

    L = −(1/NT) Σ_{n,t} log softmax(scores[n, t])[ts[n, t]],   ∂L/∂scores = (softmax(scores) − onehot(ts)) / NT

  log softmax 는 log-sum-exp 로 계산한다 (가장 큰 점수를 빼서 exp 가 넘치지 않는다).
"""

from __future__ import annotations

import numpy as np

from helpers.core.activations import log_softmax
from helpers.core.validation import check_array, check_ids, shape_str

__all__ = ["TimeEmbedding", "TimeSoftmaxWithLoss"]


class TimeEmbedding:
    """기호 번호를 벡터로: xs[n, t] = W[ids[n, t]].

    W : ndarray, shape (V, D). ``params`` = [W], ``grads`` = [dW] (같은 모양).
    """

    def __init__(self, W: np.ndarray):
        check_array("W", W, ("V", "D"))
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.ids = None

    def forward(self, ids: np.ndarray) -> np.ndarray:
        """ids : 정수 ndarray, shape (N, T), 값은 0..V−1 → xs : ndarray, shape (N, T, D)"""
        (W,) = self.params
        check_ids("ids", ids, W.shape[0], ndim=2)
        self.ids = ids
        return W[ids]  # 고급 인덱싱: 새 배열 (W 를 가리키지 않는다)

    def backward(self, dout: np.ndarray) -> None:
        """dout : ndarray, shape (N, T, D). dW 를 채운다 (입력이 정수라서 입력 쪽 기울기는 없다).

        같은 기호가 여러 자리에 나오면 그 자리들의 기울기를 모두 더한다. ``dW[ids] += dout`` 는 겹친 번호를
        한 번만 더하므로 틀린다. ``np.add.at(dW, ids, dout)`` 가 뜻은 가장 분명하지만 느리므로(이 장의 크기에서
        약 0.6 ms), 같은 합을 이렇게 구한다: 자리들을 기호 번호 순으로 정렬하면 같은 번호가 이웃하고,
        ``np.add.reduceat`` 이 번호마다 이어진 줄들을 한 번에 더한다 (약 0.1 ms).
        """
        if self.ids is None:
            raise ValueError("dout: backward() called before forward()")
        (W,) = self.params
        N, T = self.ids.shape
        check_array("dout", dout, (N, T, W.shape[1]))
        dW = self.grads[0]
        dW[...] = 0  # 제자리: grads 배열 객체는 그대로 둔다 (나오지 않은 번호의 기울기는 0)
        flat = self.ids.reshape(-1)
        if flat.size == 0:
            return
        order = np.argsort(flat, kind="stable")  # 같은 번호의 자리들이 이웃하게
        sorted_ids = flat[order]
        starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])  # 번호마다 첫 자리
        rows = dout.reshape(N * T, -1)[order].astype(dW.dtype, copy=False)
        dW[sorted_ids[starts]] = np.add.reduceat(rows, starts, axis=0)


class TimeSoftmaxWithLoss:
    """모든 시점의 소프트맥스와 교차 엔트로피를 한 계층으로: 평균 손실과 그 기울기.

    ``forward(scores, ts)`` 는 평균 교차 엔트로피(float, 자연로그)를, ``backward(dout=1.0)`` 는
    dscores (scores 와 같은 모양, 같은 dtype) 를 돌려준다.
    """

    def __init__(self):
        self.cache = None

    def forward(self, scores: np.ndarray, ts: np.ndarray) -> float:
        """scores : ndarray, shape (N, T, V);  ts : 정수 ndarray, shape (N, T) → 평균 교차 엔트로피"""
        check_array("scores", scores, ("N", "T", "V"))
        N, T, V = scores.shape
        if not isinstance(ts, np.ndarray) or ts.shape != (N, T):
            got = shape_str(ts.shape) if isinstance(ts, np.ndarray) else type(ts).__name__
            raise ValueError(f"ts: expected shape {shape_str((N, T))} to match scores {shape_str(scores.shape)}, got {got}")
        check_ids("ts", ts, V)
        logp = log_softmax(scores, axis=-1)  # log-sum-exp: 넘치지 않는다
        picked = np.take_along_axis(logp, ts[..., None], axis=-1)[..., 0]
        self.cache = (logp, ts)
        # float64 로 더한다 (float32 에서 N·T 개를 더하는 반올림 오차를 줄인다)
        return float(-np.mean(picked, dtype=np.float64))

    def backward(self, dout: float = 1.0) -> np.ndarray:
        """dscores = dout · (softmax(scores) − onehot(ts)) / (N·T), shape (N, T, V)."""
        if self.cache is None:
            raise ValueError("dout: backward() called before forward()")
        if isinstance(dout, bool) or not isinstance(dout, int | float | np.integer | np.floating) or not np.isfinite(dout):
            raise ValueError(f"dout: expected a finite number, got {dout!r}")
        logp, ts = self.cache
        N, T, V = logp.shape
        dscores = np.exp(logp)  # softmax
        # 정답 자리에서 1 을 뺀다: (N, T) 의 모든 자리에 하나씩
        n_idx, t_idx = np.indices((N, T))
        dscores[n_idx, t_idx, ts] -= 1
        dscores *= dscores.dtype.type(dout / (N * T))
        return dscores
