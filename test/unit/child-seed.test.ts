/**
 * childSeed: member seeds derived from the root SEED over its whole range 0 … 2³²−1. Oracle:
 * the same finaliser written with BigInt (exact 64-bit products, masked to 32 bits).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { childSeed, Rng } from "../../lib/util/rng";

const MASK = 0xffffffffn;
/** fmix32 (MurmurHash3's finaliser) in BigInt arithmetic. */
function fmix32Big(x: bigint): bigint {
  x = ((x ^ (x >> 16n)) * 0x85ebca6bn) & MASK;
  x = ((x ^ (x >> 13n)) * 0xc2b2ae35n) & MASK;
  return (x ^ (x >> 16n)) & MASK;
}
const expected = (root: number, i: number) => Number((fmix32Big(BigInt(root)) + BigInt(i)) & MASK);

test("childSeed matches the BigInt oracle, at the ends of the SEED range and in between", () => {
  for (const root of [0, 1, 2, 1000, 4294966, 4294967, 123456789, 2 ** 31, 4294967294, 4294967295]) {
    for (const i of [0, 1, 4, 999, 4294967295]) assert.equal(childSeed(root, i), expected(root, i), `root ${root}, index ${i}`);
  }
});

test("SEED 0 keeps the member seeds 0, 1, 2, … of the committed runs (root·1000 + i at root 0)", () => {
  for (let i = 0; i < 1000; i++) assert.equal(childSeed(0, i), 0 * 1000 + i);
});

test("SEED 4294967295: every member seed is a valid generator seed; the old root·1000 + i was not", () => {
  const root = 4294967295;
  const seeds = Array.from({ length: 1000 }, (_, i) => childSeed(root, i));
  for (const s of seeds) {
    assert.ok(Number.isInteger(s) && s >= 0 && s <= 0xffffffff, String(s));
    assert.equal(new Rng(s).seed, s);
  }
  assert.equal(new Set(seeds).size, seeds.length);
  assert.throws(() => new Rng(root * 1000 + 0), /Rng seed must be an integer from 0 to 4294967295/);
});

test("members of different roots do not share seeds (roots at both ends of the range)", () => {
  const roots = [0, 1, 2, 3, 7, 4294967293, 4294967294, 4294967295, 3000000000];
  const all = roots.flatMap((r) => Array.from({ length: 200 }, (_, i) => childSeed(r, i)));
  assert.equal(new Set(all).size, all.length);
  // the streams of neighbouring roots differ from the first draw on
  assert.notEqual(new Rng(childSeed(1, 0)).nextUint32(), new Rng(childSeed(2, 0)).nextUint32());
});

test("childSeed refuses what is not a 32-bit root or index, naming the value", () => {
  for (const bad of [-1, 1.5, 4294967296, Number.NaN]) {
    assert.throws(() => childSeed(bad, 0), (e: Error) => e.message.includes(`root seed must be an integer from 0 to 4294967295, got ${bad}`));
    assert.throws(() => childSeed(0, bad), (e: Error) => e.message.includes(`index must be an integer from 0 to 4294967295, got ${bad}`));
  }
});
