/**
 * Adam and RMSProp written out element-wise over explicit variable lists, with their state in
 * named tf.Variables so checkpoints can save and restore it exactly. Because every update is
 * element-wise, one optimizer over ensemble weights [K, in, out] is K independent optimizers,
 * and variables of compatible shapes are updated as one concatenated tensor (updateGroups), with
 * bit-for-bit the same result as updating them one by one.
 *
 * Adam (Kingma & Ba), step t = 1, 2, …, gradient g:
 *   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
 *   "pytorch" form (PyTorch, tfjs):  θ ← θ − η · m̂ / (√v̂ + ε),  m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)
 *   "keras" form (Keras, TF):        θ ← θ − η · √(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε)
 * The two differ only in where ε enters; the reference code of
 * "Why GANs need latent noise of enough dimensions" is Keras (ε = 1e−7), the
 * WGAN-GP reference PyTorch (ε = 1e−8).
 *
 * RMSProp, PyTorch form (the WGAN reference code):
 *   v ← αv + (1 − α)g²,   θ ← θ − η · g / (√v + ε),   α = 0.99, ε = 1e−8.
 * Note: tf.train.rmsprop defaults differ (decay 0.9, ε = 1e−10, and ε inside the square root),
 * so the reference values are set explicitly here rather than taken from tfjs.
 */
import * as tf from "@tensorflow/tfjs";

export type OptimizerSpec =
  | { kind: "adam"; learningRate: number; beta1: number; beta2: number; epsilon: number; form: "keras" | "pytorch" }
  | { kind: "rmsprop"; learningRate: number; alpha: number; epsilon: number };

/** Adam with Keras defaults for β₂ and ε (0.999, 1e−7). */
export function adam(learningRate: number, beta1: number, beta2 = 0.999, epsilon = 1e-7, form: "keras" | "pytorch" = "keras"): OptimizerSpec {
  return { kind: "adam", learningRate, beta1, beta2, epsilon, form };
}

/** RMSProp with PyTorch's defaults α = 0.99, ε = 1e−8 (the WGAN reference). */
export function rmsprop(learningRate: number, alpha = 0.99, epsilon = 1e-8): OptimizerSpec {
  return { kind: "rmsprop", learningRate, alpha, epsilon };
}

export interface Optimizer {
  readonly spec: OptimizerSpec;
  /** Number of updates applied so far (t). */
  iterations: number;
  /** Slot variables by name ("m/0", "v/0", …), index i referring to the i-th variable. */
  readonly slots: Map<string, tf.Variable>;
  /** Applies one update to `vars` with `grads` (same order, same shapes). */
  apply(grads: tf.Tensor[]): void;
  dispose(): void;
}

/**
 * Variables that are updated as one tensor: same dtype, same rank and the same shape except
 * along `axis` (rank − 2 for rank ≥ 2, i.e. the rows of [K, rows, cols]; 0 for rank 1). The
 * weights [K, in, out] and biases [K, 1, out] of the layers with `out` units of an MLP form one
 * group, so a network's update takes a few large element-wise ops instead of a dozen small ones
 * per variable (each op costs ~30–100 µs of dispatch on the native backend).
 */
export interface UpdateGroup {
  /** Indices into the variable list, in order. */
  indices: number[];
  axis: number;
  /** Extent of each member along `axis`. */
  sizes: number[];
}

export function updateGroups(vars: readonly tf.Tensor[]): UpdateGroup[] {
  const groups = new Map<string, UpdateGroup>();
  vars.forEach((v, i) => {
    const rank = v.shape.length;
    const axis = rank >= 2 ? rank - 2 : 0;
    const rest = v.shape.map((d, a) => (a === axis ? "*" : String(d)));
    const key = rank === 0 ? `scalar${i}` : `${v.dtype}[${rest.join(",")}]`;
    const g = groups.get(key) ?? { indices: [], axis, sizes: [] };
    g.indices.push(i);
    g.sizes.push(rank === 0 ? 1 : v.shape[axis]);
    groups.set(key, g);
  });
  return [...groups.values()];
}

/**
 * Grouping pays where op dispatch dominates (the native backend). On wasm and cpu a split along
 * rows reads the whole group tensor back once per part (their Slice), which costs more than the
 * ops it saves, so each variable is its own group there.
 */
function groupsForBackend(vars: readonly tf.Tensor[]): UpdateGroup[] {
  return tf.getBackend() === "tensorflow" ? updateGroups(vars) : singleGroups(vars);
}

function singleGroups(vars: readonly tf.Tensor[]): UpdateGroup[] {
  return vars.map((v, i) => ({ indices: [i], axis: 0, sizes: [v.shape[0] ?? 1] }));
}

/** One tensor per group: the members concatenated along the group's axis (no copy for one). */
function joined(group: UpdateGroup, tensors: readonly tf.Tensor[]): tf.Tensor {
  const parts = group.indices.map((i) => tensors[i]);
  return parts.length === 1 ? parts[0] : tf.concat(parts, group.axis);
}

/** The inverse of {@link joined}: a group-shaped tensor cut back into its members. */
function parted(group: UpdateGroup, t: tf.Tensor): tf.Tensor[] {
  return group.indices.length === 1 ? [t] : tf.split(t, group.sizes, group.axis);
}

/**
 * An optimizer bound to `vars`; it can only ever move these variables. `grouping`: "auto" =
 * groups on the native backend only (groupsForBackend); "grouped" / "single" force either way
 * (same results; tests use both).
 */
export function createOptimizer(spec: OptimizerSpec, vars: tf.Variable[], grouping: "auto" | "grouped" | "single" = "auto"): Optimizer {
  const slotNames = spec.kind === "adam" ? ["m", "v"] : ["v"];
  const slots = new Map<string, tf.Variable>();
  // inside tidy: tf.variable(t) would otherwise keep the initial tensor t alive
  tf.tidy(() => {
    for (const name of slotNames) vars.forEach((v, i) => slots.set(`${name}/${i}`, tf.variable(tf.zerosLike(v), false)));
  });
  const slotList = (name: string) => vars.map((_, i) => slots.get(`${name}/${i}`)!);
  const state = slotNames.map(slotList);
  const groups = grouping === "auto" ? groupsForBackend(vars) : grouping === "grouped" ? updateGroups(vars) : singleGroups(vars);
  const opt: Optimizer = {
    spec,
    iterations: 0,
    slots,
    apply(grads: tf.Tensor[]) {
      if (grads.length !== vars.length) throw new Error(`optimizer: ${grads.length} gradients for ${vars.length} variables`);
      const t = opt.iterations + 1;
      tf.tidy(() => {
        for (const group of groups) {
          const theta = joined(group, vars);
          const g = joined(group, grads);
          const [thetaNew, ...stateNew] =
            spec.kind === "adam"
              ? adamRule(spec, t, theta, joined(group, state[0]), joined(group, state[1]), g)
              : rmspropRule(spec, theta, joined(group, state[0]), g);
          [thetaNew, ...stateNew].forEach((value, s) => {
            const targets = s === 0 ? vars : state[s - 1];
            parted(group, value).forEach((part, j) => targets[group.indices[j]].assign(part));
          });
        }
      });
      opt.iterations = t;
    },
    dispose() {
      for (const s of slots.values()) s.dispose();
    },
  };
  return opt;
}

/** Adam step t on θ, m, v with gradient g (any shape, element-wise) → [θ', m', v']. */
function adamRule(spec: Extract<OptimizerSpec, { kind: "adam" }>, t: number, theta: tf.Tensor, m: tf.Tensor, v: tf.Tensor, g: tf.Tensor): tf.Tensor[] {
  const { learningRate: lr, beta1: b1, beta2: b2, epsilon: eps } = spec;
  const mNew = tf.add(tf.mul(b1, m), tf.mul(1 - b1, g));
  const vNew = tf.add(tf.mul(b2, v), tf.mul(1 - b2, tf.square(g)));
  const c1 = 1 - b1 ** t;
  const c2 = 1 - b2 ** t;
  const step =
    spec.form === "pytorch"
      ? tf.div(tf.div(mNew, c1), tf.add(tf.sqrt(tf.div(vNew, c2)), eps))
      : tf.mul((Math.sqrt(c2) / c1), tf.div(mNew, tf.add(tf.sqrt(vNew), eps)));
  return [tf.sub(theta, tf.mul(lr, step)), mNew, vNew];
}

/** RMSProp step on θ, v with gradient g → [θ', v']. */
function rmspropRule(spec: Extract<OptimizerSpec, { kind: "rmsprop" }>, theta: tf.Tensor, v: tf.Tensor, g: tf.Tensor): tf.Tensor[] {
  const vNew = tf.add(tf.mul(spec.alpha, v), tf.mul(1 - spec.alpha, tf.square(g)));
  return [tf.sub(theta, tf.mul(spec.learningRate, tf.div(g, tf.add(tf.sqrt(vNew), spec.epsilon)))), vNew];
}
