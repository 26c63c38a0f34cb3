/**
 * A critic trained between two FIXED distributions P and Q. This is not a GAN: nothing is
 * generated and nothing moves but the critic. It is how a variational bound is estimated
 * (the bound of f-GAN, the JS of a sigmoid discriminator, the W₁ of a Lipschitz critic), and
 * how a discriminator that has converged against a frozen generator is obtained.
 *
 * An ensemble of K critics T_k (one lib/nn network spec, [K, n, dim] → [K, n, 1]); member k has
 * its own seed, pair (P_k, Q_k) and loss ℓ_k. Step s draws x ~ P_k and y ~ Q_k (`batch` each,
 * from Rng(seed_k).child("critic-P" / "critic-Q").child(s)) and takes one optimizer step on
 * Σ_k ℓ_k(V_k(x), V_k(y)), V the raw output. The losses (lib/losses) and what their optimum
 * estimates:
 *
 *   fgan f    ℓ = −(E_P[g_f(V)] − E_Q[f*(g_f(V))])   sup of the bound = D_f(P‖Q)   (lib/losses/fgan.ts;
 *             "jensen-shannon" is 2·JS and "gan" 2·JS − log 4, see lib/stats/f-divergence.ts)
 *   bce       ℓ = E_P[softplus(−V)] + E_Q[softplus(V)]  inf = log 4 − 2·JS(P‖Q),
 *             so JS ≈ (log 4 − ℓ)/2, the usual JS ∈ [0, log 2]
 *   wgan-gp   ℓ = E_Q[V] − E_P[V] + λ·E_x̂[(‖∇V(x̂)‖ − 1)²], x̂ = αx + (1 − α)y
 *             E_P[V] − E_Q[V] ≈ W₁(P, Q) while the penalty keeps V about 1-Lipschitz
 *
 * Every step returns per member [K]: `loss` (what was minimised), `estimate` (the quantity
 * above on this step's batch) and `gp` (the penalty, 0 without one). Members with equal losses
 * side by side form one run, whose loss is computed on its slice of the scores; the penalty of
 * a run differentiates only its own members' critics.
 */
import * as tf from "@tensorflow/tfjs";
import { bceDiscriminatorLoss, wassersteinCriticLoss } from "../losses/adversarial";
import { fganBound, fganDiscriminatorLoss } from "../losses/fgan";
import { gradientPenalty } from "../losses/penalty";
import type { FDivergence } from "../stats/f-divergence";
import { createNetwork, outputWidth, type Network, type NetworkSpec } from "../nn/network";
import { Rng } from "../util/rng";
import type { RealData } from "./batches";
import { canonicalJson } from "./checkpoint";
import { minimize, type UpdateValues } from "./minimize";
import { createOptimizer, type Optimizer, type OptimizerSpec } from "./optimizers";
import { runTraining, validateSchedule, type RunHooks, type RunOptions, type RunResult, type RunSchedule, type Trainable } from "./run";

/** The losses a critic between fixed samplers can minimise (module comment). */
export type CriticLoss = { kind: "fgan"; divergence: FDivergence } | { kind: "bce" } | { kind: "wgan-gp"; weight: number; oneSided?: boolean };

/** One critic of the ensemble: its seed (weights, samples), the names of its P and Q, its loss. */
export interface CriticMember {
  seed: number;
  p: string;
  q: string;
  loss: CriticLoss;
}

export interface CriticConfig extends RunSchedule {
  /** Width of a sample of P and Q. */
  dim: number;
  members: CriticMember[];
  /** The critic network; its output width must be 1. */
  network: NetworkSpec;
  optimizer: OptimizerSpec;
  /** Samples of P and of Q per member and step. */
  batch: number;
}

/** A run of side-by-side members with one loss: members start … start + size − 1. */
export interface LossRun {
  start: number;
  size: number;
  loss: CriticLoss;
}

export interface CriticModel {
  config: CriticConfig;
  /** [K, n, dim] → [K, n, 1] */
  network: Network;
  optimizer: Optimizer;
  runs: LossRun[];
  /** Whether the forward pass must be twice differentiable (some member has a gradient penalty). */
  twice: boolean;
}

/** Contiguous runs of members with equal losses. */
export function lossRuns(members: readonly CriticMember[]): LossRun[] {
  const runs: LossRun[] = [];
  members.forEach((m, k) => {
    const last = runs[runs.length - 1];
    if (last && canonicalJson(last.loss) === canonicalJson(m.loss)) last.size++;
    else runs.push({ start: k, size: 1, loss: m.loss });
  });
  return runs;
}

/** Throws a message naming the field for a config this module cannot train. */
export function validateCriticConfig(config: CriticConfig): void {
  const fail = (msg: string) => {
    throw new Error(`CriticConfig "${config.name}": ${msg}`);
  };
  validateSchedule(config);
  if (config.members.length === 0) fail("members is empty");
  if (!(Number.isInteger(config.dim) && config.dim >= 1)) fail(`dim ${config.dim} is not an integer >= 1`);
  if (!(Number.isInteger(config.batch) && config.batch >= 2)) fail(`batch ${config.batch} is not an integer >= 2`);
  if (outputWidth(config.network) !== 1) fail(`the network's output width is ${outputWidth(config.network)}, must be 1`);
  for (const m of config.members) {
    if (!(Number.isInteger(m.seed) && m.seed >= 0 && m.seed <= 0xffffffff)) fail(`member seed ${m.seed} is not an integer from 0 to 4294967295`);
    if (m.loss.kind === "wgan-gp" && !(m.loss.weight >= 0)) fail(`gradient-penalty weight ${m.loss.weight} must be >= 0`);
  }
}

export function createCritic(config: CriticConfig): CriticModel {
  validateCriticConfig(config);
  const twice = config.members.some((m) => m.loss.kind === "wgan-gp");
  // the penalty differentiates ∇ₓV again: plain dense layers (lib/nn/dense.ts) are twice differentiable
  const network = createNetwork(config.network, config.dim, config.members.map((m) => new Rng(m.seed).child("T")), twice ? { denseMode: "plain" } : {});
  return { config, network, optimizer: createOptimizer(config.optimizer, network.variables), runs: lossRuns(config.members), twice };
}

export function disposeCritic(model: CriticModel): void {
  model.network.dispose();
  model.optimizer.dispose();
}

/** Raw outputs V: x [K, n, dim] → [K, n]. */
export function criticScores(model: CriticModel, x: tf.Tensor3D): tf.Tensor2D {
  const out = model.network.apply(x, model.twice);
  return tf.reshape(out, [out.shape[0], out.shape[1]]) as tf.Tensor2D;
}

function memberSlice<T extends tf.Tensor>(t: T, run: LossRun): T {
  return tf.slice(t, [run.start], [run.size]) as T;
}

/** The critic of run `run` alone, x [size, n, dim] → [size, n], zero inputs for the other members. */
function runCritic(model: CriticModel, run: LossRun): (x: tf.Tensor3D) => tf.Tensor {
  const k = model.config.members.length;
  return (x) => {
    const [, n, dim] = x.shape;
    const parts = [run.start, 0, k - run.start - run.size].map((size, i) => (i === 1 ? x : size > 0 ? tf.zeros([size, n, dim]) : undefined));
    const full = tf.concat(parts.filter((p): p is tf.Tensor3D => p !== undefined), 0) as tf.Tensor3D;
    return memberSlice(criticScores(model, full), run);
  };
}

/** The estimate a loss's optimum gives (module comment), from the scores of P and Q samples. */
function runEstimate(loss: CriticLoss, vp: tf.Tensor, vq: tf.Tensor): tf.Tensor {
  switch (loss.kind) {
    case "fgan":
      return fganBound(loss.divergence, vp, vq);
    case "bce":
      return tf.div(tf.sub(Math.log(4), bceDiscriminatorLoss(vp, vq)), 2);
    case "wgan-gp":
      return tf.neg(wassersteinCriticLoss(vp, vq));
  }
}

/**
 * The objective of one step: xp, xq [K, n, dim] samples of P_k and Q_k, alpha [K, n, 1] the
 * interpolation weights of the penalty → loss, estimate and gp, each [K].
 */
export function criticObjective(model: CriticModel, xp: tf.Tensor3D, xq: tf.Tensor3D, alpha: tf.Tensor3D): UpdateValues {
  const vp = criticScores(model, xp), vq = criticScores(model, xq);
  const loss: tf.Tensor[] = [], estimate: tf.Tensor[] = [], gp: tf.Tensor[] = [];
  for (const run of model.runs) {
    const [p, q] = [memberSlice(vp, run), memberSlice(vq, run)];
    estimate.push(runEstimate(run.loss, p, q));
    if (run.loss.kind === "wgan-gp") {
      const penalty = gradientPenalty(runCritic(model, run), memberSlice(xp, run), memberSlice(xq, run), memberSlice(alpha, run), run.loss.weight, run.loss.oneSided);
      gp.push(penalty);
      loss.push(tf.add(wassersteinCriticLoss(p, q), penalty));
    } else {
      gp.push(tf.zeros([run.size]));
      loss.push(run.loss.kind === "fgan" ? fganDiscriminatorLoss(run.loss.divergence, p, q) : bceDiscriminatorLoss(p, q));
    }
  }
  return { loss: tf.concat(loss), estimate: tf.concat(estimate), gp: tf.concat(gp) };
}

/** The samplers of the config's members, by name; throws naming a missing one. */
function samplerLookup(config: CriticConfig, samplers: readonly RealData[]): (name: string) => RealData {
  const byName = new Map(samplers.map((s) => [s.name, s]));
  for (const m of config.members) {
    for (const name of [m.p, m.q]) if (!byName.has(name)) throw new Error(`CriticConfig "${config.name}": no sampler named "${name}" among [${[...byName.keys()].join(", ")}]`);
  }
  return (name) => byName.get(name)!;
}

/** Member k's `n` samples of `which` at step s, for every member → [K, n, dim]. */
function sampleBatch(config: CriticConfig, sampler: (name: string) => RealData, which: "p" | "q", step: number): tf.Tensor3D {
  const { dim, batch: n, members } = config;
  const out = new Float32Array(members.length * n * dim);
  members.forEach((m, k) => {
    const x = sampler(m[which]).sample(n, new Rng(m.seed).child(which === "p" ? "critic-P" : "critic-Q").child(step));
    if (x.length !== n * dim) throw new Error(`sampler "${m[which]}" returned ${x.length} numbers for ${n} points of dim ${dim}`);
    out.set(Float32Array.from(x), k * n * dim);
  });
  return tf.tensor3d(out, [members.length, n, dim]);
}

/** α ~ U[0, 1) per sample and member → [K, n, 1]. */
function alphaBatch(config: CriticConfig, step: number): tf.Tensor3D {
  const out = new Float32Array(config.members.length * config.batch);
  config.members.forEach((m, k) => out.set(new Rng(m.seed).child("critic-alpha").child(step).uniformArray(config.batch), k * config.batch));
  return tf.tensor3d(out, [config.members.length, config.batch, 1]);
}

/** One optimizer step at step `step`; returns loss, estimate and gp [K] (the caller owns them). */
export function criticStep(model: CriticModel, sampler: (name: string) => RealData, step: number): UpdateValues {
  const xp = sampleBatch(model.config, sampler, "p", step);
  const xq = sampleBatch(model.config, sampler, "q", step);
  const alpha = alphaBatch(model.config, step);
  const kept = minimize(model.optimizer, model.network.variables, () => criticObjective(model, xp, xq, alpha));
  tf.dispose([xp, xq, alpha]);
  return kept;
}

/** The critic ensemble with its samplers as a Trainable of the one training loop. */
export function criticTrainable(config: CriticConfig, samplers: readonly RealData[]): Trainable<CriticModel> {
  const sampler = samplerLookup(config, samplers);
  const model = createCritic(config);
  return {
    schedule: config,
    identity: config,
    model,
    memberLabels: config.members.map((m) => ({ seed: m.seed })),
    checkpointTensors: () => new Map([...model.network.namedVariables("T"), ...[...model.optimizer.slots].map(([n, v]) => [`optT/${n}`, v] as const)]),
    counters: () => ({ t: model.optimizer.iterations }),
    restoreCounters: (c) => {
      model.optimizer.iterations = c.t;
    },
    step: (s) => criticStep(model, sampler, s),
    dispose: () => disposeCritic(model),
  };
}

/** Trains (or reuses, or resumes) a critic ensemble; on an error the model is disposed. */
export async function trainCritic(config: CriticConfig, samplers: readonly RealData[], hooks: RunHooks<CriticModel> = {}, options: RunOptions = {}): Promise<RunResult<CriticModel>> {
  return runTraining(criticTrainable(config, samplers), hooks, options);
}
