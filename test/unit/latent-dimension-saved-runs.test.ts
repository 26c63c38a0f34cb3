/**
 * The longer runs of notebook 05 that a plain `make figures` does not train but draws from disk:
 * `data/05-latent-dimension/steps-2400/` (seeds 0 and 1, `LONG=1`) and `steps-30000/` (seed 0, the
 * article's schedule, `LONG=2`). Each committed folder must be complete and consistent with its
 * own record: one metrics row per data set × latent size × seed, all at the folder's step count,
 * D's gap recorded up to that step, and (for 30,000 steps) a panel per configuration for the
 * figures. A folder cut short by an interrupted run, or one written at another step count, fails.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "path";
import type { CsvRecord } from "../../lib/data/csv";
import { loadToyRun, type ToyRun } from "../../lib/metrics/toy-view";
import { ARTICLE_LATENT_SIZES as LATENTS } from "../../lib/verdict/latent-dimension";

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
