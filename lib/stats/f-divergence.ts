/**
 * The f-divergences of f-GAN (Nowozin, Cseke & Tomioka 2016) as plain float64 functions: the
 * one table the tensor losses of lib/losses/fgan.ts are pinned to by test (test/unit/losses-fgan-sphere.test.ts).
 *
 * For a convex f: (0, ∞) → ℝ, D_f(P‖Q) = ∫ q(x) f(p(x)/q(x)) dx, and with the Fenchel conjugate
 * f*(t) = sup_u (u·t − f(u)):
 *
 *   D_f(P‖Q) ≥ sup_T E_P[T(x)] − E_Q[f*(T(x))],
 *
 * with equality at T*(x) = f′(p(x)/q(x)) (Fenchel–Young: u·f′(u) − f*(f′(u)) = f(u)). f-GAN writes
 * T = g_f(V): V is the raw network output and the output activation g_f maps ℝ into dom f*.
 *
 * | divergence        | f(u)                          | f′(u)             | f*(t)          | dom f*    | g_f(v)                 |
 * |-------------------|-------------------------------|-------------------|----------------|-----------|------------------------|
 * | kl                | u log u                       | 1 + log u         | e^(t−1)        | ℝ         | v                      |
 * | reverse-kl        | −log u                        | −1/u              | −1 − log(−t)   | t < 0     | −e^(−v)                |
 * | pearson           | (u − 1)²                      | 2(u − 1)          | t²/4 + t       | ℝ         | v                      |
 * | squared-hellinger | (√u − 1)²                     | 1 − 1/√u          | t/(1 − t)      | t < 1     | 1 − e^(−v)             |
 * | jensen-shannon    | u log u − (u+1) log((u+1)/2)  | log(2u/(u+1))     | −log(2 − e^t)  | t < log 2 | log 2 − log(1 + e^(−v))|
 * | gan               | u log u − (u+1) log(u+1)      | log(u/(u+1))      | −log(1 − e^t)  | t < 0     | −log(1 + e^(−v))       |
 *
 * f* is +∞ outside its domain (the supremum is unbounded there).
 *
 * Conventions to keep in mind when comparing numbers:
 * - Squared Hellinger: f = (√u − 1)² gives D_f = ∫(√p − √q)² = 2(1 − ∫√(pq)) ∈ [0, 2], no factor ½.
 * - Pearson χ²: t²/4 + t is the conjugate of (u − 1)² over all u ∈ ℝ (so `generatorDomain` is ℝ
 *   for it). Over u > 0 alone the conjugate is −1 for t < −2; the larger t²/4 + t still gives a
 *   valid lower bound, tight at T* = 2(p/q − 1) ≥ −2 where the two agree.
 * - Jensen–Shannon: the usual JS(P‖Q) = ½KL(P‖M) + ½KL(Q‖M), M = (P + Q)/2, lies in [0, log 2].
 *   The f of this table has no factor ½: D_f = KL(P‖M) + KL(Q‖M) = 2·JS ∈ [0, log 4]. A table
 *   that prints JS with ½ in front of the integral next to this f, f* and g_f is off by that
 *   factor; here the name "jensen-shannon" means 2·JS throughout (f, f*, g_f, the bound and the
 *   closed forms of lib/stats/divergences.ts).
 * - GAN: f_GAN(u) = f_JS(u) − (u + 1) log 2, so D_GAN = 2·JS − log 4 ∈ [−log 4, 0] and
 *   f_GAN(1) = −log 4, not 0 (the only row with f(1) ≠ 0). It is the value of the original GAN's
 *   minimax objective E_P[log D] + E_Q[log(1 − D)] at the optimal D = p/(p + q); g_f(v) = log σ(v)
 *   makes T = log D with D = σ(V) the usual sigmoid discriminator.
 *
 * The composition f*(g_f(v)) has a closed form that never takes the log of 0 (softplus(v) =
 * log(1 + eᵛ)): kl e^(v−1), reverse-kl v − 1, pearson v²/4 + v, squared-hellinger eᵛ − 1,
 * jensen-shannon softplus(v) − log 2, gan softplus(v). The inverse activation gives the raw output
 * that realises T*: V*(x) = g_f⁻¹(f′(p/q)) is log(p/q) for reverse-kl, jensen-shannon and gan,
 * 1 + log(p/q) for kl, 2(p/q − 1) for pearson, ½ log(p/q) for squared-hellinger.
 */
import { Interval, POSITIVE_REALS, REAL_LINE } from "./conjugate";

export type FDivergence = "kl" | "reverse-kl" | "pearson" | "squared-hellinger" | "jensen-shannon" | "gan";

export const F_DIVERGENCES: readonly FDivergence[] = ["kl", "reverse-kl", "pearson", "squared-hellinger", "jensen-shannon", "gan"];

export interface FDivergenceTable {
  /** display name (Unicode) */
  label: string;
  /** f(u) for u > 0 (continuously extended to u = 0) */
  f(u: number): number;
  /** f′(u): the optimal critic is T*(x) = f′(p(x)/q(x)) */
  fPrime(u: number): number;
  /** f*(t), +∞ outside dom f* */
  conjugate(t: number): number;
  /** dom f*, an open interval */
  conjugateDomain: Interval;
  /** the u over which f*(t) = sup_u (u·t − f(u)) is taken: (0, ∞), or ℝ for pearson */
  generatorDomain: Interval;
  /** g_f(v): ℝ → dom f* */
  activation(v: number): number;
  /** g_f⁻¹(t) for t ∈ dom f* */
  activationInverse(t: number): number;
  /** f*(g_f(v)) in closed form */
  conjugateOfActivation(v: number): number;
  /** f(1): 0, or −log 4 for gan */
  fAtOne: number;
}

const LOG2 = Math.log(2);

/** log(1 + eˣ) without overflow or cancellation. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** u log u, with 0 log 0 = 0. */
function xlogx(u: number): number {
  return u === 0 ? 0 : u * Math.log(u);
}

/** value(t) for t < bound, +∞ otherwise (a conjugate outside its domain). */
function below(bound: number, t: number, value: (t: number) => number): number {
  return t < bound ? value(t) : Infinity;
}

export const F_DIVERGENCE_TABLE: Record<FDivergence, FDivergenceTable> = {
  kl: {
    label: "KL",
    f: xlogx,
    fPrime: (u) => 1 + Math.log(u),
    conjugate: (t) => Math.exp(t - 1),
    conjugateDomain: REAL_LINE,
    generatorDomain: POSITIVE_REALS,
    activation: (v) => v,
    activationInverse: (t) => t,
    conjugateOfActivation: (v) => Math.exp(v - 1),
    fAtOne: 0,
  },
  "reverse-kl": {
    label: "reverse KL",
    f: (u) => -Math.log(u),
    fPrime: (u) => -1 / u,
    conjugate: (t) => below(0, t, (s) => -1 - Math.log(-s)),
    conjugateDomain: { lo: -Infinity, hi: 0 },
    generatorDomain: POSITIVE_REALS,
    activation: (v) => -Math.exp(-v),
    activationInverse: (t) => -Math.log(-t),
    conjugateOfActivation: (v) => v - 1,
    fAtOne: 0,
  },
  pearson: {
    label: "Pearson χ²",
    f: (u) => (u - 1) ** 2,
    fPrime: (u) => 2 * (u - 1),
    conjugate: (t) => (t * t) / 4 + t,
    conjugateDomain: REAL_LINE,
    generatorDomain: REAL_LINE,
    activation: (v) => v,
    activationInverse: (t) => t,
    conjugateOfActivation: (v) => (v * v) / 4 + v,
    fAtOne: 0,
  },
  "squared-hellinger": {
    label: "squared Hellinger",
    f: (u) => (Math.sqrt(u) - 1) ** 2,
    fPrime: (u) => 1 - 1 / Math.sqrt(u),
    conjugate: (t) => below(1, t, (s) => s / (1 - s)),
    conjugateDomain: { lo: -Infinity, hi: 1 },
    generatorDomain: POSITIVE_REALS,
    activation: (v) => -Math.expm1(-v),
    activationInverse: (t) => -Math.log1p(-t),
    conjugateOfActivation: (v) => Math.expm1(v),
    fAtOne: 0,
  },
  "jensen-shannon": {
    label: "Jensen–Shannon (2·JS)",
    f: (u) => xlogx(u) - (u + 1) * Math.log((u + 1) / 2),
    fPrime: (u) => Math.log((2 * u) / (u + 1)),
    conjugate: (t) => below(LOG2, t, (s) => -Math.log(2 - Math.exp(s))),
    conjugateDomain: { lo: -Infinity, hi: LOG2 },
    generatorDomain: POSITIVE_REALS,
    activation: (v) => LOG2 - softplus(-v),
    activationInverse: (t) => -Math.log(2 * Math.exp(-t) - 1),
    conjugateOfActivation: (v) => softplus(v) - LOG2,
    fAtOne: 0,
  },
  gan: {
    label: "GAN (2·JS − log 4)",
    f: (u) => xlogx(u) - (u + 1) * Math.log(u + 1),
    fPrime: (u) => Math.log(u / (u + 1)),
    conjugate: (t) => below(0, t, (s) => -Math.log(-Math.expm1(s))),
    conjugateDomain: { lo: -Infinity, hi: 0 },
    generatorDomain: POSITIVE_REALS,
    activation: (v) => -softplus(-v),
    activationInverse: (t) => -Math.log(Math.expm1(-t)),
    conjugateOfActivation: softplus,
    fAtOne: -Math.log(4),
  },
};

/** The raw network output that realises the optimal critic, V* = g_f⁻¹(f′(ratio)), ratio = p/q. */
export function optimalRawOutput(div: FDivergence, ratio: number): number {
  const d = F_DIVERGENCE_TABLE[div];
  return d.activationInverse(d.fPrime(ratio));
}

