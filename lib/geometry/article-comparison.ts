/**
 * Article versus reproduction: every number the article "Walking in the latent space of a GAN"
 * (after Tom White's "Sampling Generative Networks") states about latent geometry, next to its
 * exact value where one exists and our sampled value, with a tolerance and a verdict
 * (rules in ./verdicts.ts).
 *
 * `claimed` is the article's number when `source` is "article". Where the article gives no
 * number (the spread of the origin-to-line distance, the spread of the angle) the row holds a
 * rounded reference value of ours, marked "reference value", so that the exact and sampled values
 * have something to be compared with; those rows test our own arithmetic, not the article.
 *
 * Exact values: χ(d) for ‖z‖; χ(d)/√2 for the lerp midpoint; χ(d − 1)/√2 for the distance from
 * the origin to the line through two samples; the delta method (an approximation, see
 * stats/uniform-norm.ts) for the uniform prior; the sin^{d−2} law for the angle, and for
 * E[2π/Ω], the great circle's length over slerp's for two samples of equal norm.
 * Rows without an exact value or a standard error leave those cells empty (no NaN).
 */
import { angleStd, anglePdf } from "../stats/angle";
import { chiMean, chiStd } from "../stats/chi";
import { simpson } from "../stats/integrate";
import { mean } from "../stats/moments";
import { uniformNormMeanApprox, uniformNormStdApprox } from "../stats/uniform-norm";
import { GeometrySamples, GeometrySummaries } from "./pair-stats";
import { claimVerdict, Rule, slerpClassVerdicts, Verdict } from "./verdicts";

export type ClaimSource = "article" | "reference value";

/** One row of the comparison table (plain values, ready for a CSV; absent cells stay empty). */
export interface ComparisonRow {
  [column: string]: number | string | undefined;
  quantity: string;
  claimed: number;
  source: ClaimSource;
  /** exact (or, for the uniform prior, delta-method) value, when there is one */
  exact?: number;
  reproduced: number;
  /** standard error of `reproduced`, when it is a sample mean or std */
  standard_error?: number;
  tolerance: number;
  rule: Rule;
  verdict: Verdict;
}

interface RowSpec {
  quantity: string;
  claimed: number;
  source: ClaimSource;
  exact?: number;
  reproduced: number;
  standardError?: number;
  tolerance: number;
  rule: Rule;
}

function row(r: RowSpec): ComparisonRow {
  // spread order fixes the column order; absent cells stay absent
  return {
    quantity: r.quantity, claimed: r.claimed, source: r.source,
    ...(r.exact === undefined ? {} : { exact: r.exact }),
    reproduced: r.reproduced,
    ...(r.standardError === undefined ? {} : { standard_error: r.standardError }),
    tolerance: r.tolerance, rule: r.rule, verdict: claimVerdict(r.rule, r.claimed, r.reproduced, r.tolerance),
  };
}

function fraction(xs: ArrayLike<number>, keep: (x: number) => boolean): number {
  let c = 0;
  for (let i = 0; i < xs.length; i++) if (keep(xs[i])) c++;
  return c / xs.length;
}

/** E[2π/Ω] for the angle Ω between two independent isotropic vectors in ℝ^d (sin^{d−2} law). */
export function expectedGreatCircleRatio(d: number, intervals = 20000): number {
  // the integrand vanishes at both ends (sin^{d−2}θ/θ → 0 for d ≥ 4), so start just inside 0
  return simpson((t) => (t > 0 ? ((2 * Math.PI) / t) * anglePdf(t, d) : 0), 0, Math.PI, intervals);
}

/**
 * The comparison table. `greatCircleDeviation` is the largest of the three deviations of
 * great-circle.ts `greatCircleCheck` over the notebook's walks (0 for a closed walk of
 * constant norm in equal steps).
 */
export function compareWithArticle(latentDim: number, samples: GeometrySamples, s: GeometrySummaries, greatCircleDeviation: number): ComparisonRow[] {
  const d = latentDim;
  const deg = 180 / Math.PI;
  const depth = (s.normalNorms.mean - s.lerpMidpointNorms.mean) / s.normalNorms.std;
  const exactDepth = (chiMean(d) * (1 - Math.SQRT1_2)) / chiStd(d);
  const slerpRows = slerpClassVerdicts(samples.pairAnglesDeg, samples.slerpRelativeExcess, samples.slerpMonotone).flatMap((c) => [
    row({ quantity: `slerp, ${c.angle_class}: share of paths inside the endpoints' norm band`, claimed: 1, source: "article", reproduced: c.share_inside_band, tolerance: 0, rule: "abs" }),
    row({ quantity: `slerp, ${c.angle_class}: share of paths with a monotone norm`, claimed: 1, source: "article", reproduced: c.share_monotone, tolerance: 0, rule: "abs" }),
  ]);
  return [
    row({ quantity: "normal prior ‖z‖ mean", claimed: 10, source: "article", exact: chiMean(d), reproduced: s.normalNorms.mean, standardError: s.normalNorms.seMean, tolerance: 0.05, rule: "abs" }),
    row({ quantity: "normal prior ‖z‖ std", claimed: 0.707, source: "article", exact: chiStd(d), reproduced: s.normalNorms.std, standardError: s.normalNorms.seStd, tolerance: 0.02, rule: "abs" }),
    row({ quantity: "uniform prior ‖z‖ mean", claimed: 5.77, source: "article", exact: uniformNormMeanApprox(d), reproduced: s.uniformNorms.mean, standardError: s.uniformNorms.seMean, tolerance: 0.02, rule: "abs" }),
    row({ quantity: "uniform prior ‖z‖ std", claimed: 0.258, source: "article", exact: uniformNormStdApprox(d), reproduced: s.uniformNorms.std, standardError: s.uniformNorms.seStd, tolerance: 0.01, rule: "abs" }),
    row({ quantity: "origin-to-line distance: fraction in [5, 7.5] ('mostly')", claimed: 0.5, source: "article", reproduced: fraction(samples.originLineDistances, (x) => x >= 5 && x <= 7.5), tolerance: 0, rule: "greater" }),
    row({ quantity: "origin-to-line distance mean", claimed: 7.0, source: "reference value", exact: chiMean(d - 1) * Math.SQRT1_2, reproduced: s.originLineDistances.mean, standardError: s.originLineDistances.seMean, tolerance: 0.1, rule: "abs" }),
    row({ quantity: "origin-to-line distance std", claimed: 0.5, source: "reference value", exact: chiStd(d - 1) * Math.SQRT1_2, reproduced: s.originLineDistances.std, standardError: s.originLineDistances.seStd, tolerance: 0.05, rule: "abs" }),
    row({ quantity: "lerp midpoint ‖(p₀+p₁)/2‖ mean", claimed: 7.0, source: "article", exact: chiMean(d) * Math.SQRT1_2, reproduced: s.lerpMidpointNorms.mean, standardError: s.lerpMidpointNorms.seMean, tolerance: 0.1, rule: "abs" }),
    row({ quantity: "lerp midpoint depth below mean ‖z‖, in std of ‖z‖ ('> 4')", claimed: 4, source: "article", exact: exactDepth, reproduced: depth, tolerance: 0, rule: "greater" }),
    row({ quantity: "angle between two samples mean (°) ('nearly orthogonal')", claimed: 90, source: "article", exact: 90, reproduced: s.pairAnglesDeg.mean, standardError: s.pairAnglesDeg.seMean, tolerance: 0.5, rule: "abs" }),
    row({ quantity: "angle between two samples std (°)", claimed: 6, source: "reference value", exact: angleStd(d) * deg, reproduced: s.pairAnglesDeg.std, standardError: s.pairAnglesDeg.seStd, tolerance: 0.5, rule: "abs" }),
    ...slerpRows,
    row({ quantity: "great-circle walk: constant norm, equal steps, closed (largest relative deviation)", claimed: 0, source: "article", exact: 0, reproduced: greatCircleDeviation, tolerance: 1e-12, rule: "abs" }),
    row({ quantity: "great circle / slerp path length, mean over pairs ('about 3 times')", claimed: 3, source: "article", exact: expectedGreatCircleRatio(d), reproduced: mean(samples.greatCircleRatios), standardError: s.greatCircleRatios.seMean, tolerance: 0.5, rule: "abs" }),
  ];
}
