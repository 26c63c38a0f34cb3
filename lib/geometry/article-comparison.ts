/**
 * Article versus reproduction: every number the article "Walking in the latent space of a GAN"
 * (after Tom White's "Sampling Generative Networks") states about latent geometry, next to its
 * exact value where one exists and our sampled value, with a tolerance and a verdict.
 *
 * Rules: "abs" means |reproduced − article| ≤ tolerance; "greater" means reproduced > article
 * (for claims such as "more than 4 standard deviations" or "mostly between 5 and 7.5").
 * Exact values: χ(d) for ‖z‖; χ(d)/√2 for the lerp midpoint; χ(d − 1)/√2 for the distance
 * from the origin to the line through two samples; the delta method (an approximation, see
 * stats/uniform-norm.ts) for the uniform prior; the sin^{d−2} law for the angle.
 */
import { angleStd } from "../stats/angle";
import { chiMean, chiStd } from "../stats/chi";
import { uniformNormMeanApprox, uniformNormStdApprox } from "../stats/uniform-norm";
import { GeometrySamples, GeometrySummaries } from "./pair-stats";

export type Rule = "abs" | "greater";

/** One row of the comparison table (plain values, ready for a CSV). */
export interface ComparisonRow {
  [column: string]: number | string;
  quantity: string;
  article: number;
  /** exact (or, for the uniform prior, delta-method) value; NaN when there is none */
  exact: number;
  reproduced: number;
  /** standard error of `reproduced` (NaN when not a sample mean or std) */
  standard_error: number;
  tolerance: number;
  rule: Rule;
  verdict: "confirmed" | "not confirmed";
}

function row(quantity: string, article: number, exact: number, reproduced: number, standardError: number, tolerance: number, rule: Rule): ComparisonRow {
  const ok = rule === "abs" ? Math.abs(reproduced - article) <= tolerance : reproduced > article;
  return { quantity, article, exact, reproduced, standard_error: standardError, tolerance, rule, verdict: ok ? "confirmed" : "not confirmed" };
}

function fraction(xs: ArrayLike<number>, keep: (x: number) => boolean): number {
  let c = 0;
  for (let i = 0; i < xs.length; i++) if (keep(xs[i])) c++;
  return c / xs.length;
}

/** Relative tolerance below which a slerp path counts as staying inside the endpoints' norm band. */
export const BAND_TOLERANCE = 1e-9;

/**
 * The comparison table. `greatCircleMaxRelDeviation` is max |‖z(t)‖ − r|/r over the notebook's
 * great-circle walks (the article's walk keeps the norm constant).
 */
export function compareWithArticle(
  latentDim: number,
  samples: GeometrySamples,
  s: GeometrySummaries,
  greatCircleMaxRelDeviation: number,
): ComparisonRow[] {
  const d = latentDim;
  const deg = 180 / Math.PI;
  const depth = (s.normalNorms.mean - s.lerpMidpointNorms.mean) / s.normalNorms.std;
  const exactDepth = (chiMean(d) * (1 - Math.SQRT1_2)) / chiStd(d);
  return [
    row("normal prior ‖z‖ mean", 10, chiMean(d), s.normalNorms.mean, s.normalNorms.seMean, 0.05, "abs"),
    row("normal prior ‖z‖ std", 0.707, chiStd(d), s.normalNorms.std, s.normalNorms.seStd, 0.02, "abs"),
    row("uniform prior ‖z‖ mean", 5.77, uniformNormMeanApprox(d), s.uniformNorms.mean, s.uniformNorms.seMean, 0.02, "abs"),
    row("uniform prior ‖z‖ std", 0.258, uniformNormStdApprox(d), s.uniformNorms.std, s.uniformNorms.seStd, 0.01, "abs"),
    row("origin-to-line distance mean", 7.0, chiMean(d - 1) * Math.SQRT1_2, s.originLineDistances.mean, s.originLineDistances.seMean, 0.1, "abs"),
    row("origin-to-line distance std", 0.5, chiStd(d - 1) * Math.SQRT1_2, s.originLineDistances.std, s.originLineDistances.seStd, 0.05, "abs"),
    row("origin-to-line distance: fraction in [5, 7.5] ('mostly')", 0.5, NaN, fraction(samples.originLineDistances, (x) => x >= 5 && x <= 7.5), NaN, 0, "greater"),
    row("lerp midpoint ‖(p₀+p₁)/2‖ mean", 7.0, chiMean(d) * Math.SQRT1_2, s.lerpMidpointNorms.mean, s.lerpMidpointNorms.seMean, 0.1, "abs"),
    row("lerp midpoint depth below mean ‖z‖, in std of ‖z‖ ('> 4')", 4, exactDepth, depth, NaN, 0, "greater"),
    row("angle between two samples mean (°)", 90, 90, s.pairAnglesDeg.mean, s.pairAnglesDeg.seMean, 0.5, "abs"),
    row("angle between two samples std (°)", 6, angleStd(d) * deg, s.pairAnglesDeg.std, s.pairAnglesDeg.seStd, 0.5, "abs"),
    row("slerp path norm inside endpoints' band: fraction of pairs", 1, NaN, fraction(samples.slerpNormExcess, (x) => x <= BAND_TOLERANCE * s.normalNorms.mean), NaN, 0.01, "abs"),
    row("slerp path norm outside band: largest excess", 0, NaN, s.slerpNormExcess.max, NaN, 0.01, "abs"),
    row("great-circle walk max |‖z(t)‖ − r|/r", 0, 0, greatCircleMaxRelDeviation, NaN, 1e-12, "abs"),
  ];
}
