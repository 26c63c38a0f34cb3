/**
 * One backend's share of `make bench`, run by bench/run.ts as a child process (one process per
 * backend, so backends never share a thread pool or a heap):
 *
 *   node --import tsx bench/worker.ts <tensorflow|wasm|cpu>
 *
 * Measures the backend's peak matMul GFLOP/s, then times the reference GAN as the naive
 * tf.layers port, on our engine, as an ensemble of K GANs in one batched model, and as K
 * one-member models stepped in turn. Prints one line `BENCH_RESULT <json>` (a WorkerReport);
 * everything else it prints is progress.
 * Settings: BENCH_QUICK=1 (smoke run), BENCH_LATENT (latent width, default 10),
 * BENCH_MEMBERS (ensemble size K, default 15; 3 when quick).
 */
import * as tf from "@tensorflow/tfjs";
import { backendReport, selectBackend, type BackendName } from "../lib/env/backend";
import { parseChoice } from "../lib/env/params";
import { createEngineEnsemble, createSequentialGans, engineDenseMode } from "./engine";
import { referenceSpec } from "./flops";
import { createNaiveGan } from "./naive";
import { measurePeak, type PeakResult } from "./peak";
import { benchSettings } from "./settings";
import { timeSteps, timingPlan, type BenchGan, type Timing } from "./timing";

export interface ImplResult {
  implementation: string;
  /** GANs advanced by one timed step. */
  members: number;
  status: string;
  timing?: Timing;
  note?: string;
}

export interface WorkerReport {
  backend: string;
  status: string;
  versions: Record<string, string>;
  peak: PeakResult[];
  results: ImplResult[];
}

export const RESULT_PREFIX = "BENCH_RESULT ";

async function timeImpl(implementation: string, members: number, make: () => BenchGan, slow: boolean, quick: boolean): Promise<ImplResult> {
  const before = tf.memory().numTensors;
  let gan: BenchGan | undefined;
  try {
    gan = make();
    const timing = await timeSteps(() => gan!.step(), timingPlan(quick, slow, members));
    gan.dispose();
    const leaked = tf.memory().numTensors - before;
    console.error(`  ${implementation}: ${timing.median.toFixed(3)} steps/s (${timing.repeats} × ${timing.steps} steps)`);
    return { implementation, members, status: "ok", timing, note: leaked !== 0 ? `${leaked} tensors left after dispose` : undefined };
  } catch (e) {
    gan?.dispose();
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    console.error(`  ${implementation}: ERROR ${msg}`);
    return { implementation, members, status: `error: ${msg}` };
  }
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
  report.results.push(await timeImpl("tfjs-layers (naive)", 1, () => createNaiveGan(spec, 0), slow, settings.quick));
  report.results.push(await timeImpl("engine", 1, () => createEngineEnsemble(spec, 1), slow, settings.quick));
  report.results.push(await timeImpl(`engine ensemble ×${k}`, k, () => createEngineEnsemble(spec, k), slow, settings.quick));
  report.results.push(await timeImpl(`engine ${k} sequential`, k, () => createSequentialGans(spec, k), slow, settings.quick));
  console.log(RESULT_PREFIX + JSON.stringify(report));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
