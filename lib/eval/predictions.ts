/**
 * What a classifier's outputs say about a set of images, as plain arrays: class probabilities
 * p = softmax(logits) per image, the predicted label argmax p, the confidence max p, accuracy,
 * and the number of label changes along a walk (a path of images).
 *
 *   probabilities: [n, C] row-major;  labels: [n]
 */

/** Row-wise softmax of logits [n, C] (row-major) in float64, max-shifted: → [n, C]. */
export function softmaxRows(logits: ArrayLike<number>, classes: number): Float64Array {
  if (logits.length % classes !== 0) throw new Error(`softmaxRows: ${logits.length} logits do not form rows of ${classes} classes`);
  const n = logits.length / classes;
  const out = new Float64Array(logits.length);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[i * classes + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += out[i * classes + c] = Math.exp(logits[i * classes + c] - max);
    for (let c = 0; c < classes; c++) out[i * classes + c] /= sum;
  }
  return out;
}

/** argmax per row of [n, C] (the first maximum on ties) → [n]. */
export function predictedLabels(probabilities: ArrayLike<number>, classes: number): Int32Array {
  const n = probabilities.length / classes;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probabilities[i * classes + c] > probabilities[i * classes + best]) best = c;
    out[i] = best;
  }
  return out;
}

/** max_c p[i, c] per row → [n]: the classifier's confidence in its own prediction. */
export function maxProbabilities(probabilities: ArrayLike<number>, classes: number): Float64Array {
  return Float64Array.from(predictedLabels(probabilities, classes), (c, i) => probabilities[i * classes + c]);
}

/** Mean over images of max_c p: 1/C for a classifier that has no idea, 1 for a certain one. */
export function meanMaxProbability(probabilities: ArrayLike<number>, classes: number): number {
  const m = maxProbabilities(probabilities, classes);
  return m.reduce((s, v) => s + v, 0) / m.length;
}

/** Share of positions where `predicted` equals `truth`. */
export function accuracy(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  if (predicted.length !== truth.length || truth.length === 0) throw new Error(`accuracy: ${predicted.length} predictions for ${truth.length} labels`);
  let hits = 0;
  for (let i = 0; i < truth.length; i++) if (predicted[i] === truth[i]) hits++;
  return hits / truth.length;
}

/**
 * Number of steps i → i+1 along a walk where the label changes; `closed`: the walk is a loop
 * and the step from the last frame back to the first counts too.
 */
export function labelChanges(labels: ArrayLike<number>, closed = false): number {
  let changes = 0;
  for (let i = 0; i + 1 < labels.length; i++) if (labels[i] !== labels[i + 1]) changes++;
  if (closed && labels.length > 1 && labels[labels.length - 1] !== labels[0]) changes++;
  return changes;
}
