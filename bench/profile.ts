/**
 * Where a native GAN training step spends its time:
 *
 *   node --import tsx bench/profile.ts [one] [ensemble15] [notebook75]    (default: all three)
 *
 * For each shape (one GAN, latent 10; an ensemble of 15, latent 10; notebook 05's 75 GANs of
 * latent widths 1 … 100) on the tensorflow backend with the project's pins:
 *
 * - wall ms per step (lib/train/loop.ts trainStep) and how many cores were busy
 *   (process CPU time / wall time; 2 = both cores all the time);
 * - phases, each timed on its own over the same steps: drawing the batches (JavaScript RNG and
 *   upload), D gradients, D's Adam update, G gradients, G's Adam update, reading the losses back;
 * - the kernels of one step from tf.profile: count and time per category (matMul, element-wise,
 *   reductions, layout: reshape/concat/split/slice/transpose/…), and the matMuls' GFLOP/s from
 *   their shapes. The kernel times include TensorFlow's own per-op cost; wall − Σ kernel time is
 *   what tfjs adds around the kernels (tape, tidy, tensor bookkeeping, JavaScript);
 * - the cost of one op with no work: tf.add of two 1-element tensors through tfjs, and the same
 *   op through the binding directly (backend.executeSingleOutput), so per-op dispatch splits into
 *   tfjs's share and the binding + TensorFlow eager share.
 *
 * Prints Markdown tables (docs/profile.md holds a measured copy). PROFILE_STEPS sets the timed
 * steps per shape (default 10; the 75-GAN shape uses a third of them).
 */
import * as tf from "@tensorflow/tfjs";
import * as os from "os";
import { backendReport, selectBackend } from "../lib/env/backend";
import { parseInteger } from "../lib/env/params";
import { eightGaussians } from "../lib/toy/datasets";
import { latentBatch, realBatch } from "../lib/train/batches";
import { disposeGanModel, type GanModel } from "../lib/train/model";
import { trainSteps } from "../lib/train/loop";
import { discriminatorGradients, generatorGradients } from "../lib/train/step";
import { engineModel, notebookLatentDims } from "./engine";
import { kernelMatMulFlops, referenceSpec, stepCost } from "./flops";

interface Shape {
  key: string;
  label: string;
  members: number;
  latentDims?: number[];
}

const SHAPES: Shape[] = [
  { key: "one", label: "one GAN (latent 10)", members: 1 },
  { key: "ensemble15", label: "ensemble of 15 (latent 10)", members: 15 },
  { key: "notebook75", label: "75 GANs, notebook 05 (latent 1 … 100)", members: 75, latentDims: notebookLatentDims(75) },
];

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

const CATEGORIES: [string, RegExp][] = [
  ["matMul", /^(BatchMatMul|_FusedMatMul)$/],
  ["reductions", /^(Sum|Mean|Max|Min|Prod|ArgMax|ArgMin|All|Any)$/],
  ["layout (reshape, concat, split, slice, transpose, …)", /^(Reshape|Concat|ConcatV2|Split|SplitV|Slice|StridedSlice|Transpose|Pack|Unpack|Tile|ExpandDims|Squeeze|Identity|Cast|Fill|ZerosLike|OnesLike|BroadcastTo)$/],
];

function category(kernel: string): string {
  for (const [name, re] of CATEGORIES) if (re.test(kernel)) return name;
  return "element-wise and other";
}

interface Phases {
  [phase: string]: number;
}

/** The phases of one step, each timed (ms); the same work as trainStep, split where it can be. */
function phasedStep(model: GanModel, step: number, t: Phases): void {
  const c = model.config;
  let last = now();
  const mark = (phase: string) => {
    const at = now();
    t[phase] += at - last;
    last = at;
  };
  const real = realBatch(c, eightGaussians, step, 0, c.batch.real).x;
  const zD = latentBatch(c, "noise-d", step, 0, c.batch.fake);
  const zG = latentBatch(c, "noise-g", step, 0, c.batch.generator);
  mark("batches (JS RNG + upload)");
  const d = discriminatorGradients(model, { real, z: zD });
  mark("D gradients");
  model.dOptimizer.apply(d.grads);
  tf.dispose(d.grads);
  mark("D Adam update");
  const g = generatorGradients(model, { z: zG });
  mark("G gradients");
  model.gOptimizer.apply(g.grads);
  tf.dispose(g.grads);
  mark("G Adam update");
  for (const kept of [d.kept, g.kept]) for (const v of Object.values(kept)) v.dataSync();
  mark("read-back (dataSync of the losses)");
  tf.dispose([...Object.values(d.kept), ...Object.values(g.kept), real, zD, zG]);
}

async function profileShape(shape: Shape, steps: number): Promise<string> {
  const spec = referenceSpec(10);
  const model = engineModel(spec, Array.from({ length: shape.members }, (_, k) => k), shape.latentDims);
  const flopsPerStep = (shape.latentDims ?? Array(shape.members).fill(10)).reduce((s: number, d: number) => s + stepCost(referenceSpec(d)).flops, 0);
  let step = 0;
  for (let i = 0; i < 3; i++) trainSteps(model, eightGaussians, 1, step++); // warm-up

  const cpu0 = process.cpuUsage();
  const w0 = now();
  for (let i = 0; i < steps; i++) trainSteps(model, eightGaussians, 1, step++);
  const wall = (now() - w0) / steps;
  const cpu = process.cpuUsage(cpu0);
  const cores = (cpu.user + cpu.system) / 1000 / steps / wall;

  const phases: Phases = Object.fromEntries(["batches (JS RNG + upload)", "D gradients", "D Adam update", "G gradients", "G Adam update", "read-back (dataSync of the losses)"].map((p) => [p, 0]));
  for (let i = 0; i < steps; i++) phasedStep(model, step++, phases);

  const w1 = now();
  const info = await tf.profile(() => {
    trainSteps(model, eightGaussians, 1, step++);
  });
  const profiledWall = now() - w1;
  disposeGanModel(model);

  const byCat = new Map<string, { ops: number; ms: number }>();
  let mmFlops = 0;
  let mmMs = 0;
  let kernelMs = 0;
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === "number" ? k.kernelTimeMs : 0;
    const cat = category(k.name);
    const e = byCat.get(cat) ?? { ops: 0, ms: 0 };
    e.ops++;
    e.ms += ms;
    byCat.set(cat, e);
    kernelMs += ms;
    if (cat === "matMul") {
      mmFlops += kernelMatMulFlops(k.inputShapes as number[][], k.outputShapes[0] as number[]);
      mmMs += ms;
    }
  }
  const pct = (x: number) => `${((100 * x) / wall).toFixed(0)}%`;
  const lines = [
    `### ${shape.label}`,
    "",
    `${wall.toFixed(1)} ms per step (${(shape.members * 1000 / wall).toFixed(1)} GAN-steps/s, ${((flopsPerStep / wall) / 1e6).toFixed(1)} useful GFLOP/s), ${cores.toFixed(2)} cores busy on average; ${info.kernels.length} kernels per step.`,
    "",
    "| phase | ms per step | share of the step |",
    "| --- | --- | --- |",
    ...Object.entries(phases).map(([p, ms]) => `| ${p} | ${(ms / steps).toFixed(2)} | ${pct(ms / steps)} |`),
    "",
    `Kernels of one profiled step (tf.profile; that step took ${profiledWall.toFixed(1)} ms with profiling):`,
    "",
    "| kernels | count | kernel ms | share of the unprofiled step |",
    "| --- | --- | --- | --- |",
    ...[...byCat.entries()].sort((a, b) => b[1].ms - a[1].ms).map(([c, e]) => `| ${c} | ${e.ops} | ${e.ms.toFixed(2)} | ${pct(e.ms)} |`),
    `| all kernels | ${info.kernels.length} | ${kernelMs.toFixed(2)} | ${pct(kernelMs)} |`,
    `| outside kernels (tfjs: tape, tidy, bookkeeping; JS) = wall − Σ kernels | | ${(wall - kernelMs).toFixed(2)} | ${pct(wall - kernelMs)} |`,
    "",
    `matMuls: ${(mmFlops / 1e9).toFixed(3)} GFLOP per step in ${mmMs.toFixed(2)} ms of kernel time = ${(mmFlops / mmMs / 1e6).toFixed(1)} GFLOP/s while in a matMul kernel.`,
  ];
  return lines.join("\n");
}

/** µs per op of a 1-element add: through tfjs (engine + kernel) and through the binding directly. */
function opFloor(): string {
  const a = tf.tensor1d([1]);
  const b = tf.tensor1d([2]);
  const n = 3000;
  const viaTfjs = () => {
    const t0 = now();
    for (let i = 0; i < n; i++) tf.add(a, b).dispose();
    return ((now() - t0) * 1000) / n;
  };
  const backend = tf.backend() as unknown as { executeSingleOutput(name: string, attrs: unknown[], inputs: tf.Tensor[]): tf.Tensor };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createTensorsTypeOpAttr } = require("@tensorflow/tfjs-node/dist/nodejs_kernel_backend") as { createTensorsTypeOpAttr(name: string, dtype: string): unknown };
  const attrs = [createTensorsTypeOpAttr("T", "float32")];
  const viaBinding = () => {
    const t0 = now();
    for (let i = 0; i < n; i++) backend.executeSingleOutput("AddV2", attrs, [a, b]).dispose();
    return ((now() - t0) * 1000) / n;
  };
  viaTfjs();
  viaBinding();
  const xs = [viaTfjs(), viaTfjs(), viaTfjs()].sort((p, q) => p - q);
  const ys = [viaBinding(), viaBinding(), viaBinding()].sort((p, q) => p - q);
  tf.dispose([a, b]);
  return `One op with no work (add of two 1-element tensors, median of 3 × ${n}): ${xs[1].toFixed(1)} µs through tfjs (tf.add), ${ys[1].toFixed(1)} µs through the binding directly (backend.executeSingleOutput("AddV2")).`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const shapes = wanted.length === 0 ? SHAPES : SHAPES.filter((s) => wanted.includes(s.key));
  if (shapes.length === 0) throw new Error(`unknown shape ${wanted.join(", ")}: use ${SHAPES.map((s) => s.key).join(", ")}`);
  const steps = parseInteger("PROFILE_STEPS", process.env.PROFILE_STEPS, { min: 1, max: 1000 }, 10);
  await selectBackend("tensorflow");
  const load0 = os.loadavg();
  const out = [opFloor(), ""];
  for (const s of shapes) {
    console.error(`profiling ${s.label} …`);
    out.push(await profileShape(s, s.members > 20 ? Math.max(1, Math.round(steps / 3)) : steps), "");
  }
  out.push(`${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}); load ${load0.map((x) => x.toFixed(2)).join(" / ")} at start, ${os.loadavg().map((x) => x.toFixed(2)).join(" / ")} at end; ${backendReport().versions.nativePins}.`);
  console.log(out.join("\n"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
