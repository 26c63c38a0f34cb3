/**
 * The short GAN whose final weights show whether a backend repeats its numbers: notebook 05's
 * reference model (G 3 × Dense(256, ReLU) → 2, D 5 × [Dense(128) + LeakyReLU(0.01)] → 1, BCE
 * non-saturating, Adam as in lib/train/presets.ts, batch 256 + 256 / 512) on eight Gaussians,
 * three members with latent widths 1, 10 and 100 (so the padded first layer and its mask are
 * exercised, as in the notebook's ensembles), trained for `steps` steps.
 *
 * The checksum is SHA-256 over every tensor a checkpoint holds (weights and Adam slots), in
 * name order, each as its name followed by its float32 bytes: one differing bit anywhere
 * changes it. Used by bench/determinism.ts (which settings change it) and by
 * test/unit/determinism.test.ts (is it the committed value on this machine).
 */
import { createHash } from "crypto";
import * as tf from "@tensorflow/tfjs";
import { eightGaussians } from "../lib/toy/datasets";
import { createGanModel, disposeGanModel, modelTensors } from "../lib/train/model";
import { trainSteps } from "../lib/train/loop";
import { latentDimensionGan } from "../lib/train/presets";
import type { GanConfig } from "../lib/train/config";
import type { DenseMode } from "../lib/nn/dense";

/** Steps of the probe per backend (a differing bit in any step persists to the end). */
export const COMMITTED_STEPS = { tensorflow: 60, wasm: 6 } as const;

/**
 * The committed checksums after COMMITTED_STEPS steps, recorded on AMD EPYC (Zen 4, AVX-512;
 * 2 cores), libtensorflow 2.12.1, tfjs 4.22.0, Node 20.20.2, with the pins of
 * lib/env/determinism.ts. test/unit/determinism.test.ts compares this machine with them.
 */
export const COMMITTED_CHECKSUMS = {
  tensorflow: "e3e90afee95df5144fae387977bb4a909d9d4350dbf6e63dd5c30f495259be72",
  wasm: "6780780f1c52603c3c44ca8c3bb6a4d1459916c2dbb4054113b06641fad62fd1",
} as const;

/** The threads oneDNN split batched matMuls over in the committed run (lib/env/determinism.ts, onednnBatchThreads). */
export const COMMITTED_ONEDNN_THREADS = 2;

/** Members of the probe: one per latent width, seeds 0, 1, 2. */
export const PROBE_MEMBERS = probeMembers(3);

/** `count` members, seeds 0 … count − 1, latent widths cycling through 1, 10, 100 (count = 3: the committed probe). */
export function probeMembers(count: number): { latentDim: number; seed: number }[] {
  return Array.from({ length: count }, (_, k) => ({ latentDim: [1, 10, 100][k % 3], seed: k }));
}

/** The probe's config; `denseMode` "auto" is the backend's default (lib/nn/dense.ts), as in the notebooks. */
export function probeConfig(steps: number, denseMode: DenseMode | "auto" = "auto", members = PROBE_MEMBERS): GanConfig {
  return { ...latentDimensionGan("determinism-probe", { name: eightGaussians.name, dim: 2 }, members, { kind: "normal" }), steps, denseMode };
}

export interface ProbeResult {
  /** hex SHA-256 of the final weights and optimizer slots */
  checksum: string;
  steps: number;
  /** wall time of the training steps, ms per step (all members) */
  msPerStep: number;
  /** the final tensors, flattened in name order (to measure how far two runs drifted apart) */
  values: Float32Array;
}

/** SHA-256 over (name, float32 bytes) of each tensor, in name order. */
export function tensorsChecksum(tensors: Map<string, tf.Tensor>): { checksum: string; values: Float32Array } {
  const hash = createHash("sha256");
  const names = [...tensors.keys()].sort();
  const parts = names.map((name) => {
    const data = tensors.get(name)!.dataSync() as Float32Array;
    hash.update(name);
    hash.update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return data;
  });
  const values = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    values.set(p, offset);
    offset += p.length;
  }
  return { checksum: hash.digest("hex"), values };
}

/** Trains the probe GAN for `steps` steps on the active backend (`denseMode`, `members`: see probeConfig). */
export function runProbe(steps: number, denseMode: DenseMode | "auto" = "auto", members = PROBE_MEMBERS): ProbeResult {
  const model = createGanModel(probeConfig(steps, denseMode, members));
  try {
    const t0 = performance.now();
    trainSteps(model, eightGaussians, steps);
    const msPerStep = (performance.now() - t0) / steps;
    return { ...tensorsChecksum(modelTensors(model)), steps, msPerStep };
  } finally {
    disposeGanModel(model);
  }
}
