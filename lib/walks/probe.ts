/**
 * Inside a trained DCGAN generator (lib/nn/dcgan.ts), member k of a {@link GanModel}, with plain
 * arrays in and out like lib/train/members.ts:
 *
 *   images      G(z) = tanh(a(z))             z [n, latentDim] → [n, 784]
 *   pre-tanh    a(z), the output layer's pre-activations   → [n, 784]
 *   first layer G₁(z) = z·W + b (before its ReLU)          → [n, 7·7·2w]
 *
 * in chunks of at most CHUNK rows, so a grid of 10⁵ latent points fits in memory.
 */
import * as tf from "@tensorflow/tfjs";
import { dcganFirstLayer, dcganGeneratePreTanh, type DcganGenerator } from "../nn/dcgan";
import type { GanModel } from "../train/model";

const CHUNK = 2048;

function member(model: GanModel, k: number): DcganGenerator {
  const members = model.generator.dcgan;
  if (!members) throw new Error(`generator probe: the generator is a "${model.generator.spec.kind}", not a dcgan-generator`);
  if (!(Number.isInteger(k) && k >= 0 && k < members.length)) throw new RangeError(`generator probe: member ${k} not in 0..${members.length - 1}`);
  return members[k];
}

function mapRows(z: ArrayLike<number>, latentDim: number, f: (x: tf.Tensor2D) => tf.Tensor2D): Float32Array {
  if (z.length % latentDim !== 0) throw new RangeError(`generator probe: ${z.length} values do not form rows of width ${latentDim}`);
  const n = z.length / latentDim;
  const parts: Float32Array[] = [];
  for (let start = 0; start < n; start += CHUNK) {
    const m = Math.min(CHUNK, n - start);
    const rows = Float32Array.from({ length: m * latentDim }, (_, i) => z[start * latentDim + i]);
    const y = tf.tidy(() => f(tf.tensor2d(rows, [m, latentDim])));
    parts.push(y.dataSync() as Float32Array);
    y.dispose();
  }
  const width = parts.length === 0 ? 0 : parts[0].length / Math.min(CHUNK, n);
  const out = new Float32Array(n * width);
  parts.forEach((p, c) => out.set(p, c * CHUNK * width));
  return out;
}

function latentDimOf(model: GanModel, k: number): number {
  if (model.config.condition) throw new Error("generator probe: a conditional generator needs its classes; not supported");
  return model.config.members[k].latentDim;
}

/** a(z) of member k: z [n, latentDim] → [n, 784]. */
export function preTanhOutputs(model: GanModel, k: number, z: ArrayLike<number>): Float32Array {
  const g = member(model, k);
  return mapRows(z, latentDimOf(model, k), (x) => dcganGeneratePreTanh(g, x));
}

/** G₁(z) = z·W + b of member k: z [n, latentDim] → [n, 7·7·2w]. */
export function firstLayerOutputs(model: GanModel, k: number, z: ArrayLike<number>): Float32Array {
  const g = member(model, k);
  return mapRows(z, latentDimOf(model, k), (x) => dcganFirstLayer(g, x));
}

/** tanh(a(z)) of member k: z [n, latentDim] → images [n, 784] in (−1, 1). */
export function generatedImages(model: GanModel, k: number, z: ArrayLike<number>): Float32Array {
  const g = member(model, k);
  return mapRows(z, latentDimOf(model, k), (x) => tf.tanh(dcganGeneratePreTanh(g, x)) as tf.Tensor2D);
}
