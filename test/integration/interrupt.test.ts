/**
 * Kernel → Interrupt on a real tslab kernel in the middle of training (jupyter_client's
 * interrupt_kernel, what JupyterLab sends; test/helpers/interrupt_kernel.py drives it): the
 * cell ends with the loop's message naming the step and the checkpoint, the kernel then uses
 * no CPU (nothing goes on in the background), answers the next cell, and running the training
 * again resumes from the interrupted step.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertBuildFresh, REPO, VENV_PYTHON } from "../helpers/notebook-run";

interface CellResult {
  status: string;
  output: string;
}
interface InterruptReport {
  interrupt_sent: boolean;
  train: CellResult;
  cpu_seconds_after: number;
  next_cell: CellResult;
  interrupted_step: number | null;
  resume?: CellResult;
}

function runHelper(cacheDir: string): Promise<InterruptReport> {
  const env = { ...process.env, JUPYTER_PATH: join(REPO, ".venv", "share", "jupyter"), JUPYTER_PLATFORM_DIRS: "1" };
  return new Promise((resolve, reject) => {
    execFile(VENV_PYTHON, [join(REPO, "test", "helpers", "interrupt_kernel.py"), REPO, cacheDir], { env, maxBuffer: 16 << 20, timeout: 300_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`interrupt_kernel.py failed: ${err.message}\n${stderr.slice(-3000)}`));
      else resolve(JSON.parse(stdout.trim().split("\n").pop()!) as InterruptReport);
    });
  });
}

test("Kernel → Interrupt stops training within one step, checkpointed; the kernel answers; a re-run resumes", async () => {
  assertBuildFresh();
  const cacheDir = mkdtempSync(join(tmpdir(), "lw-kernel-interrupt-"));
  try {
    const r = await runHelper(cacheDir);
    assert.ok(r.interrupt_sent, "the training cell never showed progress, so no interrupt was sent");
    assert.equal(r.train.status, "error", "the interrupted cell ends with an error status");
    const step = r.interrupted_step;
    assert.ok(step !== null && step > 0, `the cell says where it stopped:\n${r.train.output}`);
    assert.match(r.train.output, new RegExp(`interrupted at step ${step} of 100000; checkpoint .*\\.ckpt saved: run the cell again to resume`));
    assert.ok(r.cpu_seconds_after < 0.2, `the kernel used ${r.cpu_seconds_after} s of CPU in the 2 s after the interrupt`);
    assert.deepEqual(r.next_cell, { status: "ok", output: "2\n" }, "the kernel answers the next cell");
    assert.equal(r.resume?.status, "ok");
    assert.match(r.resume!.output, new RegExp(`second run: resumed from step ${step} to ${step! + 2}`));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
