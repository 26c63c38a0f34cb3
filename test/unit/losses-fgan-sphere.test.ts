/**
 * f-GAN: the tensor forms g_f(v) and f*(g_f(v)) against the float64 table of
 * lib/stats/f-divergence.ts (itself checked against numerical conjugates in
 * f-divergence.test.ts); the bound and the losses against hand computed means; the "gan"
 * divergence against binary cross-entropy.
 * Sphere GAN: projection, distance and losses against arccos of the projected point and against
 * values written out by hand in multiples of π; which side each loss pushes from the pole.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { F_DIVERGENCES, F_DIVERGENCE_TENSOR_OPS, fganDiscriminatorLoss, fganGeneratorLoss } from "../../lib/losses/fgan";
import { F_DIVERGENCE_TABLE } from "../../lib/stats/f-divergence";
import { bceDiscriminatorLoss } from "../../lib/losses/adversarial";
import * as sphere from "../../lib/losses/sphere";

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function values(t: tf.Tensor): number[] {
  const a = Array.from(t.dataSync());
  t.dispose();
  return a;
}

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
}

/** v from −8 to 8 in steps of 0.25: both saturated ends of every activation. */
const grid = Array.from({ length: 65 }, (_, i) => -8 + i * 0.25);

for (const div of F_DIVERGENCES) {
  test(`f-GAN ${div}: tensor g_f and f*(g_f) equal the float64 table to float32 precision`, () => {
    const table = F_DIVERGENCE_TABLE[div], ops = F_DIVERGENCE_TENSOR_OPS[div];
    const g = values(tf.tidy(() => ops.activation(tf.tensor1d(grid))));
    const fg = values(tf.tidy(() => ops.conjugateOfActivation(tf.tensor1d(grid))));
    grid.forEach((v, i) => {
      close(g[i], table.activation(v), 2e-6, `g(${v})`);
      close(fg[i], table.conjugateOfActivation(v), 2e-6, `f*(g(${v}))`);
    });
  });
}

test("f-GAN: the table comparison catches a tensor activation that differs (must fail)", () => {
  // a Hellinger activation 1 − e^(−v/2), off by a factor in the exponent
  const wrong = values(tf.tidy(() => tf.sub(1, tf.exp(tf.mul(-0.5, tf.tensor1d(grid))))));
  const worst = Math.max(...grid.map((v, i) => Math.abs(wrong[i] - F_DIVERGENCE_TABLE["squared-hellinger"].activation(v))));
  assert.ok(worst > 1e-2, `worst difference ${worst}`);
});

test("f-GAN losses are the negated bound and the two G objectives", () => {
  const real = [0.4, -1.1, 0.8], fake = [1.3, -0.2, -0.9];
  for (const div of F_DIVERGENCES) {
    const d = F_DIVERGENCE_TABLE[div];
    const g = d.activation;
    const bound = mean(real.map(g)) - mean(fake.map((v) => d.conjugate(g(v))));
    const [dl] = values(tf.tidy(() => fganDiscriminatorLoss(div, tf.tensor1d(real), tf.tensor1d(fake))));
    close(dl, -bound, 1e-5, `${div} D loss`);
    const [gb] = values(tf.tidy(() => fganGeneratorLoss(div, tf.tensor1d(fake), "bound")));
    close(gb, mean(fake.map((v) => -d.conjugate(g(v)))), 1e-5, `${div} G bound`);
    const [gh] = values(tf.tidy(() => fganGeneratorLoss(div, tf.tensor1d(fake), "heuristic")));
    close(gh, -mean(fake.map(g)), 1e-5, `${div} G heuristic`);
  }
  const [ganD] = values(tf.tidy(() => fganDiscriminatorLoss("gan", tf.tensor1d(real), tf.tensor1d(fake))));
  const [bce] = values(tf.tidy(() => bceDiscriminatorLoss(tf.tensor1d(real), tf.tensor1d(fake))));
  close(ganD, bce, 1e-5, "gan divergence = BCE");
});

const us = [[0.3, -0.4], [2.0, 1.5], [0.01, 0.0], [-5, 7]];

/** Π⁻¹(u) in float64. */
function project(u: number[]): number[] {
  const s = u.reduce((a, x) => a + x * x, 0);
  return [...u.map((x) => (2 * x) / (s + 1)), (s - 1) / (s + 1)];
}

test("sphere: Π⁻¹ lands on the unit sphere and d = arccos(p·N)", () => {
  const p = tf.tidy(() => sphere.inverseStereographic(tf.tensor2d(us)));
  assert.deepEqual(p.shape, [4, 3]);
  const flat = values(p);
  us.forEach((u, i) => {
    const q = project(u);
    close(Math.hypot(...q), 1, 1e-12, "‖p‖");
    q.forEach((x, j) => close(flat[i * 3 + j], x, 1e-5, `p[${i}][${j}]`));
  });
  const d = values(tf.tidy(() => sphere.distanceToNorthPole(tf.tensor2d(us))));
  us.forEach((u, i) => close(d[i], Math.acos(project(u)[2]), 1e-5, `d(${u})`));
});

test("sphere: moment sums and losses", () => {
  const real = us.slice(0, 2), fake = us.slice(2);
  const m = (u: number[], R: number) => {
    const d = Math.acos(project(u)[2]);
    let s = 0;
    for (let r = 1; r <= R; r++) s += d ** r;
    return s;
  };
  for (const R of [1, 3]) {
    const [dl] = values(tf.tidy(() => sphere.sphereDiscriminatorLoss(tf.tensor2d(real), tf.tensor2d(fake), R)));
    close(dl, -mean(real.map((u) => m(u, R))) + mean(fake.map((u) => m(u, R))), 1e-5, `D loss R=${R}`);
    const [gl] = values(tf.tidy(() => sphere.sphereGeneratorLoss(tf.tensor2d(fake), R)));
    close(gl, -mean(fake.map((u) => m(u, R))), 1e-5, `G loss R=${R}`);
  }
});

test("sphere: the distance has a finite gradient at u = 0", () => {
  const g = values(tf.tidy(() => tf.grad((u: tf.Tensor) => tf.sum(sphere.distanceToNorthPole(u)))(tf.zeros([1, 3]))));
  g.forEach((x) => assert.ok(Number.isFinite(x), `gradient ${x}`));
});

/**
 * Features whose distances to the pole are known by hand: ‖u‖ = √3, 1, 2 − √3 give
 * d = 2·arctan(1/‖u‖) = π/3, π/2, 5π/6 (real); ‖u‖ = 1/√3, 2 + √3 give 2π/3, π/6 (fake).
 */
const S3 = Math.sqrt(3);
const handReal = [[1, 1, 1], [0, 0, -1], [2 - S3, 0, 0]];
const handFake = [[1 / 3, 1 / 3, 1 / 3], [0, 2 + S3, 0]];
const handRealD = [Math.PI / 3, Math.PI / 2, (5 * Math.PI) / 6];
const handFakeD = [(2 * Math.PI) / 3, Math.PI / 6];
const momentSum = (d: number, R: number) => Array.from({ length: R }, (_, r) => d ** (r + 1)).reduce((a, b) => a + b, 0);

for (const route of ["norm", "projection"] as const) {
  test(`sphere (${route} route): D and G losses for R = 1, 3, 5 against hand-computed values`, () => {
    const d = values(tf.tidy(() => (route === "norm" ? sphere.distanceToNorthPole : sphere.distanceViaProjection)(tf.tensor2d(handReal))));
    d.forEach((x, i) => close(x, handRealD[i], 1e-6, `d(real ${i})`));
    // R = 1 by hand: mean real d = (π/3 + π/2 + 5π/6)/3 = 5π/9, mean fake d = (2π/3 + π/6)/2 = 5π/12
    const expected: Record<number, { D: number; G: number }> = { 1: { D: -5 * Math.PI / 9 + 5 * Math.PI / 12, G: -5 * Math.PI / 12 } };
    for (const R of [3, 5]) {
      const fake = mean(handFakeD.map((x) => momentSum(x, R)));
      expected[R] = { D: -mean(handRealD.map((x) => momentSum(x, R))) + fake, G: -fake };
    }
    for (const R of [1, 3, 5]) {
      const [dl] = values(tf.tidy(() => sphere.sphereDiscriminatorLoss(tf.tensor2d(handReal), tf.tensor2d(handFake), R, route)));
      close(dl, expected[R].D, 2e-6, `D loss R=${R}`);
      const [gl] = values(tf.tidy(() => sphere.sphereGeneratorLoss(tf.tensor2d(handFake), R, route)));
      close(gl, expected[R].G, 2e-6, `G loss R=${R}`);
    }
  });
}

/**
 * After a small step against the loss's gradient (each feature moved by 10⁻³ along its own
 * −gradient, so large moment sums cannot overshoot), does each side's distance to the pole
 * 2·arctan(1/‖u‖) (float64) go up (+1) or down (−1)? Real and fake features: the hand-picked ones.
 */
function pushDirections(loss: (real: tf.Tensor, fake: tf.Tensor) => tf.Tensor): { real: number[]; fake: number[] } {
  const step = 1e-3;
  const dist = (u: number[]) => 2 * Math.atan(1 / Math.hypot(...u));
  const [gr, gf] = tf.tidy(() => tf.grads((r: tf.Tensor, f: tf.Tensor) => loss(r, f))([tf.tensor2d(handReal), tf.tensor2d(handFake)]).map((g) => g.arraySync() as number[][]));
  const move = (rows: number[][], grads: number[][]) =>
    rows.map((u, i) => {
      const gn = Math.hypot(...grads[i]);
      const next = u.map((x, j) => x - (step * grads[i][j]) / gn);
      return Math.sign(dist(next) - dist(u));
    });
  return { real: move(handReal, gr), fake: move(handFake, gf) };
}

test("sphere: D pushes real features away from the pole and pulls fakes to it; G pushes fakes away", () => {
  for (const R of [1, 3, 5]) {
    const dPush = pushDirections((r, f) => sphere.sphereDiscriminatorLoss(r, f, R));
    assert.deepEqual(dPush, { real: [1, 1, 1], fake: [-1, -1] }, `D, R=${R}`);
    const gPush = pushDirections((r, f) => tf.add(sphere.sphereGeneratorLoss(f, R), tf.mul(0, tf.sum(r))));
    assert.deepEqual(gPush.fake, [1, 1], `G, R=${R}`);
  }
});

test("sphere: the push check rejects a D loss with the signs swapped (must fail)", () => {
  const swapped = pushDirections((r, f) => tf.neg(sphere.sphereDiscriminatorLoss(r, f, 3)));
  assert.notDeepEqual(swapped, { real: [1, 1, 1], fake: [-1, -1] });
});

test("sphere: norm-only head 2·arctan(1/‖u‖) and the projection route agree to float32 precision", () => {
  const norms = [1e-3, 0.01, 0.1, 0.5, 1, 2, 10, 100, 1000];
  const dirs = [[0.6, -0.8, 0], [1 / S3, 1 / S3, 1 / S3]];
  const us3 = norms.flatMap((r) => dirs.map((dir) => dir.map((x) => r * x)));
  const byNorm = values(tf.tidy(() => sphere.distanceToNorthPole(tf.tensor2d(us3))));
  const byProjection = values(tf.tidy(() => sphere.distanceViaProjection(tf.tensor2d(us3))));
  us3.forEach((u, i) => {
    const exact = 2 * Math.atan(1 / Math.hypot(...u));
    // float32: the projection's last coordinate carries ≈ 2⁻²⁴ absolute error, magnified by 1/sin d in arccos
    const tolProjection = (4 * 2 ** -24) / Math.sin(exact) + 1e-6;
    assert.ok(Math.abs(byProjection[i] - exact) <= tolProjection, `projection route at ‖u‖=${Math.hypot(...u)}: ${byProjection[i]} vs ${exact}`);
    assert.ok(Math.abs(byNorm[i] - exact) <= 1e-6, `norm route at ‖u‖=${Math.hypot(...u)}: ${byNorm[i]} vs ${exact}`);
  });
});

test("sphere: the norm route keeps float32's relative precision near the pole (‖u‖ up to 10⁶) and its gradient matches −2/(1 + ‖u‖²)", () => {
  const norms = [1e-3, 1, 10, 1e3, 1e4, 1e6];
  const us3 = norms.map((r) => [0.6 * r, -0.8 * r, 0]);
  const d = values(tf.tidy(() => sphere.distanceToNorthPole(tf.tensor2d(us3))));
  norms.forEach((r, i) => {
    const exact = 2 * Math.atan(1 / r);
    assert.ok(Math.abs(d[i] - exact) <= 4e-7 * exact, `‖u‖=${r}: ${d[i]} vs ${exact} (relative ${Math.abs(d[i] - exact) / exact})`);
  });
  // ∂d/∂u = −2/(1 + r²) · u/r: along u = (0.6 r, −0.8 r, 0) the first component is −1.2/(1 + r²)
  const g = values(tf.tidy(() => tf.grad((u: tf.Tensor) => tf.sum(sphere.distanceToNorthPole(u)))(tf.tensor2d(us3))));
  norms.forEach((r, i) => close(g[3 * i], -1.2 / (1 + r * r), 1e-5, `gradient at ‖u‖=${r}`));
});

test("sphere: the projection route stays finite where float32 rounds the projected point onto the pole", () => {
  const far = tf.tensor2d([[1e4, 0, 0], [0, 0, 0]]);
  const d = values(tf.tidy(() => sphere.distanceViaProjection(far)));
  const g = values(tf.tidy(() => tf.grad((u: tf.Tensor) => tf.sum(sphere.distanceViaProjection(u)))(far)));
  far.dispose();
  d.forEach((x) => assert.ok(Number.isFinite(x), `d ${x}`));
  g.forEach((x) => assert.ok(Number.isFinite(x), `gradient ${x}`));
  close(d[0], 2 * Math.atan(1e-4), 2e-3, "d at ‖u‖ = 10⁴ (within the clip)");
});
