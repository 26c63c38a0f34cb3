/**
 * The random inputs of one training step, per ensemble member, from counter-based streams:
 * the numbers for member k at generator step s and critic iteration i come from
 * Rng(seed_k).child(label).child(s).child(i). They depend only on (seed, label, s, i), never on
 * how many numbers were drawn before, so a resumed run draws exactly what an uninterrupted run
 * draws, and a member draws the same numbers alone or inside an ensemble.
 */
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../util/rng";
import { sampleLatent } from "../geometry/priors";
import { maxLatentDim, type GanConfig } from "./config";

export { sampleLatent } from "../geometry/priors";

/**
 * Real data: `n` points, row-major [n, dim], from a seeded generator. `sampleMember`, when
 * present, gives ensemble member k its own data set (see {@link perMemberData}).
 */
export interface RealData {
  name: string;
  sample(n: number, rng: Rng): ArrayLike<number>;
  sampleMember?(k: number, n: number, rng: Rng): ArrayLike<number>;
}

/**
 * One data set per ensemble member: member k of the ensemble trains on `parts[k]` (same width
 * for all), drawing exactly the numbers it would draw alone on that data set. The name joins
 * the parts' names (hashed into the checkpoint key like any data name); `sample` without a
 * member is refused.
 */
export function perMemberData(parts: readonly RealData[]): RealData {
  if (parts.length === 0) throw new Error("perMemberData: parts is empty (one data set per ensemble member)");
  const name = `per-member[${parts.map((p) => p.name).join(",")}]`;
  return {
    name,
    sample: () => {
      throw new Error(`data "${name}" has one data set per member: draw with sampleMember(k, n, rng)`);
    },
    sampleMember: (k, n, rng) => {
      if (!(Number.isInteger(k) && k >= 0 && k < parts.length)) throw new RangeError(`data "${name}": member ${k} not in 0..${parts.length - 1}`);
      return parts[k].sample(n, rng);
    },
  };
}

/** Labelled real data: points [n, dim] with their classes in 0..classes−1. */
export interface LabelledData extends RealData {
  classes: number;
  sampleLabelled(n: number, rng: Rng): { x: ArrayLike<number>; labels: ArrayLike<number> };
}

export function isLabelled(data: RealData): data is LabelledData {
  return typeof (data as Partial<LabelledData>).sampleLabelled === "function";
}

export type StreamLabel = "real" | "noise-d" | "noise-g" | "alpha" | "labels-g" | "labels-wrong";

export function stream(seed: number, label: StreamLabel, step: number, iteration = 0): Rng {
  return new Rng(seed).child(label).child(step).child(iteration);
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

/** Real samples for every member → x [K, n, data.dim] and, for labelled data, their classes [K][n]. */
export function realBatch(config: GanConfig, data: RealData, step: number, iteration: number, n: number): { x: tf.Tensor3D; labels?: Int32Array[] } {
  const dim = config.data.dim;
  const out = new Float32Array(config.members.length * n * dim);
  const labels: Int32Array[] = [];
  config.members.forEach((m, k) => {
    const rng = stream(m.seed, "real", step, iteration);
    const drawn = config.condition && isLabelled(data) ? data.sampleLabelled(n, rng) : { x: data.sampleMember ? data.sampleMember(k, n, rng) : data.sample(n, rng) };
    if (drawn.x.length !== n * dim) throw new Error(`data "${data.name}" returned ${drawn.x.length} numbers for ${n} points of dim ${dim}`);
    out.set(Float32Array.from(drawn.x), k * n * dim);
    if ("labels" in drawn) labels.push(Int32Array.from(drawn.labels));
  });
  const x = tf.tensor3d(out, [config.members.length, n, dim]);
  return config.condition ? { x, labels } : { x };
}

/** For each member, n classes drawn uniformly from `label`'s stream → [K][n]. */
export function uniformClasses(config: GanConfig, label: "labels-g", step: number, n: number): Int32Array[] {
  const classes = config.condition!.classes;
  return config.members.map((m) => {
    const rng = stream(m.seed, label, step);
    return Int32Array.from({ length: n }, () => rng.int(classes));
  });
}

/** A wrong class for every label: (c + 1 + U{0..classes−2}) mod classes, per member → [K][n]. */
export function wrongClasses(config: GanConfig, labels: Int32Array[], step: number, iteration: number): Int32Array[] {
  const classes = config.condition!.classes;
  return config.members.map((m, k) => {
    const rng = stream(m.seed, "labels-wrong", step, iteration);
    return labels[k].map((c) => (c + 1 + rng.int(classes - 1)) % classes);
  });
}

/** One-hot rows of per-member classes [K][n] → [K, n, classes]. */
export function oneHotBatch(labels: Int32Array[], classes: number): tf.Tensor3D {
  const n = labels[0].length;
  const out = new Float32Array(labels.length * n * classes);
  labels.forEach((ls, k) => ls.forEach((c, i) => (out[(k * n + i) * classes + c] = 1)));
  return tf.tensor3d(out, [labels.length, n, classes]);
}

/** Interpolation weights α ~ U[0, 1) per sample → [K, n, 1]. */
export function alphaBatch(config: GanConfig, step: number, iteration: number, n: number): tf.Tensor3D {
  const out = new Float32Array(config.members.length * n);
  config.members.forEach((m, k) => out.set(stream(m.seed, "alpha", step, iteration).uniformArray(n), k * n));
  return tf.tensor3d(out, [config.members.length, n, 1]);
}
