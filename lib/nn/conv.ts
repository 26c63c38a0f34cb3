/**
 * Convolutional layers as plain tf.Variables (NHWC, tfjs filter layouts), and the DCGAN
 * (Radford et al. 2016) generator and discriminator for 28×28×1 images built from them.
 *
 *   conv2d:           x [B, H, W, Cin] * w [k, k, Cin, Cout] (+ b [Cout]) → [B, ⌈H/s⌉, ⌈W/s⌉, Cout]   ("same")
 *   conv2dTranspose:  x [B, H, W, Cin], w [k, k, Cout, Cin] → [B, H·s, W·s, Cout], the adjoint of
 *                     conv2d with the same filter, stride and "same" padding
 *   dense:            x [B, in] · w [in, out] + b [out] → [B, out]
 *
 * Initialisation from a seeded Rng on the JavaScript side (same weights on every backend),
 * biases zero:
 *   "he-normal":    w ~ N(0, 2/fan_in), fan_in = k·k·Cin (dense: in), as Keras' he_normal
 *                   without truncation
 *   "dcgan-normal": w ~ N(0, 0.02²), the DCGAN paper's init
 *
 * Training conv nets needs the native "tensorflow" backend or cpu: tfjs-backend-wasm 4.22 has
 * no Conv2DBackpropFilter kernel.
 */
import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../util/rng";
import { bceDiscriminatorLoss, bceGeneratorNonSaturatingLoss } from "../losses/adversarial";
import { minimizeLoss } from "../train/minimize";
import type { Optimizer } from "../train/optimizers";

export type ConvInit = "he-normal" | "dcgan-normal";

/** DCGAN's weight standard deviation. */
const DCGAN_STD = 0.02;

/**
 * A variable holding `make()`. tf.variable(t) keeps t alive beside the variable (one extra
 * tensor per variable, measured with tfjs 4.22); inside tf.tidy the initial tensor is released.
 */
export function variableFrom(make: () => tf.Tensor): tf.Variable {
  return tf.tidy(() => tf.variable(make()));
}

/** A [shape] weight variable drawn from N(0, std²) with std set by `init` and `fanIn`. */
export function initNormal(rng: Rng, init: ConvInit, shape: number[], fanIn: number): tf.Variable {
  const std = init === "he-normal" ? Math.sqrt(2 / fanIn) : DCGAN_STD;
  const n = shape.reduce((a, b) => a * b, 1);
  return variableFrom(() => tf.tensor(Float32Array.from(rng.normalArray(n), (v) => v * std), shape));
}

const zeroBias = (n: number) => variableFrom(() => tf.zeros([n]));

export interface Conv2dParams {
  /** [k, k, Cin, Cout] */
  w: tf.Variable;
  /** [Cout] */
  b: tf.Variable;
  stride: number;
}

export function createConv2d(rng: Rng, init: ConvInit, kernel: number, inC: number, outC: number, stride: number): Conv2dParams {
  return { w: initNormal(rng, init, [kernel, kernel, inC, outC], kernel * kernel * inC), b: zeroBias(outC), stride };
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

export function createConv2dTranspose(rng: Rng, init: ConvInit, kernel: number, inC: number, outC: number, stride: number): ConvTransposeParams {
  return { w: initNormal(rng, init, [kernel, kernel, outC, inC], kernel * kernel * inC), b: zeroBias(outC), stride };
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

export interface DenseLayer {
  /** [in, out] */
  w: tf.Variable;
  /** [out] */
  b: tf.Variable;
}

export function createDense(rng: Rng, init: ConvInit, inDim: number, outDim: number): DenseLayer {
  return { w: initNormal(rng, init, [inDim, outDim], inDim), b: zeroBias(outDim) };
}

/** [B, in] → [B, out]. */
export function denseLayer(p: DenseLayer, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.add(tf.matMul(x, p.w as tf.Tensor2D), p.b) as tf.Tensor2D);
}

/** Any layer's variables: w then b. */
export function layerVariables(layers: { w: tf.Variable; b: tf.Variable }[]): tf.Variable[] {
  return layers.flatMap((l) => [l.w, l.b]);
}

export interface DcganSpec {
  latentDim: number;
  /** Feature maps of the 14×14 layers; the 7×7 layers have twice as many. */
  width: number;
  kernel: number;
  init: ConvInit;
}

/**
 * G: z [B, latent] → dense → [B, 7·7·2w] → ReLU → reshape [B, 7, 7, 2w]
 *    → convT(k, s2) [B, 14, 14, w] → ReLU → convT(k, s2) [B, 28, 28, 1] → tanh
 * D: x [B, 28, 28, 1] → conv(k, s2) [B, 14, 14, w] → LeakyReLU(0.2)
 *    → conv(k, s2) [B, 7, 7, 2w] → LeakyReLU(0.2) → flatten → dense → logits [B, 1]
 * Deviation from DCGAN: no batch norm (the variable-list pattern keeps no running statistics);
 * at this size the nets train without it.
 */
export interface Dcgan {
  spec: DcganSpec;
  g: { fc: DenseLayer; up1: ConvTransposeParams; up2: ConvTransposeParams };
  d: { conv1: Conv2dParams; conv2: Conv2dParams; fc: DenseLayer };
}

const LEAK = 0.2; // DCGAN's LeakyReLU slope

export function createDcgan(spec: DcganSpec, rng: Rng): Dcgan {
  const { latentDim, width: c, kernel: k, init } = spec;
  const g = rng.child("G");
  const d = rng.child("D");
  return {
    spec,
    g: {
      fc: createDense(g.child("fc"), init, latentDim, 7 * 7 * 2 * c),
      up1: createConv2dTranspose(g.child("up1"), init, k, 2 * c, c, 2),
      up2: createConv2dTranspose(g.child("up2"), init, k, c, 1, 2),
    },
    d: {
      conv1: createConv2d(d.child("conv1"), init, k, 1, c, 2),
      conv2: createConv2d(d.child("conv2"), init, k, c, 2 * c, 2),
      fc: createDense(d.child("fc"), init, 7 * 7 * 2 * c, 1),
    },
  };
}

export function dcganGeneratorVariables(m: Dcgan): tf.Variable[] {
  return layerVariables([m.g.fc, m.g.up1, m.g.up2]);
}

export function dcganDiscriminatorVariables(m: Dcgan): tf.Variable[] {
  return layerVariables([m.d.conv1, m.d.conv2, m.d.fc]);
}

/** G(z): [B, latent] → images [B, 28, 28, 1] in (−1, 1). */
export function dcganGenerate(m: Dcgan, z: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() => {
    const c = m.spec.width;
    const h0 = tf.reshape(tf.relu(denseLayer(m.g.fc, z)), [z.shape[0], 7, 7, 2 * c]) as tf.Tensor4D;
    const h1 = tf.relu(conv2dTranspose(m.g.up1, h0)) as tf.Tensor4D;
    return tf.tanh(conv2dTranspose(m.g.up2, h1));
  });
}

/** D(x): images [B, 28, 28, 1] → logits [B]. */
export function dcganDiscriminate(m: Dcgan, x: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => {
    const h1 = tf.leakyRelu(conv2d(m.d.conv1, x), LEAK) as tf.Tensor4D;
    const h2 = tf.leakyRelu(conv2d(m.d.conv2, h1), LEAK);
    return tf.reshape(denseLayer(m.d.fc, tf.reshape(h2, [x.shape[0], -1]) as tf.Tensor2D), [-1]) as tf.Tensor1D;
  });
}

export function disposeDcgan(m: Dcgan): void {
  tf.dispose([...dcganGeneratorVariables(m), ...dcganDiscriminatorVariables(m)]);
}

/**
 * One D update on real images [B, 28, 28, 1] and noise z [B', latent] with the cross-entropy
 * loss E_real softplus(−ℓ) + E_fake softplus(ℓ); `opt` must be bound to
 * dcganDiscriminatorVariables(m). Returns the loss before the update.
 */
export function dcganDiscriminatorStep(m: Dcgan, opt: Optimizer, real: tf.Tensor4D, z: tf.Tensor2D): number {
  return minimizeLoss(opt, dcganDiscriminatorVariables(m), () => {
    const fake = dcganGenerate(m, z);
    return bceDiscriminatorLoss(dcganDiscriminate(m, real), dcganDiscriminate(m, fake)) as tf.Scalar;
  });
}

/** One G update on noise z (non-saturating loss E softplus(−ℓ(G(z)))); `opt` bound to G's variables. */
export function dcganGeneratorStep(m: Dcgan, opt: Optimizer, z: tf.Tensor2D): number {
  return minimizeLoss(opt, dcganGeneratorVariables(m), () => bceGeneratorNonSaturatingLoss(dcganDiscriminate(m, dcganGenerate(m, z))) as tf.Scalar);
}
