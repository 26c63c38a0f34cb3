/**
 * An ensemble whose members train on different data sets (perMemberData) gives each member the
 * weights it gets when trained alone on its own data set; drawing without a member is refused.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mlp, type GanConfig } from "../../lib/train/config";
import { latentDimensionGan } from "../../lib/train/presets";
import { createGanModel, disposeGanModel } from "../../lib/train/model";
import { trainSteps } from "../../lib/train/loop";
import { perMemberData, type RealData } from "../../lib/train/batches";
import { Rng } from "../../lib/util/rng";

const ring: RealData = {
  name: "test-ring",
  sample: (n, rng) => Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 ? Math.sin : Math.cos)(2 * Math.PI * (Math.floor(i / 2) / n)) + 0.05 * rng.normal()),
};
const shifted: RealData = { name: "test-shifted", sample: (n, rng) => rng.normalArray(2 * n).map((v, i) => (i % 2 ? v + 3 : 0.5 * v)) };

function config(name: string, members: GanConfig["members"]): GanConfig {
  return {
    ...latentDimensionGan("per-member", { name, dim: 2 }, members, { kind: "normal" }),
    generator: mlp(2, 16, "relu", 2, "glorot-uniform"),
    discriminator: mlp(2, 16, { leakyRelu: 0.01 }, 1, "glorot-uniform"),
    batch: { real: 32, fake: 32, generator: 32 },
  };
}

const members = [{ latentDim: 2, seed: 7 }, { latentDim: 2, seed: 8 }, { latentDim: 2, seed: 7 }];
const parts = [ring, shifted, shifted];

test("members of a per-member-data ensemble train exactly as alone on their own data set (12 steps)", () => {
  const data = perMemberData(parts);
  const ens = createGanModel(config(data.name, members));
  trainSteps(ens, data, 12);
  let maxDiff = 0;
  members.forEach((m, k) => {
    const alone = createGanModel(config(parts[k].name, [m]));
    trainSteps(alone, parts[k], 12);
    ens.generator.mlp!.net.layers.forEach((p, l) => {
      const e = p.w.arraySync()[k], a = alone.generator.mlp!.net.layers[l].w.arraySync()[0];
      e.forEach((row, i) => row.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - a[i][j])))));
    });
    disposeGanModel(alone);
  });
  assert.ok(maxDiff < 1e-4, `max |ensemble − alone| = ${maxDiff}`);
  // members 0 and 2 share a seed (same initial weights and noise) but not a data set: they must differ
  const w = ens.generator.mlp!.net.layers[0].w.arraySync();
  const apart = Math.max(...w[0].flatMap((row, i) => row.map((v, j) => Math.abs(v - w[2][i][j]))));
  assert.ok(apart > 1e-3, `members 0 and 2 differ by only ${apart}`);
  disposeGanModel(ens);
});

test("perMemberData: the name lists the parts; drawing without a member or out of range is refused", () => {
  const data = perMemberData(parts);
  assert.equal(data.name, "per-member[test-ring,test-shifted,test-shifted]");
  assert.throws(() => data.sample(4, new Rng(1)), /sampleMember/);
  assert.throws(() => data.sampleMember!(3, 4, new Rng(1)), /member 3 not in 0\.\.2/);
  assert.throws(() => perMemberData([]), /empty/);
  const a = data.sampleMember!(1, 5, new Rng(9)), b = shifted.sample(5, new Rng(9));
  assert.deepEqual(Array.from(a), Array.from(b));
});
