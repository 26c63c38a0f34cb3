/**
 * Sphere GAN's geometry in float64: Π⁻¹ lands on the unit sphere (to 1e−12, for norms from
 * 10⁻⁸ to 10²⁰⁰ and n up to 1024); Π inverts it; d(Π⁻¹(u), N) = 2·arctan(1/‖u‖) against the
 * geodesic distance and against arccos(p·N); the notes' variant lands off the sphere except at
 * ‖u‖ = 1 (the on-sphere check must fail for it); the mapped grid and geodesic arcs.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  distanceToNorthPole,
  geodesicArc,
  geodesicDistance,
  inverseStereographic,
  inverseStereographicWithNorm,
  substitutedNorm,
  northPole,
  notesInverseStereographic,
  notesVariantNorm,
  planeGridOnSphere,
  stereographic,
} from "../../lib/geometry/stereographic";
import { dot, norm, normalize } from "../../lib/geometry/vectors";
import { Rng } from "../../lib/util/rng";

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
}

/** Seeded vectors u of dimension n with prescribed norms. */
function vectorsWithNorms(n: number, norms: readonly number[], seed: number): Float64Array[] {
  const rng = new Rng(seed);
  return norms.map((r) => normalize(rng.normalArray(n)).map((x) => r * x));
}

const NORMS = [0, 1e-8, 1e-3, 0.2, 0.9, 1, 1.1, 3, 50, 1e4, 1e8, 1e200];

test("Π⁻¹(u) is on the unit sphere to 1e−12 (n = 1, 2, 3, 16, 1024; ‖u‖ from 0 to 10²⁰⁰)", () => {
  for (const n of [1, 2, 3, 16, 1024]) {
    for (const u of vectorsWithNorms(n, NORMS, n)) {
      const p = inverseStereographic(u);
      assert.equal(p.length, n + 1);
      close(norm(p), 1, 1e-12, `‖Π⁻¹(u)‖, n=${n}, ‖u‖=${norm(u)}`);
    }
  }
});

test("Π⁻¹ sends 0 to the south pole, the unit sphere to the equator, and Π inverts it", () => {
  assert.deepEqual(Array.from(inverseStereographic([0, 0])), [0, 0, -1]);
  assert.deepEqual(Array.from(inverseStereographic([0.6, -0.8])), [0.6, -0.8, 0]);
  for (const u of vectorsWithNorms(3, [1e-3, 0.2, 1, 3, 30], 7)) {
    const back = stereographic(inverseStereographic(u));
    u.forEach((x, i) => close(back[i], x, 1e-12, `Π(Π⁻¹(u))[${i}], ‖u‖=${norm(u)}`));
  }
  assert.throws(() => stereographic(northPole(2)), /north pole/);
});

test("d(Π⁻¹(u), N) = 2·arctan(1/‖u‖) to 1e−12, and equals arccos(p·N)", () => {
  for (const n of [2, 3, 64]) {
    const N = northPole(n);
    for (const u of vectorsWithNorms(n, NORMS.slice(1), 40 + n)) {
      const p = inverseStereographic(u);
      const d = geodesicDistance(p, N);
      close(d, 2 * Math.atan(1 / norm(u)), 1e-12, `n=${n}, ‖u‖=${norm(u)}`);
      close(distanceToNorthPole(u), d, 1e-12, "distanceToNorthPole");
      // arccos loses digits near 0 and π: compare where the angle is away from both
      if (d > 1e-3 && d < Math.PI - 1e-3) close(Math.acos(dot(p, N)), d, 1e-11, `arccos route, ‖u‖=${norm(u)}`);
    }
  }
  assert.equal(distanceToNorthPole([0, 0, 0]), Math.PI);
});

test("geodesic distance between random points on S² equals arccos(p·q)", () => {
  const rng = new Rng(5);
  for (let i = 0; i < 50; i++) {
    const p = normalize(rng.normalArray(3)), q = normalize(rng.normalArray(3));
    close(geodesicDistance(p, q), Math.acos(dot(p, q)), 1e-12, `pair ${i}`);
  }
});

test("the notes' variant: on the sphere only at ‖u‖ = 1, off it elsewhere; its norm in closed form", () => {
  const rs = [0.1, 0.33, 0.5, 1, 2, 3, 10];
  for (const u of vectorsWithNorms(3, rs, 9)) {
    const r = norm(u);
    const p = notesInverseStereographic(u);
    close(norm(p), notesVariantNorm(r), 1e-12, `‖p̃‖ at r=${r}`);
    assert.ok(p[3] <= 0, `last coordinate ${p[3]} at r=${r}`);
    if (Math.abs(r - 1) < 1e-12) close(norm(p), 1, 1e-12, "r = 1");
    else assert.ok(Math.abs(norm(p) - 1) > 1e-3, `r=${r}: ‖p̃‖ = ${norm(p)} should be off the sphere`);
  }
  // r and 1/r land on the same point; the deepest point is ‖p̃‖ ≈ 0.762 near r ≈ 3
  const u = [1.2, -2.5, 0.4], v = u.map((x) => x / dot(u, u));
  notesInverseStereographic(u).forEach((x, i) => close(x, notesInverseStereographic(v)[i], 1e-12, `fold [${i}]`));
  const grid = Array.from({ length: 2001 }, (_, i) => 1 + i * 0.005);
  const deepest = Math.min(...grid.map(notesVariantNorm));
  const at = grid[grid.map(notesVariantNorm).indexOf(deepest)];
  assert.ok(Math.abs(deepest - 0.762) < 1e-3 && Math.abs(at - 2.98) < 0.02, `deepest ${deepest} at r = ${at}`);
});

test("the on-sphere check rejects the notes' variant (must fail)", () => {
  const off = vectorsWithNorms(5, [0.5, 2, 7], 10).filter((u) => Math.abs(norm(notesInverseStereographic(u)) - 1) > 1e-12);
  assert.equal(off.length, 3);
});

test("mapped grid: every point on S², lines through the origin evenly spaced along great circles", () => {
  const lines = planeGridOnSphere({ values: [-2, -1, 0, 1, 2], halfLength: 20, pointsPerLine: 41 });
  assert.equal(lines.length, 10);
  for (const line of lines) {
    assert.equal(line.mapped.x.length, 41);
    line.mapped.x.forEach((x, i) => close(Math.hypot(x, line.mapped.y[i], line.mapped.z[i]), 1, 1e-12, `on S² (${line.axis} = ${line.value})`));
    // images agree with Π⁻¹ of the plane points
    const i = 7, p = inverseStereographic([line.plane.x[i], line.plane.y[i]]);
    close(line.mapped.z[i], p[2], 1e-15, "z");
  }
  const through0 = lines.find((l) => l.axis === "x" && l.value === 0)!;
  const pts = through0.mapped.x.map((x, i) => [x, through0.mapped.y[i], through0.mapped.z[i]]);
  const steps = pts.slice(1).map((p, i) => geodesicDistance(pts[i], p));
  steps.forEach((s) => close(s, steps[0], 1e-12, "even spacing"));
  // the ends reach 2·arctan(1/20) from the north pole
  close(geodesicDistance(pts[0], northPole(2)), 2 * Math.atan(1 / 20), 1e-12, "end of the line");
  // the same grid through the notes' variant leaves the sphere
  const notes = planeGridOnSphere({ values: [0.5], halfLength: 5, pointsPerLine: 11, map: notesInverseStereographic });
  assert.ok(notes.some((l) => l.mapped.x.some((x, i) => Math.abs(Math.hypot(x, l.mapped.y[i], l.mapped.z[i]) - 1) > 1e-2)));
});

test("geodesic arc: on S², evenly spaced, as long as the distance", () => {
  const p = inverseStereographic([0.3, -1.2]), q = inverseStereographic([2.5, 0.7]);
  const arc = geodesicArc(p, q, 25);
  const pts = arc.x.map((x, i) => [x, arc.y[i], arc.z[i]]);
  pts.forEach((pt) => close(norm(pt), 1, 1e-12, "on S²"));
  const steps = pts.slice(1).map((pt, i) => geodesicDistance(pts[i], pt));
  steps.forEach((s) => close(s, geodesicDistance(p, q) / 24, 1e-12, "step"));
});

test("any norm s in the last coordinate: on the sphere only for s = ‖u‖ or 1/‖u‖ (closed form and points)", () => {
  for (const u of vectorsWithNorms(4, [0.2, 0.7, 1, 2.5, 40], 21)) {
    const r = norm(u);
    for (const s of [0, 0.1, 0.5, 1, 3, 1e3, r, 1 / r]) {
      const p = inverseStereographicWithNorm(u, s);
      close(norm(p), substitutedNorm(r, s), 1e-12, `‖p‖ at r=${r}, s=${s}`);
      const onSphere = Math.abs(s - r) < 1e-12 * r || Math.abs(s - 1 / r) < 1e-12 / r || Math.abs(r - 1) < 1e-12 && Math.abs(s - 1) < 1e-12;
      if (onSphere) close(norm(p), 1, 1e-12, `on S² at r=${r}, s=${s}`);
      else assert.ok(Math.abs(norm(p) - 1) > 1e-6, `r=${r}, s=${s}: ‖p‖ = ${norm(p)} should be off the sphere`);
    }
    // s = r is Π⁻¹ itself, s = 1/r its mirror image in the equator
    const p = inverseStereographic(u), mirror = inverseStereographicWithNorm(u, 1 / r);
    close(mirror[4], -p[4], 1e-12, "mirror");
    // the reading x_u = u/‖u‖ (s = 1) puts every point on the equatorial disc, inside the ball
    assert.equal(inverseStereographicWithNorm(u, 1)[4], 0);
  }
  // the notes' variant is the choice s = ‖first block‖ = 2r/(r² + 1)
  const u = [0.4, -1.3];
  const r = norm(u);
  notesInverseStereographic(u).forEach((x, i) => close(x, inverseStereographicWithNorm(u, (2 * r) / (r * r + 1))[i], 1e-15, `notes [${i}]`));
  assert.throws(() => inverseStereographicWithNorm(u, -1), /s must be a finite number ≥ 0, got -1/);
});
