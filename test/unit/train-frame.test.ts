/** lib/train/frame: training logs as a danfojs DataFrame. */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { LogRecord } from "../../lib/train/checkpoint";
import { logColumns, logsDataFrame } from "../../lib/train/frame";

const logs: LogRecord[] = [
  { step: 1, member: 0, latentDim: 1, seed: 0, dLoss: 1.5, gLoss: 0.5, gradPenalty: 0.25 },
  { step: 1, member: 1, latentDim: 2, seed: 0, dLoss: 1.25, gLoss: 0.75 },
  { step: 2, member: 0, latentDim: 1, seed: 0, dLoss: 1.0, gLoss: 1.0, gradPenalty: 0.125 },
  { step: 2, member: 1, latentDim: 2, seed: 0, dLoss: 0.5, gLoss: 2.0 },
];

test("logColumns: fixed columns first, extras in first-seen order", () => {
  assert.deepEqual(logColumns(logs), ["step", "member", "latentDim", "seed", "dLoss", "gLoss", "gradPenalty"]);
});

test("logsDataFrame: one row per record, NaN where a member has no extra value, danfojs group means", { timeout: 120_000 }, async () => {
  const df = await logsDataFrame(logs);
  assert.deepEqual(df.shape, [4, 7]);
  assert.deepEqual(df.columns, logColumns(logs));
  assert.deepEqual(df.column("dLoss").values, [1.5, 1.25, 1.0, 0.5]);
  const gp = df.column("gradPenalty").values as number[];
  assert.equal(gp[0], 0.25);
  assert.ok(Number.isNaN(gp[1]) && Number.isNaN(gp[3]));
  const means = df.groupby(["latentDim"]).col(["gLoss"]).mean();
  const byDim = new Map((means.values as number[][]).map((row) => [row[0], row[1]]));
  assert.equal(byDim.get(1), 0.75);
  assert.equal(byDim.get(2), 1.375);
  await assert.rejects(logsDataFrame([]), /the log is empty/);
});
