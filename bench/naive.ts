/**
 * Notebook 05's reference GAN written the usual tf.layers way, as a tfjs user would port the
 * Keras reference: two tf.sequential models, D compiled on its own, then frozen inside a
 * compiled combined model z → D(G(z)), and per step
 *
 *   fake = G.predict(z_d)                              z_d: [256, latentDim]
 *   D.trainOnBatch(concat(real, fake), [1…1, 0…0])      [512, 2] → [512, 1]
 *   GAN.trainOnBatch(z_g, [1…1])                        z_g: [512, latentDim], D frozen
 *
 * D ends in a sigmoid and both models use binaryCrossentropy (the Keras reference). Adam as in
 * notebook 05: D 1e−3, G 2e−4, β₁ 0.5, β₂ 0.999, ε 1e−7 (tfjs's default ε on float32 backends).
 * Real points are eight Gaussians drawn in JavaScript from a seeded Rng.
 */
import * as tf from "@tensorflow/tfjs";
import { eightGaussians } from "../lib/toy/datasets";
import { Rng } from "../lib/util/rng";
import type { BenchGanSpec } from "./flops";
import type { BenchGan } from "./timing";

const LEAK = 0.01; // notebook-05 discriminator: LeakyReLU(0.01)

function generator(spec: BenchGanSpec): tf.Sequential {
  const g = tf.sequential();
  spec.generator.forEach((units, l) => {
    const last = l === spec.generator.length - 1;
    g.add(tf.layers.dense({ units, activation: last ? "linear" : "relu", ...(l === 0 ? { inputShape: [spec.latentDim] } : {}) }));
  });
  return g;
}

function discriminator(spec: BenchGanSpec): tf.Sequential {
  const d = tf.sequential();
  spec.discriminator.forEach((units, l) => {
    const last = l === spec.discriminator.length - 1;
    d.add(tf.layers.dense({ units, activation: last ? "sigmoid" : "linear", ...(l === 0 ? { inputShape: [spec.dataDim] } : {}) }));
    if (!last) d.add(tf.layers.leakyReLU({ alpha: LEAK }));
  });
  return d;
}

export function createNaiveGan(spec: BenchGanSpec, seed: number): BenchGan {
  const g = generator(spec);
  const d = discriminator(spec);
  d.compile({ optimizer: tf.train.adam(1e-3, 0.5, 0.999), loss: "binaryCrossentropy" });
  // Freeze D inside the combined model: `gan` collects its trainable weights at compile time.
  // Unlike Keras, tfjs's `trainable` setter also marks D's tf.Variables untrainable, which makes
  // d.trainOnBatch fail ("none of the variables is trainable"), so the loop toggles it per update.
  d.trainable = false;
  const z = tf.input({ shape: [spec.latentDim] });
  const gan = tf.model({ inputs: z, outputs: d.apply(g.apply(z)) as tf.SymbolicTensor });
  gan.compile({ optimizer: tf.train.adam(2e-4, 0.5, 0.999), loss: "binaryCrossentropy" });

  const { real: nReal, fake: nFake, generator: nGen } = spec.batch;
  const rng = new Rng(seed);
  const labelsD = tf.concat([tf.ones([nReal, 1]), tf.zeros([nFake, 1])]);
  const labelsG = tf.ones([nGen, 1]);
  return {
    async step() {
      const x = tf.tidy(() => {
        const real = tf.tensor2d(Float32Array.from(eightGaussians.sample(nReal, rng)), [nReal, spec.dataDim]);
        const fake = g.predict(tf.randomNormal([nFake, spec.latentDim])) as tf.Tensor2D;
        return tf.concat([real, fake]);
      });
      d.trainable = true;
      await d.trainOnBatch(x, labelsD);
      x.dispose();
      d.trainable = false;
      const zG = tf.randomNormal([nGen, spec.latentDim]);
      await gan.trainOnBatch(zG, labelsG);
      zG.dispose();
    },
    dispose() {
      tf.dispose([labelsD, labelsG]);
      gan.optimizer.dispose();
      d.optimizer.dispose();
      g.dispose();
      d.dispose();
    },
  };
}
