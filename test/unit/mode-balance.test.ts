/**
 * lib/metrics/mode-balance against closed forms: an even histogram has entropy 1, JSD 0 and
 * every mode covered; one mode only has entropy 0 and JSD = JS(δ ‖ u) in closed form; the
 * notebook-05 case the old rule passed (two of eight modes with 0.3 % and 1.2 % of the samples)
 * is counted as 6 covered modes, not 8; two modes with 0 counts give JSD by hand.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { modeBalance } from "../../lib/metrics/mode-balance";

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test("an even histogram: entropy 1, JSD 0, all covered", () => {
  const b = modeBalance([125, 125, 125, 125, 125, 125, 125, 125]);
  close(b.entropy, 1, 1e-15, "entropy");
  close(b.jsdToUniform, 0, 1e-15, "JSD");
  assert.equal(b.covered, 8);
});

test("one mode only: entropy 0, JSD = ½(log(2M/(M+1)) + (M−1)/M·log 2 + 1/M·log(2/(M+1)))", () => {
  const m = 8;
  const b = modeBalance([0, 0, 1000, 0, 0, 0, 0, 0]);
  close(b.entropy, 0, 1e-15, "entropy");
  // s = δ: mid = (1 + 1/M)/2 at the mode, 1/(2M) elsewhere
  const expected = 0.5 * Math.log(1 / ((1 + 1 / m) / 2)) + 0.5 * ((1 / m) * Math.log((1 / m) / ((1 + 1 / m) / 2)) + ((m - 1) / m) * Math.log(2));
  close(b.jsdToUniform, expected, 1e-14, "JSD");
  assert.equal(b.covered, 1);
});

test("two near-dead modes (0.3 % and 1.2 % of the samples) are not covered, though each has samples", () => {
  const n = 5000;
  const dead = [0.003 * n, 0.012 * n];
  const rest = (n - dead[0] - dead[1]) / 6;
  const b = modeBalance([dead[0], rest, rest, dead[1], rest, rest, rest, rest]);
  assert.equal(b.covered, 6, "half a fair share (6.25 %) is the bar");
  assert.ok(b.entropy < 0.92 && b.jsdToUniform > 0.05, `entropy ${b.entropy}, JSD ${b.jsdToUniform}`);
});

test("two empty modes of four: JSD by hand", () => {
  const b = modeBalance([50, 50, 0, 0]);
  // s = (½, ½, 0, 0), u = ¼: mid = (3/8, 3/8, 1/8, 1/8)
  const kl1 = 2 * 0.5 * Math.log(0.5 / 0.375);
  const kl2 = 2 * 0.25 * Math.log(0.25 / 0.375) + 2 * 0.25 * Math.log(0.25 / 0.125);
  close(b.jsdToUniform, 0.5 * kl1 + 0.5 * kl2, 1e-15, "JSD");
  close(b.entropy, 0.5, 1e-15, "entropy log 2 / log 4");
  assert.equal(b.covered, 2);
});

test("bad input is refused, no samples gives NaN", () => {
  assert.throws(() => modeBalance([3]), /at least 2 modes/);
  assert.throws(() => modeBalance([1, -1]), /≥ 0/);
  const b = modeBalance([0, 0, 0]);
  assert.ok(Number.isNaN(b.entropy) && Number.isNaN(b.jsdToUniform));
  assert.equal(b.covered, 0);
});
