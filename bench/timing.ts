/**
 * The timing protocol shared by every implementation (bench/reference_common.py mirrors it):
 *
 * 1. warm-up: run steps until at least `warmupSteps` steps AND `warmupSeconds` have passed
 *    (kernels compiled, buffers allocated, native thread pools started);
 * 2. calibrate: steps per repeat n = clamp(⌈repeatSeconds / t_last⌉, 1, maxSteps), t_last the
 *    time of the last warm-up step; n is then FIXED for every repeat;
 * 3. time `repeats` repeats of n steps each with a monotonic clock;
 * 4. report the median of the per-repeat steps/s (and min/max to show the spread).
 *
 * Every step function reads its losses back (dataSync / await), so the clock stops only after
 * the backend has finished the work.
 */

/** What the protocol times: one implementation of the GAN at a given state. */
export interface BenchGan {
  /** One D update and one G update (per member); resolves after the losses are read back. */
  step(): Promise<void>;
  dispose(): void;
}

export interface TimingPlan {
  warmupSteps: number;
  warmupSeconds: number;
  repeatSeconds: number;
  repeats: number;
  maxSteps: number;
}

export interface Timing {
  /** Steps per repeat (fixed after calibration). */
  steps: number;
  repeats: number;
  /** steps/s of each repeat */
  rates: number[];
  median: number;
  min: number;
  max: number;
}

/**
 * Full plan, or the BENCH_QUICK=1 smoke plan (one step). On the slow (cpu) backend several GANs
 * per step take minutes per step, so those get the smoke plan too: one warm-up step, one timed.
 */
export function timingPlan(quick: boolean, slowBackend: boolean, members = 1): TimingPlan {
  if (quick || (slowBackend && members > 1)) return { warmupSteps: 1, warmupSeconds: 0, repeatSeconds: 0, repeats: 1, maxSteps: 1 };
  return slowBackend
    ? { warmupSteps: 1, warmupSeconds: 0, repeatSeconds: 3, repeats: 3, maxSteps: 50 }
    : { warmupSteps: 5, warmupSeconds: 1, repeatSeconds: 3, repeats: 5, maxSteps: 1000 };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const now = () => Number(process.hrtime.bigint()) / 1e9;

/** Times `step` by the protocol above; `step` must block until its results are read back. */
export async function timeSteps(step: () => unknown | Promise<unknown>, plan: TimingPlan): Promise<Timing> {
  const start = now();
  let done = 0;
  let last = start;
  let lastDuration = 0;
  while (done < plan.warmupSteps || now() - start < plan.warmupSeconds) {
    await step();
    const t = now();
    lastDuration = t - last;
    last = t;
    done++;
  }
  const steps = Math.max(1, Math.min(plan.maxSteps, Math.ceil(plan.repeatSeconds / Math.max(lastDuration, 1e-6))));
  const rates: number[] = [];
  for (let r = 0; r < plan.repeats; r++) {
    const t0 = now();
    for (let i = 0; i < steps; i++) await step();
    rates.push(steps / (now() - t0));
  }
  return { steps, repeats: plan.repeats, rates, median: median(rates), min: Math.min(...rates), max: Math.max(...rates) };
}
