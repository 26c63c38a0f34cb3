// -*- coding: utf-8 -*-
// ---
// jupyter:
//   kernelspec:
//     display_name: TypeScript
//     language: typescript
//     name: tslab
// ---

// %% [markdown]
// # 01 · Latent-space geometry: why the middle of a straight line is empty
//
// This notebook re-derives and re-measures the geometry behind the article **"Walking in the
// latent space of a GAN"** and the paper it builds on, Tom White's **"Sampling Generative
// Networks"** (2016). No network is trained here: every claim below is a statement about the
// *prior* a GAN samples its latent vectors from, so it can be checked exactly, with closed forms,
// and by sampling. What a generator makes of these walks is the subject of notebook 01b; the
// articles and their reference settings are summarised in `docs/articles.md`.
//
// The article's claims that we test:
//
// 1. the norms of 100-D latent samples concentrate: ‖z‖ ≈ 10 with sd ≈ 0.707 for z ~ N(0, I₁₀₀), and
//    ≈ 5.77 with sd ≈ 0.258 for z ~ U[−1, 1]¹⁰⁰ (and, to explain why, how the concentration
//    sharpens with the dimension);
// 2. the straight line between two samples passes mostly between 5 and 7.5 from the origin, and
//    its midpoint has norm ≈ 7, more than four standard deviations below a typical sample (the
//    "tent pole");
// 3. two random samples are nearly orthogonal;
// 4. along spherical interpolation (slerp) the norm stays between the endpoints' norms and changes
//    monotonically;
// 5. a great-circle walk keeps a constant norm and covers "about 3 times" the distance of slerp
//    between two random points.
//
// At the end a table compares every claim with our numbers; each verdict comes from a rule in
// `lib/geometry/verdicts.ts`, and each rule has a unit test with a case that must fail.

// %%
import { setupNotebook, shownPath } from "../dist/lib/notebook/context";
import { showFigure, showTable, closeRenderer } from "../dist/lib/notebook/display";
import { saveCsv } from "../dist/lib/data/csv";
import { Rng } from "../dist/lib/util/rng";
import { chiMean, chiStd, chiPdf, scaledChiPdf } from "../dist/lib/stats/chi";
import { uniformNormPdfApprox, uniformNormMeanApprox, uniformNormStdApprox, uniformSquaredNormMean } from "../dist/lib/stats/uniform-norm";
import { anglePdf, angleStd } from "../dist/lib/stats/angle";
import { histogram, Histogram } from "../dist/lib/stats/histogram";
import { mean, quantile, summarize } from "../dist/lib/stats/moments";
import { simpson } from "../dist/lib/stats/integrate";
import { lerp, norm } from "../dist/lib/geometry/vectors";
import { slerp } from "../dist/lib/geometry/slerp";
import { slerpNormProfile } from "../dist/lib/geometry/slerp-norm";
import { sampleGeometry, summarizeGeometry, slerpNormBandExcess } from "../dist/lib/geometry/pair-stats";
import { concentrationTable, CONCENTRATION_DIMS } from "../dist/lib/geometry/concentration";
import { greatCircleWalk, greatCircleCheck, isClosedGreatCircle } from "../dist/lib/geometry/great-circle";
import { slerpClassVerdicts, BAND_TOLERANCE } from "../dist/lib/geometry/verdicts";
import { compareWithArticle, expectedGreatCircleRatio } from "../dist/lib/geometry/article-comparison";

const ctx = await setupNotebook("01-latent-geometry");

// %% [markdown]
// ## Parameters
//
// One cell holds every knob. The full run uses the article's 100,000 samples per prior; `QUICK=1`
// (the integration test) uses fewer, still enough for the pinned tolerances: the standard error
// of a mean is sd/√n, so 20,000 uniform-prior norms give SE = 0.258/√20,000 ≈ 0.0018 against a
// tolerance of 0.02, and 10,000 pairs give SE ≈ 0.5/√10,000 = 0.005 on the distance mean against
// 0.1. Everything is drawn from `Rng` streams derived from `SEED`, so a run is deterministic.

// %%
const QUICK = ctx.params.quick;
/** Latent dimension of the article (DCGAN's nz). */
const D = 100;
/** Norm samples per prior (article: 100,000). */
const PRIOR_SAMPLES = QUICK ? 20_000 : 100_000;
/** Random pairs for distances, midpoints, angles, the slerp norm (closed form) and path lengths. */
const PAIRS = QUICK ? 10_000 : 100_000;
/** Pairs and grids of t for the demonstration of what a grid check of slerp's norm misses. */
const GRID_PAIRS = QUICK ? 100 : 300;
const GRIDS = [21, 101, 1001, 5001];
/** Samples per prior and dimension in the concentration sweep. */
const CONCENTRATION_SAMPLES = QUICK ? 2_000 : 10_000;
/** Pairs and steps of the lerp/slerp norm profiles. */
const PROFILE_PAIRS = QUICK ? 200 : 1_000;
const PROFILE_STEPS = 51;
/** Great-circle walks (reference: 10 walks of 23 steps). */
const WALKS = 10;
const WALK_STEPS = 23;
/** Histogram bins. */
const BINS = 80;
const rng = new Rng(ctx.params.seed);
showTable([{ D, PRIOR_SAMPLES, PAIRS, GRID_PAIRS, CONCENTRATION_SAMPLES, PROFILE_PAIRS, PROFILE_STEPS, WALKS, WALK_STEPS, BINS, SEED: ctx.params.seed }], "run parameters");

// %% [markdown]
// ## Motivation
//
// A GAN's generator G maps a latent vector z to an image. During training z is drawn from a
// fixed prior, usually N(0, I) with 100 dimensions (DCGAN), sometimes U[−1, 1]¹⁰⁰. After training,
// people make animations by *walking* in the latent space: take two samples p₀ and p₁ and feed
// G the points in between. The obvious walk is the straight line (lerp),
//
//   lerp(p₀, p₁; t) = (1 − t)·p₀ + t·p₁.
//
// Tom White observed that in high dimensions this walk leaves the region the generator was
// trained on. The density of N(0, I) is largest at the origin, yet almost no sample lies near it:
// the samples live in a thin shell, a "soap bubble", of radius ≈ √d. The midpoint of a straight
// line between two points of the shell lies well inside it, where G has rarely been evaluated.
// His fix is spherical interpolation (slerp), which walks along the shell instead.
//
// ## The maths
//
// **Normal prior.** For z ~ N(0, I_d), ‖z‖² = Σ zᵢ² has a χ² law with d degrees of freedom, so
// ‖z‖ has the **χ distribution** with k = d:
//
//   f(x; k) = x^(k−1) e^(−x²/2) / (2^(k/2−1) Γ(k/2)),   E‖z‖ = √2·Γ((k+1)/2)/Γ(k/2),
//   Var‖z‖ = k − (E‖z‖)²   (because E‖z‖² = k).
//
// For k = 100: E‖z‖ = 9.975 and sd = 0.706. As k grows, E‖z‖ ≈ √(k − ½) while sd → 1/√2: the
// shell's radius grows, its thickness does not.
//
// **Uniform prior.** For u ~ U[−1, 1]^d the coordinates are independent with E uᵢ² = 1/3 and
// E uᵢ⁴ = 1/5, so S = ‖u‖² has exactly E S = d/3 and Var S = d(1/5 − 1/9) = 4d/45. The law of ‖u‖
// itself has no simple closed form; we **approximate** it:
//
// * density: by the central limit theorem S ≈ N(d/3, 4d/45); the change of variables r = √s gives
//   f(r) ≈ 2r·φ((r² − d/3)/σ)/σ with σ = √(4d/45) and φ the standard normal density;
// * moments: the delta method on √S gives E‖u‖ ≈ √(d/3) − σ²/(8(d/3)^{3/2}) = 5.768 and
//   sd ≈ σ/(2√(d/3)) = 1/√15 = 0.258 for d = 100.
//
// **Pairs.** Let p₀, p₁ ~ N(0, I_d) be independent. The sum p₀ + p₁ and the difference p₁ − p₀ are
// jointly Gaussian with covariance Cov(p₀ + p₁, p₁ − p₀) = I − I = 0, hence **independent**. This
// gives two exact laws:
//
// * the lerp midpoint m = (p₀ + p₁)/2 ~ N(0, I/2), so ‖m‖ ~ χ(d)/√2: mean 9.975/√2 = 7.053;
// * the line through p₀ and p₁ is m + s·(p₁ − p₀); its distance to the origin is the norm of the
//   part of m orthogonal to the direction p₁ − p₀. Given the direction (independent of m), that
//   part is N(0, I/2) in the d − 1 orthogonal dimensions: the distance ~ χ(d − 1)/√2, mean 7.018,
//   sd 0.4995.
//
// **Angles.** The direction of a normal sample is uniform on the sphere, and the angle θ between
// two independent samples has density f(θ) = sin^(d−2) θ / B_d on [0, π] with
// B_d = √π·Γ((d−1)/2)/Γ(d/2). It is symmetric about 90°; cos θ has variance 1/d, so
// sd θ ≈ 1/√d rad = 5.73° for d = 100.
//
// **Slerp** on unnormalised vectors, with Ω the angle between p₀ and p₁:
//
//   slerp(p₀, p₁; t) = sin((1 − t)Ω)/sin Ω · p₀ + sin(tΩ)/sin Ω · p₁.
//
// If ‖p₀‖ = ‖p₁‖ = r this is a rotation at constant norm r. Our implementation
// (`lib/geometry/slerp.ts`) also handles what the reference code does not: equal vectors (p₀ for
// every t), parallel vectors (lerp), zero vectors (lerp) and antiparallel vectors (Ω = π, where
// every great circle is a shortest path: we rotate through a documented axis, the coordinate
// axis least aligned with p₀, with the norm interpolated linearly). No input gives NaN.

// %% [markdown]
// ## Sampling
//
// Every sample set from one call: norms under both priors, and for each random pair the
// origin-to-line distance, the lerp and slerp midpoint norms, the angle, how far the slerp path's
// norm leaves the band between the endpoints' norms and whether it is monotone (both in closed
// form, section 5), and the ratio of a great circle's length to the slerp path's (section 8).

// %%
const started = Date.now();
const samples = sampleGeometry(rng.child("prior-geometry"), { latentDim: D, priorSamples: PRIOR_SAMPLES, pairs: PAIRS });
const stats = summarizeGeometry(samples);
console.log(`sampled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
showTable(Object.entries(stats).map(([name, s]) => ({ sample: name, n: s.n, mean: s.mean, std: s.std, min: s.min, max: s.max, se_mean: s.seMean })), "summary of every sample set");

// %% [markdown]
// Small helpers for the figures: a histogram as a bar trace, and a density evaluated on a grid as a
// line trace. Bars are normalised to a density, so they sit on top of the analytic curve.

// %%
/** Histogram as a Plotly bar trace (density normalisation). */
function bars(h: Histogram, name: string, color: string, opacity = 0.6): object {
  return { type: "bar", x: h.centers, y: h.density, width: h.width, name, marker: { color, opacity }, hovertemplate: "%{x:.3f}: %{y:.4f}<extra></extra>" };
}
/** A density curve on [lo, hi]. */
function curve(f: (x: number) => number, lo: number, hi: number, name: string, color: string, dash = "solid", points = 400): object {
  const x = Array.from({ length: points }, (_, i) => lo + ((hi - lo) * i) / (points - 1));
  return { type: "scatter", mode: "lines", x, y: x.map(f), name, line: { color, width: 2.5, dash } };
}
const BLUE = "#1f77b4", ORANGE = "#ff7f0e", GREEN = "#2ca02c", RED = "#d62728", GREY = "#7f7f7f", PURPLE = "#9467bd";
const axes = (x: string, y: string) => ({ xaxis: { title: { text: x } }, yaxis: { title: { text: y } } });

// %% [markdown]
// ## 1. Norms of 100-D samples: a thin shell
//
// The histogram of ‖z‖ for the normal prior, with the χ(100) density on top. The mode of N(0, I)
// is the origin, but not one of the samples comes closer to it than the minimum in the table above.

// %%
{
  const h = histogram(samples.normalNorms, { bins: BINS, lo: 6.5, hi: 13.5 });
  const m = stats.normalNorms;
  await showFigure(ctx, "normal-prior-norms", {
    data: [bars(h, `‖z‖ of ${PRIOR_SAMPLES.toLocaleString("en")} samples`, BLUE), curve((x) => chiPdf(x, D), 6.5, 13.5, "χ(100) density (exact)", RED)],
    layout: {
      title: { text: `Norms of z ~ N(0, I₁₀₀): mean ${m.mean.toFixed(3)}, sd ${m.std.toFixed(3)} (χ: ${chiMean(D).toFixed(3)}, ${chiStd(D).toFixed(3)})` },
      bargap: 0, ...axes("‖z‖", "density"),
    },
  });
  console.log(`outside the plotted range: ${h.below} below, ${h.above} above`);
}

// %% [markdown]
// For the uniform prior the overlay is the approximation described above (CLT on ‖u‖², exact
// change of variables to ‖u‖). It is not exact, but at d = 100 it is indistinguishable from the
// histogram at this resolution.

// %%
{
  const h = histogram(samples.uniformNorms, { bins: BINS, lo: 4.6, hi: 6.9 });
  const m = stats.uniformNorms;
  const sq = mean(Array.from(samples.uniformNorms, (r) => r * r));
  console.log(`E‖u‖²: sampled ${sq.toFixed(4)}, exact d/3 = ${uniformSquaredNormMean(D).toFixed(4)}`);
  console.log(`∫ approximate density over [0, 10] = ${simpson((r) => uniformNormPdfApprox(r, D), 0, 10, 2000).toFixed(6)}`);
  await showFigure(ctx, "uniform-prior-norms", {
    data: [bars(h, `‖u‖ of ${PRIOR_SAMPLES.toLocaleString("en")} samples`, ORANGE), curve((r) => uniformNormPdfApprox(r, D), 4.6, 6.9, "approximation: ‖u‖² ≈ N(d/3, 4d/45)", RED)],
    layout: {
      title: { text: `Norms of u ~ U[−1, 1]¹⁰⁰: mean ${m.mean.toFixed(3)}, sd ${m.std.toFixed(3)} (delta method: ${uniformNormMeanApprox(D).toFixed(3)}, ${uniformNormStdApprox(D).toFixed(3)})` },
      bargap: 0, ...axes("‖u‖", "density"),
    },
  });
}

// %% [markdown]
// ## 2. Concentration grows with the dimension
//
// For d from 2 to 1000, the mean and standard deviation of the norm, exact (χ) or approximate
// (uniform prior, delta method) next to sampled values. The mean grows like √d while the sd
// settles at 1/√2 ≈ 0.707 (normal) or 1/√15 ≈ 0.258 (uniform): the relative spread sd/mean falls
// like 1/√(2d) and 1/√(5d). The first figure draws the mean with its ± 1 sd band on a linear norm
// axis, where a band of constant width looks constant, and the sd itself on the right; the
// second draws the relative spread on log–log axes, where 1/√d is a straight line.

// %%
const concentration = concentrationTable(rng.child("concentration"), CONCENTRATION_DIMS, CONCENTRATION_SAMPLES);
showTable(concentration, `norm statistics per dimension (${CONCENTRATION_SAMPLES.toLocaleString("en")} samples per prior and d)`);
console.log("saved", shownPath(ctx, await saveCsv(ctx, "concentration", concentration)));

// %%
const dims = concentration.map((r) => r.dim);
const col = (f: (r: (typeof concentration)[number]) => number) => concentration.map(f);
{
  const band = (m: number[], s: number[], fill: string, name: string) => [
    { type: "scatter", mode: "lines", x: dims, y: m.map((v, i) => v + s[i]), line: { width: 0 }, showlegend: false, hoverinfo: "skip" },
    { type: "scatter", mode: "lines", x: dims, y: m.map((v, i) => v - s[i]), line: { width: 0 }, fill: "tonexty", fillcolor: fill, name: `${name}: mean ± sd (sampled)`, hoverinfo: "skip" },
  ];
  const right = { xaxis: "x2", yaxis: "y2" };
  await showFigure(ctx, "concentration-norms", {
    data: [
      ...band(col((r) => r.normal_mean_sampled), col((r) => r.normal_std_sampled), "rgba(31, 119, 180, 0.35)", "normal"),
      { type: "scatter", mode: "lines", x: dims, y: col((r) => r.normal_mean_exact), name: "normal: χ mean (exact)", line: { color: BLUE } },
      ...band(col((r) => r.uniform_mean_sampled), col((r) => r.uniform_std_sampled), "rgba(255, 127, 14, 0.35)", "uniform"),
      { type: "scatter", mode: "lines", x: dims, y: col((r) => r.uniform_mean_approx), name: "uniform: mean (delta method)", line: { color: ORANGE } },
      { type: "scatter", mode: "markers", x: dims, y: col((r) => r.normal_std_sampled), name: "normal: sd (sampled)", marker: { color: BLUE, size: 8 }, ...right },
      { type: "scatter", mode: "lines", x: dims, y: col((r) => r.normal_std_exact), name: "normal: χ sd (exact) → 1/√2", line: { color: BLUE }, ...right },
      { type: "scatter", mode: "markers", x: dims, y: col((r) => r.uniform_std_sampled), name: "uniform: sd (sampled)", marker: { color: ORANGE, size: 8, symbol: "square" }, ...right },
      { type: "scatter", mode: "lines", x: dims, y: col((r) => r.uniform_std_approx), name: "uniform: 1/√15 (delta method)", line: { color: ORANGE }, ...right },
    ],
    layout: {
      title: { text: "Mean ‖z‖ grows like √d; the ± 1 sd band keeps its width (linear norm axes)" },
      legend: { traceorder: "normal" },
      xaxis: { type: "log", domain: [0, 0.4], title: { text: "latent dimension d" } }, yaxis: { title: { text: "‖z‖: mean ± sd" } },
      xaxis2: { type: "log", domain: [0.58, 1], anchor: "y2", title: { text: "latent dimension d" } }, yaxis2: { anchor: "x2", title: { text: "sd of ‖z‖" }, range: [0, 0.8] },
    },
  });
}

// %%
await showFigure(ctx, "concentration-relative-spread", {
  data: [
    { type: "scatter", mode: "markers", x: dims, y: col((r) => r.normal_relative_spread), name: "normal (sampled)", marker: { color: BLUE, size: 9 } },
    { type: "scatter", mode: "lines", x: dims, y: col((r) => r.normal_std_exact / r.normal_mean_exact), name: "normal: χ sd/mean (exact)", line: { color: BLUE } },
    { type: "scatter", mode: "lines", x: dims, y: dims.map((d) => 1 / Math.sqrt(2 * d)), name: "1/√(2d)", line: { color: BLUE, dash: "dot" } },
    { type: "scatter", mode: "markers", x: dims, y: col((r) => r.uniform_relative_spread), name: "uniform (sampled)", marker: { color: ORANGE, size: 9, symbol: "square" } },
    { type: "scatter", mode: "lines", x: dims, y: dims.map((d) => 1 / Math.sqrt(5 * d)), name: "1/√(5d)", line: { color: ORANGE, dash: "dot" } },
  ],
  layout: { title: { text: "Relative spread sd(‖z‖)/mean(‖z‖) falls like 1/√d" }, xaxis: { type: "log", title: { text: "latent dimension d" } }, yaxis: { type: "log", title: { text: "sd / mean" } } },
});

// %% [markdown]
// ## 3. Straight lines cut through the empty middle
//
// For each random pair, the distance from the origin to the line through p₀ and p₁, and the norm
// of the lerp midpoint (p₀ + p₁)/2, next to the norms of the samples themselves. The overlays are
// the exact laws derived above: χ(99)/√2 and χ(100)/√2. The article's histogram of distances is
// "mostly between 5 and 7.5"; samples live at 10 ± 0.7.

// %%
{
  const lo = 4.5, hi = 13;
  const hd = histogram(samples.originLineDistances, { bins: BINS, lo, hi });
  const hm = histogram(samples.lerpMidpointNorms, { bins: BINS, lo, hi });
  const hn = histogram(samples.normalNorms, { bins: BINS, lo, hi });
  await showFigure(ctx, "origin-line-distance", {
    data: [
      bars(hd, "distance origin → line(p₀, p₁)", GREEN, 0.55),
      bars(hm, "‖(p₀ + p₁)/2‖ (lerp midpoint)", PURPLE, 0.45),
      bars(hn, "‖z‖ of single samples", BLUE, 0.35),
      curve((x) => scaledChiPdf(x, D - 1, Math.SQRT1_2), lo, hi, "χ(99)/√2 (exact)", GREEN, "dash"),
      curve((x) => scaledChiPdf(x, D, Math.SQRT1_2), lo, hi, "χ(100)/√2 (exact)", PURPLE, "dot"),
      curve((x) => chiPdf(x, D), lo, hi, "χ(100) (exact)", BLUE, "dash"),
    ],
    layout: {
      title: { text: `Lines between samples pass at ${stats.originLineDistances.mean.toFixed(2)} ± ${stats.originLineDistances.std.toFixed(2)} from the origin; samples sit at ${stats.normalNorms.mean.toFixed(2)}` },
      barmode: "overlay", bargap: 0, ...axes("distance from the origin", "density"),
    },
  });
  const inside = samples.originLineDistances.filter((x) => x >= 5 && x <= 7.5).length / PAIRS;
  console.log(`fraction of distances in [5, 7.5]: ${inside.toFixed(3)}`);
}

// %% [markdown]
// ## 4. Norm along the path: lerp sags, slerp does not (the "tent pole")
//
// For random pairs, ‖p(t)‖ along lerp and slerp. Lerp's norm sags to ≈ 7 at t = ½, more than four
// standard deviations of ‖z‖ below the typical 10; slerp stays at the endpoints' level. Thin lines:
// five individual pairs; thick lines: the mean over all profiled pairs, with the 5–95 % band.

// %%
const profileT = Array.from({ length: PROFILE_STEPS }, (_, i) => i / (PROFILE_STEPS - 1));
const profileRng = rng.child("profiles");
const lerpProfiles: number[][] = [], slerpProfiles: number[][] = [];
for (let k = 0; k < PROFILE_PAIRS; k++) {
  const p0 = profileRng.normalArray(D), p1 = profileRng.normalArray(D);
  lerpProfiles.push(profileT.map((t) => norm(lerp(p0, p1, t))));
  slerpProfiles.push(profileT.map((t) => norm(slerp(p0, p1, t))));
}
const column = (rows: number[][], j: number) => rows.map((r) => r[j]);
const mid = (PROFILE_STEPS - 1) / 2;
showTable([
  { path: "lerp", "mean ‖p(½)‖": mean(column(lerpProfiles, mid)), "5 %": quantile(column(lerpProfiles, mid), 0.05), "95 %": quantile(column(lerpProfiles, mid), 0.95), "exact mean": chiMean(D) / Math.SQRT2 },
  { path: "slerp", "mean ‖p(½)‖": mean(column(slerpProfiles, mid)), "5 %": quantile(column(slerpProfiles, mid), 0.05), "95 %": quantile(column(slerpProfiles, mid), 0.95) },
], `midpoint norms over ${PROFILE_PAIRS} pairs`);

// %%
{
  const traces: object[] = [];
  const summary = (rows: number[][], name: string, color: string, fill: string) => {
    const m = profileT.map((_, j) => mean(column(rows, j)));
    const q05 = profileT.map((_, j) => quantile(column(rows, j), 0.05));
    const q95 = profileT.map((_, j) => quantile(column(rows, j), 0.95));
    traces.push({ type: "scatter", mode: "lines", x: profileT, y: q95, line: { width: 0 }, showlegend: false, hoverinfo: "skip" });
    traces.push({ type: "scatter", mode: "lines", x: profileT, y: q05, line: { width: 0 }, fill: "tonexty", fillcolor: fill, name: `${name}: 5–95 %`, hoverinfo: "skip" });
    traces.push({ type: "scatter", mode: "lines", x: profileT, y: m, line: { color, width: 4 }, name: `${name}: mean` });
  };
  summary(lerpProfiles, "lerp", RED, "rgba(214, 39, 40, 0.18)");
  summary(slerpProfiles, "slerp", BLUE, "rgba(31, 119, 180, 0.18)");
  for (let k = 0; k < 5; k++) {
    traces.push({ type: "scatter", mode: "lines", x: profileT, y: lerpProfiles[k], line: { color: RED, width: 1 }, opacity: 0.6, showlegend: k === 0, name: "lerp: single pairs" });
    traces.push({ type: "scatter", mode: "lines", x: profileT, y: slerpProfiles[k], line: { color: BLUE, width: 1 }, opacity: 0.6, showlegend: k === 0, name: "slerp: single pairs" });
  }
  traces.push({ type: "scatter", mode: "lines", x: [0, 1], y: [chiMean(D) - 4 * chiStd(D), chiMean(D) - 4 * chiStd(D)], line: { color: GREY, dash: "dash" }, name: "mean ‖z‖ − 4 sd" });
  await showFigure(ctx, "lerp-slerp-norm-profile", {
    data: traces,
    layout: { title: { text: "‖p(t)‖ along lerp and slerp between two samples of N(0, I₁₀₀)" }, ...axes("t", "‖p(t)‖") },
  });
}

// %% [markdown]
// ## 5. Does slerp's norm stay between the endpoints' norms?
//
// The article says the norm along slerp stays between ‖p₀‖ and ‖p₁‖ and changes monotonically.
// Checking that on a grid of t is a trap: an overshoot that peaks between two grid points is
// missed. So we find the extremes exactly. In the plane of p₀ and p₁, with a = ‖p₀‖, b = ‖p₁‖,
// φ = tΩ and k = (b − a)·cos Ω / sin Ω,
//
//   slerp(t) = (a cos φ + k sin φ)·e₁ + (b sin φ)·e₂,
//   ‖slerp(t)‖² = M + P cos 2φ + Q sin 2φ,   M = (a² + b² + k²)/2,  P = (a² − b² − k²)/2,  Q = a·k:
//
// a sinusoid in 2φ, whose stationary points φ* = ½·atan2(Q, P) + m·π/2 can simply be listed
// (`lib/geometry/slerp-norm.ts`). When Ω ≤ 90°, cos Ω ≥ 0 and no φ* falls inside (0, Ω): the norm
// moves monotonically from a to b, as the article says. When Ω > 90°, one φ* falls inside: the
// norm first moves away from the band, then comes back, and the path leaves the band.
//
// First, how a grid check converges to the exact answer, on the same pairs: the share of pairs
// found inside the band on grids of 21 to 5,001 points of t.

// %%
const gridRng = rng.child("slerp-grid-demo");
const gridPairs = Array.from({ length: GRID_PAIRS }, () => [gridRng.normalArray(D), gridRng.normalArray(D)] as const);
const share = (inside: (p0: Float64Array, p1: Float64Array) => boolean) => mean(gridPairs.map(([p0, p1]) => (inside(p0, p1) ? 1 : 0)));
showTable([
  ...GRIDS.map((g) => ({ check: `grid of ${g.toLocaleString("en")} points of t`, share_inside_band: share((p0, p1) => slerpNormBandExcess(p0, p1, g) <= BAND_TOLERANCE * Math.max(norm(p0), norm(p1))) })),
  { check: "closed form (no grid)", share_inside_band: share((p0, p1) => slerpNormProfile(p0, p1).relativeExcess <= BAND_TOLERANCE) },
  { check: "share of acute pairs, Ω ≤ 90°", share_inside_band: share((p0, p1) => slerpNormProfile(p0, p1).omega <= Math.PI / 2) },
], `slerp paths inside their endpoints' norm band (${GRID_PAIRS} pairs)`);

// %% [markdown]
// The grid's answer falls towards the closed form as the grid gets finer. The closed form is the
// share of acute pairs, plus the rare obtuse pairs so close to 90° that their overshoot is below
// the tolerance of 1e−9 of the norm: every acute path stays in its band, and an obtuse one leaves
// it. Over all the sampled pairs, per angle class, with the size of the overshoot as a fraction of
// the larger endpoint norm:

// %%
const slerpClasses = slerpClassVerdicts(samples.pairAnglesDeg, samples.slerpRelativeExcess, samples.slerpMonotone);
showTable(slerpClasses, `slerp's norm per angle class (${PAIRS.toLocaleString("en")} pairs, closed form)`);
console.log("saved", shownPath(ctx, await saveCsv(ctx, "slerp-band", slerpClasses)));
{
  const show = Math.min(PAIRS, 5000);
  const angles = Array.from(samples.pairAnglesDeg.subarray(0, show));
  const percent = Array.from(samples.slerpRelativeExcess.subarray(0, show), (e) => 100 * e);
  const largest = 100 * Math.max(...slerpClasses.map((c) => c.largest_relative_overshoot));
  await showFigure(ctx, "slerp-norm-band", {
    data: [
      { type: "scatter", mode: "markers", x: angles, y: percent, marker: { size: 3, color: PURPLE, opacity: 0.5 }, name: `pairs (first ${show.toLocaleString("en")}, closed form)` },
      { type: "scatter", mode: "lines", x: [90, 90], y: [0, largest], line: { color: GREY, dash: "dash" }, name: "Ω = 90°" },
    ],
    layout: { title: { text: `slerp leaves its norm band exactly when Ω > 90°, by at most ${largest.toFixed(2)} % of the norm` }, ...axes("angle Ω between p₀ and p₁ (°)", "overshoot outside the band (% of max ‖pᵢ‖)") },
  });
}

// %% [markdown]
// ## 6. Two random samples are nearly orthogonal
//
// The angle between independent samples of N(0, I₁₀₀), with the exact sin⁹⁸ θ law (converted to
// degrees) on top.

// %%
{
  const h = histogram(samples.pairAnglesDeg, { bins: BINS, lo: 60, hi: 120 });
  const deg = Math.PI / 180;
  const exactSd = angleStd(D) / deg;
  await showFigure(ctx, "pair-angles", {
    data: [bars(h, "angle between p₀ and p₁", GREEN), curve((a) => anglePdf(a * deg, D) * deg, 60, 120, "sin⁹⁸θ / B (exact)", RED)],
    layout: { title: { text: `Angle between two samples: ${stats.pairAnglesDeg.mean.toFixed(2)}° ± ${stats.pairAnglesDeg.std.toFixed(2)}° (exact 90° ± ${exactSd.toFixed(2)}°)` }, bargap: 0, ...axes("θ (°)", "density per degree") },
  });
}

// %% [markdown]
// ## 7. Great-circle walks keep a constant norm
//
// The reference code's walk: a radius r ~ χ(100), a random unit vector u, a second one v made
// orthogonal to u, and z(t) = r(cos 2πt·u + sin 2πt·v) for t = i/23. Every point should have norm
// r, the steps should be equal, and the walk should close on itself in one plane.
// `greatCircleCheck` measures the three deviations from that, relative to r: of the norms, of the
// chords between successive points (the chord from the last point back to the first included),
// and of the points from the plane of z₀ and z₁. The figure's dotted lines show the chord
// midpoints between successive points (lerp between neighbours): r·cos(π/23), barely inside the
// shell.

// %%
const walkRng = rng.child("great-circle");
const walks = Array.from({ length: WALKS }, () => greatCircleWalk(walkRng, D, WALK_STEPS));
const walkChecks = walks.map((w) => greatCircleCheck(w.points));
const gcDeviation = Math.max(...walkChecks.flatMap((c) => [c.maxNormDeviation, c.maxChordDeviation, c.maxPlaneDistance]));
showTable(walkChecks.map((c, k) => ({ walk: k + 1, r: walks[k].radius, ...c, closed_great_circle: isClosedGreatCircle(c) ? "yes" : "no" })), "deviations from a closed, equal-step great circle (relative to r)");
{
  const steps = Array.from({ length: WALK_STEPS + 1 }, (_, i) => i);
  const traces: object[] = walks.map((w, k) => ({
    type: "scatter", mode: "lines+markers", x: steps, y: steps.map((i) => norm(w.points[i % WALK_STEPS])),
    name: `walk ${k + 1}: r = ${w.radius.toFixed(2)}`, marker: { size: 4 },
  }));
  walks.forEach((w, k) => traces.push({
    type: "scatter", mode: "lines", x: steps.slice(0, WALK_STEPS).map((i) => i + 0.5),
    y: steps.slice(0, WALK_STEPS).map((i) => norm(lerp(w.points[i], w.points[(i + 1) % WALK_STEPS], 0.5))),
    line: { dash: "dot", width: 1, color: GREY }, showlegend: k === 0, name: "chord midpoints (lerp)",
  }));
  await showFigure(ctx, "great-circle-norms", {
    data: traces,
    layout: { title: { text: `Great-circle walks: ‖z(t)‖ = r at every step (${WALKS} walks, ${WALK_STEPS} steps, closed loops)` }, ...axes("step i (t = i/23; step 23 = step 0)", "‖z(t)‖") },
  });
}

// %% [markdown]
// ## 8. How much longer is a great circle than slerp?
//
// The article says a great-circle walk covers "about 3 times" the distance of slerp between two
// random points. For two samples of equal norm r, slerp is an arc of angle Ω on a circle of radius
// r through both, so the whole circle is 2π/Ω times longer. With unequal norms slerp's path is not
// a circular arc: we take its length L in closed form (`slerpArcLength`) and compare it with the
// great circle at the pair's mean radius, π(‖p₀‖ + ‖p₁‖)/L. The exact expectation of 2π/Ω under
// the sin⁹⁸ law of Ω is an integral (`expectedGreatCircleRatio`). A ratio of 3 needs Ω = 120°;
// the last line gives the probability of an angle that wide.

// %%
const ratioSummary = (measure: string, xs: number[]) => {
  const s = summarize(xs);
  return { measure, pairs: s.n, mean: s.mean, q05: quantile(xs, 0.05), median: quantile(xs, 0.5), q95: quantile(xs, 0.95), min: s.min, max: s.max, share_at_most_3_5: mean(xs.map((x) => (x <= 3.5 ? 1 : 0))) };
};
const ratios = Array.from(samples.greatCircleRatios);
const ratioRows = [
  ratioSummary("great circle at the mean radius / slerp path length", ratios),
  ratioSummary("2π/Ω (equal norms)", Array.from(samples.pairAnglesDeg, (a) => 360 / a)),
];
showTable(ratioRows, `great circle vs slerp over ${PAIRS.toLocaleString("en")} random pairs`);
console.log("saved", shownPath(ctx, await saveCsv(ctx, "great-circle-ratio", ratioRows)));
const deg = Math.PI / 180;
console.log(`exact E[2π/Ω] = ${expectedGreatCircleRatio(D).toFixed(4)}; P(Ω ≥ 120°), the angle a ratio of 3 needs: ${simpson((t) => anglePdf(t, D), 120 * deg, Math.PI, 20000).toExponential(2)}`);
{
  const h = histogram(ratios, { bins: BINS, lo: 2.8, hi: 6 });
  await showFigure(ctx, "great-circle-ratio", {
    data: [
      bars(h, "π(‖p₀‖ + ‖p₁‖)/L per pair", GREEN),
      curve((r) => anglePdf((2 * Math.PI) / r, D) * ((2 * Math.PI) / (r * r)), 2.8, 6, "law of 2π/Ω (exact)", RED),
      { type: "scatter", mode: "lines", x: [3, 3], y: [0, Math.max(...h.density)], line: { color: GREY, dash: "dash" }, name: "article: about 3" },
    ],
    layout: { title: { text: `A great circle is ${ratioRows[0].mean.toFixed(2)}× as long as slerp's path on average (article: about 3×)` }, bargap: 0, ...axes("great-circle length / slerp path length", "density") },
  });
}

// %% [markdown]
// ## 9. Article versus reproduction
//
// Every claim of the article that this notebook can test, one row each. *claimed* is the
// article's number when *source* says "article". Where the article gives no number (the spreads
// of the origin-to-line distance and of the angle) the row holds a rounded reference value of
// ours, marked "reference value": those rows check our sampling against the exact law, not the
// article. *exact* is the closed form where there is one (χ laws, the sin^(d−2) angle law,
// E[2π/Ω]; for the uniform prior the delta-method approximation); *reproduced* is our sample value
// and *standard_error* its standard error, both left empty where they do not apply. Rules
// (`lib/geometry/verdicts.ts`): `abs` confirms when |reproduced − claimed| ≤ tolerance; `greater`
// when reproduced > claimed ("more than 4 sd", and "mostly between 5 and 7.5" read as more than
// half). The slerp rows are shares of pairs per angle class with tolerance 0: the claim must hold
// for every pair of the class.

// %%
const comparison = compareWithArticle(D, samples, stats, gcDeviation);
showTable(comparison, `article vs reproduced (d = ${D}, ${PRIOR_SAMPLES.toLocaleString("en")} samples per prior, ${PAIRS.toLocaleString("en")} pairs)`);
console.log("saved", shownPath(ctx, await saveCsv(ctx, "summary", comparison)));

// %% [markdown]
// ## Summary
//
// What the full run (100,000 samples per prior, 100,000 pairs) found:
//
// * **Norms concentrate, as the article says.** ‖z‖ for z ~ N(0, I₁₀₀) has mean 9.975 and sd 0.707
//   (the χ(100) law: 9.975 and 0.706); for U[−1, 1]¹⁰⁰, 5.768 and 0.259 (delta method: 5.768 and
//   0.258). The shell's thickness stays put while its radius grows like √d: at d = 1000 the sd is
//   still 0.706 (normal) and 0.256 (uniform), so the relative spread has fallen to 0.022 and 0.014.
// * **Straight lines cut through the empty middle.** The line between two samples passes at
//   7.02 ± 0.50 from the origin (exactly χ(99)/√2), 83 % of these distances lie in [5, 7.5], and
//   the lerp midpoint has norm 7.05, 4.13 sd of ‖z‖ below the mean norm (exact: χ(100)/√2, 4.14 sd).
//   The article's "tent pole" is confirmed.
// * **Two samples are nearly orthogonal**: 90.02° ± 5.76° (exact law: 90° ± 5.758°). The ± 6° is
//   our rounding; the article only says "nearly orthogonal".
// * **Slerp keeps the norm between the endpoints' norms only for acute pairs.** All 49,988 pairs
//   with Ω ≤ 90° stay inside their band with a monotone norm, exactly as the algebra of section 5
//   says. None of the 50,012 obtuse pairs has a monotone norm, and all but 0.3 % of them (angles a
//   hair above 90°, overshoot below 1e−9) leave the band, by a median 0.006 % and at most 0.95 % of
//   the norm: harmless for a walk, but the article's statement is exact only for Ω ≤ 90°. A check
//   on 21 points of t finds 77 % of the pairs inside the band; on 101, 1,001 and 5,001 points 54 %,
//   49.3 % and 49.0 %, which is the exact answer (the share of acute pairs, 48.7 % of these 300,
//   plus the obtuse ones below the tolerance).
// * **Great-circle walks** keep their norm, take equal steps and close in one plane, to 3.8e−15
//   relative. But a great circle is about **4 times** as long as slerp's path between two random
//   points, not 3: the mean ratio is 4.01 (5–95 %: 3.62–4.46; exact E[2π/Ω] = 4.017), only 1.3 % of
//   the pairs are below 3.5, and a ratio of 3 needs Ω = 120°, an angle with probability 5.1e−8.
//
// Whether lerp's sag matters for *images* is a question about the generator, not the prior:
// notebook 01b trains one and walks in its latent space.
//
// ## Exercises
//
// 1. Replace N(0, I₁₀₀) by N(0, I₁₀₀₀). Predict the lerp midpoint norm, the angle spread and the
//    great circle / slerp length ratio from the formulas above before you run anything, then check.
// 2. Derive the law of the origin-to-line distance for the *uniform* prior: is there still an
//    exact answer? Estimate it by sampling and compare with the normal-prior case scaled by the
//    ratio of the mean norms.
// 3. With ‖p₀‖ = 1 and ‖p₁‖ = 0.5, use the sinusoid ‖slerp‖² = M + P cos 2φ + Q sin 2φ of section 5
//    to find the angle Ω at which slerp's norm overshoots max(‖p₀‖, ‖p₁‖) the most, and check it
//    with `slerpNormProfile`.

// %%
await closeRenderer();
