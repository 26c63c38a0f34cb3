/**
 * What the figures of a trained 2-D toy GAN need, as plain data, and a folder that keeps it
 * for runs too long to repeat (notebook 05's 30,000 steps): a notebook that did not train the
 * run draws the same figures from the folder.
 *
 * Per member (one panel of a dataset × latent-size grid):
 * - `samples`: G(z) for fixed noise z ([n, 2] flat);
 * - `heat`: D(x) = σ(s(x)) on an nx × ny grid of cell centres over the plot square
 *   (z flat row-major [ny, nx], as heatmapGrid of ./manifold.ts);
 * - `manifold`: the generator's manifold as polylines: for a 1-D latent the curve G(z) over
 *   the prior's plot range; otherwise the image of a regular grid in the plane of the first two
 *   latent coordinates, the others at the prior's centre (a 2-D slice of a larger manifold).
 *
 * The folder (`saveToyRun` / `loadToyRun`): run.json (steps, how and when it was trained),
 * view.json (the panels, numbers rounded to `digits` significant digits: plot precision),
 * metrics.csv (one row per member, full precision) and training.csv (values recorded during
 * training, e.g. D's gap per snapshot).
 */
import * as fs from "fs";
import * as path from "path";
import { latentPlotRange, type LatentPrior } from "../geometry/priors";
import { generateMembers, memberFunction } from "../train/members";
import type { GanModel } from "../train/model";
import { ensureDir, writeFileAtomic } from "../util/atomic";
import { parseCsvText, toCsvText, type CsvInputRecord, type CsvRecord } from "../data/csv";
import { heatmapGrid, latentCurve, noiseGridImage, type Polyline } from "./manifold";

export interface ToyPanel {
  dataset: string;
  latentDim: number;
  seed: number;
  samples: number[];
  heat: { x: number[]; y: number[]; z: number[] };
  manifold: Polyline[];
}

export interface ViewOptions {
  /** heat-map cells per side (default 60) */
  heatCells?: number;
  /** grid lines per direction of a ≥ 2-D latent's manifold (default 11) */
  gridLines?: number;
  /** points per manifold line (default 81) and along a 1-D latent's curve (default 801) */
  pointsPerLine?: number;
  curvePoints?: number;
}

/** The prior's centre, where the latent coordinates beyond the first two are held. */
function priorCentre(prior: LatentPrior): number {
  return prior.kind === "uniform" ? (prior.low + prior.high) / 2 : 0;
}

/**
 * The panel of member k: `noise` is its fixed noise [n, latentDim_k], `axis` the half-width of
 * the plot square, `dataset` the data set's name.
 */
export function toyPanel(model: GanModel, k: number, dataset: string, axis: number, noise: ArrayLike<number>, opts: ViewOptions = {}): ToyPanel {
  const member = model.config.members[k];
  const d = member.latentDim, n = noise.length / d;
  if (!Number.isInteger(n)) throw new RangeError(`toyPanel: ${noise.length} noise values are not rows of ${d}`);
  const zs = model.config.members.map((_, j) => (j === k ? noise : new Float32Array(n * model.config.members[j].latentDim)));
  const samples = Array.from(generateMembers(model, zs, n)[k]);
  const cells = opts.heatCells ?? 60;
  const h = heatmapGrid(memberFunction(model, k, "D", { sigmoid: true }), [-axis, axis], [-axis, axis], cells, cells);
  const g = memberFunction(model, k, "G");
  const range = latentPlotRange(model.config.latent);
  let manifold: Polyline[];
  if (d === 1) {
    const c = latentCurve(g, range, opts.curvePoints ?? 801);
    manifold = [{ x: c.x, y: c.y }];
  } else {
    const grid = noiseGridImage(g, { latentDim: d, range, lines: opts.gridLines ?? 11, pointsPerLine: opts.pointsPerLine ?? 81, base: new Array(d).fill(priorCentre(model.config.latent)) });
    manifold = [...grid.first, ...grid.second];
  }
  return { dataset, latentDim: d, seed: member.seed, samples, heat: { x: h.x, y: h.y, z: h.z.flat() }, manifold };
}

export interface ToyRunInfo {
  /** training steps of the run */
  steps: number;
  /** TensorFlow.js backend it was trained on */
  backend: string;
  /** ensemble steps of the saved runs, summed, and their training time in s (as the writer measured it) */
  stepsRun: number;
  seconds: number;
  /** ISO date of writing, and the CPU model (for timing notes) */
  written: string;
  cpu: string;
}

export interface ToyRun {
  info: ToyRunInfo;
  panels: ToyPanel[];
  metrics: CsvRecord[];
  training: CsvRecord[];
}

const FILES = { info: "run.json", view: "view.json", metrics: "metrics.csv", training: "training.csv" } as const;

function rounded(panel: ToyPanel, digits: number): ToyPanel {
  const r = (xs: ArrayLike<number>) => Array.from(xs, (v) => (Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(digits)) : v));
  return { ...panel, samples: r(panel.samples), heat: { x: r(panel.heat.x), y: r(panel.heat.y), z: r(panel.heat.z) }, manifold: panel.manifold.map((l) => ({ x: r(l.x), y: r(l.y) })) };
}

/** Writes the folder `dir` (created if missing), each file atomically; view numbers to `digits` significant digits (default 4). */
export function saveToyRun(dir: string, run: { info: ToyRunInfo; panels: ToyPanel[]; metrics: readonly CsvInputRecord[]; training: readonly CsvInputRecord[] }, digits = 4): void {
  ensureDir(dir);
  writeFileAtomic(path.join(dir, FILES.view), JSON.stringify(run.panels.map((p) => rounded(p, digits))) + "\n");
  writeFileAtomic(path.join(dir, FILES.metrics), toCsvText(run.metrics));
  writeFileAtomic(path.join(dir, FILES.training), toCsvText(run.training));
  writeFileAtomic(path.join(dir, FILES.info), JSON.stringify(run.info, null, 2) + "\n"); // last: its presence marks a complete folder
}

/** The folder `dir` as saved, or undefined when it holds no complete run (no run.json). */
export function loadToyRun(dir: string): ToyRun | undefined {
  const file = (name: string) => path.join(dir, name);
  if (!fs.existsSync(file(FILES.info))) return undefined;
  const info = JSON.parse(fs.readFileSync(file(FILES.info), "utf8")) as ToyRunInfo;
  for (const key of ["steps", "stepsRun", "seconds"] as const) {
    if (typeof info[key] !== "number") throw new Error(`${file(FILES.info)}: "${key}" is ${JSON.stringify(info[key])}, expected a number`);
  }
  const panels = JSON.parse(fs.readFileSync(file(FILES.view), "utf8")) as ToyPanel[];
  if (!Array.isArray(panels) || panels.some((p) => typeof p.dataset !== "string" || !Array.isArray(p.samples))) throw new Error(`${file(FILES.view)}: not a list of panels with dataset and samples`);
  return { info, panels, metrics: parseCsvText(fs.readFileSync(file(FILES.metrics), "utf8")), training: parseCsvText(fs.readFileSync(file(FILES.training), "utf8")) };
}
