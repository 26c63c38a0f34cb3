/**
 * Verdicts on an article's claims, decided from per-seed measurements with their uncertainty.
 *
 * A claim is a rule on an interval I = [lo, hi] for a quantity θ (by default the Student t
 * interval of the mean over seeds at 95 %, see lib/stats/summary.ts; or a seeded bootstrap):
 *
 *   θ < c    confirmed if hi < c,   not confirmed if lo ≥ c,   undecided otherwise
 *   θ > c    confirmed if lo > c,   not confirmed if hi ≤ c,   undecided otherwise
 *   a < θ < b   confirmed if a < lo and hi < b,   not confirmed if hi ≤ a or lo ≥ b
 *
 * so a claim is only confirmed when every value the seeds leave plausible satisfies it, and
 * only rejected when none does. A comparison of two configurations A and B ("A < B") is the
 * same rule on the difference θ = mean(A) − mean(B) against 0: paired (the same seeds; the
 * t interval of the per-seed differences, ν = n − 1) or unpaired (Welch: se² = s²_A/n_A +
 * s²_B/n_B and Welch–Satterthwaite ν rounded down to an integer, which widens the interval a
 * little). Rules combine in three-valued logic: `allOf` is confirmed when every part is, not
 * confirmed when any part is not, else undecided; `anyOf` the other way round; `negation` swaps
 * confirmed and not confirmed (a claim that something does NOT happen, e.g. "KL does not cover
 * more modes than the GAN loss", decided on the interval of "it does").
 *
 * Every rule returns a {@link RuleResult}: the four columns of a verdict table (claim, rule,
 * measured with its interval, verdict) plus its parts, so a combined verdict shows what it is
 * made of ({@link verdictRows}).
 *
 * Thresholds on counts (modes covered, gaps) go between achievable values (> 7.5 for "all
 * eight"), so an interval of zero width on an integer never sits on the threshold.
 */
import { bootstrapInterval, formatInterval, formatNumber, Interval, mean, sampleSd, tInterval } from "../stats/summary";
import { studentTQuantile } from "../stats/student-t";
import { Rng } from "../util/rng";

/** The three outcomes of a rule, as verdict tables spell them. */
export const VERDICTS = ["confirmed", "not confirmed", "undecided"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** One row of a verdict table (a type, not an interface, so it is a plain record for showTable). */
export type VerdictRecord = {
  claim: string;
  rule: string;
  measured: string;
  verdict: Verdict;
};

/** A rule's outcome: its table row, the interval it was decided on, and its parts if combined. */
export interface RuleResult extends VerdictRecord {
  interval?: Interval;
  parts: RuleResult[];
}

/** How the interval is made: Student t (default) or a percentile bootstrap with a seeded Rng. */
export type IntervalMethod = { method: "t"; level?: number } | { method: "bootstrap"; rng: Rng; level?: number; resamples?: number };

/** A named set of per-seed measurements, e.g. { name: "KL(data‖G), 10-D", values: [...] }. */
export interface Measured {
  name: string;
  values: readonly number[];
}

export type Side = "below" | "above";

const DEFAULT_LEVEL = 0.95;

function intervalOf(values: readonly number[], how: IntervalMethod = { method: "t" }): Interval {
  if (values.length === 0) throw new RangeError("verdict rule: no measurements (values is empty)");
  const level = how.level ?? DEFAULT_LEVEL;
  return how.method === "t" ? tInterval(values, level) : bootstrapInterval(values, how.rng, { level, resamples: how.resamples });
}

/** The verdict of claim "θ in (a, b)" for interval [lo, hi] (a = −∞ or b = +∞ for one side). */
export function decide(iv: { lower: number; upper: number }, a: number, b: number): Verdict {
  if (Number.isNaN(iv.lower) || Number.isNaN(iv.upper)) return "undecided";
  if (a < iv.lower && iv.upper < b) return "confirmed";
  if (iv.upper <= a || iv.lower >= b) return "not confirmed";
  return "undecided";
}

function bounds(side: Side, threshold: number): [number, number] {
  if (!Number.isFinite(threshold)) throw new RangeError(`verdict rule: threshold must be a finite number, got ${threshold}`);
  return side === "below" ? [-Infinity, threshold] : [threshold, Infinity];
}

/** Claim: the mean of `x` lies below (or above) `threshold`. */
export function thresholdRule(claim: string, x: Measured, side: Side, threshold: number, how?: IntervalMethod): RuleResult {
  const iv = intervalOf(x.values, how);
  const [a, b] = bounds(side, threshold);
  return { claim, rule: `mean ${x.name} ${side === "below" ? "<" : ">"} ${formatNumber(threshold, 4)}`, measured: formatInterval(iv), verdict: decide(iv, a, b), interval: iv, parts: [] };
}

/** Claim: the mean of `x` lies strictly between `lo` and `hi`. */
export function withinRule(claim: string, x: Measured, lo: number, hi: number, how?: IntervalMethod): RuleResult {
  if (!(lo < hi)) throw new RangeError(`withinRule: need lo < hi, got [${lo}, ${hi}]`);
  const iv = intervalOf(x.values, how);
  return { claim, rule: `${formatNumber(lo, 4)} < mean ${x.name} < ${formatNumber(hi, 4)}`, measured: formatInterval(iv), verdict: decide(iv, lo, hi), interval: iv, parts: [] };
}

/** Welch's interval for mean(a) − mean(b) at `level`, ν rounded down. */
function welchInterval(a: readonly number[], b: readonly number[], level: number): Interval {
  const n = a.length, m = b.length;
  const estimate = mean(a) - mean(b);
  if (n < 2 || m < 2) return { estimate, lower: -Infinity, upper: Infinity, level, n: n + m, method: "t" };
  const va = sampleSd(a) ** 2 / n, vb = sampleSd(b) ** 2 / m;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { estimate, lower: estimate, upper: estimate, level, n: n + m, method: "t" };
  const nu = Math.max(1, Math.floor((va + vb) ** 2 / (va ** 2 / (n - 1) + vb ** 2 / (m - 1))));
  const half = studentTQuantile((1 + level) / 2, nu) * se;
  return { estimate, lower: estimate - half, upper: estimate + half, level, n: n + m, method: "t" };
}

export interface ComparisonOptions {
  /** paired: a[i] and b[i] come from the same seed (default true when the lengths agree) */
  paired?: boolean;
  /** the claim is a − b < −margin ("less") or a − b > margin ("greater"); default 0 */
  margin?: number;
  interval?: IntervalMethod;
}

/** The interval of mean(a) − mean(b): paired (per-seed differences) or Welch. */
function differenceInterval(where: string, a: Measured, b: Measured, opts: ComparisonOptions): { iv: Interval; paired: boolean } {
  const paired = opts.paired ?? a.values.length === b.values.length;
  const how = opts.interval ?? { method: "t" };
  if (paired) {
    if (a.values.length !== b.values.length) throw new RangeError(`${where}: paired needs as many values in "${a.name}" (${a.values.length}) as in "${b.name}" (${b.values.length})`);
    return { iv: intervalOf(a.values.map((v, i) => v - b.values[i]), how), paired };
  }
  if (how.method !== "t") throw new RangeError(`${where}: an unpaired comparison uses Welch's t interval; interval.method must be "t"`);
  return { iv: welchInterval(a.values, b.values, how.level ?? DEFAULT_LEVEL), paired };
}

/** Claim: mean(a) < mean(b) ("less") or mean(a) > mean(b) ("greater"), decided on the difference. */
export function comparisonRule(claim: string, a: Measured, relation: "less" | "greater", b: Measured, opts: ComparisonOptions = {}): RuleResult {
  const margin = opts.margin ?? 0;
  const { iv, paired } = differenceInterval("comparisonRule", a, b, opts);
  const [lo, hi] = relation === "less" ? [-Infinity, -margin] : [margin, Infinity];
  const op = relation === "less" ? "<" : ">";
  const shift = margin === 0 ? "" : ` ${relation === "less" ? "−" : "+"} ${formatNumber(margin, 4)}`;
  return {
    claim,
    rule: `mean ${a.name} ${op} mean ${b.name}${shift} (${paired ? "paired" : "Welch"} difference)`,
    measured: `difference ${formatInterval(iv)}`,
    verdict: decide(iv, lo, hi),
    interval: iv,
    parts: [],
  };
}

/**
 * Claim: mean(a) and mean(b) differ by less than `margin` ("a looks like b"), decided on the
 * interval of the difference: confirmed if it lies inside (−margin, margin), not confirmed if it
 * lies wholly outside, undecided otherwise (two one-sided comparisons in one interval).
 */
export function equivalenceRule(claim: string, a: Measured, b: Measured, margin: number, opts: Omit<ComparisonOptions, "margin"> = {}): RuleResult {
  if (!(margin > 0 && Number.isFinite(margin))) throw new RangeError(`equivalenceRule: margin must be a finite number > 0, got ${margin}`);
  const { iv, paired } = differenceInterval("equivalenceRule", a, b, opts);
  return {
    claim,
    rule: `|mean ${a.name} − mean ${b.name}| < ${formatNumber(margin, 4)} (${paired ? "paired" : "Welch"} difference)`,
    measured: `difference ${formatInterval(iv)}`,
    verdict: decide(iv, -margin, margin),
    interval: iv,
    parts: [],
  };
}

/** Claim: the means increase (or decrease) along `series`: every neighbouring pair compared. */
export function orderRule(claim: string, series: readonly Measured[], relation: "less" | "greater", opts: ComparisonOptions = {}): RuleResult {
  if (series.length < 2) throw new RangeError(`orderRule: needs at least two series, got ${series.length}`);
  const parts = series.slice(1).map((s, i) => comparisonRule(`${series[i].name} ${relation === "less" ? "<" : ">"} ${s.name}`, series[i], relation, s, opts));
  return allOf(claim, parts);
}

function combine(claim: string, parts: RuleResult[], joiner: "all" | "any", verdict: Verdict): RuleResult {
  if (parts.length === 0) throw new RangeError(`${joiner}Of: needs at least one rule`);
  return {
    claim,
    rule: `${joiner} of: ${parts.map((p) => p.rule).join(joiner === "all" ? " AND " : " OR ")}`,
    measured: parts.map((p) => `${p.claim}: ${p.verdict}`).join("; "),
    verdict,
    parts,
  };
}

/** Confirmed if every part is, not confirmed if any part is not, undecided otherwise. */
export function allOf(claim: string, parts: RuleResult[]): RuleResult {
  const v: Verdict = parts.some((p) => p.verdict === "not confirmed") ? "not confirmed" : parts.every((p) => p.verdict === "confirmed") ? "confirmed" : "undecided";
  return combine(claim, parts, "all", v);
}

/** Confirmed if any part is, not confirmed if every part is not, undecided otherwise. */
export function anyOf(claim: string, parts: RuleResult[]): RuleResult {
  const v: Verdict = parts.some((p) => p.verdict === "confirmed") ? "confirmed" : parts.every((p) => p.verdict === "not confirmed") ? "not confirmed" : "undecided";
  return combine(claim, parts, "any", v);
}

/** The opposite claim: confirmed where `rule` is not confirmed and vice versa, undecided stays. */
export function negation(claim: string, rule: RuleResult): RuleResult {
  const verdict: Verdict = rule.verdict === "confirmed" ? "not confirmed" : rule.verdict === "not confirmed" ? "confirmed" : "undecided";
  return { claim, rule: `not (${rule.rule})`, measured: rule.measured, verdict, interval: rule.interval, parts: [rule] };
}
