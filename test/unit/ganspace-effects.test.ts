/**
 * lib/ganspace/effects against hand-computed values and a Monte Carlo oracle: the typical
 * differences are E|f(a) − f(b)| of two independent data sprites (checked on 200,000 pairs of
 * true factors); factor changes of readings that differ by known amounts; per-start effects per
 * σ; purity; tolerated steps on hand-made error grids; Spearman's correlation against a
 * hand-computed case with ties; the image change per σ.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { sampleSpriteFactors, SPRITE_SYMMETRY } from "../../lib/data/sprites";
import type { FactorEstimates } from "../../lib/eval/factor-reader";
import { Rng } from "../../lib/util/rng";
import { editEffects, factorChange, imageChange, meanEffect, purity, spearman, startSpread, toleratedSteps, TYPICAL_DIFFERENCE } from "../../lib/ganspace/effects";

/** Readings of sprites with these factors, as a perfect reader would give them. */
function perfectReadings(fs: { shape: number; scale: number; x: number; y: number; rotation: number }[]): FactorEstimates {
  const n = fs.length;
  const probs = new Float64Array(n * 4);
  fs.forEach((f, i) => (probs[i * 4 + f.shape] = 1));
  return {
    shapeProbabilities: probs,
    shape: Int32Array.from(fs, (f) => f.shape),
    confidence: new Float64Array(n).fill(1),
    scale: Float64Array.from(fs, (f) => f.scale),
    x: Float64Array.from(fs, (f) => f.x),
    y: Float64Array.from(fs, (f) => f.y),
    rotation: Float64Array.from(fs, (f) => f.rotation),
    rotationVector: Float64Array.from({ length: 2 * n }, (_, p) => {
      const f = fs[p >> 1];
      const a = SPRITE_SYMMETRY[f.shape] * f.rotation;
      return p % 2 === 0 ? Math.cos(a) : Math.sin(a);
    }),
  };
}

test("typical differences = mean factor change between two random data sprites (Monte Carlo)", () => {
  const n = 200_000;
  const fs = sampleSpriteFactors(2 * n, new Rng(1));
  const est = perfectReadings(fs);
  const sums = [0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) factorChange(est, 2 * i, 2 * i + 1).magnitude.forEach((v, f) => (sums[f] += v / n));
  // each normalised mean should be 1 (the rotation's closed form 4/π holds per shape, whatever k)
  sums.forEach((v, f) => assert.ok(Math.abs(v - 1) < 0.01, `factor ${f}: mean normalised change ${v}`));
});

test("factor changes and effects per σ of known readings", () => {
  const base = { shape: 0, scale: 6, x: 10, y: 12, rotation: 0.1 };
  const est = perfectReadings([
    base, { ...base, x: 14 }, // start 0: x moves by 4 px over 2σ
    base, { ...base, shape: 2, scale: 7 }, // start 1: shape changes, scale +1 px
  ]);
  const c = factorChange(est, 0, 1);
  assert.deepEqual(c.magnitude.map((v) => +v.toFixed(12)), [0, 0, 1, 0, 0]);
  assert.equal(c.signed[2], 1);
  const e = editEffects(est, [-1, 1], 0, 1);
  assert.equal(e.starts, 2);
  assert.ok(Math.abs(e.magnitude[2] - 0.5) < 1e-12, "x: 1 typical difference over 2σ = 0.5 per σ");
  assert.ok(Math.abs(e.magnitude[5 + 0] - 1 / (2 * 0.75)) < 1e-12, "shape: TV 1 over 2σ");
  assert.ok(Math.abs(e.signed[5 + 1] - (1 / (4 / 3)) / 2) < 1e-12, "scale +1 px over 2σ");
  const rotation = e.magnitude[5 + 4];
  const expected = Math.hypot(Math.cos(3 * 0.1) - Math.cos(4 * 0.1), Math.sin(3 * 0.1) - Math.sin(4 * 0.1)) / (4 / Math.PI) / 2;
  assert.ok(Math.abs(rotation - expected) < 1e-12, "the rotation vector uses each shape's own k");
  const m = meanEffect(e);
  assert.ok(Math.abs(m[2] - 0.25) < 1e-12);
  assert.throws(() => editEffects(est, [1, 1], 0, 1), /same x/);
  assert.equal(TYPICAL_DIFFERENCE.x, 4);
});

test("purity, tolerated steps, start spread, Spearman, image change", () => {
  assert.deepEqual(purity([0, 3, 1, 0, 0]), { purity: 0.75, main: 1 });
  assert.equal(purity([1, 1, 1, 1, 1]).purity, 0.2);
  assert.ok(Number.isNaN(purity([0, 0, 0, 0, 0]).purity));

  const xs = [-3, -2, -1, 0, 1, 2, 3];
  const errors = [
    0.9, 0.1, 0.1, 0, 0.1, 0.1, 0.1, // fails at −3 → 2
    0.1, 0.1, 0.1, 0, 0.1, 0.1, 0.1, // never fails → 3 (censored)
    0.1, 0.1, 0.1, 0, 0.5, 0.1, 0.1, // fails at +1 → 0
  ];
  assert.deepEqual(toleratedSteps(errors, xs, 0.2), [2, 3, 0]);

  const s = startSpread([1, 2, 3, -2]);
  assert.equal(s.mean, 1);
  assert.ok(Math.abs(s.sd - Math.sqrt(14 / 3)) < 1e-12);
  assert.equal(s.signAgreement, 0.75);

  assert.equal(spearman([1, 2, 3, 4], [10, 20, 30, 40]), 1);
  assert.equal(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
  // ranks of [1, 2, 2, 3] are [1, 2.5, 2.5, 4]; of [1, 3, 2, 4] [1, 3, 2, 4]:
  // deviations [−1.5, 0, 0, 1.5] and [−1.5, 0.5, −0.5, 1.5] → 4.5 / √(4.5 · 5) = 0.9487
  assert.ok(Math.abs(spearman([1, 2, 2, 3], [1, 3, 2, 4]) - 4.5 / Math.sqrt(4.5 * 5)) < 1e-12);

  const images = new Float32Array(2 * 784);
  images.fill(0.5, 784); // step 1 of start 0: every pixel +0.5
  assert.deepEqual(imageChange(images, [0, 2], 0, 1), [0.25]);
});
