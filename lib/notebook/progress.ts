/**
 * Progress of a long loop (training steps, sweeps).
 *
 * In a notebook: one output, created on the first update and then replaced in place
 * (tslab's `newDisplay()`, i.e. update_display_data with a display_id), at most every 0.5 s.
 * On a terminal (`make figures`, tests): a line on stderr at most every 10 s or every 10 % of
 * the way. `done()` always shows the final state. A line reads
 *
 *   train DCGAN  1200/5000  24.0%  elapsed 1m 03s  ETA 3m 20s  lossD 0.6931  lossG 0.7012
 */
import { inKernel } from "./display";

export interface Progress {
  /** `step` counts completed steps (0 … total); `values` are the latest metrics to show. */
  update(step: number, values?: Record<string, number>): void;
  /**
   * The loop starts at `step` (loaded from a checkpoint), not 0: shows it now; the ETA counts only
   * steps run since. At step ≥ total this line is the final one (done() adds none).
   */
  resume(step: number, values?: Record<string, number>): void;
  done(): void;
}

const NOTEBOOK_INTERVAL_MS = 500;
const TERMINAL_INTERVAL_MS = 10_000;
const TERMINAL_FRACTION = 0.1;

/** `83` → `1m 23s`, `4000` → `1h 06m 40s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (h > 0) return `${h}h ${pad(m)}m ${pad(r)}s`;
  if (m > 0) return `${m}m ${pad(r)}s`;
  return `${r}s`;
}

/**
 * The status line; ETA assumes the remaining steps take as long as the ones done since `from`
 * (the step a resumed run started at) on average. A resumed run reads `450/600 (resumed at 300)`,
 * one loaded finished `600/600 (from checkpoint)`.
 */
export function progressLine(label: string, step: number, total: number, elapsedMs: number, values: Record<string, number> = {}, from = 0): string {
  const fraction = total > 0 ? step / total : 1;
  const etaSeconds = step > from ? ((elapsedMs / (step - from)) * (total - step)) / 1000 : NaN;
  const origin = from === 0 ? "" : from >= total ? " (from checkpoint)" : ` (resumed at ${from})`;
  const metrics = Object.entries(values)
    .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toPrecision(4)}`)
    .join("  ");
  return [
    label,
    `${step}/${total}${origin}`,
    `${(100 * fraction).toFixed(1)}%`,
    `elapsed ${formatDuration(elapsedMs / 1000)}`,
    step >= total ? "done" : `ETA ${formatDuration(etaSeconds)}`,
    metrics,
  ]
    .filter((s) => s !== "")
    .join("  ");
}

interface Sink {
  show(line: string): void;
}

function notebookSink(): Sink {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const handle = require("tslab").newDisplay() as { text(s: string): void };
  return { show: (line) => handle.text(line) };
}

const terminalSink: Sink = { show: (line) => process.stderr.write(line + "\n") };

/**
 * A progress reporter for `total` steps. `clock` (milliseconds) and `sink` are for tests;
 * by default the notebook display or stderr is chosen automatically.
 */
export function progress(label: string, total: number, opts: { clock?: () => number; sink?: Sink; terminal?: boolean } = {}): Progress {
  const clock = opts.clock ?? (() => Date.now());
  const terminal = opts.terminal ?? !inKernel();
  const sink = opts.sink ?? (terminal ? terminalSink : notebookSink());
  const start = clock();
  let lastShown = -Infinity;
  let lastFractionShown = 0;
  let step = 0;
  let from = 0;
  let values: Record<string, number> = {};
  let finished = false;
  const show = (now: number) => {
    sink.show(progressLine(label, step, total, now - start, values, from));
    lastShown = now;
    lastFractionShown = total > 0 ? step / total : 1;
  };
  return {
    update(s: number, v?: Record<string, number>): void {
      step = s;
      if (v !== undefined) values = v;
      const now = clock();
      const due = terminal
        ? now - lastShown >= TERMINAL_INTERVAL_MS || (total > 0 && step / total - lastFractionShown >= TERMINAL_FRACTION - 1e-12)
        : now - lastShown >= NOTEBOOK_INTERVAL_MS;
      if (due) show(now);
    },
    resume(s: number, v?: Record<string, number>): void {
      step = from = s;
      if (v !== undefined) values = v;
      finished = s >= total; // a finished checkpoint: this line is the final state
      show(clock());
    },
    done(): void {
      if (finished) return;
      finished = true;
      show(clock());
    },
  };
}
