/**
 * The closed-form slerp norm profile and the verdict rules of notebook 01, against independent
 * oracles: a dense grid of the real slerp (lib/geometry/slerp.ts), a polyline length, and pairs
 * built by hand in the plane. Every rule gets a case that must fail.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { slerp } from "../../lib/geometry/slerp";
import { slerpArcLength, slerpNormProfile } from "../../lib/geometry/slerp-norm";
import { claimVerdict, slerpClassVerdicts } from "../../lib/geometry/verdicts";
import { greatCircleCheck, greatCirclePoint, greatCircleWalk, isClosedGreatCircle } from "../../lib/geometry/great-circle";
import { expectedGreatCircleRatio } from "../../lib/geometry/article-comparison";
import { Rng } from "../../lib/util/rng";

const normT = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, x) => s + x * x, 0));
const degT = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  const c = Array.from(a).reduce((s, x, i) => s + x * b[i], 0) / (normT(a) * normT(b));
  return (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
};

/** Grid oracle: extremes of ‖slerp(t)‖ and the signs of its steps on t = j/(n − 1). */
function gridProfile(p0: ArrayLike<number>, p1: ArrayLike<number>, n: number) {
  let min = Infinity, max = -Infinity, up = 0, down = 0, prev = normT(p0), length = 0;
  let prevPoint = Array.from(p0);
  for (let j = 0; j < n; j++) {
    const p = Array.from(slerp(p0, p1, j / (n - 1)));
    const r = normT(p);
    min = Math.min(min, r);
    max = Math.max(max, r);
    if (j > 0) {
      if (r > prev) up++;
      if (r < prev) down++;
      length += normT(p.map((x, i) => x - prevPoint[i]));
    }
    prev = r;
    prevPoint = p;
  }
  return { min, max, monotone: up === 0 || down === 0, length };
}

/** A pair in the plane with norms a, b at angle Ω (degrees). */
const planePair = (a: number, b: number, deg: number): [number[], number[]] => {
  const w = (deg * Math.PI) / 180;
  return [[a, 0], [b * Math.cos(w), b * Math.sin(w)]];
};

test("slerp norm profile: extremes and monotonicity agree with a 5,001-point grid of the real slerp", () => {
  const rng = new Rng(21);
  for (let trial = 0; trial < 24; trial++) {
    const p0 = rng.normalArray(100), p1 = rng.normalArray(100);
    const exact = slerpNormProfile(p0, p1);
    const grid = gridProfile(p0, p1, 5001);
    // a grid can only miss an extremum by ≈ curvature·h²: 1e−7 is far above that, far below the overshoots
    assert.ok(Math.abs(exact.min - grid.min) < 1e-7 && Math.abs(exact.max - grid.max) < 1e-7, `extremes ${exact.min}, ${exact.max} vs ${grid.min}, ${grid.max}`);
    assert.ok(exact.min <= grid.min + 1e-12 && exact.max >= grid.max - 1e-12, "the closed form is never inside the grid's range");
    assert.equal(exact.monotone, grid.monotone, `monotone at Ω = ${degT(p0, p1)}°`);
    const acute = degT(p0, p1) <= 90;
    assert.equal(exact.monotone, acute, "monotone exactly for the acute pairs");
    assert.equal(exact.excess === 0, acute, "inside the band exactly for the acute pairs");
  }
});

test("slerp norm profile: a hand-built obtuse pair overshoots where the formula says; an acute one does not", () => {
  // Ω = 150°, ‖p₀‖ = 1, ‖p₁‖ = 0.01: at (1 − t)Ω = 90° the p₀ coefficient alone is 1/sin Ω = 2
  const [p0, p1] = planePair(1, 0.01, 150);
  const obtuse = slerpNormProfile(p0, p1);
  assert.ok(obtuse.max > 1.5 && obtuse.excess > 0.5 && !obtuse.monotone, `max ${obtuse.max}`);
  const at = normT(slerp(p0, p1, obtuse.tMax));
  assert.ok(Math.abs(at - obtuse.max) < 1e-12, "the reported tMax is where slerp reaches the maximum");
  const acutePair = planePair(1, 0.01, 80);
  const acute = slerpNormProfile(...acutePair);
  assert.deepEqual([acute.excess, acute.monotone], [0, true]);
  assert.ok(Math.abs(acute.max - 1) < 1e-15 && Math.abs(acute.min - 0.01) < 1e-17, "extremes at the endpoints");
  // equal norms: constant, monotone, no excess, even when obtuse
  const equal = slerpNormProfile(...planePair(2, 2, 170));
  assert.ok(equal.excess < 1e-15 && Math.abs(equal.max - 2) < 1e-15 && Math.abs(equal.min - 2) < 1e-15);
  // degenerate pairs take slerp's fallbacks, whose norm is linear: no excess, monotone
  for (const [a, b] of [[[1, 2], [2, 4]], [[1, 2], [-3, -6]], [[0, 0], [1, 1]]]) {
    const p = slerpNormProfile(a, b);
    assert.equal(p.excess, 0);
    assert.equal(p.monotone, true);
    assert.ok(Math.abs(gridProfile(a, b, 2001).max - p.max) < 1e-12, "fallback extremes are the endpoint norms");
  }
});

test("slerp path length: Ω·r for equal norms, the polyline length otherwise; degenerate pairs refused", () => {
  const [p0, p1] = planePair(3, 3, 100);
  assert.ok(Math.abs(slerpArcLength(p0, p1) - 3 * (100 * Math.PI) / 180) < 1e-12);
  const rng = new Rng(22);
  for (let trial = 0; trial < 5; trial++) {
    const a = rng.normalArray(100), b = rng.normalArray(100);
    const polyline = gridProfile(a, b, 5001).length;
    // a chord is shorter than its arc by ≈ (κh)²/24 relative: below 1e−8 at h = Ω/5000
    assert.ok(Math.abs(slerpArcLength(a, b) / polyline - 1) < 1e-8, `${slerpArcLength(a, b)} vs ${polyline}`);
  }
  assert.throws(() => slerpArcLength([1, 0], [-2, 0]), /antiparallel/);
});

test("claim rules: abs and greater confirm inside the tolerance and fail outside it", () => {
  assert.equal(claimVerdict("abs", 10, 9.975, 0.05), "confirmed");
  assert.equal(claimVerdict("abs", 10, 9.9, 0.05), "not confirmed");
  assert.equal(claimVerdict("abs", 3, 4.01, 0.5), "not confirmed");
  assert.equal(claimVerdict("greater", 4, 4.14, 0), "confirmed");
  assert.equal(claimVerdict("greater", 4, 4, 0), "not confirmed");
  assert.equal(claimVerdict("abs", 0, NaN, 1), "not confirmed");
});

test("slerp class verdicts: random acute pairs confirm, obtuse ones fail, and one acute pair outside its band fails its class", () => {
  const rng = new Rng(23);
  const angles: number[] = [], excess: number[] = [], mono: number[] = [];
  for (let i = 0; i < 400; i++) {
    const p0 = rng.normalArray(100), p1 = rng.normalArray(100);
    const p = slerpNormProfile(p0, p1);
    angles.push(degT(p0, p1));
    excess.push(p.relativeExcess);
    mono.push(p.monotone ? 1 : 0);
  }
  const rows = slerpClassVerdicts(angles, excess, mono);
  const acute = rows.find((r) => r.angle_class.startsWith("acute"))!, obtuse = rows.find((r) => r.angle_class.startsWith("obtuse"))!;
  assert.equal(acute.pairs + obtuse.pairs, 400);
  assert.equal(acute.verdict, "confirmed");
  assert.deepEqual([acute.share_inside_band, acute.share_monotone, acute.largest_relative_overshoot], [1, 1, 0]);
  assert.equal(obtuse.verdict, "not confirmed");
  assert.equal(obtuse.share_monotone, 0);
  assert.ok(obtuse.largest_relative_overshoot > 0 && obtuse.largest_relative_overshoot < 0.02, `overshoot ${obtuse.largest_relative_overshoot}`);
  // the failing case for the acute class: one path that does leave its band
  const i = angles.findIndex((a) => a <= 90);
  excess[i] = 1e-3;
  const broken = slerpClassVerdicts(angles, excess, mono).find((r) => r.angle_class.startsWith("acute"))!;
  assert.equal(broken.verdict, "not confirmed");
  assert.equal(broken.largest_relative_overshoot, 1e-3);
  assert.throws(() => slerpClassVerdicts([1, 2], [0], [1, 1]), /2 angles, 1 excesses/);
});

test("great-circle check: the article's walk passes; an open arc, a non-orthogonal direction and a spiral fail", () => {
  const rng = new Rng(24);
  const walk = greatCircleWalk(rng, 100, 23);
  assert.ok(isClosedGreatCircle(greatCircleCheck(walk.points)), JSON.stringify(greatCircleCheck(walk.points)));
  // open arc: 23 equal steps covering 0.9 of a turn, so the step back to z₀ is shorter
  const open = walk.t.map((t) => greatCirclePoint(walk.radius, walk.u, walk.v, 0.9 * t));
  const openCheck = greatCircleCheck(open);
  assert.ok(!isClosedGreatCircle(openCheck) && openCheck.maxChordDeviation > 0.1, `open arc ${JSON.stringify(openCheck)}`);
  // second direction not orthogonal to u: the norm varies along the loop
  const tilted = Float64Array.from(walk.v, (x, i) => (x + 0.3 * walk.u[i]) / Math.hypot(1, 0.3));
  const tiltCheck = greatCircleCheck(walk.t.map((t) => greatCirclePoint(walk.radius, walk.u, tilted, t)));
  assert.ok(!isClosedGreatCircle(tiltCheck) && tiltCheck.maxNormDeviation > 0.1, `tilted ${JSON.stringify(tiltCheck)}`);
  // a spiral: the points leave the plane of z₀ and z₁ along a third direction
  const w = rng.normalArray(100);
  const spiral = walk.points.map((z, i) => Float64Array.from(z, (x, j) => x + 0.01 * i * w[j]));
  assert.ok(!isClosedGreatCircle(greatCircleCheck(spiral)));
  assert.throws(() => greatCircleCheck(walk.points.slice(0, 2)), /at least 3 points/);
});

test("E[2π/Ω] under the sin^(d−2) angle law: the closed form at d = 4; at d = 100 just above 4, not 3", () => {
  // d = 4: f(θ) = 2 sin²θ/π, so E[2π/θ] = 4 ∫₀^π sin²θ/θ dθ = 2(γ + log 2π − Ci(2π)) 
  const ci2pi = -0.0225606617463461; // Ci(2π), 16 digits
  const want4 = 2 * (0.5772156649015329 + Math.log(2 * Math.PI) - ci2pi);
  assert.ok(Math.abs(expectedGreatCircleRatio(4) - want4) < 1e-9, `${expectedGreatCircleRatio(4)} vs ${want4}`);
  // d = 100: between 2π/(mean + sd) and 2π/(mean − sd) with the mean 90° and sd 5.76°, and above 4 (Jensen)
  const r100 = expectedGreatCircleRatio(100);
  assert.ok(r100 > 4 && r100 < 4.1, `${r100}`);
  assert.notEqual(claimVerdict("abs", 3, r100, 0.5), "confirmed");
});
