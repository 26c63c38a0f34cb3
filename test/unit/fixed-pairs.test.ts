/** The fixed samplers of the divergence experiments against their definitions (seeded, n large). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { oneHotCategorical, parallelLine, shiftedNormal, softmaxNoise } from "../../lib/toy/fixed-pairs";
import { Rng } from "../../lib/util/rng";

test("shiftedNormal: mean shift·e₁ and std σ per coordinate (within 5 standard errors)", () => {
  const n = 40_000;
  const x = shiftedNormal(2, 0.5, 3).sample(n, new Rng(1));
  assert.equal(x.length, 3 * n);
  for (let j = 0; j < 3; j++) {
    const col = Array.from({ length: n }, (_, i) => x[3 * i + j]);
    const m = col.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(col.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
    assert.ok(Math.abs(m - (j === 0 ? 2 : 0)) < (5 * 0.5) / Math.sqrt(n), `mean ${j}: ${m}`);
    assert.ok(Math.abs(sd - 0.5) < 0.01, `sd ${j}: ${sd}`);
  }
  assert.equal(shiftedNormal(1, 1).name, "normal(1,1)");
  assert.equal(shiftedNormal(1, 1, 2).name, "normal2(1,1)");
  assert.throws(() => shiftedNormal(0, 0), /std > 0/);
});

test("parallelLine: x = θ exactly, y uniform on [0, 1)", () => {
  const x = parallelLine(0.25).sample(10_000, new Rng(2));
  const ys = Array.from({ length: 10_000 }, (_, i) => x[2 * i + 1]);
  assert.ok(Array.from({ length: 10_000 }, (_, i) => x[2 * i]).every((v) => v === 0.25));
  assert.ok(Math.min(...ys) >= 0 && Math.max(...ys) < 1);
  assert.ok(Math.abs(ys.reduce((a, b) => a + b, 0) / 10_000 - 0.5) < 0.015);
});

test("oneHotCategorical: one-hot rows with class frequencies π (within 5 standard errors); a bad π is refused", () => {
  const pi = [0.5, 0.3, 0.15, 0.05];
  const n = 20_000;
  const x = oneHotCategorical(pi).sample(n, new Rng(3));
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const row = Array.from(x.subarray(4 * i, 4 * i + 4));
    assert.equal(row.reduce((a, b) => a + b, 0), 1);
    assert.ok(row.every((v) => v === 0 || v === 1));
    counts[row.indexOf(1)]++;
  }
  pi.forEach((p, k) => assert.ok(Math.abs(counts[k] / n - p) < 5 * Math.sqrt((p * (1 - p)) / n), `class ${k}: ${counts[k] / n}`));
  assert.throws(() => oneHotCategorical([0.5, 0.6]), /sum to 1/);
});

test("softmaxNoise: rows on the simplex, never a vertex; lower temperature moves them towards the vertices", () => {
  const mean = (tau: number) => {
    const x = softmaxNoise([0, 0, 0, 0, 0], tau).sample(5_000, new Rng(4));
    let top = 0;
    for (let i = 0; i < 5_000; i++) {
      const row = Array.from(x.subarray(5 * i, 5 * i + 5));
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12);
      assert.ok(Math.max(...row) < 1, `a vertex at τ = ${tau}`);
      top += Math.max(...row) / 5_000;
    }
    return top;
  };
  // (much colder and float64 rounds the largest entry to exactly 1 whenever the top logit leads by > 37τ)
  const [hot, warm, cold] = [2, 0.5, 0.25].map(mean);
  assert.ok(hot < warm && warm < cold && cold > 0.75, `${hot} ${warm} ${cold}`);
  assert.throws(() => softmaxNoise([0, 0], 0), /temperature must be > 0/);
});
