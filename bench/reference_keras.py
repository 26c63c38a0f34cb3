"""Notebook 05's reference GAN in tf.keras (Keras 2, tensorflow-cpu from PyPI), trained with the
reference's train_on_batch loop; run by bench/run.ts with .venv-bench/bin/python.

Per step (latent width L = BENCH_LATENT, default 10):
  fake = G.predict_on_batch(z_d)                     z_d: [256, L]
  D.train_on_batch(concat(real, fake), [1]*256 + [0]*256)    one D update on [512, 2]
  GAN.train_on_batch(z_g, [1]*512)                   z_g: [512, L], D frozen inside GAN
G: 3 x Dense(256, relu) -> Dense(2); D: 5 x [Dense(128) + LeakyReLU(0.01)] -> Dense(1, sigmoid);
Glorot-uniform, zero bias; binary cross-entropy; Adam D 1e-3, G 2e-4, beta_1 0.5, beta_2 0.999,
epsilon 1e-7. Prints one `BENCH_RESULT <json>` line.
"""
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

try:
    import numpy as np
    import tensorflow as tf
except ImportError as e:  # the venv is missing or broken: report, do not fail the benchmark
    sys.path.insert(0, os.path.dirname(__file__))
    from reference_common import emit

    emit(dict(backend="tf.keras", status=f"not installed: {e}", versions={}, peak=[], results=[]))
    sys.exit(0)

from reference_common import eight_gaussians, latent_dim, time_and_emit

keras = tf.keras
LEAK = 0.01  # notebook-05 discriminator: LeakyReLU(0.01)


def build(latent):
    g = keras.Sequential([keras.Input((latent,))] + [keras.layers.Dense(256, activation="relu") for _ in range(3)] + [keras.layers.Dense(2)])
    d_layers = [keras.Input((2,))]
    for _ in range(5):
        d_layers += [keras.layers.Dense(128), keras.layers.LeakyReLU(LEAK)]
    d = keras.Sequential(d_layers + [keras.layers.Dense(1, activation="sigmoid")])
    d.compile(keras.optimizers.Adam(1e-3, beta_1=0.5, beta_2=0.999, epsilon=1e-7), "binary_crossentropy")
    d.trainable = False  # frozen inside GAN (captured when GAN is compiled); d keeps training itself
    z = keras.Input((latent,))
    gan = keras.Model(z, d(g(z)))
    gan.compile(keras.optimizers.Adam(2e-4, beta_1=0.5, beta_2=0.999, epsilon=1e-7), "binary_crossentropy")
    return g, d, gan


def matmul_seconds(m, k, n, reps):
    a = tf.random.normal((m, k), seed=1)
    b = tf.random.normal((k, n), seed=2)
    t0 = time.perf_counter()
    for _ in range(reps):
        c = tf.linalg.matmul(a, b)
    c.numpy()
    return time.perf_counter() - t0


def main():
    latent = latent_dim()
    g, d, gan = build(latent)
    rng = np.random.default_rng(0)
    labels_d = np.concatenate([np.ones((256, 1)), np.zeros((256, 1))]).astype(np.float32)
    labels_g = np.ones((512, 1), np.float32)

    def step():
        fake = g.predict_on_batch(rng.standard_normal((256, latent)).astype(np.float32))
        d.train_on_batch(np.concatenate([eight_gaussians(rng, 256), fake]), labels_d)
        gan.train_on_batch(rng.standard_normal((512, latent)).astype(np.float32), labels_g)

    versions = dict(tensorflow=tf.__version__, keras=__import__("keras").__version__, numpy=np.__version__, python=sys.version.split()[0],
                    intra_op_threads=str(tf.config.threading.get_intra_op_parallelism_threads()))
    time_and_emit("tf.keras (Python)", versions, matmul_seconds, "tf.keras train_on_batch", step)


if __name__ == "__main__":
    main()
