/**
 * The configuration of a GAN training run. Variants are values of this type, not copies of
 * the loop: a WGAN-GP is the reference config with another `loss`, `optimizers` and `critic`.
 * A config is plain JSON (the data sampler is passed separately, identified by `data.name`),
 * so its canonical JSON can be hashed into a checkpoint key and saved next to results.
 */
import type { Activation } from "../nn/activation";
import type { InitScheme } from "../nn/init";
import type { LayerSpec } from "../nn/mlp";
import type { DenseMode } from "../nn/dense";
import type { FDivergence, FganGeneratorObjective } from "../losses/fgan";
import type { OptimizerSpec } from "./optimizers";

/** The adversarial objective; see lib/losses for each formula. */
export type GanLoss =
  | { kind: "bce"; generator: "minimax" | "non-saturating" }
  | { kind: "least-squares" }
  | { kind: "hinge" }
  | { kind: "wgan-clip"; clip: number }
  | { kind: "wgan-gp"; weight: number }
  | { kind: "fgan"; divergence: FDivergence; generator: FganGeneratorObjective }
  | { kind: "sphere"; moments: number };

/** Latent prior p(z): N(0, I) or U[low, high)ᵈ. */
export type LatentPrior = { kind: "normal" } | { kind: "uniform"; low: number; high: number };

/**
 * Critic updates per generator update: a constant n, or the WGAN schedule (n = `warmup` for
 * the first `warmupSteps` generator steps and on every `every`-th, `n` otherwise).
 */
export type CriticSchedule =
  | { kind: "constant"; n: number }
  | { kind: "wgan"; n: number; warmup: number; warmupSteps: number; every: number };

/** One independent GAN of an ensemble: its latent width and its seed (weights, data, noise). */
export interface MemberSpec {
  latentDim: number;
  seed: number;
}

export interface NetworkSpec {
  /** Hidden and output layers; the input width is implied (latent for G, data for D). */
  layers: LayerSpec[];
  init: InitScheme;
}

export interface GanConfig {
  /** Names the checkpoint file, e.g. "eight-gaussians-reference". */
  name: string;
  /** Identity of the real-data sampler (hashed) and the width of a data point. */
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
  /** Generator updates. */
  steps: number;
  /** Losses are recorded at step 1 and every `logEvery` steps. */
  logEvery: number;
  /** A checkpoint is written every `checkpointEvery` steps and at the end. */
  checkpointEvery: number;
  /** Snapshots after every step s ≤ denseUntil (s = 0 is the initial state), then every `every`. */
  snapshots: { denseUntil: number; every: number };
  /** Dense layer implementation; "auto" picks per backend and loss (see resolveDenseModes). */
  denseMode: DenseMode | "auto";
}

/** Number of critic updates before generator step `step` (0-based). */
export function criticIterations(schedule: CriticSchedule, step: number): number {
  if (schedule.kind === "constant") return schedule.n;
  return step < schedule.warmupSteps || step % schedule.every === 0 ? schedule.warmup : schedule.n;
}

/** Whether the state after `step` generator updates is snapshotted. */
export function isSnapshotStep(config: GanConfig, step: number): boolean {
  const s = config.snapshots;
  return step <= s.denseUntil || step % s.every === 0 || step === config.steps;
}

/** Whether losses of step `step` (1-based) are recorded. */
export function isLogStep(config: GanConfig, step: number): boolean {
  return step === 1 || step % config.logEvery === 0 || step === config.steps;
}

/** Whether the D loss differentiates through a gradient (needs twice-differentiable layers). */
export function needsDoubleBackprop(loss: GanLoss): boolean {
  return loss.kind === "wgan-gp";
}

/** The largest latent width of the ensemble (the padded input width of G). */
export function maxLatentDim(config: GanConfig): number {
  return Math.max(...config.members.map((m) => m.latentDim));
}

/** Throws a message naming the field for a config the loop cannot run. */
export function validateConfig(config: GanConfig): void {
  const fail = (msg: string) => {
    throw new Error(`GanConfig "${config.name}": ${msg}`);
  };
  if (config.members.length === 0) fail("members is empty");
  for (const m of config.members) {
    if (!(Number.isInteger(m.latentDim) && m.latentDim >= 1)) fail(`member latentDim ${m.latentDim} is not an integer >= 1`);
    if (!(Number.isInteger(m.seed) && m.seed >= 0)) fail(`member seed ${m.seed} is not an integer >= 0`);
  }
  const gOut = config.generator.layers.at(-1)?.units;
  if (gOut !== config.data.dim) fail(`generator output width ${gOut} != data.dim ${config.data.dim}`);
  const dOut = config.discriminator.layers.at(-1)?.units;
  if (config.loss.kind !== "sphere" && dOut !== 1) fail(`discriminator output width ${dOut} must be 1 for loss ${config.loss.kind}`);
  for (const key of ["steps", "logEvery", "checkpointEvery"] as const) {
    if (!(Number.isInteger(config[key]) && config[key] >= 1)) fail(`${key} ${config[key]} is not an integer >= 1`);
  }
}

/** Shorthand for a stack of equal hidden layers followed by an output layer. */
export function stack(hidden: number, units: number, activation: Activation, outUnits: number, outActivation: Activation = "linear"): LayerSpec[] {
  return [...Array.from({ length: hidden }, () => ({ units, activation })), { units: outUnits, activation: outActivation }];
}
