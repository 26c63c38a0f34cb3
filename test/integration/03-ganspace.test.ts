import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runNotebookQuick } from "../helpers/notebook-run";
import { assertValidPng, assertValidSvg } from "../helpers/files";
import { readCsv } from "../../lib/data/csv";

const NAME = "03-ganspace";
const FACTORS = ["shape", "scale", "x", "y", "rotation"];
const VERDICTS = ["confirmed", "not confirmed", "undecided"];

test("03-ganspace runs headless in QUICK mode: figures, the component × factor matrix, spectra and verdicts", { timeout: 30 * 60 * 1000 }, async () => {
  const run = await runNotebookQuick(NAME);
  for (const fig of ["explained-variance", "purity", "image-change", "tolerated-steps", "layer-ranges"]) {
    assertValidPng(path.join(run.figuresDir, `${fig}.png`));
    assertValidSvg(path.join(run.figuresDir, `${fig}.svg`));
  }
  // image grids and the heat map are drawn as images in Plotly's heatmap layer, not as trace groups
  for (const fig of ["sprite-factors", "generated-samples", "edit-grid", "layerwise-edit-grid", "component-factor-matrix"]) {
    assertValidPng(path.join(run.figuresDir, `${fig}.png`));
    const svg = fs.readFileSync(path.join(run.figuresDir, `${fig}.svg`), "utf8");
    assert.match(svg, /^<svg[\s>]/, fig);
    assert.match(svg, /class="heatmaplayer[\s\S]*<image /, fig);
  }

  const matrix = await readCsv(path.join(run.dataDir, "component-factor.csv"));
  const seeds = [...new Set(matrix.map((r) => r.seed))];
  assert.ok(seeds.length >= 2, `generators ${seeds}`);
  for (const seed of seeds) {
    const pcs = matrix.filter((r) => r.seed === seed && r.direction === "w-pca");
    // ten components × three layer ranges, ten regression directions, and random candidates
    assert.equal(pcs.length, 30, `seed ${seed}: w-pca rows`);
    assert.deepEqual([...new Set(pcs.map((r) => r.range))].sort(), ["0-1", "0-3", "2-3"]);
    assert.equal(matrix.filter((r) => r.seed === seed && r.direction === "regression").length, 10);
    assert.ok(matrix.filter((r) => r.seed === seed && r.direction === "random").length >= 2);
  }
  for (const r of matrix) {
    const effects = FACTORS.map((f) => Number(r[f]));
    for (const [i, v] of effects.entries()) assert.ok(Number.isFinite(v) && v >= 0, `${r.direction} ${r.index} ${r.range}: ${FACTORS[i]} = ${r[FACTORS[i]]}`);
    // purity is max/Σ of the effects, between 1/5 and 1, and the main factor is the argmax
    const p = Number(r.purity);
    const total = effects.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(p - Math.max(...effects) / total) < 1e-9 && p >= 0.2 - 1e-12 && p <= 1, `purity ${r.purity}`);
    assert.equal(r.main, FACTORS[effects.indexOf(Math.max(...effects))]);
    assert.ok(VERDICTS.includes(String(r.controls)), `controls ${r.controls}`);
    const tolerated = Number(r.tolerated);
    assert.ok(tolerated >= 0 && tolerated <= 3, `tolerated ${r.tolerated}`);
    assert.ok(Number(r.image_change) >= 0);
  }

  const spectra = await readCsv(path.join(run.dataDir, "explained-variance.csv"));
  for (const seed of seeds) {
    for (const space of ["w", "z"]) {
      const ratios = spectra.filter((r) => r.seed === seed && r.space === space).map((r) => Number(r.ratio));
      assert.equal(ratios.length, 32, `${space} spectrum of seed ${seed}`);
      // a full spectrum: ratios sum to 1 and fall with k
      assert.ok(Math.abs(ratios.reduce((a, b) => a + b, 0) - 1) < 1e-9, `${space}: Σ ratios = ${ratios.reduce((a, b) => a + b, 0)}`);
      ratios.slice(1).forEach((v, k) => assert.ok(v <= ratios[k] + 1e-15, `${space}: ratio ${k + 2} > ratio ${k + 1}`));
    }
    assert.equal(spectra.filter((r) => r.seed === seed && r.space === "layer").length, 10);
  }

  const verdicts = await readCsv(path.join(run.dataDir, "verdicts.csv"));
  for (const r of verdicts) assert.ok(VERDICTS.includes(String(r.verdict)), `${r.claim}: ${r.verdict}`);
  // the baselines that must fail can never be confirmed
  for (const r of verdicts.filter((v) => String(v.claim).startsWith("(must fail)"))) assert.notEqual(r.verdict, "confirmed", String(r.claim));
  // z ~ N(0, I) is isotropic whatever the generator learned: its flat spectrum can never be rejected
  const zRow = verdicts.find((v) => String(v.claim).startsWith("PCA of z finds nothing"));
  assert.ok(zRow && zRow.verdict !== "not confirmed", `z spectrum: ${zRow?.verdict}`);
  const quality = await readCsv(path.join(run.dataDir, "generator-quality.csv"));
  assert.equal(quality.length, seeds.length);
  for (const r of quality) for (const key of ["fd", "fd_untrained", "rerender_median", "fd_floor"]) assert.ok(Number.isFinite(Number(r[key])) && Number(r[key]) >= 0, `${key} ${r[key]}`);
});
