"""Notebook 05's reference GAN in PyTorch, the usual training loop; run by bench/run.ts with the
first Python (.venv-bench, then python3) where `import torch` works. When none has torch it
reports "not installed" and exits 0.

Per step (latent width L = BENCH_LATENT, default 10), D outputs logits, BCEWithLogitsLoss:
  fake = G(z_d).detach()                               z_d: [256, L]
  D update on concat(real, fake) [512, 2] with labels 1 / 0
  G update on D(G(z_g)), z_g: [512, L], labels 1 (non-saturating); D's parameters have
  requires_grad off during the G update, as Keras' frozen D, so no D weight gradients are made.
Adam D 1e-3, G 2e-4, betas (0.5, 0.999), eps 1e-7. Glorot-uniform weights, zero biases.
Prints one `BENCH_RESULT <json>` line.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from reference_common import eight_gaussians, emit, latent_dim, time_and_emit  # noqa: E402

try:
    import numpy as np
    import torch
except ImportError as e:
    emit(dict(backend="PyTorch", status=f"not installed: {e}", versions={}, peak=[], results=[]))
    sys.exit(0)

LEAK = 0.01  # notebook-05 discriminator: LeakyReLU(0.01)


def mlp(widths, hidden_act):
    layers = []
    for i, (a, b) in enumerate(zip(widths[:-1], widths[1:])):
        lin = torch.nn.Linear(a, b)
        torch.nn.init.xavier_uniform_(lin.weight)
        torch.nn.init.zeros_(lin.bias)
        layers.append(lin)
        if i < len(widths) - 2:
            layers.append(hidden_act())
    return torch.nn.Sequential(*layers)


def matmul_seconds(m, k, n, reps):
    a, b = torch.randn(m, k), torch.randn(k, n)
    t0 = time.perf_counter()
    for _ in range(reps):
        c = a @ b
    c.sum().item()
    return time.perf_counter() - t0


def main():
    torch.manual_seed(0)
    latent = latent_dim()
    g = mlp([latent, 256, 256, 256, 2], torch.nn.ReLU)
    d = mlp([2, 128, 128, 128, 128, 128, 1], lambda: torch.nn.LeakyReLU(LEAK))
    opt_d = torch.optim.Adam(d.parameters(), lr=1e-3, betas=(0.5, 0.999), eps=1e-7)
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-7)
    bce = torch.nn.BCEWithLogitsLoss()
    rng = np.random.default_rng(0)
    labels_d = torch.cat([torch.ones(256, 1), torch.zeros(256, 1)])
    labels_g = torch.ones(512, 1)

    def step():
        fake = g(torch.randn(256, latent)).detach()
        real = torch.from_numpy(eight_gaussians(rng, 256))
        loss_d = bce(d(torch.cat([real, fake])), labels_d)
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        d.requires_grad_(False)
        loss_g = bce(d(g(torch.randn(512, latent))), labels_g)
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        d.requires_grad_(True)
        loss_d.item(), loss_g.item()

    versions = dict(torch=torch.__version__, numpy=np.__version__, python=sys.version.split()[0], threads=str(torch.get_num_threads()))
    # With its default two OpenMP threads PyTorch spin-waits; when other processes share the
    # cores it then runs 20-30 times slower (measured), so a 1-thread row is timed as well.
    one_thread = ("PyTorch loop, 1 thread", lambda: torch.set_num_threads(1))
    time_and_emit("PyTorch (Python)", versions, matmul_seconds, "PyTorch loop", step, variants=[one_thread])


if __name__ == "__main__":
    main()
