/**
 * Normalisation over chosen axes, with a learned per-feature gain and bias.
 *
 * Layer norm (Ba et al. 2016) normalises each sample over its features:
 *
 *   μ = mean_A(x),  σ² = mean_A((x − μ)²),  x̂ = (x − μ) / √(σ² + ε),  y = γ ⊙ x̂ + β
 *
 * where A is the set of normalised axes: the last axis for dense activations [K, batch, units],
 * axes [1, 2, 3] for feature maps [batch, H, W, C] (one μ, σ² per sample). Instance norm
 * (AdaIN in lib/nn/style.ts) is the same formula over axes [1, 2] only (one μ, σ² per sample
 * and channel). Sphere GAN's discriminator uses layer norm (Park & Kwon 2019).
 *
 * The gradient is tfjs autodiff of these ops (mean, square, rsqrt, all with correct first
 * derivatives in tfjs 4.22), checked against central finite differences of a float64 plain
 * JavaScript implementation in test/unit/layernorm.test.ts. The variance is the biased one
 * (divide by |A|), as in PyTorch's LayerNorm; ε = 1e−5 is PyTorch's default.
 */
import * as tf from "@tensorflow/tfjs";

export const LAYER_NORM_EPS = 1e-5;

/** x̂ = (x − μ) / √(σ² + ε) with μ, σ² over `axes` (kept for broadcasting); same shape as x. */
export function standardize(x: tf.Tensor, axes: number[], eps = LAYER_NORM_EPS): tf.Tensor {
  return tf.tidy(() => {
    const mu = tf.mean(x, axes, true);
    const centred = tf.sub(x, mu);
    const variance = tf.mean(tf.square(centred), axes, true);
    return tf.mul(centred, tf.rsqrt(tf.add(variance, eps)));
  });
}

/** The learned gain γ (starts at 1) and bias β (starts at 0) of one normalisation layer. */
export interface LayerNormParams {
  gamma: tf.Variable;
  beta: tf.Variable;
  /** Normalised axes of the input. */
  axes: number[];
}

/**
 * Gain and bias shaped `paramShape`, which must broadcast against the input: [K, 1, units]
 * for an ensemble's dense activations [K, batch, units] (axes [2]), [1, H, W, C] or [1, 1, 1, C]
 * for feature maps [batch, H, W, C] (axes [1, 2, 3]).
 */
export function createLayerNorm(paramShape: number[], axes: number[]): LayerNormParams {
  // inside tidy: tf.variable(t) would otherwise keep the initial tensor t alive
  return tf.tidy(() => ({ gamma: tf.variable(tf.ones(paramShape)), beta: tf.variable(tf.zeros(paramShape)), axes }));
}

/**
 * Layer norm of a K-member ensemble's dense activations [K, batch, units], over units, with
 * γ, β [K, 1, units] (each member its own gain and bias).
 */
export function createEnsembleLayerNorm(members: number, units: number): LayerNormParams {
  return createLayerNorm([members, 1, units], [2]);
}

/** y = γ ⊙ x̂ + β; same shape as x. */
export function layerNorm(x: tf.Tensor, p: LayerNormParams, eps = LAYER_NORM_EPS): tf.Tensor {
  return tf.tidy(() => tf.add(tf.mul(standardize(x, p.axes, eps), p.gamma), p.beta));
}

export function layerNormVariables(p: LayerNormParams): tf.Variable[] {
  return [p.gamma, p.beta];
}

export function disposeLayerNorm(p: LayerNormParams): void {
  p.gamma.dispose();
  p.beta.dispose();
}
