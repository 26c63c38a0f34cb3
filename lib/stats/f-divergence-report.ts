/**
 * The f-divergence table of lib/stats/f-divergence.ts as rows a notebook can print: the
 * formulas (Unicode) beside numbers that check them against the numerical conjugates of
 * lib/stats/conjugate.ts,
 *
 *   conjugate_gap   max_t |f*(t) − sup_u (u·t − f(u))|       over t = g_f(v), v ∈ {−3, …, 1.9}
 *   biconjugate_gap max_u |f**(u) − f(u)|, f** = sup_t (t·u − f*(t)) over dom f*, u ∈ [0.05, 20]
 *   fenchel_young_gap max_u |u·f′(u) − f*(f′(u)) − f(u)|     (the bound is tight at T* = f′(p/q))
 *   min_f2          min over u of the second difference of f / h² (≥ 0: f convex)
 *   activation_in_domain  g_f(v) ∈ dom f* for every v ∈ [−30, 30]
 *   unbounded_outside     the sup defining f*(t) runs off to +∞ just above dom f* (or dom f* = ℝ)
 *
 * Every gap is ≈ 0 (to the golden-section search's precision, ~1e−12) exactly when the closed
 * form is right; a table with a wrong f* gives a gap of order 1 (the test feeds one).
 */
import { biconjugateGap, conjugateGap, inInterval, minSecondDifference, numericalConjugate } from "./conjugate";
import { F_DIVERGENCES, F_DIVERGENCE_TABLE, type FDivergence, type FDivergenceTable } from "./f-divergence";

/** The formulas of each row, as f-GAN's table writes them (this project's conventions). */
export const F_DIVERGENCE_FORMULAS: Record<FDivergence, { f: string; fPrime: string; conjugate: string; domain: string; activation: string }> = {
  kl: { f: "u log u", fPrime: "1 + log u", conjugate: "e^(t−1)", domain: "ℝ", activation: "v" },
  "reverse-kl": { f: "−log u", fPrime: "−1/u", conjugate: "−1 − log(−t)", domain: "t < 0", activation: "−e^(−v)" },
  pearson: { f: "(u − 1)²", fPrime: "2(u − 1)", conjugate: "t²/4 + t", domain: "ℝ", activation: "v" },
  "squared-hellinger": { f: "(√u − 1)²", fPrime: "1 − 1/√u", conjugate: "t/(1 − t)", domain: "t < 1", activation: "1 − e^(−v)" },
  "jensen-shannon": { f: "u log u − (u + 1) log((u + 1)/2)", fPrime: "log(2u/(u + 1))", conjugate: "−log(2 − e^t)", domain: "t < log 2", activation: "log 2 − log(1 + e^(−v))" },
  gan: { f: "u log u − (u + 1) log(u + 1)", fPrime: "log(u/(u + 1))", conjugate: "−log(1 − e^t)", domain: "t < 0", activation: "−log(1 + e^(−v))" },
};

/** u = p/q from 0.05 to 20, log-spaced (41 points). */
export const CHECK_US: readonly number[] = Array.from({ length: 41 }, (_, i) => 0.05 * 400 ** (i / 40));
/** raw outputs v from −30 to 30 */
const CHECK_VS: readonly number[] = Array.from({ length: 121 }, (_, i) => -30 + i * 0.5);
/** raw outputs whose g_f gives t values well inside dom f* */
const INSIDE_VS = [-3, -1.5, -0.4, 0, 0.7, 1.9];

export interface FDivergenceCheckRow {
  divergence: FDivergence;
  name: string;
  f: string;
  "f′": string;
  "f*": string;
  "dom f*": string;
  g_f: string;
  "f(1)": number;
  conjugate_gap: number;
  biconjugate_gap: number;
  fenchel_young_gap: number;
  min_f2: number;
  activation_in_domain: boolean;
  unbounded_outside: boolean;
}

/** The checks of one row of `table` (default: the project's table). */
export function checkFDivergence(div: FDivergence, table: Record<FDivergence, FDivergenceTable> = F_DIVERGENCE_TABLE): FDivergenceCheckRow {
  const d = table[div];
  const formulas = F_DIVERGENCE_FORMULAS[div];
  const hi = d.conjugateDomain.hi;
  let fenchelYoung = 0;
  for (const u of CHECK_US) {
    const t = d.fPrime(u);
    fenchelYoung = Math.max(fenchelYoung, Math.abs(u * t - d.conjugate(t) - d.f(u)));
  }
  const beyond = Number.isFinite(hi) ? numericalConjugate(d.f, hi + 0.5, d.generatorDomain) : undefined;
  return {
    divergence: div,
    name: d.label,
    f: formulas.f,
    "f′": formulas.fPrime,
    "f*": formulas.conjugate,
    "dom f*": formulas.domain,
    g_f: formulas.activation,
    "f(1)": d.f(1),
    conjugate_gap: conjugateGap(d.f, d.conjugate, d.generatorDomain, INSIDE_VS.map(d.activation)),
    biconjugate_gap: biconjugateGap(d.f, d.conjugate, d.conjugateDomain, CHECK_US),
    fenchel_young_gap: fenchelYoung,
    min_f2: minSecondDifference(d.f, CHECK_US),
    activation_in_domain: CHECK_VS.every((v) => inInterval(d.activation(v), d.conjugateDomain)),
    unbounded_outside: beyond === undefined || (beyond.atSearchEdge && beyond.value > 1e6),
  };
}

/** One checked row per divergence of the table, in f-GAN's order. */
export function fDivergenceCheckTable(table: Record<FDivergence, FDivergenceTable> = F_DIVERGENCE_TABLE): FDivergenceCheckRow[] {
  return F_DIVERGENCES.map((div) => checkFDivergence(div, table));
}
