"""The notebook-05 reference GAN in JAX with one jit-compiled training step; run by bench/run.ts
with .venv-bench/bin/python (jax[cpu] from bench/requirements.txt). When jax is missing it
reports "not installed" and exits 0.

One step (latent width L = BENCH_LATENT, default 10), compiled once by jax.jit:
  D update on concat(real [256, 2], G(z_d) [256, 2]) with labels 1 / 0, then
  G update on D(G(z_g)), z_g: [512, L], labels 1 (non-saturating), with the updated D;
G: 3 x Dense(256, relu) -> Dense(2); D: 5 x [Dense(128) + LeakyReLU(0.01)] -> Dense(1) logits;
Glorot-uniform weights, zero biases; binary cross-entropy on logits (mean over the batch);
Adam written out in Keras' form (epsilon outside the bias-corrected square root, as
lib/train/optimizers.ts "keras"): D 1e-3, G 2e-4, beta_1 0.5, beta_2 0.999, epsilon 1e-7.
Real points and noise are drawn on the host with numpy every step, as the tf.keras reference
does, and both losses are read back every step. Prints one `BENCH_RESULT <json>` line.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from reference_common import eight_gaussians, emit, latent_dim, time_and_emit  # noqa: E402

try:
    import numpy as np
    import jax
    import jax.numpy as jnp
except ImportError as e:
    emit(dict(backend="JAX (Python)", status=f"not installed: {e}", versions={}, peak=[], results=[]))
    sys.exit(0)

LEAK = 0.01  # notebook-05 discriminator: LeakyReLU(0.01)
BETA1, BETA2, EPS = 0.5, 0.999, 1e-7
LR_D, LR_G = 1e-3, 2e-4


def glorot(rng, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)


def init_mlp(rng, widths):
    return [(jnp.asarray(glorot(rng, a, b)), jnp.zeros((b,), jnp.float32)) for a, b in zip(widths[:-1], widths[1:])]


def mlp(params, x, act):
    for w, b in params[:-1]:
        x = act(x @ w + b)
    w, b = params[-1]
    return x @ w + b


def g_apply(params, z):
    return mlp(params, z, jax.nn.relu)


def d_apply(params, x):
    return mlp(params, x, lambda v: jnp.where(v >= 0, v, LEAK * v))[:, 0]


def bce_logits(logits, label):
    """mean of -[y log s(l) + (1 - y) log(1 - s(l))] = mean of softplus(l) - y l"""
    return jnp.mean(jax.nn.softplus(logits) - label * logits)


def adam(params, grads, m, v, t, lr):
    """Keras form: theta -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)."""
    m = jax.tree_util.tree_map(lambda mi, g: BETA1 * mi + (1 - BETA1) * g, m, grads)
    v = jax.tree_util.tree_map(lambda vi, g: BETA2 * vi + (1 - BETA2) * g * g, v, grads)
    scale = lr * jnp.sqrt(1 - BETA2**t) / (1 - BETA1**t)
    params = jax.tree_util.tree_map(lambda p, mi, vi: p - scale * mi / (jnp.sqrt(vi) + EPS), params, m, v)
    return params, m, v


def train_step(state, real, z_d, z_g):
    g, d, mg, vg, md, vd, t = state
    t = t + 1.0

    def d_loss(dp):
        fake = g_apply(g, z_d)
        return bce_logits(d_apply(dp, real), 1.0) * 0.5 + bce_logits(d_apply(dp, fake), 0.0) * 0.5

    loss_d, grads_d = jax.value_and_grad(d_loss)(d)
    d, md, vd = adam(d, grads_d, md, vd, t, LR_D)

    def g_loss(gp):
        return bce_logits(d_apply(d, g_apply(gp, z_g)), 1.0)

    loss_g, grads_g = jax.value_and_grad(g_loss)(g)
    g, mg, vg = adam(g, grads_g, mg, vg, t, LR_G)
    return (g, d, mg, vg, md, vd, t), loss_d, loss_g


def matmul_seconds(m, k, n, reps):
    a = jax.random.normal(jax.random.PRNGKey(1), (m, k), jnp.float32)
    b = jax.random.normal(jax.random.PRNGKey(2), (k, n), jnp.float32)
    f = jax.jit(lambda x, y: x @ y)
    f(a, b).block_until_ready()
    t0 = time.perf_counter()
    for _ in range(reps):
        c = f(a, b)
    c.block_until_ready()
    return time.perf_counter() - t0


def main():
    latent = latent_dim()
    rng = np.random.default_rng(0)
    g = init_mlp(rng, [latent, 256, 256, 256, 2])
    d = init_mlp(rng, [2, 128, 128, 128, 128, 128, 1])
    zeros = lambda p: jax.tree_util.tree_map(jnp.zeros_like, p)  # noqa: E731
    state = [(g, d, zeros(g), zeros(g), zeros(d), zeros(d), jnp.float32(0.0))]
    step_fn = jax.jit(train_step, donate_argnums=(0,))

    def step():
        real = eight_gaussians(rng, 256)
        z_d = rng.standard_normal((256, latent)).astype(np.float32)
        z_g = rng.standard_normal((512, latent)).astype(np.float32)
        state[0], loss_d, loss_g = step_fn(state[0], real, z_d, z_g)
        float(loss_d), float(loss_g)

    versions = dict(jax=jax.__version__, jaxlib=__import__("jaxlib").__version__, numpy=np.__version__, python=sys.version.split()[0],
                    devices=",".join(str(x) for x in jax.devices()))
    time_and_emit("JAX (Python)", versions, matmul_seconds, "JAX jit train step", step)


if __name__ == "__main__":
    main()
