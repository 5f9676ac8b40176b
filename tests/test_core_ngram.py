"""core/ngram.py: add-k n-그램 모델, 퍼플렉서티, 비트."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from helpers.core.ngram import NGramModel, bits_per, perplexity, tune_ngram


def brute_force(ids, n, V, k, t):
    """자리 t 의 확률을 딕셔너리로 센 값 (독립 구현)."""
    pad = [V] * (n - 1) + list(ids)
    pairs = Counter(tuple(pad[s : s + n]) for s in range(len(ids)))
    ctxs = Counter(tuple(pad[s : s + n - 1]) for s in range(len(ids)))
    return pairs, ctxs


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_ngram_probabilities_match_counting_by_hand(n):
    rng = np.random.default_rng(n)
    V, k = 4, 0.5
    train = rng.integers(0, V, 200)
    test = rng.integers(0, V, 30)
    whole = np.concatenate([train, test])
    model = NGramModel(n, V, k).fit(train)
    lp = model.log_probs(whole, 200, 230)
    pairs, ctxs = brute_force(train, n, V, k, None)
    pad = [V] * (n - 1) + list(whole)
    for j, t in enumerate(range(200, 230)):
        ctx = tuple(pad[t : t + n - 1])
        want = (pairs[ctx + (whole[t],)] + k) / (ctxs[ctx] + k * V)
        assert math.isclose(math.exp(lp[j]), want, rel_tol=1e-12)


def test_distribution_sums_to_one_and_unigram_is_frequency():
    ids = np.array([0, 0, 0, 1, 2, 2])
    uni = NGramModel(1, 3, k=1e-9).fit(ids)
    assert np.allclose(uni.distribution(np.array([1])), [0.5, 1 / 6, 1 / 3])
    tri = NGramModel(3, 3, k=0.1).fit(ids)
    assert math.isclose(tri.distribution(np.array([0, 0])).sum(), 1.0)


def test_perplexity_and_bits():
    V = 8
    lp = np.full(10, -math.log(V))  # 고른 분포
    assert math.isclose(perplexity(lp), V)
    assert math.isclose(bits_per(lp, 10), 3.0)
    assert math.isclose(bits_per(lp, 5), 6.0)  # 같은 정보량을 더 적은 단위로 나누면 단위당 비트가 는다
    with pytest.raises(ValueError, match="log_probs"):
        perplexity(np.array([]))


def test_tune_picks_the_lowest_validation_perplexity():
    rng = np.random.default_rng(0)
    # 주기 3 의 글: 바이그램이면 거의 확실히 맞힌다
    clean = np.tile([0, 1, 2], 200)
    ids = np.where(rng.random(600) < 0.02, (clean + 1) % 3, clean)
    res = tune_ngram(ids, 3, (0, 500), (500, 600), ns=(1, 2, 3), ks=(0.01, 1.0))
    assert res["best"] == min(res["table"], key=res["table"].get)
    assert res["best"][0] >= 2 and res["table"][res["best"]] < res["table"][(1, 1.0)]
    assert res["models"][res["best"][0]].k == res["best"][1]


def test_bad_arguments():
    with pytest.raises(ValueError, match="k: expected a positive number"):
        NGramModel(2, 5, k=0)
    with pytest.raises(ValueError, match="n: expected an integer >= 1"):
        NGramModel(0, 5)
    model = NGramModel(2, 5)
    with pytest.raises(ValueError, match="fit"):
        model.log_probs(np.array([1, 2]))
    model.fit(np.array([1, 2, 3]))
    with pytest.raises(ValueError, match=r"ids: expected ids in \[0, 5\), got 7"):
        model.log_probs(np.array([1, 7]))
    with pytest.raises(ValueError, match="start, stop"):
        model.log_probs(np.array([1, 2]), 2, 2)
    with pytest.raises(ValueError, match="n: expected a context that fits"):
        NGramModel(12, 11_172)
