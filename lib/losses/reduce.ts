import * as tf from "@tensorflow/tfjs";

/**
 * E_batch[v]: the mean over the last axis, which every loss of lib/losses treats as the batch.
 * v: [..., batch] → [...] (a scalar for [batch], one value per member for [K, batch]).
 */
export function batchMean(v: tf.Tensor): tf.Tensor {
  return tf.mean(v, -1);
}
