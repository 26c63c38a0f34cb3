/**
 * How well a conditional generator obeys its condition on the labelled ring
 * (lib/toy/mixture.ts, class k ↔ mode k): the share of samples G(z, k) whose nearest mode
 * centre is centre k. A generator that ignores its condition scores 1/classes on average.
 */
import { generateMembers } from "../train/members";
import type { GanModel } from "../train/model";
import type { Rng } from "../util/rng";
import { nearestCentre } from "./modes";

/** Per member, the share of `perClass` samples of each class k landing nearest centre k (z from `rng`). */
export function conditionalAccuracy(model: GanModel, centres: readonly (readonly [number, number])[], perClass: number, rng: Rng): number[] {
  const classes = centres.length;
  const c = model.config.condition;
  if (!c || c.classes !== classes) throw new Error(`conditionalAccuracy: the model has ${c ? c.classes : "no"} classes, ${classes} centres given`);
  const n = classes * perClass;
  const labels = Int32Array.from({ length: n }, (_, i) => Math.floor(i / perClass));
  const zs = model.config.members.map((m) => rng.child(`z${m.seed}`).normalArray(n * m.latentDim));
  const points = generateMembers(model, zs, n, zs.map(() => labels));
  return points.map((xy) => {
    let hits = 0;
    labels.forEach((k, i) => {
      if (nearestCentre(centres, xy[2 * i], xy[2 * i + 1]).index === k) hits++;
    });
    return hits / n;
  });
}
