/**
 * Stopping a training loop on an interrupt (SIGINT): Kernel → Interrupt in JupyterLab, the
 * runner's interrupt on Ctrl-C of `make figures`, or Ctrl-C of a plain `node` process.
 *
 * A tslab kernel answers SIGINT by detaching the running cell ("Interrupted asynchronously")
 * but cannot stop the code behind it: an `await`ed training loop would go on in the background.
 * So the loop watches SIGINT itself. Node delivers a signal only between turns of its event
 * loop, and the training loop yields one turn after every step, so the handler always runs
 * between two complete steps: it can write the checkpoint of the last completed step right
 * there, while the interrupted cell's output is still the current one, and the loop then stops
 * before starting another step.
 *
 * One trap, measured with tslab 1.0.22 on Node 20: tslab runs the synchronous part of a cell
 * through vm's `breakOnSigint`, which swaps the process's SIGINT listeners out and back in; a
 * listener added during that part leaves the kernel hung on the next SIGINT (no reply, no CPU
 * use). So the loop starts watching only after one turn of the event loop.
 */

/** Thrown by the training loop after an interrupt; the checkpoint of `step` has been written. */
export class TrainingInterrupted extends Error {
  constructor(
    readonly run: string,
    readonly step: number,
    readonly total: number,
    readonly checkpoint: string | undefined,
  ) {
    super(
      `training "${run}" interrupted at step ${step} of ${total}` +
        (checkpoint ? `; checkpoint ${checkpoint} saved: run the cell again to resume` : " (no checkpoint directory: a re-run starts over)"),
    );
    this.name = "TrainingInterrupted";
  }
}

export interface InterruptWatch {
  /** True once SIGINT arrived while watching. */
  readonly interrupted: boolean;
  /** Stops watching (restores the process's other SIGINT listeners' sole say). */
  release(): void;
}

/**
 * Watches SIGINT until released; `onInterrupt` runs once, inside the signal handler (so between
 * two steps of the loop that yields). Outside a kernel, where no other listener keeps the process
 * alive, the loop's TrainingInterrupted ends the program.
 */
export function watchInterrupt(onInterrupt: () => void): InterruptWatch {
  let interrupted = false;
  const handler = () => {
    if (interrupted) return;
    interrupted = true;
    onInterrupt();
  };
  process.on("SIGINT", handler);
  return {
    get interrupted() {
      return interrupted;
    },
    release() {
      process.removeListener("SIGINT", handler);
    },
  };
}

/** One turn of the event loop: lets signal handlers and notebook displays run. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
