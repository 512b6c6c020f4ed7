"""The plain autoencoder: encoder φ, decoder ψ, trained to give the input back.

Every other variant subclasses ``ModelConfig`` and ``Autoencoder`` and adds its own
term to ``objective``. Objectives are negative log-likelihoods per example (summed
over input dimensions, averaged over the batch) plus penalties:

* MSE is the Gaussian likelihood with unit variance: -log p(x|z) = ½‖x − x̂‖² + const.
* BCE is the Bernoulli likelihood: -log p(x|z) = −Σ x log x̂ + (1 − x) log(1 − x̂).

Reported metrics (``aecore.measure.metrics``) use the per-element mean instead, in data units.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import nn

from aecore.models.nets import ACTIVATIONS, MLP

MAX_WIDTH = 16384  # widest layer we accept; beyond it a CPU session runs out of memory
MAX_PARAMETERS = 60_000_000  # ~240 MB of float32 weights, times ~4 with Adam's state


INITS = ("glorot", "pytorch")  # weight initializations (see variants.reset_parameters)


@dataclass(frozen=True)
class ModelConfig:
    """Architecture of an MLP autoencoder; variant configs subclass it.

    ``hidden`` lists encoder widths between input and code; the decoder mirrors it.
    ``activation="linear"`` makes the whole network linear (code and output too):
    the case whose optimum spans the PCA subspace (Baldi & Hornik, 1989).
    """

    variant: str = field(default="ae", init=False)
    latent: int = 16
    hidden: tuple[int, ...] = (128,)
    activation: str = "relu"
    code_activation: str = "linear"  # nonlinearity on the code layer itself
    output: str = "auto"  # "auto" → sigmoid on [0, 1] data, identity otherwise; or an activation name
    loss: str = "mse"  # "mse" (Gaussian likelihood) or "bce" (Bernoulli likelihood)
    init: str = "glorot"  # "glorot": Glorot/He weights, zero biases; "pytorch": nn.Linear's default (reproductions)

    def __post_init__(self):
        object.__setattr__(self, "hidden", tuple(int(h) for h in self.hidden))
        if not 1 <= int(self.latent) <= MAX_WIDTH:
            raise ValueError(f"latent (code size) must be between 1 and {MAX_WIDTH}; got {self.latent}.")
        for h in self.hidden:
            if not 1 <= h <= MAX_WIDTH:
                raise ValueError(f"hidden sizes must be between 1 and {MAX_WIDTH}; got {list(self.hidden)}.")
        if len(self.hidden) > 8:
            raise ValueError(f"at most 8 hidden layers are supported; got {len(self.hidden)}.")
        for name in ("activation", "code_activation"):
            if getattr(self, name) not in ACTIVATIONS:
                raise ValueError(f"{name} must be one of {', '.join(ACTIVATIONS)}; got {getattr(self, name)!r}.")
        if self.output not in ("auto", "identity", *ACTIVATIONS):
            raise ValueError(f"output must be 'auto', 'identity' or one of {', '.join(ACTIVATIONS)}; got {self.output!r}.")
        if self.loss not in ("mse", "bce"):
            raise ValueError(f"loss must be 'mse' or 'bce'; got {self.loss!r}.")
        if self.init not in INITS:
            raise ValueError(f"init must be one of {', '.join(INITS)}; got {self.init!r}.")

    def resolved(self, unit_range: bool) -> ModelConfig:
        """Fix the data-dependent choices: output activation and the linear case."""
        cfg = self
        if self.activation == "linear":
            cfg = dataclasses.replace(cfg, code_activation="linear", output="identity")
        elif self.output == "auto":
            cfg = dataclasses.replace(cfg, output="sigmoid" if unit_range else "identity")
        if cfg.loss == "bce" and cfg.output != "sigmoid":
            raise ValueError(
                "loss='bce' needs outputs in (0, 1): it is the Bernoulli likelihood, which only fits "
                "data scaled to [0, 1] with a sigmoid output. Use loss='mse' for this data or network."
            )
        return cfg

    def to_dict(self) -> dict:
        """Plain-JSON form (tuples become lists)."""
        return dataclasses.asdict(self)


def count_parameters(sizes: list[int]) -> int:
    """Number of weights and biases of an MLP with the given layer widths."""
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


def check_size(cfg: ModelConfig, input_dim: int) -> None:
    """Refuse architectures too large to train here, with a specific message."""
    enc = [input_dim, *cfg.hidden, cfg.latent]
    n = 2 * count_parameters(enc)
    if n > MAX_PARAMETERS:
        raise ValueError(
            f"this architecture has {n:,} parameters (input {input_dim}, hidden {list(cfg.hidden)}, "
            f"code {cfg.latent}); the limit is {MAX_PARAMETERS:,}. Use a smaller code or hidden layers."
        )


def reconstruction_nll(x_hat: torch.Tensor, x: torch.Tensor, loss: str) -> torch.Tensor:
    """Negative log-likelihood of x under the decoder, per example, averaged over the batch.

    Args:
        x_hat: decoder output (B, D); probabilities for ``bce``.
        x: targets (B, D).
        loss: "mse" (Gaussian, unit variance, constant dropped) or "bce" (Bernoulli).
    Returns:
        Scalar, in nats per example.
    """
    if loss == "bce":
        return F.binary_cross_entropy(x_hat.clamp(1e-6, 1 - 1e-6), x, reduction="sum") / x.shape[0]
    return 0.5 * F.mse_loss(x_hat, x, reduction="sum") / x.shape[0]


class Autoencoder(nn.Module):
    """Plain MLP autoencoder x → z = φ(x) → x̂ = ψ(z)."""

    config_class = ModelConfig

    def __init__(self, cfg: ModelConfig, input_dim: int, unit_range: bool = True):
        super().__init__()
        cfg = cfg.resolved(unit_range)
        check_size(cfg, input_dim)
        self.cfg = cfg
        self.input_dim = input_dim
        self.unit_range = unit_range
        self.encoder = self.build_encoder()
        self.decoder = self.build_decoder()
        self.rng: torch.Generator | None = None  # set by the Trainer; noise in objectives draws from it

    def build_encoder(self) -> MLP:
        cfg = self.cfg
        sizes = [self.input_dim, *cfg.hidden, cfg.latent]
        return MLP(sizes, [cfg.activation] * len(cfg.hidden) + [cfg.code_activation])

    def build_decoder(self) -> MLP:
        cfg = self.cfg
        sizes = [cfg.latent, *reversed(cfg.hidden), self.input_dim]
        out = "linear" if cfg.output == "identity" else cfg.output
        return MLP(sizes, [cfg.activation] * len(cfg.hidden) + [out])

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        """Code z = φ(x), shape (B, latent)."""
        return self.encoder(x)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """Reconstruction x̂ = ψ(z), shape (B, D)."""
        return self.decoder(z)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decode(self.encode(x))

    def encoder_jacobian(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Code and its exact Jacobian dz/dx, shapes (B, k) and (B, k, D)."""
        return self.encoder.jacobian(x)

    def objective(self, x: torch.Tensor, progress: float = 0.0) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        """Training loss on a batch and its named parts (detached).

        Args:
            x: batch (B, D).
            progress: epochs completed so far (fractional); used by schedules such as KL warm-up.
        """
        recon = reconstruction_nll(self(x), x, self.cfg.loss)
        return recon, {"recon": recon.detach()}

    # Hyper-parameters that may change between steps of a running job (see Trainer.request).
    live_hparams: tuple[str, ...] = ()

    def set_hparams(self, **values: float) -> None:
        """Change live hyper-parameters (e.g. ρ, β, noise level) between steps."""
        for k, v in values.items():
            if k not in self.live_hparams:
                raise ValueError(f"{type(self).__name__} has no live setting {k!r}; it has {list(self.live_hparams)}.")
            setattr(self, k, float(v))
