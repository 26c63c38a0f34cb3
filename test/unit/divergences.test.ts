/**
 * f-divergences between normals: the closed forms against the values derived by hand for
 * P = N(0, 1), Q = N(1, 1), against Simpson quadrature of ∫ q f(p/q) (also for a pair with
 * unequal variances) and against seeded Monte Carlo; JS and GAN by quadrature at two
 * resolutions, against Monte Carlo and against each other (D_JS − D_GAN = log 4); the bound at
 * the optimal critic equals D_f. Wrong closed forms must be rejected by the same comparisons.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { F_DIVERGENCES } from "../../lib/stats/f-divergence";
import {
  boundAtOptimalCritic,
  closedFormFDivergence,
  jensenShannonNormal,
  monteCarloFDivergence,
  pearsonNormal,
  quadratureFDivergence,
  type Normal1d,
} from "../../lib/stats/divergences";
import { Rng } from "../../lib/util/rng";

const P: Normal1d = { mean: 0, std: 1 };
const Q: Normal1d = { mean: 1, std: 1 };
/** a pair with unequal variances (2σ_q² > σ_p², so χ² is finite) */
const P2: Normal1d = { mean: 0.3, std: 0.8 };
const Q2: Normal1d = { mean: -0.5, std: 1.3 };

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
}

function samples(n: Normal1d, count: number, seed: number): Float64Array {
  return new Rng(seed).normalArray(count).map((z) => n.mean + n.std * z);
}

test("closed forms for N(0, 1) ‖ N(1, 1) equal the values derived by hand", () => {
  assert.equal(closedFormFDivergence("kl", P, Q), 0.5);
  assert.equal(closedFormFDivergence("reverse-kl", P, Q), 0.5);
  close(closedFormFDivergence("pearson", P, Q)!, Math.E - 1, 1e-15, "χ²");
  close(closedFormFDivergence("squared-hellinger", P, Q)!, 2 * (1 - Math.exp(-1 / 8)), 1e-15, "H²");
  assert.equal(closedFormFDivergence("jensen-shannon", P, Q), null);
  assert.equal(closedFormFDivergence("gan", P, Q), null);
});

for (const [name, p, q] of [["N(0,1) ‖ N(1,1)", P, Q], ["N(0.3,0.8²) ‖ N(−0.5,1.3²)", P2, Q2]] as const) {
  test(`closed forms equal quadrature to 1e−11: ${name}`, () => {
    for (const div of F_DIVERGENCES) {
      const exact = closedFormFDivergence(div, p, q);
      if (exact !== null) close(quadratureFDivergence(div, p, q), exact, 1e-11, div);
    }
  });
}

test("JS and GAN quadrature: converged, linked by D_JS − D_GAN = log 4, JS within [0, log 2]", () => {
  for (const div of ["jensen-shannon", "gan"] as const) {
    close(quadratureFDivergence(div, P, Q, 20000), quadratureFDivergence(div, P, Q, 80000), 1e-13, `${div} at 20k vs 80k intervals`);
  }
  close(quadratureFDivergence("jensen-shannon", P, Q) - quadratureFDivergence("gan", P, Q), Math.log(4), 1e-13, "D_JS − D_GAN");
  const js = jensenShannonNormal(P, Q);
  assert.ok(js > 0 && js < Math.log(2), `JS ${js}`);
  // identical distributions: JS = 0 and D_GAN = −log 4
  close(jensenShannonNormal(P, P), 0, 1e-13, "JS(P‖P)");
  close(quadratureFDivergence("gan", P, P), -Math.log(4), 1e-13, "D_GAN(P‖P)");
});

test("Monte Carlo (seeded, 200,000 samples) agrees with quadrature within 4 standard errors", () => {
  // samples of P for the equal-variance pair; of Q for the second, where Q is wider than P
  for (const [p, q, from, seed] of [[P, Q, "P", 11], [P2, Q2, "Q", 12]] as const) {
    const xs = samples(from === "P" ? p : q, 200000, seed);
    for (const div of F_DIVERGENCES) {
      const mc = monteCarloFDivergence(div, p, q, xs, from);
      const quad = quadratureFDivergence(div, p, q);
      assert.ok(Math.abs(mc.mean - quad) <= 4 * mc.se, `${div}: MC ${mc.mean} ± ${mc.se} vs quadrature ${quad}`);
      assert.ok(mc.se < 0.02 * Math.abs(quad), `${div}: standard error ${mc.se} too large to test ${quad}`);
    }
  }
});

test("the bound E_P[T*] − E_Q[f*(T*)] at T* = f′(p/q) equals D_f", () => {
  for (const div of F_DIVERGENCES) close(boundAtOptimalCritic(div, P, Q), quadratureFDivergence(div, P, Q), 1e-12, div);
});

test("χ² diverges when 2σ_q² ≤ σ_p²", () => {
  assert.equal(pearsonNormal({ mean: 0, std: 2 }, { mean: 0, std: 1 }), Infinity);
  assert.ok(Number.isFinite(pearsonNormal({ mean: 0, std: 1.4 }, { mean: 0, std: 1 })));
});

test("wrong closed forms are rejected by quadrature and Monte Carlo (must fail)", () => {
  const xs = samples(P, 200000, 13);
  const wrong = [
    ["pearson", Math.E], // forgot the − 1
    ["squared-hellinger", 1 - Math.exp(-1 / 8)], // the ½ convention, not the f of the table
    ["kl", 1], // Δ² instead of Δ²/2
    ["jensen-shannon", jensenShannonNormal(P, Q)], // the usual JS, not 2·JS
  ] as const;
  for (const [div, value] of wrong) {
    const quad = quadratureFDivergence(div, P, Q);
    const mc = monteCarloFDivergence(div, P, Q, xs, "P");
    assert.ok(Math.abs(quad - value) > 1e-3, `${div}: quadrature ${quad} should reject ${value}`);
    assert.ok(Math.abs(mc.mean - value) > 4 * mc.se, `${div}: MC ${mc.mean} ± ${mc.se} should reject ${value}`);
  }
});

test("bad distributions are refused with the value named", () => {
  assert.throws(() => closedFormFDivergence("kl", { mean: 0, std: 0 }, Q), /std 0/);
});
