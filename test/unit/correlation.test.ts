/** Pearson and Spearman correlation against hand-computed values and the no-ties formula. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { pearsonCorrelation, ranks, spearmanCorrelation } from "../../lib/stats/correlation";
import { Rng } from "../../lib/util/rng";

test("Pearson r by hand: (1,2,3) vs (1,3,2) gives ½; a line gives ±1", () => {
  assert.ok(Math.abs(pearsonCorrelation([1, 2, 3], [1, 3, 2]) - 0.5) < 1e-15);
  assert.ok(Math.abs(pearsonCorrelation([0, 1, 5], [3, 1, -7]) + 1) < 1e-15);
  assert.ok(Number.isNaN(pearsonCorrelation([1, 1, 1], [1, 2, 3])));
});

test("ranks share ties; Spearman equals 1 − 6Σd²/(n(n² − 1)) without ties", () => {
  assert.deepEqual(ranks([10, 20, 10, 5]), [2.5, 4, 2.5, 1]);
  const rng = new Rng(3);
  const x = Array.from(rng.normalArray(30)), y = x.map((v) => v + 2 * rng.normal());
  const rx = ranks(x), ry = ranks(y);
  const d2 = rx.reduce((a, r, i) => a + (r - ry[i]) ** 2, 0);
  assert.ok(Math.abs(spearmanCorrelation(x, y) - (1 - (6 * d2) / (30 * (30 ** 2 - 1)))) < 1e-12);
});

test("Spearman sees any monotone relation as 1, Pearson does not; unrelated series are near 0 (must fail to correlate)", () => {
  const x = Array.from({ length: 20 }, (_, i) => i + 1);
  assert.equal(spearmanCorrelation(x, x.map((v) => Math.exp(v))), 1);
  assert.ok(pearsonCorrelation(x, x.map((v) => Math.exp(v))) < 0.8);
  const rng = new Rng(11);
  const a = Array.from(rng.normalArray(400)), b = Array.from(rng.normalArray(400));
  assert.ok(Math.abs(spearmanCorrelation(a, b)) < 0.15, `ρ of independent series ${spearmanCorrelation(a, b)}`);
  assert.throws(() => spearmanCorrelation([1, 2], [1]), /x has 2 values, y has 1/);
  assert.throws(() => spearmanCorrelation([1, NaN], [1, 2]), /pair 1 is \(NaN, 2\)/);
});
