/**
 * The first cell of every notebook: `const ctx = await setupNotebook("01-latent-geometry")`.
 *
 * Reads and validates the run parameters (params.ts), starts the TensorFlow.js backend
 * (backend.ts), creates the output folders named after the notebook
 *
 *   <outRoot>/figures/<name>/   figures (.png .svg .html .json)
 *   <outRoot>/data/<name>/      tables (.csv)
 *   <outRoot>/data/cache/<name>/ checkpoints (not committed)
 *
 * and prints one plain-text banner with the backend, the key versions and the parameters, so
 * an executed notebook records what produced its numbers.
 */
import * as path from "path";
import { backendLoadErrors, backendReport, BackendName, selectBackend } from "../env/backend";
import { readParams, RunParams } from "../env/params";
import { ensureDir } from "../util/atomic";

export interface NotebookContext {
  name: string;
  params: RunParams;
  backend: BackendName;
  figuresDir: string;
  dataDir: string;
  cacheDir: string;
}

/**
 * Notebook names are file names: `NN-words-with-dashes`, or `NNx-words-with-dashes` for a second
 * notebook on one article (`01b-generator-walks` after `01-latent-geometry`).
 */
export const NOTEBOOK_NAME_PATTERN = /^[0-9]{2}[a-z]?-[a-z0-9]+(-[a-z0-9]+)*$/;

/** The output folders of notebook `name` under `outRoot` (not created). */
export function notebookDirs(outRoot: string, name: string): { figuresDir: string; dataDir: string; cacheDir: string } {
  return {
    figuresDir: path.join(outRoot, "figures", name),
    dataDir: path.join(outRoot, "data", name),
    cacheDir: path.join(outRoot, "data", "cache", name),
  };
}

/**
 * `file` as printed in notebook outputs: relative to the output root with `/` separators
 * (`figures/01-latent-geometry/x.png`), so committed notebooks name no machine's paths;
 * absolute when the file lies outside the root.
 */
export function shownPath(ctx: Pick<NotebookContext, "params">, file: string): string {
  const rel = path.relative(ctx.params.outRoot, file);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return file;
  return rel.split(path.sep).join("/");
}

/** The banner text (exported for tests). */
export function bannerText(ctx: NotebookContext): string {
  const { versions } = backendReport();
  const p = ctx.params;
  const rejected = Object.entries(backendLoadErrors())
    .map(([b, why]) => `${b} (${why})`)
    .join("; ");
  const lines = [
    `Latent Walk · ${ctx.name}`,
    `backend   ${ctx.backend}${rejected ? `   [not used: ${rejected}]` : ""}`,
    `versions  ${Object.entries(versions)
      .filter(([k]) => k !== "backend")
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
    `params    QUICK=${p.quick ? 1 : 0} SEED=${p.seed} FORCE=${p.force ? 1 : 0} TFJS_BACKEND=${p.backend}${p.long ? ` LONG=${p.long}` : ""}`,
    `output    ${shownPath(ctx, ctx.figuresDir)}/`,
    `          ${shownPath(ctx, ctx.dataDir)}/`,
  ];
  return lines.join("\n");
}

/** Reads parameters, starts the backend, creates the output folders and prints the banner. */
export async function setupNotebook(name: string): Promise<NotebookContext> {
  if (!NOTEBOOK_NAME_PATTERN.test(name)) {
    throw new Error(`notebook name "${name}" is not allowed: use NN-words-with-dashes or NNx-words-with-dashes, e.g. 01-latent-geometry or 01b-generator-walks`);
  }
  const params = readParams();
  const backend = await selectBackend(params.backend);
  const dirs = notebookDirs(params.outRoot, name);
  for (const dir of Object.values(dirs)) ensureDir(dir);
  const ctx: NotebookContext = { name, params, backend, ...dirs };
  console.log(bannerText(ctx));
  return ctx;
}
