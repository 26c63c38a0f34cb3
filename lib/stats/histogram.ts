/**
 * Fixed-width histograms of a list of values (shape [n]).
 *
 * `bins` equal bins on [lo, hi]: edges eⱼ = lo + j·(hi − lo)/bins, j = 0..bins; bin j holds
 * eⱼ ≤ x < eⱼ₊₁, the last bin also holds x = hi. Values outside [lo, hi] are not binned but
 * counted in `below` / `above`, so Σ counts + below + above = n always.
 *
 *   density_j = counts_j / (n · width)
 *
 * so the bars integrate to the fraction of values inside the range (1 when the range covers
 * them all) and can be overlaid on a probability density.
 *
 * Why not d3-array's `bin`: d3-array is ESM-only since version 3 while lib/ compiles to CommonJS
 * for tslab, and `bin` drops values outside its domain without counting them, which the notebooks
 * report ("0 below, 0 above").
 */

export interface Histogram {
  /** bin edges, [bins + 1] */
  edges: number[];
  /** bin centres, [bins] */
  centers: number[];
  /** counts per bin, [bins] */
  counts: number[];
  /** counts / (n · width), [bins] */
  density: number[];
  /** values below lo / above hi */
  below: number;
  above: number;
  /** number of values, binned or not */
  n: number;
  width: number;
}

export interface HistogramOptions {
  bins: number;
  /** lower edge; default the smallest value */
  lo?: number;
  /** upper edge; default the largest value */
  hi?: number;
}

/** Bins `values`; NaN values are rejected (they belong to no bin and hide a bug upstream). */
export function histogram(values: ArrayLike<number>, options: HistogramOptions): Histogram {
  const { bins } = options;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`histogram: bins must be an integer ≥ 1, got ${bins}`);
  let lo = options.lo, hi = options.hi;
  if (lo === undefined || hi === undefined) {
    let min = Infinity, max = -Infinity;
    for (let i = 0; i < values.length; i++) {
      min = Math.min(min, values[i]);
      max = Math.max(max, values[i]);
    }
    lo ??= values.length ? min : 0;
    hi ??= values.length ? max : 1;
  }
  if (hi === lo) hi = lo + 1; // all values equal: one unit-wide range
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw new RangeError(`histogram: need finite lo < hi, got [${lo}, ${hi}]`);
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, j) => (j === bins ? hi! : lo! + j * width));
  const counts = new Array<number>(bins).fill(0);
  let below = 0, above = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) throw new RangeError(`histogram: value ${i} is NaN`);
    if (x < lo) below++;
    else if (x > hi) above++;
    else {
      let j = Math.min(bins - 1, Math.floor((x - lo) / width));
      // the division can round across an edge: settle on eⱼ ≤ x < eⱼ₊₁ exactly
      while (j > 0 && x < edges[j]) j--;
      while (j < bins - 1 && x >= edges[j + 1]) j++;
      counts[j]++;
    }
  }
  const centers = Array.from({ length: bins }, (_, j) => (edges[j] + edges[j + 1]) / 2);
  const n = values.length;
  const density = counts.map((c) => (n > 0 ? c / (n * width) : 0));
  return { edges, centers, counts, density, below, above, n, width };
}
