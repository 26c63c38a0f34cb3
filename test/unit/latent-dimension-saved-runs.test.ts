/**
 * The longer runs of notebook 05 that a plain `make figures` does not train but draws from disk:
 * `data/05-latent-dimension/steps-2400/` (seeds 0 and 1, `LONG=1`) and `steps-30000/` (seed 0, the
 * article's schedule, `LONG=2`). Each committed folder must be complete and consistent with its
 * own record: one metrics row per data set × latent size × seed, all at the folder's step count,
 * D's gap recorded up to that step, and (for 30,000 steps) a panel per configuration for the
 * figures. A folder cut short by an interrupted run, or one written at another step count, fails.
 *
 * The same seeds of the 600-step run rounded differently (`other-rounding/`, matMuls through Eigen;
 * `one-onednn-thread/`, oneDNN splitting over one thread, as on the emulated Intel CPUs) must be
 * whole too, and no verdict may flip between confirmed and not confirmed against the committed
 * run: a rule that flips on rounding alone is decided by the draw, not by the GANs.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "path";
import * as fs from "fs";
import { parseCsvText, type CsvRecord } from "../../lib/data/csv";
import { loadToyRun, type ToyRun } from "../../lib/metrics/toy-view";
import { ARTICLE_LATENT_SIZES as LATENTS, latentDimensionClaims } from "../../lib/verdict/latent-dimension";
import { decideClaim, verdictAgreement } from "../../lib/verdict/claims";

const DATA = path.resolve(__dirname, "../../data/05-latent-dimension");
const DATASETS = ["gaussian", "eight-gaussians", "spiral"];

function checkRun(run: ToyRun | undefined, steps: number, seeds: number, withPanels: boolean): void {
  assert.ok(run, `steps-${steps}/ is committed with its run.json`);
  assert.equal(run.info.steps, steps);
  assert.equal(run.info.backend, "tensorflow");
  assert.ok(run.info.seconds > 0 && Number.isFinite(run.info.seconds), `training time ${run.info.seconds} s`);
  assert.equal(run.metrics.length, DATASETS.length * LATENTS.length * seeds);
  for (const ds of DATASETS) {
    for (const d of LATENTS) {
      const rows: CsvRecord[] = run.metrics.filter((r) => r.dataset === ds && r.latent_dim === d);
      assert.equal(rows.length, seeds, `${ds}, latent ${d}: one row per seed`);
      assert.equal(new Set(rows.map((r) => r.seed)).size, seeds, `${ds}, latent ${d}: distinct seeds`);
      for (const r of rows) {
        assert.equal(r.steps, steps, `${ds}, latent ${d}: evaluated at step ${steps}`);
        const kl = r.grid_kl_data_model as number;
        assert.ok(Number.isFinite(kl) && kl >= 0, `${ds}, latent ${d}: grid KL(data‖G) ${kl}`);
        assert.ok(Number.isFinite(r.d_gap as number), `${ds}, latent ${d}: D's gap ${r.d_gap}`);
      }
      const gaps: CsvRecord[] = run.training.filter((r) => r.dataset === ds && r.latent_dim === d);
      assert.ok(gaps.length > 0, `${ds}, latent ${d}: D's gap recorded during training`);
      assert.equal(Math.max(...gaps.map((r) => r.step as number)), steps, `${ds}, latent ${d}: D's gap recorded up to the last step`);
    }
  }
  if (withPanels) {
    assert.equal(run.panels.length, DATASETS.length * LATENTS.length);
    for (const p of run.panels) assert.ok(p.samples.length > 0 && p.heat.z.length > 0, `${p.dataset}: samples and D's heat map`);
  } else assert.equal(run.panels.length, 0);
}

test("notebook 05's 2,400-step run is committed whole: 15 configurations × 2 seeds", () => {
  checkRun(loadToyRun(path.join(DATA, "steps-2400")), 2400, 2, false);
});

test("notebook 05's 30,000-step run (the article's schedule) is committed whole: 15 configurations, seed 0", () => {
  checkRun(loadToyRun(path.join(DATA, "steps-30000")), 30000, 1, true);
});

test("the check rejects a folder that does not match its record", () => {
  const run = loadToyRun(path.join(DATA, "steps-2400"));
  assert.ok(run);
  assert.throws(() => checkRun({ ...run, metrics: run.metrics.slice(1) }, 2400, 2, false), /one row per seed|Expected values to be strictly equal/);
  assert.throws(() => checkRun({ ...run, metrics: run.metrics.map((r, i) => (i === 3 ? { ...r, steps: 1800 } : r)) }, 2400, 2, false), /evaluated at step 2400/);
  assert.throws(() => checkRun(run, 30000, 2, false), /Expected values to be strictly equal/);
});

const COMPARISONS = ["other-rounding", "one-onednn-thread"];
const readMetrics = (folder: string): CsvRecord[] => parseCsvText(fs.readFileSync(path.join(folder, "metrics.csv"), "utf8"));
const verdictsOf = (rows: CsvRecord[]) => latentDimensionClaims().map((c) => decideClaim(rows, c.spec));

/** One 600-step row per data set × latent size × seed, with the committed run's seeds. */
function checkComparison(rows: CsvRecord[], committed: CsvRecord[]): void {
  const key = (r: CsvRecord) => `${r.dataset}|${r.latent_dim}|${r.seed}`;
  assert.equal(rows.length, committed.length, "as many rows as the committed run");
  assert.deepEqual(new Set(rows.map(key)), new Set(committed.map(key)), "the committed run's data sets, latent sizes and seeds");
  for (const r of rows) {
    assert.equal(r.steps, 600, `${key(r)}: evaluated at step 600`);
    assert.ok(Number.isFinite(r.grid_kl_data_model as number), `${key(r)}: grid KL(data‖G) ${r.grid_kl_data_model}`);
  }
}

for (const dir of COMPARISONS) {
  test(`notebook 05 rounded differently (${dir}/): whole, and no verdict flips against the committed run`, () => {
    const folder = path.join(DATA, dir);
    const info = JSON.parse(fs.readFileSync(path.join(folder, "run.json"), "utf8")) as Record<string, unknown>;
    assert.equal(info.steps, 600);
    assert.equal(info.seed, 0);
    const committed = readMetrics(DATA), rows = readMetrics(folder);
    checkComparison(rows, committed);
    const agree = verdictAgreement(verdictsOf(committed), verdictsOf(rows));
    assert.deepEqual(agree.flips, [], `verdicts that flip between ${dir}/ and the committed run`);
  });
}

test("the comparison check rejects a run cut short, and sees a flipped verdict", () => {
  const committed = readMetrics(DATA);
  assert.throws(() => checkComparison(committed.slice(1), committed), /as many rows/);
  assert.throws(() => checkComparison(committed.map((r, i) => (i === 0 ? { ...r, steps: 300 } : r)), committed), /evaluated at step 600/);
  // The committed run confirms "eight Gaussians, 1-D: not normal" (samples at a mode lie on a curve,
  // isotropy about 0.02); round blobs in a copy must flip it.
  const round = committed.map((r) => (r.dataset === "eight-gaussians" && r.latent_dim === 1 ? { ...r, mode_isotropy: 0.95 } : r));
  const agree = verdictAgreement(verdictsOf(committed), verdictsOf(round));
  assert.deepEqual(agree.flips, ["eight Gaussians, 1-D: not normal (samples at a mode not a round blob)"]);
  assert.equal(agree.same, verdictsOf(committed).length - 1);
});
