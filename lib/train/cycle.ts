/**
 * CycleGAN (Zhu et al. 2017): unpaired samples of two domains X and Y, two generators
 * G: X → Y and F: Y → X, two discriminators D_Y (real y vs G(x)) and D_X (real x vs F(y)),
 * an adversarial loss (least squares in the paper; any lib/losses loss here) and cycle
 * consistency:
 *
 *   L_cyc = λ·( E_x ‖F(G(x)) − x‖₁ + E_y ‖G(F(y)) − y‖₁ )
 *   L_gen = L_G(D_Y(G(x))) + L_G(D_X(F(y))) + L_cyc              (G and F together)
 *   L_dis = L_D(D_Y(y), D_Y(G(x))) + L_D(D_X(x), D_X(F(y)))       (D_X and D_Y together)
 *
 * With the least-squares loss L_D(r, f) = ½E(r − 1)² + ½Ef², L_G(f) = ½E(f − 1)² as in the paper.
 * ‖·‖₁ is the L1 norm of a point (sum over coordinates), averaged over the batch as the paper
 * writes it; the official code's L1Loss also averages over coordinates (a factor 1/dim).
 * Paper default λ = 10; λ = 0 is the ablation without the cycle loss.
 *
 * The networks are lib/nn networks of K members (independent runs side by side, member k
 * seeded by seeds[k]); one optimizer moves G and F, another D_X and D_Y. The run goes through
 * the one training loop (lib/train/run.ts) like every GAN.
 */
import * as tf from "@tensorflow/tfjs";
import { createNetwork, type Network, type NetworkSpec } from "../nn/network";
import { Rng } from "../util/rng";
import { stream, type RealData } from "./batches";
import type { GanLoss } from "./config";
import { minimize } from "./minimize";
import { createOptimizer, type Optimizer, type OptimizerSpec } from "./optimizers";
import { runTraining, type RunHooks, type RunOptions, type RunResult, type RunSchedule, type Trainable } from "./run";
import { discriminatorLoss, generatorLoss } from "./step";

export interface CycleGanConfig extends RunSchedule {
  /** Identities of the two domains' samplers. */
  data: { x: string; y: string; dim: number };
  /** One independent run per seed. */
  seeds: number[];
  generator: NetworkSpec;
  discriminator: NetworkSpec;
  loss: GanLoss;
  optimizers: { generators: OptimizerSpec; discriminators: OptimizerSpec };
  /** Weight λ of the cycle-consistency loss. */
  lambda: number;
  /** Points of each domain per update. */
  batch: number;
  snapshots: { denseUntil: number; every: number };
}

export interface CycleGan {
  config: CycleGanConfig;
  /** X → Y, [K, batch, dim] → [K, batch, dim] */
  g: Network;
  /** Y → X */
  f: Network;
  /** [K, batch, dim] → [K, batch, 1] */
  dX: Network;
  dY: Network;
  genOptimizer: Optimizer;
  discOptimizer: Optimizer;
}

export function createCycleGan(config: CycleGanConfig): CycleGan {
  if (config.loss.kind === "wgan-gp" || config.loss.kind === "sphere") throw new Error(`CycleGAN "${config.name}": loss ${config.loss.kind} is not supported (use a scalar-score loss without a penalty)`);
  const rngs = config.seeds.map((s) => new Rng(s));
  const net = (spec: NetworkSpec, label: string) => createNetwork(spec, config.data.dim, rngs.map((r) => r.child(label)));
  const g = net(config.generator, "G");
  const f = net(config.generator, "F");
  const dX = net(config.discriminator, "DX");
  const dY = net(config.discriminator, "DY");
  return {
    config,
    g,
    f,
    dX,
    dY,
    genOptimizer: createOptimizer(config.optimizers.generators, [...g.variables, ...f.variables]),
    discOptimizer: createOptimizer(config.optimizers.discriminators, [...dX.variables, ...dY.variables]),
  };
}

export function disposeCycleGan(model: CycleGan): void {
  [model.g, model.f, model.dX, model.dY].forEach((n) => n.dispose());
  model.genOptimizer.dispose();
  model.discOptimizer.dispose();
}

/** E‖a − b‖₁ over the batch: a, b [K, batch, dim] → [K]. */
function meanL1(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor {
  return tf.mean(tf.sum(tf.abs(tf.sub(a, b)), 2), 1);
}

/** The two terms E_x‖F(G(x)) − x‖₁ and E_y‖G(F(y)) − y‖₁ (without λ), each [K]. */
export function cycleTerms(model: CycleGan, x: tf.Tensor3D, y: tf.Tensor3D): { forward: tf.Tensor; backward: tf.Tensor } {
  return {
    forward: meanL1(model.f.apply(model.g.apply(x)), x),
    backward: meanL1(model.g.apply(model.f.apply(y)), y),
  };
}

/** Per member, the cycle errors E_x‖F(G(x)) − x‖₁ and E_y‖G(F(y)) − y‖₁ on one batch of each domain. */
export function cycleErrors(model: CycleGan, x: tf.Tensor3D, y: tf.Tensor3D): { forward: Float32Array; backward: Float32Array } {
  const [f, b] = tf.tidy(() => {
    const t = cycleTerms(model, x, y);
    return [t.forward, t.backward];
  });
  const out = { forward: f.dataSync() as Float32Array, backward: b.dataSync() as Float32Array };
  tf.dispose([f, b]);
  return out;
}

/** D scores [K, batch] of `net` on x [K, batch, dim]. */
function scores(net: Network, x: tf.Tensor3D): tf.Tensor {
  return tf.squeeze(net.apply(x), [2]);
}

/** One update of D_X and D_Y (G, F fixed); returns { loss: L_dis } per member. */
export function cycleDiscriminatorStep(model: CycleGan, x: tf.Tensor3D, y: tf.Tensor3D): Record<string, tf.Tensor> {
  const loss = model.config.loss;
  return minimize(model.discOptimizer, [...model.dX.variables, ...model.dY.variables], () => {
    const lY = discriminatorLoss(loss, scores(model.dY, y), scores(model.dY, model.g.apply(x)));
    const lX = discriminatorLoss(loss, scores(model.dX, x), scores(model.dX, model.f.apply(y)));
    return { loss: tf.add(lY, lX) };
  });
}

/** One update of G and F (D_X, D_Y fixed) on L_gen; returns { loss: L_gen, cycle: L_cyc } per member. */
export function cycleGeneratorStep(model: CycleGan, x: tf.Tensor3D, y: tf.Tensor3D): Record<string, tf.Tensor> {
  const loss = model.config.loss;
  return minimize(model.genOptimizer, [...model.g.variables, ...model.f.variables], () => {
    const advY = generatorLoss(loss, scores(model.dY, model.g.apply(x)));
    const advX = generatorLoss(loss, scores(model.dX, model.f.apply(y)));
    const { forward, backward } = cycleTerms(model, x, y);
    const cycle = tf.mul(model.config.lambda, tf.add(forward, backward));
    return { loss: tf.add(tf.add(advY, advX), cycle), cycle };
  });
}

/** n unpaired points of `data` per member → [K, n, dim], member k from its own stream. */
export function domainBatch(data: RealData, config: CycleGanConfig, label: "real" | "noise-d", step: number, n: number): tf.Tensor3D {
  const dim = config.data.dim;
  const out = new Float32Array(config.seeds.length * n * dim);
  config.seeds.forEach((seed, k) => out.set(Float32Array.from(data.sample(n, stream(seed, label, step))), k * n * dim));
  return tf.tensor3d(out, [config.seeds.length, n, dim]);
}

/**
 * Step s: one discriminator then one generator update on `batch` points of each domain
 * (independent draws: the domains are unpaired). Values: dLoss, gLoss, cycle, each [K].
 */
export function cycleTrainable(config: CycleGanConfig, dataX: RealData, dataY: RealData): Trainable<CycleGan> {
  if (dataX.name !== config.data.x || dataY.name !== config.data.y) throw new Error(`data "${dataX.name}", "${dataY.name}" passed for config data "${config.data.x}", "${config.data.y}"`);
  const model = createCycleGan(config);
  return {
    schedule: config,
    identity: config,
    model,
    memberLabels: config.seeds.map((seed) => ({ seed })),
    checkpointTensors: () =>
      new Map([
        ...model.g.namedVariables("G"),
        ...model.f.namedVariables("F"),
        ...model.dX.namedVariables("DX"),
        ...model.dY.namedVariables("DY"),
        ...[...model.genOptimizer.slots].map(([n, v]) => [`optGen/${n}`, v] as const),
        ...[...model.discOptimizer.slots].map(([n, v]) => [`optDisc/${n}`, v] as const),
      ]),
    counters: () => ({ gen: model.genOptimizer.iterations, disc: model.discOptimizer.iterations }),
    restoreCounters: (c) => {
      model.genOptimizer.iterations = c.gen;
      model.discOptimizer.iterations = c.disc;
    },
    step: (s) => {
      const x = domainBatch(dataX, config, "real", s, config.batch);
      const y = domainBatch(dataY, config, "noise-d", s, config.batch);
      const d = cycleDiscriminatorStep(model, x, y);
      const g = cycleGeneratorStep(model, x, y);
      tf.dispose([x, y]);
      return { dLoss: d.loss, gLoss: g.loss, cycle: g.cycle };
    },
    dispose: () => disposeCycleGan(model),
  };
}

/** Trains (or reuses, or resumes) a CycleGAN run. */
export async function trainCycleGan(config: CycleGanConfig, data: { x: RealData; y: RealData }, hooks: RunHooks<CycleGan> = {}, options: RunOptions = {}): Promise<RunResult<CycleGan>> {
  return runTraining(cycleTrainable(config, data.x, data.y), hooks, options);
}

/** Domain `base` mapped by p ↦ R(angle)·p + shift, a second domain with a known true mapping. */
export function transformedData(base: RealData, angle: number, shift: readonly [number, number]): RealData {
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  return {
    name: `${base.name}-rot${angle.toFixed(4)}-shift${shift[0]},${shift[1]}`,
    sample(n, rng) {
      const p = base.sample(n, rng);
      const out = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        out[2 * i] = c * p[2 * i] - s * p[2 * i + 1] + shift[0];
        out[2 * i + 1] = s * p[2 * i] + c * p[2 * i + 1] + shift[1];
      }
      return out;
    },
  };
}
