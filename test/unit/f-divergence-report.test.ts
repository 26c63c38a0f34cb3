/**
 * The notebook's f-divergence table (lib/stats/f-divergence-report.ts): every check is ≈ 0 or
 * true for the project's table, and a table with a wrong conjugate, a wrong activation or a
 * concave f is caught (must fail).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkFDivergence, fDivergenceCheckTable } from "../../lib/stats/f-divergence-report";
import { F_DIVERGENCE_TABLE, F_DIVERGENCES } from "../../lib/stats/f-divergence";

test("every row of the table passes: gaps < 1e−11, f convex, g_f into dom f*, f* = +∞ above its domain", () => {
  const rows = fDivergenceCheckTable();
  assert.deepEqual(rows.map((r) => r.divergence), [...F_DIVERGENCES]);
  for (const r of rows) {
    for (const gap of ["conjugate_gap", "biconjugate_gap", "fenchel_young_gap"] as const) assert.ok(r[gap] < 1e-11, `${r.divergence} ${gap} ${r[gap]}`);
    assert.ok(r.min_f2 > 0 && r.activation_in_domain && r.unbounded_outside, r.divergence);
    assert.ok(Math.abs(r["f(1)"] - (r.divergence === "gan" ? -Math.log(4) : 0)) < 1e-15, `${r.divergence} f(1) ${r["f(1)"]}`);
  }
  assert.equal(rows.find((r) => r.divergence === "reverse-kl")?.["f*"], "−1 − log(−t)");
  assert.equal(rows.find((r) => r.divergence === "jensen-shannon")?.["dom f*"], "t < log 2");
});

test("a wrong conjugate, a wrong activation and a concave f are caught (must fail)", () => {
  const wrongKl = { ...F_DIVERGENCE_TABLE, kl: { ...F_DIVERGENCE_TABLE.kl, conjugate: (t: number) => Math.exp(t) } };
  const kl = checkFDivergence("kl", wrongKl);
  assert.ok(kl.conjugate_gap > 0.1 && kl.biconjugate_gap > 1 && kl.fenchel_young_gap > 0.1, `${kl.conjugate_gap} ${kl.biconjugate_gap} ${kl.fenchel_young_gap}`);
  const h = F_DIVERGENCE_TABLE["squared-hellinger"];
  assert.equal(checkFDivergence("squared-hellinger", { ...F_DIVERGENCE_TABLE, "squared-hellinger": { ...h, activation: (v: number) => v } }).activation_in_domain, false);
  const concave = checkFDivergence("kl", { ...F_DIVERGENCE_TABLE, kl: { ...F_DIVERGENCE_TABLE.kl, f: (u: number) => -u * Math.log(u) } });
  assert.ok(concave.min_f2 < 0);
  // a domain bound set too high: the sup just above it is finite, not +∞
  const js = F_DIVERGENCE_TABLE["jensen-shannon"];
  assert.equal(checkFDivergence("jensen-shannon", { ...F_DIVERGENCE_TABLE, "jensen-shannon": { ...js, conjugateDomain: { lo: -Infinity, hi: -1 } } }).unbounded_outside, false);
});
