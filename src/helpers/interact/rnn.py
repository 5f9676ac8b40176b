"""1·2장의 슬라이더 데모: 펄스 하나에 대한 은닉 상태의 응답, 절벽 위의 기울기 클리핑."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from helpers.core.toys import cliff_loss_grad, gd_path, pulse_response, pulse_verdict
from helpers.view.rnn import clipping_live_figure, pulse_live_figure

from .demo import Choice, Demo, Slider, register_demo

__all__ = [
    "pulse_data",
    "rnn_pulse_demo",
    "clipping_data",
    "cliff_grid",
    "bptt_clipping_demo",
    "CLIFF",
]

PULSE_T = 40


def pulse_data(wh: float = 0.9, wx: float = 1.0, act: str = "tanh") -> dict:
    """펄스 응답과 그 판정: ``pulse_live_figure`` 에 넘길 사전."""
    d = pulse_response(wh, wx, act, T=PULSE_T)
    d["verdict"] = pulse_verdict(d["hs"], d["pre"], act)
    d["wh"], d["wx"] = float(wh), float(wx)
    return d


# 순환 가중치의 스크러버 프레임: 1 근처를 촘촘하게
WH_FRAMES = [0.0, 0.5, 0.8, 1.0, 1.1, 1.3, 1.6, 2.0]


@register_demo("rnn_pulse")
def rnn_pulse_demo() -> Demo:
    """시점 1 에 펄스 하나를 넣고 순환 가중치 w_h, 입력 가중치 w_x, 활성화 함수를 바꿔 본다."""
    return Demo(
        compute=pulse_data,
        figure=pulse_live_figure,
        controls=[
            Slider("wh", 0.0, 2.0, 0.05, 0.9, label="순환 가중치 w_h"),
            Slider("wx", 0.1, 3.0, 0.1, 1.0, label="입력 가중치 w_x"),
            Choice(
                "act", [("tanh", "tanh"), ("ReLU", "relu"), ("선형", "linear")], "tanh", label="활성화 함수"
            ),
        ],
        scrub="wh",
        scrub_values=WH_FRAMES,
        title="펄스에 대한 은닉 상태",
        dpi=80,
    )


# 절벽 실험의 설정: 한 단위 선형 RNN, 시퀀스 길이 T, 목표값, 그림의 범위, 시작점의 w_x
CLIFF = {
    "T": 20,
    "target": 2.0,
    "wh_range": (0.0, 1.4),
    "wx_range": (-0.5, 1.0),
    "start_wx": 0.02,
    "steps": 40,
    "bound": 3.0,
}


@lru_cache(maxsize=1)
def cliff_grid(n: int = 141) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """손실 지형 (grid_wh (n,), grid_wx (n,), loss (n, n)). 슬라이더와 무관하므로 한 번만 계산한다."""
    gw = np.linspace(*CLIFF["wh_range"], n)
    gx = np.linspace(*CLIFF["wx_range"], n)
    L, _, _ = cliff_loss_grad(gw[None, :], gx[:, None], T=CLIFF["T"], target=CLIFF["target"])
    for a in (gw, gx, L):
        a.flags.writeable = False  # 캐시를 보호한다
    return gw, gx, L


def clipping_data(lr: float = 0.01, max_norm: float = 1.0, start_wh: float = 1.0) -> dict:
    """같은 시작점에서 클리핑 없는 경사 하강법과 클리핑한 경사 하강법의 경로."""
    gw, gx, L = cliff_grid()
    start = (float(start_wh), CLIFF["start_wx"])
    kw = {"steps": CLIFF["steps"], "T": CLIFF["T"], "target": CLIFF["target"], "bound": CLIFF["bound"]}
    return {
        "grid_wh": gw,
        "grid_wx": gx,
        "grid_loss": L,
        "plain": gd_path(start, lr, None, **kw),
        "clipped": gd_path(start, lr, max_norm, **kw),
        "max_norm": float(max_norm),
        "lr": float(lr),
        "start": start,
    }


@register_demo("bptt_clipping")
def bptt_clipping_demo() -> Demo:
    """절벽이 있는 손실 지형에서 기울기 클리핑의 최대 노름과 학습률을 바꿔 본다."""
    return Demo(
        compute=clipping_data,
        figure=clipping_live_figure,
        controls=[
            Slider("max_norm", 0.1, 10.0, 0.1, 1.0, label="최대 노름"),
            Slider("lr", 0.001, 0.03, 0.001, 0.01, label="학습률"),
            Slider("start_wh", 0.6, 1.15, 0.05, 1.0, label="시작점 w_h"),
        ],
        scrub="max_norm",
        scrub_values=[0.2, 0.5, 1.0, 3.0, 10.0],
        title="기울기 클리핑",
        dpi=80,
    )
