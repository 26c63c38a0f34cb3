import { test } from "node:test";
import assert from "node:assert/strict";
import { pairStatistic, priorNorms, samplePrior, samplePriorBatch } from "../../lib/geometry/samplers";
import { Rng } from "../../lib/util/rng";

const close = (a: number, b: number, tol: number, what = "") => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tol ${tol})`);

function moments(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, variance: xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) };
}

test("samplers: shapes, seeded determinism, the uniform prior stays in [−1, 1)", () => {
  const batch = samplePriorBatch(new Rng(1), "uniform", 50, 100);
  assert.equal(batch.length, 50);
  for (const z of batch) {
    assert.equal(z.length, 100);
    for (const x of z) assert.ok(x >= -1 && x < 1);
  }
  assert.deepEqual(samplePriorBatch(new Rng(9), "normal", 5, 10), samplePriorBatch(new Rng(9), "normal", 5, 10));
  assert.notDeepEqual(samplePriorBatch(new Rng(9), "normal", 5, 10), samplePriorBatch(new Rng(10), "normal", 5, 10));
  assert.throws(() => samplePrior(new Rng(1), "normal", 0), /latent dimension/);
  assert.throws(() => samplePrior(new Rng(1), "cauchy" as never, 3), /unknown prior/);
});

test("coordinates: N(0, 1) and U[−1, 1] moments (mean 0, variance 1 and 1/3; E x⁴ = 3 and 1/5)", () => {
  for (const [prior, variance, fourth] of [["normal", 1, 3], ["uniform", 1 / 3, 1 / 5]] as const) {
    const xs = samplePriorBatch(new Rng(2), prior, 2000, 50).flatMap((z) => Array.from(z));
    const n = xs.length;
    const m = moments(xs);
    close(m.mean, 0, 4 * Math.sqrt(variance / n), `${prior} mean`);
    close(m.variance, variance, 4 * Math.sqrt((fourth - variance ** 2) / n), `${prior} variance`);
  }
});

test("priorNorms equals the norms of the same seeded batch (second implementation)", () => {
  for (const prior of ["normal", "uniform"] as const) {
    const norms = priorNorms(new Rng(3), prior, 200, 100);
    const batch = samplePriorBatch(new Rng(3), prior, 200, 100);
    batch.forEach((z, i) => close(norms[i], Math.hypot(...z), 1e-12, "norm"));
  }
});

test("pairStatistic draws p0 then p1 for each pair from one stream", () => {
  const stats = pairStatistic(new Rng(4), "normal", 30, 8, (a, b) => a[0] - b[7]);
  const rng = new Rng(4);
  for (let i = 0; i < 30; i++) {
    const a = rng.normalArray(8), b = rng.normalArray(8);
    assert.equal(stats[i], a[0] - b[7]);
  }
});
