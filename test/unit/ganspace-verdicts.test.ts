/**
 * The GANSpace verdict rules, each with cases that must pass and cases that must fail:
 * - a toy linear generator (factor f = a_f·w in 16-D, per-start noise): the direction a_f/‖a_f‖
 *   "controls f"; random unit directions do not, except at the rate the 95 % quantile allows;
 *   a direction orthogonal to a_f never does;
 * - N(0, I) batches pass as isotropic, a Gaussian with one axis 1.3× wider does not;
 * - a decreasing trend over component index is confirmed, an index-free one is not.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../lib/util/rng";
import { pca } from "../../lib/ganspace/pca";
import { anisotropy, controlsFactorRule, intervalRule, isotropyRule, marchenkoPasturEdge, rankTrendInterval } from "../../lib/ganspace/verdicts";

const D = 16, STARTS = 100;

function unit(v: number[]): number[] {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** Per-start effect of direction v on a factor with loading a: |a·v|·(1 + 0.2ε) + 0.02|ε'|. */
function effects(a: number[], v: number[], rng: Rng): number[] {
  const base = Math.abs(a.reduce((s, x, i) => s + x * v[i], 0));
  return Array.from({ length: STARTS }, () => base * (1 + 0.2 * rng.normal()) + 0.02 * Math.abs(rng.normal()));
}

test("controlsFactorRule: the factor's own direction passes, random and orthogonal directions fail", () => {
  const rng = new Rng(1);
  const a = Array.from({ length: D }, () => rng.normal());
  const randomMeans = Array.from({ length: 200 }, () => {
    const e = effects(a, unit(Array.from({ length: D }, () => rng.normal())), rng);
    return e.reduce((s, x) => s + x, 0) / e.length;
  });
  const own = controlsFactorRule("a_f controls f", { name: "effect", values: effects(a, unit(a), rng) }, randomMeans);
  assert.equal(own.verdict, "confirmed");
  let passed = 0;
  const trials = 200;
  for (let t = 0; t < trials; t++) {
    const r = controlsFactorRule("random controls f", { name: "effect", values: effects(a, unit(Array.from({ length: D }, () => rng.normal())), rng) }, randomMeans);
    if (r.verdict === "confirmed") passed++;
  }
  assert.ok(passed / trials <= 0.08, `random directions confirmed ${passed} of ${trials} times`);
  // orthogonal to a: Gram–Schmidt of a random vector
  const g = Array.from({ length: D }, () => rng.normal());
  const ua = unit(a);
  const along = g.reduce((s, x, i) => s + x * ua[i], 0);
  const ortho = unit(g.map((x, i) => x - along * ua[i]));
  assert.equal(controlsFactorRule("orthogonal", { name: "effect", values: effects(a, ortho, rng) }, randomMeans).verdict, "not confirmed");
  assert.throws(() => controlsFactorRule("few", { name: "e", values: [1, 2] }, [1, 2, 3]), /at least 10/);
});

test("isotropyRule: N(0, I) batches pass, one axis 1.3× wider fails", () => {
  const rng = new Rng(2);
  const d = 8, n = 4000;
  const ratios = (wide: number) => Array.from({ length: 6 }, () => {
    const rows = Float64Array.from({ length: n * d }, (_, i) => rng.normal() * (i % d === 3 ? wide : 1));
    return anisotropy(pca(rows, d).variances);
  });
  assert.equal(isotropyRule("isotropic", { name: "λ₁/λ̄", values: ratios(1) }, d, n).verdict, "confirmed");
  assert.equal(isotropyRule("isotropic", { name: "λ₁/λ̄", values: ratios(1.3) }, d, n).verdict, "not confirmed");
  assert.ok(Math.abs(marchenkoPasturEdge(8, 32) - 2.25) < 1e-12);
});

test("rankTrendInterval: a decreasing trend is confirmed, no trend is not", () => {
  const rng = new Rng(3);
  const k = 10, s = 80;
  const decreasing = Array.from({ length: k }, (_, c) => Array.from({ length: s }, () => 1 / (c + 1) + 0.05 * rng.normal()));
  const flat = Array.from({ length: k }, () => Array.from({ length: s }, () => 1 + 0.3 * rng.normal()));
  const down = intervalRule("decreasing", "ρ", rankTrendInterval(decreasing, new Rng(4), 500), "below", 0);
  assert.equal(down.verdict, "confirmed");
  assert.ok(Math.abs(down.interval!.estimate + 1) < 1e-12, "perfectly monotone means: ρ = −1");
  assert.notEqual(intervalRule("decreasing", "ρ", rankTrendInterval(flat, new Rng(5), 500), "below", 0).verdict, "confirmed");
  assert.throws(() => rankTrendInterval([[1, 2]], new Rng(1)), /needs >= 3 components/);
});
