/**
 * An ensemble of K = 3 GANs with latent widths 1, 2 and 5 (padded to 5, masked) trained as one
 * batched computation gives the same weights, member by member, as training each alone for
 * 20 steps, in both dense modes; the padded rows of G's first layer stay exactly zero.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mlp, type GanConfig } from "../../lib/train/config";
import { latentDimensionGan } from "../../lib/train/presets";
import { createGanModel, disposeGanModel } from "../../lib/train/model";
import { trainSteps } from "../../lib/train/loop";
import type { RealData } from "../../lib/train/batches";
import type { Rng } from "../../lib/util/rng";

const ring: RealData = {
  name: "test-ring",
  sample: (n: number, rng: Rng) => {
    const out = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const a = 2 * Math.PI * rng.uniform();
      out[2 * i] = Math.cos(a) + 0.05 * rng.normal();
      out[2 * i + 1] = Math.sin(a) + 0.05 * rng.normal();
    }
    return out;
  },
};

function config(members: GanConfig["members"], denseMode: "plain" | "fast"): GanConfig {
  return {
    ...latentDimensionGan("ens", { name: "test-ring", dim: 2 }, members, { kind: "normal" }),
    generator: mlp(2, 24, "relu", 2, "glorot-uniform"),
    discriminator: mlp(2, 24, { leakyRelu: 0.01 }, 1, "glorot-uniform"),
    batch: { real: 32, fake: 32, generator: 64 },
    denseMode,
  };
}

const members = [{ latentDim: 1, seed: 3 }, { latentDim: 2, seed: 4 }, { latentDim: 5, seed: 5 }];
const STEPS = 20;

for (const mode of ["plain", "fast"] as const) {
  test(`ensemble of 3 (latent 1, 2, 5) == 3 separate runs over ${STEPS} steps (${mode})`, () => {
    const ens = createGanModel(config(members, mode));
    trainSteps(ens, ring, STEPS);
    let maxDiff = 0;
    members.forEach((m, k) => {
      const alone = createGanModel(config([m], mode));
      trainSteps(alone, ring, STEPS);
      for (const net of ["generator", "discriminator"] as const) {
        ens[net].mlp!.net.layers.forEach((p, l) => {
          const e = p.w.arraySync()[k];
          const a = alone[net].mlp!.net.layers[l].w.arraySync()[0];
          e.forEach((row, i) => row.forEach((v, j) => {
            if (i < a.length) maxDiff = Math.max(maxDiff, Math.abs(v - a[i][j]));
            else assert.equal(v, 0, `padded row ${i} of member ${k} moved`);
          }));
          const eb = p.b.arraySync()[k][0], ab = alone[net].mlp!.net.layers[l].b.arraySync()[0][0];
          eb.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - ab[j]))));
        });
      }
      disposeGanModel(alone);
    });
    assert.ok(maxDiff < 1e-4, `max |ensemble − separate| = ${maxDiff}`);
    disposeGanModel(ens);
  });
}
