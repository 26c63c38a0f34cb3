/**
 * What a trained critic (lib/train/critic.ts, or a GAN's discriminator read through
 * lib/train/members.ts) says, on fresh samples and in float64:
 *
 * - {@link criticEstimates}: per member, the estimate its loss's optimum gives (the f-GAN bound,
 *   JS from the cross-entropy, W₁ from a Lipschitz critic; lib/train/critic.ts) on n fresh
 *   samples of P and of Q, with its standard error √(s²_P/n + s²_Q/n) (two independent means),
 *   and the separation margin min V(P) − max V(Q) (> 0: a threshold separates the samples
 *   without error);
 * - {@link criticValueAndGradient}: V(x) and ∇ₓV(x) at given points;
 * - {@link ganGradientNorms}: a GAN critic's ‖∇ₓD(x̂)‖ on points x̂ = αx + (1 − α)x̃ between real
 *   and generated samples (where WGAN-GP's penalty looks), and {@link memberWeights}: one
 *   member's weights (where weight clipping acts);
 * - {@link generatorGradients}: what a generator whose samples sit at those points would receive.
 *   With V the logit ℓ of a sigmoid discriminator D = σ(ℓ), the descent directions of the three
 *   generator losses are
 *
 *     minimax          log(1 − D):   −∇ log(1 − σ(ℓ)) = σ(ℓ)·∇ℓ
 *     non-saturating   −log D:       ∇ log σ(ℓ) = (1 − σ(ℓ))·∇ℓ
 *     critic           −V:           ∇V
 *
 *   so on fakes the discriminator calls fake (σ(ℓ) ≈ 0) the minimax gradient vanishes whatever ∇ℓ
 *   is (the saturation of lib/stats/saturation.ts, there at the optimal D*).
 */
import * as tf from "@tensorflow/tfjs";
import { F_DIVERGENCE_TABLE, softplus } from "../stats/f-divergence";
import { sigmoid } from "../stats/saturation";
import { mean, std } from "../stats/moments";
import type { RealData } from "../train/batches";
import { criticScores, type CriticLoss, type CriticModel } from "../train/critic";
import { applyMembers } from "../train/members";
import { discriminate, type GanModel } from "../train/model";
import { criticGradientNorm, interpolate } from "../losses/penalty";
import type { Network } from "../nn/network";
import type { Rng } from "../util/rng";

export interface CriticEstimate {
  /** the quantity the member's loss estimates (module comment) */
  estimate: number;
  /** its standard error over the n + n samples */
  se: number;
  /** min V(P samples) − max V(Q samples) */
  margin: number;
}

/** Per-sample terms a (on P) and b (on Q) whose mean difference is the estimate, and the scale. */
function estimateTerms(loss: CriticLoss, vp: Float32Array, vq: Float32Array): { a: number[]; b: number[]; scale: number } {
  switch (loss.kind) {
    case "fgan": {
      const d = F_DIVERGENCE_TABLE[loss.divergence];
      return { a: Array.from(vp, d.activation), b: Array.from(vq, d.conjugateOfActivation), scale: 1 };
    }
    case "bce":
      // JS = (log 4 − E_P softplus(−V) − E_Q softplus(V))/2 = (E_P[log 2 − softplus(−V)] − E_Q[softplus(V) − log 2])/2
      return { a: Array.from(vp, (v) => Math.LN2 - softplus(-v)), b: Array.from(vq, (v) => softplus(v) - Math.LN2), scale: 0.5 };
    case "wgan-gp":
      return { a: Array.from(vp), b: Array.from(vq), scale: 1 };
  }
}

function minimum(xs: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < xs.length; i++) m = Math.min(m, xs[i]);
  return m;
}

function maximum(xs: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < xs.length; i++) m = Math.max(m, xs[i]);
  return m;
}

/**
 * Per member k, the estimate of its loss on `n` fresh samples of its P and Q (drawn from
 * rng.child(k)), with standard error and separation margin.
 */
export function criticEstimates(model: CriticModel, samplers: readonly RealData[], n: number, rng: Rng): CriticEstimate[] {
  const byName = new Map(samplers.map((s) => [s.name, s]));
  const members = model.config.members;
  const draw = (which: "p" | "q") =>
    members.map((m, k) => {
      const s = byName.get(m[which]);
      if (!s) throw new Error(`criticEstimates: no sampler named "${m[which]}"`);
      return s.sample(n, rng.child(k).child(which));
    });
  const dims = members.map(() => model.config.dim);
  const vp = applyMembers(model.network, draw("p"), dims, n);
  const vq = applyMembers(model.network, draw("q"), dims, n);
  return members.map((m, k) => {
    const { a, b, scale } = estimateTerms(m.loss, vp[k], vq[k]);
    return {
      estimate: scale * (mean(a) - mean(b)),
      se: scale * Math.sqrt(std(a) ** 2 / n + std(b) ** 2 / n),
      margin: minimum(vp[k]) - maximum(vq[k]),
    };
  });
}

/**
 * V and ∇ₓV of every member at its own points: inputs[k] is [n, dim] row-major → per member
 * `value` [n] and `gradient` [n, dim].
 */
export function criticValueAndGradient(model: CriticModel, inputs: readonly ArrayLike<number>[], n: number): { value: Float32Array; gradient: Float32Array }[] {
  const { dim, members } = model.config;
  if (inputs.length !== members.length) throw new Error(`criticValueAndGradient: ${inputs.length} inputs for ${members.length} members`);
  const buf = new Float32Array(members.length * n * dim);
  inputs.forEach((x, k) => {
    if (x.length !== n * dim) throw new Error(`criticValueAndGradient: member ${k} has ${x.length} numbers for ${n} points of dim ${dim}`);
    buf.set(Float32Array.from(x), k * n * dim);
  });
  const x = tf.tensor3d(buf, [members.length, n, dim]);
  let scores: tf.Tensor | undefined;
  // each score depends on its own row only, so ∇ of the summed scores holds every per-point gradient
  const { value, grad } = tf.valueAndGrad((xi: tf.Tensor) => {
    const s = criticScores(model, xi as tf.Tensor3D);
    scores = tf.keep(s);
    return tf.sum(s) as tf.Scalar;
  })(x);
  const v = scores!.dataSync() as Float32Array, g = grad.dataSync() as Float32Array;
  tf.dispose([x, value, grad, scores!]);
  return members.map((_, k) => ({ value: v.slice(k * n, (k + 1) * n), gradient: g.slice(k * n * dim, (k + 1) * n * dim) }));
}

export interface GeneratorGradients {
  /** E‖σ(ℓ)∇ℓ‖ (minimax), E‖(1 − σ(ℓ))∇ℓ‖ (non-saturating), E‖∇V‖ (critic) */
  minimax: number;
  nonSaturating: number;
  critic: number;
  /** E σ(ℓ): the discriminator's mean output at the points */
  meanD: number;
  /** the mean descent vectors E[σ(ℓ)∇ℓ], E[(1 − σ(ℓ))∇ℓ], E[∇V], each [dim] */
  minimaxMean: number[];
  nonSaturatingMean: number[];
  criticMean: number[];
}

/**
 * The generator's gradients at n points from the critic's values [n] and gradients [n, dim]
 * there (module comment); the three readings of the same V are all returned, the caller picks
 * the one that matches how V was trained.
 */
export function generatorGradients(value: ArrayLike<number>, gradient: ArrayLike<number>, dim: number): GeneratorGradients {
  const n = value.length;
  if (gradient.length !== n * dim) throw new Error(`generatorGradients: ${gradient.length} gradient numbers for ${n} points of dim ${dim}`);
  const sums = { minimax: 0, nonSaturating: 0, critic: 0, meanD: 0 };
  const vec = { minimax: new Array<number>(dim).fill(0), nonSaturating: new Array<number>(dim).fill(0), critic: new Array<number>(dim).fill(0) };
  for (let i = 0; i < n; i++) {
    const d = sigmoid(value[i]);
    let norm2 = 0;
    for (let j = 0; j < dim; j++) {
      const g = gradient[i * dim + j];
      norm2 += g * g;
      vec.minimax[j] += d * g;
      vec.nonSaturating[j] += (1 - d) * g;
      vec.critic[j] += g;
    }
    const norm = Math.sqrt(norm2);
    sums.minimax += d * norm;
    sums.nonSaturating += (1 - d) * norm;
    sums.critic += norm;
    sums.meanD += d;
  }
  const avg = (v: number[]) => v.map((x) => x / n);
  return {
    minimax: sums.minimax / n,
    nonSaturating: sums.nonSaturating / n,
    critic: sums.critic / n,
    meanD: sums.meanD / n,
    minimaxMean: avg(vec.minimax),
    nonSaturatingMean: avg(vec.nonSaturating),
    criticMean: avg(vec.critic),
  };
}

/**
 * ‖∇ₓD(x̂)‖₂ per member at x̂ = αx + (1 − α)x̃, α ~ U[0, 1) per point: reals[k], fakes[k] are
 * member k's [n, data.dim] points → per member [n].
 */
export function ganGradientNorms(model: GanModel, reals: readonly ArrayLike<number>[], fakes: readonly ArrayLike<number>[], n: number, rng: Rng): Float32Array[] {
  const K = model.config.members.length, dim = model.config.data.dim;
  if (reals.length !== K || fakes.length !== K) throw new Error(`ganGradientNorms: ${reals.length} real and ${fakes.length} fake sets for ${K} members`);
  const pack = (sets: readonly ArrayLike<number>[]) => {
    const out = new Float32Array(K * n * dim);
    sets.forEach((x, k) => out.set(Float32Array.from(x).subarray(0, n * dim), k * n * dim));
    return tf.tensor3d(out, [K, n, dim]);
  };
  const norms = tf.tidy(() => {
    const alpha = tf.tensor3d(Float32Array.from(rng.uniformArray(K * n)), [K, n, 1]);
    const critic = (x: tf.Tensor3D) => tf.reshape(discriminate(model, x), [K, n]);
    return criticGradientNorm(critic, interpolate(pack(reals), pack(fakes), alpha));
  });
  const all = norms.dataSync() as Float32Array;
  norms.dispose();
  return Array.from({ length: K }, (_, k) => all.slice(k * n, (k + 1) * n));
}

/** The weights (not the biases) of member k of an MLP network, all layers, flattened. */
export function memberWeights(net: Network, k: number): number[] {
  if (!net.mlp) throw new Error(`memberWeights: a ${net.spec.kind} network is not an MLP`);
  if (!(Number.isInteger(k) && k >= 0 && k < net.members)) throw new RangeError(`memberWeights: member ${k} not in 0..${net.members - 1}`);
  return net.mlp.net.layers.flatMap((layer) => (layer.w.arraySync() as number[][][])[k].flat());
}
