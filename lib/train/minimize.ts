/**
 * One gradient step over an explicit variable list, for the models that differentiate their
 * loss with tfjs autodiff (conditional GAN, CycleGAN, DCGAN):
 *
 *   θ ← optimizer(θ, ∂f/∂θ)   for θ in `vars` only; every other variable stays fixed.
 */
import * as tf from "@tensorflow/tfjs";
import type { Optimizer } from "./optimizers";

/**
 * Differentiates the scalar `f` with respect to `vars` only and applies `optimizer` (bound to
 * the same `vars`); returns the value of f before the update.
 */
export function minimizeLoss(optimizer: Optimizer, vars: tf.Variable[], f: () => tf.Scalar): number {
  const { value, grads } = tf.variableGrads(f, vars);
  optimizer.apply(vars.map((v) => grads[v.name]));
  const out = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}
