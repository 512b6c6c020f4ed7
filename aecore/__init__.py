"""aecore — the PyTorch core of Diabolo: data, autoencoder variants, trainer, metrics, runs.

It never imports Streamlit: the app in ``app.py``/``pages/`` is one consumer, the CLI
(``python -m aecore``) another.
"""

from aecore.data.registry import DataConfig, Dataset, DataUnavailableError, dataset_names, load_dataset
from aecore.models.base import Autoencoder, ModelConfig
from aecore.models.contractive import ContractiveAE, ContractiveConfig
from aecore.models.denoising import DenoisingAE, DenoisingConfig
from aecore.models.registry import VARIANTS, build_model, config_from_dict, variant
from aecore.models.sparse import SparseAE, SparseConfig
from aecore.models.stacked import StackedAE, StackedConfig
from aecore.models.vae import VAE, VAEConfig
from aecore.training.fit import Fit, FitResult, FitSpec, fit
from aecore.training.trainer import EpochEvent, StepEvent, TrainConfig, Trainer, TrainResult

__all__ = [
    "VAE", "VARIANTS", "Autoencoder", "ContractiveAE", "ContractiveConfig", "DataConfig", "DataUnavailableError",
    "Dataset", "DenoisingAE", "DenoisingConfig", "EpochEvent", "Fit", "FitResult", "FitSpec", "ModelConfig",
    "SparseAE", "SparseConfig", "StackedAE", "StackedConfig", "StepEvent", "TrainConfig", "TrainResult", "Trainer",
    "VAEConfig", "build_model", "config_from_dict", "dataset_names", "fit", "load_dataset", "variant",
]
