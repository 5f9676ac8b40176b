"""3장(깊은 순환 신경망)과 4장(양방향 순환 신경망)의 계산, 그림, 데모를 검사한다.

값은 독립적인 계산(수치 미분, 식을 그대로 옮긴 루프)과 비교한다.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers.core.gradcheck import numerical_gradient
from helpers.core.init import init_rnn
from helpers.core.rnn import TimeRNN
from helpers.core.sensitivity import layer_grad_norms, output_influence
from helpers.core.slider_data import (
    BI_T,
    DEEP_H,
    DEEP_T,
    MAX_LAYERS,
    birnn_influence,
    deep_input,
    deep_rnn_states,
    make_birnn_pair,
    make_deep_layers,
)
from helpers.core.stacked import Bidirectional, StackedRNN
from helpers.core.tasks import ar1_next_mse_floor, ar1_next_task, sign_product_task
from helpers.core.train import prefix_mse
from helpers.interact.bidirectional import birnn_influence_demo
from helpers.interact.deep import deep_rnn_states_demo
from helpers.interact.demo import load_all_demos
from helpers.view.base import LiveFigure, get_message
from helpers.view.bidirectional import birnn_diagram, influence_figure, leak_figure, position_error_figure
from helpers.view.deep import deep_states_figure, layer_grad_figure, stacked_rnn_diagram


def _rnn(rng, D, H, dtype=np.float64):
    return TimeRNN(*init_rnn(rng, D, H, dtype=dtype))


def _tanh_loop(xs, Wx, Wh, b, reverse=False):
    """식을 그대로 옮긴 기준 구현: h(t) = tanh(x(t) Wx + h(t∓1) Wh + b)."""
    N, T, _ = xs.shape
    h = np.zeros((N, Wh.shape[0]))
    hs = np.zeros((N, T, Wh.shape[0]))
    for t in reversed(range(T)) if reverse else range(T):
        h = np.tanh(xs[:, t] @ Wx + h @ Wh + b)
        hs[:, t] = h
    return hs


# ---------------------------------------------------------------- output_influence


@pytest.mark.parametrize("kind", ["forward", "bidirectional", "stacked"])
def test_influence_matches_numerical_derivative(kind):
    rng = np.random.default_rng(0)
    D, H, T = 2, 3, 6
    if kind == "forward":
        layer, H_out = _rnn(rng, D, H), H
    elif kind == "bidirectional":
        layer, H_out = Bidirectional(_rnn(rng, D, H), _rnn(rng, D, H)), 2 * H
    else:
        layer, H_out = StackedRNN([_rnn(rng, D, H), _rnn(rng, H, H)]), H
    xs = rng.standard_normal((2, T, D))
    w = rng.standard_normal(H_out)
    t = 3
    got = output_influence(layer, xs, t, w)
    x1 = xs.copy()

    def y_t_sum():  # 배치의 y(t) 를 더한다: 예제끼리 독립이므로 x[n] 의 기울기는 y_n(t) 의 것이다
        return float(np.sum(layer.forward(x1)[:, t] @ w))

    num = numerical_gradient(y_t_sum, x1)
    np.testing.assert_allclose(got, np.linalg.norm(num, axis=-1), atol=1e-7)


def test_forward_only_influence_is_exactly_zero_for_future_inputs():
    rng = np.random.default_rng(1)
    fwd, bwd = _rnn(rng, 2, 4), _rnn(rng, 2, 4)
    xs = rng.standard_normal((3, 9, 2))
    for t in range(9):
        infl_f = output_influence(fwd, xs, t, rng.standard_normal(4))
        assert np.all(infl_f[:, t + 1 :] == 0)
        assert np.all(infl_f[:, t] > 0)
        infl_b = output_influence(Bidirectional(fwd, bwd), xs, t, rng.standard_normal(8))
        if t < 8:
            assert np.all(infl_b[:, t + 1 :].sum(axis=1) > 0)


def test_influence_keeps_float32():
    rng = np.random.default_rng(2)
    layer = _rnn(rng, 2, 3, dtype=np.float32)
    xs = rng.standard_normal((1, 5, 2)).astype(np.float32)
    out = output_influence(layer, xs, 2, np.ones(3, dtype=np.float32))
    assert out.dtype == np.float32 and out.shape == (1, 5)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"t": 5}, "t"),
        ({"t": -1}, "t"),
        ({"t": True}, "t"),
        ({"t": 1.0}, "t"),
        ({"w": np.ones(4)}, "w"),
        ({"xs": np.ones((5, 2))}, "xs"),
        ({"layer": object()}, "layer"),
    ],
)
def test_influence_bad_inputs_name_the_argument(kwargs, name):
    rng = np.random.default_rng(3)
    args = {"layer": _rnn(rng, 2, 3), "xs": rng.standard_normal((1, 5, 2)), "t": 1, "w": np.ones(3)}
    args.update(kwargs)
    with pytest.raises(ValueError, match=rf"^{name}:"):
        output_influence(**args)


# ---------------------------------------------------------------- layer_grad_norms


def _linear_loss(layer, x, dhs):
    """인자 없는 손실 L = Σ dhs ⊙ layer(x) (x 는 numerical_gradient 가 제자리에서 바꾼다)."""

    def loss():
        return float(np.sum(layer.forward(x) * dhs))

    return loss


def test_layer_grad_norms_match_numerical_gradients_of_substacks():
    rng = np.random.default_rng(4)
    D, H, T, N = 2, 3, 4, 2
    layers = [_rnn(rng, D, H), _rnn(rng, H, H), _rnn(rng, H, H)]
    xs = rng.standard_normal((N, T, D))
    dhs = rng.standard_normal((N, T, H))
    got = layer_grad_norms(layers, xs, dhs)
    assert got.shape == (4,)
    assert got[3] == pytest.approx(np.linalg.norm(dhs))
    # 층 l 의 출력에 도착한 기울기 = 층 l+1.. 로 이루어진 작은 모델을 그 입력으로 수치 미분한 것
    h = xs
    inputs = [xs]
    for layer in layers:
        h = layer.forward(h)
        inputs.append(h)
    for l in range(3):
        sub = StackedRNN(layers[l:])
        x_l = inputs[l].copy()
        num = numerical_gradient(_linear_loss(sub, x_l, dhs), x_l)
        assert got[l] == pytest.approx(np.linalg.norm(num), rel=1e-6)


def test_layer_grad_norms_bad_inputs():
    rng = np.random.default_rng(5)
    layers = [_rnn(rng, 2, 3)]
    xs = rng.standard_normal((1, 4, 2))
    with pytest.raises(ValueError, match="^layers:"):
        layer_grad_norms([], xs, np.ones((1, 4, 3)))
    with pytest.raises(ValueError, match=r"^layers\[0\]:"):
        layer_grad_norms([object()], xs, np.ones((1, 4, 3)))
    with pytest.raises(ValueError, match="^dhs:"):
        layer_grad_norms(layers, xs, np.ones((1, 4, 5)))


# ---------------------------------------------------------------- 과제


def test_sign_product_task_against_a_loop():
    xs, ys = sign_product_task(np.random.default_rng(6), 5, 12, lag=3)
    assert xs.shape == ys.shape == (5, 12, 1)
    for n in range(5):
        for t in range(12):
            want = 0.0 if t < 3 else np.sign(xs[n, t, 0]) * np.sign(xs[n, t - 3, 0])
            assert ys[n, t, 0] == want
    xs2, _ = sign_product_task(np.random.default_rng(6), 5, 12, lag=3)
    assert np.array_equal(xs, xs2)
    assert sign_product_task(np.random.default_rng(0), 2, 5, dtype=np.float32)[0].dtype == np.float32


def test_sign_product_task_bad_lag():
    with pytest.raises(ValueError, match="^lag:"):
        sign_product_task(np.random.default_rng(0), 2, 4, lag=4)
    with pytest.raises(ValueError, match="^rng:"):
        sign_product_task(0, 2, 4)


def test_ar1_next_task_targets_are_next_values_and_noise_has_the_floor_variance():
    phi = 0.8
    xs, ys = ar1_next_task(np.random.default_rng(7), 4000, 30, phi=phi)
    assert xs.shape == ys.shape == (4000, 30, 1)
    assert np.array_equal(ys[:, :-1], xs[:, 1:])
    assert np.var(xs) == pytest.approx(1.0, abs=0.05)  # 정상 과정: 분산 1
    resid = ys - phi * xs  # 과거로 알 수 없는 새 잡음
    assert np.mean(resid**2) == pytest.approx(ar1_next_mse_floor(phi), rel=0.03)


@pytest.mark.parametrize("phi", [1.0, -1.5, float("nan")])
def test_ar1_bad_phi(phi):
    with pytest.raises(ValueError, match="^phi:"):
        ar1_next_task(np.random.default_rng(0), 2, 5, phi=phi)
    with pytest.raises(ValueError, match="^phi:"):
        ar1_next_mse_floor(phi)


def test_prefix_mse_equals_full_mse_for_forward_model_but_not_for_bidirectional():
    rng = np.random.default_rng(8)
    fwd, bwd = _rnn(rng, 1, 4), _rnn(rng, 1, 4)
    w = rng.standard_normal((4, 1))
    w2 = rng.standard_normal((8, 1))
    xs, ys = ar1_next_task(np.random.default_rng(9), 16, 7)

    def pred_f(x):
        return fwd.forward(x) @ w

    bi = Bidirectional(fwd, bwd)

    def pred_b(x):
        return bi.forward(x) @ w2

    full_f = np.mean((pred_f(xs) - ys) ** 2, axis=(0, 2))
    np.testing.assert_allclose(prefix_mse(pred_f, xs, ys), full_f, rtol=1e-12)
    full_b = np.mean((pred_b(xs) - ys) ** 2, axis=(0, 2))
    gen_b = prefix_mse(pred_b, xs, ys)
    assert gen_b[-1] == pytest.approx(full_b[-1], rel=1e-12)  # 마지막 시점은 앞부분 = 전체
    assert not np.allclose(gen_b[:-1], full_b[:-1])
    with pytest.raises(ValueError, match="^predict:"):
        prefix_mse(None, xs, ys)
    with pytest.raises(ValueError, match="^ys:"):
        prefix_mse(pred_f, xs, ys[:, :3])
    # 시퀀스마다의 오차: 평균을 내면 기본값과 같고, 앞 방향 모델은 전체 시퀀스의 시퀀스별 오차와 같다
    per_seq = prefix_mse(pred_b, xs, ys, per_sequence=True)
    assert per_seq.shape == (16, 7)
    np.testing.assert_allclose(per_seq.mean(axis=0), gen_b, rtol=1e-12)
    np.testing.assert_allclose(
        prefix_mse(pred_f, xs, ys, per_sequence=True), np.mean((pred_f(xs) - ys) ** 2, axis=2), rtol=1e-12
    )
    with pytest.raises(ValueError, match="^per_sequence:"):
        prefix_mse(pred_f, xs, ys, per_sequence=1)


# ---------------------------------------------------------------- 3장 데모 계산


def test_make_deep_layers_scales_the_same_matrices():
    a = make_deep_layers(3, 1.0, seed=5)
    b = make_deep_layers(3, 2.5, seed=5)
    assert [la.params[0].shape for la in a] == [(1, DEEP_H), (DEEP_H, DEEP_H), (DEEP_H, DEEP_H)]
    for la, lb in zip(a, b, strict=True):
        np.testing.assert_allclose(lb.params[0], 2.5 * la.params[0])
        np.testing.assert_allclose(lb.params[1], 2.5 * la.params[1])


@pytest.mark.parametrize("n_layers", [1, 2, 4])
def test_deep_rnn_states_against_a_loop(n_layers):
    d = deep_rnn_states(n_layers, 1.3)
    assert len(d["hs"]) == n_layers and all(h.shape == (DEEP_T, DEEP_H) for h in d["hs"])
    h = deep_input()
    for l, layer in enumerate(make_deep_layers(n_layers, 1.3)):
        h = _tanh_loop(h, *layer.params)
        np.testing.assert_allclose(d["hs"][l], h[0], atol=1e-12)
        assert d["mean_abs"][l] == pytest.approx(np.mean(np.abs(h)))
        assert d["saturated"][l] == pytest.approx(np.mean(np.abs(h) > 0.95))
    np.testing.assert_array_equal(d["x"], deep_input()[0, :, 0])


@pytest.mark.parametrize(("kwargs", "name"), [({"n_layers": 5}, "n_layers"), ({"n_layers": 0}, "n_layers"),
                                              ({"scale": -1.0}, "scale")])  # fmt: skip
def test_deep_rnn_states_bad_inputs(kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name}:"):
        deep_rnn_states(**kwargs)


# ---------------------------------------------------------------- 4장 데모 계산


def test_birnn_influence_against_formula_loops():
    t = 7
    d = birnn_influence(t, 0.8)
    assert d["t_index"] == t - 1
    fwd, bwd, w, xs = make_birnn_pair(0.8)
    H = fwd.params[1].shape[0]
    # 양방향 영향: 식을 옮긴 두 루프를 수치 미분한다
    x1 = xs.copy()

    def y_bi():
        h_f = _tanh_loop(x1, *fwd.params)
        h_b = _tanh_loop(x1, *bwd.params, reverse=True)
        return float(np.concatenate([h_f, h_b], axis=-1)[0, t - 1] @ w)

    num = numerical_gradient(y_bi, x1)
    np.testing.assert_allclose(d["influence_bi"], np.linalg.norm(num[0], axis=-1), atol=1e-7)
    assert np.all(d["influence_fwd"][t:] == 0)
    np.testing.assert_allclose(d["influence_fwd"][: t - 1], d["influence_bi"][: t - 1], rtol=1e-12)
    assert d["influence_fwd"].shape == (BI_T,) and H == w.shape[0] // 2


@pytest.mark.parametrize("t", [0, BI_T + 1, 2.5, True])
def test_birnn_influence_bad_t(t):
    with pytest.raises(ValueError, match="^t:"):
        birnn_influence(t)


# ---------------------------------------------------------------- 그림


@pytest.mark.parametrize(("n_layers", "T"), [(1, 2), (3, 4), (6, 6)])
def test_stacked_diagram_draws(n_layers, T):
    fig = stacked_rnn_diagram(n_layers, T)
    fig.canvas.draw()  # 경고는 pytest 설정으로 오류가 된다
    assert "은닉층" in fig.axes[0].get_title()


@pytest.mark.parametrize(("kwargs", "name"), [({"n_layers": 0}, "n_layers"), ({"n_layers": 7}, "n_layers"),
                                              ({"T": 1}, "T"), ({"T": 2.0}, "T")])  # fmt: skip
def test_stacked_diagram_bad_inputs(kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name}:"):
        stacked_rnn_diagram(**kwargs)


def test_birnn_diagram_draws_and_rejects_bad_T():
    birnn_diagram(4).canvas.draw()
    with pytest.raises(ValueError, match="^T:"):
        birnn_diagram(7)


def test_deep_states_figure_updates_in_place_and_hides_unused_layers():
    d3 = deep_rnn_states(3, 1.0)
    live = deep_states_figure(**d3)
    assert isinstance(live, LiveFigure)
    axes_before = list(live.fig.axes)
    images = [im for ax in axes_before for im in ax.images]
    assert len(images) == MAX_LAYERS
    d1 = deep_rnn_states(1, 0.5)
    live.update(**d1)
    live.fig.canvas.draw()
    assert list(live.fig.axes) == axes_before
    visible = [im for im in images if im.axes.get_visible()]
    assert len(visible) == 1
    np.testing.assert_array_equal(visible[0].get_array(), d1["hs"][0].T)
    with pytest.raises(ValueError, match="^hs:"):
        live.update(**{**d1, "hs": [], "mean_abs": np.array([]), "saturated": np.array([])})


def test_influence_figure_bars_follow_data():
    d = birnn_influence(5)
    live = influence_figure(**d)
    d2 = birnn_influence(15, 1.5)
    live.update(**d2)
    live.fig.canvas.draw()
    ax_f, ax_b = live.fig.axes
    np.testing.assert_allclose([r.get_height() for r in ax_f.patches], d2["influence_fwd"])
    np.testing.assert_allclose([r.get_height() for r in ax_b.patches], d2["influence_bi"])


def test_static_result_figures_draw_and_validate():
    T = 6
    position_error_figure(np.ones(T), np.zeros(T), np.full(T, 0.5)).canvas.draw()
    layer_grad_figure({0.5: np.array([0.1, 0.2, 0.4]), 1.0: np.array([1.0, 1.0, 1.0])}).canvas.draw()
    leak_figure([0.36, 0.02], [0.36, 0.37], 0.36).canvas.draw()
    with pytest.raises(ValueError, match="^mse_bi:"):
        position_error_figure(np.ones(T), np.ones(T - 1), np.ones(T))
    with pytest.raises(ValueError, match="^norms_by_scale"):
        layer_grad_figure({})
    with pytest.raises(ValueError, match="^train_mse:"):
        leak_figure([0.1], [0.1, 0.2], 0.3)


# ---------------------------------------------------------------- 데모


@pytest.mark.parametrize(
    ("name", "factory", "cases"),
    [
        (
            "deep_rnn_states",
            deep_rnn_states_demo,
            [{"n_layers": 1, "scale": 0.1}, {"n_layers": 4, "scale": 3.0}],
        ),
        ("birnn_influence", birnn_influence_demo, [{"t": 1, "scale": 0.1}, {"t": BI_T, "scale": 2.0}]),
    ],
)
def test_demos_registered_and_update_without_message(name, factory, cases):
    assert load_all_demos()[name] is factory
    demo = factory()
    fig = demo.fig
    for params in cases:
        png = demo.update(**params)
        assert png[:4] == b"\x89PNG"
        assert get_message(demo.fig) is None, demo.last_error
        assert demo.fig is fig
