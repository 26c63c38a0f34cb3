/**
 * The configuration of a GAN training run. Variants are values of this type, not copies of
 * the loop: a WGAN-GP is the reference config with another `loss`, `optimizers` and `critic`; a
 * DCGAN is one with conv `generator` and `discriminator` specs; a conditional GAN adds
 * `condition`. A config is plain JSON (the data sampler is passed separately, identified by
 * `data.name`), so its canonical JSON can be hashed into a checkpoint key and saved next to
 * results.
 */
import type { Activation } from "../nn/activation";
import type { InitScheme } from "../nn/init";
import type { LayerSpec } from "../nn/mlp";
import type { DenseMode } from "../nn/dense";
import { IMAGE_PIXELS } from "../nn/dcgan";
import { outputWidth, type MlpNetworkSpec, type NetworkSpec } from "../nn/network";
import { validatePrior, type LatentPrior } from "../geometry/priors";
import type { FDivergenceChoice, FganGeneratorObjective } from "../losses/fgan";
import type { SphereDistanceRoute } from "../losses/sphere";
import type { OptimizerSpec } from "./optimizers";
import { validateSchedule, type RunSchedule } from "./run";

export type { LatentPrior } from "../geometry/priors";
export type { NetworkSpec } from "../nn/network";

/**
 * The adversarial objective; see lib/losses for each formula. Sphere GAN's `route` picks how
 * the distance to the pole is computed: "projection" = arccos of the projected point (the
 * official code), "norm" (default) = 2·arctan(1/‖u‖), the same function of the feature norm.
 */
export type GanLoss =
  | { kind: "bce"; generator: "minimax" | "non-saturating" }
  | { kind: "least-squares" }
  | { kind: "hinge" }
  | { kind: "wgan-clip"; clip: number }
  | { kind: "wgan-gp"; weight: number; oneSided?: boolean | readonly boolean[] }
  | { kind: "fgan"; divergence: FDivergenceChoice; generator: FganGeneratorObjective }
  | { kind: "sphere"; moments: number; route?: SphereDistanceRoute };

/**
 * Critic updates per generator update: a constant n, or the WGAN schedule (n = `warmup` for
 * the first `warmupSteps` generator steps and on every `every`-th, `n` otherwise).
 */
export type CriticSchedule =
  | { kind: "constant"; n: number }
  | { kind: "wgan"; n: number; warmup: number; warmupSteps: number; every: number };

/**
 * A conditional GAN (labelled data, `classes` one-hot conditions):
 * - "concat": G reads [z, c], D reads [x, c] and outputs one score for the pair;
 * - "two-head": D reads x only and outputs 1 + classes scores: "is x real" and, per class c,
 *   "do x and c match" (the two discriminator designs of the lecture notes).
 * `mismatched`: real x paired with a wrong class counts as a negative too (concat design; the
 * two-head design always trains its match scores on mismatched pairs).
 */
export interface ConditionSpec {
  classes: number;
  design: "concat" | "two-head";
  mismatched: boolean;
}

/** One independent GAN of an ensemble: its latent width and its seed (weights, data, noise). */
export interface MemberSpec {
  latentDim: number;
  seed: number;
}

export interface GanConfig extends RunSchedule {
  /** Identity of the real-data sampler (hashed) and the width of a data point (784 for images). */
  data: { name: string; dim: number };
  members: MemberSpec[];
  generator: NetworkSpec;
  discriminator: NetworkSpec;
  latent: LatentPrior;
  loss: GanLoss;
  optimizers: { d: OptimizerSpec; g: OptimizerSpec };
  /** Per member: real and fake samples per critic update, noise vectors per G update. */
  batch: { real: number; fake: number; generator: number };
  critic: CriticSchedule;
  /** Snapshots after every step s ≤ denseUntil (s = 0 is the initial state), then every `every`. */
  snapshots: { denseUntil: number; every: number };
  /** Dense layer implementation of MLPs; "auto" picks per backend (lib/nn/dense.ts). */
  denseMode: DenseMode | "auto";
  condition?: ConditionSpec;
}

/** Number of critic updates before generator step `step` (0-based). */
export function criticIterations(schedule: CriticSchedule, step: number): number {
  if (schedule.kind === "constant") return schedule.n;
  return step < schedule.warmupSteps || step % schedule.every === 0 ? schedule.warmup : schedule.n;
}

/** Whether the D loss differentiates through a gradient (needs twice-differentiable layers). */
export function needsDoubleBackprop(loss: GanLoss): boolean {
  return loss.kind === "wgan-gp";
}

/** The largest latent width of the ensemble (the padded latent width of G). */
export function maxLatentDim(config: GanConfig): number {
  return Math.max(...config.members.map((m) => m.latentDim));
}

/** Input widths: G reads [z (padded), c], D reads [x, c] (concat design) or x. */
export function inputWidths(config: GanConfig): { g: number; d: number } {
  const c = config.condition;
  return {
    g: maxLatentDim(config) + (c ? c.classes : 0),
    d: config.data.dim + (c?.design === "concat" ? c.classes : 0),
  };
}

/** The D output width the loss and the condition design need (undefined: any width ≥ 1). */
function expectedScores(config: GanConfig): number | undefined {
  if (config.loss.kind === "sphere") return undefined;
  return config.condition?.design === "two-head" ? 1 + config.condition.classes : 1;
}

/** Throws a message naming the field for a config the loop cannot run. */
export function validateConfig(config: GanConfig): void {
  const fail = (msg: string) => {
    throw new Error(`GanConfig "${config.name}": ${msg}`);
  };
  validateSchedule(config);
  validatePrior(config.latent);
  if (config.members.length === 0) fail("members is empty");
  for (const m of config.members) {
    if (!(Number.isInteger(m.latentDim) && m.latentDim >= 1)) fail(`member latentDim ${m.latentDim} is not an integer >= 1`);
    if (!(Number.isInteger(m.seed) && m.seed >= 0 && m.seed <= 0xffffffff)) fail(`member seed ${m.seed} is not an integer from 0 to 4294967295`);
  }
  const gOut = outputWidth(config.generator);
  if (gOut !== config.data.dim) fail(`generator output width ${gOut} != data.dim ${config.data.dim}`);
  const dOut = outputWidth(config.discriminator);
  const want = expectedScores(config);
  if (want !== undefined && dOut !== want) fail(`discriminator output width ${dOut} must be ${want} for loss ${config.loss.kind}${config.condition ? ` with the ${config.condition.design} design` : ""}`);
  if (config.discriminator.kind === "dcgan-discriminator" && config.data.dim !== IMAGE_PIXELS) fail(`a dcgan-discriminator reads 28×28 images (data.dim ${IMAGE_PIXELS}), got data.dim ${config.data.dim}`);
  const c = config.condition;
  if (c) {
    if (!(Number.isInteger(c.classes) && c.classes >= 2)) fail(`condition.classes ${c.classes} is not an integer >= 2`);
    if (new Set(config.members.map((m) => m.latentDim)).size > 1) fail("a conditional ensemble needs one latent width for all members");
    if (config.batch.real !== config.batch.fake) fail(`a conditional critic update pairs real and fake samples: batch.real ${config.batch.real} must equal batch.fake ${config.batch.fake}`);
    if (c.design === "two-head" && config.loss.kind === "sphere") fail("the two-head design needs scalar scores (not the sphere loss)");
  }
  if (config.loss.kind === "fgan" && typeof config.loss.divergence !== "string" && config.loss.divergence.length !== config.members.length) {
    fail(`loss.divergence lists ${config.loss.divergence.length} divergences for ${config.members.length} members`);
  }
  if (config.loss.kind === "wgan-gp" && Array.isArray(config.loss.oneSided) && config.loss.oneSided.length !== config.members.length) {
    fail(`loss.oneSided lists ${config.loss.oneSided.length} flags for ${config.members.length} members`);
  }
  if (config.loss.kind === "wgan-gp" && config.batch.real !== config.batch.fake) fail(`the gradient penalty interpolates real and fake pairs: batch.real ${config.batch.real} must equal batch.fake ${config.batch.fake}`);
}

/** An MLP spec: a stack of equal hidden layers followed by an output layer. */
export function mlp(hidden: number, units: number, activation: Activation, outUnits: number, init: InitScheme, outActivation: Activation = "linear"): MlpNetworkSpec {
  return { kind: "mlp", layers: stack(hidden, units, activation, outUnits, outActivation), init };
}

/** Shorthand for a stack of equal hidden layers followed by an output layer. */
export function stack(hidden: number, units: number, activation: Activation, outUnits: number, outActivation: Activation = "linear"): LayerSpec[] {
  return [...Array.from({ length: hidden }, () => ({ units, activation })), { units: outUnits, activation: outActivation }];
}
