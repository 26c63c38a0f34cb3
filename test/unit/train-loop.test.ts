/**
 * The training loop: same seed → identical weights; a D update cannot move G (and vice versa);
 * tf.memory().numTensors stays flat over steps; a NaN loss stops training naming the step;
 * the WGAN critic schedule counted against its closed form; every loss kind trains with
 * finite losses; checkpoints: 2k steps straight == k steps, stop, resume k more; a finished
 * checkpoint is reused, FORCE retrains; progress of a resumed or reused run starts at the loaded step.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import type { GanLoss } from "../../lib/train/config";
import { sphereGan, wganClip } from "../../lib/train/presets";
import { createGanModel, disposeGanModel, modelTensors, type GanModel } from "../../lib/train/model";
import { train, trainSteps } from "../../lib/train/loop";
import { discriminatorStep, generatorStep } from "../../lib/train/step";
import type { RealData } from "../../lib/train/batches";
import { progress } from "../../lib/notebook/progress";
import { gauss, tiny } from "../helpers/tiny-gan";

function weights(model: GanModel): Map<string, Float32Array> {
  return new Map([...modelTensors(model)].map(([k, v]) => [k, v.dataSync().slice() as Float32Array]));
}

function assertSameWeights(a: Map<string, Float32Array>, b: Map<string, Float32Array>): void {
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [k, v] of a) assert.deepEqual(b.get(k), v, `tensor ${k} differs`);
}

test("same seed, same backend: identical weights; another seed: different", async () => {
  const snapshot = (_step: number, model: GanModel) => ({ w: model.generator.variables[0].dataSync().slice() as Float32Array, one: 1 });
  const a = await train(tiny(), { data: gauss, snapshot });
  const b = await train(tiny(), { data: gauss });
  const c = await train(tiny({ members: [{ latentDim: 3, seed: 12 }] }), { data: gauss });
  assertSameWeights(weights(a.model), weights(b.model));
  assert.notDeepEqual(weights(a.model).get("G/0/w"), weights(c.model).get("G/0/w"));
  assert.deepEqual(a.logs.map((r) => r.step), [1, 2, 4, 6, 8]);
  assert.deepEqual(a.snapshots.map((s) => s.step), [0, 1, 2, 3, 4, 8]);
  assert.deepEqual(a.snapshots.at(-1)!.value.w, weights(a.model).get("G/0/w"));
  [a, b, c].forEach((r) => disposeGanModel(r.model));
});

test("a D update moves only D, a G update only G", () => {
  const model = createGanModel(tiny());
  const before = weights(model);
  const real = tf.randomNormal([1, 32, 2], 0, 1, "float32", 1) as tf.Tensor3D;
  const z = tf.randomNormal([1, 32, 3], 0, 1, "float32", 2) as tf.Tensor3D;
  tf.dispose(Object.values(discriminatorStep(model, { real, z })));
  const afterD = weights(model);
  for (const [k, v] of before) {
    if (k.startsWith("G/")) assert.deepEqual(afterD.get(k), v, `${k} moved in a D step`);
    if (k === "D/0/w") assert.notDeepEqual(afterD.get(k), v, "D did not move");
  }
  tf.dispose(Object.values(generatorStep(model, { z })));
  const afterG = weights(model);
  for (const [k, v] of afterD) {
    if (k.startsWith("D/")) assert.deepEqual(afterG.get(k), v, `${k} moved in a G step`);
    if (k === "G/0/w") assert.notDeepEqual(afterG.get(k), v, "G did not move");
  }
  tf.dispose([real, z]);
  disposeGanModel(model);
});

test("tf.memory().numTensors stays flat over training steps", () => {
  for (const loss of [{ kind: "bce", generator: "non-saturating" }, { kind: "wgan-gp", weight: 0.1 }] as GanLoss[]) {
    const model = createGanModel(tiny({ loss }));
    trainSteps(model, gauss, 2);
    const n = tf.memory().numTensors;
    trainSteps(model, gauss, 5, 2);
    assert.equal(tf.memory().numTensors, n, `${loss.kind}: tensors leaked`);
    disposeGanModel(model);
  }
});

test("a NaN loss stops training with an error naming the step and the loss", async () => {
  let calls = 0;
  const poisoned: RealData = { name: "test-gauss", sample: (n, rng) => (++calls > 3 ? new Float64Array(n * 2).fill(NaN) : gauss.sample(n, rng)) };
  await assert.rejects(train(tiny(), { data: poisoned }), /D loss is NaN at step 4/);
});

test("WGAN critic schedule: 100 critic updates for the first 25 steps and every 500th, else 5", () => {
  const model = createGanModel(wganClip(tiny({ steps: 30 })));
  trainSteps(model, gauss, 27);
  assert.equal(model.dOptimizer.iterations, 25 * 100 + 2 * 5);
  assert.equal(model.gOptimizer.iterations, 27);
  const clip = Math.max(...model.discriminator.variables.map((v) => Math.max(...Array.from(v.dataSync()).map(Math.abs))));
  assert.ok(clip <= 0.01 + 1e-7, `critic weights clipped, max |w| = ${clip}`);
  disposeGanModel(model);
});

const lossKinds: GanLoss[] = [
  { kind: "bce", generator: "minimax" },
  { kind: "least-squares" },
  { kind: "hinge" },
  { kind: "wgan-gp", weight: 10 },
  { kind: "fgan", divergence: "reverse-kl", generator: "heuristic" },
  { kind: "fgan", divergence: "pearson", generator: "bound" },
];
test("every loss kind trains with finite logged losses", async () => {
  for (const loss of lossKinds) {
    const r = await train(tiny({ loss, steps: 4 }), { data: gauss });
    assert.ok(r.logs.every((rec) => Number.isFinite(rec.dLoss) && Number.isFinite(rec.gLoss)), loss.kind);
    if (loss.kind === "wgan-gp") assert.ok(r.logs.every((rec) => rec.gp >= 0 && Number.isFinite(rec.wasserstein)));
    disposeGanModel(r.model);
  }
  const s = await train(sphereGan(tiny({ steps: 4 }), 8, 3), { data: gauss });
  assert.ok(s.logs.every((rec) => Number.isFinite(rec.dLoss)));
  disposeGanModel(s.model);
});

test("checkpoints: k steps, stop, resume k == 2k straight; finished runs are reused; force retrains", async () => {
  const dir = mkdtempSync(join(tmpdir(), "lw-ckpt-"));
  try {
    const config = tiny({ checkpointEvery: 3 });
    const straight = await train(config, { data: gauss });
    const first = await train(config, { data: gauss }, { cacheDir: dir, stopAtStep: 4 });
    assert.equal(first.step, 4);
    assert.equal(first.complete, false);
    disposeGanModel(first.model);
    const resumed = await train(config, { data: gauss }, { cacheDir: dir });
    assert.equal(resumed.source, "resumed");
    assertSameWeights(weights(resumed.model), weights(straight.model));
    assert.deepEqual(resumed.logs, straight.logs);
    const cached = await train(config, { data: gauss }, { cacheDir: dir });
    assert.equal(cached.source, "cache");
    assertSameWeights(weights(cached.model), weights(straight.model));
    assert.equal(cached.model.dOptimizer.iterations, straight.model.dOptimizer.iterations);
    const forced = await train(config, { data: gauss }, { cacheDir: dir, force: true });
    assert.equal(forced.source, "trained");
    [straight, resumed, cached, forced].forEach((r) => disposeGanModel(r.model));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("progress starts at the checkpoint's step: resumed at 4/8, reused 8/8 (from checkpoint), in notebook and terminal", async () => {
  const dir = mkdtempSync(join(tmpdir(), "lw-progress-"));
  /** A reporter whose clock advances 1 s per reading, recording its lines. */
  const recorder = (terminal: boolean) => {
    let now = 0;
    const lines: string[] = [];
    return { lines, p: progress("tiny", 8, { clock: () => (now += 1000), sink: { show: (l) => lines.push(l) }, terminal }) };
  };
  const field = (line: string) => line.split("  ")[1];
  try {
    const config = tiny({ checkpointEvery: 3 });
    const first = recorder(false);
    const partial = await train(config, { data: gauss, progress: first.p }, { cacheDir: dir, stopAtStep: 4 });
    assert.deepEqual(first.lines.map(field), ["1/8", "2/8", "4/8", "4/8"]); // the last from done()
    const last = partial.logs.filter((r) => r.member === 0).pop()!;
    disposeGanModel(partial.model);

    for (const terminal of [false, true]) {
      const dirCopy = mkdtempSync(join(tmpdir(), "lw-progress-copy-"));
      try {
        cpSync(dir, dirCopy, { recursive: true });
        const r = recorder(terminal);
        const resumed = await train(config, { data: gauss, progress: r.p }, { cacheDir: dirCopy });
        assert.equal(resumed.source, "resumed");
        const mode = terminal ? "terminal" : "notebook";
        assert.equal(r.lines[0], `tiny  4/8 (resumed at 4)  50.0%  elapsed 1s  ETA ?  dLoss ${last.dLoss.toPrecision(4)}  gLoss ${last.gLoss.toPrecision(4)}`, mode);
        // clock readings: start 0, resume 1 s, step 6 at 2 s: 2 steps since the resume in 2 s → 2 steps left take 2 s
        if (!terminal) assert.match(r.lines[1], /^tiny {2}6\/8 \(resumed at 4\) {2}75\.0% {2}elapsed 2s {2}ETA 2s {2}dLoss/, mode);
        assert.match(r.lines.at(-1)!, /^tiny {2}8\/8 \(resumed at 4\) {2}100\.0% .* done/, mode);
        assert.ok(!r.lines.some((l) => /(^| )0\/8/.test(l)), `${mode}: no line at 0/8`);
        disposeGanModel(resumed.model);

        const c = recorder(terminal);
        const cached = await train(config, { data: gauss, progress: c.p }, { cacheDir: dirCopy });
        assert.equal(cached.source, "cache");
        const end = resumed.logs.filter((rec) => rec.member === 0).pop()!;
        assert.deepEqual(c.lines, [`tiny  8/8 (from checkpoint)  100.0%  elapsed 1s  done  dLoss ${end.dLoss.toPrecision(4)}  gLoss ${end.gLoss.toPrecision(4)}`], mode);
        disposeGanModel(cached.model);
      } finally {
        rmSync(dirCopy, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
