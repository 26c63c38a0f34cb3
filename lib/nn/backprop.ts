/**
 * Forward and backward passes of an MLP ensemble (lib/nn/mlp.ts) written out by hand, for
 * training steps that need first derivatives only. tf.grad records every op on a tape, copies
 * each saved input and differentiates broadcasts and reshapes generically; on the native
 * backend, where every op costs ~30–100 µs of dispatch, that bookkeeping cost more than the
 * matrix products. Per layer l (1..L), with x: [K, batch, in]:
 *
 *   forward    vˡ = hˡ⁻¹ · W̃ˡ + bˡ,   hˡ = aˡ(vˡ),   h⁰ = x,   W̃¹ = W¹ ⊙ mask (padded inputs), W̃ˡ = Wˡ
 *   backward   δˡ = aˡ'(vˡ) ⊙ ∂L/∂hˡ                            [K, batch, out]
 *              ∂L/∂Wˡ = hˡ⁻¹ᵀ · δˡ  (⊙ mask for l = 1)          [K, in, out]
 *              ∂L/∂bˡ = Σ_batch δˡ                               [K, 1, out]
 *              ∂L/∂hˡ⁻¹ = δˡ · W̃ˡᵀ                                [K, batch, in]
 *
 * These are the derivatives tfjs's autodiff computes for mlpForward, op for op
 * (test/unit/nn-backprop.test.ts checks them against tf.grads).
 */
import * as tf from "@tensorflow/tfjs";
import { activate, activationGrad } from "./activation";
import { memberMatMul, type DenseMode } from "./dense";
import type { Mlp } from "./mlp";

/**
 * What the backward pass reads, per block of members: every layer's input, pre-activation,
 * output and weights. "plain" runs the ensemble as one block [K, …]; "fast" as K blocks
 * [1, …], each with 2-D products, because splitting a [K, …] tensor by member costs a copy of
 * the whole tensor per member on the wasm backend (its Slice reads the full input back), so
 * the split is done once per network and pass instead of at every product.
 */
export interface MlpTrace {
  blocks: BlockTrace[];
}

interface BlockTrace {
  /** hˡ⁻¹ for l = 1..L: [k, batch, fan_in] */
  inputs: tf.Tensor3D[];
  /** vˡ: [k, batch, fan_out] */
  pre: tf.Tensor3D[];
  /** hˡ: [k, batch, fan_out]; the last one is the block's output. */
  outputs: tf.Tensor3D[];
  /** W̃ˡ: [k, fan_in, fan_out] */
  weights: tf.Tensor3D[];
  /** bˡ: [k, 1, fan_out] */
  biases: tf.Tensor3D[];
  mode: DenseMode;
}

/** W̃ˡ: the weights as the forward pass uses them (masked first layer). */
function effectiveWeights(net: Mlp, l: number): tf.Tensor3D {
  const p = net.layers[l];
  return p.mask ? (tf.mul(p.w, p.mask) as tf.Tensor3D) : p.w;
}

/** The ensemble's K members as blocks: [t] for "plain", K tensors [1, …] for "fast". */
function blocksOf(t: tf.Tensor3D, mode: DenseMode): tf.Tensor3D[] {
  return mode === "plain" || t.shape[0] === 1 ? [t] : (tf.split(t, t.shape[0], 0) as tf.Tensor3D[]);
}

/** The inverse of {@link blocksOf}. */
function joinBlocks(parts: tf.Tensor3D[]): tf.Tensor3D {
  return parts.length === 1 ? parts[0] : (tf.concat(parts, 0) as tf.Tensor3D);
}

/**
 * Forward pass x [K, batch, inputDim] → trace; the output is traceOutput(trace). `sameWeights`:
 * a trace of the same network and mode whose per-block weights are reused (not split again).
 * Call inside tf.tidy.
 */
export function forwardTrace(net: Mlp, x: tf.Tensor3D, mode: DenseMode, sameWeights?: MlpTrace): MlpTrace {
  const weights = sameWeights ? undefined : net.layers.map((_, l) => blocksOf(effectiveWeights(net, l), mode));
  const biases = sameWeights ? undefined : net.layers.map((p) => blocksOf(p.b, mode));
  const blocks = blocksOf(x, mode).map((xb, k) => {
    const trace: BlockTrace = {
      inputs: [],
      pre: [],
      outputs: [],
      weights: sameWeights ? sameWeights.blocks[k].weights : weights!.map((w) => w[k]),
      biases: sameWeights ? sameWeights.blocks[k].biases : biases!.map((b) => b[k]),
      mode,
    };
    let h = xb;
    net.spec.layers.forEach((layer, l) => {
      trace.inputs.push(h);
      const v = tf.add(memberMatMul(h, trace.weights[l], false, false, mode), trace.biases[l]) as tf.Tensor3D;
      trace.pre.push(v);
      h = activate(v, layer.activation) as tf.Tensor3D;
      trace.outputs.push(h);
    });
    return trace;
  });
  return { blocks };
}

/** The network's output [K, batch, units_L] of a trace. */
export function traceOutput(trace: MlpTrace): tf.Tensor3D {
  return joinBlocks(trace.blocks.map((b) => b.outputs[b.outputs.length - 1]));
}

export interface MlpGradients {
  /** ∂L/∂W¹, ∂L/∂b¹, ∂L/∂W², … in the order of mlpVariables; empty unless asked for. */
  params: tf.Tensor[];
  /** ∂L/∂x [K, batch, inputDim]; undefined unless asked for. */
  input?: tf.Tensor3D;
}

/**
 * Backward pass from dOut = ∂L/∂h^L [K, batch, units_L] through the layers of `trace`.
 * `want.params`: weight and bias gradients; `want.input`: the gradient of the input (what a
 * generator step needs from the discriminator). Call inside tf.tidy.
 */
export function backward(net: Mlp, trace: MlpTrace, dOut: tf.Tensor3D, want: { params: boolean; input: boolean }): MlpGradients {
  const layers = net.spec.layers;
  const dOuts = trace.blocks.length === 1 ? [dOut] : (tf.split(dOut, trace.blocks.length, 0) as tf.Tensor3D[]);
  const perBlock = trace.blocks.map((block, k) => {
    const params: tf.Tensor3D[] = [];
    let dh = dOuts[k];
    for (let l = layers.length - 1; l >= 0; l--) {
      const delta = activationGrad(layers[l].activation, block.pre[l], block.outputs[l], dh) as tf.Tensor3D;
      if (want.params) {
        params[2 * l] = memberMatMul(block.inputs[l], delta, true, false, block.mode);
        params[2 * l + 1] = tf.sum(delta, 1, true);
      }
      if (l > 0 || want.input) dh = memberMatMul(delta, block.weights[l], false, true, block.mode);
    }
    return { params, input: dh };
  });
  const params = !want.params
    ? []
    : perBlock[0].params.map((_, i) => {
        const g = joinBlocks(perBlock.map((b) => b.params[i]));
        const mask = i === 0 ? net.layers[0].mask : undefined;
        return mask ? tf.mul(g, mask) : g;
      });
  return { params, input: want.input ? joinBlocks(perBlock.map((b) => b.input)) : undefined };
}
