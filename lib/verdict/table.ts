/**
 * Verdict tables from rule results (lib/verdict/rules.ts): plain records for `showTable` and
 * `saveCsv`.
 *
 * - {@link verdictRows}: one row per claim, followed by one row per part of a combined rule
 *   (its claim prefixed with "└ "), so a reader sees which part decided the verdict.
 * - {@link verdictColumns}: the same claims decided at several budgets (e.g. 600 and 2,400
 *   training steps), one column per budget and a last column naming the claims whose verdict
 *   moves between budgets.
 */
import type { RuleResult, Verdict, VerdictRecord } from "./rules";

/** Marks a part of a combined rule in the claim column. */
export const PART_PREFIX = "└ ";

/** The results as table rows, each combined rule followed by its parts (recursively indented). */
export function verdictRows(results: readonly RuleResult[]): VerdictRecord[] {
  const rows: VerdictRecord[] = [];
  const visit = (r: RuleResult, depth: number) => {
    const prefix = depth === 0 ? "" : "  ".repeat(depth - 1) + PART_PREFIX;
    rows.push({ claim: prefix + r.claim, rule: r.rule, measured: r.measured, verdict: r.verdict });
    for (const p of r.parts) visit(p, depth + 1);
  };
  for (const r of results) visit(r, 0);
  return rows;
}

/** Counts of each verdict, e.g. for a summary sentence. */
export function verdictCounts(results: readonly RuleResult[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { confirmed: 0, "not confirmed": 0, undecided: 0 };
  for (const r of results) counts[r.verdict]++;
  return counts;
}

export interface VerdictColumn {
  /** column title, e.g. "600 steps" */
  label: string;
  /** the same claims, in the same order, decided on this column's measurements */
  results: readonly RuleResult[];
}

/**
 * One row per claim: `claim`, `rule`, then per column "verdict: measured", then `moves`
 * ("yes" when the verdict differs between any two columns, else "no").
 */
export function verdictColumns(columns: readonly VerdictColumn[]): Record<string, string>[] {
  if (columns.length === 0) throw new RangeError("verdictColumns: needs at least one column");
  const first = columns[0].results;
  for (const c of columns) {
    if (c.results.length !== first.length || c.results.some((r, i) => r.claim !== first[i].claim)) {
      throw new RangeError(`verdictColumns: column "${c.label}" has claims [${c.results.map((r) => r.claim).join(" | ")}], column "${columns[0].label}" has [${first.map((r) => r.claim).join(" | ")}]`);
    }
  }
  return first.map((r, i) => {
    const row: Record<string, string> = { claim: r.claim, rule: r.rule };
    for (const c of columns) row[c.label] = `${c.results[i].verdict}: ${c.results[i].measured}`;
    row.moves = new Set(columns.map((c) => c.results[i].verdict)).size > 1 ? "yes" : "no";
    return row;
  });
}
