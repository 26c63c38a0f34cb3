/**
 * The reference GAN on our engine (lib/train): the preset of "Why GANs need latent noise of
 * enough dimensions" (latentDimensionGan) with K members trained as
 * one batched computation (weights [K, in, out]), one step = lib/train/loop.ts trainStep (one D
 * update on 256 real + 256 fake, one G update on 512 noise vectors, for every member; the
 * loop reads losses back every logEvery steps, the bench never). Member k has seed k; all members share one latent width, so the ensemble does
 * exactly K times the work of one GAN (bench/flops.ts).
 *
 * `createSequentialGans` is the baseline the ensemble is compared with: K separate one-member
 * models stepped one after another, i.e. what K sequential runs cost per step.
 */
import * as tf from "@tensorflow/tfjs";
import { createGanModel, disposeGanModel, type GanModel } from "../lib/train/model";
import type { GanConfig } from "../lib/train/config";
import { trainSteps } from "../lib/train/loop";
import { latentDimensionGan } from "../lib/train/presets";
import { eightGaussians } from "../lib/toy/datasets";
import type { BenchGanSpec } from "./flops";
import type { BenchGan } from "./timing";

function engineModel(spec: BenchGanSpec, seeds: number[]): GanModel {
  const members = seeds.map((seed) => ({ latentDim: spec.latentDim, seed }));
  const config = latentDimensionGan("bench", { name: eightGaussians.name, dim: spec.dataDim }, members, { kind: "normal" });
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const units = (spec: GanConfig["generator"]) => (spec.kind === "mlp" ? spec.layers.map((l) => l.units) : []);
  const g = units(config.generator);
  const d = units(config.discriminator);
  if (!same(g, spec.generator) || !same(d, spec.discriminator) || config.batch.real !== spec.batch.real || config.batch.fake !== spec.batch.fake || config.batch.generator !== spec.batch.generator) {
    throw new Error(`lib/train/presets latentDimensionGan no longer matches bench/flops referenceSpec: G ${g}, D ${d}, batch ${JSON.stringify(config.batch)}`);
  }
  return createGanModel(config);
}

/** K GANs as one batched model (K = 1: a single GAN). */
export function createEngineEnsemble(spec: BenchGanSpec, members: number): BenchGan {
  const model = engineModel(spec, Array.from({ length: members }, (_, k) => k));
  let step = 0;
  return {
    async step() {
      trainSteps(model, eightGaussians, 1, step++);
    },
    dispose: () => disposeGanModel(model),
  };
}

/** K one-member models; one `step()` advances each of them by one step, in turn. */
export function createSequentialGans(spec: BenchGanSpec, count: number): BenchGan {
  const models = Array.from({ length: count }, (_, k) => engineModel(spec, [k]));
  let step = 0;
  return {
    async step() {
      for (const m of models) trainSteps(m, eightGaussians, 1, step);
      step++;
    },
    dispose: () => models.forEach(disposeGanModel),
  };
}

/** The dense mode the engine picked on the active backend ("fast" or "plain"). */
export function engineDenseMode(spec: BenchGanSpec): string {
  const model = engineModel(spec, [0]);
  const mode = model.generator.mlp?.mode ?? "autodiff";
  disposeGanModel(model);
  return `${mode} (${tf.getBackend()})`;
}
