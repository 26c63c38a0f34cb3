/**
 * Verdict rules: every rule has a case that must be confirmed, one that must not be (numbers
 * measured by the project's own metrics on samples of a generator that ignores the data, or of a
 * collapsed one) and one that must stay undecided (an interval across the threshold).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { knnKl } from "../../lib/metrics/kl-knn";
import { tableText } from "../../lib/notebook/display";
import { modeStats } from "../../lib/metrics/modes";
import { offModesShare, offSpiralShare, spiralCoverage } from "../../lib/metrics/offmanifold";
import { eightGaussians, gaussian } from "../../lib/toy/datasets";
import { sampleSpiral, SPIRAL_HALF_WIDTH, spiralRadius } from "../../lib/toy/spiral";
import type { ToyDataset } from "../../lib/toy/types";
import { Rng } from "../../lib/util/rng";
import { allOf, anyOf, comparisonRule, decide, equivalenceRule, Measured, negation, orderRule, RuleResult, thresholdRule, Verdict, withinRule } from "../../lib/verdict/rules";
import { measuredFrom } from "../../lib/verdict/measured";
import { PART_PREFIX, verdictColumns, verdictCounts, verdictRows } from "../../lib/verdict/table";

const SEEDS = [0, 1, 2, 3, 4];
const N = 2000;
type Generator = (n: number, rng: Rng) => Float64Array;

/** A generator that ignores the data: uniform on the dataset's plotting square. */
const ignoresData = (ds: ToyDataset): Generator => (n, rng) => rng.uniformArray(2 * n, -ds.axis, ds.axis);
/** A faithful generator: the data distribution itself (another random stream). */
const faithful = (ds: ToyDataset): Generator => (n, rng) => ds.sample(n, rng);
/** A collapsed generator: everything in a small blob at `at`. */
const collapsed = (at: [number, number], sd: number): Generator => (n, rng) => Float64Array.from({ length: 2 * n }, (_, i) => at[i % 2] + sd * rng.normal());
/** Eight Gaussians with modes 3 and 6 dropped (the article's "misses two modes"). */
const missesTwoModes: Generator = (n, rng) => {
  const centres = eightGaussians.modes.filter((_, k) => k !== 3 && k !== 6);
  return Float64Array.from({ length: 2 * n }, (_, i) => centres[(i >> 1) % centres.length][i % 2] + 0.2 * rng.normal());
};
/** The spiral with its curve parameter t kept out of two stretches: two omitted regions. */
const spiralTwoGaps: Generator = (n, rng) => {
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; ) {
    const t = 2 * rng.uniform() - 1;
    if ((t > -0.5 && t < -0.35) || (t > 0.3 && t < 0.45)) continue;
    const r = spiralRadius(t) + SPIRAL_HALF_WIDTH * (2 * rng.uniform() - 1);
    out[2 * i] = r * Math.cos(3 * Math.PI * t);
    out[2 * i + 1] = r * Math.sin(3 * Math.PI * t);
    i++;
  }
  return out;
};

/** Per-seed values of `metric` on samples of `gen` (seed s → its own random stream). */
function perSeed(name: string, gen: Generator, metric: (fake: Float64Array, real: Float64Array) => number, ds: ToyDataset): Measured {
  return {
    name,
    values: SEEDS.map((s) => {
      const rng = new Rng(1000 + s);
      return metric(gen(N, rng.child("fake")), ds.sample(N, rng.child("real")));
    }),
  };
}

/** Five values with mean `m` and sample sd `s` exactly: m + s·(−2, −1, 0, 1, 2)/√2.5. */
const meanSd = (name: string, m: number, s: number): Measured => ({ name, values: [-2, -1, 0, 1, 2].map((k) => m + (s * k) / Math.sqrt(2.5)) });

const klDataModel = (fake: Float64Array, real: Float64Array) => knnKl(real, fake, 2);

test("decide: strict inside confirms, touching or outside rejects, overlap is undecided", () => {
  const cases: [number, number, number, number, Verdict][] = [
    [0.01, 0.09, -Infinity, 0.1, "confirmed"],
    [0.01, 0.1, -Infinity, 0.1, "undecided"], // touches the threshold
    [0.1, 0.2, -Infinity, 0.1, "not confirmed"],
    [0.05, 0.15, -Infinity, 0.1, "undecided"],
    [1.2, 1.4, 1, 1.5, "confirmed"],
    [1.4, 1.6, 1, 1.5, "undecided"],
    [1.5, 1.6, 1, 1.5, "not confirmed"],
    [0.2, 0.9, 1, 1.5, "not confirmed"],
    [NaN, 1, 0, 2, "undecided"],
  ];
  for (const [lower, upper, a, b, want] of cases) assert.equal(decide({ lower, upper }, a, b), want, `[${lower}, ${upper}] in (${a}, ${b})`);
});

test("thresholdRule KL(data‖G) < 0.1: the data itself confirms; ignoring the data or collapsing fails; 0.101 ± 0.091 over 5 seeds is undecided", () => {
  const claim = "Gaussian: G convincing";
  const good = thresholdRule(claim, perSeed("KL(data‖G)", faithful(gaussian), klDataModel, gaussian), "below", 0.1);
  assert.equal(good.verdict, "confirmed", good.measured);
  assert.ok(good.interval!.upper < 0.1);
  const uniform = thresholdRule(claim, perSeed("KL(data‖G)", ignoresData(gaussian), klDataModel, gaussian), "below", 0.1);
  assert.equal(uniform.verdict, "not confirmed", uniform.measured);
  const blob = thresholdRule(claim, perSeed("KL(data‖G)", collapsed([0, 0], 0.1), klDataModel, gaussian), "below", 0.1);
  assert.equal(blob.verdict, "not confirmed", blob.measured);
  const close = thresholdRule(claim, meanSd("KL(data‖G)", 0.101, 0.091), "below", 0.1);
  assert.equal(close.verdict, "undecided");
  // 0.101 ± t(0.975, 4)·0.091/√5 = 0.101 ± 0.113
  assert.ok(Math.abs(close.interval!.lower - (0.101 - (2.776445105 * 0.091) / Math.sqrt(5))) < 1e-9);
  assert.equal(close.measured, "0.101 [−0.012, 0.214] (95 % t, n = 5)");
  assert.equal(close.rule, "mean KL(data‖G) < 0.1");
  // the other side: "above" is confirmed exactly where "below" is refuted
  assert.equal(thresholdRule("x", meanSd("v", 0.5, 0.01), "above", 0.1).verdict, "confirmed");
  assert.equal(thresholdRule("x", meanSd("v", 0.05, 0.01), "above", 0.1).verdict, "not confirmed");
  assert.throws(() => thresholdRule("x", { name: "v", values: [] }, "below", 0.1), /no measurements/);
});

test("thresholdRule with a seeded bootstrap interval: same verdict rules, repeatable", () => {
  const x = meanSd("v", 0.05, 0.01);
  const a = thresholdRule("x", x, "below", 0.1, { method: "bootstrap", rng: new Rng(3), resamples: 2000 });
  const b = thresholdRule("x", x, "below", 0.1, { method: "bootstrap", rng: new Rng(3), resamples: 2000 });
  assert.equal(a.verdict, "confirmed");
  assert.deepEqual(a.interval, b.interval);
  assert.match(a.measured, /bootstrap, n = 5/);
  // bootstrap of 5 values: the interval lies within [min, max] of the values
  assert.ok(a.interval!.lower >= Math.min(...x.values) && a.interval!.upper <= Math.max(...x.values));
  assert.equal(thresholdRule("x", meanSd("v", 0.2, 0.01), "below", 0.1, { method: "bootstrap", rng: new Rng(3) }).verdict, "not confirmed");
  assert.equal(thresholdRule("x", meanSd("v", 0.1, 0.05), "below", 0.1, { method: "bootstrap", rng: new Rng(3) }).verdict, "undecided");
});

test("withinRule variance in (0.85, 1.15): the data confirms, a collapsed generator fails, a straddling interval is undecided", () => {
  const varX = (fake: Float64Array) => {
    const xs = Array.from({ length: fake.length / 2 }, (_, i) => fake[2 * i]);
    const m = xs.reduce((a, b) => a + b) / xs.length;
    return xs.reduce((a, v) => a + (v - m) ** 2, 0) / (xs.length - 1);
  };
  const claim = "Gaussian, 100-D: right variance";
  assert.equal(withinRule(claim, perSeed("var x", faithful(gaussian), varX, gaussian), 0.85, 1.15).verdict, "confirmed");
  assert.equal(withinRule(claim, perSeed("var x", collapsed([0, 0], 0.03), varX, gaussian), 0.85, 1.15).verdict, "not confirmed");
  assert.equal(withinRule(claim, perSeed("var x", ignoresData(gaussian), varX, gaussian), 0.85, 1.15).verdict, "not confirmed"); // U[−4.2, 4.2]: var 5.88
  const straddle = withinRule(claim, { name: "var x", values: [1.0, 1.3, 1.1, 1.25, 1.2] }, 0.85, 1.15);
  assert.equal(straddle.verdict, "undecided", straddle.measured);
  assert.throws(() => withinRule(claim, meanSd("v", 1, 0.1), 1.15, 0.85), /need lo < hi, got \[1.15, 0.85\]/);
});

test("allOf: 'spiral, 1-D: two regions omitted' needs two gaps AND samples on the spiral; a generator that misses the spiral fails", () => {
  const gaps = (fake: Float64Array) => spiralCoverage(fake).gaps;
  const spiralDs = { ...gaussian, name: "spiral", axis: 1, sample: (n: number, rng: Rng) => sampleSpiral(n, rng) } as ToyDataset;
  const rule = (gen: Generator) => allOf("spiral, 1-D: two regions omitted", [
    withinRule("two regions omitted", perSeed("gaps", gen, gaps, spiralDs), 1.5, 2.5),
    thresholdRule("samples on the spiral", perSeed("off-spiral share", gen, (fake) => offSpiralShare(fake), spiralDs), "below", 0.1),
  ]);
  const twoGaps = rule(spiralTwoGaps);
  assert.equal(twoGaps.verdict, "confirmed", twoGaps.measured);
  assert.deepEqual(twoGaps.parts.map((p) => p.verdict), ["confirmed", "confirmed"]);
  const uniform = rule(ignoresData(spiralDs));
  assert.equal(uniform.verdict, "not confirmed", uniform.measured);
  assert.equal(uniform.parts[1].verdict, "not confirmed", "most uniform samples are off the spiral");
  const elsewhere = rule(collapsed([0.9, 0.9], 0.02)); // misses the spiral: one gap over the whole curve
  assert.equal(elsewhere.verdict, "not confirmed", elsewhere.measured);
  // gaps 2 ± 0.71 over 5 seeds: interval [1.1, 2.9] crosses both ends; the second part confirmed
  const unsure = allOf("spiral, 1-D: two regions omitted", [
    withinRule("two regions omitted", { name: "gaps", values: [2, 2, 3, 1, 2] }, 1.5, 2.5),
    thresholdRule("samples on the spiral", { name: "off", values: [0.01, 0.02, 0.01, 0.03, 0.02] }, "below", 0.1),
  ]);
  assert.equal(unsure.verdict, "undecided");
  assert.equal(unsure.measured, "two regions omitted: undecided; samples on the spiral: confirmed");
});

test("allOf: 'eight Gaussians, 2-D: no mode collapse' is modes > 7.5 AND high quality > 0.9; uniform noise covers every mode yet fails", () => {
  const covered = (fake: Float64Array) => modeStats(fake, eightGaussians.modes, 0.2).modesCovered;
  const quality = (fake: Float64Array) => modeStats(fake, eightGaussians.modes, 0.2).highQualityFraction;
  const rule = (gen: Generator) => allOf("2-D: no mode collapse", [
    thresholdRule("all eight modes", perSeed("modes covered", gen, covered, eightGaussians), "above", 7.5),
    thresholdRule("samples on the modes", perSeed("high-quality share", gen, quality, eightGaussians), "above", 0.9),
  ]);
  assert.equal(rule(faithful(eightGaussians)).verdict, "confirmed");
  const uniform = rule(ignoresData(eightGaussians));
  assert.deepEqual(uniform.parts.map((p) => p.verdict), ["confirmed", "not confirmed"], uniform.measured);
  assert.equal(uniform.verdict, "not confirmed");
  const twoMissing = rule(missesTwoModes);
  assert.equal(twoMissing.parts[0].verdict, "not confirmed");
  assert.equal(twoMissing.verdict, "not confirmed");
  const unsure = allOf("2-D: no mode collapse", [
    thresholdRule("all eight modes", { name: "modes covered", values: [8, 8, 7, 8, 8] }, "above", 7.5),
    thresholdRule("samples on the modes", { name: "high-quality share", values: [0.97, 0.98, 0.96, 0.97, 0.98] }, "above", 0.9),
  ]);
  assert.equal(unsure.verdict, "undecided", unsure.measured);
});

test("anyOf and allOf follow three-valued logic over every pair of verdicts", () => {
  const V: Verdict[] = ["confirmed", "undecided", "not confirmed"];
  const leaf = (v: Verdict): RuleResult => ({ claim: v, rule: "r", measured: "m", verdict: v, parts: [] });
  // hand-written truth tables, rows and columns in the order of V
  const all: Verdict[][] = [["confirmed", "undecided", "not confirmed"], ["undecided", "undecided", "not confirmed"], ["not confirmed", "not confirmed", "not confirmed"]];
  const any: Verdict[][] = [["confirmed", "confirmed", "confirmed"], ["confirmed", "undecided", "undecided"], ["confirmed", "undecided", "not confirmed"]];
  V.forEach((a, i) => V.forEach((b, j) => {
    assert.equal(allOf("c", [leaf(a), leaf(b)]).verdict, all[i][j], `${a} AND ${b}`);
    assert.equal(anyOf("c", [leaf(a), leaf(b)]).verdict, any[i][j], `${a} OR ${b}`);
  }));
  assert.throws(() => allOf("c", []), /needs at least one rule/);
});

test("comparisonRule paired and Welch: hand-computed intervals from t tables", () => {
  const paired = comparisonRule("A < B", { name: "A", values: [1, 2, 3] }, "less", { name: "B", values: [1.5, 2.4, 3.7] });
  // differences −0.5, −0.4, −0.7: mean −0.5333, sd 0.15275, t(0.975, 2) = 4.302652730
  const d = [-0.5, -0.4, -0.7], m = (d[0] + d[1] + d[2]) / 3, s = Math.sqrt(d.reduce((a, v) => a + (v - m) ** 2, 0) / 2);
  assert.ok(Math.abs(paired.interval!.upper - (m + (4.30265273 * s) / Math.sqrt(3))) < 1e-8);
  assert.equal(paired.verdict, "confirmed");
  assert.match(paired.rule, /paired difference/);
  const welch = comparisonRule("A < B", { name: "A", values: [1, 2, 3] }, "less", { name: "B", values: [4, 5, 6] }, { paired: false });
  // s²/n = 1/3 each, se = √(2/3), ν = (2/3)² / (2·(1/3)²/2) = 4, t(0.975, 4) = 2.776445105
  assert.ok(Math.abs(welch.interval!.upper - (-3 + 2.776445105 * Math.sqrt(2 / 3))) < 1e-8);
  assert.equal(welch.verdict, "confirmed");
  assert.equal(comparisonRule("A > B", { name: "A", values: [1, 2, 3] }, "greater", { name: "B", values: [4, 5, 6] }, { paired: false }).verdict, "not confirmed");
  assert.throws(() => comparisonRule("x", { name: "A", values: [1, 2] }, "less", { name: "B", values: [1, 2, 3] }, { paired: true }), /paired needs as many values in "A" \(2\) as in "B" \(3\)/);
});

test("equivalenceRule |A − B| < margin: hand-computed Welch interval; equal means confirm, a shifted B fails, a wide interval is undecided", () => {
  const a = { name: "A", values: [1, 2, 3] };
  // B = A + 0.1: Welch difference −0.1 ± t(0.975, 4)·√(2/3) = −0.1 ± 2.2669
  const near = equivalenceRule("A like B", a, { name: "B", values: [1.1, 2.1, 3.1] }, 3, { paired: false });
  assert.ok(Math.abs(near.interval!.lower - (-0.1 - 2.776445105 * Math.sqrt(2 / 3))) < 1e-8);
  assert.equal(near.verdict, "confirmed");
  assert.match(near.rule, /\|mean A − mean B\| < 3 \(Welch difference\)/);
  // the case that must fail: B shifted by 10, the whole interval beyond the margin
  assert.equal(equivalenceRule("A like B", a, { name: "B", values: [11, 12, 13] }, 3, { paired: false }).verdict, "not confirmed");
  assert.equal(equivalenceRule("A like B", a, { name: "B", values: [11, 12, 13] }, 3, { paired: false }).interval!.upper < -3, true);
  // the same shift at a margin the interval straddles
  assert.equal(equivalenceRule("A like B", a, { name: "B", values: [3, 4, 5] }, 3, { paired: false }).verdict, "undecided");
  // paired: differences exactly 0.1 ± 0 → confirmed at margin 0.2, not confirmed at 0.05
  assert.equal(equivalenceRule("x", a, { name: "B", values: [0.9, 1.9, 2.9] }, 0.2).verdict, "confirmed");
  assert.equal(equivalenceRule("x", a, { name: "B", values: [0.9, 1.9, 2.9] }, 0.05).verdict, "not confirmed");
  assert.throws(() => equivalenceRule("x", a, a, 0), /margin must be a finite number > 0, got 0/);
});

test("comparisonRule 'fewer samples between modes': a cleaner generator confirms; ignoring the data fails; near-equal is undecided", () => {
  const off = (fake: Float64Array) => offModesShare(fake, eightGaussians.modes, 0.2);
  const noisy: Generator = (n, rng) => { // 80 % on the modes, 20 % uniform noise between them
    const a = eightGaussians.sample(n, rng), u = rng.uniformArray(2 * n, -3, 3);
    return a.map((v, i) => ((i >> 1) % 5 === 0 ? u[i] : v));
  };
  const clean = perSeed("off-mode share, 2-D", faithful(eightGaussians), off, eightGaussians);
  const between = perSeed("off-mode share, 100-D", noisy, off, eightGaussians);
  const uniform = perSeed("off-mode share, 2-D", ignoresData(eightGaussians), off, eightGaussians);
  const claim = "fewer samples between the modes at 2-D than at 100-D";
  assert.equal(comparisonRule(claim, clean, "less", between).verdict, "confirmed");
  assert.equal(comparisonRule(claim, uniform, "less", between).verdict, "not confirmed");
  assert.equal(comparisonRule(claim, clean, "less", between, { paired: false }).verdict, "confirmed");
  const a = { name: "a", values: [0.09, 0.12, 0.08, 0.11, 0.1] }, b = { name: "b", values: [0.1, 0.11, 0.09, 0.12, 0.095] };
  assert.equal(comparisonRule(claim, a, "less", b).verdict, "undecided");
  // a margin: a − b < −0.05 is refuted when the difference is about −0.01
  assert.equal(comparisonRule(claim, { name: "a", values: [0.1, 0.1, 0.11, 0.09, 0.1] }, "less", { name: "b", values: [0.11, 0.11, 0.12, 0.1, 0.11] }, { margin: 0.05 }).verdict, "not confirmed");
});

test("orderRule 2-D < 3-D < 10-D < 100-D: separated means confirm, one reversed pair fails, one overlapping pair leaves it undecided", () => {
  const series = (means: number[]) => means.map((m, i) => meanSd(`${[2, 3, 10, 100][i]}-D`, m, 0.005));
  // unpaired (Welch): the helper's values share one pattern, so their paired differences have no spread
  const welch = { paired: false };
  const ok = orderRule("fewer samples between modes at lower latent size", series([0.092, 0.103, 0.147, 0.3]), "less", welch);
  assert.equal(ok.verdict, "confirmed");
  assert.equal(ok.parts.length, 3);
  assert.equal(ok.parts[0].claim, "2-D < 3-D");
  assert.equal(orderRule("c", series([0.092, 0.147, 0.103, 0.3]), "less", welch).verdict, "not confirmed");
  assert.equal(orderRule("c", series([0.092, 0.094, 0.147, 0.3]), "less", welch).verdict, "undecided");
  assert.throws(() => orderRule("c", series([0.1]), "less"), /at least two series, got 1/);
});

test("verdictRows, verdictCounts, verdictColumns: parts under their claim; a moving verdict is named", () => {
  const combined = allOf("both", [thresholdRule("p", meanSd("v", 0.05, 0.01), "below", 0.1), thresholdRule("q", meanSd("w", 0.5, 0.01), "below", 0.1)]);
  const rows = verdictRows([combined]);
  assert.deepEqual(rows.map((r) => [r.claim, r.verdict]), [["both", "not confirmed"], [`${PART_PREFIX}p`, "confirmed"], [`${PART_PREFIX}q`, "not confirmed"]]);
  assert.deepEqual(Object.keys(rows[0]), ["claim", "rule", "measured", "verdict"]);
  assert.match(tableText(rows), /^claim +rule +measured +verdict\n/); // plain records for showTable
  assert.deepEqual(verdictCounts([combined, ...combined.parts]), { confirmed: 1, "not confirmed": 2, undecided: 0 });
  const at600 = [thresholdRule("KL small", meanSd("KL", 0.05, 0.01), "below", 0.1), thresholdRule("gaps", meanSd("g", 2, 0.1), "above", 1.5)];
  const at2400 = [thresholdRule("KL small", meanSd("KL", 0.3, 0.01), "below", 0.1), thresholdRule("gaps", meanSd("g", 2.1, 0.1), "above", 1.5)];
  const table = verdictColumns([{ label: "600 steps", results: at600 }, { label: "2,400 steps", results: at2400 }]);
  assert.deepEqual(table.map((r) => r.moves), ["yes", "no"]);
  assert.match(table[0]["600 steps"], /^confirmed: 0.05 \[/);
  assert.match(table[0]["2,400 steps"], /^not confirmed: 0.3 \[/);
  assert.throws(() => verdictColumns([{ label: "a", results: at600 }, { label: "b", results: at2400.slice(1) }]), /column "b" has claims \[gaps\]/);
});

test("measuredFrom: the seeds' values of one configuration, blanks skipped, an empty selection named", () => {
  const rows = [
    { dataset: "gaussian", latent_dim: 10, seed: 0, kl: 0.05, modes: "" },
    { dataset: "gaussian", latent_dim: 3, seed: 0, kl: 0.2, modes: "" },
    { dataset: "gaussian", latent_dim: 10, seed: 1, kl: 0.07, modes: "" },
    { dataset: "spiral", latent_dim: 10, seed: 0, kl: 1.5, modes: "" },
  ];
  assert.deepEqual(measuredFrom(rows, { dataset: "gaussian", latent_dim: 10 }, "kl"), { name: "kl (dataset = gaussian, latent_dim = 10)", values: [0.05, 0.07] });
  assert.equal(measuredFrom(rows, { dataset: "spiral" }, "kl", "KL, spiral").name, "KL, spiral");
  assert.throws(() => measuredFrom(rows, { dataset: "ring" }, "kl"), /no record has dataset = ring/);
  assert.throws(() => measuredFrom(rows, { dataset: "gaussian" }, "modes"), /the 3 records with dataset = gaussian have no number in column "modes"/);
});

test("negation swaps confirmed and not confirmed, keeps undecided, and keeps the rule it negates as its part", () => {
  const greater = comparisonRule("KL covers more modes", { name: "KL", values: [6, 5.8, 6.2] }, "greater", { name: "GAN", values: [8, 8, 8] });
  assert.equal(greater.verdict, "not confirmed");
  const not = negation("KL does not cover more modes", greater);
  assert.equal(not.verdict, "confirmed");
  assert.match(not.rule, /^not \(mean KL > mean GAN/);
  assert.deepEqual(not.parts, [greater]);
  const unsure = negation("x", thresholdRule("y", { name: "m", values: [1, 3] }, "above", 2));
  assert.equal(unsure.verdict, "undecided");
  const yes = negation("x", thresholdRule("y", { name: "m", values: [5, 5.1, 4.9] }, "above", 2));
  assert.equal(yes.verdict, "not confirmed");
});
