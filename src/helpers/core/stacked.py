"""순환 계층을 엮는 두 가지 방법: 깊은 순환 신경망(``StackedRNN``)과 양방향 순환 신경망(``Bidirectional``).

둘 다 Time 계층(``TimeRNN``, ``TimeLSTM`` 과 그 Stepwise 판)을 받아 같은 인터페이스를 따른다:
``params`` / ``grads`` (각 계층의 목록을 이어 붙인 것, 배열은 같은 객체), ``forward(xs, h0s=None) -> hs``,
``backward(dhs) -> dxs`` 그리고 초기 상태의 기울기 ``dh0s``.

초기 상태 ``h0s`` 의 각 항목은 None(0), 배열 h0, 또는 LSTM 계층이면 튜플 (h0, c0) 이다.
``dh0s`` 의 각 항목은 RNN 계층이면 dh0, LSTM 계층이면 (dh0, dc0) 이다.
"""

from __future__ import annotations

import numpy as np

from helpers.core.validation import check_array, check_choice, check_layer, check_sequence, shape_str

__all__ = ["MERGES", "Bidirectional", "StackedRNN"]

MERGES = ("concat", "sum")
_PARAM_NAMES = ("Wx", "Wh", "b")


def _is_lstm(layer) -> bool:
    """셀 상태 c 를 가진 계층(LSTM)인지: 초기 셀 상태의 기울기 dc0 을 갖는지로 판단한다."""
    return hasattr(layer, "dc0")


def _layer_sizes(name: str, layer) -> tuple[int, int]:
    """Time 계층의 인터페이스를 검사하고 (D, H) 를 돌려준다."""
    check_layer(name, layer, ("params", "grads", "forward", "backward"))
    Wx, Wh = layer.params[0], layer.params[1]
    return Wx.shape[0], Wh.shape[0]


def _forward_with_state(layer, xs, state, name: str):
    """계층 하나를 초기 상태 state (None, h0, (h0, c0)) 로 실행한다. 상태 오류에는 name 을 붙인다."""
    if state is None:
        return layer.forward(xs)  # 입력 xs 는 호출한 쪽에서 이미 검사했다
    if isinstance(state, tuple) and (not _is_lstm(layer) or len(state) != 2):
        kind = "an LSTM layer" if _is_lstm(layer) else "an RNN layer (no cell state)"
        raise ValueError(f"{name}: expected None, h0 (N, H) or (h0, c0) for {kind}, got a tuple of {len(state)}")
    try:
        if isinstance(state, tuple):
            return layer.forward(xs, state[0], state[1])
        return layer.forward(xs, state)
    except ValueError as e:
        raise ValueError(f"{name}: {e}") from e


def _state_grad(layer):
    """계층의 초기 상태 기울기: RNN 이면 dh0, LSTM 이면 (dh0, dc0)."""
    return (layer.dh0, layer.dc0) if _is_lstm(layer) else layer.dh0


class StackedRNN:
    """깊은 순환 신경망: Time 계층을 쌓아 아래 계층의 은닉 상태들을 위 계층의 입력으로 쓴다.

    layers : Time 계층의 목록 (RNN 과 LSTM 을 섞어도 된다).
        l 번째 계층의 입력 차원은 l−1 번째 계층의 H 와 같아야 한다.
    params, grads : 모든 계층의 [Wx, Wh, b] 를 아래층부터 이어 붙인 목록 (배열은 각 계층의 것과 같은 객체).
    hs_per_layer : 마지막 forward 에서 각 계층이 낸 hs 의 목록, 각각 shape (N, T, H_l).
    """

    def __init__(self, layers):
        layers = list(layers)
        if not layers:
            raise ValueError("layers: expected at least one Time layer, got an empty list")
        H_prev = None
        for l, layer in enumerate(layers):
            D, H = _layer_sizes(f"layers[{l}]", layer)
            if H_prev is not None and D != H_prev:
                raise ValueError(
                    f"layers[{l}].Wx: expected shape ({H_prev}, ·) (input size = H of layers[{l - 1}]), "
                    f"got {shape_str(layer.params[0].shape)}"
                )
            H_prev = H
        self.layers = layers
        self.params = [p for layer in layers for p in layer.params]
        self.grads = [g for layer in layers for g in layer.grads]
        self.param_names = [
            f"layers[{l}].{_PARAM_NAMES[k]}" if k < 3 else f"layers[{l}].params[{k}]"
            for l, layer in enumerate(layers)
            for k in range(len(layer.params))
        ]
        self.hs_per_layer = None
        self.dh0s = None

    def forward(self, xs, h0s=None):
        """xs : shape (N, T, D) → 맨 위 계층의 hs : shape (N, T, H_top).

        h0s : None 또는 계층마다 하나씩의 초기 상태 목록.
        """
        L = len(self.layers)
        if h0s is None:
            h0s = [None] * L
        elif not isinstance(h0s, (list, tuple)) or len(h0s) != L:
            got = f"{len(h0s)} entries" if isinstance(h0s, (list, tuple)) else type(h0s).__name__
            raise ValueError(f"h0s: expected None or a list of {L} initial states (one per layer), got {got}")

        check_sequence(xs, self.layers[0].params[0])

        self.hs_per_layer = []
        hs = xs
        for l, (layer, h0) in enumerate(zip(self.layers, h0s, strict=True)):
            hs = _forward_with_state(layer, hs, h0, f"h0s[{l}]")  # 이 계층의 출력이 다음 계층의 입력이 된다
            self.hs_per_layer.append(hs)
        return hs

    def backward(self, dhs):
        """dhs : shape (N, T, H_top) → dxs : shape (N, T, D). 각 계층의 grads 와 dh0s 를 채운다."""
        if self.hs_per_layer is None:
            raise ValueError("StackedRNN.backward: call forward(xs) first (no forward pass is stored)")
        dxs = dhs
        for layer in reversed(self.layers):
            dxs = layer.backward(dxs)  # 위 계층 입력의 기울기가 곧 아래 계층 출력의 기울기다
        self.dh0s = [_state_grad(layer) for layer in self.layers]
        return dxs


class Bidirectional:
    """양방향 순환 신경망: 한 계층은 xs 를 앞에서부터, 다른 계층은 시간을 뒤집은 xs 를 읽는다.

    forward_layer, backward_layer : Time 계층 (입력 차원 D 가 같아야 한다)
    merge : 두 방향의 은닉 상태를 합치는 방법.
        "concat" — 마지막 축으로 이어 붙인다: hs[:, t] = [h→(t), h←(t)], shape (N, T, H_f + H_b).
                   앞쪽 절반이 앞 방향이다.
        "sum"    — 더한다: hs[:, t] = h→(t) + h←(t), shape (N, T, H) (H_f = H_b 이어야 한다)
    뒤 방향 계층의 출력은 시간을 다시 뒤집어 놓으므로, hs[:, t] 의 두 부분은 모두 같은 시점 t 를 가리킨다.
    h←(t) 는 x(t), x(t+1), …, x(T−1) 을 읽은 결과이다.

    params, grads : 앞 방향 계층의 [Wx, Wh, b] 다음에 뒤 방향 계층의 [Wx, Wh, b].
    hs_forward, hs_backward : 마지막 forward 의 두 방향 은닉 상태, 둘 다 원래 시간 순서, shape (N, T, H).
    """

    def __init__(self, forward_layer, backward_layer, merge: str = "concat"):
        check_choice("merge", merge, MERGES)
        Df, Hf = _layer_sizes("forward_layer", forward_layer)
        Db, Hb = _layer_sizes("backward_layer", backward_layer)
        if Db != Df:
            raise ValueError(
                f"backward_layer.Wx: expected shape ({Df}, ·) (same input size as forward_layer), "
                f"got {shape_str(backward_layer.params[0].shape)}"
            )
        if merge == "sum" and Hb != Hf:
            raise ValueError(
                f"backward_layer.Wh: expected shape ({Hf}, ·) (merge='sum' needs the same H), "
                f"got {shape_str(backward_layer.params[1].shape)}"
            )
        self.forward_layer, self.backward_layer = forward_layer, backward_layer
        self.merge = merge
        self.params = forward_layer.params + backward_layer.params
        self.grads = forward_layer.grads + backward_layer.grads
        self.param_names = [
            f"{side}.{_PARAM_NAMES[k]}" if k < 3 else f"{side}.params[{k}]"
            for side, layer in (("forward", forward_layer), ("backward", backward_layer))
            for k in range(len(layer.params))
        ]
        self.hs_forward = self.hs_backward = None
        self.dh0s = None

    def forward(self, xs, h0s=None):
        """xs : shape (N, T, D) → hs : shape (N, T, H_f + H_b) ("concat") 또는 (N, T, H) ("sum").

        h0s : None 또는 (앞 방향 초기 상태, 뒤 방향 초기 상태).
            뒤 방향의 초기 상태는 마지막 시점 쪽에서 들어간다.
        """
        if h0s is None:
            h0s = (None, None)
        elif not isinstance(h0s, (list, tuple)) or len(h0s) != 2:
            got = f"{len(h0s)} entries" if isinstance(h0s, (list, tuple)) else type(h0s).__name__
            raise ValueError(f"h0s: expected None or a pair (forward state, backward state), got {got}")
        check_sequence(xs, self.forward_layer.params[0])
        hs_f = _forward_with_state(self.forward_layer, xs, h0s[0], "h0s[0]")
        # 시간을 뒤집은 뷰를 읽히고, 나온 은닉 상태를 다시 뒤집어 원래 시간 순서로 맞춘다
        hs_b = _forward_with_state(self.backward_layer, xs[:, ::-1], h0s[1], "h0s[1]")[:, ::-1]
        self.hs_forward, self.hs_backward = hs_f, hs_b
        if self.merge == "concat":
            return np.concatenate((hs_f, hs_b), axis=2)
        return hs_f + hs_b

    def backward(self, dhs):
        """dhs : forward 출력과 같은 모양 → dxs : shape (N, T, D). 두 계층의 grads 와 dh0s 를 채운다."""
        if self.hs_forward is None:
            raise ValueError("Bidirectional.backward: call forward(xs) first (no forward pass is stored)")
        N, T, Hf = self.hs_forward.shape
        Hb = self.hs_backward.shape[2]
        expected = (N, T, Hf + Hb) if self.merge == "concat" else (N, T, Hf)
        check_array("dhs", dhs, expected)
        if self.merge == "concat":
            dhs_f, dhs_b = dhs[..., :Hf], dhs[..., Hf:]  # 앞쪽 절반은 앞 방향, 뒤쪽 절반은 뒤 방향
        else:
            dhs_f = dhs_b = dhs  # 더했으므로 같은 기울기가 두 방향으로 간다
        dxs = self.forward_layer.backward(dhs_f)
        # 뒤 방향 계층은 뒤집힌 시간으로 계산했으므로 기울기도 뒤집어 넣고, 나온 dxs 를 다시 뒤집는다
        dxs = dxs + self.backward_layer.backward(dhs_b[:, ::-1])[:, ::-1]
        self.dh0s = [_state_grad(self.forward_layer), _state_grad(self.backward_layer)]
        return dxs
