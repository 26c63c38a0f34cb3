/**
 * The toy datasets of the notebooks, by name.
 *
 * "Why GANs need latent noise of enough dimensions":
 *   gaussian         N(0, I₂)                                                   axes ±4.2
 *   eight-gaussians  0.2·N(0, I₂) + 2·(cos 2πk/8, sin 2πk/8), k uniform in 0..7  axes ±3
 *   spiral           see ./spiral.ts                                            axes ±1
 * the WGAN-GP toy code of Gulrajani et al. (used by the f-GAN/WGAN lecture notes):
 *   wgan-8gaussians   centres 2·{(±1,0), (0,±1), (±1/√2, ±1/√2)}, noise N(0, 0.02²), all / 1.414
 *   wgan-25gaussians  centres 2·{−2..2}², noise std 0.05, all / 2.828
 *   wgan-swissroll    see ./swissroll.ts
 * The WGAN-GP sets are plotted over ±3, the RANGE of its plotting code.
 * Deviation: the WGAN-GP code draws 25gaussians from a fixed pool of 100,000 points (4,000 per
 * mode); here every sample picks its mode uniformly at random, the same distribution.
 */
import { mixtureDataset, ringCentres, type Centre } from "./mixture";
import { spiral } from "./spiral";
import { swissroll } from "./swissroll";
import type { ToyDataset, ToyName } from "./types";

export const gaussian: ToyDataset = mixtureDataset("gaussian", "N(0, I₂)", 4.2, [[0, 0]], 1);

export const eightGaussians: ToyDataset = mixtureDataset(
  "eight-gaussians",
  "0.2·N(0, I₂) + 2·(cos 2πk/8, sin 2πk/8), k ~ U{0..7}",
  3,
  ringCentres(8, 2),
  0.2,
);

/** WGAN-GP's scale divisors (≈ √2 and 2√2 as written in its code). */
const WGAN_8_SCALE = 1.414;
const WGAN_25_SCALE = 2.828;

const wgan8Centres: Centre[] = (() => {
  const s = 1 / Math.sqrt(2);
  const unit: Centre[] = [[1, 0], [-1, 0], [0, 1], [0, -1], [s, s], [s, -s], [-s, s], [-s, -s]];
  return unit.map(([x, y]) => [(2 * x) / WGAN_8_SCALE, (2 * y) / WGAN_8_SCALE] as const);
})();

const wgan25Centres: Centre[] = (() => {
  const out: Centre[] = [];
  for (let x = -2; x <= 2; x++) for (let y = -2; y <= 2; y++) out.push([(2 * x) / WGAN_25_SCALE, (2 * y) / WGAN_25_SCALE]);
  return out;
})();

export const wgan8Gaussians: ToyDataset = mixtureDataset(
  "wgan-8gaussians",
  "(2·c_k + N(0, 0.02²·I₂)) / 1.414, c_k ∈ {(±1,0), (0,±1), (±1/√2, ±1/√2)}",
  3,
  wgan8Centres,
  0.02 / WGAN_8_SCALE,
);

export const wgan25Gaussians: ToyDataset = mixtureDataset(
  "wgan-25gaussians",
  "(2·(i, j) + N(0, 0.05²·I₂)) / 2.828, i, j ∈ {−2..2}",
  3,
  wgan25Centres,
  0.05 / WGAN_25_SCALE,
);

const registry: Record<ToyName, ToyDataset> = {
  gaussian,
  "eight-gaussians": eightGaussians,
  spiral,
  "wgan-8gaussians": wgan8Gaussians,
  "wgan-25gaussians": wgan25Gaussians,
  "wgan-swissroll": swissroll,
};

export const TOY_NAMES = Object.keys(registry) as ToyName[];

/** The dataset called `name`; throws naming the allowed names otherwise. */
export function toyDataset(name: string): ToyDataset {
  const d = (registry as Record<string, ToyDataset | undefined>)[name];
  if (!d) throw new Error(`toyDataset: unknown name "${name}"; allowed: ${TOY_NAMES.join(", ")}`);
  return d;
}
