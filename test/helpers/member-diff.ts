/** Comparing member k of an ensemble with the same network trained alone. */
import type * as tf from "@tensorflow/tfjs";

/** max |ensemble[k] − alone[0]| over every variable (shapes [K, …] and [1, …], same order). */
export function maxMemberDifference(ensemble: readonly tf.Variable[], alone: readonly tf.Variable[], k: number): number {
  let worst = 0;
  ensemble.forEach((v, i) => {
    const e = (v.arraySync() as number[][][])[k].flat(), a = (alone[i].arraySync() as number[][][])[0].flat();
    e.forEach((x, j) => (worst = Math.max(worst, Math.abs(x - a[j]))));
  });
  return worst;
}
