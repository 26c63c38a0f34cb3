/**
 * Worker and Python reports → one row per implementation × backend, with the derived numbers:
 *
 *   ms/step      = 1000 / steps/s                       (one step advances `members` GANs)
 *   GAN-steps/s  = members · steps/s
 *   GFLOP/s      = FLOPs per step (members · the reference GAN's, bench/flops.ts, unless the
 *                  implementation gives its own) · steps/s / 1e9
 *   % of peak    = GFLOP/s / peak matMul GFLOP/s of the same backend (best shape, bench/peak.ts)
 *
 * and the targets, reported (never asserted): see targetChecks.
 */
import type { Timing } from "./timing";
import type { WorkerReport } from "./worker";

export interface Row extends Record<string, string | number> {
  implementation: string;
  backend: string;
  members: number;
  steps_per_s: number;
  gan_steps_per_s: number;
  ms_per_step: number;
  gflop_per_step: number;
  gflops: number;
  peak_gflops: number;
  pct_of_peak: number;
  steps_per_repeat: number;
  repeats: number;
  min_steps_per_s: number;
  max_steps_per_s: number;
  status: string;
  note: string;
}

const round = (x: number, digits: number) => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : NaN);

/** Rows of one report; `flopsPerGanStep` from stepCost(spec).flops. */
export function reportRows(report: WorkerReport, flopsPerGanStep: number): Row[] {
  const peak = Math.max(0, ...report.peak.map((p) => p.gflops));
  if (report.results.length === 0) {
    return [emptyRow("(all)", report.backend, 1, report.status)];
  }
  return report.results.map((r) => {
    const t: Timing | undefined = r.timing;
    if (!t || r.status !== "ok") return emptyRow(r.implementation, report.backend, r.members, r.status);
    const flopsPerStep = r.flopsPerStep ?? r.members * flopsPerGanStep;
    const gflops = (flopsPerStep * t.median) / 1e9;
    return {
      implementation: r.implementation,
      backend: report.backend,
      members: r.members,
      steps_per_s: round(t.median, 4),
      gan_steps_per_s: round(t.median * r.members, 4),
      ms_per_step: round(1000 / t.median, 4),
      gflop_per_step: round(flopsPerStep / 1e9, 4),
      gflops: round(gflops, 3),
      peak_gflops: round(peak, 3),
      pct_of_peak: peak > 0 ? round((100 * gflops) / peak, 3) : NaN,
      steps_per_repeat: t.steps,
      repeats: t.repeats,
      min_steps_per_s: round(t.min, 4),
      max_steps_per_s: round(t.max, 4),
      status: "ok",
      note: r.note ?? "",
    };
  });
}

function emptyRow(implementation: string, backend: string, members: number, status: string): Row {
  return {
    implementation, backend, members, steps_per_s: NaN, gan_steps_per_s: NaN, ms_per_step: NaN, gflop_per_step: NaN, gflops: NaN,
    peak_gflops: NaN, pct_of_peak: NaN, steps_per_repeat: 0, repeats: 0, min_steps_per_s: NaN, max_steps_per_s: NaN, status, note: "",
  };
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | "n/a";
}

const ok = (r: Row) => r.status === "ok";
const isPython = (r: Row) => r.backend.includes("Python");

/** The fastest row among `rows` by steps/s. */
function fastest(rows: Row[]): Row | undefined {
  return rows.reduce<Row | undefined>((b, r) => (!b || r.steps_per_s > b.steps_per_s ? r : b), undefined);
}

/**
 * The targets of `make bench` (reported, never asserted): on the native backend one GAN ≥ 1.5 ×
 * tf.keras train_on_batch; per backend an ensemble of K ≥ 5 × K sequential runs and ≥ 50% of
 * peak matMul; notebook 05's shape (75 GANs) ≥ 100 GAN-steps/s. Also the engine's ratio to the
 * fastest Python reference (tf.keras, PyTorch or JAX).
 */
export function targetChecks(rows: Row[], members: number, notebookImplementation: string): TargetCheck[] {
  const engine = rows.filter((r) => ok(r) && r.implementation === "engine");
  const python = rows.filter((r) => ok(r) && isPython(r));
  const checks: TargetCheck[] = [];
  const bestEngine = fastest(engine);
  const bestPython = fastest(python);
  checks.push({
    target: "engine (one GAN, fastest backend) vs the fastest Python reference",
    measured: bestEngine && bestPython
      ? `${bestEngine.steps_per_s} (${bestEngine.backend}) vs ${bestPython.steps_per_s} (${bestPython.implementation}): ${(bestEngine.steps_per_s / bestPython.steps_per_s).toFixed(2)}×`
      : "missing a measurement",
    met: bestEngine && bestPython ? bestEngine.steps_per_s >= bestPython.steps_per_s : "n/a",
  });
  const native = engine.find((r) => r.backend === "tensorflow");
  const keras = python.find((r) => r.implementation === "tf.keras train_on_batch");
  checks.push({
    target: "tensorflow: engine (one GAN) ≥ 1.5 × tf.keras train_on_batch",
    measured: native && keras ? `${(native.steps_per_s / keras.steps_per_s).toFixed(2)}× (${native.steps_per_s} vs ${keras.steps_per_s} steps/s)` : "missing a measurement",
    met: native && keras ? native.steps_per_s >= 1.5 * keras.steps_per_s : "n/a",
  });
  for (const backend of [...new Set(engine.map((r) => r.backend))]) {
    const ens = rows.find((r) => ok(r) && r.backend === backend && r.implementation === `engine ensemble ×${members}`);
    const seq = rows.find((r) => ok(r) && r.backend === backend && r.implementation === `engine ${members} sequential`);
    const ratio = ens && seq ? ens.gan_steps_per_s / seq.gan_steps_per_s : NaN;
    // Both do the same FLOPs, so the ratio cannot exceed peak / (GFLOP/s of the sequential runs).
    const bound = seq ? seq.peak_gflops / seq.gflops : NaN;
    checks.push({
      target: `${backend}: ensemble of ${members} ≥ 5 × ${members} sequential runs`,
      measured: Number.isFinite(ratio) ? `${ratio.toFixed(2)}× (at most ${bound.toFixed(2)}× possible: peak / sequential GFLOP/s)` : "missing a measurement",
      met: Number.isFinite(ratio) ? ratio >= 5 : "n/a",
    });
    checks.push({
      target: `${backend}: ensemble of ${members} ≥ 50% of peak matMul`,
      measured: ens ? `${ens.pct_of_peak}%` : "missing a measurement",
      met: ens ? ens.pct_of_peak >= 50 : "n/a",
    });
  }
  const nb = rows.find((r) => ok(r) && r.implementation === notebookImplementation);
  checks.push({
    target: `tensorflow: ${notebookImplementation} ≥ 100 GAN-steps/s`,
    measured: nb ? `${nb.gan_steps_per_s} GAN-steps/s (${nb.pct_of_peak}% of peak)` : "missing a measurement",
    met: nb ? nb.gan_steps_per_s >= 100 : "n/a",
  });
  return checks;
}
