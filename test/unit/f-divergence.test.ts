/**
 * The f-divergence table (lib/stats/f-divergence.ts) against numerical Fenchel conjugates
 * (lib/stats/conjugate.ts): f* = sup_u (ut − f(u)), f** = f, the domain of f* (where the sup
 * is unbounded), g_f mapping ℝ into dom f*, Fenchel–Young at T* = f′(u), f′ against central
 * differences, convexity, f(1). Each check has a case that must fail.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { F_DIVERGENCES, F_DIVERGENCE_TABLE, optimalRawOutput, type FDivergence } from "../../lib/stats/f-divergence";
import {
  biconjugateGap,
  conjugateGap,
  inInterval,
  minSecondDifference,
  numericalConjugate,
  POSITIVE_REALS,
  REAL_LINE,
} from "../../lib/stats/conjugate";

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
}

/** u = p/q from 0.05 to 20, log-spaced (41 points). */
const us = Array.from({ length: 41 }, (_, i) => 0.05 * 400 ** (i / 40));
/** Raw outputs v from −30 to 30. */
const vs = Array.from({ length: 121 }, (_, i) => -30 + i * 0.5);
/** t values inside dom f*: g_f of moderate raw outputs. */
const tsInside = (div: FDivergence) => [-3, -1.5, -0.4, 0, 0.7, 1.9].map(F_DIVERGENCE_TABLE[div].activation);

for (const div of F_DIVERGENCES) {
  const d = F_DIVERGENCE_TABLE[div];

  test(`${div}: f(1) = ${div === "gan" ? "−log 4" : "0"}`, () => {
    assert.equal(d.fAtOne, div === "gan" ? -Math.log(4) : 0);
    close(d.f(1), d.fAtOne, 1e-15, "f(1)");
  });

  test(`${div}: closed-form f* equals the numerical sup_u (ut − f(u))`, () => {
    const gap = conjugateGap(d.f, d.conjugate, d.generatorDomain, tsInside(div));
    assert.ok(gap < 1e-12, `max |f* − sup| = ${gap}`);
  });

  test(`${div}: f** = f on u ∈ [0.05, 20] (numerical sup over dom f*)`, () => {
    const gap = biconjugateGap(d.f, d.conjugate, d.conjugateDomain, us);
    assert.ok(gap < 1e-12, `max |f** − f| = ${gap}`);
  });

  test(`${div}: the sup defining f* is unbounded just outside dom f*, attained inside`, () => {
    for (const t of tsInside(div)) assert.equal(numericalConjugate(d.f, t, d.generatorDomain).atSearchEdge, false, `t = ${t} inside`);
    const { hi } = d.conjugateDomain;
    if (Number.isFinite(hi)) {
      // at t = hi the objective u·t − f(u) increases for ever (t − f′(u) > 0; it grows like
      // log u, too slowly for the numerical sup, whose f(u) loses all digits at u ~ 10¹⁵)
      for (const u of [1, 1e3, 1e6, 1e9, 1e12]) assert.ok(hi - d.fPrime(u) > 0, `t − f′(${u}) = ${hi - d.fPrime(u)}`);
      const beyond = numericalConjugate(d.f, hi + 0.5, d.generatorDomain);
      assert.ok(beyond.atSearchEdge && beyond.value > 1e6, `t = ${hi + 0.5}: sup ${beyond.value} should run off to +∞`);
      assert.equal(d.conjugate(hi), Infinity);
      assert.equal(d.conjugate(hi + 0.5), Infinity);
    }
  });

  test(`${div}: g_f maps v ∈ [−30, 30] into dom f*, and g_f⁻¹ inverts it`, () => {
    for (const v of vs) {
      const t = d.activation(v);
      assert.ok(inInterval(t, d.conjugateDomain), `g(${v}) = ${t} outside (${d.conjugateDomain.lo}, ${d.conjugateDomain.hi})`);
      if (Math.abs(v) <= 15) close(d.activationInverse(t), v, 1e-9, `g⁻¹(g(${v}))`);
    }
  });

  test(`${div}: stable f*(g_f(v)) equals the composition`, () => {
    for (const v of vs.filter((x) => Math.abs(x) <= 10)) close(d.conjugateOfActivation(v), d.conjugate(d.activation(v)), 1e-11, `f*(g(${v}))`);
  });

  test(`${div}: T* = f′(u) attains the bound (Fenchel–Young) and f′ is the derivative of f`, () => {
    for (const u of us) {
      const t = d.fPrime(u);
      assert.ok(inInterval(t, d.conjugateDomain), `f′(${u}) = ${t} outside dom f*`);
      close(u * t - d.conjugate(t), d.f(u), 1e-12, `u f′(u) − f*(f′(u)) at ${u}`);
      const h = 1e-6 * u;
      close(d.fPrime(u), (d.f(u + h) - d.f(u - h)) / (2 * h), 1e-7, `f′(${u}) vs central difference`);
    }
  });

  test(`${div}: f is convex on (0, ∞)`, () => {
    const worst = minSecondDifference(d.f, us);
    assert.ok(worst > 0, `min second difference / h² = ${worst}`);
  });
}

test("optimal raw outputs V* = g⁻¹(f′(p/q)) in closed form", () => {
  for (const r of [0.1, 0.7, 1, 3.5]) {
    const log = Math.log(r);
    const expected: Record<FDivergence, number> = {
      kl: 1 + log,
      "reverse-kl": log,
      pearson: 2 * (r - 1),
      "squared-hellinger": log / 2,
      "jensen-shannon": log,
      gan: log,
    };
    for (const div of F_DIVERGENCES) close(optimalRawOutput(div, r), expected[div], 1e-12, `${div} at p/q = ${r}`);
  }
});

test("the f** check catches a wrong conjugate (must fail)", () => {
  // e^t instead of e^(t−1): its conjugate is u log u − u, off by u
  const kl = F_DIVERGENCE_TABLE.kl;
  const gap = biconjugateGap(kl.f, (t) => Math.exp(t), REAL_LINE, us);
  assert.ok(gap > 1, `gap ${gap}`);
  // the right formula on the wrong domain: t/(1 − t) on all of ℝ makes the sup unbounded
  const h = F_DIVERGENCE_TABLE["squared-hellinger"];
  assert.ok(biconjugateGap(h.f, (t) => t / (1 - t), REAL_LINE, [0.5, 2]) > 1e6);
});

test("the conjugate check catches the Pearson f* taken over u > 0 only (must fail for t < −2)", () => {
  // over u > 0 the sup at t < −2 is −1 (at u → 0), not t²/4 + t: the table's f* is the conjugate over ℝ
  const p = F_DIVERGENCE_TABLE.pearson;
  assert.ok(conjugateGap(p.f, p.conjugate, POSITIVE_REALS, [-3, -4]) > 0.2);
  assert.ok(conjugateGap(p.f, p.conjugate, POSITIVE_REALS, [-1.5, 0, 2]) < 1e-9);
});

test("the domain and convexity checks catch a wrong activation and a concave f (must fail)", () => {
  const h = F_DIVERGENCE_TABLE["squared-hellinger"];
  assert.ok(vs.some((v) => !inInterval(v, h.conjugateDomain)), "identity activation should leave t < 1");
  assert.ok(minSecondDifference((u) => -u * Math.log(u), us) < 0);
});
