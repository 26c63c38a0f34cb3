/**
 * The DCGAN (Radford et al. 2016) generator and discriminator, scaled to 28×28×1 images, one
 * ensemble member each (lib/nn/network.ts runs K of them side by side):
 *
 *   G: z [B, in] → dense → [B, 7·7·2w] → ReLU → reshape [B, 7, 7, 2w]
 *      → convT(k, s2) [B, 14, 14, w] → ReLU → convT(k, s2) [B, 28, 28, 1] → tanh
 *   D: x [B, 784 (+ c)] → image [B, 28, 28, 1] → conv(k, s2) [B, 14, 14, w] → LeakyReLU(0.2) [→ LN]
 *      → conv(k, s2) [B, 7, 7, 2w] → LeakyReLU(0.2) [→ LN] → flatten [B, 98w] (‖ the c condition
 *      columns) → dense → scores [B, out]
 *
 * `in` may include one-hot condition columns after z (a conditional G simply reads them through
 * its first dense layer); D reads condition columns after the 784 pixels and joins them to its
 * flattened features. LN is layer norm over each sample's feature map (Sphere GAN's
 * discriminator uses it). Images are stored flat, 784 values per image, row-major.
 *
 * Deviations from DCGAN: two resolutions instead of four (28 = 7·2·2), and no batch norm (batch
 * statistics would make an image depend on its batch and need running averages at evaluation;
 * at this size the networks train without it).
 */
import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../util/rng";
import { activate } from "./activation";
import { conv2d, conv2dTranspose, createConv2d, createConv2dTranspose, type Conv2dParams, type ConvTransposeParams } from "./conv";
import { createDense, denseRows, layerVariables, type DenseParams } from "./dense";
import type { InitScheme } from "./init";
import { createLayerNorm, layerNorm, layerNormVariables, type LayerNormParams } from "./layernorm";

export const IMAGE_SIDE = 28;
export const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
const LEAK = 0.2; // DCGAN's LeakyReLU slope

export interface DcganGeneratorSpec {
  kind: "dcgan-generator";
  /** Feature maps of the 14×14 layer; the 7×7 layer has twice as many. */
  width: number;
  kernel: number;
  init: InitScheme;
}

export interface DcganDiscriminatorSpec {
  kind: "dcgan-discriminator";
  /** Feature maps of the 14×14 layer; the 7×7 layer has twice as many. */
  width: number;
  kernel: number;
  init: InitScheme;
  /** Layer norm after each conv block ("layer") or none. */
  norm: "none" | "layer";
  /** Output scores per image: 1 for a logit or critic value, n for Sphere GAN's u ∈ ℝⁿ. */
  outUnits: number;
}

export interface DcganGenerator {
  spec: DcganGeneratorSpec;
  fc: DenseParams;
  up1: ConvTransposeParams;
  up2: ConvTransposeParams;
}

export interface DcganDiscriminator {
  spec: DcganDiscriminatorSpec;
  /** Condition columns read after the pixels. */
  conditionWidth: number;
  conv1: Conv2dParams;
  conv2: Conv2dParams;
  norms: LayerNormParams[];
  fc: DenseParams;
}

/** One generator member reading `inWidth` inputs. */
export function createDcganGenerator(spec: DcganGeneratorSpec, inWidth: number, rng: Rng): DcganGenerator {
  const { width: c, kernel: k, init } = spec;
  return {
    spec,
    fc: createDense([rng.child("fc")], init, inWidth, 7 * 7 * 2 * c),
    up1: createConv2dTranspose(rng.child("up1"), init, k, 2 * c, c, 2),
    up2: createConv2dTranspose(rng.child("up2"), init, k, c, 1, 2),
  };
}

/** One discriminator member reading 784 pixels and `conditionWidth` condition columns. */
export function createDcganDiscriminator(spec: DcganDiscriminatorSpec, conditionWidth: number, rng: Rng): DcganDiscriminator {
  const { width: c, kernel: k, init } = spec;
  return {
    spec,
    conditionWidth,
    conv1: createConv2d(rng.child("conv1"), init, k, 1, c, 2),
    conv2: createConv2d(rng.child("conv2"), init, k, c, 2 * c, 2),
    norms: spec.norm === "layer" ? [createLayerNorm([1, 1, 1, c], [1, 2, 3]), createLayerNorm([1, 1, 1, 2 * c], [1, 2, 3])] : [],
    fc: createDense([rng.child("fc")], init, 7 * 7 * 2 * c + conditionWidth, spec.outUnits),
  };
}

/**
 * G's first layer before its ReLU, G₁(z) = z·W + b: [B, in] → [B, 7·7·2w]. Affine, not linear:
 * G₁(αz) − αG₁(z) = (1 − α)·b, so scaling z scales the feature maps only where ‖αzW‖ ≫ ‖b‖.
 */
export function dcganFirstLayer(g: DcganGenerator, z: tf.Tensor2D): tf.Tensor2D {
  return denseRows(g.fc, z);
}

/**
 * G(z) without the final tanh: [B, in] → the output layer's pre-activations [B, 784]
 * (G(z) = tanh of these). A composition of affine maps and ReLUs, so along a ray z = r·u it is
 * piecewise linear in r; without biases it would be positively homogeneous, G(αz) = αG(z), α > 0.
 */
export function dcganGeneratePreTanh(g: DcganGenerator, z: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const c = g.spec.width;
    const h0 = tf.reshape(tf.relu(dcganFirstLayer(g, z)), [z.shape[0], 7, 7, 2 * c]) as tf.Tensor4D;
    const h1 = tf.relu(conv2dTranspose(g.up1, h0)) as tf.Tensor4D;
    return tf.reshape(conv2dTranspose(g.up2, h1), [z.shape[0], IMAGE_PIXELS]) as tf.Tensor2D;
  });
}

/** G(z): [B, in] → images [B, 784] in (−1, 1). */
export function dcganGenerate(g: DcganGenerator, z: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.tanh(dcganGeneratePreTanh(g, z)) as tf.Tensor2D);
}

/**
 * D(x): [B, 784 + conditionWidth] → scores [B, outUnits]. `twiceDifferentiable`: LeakyReLU in
 * the form whose second derivative tfjs gets right (WGAN-GP, lib/nn/activation.ts).
 */
export function dcganDiscriminate(d: DcganDiscriminator, x: tf.Tensor2D, twiceDifferentiable = false): tf.Tensor2D {
  return tf.tidy(() => {
    const b = x.shape[0];
    const pixels = d.conditionWidth === 0 ? x : tf.slice(x, [0, 0], [b, IMAGE_PIXELS]);
    const block = (h: tf.Tensor4D, conv: Conv2dParams, l: number) => {
      const a = activate(conv2d(conv, h), { leakyRelu: LEAK }, twiceDifferentiable) as tf.Tensor4D;
      return d.norms.length > 0 ? (layerNorm(a, d.norms[l]) as tf.Tensor4D) : a;
    };
    const h1 = block(tf.reshape(pixels, [b, IMAGE_SIDE, IMAGE_SIDE, 1]), d.conv1, 0);
    const flat = tf.reshape(block(h1, d.conv2, 1), [b, -1]) as tf.Tensor2D;
    const features = d.conditionWidth === 0 ? flat : (tf.concat([flat, tf.slice(x, [0, IMAGE_PIXELS], [b, d.conditionWidth])], 1) as tf.Tensor2D);
    return denseRows(d.fc, features);
  });
}

export function dcganGeneratorVariables(g: DcganGenerator): tf.Variable[] {
  return layerVariables([g.fc, g.up1, g.up2]);
}

export function dcganDiscriminatorVariables(d: DcganDiscriminator): tf.Variable[] {
  return [...layerVariables([d.conv1, d.conv2]), ...d.norms.flatMap(layerNormVariables), ...layerVariables([d.fc])];
}

export function disposeDcganGenerator(g: DcganGenerator): void {
  tf.dispose(dcganGeneratorVariables(g));
}

export function disposeDcganDiscriminator(d: DcganDiscriminator): void {
  tf.dispose(dcganDiscriminatorVariables(d));
}
