"""Contractive autoencoder: penalize the encoder's sensitivity to its input.

Rifai et al., "Contractive auto-encoders" (ICML 2011). Objective:
    NLL(x, x̂) + λ ‖J_f(x)‖²_F,   J_f(x) = ∂h/∂x  (shape k × D).
For one sigmoid layer h = σ(Wx + b) the norm has the closed form
    ‖J‖²_F = Σⱼ (hⱼ(1 − hⱼ))² Σᵢ Wⱼᵢ²,
used here. Deeper encoders use the exact Jacobian, J = diag(a_L') W_L ⋯ diag(a_1') W_1,
formed batched by ``MLP.jacobian`` (no estimator, so no variance).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from aecore.models.base import Autoencoder, ModelConfig, reconstruction_nll


@dataclass(frozen=True)
class ContractiveConfig(ModelConfig):
    variant: str = field(default="contractive", init=False)
    code_activation: str = "sigmoid"
    lam: float = 0.1  # λ, weight of ‖J_f(x)‖²_F

    def __post_init__(self):
        super().__post_init__()
        if not 0 <= self.lam <= 1000:
            raise ValueError(f"lam (contractive weight λ) must be between 0 and 1000; got {self.lam}.")


def jacobian_frobenius_sq(model: Autoencoder, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Code h (B, k) and ‖J_f(x)‖²_F per example (B,), exactly."""
    enc = model.encoder
    if len(enc.layers) == 1 and enc.activation_names[0] == "sigmoid":
        h = enc(x)
        w_sq = enc.layers[0].weight.pow(2).sum(1)  # (k,)
        return h, (h * (1 - h)).pow(2) @ w_sq
    h, jac = enc.jacobian(x)
    return h, jac.pow(2).sum((1, 2))


class ContractiveAE(Autoencoder):
    """Autoencoder whose code changes little when the input moves off the data."""

    config_class = ContractiveConfig
    live_hparams = ("lam",)

    def __init__(self, cfg: ContractiveConfig, input_dim: int, unit_range: bool = True):
        super().__init__(cfg, input_dim, unit_range)
        self.lam = cfg.lam

    def objective(self, x, progress=0.0):
        h, jf2 = jacobian_frobenius_sq(self, x)
        recon = reconstruction_nll(self.decode(h), x, self.cfg.loss)
        penalty = jf2.mean()
        return recon + self.lam * penalty, {"recon": recon.detach(), "contraction": penalty.detach()}
