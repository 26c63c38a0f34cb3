import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runNotebookQuick } from "../helpers/notebook-run";
import { assertValidPng, assertValidSvg } from "../helpers/files";
import { readCsv } from "../../lib/data/csv";

const NAME = "05-latent-dimension";
const DATASETS = ["gaussian", "eight-gaussians", "spiral"];
const DIMS = [1, 2, 3, 10, 100];

test("05-latent-dimension runs headless in QUICK mode: metrics.csv has one finite row per dataset × latent dim × seed", { timeout: 30 * 60 * 1000 }, async () => {
  const run = await runNotebookQuick(NAME);
  const rows = await readCsv(path.join(run.dataDir, "metrics.csv"));
  const seeds = [...new Set(rows.map((r) => Number(r.seed)))].sort((a, b) => a - b);
  assert.ok(seeds.length >= 2, `seeds ${seeds}`);
  assert.equal(rows.length, DATASETS.length * DIMS.length * seeds.length);
  for (const ds of DATASETS) for (const d of DIMS) for (const s of seeds) {
    const match = rows.filter((r) => r.dataset === ds && Number(r.latent_dim) === d && Number(r.seed) === s);
    assert.equal(match.length, 1, `${ds} × ${d} × ${s}`);
    const r = match[0];
    for (const key of ["kl_data_model", "kl_model_data", "grid_kl_data_model", "grid_kl_model_data", "mean_x", "mean_y", "var_x", "var_y"]) {
      assert.ok(Number.isFinite(Number(r[key])) && r[key] !== "", `${ds} ${d} ${s}: ${key} = ${r[key]}`);
    }
    // The grid estimate is a KL between two discrete distributions: never negative.
    assert.ok(Number(r.grid_kl_data_model) >= 0 && Number(r.grid_kl_model_data) >= 0);
    if (ds === "eight-gaussians") {
      const modes = Number(r.modes_covered);
      assert.ok(Number.isInteger(modes) && modes >= 0 && modes <= 8, `modes ${r.modes_covered}`);
      for (const key of ["high_quality", "off_manifold"]) assert.ok(Number(r[key]) >= 0 && Number(r[key]) <= 1, `${key} ${r[key]}`);
      // every sample is either within 3σ of a centre (high quality) or off the manifold
      assert.ok(Math.abs(Number(r.high_quality) + Number(r.off_manifold) - 1) < 1e-12);
    }
    if (ds === "spiral") {
      assert.ok(Number(r.off_manifold) >= 0 && Number(r.off_manifold) <= 1);
      assert.ok(Number.isInteger(Number(r.spiral_gaps)) && r.spiral_gaps !== "");
    }
  }
  for (const fig of ["final-samples-grid", "quantile-map-learning", "quantile-map-error", "kl-eight-gaussians", "modes-eight-gaussians", "off-manifold", "manifold-spiral"]) {
    assertValidPng(path.join(run.figuresDir, `${fig}.png`));
    assertValidSvg(path.join(run.figuresDir, `${fig}.svg`));
  }
  for (const ds of DATASETS) {
    const gif = fs.readFileSync(path.join(run.figuresDir, `first-steps-1d-${ds}.gif`));
    assert.equal(gif.subarray(0, 6).toString("latin1"), "GIF89a");
  }
});
