/**
 * Multi-layer perceptrons as plain tf.Variables, batched over an ensemble of K independent
 * members that share one architecture (K = 1 for a single network).
 *
 *   h⁰ = x,  hˡ = aˡ(hˡ⁻¹ · Wˡ + bˡ),  output = h^L
 *   x: [K, batch, inputDim], Wˡ: [K, fan_in, fan_out], bˡ: [K, 1, fan_out] → [K, batch, units_L]
 *
 * Members may use fewer inputs than `inputDim` (an ensemble over latent sizes): member k reads
 * only its first `inputDims[k]` inputs. Its other rows of W¹ start at zero and are multiplied
 * by a constant 0/1 mask in every forward pass, so they never act and their gradient is zero
 * (Adam and RMSProp then leave them at zero). The first layer of member k is initialised with
 * fan_in = inputDims[k], so each member starts exactly as the same network built alone.
 *
 * A layer with `norm: "layer"` applies layer norm over its units after the activation,
 * hˡ = LNˡ(aˡ(vˡ)) with its own γˡ, βˡ [K, 1, units] (lib/nn/layernorm.ts), as Sphere GAN's
 * discriminator does. Such a network has no written-out backward pass (lib/nn/backprop.ts):
 * it trains through autodiff.
 */
import * as tf from "@tensorflow/tfjs";
import { activate, type Activation } from "./activation";
import { dense, denseParamsFrom, layerVariables, disposeDense, type DenseMode, type DenseParams } from "./dense";
import { initWeights, type InitScheme } from "./init";
import type { Rng } from "../util/rng";
import { createEnsembleLayerNorm, disposeLayerNorm, layerNorm, layerNormVariables, type LayerNormParams } from "./layernorm";

export interface LayerSpec {
  units: number;
  activation: Activation;
  /** Layer norm over the units, after the activation (absent: none). */
  norm?: "layer";
}

export interface MlpSpec {
  /** Width of the input (the largest input width of the ensemble). */
  inputDim: number;
  layers: LayerSpec[];
  init: InitScheme;
}

export interface Mlp {
  spec: MlpSpec;
  /** Number of ensemble members K. */
  members: number;
  /** Input width actually read by each member, length K. */
  inputDims: number[];
  layers: DenseParams[];
  /** Per layer, its layer norm's γ and β when the spec asks for one. */
  norms: (LayerNormParams | undefined)[];
}

/**
 * Creates the K members of `spec`, member k drawing its weights from `rngs[k]`
 * (layer l from `rngs[k].child("layer" + l)`); biases are zero.
 */
export function createMlp(spec: MlpSpec, rngs: Rng[], inputDims?: number[]): Mlp {
  const dims = inputDims ?? rngs.map(() => spec.inputDim);
  if (dims.length !== rngs.length) throw new Error(`createMlp: ${dims.length} input widths for ${rngs.length} members`);
  for (const d of dims) {
    if (!(Number.isInteger(d) && d >= 1 && d <= spec.inputDim)) {
      throw new Error(`createMlp: member input width ${d} not in 1..${spec.inputDim}`);
    }
  }
  const layers: DenseParams[] = [];
  let fanIn = spec.inputDim;
  spec.layers.forEach((layer, l) => {
    const fanOut = layer.units;
    const weights = rngs.map((r, m) => initWeights(r.child(`layer${l}`), spec.init, l === 0 ? dims[m] : fanIn, fanOut, fanIn));
    const params = denseParamsFrom(weights, fanIn, fanOut);
    if (l === 0 && dims.some((d) => d < fanIn)) params.mask = inputMask(dims, fanIn);
    layers.push(params);
    fanIn = fanOut;
  });
  const norms = spec.layers.map((layer) => (layer.norm === "layer" ? createEnsembleLayerNorm(rngs.length, layer.units) : undefined));
  return { spec, members: rngs.length, inputDims: dims, layers, norms };
}

/** [K, width, 1] with 1 in rows i < dims[k] of member k, 0 elsewhere. */
function inputMask(dims: number[], width: number): tf.Tensor3D {
  const data = new Float32Array(dims.length * width);
  dims.forEach((d, m) => data.fill(1, m * width, m * width + d));
  return tf.tensor3d(data, [dims.length, width, 1]);
}

/**
 * Forward pass, x: [K, batch, inputDim] → [K, batch, units of the last layer].
 * `twiceDifferentiable`: activations in forms whose second derivatives tfjs gets right
 * (lib/nn/activation.ts), for losses that differentiate a gradient (WGAN-GP).
 */
export function mlpForward(net: Mlp, x: tf.Tensor3D, mode: DenseMode, twiceDifferentiable = false): tf.Tensor3D {
  return tf.tidy(() => {
    let h = x;
    net.spec.layers.forEach((layer, l) => {
      const p = net.layers[l];
      const w = p.mask ? (tf.mul(p.w, p.mask) as tf.Tensor3D) : p.w;
      h = activate(dense(h, w, p.b, mode), layer.activation, twiceDifferentiable) as tf.Tensor3D;
      const norm = net.norms[l];
      if (norm) h = layerNorm(h, norm) as tf.Tensor3D;
    });
    return h;
  });
}

/** Whether any layer of `net` has a layer norm. */
export function hasLayerNorm(net: Mlp): boolean {
  return net.norms.some((n) => n !== undefined);
}

/** The trainable variables of `net`, in a fixed order: W¹, b¹, W², b², …, then γ, β of each normed layer. */
export function mlpVariables(net: Mlp): tf.Variable[] {
  return [...layerVariables(net.layers), ...net.norms.flatMap((n) => (n ? layerNormVariables(n) : []))];
}

/** Stable names of {@link mlpVariables}, in the same order: "<l>/w", "<l>/b", then "<l>/gamma", "<l>/beta". */
export function mlpVariableNames(net: Mlp): string[] {
  return [...net.layers.flatMap((_, l) => [`${l}/w`, `${l}/b`]), ...net.norms.flatMap((n, l) => (n ? [`${l}/gamma`, `${l}/beta`] : []))];
}

/** Variables keyed by stable names ("<prefix>/<layer>/w"), used by checkpoints. */
export function namedMlpVariables(net: Mlp, prefix: string): Map<string, tf.Variable> {
  const names = mlpVariableNames(net);
  return new Map(mlpVariables(net).map((v, i) => [`${prefix}/${names[i]}`, v]));
}

/** Number of trainable parameters of ONE member (the padded rows of W¹ not counted). */
export function parameterCount(spec: MlpSpec, inputDim: number = spec.inputDim): number {
  let fanIn = inputDim;
  let total = 0;
  for (const layer of spec.layers) {
    total += fanIn * layer.units + layer.units + (layer.norm === "layer" ? 2 * layer.units : 0);
    fanIn = layer.units;
  }
  return total;
}

export function disposeMlp(net: Mlp): void {
  net.layers.forEach(disposeDense);
  for (const n of net.norms) if (n) disposeLayerNorm(n);
}
