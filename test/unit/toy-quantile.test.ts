import { test } from "node:test";
import assert from "node:assert/strict";
import { erf as mathjsErf } from "mathjs";
import { erf, erfc, normalCdf, normalPdf, normalQuantile } from "../../lib/metrics/normal";
import { quantileMapError, uGrid, uniformToNormal, wasserstein1ToNormal } from "../../lib/metrics/quantile";
import { Rng } from "../../lib/util/rng";

const Phi = (x: number) => 0.5 * (1 + (mathjsErf(x / Math.SQRT2) as number));

test("erf and erfc agree with mathjs's erf on [−6, 6]", () => {
  for (let x = -6; x <= 6; x += 0.0137) {
    const m = mathjsErf(x) as number;
    assert.ok(Math.abs(erf(x) - m) < 4e-15, `erf(${x})`);
    assert.ok(Math.abs(erfc(x) - (1 - m)) < 4e-15, `erfc(${x})`);
  }
});

test("erfc tail: asymptotic series e^(−x²)/(x√π)·(1 − 1/(2x²) + 3/(4x⁴) − 15/(8x⁶)) at x = 6, 8", () => {
  for (const x of [6, 8]) {
    const s = (Math.exp(-x * x) / (x * Math.sqrt(Math.PI))) * (1 - 1 / (2 * x * x) + 3 / (4 * x ** 4) - 15 / (8 * x ** 6));
    // next term 105/(16x⁸) bounds the truncation error
    assert.ok(Math.abs(erfc(x) / s - 1) < 105 / (16 * x ** 8), `${erfc(x)} vs ${s}`);
  }
});

test("normal quantile: Φ(Φ⁻¹(p)) = p with mathjs's Φ, symmetric, limits", () => {
  for (const p of [1e-6, 1e-4, 0.001, 0.01, 0.02425, 0.05, 0.2, 0.4, 0.5, 0.6, 0.9, 0.97575, 0.999, 1 - 1e-5]) {
    const x = normalQuantile(p);
    assert.ok(Math.abs(Phi(x) - p) < 1e-9 * Math.min(p, 1 - p) + 1e-15, `p = ${p}: Φ(${x}) = ${Phi(x)}`);
    assert.ok(Math.abs(x + normalQuantile(1 - p)) < 1e-9);
  }
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  assert.ok(Number.isNaN(normalQuantile(1.5)));
  // Φ and φ against mathjs and finite differences of Φ
  for (const x of [-3, -1, 0.3, 2]) {
    assert.ok(Math.abs(normalCdf(x) - Phi(x)) < 1e-15);
    const h = 1e-5;
    assert.ok(Math.abs((Phi(x + h) - Phi(x - h)) / (2 * h) - normalPdf(x)) < 1e-9);
  }
});

test("quantile map: U[−1, 1] through f is N(0, 1); RMSE 0 for f, picks the mirror for f(−u)", () => {
  const u = uGrid(200);
  assert.equal(u[0], -1 + 1 / 200);
  assert.ok(Math.abs(u[199] - (1 - 1 / 200)) < 1e-15);
  const f = Array.from(u, uniformToNormal);
  assert.deepEqual(quantileMapError(u, f), { rmse: 0, maxAbs: 0, orientation: "increasing" });
  const mirrored = quantileMapError(u, Array.from(u, (v) => uniformToNormal(-v)));
  assert.equal(mirrored.orientation, "decreasing");
  assert.equal(mirrored.rmse, 0);
  const shifted = quantileMapError(u, f.map((v) => v + 0.3));
  assert.ok(Math.abs(shifted.rmse - 0.3) < 1e-12 && Math.abs(shifted.maxAbs - 0.3) < 1e-12);
  // f(U) for U uniform has mean 0 and variance 1 (a sample check of the map itself)
  const rng = new Rng(3);
  const xs = Array.from({ length: 100000 }, () => uniformToNormal(2 * rng.uniform() - 1));
  const mean = xs.reduce((a, b) => a + b) / xs.length;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  assert.ok(Math.abs(mean) < 0.02 && Math.abs(v - 1) < 0.03, `${mean} ${v}`);
});

test("W₁ to N(0,1): a point mass at c gives E|Z − c| = 2φ(c) + c(2Φ(c) − 1)", () => {
  for (const c of [0, 0.7, -1.9, 3]) {
    const want = 2 * Math.exp(-c * c / 2) / Math.sqrt(2 * Math.PI) + c * (2 * Phi(c) - 1);
    const got = wasserstein1ToNormal(new Array(7).fill(c));
    assert.ok(Math.abs(got - want) < 1e-12, `c = ${c}: ${got} vs ${want}`);
  }
});

test("W₁ to N(0,1): agrees with a fine midpoint-rule integral of |F̂⁻¹(t) − Φ⁻¹(t)|", () => {
  const rng = new Rng(5);
  const xs = Array.from({ length: 25 }, () => 0.4 + 1.3 * rng.normal()).sort((a, b) => a - b);
  const M = 2_000_000;
  let s = 0;
  for (let j = 0; j < M; j++) {
    const t = (j + 0.5) / M;
    s += Math.abs(xs[Math.floor(t * 25)] - normalQuantile(t)) / M;
  }
  const got = wasserstein1ToNormal(xs);
  assert.ok(Math.abs(got - s) < 1e-5, `${got} vs ${s}`);
  // a large N(δ, 1) sample: W₁ → |δ|
  const big = Array.from({ length: 200000 }, () => 0.5 + rng.normal());
  assert.ok(Math.abs(wasserstein1ToNormal(big) - 0.5) < 0.01);
});
