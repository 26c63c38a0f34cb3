/**
 * `make bench` harness smoke run (BENCH_QUICK=1: one step per implementation on wasm, no Python
 * references, output in a temporary folder). It checks that the harness runs end to end and
 * writes its table and figure; the numbers of a one-step run mean nothing and are not checked
 * beyond being positive (speed is measured by `make bench`, never asserted by a test).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readCsv } from "../../lib/data/csv";

const ROOT = path.resolve(__dirname, "../..");

test("bench harness: BENCH_QUICK=1 on wasm writes results.csv, summary.md and the figure, leaves environment.md alone", { timeout: 300_000 }, async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "lw-bench-smoke-"));
  const envBefore = fs.readFileSync(path.join(ROOT, "environment.md"), "utf8");
  const run = spawnSync(process.execPath, ["--import", "tsx", "bench/run.ts"], {
    cwd: ROOT,
    env: { ...process.env, BENCH_QUICK: "1", BENCH_BACKENDS: "wasm", BENCH_PYTHON: "0", LW_OUT: out },
    encoding: "utf8",
    timeout: 280_000,
  });
  assert.equal(run.status, 0, `bench/run.ts exited ${run.status}:\n${run.stderr.slice(-3000)}`);
  assert.match(run.stdout, /implementation\s+backend\s+steps\/s/);
  const rows = await readCsv(path.join(out, "data", "bench", "results.csv"));
  const ours = rows.filter((r) => r.backend === "wasm");
  assert.ok(ours.length >= 3, `wasm rows: ${JSON.stringify(rows)}`);
  for (const r of ours) {
    assert.equal(r.status, "ok", JSON.stringify(r));
    assert.ok(typeof r.steps_per_s === "number" && r.steps_per_s > 0, JSON.stringify(r));
  }
  assert.match(fs.readFileSync(path.join(out, "data", "bench", "summary.md"), "utf8"), /\| implementation \|/);
  assert.ok(fs.existsSync(path.join(out, "figures", "bench", "throughput.json")));
  assert.equal(fs.readFileSync(path.join(ROOT, "environment.md"), "utf8"), envBefore, "a smoke run never edits environment.md");
  fs.rmSync(out, { recursive: true, force: true });
});
