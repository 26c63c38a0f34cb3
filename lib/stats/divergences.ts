/**
 * f-divergences D_f(P‖Q) = ∫ q f(p/q) between two 1-D normal distributions P = N(μ_p, σ_p²),
 * Q = N(μ_q, σ_q²), three ways: closed form, quadrature, Monte Carlo. The f of each name is the
 * one of lib/stats/f-divergence.ts ("jensen-shannon" is 2·JS, "gan" is 2·JS − log 4).
 *
 * Closed forms (Δ = μ_p − μ_q). Each is a Gaussian integral after completing the square:
 * - kl: ∫ p log(p/q) = log(σ_q/σ_p) + (σ_p² + Δ²)/(2σ_q²) − ½.
 * - reverse-kl: f(u) = −log u gives ∫ q log(q/p) = KL(Q‖P), the same formula with P and Q swapped.
 * - pearson: f(u) = (u − 1)² gives ∫ (p − q)²/q = ∫ p²/q − 1. The exponent of p²/q is
 *   −(x − μ_p)²/σ_p² + (x − μ_q)²/(2σ_q²), a Gaussian in x when 2σ_q² > σ_p² (else the integral
 *   diverges), and ∫ p²/q = σ_q²/(σ_p √(2σ_q² − σ_p²)) · exp(Δ²/(2σ_q² − σ_p²)).
 * - squared-hellinger: f(u) = (√u − 1)² gives ∫ (√p − √q)² = 2(1 − BC), with the Bhattacharyya
 *   coefficient BC = ∫ √(pq) = √(2σ_pσ_q/(σ_p² + σ_q²)) · exp(−Δ²/(4(σ_p² + σ_q²))).
 * - jensen-shannon, gan: no closed form; quadrature.
 *
 * For P = N(0, 1), Q = N(1, 1): KL = reverse KL = ½, χ² = e − 1 ≈ 1.71828,
 * squared Hellinger = 2(1 − e^(−1/8)) ≈ 0.23500; 2·JS and 2·JS − log 4 by quadrature.
 *
 * Quadrature: composite Simpson (lib/stats/integrate.ts) of q(x)·f(p(x)/q(x)) over a window
 * wide enough that the tails are below double precision: [min μ − W, max μ + W] with
 * W = 20·max σ + |Δ| (it also covers the χ² integrand p²/q, centred beyond μ_p); 40,000 intervals.
 *
 * Monte Carlo: D_f = E_Q[f(r)] = E_P[f(r)/r], r = p(x)/q(x); the estimate averages f(r) over
 * samples of Q or f(r)/r over samples of P, and reports the standard error s/√n. Which is better
 * depends on the pair: for N(0, 1) ‖ N(1, 1), sampling P gives χ² a variance of about e³ instead
 * of e⁶; when Q is much wider than P (2σ_p² < σ_q²), f(r)/r under P has infinite variance for
 * reverse KL and samples of Q must be used.
 */
import { F_DIVERGENCE_TABLE, type FDivergence } from "./f-divergence";
import { simpson } from "./integrate";
import { mean, std } from "./moments";

/** N(mean, std²) in one dimension. */
export interface Normal1d {
  mean: number;
  std: number;
}

function checkNormal(n: Normal1d, what: string): void {
  if (!(n.std > 0) || !Number.isFinite(n.mean)) throw new RangeError(`${what}: needs a finite mean and std > 0, got mean ${n.mean}, std ${n.std}`);
}

/** log N(x; μ, σ²). */
export function normalLogPdf(x: number, n: Normal1d): number {
  const z = (x - n.mean) / n.std;
  return -0.5 * z * z - Math.log(n.std) - 0.5 * Math.log(2 * Math.PI);
}

/** KL(P‖Q) for normals. */
export function klNormal(p: Normal1d, q: Normal1d): number {
  const delta = p.mean - q.mean;
  return Math.log(q.std / p.std) + (p.std ** 2 + delta ** 2) / (2 * q.std ** 2) - 0.5;
}

/** Pearson χ²(P‖Q) = ∫ p²/q − 1 for normals; +∞ when 2σ_q² ≤ σ_p². */
export function pearsonNormal(p: Normal1d, q: Normal1d): number {
  const a = 2 * q.std ** 2 - p.std ** 2;
  if (a <= 0) return Infinity;
  return (q.std ** 2 / (p.std * Math.sqrt(a))) * Math.exp((p.mean - q.mean) ** 2 / a) - 1;
}

/** Squared Hellinger ∫(√p − √q)² = 2(1 − BC) for normals. */
export function squaredHellingerNormal(p: Normal1d, q: Normal1d): number {
  const s2 = p.std ** 2 + q.std ** 2;
  const bc = Math.sqrt((2 * p.std * q.std) / s2) * Math.exp(-((p.mean - q.mean) ** 2) / (4 * s2));
  return 2 * (1 - bc);
}

/** D_f(P‖Q) in closed form for normals, or null where none exists (jensen-shannon, gan). */
export function closedFormFDivergence(div: FDivergence, p: Normal1d, q: Normal1d): number | null {
  checkNormal(p, "P");
  checkNormal(q, "Q");
  switch (div) {
    case "kl":
      return klNormal(p, q);
    case "reverse-kl":
      return klNormal(q, p);
    case "pearson":
      return pearsonNormal(p, q);
    case "squared-hellinger":
      return squaredHellingerNormal(p, q);
    case "jensen-shannon":
    case "gan":
      return null;
  }
}

export const QUADRATURE_INTERVALS = 40000;

/** The integration window [a, b] for a pair of normals (see the module comment). */
export function quadratureWindow(p: Normal1d, q: Normal1d): [number, number] {
  const w = 20 * Math.max(p.std, q.std) + Math.abs(p.mean - q.mean);
  return [Math.min(p.mean, q.mean) - w, Math.max(p.mean, q.mean) + w];
}

/**
 * ∫ q(x) g(p(x)/q(x), x) dx over the window of (P, Q) by Simpson's rule; D_f for g = f(r).
 * Exported for other integrands of the same pair (e.g. the bound at the optimal critic).
 */
export function integrateOverPair(p: Normal1d, q: Normal1d, g: (ratio: number, x: number) => number, intervals = QUADRATURE_INTERVALS): number {
  checkNormal(p, "P");
  checkNormal(q, "Q");
  const [a, b] = quadratureWindow(p, q);
  return simpson((x) => {
    const lq = normalLogPdf(x, q);
    return Math.exp(lq) * g(Math.exp(normalLogPdf(x, p) - lq), x);
  }, a, b, intervals);
}

/** D_f(P‖Q) = ∫ q f(p/q) by quadrature. */
export function quadratureFDivergence(div: FDivergence, p: Normal1d, q: Normal1d, intervals = QUADRATURE_INTERVALS): number {
  const f = F_DIVERGENCE_TABLE[div].f;
  return integrateOverPair(p, q, (r) => f(r), intervals);
}

/** The usual Jensen–Shannon divergence ½KL(P‖M) + ½KL(Q‖M) ∈ [0, log 2], by quadrature. */
export function jensenShannonNormal(p: Normal1d, q: Normal1d): number {
  return quadratureFDivergence("jensen-shannon", p, q) / 2;
}

/**
 * The variational bound E_P[T*] − E_Q[f*(T*)] at the optimal critic T* = f′(p/q), by
 * quadrature: equal to D_f (Fenchel–Young), the ceiling a trained critic can reach.
 */
export function boundAtOptimalCritic(div: FDivergence, p: Normal1d, q: Normal1d): number {
  const d = F_DIVERGENCE_TABLE[div];
  return integrateOverPair(p, q, (r) => {
    const t = d.fPrime(r);
    return r * t - d.conjugate(t);
  });
}

export interface MonteCarloEstimate {
  mean: number;
  /** standard error s/√n */
  se: number;
  n: number;
}

/**
 * D_f(P‖Q) by Monte Carlo, r = p(x)/q(x): the mean of f(r)/r over samples x of P (`from` "P"),
 * or of f(r) over samples of Q (`from` "Q").
 */
export function monteCarloFDivergence(div: FDivergence, p: Normal1d, q: Normal1d, samples: ArrayLike<number>, from: "P" | "Q"): MonteCarloEstimate {
  const f = F_DIVERGENCE_TABLE[div].f;
  const terms = Array.from(samples, (x) => {
    const r = Math.exp(normalLogPdf(x, p) - normalLogPdf(x, q));
    return from === "P" ? f(r) / r : f(r);
  });
  return { mean: mean(terms), se: std(terms) / Math.sqrt(terms.length), n: terms.length };
}
