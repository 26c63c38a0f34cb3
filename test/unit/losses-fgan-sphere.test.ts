/**
 * f-GAN: the stable f*(g_f(v)) against the table's naive composition in float64; f* against
 * a numerical Fenchel conjugate sup_u (ut − f(u)); the bound and the losses against hand
 * computed means; the "gan" divergence against binary cross-entropy.
 * Sphere GAN: projection, distance and losses against arccos of the projected point.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { F_DIVERGENCES, F_DIVERGENCE_DEFS, fganDiscriminatorLoss, fganGeneratorLoss, type FDivergence } from "../../lib/losses/fgan";
import { bceDiscriminatorLoss } from "../../lib/losses/adversarial";
import * as sphere from "../../lib/losses/sphere";

const vs = [-2.2, -0.7, -0.1, 0.3, 0.9, 1.6];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** g_f in float64, typed from the table of Nowozin et al. */
const gNaive: Record<FDivergence, (v: number) => number> = {
  kl: (v) => v,
  "reverse-kl": (v) => -Math.exp(-v),
  pearson: (v) => v,
  "squared-hellinger": (v) => 1 - Math.exp(-v),
  "jensen-shannon": (v) => Math.log(2) - Math.log(1 + Math.exp(-v)),
  gan: (v) => -Math.log(1 + Math.exp(-v)),
};

function values(t: tf.Tensor): number[] {
  const a = Array.from(t.dataSync());
  t.dispose();
  return a;
}

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
}

/**
 * sup_u (u t − f(u)) by golden-section search (the objective is concave in u): over u > 0
 * (searched on log u), or over all of ℝ for Pearson χ², whose f* = t²/4 + t is the conjugate of
 * (u − 1)² on the whole line.
 */
function numericalConjugate(f: (u: number) => number, t: number, wholeLine: boolean): number {
  const u = (s: number) => (wholeLine ? s : Math.exp(s));
  const phi = (s: number) => u(s) * t - f(u(s));
  let lo = wholeLine ? -1e3 : -30, hi = wholeLine ? 1e3 : 30;
  const r = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 200; i++) {
    const a = hi - r * (hi - lo), b = lo + r * (hi - lo);
    if (phi(a) < phi(b)) lo = a; else hi = b;
  }
  return phi((lo + hi) / 2);
}

for (const div of F_DIVERGENCES) {
  test(`f-GAN ${div}: activation and stable f*(g(v)) match the naive composition`, () => {
    const d = F_DIVERGENCE_DEFS[div];
    const g = values(tf.tidy(() => d.activation(tf.tensor1d(vs))));
    const fg = values(tf.tidy(() => d.conjugateOfActivation(tf.tensor1d(vs))));
    vs.forEach((v, i) => {
      close(g[i], gNaive[div](v), 1e-5, `g(${v})`);
      close(fg[i], d.conjugate(gNaive[div](v)), 1e-5, `f*(g(${v}))`);
    });
  });

  test(`f-GAN ${div}: f* is the Fenchel conjugate of f; f(1) = 0 (−log 4 for "gan")`, () => {
    const d = F_DIVERGENCE_DEFS[div];
    close(d.f(1), div === "gan" ? -Math.log(4) : 0, 1e-12, "f(1)");
    for (const v of vs) {
      const t = gNaive[div](v);
      close(d.conjugate(t), numericalConjugate(d.f, t, div === "pearson"), 1e-6, `f*(${t})`);
    }
  });
}

test("f-GAN losses are the negated bound and the two G objectives", () => {
  const real = [0.4, -1.1, 0.8], fake = [1.3, -0.2, -0.9];
  for (const div of F_DIVERGENCES) {
    const d = F_DIVERGENCE_DEFS[div];
    const bound = mean(real.map(gNaive[div])) - mean(fake.map((v) => d.conjugate(gNaive[div](v))));
    const [dl] = values(tf.tidy(() => fganDiscriminatorLoss(div, tf.tensor1d(real), tf.tensor1d(fake))));
    close(dl, -bound, 1e-5, `${div} D loss`);
    const [gb] = values(tf.tidy(() => fganGeneratorLoss(div, tf.tensor1d(fake), "bound")));
    close(gb, mean(fake.map((v) => -d.conjugate(gNaive[div](v)))), 1e-5, `${div} G bound`);
    const [gh] = values(tf.tidy(() => fganGeneratorLoss(div, tf.tensor1d(fake), "heuristic")));
    close(gh, -mean(fake.map(gNaive[div])), 1e-5, `${div} G heuristic`);
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
