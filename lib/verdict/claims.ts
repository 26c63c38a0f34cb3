/**
 * Claims written as data, so one claim can be judged on any table of result records (one row
 * per configuration × seed, e.g. notebook 05's metrics at 600, 2,400 or 30,000 training steps):
 *
 * - {@link decideClaim}: a verdict from the seeds' distribution with its interval, through the
 *   rules of ./rules.ts (confirmed / not confirmed / undecided);
 * - {@link readClaim}: a reading of the seed means alone, without an interval ("holds" /
 *   "fails"): what one seed can say. With a single seed every interval is (−∞, ∞), so a
 *   verdict would always be undecided; a reading is reported as such, never as a verdict.
 *
 * Comparisons between configurations are unpaired (Welch) by default: GANs of different latent
 * sizes are independent trainings, even when they share a seed number.
 *
 * {@link claimTable} puts verdict and reading columns side by side (one per training length)
 * and names, per claim, between which columns the outcome moves.
 */
import { formatNumber, mean, type CellRecord } from "../stats/summary";
import { measuredFrom } from "./measured";
import { allOf, comparisonRule, orderRule, thresholdRule, withinRule, type IntervalMethod, type Measured, type RuleResult, type Side, type Verdict } from "./rules";

/** One metric of one configuration: the rows matching `where`, column `metric`. */
export interface Selector {
  where: CellRecord;
  metric: string;
  /** how the table names it, e.g. "KL(data‖G), 10-D" */
  name: string;
}

export type ClaimSpec =
  | { kind: "threshold"; claim: string; x: Selector; side: Side; threshold: number }
  | { kind: "within"; claim: string; x: Selector; lo: number; hi: number }
  | { kind: "compare"; claim: string; a: Selector; relation: "less" | "greater"; b: Selector; margin?: number }
  | { kind: "order"; claim: string; series: Selector[]; relation: "less" | "greater" }
  | { kind: "all"; claim: string; parts: ClaimSpec[] };

export interface DecideOptions {
  interval?: IntervalMethod;
  /** compare the same seed numbers pairwise (default false: Welch) */
  paired?: boolean;
}

function measured(records: readonly CellRecord[], s: Selector): Measured {
  return measuredFrom(records, s.where, s.metric, s.name);
}

/**
 * Whether the selected rows exist and hold NaN, and only NaN, in the column: a measurement that
 * has no value (e.g. a mode isotropy when no mode has samples). Such a claim stays undecided
 * and says so; rows without the column at all (a misspelt metric) are still an error.
 */
function onlyNaN(records: readonly CellRecord[], s: Selector): boolean {
  const keys = Object.keys(s.where);
  const rows = records.filter((r) => keys.every((k) => r[k] === s.where[k]));
  const v = rows.map((r) => r[s.metric]);
  return rows.length > 0 && v.some((x) => typeof x === "number" && Number.isNaN(x)) && !v.some((x) => typeof x === "number" && !Number.isNaN(x));
}

function selectors(spec: ClaimSpec): Selector[] {
  switch (spec.kind) {
    case "threshold":
    case "within":
      return [spec.x];
    case "compare":
      return [spec.a, spec.b];
    case "order":
      return spec.series;
    case "all":
      return [];
  }
}

/** The selectors of a leaf claim that have no value (NaN for every seed). */
function missing(records: readonly CellRecord[], spec: ClaimSpec): Selector[] {
  return selectors(spec).filter((s) => onlyNaN(records, s));
}

/** The verdict of `spec` on `records`, decided on the interval of the per-seed values. */
export function decideClaim(records: readonly CellRecord[], spec: ClaimSpec, opts: DecideOptions = {}): RuleResult {
  const none = missing(records, spec);
  if (none.length > 0) return { claim: spec.claim, rule: "(no value to judge)", measured: `no value: ${none.map((x) => x.name).join(", ")} is NaN for every seed`, verdict: "undecided", parts: [] };
  const how = opts.interval;
  const cmp = { paired: opts.paired ?? false, interval: how };
  switch (spec.kind) {
    case "threshold":
      return thresholdRule(spec.claim, measured(records, spec.x), spec.side, spec.threshold, how);
    case "within":
      return withinRule(spec.claim, measured(records, spec.x), spec.lo, spec.hi, how);
    case "compare":
      return comparisonRule(spec.claim, measured(records, spec.a), spec.relation, measured(records, spec.b), { ...cmp, margin: spec.margin });
    case "order":
      return orderRule(spec.claim, spec.series.map((s) => measured(records, s)), spec.relation, cmp);
    case "all":
      return allOf(spec.claim, spec.parts.map((p) => decideClaim(records, p, opts)));
  }
}

/** A claim read from seed means without an interval; `holds` undefined when a value is missing (NaN). */
export interface Reading {
  claim: string;
  holds: boolean | undefined;
  /** the means the reading compared, e.g. "0.42 < 0.1" */
  measured: string;
  parts: Reading[];
}

function meanOf(records: readonly CellRecord[], s: Selector): number {
  return mean(measured(records, s).values);
}

function seeds(records: readonly CellRecord[], s: Selector): number {
  return measured(records, s).values.length;
}

/** Three-valued AND: fails if any part fails, holds if all hold, else unknown. */
function allHold(parts: readonly Reading[]): boolean | undefined {
  if (parts.some((p) => p.holds === false)) return false;
  return parts.every((p) => p.holds === true) ? true : undefined;
}

function readingWord(holds: boolean | undefined): string {
  return holds === undefined ? "no value" : holds ? "holds" : "fails";
}

/** The reading of `spec` on `records`: the same strict inequalities as the verdict, on the means. */
export function readClaim(records: readonly CellRecord[], spec: ClaimSpec): Reading {
  const f = (x: number) => formatNumber(x, 3);
  const leaf = (holds: boolean, text: string): Reading => ({ claim: spec.claim, holds, measured: text, parts: [] });
  const none = missing(records, spec);
  if (none.length > 0) return { claim: spec.claim, holds: undefined, measured: `no value: ${none.map((x) => x.name).join(", ")} is NaN`, parts: [] };
  switch (spec.kind) {
    case "threshold": {
      const m = meanOf(records, spec.x);
      const holds = spec.side === "below" ? m < spec.threshold : m > spec.threshold;
      return leaf(holds, `${f(m)} ${spec.side === "below" ? "<" : ">"} ${f(spec.threshold)}? (n = ${seeds(records, spec.x)})`);
    }
    case "within": {
      const m = meanOf(records, spec.x);
      return leaf(spec.lo < m && m < spec.hi, `${f(spec.lo)} < ${f(m)} < ${f(spec.hi)}? (n = ${seeds(records, spec.x)})`);
    }
    case "compare": {
      const a = meanOf(records, spec.a), b = meanOf(records, spec.b), margin = spec.margin ?? 0;
      const holds = spec.relation === "less" ? a - b < -margin : a - b > margin;
      return leaf(holds, `${f(a)} ${spec.relation === "less" ? "<" : ">"} ${f(b)}${margin ? ` by ${f(margin)}` : ""}?`);
    }
    case "order": {
      const parts = spec.series.slice(1).map((s, i) => readClaim(records, { kind: "compare", claim: `${spec.series[i].name} ${spec.relation === "less" ? "<" : ">"} ${s.name}`, a: spec.series[i], relation: spec.relation, b: s }));
      return { claim: spec.claim, holds: allHold(parts), measured: parts.map((p) => p.measured).join("; "), parts };
    }
    case "all": {
      const parts = spec.parts.map((p) => readClaim(records, p));
      return { claim: spec.claim, holds: allHold(parts), measured: parts.map((p) => `${p.claim}: ${readingWord(p.holds)}`).join("; "), parts };
    }
  }
}

/** A column of a claim table: verdicts, readings, or a run that has not been made. */
export type ClaimColumn =
  | { label: string; kind: "verdict"; results: readonly RuleResult[] }
  | { label: string; kind: "reading"; readings: readonly Reading[] }
  | { label: string; kind: "not run"; note?: string };

/** An outcome on one scale: a verdict, or a reading mapped onto it (holds → confirmed). */
function outcome(c: ClaimColumn, i: number): Verdict | undefined {
  if (c.kind === "verdict") return c.results[i].verdict;
  if (c.kind === "reading") return c.readings[i].holds === undefined ? "undecided" : c.readings[i].holds ? "confirmed" : "not confirmed";
  return undefined;
}

/** How a move names outcome `v` of column `c`: the verdict itself, or the one-seed reading as a reading. */
function outcomeWord(c: ClaimColumn, i: number, v: Verdict): string {
  if (c.kind !== "reading") return v;
  return c.readings[i].holds === undefined ? "no reading" : `reads ${readingWord(c.readings[i].holds)}`;
}

function cell(c: ClaimColumn, i: number): string {
  if (c.kind === "verdict") return `${c.results[i].verdict}: ${c.results[i].measured}`;
  if (c.kind === "reading") return `${readingWord(c.readings[i].holds)} (one seed, no interval): ${c.readings[i].measured}`;
  return c.note ?? "not run";
}

/**
 * One row per claim: `claim`, `article` (what the article says), one cell per column, and
 * `moves`: each change of outcome between neighbouring columns that have one (columns not run
 * are skipped), e.g. "600 steps → 2,400 steps: undecided → confirmed"; "no" when the outcome
 * never changes. A reading counts as confirmed when it holds, as not confirmed when it fails,
 * and as undecided without a value, but it is named as a reading ("reads holds", "reads fails",
 * "no reading"): one seed cannot overturn a verdict. Only a change between two decided verdicts
 * is marked "flips".
 */
export function claimTable(claims: readonly { claim: string; article: string }[], columns: readonly ClaimColumn[]): Record<string, string>[] {
  if (columns.length === 0) throw new RangeError("claimTable: needs at least one column");
  for (const c of columns) {
    const names = c.kind === "verdict" ? c.results.map((r) => r.claim) : c.kind === "reading" ? c.readings.map((r) => r.claim) : undefined;
    if (names && (names.length !== claims.length || names.some((n, i) => n !== claims[i].claim))) {
      throw new RangeError(`claimTable: column "${c.label}" has claims [${names.join(" | ")}], expected [${claims.map((x) => x.claim).join(" | ")}]`);
    }
  }
  return claims.map((c, i) => {
    const row: Record<string, string> = { claim: c.claim, article: c.article };
    for (const col of columns) row[col.label] = cell(col, i);
    const seen = columns.map((col) => ({ col, v: outcome(col, i) })).filter((x): x is { col: ClaimColumn; v: Verdict } => x.v !== undefined);
    const moves: string[] = [];
    for (let j = 1; j < seen.length; j++) {
      const [a, b] = [seen[j - 1], seen[j]];
      if (a.v === b.v) continue;
      const flip = a.col.kind === "verdict" && b.col.kind === "verdict" && a.v !== "undecided" && b.v !== "undecided";
      moves.push(`${flip ? "flips " : ""}${a.col.label} → ${b.col.label}: ${outcomeWord(a.col, i, a.v)} → ${outcomeWord(b.col, i, b.v)}`);
    }
    row.moves = moves.length ? moves.join("; ") : "no";
    return row;
  });
}

/** How two runs' verdicts on the same claims compare (see {@link verdictAgreement}). */
export interface VerdictAgreement {
  /** claims with the same verdict in both runs */
  same: number;
  /** claims decided in one run and undecided in the other: what an interval near its threshold allows */
  undecidedInOne: string[];
  /** claims confirmed in one run and not confirmed in the other: a rule decided by the draw, not the GANs */
  flips: string[];
}

/**
 * Compares the verdicts of two runs of the same claims, e.g. one notebook run on two machines
 * (results, or rows of two verdict tables): `a[i]` and `b[i]` must judge the same claim. Only
 * confirmed ↔ not confirmed counts as a flip.
 */
export function verdictAgreement(a: readonly Pick<RuleResult, "claim" | "verdict">[], b: readonly Pick<RuleResult, "claim" | "verdict">[]): VerdictAgreement {
  if (a.length !== b.length || a.some((r, i) => r.claim !== b[i].claim)) {
    throw new RangeError(`verdictAgreement: the runs judge different claims: [${a.map((r) => r.claim).join(" | ")}] vs [${b.map((r) => r.claim).join(" | ")}]`);
  }
  const out: VerdictAgreement = { same: 0, undecidedInOne: [], flips: [] };
  a.forEach((r, i) => {
    const v = b[i].verdict;
    if (r.verdict === v) out.same++;
    else if (r.verdict === "undecided" || v === "undecided") out.undecidedInOne.push(r.claim);
    else out.flips.push(r.claim);
  });
  return out;
}
