/**
 * Notebook 01 executed headless in QUICK mode: every figure is written, and the CSVs hold the
 * article's numbers within the tolerances pinned to the article (values written out here, the
 * oracle). QUICK sizes (20,000 norms per prior, 10,000 pairs) keep each standard error at most a
 * quarter of its tolerance: uniform mean SE ≈ 0.0018 vs ± 0.02, pair means SE ≈ 0.005 vs ± 0.1.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { runNotebookQuick } from "../helpers/notebook-run";
import { assertValidPng, assertValidSvg } from "../helpers/files";
import { readCsv } from "../../lib/data/csv";
import * as fs from "node:fs";

const NAME = "01-latent-geometry";
const FIGURES = [
  "normal-prior-norms",
  "uniform-prior-norms",
  "concentration-norms",
  "concentration-relative-spread",
  "origin-line-distance",
  "lerp-slerp-norm-profile",
  "slerp-norm-band",
  "pair-angles",
  "great-circle-norms",
  "great-circle-ratio",
];

/** quantity (prefix of the CSV's label) → [article value, tolerance] */
const PINNED: [string, number, number][] = [
  ["normal prior ‖z‖ mean", 9.97, 0.05],
  ["normal prior ‖z‖ std", 0.706, 0.02],
  ["uniform prior ‖z‖ mean", 5.77, 0.02],
  ["uniform prior ‖z‖ std", 0.258, 0.01],
  ["origin-to-line distance mean", 7.0, 0.1],
  ["lerp midpoint ‖(p₀+p₁)/2‖ mean", 7.05, 0.1],
  ["angle between two samples mean (°) ('nearly orthogonal')", 90, 0.5],
  ["angle between two samples std (°)", 6, 0.5],
];

test("01-latent-geometry runs headless in QUICK mode: figures and the article's numbers", { timeout: 15 * 60 * 1000 }, async () => {
  const run = await runNotebookQuick(NAME);
  for (const fig of FIGURES) {
    assertValidPng(path.join(run.figuresDir, `${fig}.png`));
    assertValidSvg(path.join(run.figuresDir, `${fig}.svg`));
    for (const ext of ["html", "json"]) assert.ok(fs.statSync(path.join(run.figuresDir, `${fig}.${ext}`)).size > 0, `${fig}.${ext}`);
  }

  const summary = await readCsv(path.join(run.dataDir, "summary.csv"));
  for (const [quantity, value, tol] of PINNED) {
    const rows = summary.filter((r) => String(r.quantity).startsWith(quantity));
    assert.equal(rows.length, 1, `one row for ${quantity}`);
    const got = rows[0].reproduced;
    assert.equal(typeof got, "number", `${quantity}: reproduced is a number`);
    assert.ok(Math.abs((got as number) - value) <= tol, `${quantity}: ${got} vs ${value} ± ${tol}`);
    assert.equal(rows[0].verdict, "confirmed", quantity);
  }
  // every verdict follows its rule, and no cell is NaN
  for (const r of summary) {
    const a = Number(r.claimed), x = Number(r.reproduced), tol = Number(r.tolerance);
    const ok = r.rule === "abs" ? Math.abs(x - a) <= tol : x > a;
    assert.equal(r.verdict, ok ? "confirmed" : "not confirmed", String(r.quantity));
    for (const [k, v] of Object.entries(r)) assert.ok(typeof v === "string" || Number.isFinite(v), `${r.quantity}: ${k} = ${v}`);
  }
  for (const q of ["origin-to-line distance std", "angle between two samples std (°)"]) {
    assert.equal(summary.find((r) => r.quantity === q)?.source, "reference value", q);
  }

  // slerp per angle class: the claim holds for every acute pair, fails for obtuse ones by < 2 %
  const classes = await readCsv(path.join(run.dataDir, "slerp-band.csv"));
  assert.deepEqual(classes.map((r) => r.angle_class), ["acute (Ω ≤ 90°)", "obtuse (Ω > 90°)"]);
  assert.deepEqual([classes[0].share_inside_band, classes[0].share_monotone, classes[0].verdict], [1, 1, "confirmed"]);
  assert.equal(classes[1].share_monotone, 0);
  assert.equal(classes[1].verdict, "not confirmed");
  const overshoot = Number(classes[1].largest_relative_overshoot);
  assert.ok(overshoot > 0 && overshoot < 0.02, `obtuse overshoot ${overshoot}`);

  // great circle vs slerp: the ratio is about 4 (E[2π/Ω] ≈ 4.017 for d = 100), not the article's 3
  const ratios = await readCsv(path.join(run.dataDir, "great-circle-ratio.csv"));
  assert.equal(ratios.length, 2);
  for (const r of ratios) assert.ok(Math.abs(Number(r.mean) - 4.017) < 0.03, `${r.measure}: mean ${r.mean}`);
  assert.equal(summary.find((r) => String(r.quantity).startsWith("great circle / slerp"))?.verdict, "not confirmed");
  assert.equal(summary.find((r) => String(r.quantity).startsWith("great-circle walk"))?.verdict, "confirmed");

  // the concentration table: one row per dimension, sampled statistics near the exact χ values
  const conc = await readCsv(path.join(run.dataDir, "concentration.csv"));
  assert.deepEqual(conc.map((r) => r.dim), [2, 3, 5, 10, 20, 50, 100, 200, 500, 1000]);
  for (const r of conc) {
    const n = Number(r.samples), sd = Number(r.normal_std_exact);
    assert.ok(Math.abs(Number(r.normal_mean_sampled) - Number(r.normal_mean_exact)) <= 5 * sd / Math.sqrt(n), `dim ${r.dim} mean`);
    assert.ok(Math.abs(Number(r.normal_std_sampled) - sd) <= 5 * sd / Math.sqrt(2 * n), `dim ${r.dim} std`);
  }
  // relative spread falls with the dimension
  const spread = conc.map((r) => Number(r.normal_relative_spread));
  assert.ok(spread[spread.length - 1] < spread[0] / 10, `relative spread ${spread[0]} → ${spread[spread.length - 1]}`);
});
