/**
 * f-GAN (Nowozin, Cseke & Tomioka 2016) losses on tensors. For a convex f the f-divergence
 * D_f(P‖Q) = ∫ q f(p/q) has the variational lower bound
 *
 *   D_f(P‖Q) ≥ sup_T  E_P[T(x)] − E_Q[f*(T(x))],   T(x) = g_f(V(x)),
 *
 * V the raw network output, g_f the output activation mapping ℝ into dom f*. The table of f,
 * f′, f*, dom f*, g_f and the conventions (the "jensen-shannon" row is 2·JS, "gan" is
 * 2·JS − log 4) live in lib/stats/f-divergence.ts as float64 functions; this module holds only
 * their tensor forms g_f(v) and f*(g_f(v)), written with tf ops for speed and pinned to the
 * float64 table by test/unit/losses-fgan-sphere.test.ts.
 *
 * f*(g_f(v)) is evaluated in a closed form that cannot overflow into log(0):
 * reverse-kl v − 1; squared-hellinger eᵛ − 1; jensen-shannon softplus(v) − log 2; gan softplus(v).
 *
 * An ensemble may give each member its own divergence: a list of K divergences, one per member
 * along the first axis of [K, batch] outputs. Members with equal divergences side by side are
 * computed as one slice, so a member's loss is exactly the one it has alone.
 */
import * as tf from "@tensorflow/tfjs";
import { F_DIVERGENCES, type FDivergence } from "../stats/f-divergence";
import { batchMean } from "./reduce";

export { F_DIVERGENCES, type FDivergence };

/** One divergence for every member, or one per member (K entries for outputs [K, batch]). */
export type FDivergenceChoice = FDivergence | readonly FDivergence[];

/**
 * `f` per run of equal divergences: for a list, each tensor ([K, ...]) is sliced along its first
 * axis into the runs, `f` applied per run, the results ([run, ...]) concatenated back → [K, ...].
 */
function perMember(choice: FDivergenceChoice, tensors: tf.Tensor[], f: (div: FDivergence, ...t: tf.Tensor[]) => tf.Tensor): tf.Tensor {
  if (typeof choice === "string") return f(choice, ...tensors);
  const k = tensors[0].shape[0];
  if (choice.length !== k) throw new Error(`f-GAN loss: ${choice.length} divergences for ${k} members (outputs [${tensors[0].shape}])`);
  const parts: tf.Tensor[] = [];
  for (let start = 0; start < k; ) {
    let end = start + 1;
    while (end < k && choice[end] === choice[start]) end++;
    parts.push(f(choice[start], ...tensors.map((t) => tf.slice(t, [start], [end - start]))));
    start = end;
  }
  return parts.length === 1 ? parts[0] : tf.concat(parts);
}

/** The tensor forms of one row of the table, element-wise on [...] → [...]. */
export interface FDivergenceTensorOps {
  /** The output activation g_f(v). */
  activation(v: tf.Tensor): tf.Tensor;
  /** f*(g_f(v)) in a numerically stable closed form. */
  conjugateOfActivation(v: tf.Tensor): tf.Tensor;
}

const LOG2 = Math.log(2);

export const F_DIVERGENCE_TENSOR_OPS: Record<FDivergence, FDivergenceTensorOps> = {
  kl: {
    activation: (v) => v,
    conjugateOfActivation: (v) => tf.exp(tf.sub(v, 1)),
  },
  "reverse-kl": {
    activation: (v) => tf.neg(tf.exp(tf.neg(v))),
    conjugateOfActivation: (v) => tf.sub(v, 1),
  },
  pearson: {
    activation: (v) => v,
    conjugateOfActivation: (v) => tf.add(tf.div(tf.square(v), 4), v),
  },
  "squared-hellinger": {
    activation: (v) => tf.sub(1, tf.exp(tf.neg(v))),
    conjugateOfActivation: (v) => tf.sub(tf.exp(v), 1),
  },
  "jensen-shannon": {
    activation: (v) => tf.sub(LOG2, tf.softplus(tf.neg(v))),
    conjugateOfActivation: (v) => tf.sub(tf.softplus(v), LOG2),
  },
  gan: {
    activation: (v) => tf.neg(tf.softplus(tf.neg(v))),
    conjugateOfActivation: (v) => tf.softplus(v),
  },
};

/**
 * The variational estimate E_P[g_f(V_real)] − E_Q[f*(g_f(V_fake))] of D_f(P‖Q).
 * realV, fakeV: [..., batch] raw outputs → [...].
 */
export function fganBound(div: FDivergenceChoice, realV: tf.Tensor, fakeV: tf.Tensor): tf.Tensor {
  return perMember(div, [realV, fakeV], (one, r, f) => {
    const d = F_DIVERGENCE_TENSOR_OPS[one];
    return tf.sub(batchMean(d.activation(r)), batchMean(d.conjugateOfActivation(f)));
  });
}

/** D (the variational function T) maximises the bound: loss = −bound. */
export function fganDiscriminatorLoss(div: FDivergenceChoice, realV: tf.Tensor, fakeV: tf.Tensor): tf.Tensor {
  return tf.neg(fganBound(div, realV, fakeV));
}

/**
 * How G minimises the bound.
 * - "bound": the saddle-point objective itself, loss = −E_Q[f*(g_f(V_fake))].
 * - "heuristic": Nowozin et al.'s alternative (the f-GAN analogue of the non-saturating
 *   loss), loss = −E_Q[g_f(V_fake)].
 */
export type FganGeneratorObjective = "bound" | "heuristic";

/** G loss; fakeV: [..., batch] → [...]. */
export function fganGeneratorLoss(div: FDivergenceChoice, fakeV: tf.Tensor, objective: FganGeneratorObjective): tf.Tensor {
  return perMember(div, [fakeV], (one, f) => {
    const d = F_DIVERGENCE_TENSOR_OPS[one];
    return tf.neg(batchMean(objective === "bound" ? d.conjugateOfActivation(f) : d.activation(f)));
  });
}
