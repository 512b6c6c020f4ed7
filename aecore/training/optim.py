"""The optimizer a ``TrainConfig`` asks for, built over a model's parameters.

Two choices (``TrainConfig.optimizer``):

- ``"adam"``: minibatch Adam (Kingma & Ba 2015). Weight decay, when set, is L2 on the weight
  matrices only; biases and other vectors are not decayed, as in the UFLDL exercises.
- ``"lbfgs"``: full-batch L-BFGS with a strong-Wolfe line search, ``LBFGS_ITERATIONS``
  iterations per trainer step. torch's L-BFGS has no weight decay, so the trainer adds
  λ/2 Σ W² over ``decayed_parameters`` to the loss itself.
"""

from __future__ import annotations

import torch
from torch import nn

# L-BFGS iterations per trainer step. More than one: torch's L-BFGS restarted every iteration
# stalls in the flat basin of a sparse code (seen: loss frozen at 0.4468 on patches).
LBFGS_ITERATIONS = 20
LBFGS_HISTORY = 100  # curvature pairs kept; the nets here are small enough for a long memory


def decayed_parameters(model: nn.Module) -> list[nn.Parameter]:
    """The trainable weight matrices (and higher-rank tensors): what weight decay applies to.

    Frozen parameters are left out: L-BFGS adds the decay to the loss, and a frozen-but-listed
    matrix would still be shrunk wherever it requires grad (a stack's decoders during fine-tuning
    went to zero that way: grey reconstructions).
    """
    return [p for p in model.parameters() if p.dim() > 1 and p.requires_grad]


def make_optimizer(model: nn.Module, name: str, lr: float, weight_decay: float = 0.0) -> torch.optim.Optimizer:
    """The optimizer ``name`` ("adam" or "lbfgs") over ``model``'s parameters at learning rate ``lr``."""
    if name == "lbfgs":
        return torch.optim.LBFGS(list(model.parameters()), lr=lr, max_iter=LBFGS_ITERATIONS,
                                 history_size=LBFGS_HISTORY, line_search_fn="strong_wolfe")
    if name != "adam":
        raise ValueError(f"optimizer must be 'adam' or 'lbfgs'; got {name!r}.")
    decay = decayed_parameters(model)
    rest = [p for p in model.parameters() if p.dim() <= 1]
    # One parameter group when nothing decays: a second group costs ~50 µs a step, which is
    # 10 % of a step on the 2-D toys.
    groups = ([{"params": decay, "weight_decay": weight_decay}, {"params": rest, "weight_decay": 0.0}]
              if weight_decay else [{"params": decay + rest}])
    return torch.optim.Adam(groups, lr=lr, fused=_can_fuse(model))


def _can_fuse(model: nn.Module) -> bool:
    """Whether torch's fused Adam kernel applies: floating parameters on the CPU or one CUDA device.

    Why fused: on the app's small nets the per-tensor Python loop of the default Adam is ~40 % of a
    step (0.70 → 0.43 ms a step on the digits AE, one thread); the fused kernel computes the same
    update (equal losses to the last printed digit in bench/train_speed.py's setting).
    """
    params = list(model.parameters())
    return bool(params) and all(p.is_floating_point() for p in params) and \
        len({p.device for p in params}) == 1 and params[0].device.type in ("cpu", "cuda")
