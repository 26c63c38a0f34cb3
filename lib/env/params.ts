/**
 * Run parameters, read from environment variables and validated in one place.
 *
 * | variable       | meaning                                              | allowed            | default        |
 * | -------------- | ---------------------------------------------------- | ------------------ | -------------- |
 * | `QUICK`        | reduced run (tests, CI)                              | 0, 1               | 0              |
 * | `SEED`         | root seed of every random stream                     | 0 … 2³²−1          | 0              |
 * | `FORCE`        | retrain even when a checkpoint exists                | 0, 1               | 0              |
 * | `TFJS_BACKEND` | TensorFlow.js backend                                | auto, tensorflow, wasm, cpu | auto  |
 * | `STEPS`        | training steps per GAN (notebook 05)                 | 1 … 30000          | 600 (QUICK: 30)|
 * | `LONG`         | train runs beyond the budget (notebook 05): 1, 2 longer | 0, 1, 2        | 0              |
 * | `LW_OUT`       | directory receiving `figures/`, `data/`, notebooks   | a writable directory | see out-root.ts |
 *
 * The allowed values live in params.json (read by the Python runner too); the parsers are in
 * spec.ts, the output root in out-root.ts. A bad value throws {@link ParamError} naming the
 * variable, the value and what is allowed, e.g. `QUICK="2" is not allowed: use 0 or 1`.
 */
import { resolveOutRoot } from "./out-root";
import { BackendName, readParam } from "./spec";

export { checkOutRoot, repoRoot, resolveOutRoot, scratchName } from "./out-root";
export {
  BACKEND_CHOICES, BACKENDS, MAX_SEED, PARAMS, ParamError, parseChoice, parseFlag, parseInteger,
  readIntegerParam, readParam, SCRATCH_DIR, scratchSettings, specOf,
} from "./spec";
export type { BackendName, ParamSpec } from "./spec";

export interface RunParams {
  quick: boolean;
  seed: number;
  force: boolean;
  /** runs beyond the compute budget to train: 0 none, 1 notebook 05's 2,400-step run, 2 also its 30,000-step run */
  long: number;
  /** absolute directory under which figures/ and data/ are written */
  outRoot: string;
  backend: BackendName | "auto";
}

/** Reads and validates every run parameter; throws {@link ParamError} on the first bad one. */
export function readParams(env: NodeJS.ProcessEnv = process.env): RunParams {
  const quick = readParam("QUICK", env) === 1;
  const seed = readParam("SEED", env) as number;
  const force = readParam("FORCE", env) === 1;
  const long = readParam("LONG", env) as number;
  const backend = readParam("TFJS_BACKEND", env) as BackendName | "auto";
  const { outRoot } = resolveOutRoot(env);
  return { quick, seed, force, long, outRoot, backend };
}
