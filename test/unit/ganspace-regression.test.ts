/**
 * lib/ganspace/regression against independent oracles: an exactly linear Z = A·M₀ gives M₀ back
 * and R² = 1; with noise, the residual is orthogonal to every column of A (the normal
 * equations), a single regressor gives the closed form Σaz/Σa², and R² matches a float64 loop;
 * whitened coordinates of the ±aₖuₖ points have unit variance on every kept component.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../lib/util/rng";
import { pca } from "../../lib/ganspace/pca";
import { latentDirections, leastSquares, whitenedCoordinates } from "../../lib/ganspace/regression";

test("an exact linear map is recovered with R² = 1; directions are unit rows of M", () => {
  const rng = new Rng(1);
  const n = 50, k = 3, m = 4;
  const a = Float64Array.from({ length: n * k }, () => rng.normal());
  const m0 = Float64Array.from({ length: k * m }, () => rng.normal());
  const z = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let c = 0; c < m; c++) for (let p = 0; p < k; p++) z[i * m + c] += a[i * k + p] * m0[p * m + c];
  const fit = leastSquares(a, k, z, m);
  fit.coefficients.forEach((v, i) => assert.ok(Math.abs(v - m0[i]) < 1e-10, `M[${i}] ${v} vs ${m0[i]}`));
  assert.ok(Math.abs(fit.r2 - 1) < 1e-12);
  const dirs = latentDirections(fit);
  for (let q = 0; q < k; q++) {
    const row = m0.subarray(q * m, (q + 1) * m);
    const norm = Math.hypot(...row);
    for (let c = 0; c < m; c++) assert.ok(Math.abs(dirs[q * m + c] - row[c] / norm) < 1e-10);
  }
});

test("with noise: residual ⟂ columns of A, one regressor gives Σaz/Σa², R² as a float64 loop", () => {
  const rng = new Rng(2);
  const n = 200, k = 2, m = 3;
  const a = Float64Array.from({ length: n * k }, () => rng.normal());
  const z = Float64Array.from({ length: n * m }, (_, idx) => 0.5 * a[Math.floor(idx / m) * k] - (idx % m) * a[Math.floor(idx / m) * k + 1] + rng.normal());
  const fit = leastSquares(a, k, z, m);
  let res = 0, tot = 0;
  for (let p = 0; p < k; p++) {
    for (let c = 0; c < m; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const r = z[i * m + c] - (a[i * k] * fit.coefficients[c] + a[i * k + 1] * fit.coefficients[m + c]);
        s += a[i * k + p] * r;
        if (p === 0) { res += r * r; tot += z[i * m + c] ** 2; }
      }
      assert.ok(Math.abs(s) < 1e-9, `Aᵀ(Z − AM)[${p}, ${c}] = ${s}`);
    }
  }
  assert.ok(Math.abs(fit.r2 - (1 - res / tot)) < 1e-12);
  const one = Float64Array.from({ length: n }, (_, i) => a[i * k]);
  const zc = Float64Array.from({ length: n }, (_, i) => z[i * m]);
  const single = leastSquares(one, 1, zc, 1);
  const closed = one.reduce((s, v, i) => s + v * zc[i], 0) / one.reduce((s, v) => s + v * v, 0);
  assert.ok(Math.abs(single.coefficients[0] - closed) < 1e-12);
  assert.throws(() => leastSquares(a, k, z.subarray(0, 3 * m), m), /same number of rows/);
});

test("whitened coordinates have unit variance along every kept component", () => {
  const rng = new Rng(3);
  const n = 400, d = 4;
  const rows = Float64Array.from({ length: n * d }, (_, i) => (i % d + 1) * rng.normal() + 5);
  const p = pca(rows, d);
  const w = whitenedCoordinates(p, rows, 3);
  for (let q = 0; q < 3; q++) {
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { s += w[i * 3 + q]; s2 += w[i * 3 + q] ** 2; }
    assert.ok(Math.abs(s / n) < 1e-10, `mean ${s / n}`);
    assert.ok(Math.abs(s2 / (n - 1) - 1) < 1e-10, `variance ${s2 / (n - 1)}`);
  }
});
