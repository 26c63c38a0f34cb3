/**
 * The χ distribution with k degrees of freedom: the law of ‖z‖ for z ~ N(0, I_k).
 *
 *   pdf   f(x; k) = x^{k−1} e^{−x²/2} / (2^{k/2 − 1} Γ(k/2)),   x ≥ 0
 *   mean  μ_k = √2 · Γ((k+1)/2) / Γ(k/2)
 *   var   σ_k² = k − μ_k²          (since E‖z‖² = k)
 *
 * For k = 100: μ ≈ 9.975, σ ≈ 0.706 — the article's "norms concentrate around 10 with
 * std ≈ 0.707" (σ_k → 1/√2 as k → ∞, while μ_k ≈ √(k − ½)).
 * Γ is mathjs's `gamma` while it stays finite; above that the log form with mathjs's `lgamma`,
 * which cannot overflow but is less accurate (absolute error ≈ 1e−10 near 100, so relative
 * errors of ≈ 1e−10 in the pdf and the mean for large k — far below anything plotted).
 */
import { gamma, lgamma } from "mathjs";
import { logGammaRatio } from "./gamma-ratio";

/** Largest k for which the pdf is evaluated directly with Γ (Γ(k/2) and x^{k−1} stay finite). */
export const DIRECT_MAX_K = 100;

function checkK(k: number): void {
  if (!(Number.isFinite(k) && k > 0)) throw new RangeError(`chi: degrees of freedom must be > 0, got ${k}`);
}

/** log f(x; k) (−∞ at x = 0 for k > 1 and for x < 0). */
export function chiLogPdf(x: number, k: number): number {
  checkK(k);
  if (x < 0) return -Infinity;
  if (x === 0) return k === 1 ? Math.log(Math.sqrt(2 / Math.PI)) : k < 1 ? Infinity : -Infinity;
  return (k - 1) * Math.log(x) - (x * x) / 2 - (k / 2 - 1) * Math.LN2 - lgamma(k / 2);
}

/** f(x; k) by the direct formula with Γ (finite for k ≤ DIRECT_MAX_K and moderate x). */
export function chiPdfDirect(x: number, k: number): number {
  checkK(k);
  if (x < 0) return 0;
  return (Math.pow(x, k - 1) * Math.exp((-x * x) / 2)) / (Math.pow(2, k / 2 - 1) * gamma(k / 2));
}

/** f(x; k): direct for k ≤ DIRECT_MAX_K, log form above. */
export function chiPdf(x: number, k: number): number {
  return k <= DIRECT_MAX_K ? chiPdfDirect(x, k) : Math.exp(chiLogPdf(x, k));
}

/** Exact mean μ_k = √2 · Γ((k+1)/2)/Γ(k/2) (see gamma-ratio.ts for the accuracy). */
export function chiMean(k: number): number {
  checkK(k);
  return Math.SQRT2 * Math.exp(logGammaRatio((k + 1) / 2, k / 2));
}

/** Exact variance σ_k² = k − μ_k². */
export function chiVariance(k: number): number {
  const m = chiMean(k);
  return Math.max(0, k - m * m);
}

/** Exact standard deviation σ_k = √(k − μ_k²). */
export function chiStd(k: number): number {
  return Math.sqrt(chiVariance(k));
}

/** Density of c·X for X ~ χ(k), c > 0: f(y/c; k)/c (e.g. c = 1/√2 for the lerp midpoint norm). */
export function scaledChiPdf(y: number, k: number, c: number): number {
  if (!(c > 0)) throw new RangeError(`scaledChiPdf: scale must be > 0, got ${c}`);
  return chiPdf(y / c, k) / c;
}
