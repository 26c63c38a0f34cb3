/**
 * The quality of generated 2-D samples on a toy mixture, in one record: mode coverage and
 * sample quality (VEEGAN / PacGAN, ./modes.ts) and both directions of the kNN estimate of the
 * KL divergence (./kl-knn.ts), as the GAN comparisons of the notebooks report them.
 *
 *   modes_covered   modes with ≥ `minCount` samples within 3σ of their centre      [0, M]
 *   high_quality    share of samples within 3σ of the nearest centre               [0, 1]
 *   kl_data_model   D̂(P_data‖P_G): large when G misses modes                        nats
 *   kl_model_data   D̂(P_G‖P_data): large when G puts samples off the data           nats
 *
 * `real` and `fake` are [n, 2] row-major; both KLs use k = 5 neighbours.
 */
import { knnKl } from "./kl-knn";
import { modeStats, type ModeOptions } from "./modes";
import type { Points, ToyDataset } from "../toy/types";

export interface ToyQuality {
  modes_covered: number;
  high_quality: number;
  kl_data_model: number;
  kl_model_data: number;
}

/** The four numbers above for `fake` against `real`, both drawn from (or meant to match) `data`. */
export function toyQuality(data: Pick<ToyDataset, "name" | "modes" | "modeStd">, real: Points, fake: Points, opts: ModeOptions = {}): ToyQuality {
  if (data.modes.length === 0 || data.modeStd === undefined) throw new Error(`toyQuality: dataset "${data.name}" has no isolated modes (modes and modeStd are needed)`);
  if (real.length % 2 !== 0 || fake.length % 2 !== 0) throw new Error(`toyQuality: point sets must be [n, 2], got lengths ${real.length} and ${fake.length}`);
  const m = modeStats(fake, data.modes, data.modeStd, opts);
  return { modes_covered: m.modesCovered, high_quality: m.highQualityFraction, kl_data_model: knnKl(real, fake, 2), kl_model_data: knnKl(fake, real, 2) };
}
