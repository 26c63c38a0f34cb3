/**
 * Which settings of the native backend change its numbers, and what each setting costs:
 *
 *   node --import tsx bench/determinism.ts [variant …]         (default: every variant)
 *
 * Each variant is a set of environment variables read by libtensorflow when it loads (oneDNN
 * on/off, oneDNN's ISA ceiling, Eigen's intra-op threads); each runs in a fresh child process
 * that trains the probe GAN of bench/checksum.ts and reports the checksum of its final weights
 * and its ms per step. An empty value means "the library's own default" (TensorFlow and oneDNN
 * treat an empty variable as unset, and lib/env/determinism.ts pins only unset variables).
 * Repeats of the variants are interleaved, so load changes hit every variant alike; the table
 * gives the median ms/step, whether the checksum repeated within a variant, and the largest
 * weight difference from the first variant.
 *
 * Settings: DET_STEPS (steps per run, default 200), DET_REPEATS (default 3), DET_BACKEND
 * (tensorflow or wasm, default tensorflow; wasm has its own variants, WASM_VARIANTS),
 * DET_MEMBERS (the probe's member count, default 3; 25 is the size of notebook 05's ensembles).
 * The last native variants compare oneDNN's thread count (1 CPU visible, as an Intel CPU that
 * reports one core plans it) with the per-member 2-D products of `denseMode: "fast"`.
 *
 * Other CPUs, emulated: with DET_EMULATOR set to a user-mode x86-64 emulator (qemu-x86_64 from
 * Debian's qemu-user-static, see docs/determinism.md), the variants are EMULATED_VARIANTS: the
 * project's pins on this CPU, on this CPU with one core visible, and under the emulator as
 * other Intel and AMD CPUs (their vendor, instruction sets, cache sizes and core counts as
 * CPUID reports them). The emulator runs the native backend about 150 times slower, so use
 * DET_STEPS=60 DET_REPEATS=1 (about 10 min per emulated CPU); with 60 steps the table also
 * says whether each checksum is the committed one of test/unit/determinism.test.ts.
 *
 * Every child also hashes each kernel of the training (bench/kernels.ts); the table names the
 * kernels whose output differs from the first variant's, which points at the cause.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { backendReport, selectBackend, type BackendName } from "../lib/env/backend";
import { parseChoice, parseInteger, repoRoot } from "../lib/env/params";
import { NATIVE_PIN_NAMES, NATIVE_PINS } from "../lib/env/determinism";
import { COMMITTED_CHECKSUMS, COMMITTED_STEPS, PROBE_MEMBERS, probeMembers, runProbe } from "./checksum";
import type { DenseMode } from "../lib/nn/dense";
import { differingKernels, kernelFingerprint } from "./kernels";
import { median } from "./timing";

/** A named set of environment variables (values "" = library default) and Node/V8 flags. */
export interface Variant {
  name: string;
  env: Record<string, string>;
  nodeFlags?: string[];
  /** a command that runs Node, e.g. ["taskset", "-c", "0"] or [emulator, "-cpu", "Haswell-v4"] */
  launcher?: string[];
  /** how the probe's dense layers multiply (lib/nn/dense.ts); unset: the backend's default */
  denseMode?: DenseMode;
}

const DEFAULTS: Record<string, string> = Object.fromEntries(NATIVE_PIN_NAMES.map((n) => [n, ""]));

/** Native backend: library defaults, then one change at a time, then combinations. */
export const NATIVE_VARIANTS: Variant[] = [
  { name: "library defaults", env: {} },
  { name: "oneDNN off", env: { TF_ENABLE_ONEDNN_OPTS: "0" } },
  { name: "oneDNN on", env: { TF_ENABLE_ONEDNN_OPTS: "1" } },
  { name: "ISA ≤ AVX512_CORE", env: { ONEDNN_MAX_CPU_ISA: "AVX512_CORE" } },
  { name: "ISA ≤ AVX2", env: { ONEDNN_MAX_CPU_ISA: "AVX2" } },
  { name: "ISA ≤ AVX", env: { ONEDNN_MAX_CPU_ISA: "AVX" } },
  { name: "ISA ≤ SSE41", env: { ONEDNN_MAX_CPU_ISA: "SSE41" } },
  { name: "1 intra-op thread", env: { TF_NUM_INTRAOP_THREADS: "1" } },
  { name: "4 intra-op threads", env: { TF_NUM_INTRAOP_THREADS: "4" } },
  { name: "oneDNN off, 1 thread", env: { TF_ENABLE_ONEDNN_OPTS: "0", TF_NUM_INTRAOP_THREADS: "1" } },
  { name: "oneDNN off, 4 threads", env: { TF_ENABLE_ONEDNN_OPTS: "0", TF_NUM_INTRAOP_THREADS: "4" } },
  { name: "oneDNN off, ISA ≤ AVX2", env: { TF_ENABLE_ONEDNN_OPTS: "0", ONEDNN_MAX_CPU_ISA: "AVX2" } },
  { name: "AVX2, 1 thread", env: { ONEDNN_MAX_CPU_ISA: "AVX2", TF_NUM_INTRAOP_THREADS: "1" } },
  { name: "AVX2, 4 threads", env: { ONEDNN_MAX_CPU_ISA: "AVX2", TF_NUM_INTRAOP_THREADS: "4" } },
  { name: "project pins", env: { ...NATIVE_PINS } },
  { name: "project pins, 1 thread", env: { ...NATIVE_PINS, TF_NUM_INTRAOP_THREADS: "1" } },
  { name: "project pins, 4 threads", env: { ...NATIVE_PINS, TF_NUM_INTRAOP_THREADS: "4" } },
  // oneDNN's own thread count (1 CPU visible), and the per-member 2-D products that do not depend on it
  { name: "project pins, 1 CPU visible", env: { ...NATIVE_PINS }, launcher: ["taskset", "-c", "0"] },
  { name: "project pins, per-member products", env: { ...NATIVE_PINS }, denseMode: "fast" },
  { name: "project pins, per-member products, 1 CPU visible", env: { ...NATIVE_PINS }, denseMode: "fast", launcher: ["taskset", "-c", "0"] },
];

/**
 * wasm backend: V8 compiles WebAssembly SIMD to the CPU's instructions; switching V8's use of
 * AVX, AVX2 and FMA off emulates an older CPU. XNNPACK's thread count is asked for 2 (in Node
 * the wasm backend runs single-threaded whatever is asked).
 */
export const WASM_VARIANTS: Variant[] = [
  { name: "wasm", env: {} },
  { name: "wasm, 2 threads asked", env: { DET_WASM_THREADS: "2" } },
  { name: "wasm, V8 without AVX/AVX2/FMA", env: {}, nodeFlags: ["--no-enable-avx", "--no-enable-avx2", "--no-enable-fma3"] },
];

/**
 * Other CPUs under a user-mode emulator (`emulator` = path of qemu-x86_64), all with the
 * project's pins, after this CPU as it is and with one core visible. The CPU models have AVX2
 * (the pinned instruction-set ceiling) and no AVX-512: Intel Haswell (2013) and Skylake (2015),
 * AMD Zen 2 (EPYC Rome) and Zen 3 (EPYC Milan).
 */
export function emulatedVariants(emulator: string): Variant[] {
  const pins = { ...NATIVE_PINS };
  const cpu = (model: string, what: string): Variant => ({ name: `emulated ${what}`, env: pins, launcher: [emulator, "-cpu", model] });
  return [
    { name: "this CPU", env: pins },
    { name: "this CPU, 1 core visible", env: pins, launcher: ["taskset", "-c", "0"] },
    cpu("Haswell-v4", "Intel Haswell"),
    cpu("Skylake-Client-v4", "Intel Skylake"),
    cpu("EPYC-Rome-v2", "AMD Zen 2"),
    cpu("EPYC-Milan-v1", "AMD Zen 3"),
  ];
}

const PREFIX = "DET_RESULT ";

export interface ChildResult {
  checksum: string;
  msPerStep: number;
  valuesFile: string;
  versions: Record<string, string>;
  /** bench/kernels.ts: op name → hash of its output */
  kernels: Record<string, string>;
}

/** Child: train the probe on `backend`, write the final values to `valuesFile`, print the result. */
async function child(backend: BackendName, steps: number, valuesFile: string): Promise<void> {
  const threads = process.env.DET_WASM_THREADS;
  if (backend === "wasm" && threads) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require("@tensorflow/tfjs-backend-wasm") as typeof import("@tensorflow/tfjs-backend-wasm")).setThreadsCount(Number(threads));
  }
  await selectBackend(backend);
  const kernels = kernelFingerprint();
  const denseMode = process.env.DET_DENSE_MODE ? parseChoice("DET_DENSE_MODE", process.env.DET_DENSE_MODE, ["plain", "fast"] as const, "plain") : "auto";
  const r = runProbe(steps, denseMode, probeMembers(probeCount()));
  fs.writeFileSync(valuesFile, Buffer.from(r.values.buffer, r.values.byteOffset, r.values.byteLength));
  const result: ChildResult = { checksum: r.checksum, msPerStep: r.msPerStep, valuesFile, versions: backendReport().versions, kernels };
  console.log(PREFIX + JSON.stringify(result));
}

/** Trains the probe in a fresh process with `variant`'s environment, Node flags and launcher. */
export function probeInChild(variant: Variant, backend: string, steps: number, valuesFile: string): ChildResult | Error {
  const env: NodeJS.ProcessEnv = { ...process.env, ...DEFAULTS, ...variant.env, DET_DENSE_MODE: variant.denseMode ?? "" };
  const args = [...(variant.nodeFlags ?? []), "--import", "tsx", __filename, "--child", backend, String(steps), valuesFile];
  const [command, ...launcherArgs] = [...(variant.launcher ?? []), process.execPath];
  const r = spawnSync(command, [...launcherArgs, ...args], {
    cwd: repoRoot(),
    env,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith(PREFIX));
  if (r.error) return new Error(`${variant.name}: cannot start ${command}: ${r.error.message}`);
  if (!line) return new Error(`${variant.name}: no result (exit ${r.status}): ${(r.stderr ?? "").split("\n").slice(-3).join(" | ")}`);
  return JSON.parse(line.slice(PREFIX.length)) as ChildResult;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return NaN;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const readValues = (file: string) => {
  const buf = fs.readFileSync(file);
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
};

async function main(): Promise<void> {
  const steps = parseInteger("DET_STEPS", process.env.DET_STEPS, { min: 1, max: 100_000 }, 200);
  const repeats = parseInteger("DET_REPEATS", process.env.DET_REPEATS, { min: 1, max: 50 }, 3);
  const backend = parseChoice("DET_BACKEND", process.env.DET_BACKEND, ["tensorflow", "wasm"] as const, "tensorflow");
  const wanted = process.argv.slice(2);
  const emulator = process.env.DET_EMULATOR;
  if (emulator !== undefined && backend !== "tensorflow") throw new RangeError(`DET_EMULATOR runs the native backend; DET_BACKEND=${backend} cannot be combined with it`);
  if (emulator !== undefined && !fs.existsSync(emulator)) throw new RangeError(`DET_EMULATOR=${emulator}: no such file (the path of qemu-x86_64, see docs/determinism.md)`);
  const all = emulator !== undefined ? emulatedVariants(emulator) : backend === "wasm" ? WASM_VARIANTS : NATIVE_VARIANTS;
  const variants = wanted.length === 0 ? all : all.filter((v) => wanted.includes(v.name));
  if (variants.length === 0) throw new Error(`no variant named ${wanted.join(", ")}; variants: ${all.map((v) => v.name).join("; ")}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "latent-walk-determinism-"));
  console.error(`determinism probe: ${backend}, ${probeCount()} members, ${steps} steps × ${repeats} repeats, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), load ${os.loadavg().map((x) => x.toFixed(2)).join(" / ")}`);
  const runs: (ChildResult | Error)[][] = variants.map(() => []);
  for (let r = 0; r < repeats; r++) {
    variants.forEach((v, i) => {
      const res = probeInChild(v, backend, steps, path.join(dir, `${i}-${r}.f32`));
      runs[i].push(res);
      console.error(`  [${r + 1}/${repeats}] ${v.name}: ${res instanceof Error ? res.message : `${res.checksum.slice(0, 12)} ${res.msPerStep.toFixed(1)} ms/step`}`);
    });
  }
  const first = runs[0].find((x): x is ChildResult => !(x instanceof Error));
  const ref = first ? readValues(first.valuesFile) : undefined;
  const committed = steps === COMMITTED_STEPS[backend] && probeCount() === PROBE_MEMBERS.length ? COMMITTED_CHECKSUMS[backend] : undefined;
  const lines = [
    `| variant | settings | checksum (first 12 hex) | same in every repeat | ${committed ? "the committed checksum | " : ""}max abs weight difference from the first variant | kernels that differ from the first variant | ms/step (median) |`,
    `| --- | --- | --- | --- | ${committed ? "--- | " : ""}--- | --- | --- |`,
  ];
  variants.forEach((v, i) => {
    const ok = runs[i].filter((x): x is ChildResult => !(x instanceof Error));
    if (ok.length === 0) {
      lines.push(`| ${v.name} | ${settingsText(v)} | error | – | ${committed ? "– | " : ""}– | – | – |`);
      return;
    }
    const sums = new Set(ok.map((x) => x.checksum));
    const diff = ref ? maxAbsDiff(ref, readValues(ok[0].valuesFile)) : NaN;
    const kernels = first ? differingKernels(first.kernels, ok[0].kernels) : [];
    lines.push(
      `| ${v.name} | ${settingsText(v)} | ${[...sums].map((s) => s.slice(0, 12)).join(", ")} | ${sums.size === 1 ? "yes" : "NO"} | ` +
        `${committed ? (sums.size === 1 && sums.has(committed) ? "yes | " : "no | ") : ""}${diff === 0 ? "0" : diff.toExponential(2)} | ${kernels.length ? kernels.join(", ") : "none"} | ${median(ok.map((x) => x.msPerStep)).toFixed(1)} |`,
    );
  });
  console.log(lines.join("\n"));
  console.log(`\nload at end ${os.loadavg().map((x) => x.toFixed(2)).join(" / ")}; versions: ${JSON.stringify(first?.versions ?? {})}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** DET_MEMBERS: the probe's member count (default 3, the committed probe; 25 is a notebook-05 ensemble's size). */
function probeCount(): number {
  return parseInteger("DET_MEMBERS", process.env.DET_MEMBERS, { min: 1, max: 75 }, PROBE_MEMBERS.length);
}

function settingsText(v: Variant): string {
  const launcher = v.launcher ? [v.launcher.map((a) => path.basename(a)).join(" ")] : [];
  const mode = v.denseMode ? [`denseMode: "${v.denseMode}"`] : [];
  const set = [...launcher, ...mode, ...Object.entries(v.env).map(([k, x]) => `${k}=${x === "" ? "(default)" : x}`), ...(v.nodeFlags ?? [])];
  return set.length === 0 ? "(none)" : set.join(" ");
}

if (require.main === module) {
  const run = process.argv[2] === "--child"
    ? child(parseChoice("backend", process.argv[3], ["tensorflow", "wasm", "cpu"] as const, "tensorflow"), Number(process.argv[4]), process.argv[5])
    : main();
  run.catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
