import { test } from "node:test";
import assert from "node:assert/strict";
import { modeStats, nearestCentre } from "../../lib/metrics/modes";
import { offModesShare, offSpiralShare, spiralCoverage, spiralDistances, spiralPolyline } from "../../lib/metrics/offmanifold";
import { eightGaussians } from "../../lib/toy/datasets";
import { spiral, spiralCurve, spiralRadius } from "../../lib/toy/spiral";
import { Rng } from "../../lib/util/rng";

const centres = eightGaussians.modes;
const SIGMA = 0.2;

/** Point at distance r from centre k in direction a (radians). */
function near(k: number, r: number, a: number): [number, number] {
  return [centres[k][0] + r * Math.cos(a), centres[k][1] + r * Math.sin(a)];
}

test("modes: every mode hit with high-quality samples → 8 covered, 100 % high quality", () => {
  const pts: number[] = [];
  for (let k = 0; k < 8; k++) for (let j = 0; j < 5; j++) pts.push(...near(k, 0.1 * j, j)); // radii 0 … 0.4 < 0.6
  const s = modeStats(pts, centres, SIGMA);
  assert.equal(s.samples, 40);
  assert.equal(s.modesCovered, 8);
  assert.equal(s.highQuality, 40);
  assert.equal(s.highQualityFraction, 1);
  assert.deepEqual(s.perMode, new Array(8).fill(5));
});

test("modes: modes 2 and 5 dropped, off-mode points between modes counted as low quality", () => {
  const pts: number[] = [];
  for (const k of [0, 1, 3, 4, 6, 7]) pts.push(...near(k, 0.3, 1), ...near(k, 0.59, 2)); // 12 high quality
  pts.push(0, 0); // the origin: 2 from every centre
  for (let k = 0; k < 8; k++) { // midpoints between neighbouring centres: 1.53/2 ≈ 0.77 > 0.6 from both
    const a = (2 * Math.PI * (k + 0.5)) / 8;
    pts.push(2 * Math.cos(Math.PI / 8) * Math.cos(a), 2 * Math.cos(Math.PI / 8) * Math.sin(a));
  }
  pts.push(...near(2, 0.61, 0)); // just outside 3σ of mode 2: does not cover it
  const s = modeStats(pts, centres, SIGMA);
  assert.equal(s.samples, 22);
  assert.equal(s.highQuality, 12);
  assert.equal(s.modesCovered, 6);
  assert.equal(s.perMode[2], 0);
  assert.equal(s.perMode[5], 0);
  assert.equal(s.highQualityFraction, 12 / 22);
  assert.equal(offModesShare(pts, centres, SIGMA), 10 / 22);
});

test("modes: the stricter minCount threshold and another nSigma", () => {
  const pts: number[] = [];
  for (let k = 0; k < 8; k++) for (let j = 0; j < k + 1; j++) pts.push(...near(k, 0.05, j)); // mode k gets k+1 samples
  assert.equal(modeStats(pts, centres, SIGMA, { minCount: 4 }).modesCovered, 5); // modes 3..7
  assert.equal(modeStats(pts, centres, SIGMA, { minCount: 9 }).modesCovered, 0);
  const ring = [...near(0, 0.3, 0), ...near(1, 0.5, 0)];
  const s = modeStats(ring, centres, SIGMA, { nSigma: 2 }); // radius 0.4
  assert.equal(s.highQuality, 1);
  assert.equal(s.modesCovered, 1);
});

test("modes: nearest centre by brute force agrees; real eight-Gaussian data are off with rate e^(−4.5)", () => {
  const n = 40000;
  const pts = eightGaussians.sample(n, new Rng(7));
  for (let i = 0; i < 200; i++) {
    const x = pts[2 * i], y = pts[2 * i + 1];
    const d = centres.map(([cx, cy]) => Math.hypot(x - cx, y - cy));
    const r = nearestCentre(centres, x, y);
    assert.ok(Math.abs(r.distance - Math.min(...d)) < 1e-12);
    assert.equal(r.index, d.indexOf(Math.min(...d)));
  }
  const off = offModesShare(pts, centres, SIGMA);
  const p = Math.exp(-4.5); // P(χ²₂ > 9)
  assert.ok(Math.abs(off - p) < 4 * Math.sqrt(p * (1 - p) / n), `${off} vs ${p}`);
  assert.equal(modeStats(pts, centres, SIGMA).modesCovered, 8);
});

test("spiral distance: closed-form cases (origin 0.05, beyond the outer end 0.2, points on the curve 0)", () => {
  const d = spiralDistances([0, 0, -1.15, 0, ...spiralCurve(0.3), ...spiralCurve(-0.77)]);
  assert.ok(Math.abs(d[0] - 0.05) < 1e-12, `${d[0]}`); // every curve point has norm ≥ 0.05 = |C(−1)|
  assert.ok(Math.abs(d[1] - 0.2) < 1e-12, `${d[1]}`); // norm ≤ 0.95 = |C(1)|, C(1) = (−0.95, 0)
  assert.ok(d[2] < 1e-6 && d[3] < 1e-6, `${d[2]} ${d[3]}`);
});

test("spiral distance: agrees with brute-force minimisation over a 400,000-point parameter grid", () => {
  const rng = new Rng(8);
  const pts: number[] = [];
  for (let i = 0; i < 40; i++) pts.push(2 * rng.uniform() - 1, 2 * rng.uniform() - 1);
  const d = spiralPolyline().distances(pts);
  const M = 400000;
  const cx = new Float64Array(M + 1), cy = new Float64Array(M + 1);
  for (let j = 0; j <= M; j++) [cx[j], cy[j]] = spiralCurve(-1 + (2 * j) / M);
  for (let i = 0; i < 40; i++) {
    let best = Infinity;
    for (let j = 0; j <= M; j++) best = Math.min(best, Math.hypot(pts[2 * i] - cx[j], pts[2 * i + 1] - cy[j]));
    assert.ok(Math.abs(d[i] - best) < 3e-4, `point ${i}: ${d[i]} vs ${best}`);
  }
});

test("off-spiral share: real samples 0 %, points midway between turns 100 %, a constructed mix exact", () => {
  assert.equal(offSpiralShare(spiral.sample(20000, new Rng(9))), 0);
  // Along angle 0 the turns sit at t = −2/3, 0, 2/3 (radii 0.2, 0.5, 0.8): radii 0.35 and 0.65 are midway.
  // Along angle π: t = −1, −1/3, 1/3, 1 (radii 0.05, 0.35, 0.65, 0.95): radius 0.5 is midway.
  // Along angle π/2: t = −1/2, 1/6, 5/6 (radii 0.275, 0.575, 0.875): radius 0.5 is 0.075 inside 0.575.
  assert.ok(Math.abs(spiralRadius(1 / 6) - 0.575) < 1e-12 && Math.abs(spiralRadius(-1 / 3) - 0.35) < 1e-12);
  const between = [0.35, 0, 0.65, 0, -0.5, 0, 0, 0.5];
  assert.equal(offSpiralShare([-0.35, 0, -0.65, 0]), 0); // on the curve
  assert.equal(offSpiralShare(between), 1);
  const mix = [...spiralCurve(0.1), ...between, 1.04 * spiralCurve(0.5)[0], 1.04 * spiralCurve(0.5)[1]];
  // C(0.5) has radius 0.725: scaled by 1.04 it moves 0.029 radially, inside the band.
  assert.equal(offSpiralShare(mix), 4 / 6);
});

test("spiral coverage: real data fill every stretch; points on two separate stretches leave exactly the gaps between", () => {
  assert.deepEqual(spiralCoverage(spiral.sample(5000, new Rng(10))), { emptyBins: 0, gaps: 0 });
  // 10 bins of width 0.2 in t. Points on t in bins 0–2 and 6: empty 3–5 and 7–9 → two gaps, 6 empty bins.
  const pts: number[] = [];
  for (const t of [-0.95, -0.75, -0.5, 0.25, 0.3]) pts.push(...spiralCurve(t));
  pts.push(0.35, 0); // off the curve: ignored
  assert.deepEqual(spiralCoverage(pts, 10), { emptyBins: 6, gaps: 2 });
  assert.deepEqual(spiralCoverage([], 10), { emptyBins: 10, gaps: 1 });
});
