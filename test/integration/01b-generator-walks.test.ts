/**
 * Notebook 01b in QUICK mode: it runs headless, writes its figures, one measurements.csv with
 * every measurement (finite values, the measures of each section, every seed) and a verdict
 * table with one row per claim, each with one of the three verdicts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runNotebookQuick } from "../helpers/notebook-run";
import { assertValidPng, assertValidSvg } from "../helpers/files";
import { readCsv } from "../../lib/data/csv";

const NAME = "01b-generator-walks";
/** Line figures (Plotly scatter traces) and image grids (one heat map, drawn as an embedded image). */
const LINE_FIGURES = ["contrast-along-interpolation", "contrast-vs-radius", "saturation-vs-radius", "pre-tanh-vs-radius"];
const IMAGE_FIGURES = ["samples", "lerp-slerp-rows", "radial-walks", "great-circle-loops"];
const VERDICTS = new Set(["confirmed", "not confirmed", "undecided"]);

test("01b-generator-walks runs headless in QUICK mode: figures, finite measurements for every section and seed, one verdict per claim", { timeout: 30 * 60 * 1000 }, async () => {
  const run = await runNotebookQuick(NAME);
  for (const fig of LINE_FIGURES) {
    assertValidPng(path.join(run.figuresDir, `${fig}.png`));
    assertValidSvg(path.join(run.figuresDir, `${fig}.svg`));
  }
  for (const fig of IMAGE_FIGURES) {
    assertValidPng(path.join(run.figuresDir, `${fig}.png`));
    const svg = fs.readFileSync(path.join(run.figuresDir, `${fig}.svg`), "utf8");
    assert.match(svg, /^<svg[\s>][\s\S]*<\/svg>\s*$/, `${fig}.svg is not one <svg> element`);
    assert.match(svg, /class="heatmaplayer[\s\S]*<image [^>]*href="data:image\/png;base64,/, `${fig}.svg has no heat-map image`);
  }
  const rows = await readCsv(path.join(run.dataDir, "measurements.csv"));
  assert.deepEqual(Object.keys(rows[0]).sort(), ["measure", "prior", "seed", "value", "walk"]);
  for (const r of rows) assert.ok(Number.isFinite(Number(r.value)) && r.value !== "", `${r.measure} seed ${r.seed} walk ${r.walk}: ${r.value}`);
  const measures = new Set(rows.map((r) => String(r.measure)));
  for (const m of ["fd trained", "confidence trained", "fd untrained (must fail)", "fd real floor", "lerp/slerp midpoint contrast ratio", "first-layer homogeneity error alpha 2", "contrast at radius 20", "pre-tanh median R2 on [5, 15]", "label changes per great-circle loop", "loop closing step over mean step"]) {
    assert.ok(measures.has(m), `measure "${m}" missing`);
  }
  for (const prior of ["normal", "sphere-10", "uniform-radius-10"]) {
    const seeds = new Set(rows.filter((r) => r.measure === "fd trained" && r.prior === prior).map((r) => Number(r.seed)));
    assert.ok(seeds.size >= 3, `${prior}: ${seeds.size} seeds`);
  }
  // ranges the measures cannot leave
  for (const r of rows) {
    const v = Number(r.value);
    if (String(r.measure).startsWith("saturated share") || String(r.measure).startsWith("confidence")) assert.ok(v >= 0 && v <= 1, `${r.measure} ${v}`);
    if (String(r.measure).startsWith("label changes")) assert.ok(Number.isInteger(v) && v >= 0, `${r.measure} ${v}`);
    if (String(r.measure).startsWith("pre-tanh median R2")) assert.ok(v <= 1 + 1e-12, `${r.measure} ${v}`);
  }
  const verdicts = await readCsv(path.join(run.dataDir, "verdicts.csv"));
  assert.deepEqual(Object.keys(verdicts[0]), ["claim", "article", "measured", "verdict"]);
  assert.equal(verdicts.length, 11);
  for (const v of verdicts) assert.ok(VERDICTS.has(String(v.verdict)), `${v.claim}: ${v.verdict}`);
  const nb = fs.readFileSync(run.notebookPath, "utf8");
  assert.match(nb, /tensors left: \d+/);
  assert.doesNotMatch(nb, /"output_type": "error"/);
});
