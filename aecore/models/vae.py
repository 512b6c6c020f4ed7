"""Variational autoencoder: a Gaussian code with a KL pull toward the prior N(0, I).

Kingma & Welling, "Auto-Encoding Variational Bayes" (ICLR 2014). Per example,
    −ELBO = E_q[−log p(x|z)] + β · KL(q(z|x) ‖ N(0, I)),
    KL = −½ Σⱼ (1 + log σⱼ² − μⱼ² − σⱼ²)   (closed form, Appendix B of the paper),
with z = μ + σ ⊙ ε (reparameterization). β = 1 gives the true ELBO in nats;
KL warm-up ramps β linearly from 0 over ``warmup_epochs``.
The decoder is Bernoulli (sigmoid means, data in [0, 1]) or Gaussian with one learned
log σ shared by all pixels, so both give proper log-likelihoods.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch
from torch import nn

from aecore.models.base import Autoencoder, ModelConfig
from aecore.models.nets import MLP

LOG_2PI = math.log(2 * math.pi)


@dataclass(frozen=True)
class VAEConfig(ModelConfig):
    variant: str = field(default="vae", init=False)
    latent: int = 2
    hidden: tuple[int, ...] = (256,)
    decoder: str = "bernoulli"  # likelihood p(x|z): "bernoulli" or "gaussian"
    beta: float = 1.0  # weight of the KL term (β-VAE); 1 is the ELBO
    warmup_epochs: float = 0.0  # KL weight ramps from 0 to β over this many epochs

    def __post_init__(self):
        super().__post_init__()
        if self.decoder not in ("bernoulli", "gaussian"):
            raise ValueError(f"decoder must be 'bernoulli' or 'gaussian'; got {self.decoder!r}.")
        if not 0 <= self.beta <= 100:
            raise ValueError(f"beta (KL weight) must be between 0 and 100; got {self.beta}.")
        if not 0 <= self.warmup_epochs <= 10000:
            raise ValueError(f"warmup_epochs must be between 0 and 10000; got {self.warmup_epochs}.")

    def resolved(self, unit_range: bool) -> VAEConfig:
        import dataclasses

        if self.decoder == "bernoulli" and not unit_range:
            raise ValueError(
                "a Bernoulli decoder needs data in [0, 1]; this data set is standardized. "
                "Choose decoder='gaussian'."
            )
        out = "sigmoid" if self.decoder == "bernoulli" else "identity"
        loss = "bce" if self.decoder == "bernoulli" else "mse"
        return dataclasses.replace(self, output=out, loss=loss, code_activation="linear")


def gaussian_kl(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(N(μ, σ²) ‖ N(0, 1)) per example and latent dimension, shape like mu."""
    return -0.5 * (1 + logvar - mu.pow(2) - logvar.exp())


class VAE(Autoencoder):
    """Gaussian-encoder VAE; ``encode`` returns the posterior mean μ."""

    config_class = VAEConfig
    live_hparams = ("beta",)

    def __init__(self, cfg: VAEConfig, input_dim: int, unit_range: bool = True):
        super().__init__(cfg, input_dim, unit_range)
        self.beta = cfg.beta
        # log σ of the Gaussian decoder, shared by all pixels; unused for Bernoulli.
        self.log_sigma = nn.Parameter(torch.zeros(())) if self.cfg.decoder == "gaussian" else None

    def build_encoder(self) -> MLP:
        cfg = self.cfg
        sizes = [self.input_dim, *cfg.hidden, 2 * cfg.latent]  # μ and log σ² side by side
        return MLP(sizes, [cfg.activation] * len(cfg.hidden) + ["linear"])

    def posterior(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """μ and log σ² of q(z|x), each (B, latent)."""
        mu, logvar = self.encoder(x).chunk(2, dim=1)
        return mu, logvar.clamp(-30, 20)

    def encode(self, x):
        return self.posterior(x)[0]

    def encoder_jacobian(self, x):
        out, jac = self.encoder.jacobian(x)
        k = self.cfg.latent
        return out[:, :k], jac[:, :k]

    def reparameterize(self, mu, logvar, generator=None):
        """z = μ + σ ⊙ ε with ε ~ N(0, I), (B, latent)."""
        eps = torch.randn(mu.shape, generator=generator or self.rng, device=mu.device, dtype=mu.dtype)
        return mu + eps * torch.exp(0.5 * logvar)

    def log_likelihood(self, x_hat: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        """log p(x|z) per example (B,), in nats, for decoder output x̂ (B, D)."""
        if self.cfg.decoder == "bernoulli":
            p = x_hat.clamp(1e-6, 1 - 1e-6)
            return (x * p.log() + (1 - x) * (1 - p).log()).sum(1)
        ls = self.log_sigma
        return (-0.5 * ((x - x_hat) / ls.exp()).pow(2) - ls - 0.5 * LOG_2PI).sum(1)

    def kl_weight(self, progress: float) -> float:
        """β, ramped from 0 during KL warm-up."""
        w = self.cfg.warmup_epochs
        return self.beta * (min(1.0, progress / w) if w > 0 else 1.0)

    def objective(self, x, progress=0.0):
        mu, logvar = self.posterior(x)
        z = self.reparameterize(mu, logvar)
        recon = -self.log_likelihood(self.decode(z), x).mean()
        kl = gaussian_kl(mu, logvar).sum(1).mean()
        loss = recon + self.kl_weight(progress) * kl
        return loss, {"recon": recon.detach(), "kl": kl.detach(), "neg_elbo": (recon + kl).detach()}

    @torch.no_grad()
    def elbo_parts(self, x: torch.Tensor, generator=None) -> dict[str, torch.Tensor]:
        """Reconstruction NLL (B,), KL (B,), and KL per latent dimension (B, latent), one z sample."""
        mu, logvar = self.posterior(x)
        z = self.reparameterize(mu, logvar, generator)
        kl_dim = gaussian_kl(mu, logvar)
        return {"recon": -self.log_likelihood(self.decode(z), x), "kl": kl_dim.sum(1), "kl_per_dim": kl_dim}

    @torch.no_grad()
    def importance_weighted_log_likelihood(self, x: torch.Tensor, k: int = 100, generator=None) -> torch.Tensor:
        """IWAE estimate of log p(x) with k samples per example (Burda et al., 2016), (B,) nats.

        log p(x) ≈ logsumexp_i [log p(x|zᵢ) + log p(zᵢ) − log q(zᵢ|x)] − log k, zᵢ ~ q(z|x).
        A lower bound that tightens as k grows.
        """
        mu, logvar = self.posterior(x)
        std = torch.exp(0.5 * logvar)
        terms = []
        for _ in range(k):
            eps = torch.randn(mu.shape, generator=generator, device=mu.device, dtype=mu.dtype)
            z = mu + std * eps
            log_pz = (-0.5 * z.pow(2) - 0.5 * LOG_2PI).sum(1)
            log_qz = (-0.5 * eps.pow(2) - 0.5 * logvar - 0.5 * LOG_2PI).sum(1)
            terms.append(self.log_likelihood(self.decode(z), x) + log_pz - log_qz)
        return torch.logsumexp(torch.stack(terms), 0) - math.log(k)

    @torch.no_grad()
    def sample(self, n: int, generator=None) -> torch.Tensor:
        """Decoder means for n codes drawn from the prior, (n, D)."""
        p = next(self.parameters())
        z = torch.randn((n, self.cfg.latent), generator=generator, device=p.device, dtype=p.dtype)
        return self.decode(z)
