"""작은 모델과 학습 루프: 기울기 검사, 학습하면 손실이 줄어드는지, 기록, 잘못된 입력."""

import time

import numpy as np
import pytest

from helpers.core.gradcheck import numerical_gradient, relative_error
from helpers.core.init import init_affine
from helpers.core.layers import Affine, TimeAffine
from helpers.core.losses import MSELoss
from helpers.core.optim import SGD, Adam
from helpers.core.tasks import adding_problem, first_symbol_task, window_sum_causal_mse, window_sum_task
from helpers.core.train import (
    SequenceModel,
    fit,
    make_bidirectional_tagger,
    make_forward_tagger,
    make_recurrent,
    make_rnn_regressor,
    task_batches,
    train_adding,
)


def rng(seed=0):
    return np.random.default_rng(seed)


@pytest.mark.parametrize(
    "build, data",
    [
        (lambda: make_rnn_regressor(rng(), 2, 3, 1, cell="rnn"), lambda: adding_problem(rng(1), 2, 4)),
        (lambda: make_rnn_regressor(rng(), 2, 3, 1, cell="lstm"), lambda: adding_problem(rng(1), 2, 4)),
        (
            lambda: make_rnn_regressor(rng(), 3, 3, 3, cell="rnn", loss="ce"),
            lambda: first_symbol_task(rng(1), 2, 4, 3),
        ),
        (lambda: make_forward_tagger(rng(), 1, 3, 1, cell="lstm"), lambda: window_sum_task(rng(1), 2, 4, 1)),
        (lambda: make_bidirectional_tagger(rng(), 1, 3, 1), lambda: window_sum_task(rng(1), 2, 4, 1)),
    ],
)
def test_model_gradients_match_numerical(build, data):
    model = build()
    xs, targets = data()
    model.forward(xs, targets)
    dxs = model.backward()
    analytic = [g.copy() for g in model.grads]
    for p, g in zip(model.params, analytic, strict=True):
        assert relative_error(g, numerical_gradient(lambda: model.forward(xs, targets), p)) < 1e-6
    assert relative_error(dxs, numerical_gradient(lambda: model.forward(xs, targets), xs)) < 1e-6


def test_params_are_the_layers_arrays():
    model = make_rnn_regressor(rng(), 2, 3, 1, cell="lstm")
    assert len(model.params) == 5
    assert model.params[0] is model.recurrent.params[0]
    assert model.params[-1] is model.head.params[-1]
    assert all(p.shape == g.shape for p, g in zip(model.params, model.grads, strict=True))


def test_predict_shapes_and_float32():
    xs, _ = adding_problem(rng(), 4, 6, np.float32)
    model = make_rnn_regressor(rng(), 2, 5, 1, cell="lstm", dtype=np.float32)
    y = model.predict(xs)
    assert y.shape == (4, 1) and y.dtype == np.float32
    tagger = make_bidirectional_tagger(rng(), 2, 5, 3, dtype=np.float32)
    assert tagger.predict(xs).shape == (4, 6, 3)


def test_short_training_run_reduces_loss():
    # 덧셈 문제 T = 10, 200 스텝: 학습 전 손실보다 확실히 작아져야 한다 (시드 고정)
    model = make_rnn_regressor(rng(0), 2, 16, 1, cell="lstm")
    xs_val, t_val = adding_problem(rng(99), 256, 10)

    def val_mse(m):
        return float(np.mean((m.predict(xs_val) - t_val) ** 2))

    before = val_mse(model)
    start = time.perf_counter()
    hist = fit(
        model,
        task_batches(adding_problem, rng(1), 32, T=10),
        Adam(lr=1e-2),
        steps=200,
        clip=1.0,
        eval_fn=val_mse,
        eval_every=50,
    )
    elapsed = time.perf_counter() - start
    assert set(hist) == {"step", "loss", "grad_norm", "time", "eval_step", "eval"}
    np.testing.assert_array_equal(hist["step"], np.arange(1, 201))
    np.testing.assert_array_equal(hist["eval_step"], [50, 100, 150, 200])
    # "time" 은 fit 이 시작한 때부터 잰 누적 초다 (perf_counter 의 절대값이 아니다)
    assert 0 < hist["time"][0] <= hist["time"][-1] <= elapsed and np.all(hist["grad_norm"] > 0)
    assert hist["eval"][-1] < 0.5 * before
    assert hist["eval"][-1] < 0.5 * 1 / 6  # 평균만 답하는 모델 (MSE 1/6) 보다 확실히 낫다
    assert hist["loss"][-20:].mean() < 0.5 * hist["loss"][:20].mean()


def test_bidirectional_beats_causal_bound_on_window_sum():
    T, K = 8, 1
    tagger = make_bidirectional_tagger(rng(0), 1, 12, 1)
    hist = fit(tagger, task_batches(window_sum_task, rng(1), 32, T=T, half_width=K), Adam(1e-2), steps=250)
    assert hist["loss"][-25:].mean() < 0.5 * window_sum_causal_mse(T, K)


def test_fit_with_iterable_stops_when_exhausted_and_records_clipped_norm():
    data = [adding_problem(rng(s), 8, 5) for s in range(3)]
    model = make_rnn_regressor(rng(), 2, 4, 1)
    hist = fit(model, iter(data), SGD(0.1), steps=10, clip=1e-3)
    assert len(hist["step"]) == 3
    assert np.all(hist["grad_norm"] > 1e-3)  # 클리핑 전 노름을 기록한다
    assert hist["eval"].size == 0


def test_fit_time_budget_and_early_stop():
    model = make_rnn_regressor(rng(), 2, 4, 1)
    batches = task_batches(adding_problem, rng(1), 8, T=5)
    hist = fit(model, batches, Adam(), steps=10_000, time_budget_s=1e-9)
    assert len(hist["step"]) == 1
    hist = fit(model, batches, Adam(), steps=100, eval_fn=lambda m: 0.0, eval_every=5, stop_eval_below=0.5)
    assert hist["step"][-1] == 5


def test_train_adding_is_deterministic_and_uses_settings():
    settings = {"steps": 6, "eval_every": 3, "hidden": 4, "batch": 4, "n_eval": 8}
    _, h1 = train_adding("lstm", 6, seed=3, settings=settings)
    _, h2 = train_adding("lstm", 6, seed=3, settings=settings)
    np.testing.assert_array_equal(h1["loss"], h2["loss"])
    np.testing.assert_array_equal(h1["eval_step"], [3, 6])
    m3, h3 = train_adding("lstm", 6, seed=4, settings=settings)
    assert not np.array_equal(h1["loss"], h3["loss"])
    assert all(p.dtype == np.float32 for p in m3.params)  # 기본 dtype 은 float32 (설정의 주석이 잰 속도)
    m4, _ = train_adding("rnn", 6, seed=4, settings={**settings, "dtype": "float64"})
    assert all(p.dtype == np.float64 for p in m4.params)
    # stop_at_target: 검증 MSE 가 target_mse 아래로 내려가는 첫 검증에서 멈춘다 (target 이 크면 첫 검증)
    _, h5 = train_adding("lstm", 6, seed=3, settings={**settings, "target_mse": 10.0}, stop_at_target=True)
    np.testing.assert_array_equal(h5["eval_step"], [3])
    assert h5["step"][-1] == 3 and h5["eval"][0] < 10.0


@pytest.mark.parametrize("clip", [None, 1.0])
def test_fit_reports_the_step_where_training_diverged(clip):
    """발산하면 Affine 의 입력 검사 오류 대신 몇 번째 스텝에서 발산했는지 말한다."""
    model = make_rnn_regressor(rng(0), 2, 8, 1, cell="rnn")
    batches = task_batches(adding_problem, rng(1), 8, T=10)
    lr = 1e150 if clip is None else 1e305  # 클리핑하면 걸음이 lr 이하라서 가중치가 넘칠 만큼 큰 lr 이 필요하다
    with pytest.raises(ValueError, match=r"^fit: training diverged at step [23] \("):
        fit(model, batches, SGD(lr), steps=50, clip=clip)


def test_fit_does_not_call_a_bad_batch_divergence():
    model = make_rnn_regressor(rng(0), 2, 4, 1)
    xs, t = adding_problem(rng(1), 4, 5)
    xs[0, 0, 0] = np.nan
    with pytest.raises(ValueError, match=r"^xs: expected finite values"):
        fit(model, [(xs, t)], SGD(0.1), steps=1)


class _RecordBackward:
    """순환 계층을 감싸 backward 로 들어오는 dhs 를 기록한다 (나머지는 그대로 넘긴다)."""

    def __init__(self, layer):
        self.layer, self.params, self.grads = layer, layer.params, layer.grads
        self.dhs = None

    def forward(self, xs):
        return self.layer.forward(xs)

    def backward(self, dhs):
        self.dhs = dhs.copy()
        return self.layer.backward(dhs)


@pytest.mark.parametrize("last_step_only", [True, False])
def test_last_step_only_sends_gradient_to_last_step(last_step_only):
    """last_step_only=True 면 출력층의 기울기가 h(T) 에만 들어가고 다른 시점의 dL/dh(t) 는 정확히 0 이다."""
    rec = _RecordBackward(make_recurrent(rng(), 2, 3))
    head = Affine(*init_affine(rng(), 3, 1)) if last_step_only else TimeAffine(*init_affine(rng(), 3, 1))
    model = SequenceModel(rec, head, MSELoss(), last_step_only=last_step_only)
    xs, t = adding_problem(rng(1), 2, 5)
    model.forward(xs, t if last_step_only else np.repeat(t[:, None], 5, axis=1))
    dxs = model.backward()
    assert dxs.shape == xs.shape and rec.dhs.shape == (2, 5, 3)
    assert np.all(rec.dhs[:, -1] != 0)
    if last_step_only:
        np.testing.assert_array_equal(rec.dhs[:, :-1], 0.0)
    else:
        assert np.all(np.any(rec.dhs[:, :-1] != 0, axis=-1))  # 모든 시점에 출력이 있으면 모든 시점에 기울기


@pytest.mark.parametrize(
    "call, name",
    [
        (
            lambda: SequenceModel(
                object(), Affine(*init_affine(rng(), 3, 1)), MSELoss(), last_step_only=True
            ),
            "recurrent",
        ),
        (
            lambda: SequenceModel(
                make_rnn_regressor(rng(), 2, 3, 1).recurrent, None, MSELoss(), last_step_only=True
            ),
            "head",
        ),
        (
            lambda: SequenceModel(
                make_rnn_regressor(rng(), 2, 3, 1).recurrent,
                TimeAffine(*init_affine(rng(), 3, 1)),
                None,
                last_step_only=False,
            ),
            "loss",
        ),
        (
            lambda: SequenceModel(
                make_rnn_regressor(rng(), 2, 3, 1).recurrent,
                Affine(*init_affine(rng(), 3, 1)),
                MSELoss(),
                last_step_only=1,
            ),
            "last_step_only",
        ),
        (lambda: make_rnn_regressor(rng(), 2, 3, 1, cell="gru"), "cell"),
        (lambda: make_rnn_regressor(rng(), 2, 3, 0), "O"),
        (lambda: make_rnn_regressor(rng(), 2, 3, 1, loss="l1"), "loss"),
        (lambda: make_forward_tagger(rng(), 2, 0, 1), "H"),
        (lambda: make_bidirectional_tagger(rng(), 2, 3, 1, merge="max"), "merge"),
        (lambda: task_batches(3, rng(), 4), "task"),
        (lambda: task_batches(adding_problem, rng(), 0), "N"),
        (lambda: train_adding("lstm", 1), "T"),
        (lambda: train_adding("lstm", 10, settings={"step": 5}), "settings"),
        (lambda: train_adding("lstm", 10, seed=None), "seed"),
        (lambda: train_adding("lstm", 10, settings={"dtype": "int8"}), "dtype"),
        (lambda: make_rnn_regressor(rng(), 2, 3, 1).predict(np.ones((2, 3))), "xs"),
    ],
)
def test_bad_arguments_raise(call, name):
    with pytest.raises(ValueError, match=rf"^{name}: "):
        call()


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"steps": 0}, "steps"),
        ({"steps": 5, "clip": 0.0}, "clip"),
        ({"steps": 5, "eval_every": 0}, "eval_every"),
        ({"steps": 5, "time_budget_s": -1.0}, "time_budget_s"),
        ({"steps": 5, "eval_fn": 3}, "eval_fn"),
    ],
)
def test_fit_bad_arguments_raise(kwargs, name):
    model = make_rnn_regressor(rng(), 2, 3, 1)
    with pytest.raises(ValueError, match=rf"^{name}: "):
        fit(model, task_batches(adding_problem, rng(), 4, T=5), Adam(), **kwargs)


def test_fit_bad_model_batches_optimizer_raise():
    model = make_rnn_regressor(rng(), 2, 3, 1)
    batches = task_batches(adding_problem, rng(), 4, T=5)
    with pytest.raises(ValueError, match=r"^model: "):
        fit(object(), batches, Adam(), steps=1)
    with pytest.raises(ValueError, match=r"^batches: "):
        fit(model, 5, Adam(), steps=1)
    with pytest.raises(ValueError, match=r"^optimizer: "):
        fit(model, batches, object(), steps=1)


def test_backward_before_forward_raises():
    with pytest.raises(ValueError, match=r"^xs: "):
        make_rnn_regressor(rng(), 2, 3, 1).backward()
