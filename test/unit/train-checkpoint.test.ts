/**
 * Checkpoints that fail safely (lib/train/checkpoint.ts through the loop in lib/train/run.ts):
 * a truncated, a bit-flipped, a foreign and an old-format file each give a note naming the
 * file and the reason, are set aside as `.damaged`, and the run retrains to exactly the weights
 * of a clean run; a checkpoint from another backend is reused with a note; stale temporary
 * files of dead processes are removed, a live process's are kept.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve as resolvePath } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../lib/env/backend";
import { checkpointPath, removeStaleTemporaries } from "../../lib/train/checkpoint";
import { train } from "../../lib/train/loop";
import { shownPath } from "../../lib/train/run";
import { disposeGanModel, modelTensors, type GanModel } from "../../lib/train/model";
import { gauss, tiny } from "../helpers/tiny-gan";

const weights = (m: GanModel) => new Map([...modelTensors(m)].map(([k, v]) => [k, Array.from(v.dataSync())]));

async function withDir(f: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lw-ckpt-safety-"));
  try {
    await f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Trains `tiny` to its end in `dir` and returns the checkpoint's path and bytes. */
async function cleanRun(dir: string): Promise<{ path: string; bytes: Buffer; reference: Map<string, number[]> }> {
  const run = await train(tiny(), { data: gauss }, { cacheDir: dir });
  const reference = weights(run.model);
  disposeGanModel(run.model);
  const path = checkpointPath(dir, tiny().name, tiny());
  return { path, bytes: readFileSync(path), reference };
}

const damages: { name: string; damage: (b: Buffer) => Buffer; reason: RegExp }[] = [
  { name: "truncated", damage: (b) => b.subarray(0, b.length - 37), reason: /truncated/ },
  { name: "truncated inside the header", damage: (b) => b.subarray(0, 40), reason: /truncated inside its header/ },
  {
    name: "bit-flipped payload",
    damage: (b) => {
      const c = Buffer.from(b);
      c[c.length - 100] ^= 0x10;
      return c;
    },
    reason: /checksum does not match/,
  },
  { name: "not a checkpoint", damage: () => Buffer.from("hello, world\n"), reason: /not a Latent Walk checkpoint/ },
  { name: "old format", damage: (b) => Buffer.concat([Buffer.from("LWCK1\n"), b.subarray(6)]), reason: /older checkpoint format/ },
];

for (const { name, damage, reason } of damages) {
  test(`a damaged checkpoint (${name}) is reported with its path and reason, set aside, and the run retrains`, async () => {
    await selectBackend("cpu");
    await withDir(async (dir) => {
      const { path, bytes, reference } = await cleanRun(dir);
      writeFileSync(path, damage(bytes));
      const notes: string[] = [];
      const run = await train(tiny(), { data: gauss }, { cacheDir: dir, note: (m) => notes.push(m) });
      assert.equal(run.source, "trained");
      assert.equal(notes.length, 1, notes.join("\n"));
      assert.ok(notes[0].includes(path), `the note names the file: ${notes[0]}`);
      assert.match(notes[0], reason);
      assert.match(notes[0], /trains from step 0/);
      assert.ok(existsSync(`${path}.damaged`), "the damaged file is kept aside");
      assert.deepEqual(weights(run.model), reference, "the retrained weights equal a clean run's");
      disposeGanModel(run.model);
      const again = await train(tiny(), { data: gauss }, { cacheDir: dir, note: (m) => notes.push(m) });
      assert.equal(again.source, "cache", "the fresh checkpoint is reused");
      assert.equal(notes.length, 1, "no further note");
      disposeGanModel(again.model);
    });
  });
}

test("a checkpoint trained on another backend is reused, with a note saying so", async () => {
  await withDir(async (dir) => {
    await selectBackend("cpu");
    const { path, reference } = await cleanRun(dir);
    await selectBackend("wasm");
    const notes: string[] = [];
    const run = await train(tiny(), { data: gauss }, { cacheDir: dir, note: (m) => notes.push(m) });
    assert.equal(run.source, "cache");
    assert.equal(notes.length, 1);
    assert.ok(notes[0].includes(path));
    assert.match(notes[0], /trained on backend "cpu"; this run uses "wasm"/);
    assert.match(notes[0], /FORCE=1 retrains/);
    assert.deepEqual(weights(run.model), reference, "the weights are the checkpoint's");
    disposeGanModel(run.model);
    await selectBackend("cpu");
  });
});

test("stale temporary files of dead processes are removed; a live process's are kept", async () => {
  await withDir(async (dir) => {
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max (4,194,304): no such process
    writeFileSync(join(dir, `x.ckpt.tmp-${dead}`), "partial");
    writeFileSync(join(dir, `x.ckpt.tmp-${process.pid}`), "being written");
    writeFileSync(join(dir, "y.ckpt"), "kept");
    assert.deepEqual(removeStaleTemporaries(dir), [`x.ckpt.tmp-${dead}`]);
    assert.deepEqual(readdirSync(dir).sort(), [`x.ckpt.tmp-${process.pid}`, "y.ckpt"]);
  });
});

test("the loop reads values back once per logged step or checkpoint, not once per step", async () => {
  await selectBackend("cpu");
  const proto = tf.Tensor.prototype as unknown as { dataSync(): unknown };
  const original = proto.dataSync;
  let reads = 0;
  proto.dataSync = function (this: tf.Tensor) {
    reads++;
    return original.call(this);
  };
  try {
    const run = await train(tiny({ steps: 24, logEvery: 8, checkpointEvery: 24 }), { data: gauss });
    // log steps 1, 8, 16, 24 (the checkpoint step coincides with the last): 4 reads for 24 steps
    assert.equal(reads, 4);
    assert.deepEqual([...new Set(run.logs.map((r) => r.step))], [1, 8, 16, 24]);
    disposeGanModel(run.model);
  } finally {
    proto.dataSync = original;
  }
});

test("a NaN between two read-backs is found at its exact step", async () => {
  await selectBackend("cpu");
  let calls = 0;
  const poisoned = { name: "test-gauss", sample: (n: number, rng: Parameters<typeof gauss.sample>[1]) => (++calls > 5 ? new Float64Array(n * 2).fill(NaN) : gauss.sample(n, rng)) };
  // logs at 1, 8, …: the NaN of step 6 is read at step 8 and named as step 6
  await assert.rejects(train(tiny({ steps: 16, logEvery: 8 }), { data: poisoned }), /D loss is NaN at step 6 \(member 0: latentDim 3, seed 11\)/);
});

test("notes print a checkpoint below the working directory or its parent relative to it, any other path absolute", () => {
  const cwd = process.cwd();
  assert.equal(shownPath(resolvePath(cwd, "..", "data", "cache", "a.ckpt")), join("..", "data", "cache", "a.ckpt"));
  assert.equal(shownPath(resolvePath(cwd, "cache", "a.ckpt")), join("cache", "a.ckpt"));
  const far = resolvePath(cwd, "..", "..", "elsewhere", "a.ckpt");
  assert.equal(shownPath(far), far);
});
