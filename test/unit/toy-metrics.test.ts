/**
 * lib/metrics/toy-metrics on generators whose answer is known: real samples against real
 * samples score near the estimators' floors with every mode fairly covered; a collapsed
 * generator (one mode) is caught by every mode measure; a generator that ignores the data
 * (uniform over the plot square) is caught by the off-manifold share and KL(G‖data); the
 * spiral's omitted stretches and a mean offset are read off constructed samples.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { toyMetrics } from "../../lib/metrics/toy-metrics";
import { eightGaussians, gaussian } from "../../lib/toy/datasets";
import { spiral, spiralCurve } from "../../lib/toy/spiral";
import { Rng } from "../../lib/util/rng";

const N = 3000;
const real = (data: typeof eightGaussians, label: string) => data.sample(N, new Rng(5).child(label));

test("real against real: near the floors, all eight modes fairly covered", () => {
  const m = toyMetrics(eightGaussians, real(eightGaussians, "a"), real(eightGaussians, "b"));
  assert.ok(Math.abs(m.kl_data_model) < 0.05 && Math.abs(m.kl_model_data) < 0.05, `KL ${m.kl_data_model}, ${m.kl_model_data}`);
  assert.equal(m.modes_covered, 8);
  assert.equal(m.modes_fair, 8);
  assert.ok(m.mode_entropy > 0.99 && m.mode_jsd < 0.005, `entropy ${m.mode_entropy}, JSD ${m.mode_jsd}`);
  assert.ok(m.off_manifold < 0.03, `off ${m.off_manifold} (≈ 1.1 % expected)`);
  const shares = Array.from({ length: 8 }, (_, k) => m[`mode_${k}_share`]);
  assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-12);
});

test("a collapsed generator (all samples in mode 0) fails every mode measure", () => {
  const rng = new Rng(9);
  const fake = Float64Array.from({ length: 2 * N }, (_, i) => eightGaussians.modes[0][i % 2] + 0.2 * rng.normal());
  const m = toyMetrics(eightGaussians, real(eightGaussians, "a"), fake);
  assert.equal(m.modes_fair, 1);
  assert.ok(m.mode_entropy < 0.05, `entropy ${m.mode_entropy}`);
  assert.ok(m.kl_data_model > 1, `KL(data‖G) ${m.kl_data_model}`);
});

test("a generator that ignores the data (uniform on the plot square) is off the manifold", () => {
  const rng = new Rng(10);
  const fake = Float64Array.from({ length: 2 * N }, () => (2 * rng.uniform() - 1) * eightGaussians.axis);
  const m = toyMetrics(eightGaussians, real(eightGaussians, "a"), fake);
  assert.ok(m.off_manifold > 0.7, `off ${m.off_manifold}`);
  assert.ok(m.high_quality < 0.3);
  assert.ok(m.kl_model_data > 0.5, `KL(G‖data) ${m.kl_model_data}`);
  assert.equal(m.modes_covered, 8, "the old ≥ 1 sample rule alone would pass it");
});

test("spiral: samples on one half of the curve leave gaps; a shifted Gaussian has its offset", () => {
  const rng = new Rng(11);
  const half = Float64Array.from({ length: 2 * N }, () => 0);
  for (let i = 0; i < N; i++) {
    const [x, y] = spiralCurve(-1 + rng.uniform()); // t ∈ [−1, 0): half of the spiral
    half[2 * i] = x;
    half[2 * i + 1] = y;
  }
  const s = toyMetrics(spiral, spiral.sample(N, new Rng(12)), half);
  assert.ok(s.spiral_gaps >= 1 && s.off_manifold < 0.01, `gaps ${s.spiral_gaps}, off ${s.off_manifold}`);
  assert.equal(s.modes_covered, undefined, "no mode keys on the spiral");
  const shifted = Float64Array.from(gaussian.sample(N, new Rng(13)), (v, i) => v + (i % 2 === 0 ? 0.6 : 0.8));
  const g = toyMetrics(gaussian, gaussian.sample(N, new Rng(14)), shifted);
  assert.ok(Math.abs(g.mean_offset - 1) < 0.06, `‖mean‖ ${g.mean_offset} (1 expected)`);
  assert.ok(Math.abs(g.var_x - 1) < 0.1 && Math.abs(g.var_y - 1) < 0.1);
});
