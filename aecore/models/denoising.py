"""Denoising autoencoder: reconstruct the clean x from a corrupted x̃ ~ p(x̃|x).

Vincent et al., "Extracting and composing robust features with denoising autoencoders"
(ICML 2008). Objective: NLL(x, ψ(φ(x̃))) — the target is always the clean input.
For small Gaussian noise, r(x̃) − x̃ ≈ σ² ∇ log p(x̃): the reconstruction points along the
data's score (Alain & Bengio, 2014).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from aecore.models.base import Autoencoder, ModelConfig, reconstruction_nll

NOISE_TYPES = ("gaussian", "masking", "salt-pepper")


@dataclass(frozen=True)
class DenoisingConfig(ModelConfig):
    variant: str = field(default="denoising", init=False)
    noise: str = "gaussian"  # corruption process p(x̃|x)
    noise_level: float = 0.3  # σ for gaussian; fraction of inputs hit for masking / salt-pepper

    def __post_init__(self):
        super().__post_init__()
        if self.noise not in NOISE_TYPES:
            raise ValueError(f"noise must be one of {', '.join(NOISE_TYPES)}; got {self.noise!r}.")
        check_noise_level(self.noise, self.noise_level)


def check_noise_level(noise: str, level: float) -> None:
    """Raise ValueError unless ``level`` is valid for the corruption ``noise``."""
    high = 5.0 if noise == "gaussian" else 1.0
    if not 0 <= float(level) <= high:
        raise ValueError(f"noise_level for {noise} noise must be between 0 and {high}; got {level}.")


def corrupt(
    x: torch.Tensor, noise: str, level: float, generator: torch.Generator | None = None,
    low: float = 0.0, high: float = 1.0,
) -> torch.Tensor:
    """Draw x̃ ~ p(x̃|x).

    Args:
        x: clean batch (B, D).
        noise: "gaussian" (x + σε), "masking" (each input zeroed with probability ``level``)
            or "salt-pepper" (each input set to ``low`` or ``high`` with probability ``level``).
        level: σ or the corruption probability.
        generator: optional RNG for reproducible corruption.
        low, high: the pepper and salt values (the data's range).
    Returns:
        x̃, same shape as x.
    """
    if noise == "gaussian":
        return x + level * torch.randn(x.shape, generator=generator, device=x.device, dtype=x.dtype)
    u = torch.rand(x.shape, generator=generator, device=x.device, dtype=x.dtype)
    if noise == "masking":
        return x * (u >= level)
    if noise == "salt-pepper":
        salt = torch.rand(x.shape, generator=generator, device=x.device, dtype=x.dtype) < 0.5
        value = torch.where(salt, torch.full_like(x, high), torch.full_like(x, low))
        return torch.where(u < level, value, x)
    raise ValueError(f"noise must be one of {', '.join(NOISE_TYPES)}; got {noise!r}.")


class DenoisingAE(Autoencoder):
    """Autoencoder trained to undo a corruption process."""

    config_class = DenoisingConfig
    live_hparams = ("noise_level",)

    def __init__(self, cfg: DenoisingConfig, input_dim: int, unit_range: bool = True):
        super().__init__(cfg, input_dim, unit_range)
        self.noise_level = cfg.noise_level

    def set_hparams(self, **values: float) -> None:
        if "noise_level" in values:
            check_noise_level(self.cfg.noise, values["noise_level"])
        super().set_hparams(**values)

    def corrupt(self, x: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        """x̃ ~ p(x̃|x) with this model's noise type and current level."""
        low, high = (0.0, 1.0) if self.unit_range else (float(x.min()), float(x.max()))
        return corrupt(x, self.cfg.noise, self.noise_level, generator or self.rng, low, high)

    def objective(self, x, progress=0.0):
        recon = reconstruction_nll(self(self.corrupt(x)), x, self.cfg.loss)
        return recon, {"recon": recon.detach()}
