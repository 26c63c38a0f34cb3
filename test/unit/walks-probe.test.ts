/**
 * Inside a DCGAN generator (lib/nn/dcgan.ts `dcganGeneratePreTanh`, `dcganFirstLayer`, and
 * lib/walks/probe.ts on a GanModel), on the cpu backend:
 * - tanh of the pre-tanh outputs is the generator's image (generateMembers, a second path);
 * - the first layer equals z·W + b written out in float64 from the variables;
 * - with every bias set to 0 the pre-tanh map is positively homogeneous, a(αz) = α·a(z), α > 0,
 *   so its curves along a ray are exact lines through 0 (R² = 1 on every interval); the trained
 *   biases break this (the case that must fail).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../lib/env/backend";
import type { GanConfig } from "../../lib/train/config";
import { dcganDigits } from "../../lib/train/presets";
import { createGanModel, disposeGanModel } from "../../lib/train/model";
import { generateMembers } from "../../lib/train/members";
import { Rng } from "../../lib/util/rng";
import { firstLayerOutputs, generatedImages, preTanhOutputs } from "../../lib/walks/probe";
import { r2OnInterval, rayCurve } from "../../lib/walks/linearity";
import { radialRay, radiusGrid } from "../../lib/walks/paths";

const LATENT = 6;
function tinyConfig(members: number): GanConfig {
  const base = dcganDigits("probe-test", Array.from({ length: members }, (_, k) => ({ latentDim: LATENT, seed: 30 + k })));
  return {
    ...base,
    generator: { kind: "dcgan-generator", width: 3, kernel: 5, init: "dcgan-normal" },
    discriminator: { kind: "dcgan-discriminator", width: 3, kernel: 5, init: "dcgan-normal", norm: "none", outUnits: 1 },
  };
}

/** Gives every bias of member k's generator random values of size `scale` (init sets them to 0). */
function setBiases(config: GanConfig, model: ReturnType<typeof createGanModel>, k: number, scale: number): void {
  const g = model.generator.dcgan![k];
  const rng = new Rng(99);
  const variables: tf.Variable[] = [g.fc.b, g.up1.b, g.up2.b];
  for (const b of variables) b.assign(tf.tensor(Float32Array.from(rng.normalArray(b.size), (v) => scale * v), b.shape));
}

test("pre-tanh outputs: tanh of them is generateMembers' image for each member of an ensemble", async () => {
  await selectBackend("cpu");
  const config = tinyConfig(2);
  const model = createGanModel(config);
  setBiases(config, model, 1, 0.1);
  const n = 5;
  const zs = [0, 1].map((k) => new Rng(k + 1).normalArray(n * LATENT));
  const reference = generateMembers(model, zs, n);
  for (const k of [0, 1]) {
    const a = preTanhOutputs(model, k, zs[k]);
    const images = generatedImages(model, k, zs[k]);
    assert.equal(a.length, n * 784);
    for (let i = 0; i < a.length; i++) {
      assert.ok(Math.abs(Math.tanh(a[i]) - reference[k][i]) < 1e-5, `member ${k}, value ${i}: tanh ${Math.tanh(a[i])} vs ${reference[k][i]}`);
      assert.ok(Math.abs(images[i] - reference[k][i]) < 1e-6);
    }
  }
  disposeGanModel(model);
});

test("first layer = z·W + b in float64 from the variables", async () => {
  await selectBackend("cpu");
  const config = tinyConfig(1);
  const model = createGanModel(config);
  setBiases(config, model, 0, 0.5);
  const g = model.generator.dcgan![0];
  const W = g.fc.w.dataSync(), b = g.fc.b.dataSync();
  const out = b.length;
  const n = 4, z = new Rng(7).normalArray(n * LATENT);
  const got = firstLayerOutputs(model, 0, z);
  assert.equal(got.length, n * out);
  for (let i = 0; i < n; i++) for (let j = 0; j < out; j++) {
    let s = b[j];
    for (let m = 0; m < LATENT; m++) s += z[i * LATENT + m] * W[m * out + j];
    assert.ok(Math.abs(got[i * out + j] - s) < 1e-5 * (1 + Math.abs(s)), `row ${i}, unit ${j}: ${got[i * out + j]} vs ${s}`);
  }
  assert.throws(() => firstLayerOutputs(model, 1, z), /member 1 not in 0..0/);
  disposeGanModel(model);
});

test("without biases the pre-tanh map is positively homogeneous: exact lines along rays; with biases it is not", async () => {
  await selectBackend("cpu");
  const config = tinyConfig(1);
  const model = createGanModel(config);
  const radii = radiusGrid(0, 25, 1);
  const u = new Rng(12).normalArray(LATENT);
  const z = new Rng(13).normalArray(LATENT);
  const homogeneous = (scale: number) => {
    const a1 = preTanhOutputs(model, 0, z), a3 = preTanhOutputs(model, 0, Float64Array.from(z, (v) => 3 * v));
    return a1.reduce((worst, v, i) => Math.max(worst, Math.abs(a3[i] - 3 * v) / (1 + Math.abs(3 * v))), 0) < scale;
  };
  // dcgan-normal init gives zero biases
  assert.ok(homogeneous(1e-5), "a(3z) = 3a(z) with zero biases");
  const curves = preTanhOutputs(model, 0, radialRay(u, radii));
  for (const unit of [0, 100, 400, 783]) {
    const c = rayCurve(curves, 784, radii.length, 0, unit);
    assert.ok(Math.abs(c[0]) < 1e-6, `a(0) = 0 without biases (unit ${unit}: ${c[0]})`);
    for (const [lo, hi] of [[0, 5], [5, 15], [15, 25]]) assert.ok(r2OnInterval(radii, c, lo, hi) > 1 - 1e-6, `unit ${unit} on [${lo}, ${hi}]`);
  }
  setBiases(config, model, 0, 0.3);
  assert.ok(!homogeneous(1e-3), "biases break a(3z) = 3a(z)");
  disposeGanModel(model);
});
