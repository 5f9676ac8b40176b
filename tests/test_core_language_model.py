"""core/language_model.py: LSTM 언어 모델, 잘린 BPTT 미니배치, 평가, 샘플링, 유닛 분석."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers import LanguageModel, make_language_model, sample, train_language_model, truncated_batches
from helpers.core.activations import log_softmax
from helpers.core.gradcheck import numerical_gradient, relative_error
from helpers.core.language_model import cell_activity, unit_correlations
from helpers.core.validation import check_temperature

V, D, H = 7, 3, 5


def small_model(seed=0, dtype=np.float64) -> LanguageModel:
    return make_language_model(np.random.default_rng(seed), V, D, H, dtype=dtype)


def test_gradient_check_through_all_four_layers():
    model = small_model()
    rng = np.random.default_rng(1)
    ids, ts = rng.integers(0, V, (2, 6)), rng.integers(0, V, (2, 6))

    def loss():
        model.reset_state()
        return model.forward(ids, ts)

    loss()
    model.backward()
    grads = [g.copy() for g in model.grads]
    names = ["W_embed", "Wx", "Wh", "b", "Wy", "by"]
    errs = {n: relative_error(numerical_gradient(loss, p), g) for n, p, g in zip(names, model.params, grads, strict=True)}
    assert max(errs.values()) < 1e-7, errs


def test_state_carries_across_windows_like_one_long_sequence():
    model = small_model()
    ids = np.random.default_rng(2).integers(0, V, (3, 10))
    whole = model.scores(ids)
    model.reset_state()
    parts = np.concatenate([model.scores(ids[:, :4]), model.scores(ids[:, 4:])], axis=1)
    assert np.allclose(parts, whole, atol=1e-13)
    with pytest.raises(ValueError, match="ids: expected 3 rows to continue the carried state"):
        model.scores(ids[:2])


def test_backward_stops_at_the_window_boundary():
    # 둘째 창의 기울기는 첫 창의 끝 상태를 상수로 준 새 모델의 기울기와 같다 (창 앞으로 흐르지 않는다)
    model, fresh = small_model(), small_model()
    rng = np.random.default_rng(3)
    ids, ts = rng.integers(0, V, (2, 8)), rng.integers(0, V, (2, 8))
    model.forward(ids[:, :4], ts[:, :4])
    h, c = model.h, model.c
    model.forward(ids[:, 4:], ts[:, 4:])
    model.backward()
    fresh.h, fresh.c = h, c
    fresh.forward(ids[:, 4:], ts[:, 4:])
    fresh.backward()
    for g1, g2 in zip(model.grads, fresh.grads, strict=True):
        assert np.allclose(g1, g2, atol=1e-14)


def test_truncated_batches_walk_contiguous_rows_and_reset_each_epoch():
    model = small_model()
    ids = np.arange(200) % V
    N, k = 3, 5
    batches = truncated_batches(model, ids, N, k, np.random.default_rng(0))
    xs1, ts1 = batches(1)
    assert xs1.shape == (N, k) and np.array_equal(ts1[:, :-1], xs1[:, 1:])  # 정답은 한 칸 뒤
    model.h = np.ones((N, H))  # 학습이 상태를 남겼다고 치자
    xs2, _ = batches(2)
    assert np.array_equal((xs1[:, -1] + 1) % V, xs2[:, 0])  # 둘째 창은 첫 창 바로 다음에서 이어진다
    assert model.h is not None  # 에포크 안에서는 상태를 지우지 않는다
    M = None
    for step in range(3, 200):
        xs, _ = batches(step)
        if model.h is None:  # 새 에포크: 상태를 지웠다
            M = step
            break
        model.h = np.ones((N, H))
    assert M is not None
    with pytest.raises(ValueError, match="ids: expected at least"):
        truncated_batches(model, ids[:10], N, k, np.random.default_rng(0))


def test_log_probs_match_scores_and_leave_the_training_state_alone():
    model = small_model()
    ids = np.random.default_rng(4).integers(0, V, 40)
    model.h = model.c = np.full((1, H), 0.3)
    lp = model.log_probs(ids, 10, 30, warmup=100)
    assert np.all(model.h == 0.3)
    model.reset_state()
    logp = log_softmax(model.scores(ids[None, :29])[0], axis=-1)
    assert np.allclose(lp, logp[np.arange(9, 29), ids[10:30]])
    # 예열이 짧으면 맥락이 잘린다: 값이 달라진다
    assert not np.allclose(model.log_probs(ids, 10, 30, warmup=0), lp)
    with pytest.raises(ValueError, match="start, stop"):
        model.log_probs(ids, 30, 10)


def test_sampling_is_seeded_and_greedy_as_tau_goes_to_zero():
    model = small_model(5)
    prompt = np.array([1, 2, 3])
    a = sample(model, prompt, 30, tau=1.0, seed=7)
    assert np.array_equal(a, sample(model, prompt, 30, tau=1.0, seed=7))
    assert not np.array_equal(a, sample(model, prompt, 30, tau=1.0, seed=8))
    # τ 가 아주 작으면 언제나 점수가 가장 큰 기호 (탐욕 선택)
    greedy, ctx = [], list(prompt)
    for _ in range(15):
        model.reset_state()
        nxt = int(np.argmax(model.scores(np.array([ctx]))[0, -1]))
        greedy.append(nxt)
        ctx.append(nxt)
    assert np.array_equal(sample(model, prompt, 15, tau=1e-9, seed=7), greedy)
    assert sample(model, prompt, 0).shape == (0,)


@pytest.mark.parametrize("tau", [0, -1.0, float("nan"), float("inf"), "1", True, None])
def test_bad_temperatures_are_rejected(tau):
    with pytest.raises(ValueError, match="tau: expected a positive finite temperature"):
        check_temperature(tau)
    with pytest.raises(ValueError, match="tau"):
        sample(small_model(), np.array([1]), 3, tau=tau)


def test_bad_prompts_are_rejected():
    model = small_model()
    with pytest.raises(ValueError, match="prompt: expected at least one symbol"):
        sample(model, np.array([], dtype=np.int64), 3)
    with pytest.raises(ValueError, match=r"prompt: expected ids in \[0, 7\), got 9"):
        sample(model, np.array([9]), 3)
    with pytest.raises(ValueError, match="prompt: expected integer ids"):
        sample(model, np.array([1.5]), 3)


def test_cell_activity_shapes_and_relations():
    model = small_model()
    ids = np.random.default_rng(6).integers(0, V, 50)
    acts = cell_activity(model, ids, 20, 50, warmup=10)
    assert set(acts) == {"c", "h", "i", "f", "g", "o"} and all(v.shape == (30, H) for v in acts.values())
    assert np.allclose(acts["h"], acts["o"] * np.tanh(acts["c"]))
    assert np.all((acts["f"] > 0) & (acts["f"] < 1))


def test_unit_correlations():
    rng = np.random.default_rng(7)
    feature = rng.standard_normal(100)
    values = np.stack([2 * feature + 1, -feature, np.ones(100), rng.standard_normal(100)], axis=1)
    r = unit_correlations(values, feature)
    assert np.allclose(r[:3], [1.0, -1.0, 0.0]) and abs(r[3]) < 0.3
    with pytest.raises(ValueError, match="feature: expected shape"):
        unit_correlations(values, feature[:10])


def test_training_keeps_the_best_validation_parameters():
    rng = np.random.default_rng(8)
    ids = np.tile(np.arange(V), 120) ^ (rng.random(840) < 0.05)  # 거의 주기적인 글
    ids = np.where(ids >= V, 0, ids)
    settings = {"D": 4, "H": 8, "N": 4, "k": 8, "steps": 60, "eval_every": 20, "lr": 0.02, "dtype": "float64"}
    run = train_language_model(ids, V, (0, 600), (600, 720), seed=0, settings=settings)
    hist = run.history
    best = int(np.argmin(hist["eval"]))
    assert hist["best_step"] == hist["eval_step"][best]
    ppl = math.exp(-run.model.log_probs(ids, 600, 720).mean())
    assert math.isclose(ppl, hist["eval"][best], rel_tol=1e-9)
    assert hist["eval"][best] < 0.5 * V  # 고른 분포(퍼플렉서티 V)보다 훨씬 낫다
    with pytest.raises(ValueError, match="settings: unknown keys"):
        train_language_model(ids, V, (0, 600), (600, 720), settings={"hidden": 3})


def test_model_checks_its_weights():
    rng = np.random.default_rng(0)
    W = rng.standard_normal((V, D))
    Wx, Wh, b = rng.standard_normal((D + 1, 4 * H)), rng.standard_normal((H, 4 * H)), np.zeros(4 * H)
    with pytest.raises(ValueError, match="Wx: expected 3 rows"):
        LanguageModel(W, Wx, Wh, b, rng.standard_normal((H, V)), np.zeros(V))
    with pytest.raises(ValueError, match=r"Wy: expected shape \(5, 7\)"):
        LanguageModel(W, Wx[:D], Wh, b, rng.standard_normal((H, V + 1)), np.zeros(V + 1))
