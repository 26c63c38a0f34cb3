/**
 * lib/eval/frechet against independent oracles:
 * - closed forms: FD of diagonal and of commuting covariances Σ(√aᵢ − √bᵢ)², of rank-one
 *   covariances vvᵀ, wwᵀ (‖v‖² + ‖w‖² − 2|v·w|), of a zero covariance, in one dimension
 *   (Δμ² + (σ₁ − σ₂)²);
 * - a second implementation: Tr(Σ₁Σ₂)^½ as the trace of mathjs sqrtm(Σ₁Σ₂) (Denman–Beavers)
 *   on random invertible covariances up to d = 64;
 * - gaussianStats against E[xxᵀ] − μμᵀ rescaled by n/(n − 1), and sample statistics of
 *   N(μ, Σ) converging to the closed form;
 * - FD(A, A) = 0, homogeneity FD(cx, cy) = c²FD(x, y), and the cases that must fail:
 *   different means or covariances give FD far from 0, mismatched widths throw.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { sqrtm, trace as mtrace, multiply } from "mathjs";
import { frechetDistance, frechetParts, gaussianStats, traceSqrtProduct, type GaussianStats } from "../../lib/eval/frechet";
import { Rng } from "../../lib/util/rng";

function close(a: number, b: number, rel: number, what: string): void {
  assert.ok(Math.abs(a - b) <= rel * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
}

/** A random orthogonal [d, d] matrix: Gram–Schmidt on Gaussian columns. */
function orthogonal(d: number, rng: Rng): Float64Array {
  const q = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    const v = rng.normalArray(d);
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += v[i] * q[i * d + j];
      for (let i = 0; i < d; i++) v[i] -= dot * q[i * d + j];
    }
    const norm = Math.hypot(...v);
    for (let i = 0; i < d; i++) q[i * d + k] = v[i] / norm;
  }
  return q;
}

/** Q diag(λ) Qᵀ. */
function fromSpectrum(q: Float64Array, lambda: number[]): Float64Array {
  const d = lambda.length;
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) m[i * d + j] += q[i * d + k] * lambda[k] * q[j * d + k];
  return m;
}

/** A random SPD covariance: XᵀX / m of m Gaussian rows of width d (full rank when m ≥ d). */
function wishart(d: number, m: number, rng: Rng): Float64Array {
  const x = rng.normalArray(m * d);
  const c = new Float64Array(d * d);
  for (let r = 0; r < m; r++) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) c[i * d + j] += (x[r * d + i] * x[r * d + j]) / m;
  return c;
}

const stats = (mean: number[], cov: Float64Array): GaussianStats => ({ n: 0, dim: mean.length, mean: Float64Array.from(mean), cov });
const rows = (m: Float64Array, d: number) => Array.from({ length: d }, (_, i) => Array.from(m.subarray(i * d, (i + 1) * d)));

test("diagonal and commuting covariances: FD = ‖Δμ‖² + Σ(√aᵢ − √bᵢ)²", () => {
  const rng = new Rng(1);
  for (const d of [1, 5, 20]) {
    const a = Array.from(rng.uniformArray(d, 0.1, 4));
    const b = Array.from(rng.uniformArray(d, 0.1, 4));
    const mu1 = Array.from(rng.normalArray(d));
    const mu2 = Array.from(rng.normalArray(d));
    const expected = mu1.reduce((s, m, i) => s + (m - mu2[i]) ** 2, 0) + a.reduce((s, ai, i) => s + (Math.sqrt(ai) - Math.sqrt(b[i])) ** 2, 0);
    const eye = orthogonal(d, rng).fill(0);
    for (let i = 0; i < d; i++) eye[i * d + i] = 1;
    close(frechetDistance(stats(mu1, fromSpectrum(eye, a)), stats(mu2, fromSpectrum(eye, b))), expected, 1e-9, `diagonal d=${d}`);
    const q = orthogonal(d, rng);
    close(frechetDistance(stats(mu1, fromSpectrum(q, a)), stats(mu2, fromSpectrum(q, b))), expected, 1e-8, `commuting d=${d}`);
  }
});

test("one dimension: FD = (μ₁ − μ₂)² + (σ₁ − σ₂)²", () => {
  const fd = frechetDistance(stats([0.5], Float64Array.of(4)), stats([-1], Float64Array.of(0.25)));
  close(fd, 1.5 ** 2 + (2 - 0.5) ** 2, 1e-12, "1-D");
});

test("singular covariances need no regularisation: rank one and zero", () => {
  const rng = new Rng(2);
  const d = 8;
  const v = rng.normalArray(d);
  const w = rng.normalArray(d);
  const outer = (x: Float64Array) => {
    const m = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m[i * d + j] = x[i] * x[j];
    return m;
  };
  const dot = v.reduce((s, vi, i) => s + vi * w[i], 0);
  const nv = v.reduce((s, x) => s + x * x, 0);
  const nw = w.reduce((s, x) => s + x * x, 0);
  const zero = new Array<number>(d).fill(0);
  close(frechetDistance(stats(zero, outer(v)), stats(zero, outer(w))), nv + nw - 2 * Math.abs(dot), 1e-8, "rank one");
  close(frechetDistance(stats(zero, outer(v)), stats(zero, new Float64Array(d * d))), nv, 1e-12, "against Σ = 0");
  assert.equal(frechetDistance(stats(zero, new Float64Array(d * d)), stats(zero, new Float64Array(d * d))), 0);
  // the reason for the eigen route: Denman–Beavers (mathjs sqrtm) inverts its iterates
  assert.throws(() => sqrtm(rows(new Float64Array(d * d), d)));
});

test("Tr(Σ₁Σ₂)^½ agrees with the trace of mathjs sqrtm(Σ₁Σ₂) on random invertible covariances", () => {
  const rng = new Rng(3);
  for (const d of [3, 16, 64]) {
    const a = wishart(d, 3 * d, rng);
    const b = wishart(d, 3 * d, rng);
    const viaSqrtm = mtrace(sqrtm(multiply(rows(a, d), rows(b, d)) as number[][]) as unknown as number[][]) as number;
    close(traceSqrtProduct(a, b, d), viaSqrtm, 1e-6, `d=${d}`);
    // invariant to the order of the factors: Tr(Σ₁Σ₂)^½ = Tr(Σ₂Σ₁)^½
    close(traceSqrtProduct(b, a, d), viaSqrtm, 1e-6, `d=${d}, swapped`);
  }
});

test("FD(A, A) = 0, FD(cx, cy) = c²·FD(x, y), and a different set is far from 0", () => {
  const rng = new Rng(4);
  const d = 16;
  const n = 400;
  const x = rng.normalArray(n * d).map((v, i) => v * (1 + (i % d) / 4));
  const y = rng.normalArray(n * d).map((v, i) => v + (i % d === 0 ? 0.5 : 0));
  const sx = gaussianStats(x, d);
  const parts = frechetParts(sx, sx);
  assert.equal(parts.meanTerm, 0);
  assert.ok(Math.abs(parts.fd) < 1e-9 * (1 + parts.covTerm + sx.cov.reduce((s, v, i) => s + (i % (d + 1) === 0 ? v : 0), 0)), `FD(A, A) = ${parts.fd}`);
  const fd = frechetDistance(sx, gaussianStats(y, d));
  assert.ok(fd > 1, `FD of differently scaled sets ${fd} should be far from 0`);
  close(frechetDistance(gaussianStats(x.map((v) => 3 * v), d), gaussianStats(y.map((v) => 3 * v), d)), 9 * fd, 1e-8, "homogeneity");
});

test("gaussianStats: mean and unbiased covariance against E[xxᵀ] − μμᵀ times n/(n − 1)", () => {
  const rng = new Rng(5);
  const d = 4;
  const n = 7;
  const x = rng.normalArray(n * d);
  const s = gaussianStats(x, d);
  for (let a = 0; a < d; a++) {
    const ma = Array.from({ length: n }, (_, i) => x[i * d + a]).reduce((p, q) => p + q, 0) / n;
    close(s.mean[a], ma, 1e-12, `μ[${a}]`);
    for (let b = 0; b < d; b++) {
      const mb = Array.from({ length: n }, (_, i) => x[i * d + b]).reduce((p, q) => p + q, 0) / n;
      const exy = Array.from({ length: n }, (_, i) => x[i * d + a] * x[i * d + b]).reduce((p, q) => p + q, 0) / n;
      close(s.cov[a * d + b], ((exy - ma * mb) * n) / (n - 1), 1e-12, `Σ[${a},${b}]`);
    }
  }
  assert.throws(() => gaussianStats(x, 3), /28 values do not form rows of width 3/);
  assert.throws(() => gaussianStats(x.subarray(0, 4), 4), /1 rows; a covariance needs at least 2/);
  assert.throws(() => frechetDistance(s, gaussianStats(rng.normalArray(10), 5)), /feature widths 4 and 5 differ/);
});

test("sample statistics of two Gaussians: FD converges to the closed form of their parameters", () => {
  const rng = new Rng(6);
  const d = 6;
  const q = orthogonal(d, rng);
  const a = [0.5, 1, 1.5, 2, 2.5, 3];
  const b = [3, 1, 0.5, 2, 1, 0.25];
  const mu2 = [1, 0, 0, -1, 0, 0];
  const expected = 2 + a.reduce((s, ai, i) => s + (Math.sqrt(ai) - Math.sqrt(b[i])) ** 2, 0);
  /** n draws of N(μ, Q diag(λ) Qᵀ): μ + Q diag(√λ) z. */
  const draw = (n: number, mu: number[], lambda: number[]) => {
    const z = rng.normalArray(n * d);
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let r = 0; r < d; r++) {
      let v = mu[r];
      for (let k = 0; k < d; k++) v += q[r * d + k] * Math.sqrt(lambda[k]) * z[i * d + k];
      out[i * d + r] = v;
    }
    return out;
  };
  const errors = [200, 20000].map((n) => Math.abs(frechetDistance(gaussianStats(draw(n, [0, 0, 0, 0, 0, 0], a), d), gaussianStats(draw(n, mu2, b), d)) - expected));
  assert.ok(errors[1] < 0.05 * expected, `FD at n = 20000 is off by ${errors[1]} from ${expected}`);
  assert.ok(errors[1] < errors[0], `error does not shrink with n: ${errors}`);
});
