"""aecore — the PyTorch core of Diabolo: data, autoencoder variants, trainer, metrics, runs.

It never imports Streamlit: the app in ``app.py``/``pages/`` is one consumer, the CLI
(``python -m aecore``) another.
"""

from .ae import Autoencoder, ModelConfig
from .contractive import ContractiveAE, ContractiveConfig
from .data import DataConfig, Dataset, DataUnavailableError, dataset_names, load_dataset
from .denoising import DenoisingAE, DenoisingConfig
from .fit import Fit, FitResult, FitSpec, fit
from .sparse import SparseAE, SparseConfig
from .stacked import StackedAE, StackedConfig
from .trainer import EpochEvent, StepEvent, TrainConfig, Trainer, TrainResult
from .vae import VAE, VAEConfig
from .variants import VARIANTS, build_model, config_from_dict, variant

__all__ = [
    "VAE", "VARIANTS", "Autoencoder", "ContractiveAE", "ContractiveConfig", "DataConfig", "DataUnavailableError",
    "Dataset", "DenoisingAE", "DenoisingConfig", "EpochEvent", "Fit", "FitResult", "FitSpec", "ModelConfig",
    "SparseAE", "SparseConfig", "StackedAE", "StackedConfig", "StepEvent", "TrainConfig", "TrainResult", "Trainer",
    "VAEConfig", "build_model", "config_from_dict", "dataset_names", "fit", "load_dataset", "variant",
]
