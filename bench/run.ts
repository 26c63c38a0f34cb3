/**
 * `make bench` = `node --import tsx bench/run.ts`: steps per second of notebook 05's reference
 * GAN (bench/flops.ts) for
 *
 *   - the naive tf.layers port (bench/naive.ts), our engine (lib/train), an ensemble of K GANs
 *     in one batched model and K one-member models stepped in turn (bench/engine.ts), on every
 *     tfjs backend that loads (tensorflow, wasm, cpu), each backend in its own child process
 *     (bench/worker.ts);
 *   - the reference's tf.keras train_on_batch loop (bench/reference_keras.py), a PyTorch loop
 *     (bench/reference_torch.py) and a jit-compiled JAX step (bench/reference_jax.py), all in
 *     .venv-bench (bench/requirements.txt), each reported "not installed" when it is missing;
 *
 * with achieved GFLOP/s and % of each backend's peak matMul GFLOP/s. Writes
 * data/bench/results.csv, data/bench/summary.md, figures/bench/throughput.*, the bench section
 * of environment.md, and prints the table. BENCH_QUICK=1 is a smoke test of the harness: it
 * writes to a temporary directory unless LW_OUT is set, and never to environment.md.
 * Other settings: bench/settings.ts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readParams, repoRoot } from "../lib/env/params";
import { notebookDirs, type NotebookContext } from "../lib/notebook/context";
import { ensureDir } from "../lib/util/atomic";
import { referenceSpec, stepCost } from "./flops";
import { formatLoad, machineFacts } from "./machine";
import { machineText, markdownTable, saveFigure, targetsText, textTable, throughputFigure, writeEnvironmentSection, writeOutputs } from "./output";
import { reportRows, targetChecks, type Row } from "./rows";
import { benchSettings } from "./settings";
import { NOTEBOOK_IMPLEMENTATION, RESULT_PREFIX, type WorkerReport } from "./worker";

const ROOT = repoRoot();
const CHILD_TIMEOUT_MS = 30 * 60 * 1000;

/** Runs a child that prints `BENCH_RESULT <json>`; its other output goes to our stderr. */
function runChild(label: string, cmd: string, args: string[]): WorkerReport {
  console.error(`\n== ${label}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", timeout: CHILD_TIMEOUT_MS, maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "inherit"] });
  const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith(RESULT_PREFIX));
  if (line) return JSON.parse(line.slice(RESULT_PREFIX.length)) as WorkerReport;
  const why = r.error ? r.error.message : `exit ${r.status}${r.signal ? ` (${r.signal})` : ""}`;
  return { backend: label, status: `error: no result (${why})`, versions: {}, peak: [], results: [] };
}

function pythonWith(module: string, candidates: string[]): string | undefined {
  return candidates.find((py) => fs.existsSync(py) || !py.includes("/")
    ? spawnSync(py, ["-c", `import ${module}`], { stdio: "ignore" }).status === 0
    : false);
}

function pythonReports(): WorkerReport[] {
  const venvPy = path.join(ROOT, ".venv-bench", "bin", "python");
  const reports: WorkerReport[] = [];
  const kerasPy = pythonWith("tensorflow", [venvPy]);
  reports.push(
    kerasPy
      ? runChild("tf.keras (Python)", kerasPy, ["bench/reference_keras.py"])
      : { backend: "tf.keras (Python)", status: "not installed: create .venv-bench (see bench/requirements.txt)", versions: {}, peak: [], results: [] },
  );
  for (const [label, module, script] of [["PyTorch (Python)", "torch", "bench/reference_torch.py"], ["JAX (Python)", "jax", "bench/reference_jax.py"]]) {
    const py = pythonWith(module, [venvPy]);
    reports.push(
      py
        ? runChild(label, py, [script])
        : { backend: label, status: `not installed (import ${module} fails in .venv-bench; see bench/requirements.txt)`, versions: {}, peak: [], results: [] },
    );
  }
  return reports;
}

function benchContext(quick: boolean): NotebookContext {
  const params = readParams();
  const outRoot = quick && process.env.LW_OUT === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), "latent-walk-bench-quick-")) : params.outRoot;
  const dirs = notebookDirs(outRoot, "bench");
  ensureDir(dirs.figuresDir);
  ensureDir(dirs.dataDir);
  // This process runs no tensor code: each backend is measured in its own child.
  return { name: "bench", params: { ...params, outRoot }, backend: "cpu", ...dirs };
}

async function main(): Promise<void> {
  const settings = benchSettings();
  const machine = machineFacts();
  console.error(`bench: ${machine.cores} cores (${machine.cpuModel}), load ${formatLoad(machine.loadStart)}, latent ${settings.latentDim}, K = ${settings.members}${settings.quick ? ", QUICK (numbers mean nothing)" : ""}`);
  const spec = referenceSpec(settings.latentDim);
  const cost = stepCost(spec);

  const reports: WorkerReport[] = [];
  for (const backend of settings.backends) {
    reports.push(runChild(`tfjs ${backend}`, process.execPath, ["--import", "tsx", "bench/worker.ts", backend]));
  }
  if (settings.python) reports.push(...pythonReports());
  machine.loadEnd = os.loadavg();

  const rows: Row[] = reports.flatMap((r) => reportRows(r, cost.flops));
  const checks = targetChecks(rows, settings.members, NOTEBOOK_IMPLEMENTATION);
  const ctx = benchContext(settings.quick);
  const context = [
    `Model: notebook 05's reference GAN, latent ${spec.latentDim}; one step = one D update (256 real + 256 fake) + one G update (512 noise), ${(cost.flops / 1e9).toFixed(4)} GFLOP per GAN step (matMuls, bench/flops.ts).`,
    `Ensemble K = ${settings.members}; the notebook-05 row trains 75 GANs of latent widths 1, 2, 3, 10, 100 as one ensemble (native backend only). Peak = best matMul GFLOP/s of the backend over [512,512]x[512,512], [512,256]x[256,256], [256,128]x[128,128].`,
    `Native backend settings: ${reports.find((r) => r.backend === "tensorflow")?.versions.nativePins ?? "n/a"} (lib/env/determinism.ts, docs/determinism.md); the Python references run with their libraries' defaults (the pins are set inside the tensorflow worker only).`,
    "Within a tfjs backend the repeats of the four implementations are interleaved; backends and the Python references run one after another, so their ratios carry the load changes between them.",
    "GAN-steps/s = steps/s × GANs per step; GFLOP/s credits every implementation with the minimum matMul work (bench/flops.ts).",
    settings.quick ? "BENCH_QUICK=1: smoke run of the harness, the numbers mean nothing." : "",
  ].filter((s) => s !== "").join("\n");
  const versions = reports.map((r) => `- ${r.backend}: ${r.status === "ok" ? Object.entries(r.versions).map(([k, v]) => `${k} ${v}`).join(", ") : r.status}`).join("\n");
  const peaks = reports.filter((r) => r.peak.length > 0).map((r) => `- ${r.backend}: ${r.peak.map((p) => `${p.shape} ${p.gflops.toFixed(1)}`).join(", ")} GFLOP/s`).join("\n");
  const body = [
    machineText(machine, context),
    "",
    markdownTable(rows),
    "",
    "Targets (reported, not asserted):",
    targetsText(checks),
    "",
    "Peak matMul:",
    peaks,
    "",
    "Versions:",
    versions,
  ].join("\n");

  const written = await writeOutputs(ctx, rows, `# Benchmark: reference GAN training throughput\n\n${body}\n`);
  written.push(await saveFigure(ctx, throughputFigure(rows)));
  if (!settings.quick) {
    const env = path.join(ROOT, "environment.md");
    if (writeEnvironmentSection(env, `### Benchmark (\`make bench\`)\n\n${body}`)) written.push(`${env} (bench section)`);
    else console.error(`environment.md has no <!-- bench:start --> / <!-- bench:end --> markers: the table is in data/bench/summary.md`);
  }

  console.log(`\n${textTable(rows)}\n\nTargets (reported, not asserted):\n${targetsText(checks)}\n`);
  console.log(machineText(machine, context));
  console.log(`\nwrote:\n${written.map((w) => `  ${w}`).join("\n")}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
