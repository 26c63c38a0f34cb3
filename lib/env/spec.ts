/**
 * The run parameters and backends as declared in `params.json`, and the parsers that check a
 * value against them.
 *
 * `params.json` is the one list: scripts/run_notebooks.py reads the same file to refuse a bad
 * value before any kernel starts, and bench/ takes its backends from here, so the TypeScript
 * side, the Python runner and the benchmark cannot disagree. A bad value throws
 * {@link ParamError} naming the variable, the value and what is allowed, e.g.
 * `QUICK="2" is not allowed: use 0 or 1`; the runner words its refusals the same way.
 * An empty string counts as unset.
 */
import SPEC_JSON from "./params.json";

/** A parameter had a value outside its allowed set; the message says which and what to use. */
export class ParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParamError";
  }
}

/** The backends the engine can run on, in the order `auto` tries them. */
export type BackendName = "tensorflow" | "wasm" | "cpu";

/** One entry of `params.json`. */
export interface ParamSpec {
  kind: "flag" | "integer" | "backend";
  default: number | string;
  /** integer bounds (kind "integer") */
  min?: number;
  max?: number;
  /** default under QUICK=1, when it differs from `default` */
  quickDefault?: number;
  /** a value other than the default changes the results (the run goes to the scratch folder) */
  scratch: boolean;
  /** notebook prefixes that read it; absent = every notebook */
  notebooks?: string[];
  meaning: string;
}

interface Spec {
  backends: BackendName[];
  scratchDir: string;
  params: Record<string, ParamSpec>;
}

const SPEC = SPEC_JSON as Spec;

/** Backends in the order `TFJS_BACKEND=auto` tries them (from params.json). */
export const BACKENDS: readonly BackendName[] = SPEC.backends;
/** Values `TFJS_BACKEND` accepts. */
export const BACKEND_CHOICES: readonly (BackendName | "auto")[] = ["auto", ...BACKENDS];
/** Folder (under the repository root) of runs whose parameters differ from the committed ones. */
export const SCRATCH_DIR = SPEC.scratchDir;
/** Every parameter by environment variable name. */
export const PARAMS: Readonly<Record<string, ParamSpec>> = SPEC.params;

/** Largest seed: seeds feed 32-bit generators. */
export const MAX_SEED = specOf("SEED").max as number;

/** The entry of `name` in params.json; throws for a name that is not declared there. */
export function specOf(name: string): ParamSpec {
  const spec = PARAMS[name];
  if (spec === undefined) {
    throw new Error(`run parameter ${name} is not declared in lib/env/params.json (declared: ${Object.keys(PARAMS).join(", ")})`);
  }
  return spec;
}

export function isUnset(value: string | undefined): value is undefined {
  return value === undefined || value.trim() === "";
}

function refuse(name: string, value: string, allowed: string): never {
  throw new ParamError(`${name}="${value}" is not allowed: ${allowed}`);
}

/** `0` → false, `1` → true, unset → `fallback`; anything else throws. */
export function parseFlag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (isUnset(value)) return fallback;
  const v = value.trim();
  if (v === "0") return false;
  if (v === "1") return true;
  return refuse(name, value, "use 0 or 1");
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
    return refuse(name, value, `use an integer from ${range.min} to ${range.max}`);
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
  return refuse(name, value, `use one of ${allowed.join(", ")}`);
}

/**
 * The value of the declared parameter `name` read from `env`, checked against params.json;
 * unset gives the declared default (`quickDefault` when `quick` and one is declared).
 * Flags come back as 0/1, integers as numbers, the backend as its name.
 */
export function readParam(name: string, env: NodeJS.ProcessEnv = process.env, quick = false): number | string {
  const spec = specOf(name);
  const value = env[name];
  switch (spec.kind) {
    case "flag":
      return parseFlag(name, value, spec.default === 1) ? 1 : 0;
    case "integer": {
      const fallback = quick && spec.quickDefault !== undefined ? spec.quickDefault : (spec.default as number);
      return parseInteger(name, value, { min: spec.min as number, max: spec.max as number }, fallback);
    }
    case "backend":
      return parseChoice(name, value, BACKEND_CHOICES, spec.default as BackendName | "auto");
  }
}

/** An integer parameter such as `STEPS` (notebook 05): `readIntegerParam("STEPS", process.env, QUICK)`. */
export function readIntegerParam(name: string, env: NodeJS.ProcessEnv = process.env, quick = false): number {
  if (specOf(name).kind !== "integer") throw new Error(`run parameter ${name} is a ${specOf(name).kind}, not an integer`);
  return readParam(name, env, quick) as number;
}

/**
 * The parameters set to a value other than their default that change the results, as
 * `NAME=value` in params.json order (empty: a run like the committed one). Throws on a bad value.
 */
export function scratchSettings(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  for (const [name, spec] of Object.entries(PARAMS)) {
    if (!spec.scratch || isUnset(env[name])) continue;
    const value = readParam(name, env);
    if (value !== spec.default) out.push(`${name}=${value}`);
  }
  return out;
}
