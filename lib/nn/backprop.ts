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

/** What the backward pass reads: every layer's input, pre-activation and output. */
export interface MlpTrace {
  /** hˡ⁻¹ for l = 1..L: [K, batch, fan_in] */
  inputs: tf.Tensor3D[];
  /** vˡ: [K, batch, fan_out] */
  pre: tf.Tensor3D[];
  /** hˡ: [K, batch, fan_out]; the last one is the network's output. */
  outputs: tf.Tensor3D[];
  /** W̃ˡ: [K, fan_in, fan_out] */
  weights: tf.Tensor3D[];
}

/** W̃ˡ: the weights as the forward pass uses them (masked first layer). */
function effectiveWeights(net: Mlp, l: number): tf.Tensor3D {
  const p = net.layers[l];
  return p.mask ? (tf.mul(p.w, p.mask) as tf.Tensor3D) : p.w;
}

/** Forward pass x [K, batch, inputDim] → trace; the output is trace.outputs[L − 1]. Call inside tf.tidy. */
export function forwardTrace(net: Mlp, x: tf.Tensor3D, mode: DenseMode): MlpTrace {
  const trace: MlpTrace = { inputs: [], pre: [], outputs: [], weights: [] };
  let h = x;
  net.spec.layers.forEach((layer, l) => {
    trace.inputs.push(h);
    trace.weights.push(effectiveWeights(net, l));
    const v = tf.add(memberMatMul(h, trace.weights[l], false, false, mode), net.layers[l].b) as tf.Tensor3D;
    trace.pre.push(v);
    h = activate(v, layer.activation) as tf.Tensor3D;
    trace.outputs.push(h);
  });
  return trace;
}

/** The network's output [K, batch, units_L] of a trace. */
export function traceOutput(trace: MlpTrace): tf.Tensor3D {
  return trace.outputs[trace.outputs.length - 1];
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
export function backward(net: Mlp, trace: MlpTrace, dOut: tf.Tensor3D, mode: DenseMode, want: { params: boolean; input: boolean }): MlpGradients {
  const layers = net.spec.layers;
  const params: tf.Tensor[] = new Array(want.params ? 2 * layers.length : 0);
  let dh = dOut;
  for (let l = layers.length - 1; l >= 0; l--) {
    const delta = activationGrad(layers[l].activation, trace.pre[l], trace.outputs[l], dh) as tf.Tensor3D;
    if (want.params) {
      const dw = memberMatMul(trace.inputs[l], delta, true, false, mode);
      const mask = net.layers[l].mask;
      params[2 * l] = mask ? tf.mul(dw, mask) : dw;
      params[2 * l + 1] = tf.sum(delta, 1, true);
    }
    if (l > 0 || want.input) dh = memberMatMul(delta, trace.weights[l], false, true, mode);
  }
  return { params, input: want.input ? dh : undefined };
}
