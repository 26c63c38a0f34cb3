/**
 * lib/ganspace/pca against closed forms and a second implementation:
 * - the 2d points ±aₖuₖ (uₖ the columns of a Householder reflection, an orthonormal basis in
 *   closed form) have mean 0 and covariance Σₖ 2aₖ²uₖuₖᵀ/(2d − 1) exactly, so the components are
 *   ±uₖ, the variances 2aₖ²/(2d − 1) and the explained ratios aₖ²/Σa²;
 * - the streaming float64 covariance equals the two-pass one of lib/eval/frechet.ts for any
 *   chunking, also with a large common offset;
 * - the randomized route recovers the top components of the closed-form case and agrees with
 *   the exact route on random data with a decaying spectrum.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { selectBackend } from "../../lib/env/backend";
import { gaussianStats } from "../../lib/eval/frechet";
import { Rng } from "../../lib/util/rng";
import { component, CovarianceAccumulator, explainedVarianceRatio, pca, projectRows, randomizedPca } from "../../lib/ganspace/pca";

/** Columns of H = I − 2hhᵀ/hᵀh as rows [d, d] (H is symmetric and orthogonal). */
function householder(h: number[]): Float64Array {
  const d = h.length;
  const hh = h.reduce((s, v) => s + v * v, 0);
  return Float64Array.from({ length: d * d }, (_, p) => (Math.floor(p / d) === p % d ? 1 : 0) - (2 * h[Math.floor(p / d)] * h[p % d]) / hh);
}

/** The 2d points ±aₖuₖ, [2d, d]. */
function plusMinusPoints(u: Float64Array, a: number[]): Float64Array {
  const d = a.length;
  const rows = new Float64Array(2 * d * d);
  a.forEach((ak, k) => {
    for (let j = 0; j < d; j++) {
      rows[2 * k * d + j] = ak * u[k * d + j];
      rows[(2 * k + 1) * d + j] = -ak * u[k * d + j];
    }
  });
  return rows;
}

const dot = (x: ArrayLike<number>, y: ArrayLike<number>) => Array.from(x).reduce((s, v, i) => s + v * y[i], 0);

test("exact PCA of ±aₖuₖ: components ±uₖ, variances 2aₖ²/(2d − 1), explained ratios aₖ²/Σa²", () => {
  const h = [1, -2, 0.5, 3, 1.5, -1];
  const d = h.length;
  const u = householder(h);
  const a = [0.7, 3, 1.2, 2.2, 0.3, 1.7]; // distinct, unsorted
  const p = pca(plusMinusPoints(u, a), d);
  const order = a.map((v, k) => [v, k]).sort((x, y) => y[0] - x[0]).map(([, k]) => k);
  const sumA2 = a.reduce((s, v) => s + v * v, 0);
  assert.equal(p.n, 2 * d);
  p.mean.forEach((m) => assert.ok(Math.abs(m) < 1e-15, `mean ${m}`));
  order.forEach((k, rank) => {
    assert.ok(Math.abs(p.variances[rank] - (2 * a[k] ** 2) / (2 * d - 1)) < 1e-12, `λ${rank}: ${p.variances[rank]}`);
    assert.ok(Math.abs(Math.abs(dot(component(p, rank), u.subarray(k * d, (k + 1) * d))) - 1) < 1e-12, `component ${rank} is ±u${k}`);
    assert.ok(Math.abs(explainedVarianceRatio(p)[rank] - a[k] ** 2 / sumA2) < 1e-12);
  });
  // sign convention: the largest-magnitude entry is positive
  for (let r = 0; r < d; r++) {
    const v = Array.from(component(p, r));
    const big = v.reduce((b, x) => (Math.abs(x) > Math.abs(b) ? x : b), 0);
    assert.ok(big > 0);
  }
  // projections: point +aₖuₖ sits at ±aₖ on its own component and 0 on the others
  const coords = projectRows(p, plusMinusPoints(u, a).subarray(0, d), d);
  order.forEach((k, rank) => assert.ok(Math.abs(Math.abs(coords[rank]) - (k === 0 ? a[0] : 0)) < 1e-12));
});

test("streaming covariance = two-pass float64 covariance, for any chunking and a large offset", () => {
  const rng = new Rng(7);
  const d = 5, n = 301;
  const rows = Float64Array.from({ length: n * d }, (_, i) => 1e6 + (i % d) * 3 + rng.normal() * (1 + (i % d)));
  const ref = gaussianStats(rows, d);
  for (const chunk of [1, 7, n]) {
    const acc = new CovarianceAccumulator(d);
    for (let i = 0; i < n; i += chunk) acc.add(rows.subarray(i * d, Math.min(n, i + chunk) * d));
    const s = acc.result();
    assert.equal(s.n, n);
    s.mean.forEach((m, j) => assert.ok(Math.abs(m - ref.mean[j]) < 1e-8, `mean[${j}] chunk ${chunk}`));
    s.cov.forEach((c, j) => assert.ok(Math.abs(c - ref.cov[j]) < 1e-8 * (1 + Math.abs(ref.cov[j])), `cov[${j}] chunk ${chunk}: ${c} vs ${ref.cov[j]}`));
  }
  assert.throws(() => new CovarianceAccumulator(3).add([1, 2]), /rows of width 3/);
  assert.throws(() => new CovarianceAccumulator(2).result(), /at least 2/);
});

test("randomized PCA: the top components of the closed-form case, and the exact route's on a decaying spectrum", async () => {
  await selectBackend("cpu");
  const h = Array.from({ length: 30 }, (_, i) => Math.sin(1.3 * i + 0.2) + (i === 4 ? 2 : 0));
  const d = h.length;
  const u = householder(h);
  const a = Array.from({ length: d }, (_, k) => 10 * 0.8 ** k);
  const points = Float32Array.from(plusMinusPoints(u, a));
  const k = 5;
  const r = randomizedPca(points, d, k, new Rng(3), { oversample: 8, powerIterations: 3 });
  for (let m = 0; m < k; m++) {
    const expected = (2 * a[m] ** 2) / (2 * d - 1);
    assert.ok(Math.abs(r.variances[m] - expected) < 1e-4 * expected, `λ${m}: ${r.variances[m]} vs ${expected}`);
    assert.ok(Math.abs(Math.abs(dot(component(r, m), u.subarray(m * d, (m + 1) * d))) - 1) < 1e-4, `component ${m}`);
  }
  const total = a.reduce((s, v) => s + (2 * v * v) / (2 * d - 1), 0);
  assert.ok(Math.abs(r.totalVariance - total) < 1e-5 * total);

  const rng = new Rng(11);
  const n = 2000, dd = 40;
  const x = new Float32Array(n * dd);
  for (let i = 0; i < n; i++) for (let j = 0; j < dd; j++) x[i * dd + j] = rng.normal() * 2 * 0.85 ** j + 0.3 * rng.normal();
  const exact = pca(x, dd, 6);
  const rand = randomizedPca(x, dd, 6, new Rng(5));
  for (let m = 0; m < 6; m++) {
    assert.ok(Math.abs(rand.variances[m] - exact.variances[m]) < 1e-3 * exact.variances[m], `λ${m}: ${rand.variances[m]} vs ${exact.variances[m]}`);
    assert.ok(Math.abs(dot(component(rand, m), component(exact, m))) > 0.999, `component ${m}`);
  }
  assert.throws(() => randomizedPca(x, dd, 41, new Rng(1)), /k 41/);
});
