/**
 * Gradient steps over an explicit variable list, differentiated by tfjs autodiff:
 *
 *   θ ← optimizer(θ, ∂(Σ loss)/∂θ)   for θ in `vars` only; every other variable stays fixed.
 *
 * `f` returns the per-member loss [K] (or a scalar) as `loss` beside any values to keep for
 * reading (e.g. a penalty term); the sum over members is differentiated, so member k's weights
 * get exactly the gradient of its own loss.
 */
import * as tf from "@tensorflow/tfjs";
import type { Optimizer } from "./optimizers";

/** Named per-member values of one update, `loss` among them. */
export type UpdateValues = Record<string, tf.Tensor> & { loss: tf.Tensor };

/** Gradients of Σ loss over `vars` (in their order) and the values `f` returned, kept (the caller owns both). */
export function gradientsOf(vars: tf.Variable[], f: () => UpdateValues): { grads: tf.Tensor[]; kept: UpdateValues } {
  let kept: UpdateValues | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const parts = f();
    kept = Object.fromEntries(Object.entries(parts).map(([name, t]) => [name, tf.keep(t)])) as UpdateValues;
    return tf.sum(parts.loss) as tf.Scalar;
  }, vars);
  value.dispose();
  return { grads: vars.map((v) => grads[v.name]), kept: kept! };
}

/** One step of `optimizer` (bound to the same `vars`) on Σ loss; returns the kept values before the update. */
export function minimize(optimizer: Optimizer, vars: tf.Variable[], f: () => UpdateValues): UpdateValues {
  const { grads, kept } = gradientsOf(vars, f);
  optimizer.apply(grads);
  tf.dispose(grads);
  return kept;
}

/** {@link minimize} for a scalar loss, read back as a number (supervised training of small models). */
export function minimizeLoss(optimizer: Optimizer, vars: tf.Variable[], f: () => tf.Scalar): number {
  const { loss } = minimize(optimizer, vars, () => ({ loss: f() }));
  const out = loss.dataSync()[0];
  loss.dispose();
  return out;
}
