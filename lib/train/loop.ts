/**
 * The training loop over a {@link GanConfig}. Per generator step s (0-based):
 *   for i < n_critic(s): one critic update on `batch.real` real and `batch.fake` fake samples
 *   one generator update on `batch.generator` noise vectors
 * for every ensemble member at once. Every step's losses are read back (a few floats) and
 * checked: a NaN or ±∞ stops training with an error naming the member, the loss and the step.
 * Losses are recorded every `logEvery` steps as DataFrame-ready records (one per member);
 * the snapshot hook is called on the schedule of config.snapshots; a checkpoint is written every
 * `checkpointEvery` steps and at the end (lib/train/checkpoint.ts), and is reused (finished) or
 * resumed (interrupted) by the next call unless `force`.
 */
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { ensureDir } from "../util/atomic";
import { criticIterations, isLogStep, isSnapshotStep, type GanConfig } from "./config";
import { alphaBatch, latentBatch, realBatch, type RealData } from "./batches";
import { checkpointPath, loadCheckpoint, saveCheckpoint, type LogRecord, type SnapshotValue, type TrainState } from "./checkpoint";
import { createGanModel, disposeGanModel, type GanModel } from "./model";
import { discriminatorStep, generatorStep, type StepValues } from "./step";

export interface TrainHooks {
  /** The real data; its `name` must equal config.data.name. */
  data: RealData;
  /** Called with the step count (0 = before training) and the model; returns what to record. */
  snapshot?: (step: number, model: GanModel) => SnapshotValue;
  /**
   * Progress display (lib/notebook/progress.ts): resume(step, values) once when a checkpoint is
   * loaded (the loop then starts there, not at 0), update(step, values) at log steps, done().
   */
  progress?: {
    update(step: number, values?: Record<string, number>): void;
    resume(step: number, values?: Record<string, number>): void;
    done(): void;
  };
}

export interface TrainOptions {
  /** Directory of checkpoints (data/cache/<notebook>); none written when undefined. */
  cacheDir?: string;
  /** Retrain even when a checkpoint exists (FORCE=1). */
  force?: boolean;
  /** Stop (with a checkpoint) after this many steps, as if the run were killed there. */
  stopAtStep?: number;
}

export interface TrainResult extends TrainState {
  model: GanModel;
  /** "trained" from scratch, "resumed" from a checkpoint, or "cache" (finished checkpoint). */
  source: "trained" | "resumed" | "cache";
  checkpoint?: string;
}

/** Losses of one generator step: the last critic update's and the generator update's. */
export interface StepLosses {
  d: StepValues;
  g: StepValues;
}

/**
 * Runs generator step `step` (0-based) with its critic updates on `model`; the random inputs
 * depend only on (member seed, step, critic iteration), see lib/train/batches.ts.
 */
export function trainStep(model: GanModel, data: RealData, step: number): StepLosses {
  const c = model.config;
  let d: StepValues | undefined;
  for (let i = 0; i < criticIterations(c.critic, step); i++) {
    const real = realBatch(c, data, step, i, c.batch.real);
    const z = latentBatch(c, "noise-d", step, i, c.batch.fake);
    const alpha = c.loss.kind === "wgan-gp" ? alphaBatch(c, step, i, c.batch.real) : undefined;
    d = discriminatorStep(model, real, z, alpha);
    tf.dispose([real, z, ...(alpha ? [alpha] : [])]);
  }
  const z = latentBatch(c, "noise-g", step, 0, c.batch.generator);
  const g = generatorStep(model, z);
  z.dispose();
  if (!d) throw new Error(`critic schedule gives no critic update at step ${step}`);
  return { d, g };
}

/** Runs steps from..from+n−1 without logging or checkpoints (benchmarks). */
export function trainSteps(model: GanModel, data: RealData, n: number, from = 0): StepLosses | undefined {
  let last: StepLosses | undefined;
  for (let s = from; s < from + n; s++) last = trainStep(model, data, s);
  return last;
}

function checkFinite(config: GanConfig, losses: StepLosses, stepCount: number): void {
  for (const [who, values] of [["D", losses.d], ["G", losses.g]] as const) {
    values.loss.forEach((v, k) => {
      if (!Number.isFinite(v)) {
        const m = config.members[k];
        throw new Error(`training "${config.name}" diverged: ${who} loss is ${v} at step ${stepCount} (member ${k}: latentDim ${m.latentDim}, seed ${m.seed})`);
      }
    });
  }
}

function logRecords(config: GanConfig, losses: StepLosses, stepCount: number): LogRecord[] {
  return config.members.map((m, k) => {
    const rec: LogRecord = { step: stepCount, member: k, latentDim: m.latentDim, seed: m.seed, dLoss: losses.d.loss[k], gLoss: losses.g.loss[k] };
    for (const [name, v] of Object.entries(losses.d.extras)) rec[name] = v[k];
    return rec;
  });
}

/** The losses shown by the progress display: member 0's of a log record. */
function progressValues(rec: LogRecord | undefined): Record<string, number> | undefined {
  return rec && { dLoss: rec.dLoss, gLoss: rec.gLoss };
}

/** Trains (or reuses, or resumes) the run described by `config`. On an error the model is disposed. */
export async function train(config: GanConfig, hooks: TrainHooks, options: TrainOptions = {}): Promise<TrainResult> {
  if (hooks.data.name !== config.data.name) throw new Error(`data "${hooks.data.name}" passed for config data "${config.data.name}"`);
  const model = createGanModel(config);
  try {
    return await trainModel(model, hooks, options);
  } catch (e) {
    disposeGanModel(model);
    throw e;
  }
}

async function trainModel(model: GanModel, hooks: TrainHooks, options: TrainOptions): Promise<TrainResult> {
  const config = model.config;
  const path = options.cacheDir === undefined ? undefined : checkpointPath(ensureDir(options.cacheDir), config);
  const saved = path && !options.force ? loadCheckpoint(path, model) : undefined;
  const state: TrainState = saved ?? { step: 0, complete: false, logs: [], snapshots: [] };
  const source = saved ? (saved.complete ? "cache" : "resumed") : "trained";
  if (saved) hooks.progress?.resume(saved.step, progressValues(saved.logs.filter((r) => r.member === 0).pop()));
  if (!saved && hooks.snapshot) state.snapshots.push({ step: 0, value: hooks.snapshot(0, model) });
  const stopAt = Math.min(config.steps, options.stopAtStep ?? config.steps);
  for (let s = state.step; s < stopAt; s++) {
    const losses = trainStep(model, hooks.data, s);
    const count = s + 1;
    checkFinite(config, losses, count);
    if (isLogStep(config, count)) {
      const recs = logRecords(config, losses, count);
      state.logs.push(...recs);
      hooks.progress?.update(count, progressValues(recs[0]));
      await new Promise((r) => setImmediate(r)); // let a notebook display refresh
    }
    if (hooks.snapshot && isSnapshotStep(config, count)) state.snapshots.push({ step: count, value: hooks.snapshot(count, model) });
    state.step = count;
    state.complete = count === config.steps;
    if (path && (count % config.checkpointEvery === 0 || count === stopAt)) saveCheckpoint(path, model, state);
  }
  hooks.progress?.done();
  return { ...state, model, source, checkpoint: path ? join(path) : undefined };
}
