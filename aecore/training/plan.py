"""The phases a fit trains, in order, with their epochs: the one place the stacked schedule lives.

A plain fit is one phase, ``"train"``, of ``TrainConfig.epochs``. A stacked fit (Bengio et al.
2007; Vincent et al. 2010) is greedy pretraining — one phase per layer, each ``epochs`` long —
then, when the data has labels and ``finetune_epochs > 0``, three supervised phases: a softmax
on the frozen codes, fine-tuning of every layer with it, and the same network from random
weights with the budget of both (the fair baseline). Each label budget n > 0 repeats the three
supervised phases on n labelled rows. ``Fit`` runs exactly these phases (names and epochs), and
a job's progress bar divides by ``planned_epochs``, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from aecore.models.stacked import StackedConfig

# The supervised phases of a stacked fit: (name, epochs in units of ``finetune_epochs``).
# Scratch gets both budgets (softmax + fine-tuning), so that it is not handicapped.
SUPERVISED = (("softmax on frozen codes", 1), ("finetune", 1), ("from scratch", 2))


@dataclass(frozen=True)
class Phase:
    """One stage of a fit: ``name`` is what its ``StepEvent.phase`` and history rows say."""

    name: str
    epochs: int


def layer_phase(layer: int, epochs: int) -> Phase:
    """Greedy pretraining of layer ``layer`` (0-based), named from 1."""
    return Phase(f"layer {layer + 1}", epochs)


def budget_tag(n: int) -> str:
    """The prefix of a label budget's phases and metric keys, e.g. ``"labels 20: "``."""
    return f"labels {n}: "


def supervised_phases(finetune_epochs: int, tag: str = "") -> tuple[Phase, Phase, Phase]:
    """Softmax on frozen codes, fine-tuning, from scratch; ``tag`` prefixes the names (a label budget)."""
    frozen, tune, scratch = (Phase(f"{tag}{name}", k * finetune_epochs) for name, k in SUPERVISED)
    return frozen, tune, scratch


def phases(spec, labelled: bool = True) -> tuple[Phase, ...]:
    """Every phase ``spec`` (a FitSpec) trains, in order; ``labelled=False``: data without labels."""
    m, epochs = spec.model, spec.train.epochs
    if not isinstance(m, StackedConfig):
        return (Phase("train", epochs),)
    out = [layer_phase(i, epochs) for i in range(len(m.sizes))]
    if labelled and m.finetune_epochs:
        out += supervised_phases(m.finetune_epochs)
        for n in m.label_budgets:
            if n > 0:  # budget 0 (all labels) is the run's own supervised phases
                out += supervised_phases(m.finetune_epochs, budget_tag(n))
    return tuple(out)


def planned_epochs(spec, labelled: bool = True) -> int:
    """Epochs ``spec`` trains in total, across all its phases (a progress bar's denominator)."""
    return sum(p.epochs for p in phases(spec, labelled))
