/**
 * Everything measured on one generated sample set of a 2-D toy data set, as one table row:
 *
 * - KL both ways by the kNN estimator (./kl-knn.ts) and by the grid estimator (./kl-grid.ts,
 *   20 × 20 cells over the plot square plus a border ring); D(P_data‖P_G) punishes missing data,
 *   D(P_G‖P_data) samples where there are none. For a generator on a curve (1-D latent) both
 *   are +∞ in truth and the kNN estimate grows like log n: only rankings mean something there;
 * - mean, variance and the mean's offset ‖mean‖ of the samples;
 * - on a mixture with several modes: the VEEGAN/PacGAN counts (./modes.ts: modes with ≥ 1
 *   high-quality sample, high-quality share), the balance over modes (./mode-balance.ts: modes
 *   holding at least half a fair share, the smallest share, coverage entropy, JSD to uniform) and
 *   the share of samples off every mode;
 * - on the spiral: the share off the band and the number of omitted stretches.
 * Keys that do not apply to a data set are absent (an empty CSV cell).
 */
import type { ToyDataset } from "../toy/types";
import { gridKl } from "./kl-grid";
import { knnKlDetailed } from "./kl-knn";
import { modeBalance } from "./mode-balance";
import { modeStats } from "./modes";
import { offModesShare, offSpiralShare, spiralCoverage } from "./offmanifold";

/** Grid cells per axis of the grid KL. */
const GRID_BINS = 20;

export type ToyMetrics = Record<string, number>;

/** The metrics of `fake` ([n, 2] row-major) against `real` ([m, 2]) of data set `data`. */
export function toyMetrics(data: ToyDataset, real: ArrayLike<number>, fake: ArrayLike<number>): ToyMetrics {
  const realPts = Float64Array.from(real);
  const fakePts = Float64Array.from(fake);
  const fwd = knnKlDetailed(realPts, fakePts, 2);
  const rev = knnKlDetailed(fakePts, realPts, 2);
  const grid = { lo: -data.axis, hi: data.axis, bins: GRID_BINS };
  const g1 = gridKl(realPts, fakePts, grid);
  const g2 = gridKl(fakePts, realPts, grid);
  const n = fakePts.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += fakePts[2 * i];
    my += fakePts[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < n; i++) {
    vx += (fakePts[2 * i] - mx) ** 2;
    vy += (fakePts[2 * i + 1] - my) ** 2;
  }
  const row: ToyMetrics = {
    samples: n,
    kl_data_model: fwd.value,
    kl_model_data: rev.value,
    knn_floored: fwd.floored + rev.floored,
    grid_kl_data_model: g1.value,
    grid_kl_model_data: g2.value,
    fake_outside_plot: g1.outsideY,
    mean_x: mx,
    mean_y: my,
    mean_offset: Math.hypot(mx, my),
    var_x: vx / (n - 1),
    var_y: vy / (n - 1),
  };
  if (data.modes.length > 1) {
    const s = modeStats(fakePts, data.modes, data.modeStd!);
    const b = modeBalance(s.perMode);
    Object.assign(row, {
      modes_covered: s.modesCovered,
      modes_fair: b.covered,
      min_mode_share: b.minShare,
      mode_entropy: b.entropy,
      mode_jsd: b.jsdToUniform,
      high_quality: s.highQualityFraction,
      off_manifold: offModesShare(fakePts, data.modes, data.modeStd!),
    });
    s.perMode.forEach((c, k) => (row[`mode_${k}_share`] = s.highQuality > 0 ? c / s.highQuality : NaN));
  }
  if (data.name === "spiral") {
    row.off_manifold = offSpiralShare(fakePts);
    row.spiral_gaps = spiralCoverage(fakePts).gaps;
  }
  return row;
}
