import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../lib/util/rng";
import { KdTree, kthNeighbourDistances } from "../../lib/metrics/kdtree";
import { knnKl, knnKlBoth, knnKlDetailed } from "../../lib/metrics/kl-knn";
import { gridCounts, gridKl } from "../../lib/metrics/kl-grid";

/** n draws of N(mean, diag(sd²)) in dim = mean.length, flat [n, dim]. */
function gaussianSample(n: number, mean: number[], sd: number[], rng: Rng): Float64Array {
  const d = mean.length;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = mean[j] + sd[j] * rng.normal();
  return out;
}

/** Closed form KL(N(m0, diag s0²) ‖ N(m1, diag s1²)). */
function klDiag(m0: number[], s0: number[], m1: number[], s1: number[]): number {
  let k = 0;
  for (let j = 0; j < m0.length; j++) {
    const r = (s0[j] / s1[j]) ** 2;
    k += 0.5 * (r + ((m1[j] - m0[j]) / s1[j]) ** 2 - 1 - Math.log(r));
  }
  return k;
}

const REPLICATES = 4;
const N = 5000;

/**
 * Mean of the k-NN estimate over independent replicate pairs of 5,000 vs 5,000 samples. One pair
 * has a standard deviation of ≈ 0.03–0.04 nats at KL ≈ 0.5 (measured); averaging 4 halves it,
 * so a tolerance of 0.05 nats sits at about 3 standard errors.
 */
function meanEstimate(seed: number, p: [number[], number[]], q: [number[], number[]]): number {
  const rng = new Rng(seed);
  let s = 0;
  for (let r = 0; r < REPLICATES; r++) {
    s += knnKl(gaussianSample(N, p[0], p[1], rng.child(`x${r}`)), gaussianSample(N, q[0], q[1], rng.child(`y${r}`)), p[0].length);
  }
  return s / REPLICATES;
}

test("k-d tree: k-th neighbour distances equal brute force (2-D and 3-D, self and cross queries)", () => {
  const rng = new Rng(11);
  for (const dim of [2, 3]) {
    const pts = gaussianSample(700, new Array(dim).fill(0), new Array(dim).fill(1), rng);
    // Duplicate one point so a zero distance must be found.
    for (let j = 0; j < dim; j++) pts[5 * dim + j] = pts[9 * dim + j];
    const qs = gaussianSample(300, new Array(dim).fill(0.3), new Array(dim).fill(1.5), rng);
    const tree = new KdTree(pts, dim);
    for (const k of [1, 4]) {
      const self = kthNeighbourDistances(tree, pts, k, true);
      const cross = kthNeighbourDistances(tree, qs, k);
      const brute = (q: Float64Array, skip: number) => {
        const d: number[] = [];
        for (let i = 0; i < 700; i++) {
          if (i === skip) continue;
          let s = 0;
          for (let j = 0; j < dim; j++) s += (q[j] - pts[i * dim + j]) ** 2;
          d.push(Math.sqrt(s));
        }
        return d.sort((a, b) => a - b)[k - 1];
      };
      for (let i = 0; i < 700; i++) assert.equal(self[i], brute(pts.subarray(i * dim, i * dim + dim), i));
      for (let i = 0; i < 300; i++) assert.equal(cross[i], brute(qs.subarray(i * dim, i * dim + dim), -1));
      if (k === 1) assert.equal(self[5], 0);
    }
  }
});

test("k-d tree: a point repeated more than k + 1 times; excluding an index the search may not return", () => {
  // 10 copies of (0.5, 0.5) among 40 distinct points: a self query of a copy has k ≤ 9 neighbours at 0
  const pts = new Float64Array(100);
  for (let i = 0; i < 50; i++) {
    pts[2 * i] = i < 10 ? 0.5 : (i * 0.37) % 3;
    pts[2 * i + 1] = i < 10 ? 0.5 : (i * 0.61) % 2;
  }
  const tree = new KdTree(pts, 2);
  for (const k of [1, 5, 9, 10]) {
    const self = kthNeighbourDistances(tree, pts, k, true);
    for (let i = 0; i < 10; i++) {
      const others: number[] = [];
      for (let j = 0; j < 50; j++) if (j !== i) others.push(Math.hypot(pts[2 * j] - 0.5, pts[2 * j + 1] - 0.5));
      others.sort((a, b) => a - b);
      assert.equal(self[i], others[k - 1], `copy ${i}, k = ${k}`);
    }
    assert.ok(k < 10 ? self[0] === 0 : self[0] > 0, `k = ${k}: the ${k}-th neighbour of a copy is another copy only while k ≤ 9`);
  }
  // the nearest list never holds the excluded index, and is sorted
  const nb = tree.nearest([0.5, 0.5], 12, 3);
  assert.ok(nb.every((x) => x.index !== 3));
  assert.ok(nb.every((x, i) => i === 0 || nb[i - 1].distance <= x.distance));
  assert.throws(() => tree.nearest([0.5, 0.5], 50, 3), /k 50 exceeds the 49 candidate points/);
  assert.throws(() => tree.nearest([0.5], 1), /query has 1 coordinates, the tree 2/);
});

test("k-NN KL, 2-D: N(0,I) vs N((1,0),I) is 0.5 both ways; identical distributions give ≈ 0", () => {
  const want = klDiag([0, 0], [1, 1], [1, 0], [1, 1]);
  assert.ok(Math.abs(want - 0.5) < 1e-15);
  const fwd = meanEstimate(21, [[0, 0], [1, 1]], [[1, 0], [1, 1]]);
  const rev = meanEstimate(22, [[1, 0], [1, 1]], [[0, 0], [1, 1]]);
  assert.ok(Math.abs(fwd - want) < 0.05, `forward ${fwd}`);
  assert.ok(Math.abs(rev - want) < 0.05, `reverse ${rev}`);
  const same = meanEstimate(23, [[0, 0], [1, 1]], [[0, 0], [1, 1]]);
  assert.ok(Math.abs(same) < 0.02, `identical ${same}`);
});

test("k-NN KL, 2-D diagonal Gaussians with different scales: P = N(0, diag(1, 0.25)), Q = N((0.5, −0.5), diag(2.25, 1))", () => {
  const p: [number[], number[]] = [[0, 0], [1, 0.5]];
  const q: [number[], number[]] = [[0.5, -0.5], [1.5, 1]];
  const want = klDiag(p[0], p[1], q[0], q[1]); // 0.626
  const got = meanEstimate(31, p, q);
  assert.ok(Math.abs(got - want) < 0.05, `${got} vs ${want}`);
});

test("k-NN KL, 1-D both directions: N(0,1) vs N(0.5, 1.2²)", () => {
  const a: [number[], number[]] = [[0], [1]];
  const b: [number[], number[]] = [[0.5], [1.2]];
  const ab = meanEstimate(41, a, b), ba = meanEstimate(42, b, a);
  assert.ok(Math.abs(ab - klDiag(a[0], a[1], b[0], b[1])) < 0.03, `${ab}`);
  assert.ok(Math.abs(ba - klDiag(b[0], b[1], a[0], a[1])) < 0.03, `${ba}`);
});

test("k-NN KL: the formula on a hand-checkable 1-D set with k = 1", () => {
  // x = {0, 1, 3}, y = {0.5, 2}: ρ = (1, 1, 2), ν = (0.5, 0.5, 1); D̂ = (1/3)·Σ log(ν/ρ) + log(2/2).
  const got = knnKl([0, 1, 3], [0.5, 2], 1, { k: 1 });
  assert.ok(Math.abs(got - Math.log(0.5)) < 1e-15, `${got}`);
  const both = knnKlBoth([0, 1, 3], [0.5, 2], 1, { k: 1 });
  assert.equal(both.dataToModel, got);
  // y = {0.5, 2} against x = {0, 1, 3}: ρ = (1.5, 1.5), ν = (0.5, 1); n = 2, m = 3.
  assert.ok(Math.abs(both.modelToData - (0.5 * (Math.log(0.5 / 1.5) + Math.log(1 / 1.5)) + Math.log(3 / 1))) < 1e-15);
});

test("k-NN KL: exact duplicates are floored and counted, the estimate stays finite", () => {
  const x = [0, 0, 0, 1, 2]; // three copies of 0
  const r = knnKlDetailed(x, [0.5, 1.5, 2.5], 1, { k: 1, minDistance: 1e-6 });
  assert.equal(r.floored, 3);
  // ρ = (1e−6 ×3, 1, 1), ν = (0.5, 0.5, 0.5, 0.5, 0.5)
  const want = (1 / 5) * (3 * Math.log(0.5 / 1e-6) + 2 * Math.log(0.5)) + Math.log(3 / 4);
  assert.ok(Math.abs(r.value - want) < 1e-12, `${r.value} vs ${want}`);
});

test("grid KL: points outside the plotting range are counted in the border ring, none dropped", () => {
  const pts = [0.5, 0.5, -5, 0.2, 7, 9, 0.1, -0.9, 1, 1];
  const { counts, outside } = gridCounts(pts, -1, 1, 4);
  assert.equal(outside, 2);
  assert.equal(counts.reduce((a, b) => a + b, 0), 5);
  const side = 6;
  assert.equal(counts[(1 + 2) * side + 0], 1); // (−5, 0.2): left border column, row of y = 0.2
  assert.equal(counts[5 * side + 5], 1); // (7, 9): top-right corner cell
  assert.equal(counts[4 * side + 4], 2); // (1, 1) on the upper edge joins (0.5, 0.5) in the last inner cell
  const r = gridKl(pts, [0, 0], { lo: -1, hi: 1, bins: 4 });
  assert.equal(r.outsideX, 2);
  assert.equal(r.outsideY, 0);
  assert.equal(r.cells, 36);
});

test("grid KL: equals the smoothed plug-in sum computed by hand", () => {
  // One inner cell (bins = 1) plus the ring: 9 cells. x: 2 inside, 1 far left; y: 1 inside.
  const x = [0, 0, 0.1, 0.1, -3, 0];
  const y = [0.2, 0.2];
  const alpha = 1;
  const p = (c: number) => (c + alpha) / (3 + 9 * alpha);
  const q = (c: number) => (c + alpha) / (1 + 9 * alpha);
  const want = p(2) * Math.log(p(2) / q(1)) + p(1) * Math.log(p(1) / q(0)) + 7 * p(0) * Math.log(p(0) / q(0));
  const got = gridKl(x, y, { lo: -1, hi: 1, bins: 1, alpha }).value;
  assert.ok(Math.abs(got - want) < 1e-15, `${got} vs ${want}`);
});

test("grid KL on Gaussians: close to the closed form with 50,000 samples, ≈ 0 for identical ones", () => {
  const rng = new Rng(51);
  const n = 50000;
  const x = gaussianSample(n, [0, 0], [1, 1], rng);
  const y = gaussianSample(n, [1, 0], [1, 1], rng);
  const z = gaussianSample(n, [0, 0], [1, 1], rng);
  const d = gridKl(x, y, { lo: -4.2, hi: 4.2, bins: 20 }).value;
  // Discretisation lowers it, sampling raises it (≈ C/2n ≈ 0.005); 0.05 covers both.
  assert.ok(Math.abs(d - 0.5) < 0.05, `${d}`);
  assert.ok(Math.abs(gridKl(x, z, { lo: -4.2, hi: 4.2, bins: 20 }).value) < 0.02);
});
