/**
 * The walk helpers of notebook 01b (lib/walks/paths, image-measures, linearity) against
 * independent oracles: interpolation rows against the formulas written out, slerp against a
 * plane rotation, ray norms and directions, RMS contrast against E[x²] − E[x]², R² against the
 * squared Pearson correlation, and the first layer's homogeneity error against its closed form
 * |1 − α|·‖b‖ / (α‖zW + b‖).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { lerp } from "../../lib/geometry/vectors";
import { slerp } from "../../lib/geometry/slerp";
import { flattenPoints, interleaveWalks, interpolationAt, interpolationRows, radialRay, radiusGrid, row } from "../../lib/walks/paths";
import { imageDistances, pixelStd, ratios, saturatedShare, stepDistances } from "../../lib/walks/image-measures";
import { homogeneityErrors, isMonotone, linearFit, r2OnInterval, rayCurve } from "../../lib/walks/linearity";
import { Rng } from "../../lib/util/rng";

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
const dotT = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i], 0);
const normT = (a: ArrayLike<number>) => Math.sqrt(dotT(a, a));

test("interpolation rows: pair w's frame i is (1 − t)p₀ + t·p₁ (lerp) and a rotation at constant norm (slerp, equal norms), t = i/(frames − 1)", () => {
  const rng = new Rng(3);
  const d = 7, frames = 5;
  const pairs = [0, 1, 2].map(() => [rng.normalArray(d), rng.normalArray(d)] as const);
  const rows = interpolationRows(pairs, frames, lerp);
  assert.equal(rows.length, 3 * frames * d);
  pairs.forEach(([p0, p1], w) => {
    for (let i = 0; i < frames; i++) {
      const t = i / (frames - 1);
      for (let j = 0; j < d; j++) close(rows[(w * frames + i) * d + j], (1 - t) * p0[j] + t * p1[j], 1e-12, `lerp w${w} i${i} j${j}`);
    }
  });
  // slerp between two vectors of norm 3: every frame has norm 3 and the angle to p₀ grows as tΩ
  const a = rng.normalArray(d), b = rng.normalArray(d);
  const p0 = Float64Array.from(a, (v) => (3 * v) / normT(a)), p1 = Float64Array.from(b, (v) => (3 * v) / normT(b));
  const omega = Math.acos(dotT(p0, p1) / 9);
  const s = interpolationRows([[p0, p1]], frames, slerp);
  for (let i = 0; i < frames; i++) {
    const z = row(s, d, i);
    close(normT(z), 3, 1e-12, `slerp norm at frame ${i}`);
    close(Math.acos(Math.min(1, dotT(z, p0) / 9)), (i / (frames - 1)) * omega, 1e-7, `slerp angle at frame ${i}`);
  }
  const mid = interpolationAt(pairs, 0.5, lerp);
  pairs.forEach(([q0, q1], w) => { for (let j = 0; j < d; j++) close(mid[w * d + j], (q0[j] + q1[j]) / 2, 1e-12, "midpoint"); });
});

test("radial rays: row i has norm rᵢ and the direction of u; the radius grid is inclusive; bad inputs are refused", () => {
  const u = new Rng(5).normalArray(10);
  const radii = radiusGrid(0, 20, 0.25);
  assert.equal(radii.length, 81);
  assert.equal(radii[80], 20);
  const ray = radialRay(u, radii);
  radii.forEach((r, i) => {
    const z = row(ray, 10, i);
    close(normT(z), r, 1e-12, `‖z(${r})‖`);
    if (r > 0) close(dotT(z, u) / (r * normT(u)), 1, 1e-12, `direction at ${r}`);
  });
  assert.throws(() => radialRay(new Float64Array(4), [1]), /direction u has norm 0/);
  assert.throws(() => radiusGrid(5, 1, 1), /need step > 0 and hi ≥ lo, got lo 5, hi 1, step 1/);
  assert.throws(() => flattenPoints([[1, 2], [3]]), /point 1 has 1 coordinates, point 0 has 2/);
});

test("interleaveWalks puts walk w of a above walk w of b", () => {
  const a = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]); // 2 walks × 2 frames × width 2
  const b = Float64Array.from([-1, -2, -3, -4, -5, -6, -7, -8]);
  assert.deepEqual(Array.from(interleaveWalks(a, b, 2, 2)), [1, 2, 3, 4, -1, -2, -3, -4, 5, 6, 7, 8, -5, -6, -7, -8]);
  assert.throws(() => interleaveWalks(a, b.subarray(1), 2, 2), /do not both form 2 walks of 2 frames/);
});

test("RMS contrast: √(E[x²] − E[x]²) per image; a half-white, half-black image has contrast 1, a flat one 0", () => {
  const rng = new Rng(8);
  const pixels = 784;
  const images = Float64Array.from(rng.uniformArray(3 * pixels, -1, 1));
  images.fill(0.3, pixels, 2 * pixels); // image 1: flat
  for (let j = 0; j < pixels; j++) images[2 * pixels + j] = j % 2 === 0 ? 1 : -1; // image 2: ±1
  const s = pixelStd(images, pixels);
  const xs = Array.from(images.subarray(0, pixels));
  const m = xs.reduce((a, v) => a + v, 0) / pixels;
  close(s[0], Math.sqrt(xs.reduce((a, v) => a + v * v, 0) / pixels - m * m), 1e-12, "image 0");
  close(s[1], 0, 1e-12, "flat image");
  close(s[2], 1, 1e-12, "±1 image");
  assert.throws(() => pixelStd(images.subarray(1), pixels), /do not form images of 784 pixels/);
});

test("saturated share counts |x| ≥ level on each side; distances are RMS pixel differences", () => {
  const img = Float64Array.from([1, 0.995, 0.98, 0, -0.98, -0.99, -1, 0.5]); // one image of 8 pixels
  assert.equal(saturatedShare(img, 8)[0], 4 / 8); // 1, 0.995, −0.99, −1
  assert.equal(saturatedShare(img, 8, 0.99, "high")[0], 2 / 8);
  assert.equal(saturatedShare(img, 8, 0.99, "low")[0], 2 / 8);
  assert.equal(saturatedShare(img, 8, 0.9)[0], 6 / 8);
  assert.throws(() => saturatedShare(img, 8, 1), /level must be in \(0, 1\), got 1/);
  const a = Float64Array.from([0, 0, 0, 0, 1, 1, 1, 1]), b = Float64Array.from([1, 1, 1, 1, 1, 1, 1, 1]);
  assert.deepEqual(Array.from(imageDistances(a, b, 4)), [1, 0]);
  // one walk of three frames of 2 pixels: steps (0,0)→(3,4)→(3,4)
  assert.deepEqual(stepDistances(Float64Array.from([0, 0, 3, 4, 3, 4]), 2, 3), [[Math.sqrt(12.5), 0]]);
  assert.deepEqual(Array.from(ratios([1, 3], [2, 4])), [0.5, 0.75]);
  assert.throws(() => ratios([1], [0]), /reference 0 is 0/);
});

test("linear fit: exact lines give R² = 1; R² equals the squared Pearson correlation; a symmetric parabola gives R² = 0", () => {
  const x = radiusGrid(-2, 2, 0.25);
  const line = linearFit(x, x.map((v) => 3 - 2 * v));
  close(line.slope, -2, 1e-12, "slope");
  close(line.intercept, 3, 1e-12, "intercept");
  close(line.r2, 1, 1e-12, "R² of a line");
  close(linearFit(x, x.map((v) => v * v)).r2, 0, 1e-12, "R² of x² on a symmetric grid");
  const rng = new Rng(11);
  const y = x.map((v) => v + rng.normal());
  const mx = x.reduce((a, v) => a + v, 0) / x.length, my = y.reduce((a, v) => a + v, 0) / y.length;
  const sxy = x.reduce((a, v, i) => a + (v - mx) * (y[i] - my), 0), sxx = x.reduce((a, v) => a + (v - mx) ** 2, 0), syy = y.reduce((a, v) => a + (v - my) ** 2, 0);
  close(linearFit(x, y).r2, (sxy * sxy) / (sxx * syy), 1e-12, "R² = ρ²");
  assert.throws(() => linearFit([1, 1], [2, 3]), /all x are equal/);
});

test("R² on an interval uses only its radii: a hinge max(0, r − 5) is exactly linear on [0, 5] and [5, 15], not on [0, 10]", () => {
  const radii = radiusGrid(0, 25, 0.25);
  const hinge = radii.map((r) => Math.max(0, r - 5));
  close(r2OnInterval(radii, hinge, 0, 5), 1, 1e-12, "flat part");
  close(r2OnInterval(radii, hinge, 5, 15), 1, 1e-12, "rising part");
  const inside = radii.filter((r) => r <= 10);
  const expected = linearFit(inside, inside.map((r) => Math.max(0, r - 5))).r2;
  close(r2OnInterval(radii, hinge, 0, 10), expected, 1e-12, "across the kink");
  assert.ok(expected < 0.9, `a kink in the middle lowers R² (${expected})`);
  assert.throws(() => r2OnInterval(radii, hinge, 30, 40), /holds 0 radii/);
});

test("monotone: rising, falling and flat curves are monotone; a V is not; float noise below the tolerance is ignored", () => {
  assert.ok(isMonotone([1, 2, 2, 3]));
  assert.ok(isMonotone([3, 2, 2, 1]));
  assert.ok(isMonotone([1, 1, 1]));
  assert.ok(!isMonotone([3, 1, 2]));
  assert.ok(isMonotone([1, 2, 2 - 1e-6, 3]), "a float32-sized dip is not a fall");
  assert.ok(!isMonotone([1, 2, 1.99, 3]));
});

test("rayCurve reads one unit along one ray of [rays·radii, width] outputs", () => {
  const out = Float64Array.from({ length: 2 * 3 * 4 }, (_, i) => i); // 2 rays, 3 radii, width 4
  assert.deepEqual(Array.from(rayCurve(out, 4, 3, 1, 2)), [14, 18, 22]);
  assert.throws(() => rayCurve(out, 4, 3, 2, 0), /outside 2 rays × 4 units/);
});

test("homogeneity error of an affine layer is |1 − α|·‖b‖ / (α‖zW + b‖); 0 without a bias", () => {
  const rng = new Rng(21);
  const din = 5, dout = 6, n = 4;
  const W = rng.normalArray(din * dout), b = rng.normalArray(dout);
  const z = rng.normalArray(n * din);
  const layer = (zs: Float64Array, bias: Float64Array) => Float64Array.from({ length: n * dout }, (_, k) => {
    const i = Math.floor(k / dout), j = k % dout;
    let s = bias[j];
    for (let m = 0; m < din; m++) s += zs[i * din + m] * W[m * dout + j];
    return s;
  });
  for (const alpha of [0.5, 2, 3]) {
    const za = Float64Array.from(z, (v) => alpha * v);
    const e = homogeneityErrors(layer(z, b), layer(za, b), alpha, dout);
    const g = layer(z, b);
    for (let i = 0; i < n; i++) {
      const expected = (Math.abs(1 - alpha) * normT(b)) / (alpha * normT(g.subarray(i * dout, (i + 1) * dout)));
      close(e[i], expected, 1e-12, `α = ${alpha}, row ${i}`);
    }
    const zero = new Float64Array(dout);
    assert.ok(homogeneityErrors(layer(z, zero), layer(za, zero), alpha, dout).every((v) => v < 1e-14), "linear layer");
  }
  assert.throws(() => homogeneityErrors([1], [1], 0, 1), /alpha must be > 0, got 0/);
});
