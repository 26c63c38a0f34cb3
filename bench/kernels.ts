/**
 * A fingerprint of the backend's kernels: each op the GAN training uses, run once on fixed
 * inputs, and the SHA-256 of its name and output bytes (bench/checksum.ts, first 12 hex digits). Two machines with the same
 * fingerprint run those kernels bit for bit alike; where the probe GAN's checksum differs, the
 * ops whose hashes differ say which kernel is the cause (bench/determinism.ts prints them).
 *
 * Shapes follow the ensembles of notebook 05 at a small size: K = 3 members, batch 512, widths
 * 256 and 128, so the batched products take the same oneDNN paths as in training:
 *
 *   x: [K, 512, 256]   w: [K, 256, 128]   x·w, xᵀ·x (∂L/∂W), (x·w)·wᵀ (∂L/∂x) and their 2-D forms
 *
 * Inputs come from lib/util/rng.ts (integer arithmetic in JavaScript), not from a backend's
 * random ops, so they are the same bytes on every machine.
 */
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../lib/util/rng";
import { tensorsChecksum } from "./checksum";

/** Uniform values in [−scale, scale) from the project's seeded generator (the same bytes everywhere). */
function uniform(n: number, seed: number, scale: number): Float32Array {
  return Float32Array.from(new Rng(seed).uniformArray(n, -scale, scale));
}

/** op name → 12 hex digits of the SHA-256 of its name and output, on the active backend. */
export function kernelFingerprint(): Record<string, string> {
  const K = 3, B = 512, IN = 256, OUT = 128;
  return tf.tidy(() => {
    const x = tf.tensor3d(uniform(K * B * IN, 1, 3), [K, B, IN]);
    const w = tf.tensor3d(uniform(K * IN * OUT, 2, 0.1), [K, IN, OUT]);
    const dy = tf.tensor3d(uniform(K * B * OUT, 3, 1), [K, B, OUT]);
    const x2 = tf.tensor2d(uniform(B * IN, 4, 3), [B, IN]);
    const w2 = tf.tensor2d(uniform(IN * IN, 5, 0.1), [IN, IN]);
    const pos = tf.add(tf.abs(x2), 1e-3);
    const ops: Record<string, () => tf.Tensor> = {
      "matMul [K] x·w": () => tf.matMul(x, w),
      "matMul [K] xᵀ·dy": () => tf.matMul(x, dy, true, false),
      "matMul [K] dy·wᵀ": () => tf.matMul(dy, w, false, true),
      "matMul x·w": () => tf.matMul(x2, w2),
      "matMul xᵀ·x": () => tf.matMul(x2, x2, true, false),
      "matMul x·wᵀ": () => tf.matMul(x2, w2, false, true),
      relu: () => tf.relu(x2),
      leakyRelu: () => tf.leakyRelu(x2, 0.01),
      sigmoid: () => tf.sigmoid(x2),
      softplus: () => tf.softplus(x2),
      tanh: () => tf.tanh(x2),
      exp: () => tf.exp(x2),
      log: () => tf.log(pos),
      sqrt: () => tf.sqrt(pos),
      rsqrt: () => tf.rsqrt(pos),
      div: () => tf.div(x2, pos),
      "sum over batch": () => tf.sum(x, 1),
      "sum over features": () => tf.sum(x2, 1),
      mean: () => tf.mean(x2),
      "∂ softplus": () => tf.grad((a: tf.Tensor) => tf.sum(tf.softplus(a)))(x2),
      "∂ leakyRelu": () => tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.leakyRelu(a, 0.01), x2)))(x2),
      "Adam update": () => tf.div(tf.mul(x2, 0.001), tf.add(tf.sqrt(pos), 1e-7)),
    };
    return Object.fromEntries(Object.entries(ops).map(([name, f]) => [name, tensorsChecksum(new Map([[name, f()]])).checksum.slice(0, 12)]));
  });
}

/** Names of the ops whose hashes differ between two fingerprints. */
export function differingKernels(a: Record<string, string>, b: Record<string, string>): string[] {
  return Object.keys(a).filter((k) => a[k] !== b[k]);
}
