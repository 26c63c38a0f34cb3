/**
 * Disjoint supports: the parallel-lines values against a discretised version of the two
 * distributions and against W₁'s lower (1-D marginal) and upper (translation plan) bounds;
 * discrete JS/KL/TV against a hand-computed case; sorted 1-D W₁ against brute force over all
 * matchings; the one-hot margins against their closed form and a sum score that cannot
 * separate (must fail).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  confidentGeneratorMargins,
  discreteDivergences,
  oneHotMargins,
  oneHotScores,
  parallelLines,
  penalisedCriticOnLines,
  separationMargin,
  softmax,
  wasserstein1dSamples,
} from "../../lib/stats/disjoint-supports";
import { Rng } from "../../lib/util/rng";

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * Math.abs(b) + 1e-300, `${what}: ${a} vs ${b}`);
}

/** P₀ and P_θ as probability vectors on a grid of cells 0.1 wide in x (from −3 to 3) and 0.1 tall in z. */
function discretisedLines(theta: number): { p: number[]; q: number[] } {
  const nx = 60, nz = 10;
  const p = new Array<number>(nx * nz).fill(0), q = new Array<number>(nx * nz).fill(0);
  const col = (x: number) => Math.floor((x + 3) / 0.1 + 1e-9);
  for (let j = 0; j < nz; j++) {
    p[col(0) * nz + j] += 1 / nz;
    q[col(theta) * nz + j] += 1 / nz;
  }
  return { p, q };
}

test("parallel lines: JS = log 2, KL = ∞, TV = 1 for θ ≠ 0, all 0 at θ = 0 (against a discretised version)", () => {
  for (const theta of [-0.7, 0.3, 2, 0]) {
    const exact = parallelLines(theta);
    const { p, q } = discretisedLines(theta);
    const d = discreteDivergences(p, q);
    close(d.js, exact.js, 1e-15, `JS θ=${theta}`);
    assert.equal(d.kl, exact.kl, `KL θ=${theta}`);
    close(d.tv, exact.tv, 1e-15, `TV θ=${theta}`);
  }
});

test("parallel lines: W₁ = |θ|, squeezed between the x-marginals' W₁ and the translation plan's cost", () => {
  const z = Array.from(new Rng(31).uniformArray(2000));
  for (const theta of [-0.7, 0.3, 2]) {
    // lower bound: projecting onto x is 1-Lipschitz, so W₁ ≥ W₁ of the x-coordinates
    const lower = wasserstein1dSamples(z.map(() => 0), z.map(() => theta));
    // upper bound: the plan (0, z) → (θ, z)
    const upper = z.reduce((s, zi) => s + Math.hypot(theta - 0, zi - zi), 0) / z.length;
    close(lower, Math.abs(theta), 1e-12, "lower");
    close(upper, Math.abs(theta), 1e-12, "upper");
    assert.equal(parallelLines(theta).w1, Math.abs(theta));
  }
});

test("discrete divergences on a hand-computed pair", () => {
  // p = (½, ½, 0), q = (0, ½, ½): M = (¼, ½, ¼); KL(p‖M) = ½ log 2 = KL(q‖M), so JS = ½ log 2
  const d = discreteDivergences([0.5, 0.5, 0], [0, 0.5, 0.5]);
  close(d.js, 0.5 * Math.log(2), 1e-15, "JS");
  assert.equal(d.kl, Infinity);
  close(d.tv, 0.5, 1e-15, "TV");
});

test("sorted 1-D W₁ equals the best of all matchings (brute force, n = 6)", () => {
  const rng = new Rng(32);
  const a = Array.from(rng.normalArray(6)), b = Array.from(rng.normalArray(6)).map((x) => 2 * x + 1);
  let best = Infinity;
  const permute = (rest: number[], chosen: number[]) => {
    if (rest.length === 0) {
      best = Math.min(best, chosen.reduce((s, j, i) => s + Math.abs(a[i] - b[j]), 0) / a.length);
      return;
    }
    rest.forEach((j, k) => permute([...rest.slice(0, k), ...rest.slice(k + 1)], [...chosen, j]));
  };
  permute([0, 1, 2, 3, 4, 5], []);
  close(wasserstein1dSamples(a, b), best, 1e-14, "W₁");
});

test("one-hot margins of a confident softmax against the closed form, down to e^(−200)", () => {
  for (const tau of [5, 1, 0.2, 0.05, 0.01]) {
    const y = softmax([2, 0, 0, 0, 0, 0, 0, 0, 0, 0], tau);
    const m = oneHotMargins(y), exact = confidentGeneratorMargins(10, 2, tau);
    close(m.sumOfSquares, exact.sumOfSquares, 1e-12, `1 − ‖y‖² at τ=${tau}`);
    close(m.max, exact.max, 1e-12, `1 − max y at τ=${tau}`);
    assert.ok(m.sumOfSquares > 0 && m.max > 0);
  }
  // the naive 1 − Σy² has lost every digit at τ = 0.01, where the margin is ≈ 9·e^(−200)
  const y = softmax([2, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.01);
  assert.equal(1 - oneHotScores(y).sumOfSquares, 0);
});

test("‖y‖² separates one-hot data from softmax outputs at every temperature; Σy does not (must fail)", () => {
  const rng = new Rng(33);
  const logits = Array.from({ length: 200 }, () => Array.from(rng.normalArray(10)).map((x) => 3 * x));
  const real = Array.from({ length: 200 }, (_, i) => Array.from({ length: 10 }, (_, k) => (k === i % 10 ? 1 : 0)));
  let previous = Infinity;
  for (const tau of [2, 1, 0.5, 0.25]) {
    const fake = logits.map((l) => softmax(l, tau));
    const margin = separationMargin(real.map((y) => oneHotScores(y).sumOfSquares), fake.map((y) => oneHotScores(y).sumOfSquares));
    const smallest = Math.min(...fake.map((y) => oneHotMargins(y).sumOfSquares));
    // the scores carry ≈ 10⁻¹⁶ absolute rounding; the stable margins do not
    assert.ok(Math.abs(margin - smallest) < 1e-15, `margin at τ=${tau}: ${margin} vs ${smallest}`);
    assert.ok(margin > 0 && margin < previous, `margin ${margin} at τ=${tau}`);
    previous = margin;
    const sums = (ys: number[][]) => ys.map((y) => y.reduce((a, b) => a + b, 0));
    assert.ok(separationMargin(sums(real), sums(fake)) <= 1e-15, "Σy is 1 for both and separates nothing");
  }
});

/**
 * The penalised critic on the lines, against a direct maximisation: the slope profile s(u) on
 * 40 equal cells of the gap (α uniform puts equal penalty weight on each), objective
 * Σ s_i·|θ|/m − λ·Σ (s_i − 1)²/m, climbed by gradient ascent from a random profile.
 */
test("penalised critic on parallel lines: slope 1 + |θ|/(2λ) and estimate |θ| + θ²/(2λ) (against gradient ascent); the plain W₁ critic is not its optimum (must fail)", () => {
  const rng = new Rng(7);
  const m = 40;
  for (const [theta, lambda] of [[1, 10], [-2, 10], [8, 10], [0.5, 0.1]]) {
    const t = Math.abs(theta);
    const objective = (s: number[]) => s.reduce((a, v) => a + (v * t) / m - (lambda * (v - 1) ** 2) / m, 0);
    let s = Array.from({ length: m }, () => 3 * rng.uniform());
    const rate = 0.4 / lambda;
    for (let it = 0; it < 4000; it++) s = s.map((v) => v + rate * (t - 2 * lambda * (v - 1)));
    const got = penalisedCriticOnLines(theta, lambda);
    for (const v of s) close(v, got.slope, 1e-9, `slope at θ = ${theta}, λ = ${lambda}`);
    close((t * s.reduce((a, b) => a + b, 0)) / m, got.estimate, 1e-9, `estimate at θ = ${theta}, λ = ${lambda}`);
    close(objective(s), got.objective, 1e-9, `objective at θ = ${theta}, λ = ${lambda}`);
    // must fail: the 1-Lipschitz critic (slope 1, estimate |θ|) scores θ²/(4λ) less under the penalty
    const plain = objective(new Array<number>(m).fill(1));
    assert.ok(got.objective - plain > 0.99 * (t * t) / (4 * lambda), `slope 1 would be optimal at θ = ${theta}, λ = ${lambda}`);
    assert.ok(got.estimate > t, "the penalised estimate overshoots |θ|");
  }
  assert.throws(() => penalisedCriticOnLines(1, 0), /λ/);
});
