/**
 * Choosing the TensorFlow.js backend.
 *
 * Order for `auto`: `tensorflow` (libtensorflow through the optional @tensorflow/tfjs-node,
 * see docs/native-backend.md) > `wasm` (@tensorflow/tfjs-backend-wasm, XNNPACK, SIMD) > `cpu`
 * (plain JavaScript, always present). `TFJS_BACKEND` picks one explicitly (see params.ts);
 * an explicit request that cannot be met throws, naming the backend and the reason, rather
 * than silently running somewhere else.
 *
 * Every lib module imports `@tensorflow/tfjs`; tfjs-node and the wasm backend register
 * themselves into that same engine (one deduplicated tfjs-core in node_modules).
 */
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { applyNativePins, nativePinsReport } from "./determinism";
import { BACKEND_CHOICES, BackendName, BACKENDS, parseChoice } from "./params";

export type { BackendName } from "./params";

/** Why the last attempt to load each backend failed (for the banner and error messages). */
const loadErrors: Partial<Record<BackendName, string>> = {};
let nativeVersion: string | undefined;

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split("\n")[0].trim();
}

/** Registers backend `name` with the engine; returns an error text instead of throwing. */
function register(name: BackendName): string | undefined {
  if (tf.findBackendFactory(name) !== null) return undefined;
  try {
    if (name === "tensorflow") {
      // libtensorflow reads this when it loads: 2 hides its INFO/WARNING lines (CPU features).
      process.env.TF_CPP_MIN_LOG_LEVEL ??= "2";
      // oneDNN, ISA ceiling and threads are read when libtensorflow loads: pin them first.
      applyNativePins();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require("@tensorflow/tfjs-node");
    } else if (name === "wasm") {
      // In Node the wasm backend locates its .wasm files next to its own dist/ script;
      // no setWasmPaths is needed (threads are unavailable in Node, SIMD is used).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require("@tensorflow/tfjs-backend-wasm");
    }
  } catch (e) {
    return firstLine(e);
  }
  return tf.findBackendFactory(name) === null
    ? `loading it did not register backend '${name}' (is tfjs-core duplicated in node_modules?)`
    : undefined;
}

/** Makes `name` the active backend; returns an error text if it cannot. */
async function activate(name: BackendName): Promise<string | undefined> {
  const regError = register(name);
  if (regError !== undefined) return regError;
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return `tf.setBackend('${name}') returned false (initialisation failed)`;
    await tf.ready();
  } catch (e) {
    return firstLine(e);
  }
  return tf.getBackend() === name ? undefined : `active backend is '${tf.getBackend()}' after setBackend('${name}')`;
}

/**
 * Activates the requested backend (default: `TFJS_BACKEND`, else `auto`) and waits for
 * `tf.ready()`. Returns the backend in use.
 */
export async function selectBackend(requested?: BackendName | "auto"): Promise<BackendName> {
  const want = requested ?? parseChoice("TFJS_BACKEND", process.env.TFJS_BACKEND, BACKEND_CHOICES, "auto");
  if (want === "auto") {
    for (const name of BACKENDS) {
      const err = await activate(name);
      if (err === undefined) return name;
      loadErrors[name] = err;
    }
    throw new Error(`no TensorFlow.js backend could be started: ${JSON.stringify(loadErrors)}`);
  }
  parseChoice("requested backend", want, BACKEND_CHOICES, "auto"); // a caller passing a bad string
  const err = await activate(want);
  if (err !== undefined) {
    loadErrors[want] = err;
    const hint = want === "tensorflow" ? " (run `bash scripts/setup-tfjs-node.sh`, see docs/native-backend.md)" : "";
    throw new Error(`TFJS_BACKEND="${want}" requested but backend '${want}' cannot be used: ${err}${hint}`);
  }
  return want;
}

/** `version` field of a package's package.json, or "not installed". */
export function packageVersion(pkg: string): string {
  try {
    const file = require.resolve(`${pkg}/package.json`);
    return JSON.parse(fs.readFileSync(file, "utf8")).version as string;
  } catch {
    // some packages do not export ./package.json: look for it in node_modules directly
    for (const base of require.resolve.paths(pkg) ?? []) {
      const file = path.join(base, pkg, "package.json");
      if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")).version as string;
    }
    return "not installed";
  }
}

/** libtensorflow version reported by the native binding, when the backend is `tensorflow`. */
function libtensorflowVersion(): string | undefined {
  if (nativeVersion !== undefined) return nativeVersion;
  try {
    const binding = (tf.backend() as unknown as { binding?: { TF_Version?: string } }).binding;
    if (typeof binding?.TF_Version === "string") nativeVersion = binding.TF_Version;
  } catch {
    // not the native backend
  }
  return nativeVersion;
}

/** The active backend and the versions a result depends on. */
export function backendReport(): { backend: BackendName; versions: Record<string, string> } {
  const backend = tf.getBackend() as BackendName;
  const versions: Record<string, string> = {
    tfjs: tf.version.tfjs,
    backend,
    node: process.versions.node,
    tslab: packageVersion("tslab"),
    typescript: packageVersion("typescript"),
    "plotly.js": packageVersion("plotly.js-dist"),
    danfojs: packageVersion("danfojs-node"),
    mathjs: packageVersion("mathjs"),
  };
  if (backend === "tensorflow") {
    versions["tfjs-node"] = packageVersion("@tensorflow/tfjs-node");
    versions.libtensorflow = libtensorflowVersion() ?? "unknown";
    versions.nativePins = nativePinsReport();
  } else if (backend === "wasm") {
    versions["tfjs-backend-wasm"] = packageVersion("@tensorflow/tfjs-backend-wasm");
    versions.simd = String(tf.env().getBool("WASM_HAS_SIMD_SUPPORT"));
    versions.threads = String(tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT"));
  }
  return { backend, versions };
}

/** Load errors of backends tried and rejected so far (reported by the banner). */
export function backendLoadErrors(): Partial<Record<BackendName, string>> {
  return { ...loadErrors };
}
