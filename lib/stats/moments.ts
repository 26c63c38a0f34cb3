/**
 * Sample moments of a list of numbers x₁..xₙ (shape [n]):
 *
 *   mean x̄ = Σxᵢ/n,   variance s² = Σ(xᵢ − x̄)²/(n − 1) (unbiased),   std s = √s²,
 *   standard error of the mean s/√n,
 *   quantile at probability q: linear interpolation between order statistics,
 *     x₍ⱼ₎ + (h − j)(x₍ⱼ₊₁₎ − x₍ⱼ₎),  h = (n − 1)q,  j = ⌊h⌋  (0-based; R's and numpy's default),
 *   approximate standard error of s: s/√(2(n − 1)) (exact for normal data, close for the
 *   near-normal norms of this notebook; used only to size samples and tolerances).
 *
 * Two passes (mean first), which is accurate for the ≈ 10 ± 0.7 norms where the one-pass
 * formula Σx² − n·x̄² would cancel digits.
 *
 * Written here rather than taken from a statistics package (simple-statistics, @stdlib): these
 * are the textbook definitions in a few lines, and a package would add a dependency without an
 * accuracy difference the notebooks can show.
 */

export interface Summary {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** standard error of the mean, s/√n */
  seMean: number;
  /** approximate standard error of the std, s/√(2(n − 1)) */
  seStd: number;
}

function checkNonEmpty(xs: ArrayLike<number>, what: string): void {
  if (xs.length === 0) throw new RangeError(`${what}: needs at least one value`);
}

/** Arithmetic mean. */
export function mean(xs: ArrayLike<number>): number {
  checkNonEmpty(xs, "mean");
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Unbiased sample variance (n − 1 in the denominator); 0 for a single value. */
export function variance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  if (xs.length < 2) return 0;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) * (xs[i] - m);
  return s / (xs.length - 1);
}

/** Sample standard deviation √variance. */
export function std(xs: ArrayLike<number>): number {
  return Math.sqrt(variance(xs));
}

/** n, mean, std, min, max and the standard errors of mean and std. */
export function summarize(xs: ArrayLike<number>): Summary {
  const m = mean(xs), s = std(xs), n = xs.length;
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (xs[i] < min) min = xs[i];
    if (xs[i] > max) max = xs[i];
  }
  return { n, mean: m, std: s, min, max, seMean: s / Math.sqrt(n), seStd: n > 1 ? s / Math.sqrt(2 * (n - 1)) : NaN };
}

/** Quantile at probability q ∈ [0, 1] by linear interpolation of the sorted values (numpy's default). */
export function quantile(xs: ArrayLike<number>, q: number): number {
  checkNonEmpty(xs, "quantile");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
  const sorted = Float64Array.from(xs).sort();
  const h = (sorted.length - 1) * q;
  const j = Math.floor(h);
  return j + 1 < sorted.length ? sorted[j] + (h - j) * (sorted[j + 1] - sorted[j]) : sorted[j];
}
