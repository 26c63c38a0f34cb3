/**
 * Element-wise activations of a dense layer, named in configs as plain JSON values so a
 * resolved config can be hashed and saved.
 *
 * - `"linear"`: a(v) = v
 * - `"relu"`: a(v) = max(0, v)
 * - `{ leakyRelu: α }`: a(v) = v for v > 0, αv otherwise (Keras LeakyReLU(α))
 * - `"tanh"`, `"sigmoid"`: σ(v) = 1 / (1 + e^(−v))
 *
 * Second derivatives (the WGAN-GP penalty differentiates ∇ₓD once more): in tfjs 4.22 the
 * gradients of tanh, sigmoid and exp read the op's saved output, and differentiating them again
 * gives wrong numbers (measured against finite differences: 1.199 vs 1.016 for tanh), while
 * LeakyRelu's gradient uses a comparison op that has no gradient and throws. With
 * `twiceDifferentiable` set, leaky ReLU is computed as ((1 + α)v + (1 − α)|v|)/2 (exact, and
 * correct to second order), ReLU as tf.relu (checked), and tanh / sigmoid are refused.
 */
import * as tf from "@tensorflow/tfjs";

export type Activation = "linear" | "relu" | "tanh" | "sigmoid" | { leakyRelu: number };

/** Applies `act` to `v` of any shape, e.g. [K, batch, units]. */
export function activate(v: tf.Tensor, act: Activation, twiceDifferentiable = false): tf.Tensor {
  if (typeof act === "object") {
    if (!twiceDifferentiable) return tf.leakyRelu(v, act.leakyRelu);
    const a = act.leakyRelu;
    return tf.add(tf.mul((1 + a) / 2, v), tf.mul((1 - a) / 2, tf.abs(v)));
  }
  if (twiceDifferentiable && (act === "tanh" || act === "sigmoid")) {
    throw new Error(`activation "${act}" has wrong second derivatives in tfjs 4.22; use relu or leaky-relu where the loss differentiates twice (WGAN-GP)`);
  }
  switch (act) {
    case "linear":
      return v;
    case "relu":
      return tf.relu(v);
    case "tanh":
      return tf.tanh(v);
    case "sigmoid":
      return tf.sigmoid(v);
  }
}

/**
 * Backward pass of {@link activate} (once-differentiable form): ∂L/∂v = a'(v) ⊙ ∂L/∂a, from the
 * pre-activation `pre` = v, the output `out` = a(v) and `dy` = ∂L/∂a, all of one shape. The same
 * values as tfjs's registered gradients, so results are identical to autodiff:
 *   relu, leaky:  v > 0 ? dy : α·dy  (α = 0 for relu), as dy · step(v, α) on wasm and cpu and
 *                 as where(v > 0, dy, α·dy) on the native backend, whose step takes seven ops
 *                 (sign(a(v)) is no substitute: the wasm backend's sign gives 0 for 0 < x ≤ 1e−30)
 *   tanh:    dy · (1 − a²),   sigmoid: dy · a(1 − a)
 */
export function activationGrad(act: Activation, pre: tf.Tensor, out: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  if (typeof act === "object" || act === "relu") {
    const alpha = typeof act === "object" ? act.leakyRelu : 0;
    // step is one kernel on wasm and cpu but seven on the native backend
    if (tf.getBackend() !== "tensorflow") return tf.mul(dy, tf.step(pre, alpha));
    return tf.where(tf.greater(pre, 0), dy, alpha === 0 ? tf.zerosLike(dy) : tf.mul(dy, alpha));
  }
  switch (act) {
    case "linear":
      return dy;
    case "tanh":
      return tf.mul(tf.sub(1, tf.square(out)), dy);
    case "sigmoid":
      return tf.mul(dy, tf.mul(out, tf.sub(1, out)));
  }
}

/** Short label for tables and plot legends: "relu", "leaky-relu(0.01)". */
export function activationLabel(act: Activation): string {
  return typeof act === "object" ? `leaky-relu(${act.leakyRelu})` : act;
}
