"""Multilayer perceptrons: the encoder and decoder bodies every variant shares."""

from __future__ import annotations

import torch
from torch import nn

ACTIVATIONS = ("relu", "sigmoid", "tanh", "linear")


def activation_module(name: str) -> nn.Module:
    """Return the activation layer called ``name`` (one of ``ACTIVATIONS``)."""
    if name == "relu":
        return nn.ReLU()
    if name == "sigmoid":
        return nn.Sigmoid()
    if name == "tanh":
        return nn.Tanh()
    if name == "linear":
        return nn.Identity()
    raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}; got {name!r}.")


def activation_derivative(name: str, pre: torch.Tensor, post: torch.Tensor) -> torch.Tensor:
    """Elementwise derivative a'(pre) of an activation, reusing its output ``post``.

    Args:
        name: activation name.
        pre: pre-activation, shape (B, H).
        post: a(pre), shape (B, H).
    """
    if name == "relu":
        return (pre > 0).to(pre.dtype)
    if name == "sigmoid":
        return post * (1 - post)
    if name == "tanh":
        return 1 - post * post
    if name == "linear":
        return torch.ones_like(pre)
    raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}; got {name!r}.")


class MLP(nn.Module):
    """Stack of affine layers; ``activations[i]`` follows layer i.

    Keeps pre-activations reachable (``forward_with_trace``) so that exact Jacobians
    of the map can be formed without autograd (see ``aecore.models.contractive``).
    """

    def __init__(self, sizes: list[int], activations: list[str]):
        super().__init__()
        if len(activations) != len(sizes) - 1:
            raise ValueError("MLP needs one activation per layer.")
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:], strict=True))
        self.activation_names = list(activations)
        self.acts = nn.ModuleList(activation_module(a) for a in activations)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer, act in zip(self.layers, self.acts, strict=True):
            x = act(layer(x))
        return x

    def forward_with_trace(self, x: torch.Tensor) -> tuple[torch.Tensor, list[tuple[torch.Tensor, torch.Tensor]]]:
        """Run the MLP and return the output and every layer's (pre, post) activations."""
        trace = []
        for layer, act in zip(self.layers, self.acts, strict=True):
            pre = layer(x)
            x = act(pre)
            trace.append((pre, x))
        return x, trace

    def jacobian(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Exact per-sample Jacobian of the output with respect to the input.

        J = diag(a_L') W_L ... diag(a_1') W_1, multiplied from the output side so that the
        running product stays (B, k, h) with k the (small) output width.

        Args:
            x: inputs, shape (B, D).
        Returns:
            (output (B, k), J (B, k, D)). Differentiable, so it can sit inside a loss.
        """
        out, trace = self.forward_with_trace(x)
        jac = None
        for layer, name, (pre, post) in reversed(list(zip(self.layers, self.activation_names, trace, strict=True))):
            d = activation_derivative(name, pre, post)  # (B, h_out)
            if jac is None:
                jac = d.unsqueeze(2) * layer.weight.unsqueeze(0)  # (B, k, h_in)
            else:
                jac = (jac * d.unsqueeze(1)) @ layer.weight  # (B, k, h_out) @ (h_out, h_in)
        return out, jac
