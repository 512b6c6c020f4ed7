"""Sparse autoencoder: a penalty that keeps each code unit's mean activation near ρ.

Objective (Ng, "Sparse autoencoder", CS294A notes / UFLDL):
    NLL(x, x̂) + β Σⱼ KL(ρ ‖ ρ̂ⱼ),   ρ̂ⱼ = mean over the batch of hⱼ(x),
    KL(ρ ‖ ρ̂) = ρ log(ρ/ρ̂) + (1 − ρ) log((1 − ρ)/(1 − ρ̂)).
The alternative ``penalty="l1"`` uses β · mean over the batch of Σⱼ |hⱼ|.
The code layer is sigmoid so that ρ̂ⱼ is a firing probability in (0, 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from aecore.models.base import Autoencoder, ModelConfig, reconstruction_nll


@dataclass(frozen=True)
class SparseConfig(ModelConfig):
    variant: str = field(default="sparse", init=False)
    code_activation: str = "sigmoid"
    rho: float = 0.05  # target mean activation of each code unit
    beta: float = 3.0  # weight of the sparsity penalty
    penalty: str = "kl"  # "kl" (KL(ρ‖ρ̂ⱼ) summed over units) or "l1" (activity L1)

    def __post_init__(self):
        super().__post_init__()
        if not 0 < self.rho < 1:
            raise ValueError(f"rho (target activation) must lie strictly between 0 and 1; got {self.rho}.")
        if not 0 <= self.beta <= 1000:
            raise ValueError(f"beta (sparsity weight) must be between 0 and 1000; got {self.beta}.")
        if self.penalty not in ("kl", "l1"):
            raise ValueError(f"penalty must be 'kl' or 'l1'; got {self.penalty!r}.")
        if self.penalty == "kl" and self.code_activation != "sigmoid":
            raise ValueError(
                "the KL sparsity penalty needs sigmoid code units (ρ̂ is a firing probability); "
                f"got code_activation={self.code_activation!r}. Use penalty='l1' for other units."
            )


def kl_sparsity(rho: float, rho_hat: torch.Tensor) -> torch.Tensor:
    """Σⱼ KL(ρ ‖ ρ̂ⱼ) between Bernoulli means, in nats.

    Args:
        rho: target activation in (0, 1).
        rho_hat: mean activations, shape (H,), values in (0, 1).
    """
    rho_hat = rho_hat.clamp(1e-6, 1 - 1e-6)
    return (rho * torch.log(rho / rho_hat) + (1 - rho) * torch.log((1 - rho) / (1 - rho_hat))).sum()


class SparseAE(Autoencoder):
    """Autoencoder whose code units are pushed to fire rarely."""

    config_class = SparseConfig
    live_hparams = ("rho", "beta")

    def __init__(self, cfg: SparseConfig, input_dim: int, unit_range: bool = True):
        super().__init__(cfg, input_dim, unit_range)
        self.rho = cfg.rho
        self.beta = cfg.beta

    def set_hparams(self, **values: float) -> None:
        if "rho" in values and not 0 < float(values["rho"]) < 1:
            raise ValueError(f"rho must lie strictly between 0 and 1; got {values['rho']}.")
        super().set_hparams(**values)

    def objective(self, x, progress=0.0):
        h = self.encode(x)  # (B, H)
        recon = reconstruction_nll(self.decode(h), x, self.cfg.loss)
        if self.cfg.penalty == "kl":
            penalty = kl_sparsity(self.rho, h.mean(0))
        else:
            penalty = h.abs().sum(1).mean()
        loss = recon + self.beta * penalty
        return loss, {"recon": recon.detach(), "sparsity": penalty.detach()}
