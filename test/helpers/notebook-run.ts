/**
 * Runs a notebook headless in QUICK mode for the integration tests, through the same runner
 * as `make figures` (scripts/run_notebooks.py on nbclient and the tslab kernel).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO = path.resolve(__dirname, "..", "..");
export const VENV_PYTHON = path.join(REPO, ".venv", "bin", "python");
export const RUNNER = path.join(REPO, "scripts", "run_notebooks.py");

export interface RunnerResult { code: number; stdout: string; stderr: string }

/** Runs scripts/run_notebooks.py with `args`; `env` is added to this process's environment. */
export function runRunner(args: string[], env: Record<string, string> = {}): Promise<RunnerResult> {
  return new Promise((resolve, reject) => {
    execFile(VENV_PYTHON, [RUNNER, ...args], { cwd: REPO, env: { ...process.env, ...env }, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== "number") reject(err);
        else resolve({ code: err ? (err.code as number) : 0, stdout, stderr });
      });
  });
}

function newestMtime(dir: string, ext: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) {
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Notebooks import ../dist/lib: refuse to test a build older than lib/. */
export function assertBuildFresh(): void {
  const lib = newestMtime(path.join(REPO, "lib"), ".ts");
  const dist = newestMtime(path.join(REPO, "dist", "lib"), ".js");
  if (dist === 0 || dist < lib) {
    throw new Error("dist/lib is missing or older than lib/: run `make build` (or `make test`, which builds first)");
  }
}

export interface QuickRun { outRoot: string; notebookPath: string; figuresDir: string; dataDir: string }

const runs = new Map<string, Promise<QuickRun>>();

/**
 * Executes notebooks/<name>.ipynb with QUICK=1 and LW_OUT=<temp dir>; the executed copy is
 * saved in <temp dir>/notebooks/. Memoised per process. Rejects with the runner's report
 * (notebook, cell, kernel error) when a cell fails.
 */
export function runNotebookQuick(name: string): Promise<QuickRun> {
  let run = runs.get(name);
  if (run === undefined) {
    run = (async () => {
      assertBuildFresh();
      const source = path.join(REPO, "notebooks", `${name}.ipynb`);
      if (!fs.existsSync(source)) throw new Error(`no notebook ${source}`);
      const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), `lw-${name}-`));
      const outDir = path.join(outRoot, "notebooks");
      const res = await runRunner(["--out-dir", outDir, source], { QUICK: "1", LW_OUT: outRoot });
      if (res.code !== 0) throw new Error(`run_notebooks.py exited ${res.code} for ${name}:\n${res.stderr}${res.stdout}`);
      return {
        outRoot,
        notebookPath: path.join(outDir, `${name}.ipynb`),
        figuresDir: path.join(outRoot, "figures", name),
        dataDir: path.join(outRoot, "data", name),
      };
    })();
    runs.set(name, run);
  }
  return run;
}

/** notebooks/NN-name.ipynb present in the repository, by name, sorted. */
export function notebookNames(): string[] {
  const dir = path.join(REPO, "notebooks");
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /^\d\d-[\w-]+\.ipynb$/.test(f)).map((f) => f.replace(/\.ipynb$/, "")).sort();
}
