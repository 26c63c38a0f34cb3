/**
 * The random inputs of one training step, per ensemble member, from counter-based streams:
 * the numbers for member k at generator step s and critic iteration i come from
 * Rng(seed_k).child(label).child(s).child(i). They depend only on (seed, label, s, i), never on
 * how many numbers were drawn before, so a resumed run draws exactly what an uninterrupted run
 * draws, and a member draws the same numbers alone or inside an ensemble.
 */
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../util/rng";
import { maxLatentDim, type GanConfig, type LatentPrior } from "./config";

/** Real data: `n` points, row-major [n, dim], from a seeded generator. */
export interface RealData {
  name: string;
  sample(n: number, rng: Rng): ArrayLike<number>;
}

export type StreamLabel = "real" | "noise-d" | "noise-g" | "alpha";

export function stream(seed: number, label: StreamLabel, step: number, iteration = 0): Rng {
  return new Rng(seed).child(label).child(step).child(iteration);
}

/** n draws of p(z) in dimension d: [n, d] row-major. */
export function sampleLatent(prior: LatentPrior, rng: Rng, n: number, d: number): Float64Array {
  return prior.kind === "normal" ? rng.normalArray(n * d) : rng.uniformArray(n * d, prior.low, prior.high);
}

/**
 * Noise for every member, zero-padded to the ensemble's largest latent width:
 * → [K, n, maxLatent], member k's first latentDim_k columns drawn, the rest 0.
 */
export function latentBatch(config: GanConfig, label: "noise-d" | "noise-g", step: number, iteration: number, n: number): tf.Tensor3D {
  const width = maxLatentDim(config);
  const out = new Float32Array(config.members.length * n * width);
  config.members.forEach((m, k) => {
    const z = sampleLatent(config.latent, stream(m.seed, label, step, iteration), n, m.latentDim);
    padRows(z, m.latentDim, out, k * n * width, width, n);
  });
  return tf.tensor3d(out, [config.members.length, n, width]);
}

/** Copies n rows of width d from `src` into rows of width `width` of `dst` at `offset`. */
export function padRows(src: ArrayLike<number>, d: number, dst: Float32Array, offset: number, width: number, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) dst[offset + i * width + j] = src[i * d + j];
  }
}

/** Real samples for every member → [K, n, data.dim]. */
export function realBatch(config: GanConfig, data: RealData, step: number, iteration: number, n: number): tf.Tensor3D {
  const dim = config.data.dim;
  const out = new Float32Array(config.members.length * n * dim);
  config.members.forEach((m, k) => {
    const x = data.sample(n, stream(m.seed, "real", step, iteration));
    if (x.length !== n * dim) throw new Error(`data "${data.name}" returned ${x.length} numbers for ${n} points of dim ${dim}`);
    out.set(Float32Array.from(x), k * n * dim);
  });
  return tf.tensor3d(out, [config.members.length, n, dim]);
}

/** Interpolation weights α ~ U[0, 1) per sample → [K, n, 1]. */
export function alphaBatch(config: GanConfig, step: number, iteration: number, n: number): tf.Tensor3D {
  const out = new Float32Array(config.members.length * n);
  config.members.forEach((m, k) => out.set(stream(m.seed, "alpha", step, iteration).uniformArray(n), k * n));
  return tf.tensor3d(out, [config.members.length, n, 1]);
}
