import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../lib/util/rng";
import { eightGaussians, gaussian, toyDataset, TOY_NAMES, wgan25Gaussians, wgan8Gaussians } from "../../lib/toy/datasets";
import { spiral, spiralCurve, spiralLogDensity, spiralRadius } from "../../lib/toy/spiral";
import { swissroll } from "../../lib/toy/swissroll";
import type { ToyDataset } from "../../lib/toy/types";

const N = 40000;

function moments(pts: Float64Array) {
  const n = pts.length / 2;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += pts[2 * i]; my += pts[2 * i + 1]; }
  mx /= n; my /= n;
  let vxx = 0, vyy = 0, vxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = pts[2 * i] - mx, dy = pts[2 * i + 1] - my;
    vxx += dx * dx; vyy += dy * dy; vxy += dx * dy;
  }
  return { mx, my, vxx: vxx / n, vyy: vyy / n, vxy: vxy / n };
}

/** Midpoint-rule integral of exp(logDensity) over [lo, hi]². */
function integrate(d: ToyDataset, lo: number, hi: number, cells: number, box?: [number, number, number, number]): number {
  const h = (hi - lo) / cells;
  let s = 0;
  for (let i = 0; i < cells; i++) for (let j = 0; j < cells; j++) {
    const x = lo + (i + 0.5) * h, y = lo + (j + 0.5) * h;
    if (box && !(x >= box[0] && x <= box[1] && y >= box[2] && y <= box[3])) continue;
    s += Math.exp(d.logDensity!(x, y)) * h * h;
  }
  return s;
}

function shareInBox(pts: Float64Array, box: [number, number, number, number]): number {
  let c = 0;
  const n = pts.length / 2;
  for (let i = 0; i < n; i++) {
    const x = pts[2 * i], y = pts[2 * i + 1];
    if (x >= box[0] && x <= box[1] && y >= box[2] && y <= box[3]) c++;
  }
  return c / n;
}

test("2-D Gaussian: sample moments match N(0, I₂)", () => {
  const m = moments(gaussian.sample(N, new Rng(1)));
  const se = 4 / Math.sqrt(N); // ≈ 4 standard errors of a mean of unit variance
  for (const v of [m.mx, m.my, m.vxy]) assert.ok(Math.abs(v) < se, `${v}`);
  for (const v of [m.vxx, m.vyy]) assert.ok(Math.abs(v - 1) < 4 * Math.SQRT2 / Math.sqrt(N), `${v}`);
});

test("eight Gaussians: centres on the radius-2 circle at angles 2πk/8, moments 0 and (0.04 + 2)·I", () => {
  assert.equal(eightGaussians.modes.length, 8);
  eightGaussians.modes.forEach(([x, y], k) => {
    assert.ok(Math.abs(Math.hypot(x, y) - 2) < 1e-12);
    const a = Math.atan2(y, x), want = (2 * Math.PI * k) / 8;
    assert.ok(Math.abs(Math.cos(a) - Math.cos(want)) < 1e-12 && Math.abs(Math.sin(a) - Math.sin(want)) < 1e-12);
  });
  assert.equal(eightGaussians.modeStd, 0.2);
  const m = moments(eightGaussians.sample(N, new Rng(2)));
  // Var of one coordinate: σ² + E[(2 cos(2πk/8))²] = 0.04 + 4·½ = 2.04; its sample variance has sd ≈ 2.04·√(2/N)·(heavier for a mixture)
  for (const v of [m.vxx, m.vyy]) assert.ok(Math.abs(v - 2.04) < 0.05, `${v}`);
  for (const v of [m.mx, m.my, m.vxy]) assert.ok(Math.abs(v) < 0.05, `${v}`);
});

test("mixture densities integrate to 1 and match the share of samples in a box", () => {
  const cases: [ToyDataset, number, [number, number, number, number]][] = [
    [gaussian, 8, [0, 1, -0.5, 2]],
    [eightGaussians, 4, [1, 3, -1, 1]],
    [wgan8Gaussians, 2, [0.9, 2, -0.5, 0.5]],
    [wgan25Gaussians, 2, [-0.2, 0.8, -0.2, 0.8]],
  ];
  for (const [d, half, box] of cases) {
    const total = integrate(d, -half, half, 800);
    assert.ok(Math.abs(total - 1) < 2e-3, `${d.name}: ∫p = ${total}`);
    const p = integrate(d, -half, half, 800, box);
    const share = shareInBox(d.sample(N, new Rng(3)), box);
    assert.ok(Math.abs(share - p) < 4 * Math.sqrt(p * (1 - p) / N) + 2e-3, `${d.name}: box share ${share} vs ∫ ${p}`);
  }
});

test("WGAN-GP centres: 2·c/1.414 and 2·(i, j)/2.828", () => {
  const radii = wgan8Gaussians.modes.map(([x, y]) => Math.hypot(x, y));
  for (const r of radii) assert.ok(Math.abs(r - 2 / 1.414) < 1e-12);
  assert.equal(wgan25Gaussians.modes.length, 25);
  const xs = new Set(wgan25Gaussians.modes.map(([x]) => x.toFixed(12)));
  assert.deepEqual([...xs].map(Number).sort((a, b) => a - b), [-2, -1, 0, 1, 2].map((i) => Number(((2 * i) / 2.828).toFixed(12))));
});

test("spiral: every sample lies in the band around the curve; density integrates to 1 and matches box shares", () => {
  const pts = spiral.sample(N, new Rng(4));
  for (let i = 0; i < N; i++) assert.ok(Number.isFinite(spiralLogDensity(pts[2 * i], pts[2 * i + 1])), `sample ${i} off the band`);
  // Points between turns (radius midway between neighbouring turns along angle 0) have density 0.
  assert.equal(spiralLogDensity(0.35, 0), -Infinity);
  assert.equal(spiralLogDensity(0.65, 0), -Infinity);
  const total = integrate(spiral, -1, 1, 2000);
  assert.ok(Math.abs(total - 1) < 0.01, `∫p = ${total}`);
  for (const box of [[0, 1, 0, 1], [-1, 0, -0.3, 0.3]] as [number, number, number, number][]) {
    const p = integrate(spiral, -1, 1, 2000, box);
    const share = shareInBox(pts, box);
    assert.ok(Math.abs(share - p) < 4 * Math.sqrt(p * (1 - p) / N) + 0.01, `box ${box}: ${share} vs ${p}`);
  }
  // Curve end points: radius 0.05 at angle −3π, 0.95 at 3π.
  const [x0, y0] = spiralCurve(-1), [x1, y1] = spiralCurve(1);
  assert.ok(Math.abs(x0 + 0.05) < 1e-12 && Math.abs(y0) < 1e-12);
  assert.ok(Math.abs(x1 + 0.95) < 1e-12 && Math.abs(y1) < 1e-12);
  assert.ok(Math.abs(spiralRadius(0) - 0.5) < 1e-15);
});

test("swiss roll: radius·7.5 ≈ t uniform on [1.5π, 4.5π] (mean 3π), within the noise", () => {
  const pts = swissroll.sample(N, new Rng(5));
  let sum = 0, lo = Infinity, hi = -Infinity;
  for (let i = 0; i < N; i++) {
    const r = 7.5 * Math.hypot(pts[2 * i], pts[2 * i + 1]);
    sum += r; lo = Math.min(lo, r); hi = Math.max(hi, r);
  }
  // Radial noise 0.25 (sd) moves r by at most ~5 sd = 1.25 in 40,000 draws.
  assert.ok(lo > 1.5 * Math.PI - 1.25 && hi < 4.5 * Math.PI + 1.25, `${lo} ${hi}`);
  // E[r] = E[t] + O(noise²/t) = 3π; sd of t is 3π/√12 ≈ 2.7.
  assert.ok(Math.abs(sum / N - 3 * Math.PI) < 0.05, `${sum / N}`);
});

test("samplers are deterministic per seed and differ across seeds; lookup by name", () => {
  for (const name of TOY_NAMES) {
    const d = toyDataset(name);
    assert.deepEqual(d.sample(50, new Rng(9)), d.sample(50, new Rng(9)));
    assert.notDeepEqual(d.sample(50, new Rng(9)), d.sample(50, new Rng(10)));
  }
  assert.throws(() => toyDataset("nine-gaussians"), /nine-gaussians.*allowed: gaussian, eight-gaussians, spiral/);
});
