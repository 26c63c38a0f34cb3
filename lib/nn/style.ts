/**
 * A small style-based generator (after StyleGAN, Karras et al. 2019) for 28×28×1 images, built
 * so that GANSpace (Härkönen et al. 2020) can sample w and edit the style input of chosen layers only.
 *
 * Mapping network f: z [B, latent] → w [B, wDim]
 *   z ↦ z / √(mean(z²) + ε)   (pixel norm, as StyleGAN), then `mappingLayers` dense layers
 *   of width wDim, each followed by LeakyReLU(0.2).
 *
 * Synthesis network g: styles w_0 … w_{L−1}, each [B, wDim] (all equal to w by default) →
 *   h = learned constant [1, 7, 7, C₀], tiled over the batch
 *   for layer l:  [upsample ×2 (nearest)] → conv 3×3 → LeakyReLU(0.2) → AdaIN(·, w_l)
 *   image = tanh(conv 1×1 (h)) → [B, 28, 28, 1]
 * AdaIN(h, w) = (1 + s) ⊙ ĥ + t,  [s, t] = w·A_l + b_l  ([B, 2C], split), with ĥ the instance
 * norm of h (mean and variance over H, W per sample and channel, lib/nn/layernorm.ts). The
 * affine A_l starts with std √(1/wDim) and b_l = 0, so every style starts near identity.
 *
 * The default layers: 7×7×32, ↑ 14×14×32, 14×14×16, ↑ 28×28×16 (L = 4).
 * Deviations from StyleGAN: no per-pixel noise inputs, no equalised learning rate, no
 * progressive growing, no truncation trick; one conv per style.
 */
import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../util/rng";
import { conv2d, createConv2d, createDense, denseLayer, initNormal, layerVariables, variableFrom, type Conv2dParams, type DenseLayer } from "./conv";
import { standardize } from "./layernorm";

export interface SynthesisLayerSpec {
  channels: number;
  /** Nearest-neighbour ×2 upsampling before the conv. */
  upsample: boolean;
}

export interface StyleGeneratorSpec {
  latentDim: number;
  wDim: number;
  mappingLayers: number;
  /** Width of the constant input C₀ (7×7×C₀). */
  constChannels: number;
  layers: SynthesisLayerSpec[];
}

export const DEFAULT_SYNTHESIS: SynthesisLayerSpec[] = [
  { channels: 32, upsample: false },
  { channels: 32, upsample: true },
  { channels: 16, upsample: false },
  { channels: 16, upsample: true },
];

const LEAK = 0.2; // StyleGAN's LeakyReLU slope
const PIXEL_NORM_EPS = 1e-8;
const INSTANCE_NORM_EPS = 1e-5;
const CONST_SIDE = 7;

export interface StyleLayer {
  conv: Conv2dParams;
  /** w → [s, t], [wDim, 2C] */
  affine: DenseLayer;
}

export interface StyleGenerator {
  spec: StyleGeneratorSpec;
  mapping: DenseLayer[];
  /** [1, 7, 7, C₀], starts at 1 */
  constant: tf.Variable;
  layers: StyleLayer[];
  /** conv 1×1 to one channel */
  toImage: Conv2dParams;
}

export function createStyleGenerator(spec: StyleGeneratorSpec, rng: Rng): StyleGenerator {
  const { latentDim, wDim } = spec;
  const mapping = Array.from({ length: spec.mappingLayers }, (_, i) => createDense(rng.child(`map${i}`), "he-normal", i === 0 ? latentDim : wDim, wDim));
  let inC = spec.constChannels;
  const layers = spec.layers.map((l, i) => {
    const conv = createConv2d(rng.child(`conv${i}`), "he-normal", 3, inC, l.channels, 1);
    // fan_in 2·wDim gives std √(2/(2·wDim)) = √(1/wDim)
    const affine = { w: initNormal(rng.child(`style${i}`), "he-normal", [wDim, 2 * l.channels], 2 * wDim), b: variableFrom(() => tf.zeros([2 * l.channels])) };
    inC = l.channels;
    return { conv, affine };
  });
  return {
    spec,
    mapping,
    constant: variableFrom(() => tf.ones([1, CONST_SIDE, CONST_SIDE, spec.constChannels])),
    layers,
    toImage: createConv2d(rng.child("toImage"), "he-normal", 1, inC, 1, 1),
  };
}

/** w = f(z): [B, latent] → [B, wDim]. */
export function mapLatent(net: StyleGenerator, z: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    let h = tf.mul(z, tf.rsqrt(tf.add(tf.mean(tf.square(z), 1, true), PIXEL_NORM_EPS))) as tf.Tensor2D;
    for (const layer of net.mapping) h = tf.leakyRelu(denseLayer(layer, h), LEAK);
    return h;
  });
}

/** AdaIN(h, w) = (1 + s) ⊙ instanceNorm(h) + t, [s, t] = w·A + b: h [B, H, W, C], w [B, wDim]. */
export function adaIn(h: tf.Tensor4D, w: tf.Tensor2D, affine: DenseLayer): tf.Tensor4D {
  return tf.tidy(() => {
    const c = h.shape[3];
    const style = tf.reshape(denseLayer(affine, w), [w.shape[0], 1, 1, 2 * c]);
    const [s, t] = tf.split(style, 2, 3);
    return tf.add(tf.mul(tf.add(1, s), standardize(h, [1, 2], INSTANCE_NORM_EPS)), t) as tf.Tensor4D;
  });
}

/**
 * Nearest-neighbour ×2: [B, H, W, C] → [B, 2H, 2W, C], by stacking each column and then each
 * row twice (stack and reshape have gradients on every backend; tile of rank 6 has none).
 */
export function upsample2(h: tf.Tensor4D): tf.Tensor4D {
  const [b, height, width, c] = h.shape;
  return tf.tidy(() => {
    const cols = tf.reshape(tf.stack([h, h], 3), [b, height, 2 * width, c]);
    return tf.reshape(tf.stack([cols, cols], 2), [b, 2 * height, 2 * width, c]) as tf.Tensor4D;
  });
}

export interface SynthesisResult {
  /** [B, 28, 28, 1] in (−1, 1) */
  images: tf.Tensor4D;
  /** The output of each style layer (after AdaIN), when asked for. */
  features: tf.Tensor4D[];
}

/**
 * g(w_0, …, w_{L−1}): `styles` is one w [B, wDim] for every layer, or a list of L of them (layer
 * l modulated by styles[l]). With `keepFeatures`, each layer's output is returned too.
 */
export function synthesize(net: StyleGenerator, styles: tf.Tensor2D | tf.Tensor2D[], keepFeatures = false): SynthesisResult {
  const list = Array.isArray(styles) ? styles : net.layers.map(() => styles);
  if (list.length !== net.layers.length) throw new Error(`synthesize: ${list.length} styles for ${net.layers.length} layers`);
  return tf.tidy(() => {
    const batch = list[0].shape[0];
    let h = tf.tile(net.constant, [batch, 1, 1, 1]) as tf.Tensor4D;
    const features: tf.Tensor4D[] = [];
    net.layers.forEach((layer, l) => {
      if (net.spec.layers[l].upsample) h = upsample2(h);
      h = adaIn(tf.leakyRelu(conv2d(layer.conv, h), LEAK) as tf.Tensor4D, list[l], layer.affine);
      if (keepFeatures) features.push(h);
    });
    return { images: tf.tanh(conv2d(net.toImage, h)) as tf.Tensor4D, features };
  });
}

/** G(z) = g(f(z), …, f(z)): [B, latent] → [B, 28, 28, 1]. */
export function styleGenerate(net: StyleGenerator, z: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() => synthesize(net, mapLatent(net, z)).images);
}

/**
 * The styles of a layer-wise edit E(v, j–k): `edited` for layers j..k (inclusive), `w` for the
 * others; both [B, wDim]. The tensors are passed through (not copied).
 */
export function layerwiseStyles(net: StyleGenerator, w: tf.Tensor2D, edited: tf.Tensor2D, from: number, to: number): tf.Tensor2D[] {
  const n = net.layers.length;
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to < n)) {
    throw new RangeError(`layerwiseStyles: layers ${from}–${to} not within 0–${n - 1}`);
  }
  return net.layers.map((_, l) => (l >= from && l <= to ? edited : w));
}

export function mappingVariables(net: StyleGenerator): tf.Variable[] {
  return layerVariables(net.mapping);
}

export function synthesisVariables(net: StyleGenerator): tf.Variable[] {
  return [net.constant, ...net.layers.flatMap((l) => layerVariables([l.conv, l.affine])), ...layerVariables([net.toImage])];
}

export function disposeStyleGenerator(net: StyleGenerator): void {
  tf.dispose([...mappingVariables(net), ...synthesisVariables(net)]);
}
