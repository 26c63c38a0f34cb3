/**
 * The statistics of "Walking in the latent space of a GAN" about the priors, computed from seeded
 * samples of the priors:
 *
 * - ‖z‖ for z ~ N(0, I_d) and for z ~ U[−1, 1]^d  (`priorSamples` each);
 * - for `pairs` independent pairs p₀, p₁ ~ N(0, I_d):
 *     the distance from the origin to the line through p₀ and p₁,
 *     the lerp midpoint norm ‖(p₀ + p₁)/2‖ (exactly χ(d)/√2 in law),
 *     the slerp midpoint norm,
 *     the angle between p₀ and p₁ in degrees,
 *     how far the slerp path's norm leaves the band [min(‖p₀‖,‖p₁‖), max(‖p₀‖,‖p₁‖)] and whether
 *     it is monotone, both in closed form (./slerp-norm.ts; the article says the norm stays in
 *     the band and is monotone, which holds exactly when Ω ≤ 90°),
 *     the ratio of a great circle's length at the pair's mean radius to the slerp path's length,
 *     π(‖p₀‖ + ‖p₁‖)/L (= 2π/Ω when the norms are equal; the article: "about 3 times").
 *
 * Exact laws, used as oracles: p₀ + p₁ and p₁ − p₀ are independent, so
 *   ‖(p₀ + p₁)/2‖ ~ χ(d)/√2   and   origin-to-line distance ~ χ(d − 1)/√2
 * (the part of the midpoint orthogonal to the direction p₁ − p₀).
 *
 * All arrays are shape [priorSamples] or [pairs]; the four sample sets use separate child
 * streams of `rng`, so changing one sample count does not change the others' samples.
 */
import { summarize, Summary } from "../stats/moments";
import { Rng } from "../util/rng";
import { originToLineDistance } from "./line";
import { priorNorms } from "./samplers";
import { slerp } from "./slerp";
import { slerpArcLength, slerpNormProfile } from "./slerp-norm";
import { angleDegrees, lerp, norm } from "./vectors";

export interface GeometrySampleSizes {
  latentDim: number;
  priorSamples: number;
  pairs: number;
}

export interface GeometrySamples {
  normalNorms: Float64Array;
  uniformNorms: Float64Array;
  originLineDistances: Float64Array;
  lerpMidpointNorms: Float64Array;
  slerpMidpointNorms: Float64Array;
  pairAnglesDeg: Float64Array;
  /** max over t ∈ [0, 1] of the distance of ‖slerp(t)‖ outside [min(‖p₀‖,‖p₁‖), max(‖p₀‖,‖p₁‖)] (0 inside), per pair */
  slerpNormExcess: Float64Array;
  /** the same divided by max(‖p₀‖, ‖p₁‖) */
  slerpRelativeExcess: Float64Array;
  /** 1 when ‖slerp(t)‖ is monotone in t, else 0 (its mean is the share of monotone paths) */
  slerpMonotone: Float64Array;
  /** π(‖p₀‖ + ‖p₁‖) / (length of the slerp path) */
  greatCircleRatios: Float64Array;
}

export type GeometrySummaries = { [K in keyof GeometrySamples]: Summary };

/**
 * On a grid only (to show what a grid misses; ./slerp-norm.ts has the exact answer):
 * max over t = j/(grid − 1) of how far ‖slerp(p₀, p₁; t)‖ lies outside
 * [min(‖p₀‖, ‖p₁‖), max(‖p₀‖, ‖p₁‖)]; 0 when the whole path stays in the band.
 */
export function slerpNormBandExcess(p0: ArrayLike<number>, p1: ArrayLike<number>, grid: number): number {
  const n0 = norm(p0), n1 = norm(p1);
  const lo = Math.min(n0, n1), hi = Math.max(n0, n1);
  let excess = 0;
  for (let j = 0; j < grid; j++) {
    const r = norm(slerp(p0, p1, j / (grid - 1)));
    excess = Math.max(excess, r - hi, lo - r);
  }
  return excess;
}

/** Draws every sample set of the article's prior-geometry claims. */
export function sampleGeometry(rng: Rng, sizes: GeometrySampleSizes): GeometrySamples {
  const { latentDim: d, priorSamples, pairs } = sizes;
  const pairRng = rng.child("pairs");
  const out: GeometrySamples = {
    normalNorms: priorNorms(rng.child("normal-norms"), "normal", priorSamples, d),
    uniformNorms: priorNorms(rng.child("uniform-norms"), "uniform", priorSamples, d),
    originLineDistances: new Float64Array(pairs),
    lerpMidpointNorms: new Float64Array(pairs),
    slerpMidpointNorms: new Float64Array(pairs),
    pairAnglesDeg: new Float64Array(pairs),
    slerpNormExcess: new Float64Array(pairs),
    slerpRelativeExcess: new Float64Array(pairs),
    slerpMonotone: new Float64Array(pairs),
    greatCircleRatios: new Float64Array(pairs),
  };
  for (let i = 0; i < pairs; i++) {
    const p0 = pairRng.normalArray(d);
    const p1 = pairRng.normalArray(d);
    out.originLineDistances[i] = originToLineDistance(p0, p1);
    out.lerpMidpointNorms[i] = norm(lerp(p0, p1, 0.5));
    out.slerpMidpointNorms[i] = norm(slerp(p0, p1, 0.5));
    out.pairAnglesDeg[i] = angleDegrees(p0, p1);
    const profile = slerpNormProfile(p0, p1);
    out.slerpNormExcess[i] = profile.excess;
    out.slerpRelativeExcess[i] = profile.relativeExcess;
    out.slerpMonotone[i] = profile.monotone ? 1 : 0;
    out.greatCircleRatios[i] = (Math.PI * (profile.normStart + profile.normEnd)) / slerpArcLength(p0, p1);
  }
  return out;
}

/** n, mean, std, min, max and standard errors of every sample set. */
export function summarizeGeometry(samples: GeometrySamples): GeometrySummaries {
  const entries = Object.entries(samples).map(([k, v]) => [k, summarize(v)]);
  return Object.fromEntries(entries) as GeometrySummaries;
}
