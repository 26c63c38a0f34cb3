/**
 * The rules that turn a reproduced number into a verdict on a claim, for notebook 01's tables.
 *
 * Claim rules (one number against a claimed value):
 *   "abs"      confirmed when |reproduced − claimed| ≤ tolerance;
 *   "greater"  confirmed when reproduced > claimed ("more than 4 standard deviations",
 *              "mostly between 5 and 7.5" read as more than half).
 *
 * Slerp, per angle class: the article says the norm along slerp stays between the endpoints'
 * norms and changes monotonically. For a class of pairs (acute Ω ≤ 90°, obtuse Ω > 90°) that
 * is confirmed when every pair of the class stays inside its band (relative excess ≤
 * BAND_TOLERANCE) and every path is monotone; otherwise the table reports by how much it fails.
 */
import { quantile } from "../stats/moments";

export type Rule = "abs" | "greater";
export type Verdict = "confirmed" | "not confirmed";

/** The verdict of `rule` on a reproduced value against the claimed one. */
export function claimVerdict(rule: Rule, claimed: number, reproduced: number, tolerance: number): Verdict {
  if (!Number.isFinite(reproduced)) return "not confirmed";
  const ok = rule === "abs" ? Math.abs(reproduced - claimed) <= tolerance : reproduced > claimed;
  return ok ? "confirmed" : "not confirmed";
}

/** Relative excess (of the band's upper end) below which a slerp path counts as inside its band. */
export const BAND_TOLERANCE = 1e-9;

/** The boundary between the two angle classes, degrees. */
export const RIGHT_ANGLE_DEG = 90;

export type AngleClass = "acute (Ω ≤ 90°)" | "obtuse (Ω > 90°)";

/** One row per angle class (plain values, ready for a table or a CSV). */
export interface SlerpClassRow {
  [column: string]: number | string;
  angle_class: AngleClass;
  pairs: number;
  /** share of the class's pairs whose path stays inside [min ‖pᵢ‖, max ‖pᵢ‖] */
  share_inside_band: number;
  /** share whose norm is monotone along the path */
  share_monotone: number;
  /** largest and median overshoot as a fraction of max(‖p₀‖, ‖p₁‖), over the class */
  largest_relative_overshoot: number;
  median_relative_overshoot: number;
  verdict: Verdict;
}

/**
 * Per-class verdict on "slerp's norm stays between the endpoints' norms and is monotone".
 * `anglesDeg`, `relativeExcess` and `monotone` (1/0) are per pair, shape [pairs].
 * A class with no pairs is left out (there is nothing to judge).
 */
export function slerpClassVerdicts(anglesDeg: ArrayLike<number>, relativeExcess: ArrayLike<number>, monotone: ArrayLike<number>): SlerpClassRow[] {
  const n = anglesDeg.length;
  if (relativeExcess.length !== n || monotone.length !== n) {
    throw new RangeError(`slerpClassVerdicts: ${n} angles, ${relativeExcess.length} excesses, ${monotone.length} monotone flags`);
  }
  const classes: [AngleClass, (deg: number) => boolean][] = [
    ["acute (Ω ≤ 90°)", (deg) => deg <= RIGHT_ANGLE_DEG],
    ["obtuse (Ω > 90°)", (deg) => deg > RIGHT_ANGLE_DEG],
  ];
  const rows: SlerpClassRow[] = [];
  for (const [name, member] of classes) {
    const excess: number[] = [];
    let inside = 0, mono = 0, largest = 0;
    for (let i = 0; i < n; i++) {
      if (!member(anglesDeg[i])) continue;
      excess.push(relativeExcess[i]);
      largest = Math.max(largest, relativeExcess[i]);
      if (relativeExcess[i] <= BAND_TOLERANCE) inside++;
      if (monotone[i] === 1) mono++;
    }
    if (excess.length === 0) continue;
    const m = excess.length;
    rows.push({
      angle_class: name, pairs: m, share_inside_band: inside / m, share_monotone: mono / m,
      largest_relative_overshoot: largest, median_relative_overshoot: quantile(excess, 0.5),
      verdict: inside === m && mono === m ? "confirmed" : "not confirmed",
    });
  }
  return rows;
}
