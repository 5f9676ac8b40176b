"""순환 신경망 교과서의 코드: NumPy 핵심 계층(core), 그림(view), 슬라이더 데모(interact).

자주 쓰는 이름은 여기서 바로 가져올 수 있다: ``from helpers import TimeRNN, TimeLSTM``.
그림과 데모는 ``helpers.view`` 와 ``helpers.interact`` 의 모듈에서 가져온다.
"""

from helpers.core.analysis import (
    largest_singular_value,
    nonnormal_matrix,
    power_norms,
    scale_to_spectral_radius,
    spectral_radius,
)
from helpers.core.gradcheck import gradient_check, numerical_gradient, relative_error
from helpers.core.init import init_affine, init_lstm, init_rnn, orthogonal, scaled_normal, xavier
from helpers.core.jacobian import hidden_jacobians, jacobian_norms, step_jacobians
from helpers.core.language_model import (
    LM_SETTINGS,
    LanguageModel,
    cell_activity,
    make_language_model,
    sample,
    train_language_model,
    truncated_batches,
    unit_correlations,
)
from helpers.core.layers import Affine, TimeAffine
from helpers.core.lm_layers import TimeEmbedding, TimeSoftmaxWithLoss
from helpers.core.losses import MSELoss, SoftmaxCrossEntropy, accuracy
from helpers.core.lstm import LSTM, TimeLSTM, TimeLSTMStepwise
from helpers.core.ngram import NGramModel, bits_per, perplexity, tune_ngram
from helpers.core.optim import SGD, Adam, clip_grads, global_norm
from helpers.core.rnn import RNN, TimeRNN, TimeRNNStepwise
from helpers.core.stacked import Bidirectional, StackedRNN
from helpers.core.tasks import (
    ADDING_BASELINE_MSE,
    adding_problem,
    first_symbol_task,
    window_sum_causal_mse,
    window_sum_task,
)
from helpers.core.text import Vocabulary, from_jamo, load_constitution, to_jamo
from helpers.core.train import (
    ADDING_PROBLEM_SETTINGS,
    SequenceModel,
    fit,
    make_bidirectional_tagger,
    make_forward_tagger,
    make_rnn_regressor,
    task_batches,
    train_adding,
)

__all__ = [
    "ADDING_BASELINE_MSE",
    "ADDING_PROBLEM_SETTINGS",
    "LM_SETTINGS",
    "LSTM",
    "RNN",
    "SGD",
    "Adam",
    "Affine",
    "Bidirectional",
    "LanguageModel",
    "MSELoss",
    "NGramModel",
    "SequenceModel",
    "SoftmaxCrossEntropy",
    "StackedRNN",
    "TimeAffine",
    "TimeEmbedding",
    "TimeLSTM",
    "TimeLSTMStepwise",
    "TimeRNN",
    "TimeRNNStepwise",
    "TimeSoftmaxWithLoss",
    "Vocabulary",
    "accuracy",
    "adding_problem",
    "bits_per",
    "cell_activity",
    "clip_grads",
    "first_symbol_task",
    "fit",
    "from_jamo",
    "global_norm",
    "gradient_check",
    "hidden_jacobians",
    "init_affine",
    "init_lstm",
    "init_rnn",
    "jacobian_norms",
    "largest_singular_value",
    "load_constitution",
    "make_bidirectional_tagger",
    "make_forward_tagger",
    "make_language_model",
    "make_rnn_regressor",
    "nonnormal_matrix",
    "numerical_gradient",
    "orthogonal",
    "perplexity",
    "power_norms",
    "relative_error",
    "sample",
    "scale_to_spectral_radius",
    "scaled_normal",
    "spectral_radius",
    "step_jacobians",
    "task_batches",
    "to_jamo",
    "train_adding",
    "train_language_model",
    "truncated_batches",
    "tune_ngram",
    "unit_correlations",
    "window_sum_causal_mse",
    "window_sum_task",
    "xavier",
]
