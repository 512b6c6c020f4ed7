"""Anchor 4b: the PyTorch example's own VAE loop on the same data, as a yardstick for anchor 4.

pytorch/examples ``vae/main.py`` written out without aecore: fc1 784→400, fc21/fc22 400→20,
fc3 20→400, fc4 400→784, ReLU, sigmoid output; loss = BCE summed over pixels and over the
batch + KL (the sum, not the mean, is what the example back-propagates), Adam 1e-3, batch
128, shuffled, ``torch.manual_seed(--seed)`` (the example uses 1). Test loss after epoch 7 on
the 10,000 test images, computed exactly as the example does (one z per image, summed, / N).

It tells whether a gap between anchor 4 and the published 106.66 comes from aecore or from
the run-to-run spread of the reference itself on this machine.

    python bench/anchors/a4b_vae_reference_loop.py [--quick] [--seed 1]
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from _common import Row, finish, log, mnist, start
from torch import nn


class ExampleVAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.fc21, self.fc22 = nn.Linear(784, 400), nn.Linear(400, 20), nn.Linear(400, 20)
        self.fc3, self.fc4 = nn.Linear(20, 400), nn.Linear(400, 784)

    def forward(self, x):
        h = F.relu(self.fc1(x))
        mu, logvar = self.fc21(h), self.fc22(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return torch.sigmoid(self.fc4(F.relu(self.fc3(z)))), mu, logvar


def loss_function(recon_x, x, mu, logvar):
    bce = F.binary_cross_entropy(recon_x, x, reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kld


def main() -> None:
    def extra(p):
        p.set_defaults(seed=1)
        p.add_argument("--reduction", choices=("sum", "mean"), default="sum",
                       help="side run: 'mean' divides the training loss by the batch size, as aecore does")

    args, t0 = start(__doc__, extra)
    torch.manual_seed(args.seed)
    ds = mnist(3000 if args.quick else None)
    epochs = 1 if args.quick else 7
    x, x_test = torch.tensor(ds.x_train), torch.tensor(ds.x_test)
    model = ExampleVAE()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(1, epochs + 1):
        model.train()
        total = 0.0
        for idx in torch.randperm(len(x)).split(128):
            xb = x[idx]
            recon, mu, logvar = model(xb)
            loss = loss_function(recon, xb, mu, logvar)
            if args.reduction == "mean":
                loss = loss / len(xb)
            opt.zero_grad()
            loss.backward()
            total += float(loss) * (len(xb) if args.reduction == "mean" else 1)
            opt.step()
        model.eval()
        with torch.no_grad():
            test = 0.0
            for i in range(0, len(x_test), 1000):
                xb = x_test[i:i + 1000]
                recon, mu, logvar = model(xb)
                test += float(loss_function(recon, xb, mu, logvar))
            test /= len(x_test)
        log(f"epoch {epoch}: train loss {total / len(x):.2f}, test loss {test:.2f}")
    row = Row(
        anchor="a4b_vae_reference_loop",
        setting="yardstick for a4: pytorch/examples vae/main.py loop (no aecore), same data",
        published="test loss 106.66 at epoch 7",
        target="none (context for a4)",
        ours=f"test loss {test:.2f} at epoch {epochs}",
        met=None,
        settings=f"784-400-20, sum-reduced BCE + KL, Adam 1e-3, batch 128, all 60,000 training rows, "
                 f"torch.manual_seed({args.seed}); the example's own test-loss computation",
        metrics={"test_loss": test, "epochs": epochs},
    )
    if args.reduction == "mean":
        row.settings += "; SIDE RUN: training loss divided by the batch size (aecore's reduction)"
    tag = ("" if args.seed == 1 else f"-seed{args.seed}") + ("-mean" if args.reduction == "mean" else "")
    finish(row, t0, args.quick, tag)


if __name__ == "__main__":
    main()
