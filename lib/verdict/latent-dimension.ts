/**
 * The claims of "Why GANs need latent noise of enough dimensions" (docs/articles.md) as
 * measurable rules on notebook 05's metric records (one row per dataset × latent size × seed:
 * lib/metrics/toy-metrics.ts plus the columns named below), judged by ./claims.ts.
 *
 * Every rule is written so that a generator which ignores the data cannot satisfy it: a claim
 * that a configuration works needs it near the data; a claim that describes how one fails
 * ("two regions omitted", "misses two modes") needs that very failure and the rest of the data
 * drawn, so noise spread over the plot square, or everything in one blob, fails it; a claim that
 * one configuration is worse than others fails when all of them ignore the data alike.
 * test/unit/latent-dimension-claims.test.ts feeds such generators through every rule.
 *
 * Columns used beyond toy-metrics: `mode_isotropy` (lib/metrics/mode-shape.ts), `fold_share`
 * (2-D latents, lib/metrics/folds.ts), `d_gap` (D's score gap at the end of training,
 * lib/metrics/discriminator.ts) and `d_gap_ratio` (that gap over its largest value during
 * training).
 */
import type { ClaimSpec, Selector } from "./claims";

/** KL divergence (nats) below which a generator counts as convincing: a tenth of a nat, ten times the k-NN estimator's spread at 5,000 points. */
export const CONVINCING_KL = 0.1;
/** "Right variance": within ±15 % of the data's variance 1 on each axis. */
export const RIGHT_VARIANCE: [number, number] = [0.85, 1.15];
/** "Wrong mean": ‖mean‖ above 0.1, five times the offset (≈ 0.018) of 5,000 samples of N(0, I₂) itself. */
export const WRONG_MEAN = 0.1;
/** Share of samples within 3σ of a mode that "draws the modes": data 98.9 %; uniform noise over the plot square 25 %. */
export const ON_MODES = 0.8;
/** Off-band share below which the spiral counts as drawn (the data: 0). */
export const ON_SPIRAL = 0.1;
/** "Two modes missed" and "one mode ignored" count modes holding less than half a fair share: 8 − modes_fair in (1.5, 2.5) and (0.5, 1.5). */
export const ALL_MODES = 7.5;
/** Mean within-mode isotropy λ₋/λ₊ below which the samples at the modes are "not normal" (round blobs give 0.85–1). */
export const NOT_ROUND = 0.5;
/** Latent mass folded over (fold share) above which a 2-D map counts as kinked: 1 % of the latent square. */
export const KINKED = 0.01;
/** D "slacks off": its mean scores on real and generated points differ by less than 0.1 … */
export const SLACK_GAP = 0.1;
/** … less than half the gap it reached earlier in training, while G is still worse than the 3-D generator. */
export const SLACK_DROP = 0.5;
/** The quantile map is learned: W₁(G#U, N(0, 1)) below 0.1 (a shift of a tenth of a standard deviation) and RMSE to f below 0.2. */
export const QUANTILE_W1 = 0.1;
export const QUANTILE_RMSE = 0.2;

export const DATASETS = ["gaussian", "eight-gaussians", "spiral"] as const;
export type DatasetName = (typeof DATASETS)[number];

const LABEL: Record<DatasetName, string> = { gaussian: "Gaussian", "eight-gaussians": "eight Gaussians", spiral: "spiral" };

export const METRIC_NAMES: Record<string, string> = {
  grid_kl_data_model: "grid KL(data‖G)",
  grid_kl_model_data: "grid KL(G‖data)",
  kl_data_model: "kNN KL(data‖G)",
  kl_model_data: "kNN KL(G‖data)",
  modes_fair: "modes with ≥ ½ fair share",
  modes_covered: "modes with ≥ 1 sample",
  high_quality: "share within 3σ of a mode",
  off_manifold: "share off the data",
  mode_jsd: "JSD(mode shares ‖ uniform)",
  mode_isotropy: "within-mode isotropy",
  spiral_gaps: "omitted stretches",
  var_x: "var x",
  var_y: "var y",
  mean_offset: "‖mean‖",
  fold_share: "fold share",
  d_gap: "D's score gap",
  d_gap_ratio: "gap / its peak",
};

/** The metric of one (dataset, latent size). */
export function sel(dataset: DatasetName, latentDim: number, metric: string): Selector {
  return { where: { dataset, latent_dim: latentDim }, metric, name: `${METRIC_NAMES[metric] ?? metric}, ${latentDim}-D` };
}

export interface ArticleClaim {
  spec: ClaimSpec;
  /** what the article says, for the table's "article" column */
  article: string;
}

const threshold = (claim: string, x: Selector, side: "below" | "above", t: number): ClaimSpec => ({ kind: "threshold", claim, x, side, threshold: t });
const within = (claim: string, x: Selector, lo: number, hi: number): ClaimSpec => ({ kind: "within", claim, x, lo, hi });
const compare = (claim: string, a: Selector, relation: "less" | "greater", b: Selector): ClaimSpec => ({ kind: "compare", claim, a, relation, b });
const all = (claim: string, parts: ClaimSpec[]): ClaimSpec => ({ kind: "all", claim, parts });

/** The latent sizes the article trained on every data set: the claims below name each of them. */
export const ARTICLE_LATENT_SIZES: readonly number[] = [1, 2, 3, 10, 100];

/** The article's observations after 30,000 steps (one seed, by eye), and the observations it made without reporting a measurement. */
export function latentDimensionClaims(dims: readonly number[] = ARTICLE_LATENT_SIZES): ArticleClaim[] {
  for (const d of ARTICLE_LATENT_SIZES) if (!dims.includes(d)) throw new RangeError(`latentDimensionClaims: latent size ${d} missing from [${dims}]`);
  const larger = dims.filter((d) => d > 1);
  const eg = "eight-gaussians" as const;
  return [
    {
      article: "fails on all three (a squiggle on the Gaussian; a mode ignored on eight Gaussians; regions of the spiral left out)",
      spec: all("1-D latent fails on all three data sets", DATASETS.map((ds) => all(`${LABEL[ds]}: 1-D worse than every larger latent`, larger.map((d) => compare(`1-D > ${d}-D`, sel(ds, 1, "grid_kl_data_model"), "greater", sel(ds, d, "grid_kl_data_model")))))),
    },
    {
      article: "one mode ignored and many samples between the modes",
      spec: all("eight Gaussians, 1-D: one mode ignored, many samples between modes", [
        within("one mode under half a fair share", sel(eg, 1, "modes_fair"), ALL_MODES - 1, ALL_MODES),
        compare("more samples between modes than 2-D", sel(eg, 1, "off_manifold"), "greater", sel(eg, 2, "off_manifold")),
      ]),
    },
    {
      article: "two regions of the spiral left out",
      spec: all("spiral, 1-D: two regions omitted", [
        within("two omitted stretches", sel("spiral", 1, "spiral_gaps"), 1.5, 2.5),
        threshold("the rest drawn on the band", sel("spiral", 1, "off_manifold"), "below", ON_SPIRAL),
      ]),
    },
    {
      article: "3-D and 10-D convincing",
      spec: all("Gaussian: 3-D and 10-D convincing", [3, 10].map((d) => all(`${d}-D`, [
        threshold(`KL(data‖G), ${d}-D`, sel("gaussian", d, "kl_data_model"), "below", CONVINCING_KL),
        threshold(`KL(G‖data), ${d}-D`, sel("gaussian", d, "kl_model_data"), "below", CONVINCING_KL),
      ]))),
    },
    {
      article: "right variance but wrong mean",
      spec: all("Gaussian, 100-D: right variance, wrong mean", [
        within("var x right", sel("gaussian", 100, "var_x"), ...RIGHT_VARIANCE),
        within("var y right", sel("gaussian", 100, "var_y"), ...RIGHT_VARIANCE),
        threshold("mean wrong (‖mean‖ per seed)", sel("gaussian", 100, "mean_offset"), "above", WRONG_MEAN),
      ]),
    },
    {
      article: "no mode collapse",
      spec: all("eight Gaussians, 2-D: no mode collapse", [
        threshold("every mode holds ≥ ½ a fair share", sel(eg, 2, "modes_fair"), "above", ALL_MODES),
        threshold("samples on the modes", sel(eg, 2, "high_quality"), "above", ON_MODES),
      ]),
    },
    {
      article: "slight mode collapse",
      spec: all("eight Gaussians, 3-D and 10-D: slight mode collapse", [3, 10].map((d) => all(`${d}-D`, [
        threshold(`no mode lost, ${d}-D`, sel(eg, d, "modes_covered"), "above", ALL_MODES),
        compare(`shares less even than 2-D`, sel(eg, d, "mode_jsd"), "greater", sel(eg, 2, "mode_jsd")),
        threshold(`samples on the modes, ${d}-D`, sel(eg, d, "high_quality"), "above", ON_MODES),
      ]))),
    },
    {
      article: "misses two modes",
      spec: within("eight Gaussians, 100-D: misses two modes", sel(eg, 100, "modes_fair"), ALL_MODES - 2, ALL_MODES - 1),
    },
    {
      article: "(seen, not reported) better than 1-D but kinked",
      spec: all("Gaussian, 2-D: better than 1-D but kinked", [
        compare("closer to the data than 1-D", sel("gaussian", 2, "grid_kl_data_model"), "less", sel("gaussian", 1, "grid_kl_data_model")),
        compare("fewer samples off the data than 1-D", sel("gaussian", 2, "grid_kl_model_data"), "less", sel("gaussian", 1, "grid_kl_model_data")),
        threshold("the map folds (kinks)", sel("gaussian", 2, "fold_share"), "above", KINKED),
      ]),
    },
    {
      article: "(seen, not reported) the lower the latent size, the fewer samples between the modes",
      spec: { kind: "order", claim: "eight Gaussians: fewer samples between modes at lower latent size (2 < 3 < 10 < 100)", series: larger.map((d) => sel(eg, d, "off_manifold")), relation: "less" },
    },
    {
      article: "(not tested) the 1-D result is \"not normal\"",
      spec: threshold("eight Gaussians, 1-D: not normal (samples at a mode not a round blob)", sel(eg, 1, "mode_isotropy"), "below", NOT_ROUND),
    },
    {
      article: "(not tested) the discriminator \"slacks off\"",
      spec: all("D slacks off against the 1-D generators", DATASETS.map((ds) => all(LABEL[ds], [
        threshold("scores real and generated alike", sel(ds, 1, "d_gap"), "below", SLACK_GAP),
        threshold("after separating them better", sel(ds, 1, "d_gap_ratio"), "below", SLACK_DROP),
        compare("while G is still worse than 3-D", sel(ds, 1, "grid_kl_data_model"), "greater", sel(ds, 3, "grid_kl_data_model")),
      ]))),
    },
  ];
}

/** The 1-D experiment: records { dataset: "normal-1d", latent_dim: 1, seed, rmse, w1 } at the end of training. */
export function quantileClaim(): ArticleClaim {
  const x = (metric: string, name: string): Selector => ({ where: { dataset: "normal-1d", latent_dim: 1 }, metric, name });
  return {
    article: "a 1-D GAN learns the normal quantile function (600 steps)",
    spec: all("1-D GAN learns f(u) = Φ⁻¹((u + 1)/2)", [
      threshold("G#U close to N(0, 1)", x("w1", "W₁(G#U, N(0, 1))"), "below", QUANTILE_W1),
      threshold("G close to f or its mirror", x("rmse", "RMSE(G, f)"), "below", QUANTILE_RMSE),
    ]),
  };
}
