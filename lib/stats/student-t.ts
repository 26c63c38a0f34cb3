/**
 * Student's t distribution with an integer number ν ≥ 1 of degrees of freedom: the distribution
 * function F_ν and the quantile F_ν⁻¹, as a confidence interval for a mean over n seeds needs
 * them (ν = n − 1).
 *
 * For integer ν the distribution function has a finite closed form (Abramowitz & Stegun 26.7.3–4).
 * With θ = atan(|t|/√ν), the probability A = P(|T| ≤ |t|) is
 *
 *   ν odd:   A = (2/π)·(θ + sin θ·(cos θ + (2/3)cos³θ + … + (2·4⋯(ν−3))/(1·3⋯(ν−2))·cos^{ν−2}θ))   (ν = 1: A = 2θ/π)
 *   ν even:  A = sin θ·(1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3⋯(ν−3))/(2·4⋯(ν−2))·cos^{ν−2}θ)
 *
 * and F_ν(t) = (1 ± A)/2 by the sign of t. The quantile inverts F_ν by bisection on a bracket
 * found by doubling, to the last bits of a float64.
 *
 * Why not a kept library: none in package.json has the t distribution (mathjs has no incomplete
 * beta); `@stdlib/stats-base-dists-t-quantile` or `jstat` would replace this file once declared.
 * Degrees of freedom here are always integers (n − 1, or Welch's ν rounded down), which the
 * closed form covers exactly.
 */

function checkDegrees(nu: number, where: string): void {
  if (!Number.isInteger(nu) || nu < 1) throw new RangeError(`${where}: degrees of freedom ν must be an integer ≥ 1, got ${nu}`);
}

/** P(|T| ≤ |t|) for T ~ t_ν (the A of the module comment). */
function centralProbability(t: number, nu: number): number {
  if (!Number.isFinite(t)) return 1;
  const theta = Math.atan(Math.abs(t) / Math.sqrt(nu));
  const s = Math.sin(theta), c = Math.cos(theta), c2 = c * c;
  if (nu % 2 === 1) {
    if (nu === 1) return (2 / Math.PI) * theta;
    let term = c, sum = c; // the k-th term is (2·4⋯2k)/(3·5⋯(2k+1))·c^{2k+1}
    for (let k = 1; 2 * k + 1 <= nu - 2; k++) {
      term *= ((2 * k) / (2 * k + 1)) * c2;
      sum += term;
    }
    return (2 / Math.PI) * (theta + s * sum);
  }
  let term = 1, sum = 1; // the k-th term is (1·3⋯(2k−1))/(2·4⋯2k)·c^{2k}
  for (let k = 1; 2 * k <= nu - 2; k++) {
    term *= ((2 * k - 1) / (2 * k)) * c2;
    sum += term;
  }
  return s * sum;
}

/** Distribution function F_ν(t) = P(T ≤ t) of Student's t with integer ν ≥ 1. */
export function studentTCdf(t: number, nu: number): number {
  checkDegrees(nu, "studentTCdf");
  if (Number.isNaN(t)) return NaN;
  const a = Math.min(1, centralProbability(t, nu));
  return t >= 0 ? (1 + a) / 2 : (1 - a) / 2;
}

/** Quantile F_ν⁻¹(p): the t with P(T ≤ t) = p; −∞ at p = 0, +∞ at p = 1. */
export function studentTQuantile(p: number, nu: number): number {
  checkDegrees(nu, "studentTQuantile");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`studentTQuantile: probability p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, nu);
  let hi = 1;
  while (studentTCdf(hi, nu) < p) hi *= 2;
  let lo = hi / 2 >= 1 ? hi / 2 : 0;
  for (let i = 0; i < 200 && hi - lo > 4 * Number.EPSILON * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, nu) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
