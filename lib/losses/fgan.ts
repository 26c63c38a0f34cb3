/**
 * f-GAN (Nowozin, Cseke & Tomioka 2016). For a convex f with f(1) = 0 the f-divergence
 * D_f(P‖Q) = ∫ q(x) f(p(x)/q(x)) dx has the variational lower bound
 *
 *   D_f(P‖Q) ≥ sup_T  E_P[T(x)] − E_Q[f*(T(x))],   f*(t) = sup_u (u t − f(u))  (Fenchel conjugate)
 *
 * with T(x) = g_f(V(x)): V is the raw network output and the output activation g_f maps it
 * into the domain of f*. The table (Nowozin et al., Table 2 and 6):
 *
 * | divergence        | f(u)                              | f*(t)            | g_f(v)               |
 * |-------------------|-----------------------------------|------------------|----------------------|
 * | kl                | u log u                           | e^(t−1)          | v                    |
 * | reverse-kl        | −log u                            | −1 − log(−t)     | −e^(−v)              |
 * | pearson           | (u − 1)²                          | t²/4 + t         | v                    |
 * | squared-hellinger | (√u − 1)²                         | t/(1 − t)        | 1 − e^(−v)           |
 * | jensen-shannon    | −(u+1) log((1+u)/2) + u log u     | −log(2 − e^t)    | log 2 − log(1+e^(−v))|
 * | gan               | u log u − (u+1) log(u+1)          | −log(1 − e^t)    | −log(1 + e^(−v))     |
 *
 * f(1) = 0 for all but "gan", whose f(1) = −log 4 (D_GAN = 2·JS − log 4).
 *
 * The composition f*(g_f(v)) is evaluated in a closed form that cannot overflow into log(0):
 * reverse-kl v − 1; squared-hellinger e^v − 1; jensen-shannon softplus(v) − log 2;
 * gan softplus(v).
 */
import * as tf from "@tensorflow/tfjs";
import { batchMean } from "./reduce";

export type FDivergence = "kl" | "reverse-kl" | "pearson" | "squared-hellinger" | "jensen-shannon" | "gan";

export const F_DIVERGENCES: readonly FDivergence[] = [
  "kl",
  "reverse-kl",
  "pearson",
  "squared-hellinger",
  "jensen-shannon",
  "gan",
];

export interface FDivergenceDef {
  /** The generator f(u), u = p/q > 0. */
  f(u: number): number;
  /** The Fenchel conjugate f*(t) on its domain. */
  conjugate(t: number): number;
  /** The output activation g_f(v), element-wise. */
  activation(v: tf.Tensor): tf.Tensor;
  /** f*(g_f(v)) element-wise, in a numerically stable closed form. */
  conjugateOfActivation(v: tf.Tensor): tf.Tensor;
}

const LOG2 = Math.log(2);

export const F_DIVERGENCE_DEFS: Record<FDivergence, FDivergenceDef> = {
  kl: {
    f: (u) => u * Math.log(u),
    conjugate: (t) => Math.exp(t - 1),
    activation: (v) => v,
    conjugateOfActivation: (v) => tf.exp(tf.sub(v, 1)),
  },
  "reverse-kl": {
    f: (u) => -Math.log(u),
    conjugate: (t) => -1 - Math.log(-t),
    activation: (v) => tf.neg(tf.exp(tf.neg(v))),
    conjugateOfActivation: (v) => tf.sub(v, 1),
  },
  pearson: {
    f: (u) => (u - 1) ** 2,
    conjugate: (t) => (t * t) / 4 + t,
    activation: (v) => v,
    conjugateOfActivation: (v) => tf.add(tf.div(tf.square(v), 4), v),
  },
  "squared-hellinger": {
    f: (u) => (Math.sqrt(u) - 1) ** 2,
    conjugate: (t) => t / (1 - t),
    activation: (v) => tf.sub(1, tf.exp(tf.neg(v))),
    conjugateOfActivation: (v) => tf.sub(tf.exp(v), 1),
  },
  "jensen-shannon": {
    f: (u) => -(u + 1) * Math.log((1 + u) / 2) + u * Math.log(u),
    conjugate: (t) => -Math.log(2 - Math.exp(t)),
    activation: (v) => tf.sub(LOG2, tf.softplus(tf.neg(v))),
    conjugateOfActivation: (v) => tf.sub(tf.softplus(v), LOG2),
  },
  gan: {
    f: (u) => u * Math.log(u) - (u + 1) * Math.log(u + 1),
    conjugate: (t) => -Math.log(1 - Math.exp(t)),
    activation: (v) => tf.neg(tf.softplus(tf.neg(v))),
    conjugateOfActivation: (v) => tf.softplus(v),
  },
};

/**
 * The variational estimate E_P[g_f(V_real)] − E_Q[f*(g_f(V_fake))] of D_f(P‖Q).
 * realV, fakeV: [..., batch] raw outputs → [...].
 */
export function fganBound(div: FDivergence, realV: tf.Tensor, fakeV: tf.Tensor): tf.Tensor {
  const d = F_DIVERGENCE_DEFS[div];
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
  const d = F_DIVERGENCE_DEFS[div];
  const term = objective === "bound" ? d.conjugateOfActivation(fakeV) : d.activation(fakeV);
  return tf.neg(batchMean(term));
}
