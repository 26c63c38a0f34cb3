/**
 * "A is more stable than B" as a claim about the spread of per-seed results, decided like the
 * other rules (./rules.ts) on an interval. The spread of a group is measured by the absolute
 * deviations from its median, |x_i − median(x)| (the Brown–Forsythe form of Levene's test): a
 * group whose seeds agree has small deviations. The claim "spread(A) < spread(B)" is then
 * mean|a − med a| < mean|b − med b|, decided on Welch's interval of the difference (the groups
 * are different runs, not paired). With three seeds per group the interval is wide: a spread
 * difference must be large to be confirmed.
 */
import { comparisonRule, type ComparisonOptions, type Measured, type RuleResult } from "./rules";

/** Median of the values (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median: no values");
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** |x_i − median(x)| for each value, named "|x − median| of <name>". */
export function absoluteDeviations(x: Measured): Measured {
  const m = median(x.values);
  return { name: `|x − median| of ${x.name}`, values: x.values.map((v) => Math.abs(v - m)) };
}

/** Claim: the per-seed values of `a` spread less ("less") or more ("greater") than those of `b`. */
export function spreadRule(claim: string, a: Measured, relation: "less" | "greater", b: Measured, opts: Omit<ComparisonOptions, "paired"> = {}): RuleResult {
  if (a.values.length < 2 || b.values.length < 2) throw new RangeError(`spreadRule: needs at least two values per group, got ${a.values.length} ("${a.name}") and ${b.values.length} ("${b.name}")`);
  return comparisonRule(claim, absoluteDeviations(a), relation, absoluteDeviations(b), { ...opts, paired: false });
}
