"""Registry: a variant's name → its config class, model class and training defaults.

Pages, the CLI, the run store and the tests all go through this table, so adding a
variant means adding one row here (and, to draw it, a colour and a label in
``aecore.plots.common``: how a variant looks is the plots' business, not the models').
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import torch
from torch import nn

from aecore.models.base import Autoencoder, ModelConfig
from aecore.models.contractive import ContractiveAE, ContractiveConfig
from aecore.models.denoising import DenoisingAE, DenoisingConfig
from aecore.models.nets import MLP
from aecore.models.sparse import SparseAE, SparseConfig
from aecore.models.stacked import StackedAE, StackedConfig
from aecore.models.vae import VAE, VAEConfig


@dataclass(frozen=True)
class Variant:
    name: str
    config_class: type[ModelConfig]
    model_class: type[Autoencoder]
    # TrainConfig fields whose shared default does not suit this variant (the CLI applies them
    # unless given; the pages set their own defaults in the panel).
    train_defaults: dict = field(default_factory=dict)


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("ae", ModelConfig, Autoencoder),
        Variant("sparse", SparseConfig, SparseAE),
        Variant("denoising", DenoisingConfig, DenoisingAE),
        Variant("contractive", ContractiveConfig, ContractiveAE),
        Variant("vae", VAEConfig, VAE),
        # Sigmoid stacks with Adam at 1e-3 are undertrained after the default 20 + 10 + 10 epochs on
        # digits (frozen codes 66 %, fine-tuned 87 %, below a logistic regression on the pixels);
        # at 1e-2 they reach 95 / 97 % (bench/stacked_labels.py, "defaults").
        Variant("stacked", StackedConfig, StackedAE, {"lr": 1e-2}),
    )
}


def variant(name: str) -> Variant:
    """The registry row for ``name``, or a ValueError listing the valid names."""
    try:
        return VARIANTS[name]
    except KeyError:
        raise ValueError(f"variant must be one of {', '.join(VARIANTS)}; got {name!r}.") from None


def config_from_dict(d: dict) -> ModelConfig:
    """Rebuild a model config from its ``to_dict`` form; unknown keys are an error."""
    if not isinstance(d, dict) or "variant" not in d:
        raise ValueError("a model config must be a JSON object with a 'variant' field.")
    cls = variant(d["variant"]).config_class
    names = {f.name for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(d) - names - {"variant"})
    if unknown:
        raise ValueError(f"unknown setting(s) for variant {d['variant']!r}: {', '.join(unknown)}.")
    kwargs = {k: (tuple(v) if isinstance(v, list) else v) for k, v in d.items() if k in names}
    try:
        return cls(**kwargs)
    except TypeError as e:
        raise ValueError(f"invalid model config: {e}") from None


def reset_parameters(model: nn.Module, seed: int, scheme: str = "glorot") -> nn.Module:
    """Initialize every Linear layer from a private seeded RNG.

    ``"glorot"`` (default): weights uniform in ±√(6 / (fan_in + fan_out)) (Glorot & Bengio, 2010),
    the scheme of the classic autoencoder exercises, and ±√(6 / fan_in) (He et al., 2015) for layers
    followed by a ReLU; biases zero. Zero biases matter for sparse codes: with random ones most
    units start in the all-silent basin that the KL penalty then locks in.
    ``"pytorch"``: ``nn.Linear``'s own default, weights and biases uniform in ±1/√fan_in — for
    reproducing results published with PyTorch code (the VAE of pytorch/examples trains ~1 nat
    better by epoch 7 with it).
    The global RNG is shared by every training thread, so seeding it would not make concurrent
    jobs reproducible: hence the private generator.
    """
    g = torch.Generator().manual_seed(seed)
    relu_layers = {id(layer) for mlp in model.modules() if isinstance(mlp, MLP)
                   for layer, act in zip(mlp.layers, mlp.activation_names, strict=True) if act == "relu"}
    with torch.no_grad():
        for m in model.modules():
            if not isinstance(m, nn.Linear):
                continue
            if scheme == "pytorch":
                bound = 1 / math.sqrt(m.in_features)
                nn.init.uniform_(m.weight, -bound, bound, generator=g)
                if m.bias is not None:
                    nn.init.uniform_(m.bias, -bound, bound, generator=g)
                continue
            if id(m) in relu_layers:
                bound = math.sqrt(6 / m.in_features)
            else:
                bound = math.sqrt(6 / (m.in_features + m.out_features))
            nn.init.uniform_(m.weight, -bound, bound, generator=g)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
    return model


def build_model(cfg: ModelConfig, input_dim: int, unit_range: bool = True, seed: int = 0,
                n_classes: int = 0) -> Autoencoder:
    """Instantiate the model for ``cfg`` on data of width ``input_dim``, seeded."""
    if not 1 <= int(input_dim) <= 1_000_000:
        raise ValueError(f"input width must be between 1 and 1,000,000; got {input_dim}.")
    cls = variant(cfg.variant).model_class
    kwargs = {"n_classes": n_classes} if cls is StackedAE else {}
    return reset_parameters(cls(cfg, input_dim, unit_range, **kwargs), seed, cfg.init)
