/**
 * Where the headless runner puts results: a run with another SEED (or QUICK, STEPS) goes to
 * scratch/<settings>/ and leaves the committed notebook alone; a relative LW_OUT is relative to
 * the caller's folder, not to notebooks/ where the kernel runs; an unusable LW_OUT is refused
 * before a kernel starts; environment.md is rewritten only by runs into the repository.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { REPO, runRunner } from "../helpers/notebook-run";

function code(source: string) { return { cell_type: "code", metadata: {}, execution_count: null, outputs: [], source }; }

function writeNotebook(name: string, cells: object[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-out-"));
  const nbPath = path.join(dir, "notebooks", name);
  fs.mkdirSync(path.dirname(nbPath));
  fs.writeFileSync(nbPath, JSON.stringify({
    cells, nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
  }, null, 1));
  return nbPath;
}

/** Text printed by the code cells of an executed notebook. */
function printed(nbFile: string): string {
  const nb = JSON.parse(fs.readFileSync(nbFile, "utf8"));
  return nb.cells.flatMap((c: { outputs?: { text?: string | string[] }[] }) => c.outputs ?? [])
    .map((o: { text?: string | string[] }) => [].concat((o.text ?? []) as never).join("")).join("");
}

test("SEED other than 0: outputs and the executed notebook go to scratch/seed<N>/, the source notebook is untouched", { timeout: 180_000 }, async () => {
  const seed = String(randomInt(1_000_000, 4_294_967_295));
  const nbPath = writeNotebook("01-scratch.ipynb", [code("console.log(`LW_OUT=${process.env.LW_OUT}`);")]);
  const before = fs.readFileSync(nbPath);
  const scratch = path.join(REPO, "scratch", `seed${seed}`);
  const summary = path.join(path.dirname(nbPath), "summary.json");
  try {
    const res = await runRunner(["--summary", summary, nbPath], { SEED: seed, LW_OUT: "", QUICK: "", STEPS: "" });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, new RegExp(`SEED=${seed} differ from the committed run: outputs go to ${scratch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    assert.deepEqual(fs.readFileSync(nbPath), before, "the source notebook was overwritten");
    const executed = path.join(scratch, "notebooks", "01-scratch.ipynb");
    assert.equal(printed(executed).trim(), `LW_OUT=${scratch}`);
    assert.deepEqual(JSON.parse(fs.readFileSync(summary, "utf8")).committed, false);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(path.dirname(path.dirname(nbPath)), { recursive: true, force: true });
  }
});

test("a relative LW_OUT is relative to the caller's folder (LW_CALLER_DIR), and the kernel gets it absolute", { timeout: 180_000 }, async () => {
  const nbPath = writeNotebook("01-relative.ipynb", [code("console.log(`LW_OUT=${process.env.LW_OUT}`);")]);
  const caller = fs.mkdtempSync(path.join(os.tmpdir(), "lw caller "));
  try {
    const res = await runRunner([nbPath], { LW_OUT: "my out", LW_CALLER_DIR: caller, QUICK: "1" });
    assert.equal(res.code, 0, res.stderr);
    const root = path.join(caller, "my out");
    assert.equal(printed(path.join(root, "notebooks", "01-relative.ipynb")).trim(), `LW_OUT=${root}`);
  } finally {
    fs.rmSync(caller, { recursive: true, force: true });
    fs.rmSync(path.dirname(path.dirname(nbPath)), { recursive: true, force: true });
  }
});

test("an LW_OUT that cannot be created is refused naming LW_OUT, before a kernel starts", { timeout: 60_000 }, async () => {
  const nbPath = writeNotebook("01-never.ipynb", [code('require("fs").writeFileSync("/tmp/lw-should-not-run", "")')]);
  // root may write into a read-only-mode folder, but not into /proc
  const ro = fs.mkdtempSync(path.join(os.tmpdir(), "lw-ro-"));
  fs.chmodSync(ro, 0o555);
  const bad = process.getuid?.() === 0 ? "/proc/lw-out/figures" : path.join(ro, "new");
  try {
    const t0 = Date.now();
    const res = await runRunner([nbPath], { LW_OUT: bad });
    assert.equal(res.code, 2, res.stderr);
    assert.match(res.stderr, new RegExp(`error: LW_OUT="${bad}" is not allowed: use a writable directory`));
    assert.doesNotMatch(res.stderr, /start \(/, "a kernel was started");
    assert.ok(Date.now() - t0 < 30_000);
  } finally {
    fs.rmSync(ro, { recursive: true, force: true });
    fs.rmSync(path.dirname(path.dirname(nbPath)), { recursive: true, force: true });
  }
});

test("environment.md is rewritten only after a run into the repository", () => {
  const file = path.join(REPO, "environment.md");
  const before = fs.readFileSync(file);
  const summary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lw-summary-")), "figures.json");
  fs.writeFileSync(summary, JSON.stringify({ notebooks: { "01-x": 1.5 }, total_seconds: 1.5, ok: true, out_root: "/tmp/x", scratch: ["QUICK=1"], committed: false }));
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/update-environment.ts", "--summary", summary, "--wall", "3", "--nb", "01"],
    { cwd: REPO, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /environment.md left unchanged: this run wrote to \/tmp\/x/);
  assert.deepEqual(fs.readFileSync(file), before);
  fs.rmSync(path.dirname(summary), { recursive: true, force: true });
});
