/**
 * Notebook 02 executed headless in QUICK mode: every figure is written, and the tables hold what
 * the lesson builds on, checked against values computed here (closed forms, the parallel-lines
 * formulas) rather than read back from the notebook: the f/f* checks, the divergences between
 * N(0, 1) and N(1, 1), the bound table's layout, the mode table (one row per update scheme ×
 * divergence × seed, shares of a run summing to 1), the WGAN, discrete, conditional and CycleGAN
 * tables, and a verdict table with a row per claim and no NaN.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runNotebookQuick } from "../helpers/notebook-run";
import { assertValidPng, assertValidSvg } from "../helpers/files";
import { readCsv, type CsvRecord } from "../../lib/data/csv";

const NAME = "02-divergences";
const FIGURES = [
  "f-and-conjugates", "bound-training", "bound-critics", "parallel-lines", "saturation", "discriminator-vs-critic",
  "fgan-samples", "fgan-mode-shares", "fgan-modes", "wgan-critics-wgan-8gaussians", "wgan-critics-wgan-25gaussians",
  "wgan-critics-wgan-swissroll", "wgan-weights", "wgan-gradient-norms", "wgan-loss-vs-quality", "wgan-ablations",
  "discrete-gradients", "conditional-samples", "cycle-maps",
];
const DIVERGENCES = ["kl", "reverse-kl", "pearson", "squared-hellinger", "jensen-shannon", "gan"];

const num = (r: CsvRecord, key: string) => {
  const v = r[key];
  assert.equal(typeof v, "number", `${key} = ${v} is not a number`);
  return v as number;
};

test("02-divergences runs headless in QUICK mode: figures, the f/f* table, the bound and mode tables, verdicts", { timeout: 30 * 60 * 1000 }, async () => {
  const run = await runNotebookQuick(NAME);
  for (const fig of FIGURES) {
    assertValidPng(path.join(run.figuresDir, `${fig}.png`));
    assertValidSvg(path.join(run.figuresDir, `${fig}.svg`));
    for (const ext of ["html", "json"]) assert.ok(fs.statSync(path.join(run.figuresDir, `${fig}.${ext}`)).size > 0, `${fig}.${ext}`);
  }
  const csv = (name: string) => readCsv(path.join(run.dataDir, `${name}.csv`));

  // f/f*: six rows in f-GAN's order, every numerical check passes
  const f = await csv("f-divergence-table");
  assert.deepEqual(f.map((r) => r.divergence), DIVERGENCES);
  for (const r of f) {
    for (const gap of ["conjugate_gap", "biconjugate_gap", "fenchel_young_gap"]) assert.ok(num(r, gap) < 1e-9, `${r.divergence} ${gap}`);
    assert.ok(num(r, "min_f2") > 0);
    assert.equal(r.activation_in_domain, "yes");
    assert.equal(r.unbounded_outside, "yes");
  }

  // the bound table: divergences between N(0,1) and N(1,1) computed by hand
  const bound = await csv("bound-table");
  const exact = [0.5, 0.5, Math.E - 1, 2 * (1 - Math.exp(-1 / 8))];
  assert.equal(bound.length, 6);
  exact.forEach((v, i) => assert.ok(Math.abs(num(bound[i], "closed_form") - v) < 1e-12, `${bound[i].divergence}: ${bound[i].closed_form} vs ${v}`));
  // 2·JS by quadrature lies in (0, log 4); GAN = 2·JS − log 4
  const js2 = num(bound[4], "closed_form");
  assert.ok(js2 > 0 && js2 < Math.log(4));
  assert.ok(Math.abs(num(bound[5], "closed_form") - (js2 - Math.log(4))) < 1e-9);
  for (const r of bound) {
    assert.ok(Math.abs(num(r, "bound_at_T_star") - num(r, "closed_form")) < 1e-8, `${r.divergence}: the bound at T* equals D_f`);
    for (const key of ["estimate_mean", "estimate_sd", "mean_se", "control_estimate"]) assert.ok(Number.isFinite(num(r, key)), `${r.divergence} ${key}`);
  }
  assert.deepEqual(bound.map((r) => r.control_truth), [0, 0, 0, 0, 0, -Math.log(4)]);

  // parallel lines: JS = log 2, TV = 1, W₁ = |θ| for θ ≠ 0; all 0 at θ = 0
  for (const r of await csv("parallel-lines")) {
    const theta = num(r, "θ");
    assert.equal(num(r, "W1_exact"), Math.abs(theta));
    assert.equal(num(r, "JS_exact"), theta === 0 ? 0 : Math.LN2);
    assert.equal(num(r, "TV_exact"), theta === 0 ? 0 : 1);
    assert.equal(String(r.KL_exact), theta === 0 ? "0" : "Infinity");
  }

  // the mode table: one row per update scheme × divergence × seed
  const modes = await csv("fgan-modes");
  const seeds = [...new Set(modes.map((r) => r.seed))];
  assert.ok(seeds.length >= 2, `seeds ${seeds}`);
  assert.equal(modes.length, 2 * DIVERGENCES.length * seeds.length);
  for (const r of modes) {
    const covered = num(r, "modes_covered"), fair = num(r, "modes_fair");
    assert.ok(Number.isInteger(covered) && covered >= 0 && covered <= 8 && fair <= covered, `modes ${covered}, fair ${fair}`);
    assert.ok(num(r, "high_quality") >= 0 && num(r, "high_quality") <= 1);
    if (num(r, "high_quality") > 0) {
      const shares = Array.from({ length: 8 }, (_, k) => num(r, `mode_${k}_share`));
      assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-9, `shares of ${r.divergence} ${r.seed} sum to ${shares.reduce((a, b) => a + b, 0)}`);
    }
  }

  // WGAN metrics: penalised critics are not clipped, clipped critics report their share at ±c
  const wgan = await csv("wgan-metrics");
  assert.deepEqual([...new Set(wgan.map((r) => r.kind))].sort(), ["GP, one-sided", "GP, two-sided", "JS-GAN", "clipping, Adam", "clipping, RMSProp"]);
  for (const r of wgan) {
    if (String(r.kind).startsWith("clipping")) assert.ok(num(r, "share_weights_at_clip") >= 0 && num(r, "share_weights_at_clip") <= 1);
    else assert.ok(r.share_weights_at_clip === undefined || r.share_weights_at_clip === "", `${r.kind}: share at ±c ${r.share_weights_at_clip}`);
    assert.ok(num(r, "grad_norm_median") > 0);
  }
  for (const name of ["wgan-tracking", "discrete", "conditional", "cycle", "timing"]) assert.ok((await csv(name)).length > 0, name);

  // verdicts: every section has a claim, every verdict is one of three, no NaN anywhere
  const verdicts = await csv("verdicts");
  assert.deepEqual([...new Set(verdicts.map((r) => r.section).filter((s) => s !== undefined && s !== ""))].map(String), ["2", "3", "4", "5", "6", "7", "8"]);
  for (const r of verdicts) {
    assert.ok(["confirmed", "not confirmed", "undecided"].includes(String(r.verdict)), `verdict ${r.verdict}`);
    assert.ok(!/NaN/.test(String(r.measured)), `${r.claim}: ${r.measured}`);
  }
});
