/**
 * Settings that make the native backend (libtensorflow through tfjs-node) compute the same
 * bits on different x86-64 CPUs, as far as settings can (docs/determinism.md has the
 * measurements behind each one):
 *
 * | variable                 | pinned to | what it fixes |
 * | ------------------------ | --------- | ------------- |
 * | `TF_ENABLE_ONEDNN_OPTS`  | `1`       | TensorFlow's default turns oneDNN on only for CPUs with AVX-512 VNNI or BF16, AVX-VNNI or AMX; off, every matMul runs through Eigen with other blocking, so the numbers depend on which CPU generation runs them |
 * | `ONEDNN_MAX_CPU_ISA`     | `AVX2`    | oneDNN picks its matMul kernels by the CPU's instruction set (AVX-512 CPUs: brgemm kernels; AVX2 CPUs: the jit sgemm); the ceiling gives every CPU with AVX2 the same kernels |
 * | `TF_NUM_INTRAOP_THREADS` | `2`       | TensorFlow sizes its thread pool by the number of cores; how a matMul or a reduction is split over threads can change the order of the additions |
 *
 * libtensorflow reads these once, when it loads, so {@link applyNativePins} must run before
 * `@tensorflow/tfjs-node` is required (lib/env/backend.ts does). A variable that is already
 * set is left alone, so a user can override a pin; the empty string means "the library's own
 * default" (TensorFlow and oneDNN treat an empty variable as unset). {@link nativePinsReport}
 * says which values were in force, for banners and benchmark tables.
 *
 * What pins cannot fix: CPUs without AVX2 (before 2013–2015) take other kernels; a libtensorflow
 * other than 2.12.1 (docs/native-backend.md) has other kernels. The wasm backend needs no pins:
 * WebAssembly fixes the result of every float operation, and in Node it runs single-threaded.
 * Nor can an environment variable set the number of threads oneDNN splits a batched matMul over
 * ({@link onednnBatchThreads}).
 */
import * as fs from "fs";
import * as os from "os";

/** The pinned value of each variable (see the table above). */
export const NATIVE_PINS = {
  TF_ENABLE_ONEDNN_OPTS: "1",
  ONEDNN_MAX_CPU_ISA: "AVX2",
  TF_NUM_INTRAOP_THREADS: "2",
} as const;

export type NativePinName = keyof typeof NATIVE_PINS;
export const NATIVE_PIN_NAMES = Object.keys(NATIVE_PINS) as NativePinName[];

type Env = Record<string, string | undefined>;

/**
 * Sets every pin that `env` does not set yet (default: this process's environment, which the
 * C library sees, so libtensorflow reads it when it loads). Returns the values in force.
 */
export function applyNativePins(env: Env = process.env): Record<NativePinName, string> {
  for (const name of NATIVE_PIN_NAMES) {
    if (env[name] === undefined) env[name] = NATIVE_PINS[name];
  }
  return nativePinValues(env);
}

/** The value of each pin variable in `env` ("" = library default, undefined counts as ""). */
export function nativePinValues(env: Env = process.env): Record<NativePinName, string> {
  return Object.fromEntries(NATIVE_PIN_NAMES.map((n) => [n, env[n] ?? ""])) as Record<NativePinName, string>;
}

/** Pins whose value in `env` differs from the project's, as `NAME=value (pinned: x)`. */
export function nativePinOverrides(env: Env = process.env): string[] {
  const values = nativePinValues(env);
  return NATIVE_PIN_NAMES.filter((n) => values[n] !== NATIVE_PINS[n]).map(
    (n) => `${n}=${values[n] === "" ? "(library default)" : values[n]} (pinned: ${NATIVE_PINS[n]})`,
  );
}

/**
 * One line for banners and benchmark tables: "pinned (TF_ENABLE_ONEDNN_OPTS=1 …)", or which
 * pins a user overrode, since then the numbers may differ from the committed ones.
 */
export function nativePinsReport(env: Env = process.env): string {
  const values = nativePinValues(env);
  const list = NATIVE_PIN_NAMES.map((n) => `${n}=${values[n] === "" ? "default" : values[n]}`).join(" ");
  const overrides = nativePinOverrides(env);
  return overrides.length === 0 ? `pinned (${list})` : `NOT the project's pins (${list}; overridden: ${overrides.join(", ")})`;
}

/**
 * The number of threads oneDNN splits a batched matMul over, as libtensorflow 2.12's oneDNN
 * (v2.7, thread-pool build) decides it when it plans the product, predicted from this machine:
 *
 *   threads = min(CPUs this process may run on, cores per package)
 *
 * where "cores per package" is what CPUID reports on an Intel CPU (/proc/cpuinfo `cpu cores`:
 * physical cores, without hyper-threads) and, on every other vendor, the number of online CPUs
 * (oneDNN's CPUID reader reads the topology of Intel CPUs only). `TF_NUM_INTRAOP_THREADS` does
 * not change it. The batch of K members is cut into that many equal pieces of work, and a
 * member whose rows are cut between two threads gets its product ∂L/∂x = ∂L/∂y · Wᵀ in other
 * bits (measured: docs/determinism.md). The committed runs were made with 2.
 *
 * `cpuinfo` is the text of /proc/cpuinfo; `available` the CPUs this process may run on
 * (os.availableParallelism()); `online` the online CPUs (os.cpus().length). Under a user-mode
 * emulator /proc/cpuinfo is the host's, so the prediction is the host's, not the emulated CPU's.
 */
export function onednnBatchThreads(cpuinfo: string, available: number, online: number): number {
  const field = (name: string) => cpuinfo.match(new RegExp(`^${name}\\s*:\\s*(.+)$`, "m"))?.[1].trim();
  const intel = field("vendor_id") === "GenuineIntel";
  const cores = Number(field("cpu cores"));
  const perPackage = intel && Number.isInteger(cores) && cores > 0 ? cores : online;
  return Math.max(1, Math.min(available, perPackage));
}

/** {@link onednnBatchThreads} of this machine; undefined where /proc/cpuinfo cannot be read. */
export function onednnBatchThreadsHere(): number | undefined {
  try {
    return onednnBatchThreads(fs.readFileSync("/proc/cpuinfo", "utf8"), os.availableParallelism(), os.cpus().length);
  } catch {
    return undefined;
  }
}
