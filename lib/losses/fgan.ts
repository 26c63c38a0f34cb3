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
 */
import * as tf from "@tensorflow/tfjs";
import { F_DIVERGENCES, type FDivergence } from "../stats/f-divergence";
import { batchMean } from "./reduce";

export { F_DIVERGENCES, type FDivergence };

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
export function fganBound(div: FDivergence, realV: tf.Tensor, fakeV: tf.Tensor): tf.Tensor {
  const d = F_DIVERGENCE_TENSOR_OPS[div];
  return tf.sub(batchMean(d.activation(realV)), batchMean(d.conjugateOfActivation(fakeV)));
}

/** D (the variational function T) maximises the bound: loss = −bound. */
export function fganDiscriminatorLoss(div: FDivergence, realV: tf.Tensor, fakeV: tf.Tensor): tf.Tensor {
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
export function fganGeneratorLoss(div: FDivergence, fakeV: tf.Tensor, objective: FganGeneratorObjective): tf.Tensor {
  const d = F_DIVERGENCE_TENSOR_OPS[div];
  const term = objective === "bound" ? d.conjugateOfActivation(fakeV) : d.activation(fakeV);
  return tf.neg(batchMean(term));
}
