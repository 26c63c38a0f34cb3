/**
 * The one training loop of the project. Every model family (MLP ensembles, DCGAN, the
 * style-based generator, conditional GANs, CycleGAN, the evaluation classifiers) is a
 * {@link Trainable}: a model, its named state and a `step` function; this loop gives all of them
 * the same
 *
 * - checkpoints keyed by the hash of the run's identity (lib/train/checkpoint.ts): a finished
 *   run is reused, an unfinished one resumed, a damaged file set aside and retrained, a file
 *   from another backend reused with a note;
 * - progress display, resumed at the loaded step;
 * - read-back of the step values every `logEvery` steps (and at checkpoints), never per step:
 *   the values of the steps in between stay on the device and are read in one transfer; a NaN
 *   or ±∞ stops training with an error naming the step, the value and the member;
 * - log records (one per logged step and member; lib/train/frame.ts makes them a DataFrame);
 * - snapshots on a schedule;
 * - interrupts (lib/train/interrupt.ts): SIGINT stops the loop between two steps, after the
 *   checkpoint of the last completed step is written.
 */
import * as tf from "@tensorflow/tfjs";
import { ensureDir } from "../util/atomic";
import {
  backendIdentity,
  checkpointPath,
  loadCheckpoint,
  removeStaleTemporaries,
  saveCheckpoint,
  setAside,
  type CheckpointBody,
  type LogRecord,
  type SnapshotValue,
  type TrainState,
} from "./checkpoint";
import { TrainingInterrupted, watchInterrupt, yieldToEventLoop } from "./interrupt";

/** When a run logs, checkpoints and snapshots; `name` names the checkpoint file. */
export interface RunSchedule {
  name: string;
  /** Training steps (for a GAN: generator updates). */
  steps: number;
  /** Values are read back and recorded at step 1, every `logEvery` steps and at the end. */
  logEvery: number;
  /** A checkpoint is written every `checkpointEvery` steps and at the end. */
  checkpointEvery: number;
  /** Snapshots after every step s ≤ denseUntil (s = 0 is the initial state), then every `every`. */
  snapshots?: { denseUntil: number; every: number };
}

/** A model the loop can train: K ensemble members, named state, one step at a time. */
export interface Trainable<M> {
  readonly schedule: RunSchedule;
  /** Plain JSON that identifies the run (resolved config, data identity); hashed into the checkpoint key. */
  readonly identity: unknown;
  readonly model: M;
  /** Per member, the numbers that label its log records, e.g. { latentDim: 3, seed: 0 }. */
  readonly memberLabels: Record<string, number>[];
  /** Every variable a checkpoint must hold, by stable name. */
  checkpointTensors(): Map<string, tf.Variable>;
  /** Integer state outside tensors (optimizer update counts) and its restoration. */
  counters(): Record<string, number>;
  restoreCounters(counters: Record<string, number>): void;
  /**
   * Runs step `step` (0-based); returns per-member values, each [K] (e.g. dLoss, gLoss), which
   * the loop owns (reads and disposes).
   */
  step(step: number): Record<string, tf.Tensor>;
  dispose(): void;
}

export interface RunHooks<M> {
  /** Called with the step count (0 = before training) and the model; returns what to record. */
  snapshot?: (step: number, model: M) => SnapshotValue;
  /** Progress display (lib/notebook/progress.ts). */
  progress?: {
    update(step: number, values?: Record<string, number>): void;
    resume(step: number, values?: Record<string, number>): void;
    done(): void;
  };
}

export interface RunOptions {
  /** Directory of checkpoints (data/cache/<notebook>); none written when undefined. */
  cacheDir?: string;
  /** Retrain even when a checkpoint exists (FORCE=1). */
  force?: boolean;
  /** Stop (with a checkpoint) after this many steps, as if the run were killed there. */
  stopAtStep?: number;
  /** Where notes about checkpoints go (default console.warn). */
  note?: (message: string) => void;
}

export interface RunResult<M> extends TrainState {
  model: M;
  /** "trained" from scratch, "resumed" from a checkpoint, or "cache" (finished checkpoint). */
  source: "trained" | "resumed" | "cache";
  checkpoint?: string;
  /** Steps run by this call and their wall time (0 for a run loaded from its checkpoint). */
  stepsRun: number;
  seconds: number;
}

export function isLogStep(s: RunSchedule, step: number): boolean {
  return step === 1 || step % s.logEvery === 0 || step === s.steps;
}

export function isSnapshotStep(s: RunSchedule, step: number): boolean {
  const snap = s.snapshots;
  return snap !== undefined && (step <= snap.denseUntil || step % snap.every === 0 || step === s.steps);
}

/** Throws a message naming the field for a schedule the loop cannot run. */
export function validateSchedule(s: RunSchedule): void {
  for (const key of ["steps", "logEvery", "checkpointEvery"] as const) {
    if (!(Number.isInteger(s[key]) && s[key] >= 1)) throw new Error(`run "${s.name}": ${key} ${s[key]} is not an integer >= 1`);
  }
}

const VALUE_NAMES: Record<string, string> = { dLoss: "D loss", gLoss: "G loss" };

/** Values of the steps not read back yet, read in one transfer. */
interface Pending {
  step: number;
  values: Record<string, tf.Tensor>;
}

function readPending<M>(t: Trainable<M>, pending: Pending[]): { step: number; values: Record<string, Float32Array> }[] {
  if (pending.length === 0) return [];
  const joined = tf.tidy(() => tf.concat(pending.flatMap((p) => Object.values(p.values).map((v) => tf.reshape(v, [-1])))));
  const all = joined.dataSync() as Float32Array;
  joined.dispose();
  let at = 0;
  const out = pending.map((p) => ({
    step: p.step,
    values: Object.fromEntries(
      Object.entries(p.values).map(([name, v]) => {
        const part = all.slice(at, at + v.size);
        at += v.size;
        return [name, part];
      }),
    ),
  }));
  for (const p of pending) tf.dispose(Object.values(p.values));
  pending.length = 0;
  for (const { step, values } of out) {
    for (const [name, v] of Object.entries(values)) {
      const k = v.findIndex((x) => !Number.isFinite(x));
      if (k >= 0) {
        const labels = Object.entries(t.memberLabels[k] ?? {}).map(([key, val]) => `${key} ${val}`).join(", ");
        throw new Error(`training "${t.schedule.name}" diverged: ${VALUE_NAMES[name] ?? name} is ${v[k]} at step ${step} (member ${k}${labels ? `: ${labels}` : ""})`);
      }
    }
  }
  return out;
}

function logRecords<M>(t: Trainable<M>, step: number, values: Record<string, Float32Array>): LogRecord[] {
  return t.memberLabels.map((labels, k) => {
    const rec: LogRecord = { step, member: k, ...labels };
    for (const [name, v] of Object.entries(values)) rec[name] = v[k];
    return rec;
  });
}

/** The values a progress line shows: member 0's of a log record (step and labels left out). */
function progressValues(rec: LogRecord | undefined, labels: Record<string, number>): Record<string, number> | undefined {
  if (!rec) return undefined;
  return Object.fromEntries(Object.entries(rec).filter(([k]) => k !== "step" && k !== "member" && !(k in labels)));
}

/** Loads the checkpoint at `path` into the model, or says why it could not. */
function resumeFrom<M>(t: Trainable<M>, path: string, body: CheckpointBody, note: (m: string) => void): TrainState | undefined {
  const loaded = loadCheckpoint(path, body);
  if (loaded.kind === "missing") return undefined;
  if (loaded.kind === "damaged") {
    const aside = setAside(path);
    note(`checkpoint ${path} cannot be used: ${loaded.reason}. It was moved to ${aside}; "${t.schedule.name}" trains from step 0.`);
    return undefined;
  }
  t.restoreCounters(loaded.counters);
  if (loaded.backend !== backendIdentity()) {
    note(
      `checkpoint ${path} was trained on backend "${loaded.backend}"; this run uses "${backendIdentity()}". ` +
        `It is reused as it is (the numbers may differ slightly from a run on this backend; FORCE=1 retrains here).`,
    );
  }
  return loaded.state;
}

/** Trains `t` (or reuses, or resumes it); on an error or an interrupt the model is disposed. */
export async function runTraining<M>(t: Trainable<M>, hooks: RunHooks<M> = {}, options: RunOptions = {}): Promise<RunResult<M>> {
  try {
    return await runLoop(t, hooks, options);
  } catch (e) {
    t.dispose();
    throw e;
  }
}

async function runLoop<M>(t: Trainable<M>, hooks: RunHooks<M>, options: RunOptions): Promise<RunResult<M>> {
  const sched = t.schedule;
  validateSchedule(sched);
  const note = options.note ?? ((m: string) => console.warn(m));
  const path = options.cacheDir === undefined ? undefined : checkpointPath(ensureDir(options.cacheDir), sched.name, t.identity);
  if (options.cacheDir !== undefined) removeStaleTemporaries(options.cacheDir);
  const body: CheckpointBody = { identity: t.identity, tensors: t.checkpointTensors(), counters: {} };
  const saved = path && !options.force ? resumeFrom(t, path, body, note) : undefined;
  const state: TrainState = saved ?? { step: 0, complete: false, logs: [], snapshots: [] };
  const source = saved ? (saved.complete ? "cache" : "resumed") : "trained";
  const labels0 = t.memberLabels[0] ?? {};
  if (saved) hooks.progress?.resume(saved.step, progressValues(saved.logs.filter((r) => r.member === 0).pop(), labels0));
  if (!saved && hooks.snapshot && isSnapshotStep(sched, 0)) state.snapshots.push({ step: 0, value: hooks.snapshot(0, t.model) });

  const pending: Pending[] = [];
  const flush = () => {
    for (const { step, values } of readPending(t, pending)) {
      if (!isLogStep(sched, step)) continue;
      const recs = logRecords(t, step, values);
      state.logs.push(...recs);
      hooks.progress?.update(step, progressValues(recs[0], labels0));
    }
  };
  const checkpoint = () => {
    if (path) saveCheckpoint(path, { ...body, counters: t.counters() }, state);
  };
  let failure: unknown;
  // Listen only once the calling cell's synchronous part has returned: a SIGINT listener added
  // inside it (tslab runs cells with vm's breakOnSigint) leaves the kernel deaf to interrupts.
  await yieldToEventLoop();
  const watch = watchInterrupt(() => {
    // between two steps: state.step is complete
    try {
      flush();
      checkpoint();
      if ((globalThis as { __tslab__?: unknown }).__tslab__ !== undefined) console.error(new TrainingInterrupted(sched.name, state.step, sched.steps, path).message);
    } catch (e) {
      failure = e;
    }
  });
  const stopAt = Math.min(sched.steps, options.stopAtStep ?? sched.steps);
  const started = performance.now();
  const first = state.step;
  try {
    for (let s = state.step; s < stopAt; s++) {
      const count = s + 1;
      pending.push({ step: count, values: t.step(s) });
      const checkpointDue = count % sched.checkpointEvery === 0 || count === stopAt;
      if (isLogStep(sched, count) || checkpointDue) flush();
      if (hooks.snapshot && isSnapshotStep(sched, count)) state.snapshots.push({ step: count, value: hooks.snapshot(count, t.model) });
      state.step = count;
      state.complete = count === sched.steps;
      if (checkpointDue) checkpoint();
      await yieldToEventLoop();
      if (failure) throw failure;
      if (watch.interrupted) throw new TrainingInterrupted(sched.name, state.step, sched.steps, path);
    }
  } finally {
    watch.release();
    for (const p of pending) tf.dispose(Object.values(p.values));
  }
  hooks.progress?.done();
  return { ...state, model: t.model, source, checkpoint: path, stepsRun: state.step - first, seconds: (performance.now() - started) / 1000 };
}
