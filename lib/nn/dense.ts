/**
 * The dense layer of an ensemble of K independent networks:
 *
 *   y[k] = x[k] · W[k] + b[k]        x: [K, batch, in], W: [K, in, out], b: [K, 1, out] → [K, batch, out]
 *
 * Two implementations with identical results (up to float rounding):
 *
 * - `"plain"`: one batched tf.matMul, gradients by tfjs autodiff. Differentiable any number
 *   of times (WGAN-GP needs the gradient of a gradient).
 * - `"fast"`: a custom gradient written with explicit transposes and 2-D matMuls only,
 *   one per member:
 *       ∂L/∂x[k] = ∂L/∂y[k] · W[k]ᵀ,  ∂L/∂W[k] = x[k]ᵀ · ∂L/∂y[k],  ∂L/∂b[k] = Σ_batch ∂L/∂y[k].
 *   On the wasm backend a matMul with a transpose flag is ~10× slower than materialising the
 *   transpose, and a batched (rank-3) matMul with K > 1 is ~15× slower than K separate 2-D
 *   products (measured with tfjs 4.22, see the engine report); autodiff of a dense layer uses
 *   both, so this path is what makes GAN training on wasm practical.
 */
import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../util/rng";
import { initWeights, type InitScheme } from "./init";

export type DenseMode = "plain" | "fast";

/** One dense layer of K members: the only dense-layer type of lib/nn. */
export interface DenseParams {
  /** [K, fan_in, fan_out] */
  w: tf.Variable<tf.Rank.R3>;
  /** [K, 1, fan_out] */
  b: tf.Variable<tf.Rank.R3>;
  /** [K, fan_in, 1] of 0/1, on a first layer whose members read fewer inputs (lib/nn/mlp.ts). */
  mask?: tf.Tensor3D;
}

/**
 * A dense layer from the members' weight matrices `weights[k]` ([rows, fanOut] row-major each),
 * biases zero.
 */
export function denseParamsFrom(weights: Float32Array[], rows: number, fanOut: number): DenseParams {
  const k = weights.length;
  const data = new Float32Array(k * rows * fanOut);
  weights.forEach((w, m) => {
    if (w.length !== rows * fanOut) throw new Error(`denseParamsFrom: member ${m} has ${w.length} weights, expected ${rows}·${fanOut}`);
    data.set(w, m * rows * fanOut);
  });
  // inside tidy: tf.variable(t) would otherwise keep the initial tensor t alive
  return tf.tidy(() => ({ w: tf.variable(tf.tensor3d(data, [k, rows, fanOut])), b: tf.variable(tf.zeros<tf.Rank.R3>([k, 1, fanOut])) }));
}

/** A dense layer of one member per Rng, [fanIn, fanOut], drawn from `init`. */
export function createDense(rngs: Rng[], init: InitScheme, fanIn: number, fanOut: number): DenseParams {
  return denseParamsFrom(rngs.map((r) => initWeights(r, init, fanIn, fanOut)), fanIn, fanOut);
}

/** The variables of layers (dense or conv), w then b per layer. */
export function layerVariables(layers: readonly { w: tf.Variable; b: tf.Variable }[]): tf.Variable[] {
  return layers.flatMap((p) => [p.w, p.b]);
}

export function disposeDense(p: DenseParams): void {
  p.w.dispose();
  p.b.dispose();
  p.mask?.dispose();
}

/**
 * A one-member layer on rows: x [B, in] → x·W + b, [B, out] (convolutional nets and the
 * style generator work on [B, …] tensors of one member).
 */
export function denseRows(p: DenseParams, x: tf.Tensor2D): tf.Tensor2D {
  const [k, rows, out] = p.w.shape;
  if (k !== 1) throw new Error(`denseRows: layer has ${k} members, expected 1`);
  return tf.tidy(() => tf.add(tf.matMul(x, tf.reshape(p.w, [rows, out]) as tf.Tensor2D), tf.reshape(p.b, [1, out])) as tf.Tensor2D);
}

/** The mode that is fastest on the active backend: "fast" on wasm, "plain" elsewhere. */
export function defaultDenseMode(): DenseMode {
  return tf.getBackend() === "wasm" ? "fast" : "plain";
}

/** y = x·W + b for each member; shapes as in the module comment. */
export function dense(x: tf.Tensor3D, w: tf.Tensor3D, b: tf.Tensor3D, mode: DenseMode): tf.Tensor3D {
  return mode === "plain" ? tf.add(tf.matMul(x, w), b) : denseFast(x, w, b);
}

/**
 * The per-member product op(a[k]) · op(b[k]) of [K, ·, ·] tensors, op = transpose where asked:
 * one batched tf.matMul with transpose flags ("plain"), or one 2-D tf.matMul per member on
 * materialised transposes ("fast", see the module comment).
 */
export function memberMatMul(a: tf.Tensor3D, b: tf.Tensor3D, transposeA: boolean, transposeB: boolean, mode: DenseMode): tf.Tensor3D {
  if (mode === "plain") return tf.matMul(a, b, transposeA, transposeB);
  return perMemberMatMul(transposeA ? transposeMembers(a) : a, transposeB ? transposeMembers(b) : b);
}

/** Per-member 2-D products of [K, r, s] and [K, s, t] → [K, r, t] without transpose flags. */
function perMemberMatMul(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  const k = a.shape[0];
  if (k === 1) {
    const prod = tf.matMul(tf.squeeze<tf.Tensor2D>(a, [0]), tf.squeeze<tf.Tensor2D>(b, [0]));
    return tf.expandDims(prod, 0) as tf.Tensor3D;
  }
  const as = tf.unstack(a) as tf.Tensor2D[];
  const bs = tf.unstack(b) as tf.Tensor2D[];
  return tf.stack(as.map((ai, i) => tf.matMul(ai, bs[i]))) as tf.Tensor3D;
}

/** [K, r, s] → [K, s, r], materialised. */
function transposeMembers(a: tf.Tensor3D): tf.Tensor3D {
  return tf.transpose(a, [0, 2, 1]);
}

const denseFast = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, b] = args as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
  const save = args[3] as tf.GradSaveFunc;
  save([x, w]);
  const value = tf.add(perMemberMatMul(x, w), b) as tf.Tensor3D;
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
    const [xs, ws] = saved as [tf.Tensor3D, tf.Tensor3D];
    const dy3 = dy as tf.Tensor3D;
    const dx = memberMatMul(dy3, ws, false, true, "fast");
    const dw = memberMatMul(xs, dy3, true, false, "fast");
    const db = tf.sum(dy3, 1, true);
    return [dx, dw, db];
  };
  return { value, gradFunc };
}) as unknown as (x: tf.Tensor3D, w: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;
