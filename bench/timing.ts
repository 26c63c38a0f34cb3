/**
 * The timing protocol shared by every implementation (bench/reference_common.py mirrors it):
 *
 * 1. warm-up: run steps until at least `warmupSteps` steps AND `warmupSeconds` have passed
 *    (kernels compiled, buffers allocated, native thread pools started);
 * 2. calibrate: steps per repeat n = clamp(⌈repeatSeconds / t_last⌉, 1, maxSteps), t_last the
 *    time of the last warm-up step; n is then FIXED for every repeat;
 * 3. time `repeats` repeats of n steps each with a monotonic clock;
 * 4. report the median of the per-repeat steps/s (and min/max to show the spread).
 * Several implementations are timed with their repeats interleaved (timeInterleaved).
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

type Step = () => unknown | Promise<unknown>;

/** Steps 1–2 of the protocol: warm up, then the fixed number of steps per repeat. */
export async function calibrate(step: Step, plan: TimingPlan): Promise<number> {
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
  return Math.max(1, Math.min(plan.maxSteps, Math.ceil(plan.repeatSeconds / Math.max(lastDuration, 1e-6))));
}

/** One repeat: steps/s over `steps` steps. */
export async function timeRepeat(step: Step, steps: number): Promise<number> {
  const t0 = now();
  for (let i = 0; i < steps; i++) await step();
  return steps / (now() - t0);
}

export function summarize(steps: number, rates: number[]): Timing {
  return { steps, repeats: rates.length, rates, median: median(rates), min: Math.min(...rates), max: Math.max(...rates) };
}

/** Times `step` by the protocol above; `step` must block until its results are read back. */
export async function timeSteps(step: Step, plan: TimingPlan): Promise<Timing> {
  const steps = await calibrate(step, plan);
  const rates: number[] = [];
  for (let r = 0; r < plan.repeats; r++) rates.push(await timeRepeat(step, steps));
  return summarize(steps, rates);
}

export interface Timed {
  step: Step;
  plan: TimingPlan;
}

/**
 * The protocol for several implementations at once, with their repeats INTERLEAVED (repeat r of
 * every implementation, then repeat r + 1): when other processes load the machine unevenly over
 * time, every implementation sees the same mix of conditions, so their ratios stay meaningful.
 * A failing implementation yields its Error instead of a Timing.
 */
export async function timeInterleaved(items: Timed[]): Promise<(Timing | Error)[]> {
  const steps: (number | Error)[] = [];
  for (const it of items) steps.push(await calibrate(it.step, it.plan).catch((e: unknown) => asError(e)));
  const rates: number[][] = items.map(() => []);
  const rounds = Math.max(...items.map((it) => it.plan.repeats));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < items.length; i++) {
      const n = steps[i];
      if (n instanceof Error || r >= items[i].plan.repeats) continue;
      try {
        rates[i].push(await timeRepeat(items[i].step, n));
      } catch (e) {
        steps[i] = asError(e);
      }
    }
  }
  return steps.map((n, i) => (n instanceof Error ? n : summarize(n, rates[i])));
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/** What a timed tensor op returns: read back to wait for the backend, then released. */
interface Readable {
  dataSync(): unknown;
  dispose(): void;
}

/**
 * Seconds per call of `run`, one value per repeat: warm-up call, calls per repeat chosen so a
 * repeat lasts about `seconds`, the last result of each repeat read back (so the clock stops
 * after the backend has finished), every result disposed.
 */
export function secondsPerCall(run: () => Readable, seconds: number, repeats: number): number[] {
  run().dispose();
  const t0 = now();
  const first = run();
  first.dataSync();
  first.dispose();
  const calls = Math.max(1, Math.ceil(seconds / Math.max(now() - t0, 1e-6)));
  const out: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = now();
    for (let i = 0; i < calls - 1; i++) run().dispose();
    const last = run();
    last.dataSync();
    last.dispose();
    out.push((now() - start) / calls);
  }
  return out;
}
