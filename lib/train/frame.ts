/**
 * Training logs as a danfojs-node DataFrame: one row per logged step and ensemble member,
 * columns `step, member, latentDim, seed, dLoss, gLoss` and any extra critic values the loss
 * reports (e.g. `gradPenalty`, `wassersteinEstimate`). Missing values become NaN, so every
 * column is numeric. From there danfojs does the table work, e.g. the last losses per latent
 * size: `df.groupby(["latentDim"]).col(["gLoss"]).mean()`.
 */
import type { DataFrame } from "danfojs-node";
import { loadDanfo } from "../data/csv";
import type { LogRecord } from "./checkpoint";

/** The column order: the fixed keys first, then extra keys in first-seen order. */
export function logColumns(logs: LogRecord[]): string[] {
  const fixed = ["step", "member", "latentDim", "seed", "dLoss", "gLoss"];
  const extra = [...new Set(logs.flatMap((r) => Object.keys(r)))].filter((k) => !fixed.includes(k));
  return [...fixed, ...extra];
}

/** `logs` (TrainResult.logs) as a DataFrame; throws on an empty log, which has no columns to name. */
export async function logsDataFrame(logs: LogRecord[]): Promise<DataFrame> {
  if (logs.length === 0) throw new Error("logsDataFrame: the log is empty (was logEvery larger than the step count?)");
  const columns = logColumns(logs);
  const dfd = await loadDanfo();
  const rows = logs.map((r) => columns.map((c) => (typeof r[c] === "number" ? r[c] : NaN)));
  return new dfd.DataFrame(rows, { columns });
}
