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
 * Where a notebook's QUICK run goes. Under `npm test` (scripts/run-tests.sh) LW_QUICK_CACHE is
 * one folder for the whole test run, so test files running one after another share a run
 * (a `done` marker says it finished, a `failed` file holds the report of a failed one);
 * otherwise a new temporary folder, removed when this process exits.
 */
function outRootFor(name: string): { outRoot: string; shared: boolean } {
  const cache = process.env.LW_QUICK_CACHE;
  if (cache) return { outRoot: path.join(cache, name), shared: true };
  const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), `lw-${name}-`));
  if (process.env.LW_KEEP_OUTPUT !== "1") process.on("exit", () => fs.rmSync(outRoot, { recursive: true, force: true }));
  return { outRoot, shared: false };
}

/**
 * Executes notebooks/<name>.ipynb with QUICK=1 and LW_OUT=<out root>; the executed copy is
 * saved in <out root>/notebooks/. Memoised per process (and per `npm test` run, see above).
 * Rejects with the runner's report (notebook, cell, kernel error) when a cell fails.
 */
export function runNotebookQuick(name: string): Promise<QuickRun> {
  let run = runs.get(name);
  if (run === undefined) {
    run = (async () => {
      assertBuildFresh();
      const source = path.join(REPO, "notebooks", `${name}.ipynb`);
      if (!fs.existsSync(source)) throw new Error(`no notebook ${source}`);
      const { outRoot, shared } = outRootFor(name);
      const result: QuickRun = {
        outRoot,
        notebookPath: path.join(outRoot, "notebooks", `${name}.ipynb`),
        figuresDir: path.join(outRoot, "figures", name),
        dataDir: path.join(outRoot, "data", name),
      };
      const done = path.join(outRoot, "done");
      const failed = path.join(outRoot, "failed");
      if (shared && fs.existsSync(done)) return result;
      if (shared && fs.existsSync(failed)) throw new Error(fs.readFileSync(failed, "utf8"));
      fs.rmSync(outRoot, { recursive: true, force: true });
      fs.mkdirSync(outRoot, { recursive: true });
      const res = await runRunner(["--out-dir", path.dirname(result.notebookPath), source], { QUICK: "1", LW_OUT: outRoot });
      if (res.code !== 0) {
        const report = `run_notebooks.py exited ${res.code} for ${name}:\n${res.stderr}${res.stdout}`;
        if (shared) fs.writeFileSync(failed, report);
        throw new Error(report);
      }
      fs.writeFileSync(done, "");
      return result;
    })();
    runs.set(name, run);
  }
  return run;
}

/** notebooks/NN-name.ipynb (and NNx-name.ipynb) present in the repository, by name, sorted. */
export function notebookNames(): string[] {
  const dir = path.join(REPO, "notebooks");
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /^\d\d[a-z]?-[\w-]+\.ipynb$/.test(f)).map((f) => f.replace(/\.ipynb$/, "")).sort();
}
