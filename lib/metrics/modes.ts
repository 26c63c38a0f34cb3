/**
 * Mode coverage and sample quality on a mixture of isotropic modes (VEEGAN, Srivastava et al.
 * 2017; PacGAN, Lin et al. 2018):
 *
 * - a sample is *high quality* if it lies within `nSigma` (default 3) standard deviations of
 *   its nearest mode centre: min_k ‖x − c_k‖ ≤ nSigma·σ;
 * - mode k is *covered* if at least `minCount` (default 1, the papers' rule) high-quality samples
 *   have k as their nearest centre. A stricter `minCount` (e.g. a fraction of the n/M samples a
 *   perfect generator would put there) stops a handful of stray samples from counting as cover;
 * - reported: modes covered and the share of high-quality samples, over a fixed number of
 *   samples (VEEGAN: 2,500), averaged over runs by the caller.
 *
 * For reference, real 2-D data with isotropic modes: ‖x − c‖²/σ² ~ χ²₂, so
 * P(‖x − c‖ > 3σ) = exp(−9/2) ≈ 1.11 % of real samples are *not* high quality when the modes
 * are far apart (eight Gaussians: neighbouring centres 4·sin(π/8) ≈ 1.53 apart, 3σ = 0.6).
 */
import type { Points } from "../toy/types";

export interface ModeOptions {
  /** Radius in standard deviations; default 3. */
  nSigma?: number;
  /** High-quality samples a mode needs to count as covered; default 1. */
  minCount?: number;
}

export interface ModeStats {
  samples: number;
  /** Number of high-quality samples. */
  highQuality: number;
  /** highQuality / samples. */
  highQualityFraction: number;
  /** High-quality samples nearest to each centre, [modes]. */
  perMode: number[];
  /** Number of centres with perMode ≥ minCount. */
  modesCovered: number;
}

/** Index of the nearest centre and the distance to it, for one point. */
export function nearestCentre(centres: readonly (readonly [number, number])[], x: number, y: number): { index: number; distance: number } {
  let index = -1;
  let best = Infinity;
  for (let k = 0; k < centres.length; k++) {
    const dx = x - centres[k][0];
    const dy = y - centres[k][1];
    const d2 = dx * dx + dy * dy;
    if (d2 < best) {
      best = d2;
      index = k;
    }
  }
  return { index, distance: Math.sqrt(best) };
}

/** VEEGAN/PacGAN mode statistics of 2-D samples [n, 2] against `centres` with per-mode std σ. */
export function modeStats(points: Points, centres: readonly (readonly [number, number])[], sigma: number, opts: ModeOptions = {}): ModeStats {
  const nSigma = opts.nSigma ?? 3;
  const minCount = opts.minCount ?? 1;
  if (centres.length === 0) throw new Error("modeStats: no mode centres");
  if (!(sigma > 0)) throw new Error(`modeStats: sigma ${sigma} must be > 0`);
  const radius = nSigma * sigma;
  const n = points.length / 2;
  const perMode = new Array<number>(centres.length).fill(0);
  let highQuality = 0;
  for (let i = 0; i < n; i++) {
    const { index, distance } = nearestCentre(centres, points[2 * i], points[2 * i + 1]);
    if (distance <= radius) {
      highQuality++;
      perMode[index]++;
    }
  }
  return {
    samples: n,
    highQuality,
    highQualityFraction: n > 0 ? highQuality / n : NaN,
    perMode,
    modesCovered: perMode.filter((c) => c >= minCount).length,
  };
}
