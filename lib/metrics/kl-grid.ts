/**
 * Histogram (grid) estimator of KL between two 2-D sample sets, the cross-check of the k-NN one.
 *
 * The plotting square [lo, hi]² is cut into bins × bins cells of width h = (hi − lo)/bins and
 * surrounded by one ring of unbounded border cells (a point left of lo falls in column 0, right
 * of hi in column bins + 1, and so on), C = (bins + 2)² cells in all: every point lands in
 * exactly one cell, none is dropped. (GAN Lab's grid KL drops generated points outside its grid
 * and subsamples the real data with a mutating splice; both bias the number.)
 *
 * With counts a_c of the n points x ~ P and b_c of the m points y ~ Q, add-α (Lidstone)
 * smoothing gives
 *
 *   p_c = (a_c + α) / (n + αC),   q_c = (b_c + α) / (m + αC),   D̂(P‖Q) = Σ_c p_c log(p_c / q_c).
 *
 * α > 0 keeps D̂ finite when a cell holds x's but no y's (α = 1 is Laplace's rule). What the
 * number means: the KL of the two discretised distributions, which is at most the continuous
 * KL (coarse cells hide structure), plus a positive small-sample bias of roughly (C − 1)/(2n)
 * for the plug-in form, minus what the smoothing takes off. Hence a coarse default grid.
 */
import type { Points } from "../toy/types";

export interface GridKlOptions {
  /** Lower and upper edge of the plotting square on both axes. */
  lo: number;
  hi: number;
  /** Cells per axis inside the plotting square; default 20. */
  bins?: number;
  /** Pseudo-count added to every cell; default 0.5 (Jeffreys / Krichevsky–Trofimov). */
  alpha?: number;
}

export interface GridKlResult {
  /** D̂(P‖Q) in nats. */
  value: number;
  /** Points of x and of y outside [lo, hi]², counted in the border ring. */
  outsideX: number;
  outsideY: number;
  /** Number of cells C, border ring included. */
  cells: number;
}

/** Cell counts of a 2-D point set [n, 2] on the bordered grid, row-major [(bins+2) × (bins+2)]. */
export function gridCounts(points: Points, lo: number, hi: number, bins: number): { counts: Float64Array; outside: number } {
  if (!(hi > lo)) throw new Error(`gridCounts: empty range [${lo}, ${hi}]`);
  if (!(Number.isInteger(bins) && bins >= 1)) throw new Error(`gridCounts: bins ${bins} must be a positive integer`);
  const side = bins + 2;
  const counts = new Float64Array(side * side);
  const h = (hi - lo) / bins;
  let outside = 0;
  const cell = (v: number): number => {
    if (Number.isNaN(v)) throw new Error("gridCounts: NaN coordinate");
    if (v < lo) return 0;
    if (v > hi) return bins + 1;
    return 1 + Math.min(bins - 1, Math.floor((v - lo) / h)); // v = hi belongs to the last inner cell
  };
  const n = points.length / 2;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    if (x < lo || x > hi || y < lo || y > hi) outside++;
    counts[cell(y) * side + cell(x)]++;
  }
  return { counts, outside };
}

/** D̂(P‖Q) on the bordered grid from x ~ P [n, 2] and y ~ Q [m, 2]. */
export function gridKl(x: Points, y: Points, opts: GridKlOptions): GridKlResult {
  const bins = opts.bins ?? 20;
  const alpha = opts.alpha ?? 0.5;
  if (!(alpha > 0)) throw new Error(`gridKl: alpha ${alpha} must be > 0`);
  const a = gridCounts(x, opts.lo, opts.hi, bins);
  const b = gridCounts(y, opts.lo, opts.hi, bins);
  const cells = a.counts.length;
  const n = x.length / 2;
  const m = y.length / 2;
  let value = 0;
  for (let c = 0; c < cells; c++) {
    const p = (a.counts[c] + alpha) / (n + alpha * cells);
    const q = (b.counts[c] + alpha) / (m + alpha * cells);
    value += p * Math.log(p / q);
  }
  return { value, outsideX: a.outside, outsideY: b.outside, cells };
}
