import { test } from "node:test";
import assert from "node:assert/strict";
import { greatCirclePoint, greatCircleWalk } from "../../lib/geometry/great-circle";
import { closestParameter, originToLineDistance } from "../../lib/geometry/line";
import { angle, angleDegrees, cosAngle, dot, lerp, norm, normalize } from "../../lib/geometry/vectors";
import { chiMean, chiStd } from "../../lib/stats/chi";
import { Rng } from "../../lib/util/rng";

const close = (a: number, b: number, tol: number, what = "") => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tol ${tol})`);

/** The squared distance from the origin to p₀ + s(p₁ − p₀), written out for the brute-force search. */
function sqDistAt(p0: Float64Array, p1: Float64Array, s: number): number {
  let acc = 0;
  for (let i = 0; i < p0.length; i++) acc += (p0[i] + s * (p1[i] - p0[i])) ** 2;
  return acc;
}

/** Brute-force minimisation over s: a coarse grid, then golden-section search around the best point. */
function bruteForceDistance(p0: Float64Array, p1: Float64Array): number {
  let best = 0;
  for (let i = 0; i <= 4000; i++) {
    const s = -20 + (40 * i) / 4000;
    if (sqDistAt(p0, p1, s) < sqDistAt(p0, p1, best)) best = s;
  }
  let a = best - 0.01, b = best + 0.01;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 200; it++) {
    const c = b - g * (b - a), d = a + g * (b - a);
    if (sqDistAt(p0, p1, c) < sqDistAt(p0, p1, d)) b = d;
    else a = c;
  }
  return Math.sqrt(sqDistAt(p0, p1, (a + b) / 2));
}

test("dot, norm, normalize: definitions, and no overflow for huge entries", () => {
  close(dot([1, 2, 3], [4, -5, 6]), 4 - 10 + 18, 0, "dot");
  close(norm([3, 4]), 5, 0, "norm");
  close(norm([3e200, 4e200]), 5e200, 1e186, "norm of huge values");
  close(norm([3e-200, 4e-200]), 5e-200, 1e-214, "norm of tiny values");
  assert.equal(norm([0, 0, 0]), 0);
  close(norm(normalize([1, 2, 2])), 1, 1e-15, "unit");
  assert.throws(() => normalize([0, 0]), /zero vector/);
  assert.throws(() => dot([1], [1, 2]), /lengths differ/);
});

test("angle: known angles, accurate near 0 and π where arccos is not, NaN for zero vectors", () => {
  close(angle([1, 0], [0, 1]), Math.PI / 2, 1e-15, "right angle");
  close(angle([1, 0], [1, 1]), Math.PI / 4, 1e-15, "45°");
  close(angleDegrees([1, 0, 0], [-1, 0, 0]), 180, 1e-12, "antiparallel");
  close(angle([1, 0], [1, 1e-10]), 1e-10, 1e-24, "tiny angle");
  close(angle([1, 0], [-1, 1e-10]), Math.PI - 1e-10, 1e-15, "near π");
  assert.ok(Number.isNaN(angle([0, 0], [1, 0])));
  assert.ok(Number.isNaN(cosAngle([1, 0], [0, 0])));
  const rng = new Rng(1);
  for (let i = 0; i < 50; i++) {
    const u = rng.normalArray(7), v = rng.normalArray(7);
    close(Math.cos(angle(u, v)), dot(u, v) / (norm(u) * norm(v)), 1e-14, "cos of the angle");
  }
});

test("lerp: endpoints exact and affine in t", () => {
  const p0 = [1.5, -2, 7], p1 = [0.1, 4, -3];
  assert.deepEqual(Array.from(lerp(p0, p1, 0)), p0);
  assert.deepEqual(Array.from(lerp(p0, p1, 1)), p1);
  const mid = lerp(p0, p1, 0.25);
  mid.forEach((x, i) => close(x, p0[i] + 0.25 * (p1[i] - p0[i]), 1e-15, "affine"));
});

test("origin-to-line distance agrees with brute-force minimisation over the line", () => {
  const rng = new Rng(2);
  for (let trial = 0; trial < 25; trial++) {
    const d = 1 + rng.int(100);
    const p0 = rng.normalArray(d), p1 = rng.normalArray(d);
    if (d === 1) continue; // in 1-D every line through two distinct points passes through the origin
    const exact = originToLineDistance(p0, p1);
    close(exact, bruteForceDistance(p0, p1), 1e-7 * norm(p0), `d=${d}`);
    assert.ok(exact <= Math.min(norm(p0), norm(p1)) + 1e-12, "never farther than the endpoints");
  }
  close(originToLineDistance([1, 1], [1, -1]), 1, 1e-15, "the line x = 1");
  close(closestParameter([1, 1], [1, -1]), 0.5, 1e-15, "closest at the midpoint");
  close(originToLineDistance([2, 0], [5, 0]), 0, 1e-15, "a line through the origin");
  close(originToLineDistance([3, 4], [3, 4]), 5, 1e-15, "coinciding points: ‖p0‖");
});

test("great-circle walk: constant norm r, u ⟂ v unit, equal steps of 2π/n, closed loop", () => {
  const rng = new Rng(3);
  for (const [d, n] of [[2, 8], [3, 5], [100, 23], [512, 40]]) {
    const walk = greatCircleWalk(rng, d, n);
    close(norm(walk.u), 1, 1e-14, "‖u‖");
    close(norm(walk.v), 1, 1e-14, "‖v‖");
    close(dot(walk.u, walk.v), 0, 1e-14, "u·v");
    assert.equal(walk.points.length, n);
    walk.t.forEach((t, i) => assert.equal(t, i / n));
    for (let i = 0; i < n; i++) {
      close(norm(walk.points[i]), walk.radius, 1e-13 * walk.radius, "‖z(t)‖ = r");
      const next = i + 1 < n ? walk.points[i + 1] : greatCirclePoint(walk.radius, walk.u, walk.v, 1);
      close(angle(walk.points[i], next), (2 * Math.PI) / n, 1e-7, "step angle 2π/n");
    }
    const end = greatCirclePoint(walk.radius, walk.u, walk.v, 1);
    end.forEach((x, i) => close(x, walk.points[0][i], 1e-13 * walk.radius, "z(1) = z(0)"));
  }
});

test("great-circle radii are χ(d) distributed (Monte Carlo mean and std)", () => {
  const rng = new Rng(4);
  const d = 100, n = 4000;
  const radii = Array.from({ length: n }, () => greatCircleWalk(rng, d, 1).radius);
  const m = radii.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(radii.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
  close(m, chiMean(d), 4 * chiStd(d) / Math.sqrt(n), "mean radius");
  close(sd, chiStd(d), 4 * chiStd(d) / Math.sqrt(2 * n), "std radius");
  assert.throws(() => greatCircleWalk(rng, 1, 5), /latentDim/);
});
