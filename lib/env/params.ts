/**
 * Run parameters, read from environment variables and validated in one place.
 *
 * | variable       | meaning                                              | allowed            | default        |
 * | -------------- | ---------------------------------------------------- | ------------------ | -------------- |
 * | `QUICK`        | reduced run (tests, CI)                              | 0, 1               | 0              |
 * | `SEED`         | root seed of every random stream                     | 0 … 2³²−1          | 0              |
 * | `FORCE`        | retrain even when a checkpoint exists                | 0, 1               | 0              |
 * | `LONG`         | also train runs of hours (notebook 05's 30,000 steps) | 0, 1              | 0              |
 * | `LW_OUT`       | directory receiving `figures/` and `data/`           | a directory path   | repository root|
 * | `TFJS_BACKEND` | TensorFlow.js backend                                | auto, tensorflow, wasm, cpu | auto  |
 *
 * A bad value throws {@link ParamError} naming the variable, the value and what is allowed,
 * e.g. `QUICK="2" is not allowed: use 0 or 1`. An empty string counts as unset.
 */
import * as fs from "fs";
import * as path from "path";
import type { BackendName } from "./backend";

/** A parameter had a value outside its allowed set; the message says which and what to use. */
export class ParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParamError";
  }
}

export interface RunParams {
  quick: boolean;
  seed: number;
  force: boolean;
  /** train the long runs instead of drawing them from their committed results */
  long: boolean;
  /** absolute directory under which figures/ and data/ are written */
  outRoot: string;
  backend: BackendName | "auto";
}

export const BACKEND_CHOICES = ["auto", "tensorflow", "wasm", "cpu"] as const;
/** Largest seed: seeds feed 32-bit generators. */
export const MAX_SEED = 0xffffffff;

function isUnset(value: string | undefined): value is undefined {
  return value === undefined || value.trim() === "";
}

/** `0` → false, `1` → true, unset → `fallback`; anything else throws. */
export function parseFlag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (isUnset(value)) return fallback;
  const v = value.trim();
  if (v === "0") return false;
  if (v === "1") return true;
  throw new ParamError(`${name}="${value}" is not allowed: use 0 or 1`);
}

/** A decimal integer in [range.min, range.max] (digits only, optional leading minus); unset → `fallback`. */
export function parseInteger(
  name: string,
  value: string | undefined,
  range: { min: number; max: number },
  fallback: number,
): number {
  if (isUnset(value)) return fallback;
  const v = value.trim();
  const n = /^-?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    throw new ParamError(
      `${name}="${value}" is not allowed: use an integer from ${range.min} to ${range.max}`,
    );
  }
  return n;
}

/** One of `allowed` (exact, case-sensitive); unset → `fallback`. */
export function parseChoice<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (isUnset(value)) return fallback;
  const v = value.trim();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new ParamError(`${name}="${value}" is not allowed: use one of ${allowed.join(", ")}`);
}

let cachedRoot: string | undefined;

/**
 * The directory holding the package.json named `latent-walk`, found by walking up from the
 * current working directory (a tslab kernel runs in notebooks/) and, failing that, from this
 * file (lib/env or dist/lib/env).
 */
export function repoRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  for (const start of [process.cwd(), __dirname]) {
    let dir = path.resolve(start);
    for (;;) {
      const pkg = path.join(dir, "package.json");
      if (fs.existsSync(pkg)) {
        try {
          if (JSON.parse(fs.readFileSync(pkg, "utf8")).name === "latent-walk") {
            cachedRoot = dir;
            return dir;
          }
        } catch {
          // an unreadable package.json is not ours; keep walking up
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(
    `cannot find the latent-walk repository root (package.json named "latent-walk") above ${process.cwd()} or ${__dirname}`,
  );
}

/** Reads and validates every run parameter; throws {@link ParamError} on the first bad one. */
export function readParams(env: NodeJS.ProcessEnv = process.env): RunParams {
  const quick = parseFlag("QUICK", env.QUICK, false);
  const seed = parseInteger("SEED", env.SEED, { min: 0, max: MAX_SEED }, 0);
  const force = parseFlag("FORCE", env.FORCE, false);
  const long = parseFlag("LONG", env.LONG, false);
  const backend = parseChoice("TFJS_BACKEND", env.TFJS_BACKEND, BACKEND_CHOICES, "auto");
  const out = env.LW_OUT;
  let outRoot: string;
  if (isUnset(out)) {
    outRoot = repoRoot();
  } else {
    outRoot = path.resolve(out.trim());
    if (fs.existsSync(outRoot) && !fs.statSync(outRoot).isDirectory()) {
      throw new ParamError(`LW_OUT="${out}" is not allowed: use a directory path (this is a file)`);
    }
  }
  return { quick, seed, force, long, outRoot, backend };
}
