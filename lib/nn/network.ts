/**
 * A network as the training engine sees it: an ensemble of K independent members of one
 * architecture, flat features in and out,
 *
 *   apply: x [K, batch, inWidth] → [K, batch, outWidth]
 *
 * whatever the layers inside: dense layers (lib/nn/mlp.ts, the K members batched in one set of
 * tensors), or convolutions over 28×28 images stored as 784 features (lib/nn/dcgan.ts) and the
 * style-based generator (lib/nn/style.ts), whose K members run one after another. Variables come
 * in a fixed order (optimizers) with stable names (checkpoints). A network is chosen by a plain
 * JSON spec, so a config that names it can be hashed and saved.
 */
import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../util/rng";
import { defaultDenseMode, type DenseMode } from "./dense";
import {
  createDcganDiscriminator,
  createDcganGenerator,
  dcganDiscriminate,
  dcganDiscriminatorVariables,
  dcganGenerate,
  dcganGeneratorVariables,
  IMAGE_PIXELS,
  type DcganDiscriminatorSpec,
  type DcganGenerator,
  type DcganGeneratorSpec,
} from "./dcgan";
import { createMlp, disposeMlp, hasLayerNorm, mlpForward, mlpVariableNames, mlpVariables, type LayerSpec, type Mlp } from "./mlp";
import type { InitScheme } from "./init";
import { createStyleGenerator, mappingVariables, styleGenerate, synthesisVariables, type StyleGenerator, type SynthesisLayerSpec } from "./style";

export interface MlpNetworkSpec {
  kind: "mlp";
  /** Hidden and output layers; the input width is implied (latent for G, data for D). */
  layers: LayerSpec[];
  init: InitScheme;
}

export interface StyleGeneratorNetworkSpec {
  kind: "style-generator";
  wDim: number;
  mappingLayers: number;
  constChannels: number;
  layers: SynthesisLayerSpec[];
}

export type NetworkSpec = MlpNetworkSpec | DcganGeneratorSpec | DcganDiscriminatorSpec | StyleGeneratorNetworkSpec;

export type { DcganDiscriminatorSpec, DcganGeneratorSpec } from "./dcgan";

export interface Network {
  readonly spec: NetworkSpec;
  readonly members: number;
  readonly inWidth: number;
  readonly outWidth: number;
  /** Trainable variables in a fixed order. */
  readonly variables: tf.Variable[];
  /** The same variables by stable name, `<prefix>/<name>`. */
  namedVariables(prefix: string): Map<string, tf.Variable>;
  /** x [K, batch, inWidth] → [K, batch, outWidth]; `twiceDifferentiable` for losses that differentiate ∇ₓ (WGAN-GP). */
  apply(x: tf.Tensor3D, twiceDifferentiable?: boolean): tf.Tensor3D;
  /** For an MLP without layer norm: the layers and dense mode, so a training step can use the written-out backward pass. */
  readonly mlp?: { net: Mlp; mode: DenseMode };
  /** For a style-based generator: its members (mapping and synthesis networks, for GANSpace). */
  readonly style?: StyleGenerator[];
  /** For a DCGAN generator: its members (layers for pre-tanh outputs and the first layer alone). */
  readonly dcgan?: DcganGenerator[];
  dispose(): void;
}

/** The output width a spec gives. */
export function outputWidth(spec: NetworkSpec): number {
  switch (spec.kind) {
    case "mlp":
      return spec.layers[spec.layers.length - 1].units;
    case "dcgan-discriminator":
      return spec.outUnits;
    case "dcgan-generator":
    case "style-generator":
      return IMAGE_PIXELS;
  }
}

export interface NetworkOptions {
  /** Per member, the inputs it reads (the first `memberInputs[k]`; MLP only, see lib/nn/mlp.ts). */
  memberInputs?: number[];
  /** Dense mode of an MLP; default: the backend's fastest. */
  denseMode?: DenseMode;
}

/** Builds K members of `spec` reading `inWidth` inputs, member k drawing its weights from rngs[k]. */
export function createNetwork(spec: NetworkSpec, inWidth: number, rngs: Rng[], options: NetworkOptions = {}): Network {
  if (spec.kind === "mlp") return mlpNetwork(spec, inWidth, rngs, options);
  if (options.memberInputs?.some((d) => d !== inWidth)) throw new Error(`${spec.kind}: members with different input widths need an MLP`);
  switch (spec.kind) {
    case "dcgan-generator": {
      const members = rngs.map((r) => createDcganGenerator(spec, inWidth, r));
      return { ...perMemberNetwork(spec, inWidth, members, dcganGeneratorVariables, (m, x) => dcganGenerate(m, x)), dcgan: members };
    }
    case "dcgan-discriminator": {
      if (inWidth < IMAGE_PIXELS) throw new Error(`dcgan-discriminator reads ${IMAGE_PIXELS} pixels, got input width ${inWidth}`);
      const members = rngs.map((r) => createDcganDiscriminator(spec, inWidth - IMAGE_PIXELS, r));
      return perMemberNetwork(spec, inWidth, members, dcganDiscriminatorVariables, (m, x, twice) => dcganDiscriminate(m, x, twice));
    }
    case "style-generator": {
      const members = rngs.map((r) => createStyleGenerator({ latentDim: inWidth, wDim: spec.wDim, mappingLayers: spec.mappingLayers, constChannels: spec.constChannels, layers: spec.layers }, r));
      const net = perMemberNetwork(spec, inWidth, members, (m) => [...mappingVariables(m), ...synthesisVariables(m)], (m, x) =>
        tf.reshape(styleGenerate(m, x), [x.shape[0], IMAGE_PIXELS]) as tf.Tensor2D,
      );
      return { ...net, style: members };
    }
  }
}

function named(variables: tf.Variable[], names: string[], prefix: string): Map<string, tf.Variable> {
  return new Map(variables.map((v, i) => [`${prefix}/${names[i]}`, v]));
}

function mlpNetwork(spec: MlpNetworkSpec, inWidth: number, rngs: Rng[], options: NetworkOptions): Network {
  const net = createMlp({ inputDim: inWidth, layers: spec.layers, init: spec.init }, rngs, options.memberInputs);
  const mode = options.denseMode ?? defaultDenseMode();
  const variables = mlpVariables(net);
  const names = mlpVariableNames(net);
  return {
    spec,
    members: rngs.length,
    inWidth,
    outWidth: outputWidth(spec),
    variables,
    namedVariables: (prefix) => named(variables, names, prefix),
    apply: (x, twice = false) => mlpForward(net, x, mode, twice),
    // the written-out backward passes know no layer norm: such a network trains through autodiff
    mlp: hasLayerNorm(net) ? undefined : { net, mode },
    dispose: () => disposeMlp(net),
  };
}

/**
 * K members run one after another: x [K, batch, in] is split by member, each [batch, in] goes
 * through `forward`, and the outputs are stacked back (no copy for K = 1).
 */
function perMemberNetwork<M>(
  spec: NetworkSpec,
  inWidth: number,
  members: M[],
  memberVariables: (m: M) => tf.Variable[],
  forward: (m: M, x: tf.Tensor2D, twiceDifferentiable: boolean) => tf.Tensor2D,
): Network {
  const lists = members.map(memberVariables);
  const variables = lists.flat();
  const names = lists.flatMap((list, k) => list.map((_, i) => `m${k}/${i}`));
  return {
    spec,
    members: members.length,
    inWidth,
    outWidth: outputWidth(spec),
    variables,
    namedVariables: (prefix) => named(variables, names, prefix),
    apply: (x, twice = false) =>
      tf.tidy(() => {
        const [k, batch, width] = x.shape;
        if (k !== members.length || width !== inWidth) throw new Error(`${spec.kind}: input [${x.shape}] does not fit [${members.length}, batch, ${inWidth}]`);
        if (k === 1) return tf.reshape(forward(members[0], tf.reshape(x, [batch, width]) as tf.Tensor2D, twice), [1, batch, -1]) as tf.Tensor3D;
        const parts = (tf.unstack(x) as tf.Tensor2D[]).map((xk, m) => forward(members[m], xk, twice));
        return tf.stack(parts) as tf.Tensor3D;
      }),
    dispose: () => tf.dispose(variables),
  };
}
