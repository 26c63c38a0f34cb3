/**
 * Verdict rules for GANSpace's claims, on top of lib/verdict/rules.ts (same three-valued logic:
 * confirmed only when the whole interval is on the claimed side).
 *
 * - {@link controlsFactorRule}: "direction v controls factor f" needs more than a large effect:
 *   every direction in w moves the image, so the baseline is random directions. The claim is
 *   confirmed when the t interval (over starting points) of v's mean effect on f lies above the
 *   q-quantile (default 95 %) of the mean effects of random unit directions, each stepped by
 *   its own σ. A random direction passes with probability below 1 − q.
 * - {@link isotropyRule}: "the spectrum is flat". For N(0, I_d) the largest sample-covariance
 *   eigenvalue over n samples sits near the Marchenko–Pastur edge (1 + √(d/n))² (in units of
 *   the mean eigenvalue), so λ₁/λ̄ per batch of n samples must lie below that edge plus `slack`.
 * - {@link rankTrendInterval} with {@link intervalRule}: a trend over component index (image
 *   change, tolerated step), as Spearman's rank correlation with a percentile bootstrap over
 *   starting points (the same resampled starts for every component).
 */
import { bootstrapInterval, formatInterval, formatNumber, quantile, tInterval, type Interval } from "../stats/summary";
import { decide, type Measured, type RuleResult, type Side } from "../verdict/rules";
import type { Rng } from "../util/rng";
import { spearman } from "./effects";

/** Claim: a statistic whose interval is given lies below / above `threshold`. */
export function intervalRule(claim: string, name: string, iv: Interval, side: Side, threshold: number): RuleResult {
  if (!Number.isFinite(threshold)) throw new RangeError(`intervalRule: threshold must be a finite number, got ${threshold}`);
  const [a, b] = side === "below" ? [-Infinity, threshold] : [threshold, Infinity];
  return { claim, rule: `${name} ${side === "below" ? "<" : ">"} ${formatNumber(threshold, 4)}`, measured: formatInterval(iv), verdict: decide(iv, a, b), interval: iv, parts: [] };
}

/** Claim: the mean per-start effect `effect` exceeds the q-quantile of random directions' mean effects. */
export function controlsFactorRule(claim: string, effect: Measured, randomMeans: readonly number[], q = 0.95): RuleResult {
  if (randomMeans.length < 10) throw new RangeError(`controlsFactorRule: ${randomMeans.length} random directions; at least 10 are needed for a ${q} quantile`);
  const threshold = quantile(randomMeans, q);
  const iv = tInterval(effect.values);
  return {
    claim,
    rule: `mean ${effect.name} > ${Math.round(q * 100)} % quantile of ${randomMeans.length} random directions (${formatNumber(threshold, 3)})`,
    measured: formatInterval(iv),
    verdict: decide(iv, threshold, Infinity),
    interval: iv,
    parts: [],
  };
}

/** The Marchenko–Pastur upper edge (1 + √(d/n))², in units of the true common variance. */
export function marchenkoPasturEdge(d: number, n: number): number {
  if (!(d >= 1 && n >= 1)) throw new RangeError(`marchenkoPasturEdge: d ${d} and n ${n} must be >= 1`);
  return (1 + Math.sqrt(d / n)) ** 2;
}

/** λ₁ / mean λ of a spectrum (all d eigenvalues). */
export function anisotropy(eigenvalues: ArrayLike<number>): number {
  const values = Array.from(eigenvalues);
  return values[0] / (values.reduce((a, b) => a + b, 0) / values.length);
}

/** Claim: the spectrum is flat; `ratios` are λ₁/λ̄ of batches of n samples in d dimensions. */
export function isotropyRule(claim: string, ratios: Measured, d: number, n: number, slack = 0.05): RuleResult {
  const edge = marchenkoPasturEdge(d, n) + slack;
  const iv = tInterval(ratios.values);
  return {
    claim,
    rule: `mean ${ratios.name} < (1 + √(d/n))² + ${slack} = ${formatNumber(edge, 4)} (d = ${d}, n = ${n})`,
    measured: formatInterval(iv),
    verdict: decide(iv, -Infinity, edge),
    interval: iv,
    parts: [],
  };
}

/**
 * Spearman's correlation between component index (1..K) and the per-component mean of
 * `values` ([K][S]: component k at start s), with a percentile bootstrap over the S starts.
 */
export function rankTrendInterval(values: readonly (readonly number[])[], rng: Rng, resamples = 2000): Interval {
  const k = values.length;
  const s = values[0]?.length ?? 0;
  if (k < 3 || s < 2 || values.some((v) => v.length !== s)) throw new RangeError(`rankTrendInterval: needs >= 3 components with the same >= 2 starts, got ${k} × [${values.map((v) => v.length)}]`);
  const index = Array.from({ length: k }, (_, i) => i + 1);
  const trend = (starts: Float64Array) => spearman(index, values.map((v) => starts.reduce((a, i) => a + v[i], 0) / starts.length));
  return bootstrapInterval(Float64Array.from({ length: s }, (_, i) => i), rng, { statistic: trend, resamples });
}
