/**
 * Convolutional layers as plain tf.Variables (NHWC, tfjs filter layouts), one member each:
 *
 *   conv2d:           x [B, H, W, Cin] * w [k, k, Cin, Cout] (+ b [Cout]) → [B, ⌈H/s⌉, ⌈W/s⌉, Cout]   ("same")
 *   conv2dTranspose:  x [B, H, W, Cin], w [k, k, Cout, Cin] → [B, H·s, W·s, Cout], the adjoint of
 *                     conv2d with the same filter, stride and "same" padding
 *
 * Weights are drawn from a seeded Rng on the JavaScript side (lib/nn/init.ts: same weights on
 * every backend), biases zero. The networks built from them are in lib/nn/dcgan.ts and
 * lib/nn/style.ts; their dense layers are lib/nn/dense.ts's.
 *
 * Training conv nets needs the native "tensorflow" backend or cpu: tfjs-backend-wasm 4.22 has
 * no Conv2DBackpropFilter kernel.
 */
import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../util/rng";
import { drawWeights, type InitScheme } from "./init";

/**
 * A variable holding `make()`. tf.variable(t) keeps t alive beside the variable (one extra
 * tensor per variable, measured with tfjs 4.22); inside tf.tidy the initial tensor is released.
 */
export function variableFrom(make: () => tf.Tensor): tf.Variable {
  return tf.tidy(() => tf.variable(make()));
}

/** A [k, k, a, b] filter variable drawn from `init` with the conv fans k·k·Cin and k·k·Cout. */
function filter(rng: Rng, init: InitScheme, kernel: number, inC: number, outC: number, shape: number[]): tf.Variable {
  const n = shape.reduce((a, b) => a * b, 1);
  return variableFrom(() => tf.tensor(drawWeights(rng, init, n, kernel * kernel * inC, kernel * kernel * outC), shape));
}

const zeroBias = (n: number) => variableFrom(() => tf.zeros([n]));

export interface Conv2dParams {
  /** [k, k, Cin, Cout] */
  w: tf.Variable;
  /** [Cout] */
  b: tf.Variable;
  stride: number;
}

export function createConv2d(rng: Rng, init: InitScheme, kernel: number, inC: number, outC: number, stride: number): Conv2dParams {
  return { w: filter(rng, init, kernel, inC, outC, [kernel, kernel, inC, outC]), b: zeroBias(outC), stride };
}

/** [B, H, W, Cin] → [B, ⌈H/s⌉, ⌈W/s⌉, Cout], "same" padding. */
export function conv2d(p: Conv2dParams, x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.add(tf.conv2d(x, p.w as tf.Tensor4D, p.stride, "same"), p.b) as tf.Tensor4D);
}

export interface ConvTransposeParams {
  /** [k, k, Cout, Cin] */
  w: tf.Variable;
  /** [Cout] */
  b: tf.Variable;
  stride: number;
}

export function createConv2dTranspose(rng: Rng, init: InitScheme, kernel: number, inC: number, outC: number, stride: number): ConvTransposeParams {
  return { w: filter(rng, init, kernel, inC, outC, [kernel, kernel, outC, inC]), b: zeroBias(outC), stride };
}

/** [B, H, W, Cin] → [B, H·s, W·s, Cout]. */
export function conv2dTranspose(p: ConvTransposeParams, x: tf.Tensor4D): tf.Tensor4D {
  const [batch, h, w] = x.shape;
  const outC = p.w.shape[2] as number;
  return tf.tidy(() => {
    const y = tf.conv2dTranspose(x, p.w as tf.Tensor4D, [batch, h * p.stride, w * p.stride, outC], p.stride, "same");
    return tf.add(y, p.b) as tf.Tensor4D;
  });
}

