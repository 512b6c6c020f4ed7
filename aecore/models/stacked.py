"""Stacked autoencoder: greedy layer-wise pretraining, then supervised fine-tuning.

Bengio et al., "Greedy layer-wise training of deep networks" (NIPS 2006); Vincent et al.
(JMLR 2010) for denoising layers. Layer l is a shallow autoencoder (plain, sparse or
denoising) trained on the codes of layers 1..l−1, which stay frozen. The decoders are
then dropped, a softmax goes on the top code, and the whole network is fine-tuned with
labels. The decoders are kept only to draw the unrolled reconstruction.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import nn

from aecore.models.base import Autoencoder, ModelConfig

PRETRAIN_KINDS = ("ae", "sparse", "denoising")


@dataclass(frozen=True)
class StackedConfig(ModelConfig):
    variant: str = field(default="stacked", init=False)
    latent: int = 32
    hidden: tuple[int, ...] = (128, 64)  # with ``latent``: three stacked layers
    activation: str = "sigmoid"
    code_activation: str = "sigmoid"
    # Kind per layer; one entry applies to every layer. Denoising is the default because on
    # small inputs (digits: 64 pixels) a sparse penalty with UFLDL's β = 3 outweighs the
    # reconstruction of a layer's codes and flattens them (see bench/anchors for MNIST).
    pretrain: tuple[str, ...] = ("denoising",)
    rho: float = 0.1  # sparse layers: target activation
    beta: float = 0.5  # sparse layers: penalty weight
    noise: str = "masking"  # denoising layers: corruption
    noise_level: float = 0.2
    finetune_epochs: int = 10  # supervised epochs (the same budget for the from-scratch baseline)
    # Label budgets (Erhan et al. 2010): after the run, per n a fine-tune, a from-scratch run and a
    # logistic regression on n class-balanced labelled training images; 0 = all labels (see labels.py).
    label_budgets: tuple[int, ...] = ()

    def __post_init__(self):
        super().__post_init__()
        object.__setattr__(self, "pretrain", tuple(self.pretrain))
        n = len(self.hidden) + 1
        if len(self.pretrain) not in (1, n):
            raise ValueError(f"pretrain needs 1 kind or one per layer ({n}); got {list(self.pretrain)}.")
        for k in self.pretrain:
            if k not in PRETRAIN_KINDS:
                raise ValueError(f"pretrain kinds must be among {', '.join(PRETRAIN_KINDS)}; got {k!r}.")
        if not 0 <= int(self.finetune_epochs) <= 10000:
            raise ValueError(f"finetune_epochs must be between 0 and 10000; got {self.finetune_epochs}.")
        object.__setattr__(self, "label_budgets", tuple(int(n) for n in self.label_budgets))
        if any(not (n == 0 or 1 <= n <= 1_000_000) for n in self.label_budgets) or len(self.label_budgets) > 12:
            raise ValueError(f"label_budgets must be at most 12 numbers of labelled examples (0 = all); "
                             f"got {list(self.label_budgets)}.")
        if self.label_budgets and self.finetune_epochs == 0:
            raise ValueError("label_budgets need supervised training: set finetune_epochs to at least 1.")
        if self.activation != self.code_activation:
            # Each layer is one shallow AE: its code unit type is the layer's activation.
            object.__setattr__(self, "code_activation", self.activation)

    @property
    def sizes(self) -> tuple[int, ...]:
        """Widths of the stacked codes, bottom to top."""
        return (*self.hidden, self.latent)

    def kind(self, layer: int) -> str:
        """Pretraining kind of layer ``layer`` (0-based)."""
        return self.pretrain[layer] if len(self.pretrain) > 1 else self.pretrain[0]


class StackedAE(Autoencoder):
    """Deep encoder built from shallow AEs, plus a softmax head on the top code."""

    config_class = StackedConfig

    def __init__(self, cfg: StackedConfig, input_dim: int, unit_range: bool = True, n_classes: int = 0):
        super().__init__(cfg, input_dim, unit_range)
        self.n_classes = n_classes
        self.classifier = nn.Linear(cfg.latent, max(n_classes, 1))
        # Fixed standardization of the top code in front of the softmax (set after pretraining).
        self.register_buffer("code_mean", torch.zeros(cfg.latent))
        self.register_buffer("code_scale", torch.ones(cfg.latent))

    # The encoder's weights as greedy pretraining left them, kept by ``Fit`` before supervised
    # training changes them: what "layer l learned" means. Not part of the saved state (a run read
    # back from disk has its final weights only).
    pretrained_encoder: dict[str, torch.Tensor] | None = None

    def keep_pretrained(self) -> None:
        """Remember the current encoder weights as the pretrained ones (a detached copy)."""
        self.pretrained_encoder = {k: v.detach().clone() for k, v in self.encoder.state_dict().items()}

    def pretrained_view(self) -> StackedAE | None:
        """A copy of this model with the pretrained encoder weights; None if they were not kept."""
        if self.pretrained_encoder is None:
            return None
        view = copy.deepcopy(self)
        view.encoder.load_state_dict(self.pretrained_encoder)
        return view.eval()

    def set_code_scaling(self, z: torch.Tensor) -> None:
        """Standardize the softmax's input with the mean and std of the codes z (N, latent)."""
        self.code_mean.copy_(z.mean(0))
        self.code_scale.copy_(z.std(0).clamp_min(1e-6))

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        """Class scores (B, C): softmax head on the standardized top code."""
        return self.classifier((self.encode(x) - self.code_mean) / self.code_scale)

    def objective(self, x, progress=0.0, y=None):
        if y is None:  # unsupervised: the unrolled deep autoencoder
            return super().objective(x, progress)
        logits = self.logits(x)
        loss = F.cross_entropy(logits, y)
        acc = (logits.argmax(1) == y).float().mean()
        return loss, {"xent": loss.detach(), "accuracy": acc.detach()}

    @torch.no_grad()
    def predict(self, x: torch.Tensor, batch_size: int = 2048) -> torch.Tensor:
        """Class indices (B,) from the softmax head."""
        out = [self.logits(x[i:i + batch_size]).argmax(1) for i in range(0, len(x), batch_size)]
        return torch.cat(out)

    def layer_codes(self, x: torch.Tensor, upto: int) -> torch.Tensor:
        """Output of encoder layers 0..upto−1 (the input of layer ``upto``)."""
        for layer, act in list(zip(self.encoder.layers, self.encoder.acts, strict=True))[:upto]:
            x = act(layer(x))
        return x

    def set_encoder_trainable(self, trainable: bool) -> None:
        for p in self.encoder.parameters():
            p.requires_grad_(trainable)

    def load_layer(self, layer: int, shallow: Autoencoder) -> None:
        """Copy a pretrained shallow AE into encoder layer ``layer`` and its mirror decoder layer."""
        n = len(self.encoder.layers)
        with torch.no_grad():
            self.encoder.layers[layer].load_state_dict(shallow.encoder.layers[0].state_dict())
            self.decoder.layers[n - 1 - layer].load_state_dict(shallow.decoder.layers[0].state_dict())
