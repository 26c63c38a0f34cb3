import { test } from "node:test";
import assert from "node:assert/strict";
import { heatmapGrid, latentCurve, noiseGridImage } from "../../lib/metrics/manifold";

/** An affine "generator" from latentDim to 2-D: x = A z + b with A = [[1, 2, 0.5…], [−1, 0.5, 0…]]. */
function affine(latentDim: number) {
  const a0 = Array.from({ length: latentDim }, (_, j) => (j === 0 ? 1 : j === 1 ? 2 : 0.5));
  const a1 = Array.from({ length: latentDim }, (_, j) => (j === 0 ? -1 : j === 1 ? 0.5 : 0));
  const apply = (z: ArrayLike<number>) => {
    let x = 3, y = -1;
    for (let j = 0; j < latentDim; j++) { x += a0[j] * z[j]; y += a1[j] * z[j]; }
    return [x, y];
  };
  const gen = (z: Float32Array, n: number) => {
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) out.set(apply(z.subarray(i * latentDim, (i + 1) * latentDim)), 2 * i);
    return out;
  };
  return { apply, gen };
}

test("noise grid image: lines of an affine generator are the affine images of the grid lines", () => {
  const { apply, gen } = affine(3);
  const g = noiseGridImage(gen, { latentDim: 3, range: [-2, 2], lines: 5, pointsPerLine: 9, base: [0, 0, 0.7] });
  assert.equal(g.first.length, 5);
  assert.equal(g.second.length, 5);
  for (let l = 0; l < 5; l++) for (let p = 0; p < 9; p++) {
    const zl = -2 + l, zp = -2 + 0.5 * p;
    const want1 = apply([zl, zp, 0.7]); // z₀ fixed along a first-family line
    const want2 = apply([zp, zl, 0.7]);
    assert.ok(Math.abs(g.first[l].x[p] - want1[0]) < 1e-5 && Math.abs(g.first[l].y[p] - want1[1]) < 1e-5);
    assert.ok(Math.abs(g.second[l].x[p] - want2[0]) < 1e-5 && Math.abs(g.second[l].y[p] - want2[1]) < 1e-5);
  }
  assert.throws(() => noiseGridImage(gen, { latentDim: 1, range: [0, 1] }), /latentDim 1/);
});

test("latent curve: z runs over the range and each point is G(z)", () => {
  const { apply, gen } = affine(1);
  const c = latentCurve(gen, [-3, 3], 61);
  assert.equal(c.z.length, 61);
  assert.equal(c.z[0], -3);
  assert.equal(c.z[60], 3);
  for (let i = 0; i < 61; i++) {
    const [x, y] = apply([c.z[i]]);
    assert.ok(Math.abs(c.x[i] - x) < 1e-12 && Math.abs(c.y[i] - y) < 1e-12);
  }
});

test("heat map: z[r][c] is the function at (x[c], y[r]), cell centres over the ranges", () => {
  const f = (x: number, y: number) => Math.tanh(x - 2 * y);
  const disc = (pts: Float32Array, n: number) => Array.from({ length: n }, (_, i) => f(pts[2 * i], pts[2 * i + 1]));
  const h = heatmapGrid(disc, [-3, 3], [-1, 1], 6, 4);
  assert.deepEqual(h.x, [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5]);
  assert.deepEqual(h.y, [-0.75, -0.25, 0.25, 0.75]);
  assert.equal(h.z.length, 4);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 6; c++) assert.ok(Math.abs(h.z[r][c] - f(h.x[c], h.y[r])) < 1e-6);
});
