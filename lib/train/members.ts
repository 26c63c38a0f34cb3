/**
 * Evaluating the members of a trained ensemble one by one, with plain arrays in and out (what
 * the notebooks' metrics and figures read). The ensemble's networks always run all K members
 * together; these helpers place each member's inputs in its own slice [k] and hand back its rows.
 */
import * as tf from "@tensorflow/tfjs";
import type { Network } from "../nn/network";
import { padRows } from "./batches";
import { inputWidths } from "./config";
import type { GanModel } from "./model";

/** Largest batch sent through a network at once (bounds memory for grids of 10⁵ points). */
const CHUNK = 8192;

/**
 * Runs `net` on per-member inputs: `inputs[k]` holds n rows of width `widths[k]` (≤ net.inWidth,
 * zero-padded), → per member n rows of net.outWidth. `post` maps the output tensor (e.g. σ).
 */
export function applyMembers(net: Network, inputs: ArrayLike<number>[], widths: number[], n: number, post?: (t: tf.Tensor3D) => tf.Tensor3D): Float32Array[] {
  const K = net.members;
  if (inputs.length !== K || widths.length !== K) throw new Error(`applyMembers: ${inputs.length} inputs for ${K} members`);
  const out = inputs.map(() => new Float32Array(n * net.outWidth));
  for (let start = 0; start < n; start += CHUNK) {
    const m = Math.min(CHUNK, n - start);
    const buf = new Float32Array(K * m * net.inWidth);
    inputs.forEach((x, k) => {
      const rows = Array.prototype.slice.call(x, start * widths[k], (start + m) * widths[k]) as number[];
      padRows(rows, widths[k], buf, k * m * net.inWidth, net.inWidth, m);
    });
    const y = tf.tidy(() => {
      const raw = net.apply(tf.tensor3d(buf, [K, m, net.inWidth]));
      return post ? post(raw) : raw;
    });
    const all = y.dataSync() as Float32Array;
    y.dispose();
    out.forEach((o, k) => o.set(all.subarray(k * m * net.outWidth, (k + 1) * m * net.outWidth), start * net.outWidth));
  }
  return out;
}

/**
 * G(z) per member: zs[k] is [n, latentDim_k] row-major (classes[k], for a conditional GAN, the
 * n classes asked for) → per member [n, data.dim].
 */
export function generateMembers(model: GanModel, zs: ArrayLike<number>[], n: number, classes?: ArrayLike<number>[]): Float32Array[] {
  const c = model.config.condition;
  if (c && !classes) throw new Error("generateMembers: a conditional GAN needs the classes to generate");
  const dims = model.config.members.map((m) => m.latentDim);
  if (!c) return applyMembers(model.generator, zs, dims, n);
  const width = inputWidths(model.config).g;
  const inputs = zs.map((z, k) => {
    const rows = new Float32Array(n * width);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < dims[k]; j++) rows[i * width + j] = z[i * dims[k] + j];
      rows[i * width + dims[k] + classes![k][i]] = 1;
    }
    return rows;
  });
  return applyMembers(model.generator, inputs, dims.map(() => width), n);
}

/** D's scores per member on xs[k] ([n, data.dim] each); `sigmoid` maps logits to probabilities. */
export function discriminateMembers(model: GanModel, xs: ArrayLike<number>[], n: number, opts: { sigmoid?: boolean } = {}): Float32Array[] {
  const dim = model.config.data.dim;
  return applyMembers(model.discriminator, xs, xs.map(() => dim), n, opts.sigmoid ? (t) => tf.sigmoid(t) : undefined);
}

/**
 * A batch function for member k alone: (input [n, width] row-major, n) → its rows out (the
 * other members get zero inputs). What grid evaluations (heat maps, manifolds) call.
 */
export function memberFunction(model: GanModel, k: number, network: "G" | "D", opts: { sigmoid?: boolean } = {}): (input: ArrayLike<number>, n: number) => Float32Array {
  const K = model.config.members.length;
  if (!(Number.isInteger(k) && k >= 0 && k < K)) throw new RangeError(`member ${k} not in 0..${K - 1}`);
  const net = network === "G" ? model.generator : model.discriminator;
  const width = network === "G" ? model.config.members[k].latentDim : model.config.data.dim;
  const post = network === "D" && opts.sigmoid ? (t: tf.Tensor3D) => tf.sigmoid(t) : undefined;
  return (input, n) => {
    const inputs = Array.from({ length: K }, (_, j) => (j === k ? input : new Float32Array(0)));
    return applyMembers(net, inputs, inputs.map((_, j) => (j === k ? width : 0)), n, post)[k];
  };
}

/**
 * D's score s_k(x) (the logit, before any sigmoid) and its gradient ∇ₓ s_k(x) per member at
 * xs[k] ([n, data.dim] each) → per member logits [n] and gradients [n, data.dim]. Each score
 * depends on its own row and member only, so the gradient of the summed scores with respect to
 * the input batch [K, n, dim] holds every per-point gradient. What GAN Lab draws as arrows at
 * fake samples, and what tells whether D still gives the generator a signal. Unconditional
 * GANs with one score per point.
 */
export function discriminatorGradients(model: GanModel, xs: ArrayLike<number>[], n: number): { logits: Float32Array[]; gradients: Float32Array[] } {
  const net = model.discriminator;
  const K = net.members, dim = model.config.data.dim;
  if (model.config.condition || net.outWidth !== 1 || net.inWidth !== dim) throw new Error(`discriminatorGradients: needs an unconditional D with one score per point (outWidth ${net.outWidth}, inWidth ${net.inWidth}, data.dim ${dim})`);
  if (xs.length !== K) throw new Error(`discriminatorGradients: ${xs.length} inputs for ${K} members`);
  const logits = xs.map(() => new Float32Array(n));
  const gradients = xs.map(() => new Float32Array(n * dim));
  for (let start = 0; start < n; start += CHUNK) {
    const m = Math.min(CHUNK, n - start);
    const buf = new Float32Array(K * m * dim);
    xs.forEach((x, k) => buf.set(Array.prototype.slice.call(x, start * dim, (start + m) * dim) as number[], k * m * dim));
    const [s, g] = tf.tidy(() => {
      const x = tf.tensor3d(buf, [K, m, dim]);
      const grad = tf.grad((xi: tf.Tensor) => tf.sum(net.apply(xi as tf.Tensor3D)))(x);
      return [net.apply(x), grad];
    });
    const sAll = s.dataSync() as Float32Array, gAll = g.dataSync() as Float32Array;
    tf.dispose([s, g]);
    xs.forEach((_, k) => {
      logits[k].set(sAll.subarray(k * m, (k + 1) * m), start);
      gradients[k].set(gAll.subarray(k * m * dim, (k + 1) * m * dim), start * dim);
    });
  }
  return { logits, gradients };
}
