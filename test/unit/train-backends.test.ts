/**
 * The engine on the wasm backend (its "fast" dense path is the default there) and on whatever
 * backend "auto" selects, each checked against the cpu backend as oracle: a few training steps
 * of a small GAN give the same weights within float tolerance.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../lib/env/backend";
import { stack, type GanConfig } from "../../lib/train/config";
import { latentDimensionGan } from "../../lib/train/presets";
import { createGanModel, disposeGanModel, modelTensors } from "../../lib/train/model";
import { trainSteps } from "../../lib/train/loop";
import type { RealData } from "../../lib/train/batches";
import type { Rng } from "../../lib/util/rng";

const data: RealData = { name: "test-gauss", sample: (n: number, rng: Rng) => rng.normalArray(n * 2) };
const config: GanConfig = {
  ...latentDimensionGan("backends", { name: "test-gauss", dim: 2 }, [{ latentDim: 2, seed: 1 }, { latentDim: 4, seed: 2 }], { kind: "normal" }),
  generator: { kind: "mlp", layers: stack(2, 32, "relu", 2), init: "glorot-uniform" },
  discriminator: { kind: "mlp", layers: stack(2, 32, { leakyRelu: 0.01 }, 1), init: "glorot-uniform" },
  batch: { real: 64, fake: 64, generator: 128 },
};
const STEPS = 6;

async function weightsOn(backend: string, denseMode: GanConfig["denseMode"]): Promise<Map<string, Float32Array>> {
  await tf.setBackend(backend);
  const model = createGanModel({ ...config, denseMode });
  trainSteps(model, data, STEPS);
  const out = new Map([...modelTensors(model)].map(([k, v]) => [k, v.dataSync().slice() as Float32Array]));
  disposeGanModel(model);
  return out;
}

function maxDiff(a: Map<string, Float32Array>, b: Map<string, Float32Array>): number {
  let m = 0;
  for (const [k, v] of a) v.forEach((x, i) => (m = Math.max(m, Math.abs(x - b.get(k)![i]))));
  return m;
}

test("wasm backend, fast and plain dense paths, agree with cpu", async () => {
  await selectBackend("wasm");
  const cpu = await weightsOn("cpu", "plain");
  const fast = await weightsOn("wasm", "auto");
  assert.equal(tf.getBackend(), "wasm");
  const plain = await weightsOn("wasm", "plain");
  assert.ok(maxDiff(fast, cpu) < 1e-4, `wasm fast vs cpu ${maxDiff(fast, cpu)}`);
  assert.ok(maxDiff(plain, cpu) < 1e-4, `wasm plain vs cpu ${maxDiff(plain, cpu)}`);
});

test("auto-selected backend agrees with cpu", async () => {
  const cpu = await weightsOn("cpu", "plain");
  const chosen = await selectBackend("auto");
  const auto = await weightsOn(chosen, "auto");
  assert.ok(maxDiff(auto, cpu) < 1e-4, `${chosen} vs cpu ${maxDiff(auto, cpu)}`);
});
