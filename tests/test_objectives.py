"""Every objective against hand-computed values, closed forms or autograd."""

import math

import numpy as np
import pytest
import torch
from torch.autograd.functional import jacobian

from aecore import ContractiveConfig, ModelConfig, SparseConfig, VAEConfig, build_model
from aecore.models.base import reconstruction_nll
from aecore.models.contractive import jacobian_frobenius_sq
from aecore.models.denoising import corrupt
from aecore.models.nets import MLP
from aecore.models.sparse import kl_sparsity
from aecore.models.vae import gaussian_kl


def test_mse_nll_by_hand():
    x = torch.tensor([[1.0, 0.0], [0.5, 0.5]])
    x_hat = torch.tensor([[0.5, 0.0], [0.5, 1.5]])
    # ½ Σ (x − x̂)² per example: ½·0.25 and ½·1 → mean 0.625 / 1
    assert reconstruction_nll(x_hat, x, "mse").item() == pytest.approx((0.125 + 0.5) / 2)


def test_bce_nll_by_hand():
    x = torch.tensor([[1.0, 0.0]])
    x_hat = torch.tensor([[0.8, 0.4]])
    expected = -(math.log(0.8) + math.log(0.6))
    assert reconstruction_nll(x_hat, x, "bce").item() == pytest.approx(expected, rel=1e-6)


def test_kl_sparsity_by_hand():
    rho, rho_hat = 0.05, torch.tensor([0.05, 0.2])
    expected = 0.05 * math.log(0.05 / 0.2) + 0.95 * math.log(0.95 / 0.8)
    assert kl_sparsity(rho, rho_hat).item() == pytest.approx(expected, rel=1e-6)
    assert kl_sparsity(rho, torch.full((4,), rho)).item() == pytest.approx(0.0, abs=1e-9)


def test_kl_sparsity_gradcheck():
    rho_hat = torch.tensor([0.1, 0.3, 0.7], dtype=torch.double, requires_grad=True)
    assert torch.autograd.gradcheck(lambda r: kl_sparsity(0.05, r), (rho_hat,))


def test_gaussian_kl_matches_torch_distributions():
    mu = torch.tensor([[0.3, -1.2], [2.0, 0.0]])
    logvar = torch.tensor([[0.1, -0.5], [1.0, 0.0]])
    q = torch.distributions.Normal(mu, torch.exp(0.5 * logvar))
    p = torch.distributions.Normal(torch.zeros(2, 2), torch.ones(2, 2))
    torch.testing.assert_close(gaussian_kl(mu, logvar), torch.distributions.kl_divergence(q, p))
    assert gaussian_kl(torch.zeros(3), torch.zeros(3)).abs().max() == 0


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh", "linear"])
def test_mlp_jacobian_matches_autograd(activation):
    torch.manual_seed(0)
    mlp = MLP([5, 7, 4, 3], [activation, activation, "sigmoid"]).double()
    x = torch.randn(6, 5, dtype=torch.double)
    _, jac = mlp.jacobian(x)
    for i in range(len(x)):
        exact = jacobian(mlp, x[i:i + 1]).squeeze(0).squeeze(1)  # (3, 5)
        torch.testing.assert_close(jac[i], exact)


def test_contractive_closed_form_matches_autograd():
    model = build_model(ContractiveConfig(latent=4, hidden=()), 6, seed=1).double()
    x = torch.rand(5, 6, dtype=torch.double)
    _, jf2 = jacobian_frobenius_sq(model, x)
    for i in range(5):
        j = jacobian(model.encode, x[i:i + 1]).squeeze(0).squeeze(1)
        assert jf2[i].item() == pytest.approx(j.pow(2).sum().item(), rel=1e-10)


def test_contractive_deep_matches_autograd():
    model = build_model(ContractiveConfig(latent=3, hidden=(5,)), 4, seed=2).double()
    x = torch.rand(3, 4, dtype=torch.double)
    _, jf2 = jacobian_frobenius_sq(model, x)
    for i in range(3):
        j = jacobian(model.encode, x[i:i + 1]).squeeze(0).squeeze(1)
        assert jf2[i].item() == pytest.approx(j.pow(2).sum().item(), rel=1e-10)


def test_contractive_penalty_gradcheck():
    model = build_model(ContractiveConfig(latent=2, hidden=(3,)), 3, seed=0).double()
    x = torch.rand(4, 3, dtype=torch.double)
    w = model.encoder.layers[0].weight

    def penalty(weight):
        with torch.no_grad():
            w.copy_(weight)
        return jacobian_frobenius_sq(model, x)[1].sum()

    # gradient of the penalty w.r.t. the first layer weights, by autograd vs finite differences
    w0 = w.detach().clone()
    model.zero_grad()
    jacobian_frobenius_sq(model, x)[1].sum().backward()
    analytic = w.grad.clone()
    numeric = torch.zeros_like(w0)
    eps = 1e-6
    for idx in np.ndindex(*w0.shape):
        plus, minus = w0.clone(), w0.clone()
        plus[idx] += eps
        minus[idx] -= eps
        numeric[idx] = (penalty(plus) - penalty(minus)) / (2 * eps)
    torch.testing.assert_close(analytic, numeric, rtol=1e-5, atol=1e-7)


def test_sparse_objective_adds_beta_times_kl():
    model = build_model(SparseConfig(latent=3, hidden=(), rho=0.1, beta=2.0), 4, seed=0)
    x = torch.rand(10, 4)
    loss, parts = model.objective(x)
    h = model.encode(x)
    expected = reconstruction_nll(model.decode(h), x, "mse") + 2.0 * kl_sparsity(0.1, h.mean(0))
    assert loss.item() == pytest.approx(expected.item(), rel=1e-6)
    model.set_hparams(beta=0.0)
    assert model.objective(x)[0].item() == pytest.approx(parts["recon"].item(), rel=1e-6)


def test_vae_elbo_is_recon_plus_kl_and_iwae_is_tighter():
    torch.manual_seed(0)
    model = build_model(VAEConfig(latent=2, hidden=(8,)), 6, seed=0)
    model.rng = torch.Generator().manual_seed(0)
    x = torch.rand(50, 6).round()
    _, parts = model.objective(x)
    assert parts["neg_elbo"].item() == pytest.approx((parts["recon"] + parts["kl"]).item(), rel=1e-6)
    assert parts["kl"].item() >= 0
    g = torch.Generator().manual_seed(1)
    elbo = -(model.elbo_parts(x, g)["recon"] + model.elbo_parts(x, g)["kl"]).mean()
    iw = model.importance_weighted_log_likelihood(x, k=200, generator=g).mean()
    assert iw.item() >= elbo.item() - 0.05  # log p(x) ≥ IWAE_k ≥ ELBO, up to sampling noise


def test_vae_gaussian_decoder_log_likelihood_by_hand():
    model = build_model(VAEConfig(latent=2, hidden=(4,), decoder="gaussian"), 3, unit_range=False, seed=0)
    with torch.no_grad():
        model.log_sigma.fill_(math.log(0.5))
    x, x_hat = torch.tensor([[1.0, 0.0, 2.0]]), torch.tensor([[0.5, 0.0, 2.0]])
    expected = -0.5 * (0.5 / 0.5) ** 2 - 3 * math.log(0.5) - 1.5 * math.log(2 * math.pi)
    assert model.log_likelihood(x_hat, x).item() == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize(("noise", "level"), [("masking", 0.3), ("salt-pepper", 0.2)])
def test_corruption_hits_the_requested_fraction(noise, level):
    x = torch.full((200, 100), 0.5)
    g = torch.Generator().manual_seed(0)
    x_tilde = corrupt(x, noise, level, g)
    assert (x_tilde != x).float().mean().item() == pytest.approx(level, abs=0.01)


def test_gaussian_corruption_has_requested_sigma():
    x = torch.zeros(400, 100)
    x_tilde = corrupt(x, "gaussian", 0.3, torch.Generator().manual_seed(0))
    assert x_tilde.std().item() == pytest.approx(0.3, rel=0.02)


def test_linear_network_is_linear_everywhere():
    model = build_model(ModelConfig(activation="linear", latent=3, hidden=(5,)), 4, unit_range=True)
    assert model.cfg.output == "identity" and model.cfg.code_activation == "linear"
    a, b = torch.rand(1, 4), torch.rand(1, 4)
    torch.testing.assert_close(model(a + b) - model(b), model(a) - model(torch.zeros(1, 4)))
