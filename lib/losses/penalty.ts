/**
 * Lipschitz constraints of Wasserstein critics.
 *
 * Gradient penalty (Gulrajani et al. 2017): on points x̂ = αx + (1 − α)x̃ between a real x and a
 * fake x̃, with α ~ U[0, 1] drawn per sample,
 *
 *   GP = λ · E_x̂[(‖∇_x̂ D(x̂)‖₂ − 1)²].
 *
 * Its gradient with respect to the critic's weights differentiates ∇_x̂ D a second time
 * ("double backprop"); the critic must be built from twice-differentiable ops (dense mode
 * "plain", see lib/nn/dense.ts). ‖g‖₂ is √(Σg² + ε), ε = 1e−12, so a zero gradient gives a
 * finite penalty gradient instead of NaN (the reference PyTorch code has no ε).
 *
 * Weight clipping (Arjovsky et al. 2017): after every critic update each weight is projected
 * onto [−c, c].
 */
import * as tf from "@tensorflow/tfjs";
import { batchMean } from "./reduce";

const NORM_EPS = 1e-12;

/**
 * x̂ = αx + (1 − α)x̃.
 * real, fake: [K, batch, dim]; alpha: [K, batch, 1] → [K, batch, dim].
 */
export function interpolate(real: tf.Tensor3D, fake: tf.Tensor3D, alpha: tf.Tensor3D): tf.Tensor3D {
  return tf.add(tf.mul(alpha, real), tf.mul(tf.sub(1, alpha), fake)) as tf.Tensor3D;
}

/**
 * ‖∇_x D(x)‖₂ per sample. `critic` maps x: [K, batch, dim] → scores [K, batch], each score
 * depending on its own row only, so ∇ of the summed scores gives every per-sample gradient.
 * Returns [K, batch].
 */
export function criticGradientNorm(critic: (x: tf.Tensor3D) => tf.Tensor, x: tf.Tensor3D): tf.Tensor {
  const grad = tf.grad((xi: tf.Tensor) => tf.sum(critic(xi as tf.Tensor3D)))(x);
  return tf.sqrt(tf.add(tf.sum(tf.square(grad), -1), NORM_EPS));
}

/**
 * λ · E_batch[(‖∇_x̂ D(x̂)‖₂ − 1)²] with x̂ as above; shapes as in {@link interpolate}; → [K].
 * `oneSided`: λ · E[max(0, ‖∇_x̂ D(x̂)‖₂ − 1)²], which penalises only slopes above 1 (the
 * variant Gulrajani et al. discuss beside the two-sided default); a list of K flags chooses per
 * ensemble member (both variants side by side in one ensemble).
 */
export function gradientPenalty(
  critic: (x: tf.Tensor3D) => tf.Tensor,
  real: tf.Tensor3D,
  fake: tf.Tensor3D,
  alpha: tf.Tensor3D,
  weight: number,
  oneSided: boolean | readonly boolean[] = false,
): tf.Tensor {
  const norm = criticGradientNorm(critic, interpolate(real, fake, alpha));
  const excess = tf.sub(norm, 1);
  let penalised: tf.Tensor;
  if (typeof oneSided === "boolean") penalised = oneSided ? tf.relu(excess) : excess;
  else {
    const k = norm.shape[0];
    if (oneSided.length !== k) throw new Error(`gradientPenalty: ${oneSided.length} oneSided flags for ${k} members`);
    penalised = tf.where(tf.tensor2d(oneSided.map((f) => [f]), [k, 1], "bool"), tf.relu(excess), excess);
  }
  return tf.mul(weight, batchMean(tf.square(penalised)));
}

/** Projects every variable onto [−c, c] in place. */
export function clipWeights(vars: tf.Variable[], c: number): void {
  tf.tidy(() => {
    for (const v of vars) v.assign(tf.clipByValue(v, -c, c));
  });
}
