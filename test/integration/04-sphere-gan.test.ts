/**
 * Notebook 04 (Sphere GAN) in QUICK mode: every figure is a valid PNG and SVG (the 3-D ones,
 * drawn by WebGL in headless Chromium, and the digit rows as an SVG holding a raster), the CSV tables have their columns, one row per
 * configuration and seed and no NaN, the ablation table has the paper's 12 cells with spread,
 * and the verdict table decides every claim with one of the three verdicts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runNotebookQuick } from "../helpers/notebook-run";
import { assertValidPng, assertValidSvg } from "../helpers/files";
import { readCsv, type CsvRecord } from "../../lib/data/csv";

const NAME = "04-sphere-gan";
const FIGURES = [
  "sphere-grid", "notes-variant-3d", "notes-variant-norm", "moment-gradient", "trap-origin",
  "toy-kl-wgan-8gaussians-iteration", "toy-kl-wgan-8gaussians-seconds", "toy-kl-wgan-25gaussians-iteration", "toy-kl-wgan-25gaussians-seconds",
  "toy-samples", "digits-samples-sphere", "digits-samples-wgan-gp", "digits-fd-iteration", "digits-fd-seconds", "ablation", "norm-route-drift",
];
/** Figures whose SVG holds a raster and no Plotly trace group: the 3-D scenes (WebGL) and the digit image rows. */
const RASTER_FIGURES = ["sphere-grid", "notes-variant-3d", "digits-samples-sphere", "digits-samples-wgan-gp"];

function finite(rows: CsvRecord[], keys: string[], what: string): void {
  for (const r of rows) for (const k of keys) assert.ok(r[k] !== "" && Number.isFinite(Number(r[k])), `${what}: ${k} = ${r[k]} in ${JSON.stringify(r)}`);
}

test("04-sphere-gan runs headless in QUICK mode: figures, tables, the 12-cell ablation and the verdicts", { timeout: 30 * 60 * 1000 }, async () => {
  const run = await runNotebookQuick(NAME);
  for (const fig of FIGURES) {
    assertValidPng(path.join(run.figuresDir, `${fig}.png`));
    if (RASTER_FIGURES.includes(fig)) {
      const svg = fs.readFileSync(path.join(run.figuresDir, `${fig}.svg`), "utf8");
      assert.match(svg, /^<svg[\s>][\s\S]*<image[^>]*href="data:image\/png;base64,[\s\S]*<\/svg>$/, `${fig}.svg: no embedded raster`);
    } else {
      assertValidSvg(path.join(run.figuresDir, `${fig}.svg`));
    }
  }
  const csv = (name: string) => readCsv(path.join(run.dataDir, `${name}.csv`));

  const toy = await csv("toy-quality");
  const seeds = [...new Set(toy.map((r) => Number(r.seed)))];
  assert.ok(seeds.length >= 2, `seeds ${seeds}`);
  for (const ds of ["wgan-8gaussians", "wgan-25gaussians"]) for (const m of ["Sphere GAN", "WGAN-GP"]) {
    const rows = toy.filter((r) => r.dataset === ds && r.method === m);
    assert.ok(rows.length >= 2 * seeds.length, `${ds} ${m}: ${rows.length} rows`);
    assert.ok(rows.some((r) => Number(r.iteration) === 0), `${ds} ${m}: the initial state is measured`);
  }
  finite(toy, ["iteration", "seconds", "kl_data_model", "kl_model_data", "modes_covered", "high_quality", "off_manifold"], "toy-quality");
  for (const r of toy) assert.ok(Number(r.high_quality) >= 0 && Number(r.high_quality) <= 1 && Number(r.modes_covered) <= (r.dataset === "wgan-8gaussians" ? 8 : 25));

  const compared = await csv("toy-comparison");
  assert.deepEqual([...new Set(compared.map((r) => r.compared))].sort(), ["end of run", "equal iterations", "equal time"]);
  assert.equal(compared.length, 2 * 2 * 3 * seeds.length);
  finite(compared, ["at", "kl_data_model", "modes_covered"], "toy-comparison");

  const digits = await csv("digits-fd");
  finite(digits, ["iteration", "seconds", "fd"], "digits-fd");
  assert.ok(digits.every((r) => Number(r.fd) >= 0));
  assert.equal((await csv("digits-comparison")).length, 2 * 3 * seeds.length);

  const ablation = await csv("ablation-table");
  assert.equal(ablation.length, 12, "4 sphere dimensions × 3 moments");
  assert.deepEqual([...new Set(ablation.map((r) => Number(r.sphere_dim)))].sort((a, b) => a - b), [16, 64, 256, 1024]);
  assert.deepEqual([...new Set(ablation.map((r) => Number(r.moments)))].sort(), [1, 3, 5]);
  finite(ablation, ["seeds", "paper_inception_score", "kl_data_model_mean", "kl_data_model_sd", "kl_data_model_lo", "kl_data_model_hi", "modes_covered_mean"], "ablation-table");
  assert.ok(ablation.every((r) => Number(r.seeds) === seeds.length && Number(r.kl_data_model_lo) <= Number(r.kl_data_model_mean) && Number(r.kl_data_model_mean) <= Number(r.kl_data_model_hi)));
  assert.equal((await csv("ablation")).length, 12 * seeds.length);

  const drift = await csv("norm-route-drift");
  finite(drift, ["step", "d_loss_projection", "d_loss_norm", "g_loss_projection", "g_loss_norm", "relative_difference"], "norm-route-drift");
  assert.ok(drift.some((r) => Number(r.step) === 1));
  assert.equal((await csv("norm-route")).length, 2 * seeds.length);

  const verdicts = await csv("verdicts");
  const top = verdicts.filter((r) => !String(r.claim).startsWith("└"));
  assert.equal(top.length, 6, `claims: ${top.map((r) => r.claim).join(" | ")}`);
  for (const r of verdicts) assert.ok(["confirmed", "not confirmed", "undecided"].includes(String(r.verdict)), `verdict ${r.verdict}`);
  // the geometry is exact: decided the same way at any training budget
  assert.equal(top[0].verdict, "confirmed", `geometry: ${top[0].measured}`);
});
