/**
 * lib/ganspace/edits against the style generator's own functions (lib/nn/style.ts) as the
 * second implementation: batched edits equal one synthesize call per edited w, a layer-wise
 * edit E(v, j–k) equals synthesize(layerwiseStyles(…)) and leaves the activations of layers
 * before j bit-identical, offset 0 gives the unedited image, z edits equal G(z + t·u), layer
 * activations equal synthesize's features, and the streamed covariance equals the PCA of the
 * same samples drawn at once. Batches of more than BATCH rows are split and joined in order.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../lib/env/backend";
import { createStyleGenerator, DEFAULT_SYNTHESIS, disposeStyleGenerator, layerwiseStyles, styleGenerate, synthesize } from "../../lib/nn/style";
import { Rng } from "../../lib/util/rng";
import { BATCH, editImages, latentEditImages, layerActivations, mapRows, projectedSd, sampleLatents, streamCovariance } from "../../lib/ganspace/edits";
import { CovarianceAccumulator } from "../../lib/ganspace/pca";

const spec = { latentDim: 6, wDim: 8, mappingLayers: 2, constChannels: 8, layers: DEFAULT_SYNTHESIS };

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test("edits in w, layer-wise edits and z edits equal the style generator's own calls", async () => {
  await selectBackend("cpu");
  const net = createStyleGenerator(spec, new Rng(1));
  const before = tf.memory().numTensors;
  const { z, w } = sampleLatents(net, 3, new Rng(2));
  const v = Float64Array.from(new Rng(3).normalArray(8));
  const offsets = [-2, 0, 1.5];
  const all = editImages(net, w, v, offsets);
  const late = editImages(net, w, v, offsets, { from: 2, to: 3 });
  for (let s = 0; s < 3; s++) {
    for (let o = 0; o < offsets.length; o++) {
      const row = Float32Array.from({ length: 8 }, (_, j) => w[s * 8 + j] + offsets[o] * v[j]);
      const at = (s * offsets.length + o) * 784;
      const [direct, layered, plain] = tf.tidy(() => {
        const ws = tf.tensor2d(w.subarray(s * 8, (s + 1) * 8), [1, 8]);
        const we = tf.tensor2d(row, [1, 8]);
        return [synthesize(net, we).images.dataSync(), synthesize(net, layerwiseStyles(net, ws, we, 2, 3)).images.dataSync(), synthesize(net, ws).images.dataSync()];
      });
      assert.ok(maxAbsDiff(all.subarray(at, at + 784), direct) < 1e-6, `w edit, start ${s}, offset ${offsets[o]}`);
      assert.ok(maxAbsDiff(late.subarray(at, at + 784), layered) < 1e-6, `E(v, 2–3), start ${s}, offset ${offsets[o]}`);
      if (offsets[o] === 0) assert.ok(maxAbsDiff(all.subarray(at, at + 784), plain) < 1e-6, "offset 0 = the unedited image");
    }
  }
  // E(v, 2–3) leaves layers 0 and 1 untouched, changes layer 2
  const edited = Float32Array.from(w, (x, i) => x + 2 * v[i % 8]);
  const feats = (styles: "plain" | "late") => tf.tidy(() => {
    const ws = tf.tensor2d(w, [3, 8]);
    const r = synthesize(net, styles === "plain" ? ws : layerwiseStyles(net, ws, tf.tensor2d(edited, [3, 8]), 2, 3), true);
    return r.features.map((f) => f.dataSync());
  });
  const [p, l] = [feats("plain"), feats("late")];
  assert.equal(maxAbsDiff(p[0], l[0]), 0);
  assert.equal(maxAbsDiff(p[1], l[1]), 0);
  assert.ok(maxAbsDiff(p[2], l[2]) > 1e-3);
  const act = layerActivations(net, w, 1);
  assert.ok(maxAbsDiff(act, p[1]) < 1e-6, "layer activations = synthesize features, flattened H, W, C");

  const u = Float64Array.from(new Rng(4).normalArray(6));
  const zEdit = latentEditImages(net, z, u, [0.5]);
  const shifted = Float32Array.from(z, (x, i) => x + 0.5 * u[i % 6]);
  const direct = tf.tidy(() => styleGenerate(net, tf.tensor2d(shifted, [3, 6])).dataSync());
  assert.ok(maxAbsDiff(zEdit, direct) < 1e-6, "G(z + t·u)");
  assert.equal(tf.memory().numTensors, before, "no tensors leaked");
  assert.throws(() => editImages(net, w, [1, 2], [0]), /direction has 2 values/);
  assert.throws(() => layerActivations(net, w, 4), /layer 4 not in 0..3/);
  disposeStyleGenerator(net);
});

test("batches larger than BATCH; streamed covariance = covariance of the same draws; projected sd", async () => {
  await selectBackend("cpu");
  const net = createStyleGenerator(spec, new Rng(5));
  const n = BATCH + 37;
  const { z, w } = sampleLatents(net, n, new Rng(6));
  assert.equal(maxAbsDiff(w.subarray(0, 8 * 4), mapRows(net, z.subarray(0, 6 * 4))), 0, "the first rows do not depend on the batch");
  assert.equal(maxAbsDiff(w.subarray(8 * BATCH), mapRows(net, z.subarray(6 * BATCH))), 0, "nor the rows of the second batch");
  const acc = new CovarianceAccumulator(8);
  acc.add(w);
  const streamed = streamCovariance(net, n, new Rng(6), "w", 200);
  assert.ok(maxAbsDiff(streamed.cov, acc.result().cov) < 1e-6, "chunks of 200 draw the same samples");
  const zCov = streamCovariance(net, n, new Rng(6), "z", 1000);
  const zAcc = new CovarianceAccumulator(6);
  zAcc.add(z);
  assert.ok(maxAbsDiff(zCov.cov, zAcc.result().cov) < 1e-9);
  // σ along a coordinate axis = the sd of that coordinate
  const e1 = [0, 1, 0, 0, 0, 0, 0, 0];
  assert.ok(Math.abs(projectedSd(w, e1) - Math.sqrt(acc.result().cov[1 * 8 + 1])) < 1e-6);
  disposeStyleGenerator(net);
});
