/**
 * The saturation story on P = N(0, σ²), Q_θ = N(θ, σ²): D* against p/(p + q) from the
 * densities; the minimax and non-saturating gradients against finite differences of JS
 * (envelope theorem) and against seeded Monte Carlo; the critic's gradient stays 1 while the
 * minimax one vanishes. A discriminator that is not optimal breaks the envelope identity (must fail).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { jensenShannonNormal } from "../../lib/stats/divergences";
import {
  expectedGradients,
  optimalDiscriminator,
  pairDistributions,
  perSampleGradients,
  saturationCurve,
  sigmoid,
  type ShiftedPair,
} from "../../lib/stats/saturation";
import { Rng } from "../../lib/util/rng";

const density = (x: number, m: number, s: number) => Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));

/** dJS/dθ by a central difference of the quadrature JS (h = 10⁻³; error ≈ h²·JS‴/6). */
function jsSlope(pair: ShiftedPair): number {
  const h = 1e-3;
  const js = (t: number) => {
    const { real, fake } = pairDistributions({ separation: t, std: pair.std });
    return jensenShannonNormal(real, fake);
  };
  return (js(pair.separation + h) - js(pair.separation - h)) / (2 * h);
}

const pairs: ShiftedPair[] = [0.5, 1, 2, 4].map((separation) => ({ separation, std: 1 })).concat([{ separation: 1.5, std: 0.7 }]);

test("D*(x) = p/(p + q) from the two densities", () => {
  for (const pair of pairs) {
    for (const x of [-3, -0.4, 0, 0.8, 2.5, 6]) {
      const p = density(x, 0, pair.std), q = density(x, pair.separation, pair.std);
      const d = optimalDiscriminator(x, pair);
      assert.ok(Math.abs(d - p / (p + q)) < 1e-14, `D*(${x}) at θ=${pair.separation}: ${d} vs ${p / (p + q)}`);
    }
  }
});

test("envelope theorem: minimax gradient = 2·dJS/dθ, non-saturating = θ/σ² − 2·dJS/dθ", () => {
  for (const pair of pairs) {
    const g = expectedGradients(pair);
    const slope = jsSlope(pair);
    assert.ok(Math.abs(g.minimax - 2 * slope) < 1e-6, `θ=${pair.separation}: minimax ${g.minimax} vs 2·JS′ ${2 * slope}`);
    assert.ok(Math.abs(g.nonSaturating - (pair.separation / pair.std ** 2 - 2 * slope)) < 1e-6, `θ=${pair.separation}: non-saturating ${g.nonSaturating}`);
  }
});

test("expected gradients against seeded Monte Carlo over fakes (100,000 samples, 4 standard errors)", () => {
  for (const pair of pairs) {
    const xs = new Rng(21).normalArray(100000).map((z) => pair.separation + pair.std * z);
    const g = expectedGradients(pair);
    for (const key of ["minimax", "nonSaturating"] as const) {
      const terms = Array.from(xs, (x) => perSampleGradients(x, pair)[key]);
      const m = terms.reduce((a, b) => a + b, 0) / terms.length;
      const sd = Math.sqrt(terms.reduce((a, b) => a + (b - m) ** 2, 0) / (terms.length - 1));
      assert.ok(Math.abs(m - g[key]) <= 4 * sd / Math.sqrt(terms.length), `θ=${pair.separation} ${key}: MC ${m} vs quadrature ${g[key]}`);
    }
  }
});

test("saturation: the minimax gradient vanishes with the separation, the critic's stays 1", () => {
  const rows = saturationCurve([0, 1, 2, 4, 8, 12]);
  assert.deepEqual(rows.map((r) => r.critic), [0, 1, 1, 1, 1, 1]);
  assert.equal(rows[0].minimax, 0);
  // it rises with θ while the distributions overlap (it peaks near θ ≈ 2σ), then falls for good
  for (let i = 3; i < rows.length; i++) assert.ok(rows[i].minimax < rows[i - 1].minimax, `minimax not decreasing at θ=${rows[i].separation}`);
  // E_Q[D*] ≤ ∫ min(p, q) = 2Φ(−θ/(2σ)) ≤ e^(−θ²/(8σ²)) (Chernoff), so the gradient is below θ·e^(−θ²/8)
  for (const r of rows.slice(1)) assert.ok(r.minimax <= r.separation * Math.exp(-(r.separation ** 2) / 8), `θ=${r.separation}: ${r.minimax}`);
  assert.ok(rows[5].minimax < 1e-6 && Math.abs(rows[5].nonSaturating - 12) < 1e-6, `θ=12: ${JSON.stringify(rows[5])}`);
});

test("a discriminator that is not optimal breaks the envelope identity (must fail)", () => {
  // D with twice the optimal logit slope: its minimax gradient is no longer 2·dJS/dθ
  const pair = { separation: 2, std: 1 };
  const xs = new Rng(22).normalArray(100000).map((z) => pair.separation + z);
  const sharp = Array.from(xs, (x) => sigmoid(2 * pair.separation * (pair.separation / 2 - x)) * 2 * pair.separation);
  const m = sharp.reduce((a, b) => a + b, 0) / sharp.length;
  assert.ok(Math.abs(m - 2 * jsSlope(pair)) > 0.05, `non-optimal D gradient ${m} vs 2·JS′ ${2 * jsSlope(pair)}`);
});

test("bad pairs are refused with the value named", () => {
  assert.throws(() => expectedGradients({ separation: 1, std: -1 }), /std -1/);
});
