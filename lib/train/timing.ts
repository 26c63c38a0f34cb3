/**
 * Wall-clock time of training steps, for "time per iteration" comparisons. Each timed step runs
 * `trainable.step(s)` and reads one of its values back, so the time includes the work the
 * backend queued (tfjs returns before the device finishes); the values are then disposed. The
 * first `warmup` steps are run but not timed (kernel compilation, first allocations). Under a
 * shared machine the times vary from step to step: summarise them with a median.
 */
import * as tf from "@tensorflow/tfjs";
import type { GanConfig } from "./config";
import type { RealData } from "./batches";
import { ganTrainable } from "./loop";
import type { Trainable } from "./run";

export interface TimingOptions {
  /** steps run before timing starts */
  warmup: number;
  /** steps timed, one duration each */
  steps: number;
}

/** Milliseconds of each timed step of `t`, steps warmup … warmup + steps − 1. */
export function stepTimes<M>(t: Trainable<M>, opts: TimingOptions): number[] {
  const { warmup, steps } = opts;
  if (!(Number.isInteger(warmup) && warmup >= 0)) throw new RangeError(`stepTimes: warmup must be an integer ≥ 0, got ${warmup}`);
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`stepTimes: steps must be an integer ≥ 1, got ${steps}`);
  const run = (s: number) => {
    const values = t.step(s);
    const first = Object.values(values)[0];
    if (first) first.dataSync();
    tf.dispose(Object.values(values));
  };
  for (let s = 0; s < warmup; s++) run(s);
  const out: number[] = [];
  for (let s = warmup; s < warmup + steps; s++) {
    const start = performance.now();
    run(s);
    out.push(performance.now() - start);
  }
  return out;
}

/** Builds the GAN of `config` (fresh weights), times its steps and disposes it. */
export function ganStepTimes(config: GanConfig, data: RealData, opts: TimingOptions): number[] {
  const t = ganTrainable(config, data);
  try {
    return stepTimes(t, opts);
  } finally {
    t.dispose();
  }
}
