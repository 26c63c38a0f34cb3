import { test } from "node:test";
import assert from "node:assert/strict";
import { chiLogPdf, chiMean, chiPdf, chiPdfDirect, chiStd, chiVariance, scaledChiPdf } from "../../lib/stats/chi";
import { Rng } from "../../lib/util/rng";

/** Trapezoid rule on a uniform grid (the test's own integrator, independent of lib/stats/integrate). */
function trapezoid(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = (f(a) + f(b)) / 2;
  for (let i = 1; i < n; i++) s += f(a + i * h);
  return s * h;
}

function close(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (tol ${tol})`);
}

test("chi mean and std match the named special cases k = 1, 2, 3", () => {
  // half-normal, Rayleigh(1), Maxwell–Boltzmann(1)
  close(chiMean(1), Math.sqrt(2 / Math.PI), 1e-13, "half-normal mean");
  close(chiStd(1), Math.sqrt(1 - 2 / Math.PI), 1e-13, "half-normal std");
  close(chiMean(2), Math.sqrt(Math.PI / 2), 1e-13, "Rayleigh mean");
  close(chiStd(2), Math.sqrt((4 - Math.PI) / 2), 1e-13, "Rayleigh std");
  close(chiMean(3), 2 * Math.sqrt(2 / Math.PI), 1e-13, "Maxwell mean");
  close(chiStd(3), Math.sqrt(3 - 8 / Math.PI), 1e-13, "Maxwell std");
});

test("chi mean: recurrence μ_k·μ_{k+1} = k and the large-k expansion", () => {
  // k = 341·342 straddles the switch from the Γ ratio to lgamma (arguments above 171)
  for (const k of [1, 2, 7, 50, 99, 100, 333, 341, 1000]) {
    close(chiMean(k) * chiMean(k + 1), k, 1e-8 * k, `μ_${k}·μ_${k + 1}`);
  }
  // μ_k = √k (1 − 1/(4k) + 1/(32k²) + 5/(128k³) + O(k⁻⁴))
  for (const k of [200, 1000, 5000]) {
    const series = Math.sqrt(k) * (1 - 1 / (4 * k) + 1 / (32 * k * k) + 5 / (128 * k ** 3));
    close(chiMean(k), series, 1e-9, `expansion at k=${k}`);
  }
  // the article's numbers for k = 100
  close(chiMean(100), 9.975, 5e-4, "μ_100");
  close(chiStd(100), 0.706, 5e-4, "σ_100");
});

test("chi pdf integrates to 1 and its first two moments match the closed forms", () => {
  for (const k of [1, 2, 3, 10, 100, 101, 500, 1000]) {
    const hi = Math.sqrt(k) + 12;
    const n = 40000;
    close(trapezoid((x) => chiPdf(x, k), 0, hi, n), 1, 1e-6, `∫f, k=${k}`);
    close(trapezoid((x) => x * chiPdf(x, k), 0, hi, n), chiMean(k), 1e-6 * Math.sqrt(k), `∫x f, k=${k}`);
    close(trapezoid((x) => x * x * chiPdf(x, k), 0, hi, n), k, 1e-6 * k, `∫x² f, k=${k}`);
    close(chiVariance(k), k - chiMean(k) ** 2, 1e-12 * k, `variance, k=${k}`);
  }
});

test("chi pdf: direct (Γ) and log (lgamma) forms agree, and match Rayleigh and half-normal", () => {
  for (const k of [1, 2, 5, 50, 100]) {
    for (const x of [0.1, 0.5, 1, 3, 7, 10, 12]) {
      const direct = chiPdfDirect(x, k);
      const viaLog = Math.exp(chiLogPdf(x, k));
      // mathjs's lgamma is accurate to ≈ 1e−10 absolute near 100, so the log form agrees to ~1e−9
      assert.ok(Math.abs(direct - viaLog) <= 1e-9 * Math.max(direct, 1e-300), `k=${k} x=${x}: ${direct} vs ${viaLog}`);
    }
  }
  for (const x of [0, 0.3, 1, 2.5]) {
    close(chiPdf(x, 2), x * Math.exp(-x * x / 2), 1e-15, `Rayleigh at ${x}`);
    close(chiPdf(x, 1), Math.sqrt(2 / Math.PI) * Math.exp(-x * x / 2), 1e-15, `half-normal at ${x}`);
  }
  assert.equal(chiPdf(-1, 5), 0);
  assert.ok(Number.isFinite(chiPdf(31, 1000)) && chiPdf(31, 1000) > 0, "log form for large k is finite");
});

test("scaled chi density integrates to 1 and has mean c·μ_k", () => {
  const c = Math.SQRT1_2, k = 100;
  close(trapezoid((y) => scaledChiPdf(y, k, c), 0, 20, 40000), 1, 1e-7, "∫");
  close(trapezoid((y) => y * scaledChiPdf(y, k, c), 0, 20, 40000), c * chiMean(k), 1e-6, "mean");
});

test("chi moments agree with Monte Carlo norms of N(0, I_k)", () => {
  const rng = new Rng(11);
  for (const k of [3, 100]) {
    const n = 40000;
    const norms = Array.from({ length: n }, () => {
      const z = rng.normalArray(k);
      let s = 0;
      for (const v of z) s += v * v;
      return Math.sqrt(s);
    });
    const m = norms.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(norms.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
    close(m, chiMean(k), 4 * chiStd(k) / Math.sqrt(n), `MC mean k=${k}`);
    close(sd, chiStd(k), 4 * chiStd(k) / Math.sqrt(2 * n), `MC std k=${k}`);
  }
});

test("chi rejects non-positive degrees of freedom", () => {
  assert.throws(() => chiMean(0), /degrees of freedom/);
  assert.throws(() => chiPdf(1, -2), /degrees of freedom/);
});
