import { test } from "node:test";
import assert from "node:assert/strict";
import { anglePdf, angleStd } from "../../lib/stats/angle";
import { histogram } from "../../lib/stats/histogram";
import { simpson } from "../../lib/stats/integrate";
import { mean, quantile, std, summarize, variance } from "../../lib/stats/moments";
import {
  uniformNormMeanApprox,
  uniformNormPdfApprox,
  uniformNormStdApprox,
  uniformSquaredNormMean,
  uniformSquaredNormVariance,
} from "../../lib/stats/uniform-norm";
import { Rng } from "../../lib/util/rng";

const close = (a: number, b: number, tol: number, what = "") => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tol ${tol})`);

function trapezoid(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = (f(a) + f(b)) / 2;
  for (let i = 1; i < n; i++) s += f(a + i * h);
  return s * h;
}

test("moments: hand-computed values, shift invariance, standard errors", () => {
  close(mean([1, 2, 3, 4]), 2.5, 0, "mean");
  close(variance([1, 2, 3, 4]), 5 / 3, 1e-15, "variance (n − 1)");
  close(std([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7), 1e-15, "std");
  const xs = Array.from(new Rng(1).normalArray(1000));
  // shifting by 1e8 must not change the variance (the one-pass formula would lose ~all digits)
  close(variance(xs.map((x) => x + 1e8)), variance(xs), 1e-6, "shift invariance");
  const s = summarize(xs);
  close(s.seMean, s.std / Math.sqrt(1000), 1e-15, "se mean");
  assert.equal(s.min, Math.min(...xs));
  assert.equal(s.max, Math.max(...xs));
  assert.throws(() => mean([]), /at least one/);
});

test("histogram: counts match a brute-force count, sum to n with the out-of-range tallies", () => {
  const rng = new Rng(2);
  const xs = Array.from(rng.normalArray(5000));
  for (const opts of [{ bins: 17 }, { bins: 40, lo: -2, hi: 2.5 }, { bins: 1, lo: -1, hi: 1 }]) {
    const h = histogram(xs, opts);
    assert.equal(h.edges.length, opts.bins + 1);
    assert.equal(h.counts.reduce((a, b) => a + b, 0) + h.below + h.above, xs.length, "Σ counts + outside = n");
    const lo = h.edges[0], hi = h.edges[opts.bins];
    for (let j = 0; j < opts.bins; j++) {
      const last = j === opts.bins - 1;
      const brute = xs.filter((x) => x >= h.edges[j] && (x < h.edges[j + 1] || (last && x === hi))).length;
      assert.equal(h.counts[j], brute, `bin ${j}`);
    }
    assert.equal(h.below, xs.filter((x) => x < lo).length);
    assert.equal(h.above, xs.filter((x) => x > hi).length);
    const area = h.density.reduce((a, d) => a + d * h.width, 0);
    close(area, (xs.length - h.below - h.above) / xs.length, 1e-12, "density area = fraction inside");
  }
  const auto = histogram(xs, { bins: 10 });
  assert.equal(auto.below + auto.above, 0, "the default range covers min and max");
  assert.equal(histogram([1, 2, 2, 3], { bins: 2, lo: 1, hi: 3 }).counts.join(), "1,3", "edge values: left-closed, last bin closed");
  assert.throws(() => histogram([1, NaN], { bins: 3 }), /NaN/);
});

test("Simpson's rule: exact for cubics, ∫₀^π sin = 2", () => {
  close(simpson((x) => x ** 3 - 2 * x + 1, -1, 2, 2), 2 ** 4 / 4 - 1 / 4 - (4 - 1) + 3, 1e-14, "cubic");
  close(simpson(Math.sin, 0, Math.PI, 200), 2, 1e-8, "sin");
  assert.throws(() => simpson(Math.sin, 0, 1, 3), /even/);
});

test("uniform-prior norm: exact moments of ‖u‖², and the approximations vs Monte Carlo", () => {
  for (const d of [1, 10, 100]) {
    const n = 20000;
    const rng = new Rng(3 + d);
    const sq = Array.from({ length: n }, () => {
      const u = rng.uniformArray(d, -1, 1);
      return u.reduce((a, x) => a + x * x, 0);
    });
    const ms = mean(sq), vs = variance(sq);
    close(ms, uniformSquaredNormMean(d), 4 * Math.sqrt(uniformSquaredNormVariance(d) / n), `E‖u‖², d=${d}`);
    // Var S for S = Σuᵢ²: the variance of the sample variance needs E(uᵢ² − 1/3)⁴; a 10% band is ≫ 4 SE here
    close(vs, uniformSquaredNormVariance(d), 0.1 * uniformSquaredNormVariance(d), `Var ‖u‖², d=${d}`);
    if (d === 100) {
      const norms = sq.map(Math.sqrt);
      close(mean(norms), uniformNormMeanApprox(d), 4 * uniformNormStdApprox(d) / Math.sqrt(n), "mean ‖u‖ (delta method)");
      close(std(norms), uniformNormStdApprox(d), 4 * uniformNormStdApprox(d) / Math.sqrt(2 * n), "std ‖u‖ (delta method)");
    }
  }
  close(uniformNormStdApprox(100), 1 / Math.sqrt(15), 1e-15, "1/√15");
  // the approximate density is a density with the delta-method moments (to O(1/d))
  const d = 100;
  close(trapezoid((r) => uniformNormPdfApprox(r, d), 0, 10, 20000), 1, 1e-9, "∫ f");
  const m1 = trapezoid((r) => r * uniformNormPdfApprox(r, d), 0, 10, 20000);
  close(m1, uniformNormMeanApprox(d), 1e-3, "mean of the approximate density");
});

test("angle law: density integrates to 1, d = 2 and d = 3 closed forms, std vs Monte Carlo", () => {
  for (const d of [2, 3, 10, 100, 1000]) close(trapezoid((t) => anglePdf(t, d), 0, Math.PI, 20000), 1, 1e-8, `∫ f, d=${d}`);
  close(anglePdf(1, 2), 1 / Math.PI, 1e-15, "d=2 uniform");
  close(anglePdf(1, 3), Math.sin(1) / 2, 1e-12, "d=3 sin θ/2");
  close(angleStd(2), Math.PI / Math.sqrt(12), 1e-10, "d=2: sd of U[0, π]");
  close(angleStd(3), Math.sqrt(Math.PI ** 2 / 4 - 2), 1e-10, "d=3: ∫(θ−π/2)² sinθ/2");
  const rng = new Rng(4);
  const d = 100, n = 20000;
  const angles = Array.from({ length: n }, () => {
    const u = rng.normalArray(d), v = rng.normalArray(d);
    let uv = 0, uu = 0, vv = 0;
    for (let i = 0; i < d; i++) { uv += u[i] * v[i]; uu += u[i] * u[i]; vv += v[i] * v[i]; }
    return Math.acos(uv / Math.sqrt(uu * vv));
  });
  close(mean(angles), Math.PI / 2, 4 * angleStd(d) / Math.sqrt(n), "mean angle");
  close(std(angles), angleStd(d), 4 * angleStd(d) / Math.sqrt(2 * n), "std angle");
  close(angleStd(d), 1 / Math.sqrt(d), 0.01 / Math.sqrt(d), "≈ 1/√d");
});

test("quantile: linear interpolation of order statistics (numpy's default), hand-computed", () => {
  const xs = [7, 1, 3, 5]; // sorted 1, 3, 5, 7
  assert.equal(quantile(xs, 0), 1);
  assert.equal(quantile(xs, 1), 7);
  assert.equal(quantile(xs, 0.5), 4); // h = 1.5 → 3 + 0.5·2
  assert.equal(quantile(xs, 0.25), 2.5); // h = 0.75 → 1 + 0.75·2
  assert.equal(quantile([2], 0.3), 2);
  assert.throws(() => quantile(xs, 1.5), /q must be in \[0, 1\], got 1.5/);
  assert.throws(() => quantile([], 0.5), /needs at least one value/);
});
