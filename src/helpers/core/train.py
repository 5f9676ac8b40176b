"""작은 시퀀스 모델(순환 계층 + 출력층 + 손실 함수)과 학습 루프, 학습한 모델의 평가.

- ``SequenceModel(recurrent, head, loss, last_step_only=...)``: 계층 세 개를 이어 붙인다.
- ``fit(model, batches, optimizer, steps=...)``: 미니배치마다 순전파 → 역전파 → (클리핑) → 갱신 (3·4·7장).
- ``make_rnn_regressor`` / ``make_forward_tagger`` / ``make_bidirectional_tagger``: 자주 쓰는 조합.
- ``train_adding``: 7장의 덧셈 문제 실험 한 번 (``ADDING_PROBLEM_SETTINGS`` 의 측정된 설정으로).
- ``make_delay_model`` / ``train_bptt``: 2장의 전체 BPTT 와 잘린 BPTT 학습 (한 시퀀스 묶음을 블록으로 나눈다).
- ``prefix_mse``: 4장, 앞부분만 주고 시점마다 평가한다 (양방향 모델의 정보 누출을 본다).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import numpy as np

from helpers.core.gru import TimeGRU, init_gru
from helpers.core.init import init_affine, init_lstm, init_rnn
from helpers.core.layers import Affine, TimeAffine
from helpers.core.losses import MSELoss, SoftmaxCrossEntropy
from helpers.core.lstm import TimeLSTM
from helpers.core.optim import SGD, Adam, clip_grads, global_norm
from helpers.core.rnn import TimeRNN
from helpers.core.stacked import Bidirectional
from helpers.core.tasks import adding_problem
from helpers.core.validation import (
    check_array,
    check_callable,
    check_choice,
    check_dtype,
    check_real,
    check_rng,
    check_size,
    merge_settings,
)

__all__ = [
    "SequenceModel",
    "fit",
    "task_batches",
    "make_recurrent",
    "make_rnn_regressor",
    "make_forward_tagger",
    "make_bidirectional_tagger",
    "train_adding",
    "ADDING_PROBLEM_SETTINGS",
    "make_delay_model",
    "train_bptt",
    "prefix_mse",
]

# "irnn": ReLU 와 단위 행렬 초기화의 RNN (Le, Jaitly & Hinton 2015). 7장의 비교 기준. "gru": 8장.
CELLS = ("rnn", "lstm", "irnn", "gru")

# 7장 덧셈 문제 실험의 설정 (RNN 과 LSTM 이 똑같이 쓴다).
# 측정: 2026-11-26 23:00–23:25 UTC, 이 프로젝트의 기계 (2코어, NumPy 2.4, OPENBLAS_NUM_THREADS=1), 다른 작업으로
# 부하가 6–11 이던 때라 벽시계 대신 프로세스 CPU 시간을 적는다. `benchmarks/train_adding.py --stop` 으로 잰다.
#   LSTM, T=100, 삭제 게이트 편향 1, 시드 0/1/2: 검증 MSE < 0.01 에 750/650/900 스텝, CPU 12.5/11.3/15.2 s.
#   tanh RNN, 같은 설정, 시드 0: T=20 은 1300 스텝에 0.0091, T=50 은 1500 스텝 뒤 0.165, T=100 은 0.177 (최소 0.159).
#   LSTM 시드 0: T=20 250 스텝, T=50 450 스텝; 편향 0 이면 T=50 550 스텝.
#   LSTM, T=100, 삭제 게이트 편향 0, 시드 0/1/2: 900/1000/1000 스텝, CPU 15.0/17.3/17.9 s (편향 1 보다 느리다).
#   7장의 8개 실행 합계: stop_at_target=True 면 CPU 52 s (부하 6–7 에서 벽시계 157 s),
#   1500 스텝을 다 돌리면 CPU 96 s (부하 5 에서 벽시계 219 s). 7장은 stop_at_target=True 를 권한다.
# lr = 3e-3 (TOOLCHAIN.md 의 값) 이면 LSTM T=100 이 1400 스텝 걸려 두 배쯤 느리다. float64 는 LSTM 스텝이 약 2배 느리다.
ADDING_PROBLEM_SETTINGS = {
    "hidden": 32,  # 은닉 상태 크기 H
    "batch": 32,  # 미니배치 크기 N
    "lr": 1e-2,  # Adam 학습률
    "clip": 1.0,  # 기울기 클리핑의 임곗값
    "steps": 1500,  # 최대 갱신 횟수
    "eval_every": 50,  # 검증 MSE 를 재는 간격
    "n_eval": 256,  # 검증 데이터 크기 (고정)
    "target_mse": 0.01,  # 이 검증 MSE 에 닿으면 "풀었다"고 본다
    "dtype": "float32",  # float32 는 float64 보다 LSTM 한 스텝이 약 2배 빠르고, 학습 곡선은 거의 같다
}


def _has(obj, *names: str) -> bool:
    return all(hasattr(obj, n) for n in names)


class SequenceModel:
    """순환 계층 → 출력층 → 손실 함수.

    Parameters
    ----------
    recurrent : TimeRNN, TimeLSTM, StackedRNN, Bidirectional 등. ``forward(xs) -> hs (N, T, H)``,
        ``backward(dhs) -> dxs``, ``params``, ``grads`` 가 있으면 된다.
    head : ``last_step_only=True`` 이면 ``Affine`` (N, H) -> (N, O),
        아니면 ``TimeAffine`` (N, T, H) -> (N, T, O).
    loss : ``MSELoss`` 또는 ``SoftmaxCrossEntropy`` (출력 활성화 함수 f 는 손실이 맡는다).
    last_step_only : True 면 마지막 시점 h(T) 에서만 출력을 낸다 (덧셈 문제, 첫 기호 기억하기).
        False 면 모든 시점에서 출력을 낸다 (시퀀스 태깅, 언어 모델).

    ``params`` 와 ``grads`` 는 부를 때마다 계층들의 리스트를 이어 붙여 새 리스트로 돌려주지만,
    안의 배열은 계층이 가진 바로 그 배열이다 (최적화기가 제자리에서 고치면 계층에 반영된다).
    """

    def __init__(self, recurrent, head, loss, *, last_step_only: bool):
        if not _has(recurrent, "params", "grads", "forward", "backward"):
            raise ValueError("recurrent: expected a layer with params, grads, forward and backward")
        if not _has(head, "params", "grads", "forward", "backward"):
            raise ValueError("head: expected a layer with params, grads, forward and backward")
        if not _has(loss, "forward", "backward"):
            raise ValueError("loss: expected a loss with forward(y, t) and backward()")
        if not isinstance(last_step_only, bool):
            raise ValueError(f"last_step_only: expected a bool, got {type(last_step_only).__name__}")
        self.recurrent, self.head, self.loss = recurrent, head, loss
        self.last_step_only = last_step_only
        self.hs_shape = None

    @property
    def params(self) -> list[np.ndarray]:
        return list(self.recurrent.params) + list(self.head.params)

    @property
    def grads(self) -> list[np.ndarray]:
        return list(self.recurrent.grads) + list(self.head.grads)

    def predict(self, xs: np.ndarray) -> np.ndarray:
        """xs : ndarray, shape (N, T, D) -> y : (N, O) (last_step_only) 또는 (N, T, O).

        손실은 계산하지 않는다.
        """
        check_array("xs", xs, ("N", "T", "D"))
        hs = self.recurrent.forward(xs)
        self.hs_shape = hs.shape
        if self.last_step_only:
            return self.head.forward(hs[:, -1, :])
        return self.head.forward(hs)

    def forward(self, xs: np.ndarray, targets: np.ndarray, **loss_kwargs) -> float:
        """예측하고 손실(스칼라)을 돌려준다. ``loss_kwargs`` 는 손실에 넘긴다 (예: mask)."""
        y = self.predict(xs)
        return self.loss.forward(y, targets, **loss_kwargs)

    def backward(self) -> np.ndarray:
        """손실에서 입력까지 역전파해 모든 ``grads`` 를 채운다. dxs (N, T, D) 를 돌려준다."""
        if self.hs_shape is None:
            raise ValueError("xs: backward() called before forward()")
        dy = self.loss.backward()
        dh = self.head.backward(dy)
        if self.last_step_only:
            # 마지막 시점에만 출력이 있으므로 나머지 시점의 dL/dh(t) 는 위층에서 오지 않는다 (0)
            dhs = np.zeros(self.hs_shape, dtype=dh.dtype)
            dhs[:, -1, :] = dh
        else:
            dhs = dh
        return self.recurrent.backward(dhs)


def task_batches(task: Callable, rng: np.random.Generator, N: int, **task_kwargs) -> Callable[[int], tuple]:
    """매 스텝 새 미니배치를 만드는 함수 ``batches(step) -> (xs, targets)`` 를 돌려준다.

    예: ``task_batches(adding_problem, rng, 32, T=100)`` — 같은 시드면 같은 배치 순서가 나온다.
    """
    check_callable("task", task, "a task function such as adding_problem")
    check_rng(rng)
    N = check_size("N", N)

    def batches(step: int) -> tuple[np.ndarray, np.ndarray]:
        return task(rng, N, **task_kwargs)

    return batches


def fit(
    model: SequenceModel,
    batches: Callable[[int], tuple] | Iterable[tuple],
    optimizer,
    *,
    steps: int,
    clip: float | None = None,
    eval_fn: Callable[[SequenceModel], float] | None = None,
    eval_every: int = 50,
    time_budget_s: float | None = None,
    stop_eval_below: float | None = None,
) -> dict[str, np.ndarray]:
    """미니배치마다 순전파 → 역전파 → 기울기 클리핑(선택) → 갱신을 ``steps`` 번 되풀이한다.

    Parameters
    ----------
    batches : ``batches(step) -> (xs, targets)`` 인 함수, 또는 (xs, targets) 를 내는 반복자
    optimizer : ``update(params, grads)`` 가 있는 객체 (``SGD``, ``Adam``)
    clip : 전체 기울기 노름의 상한 (None 이면 클리핑하지 않는다)
    eval_fn : ``eval_fn(model) -> float``. ``eval_every`` 스텝마다와 마지막에 부른다.
    time_budget_s : 이 시간(초)을 넘기면 멈춘다 (책을 빌드할 때 시간이 폭주하지 않도록)
    stop_eval_below : 검증 값이 이보다 작아지면 멈춘다 (예: 덧셈 문제에서 MSE 0.01)

    학습이 발산하면 (손실, 기울기, 가중치가 inf 나 NaN 이 되면) ``"fit: training diverged at step k ..."`` 로
    시작하는 ValueError 를 낸다.

    Returns
    -------
    history : dict. "step", "loss", "grad_norm" (클리핑 전 노름), "time" (누적 초)은 스텝마다,
        "eval_step", "eval" 은 검증할 때마다 기록한 1차원 배열. "time" 만 실행마다 달라지므로
        노트북에서 출력을 비교할 값으로 쓰지 않는다.
    """
    if not isinstance(model, SequenceModel) and not _has(model, "params", "grads", "forward", "backward"):
        raise ValueError("model: expected a SequenceModel")
    if not _has(optimizer, "update"):
        raise ValueError("optimizer: expected an optimizer with update(params, grads), such as Adam")
    steps = check_size("steps", steps)
    eval_every = check_size("eval_every", eval_every)
    if clip is not None:
        clip = check_real("clip", clip, positive=True)
    if time_budget_s is not None:
        time_budget_s = check_real("time_budget_s", time_budget_s, positive=True)
    if stop_eval_below is not None:
        stop_eval_below = check_real("stop_eval_below", stop_eval_below)
    if eval_fn is not None:
        check_callable("eval_fn", eval_fn, "a function eval_fn(model) -> float")
    if callable(batches):
        get_batch = batches
    elif isinstance(batches, Iterable):
        it = iter(batches)

        def get_batch(step: int):
            return next(it)
    else:
        raise ValueError(
            f"batches: expected a function batches(step) or an iterable, got {type(batches).__name__}"
        )

    hist: dict[str, list] = {k: [] for k in ("step", "loss", "grad_norm", "time", "eval_step", "eval")}
    start = time.perf_counter()

    def evaluate(step: int) -> bool:
        value = float(eval_fn(model))
        hist["eval_step"].append(step)
        hist["eval"].append(value)
        return stop_eval_below is not None and value < stop_eval_below

    for step in range(1, steps + 1):
        try:
            xs, targets = get_batch(step)
        except StopIteration:
            break
        loss, grad_norm = _step(model, optimizer, xs, targets, clip, step)
        elapsed = time.perf_counter() - start
        for k, v in (("step", step), ("loss", loss), ("grad_norm", grad_norm), ("time", elapsed)):
            hist[k].append(v)
        last = step == steps or (time_budget_s is not None and elapsed > time_budget_s)
        if eval_fn is not None and (step % eval_every == 0 or last):
            last = evaluate(step) or last
        if last:
            break
    return {k: np.asarray(v, dtype=np.int64 if k.endswith("step") else np.float64) for k, v in hist.items()}


def _diverged(step: int, what: str) -> ValueError:
    return ValueError(
        f"fit: training diverged at step {step} ({what}); try a smaller learning rate or gradient clipping (clip=)"
    )


def _step(model, optimizer, xs, targets, clip: float | None, step: int) -> tuple[float, float]:
    """한 스텝: 순전파 → 역전파 → (클리핑) → 갱신. 발산하면 몇 번째 스텝인지 말하는 ValueError 를 낸다.

    발산은 세 곳에서 드러난다: 가중치가 너무 커져 순전파 값이 넘치면 계층의 입력 검사가 "expected finite
    values" 로 거부하고, 손실이나 기울기 노름이 inf/NaN 이 되고, 갱신한 가중치가 inf/NaN 이 된다.
    넘침 경고는 여기서 끄고 대신 값으로 확인한다.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        try:
            loss = model.forward(xs, targets)
            model.backward()
        except ValueError as err:
            batch_ok = all(np.all(np.isfinite(a)) for a in (xs, targets) if isinstance(a, np.ndarray))
            if batch_ok and "expected finite values" in str(err):
                raise _diverged(step, f"non-finite values inside the model: {err}") from err
            raise
        grads = model.grads
        grad_norm = clip_grads(grads, clip) if clip is not None else global_norm(grads)
        if not (np.isfinite(loss) and np.isfinite(grad_norm)):
            raise _diverged(step, f"loss {loss:.3g}, gradient norm {grad_norm:.3g}")
        optimizer.update(model.params, grads)
    if not all(np.all(np.isfinite(p)) for p in model.params):
        raise _diverged(step, "the update made some weights inf or NaN")
    return loss, grad_norm


def make_recurrent(
    rng: np.random.Generator,
    D: int,
    H: int,
    *,
    cell: str = "rnn",
    forget_bias: float = 1.0,
    recurrent_init: str = "orthogonal",
    scale: float = 1.0,
    dtype=np.float64,
):
    """초기화한 ``TimeRNN`` (tanh), ``TimeLSTM``, IRNN (ReLU, Wh = 단위 행렬, ``cell="irnn"``) 또는 ``TimeGRU`` 하나.

    forget_bias 는 LSTM 의 삭제 게이트 편향이고, GRU 에서는 같은 역할(이전 상태를 남기는 몫)을 하는 업데이트
    게이트 z 의 편향으로 쓴다. recurrent_init 와 scale 은 tanh RNN 에만 쓴다.
    """
    check_choice("cell", cell, CELLS)
    if cell == "gru":
        return TimeGRU(*init_gru(rng, D, H, update_bias=forget_bias, dtype=dtype))
    if cell == "lstm":
        return TimeLSTM(*init_lstm(rng, D, H, forget_bias=forget_bias, dtype=dtype))
    if cell == "irnn":
        return TimeRNN(*init_rnn(rng, D, H, recurrent="identity", dtype=dtype), activation="relu")
    return TimeRNN(*init_rnn(rng, D, H, recurrent=recurrent_init, scale=scale, dtype=dtype))


def _make_loss(loss: str):
    if loss == "mse":
        return MSELoss()
    if loss == "ce":
        return SoftmaxCrossEntropy()
    raise ValueError(f"loss: expected 'mse' or 'ce', got {loss!r}")


def make_rnn_regressor(
    rng: np.random.Generator,
    D: int,
    H: int,
    O: int,
    *,
    cell: str = "rnn",
    forget_bias: float = 1.0,
    recurrent_init: str = "orthogonal",
    scale: float = 1.0,
    loss: str = "mse",
    dtype=np.float64,
) -> SequenceModel:
    """마지막 시점의 은닉 상태로 답하는 모델: 순환 계층 (D→H) + Affine (H→O) + 손실 ("mse" 또는 "ce")."""
    check_dtype(dtype)
    O = check_size("O", O)
    rec = make_recurrent(
        rng, D, H, cell=cell, forget_bias=forget_bias, recurrent_init=recurrent_init, scale=scale, dtype=dtype
    )
    return SequenceModel(rec, Affine(*init_affine(rng, H, O, dtype)), _make_loss(loss), last_step_only=True)


def make_forward_tagger(
    rng: np.random.Generator,
    D: int,
    H: int,
    O: int,
    *,
    cell: str = "rnn",
    forget_bias: float = 1.0,
    loss: str = "mse",
    dtype=np.float64,
) -> SequenceModel:
    """모든 시점에서 답하는, 앞에서 뒤로만 읽는 모델: 순환 계층 + TimeAffine (H→O) + 손실."""
    O = check_size("O", O)
    rec = make_recurrent(rng, D, H, cell=cell, forget_bias=forget_bias, dtype=dtype)
    return SequenceModel(
        rec, TimeAffine(*init_affine(rng, H, O, dtype)), _make_loss(loss), last_step_only=False
    )


def make_bidirectional_tagger(
    rng: np.random.Generator,
    D: int,
    H: int,
    O: int,
    *,
    cell: str = "rnn",
    forget_bias: float = 1.0,
    loss: str = "mse",
    merge: str = "concat",
    dtype=np.float64,
) -> SequenceModel:
    """모든 시점에서 답하는 양방향 모델: Bidirectional(앞 방향, 뒤 방향) + TimeAffine + 손실.

    merge="concat" 이면 두 은닉 상태를 이어 붙이므로 출력층의 입력은 2H 이다.
    """
    O = check_size("O", O)
    fwd = make_recurrent(rng, D, H, cell=cell, forget_bias=forget_bias, dtype=dtype)
    bwd = make_recurrent(rng, D, H, cell=cell, forget_bias=forget_bias, dtype=dtype)
    rec = Bidirectional(fwd, bwd, merge=merge)
    H_out = 2 * H if merge == "concat" else H
    head = TimeAffine(*init_affine(rng, H_out, O, dtype))
    return SequenceModel(rec, head, _make_loss(loss), last_step_only=False)


def train_adding(
    cell: str,
    T: int,
    *,
    forget_bias: float = 1.0,
    seed: int = 0,
    settings: dict | None = None,
    time_budget_s: float | None = None,
    stop_at_target: bool = False,
    dtype=None,
    monitor: Callable[[SequenceModel], None] | None = None,
) -> tuple[SequenceModel, dict[str, np.ndarray]]:
    """덧셈 문제 길이 T 에서 ``cell`` ("rnn", "lstm", "irnn", "gru") 모델을 Adam + 기울기 클리핑으로 학습한다.

    시드 하나에서 초기화용, 학습 데이터용, 검증 데이터용 난수 생성기를 따로 만든다. 그래서 같은 시드면
    RNN 과 LSTM 이 같은 학습 배치 순서와 같은 검증 데이터를 본다. 검증 MSE 는 history["eval"] 에 있다.
    stop_at_target=True 면 검증 MSE 가 settings["target_mse"] 아래로 내려가는 즉시 멈춘다.
    dtype 을 주지 않으면 settings["dtype"] 을 쓴다.
    monitor : ``monitor(model)`` 을 학습 전에 한 번, 그리고 검증할 때마다 (검증 MSE 를 잰 직후) 부른다.
        학습 중의 모델을 재는 데 쓴다 (예: 7장의 기울기 측정). 모델의 파라미터를 바꾸면 안 된다.
    """
    s = merge_settings(ADDING_PROBLEM_SETTINGS, settings)
    T = check_size("T", T, minimum=2)
    dtype = check_dtype(s["dtype"] if dtype is None else dtype)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed: expected an int, got {type(seed).__name__}")
    rng_init, rng_data, rng_eval = np.random.default_rng(seed).spawn(3)
    model = make_rnn_regressor(rng_init, 2, s["hidden"], 1, cell=cell, forget_bias=forget_bias, dtype=dtype)
    xs_eval, t_eval = adding_problem(rng_eval, s["n_eval"], T, dtype)

    if monitor is not None and not callable(monitor):
        raise ValueError(f"monitor: expected a function monitor(model), got {type(monitor).__name__}")

    def eval_mse(m: SequenceModel) -> float:
        value = float(np.mean((m.predict(xs_eval) - t_eval) ** 2))
        if monitor is not None:
            monitor(m)
        return value

    if monitor is not None:
        monitor(model)  # 학습 전 (갱신 0 번)

    history = fit(
        model,
        task_batches(adding_problem, rng_data, s["batch"], T=T, dtype=dtype),
        Adam(lr=s["lr"]),
        steps=s["steps"],
        clip=s["clip"],
        eval_fn=eval_mse,
        eval_every=s["eval_every"],
        time_budget_s=time_budget_s,
        stop_eval_below=s["target_mse"] if stop_at_target else None,
    )
    return model, history


# ---------------------------------------------------------------------------------------------------
# 2장: 전체 BPTT 와 잘린 BPTT
# ---------------------------------------------------------------------------------------------------
def make_delay_model(rng: np.random.Generator, H: int = 16, scale: float = 1.0, dtype=np.float64):
    """입력 1 개, 은닉 상태 H 개, 출력 1 개의 RNN: (TimeRNN, TimeAffine).

    Wh 는 ``scale`` 배 한 직교 행렬이다 (모든 특잇값이 scale). scale 이 작으면 처음의 은닉 상태는 과거를 빨리 잊는다.
    """
    Wx, Wh, b = init_rnn(rng, 1, H, recurrent="orthogonal", scale=scale, dtype=dtype)
    Wy, by = init_affine(rng, H, 1, dtype=dtype)
    return TimeRNN(Wx, Wh, b), TimeAffine(Wy, by)



def train_bptt(
    rnn: TimeRNN,
    head: TimeAffine,
    xs: np.ndarray,
    ts: np.ndarray,
    *,
    k: int | None = None,
    steps: int = 300,
    lr: float = 0.01,
    max_norm: float = 1.0,
    optimizer: str = "adam",
) -> np.ndarray:
    """같은 긴 시퀀스 묶음 (xs, ts) 로 ``steps`` 번 학습하고 번마다의 손실을 돌려준다.

    k=None 이면 전체 BPTT: 시퀀스 전체를 순전파하고 끝에서 처음까지 역전파한 뒤 한 번 갱신한다.
    k 를 주면 잘린 BPTT: 시퀀스를 길이 k 의 블록으로 나눠 블록마다 순전파 → 역전파 → 갱신한다.
    블록 사이에 은닉 상태 ``rnn.h`` 는 넘겨주지만(순전파는 이어진다), 기울기 ``rnn.dh0`` 은 버린다
    (역전파는 블록 경계에서 끊긴다). 한 "번"은 시퀀스 전체를 한 번 훑는 것이고, 그동안 갱신은 블록마다
    한 번씩 한다 (전체 BPTT 는 한 번, 길이 T 를 k 로 나누면 ⌈T/k⌉ 번). ``max_norm`` 은 클리핑의 임곗값이다.

    xs : ndarray, shape (N, T, D);  ts : ndarray, shape (N, T, O)
    Returns: losses, shape (steps,) — 시퀀스 전체에 대한 평균 제곱 오차 (블록 손실의 평균)
    """
    check_array("xs", xs, ("N", "T", rnn.params[0].shape[0]))
    N, T, D = xs.shape
    check_array("ts", ts, (N, T, head.params[0].shape[1]))
    block = T if k is None else check_size("k", k)
    steps = check_size("steps", steps)
    check_choice("optimizer", optimizer, ("adam", "sgd"))
    params = rnn.params + head.params  # 최적화기는 이 배열들을 제자리에서 고친다
    grads = rnn.grads + head.grads
    opt = Adam(lr) if optimizer == "adam" else SGD(lr)
    loss_fn = MSELoss()
    losses = np.empty(steps)
    for step in range(steps):
        h, total = None, 0.0
        for s in range(0, T, block):
            x_blk, t_blk = xs[:, s : s + block], ts[:, s : s + block]
            ys = head.forward(rnn.forward(x_blk, h0=h))  # 이전 블록의 마지막 상태에서 출발한다
            total += loss_fn.forward(ys, t_blk) * x_blk.shape[1]
            rnn.backward(head.backward(loss_fn.backward()))  # rnn.dh0 은 쓰지 않는다: 여기서 끊긴다
            clip_grads(grads, max_norm)
            opt.update(params, grads)
            h = rnn.h  # 순전파는 다음 블록으로 이어진다 (rnn.h 는 복사본이라 다음 forward 가 덮어쓰지 않는다)
        losses[step] = total / T
    return losses



# ---------------------------------------------------------------------------------------------------
# 4장: 생성할 때처럼 앞부분만 주고 평가한다
# ---------------------------------------------------------------------------------------------------
def prefix_mse(
    predict: Callable[[np.ndarray], np.ndarray], xs: np.ndarray, ys: np.ndarray, *, per_sequence: bool = False
) -> np.ndarray:
    """생성할 때처럼, 시점 t 의 출력을 앞부분 x(1..t) 만 주고 계산해 시점별 MSE 를 낸다.

    미래 입력이 아직 없는 상황을 흉내 낸다. 앞 방향만 읽는 모델은 전체 시퀀스를 줄 때와 결과가 같고,
    양방향 모델은 뒤 방향 메모리 셀이 x(t+1..T) 를 보지 못하므로 결과가 달라진다.

    Parameters
    ----------
    predict : xs (N, t, D) -> ys (N, t, O) 인 함수 (예: ``SequenceModel.predict``)
    xs : ndarray, shape (N, T, D)
    ys : ndarray, shape (N, T, O)

    per_sequence : True 면 평균을 내지 않고 시퀀스마다의 제곱 오차를 돌려준다 (표준 오차를 잴 때)

    Returns
    -------
    mse : ndarray, shape (T,). mse[t] = mean((predict(xs[:, :t+1])[:, t] - ys[:, t])²)
        ``per_sequence=True`` 이면 shape (N, T): 시퀀스 n, 시점 t 의 제곱 오차 (출력 성분에 대해서만 평균)
    """
    check_callable("predict", predict, "a function xs -> ys")
    if not isinstance(per_sequence, bool):
        raise ValueError(f"per_sequence: expected True or False, got {per_sequence!r}")
    check_array("xs", xs, ("N", "T", "D"))
    N, T, D = xs.shape
    check_array("ys", ys, (N, T, "O"))
    err = np.empty((N, T))
    for t in range(T):
        y_last = predict(xs[:, : t + 1])[:, -1]
        err[:, t] = np.mean((y_last - ys[:, t]) ** 2, axis=-1)
    return err if per_sequence else err.mean(axis=0)
