/**
 * One backend's share of `make bench`, run by bench/run.ts as a child process (one process per
 * backend, so backends never share a thread pool or a heap):
 *
 *   node --import tsx bench/worker.ts <tensorflow|wasm|cpu>
 *
 * Measures the backend's peak matMul GFLOP/s (before and after, best of both), then times the
 * reference GAN as the naive tf.layers port, on our engine, as an ensemble of K GANs in one
 * batched model, and as K one-member models stepped in turn, their repeats interleaved. Prints one line `BENCH_RESULT <json>` (a WorkerReport);
 * everything else it prints is progress.
 * Settings: BENCH_QUICK=1 (smoke run), BENCH_LATENT (latent width, default 10),
 * BENCH_MEMBERS (ensemble size K, default 15; 3 when quick).
 */
import * as tf from "@tensorflow/tfjs";
import { backendReport, selectBackend, type BackendName } from "../lib/env/backend";
import { parseChoice } from "../lib/env/params";
import { createEngineEnsemble, createNotebookEnsemble, createSequentialGans, engineDenseMode, NOTEBOOK_MEMBERS, notebookLatentDims } from "./engine";
import { referenceSpec, stepCost } from "./flops";
import { createNaiveGan } from "./naive";
import { measurePeak, type PeakResult } from "./peak";
import { benchSettings } from "./settings";
import { timeInterleaved, timingPlan, type BenchGan, type Timing } from "./timing";

export interface ImplResult {
  implementation: string;
  /** GANs advanced by one timed step. */
  members: number;
  status: string;
  timing?: Timing;
  note?: string;
  /** FLOPs of one timed step when the members differ in size (default: members × the reference GAN's). */
  flopsPerStep?: number;
}

export interface WorkerReport {
  backend: string;
  status: string;
  versions: Record<string, string>;
  peak: PeakResult[];
  results: ImplResult[];
}

export const RESULT_PREFIX = "BENCH_RESULT ";
/** The row of notebook 05's training shape (bench/engine.ts createNotebookEnsemble). */
export const NOTEBOOK_IMPLEMENTATION = `engine ensemble ×75 (notebook 05)`;

interface Impl {
  implementation: string;
  members: number;
  make: () => BenchGan;
  flopsPerStep?: number;
  note?: string;
}

function firstLine(e: unknown): string {
  return e instanceof Error ? e.message.split("\n")[0] : String(e);
}

/** Builds every implementation, times them interleaved (bench/timing.ts), disposes them. */
async function timeImpls(impls: Impl[], slow: boolean, quick: boolean): Promise<{ results: ImplResult[]; leaked: number }> {
  const before = tf.memory().numTensors;
  const built = impls.map((impl) => {
    try {
      return impl.make();
    } catch (e) {
      return new Error(firstLine(e));
    }
  });
  const live = built.flatMap((g, i) => (g instanceof Error ? [] : [{ i, gan: g }]));
  const timings = await timeInterleaved(live.map(({ gan, i }) => ({ step: () => gan.step(), plan: timingPlan(quick, slow, impls[i].members) })));
  live.forEach(({ gan }) => gan.dispose());
  const leaked = tf.memory().numTensors - before;
  const results = impls.map((impl, i): ImplResult => {
    const g = built[i];
    const t = g instanceof Error ? g : timings[live.findIndex((l) => l.i === i)];
    if (t instanceof Error) {
      console.error(`  ${impl.implementation}: ERROR ${firstLine(t)}`);
      return { implementation: impl.implementation, members: impl.members, status: `error: ${firstLine(t)}` };
    }
    console.error(`  ${impl.implementation}: ${t.median.toFixed(3)} steps/s (${t.repeats} × ${t.steps} steps)`);
    return { implementation: impl.implementation, members: impl.members, status: "ok", timing: t, flopsPerStep: impl.flopsPerStep, note: impl.note };
  });
  return { results, leaked };
}

async function main(): Promise<void> {
  const backend = parseChoice("worker backend", process.argv[2], ["tensorflow", "wasm", "cpu"] as const, "cpu") as BackendName;
  const settings = benchSettings();
  const report: WorkerReport = { backend, status: "ok", versions: {}, peak: [], results: [] };
  try {
    await selectBackend(backend);
  } catch (e) {
    report.status = `unavailable: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`;
    console.log(RESULT_PREFIX + JSON.stringify(report));
    return;
  }
  report.versions = backendReport().versions;
  const spec = referenceSpec(settings.latentDim);
  const slow = backend === "cpu";
  const k = settings.members;
  console.error(`[bench ${backend}] peak matMul`);
  report.peak = measurePeak(settings.quick);
  report.versions.denseMode = engineDenseMode(spec);
  console.error(`[bench ${backend}] GAN steps (latent ${spec.latentDim}, K = ${k})`);
  const impls: Impl[] = [
    { implementation: "tfjs-layers (naive)", members: 1, make: () => createNaiveGan(spec, 0) },
    { implementation: "engine", members: 1, make: () => createEngineEnsemble(spec, 1) },
    { implementation: `engine ensemble ×${k}`, members: k, make: () => createEngineEnsemble(spec, k) },
    { implementation: `engine ${k} sequential`, members: k, make: () => createSequentialGans(spec, k) },
  ];
  // Notebook 05's shape (75 GANs, latent widths 1 … 100) on the native backend only: on wasm and
  // cpu one step of it takes tens of seconds.
  if (backend === "tensorflow" && !settings.quick) {
    const flops = notebookLatentDims().reduce((sum, d) => sum + stepCost(referenceSpec(d)).flops, 0);
    impls.push({ implementation: NOTEBOOK_IMPLEMENTATION, members: NOTEBOOK_MEMBERS, make: () => createNotebookEnsemble(spec), flopsPerStep: flops, note: "latent 1, 2, 3, 10, 100 × 15" });
  }
  const { results, leaked } = await timeImpls(
    impls,
    slow,
    settings.quick,
  );
  report.results = results;
  report.versions.leakedTensors = String(leaked); // tensors left after disposing every model
  // Peak again after the GAN runs; the best of both is the peak (load varies over the run).
  const again = measurePeak(settings.quick);
  report.peak = report.peak.map((p, i) => ({ shape: p.shape, gflops: Math.max(p.gflops, again[i].gflops) }));
  console.log(RESULT_PREFIX + JSON.stringify(report));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
