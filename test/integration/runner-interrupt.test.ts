/**
 * Ctrl-C of the headless runner (scripts/run_notebooks.py): the first SIGINT interrupts the
 * kernel and lets the running cell end (so a training loop can checkpoint), then the kernel is
 * shut down and the runner exits 130 with the notebook unchanged; a second SIGINT, or a cell
 * that does not end within the grace time, stops the kernel at once. The kernel runs in its
 * own session, so only the runner's interrupt reaches it.
 */
import * as assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { assertBuildFresh, REPO, RUNNER, VENV_PYTHON } from "../helpers/notebook-run";

function code(source: string) { return { cell_type: "code", metadata: {}, execution_count: null, outputs: [], source }; }

/** A tslab notebook in a fresh folder; returns its path and the folder. */
function writeNotebook(cells: object[]): { nbPath: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-interrupt-"));
  const nbPath = path.join(dir, "notebooks", "01-interrupt.ipynb");
  fs.mkdirSync(path.dirname(nbPath));
  fs.writeFileSync(nbPath, JSON.stringify({
    cells, nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
  }, null, 1));
  return { nbPath, dir };
}

/** The cell that records the kernel's pid in `dir`/kernel.pid. */
function pidCell(dir: string) {
  return code(`require("fs").writeFileSync(${JSON.stringify(path.join(dir, "kernel.pid"))}, String(process.pid));`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Session id (field 6 of /proc/<pid>/stat). */
function sessionOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[3]);
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the runner on `nbPath`; resolves with exit code, stderr and seconds from `t0()`. */
function startRunner(nbPath: string, dir: string, extra: string[] = []) {
  const child = spawn(VENV_PYTHON, [RUNNER, ...extra, "--out-dir", path.join(dir, "out"), nbPath],
    { env: { ...process.env, LW_OUT: path.join(dir, "lw-out") }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdout.on("data", (d: Buffer) => (stderr += d.toString()));
  let signalledAt = 0;
  const done = new Promise<{ code: number | null; stderr: string; secondsAfterSignal: number }>((resolve) =>
    child.on("exit", (code) => resolve({ code, stderr, secondsAfterSignal: (Date.now() - signalledAt) / 1000 })));
  return {
    child, done, stderr: () => stderr,
    signal(sig: NodeJS.Signals) { if (signalledAt === 0) signalledAt = Date.now(); child.kill(sig); },
  };
}

test("first Ctrl-C: the kernel is interrupted, the cell checkpoints and ends, exit 130, notebook unchanged", { timeout: 240_000 }, async () => {
  const { nbPath, dir } = writeNotebook([]);
  const ckpt = path.join(dir, "checkpoint.txt");
  const cells = [
    pidCell(dir),
    // a training loop that, like lib's, stops at its next step on SIGINT and checkpoints. The
    // listener is added after an await: one added while tslab runs the cell's synchronous part
    // (vm breakOnSigint) leaves SIGINT at its default action, and the interrupt kills the kernel.
    code(`const fs = require("fs");
let stop = false;
await null;
process.on("SIGINT", () => { stop = true; });
const total = 100000;
for (let step = 1; step <= total; step++) {
  if (stop) { fs.writeFileSync(${JSON.stringify(ckpt)}, String(step)); console.log(\`interrupted at step \${step} of \${total}\`); break; }
  if (step === 3) fs.writeFileSync(${JSON.stringify(path.join(dir, "running"))}, "");
  await new Promise((r) => setTimeout(r, 20));
}`),
    code('console.log("not reached");'),
  ];
  fs.writeFileSync(nbPath, JSON.stringify({ ...JSON.parse(fs.readFileSync(nbPath, "utf8")), cells }, null, 1));
  const before = fs.readFileSync(nbPath);
  const run = startRunner(nbPath, dir);
  await waitFor(() => fs.existsSync(path.join(dir, "running")), 180_000, `the training cell to start:\n${run.stderr()}`);
  const kernel = Number(fs.readFileSync(path.join(dir, "kernel.pid"), "utf8"));
  assert.notEqual(sessionOf(kernel), sessionOf(run.child.pid as number), "the kernel shares the runner's session: a terminal Ctrl-C would hit it directly");
  run.signal("SIGINT");
  const res = await run.done;
  assert.equal(res.code, 130, res.stderr);
  assert.ok(fs.existsSync(ckpt), `no checkpoint written:\n${res.stderr}`);
  assert.ok(Number(fs.readFileSync(ckpt, "utf8")) >= 3);
  assert.match(res.stderr, /interrupt: asking the kernel to stop the running cell/);
  assert.match(res.stderr, /the running cell ended [\d.]+ s after the interrupt/);
  assert.match(res.stderr, /interrupted; kernel shut down, .* left unchanged/);
  assert.ok(res.secondsAfterSignal < 30, `took ${res.secondsAfterSignal} s`);
  assert.deepEqual(fs.readFileSync(nbPath), before, "the notebook was changed");
  assert.ok(!fs.existsSync(path.join(dir, "out", "01-interrupt.ipynb")), "an executed copy was saved");
  await waitFor(() => !alive(kernel), 10_000, `kernel ${kernel} to exit`);
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A cell stuck in a system call (reading a FIFO nobody writes to), like a long native op: neither
 * tslab's interrupt nor Node's breakOnSigint can end it.
 */
function blockingNotebook(): { nbPath: string; dir: string } {
  const made = writeNotebook([]);
  const fifo = path.join(made.dir, "fifo");
  execFileSync("mkfifo", [fifo]);
  const cells = [pidCell(made.dir), code(`require("fs").writeFileSync(${JSON.stringify(path.join(made.dir, "running"))}, "");\nrequire("fs").readFileSync(${JSON.stringify(fifo)});`)];
  fs.writeFileSync(made.nbPath, JSON.stringify({ ...JSON.parse(fs.readFileSync(made.nbPath, "utf8")), cells }, null, 1));
  return made;
}

test("second Ctrl-C stops a kernel that does not react, at once", { timeout: 240_000 }, async () => {
  const { nbPath, dir } = blockingNotebook();
  const before = fs.readFileSync(nbPath);
  const run = startRunner(nbPath, dir);
  await waitFor(() => fs.existsSync(path.join(dir, "running")), 180_000, `the blocking cell to start:\n${run.stderr()}`);
  const kernel = Number(fs.readFileSync(path.join(dir, "kernel.pid"), "utf8"));
  run.signal("SIGINT");
  await new Promise((r) => setTimeout(r, 1500));
  assert.ok(alive(kernel), "the kernel should still be busy after the first interrupt");
  run.signal("SIGINT");
  const res = await run.done;
  assert.equal(res.code, 130, res.stderr);
  assert.match(res.stderr, /second interrupt: stopping the kernel now/);
  assert.ok(res.secondsAfterSignal < 15, `took ${res.secondsAfterSignal} s after the first Ctrl-C`);
  assert.ok(!alive(kernel), `kernel ${kernel} still runs`);
  assert.deepEqual(fs.readFileSync(nbPath), before);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a cell that does not end within the grace time: the kernel is shut down anyway (SIGTERM too)", { timeout: 240_000 }, async () => {
  const { nbPath, dir } = blockingNotebook();
  const run = startRunner(nbPath, dir, ["--interrupt-grace", "3"]);
  await waitFor(() => fs.existsSync(path.join(dir, "running")), 180_000, `the blocking cell to start:\n${run.stderr()}`);
  const kernel = Number(fs.readFileSync(path.join(dir, "kernel.pid"), "utf8"));
  run.signal("SIGTERM");
  const res = await run.done;
  assert.equal(res.code, 130, res.stderr);
  assert.match(res.stderr, /did not end within 3 s; shutting the kernel down/);
  assert.ok(res.secondsAfterSignal >= 3, `gave up after ${res.secondsAfterSignal} s, before the grace time`);
  await waitFor(() => !alive(kernel), 15_000, `kernel ${kernel} to exit`);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a kernel stopped hard in the middle of figure rendering leaves no Chromium profile or browser behind", { timeout: 240_000 }, async () => {
  assertBuildFresh();
  const made = writeNotebook([]);
  const fifo = path.join(made.dir, "fifo");
  execFileSync("mkfifo", [fifo]);
  const render = JSON.stringify(path.join(REPO, "dist", "lib", "plot", "render"));
  const cells = [
    pidCell(made.dir),
    code(`const { renderPng } = require(${render});
await renderPng({ data: [{ type: "bar", x: [1, 2], y: [2, 1] }] }, { width: 200, height: 150 }, 1);
const os = require("os"), fs = require("fs");
const mine = fs.readdirSync(os.tmpdir()).filter((d: string) => d.startsWith(\`lw-chromium-\${process.pid}-\`));
fs.writeFileSync(${JSON.stringify(path.join(made.dir, "profile"))}, os.tmpdir() + "/" + mine[0]);`),
    code(`require("fs").writeFileSync(${JSON.stringify(path.join(made.dir, "running"))}, "");\nrequire("fs").readFileSync(${JSON.stringify(fifo)});`),
  ];
  fs.writeFileSync(made.nbPath, JSON.stringify({ ...JSON.parse(fs.readFileSync(made.nbPath, "utf8")), cells }, null, 1));
  const run = startRunner(made.nbPath, made.dir);
  await waitFor(() => fs.existsSync(path.join(made.dir, "running")), 180_000, `the rendering cell to finish:\n${run.stderr()}`);
  const profile = fs.readFileSync(path.join(made.dir, "profile"), "utf8");
  assert.ok(fs.existsSync(profile), `the kernel's browser profile ${profile} should exist while it runs`);
  run.signal("SIGINT");
  await new Promise((r) => setTimeout(r, 1000));
  run.signal("SIGINT");
  const res = await run.done;
  assert.equal(res.code, 130, res.stderr);
  await waitFor(() => processesWith(profile).length === 0, 15_000, "the kernel's browser to quit");
  assert.ok(!fs.existsSync(profile), `${profile} left behind after the run`);
  fs.rmSync(made.dir, { recursive: true, force: true });
});

/** pids whose command line mentions `needle` (a browser's processes carry their profile path). */
function processesWith(needle: string): number[] {
  return fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e)).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(needle);
    } catch {
      return false;
    }
  }).map(Number);
}
