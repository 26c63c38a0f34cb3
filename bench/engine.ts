/**
 * The reference GAN on our engine (lib/train): the notebook-05 preset with K members trained as
 * one batched computation (weights [K, in, out]), one step = lib/train/loop.ts trainStep (one D
 * update on 256 real + 256 fake, one G update on 512 noise vectors, for every member, losses
 * read back). Member k has seed k; all members share one latent width, so the ensemble does
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

export function engineModel(spec: BenchGanSpec, seeds: number[], latentDims?: number[]): GanModel {
  const members = seeds.map((seed, k) => ({ latentDim: latentDims?.[k] ?? spec.latentDim, seed }));
  const config = latentDimensionGan("bench", { name: eightGaussians.name, dim: spec.dataDim }, members, { kind: "normal" });
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const units = (net: GanConfig["generator"]) => (net.kind === "mlp" ? net.layers.map((l) => l.units) : []);
  const g = units(config.generator);
  const d = units(config.discriminator);
  if (!same(g, spec.generator) || !same(d, spec.discriminator) || config.batch.real !== spec.batch.real || config.batch.fake !== spec.batch.fake || config.batch.generator !== spec.batch.generator) {
    throw new Error(`lib/train/presets latentDimensionGan no longer matches bench/flops referenceSpec: G ${g}, D ${d}, batch ${JSON.stringify(config.batch)}`);
  }
  return createGanModel(config);
}

/** K GANs as one batched model (K = 1: a single GAN). */
export function createEngineEnsemble(spec: BenchGanSpec, members: number, latentDims?: number[]): BenchGan {
  const model = engineModel(spec, Array.from({ length: members }, (_, k) => k), latentDims);
  let step = 0;
  return {
    async step() {
      trainSteps(model, eightGaussians, 1, step++);
    },
    dispose: () => disposeGanModel(model),
  };
}

/** Latent widths of notebook 05's grid; each is trained with NOTEBOOK_SEEDS seeds per dataset. */
export const NOTEBOOK_LATENTS = [1, 2, 3, 10, 100];
/** 5 latent widths × 5 seeds × 3 datasets = 75 GANs, trained together here as one ensemble. */
export const NOTEBOOK_MEMBERS = 75;

/** The latent width of member k of the notebook-05-shaped ensemble (widths cycle over NOTEBOOK_LATENTS). */
export function notebookLatentDims(members = NOTEBOOK_MEMBERS): number[] {
  return Array.from({ length: members }, (_, k) => NOTEBOOK_LATENTS[k % NOTEBOOK_LATENTS.length]);
}

/**
 * The shape of notebook 05's training: 75 GANs of mixed latent widths (1 … 100, padded to 100
 * with the first-layer mask) stepped as one ensemble.
 */
export function createNotebookEnsemble(spec: BenchGanSpec, members = NOTEBOOK_MEMBERS): BenchGan {
  return createEngineEnsemble(spec, members, notebookLatentDims(members));
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
