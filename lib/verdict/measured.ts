/**
 * Per-seed measurements picked from result records (rows of metrics.csv: one per dataset ×
 * latent size × seed) for the verdict rules of ./rules.ts.
 */
import { CellRecord, metricValues } from "../stats/summary";
import type { Measured } from "./rules";

/**
 * The numbers in column `metric` of the records matching every key of `where` (e.g.
 * `{ dataset: "gaussian", latent_dim: 10 }`), in record order; `name` defaults to
 * "metric (k = v, …)". Matching records without a number there (blank cells) are skipped; no
 * matching record, or none with a number, is an error naming the filter.
 */
export function measuredFrom(records: readonly CellRecord[], where: CellRecord, metric: string, name?: string): Measured {
  const keys = Object.keys(where);
  const rows = records.filter((r) => keys.every((k) => r[k] === where[k]));
  const filter = keys.map((k) => `${k} = ${String(where[k])}`).join(", ");
  if (rows.length === 0) throw new RangeError(`measuredFrom: no record has ${filter}`);
  const values = metricValues(rows, metric);
  if (values.length === 0) throw new RangeError(`measuredFrom: the ${rows.length} records with ${filter} have no number in column "${metric}"`);
  return { name: name ?? `${metric} (${filter})`, values };
}
