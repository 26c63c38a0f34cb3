/**
 * lib/metrics/folds.ts and lib/metrics/mode-shape.ts against closed forms: signed cell areas of
 * affine maps (det·h²), fold shares of maps that turn a known part of the square over, and
 * eigenvalue ratios of constructed point sets.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cellAreas, foldShare, latentGridNodes } from "../../lib/metrics/folds";
import { eigenRatio2, modeIsotropy } from "../../lib/metrics/mode-shape";
import { eightGaussians } from "../../lib/toy/datasets";
import { Rng } from "../../lib/util/rng";

/** A batch function from a point map. */
const batch = (f: (u: number, v: number) => [number, number]) => (z: ArrayLike<number>, n: number) => {
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) [out[2 * i], out[2 * i + 1]] = f(z[2 * i], z[2 * i + 1]);
  return out;
};

test("cell areas of an affine map are det·h², the sign following orientation", () => {
  const m = 7, h = 2 / m;
  const nodes = latentGridNodes([-1, 1], m);
  assert.equal(nodes.length, 2 * 64);
  assert.deepEqual([nodes[0], nodes[1], nodes[2], nodes[2 * 8 + 1]], [-1, -1, -1 + h, -1 + h].map((v) => Math.fround(v)));
  const areas = cellAreas(batch((u, v) => [2 * u + v, 0.5 * u - 3 * v])(nodes, 64), m); // det = −6.5
  for (const a of areas) assert.ok(Math.abs(a - -6.5 * h * h) < 1e-5, `${a}`);
  assert.throws(() => cellAreas(new Float64Array(10), m), /10 values for 8² nodes/);
});

test("fold share: 0 for orientation-preserving or reversing maps, the folded part otherwise", () => {
  const opts = { range: [0, 1] as [number, number], cells: 50 };
  assert.equal(foldShare(batch((u, v) => [Math.exp(u), v + u * u]), opts).share, 0);
  assert.equal(foldShare(batch((u, v) => [-u, v]), opts).share, 0);
  // u ↦ (u − 0.3)²: the cells left of u = 0.3 (15 of 50 columns) are turned over
  const r = foldShare(batch((u, v) => [(u - 0.3) ** 2, v]), opts);
  assert.ok(Math.abs(r.share - 0.3) < 1e-12, `${r.share}`);
  assert.deepEqual([r.positive, r.negative, r.flat], [35 * 50, 15 * 50, 0]);
  assert.ok(Math.abs(foldShare(batch((u, v) => [Math.abs(u - 0.5), v]), opts).share - 0.5) < 1e-12);
  // weighted by a density e^{−10u}: share = ∫₀^0.3 e^{−10u} / ∫₀¹ e^{−10u} over the midpoint sums of the cells
  const w = (u: number) => Math.exp(-10 * u);
  let left = 0, all = 0;
  for (let c = 0; c < 50; c++) (all += w((c + 0.5) / 50)), c < 15 && (left += w((c + 0.5) / 50));
  const weighted = foldShare(batch((u, v) => [(u - 0.3) ** 2, v]), { ...opts, density: (u) => w(u) }).share;
  assert.ok(Math.abs(weighted - Math.min(left, all - left) / all) < 1e-12, `${weighted}`);
  assert.throws(() => latentGridNodes([1, 0], 4), /lo < hi/);
});

test("eigenvalue ratio of 2×2 covariances in closed form", () => {
  assert.ok(Math.abs(eigenRatio2(4, 0, 1) - 0.25) < 1e-15);
  assert.ok(Math.abs(eigenRatio2(2, 1, 2) - 1 / 3) < 1e-15); // eigenvalues 3 and 1
  assert.equal(eigenRatio2(1, 1, 1), 0); // rank one
  assert.equal(eigenRatio2(0, 0, 0), 1);
});

test("mode isotropy: b²/a² for a cross of half-axes a, b; round for the data, near 0 for strokes; sparse modes left out", () => {
  const a = 0.4, b = 0.2;
  const pts: number[] = [];
  for (const [cx, cy] of eightGaussians.modes.slice(0, 3)) {
    for (let r = 0; r < 10; r++) pts.push(cx + a, cy, cx - a, cy, cx, cy + b, cx, cy - b);
  }
  const iso = modeIsotropy(pts, eightGaussians.modes, 0.2);
  assert.equal(iso.modes, 3);
  for (const r of iso.perMode.slice(0, 3)) assert.ok(Math.abs(r - (b * b) / (a * a)) < 1e-9, `${r}`);
  assert.ok(iso.perMode.slice(3).every(Number.isNaN));
  const real = modeIsotropy(eightGaussians.sample(5000, new Rng(4)), eightGaussians.modes, 0.2);
  assert.ok(real.mean > 0.85 && real.modes === 8, `data: ${real.mean}`);
  const rng = new Rng(5); // strokes of length 1 along the tangent at each mode
  const strokes = new Float64Array(4000);
  for (let i = 0; i < 2000; i++) {
    const [cx, cy] = eightGaussians.modes[i % 8], s = rng.uniform() - 0.5;
    strokes[2 * i] = cx - (s * cy) / 2;
    strokes[2 * i + 1] = cy + (s * cx) / 2;
  }
  assert.ok(modeIsotropy(strokes, eightGaussians.modes, 0.2).mean < 0.01);
  assert.throws(() => modeIsotropy(pts, eightGaussians.modes, 0.2, { minCount: 1 }), /minCount must be ≥ 2/);
});
