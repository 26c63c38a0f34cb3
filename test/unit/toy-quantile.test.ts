import { test } from "node:test";
import assert from "node:assert/strict";
import { erf as mathjsErf } from "mathjs";
import { normalCdf, normalPdf, normalQuantile } from "../../lib/metrics/normal";
import { quantileMapError, uGrid, uniformToNormal, wasserstein1ToNormal } from "../../lib/metrics/quantile";
import { Rng } from "../../lib/util/rng";

/** Φ through mathjs's erf: an independent second implementation, accurate away from the far tails. */
const Phi = (x: number) => 0.5 * (1 + (mathjsErf(x / Math.SQRT2) as number));

/**
 * Lower tail from the asymptotic series Φ(−x) = φ(x)/x · (1 − 1/x² + 3/x⁴ − 15/x⁶ + …) (x > 0),
 * with the bound on its truncation error: the next term, 105/x⁸, relative.
 */
function lowerTail(x: number): { value: number; bound: number } {
  const phi = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  return { value: (phi / x) * (1 - 1 / x ** 2 + 3 / x ** 4 - 15 / x ** 6), bound: 105 / x ** 8 };
}

test("Φ agrees with mathjs's erf on [−6, 6]; φ is the derivative of Φ (central differences)", () => {
  for (let x = -6; x <= 6; x += 0.0137) assert.ok(Math.abs(normalCdf(x) - Phi(x)) < 4e-16, `Φ(${x})`);
  for (const x of [-3, -1, 0.3, 2]) {
    const h = 1e-5;
    assert.ok(Math.abs((normalCdf(x + h) - normalCdf(x - h)) / (2 * h) - normalPdf(x)) < 1e-9, `φ(${x})`);
  }
});

test("Φ lower tail keeps its relative precision (asymptotic series at x = −8.5, −11.3, −30); the form through erf does not", () => {
  for (const x of [8.5, 11.3, 30]) {
    const { value, bound } = lowerTail(x);
    assert.ok(Math.abs(normalCdf(-x) / value - 1) < bound + 1e-12, `Φ(${-x}) = ${normalCdf(-x)} vs ${value}`);
  }
  // the failing case: ½(1 + erf(x/√2)) cancels to 0 at x = −8.5, so it cannot pass the same check
  const { value, bound } = lowerTail(8.5);
  assert.ok(!(Math.abs(Phi(-8.5) / value - 1) < bound + 1e-12), `erf form Φ(−8.5) = ${Phi(-8.5)}`);
});

test("normal quantile: Φ(Φ⁻¹(p)) = p (mathjs's Φ, and the tail series for p ≤ 1e−12), symmetric, limits", () => {
  for (const p of [1e-6, 1e-4, 0.001, 0.01, 0.02425, 0.05, 0.2, 0.4, 0.5, 0.6, 0.9, 0.97575, 0.999, 1 - 1e-5]) {
    const x = normalQuantile(p);
    // a quantile error δ moves Φ by φ(x)·δ: allow 4 ulps of x, plus the rounding of Φ itself
    const tol = 4 * Number.EPSILON * Math.max(1, Math.abs(x)) * normalPdf(x) + 2e-16;
    assert.ok(Math.abs(Phi(x) - p) < tol, `p = ${p}: Φ(${x}) − p = ${Phi(x) - p}`);
    assert.ok(Math.abs(x + normalQuantile(1 - p)) < 1e-9 * Math.max(1, Math.abs(x)), `symmetry at ${p}`);
  }
  for (const p of [1e-12, 1e-20, 1e-100]) {
    const x = normalQuantile(p);
    const { value, bound } = lowerTail(-x);
    // Φ(Φ⁻¹(p)) through the tail series, relative to p
    assert.ok(Math.abs(value / p - 1) < bound + 1e-13, `p = ${p}: x = ${x}, tail series ${value}`);
  }
  assert.ok(Object.is(normalQuantile(0.5), 0), "Φ⁻¹(½) is +0");
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  assert.ok(Number.isNaN(normalQuantile(1.5)));
  assert.ok(Number.isNaN(normalQuantile(-0.1)));
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
