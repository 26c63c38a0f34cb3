/**
 * Student t distribution, quantiles, t and bootstrap intervals, group summaries: each against an
 * independent oracle (closed forms, published table values, a numerical integral of the density,
 * an exhaustive enumeration of bootstrap resamples, a coverage simulation, a hand-written loop).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { lgamma } from "mathjs";
import { simpson } from "../../lib/stats/integrate";
import { studentTCdf, studentTQuantile } from "../../lib/stats/student-t";
import {
  bootstrapInterval, columnMeans, columnQuantiles, formatInterval, formatNumber, geometricSummary, groupBy, groupSummary, quantile, quantiles, sampleSd, tInterval,
} from "../../lib/stats/summary";
import { Rng } from "../../lib/util/rng";

const close = (a: number, b: number, tol: number, what = "") => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tol ${tol})`);

/** Student t density by its defining formula, Γ through mathjs's lgamma. */
function tPdf(t: number, nu: number): number {
  return Math.exp(lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - ((nu + 1) / 2) * Math.log1p((t * t) / nu));
}

test("studentTQuantile: closed forms for ν = 1, 2, 4", () => {
  for (const p of [0.6, 0.75, 0.9, 0.95, 0.975, 0.995, 0.025, 0.3]) {
    close(studentTQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)), 1e-12 * Math.max(1, Math.abs(Math.tan(Math.PI * (p - 0.5)))), `ν=1 p=${p}`);
    close(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-12, `ν=2 p=${p}`);
    const alpha = 4 * p * (1 - p);
    const q = Math.cos(Math.acos(Math.sqrt(alpha)) / 3) / Math.sqrt(alpha);
    close(studentTQuantile(p, 4), Math.sign(p - 0.5) * 2 * Math.sqrt(q - 1), 1e-12, `ν=4 p=${p}`);
  }
});

test("studentTQuantile: published table values and the normal limit", () => {
  // two-sided 95 % and 99 % critical values (standard t tables, 10 digits)
  close(studentTQuantile(0.975, 4), 2.776445105, 1e-9, "t(0.975, 4)");
  close(studentTQuantile(0.975, 9), 2.262157163, 1e-9, "t(0.975, 9)");
  close(studentTQuantile(0.995, 29), 2.756385904, 1e-9, "t(0.995, 29)");
  close(studentTQuantile(0.95, 3), 2.353363435, 1e-9, "t(0.95, 3)");
  close(studentTQuantile(0.975, 20000), 1.959963985 + (1.959963985 * (1.959963985 ** 2 + 1)) / (4 * 20000), 1e-8, "Cornish-Fisher, large ν");
  assert.equal(studentTQuantile(0.5, 7), 0);
  assert.equal(studentTQuantile(1, 7), Infinity);
  assert.throws(() => studentTQuantile(0.975, 2.5), /ν must be an integer ≥ 1, got 2.5/);
  assert.throws(() => studentTQuantile(1.2, 3), /p must be in \[0, 1\], got 1.2/);
});

test("studentTCdf: equals ½ + ∫₀ᵗ density (Simpson) for odd and even ν, and inverts the quantile", () => {
  for (const nu of [1, 2, 3, 5, 8, 13, 30]) {
    for (const t of [-3.1, -0.4, 0.7, 2.2, 6]) {
      const integral = simpson((s) => tPdf(s, nu), 0, t, 4000);
      close(studentTCdf(t, nu), 0.5 + integral, 1e-10, `ν=${nu} t=${t}`);
      close(studentTCdf(studentTQuantile(studentTCdf(t, nu), nu), nu), studentTCdf(t, nu), 1e-14, `round trip ν=${nu} t=${t}`);
    }
  }
});

test("quantiles: type 7 (linear between order statistics), hand-computed", () => {
  assert.deepEqual(quantiles([4, 1, 3, 2], [0, 0.25, 0.5, 0.75, 1]), [1, 1.75, 2.5, 3.25, 4]);
  close(quantile([10, 20, 30, 40, 50], 0.1), 14, 1e-12, "h = 0.4");
  assert.equal(quantile([7], 0.3), 7);
  assert.throws(() => quantile([1, NaN], 0.5), /value 1 is NaN/);
  assert.throws(() => quantile([1, 2], 1.5), /q must be in \[0, 1\], got 1.5/);
  const rows = [[1, 10], [2, 30], [3, 20]];
  assert.deepEqual(columnQuantiles(rows, 0.5), [2, 20]);
  assert.deepEqual(columnMeans(rows), [2, 20]);
  assert.throws(() => columnQuantiles([[1, 2], [3]], 0.5), /row 1 has 1 values, row 0 has 2/);
});

test("tInterval: hand-computed from the table value; n = 1 gives (−∞, ∞); coverage ≈ level on normal data", () => {
  const xs = [0.02, 0.05, 0.31, 0.08, 0.045];
  const m = xs.reduce((a, b) => a + b) / 5;
  const s = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / 4);
  const ci = tInterval(xs);
  close(ci.estimate, m, 1e-15, "mean");
  close(ci.sd, s, 1e-15, "sd");
  close(ci.lower, m - 2.776445105 * s / Math.sqrt(5), 1e-9, "lower");
  close(ci.upper, m + 2.776445105 * s / Math.sqrt(5), 1e-9, "upper");
  const one = tInterval([3]);
  assert.deepEqual([one.lower, one.upper, Number.isNaN(one.sd)], [-Infinity, Infinity, true]);
  assert.ok(Number.isNaN(sampleSd([3])));
  // coverage: 4,000 intervals of n = 5 normal draws with mean 1 contain 1 about 95 % of the time
  const rng = new Rng(11);
  let covered = 0;
  const trials = 4000;
  for (let k = 0; k < trials; k++) {
    const c = tInterval(Array.from(rng.normalArray(5), (z) => 1 + 0.3 * z));
    if (c.lower <= 1 && 1 <= c.upper) covered++;
  }
  close(covered / trials, 0.95, 4 * Math.sqrt((0.95 * 0.05) / trials), "coverage");
  assert.throws(() => tInterval(xs, 95), /level must be in \(0, 1\), got 95/);
});

test("bootstrapInterval: matches the exact resampling distribution of 3 values; seeded; normal limit", () => {
  const xs = [1, 2, 7];
  // all 27 equally likely resamples: their means, sorted, and the type-7 quantiles of that law
  const means: number[] = [];
  for (const a of xs) for (const b of xs) for (const c of xs) means.push((a + b + c) / 3);
  means.sort((a, b) => a - b);
  const ci = bootstrapInterval(xs, new Rng(5), { resamples: 20_000, level: 0.9 });
  // 5 % and 95 % of the law: P(mean = 1) = 1/27 ≈ 3.7 % < 5 %, P(mean ≤ 4/3) = 4/27 ≈ 14.8 %
  assert.equal(ci.lower, 4 / 3);
  assert.equal(ci.upper, means[26 - 3]); // P(mean = 7) = 1/27 < 5 %, P(mean ≥ 16/3) = 4/27
  assert.equal(ci.estimate, 10 / 3);
  assert.deepEqual(bootstrapInterval(xs, new Rng(5), { resamples: 500 }), bootstrapInterval(xs, new Rng(5), { resamples: 500 }));
  // large n: percentile interval of the mean ≈ x̄ ± z·s/√n
  const big = Array.from(new Rng(6).normalArray(400));
  const b = bootstrapInterval(big, new Rng(7), { resamples: 4000 });
  const t = tInterval(big);
  close(b.lower, t.lower, 0.01, "lower");
  close(b.upper, t.upper, 0.01, "upper");
  const med = bootstrapInterval(big, new Rng(7), { resamples: 200, statistic: (s) => quantile(s, 0.5) });
  close(med.estimate, quantile(big, 0.5), 0, "median statistic");
  assert.throws(() => bootstrapInterval(xs, new Rng(1), { resamples: 0 }), /resamples must be an integer ≥ 1, got 0/);
});

test("groupBy and groupSummary: same numbers as a hand-written loop; missing cells left out", () => {
  const rows = [
    { dataset: "ring", dim: 1, seed: 0, kl: 0.5, modes: 7 },
    { dataset: "ring", dim: 1, seed: 1, kl: 0.7, modes: 8 },
    { dataset: "ring", dim: 2, seed: 0, kl: 0.1, modes: "" },
    { dataset: "spiral", dim: 1, seed: 0, kl: 2.0, modes: "" },
    { dataset: "ring", dim: 2, seed: 1, kl: 0.2, modes: "" },
    { dataset: "spiral", dim: 1, seed: 1, kl: 3.0, modes: "" },
  ];
  const groups = groupBy(rows, ["dataset", "dim"]);
  assert.deepEqual(groups.map((g) => g.key), [{ dataset: "ring", dim: 1 }, { dataset: "ring", dim: 2 }, { dataset: "spiral", dim: 1 }]);
  assert.deepEqual(groups.map((g) => g.rows.length), [2, 2, 2]);
  const out = groupSummary(rows, ["dataset", "dim"], ["kl", "modes"]);
  for (const g of out) {
    const mine = rows.filter((r) => r.dataset === g.dataset && r.dim === g.dim);
    const kl = mine.map((r) => r.kl);
    const m = (kl[0] + kl[1]) / 2, sd = Math.abs(kl[0] - kl[1]) / Math.SQRT2;
    close(g.kl_mean as number, m, 1e-15, "mean");
    close(g.kl_sd as number, sd, 1e-15, "sd");
    close(g.kl_hi as number, m + 12.70620474 * sd / Math.SQRT2, 1e-7, "hi, ν = 1");
    assert.equal(g.kl_n, 2);
  }
  assert.equal(out[0].modes_mean, 7.5);
  assert.equal("modes_mean" in out[1], false, "no number: no column");
  assert.throws(() => groupBy(rows, ["latent"]), /no key "latent"/);
});

test("formatNumber and formatInterval: significant digits, Unicode minus, infinities", () => {
  assert.equal(formatNumber(0.101234), "0.101");
  assert.equal(formatNumber(-0.0123456), "−0.0123");
  assert.equal(formatNumber(12345.6), "12300");
  assert.equal(formatNumber(0.0000123), "1.23e−5");
  assert.equal(formatNumber(-Infinity), "−∞");
  assert.equal(formatInterval({ estimate: 0.101, lower: -0.012, upper: 0.214, level: 0.95, n: 5, method: "t" }), "0.101 [−0.012, 0.214] (95 % t, n = 5)");
});

test("geometricSummary: exp of the mean and sd of ln x; centre ×/÷ factor brackets values symmetric in log", () => {
  const g = geometricSummary([1, 100]);
  close(g.geometricMean, 10, 1e-12, "geometric mean");
  close(g.factor, Math.exp(Math.log(100) / Math.SQRT2), 1e-9, "factor = exp(sd of {0, ln 100})");
  assert.deepEqual(geometricSummary([5]), { geometricMean: 5, factor: 1 });
  assert.throws(() => geometricSummary([1, 0]), /values must be > 0, got 0 at index 1/);
});
