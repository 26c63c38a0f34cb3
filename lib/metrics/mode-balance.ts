/**
 * How evenly a generator spreads its samples over the modes of a mixture, beyond "covered or
 * not" (lib/metrics/modes.ts): from the high-quality counts c_k per mode (M modes, C = Σc_k),
 *
 *   shares         s_k = c_k / C                                   (a fair share is 1/M)
 *   coverage       modes with c_k ≥ minShare·C/M, i.e. at least a fraction `minShare` of a fair
 *                  share (default ½), so a mode holding 0.3 % of 8 modes' samples is not "covered"
 *   entropy        H(s) / log M ∈ [0, 1]  (1: perfectly even; 0: one mode)
 *   JSD to uniform JS(s ‖ u) = ½KL(s ‖ m) + ½KL(u ‖ m), m = (s + u)/2, in nats, ∈ [0, log 2]
 *
 * PacGAN (Lin et al. 2018) reports such a divergence between the mode histogram and uniform.
 * With no high-quality sample at all the shares are undefined: entropy and JSD are NaN.
 */

export interface ModeBalance {
  shares: number[];
  /** Modes holding at least `minShare` of a fair share. */
  covered: number;
  /** The smallest share s_k. */
  minShare: number;
  /** H(s) / log M. */
  entropy: number;
  /** JS(s ‖ uniform) in nats. */
  jsdToUniform: number;
}

export const DEFAULT_MIN_FAIR_SHARE = 0.5;

export function modeBalance(perMode: readonly number[], minFairShare = DEFAULT_MIN_FAIR_SHARE): ModeBalance {
  const m = perMode.length;
  if (m < 2) throw new Error(`modeBalance: needs at least 2 modes, got ${m}`);
  if (perMode.some((c) => !(c >= 0))) throw new Error(`modeBalance: counts must be ≥ 0, got [${perMode}]`);
  const total = perMode.reduce((a, b) => a + b, 0);
  const shares = perMode.map((c) => (total > 0 ? c / total : NaN));
  const xlogx = (p: number) => (p > 0 ? p * Math.log(p) : 0);
  const entropy = -shares.reduce((a, s) => a + xlogx(s), 0) / Math.log(m);
  const u = 1 / m;
  let jsd = 0;
  for (const s of shares) {
    const mid = (s + u) / 2;
    jsd += 0.5 * (s > 0 ? s * Math.log(s / mid) : 0) + 0.5 * u * Math.log(u / mid);
  }
  return {
    shares,
    covered: total > 0 ? shares.filter((s) => s >= minFairShare * u).length : 0,
    minShare: Math.min(...shares),
    entropy: total > 0 ? entropy : NaN,
    jsdToUniform: total > 0 ? jsd : NaN,
  };
}
