/**
 * Whether the samples at each mode of a mixture form the mode's round normal blob.
 *
 * Each high-quality sample (within nSigma·σ of its nearest centre, as in ./modes.ts) belongs to
 * that mode. For mode k with at least `minCount` samples, the 2 × 2 sample covariance
 * C_k = [[a, b], [b, c]] of its samples (about their own mean, n − 1 in the denominator) has the
 * eigenvalues
 *
 *   λ± = (a + c)/2 ± √(((a − c)/2)² + b²),
 *
 * and the isotropy r_k = λ₋ / λ₊ ∈ [0, 1]. An isotropic normal blob, cut at the same radius in
 * every direction, has r = 1 up to sampling noise (≈ 0.85–1 for a few hundred samples); samples
 * strung along a curve through the mode (what a 1-D latent draws) have r ≪ 1. The mean over the
 * modes with enough samples summarises the generator.
 */
import type { Points } from "../toy/types";
import { nearestCentre } from "./modes";

export interface IsotropyOptions {
  /** high-quality radius in σ (default 3) */
  nSigma?: number;
  /** modes with fewer samples are left out (default 20) */
  minCount?: number;
}

export interface ModeIsotropy {
  /** r_k per mode; NaN where the mode has fewer than minCount samples */
  perMode: number[];
  /** mean of the defined r_k; NaN when no mode has enough samples */
  mean: number;
  /** modes with a defined r_k */
  modes: number;
}

/** λ₋/λ₊ of the symmetric 2 × 2 matrix [[a, b], [b, c]] (positive semidefinite); 1 for a zero matrix. */
export function eigenRatio2(a: number, b: number, c: number): number {
  const mid = (a + c) / 2;
  const rad = Math.hypot((a - c) / 2, b);
  const hi = mid + rad;
  if (!(hi > 0)) return 1;
  return Math.max(0, mid - rad) / hi;
}

export function modeIsotropy(points: Points, centres: readonly (readonly [number, number])[], sigma: number, opts: IsotropyOptions = {}): ModeIsotropy {
  const nSigma = opts.nSigma ?? 3, minCount = opts.minCount ?? 20;
  if (!(minCount >= 2)) throw new RangeError(`modeIsotropy: minCount must be ≥ 2 (a covariance needs two points), got ${minCount}`);
  const m = centres.length;
  const count = new Float64Array(m), sx = new Float64Array(m), sy = new Float64Array(m);
  const sxx = new Float64Array(m), syy = new Float64Array(m), sxy = new Float64Array(m);
  const n = points.length / 2;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i], y = points[2 * i + 1];
    const { index, distance } = nearestCentre(centres, x, y);
    if (distance > nSigma * sigma) continue;
    count[index]++;
    sx[index] += x;
    sy[index] += y;
    sxx[index] += x * x;
    syy[index] += y * y;
    sxy[index] += x * y;
  }
  const perMode = Array.from({ length: m }, (_, k) => {
    const c = count[k];
    if (c < minCount) return NaN;
    const mx = sx[k] / c, my = sy[k] / c;
    return eigenRatio2((sxx[k] - c * mx * mx) / (c - 1), (sxy[k] - c * mx * my) / (c - 1), (syy[k] - c * my * my) / (c - 1));
  });
  const defined = perMode.filter((r) => !Number.isNaN(r));
  return { perMode, mean: defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : NaN, modes: defined.length };
}
