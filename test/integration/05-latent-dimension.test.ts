/**
 * Notebook 05 in QUICK mode (headless, a temporary output folder, no LONG): its tables have one
 * finite row per data set × latent size × seed with the mode-balance, isotropy, fold and
 * discriminator columns; the verdict table has a column per training length (no 30,000-step
 * column without that run); every figure, animation and GIF is written; the notebook stays small.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runNotebookQuick } from "../helpers/notebook-run";
import { assertValidPng, assertValidSvg } from "../helpers/files";
import { readCsv, type CsvRecord } from "../../lib/data/csv";

const NAME = "05-latent-dimension";
const DATASETS = ["gaussian", "eight-gaussians", "spiral"];
const DIMS = [1, 2, 3, 10, 100];
const VERDICT = /^(confirmed|not confirmed|undecided): /;
const num = (r: CsvRecord, key: string) => r[key] as number;
const inRange = (v: unknown, lo: number, hi: number) => typeof v === "number" && v >= lo && v <= hi;

/** Checks every row of a metrics table; returns the seeds it holds. */
function checkMetrics(rows: CsvRecord[], steps?: number): number[] {
  const seeds = [...new Set(rows.map((r) => num(r, "seed")))];
  assert.equal(rows.length, DATASETS.length * DIMS.length * seeds.length);
  for (const r of rows) {
    const where = `${r.dataset} ${r.latent_dim}-D seed ${r.seed}`;
    if (steps !== undefined) assert.equal(r.steps, steps, where);
    for (const key of ["kl_data_model", "kl_model_data", "grid_kl_data_model", "grid_kl_model_data", "mean_x", "mean_y", "mean_offset", "var_x", "var_y", "d_gap", "d_slope"]) {
      assert.ok(typeof r[key] === "number" && Number.isFinite(r[key]), `${where}: ${key} = ${r[key]}`);
    }
    assert.ok(num(r, "grid_kl_data_model") >= 0 && num(r, "grid_kl_model_data") >= 0, where);
    assert.ok(Math.abs(Math.hypot(num(r, "mean_x"), num(r, "mean_y")) - num(r, "mean_offset")) < 1e-12, `${where}: ‖mean‖ per seed`);
    assert.ok(inRange(r.d_gap, -1, 1), `${where}: D's gap ${r.d_gap}`);
    if (r.latent_dim === 2) assert.ok(inRange(r.fold_share, 0, 0.5), `${where}: fold share ${r.fold_share}`);
    else assert.equal(r.fold_share, undefined, where);
    if (r.dataset === "eight-gaussians") {
      assert.ok(Number.isInteger(r.modes_covered) && inRange(r.modes_covered, 0, 8), `${where}: modes ${r.modes_covered}`);
      assert.ok(Number.isInteger(r.modes_fair) && num(r, "modes_fair") <= num(r, "modes_covered"), `${where}: a mode with half a fair share has a sample`);
      assert.ok(Math.abs(num(r, "high_quality") + num(r, "off_manifold") - 1) < 1e-12, `${where}: every sample is near a mode or off`);
      if (num(r, "high_quality") > 0) {
        const shares = Array.from({ length: 8 }, (_, k) => num(r, `mode_${k}_share`));
        assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-9, `${where}: shares sum to 1`);
        assert.ok(Math.abs(Math.min(...shares) - num(r, "min_mode_share")) < 1e-12, where);
        assert.equal(num(r, "modes_fair"), shares.filter((s) => s >= 1 / 16).length, `${where}: modes with ≥ half a fair share`);
        assert.ok(inRange(r.mode_entropy, 0, 1) && inRange(r.mode_jsd, 0, Math.log(2)), where);
      }
      assert.ok(Number.isNaN(r.mode_isotropy) || inRange(r.mode_isotropy, 0, 1), `${where}: isotropy ${r.mode_isotropy}`);
    } else {
      assert.equal(r.modes_covered, undefined, where);
    }
    if (r.dataset === "spiral") assert.ok(inRange(r.off_manifold, 0, 1) && Number.isInteger(r.spiral_gaps), where);
  }
  return seeds;
}

test("05-latent-dimension runs headless in QUICK mode: metrics with mode balance and coverage, verdicts per training length, every figure", { timeout: 30 * 60 * 1000 }, async () => {
  const run = await runNotebookQuick(NAME);
  const main = await readCsv(path.join(run.dataDir, "metrics.csv"));
  const seeds = checkMetrics(main);
  assert.ok(seeds.length >= 2, `seeds ${seeds}`);
  assert.ok(seeds.every((s) => Number.isInteger(s) && s >= 0 && s <= 0xffffffff), `member seeds within 32 bits: ${seeds}`);
  const steps = num(main[0], "steps");
  // the longer run saves its results to steps-<n>/ (a run without LONG draws section 7 from there); no folder for the 30,000-step run
  const longer = fs.readdirSync(run.dataDir).filter((n) => /^steps-\d+$/.test(n));
  assert.equal(longer.length, 1, `one longer-run folder: ${longer}`);
  for (const f of ["run.json", "view.json", "metrics.csv", "training.csv"]) assert.ok(fs.existsSync(path.join(run.dataDir, longer[0], f)), `${longer[0]}/${f}`);
  const more = await readCsv(path.join(run.dataDir, longer[0], "metrics.csv"));
  const moreSeeds = checkMetrics(more);
  assert.deepEqual(moreSeeds, seeds.slice(0, 2), "the longer run trains the first two seeds of the main run");
  assert.ok(num(more[0], "steps") > steps);

  const kl = await readCsv(path.join(run.dataDir, "kl-vs-n.csv"));
  assert.ok(kl.length >= 3 && kl.every((r, i) => i === 0 || num(r, "n") > num(kl[i - 1], "n")));
  for (const r of kl) for (const v of Object.values(r)) assert.ok(Number.isFinite(v), `kl-vs-n: ${JSON.stringify(r)}`);

  const verdicts = await readCsv(path.join(run.dataDir, "verdicts.csv"));
  assert.equal(verdicts.length, 12);
  const cols = Object.keys(verdicts[0]);
  // claim, article, one column per training length (no 30,000-step column without its run), moves
  assert.deepEqual(cols, ["claim", "article", `${steps} steps (${seeds.length} seeds)`, `${num(more[0], "steps")} steps (2 seeds)`, "moves"]);
  for (const r of verdicts) {
    assert.match(String(r[cols[2]]), VERDICT, `${r.claim} at ${cols[2]}`);
    assert.match(String(r[cols[3]]), VERDICT, `${r.claim} at ${cols[3]}`);
    assert.ok(!Object.values(r).some((v) => /\bNaN\b/.test(String(v))), `NaN in ${r.claim}`);
  }
  assert.ok(verdicts.some((r) => String(r.claim).startsWith("D slacks off")) && verdicts.some((r) => String(r.claim).includes("not normal")));

  const figures = ["quantile-map-learning", "quantile-map-error", "final-samples-grid", "kl-vs-sample-size", "kl-by-latent-size", "modes-eight-gaussians", "mode-shares", "off-manifold-and-moments", "discriminator-and-manifold", "longer-training-kl", "discriminator-gap", ...DATASETS.map((ds) => `first-steps-1d-${ds}`)];
  for (const fig of figures) {
    assertValidPng(path.join(run.figuresDir, `${fig}.png`));
    assertValidSvg(path.join(run.figuresDir, `${fig}.svg`));
  }
  for (const ds of DATASETS) {
    const gif = fs.readFileSync(path.join(run.figuresDir, `first-steps-1d-${ds}.gif`));
    assert.equal(gif.subarray(0, 6).toString("latin1"), "GIF89a");
    const anim = JSON.parse(fs.readFileSync(path.join(run.figuresDir, `first-steps-1d-${ds}.json`), "utf8"));
    assert.ok(anim.frames.length >= 2 && anim.layout.sliders[0].steps.length === anim.frames.length, `${ds}: slider over every frame`);
    assert.ok(anim.frames.some((f: { data: { x: unknown[] }[] }) => f.data[1].x.length > 0), `${ds}: some frame carries arrows`);
  }
  assert.ok(!fs.existsSync(path.join(run.dataDir, "steps-90")), "without LONG nothing is written for the long run");
  const size = fs.statSync(run.notebookPath).size;
  assert.ok(size < 3e6, `executed notebook ${size} bytes`);
  const text = fs.readFileSync(run.notebookPath, "utf8");
  assert.match(text, /tensors left: 0/);
  assert.doesNotMatch(text, /shared\/reference|section [A-E]\b/);
});
