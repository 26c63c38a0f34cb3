/**
 * Interrupts (lib/train/interrupt.ts through the loop in lib/train/run.ts): SIGINT sent to this
 * process during training stops the loop within one step with TrainingInterrupted naming the
 * step, after writing the checkpoint of that step; no further step runs; a second call resumes
 * there and ends with exactly the weights of an uninterrupted run; outside training, the
 * loop's SIGINT listener is gone.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { selectBackend } from "../../lib/env/backend";
import { TrainingInterrupted } from "../../lib/train/interrupt";
import { train } from "../../lib/train/loop";
import { disposeGanModel, modelTensors, type GanModel } from "../../lib/train/model";
import type { RealData } from "../../lib/train/batches";
import { gauss, tiny } from "../helpers/tiny-gan";

const weights = (m: GanModel) => new Map([...modelTensors(m)].map(([k, v]) => [k, Array.from(v.dataSync())]));

test("SIGINT stops training within one step, checkpointed; a re-run resumes to the uninterrupted weights", async () => {
  await selectBackend("cpu");
  const config = tiny({ steps: 40, logEvery: 10, checkpointEvery: 20 });
  const straight = await train(config, { data: gauss });
  const reference = weights(straight.model);
  disposeGanModel(straight.model);

  const dir = mkdtempSync(join(tmpdir(), "lw-interrupt-"));
  try {
    let draws = 0;
    const counting: RealData = { name: gauss.name, sample: (n, rng) => (draws++, gauss.sample(n, rng)) };
    const listenersBefore = process.listenerCount("SIGINT");
    const sendAt = 8; // a snapshot step of tiny (every 4)
    const run = train(config, {
      data: counting,
      snapshot: (step) => {
        if (step === sendAt) process.kill(process.pid, "SIGINT");
        return {};
      },
    }, { cacheDir: dir });
    const err = await run.then(
      () => assert.fail("training was not interrupted"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof TrainingInterrupted, String(err));
    assert.ok(err.step === sendAt || err.step === sendAt + 1, `stopped at step ${err.step}, signal sent after step ${sendAt}`);
    assert.equal(draws, err.step, "no step ran after the interrupt (one real batch per step)");
    assert.match(err.message, new RegExp(`interrupted at step ${err.step} of 40; checkpoint .* saved: run the cell again to resume`));
    assert.equal(process.listenerCount("SIGINT"), listenersBefore, "the loop's SIGINT listener is released");

    const resumed = await train(config, { data: gauss }, { cacheDir: dir });
    assert.equal(resumed.source, "resumed");
    assert.equal(resumed.stepsRun, 40 - err.step);
    assert.deepEqual(weights(resumed.model), reference);
    disposeGanModel(resumed.model);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
