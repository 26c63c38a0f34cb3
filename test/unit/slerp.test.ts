import { test } from "node:test";
import assert from "node:assert/strict";
import { antiparallelDirection, interpolatePath, slerp, slerpCase } from "../../lib/geometry/slerp";
import { Rng } from "../../lib/util/rng";

// The test's own small vector helpers (independent of lib/geometry/vectors).
const dotT = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i], 0);
const normT = (a: ArrayLike<number>) => Math.sqrt(dotT(a, a));
const scaleT = (c: number, a: ArrayLike<number>) => Array.from(a, (x) => c * x);
const addT = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a, (x, i) => x + b[i]);
const angleT = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.acos(Math.max(-1, Math.min(1, dotT(a, b) / (normT(a) * normT(b)))));
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);
const allFinite = (a: ArrayLike<number>) => Array.from(a).every(Number.isFinite);
const TS = [0, 0.05, 0.1, 0.25, 1 / 3, 0.5, 0.7, 0.9, 0.999, 1];

/** Second implementation: rotate p̂₀ towards p₁ by tΩ in span{p₀, p₁}, at norm r. */
function planeRotation(p0: number[], p1: number[], t: number, r: number): number[] {
  const u = scaleT(1 / normT(p0), p0);
  const perp = addT(p1, scaleT(-dotT(p1, u), u));
  const w = scaleT(1 / normT(perp), perp);
  const omega = Math.atan2(normT(perp), dotT(p1, u));
  return addT(scaleT(r * Math.cos(t * omega), u), scaleT(r * Math.sin(t * omega), w));
}

function randomPair(rng: Rng, d: number): [number[], number[]] {
  return [Array.from(rng.normalArray(d)), Array.from(rng.normalArray(d))];
}

test("endpoints are exact in every case", () => {
  const rng = new Rng(1);
  const [a, b] = randomPair(rng, 100);
  const cases: [number[], number[]][] = [
    [a, b],
    [a, scaleT(2.5, a)],
    [a, a],
    [a, scaleT(-3, a)],
    [new Array(100).fill(0), b],
    [a, new Array(100).fill(0)],
  ];
  for (const [p0, p1] of cases) {
    assert.deepEqual(Array.from(slerp(p0, p1, 0)), p0, `t=0, ${slerpCase(p0, p1)}`);
    assert.deepEqual(Array.from(slerp(p0, p1, 1)), p1, `t=1, ${slerpCase(p0, p1)}`);
  }
});

test("equal-norm inputs: constant norm, angle linear in t, equal to a rotation in their plane", () => {
  const rng = new Rng(2);
  for (let trial = 0; trial < 20; trial++) {
    const d = 2 + rng.int(200);
    const r = 0.1 + 20 * rng.uniform();
    let [p0, p1] = randomPair(rng, d);
    p0 = scaleT(r / normT(p0), p0);
    p1 = scaleT(r / normT(p1), p1);
    const omega = angleT(p0, p1);
    for (const t of TS) {
      const z = slerp(p0, p1, t);
      assert.ok(Math.abs(normT(z) - r) <= 1e-12 * r, `norm ${normT(z)} vs ${r}`);
      assert.ok(Math.abs(angleT(p0, z) - t * omega) <= 1e-7, `angle(p0, z) = ${angleT(p0, z)} vs tΩ = ${t * omega}`);
      assert.ok(Math.abs(angleT(z, p1) - (1 - t) * omega) <= 1e-7, "angle(z, p1) = (1 − t)Ω");
      assert.ok(maxAbsDiff(z, planeRotation(p0, p1, t, r)) <= 1e-11 * r, "matches the plane rotation");
    }
  }
});

test("unequal norms: slerp is the unit-vector slerp with each coefficient scaled by its endpoint's norm", () => {
  // slerp(a·û₀, b·û₁) = a·c₀(t)·û₀ + b·c₁(t)·û₁, where c₀û₀ + c₁û₁ is the unit rotation (plane oracle);
  // c₀, c₁ come from solving the 2×2 Gram system of the oracle's point.
  const rng = new Rng(3);
  for (let trial = 0; trial < 10; trial++) {
    const [q0, q1] = randomPair(rng, 50);
    const u0 = scaleT(1 / normT(q0), q0), u1 = scaleT(1 / normT(q1), q1);
    const a = 0.5 + 10 * rng.uniform(), b = 0.5 + 10 * rng.uniform();
    const g = dotT(u0, u1);
    for (const t of TS) {
      const rot = planeRotation(u0, u1, t, 1);
      const y0 = dotT(rot, u0), y1 = dotT(rot, u1);
      const c0 = (y0 - g * y1) / (1 - g * g), c1 = (y1 - g * y0) / (1 - g * g);
      const expected = addT(scaleT(a * c0, u0), scaleT(b * c1, u1));
      assert.ok(maxAbsDiff(slerp(scaleT(a, u0), scaleT(b, u1), t), expected) <= 1e-10 * (a + b), `t=${t}`);
    }
  }
});

test("norm band: inside [min, max] of the endpoint norms for Ω ≤ 90°, can leave it for obtuse Ω", () => {
  const rng = new Rng(4);
  for (let trial = 0; trial < 30; trial++) {
    let [p0, p1] = randomPair(rng, 20);
    if (dotT(p0, p1) < 0) p1 = scaleT(-1, p1); // make the pair acute
    p1 = scaleT(0.2 + 3 * rng.uniform(), p1);
    const lo = Math.min(normT(p0), normT(p1)), hi = Math.max(normT(p0), normT(p1));
    for (const t of TS) {
      const r = normT(slerp(p0, p1, t));
      assert.ok(r >= lo * (1 - 1e-12) && r <= hi * (1 + 1e-12), `acute: ${r} outside [${lo}, ${hi}]`);
    }
  }
  // obtuse: Ω = 150°, ‖p₀‖ = 1, ‖p₁‖ = 0.01; at (1 − t)Ω = 90° the p₀ coefficient is 1/sin Ω = 2
  const omega = (150 * Math.PI) / 180;
  const p0 = [1, 0], p1 = [0.01 * Math.cos(omega), 0.01 * Math.sin(omega)];
  const t = 1 - Math.PI / 2 / omega;
  const expectedNorm = Math.hypot(1 / Math.sin(omega) + 0.01 * Math.cos(omega) * (Math.sin(t * omega) / Math.sin(omega)), 0.01 * Math.sin(omega) * (Math.sin(t * omega) / Math.sin(omega)));
  assert.ok(Math.abs(normT(slerp(p0, p1, t)) - expectedNorm) < 1e-12);
  assert.ok(normT(slerp(p0, p1, t)) > 1.5, "the obtuse path overshoots max(‖p₀‖, ‖p₁‖) = 1");
});

test("parallel and equal vectors fall back to lerp (equal vectors give p0 for every t)", () => {
  const p0 = Array.from(new Rng(5).normalArray(30));
  for (const t of TS) {
    assert.deepEqual(Array.from(slerp(p0, p0, t)), p0, "equal");
    const z = slerp(p0, scaleT(3, p0), t);
    assert.ok(maxAbsDiff(z, scaleT(1 + 2 * t, p0)) <= 1e-12 * 3 * normT(p0), "parallel = lerp");
  }
  // nearly parallel (sin Ω ≈ 1e−9): still finite and close to lerp
  const p1 = p0.slice();
  p1[0] += 1e-9 * normT(p0);
  assert.equal(slerpCase(p0, p1), "parallel");
  assert.ok(allFinite(slerp(p0, p1, 0.5)));
  assert.ok(maxAbsDiff(slerp(p0, p1, 0.5), scaleT(0.5, addT(p0, p1))) <= 1e-15 * normT(p0), "nearly parallel = lerp");
});

test("antiparallel vectors: finite, norms interpolated, rotation through the documented axis", () => {
  const rng = new Rng(6);
  for (let trial = 0; trial < 10; trial++) {
    const d = 2 + rng.int(60);
    const p0 = Array.from(rng.normalArray(d));
    const c = 0.3 + 3 * rng.uniform();
    const p1 = scaleT(-c, p0);
    assert.equal(slerpCase(p0, p1), "antiparallel");
    // the axis the docs promise: smallest |p0_k|, lowest k on ties
    let k = 0;
    for (let i = 1; i < d; i++) if (Math.abs(p0[i]) < Math.abs(p0[k])) k = i;
    const w = antiparallelDirection(p0);
    assert.ok(Math.abs(dotT(w, p0)) <= 1e-12 * normT(p0) && Math.abs(normT(w) - 1) <= 1e-12, "ŵ ⟂ p0, unit");
    for (const t of TS) {
      const z = slerp(p0, p1, t);
      assert.ok(allFinite(z), `finite at t=${t}`);
      const r = (1 - t) * normT(p0) + t * c * normT(p0);
      assert.ok(Math.abs(normT(z) - r) <= 1e-12 * r, `norm at t=${t}: ${normT(z)} vs ${r}`);
      assert.ok(Math.abs(angleT(p0, z) - Math.PI * t) <= 1e-7, `angle πt at t=${t}`);
      // z lies in span{p0, e_k}: remove those components and nothing is left
      const u = scaleT(1 / normT(p0), p0);
      const ek = Array.from({ length: d }, (_, i) => (i === k ? 1 : 0));
      const ekPerp = addT(ek, scaleT(-dotT(ek, u), u));
      const e = scaleT(1 / normT(ekPerp), ekPerp);
      const rest = addT(addT(z, scaleT(-dotT(z, u), u)), scaleT(-dotT(z, e), e));
      assert.ok(normT(rest) <= 1e-12 * r, "in span{p0, e_k}");
    }
    assert.deepEqual(slerp(p0, p1, 0.37), slerp(p0, p1, 0.37), "deterministic");
  }
  // nearly antiparallel and the one-dimensional case
  const q0 = [1, 2, 3], q1 = [-1, -2, -3 + 1e-12];
  for (const t of TS) assert.ok(allFinite(slerp(q0, q1, t)));
  assert.deepEqual(Array.from(slerp([2], [-1], 0.5)), [0.5], "1-D: lerp");
});

test("zero vectors: lerp, finite everywhere", () => {
  const p1 = [3, -4, 12];
  for (const t of TS) {
    assert.equal(slerpCase([0, 0, 0], p1), "zero");
    assert.ok(maxAbsDiff(slerp([0, 0, 0], p1, t), scaleT(t, p1)) <= 1e-15 * 13);
    assert.ok(maxAbsDiff(slerp(p1, [0, 0, 0], t), scaleT(1 - t, p1)) <= 1e-15 * 13);
    assert.deepEqual(Array.from(slerp([0, 0], [0, 0], t)), [0, 0]);
  }
});

test("interpolatePath samples t = i/(steps − 1) and rejects bad input", () => {
  const p0 = [1, 0], p1 = [0, 1];
  const path = interpolatePath(p0, p1, 5, slerp);
  assert.equal(path.length, 5);
  path.forEach((z, i) => assert.ok(maxAbsDiff(z, [Math.cos((i / 4) * Math.PI / 2), Math.sin((i / 4) * Math.PI / 2)]) < 1e-15));
  assert.throws(() => interpolatePath(p0, p1, 1, slerp), /steps/);
  assert.throws(() => slerp([1, 2], [1, 2, 3], 0.5), /lengths differ/);
});
