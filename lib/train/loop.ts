/**
 * Training a GAN config: per generator step s (0-based)
 *
 *   for i < n_critic(s): one critic update on `batch.real` real and `batch.fake` fake samples
 *   one generator update on `batch.generator` noise vectors
 *
 * for every ensemble member at once, as a {@link Trainable} of the one training loop
 * (lib/train/run.ts: checkpoints, resume, progress, read-back and NaN stop, interrupts).
 */
import * as tf from "@tensorflow/tfjs";
import { criticIterations, type GanConfig } from "./config";
import { alphaBatch, latentBatch, oneHotBatch, realBatch, uniformClasses, wrongClasses, type RealData } from "./batches";
import { createGanModel, disposeGanModel, modelTensors, type GanModel } from "./model";
import { runTraining, type RunHooks, type RunOptions, type RunResult, type Trainable } from "./run";
import { discriminatorStep, generatorStep, type StepValues } from "./step";

export interface TrainHooks extends RunHooks<GanModel> {
  /** The real data; its `name` must equal config.data.name. */
  data: RealData;
}

export type TrainOptions = RunOptions;
export type TrainResult = RunResult<GanModel>;

/**
 * Runs generator step `step` (0-based) with its critic updates on `model`; the random inputs
 * depend only on (member seed, step, critic iteration), see lib/train/batches.ts. Returns the
 * last critic update's values (dLoss and extras such as gp) and gLoss, each [K]; the caller owns them.
 */
export function trainStep(model: GanModel, data: RealData, step: number): Record<string, tf.Tensor> {
  const c = model.config;
  let d: StepValues | undefined;
  for (let i = 0; i < criticIterations(c.critic, step); i++) {
    const { x: real, labels } = realBatch(c, data, step, i, c.batch.real);
    const z = latentBatch(c, "noise-d", step, i, c.batch.fake);
    const alpha = c.loss.kind === "wgan-gp" ? alphaBatch(c, step, i, c.batch.real) : undefined;
    const classes = labels && oneHotBatch(labels, c.condition!.classes);
    const wrong = labels && oneHotBatch(wrongClasses(c, labels, step, i), c.condition!.classes);
    if (d) tf.dispose(Object.values(d));
    d = discriminatorStep(model, { real, z, alpha, classes, wrong });
    tf.dispose([real, z, alpha, classes, wrong].filter((t): t is tf.Tensor3D => t !== undefined));
  }
  if (!d) throw new Error(`critic schedule gives no critic update at step ${step}`);
  const z = latentBatch(c, "noise-g", step, 0, c.batch.generator);
  const classes = c.condition && oneHotBatch(uniformClasses(c, "labels-g", step, c.batch.generator), c.condition.classes);
  const g = generatorStep(model, { z, classes });
  tf.dispose([z, ...(classes ? [classes] : [])]);
  const { loss: dLoss, ...extras } = d;
  return { dLoss, gLoss: g.loss, ...extras };
}

/** Runs steps from..from+n−1 without logging or checkpoints (benchmarks); values are discarded. */
export function trainSteps(model: GanModel, data: RealData, n: number, from = 0): void {
  for (let s = from; s < from + n; s++) tf.dispose(Object.values(trainStep(model, data, s)));
}

/** A GAN config with its data as a Trainable (the model is built now). */
export function ganTrainable(config: GanConfig, data: RealData): Trainable<GanModel> {
  if (data.name !== config.data.name) throw new Error(`data "${data.name}" passed for config data "${config.data.name}"`);
  const model = createGanModel(config);
  return {
    schedule: config,
    identity: config,
    model,
    memberLabels: config.members.map((m) => ({ latentDim: m.latentDim, seed: m.seed })),
    checkpointTensors: () => modelTensors(model),
    counters: () => ({ g: model.gOptimizer.iterations, d: model.dOptimizer.iterations }),
    restoreCounters: (c) => {
      model.gOptimizer.iterations = c.g;
      model.dOptimizer.iterations = c.d;
    },
    step: (s) => trainStep(model, data, s),
    dispose: () => disposeGanModel(model),
  };
}

/** Trains (or reuses, or resumes) the run described by `config`. On an error the model is disposed. */
export async function train(config: GanConfig, hooks: TrainHooks, options: TrainOptions = {}): Promise<TrainResult> {
  return runTraining(ganTrainable(config, hooks.data), hooks, options);
}

