import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../lib/util/rng";

const N = 100_000;

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}
function variance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return s / (xs.length - 1);
}

test("same seed gives the same sequence; different seeds differ", () => {
  const a = new Rng(42), b = new Rng(42), c = new Rng(43);
  const sa = Array.from({ length: 50 }, () => a.uniform());
  const sb = Array.from({ length: 50 }, () => b.uniform());
  const sc = Array.from({ length: 50 }, () => c.uniform());
  assert.deepEqual(sa, sb);
  assert.notDeepEqual(sa, sc);
  assert.deepEqual(new Rng(7).normalArray(33), new Rng(7).normalArray(33));
});

test("child streams: reproducible, label-dependent, independent of the parent's position", () => {
  const root = new Rng(5);
  const g1 = root.child("generator").uniformArray(20);
  root.uniformArray(1000); // drawing from the parent does not move its children
  assert.deepEqual(root.child("generator").uniformArray(20), g1);
  assert.notDeepEqual(root.child("discriminator").uniformArray(20), g1);
  assert.notDeepEqual(root.child(1).uniformArray(20), root.child(2).uniformArray(20));
  assert.notDeepEqual(root.child(1).uniformArray(20), root.child("1").uniformArray(20));
  assert.notDeepEqual(new Rng(6).child("generator").uniformArray(20), g1);
  // two streams should be uncorrelated: |r| < 4/√N (about 4 standard errors)
  const x = root.child("a").normalArray(N), y = root.child("b").normalArray(N);
  let sxy = 0;
  for (let i = 0; i < N; i++) sxy += x[i] * y[i];
  const r = sxy / N / Math.sqrt(variance(x) * variance(y));
  assert.ok(Math.abs(r) < 4 / Math.sqrt(N), `correlation ${r}`);
});

test("uniform: in [0, 1), mean 1/2 and variance 1/12 on 100k draws", () => {
  const u = new Rng(1).uniformArray(N);
  for (const v of u) assert.ok(v >= 0 && v < 1, `out of range: ${v}`);
  // standard errors: mean √(1/12/N) ≈ 0.00091, variance ≈ √(1/180/N) ≈ 0.00024; allow 5 s.e.
  assert.ok(Math.abs(mean(u) - 0.5) < 5 * Math.sqrt(1 / 12 / N), `mean ${mean(u)}`);
  assert.ok(Math.abs(variance(u) - 1 / 12) < 5 * Math.sqrt(1 / 180 / N), `var ${variance(u)}`);
  const scaled = new Rng(2).uniformArray(1000, -3, 5);
  for (const v of scaled) assert.ok(v >= -3 && v < 5);
});

test("normal: mean 0, variance 1, P(|z|<1) ≈ 0.6827 on 100k draws", () => {
  const z = new Rng(3).normalArray(N);
  // s.e. of the mean 1/√N ≈ 0.0032, of the variance √(2/N) ≈ 0.0045; allow 5 s.e.
  assert.ok(Math.abs(mean(z)) < 5 / Math.sqrt(N), `mean ${mean(z)}`);
  assert.ok(Math.abs(variance(z) - 1) < 5 * Math.sqrt(2 / N), `var ${variance(z)}`);
  const inside = Array.from(z).filter((v) => Math.abs(v) < 1).length / N;
  const p = 0.682689492137; // erf(1/√2)
  assert.ok(Math.abs(inside - p) < 5 * Math.sqrt((p * (1 - p)) / N), `P(|z|<1) ${inside}`);
});

test("int(n): every value in {0..n-1}, frequencies uniform (chi-square)", () => {
  const rng = new Rng(9), n = 7, counts = new Array(n).fill(0);
  for (let i = 0; i < 70_000; i++) {
    const k = rng.int(n);
    assert.ok(Number.isInteger(k) && k >= 0 && k < n);
    counts[k]++;
  }
  const expected = 70_000 / n;
  const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
  assert.ok(chi2 < 22.46, `chi2 ${chi2} with 6 d.o.f. (0.1% critical value 22.46)`);
  assert.throws(() => rng.int(0), RangeError);
  assert.throws(() => new Rng(-1), RangeError);
});

test("tfSeed: a non-negative integer below 2^31, reproducible per label", () => {
  const s = new Rng(11).tfSeed("noise");
  assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** 31);
  assert.equal(new Rng(11).tfSeed("noise"), s);
  assert.notEqual(new Rng(11).tfSeed("other"), s);
});
