/**
 * Summary statistics of per-seed measurements x₁…xₙ (shape [n]) and of tables of records:
 *
 * - quantiles by linear interpolation between order statistics (Hyndman & Fan's type 7, the
 *   default of R and numpy): with x₍₁₎ ≤ … ≤ x₍ₙ₎ and h = (n − 1)·q,
 *     Q(q) = x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎);
 * - the Student t interval for the mean, x̄ ± t_{ν, (1+level)/2}·s/√n with ν = n − 1 degrees of
 *   freedom and s the sample sd (n − 1 in its denominator): exact for normal measurements and the
 *   usual choice for the 5 to 10 seeds a configuration gets;
 * - the bootstrap percentile interval of any statistic: B resamples of size n drawn with
 *   replacement by a seeded {@link Rng}; the interval is the type-7 quantiles (1 − level)/2 and
 *   (1 + level)/2 of the B resampled statistics;
 * - a group-by over records (e.g. dataset × latent size) giving one plain record per group with
 *   n, mean, sd and the t interval of each metric, ready for a table or a CSV.
 *
 * A single value has no spread: its sd is NaN and its t interval (−∞, ∞), so a verdict built on
 * it stays undecided.
 */
import { Rng } from "../util/rng";
import { mean, std } from "./moments";
import { studentTQuantile } from "./student-t";

export { mean, std } from "./moments";

function checkLevel(level: number, where: string): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`${where}: confidence level must be in (0, 1), got ${level}`);
}

function checkedValues(xs: ArrayLike<number>, where: string): Float64Array {
  if (xs.length === 0) throw new RangeError(`${where}: needs at least one value`);
  for (let i = 0; i < xs.length; i++) if (Number.isNaN(xs[i])) throw new RangeError(`${where}: value ${i} is NaN`);
  return Float64Array.from(xs);
}

/** Sample standard deviation (n − 1 in the denominator); NaN for a single value. */
export function sampleSd(xs: ArrayLike<number>): number {
  return xs.length < 2 ? NaN : std(xs);
}

/** Type-7 quantile of an ascending sorted array (see the module comment). */
function sortedQuantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Quantiles qs ∈ [0, 1] of xs, type 7 (linear interpolation between order statistics). */
export function quantiles(xs: ArrayLike<number>, qs: readonly number[]): number[] {
  const sorted = checkedValues(xs, "quantiles").sort();
  return qs.map((q) => {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantiles: probability q must be in [0, 1], got ${q}`);
    return sortedQuantile(sorted, q);
  });
}

/** One quantile q ∈ [0, 1] of xs, type 7. */
export function quantile(xs: ArrayLike<number>, q: number): number {
  return quantiles(xs, [q])[0];
}

/** Quantile q of every column j of `rows` ([n, m] → [m]): e.g. a 5 % band over many profiles. */
export function columnQuantiles(rows: readonly ArrayLike<number>[], q: number): number[] {
  if (rows.length === 0) throw new RangeError("columnQuantiles: needs at least one row");
  const m = rows[0].length;
  rows.forEach((r, i) => {
    if (r.length !== m) throw new RangeError(`columnQuantiles: row ${i} has ${r.length} values, row 0 has ${m}`);
  });
  return Array.from({ length: m }, (_, j) => quantile(rows.map((r) => r[j]), q));
}

/** Mean of every column j of `rows` ([n, m] → [m]). */
export function columnMeans(rows: readonly ArrayLike<number>[]): number[] {
  if (rows.length === 0) throw new RangeError("columnMeans: needs at least one row");
  return Array.from({ length: rows[0].length }, (_, j) => mean(rows.map((r) => r[j])));
}

/**
 * Geometric mean exp(mean ln x) and geometric sd factor exp(sd ln x) of positive values: the
 * centre and factor of a "×/÷" band on a log axis (lib/plot/bands.ts `ratioBand`). The factor
 * is 1 for a single value.
 */
export function geometricSummary(xs: ArrayLike<number>): { geometricMean: number; factor: number } {
  const logs = Array.from(checkedValues(xs, "geometricSummary"), (v, i) => {
    if (!(v > 0)) throw new RangeError(`geometricSummary: values must be > 0, got ${v} at index ${i}`);
    return Math.log(v);
  });
  return { geometricMean: Math.exp(mean(logs)), factor: logs.length < 2 ? 1 : Math.exp(std(logs)) };
}

/** An interval estimate: the point estimate and the interval at confidence `level`. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  n: number;
  /** how the interval was made, for tables and legends: "t" or "bootstrap" */
  method: "t" | "bootstrap";
}

/** The mean with its Student t interval (ν = n − 1); also the sample sd. */
export function tInterval(xs: ArrayLike<number>, level = 0.95): Interval & { sd: number } {
  checkLevel(level, "tInterval");
  const values = checkedValues(xs, "tInterval");
  const n = values.length, m = mean(values), sd = sampleSd(values);
  if (n < 2) return { estimate: m, lower: -Infinity, upper: Infinity, level, n, method: "t", sd };
  const half = studentTQuantile((1 + level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { estimate: m, lower: m - half, upper: m + half, level, n, method: "t", sd };
}

export interface BootstrapOptions {
  /** confidence level, default 0.95 */
  level?: number;
  /** resamples B, default 10,000 */
  resamples?: number;
  /** the statistic, default the mean */
  statistic?: (xs: Float64Array) => number;
}

/** Percentile bootstrap interval of `statistic` (default the mean), resampling with `rng`. */
export function bootstrapInterval(xs: ArrayLike<number>, rng: Rng, opts: BootstrapOptions = {}): Interval {
  const level = opts.level ?? 0.95, resamples = opts.resamples ?? 10_000;
  const statistic = opts.statistic ?? mean;
  checkLevel(level, "bootstrapInterval");
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`bootstrapInterval: resamples must be an integer ≥ 1, got ${resamples}`);
  const values = checkedValues(xs, "bootstrapInterval");
  const n = values.length;
  const stats = new Float64Array(resamples);
  const draw = new Float64Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) draw[i] = values[rng.int(n)];
    stats[b] = statistic(draw);
  }
  stats.sort();
  return { estimate: statistic(values), lower: sortedQuantile(stats, (1 - level) / 2), upper: sortedQuantile(stats, (1 + level) / 2), level, n, method: "bootstrap" };
}

/** A record cell: what CSV rows and tables hold. */
export type Cell = number | string | boolean | null | undefined;
export type CellRecord = Record<string, Cell>;

/** Records split by the values of `keys`, groups in order of first appearance. */
export function groupBy<R extends CellRecord>(records: readonly R[], keys: readonly string[]): { key: CellRecord; rows: R[] }[] {
  const groups = new Map<string, { key: CellRecord; rows: R[] }>();
  for (const r of records) {
    const key: CellRecord = {};
    for (const k of keys) {
      if (!(k in r)) throw new RangeError(`groupBy: record has no key "${k}" (keys: ${Object.keys(r).join(", ")})`);
      key[k] = r[k];
    }
    const id = JSON.stringify(keys.map((k) => r[k]));
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = { key, rows: [] }));
    g.rows.push(r);
  }
  return [...groups.values()];
}

/** The numbers in column `metric` of `rows`: strings, empty cells and NaN are missing values. */
export function metricValues(rows: readonly CellRecord[], metric: string): number[] {
  return rows.map((r) => r[metric]).filter((v): v is number => typeof v === "number" && !Number.isNaN(v));
}

/**
 * One record per group of `by`: the group's keys, then for each metric m the columns
 * `m_n`, `m_mean`, `m_sd`, `m_lo`, `m_hi` (t interval at `level`). A metric with no number in a
 * group is left out of that group's record (a blank in a table, not NaN).
 */
export function groupSummary(records: readonly CellRecord[], by: readonly string[], metrics: readonly string[], level = 0.95): CellRecord[] {
  return groupBy(records, by).map(({ key, rows }) => {
    const out: CellRecord = { ...key };
    for (const m of metrics) {
      const xs = metricValues(rows, m);
      if (xs.length === 0) continue;
      const ci = tInterval(xs, level);
      Object.assign(out, { [`${m}_n`]: ci.n, [`${m}_mean`]: ci.estimate, [`${m}_sd`]: ci.sd, [`${m}_lo`]: ci.lower, [`${m}_hi`]: ci.upper });
    }
    return out;
  });
}

/** `x` with `digits` significant digits as text (∞ and NaN spelled out). */
export function formatNumber(x: number, digits = 3): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (x === 0) return "0";
  const s = Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(digits))) : x.toExponential(digits - 1);
  return s.replace(/-/g, "−"); // the exponent's sign too: "−1.36e−7"
}

/** "0.101 [−0.012, 0.214] (95 % t, n = 5)": an interval as table text. */
export function formatInterval(ci: Interval, digits = 3): string {
  const pct = Number((ci.level * 100).toPrecision(4));
  return `${formatNumber(ci.estimate, digits)} [${formatNumber(ci.lower, digits)}, ${formatNumber(ci.upper, digits)}] (${pct} % ${ci.method}, n = ${ci.n})`;
}
