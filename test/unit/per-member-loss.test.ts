/**
 * Losses chosen per ensemble member (f-GAN divergences, one- or two-sided gradient penalty):
 * each member's loss equals its loss computed alone, and a member trained inside such an
 * ensemble gets exactly the weights it gets trained alone with its own choice.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { fganBound, fganDiscriminatorLoss, fganGeneratorLoss, type FDivergence } from "../../lib/losses/fgan";
import { createGanModel, disposeGanModel } from "../../lib/train/model";
import { trainSteps } from "../../lib/train/loop";
import { mlp, type GanConfig } from "../../lib/train/config";
import { latentDimensionGan } from "../../lib/train/presets";
import { gauss } from "../helpers/tiny-gan";
import { selectBackend } from "../../lib/env/backend";
import { maxMemberDifference } from "../helpers/member-diff";
import { Rng } from "../../lib/util/rng";

const DIVS: FDivergence[] = ["kl", "pearson", "pearson", "gan"];

test("per-member losses equal each member's loss alone (runs kl | pearson ×2 | gan)", () => {
  const rng = new Rng(2);
  const real = tf.tensor2d(Float32Array.from(rng.normalArray(4 * 6)), [4, 6]);
  const fake = tf.tensor2d(Float32Array.from(rng.normalArray(4 * 6)), [4, 6]);
  const row = (t: tf.Tensor2D, k: number) => tf.slice(t, [k], [1]);
  for (const [name, f] of [
    ["bound", (d: FDivergence | FDivergence[], r: tf.Tensor, q: tf.Tensor) => fganBound(d, r, q)],
    ["D loss", (d: FDivergence | FDivergence[], r: tf.Tensor, q: tf.Tensor) => fganDiscriminatorLoss(d, r, q)],
    ["G loss", (d: FDivergence | FDivergence[], _r: tf.Tensor, q: tf.Tensor) => fganGeneratorLoss(d, q, "heuristic")],
  ] as const) {
    const all = f(DIVS, real, fake).arraySync() as number[];
    DIVS.forEach((d, k) => {
      const alone = (f(d, row(real, k), row(fake, k)).arraySync() as number[])[0];
      assert.ok(Math.abs(all[k] - alone) < 1e-6, `${name}, member ${k} (${d}): ${all[k]} vs ${alone}`);
    });
  }
  assert.throws(() => fganDiscriminatorLoss(["kl", "gan"], real, fake), /2 divergences for 4 members/);
});

function config(members: GanConfig["members"], divergence: FDivergence | FDivergence[]): GanConfig {
  return {
    ...latentDimensionGan("fgan-members", { name: "test-gauss", dim: 2 }, members, { kind: "normal" }),
    generator: mlp(2, 16, "relu", 2, "glorot-uniform"),
    discriminator: mlp(2, 16, { leakyRelu: 0.2 }, 1, "glorot-uniform"),
    loss: { kind: "fgan", divergence, generator: "heuristic" },
    batch: { real: 32, fake: 32, generator: 32 },
  };
}

test("an ensemble with one divergence per member trains each member as alone (15 steps)", () => {
  const members = DIVS.map((_, k) => ({ latentDim: 2, seed: 20 + (k % 2) }));
  const ens = createGanModel(config(members, DIVS));
  trainSteps(ens, gauss, 15);
  let maxDiff = 0;
  members.forEach((m, k) => {
    const alone = createGanModel(config([m], DIVS[k]));
    trainSteps(alone, gauss, 15);
    for (const net of ["generator", "discriminator"] as const) maxDiff = Math.max(maxDiff, maxMemberDifference(ens[net].variables, alone[net].variables, k));
    disposeGanModel(alone);
  });
  assert.ok(maxDiff < 1e-4, `max |ensemble − alone| = ${maxDiff}`);
  // members 1 and 2 share divergence and data but not seeds; 0 and 2 share a seed, not a divergence
  const w = (ens.discriminator.variables[0].arraySync() as number[][][]).map((m) => m.flat());
  assert.ok(Math.max(...w[0].map((x, j) => Math.abs(x - w[2][j]))) > 1e-3, "kl and pearson members with one seed ended equal");
  disposeGanModel(ens);
  assert.throws(() => createGanModel(config(members, ["kl", "gan"])), /lists 2 divergences for 4 members/);
});

test("WGAN-GP with per-member one-sided flags trains each member as alone (6 steps)", async () => {
  await selectBackend("auto");
  const flags = [false, true, true];
  const members = flags.map((_, k) => ({ latentDim: 2, seed: 30 + k }));
  const gp = (ms: GanConfig["members"], oneSided: boolean | boolean[]): GanConfig => ({ ...config(ms, "kl"), loss: { kind: "wgan-gp", weight: 1, oneSided }, critic: { kind: "constant", n: 2 } });
  const ens = createGanModel(gp(members, flags));
  trainSteps(ens, gauss, 6);
  let maxDiff = 0;
  members.forEach((m, k) => {
    const alone = createGanModel(gp([m], flags[k]));
    trainSteps(alone, gauss, 6);
    maxDiff = Math.max(maxDiff, maxMemberDifference(ens.discriminator.variables, alone.discriminator.variables, k));
    disposeGanModel(alone);
  });
  assert.ok(maxDiff < 1e-4, `max |ensemble − alone| = ${maxDiff}`);
  disposeGanModel(ens);
  assert.throws(() => createGanModel(gp(members, [true])), /lists 1 flags for 3 members/);
});
