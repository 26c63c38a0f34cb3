/**
 * Where a run writes `figures/`, `data/` and its executed notebooks.
 *
 * | case                                                    | output root                        |
 * | ------------------------------------------------------- | ---------------------------------- |
 * | `LW_OUT` set                                            | `LW_OUT` (relative: to the caller's folder, `LW_CALLER_DIR`, else the working directory) |
 * | QUICK, SEED or STEPS set to anything but their default  | `<repo>/scratch/<settings>/`, e.g. `scratch/quick1-seed3/` |
 * | otherwise (the committed run)                           | the repository root                |
 *
 * so a reduced or re-seeded run never overwrites the committed results. Which parameters count
 * is declared in params.json (`"scratch": true`); scripts/run_notebooks.py applies the same rule
 * before any kernel starts and passes the resolved root on as `LW_OUT`.
 *
 * An explicit `LW_OUT` is checked before anything is written: a directory, or creatable (its
 * nearest existing parent is a writable directory), and writable.
 */
import * as fs from "fs";
import * as path from "path";
import { isUnset, ParamError, SCRATCH_DIR, scratchSettings } from "./spec";

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

/** Folder name for a scratch run: `["QUICK=1", "SEED=3"]` → `quick1-seed3`. */
export function scratchName(settings: readonly string[]): string {
  return settings.map((s) => s.replace("=", "").toLowerCase()).join("-");
}

function errnoOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

/**
 * Refuses an output root that is not a usable directory: a file, an unwritable directory, or a
 * missing one whose nearest existing parent is not a writable directory. `raw` is the value as
 * given, for the message.
 */
export function checkOutRoot(outRoot: string, raw: string, name = "LW_OUT"): void {
  const refuse = (why: string): never => {
    throw new ParamError(`${name}="${raw}" is not allowed: use a writable directory, or a path where one can be created (${why})`);
  };
  let existing = outRoot;
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  if (!fs.statSync(existing).isDirectory()) {
    refuse(existing === outRoot ? `${outRoot} is a file` : `${existing} is a file, so ${outRoot} cannot be created`);
  }
  try {
    fs.accessSync(existing, fs.constants.W_OK | fs.constants.X_OK);
  } catch (err) {
    refuse(existing === outRoot
      ? `${outRoot} is not writable: ${errnoOf(err)}`
      : `${existing} is not writable (${errnoOf(err)}), so ${outRoot} cannot be created`);
  }
}

/**
 * The output root for `env` (see the table above) and the settings that made it a scratch run
 * (empty for the committed run or an explicit `LW_OUT`). Throws {@link ParamError} on a bad
 * `LW_OUT` or a bad parameter value.
 */
export function resolveOutRoot(env: NodeJS.ProcessEnv = process.env): { outRoot: string; scratch: string[] } {
  const settings = scratchSettings(env);
  const raw = env.LW_OUT;
  if (!isUnset(raw)) {
    const base = isUnset(env.LW_CALLER_DIR) ? process.cwd() : env.LW_CALLER_DIR.trim();
    const outRoot = path.resolve(base, raw.trim());
    checkOutRoot(outRoot, raw);
    return { outRoot, scratch: [] };
  }
  if (settings.length === 0) return { outRoot: repoRoot(), scratch: [] };
  return { outRoot: path.join(repoRoot(), SCRATCH_DIR, scratchName(settings)), scratch: settings };
}
